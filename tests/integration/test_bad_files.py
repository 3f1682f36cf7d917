"""One bad file never aborts a batch: damaged DOCX XML, 5,000 nested `w:sdt`, a DOCX inflating to 300 MB, a
million empty paragraphs, HTML and Markdown with 5,000 nested `<div>`s — beside good documents — through the
CLI, a synchronous upload and a background job. Every file ends with a result and the good ones are indexed.

Before, `XMLSyntaxError` and `RecursionError` escaped the loaders: the CLI printed a traceback and ingested
nothing after the bad file, an upload answered 500, and a background job stopped at its first bad file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from servers import REPO, serve_api, stop

from evals.hostile_files import bad_batch, good_docx

pytestmark = pytest.mark.slow

GOOD = {"好文档.docx", "好说明.md"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    bad_batch(folder)
    good_docx(folder / "好文档.docx", "示例区防汛值班规定")
    (folder / "好说明.md").write_text("# 示例区停电应急说明\n\n第一条 区发展改革委负责协调电力抢修。\n",
                                   encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("api")
    url, server = serve_api(tmp / "home", tmp / "api.log")
    yield url
    stop(server)


def files_of(folder: Path) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (p.name, p.read_bytes())) for p in sorted(folder.iterdir())]


def assert_every_file_reported(results: list[dict], folder: Path) -> None:
    by_name = {Path(r["source_path"]).name: r for r in results}
    assert set(by_name) == {p.name for p in folder.iterdir()}
    for name, result in by_name.items():
        if name in GOOD:
            assert result["ok"] and result["status"] == "indexed", result
        elif not result["ok"]:
            assert result["error"] and "Traceback" not in result["error"], result
    assert sum(not r["ok"] for r in results) >= 4  # the four DOCX files are refused, each with its reason


def test_cli_reports_every_file_and_ingests_the_good_ones(batch, tmp_path):
    env = {**os.environ, "PLANASSIST_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(batch), "--json"], cwd=REPO,
                          env=env, capture_output=True, timeout=600)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")[-3000:]
    assert done.returncode == 1  # some files failed, and says so
    results = json.loads(done.stdout)
    assert_every_file_reported(results, batch)
    errors = " ".join(r["error"] or "" for r in results)
    for reason in ("PLANASSIST_MAX_NESTING", "PLANASSIST_MAX_DECOMPRESSED_MB", "PLANASSIST_MAX_PARAGRAPHS", "XML"):
        assert reason in errors


def test_an_upload_of_a_mixed_batch_reports_every_file(batch, api):
    response = httpx.post(f"{api}/v1/documents", files=files_of(batch), timeout=600)
    assert response.status_code == 200, response.text
    assert_every_file_reported(response.json(), batch)


def test_a_background_job_goes_on_after_a_bad_file(batch, api):
    # the damaged DOCX comes first in the upload order, the good documents last
    response = httpx.post(f"{api}/v1/documents", params={"background": "true"}, files=files_of(batch), timeout=600)
    assert response.status_code == 200, response.text
    job_id = response.json()["id"]
    deadline = time.monotonic() + 600
    while (job := httpx.get(f"{api}/v1/jobs/{job_id}", timeout=30).json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert job["status"] == "done" and job["files_done"] == len(list(batch.iterdir()))
    assert_every_file_reported([r | {"status": "indexed" if r["status"] == "unchanged" else r["status"]}
                                for r in job["results"]], batch)
