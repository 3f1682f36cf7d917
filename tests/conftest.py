"""Shared fixtures: the real corpus beside the checkout, data folders with real ingests (session-scoped)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = REPO / "plans_corpus"


def shared_corpus_path() -> Path:
    return Path(os.environ.get("PLANASSIST_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    path = shared_corpus_path()
    if not (path / "MANIFEST.tsv").exists():
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test writes to the user's data folder."""
    monkeypatch.setenv("PLANASSIST_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def corpus_assistant(shared_corpus, tmp_path_factory):
    """An Assistant over the Markdown part of ../shared/corpus (laws, plans, reviews)."""
    from assistant.service import Assistant

    assistant = Assistant(home=tmp_path_factory.mktemp("corpus-home"))
    folders = [shared_corpus / "regulations", shared_corpus / "plans", shared_corpus / "reviews"]
    files = [p for folder in folders for p in sorted(folder.glob("*.md"))]
    results = assistant.ingest(files)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return assistant


@pytest.fixture(scope="session")
def sample_assistant(tmp_path_factory):
    """An Assistant over the project's own sample corpus of the fictional 示例区."""
    from assistant.service import Assistant

    assistant = Assistant(home=tmp_path_factory.mktemp("sample-home"))
    results = assistant.ingest([SAMPLE_CORPUS])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return assistant
