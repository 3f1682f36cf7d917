"""A folder opens after damage, and `planassist doctor` checks and mends it, saying what it did.

Before: a Chroma folder that could not be read ("Failed to apply logs to the hnsw segment writer" after kills,
here a damaged database header) made every command and the API fail at open, and vectors whose document was
gone (left by a repair racing a live writer) stayed for ever. Now the vector store is rebuilt from the registry
at open, and repair deletes orphaned vectors.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from servers import REPO
from test_crash import regulation

pytestmark = pytest.mark.slow


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=REPO, env=env, capture_output=True,
                          timeout=600)


@pytest.fixture
def folder(tmp_path):
    env = {**os.environ, "PLANASSIST_HOME": str(tmp_path / "home")}
    # Two made-up regulations from one template (73 % alike, titles of their own), ingested one after the other.
    for n in (1, 2):
        docs = tmp_path / f"docs{n}"
        docs.mkdir()
        (docs / f"规定{n}.md").write_text(regulation(n, clauses=20), encoding="utf-8")
        assert cli("ingest", str(docs), env=env).returncode == 0
    return tmp_path / "home", env


def test_a_damaged_vector_store_is_rebuilt_and_the_folder_opens(folder):
    home, env = folder
    with (home / "chroma" / "chroma.sqlite3").open("r+b") as db:
        db.write(b"not a database any more" * 4)
    listed = cli("documents", "--json", env=env)
    assert listed.returncode == 0, listed.stderr.decode(errors="replace")[-2000:]
    assert len(json.loads(listed.stdout)) == 2
    # The article's own code, a term only it holds: a query on 「第二类第三项」 ties both regulations within 0.001.
    hits = json.loads(cli("search", "编号CR02003", "--json", env=env).stdout)
    assert hits and (hits[0]["doc_title"], hits[0]["locator"]) == ("示例区第2号突发事件处置规定", "第三条")
    report = json.loads(cli("doctor", "--check", "--json", env=env).stdout)
    assert report["healthy"] and report["vectors"] == report["chunks"] == 40


def test_doctor_removes_orphaned_vectors_and_says_so(folder):
    home, env = folder
    from assistant.service import Assistant

    vectors = Assistant(home=home).index.vectors
    vectors.upsert(ids=["ghost:0", "ghost:1"], vectors=[[0.1] * 512, [0.2] * 512],
                   metadatas=[{"doc_id": "ghost"}, {"doc_id": "ghost"}])
    checked = cli("doctor", "--check", "--json", env=env)
    assert checked.returncode == 1 and json.loads(checked.stdout)["orphan_vectors"] == 2
    mended = cli("doctor", env=env)
    assert mended.returncode == 0
    assert "orphaned vectors removed: 2" in mended.stdout.decode()
    report = json.loads(cli("doctor", "--check", "--json", env=env).stdout)
    assert report["healthy"] and report["orphan_vectors"] == 0 and report["vectors"] == 40
    assert "nothing to mend" in cli("doctor", env=env).stdout.decode()
