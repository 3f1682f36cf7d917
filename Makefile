# make run  — install into .venv (when needed), ingest plans_corpus/ into an empty data folder, start API + console
# make test — install into .venv (when needed) and run the whole test suite
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
UI_PORT ?= 8501

.PHONY: install run test lint eval bench samples

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev,ocr]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/planassist up --seed plans_corpus --host $(HOST) --port $(PORT) --ui-port $(UI_PORT)

test: install
	bash scripts/ensure_browser.sh
	$(PY) -m pytest -q -ra

lint: install
	$(VENV)/bin/ruff check assistant retrieval ui evals tests scripts

eval: install
	$(VENV)/bin/planassist eval

bench: install
	$(PY) evals/bench_ingest.py
	$(PY) evals/bench_search.py

samples: install
	$(PY) scripts/build_sample_docs.py
