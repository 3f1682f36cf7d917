"""Ingest progress and jobs that outlive their server: steps of pages read and chunks embedded reach the caller,
`GET /v1/jobs/{id}` reports them, and a restarted API says what became of the jobs of the server before it."""

from __future__ import annotations

import os
import signal
import time

import httpx
import pytest
from conftest import SAMPLE_CORPUS
from servers import serve_api, stop

from assistant.service import Assistant
from retrieval.progress import Stage

pytestmark = pytest.mark.slow

PDF = SAMPLE_CORPUS / "示例区地震应急预案.pdf"


def test_ingest_reports_pages_read_and_chunks_embedded_in_order(tmp_path):
    steps = []
    result = Assistant(home=tmp_path / "home").ingest([PDF], progress=steps.append)[0]
    loading = [s for s in steps if s.stage is Stage.LOADING]
    embedding = [s for s in steps if s.stage is Stage.EMBEDDING]
    assert loading[0].done == 0 and loading[-1].done == loading[-1].total > 1  # every page, one by one
    assert [s.done for s in loading] == list(range(loading[-1].total + 1))
    assert embedding[-1].done == embedding[-1].total == result.chunks
    assert steps[-1].stage is Stage.DONE and steps.index(loading[-1]) < steps.index(embedding[0])
    assert "页 pages" in loading[-1].label() and PDF.name in loading[-1].label()


def wait_for(api: str, job_id: str, until, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = httpx.get(f"{api}/v1/jobs/{job_id}", timeout=30).json()
        if until(job) or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def test_the_job_reports_pages_and_chunks_and_survives_a_restart(tmp_path):
    home = tmp_path / "home"
    url, server = serve_api(home, tmp_path / "before.log")
    try:
        files = [("files", (PDF.name, PDF.read_bytes())), ("files", (f"{PDF.stem}.meta.toml",
                 (SAMPLE_CORPUS / f"{PDF.stem}.meta.toml").read_bytes()))]
        job = httpx.post(f"{url}/v1/documents?background=true", files=files, timeout=60).json()
        done = wait_for(url, job["id"], lambda j: j["status"] not in ("queued", "running"))
    finally:
        stop(server)
    assert done["status"] == "done", done
    assert done["current_file"] == PDF.name and done["pages_done"] == done["pages_total"] > 1
    assert done["chunks_embedded"] == done["chunks_total"] == done["results"][0]["chunks"] > 0

    url, server = serve_api(home, tmp_path / "after.log")
    try:
        assert httpx.get(f"{url}/v1/jobs/{job['id']}", timeout=30).json() == done
    finally:
        stop(server)


def test_a_job_cut_off_by_a_dead_server_is_reported_interrupted_after_a_restart(tmp_path):
    docs = [(p.name, p.read_bytes()) for p in sorted(SAMPLE_CORPUS.glob("*.md"))]
    home = tmp_path / "home"
    url, server = serve_api(home, tmp_path / "killed.log")
    try:
        job = httpx.post(f"{url}/v1/documents?background=true", timeout=60,
                         files=[("files", doc) for doc in docs]).json()
        running = wait_for(url, job["id"], lambda j: j["status"] == "running" and j["stage"] is not None)
        assert running["status"] == "running", running
        os.killpg(server.pid, signal.SIGKILL)  # the server dies mid-job
        server.wait(timeout=30)
    finally:
        stop(server)

    url, server = serve_api(home, tmp_path / "restarted.log")
    try:
        after = httpx.get(f"{url}/v1/jobs/{job['id']}", timeout=30).json()
        indexed = httpx.get(f"{url}/v1/documents", timeout=30).json()
    finally:
        stop(server)
    assert after["status"] == "interrupted" and after["files_done"] < len(docs)
    assert f"{after['files_done']} of {len(docs)} files were indexed" in after["message"]
    assert after["message"] in after["errors"]
    assert len(indexed) >= after["files_done"]  # what was indexed before the stop stays
    assert "was interrupted" in (tmp_path / "restarted.log").read_text(errors="replace")
