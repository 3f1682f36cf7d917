"""Two processes on one data folder: a writer caught mid-document (frozen with SIGSTOP while its document is
`indexing`), the API serving reads, `planassist documents` opening the folder, and a second `planassist ingest`.

Before the writer lock, opening the folder ran repair, which deleted the document the live writer was still
indexing (its vectors then stayed orphaned, the document answered 404), listings answered 500 because
`indexing` was no status, and the second ingest crashed. Freezing the writer makes the window certain instead
of a race: everything below happens while the document is half-written.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from servers import REPO, serve_api, stop
from test_crash import regulation

BIG = 300  # clauses of the frozen writer's document: enough that it is still indexing when polled (every 20 ms)

pytestmark = pytest.mark.slow


def indexing_doc(db: Path) -> str | None:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT doc_id FROM documents WHERE status='indexing'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def registry_writable(db: Path) -> bool:
    """Whether a write transaction on the data folder's database could start now (nobody holds its lock)."""
    with contextlib.closing(sqlite3.connect(db, timeout=0.1, isolation_level=None)) as conn:
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError:
            return False


def cli(*args: str, home: Path) -> list[str]:
    return [sys.executable, "-m", "assistant.cli", *args, "--home", str(home)]


def wait_for(condition, what: str, process: subprocess.Popen | None = None, timeout: float = 300):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if process is not None and process.poll() is not None:
            pytest.fail(f"{what}: the process ended first ({process.returncode})")
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not reached")
        time.sleep(0.02)
    return value


@pytest.fixture(scope="module")
def frozen_writer(tmp_path_factory):
    """A data folder served by the API, whose `planassist ingest` of a large regulation is frozen mid-write."""
    tmp = tmp_path_factory.mktemp("lock")
    home = tmp / "home"
    big, small = tmp / "大规定.md", tmp / "小规定.md"
    big.write_text(regulation(90, clauses=BIG), encoding="utf-8")
    small.write_text(regulation(91, clauses=5), encoding="utf-8")
    env = {**os.environ, "PLANASSIST_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    url, server = serve_api(home, tmp / "api.log")
    writer = subprocess.Popen(cli("ingest", str(big), home=home), cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = home / "planassist.sqlite"
    doc_id = wait_for(lambda: indexing_doc(db), "document indexing", writer)

    def frozen_between_writes() -> bool:
        # Frozen inside one of its short transactions, the writer would hold SQLite's write lock for good, and
        # every other writer (an audit row, a migration) would time out: not the state under test. So freeze,
        # and thaw and try again if the lock is held.
        os.kill(writer.pid, signal.SIGSTOP)
        if registry_writable(db) and indexing_doc(db) == doc_id:
            return True
        os.kill(writer.pid, signal.SIGCONT)
        return False

    wait_for(frozen_between_writes, "writer frozen between two writes, its document indexing", writer)
    try:
        yield {"home": home, "url": url, "doc_id": doc_id, "writer": writer, "small": small, "env": env}
    finally:
        if writer.poll() is None:
            os.kill(writer.pid, signal.SIGCONT)
            writer.wait(timeout=600)
        stop(server)


def test_listings_answer_while_a_document_is_indexing(frozen_writer):
    url, doc_id = frozen_writer["url"], frozen_writer["doc_id"]
    assert httpx.get(f"{url}/healthz", timeout=30).status_code == 200
    listed = httpx.get(f"{url}/v1/documents", timeout=30)
    assert listed.status_code == 200, listed.text
    assert {d["doc_id"]: d["status"] for d in listed.json()}[doc_id] == "indexing"
    assert httpx.get(f"{url}/v1/documents/{doc_id}", timeout=30).json()["status"] == "indexing"
    assert httpx.get(f"{url}/v1/documents/{doc_id}/chunks", timeout=30).status_code == 200


def test_opening_the_folder_elsewhere_leaves_the_live_writers_document_alone(frozen_writer):
    home, doc_id = frozen_writer["home"], frozen_writer["doc_id"]
    listed = subprocess.run(cli("documents", "--json", home=home), cwd=REPO, env=frozen_writer["env"],
                            capture_output=True, timeout=300)
    assert listed.returncode == 0, listed.stderr.decode(errors="replace")[-2000:]
    assert {d["doc_id"]: d["status"] for d in json.loads(listed.stdout)}[doc_id] == "indexing"
    assert indexing_doc(home / "planassist.sqlite") == doc_id  # still there, still the writer's


def test_a_second_ingest_waits_for_the_writer_and_both_finish_without_orphans(frozen_writer):
    home, env, writer = frozen_writer["home"], frozen_writer["env"], frozen_writer["writer"]
    second = subprocess.Popen(cli("ingest", str(frozen_writer["small"]), "--json", home=home), cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for line in iter(second.stderr.readline, b""):  # wait for the state: it says whom it waits for
        if b"waiting for the writer" in line:
            break
    assert str(writer.pid).encode() in line, line
    assert second.poll() is None
    os.kill(writer.pid, signal.SIGCONT)
    out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err.decode(errors="replace")[-2000:]
    out2, err2 = second.communicate(timeout=600)
    assert second.returncode == 0, err2.decode(errors="replace")[-2000:]
    assert [r["status"] for r in json.loads(out2)] == ["indexed"]

    url, doc_id = frozen_writer["url"], frozen_writer["doc_id"]
    detail = httpx.get(f"{url}/v1/documents/{doc_id}", timeout=30)
    assert detail.status_code == 200 and detail.json()["status"] == "indexed"
    assert detail.json()["chunk_count"] >= BIG
    checked = subprocess.run(cli("doctor", "--check", "--json", home=home), cwd=REPO, env=env,
                             capture_output=True, timeout=300)
    report = json.loads(checked.stdout)
    assert checked.returncode == 0 and report["healthy"], report
    assert report["orphan_vectors"] == 0 and report["missing_vectors"] == 0
    assert report["vectors"] == report["chunks"] == detail.json()["chunk_count"] + 5
