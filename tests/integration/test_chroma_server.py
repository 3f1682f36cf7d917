"""Chroma server mode: `PLANASSIST_CHROMA_URL` puts the vectors on a `chroma run` server, not in the data folder.

Starts a real Chroma server (the `chroma` CLI installed with chromadb) on a free loopback port, ingests two
Markdown documents through `Assistant(chroma_url=…)`, searches, deletes, and checks with an independent
`chromadb.HttpClient` that the vectors live on — and leave — the server. Skipped when the CLI is missing.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

DOCS = {
    "示例区防汛应急预案.md": "# 示例区防汛应急预案\n\n## 4 应急响应\n\n### 4.2 信息报告\n\n"
                          "区水务局应当在30分钟内向区防汛指挥部报告险情和灾情，此后每2小时续报一次。\n\n"
                          "### 4.3 响应终止\n\n洪水退去、险情解除后，由区防汛指挥部宣布终止应急响应。\n",
    "示例区突发事件应对条例.md": "# 示例区突发事件应对条例\n\n第一条 为了预防和减少突发事件的发生，制定本条例。\n\n"
                            "第二条 发生突发事件的单位应当在事发后1小时内向区应急管理局报告。\n",
}


def _chroma_cli() -> str | None:
    beside_python = Path(sys.executable).with_name("chroma")
    return str(beside_python) if beside_python.exists() else shutil.which("chroma")


@pytest.fixture
def chroma_server(tmp_path):
    from servers import free_port, start, stop

    cli = _chroma_cli()
    if cli is None:
        pytest.skip("the `chroma` CLI is not installed")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [cli, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)]
    process = start(command, f"{url}/api/v2/heartbeat", tmp_path / "chroma.log",
                    {**os.environ, "ANONYMIZED_TELEMETRY": "False"}, timeout=60)
    try:
        yield url, port
    finally:
        stop(process)


def test_vectors_live_on_the_chroma_server(chroma_server, tmp_path):
    import chromadb
    from chromadb.config import Settings

    from assistant.service import Assistant

    url, port = chroma_server
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    home = tmp_path / "home"
    assistant = Assistant(home=home, chroma_url=url)
    results = assistant.ingest([docs])
    assert [r.status for r in results] == ["indexed", "indexed"], [r.error for r in results]
    chunks = sum(r.chunks for r in results)

    server = chromadb.HttpClient(host="127.0.0.1", port=port, settings=Settings(anonymized_telemetry=False))
    collection = server.get_collection(assistant.index.vectors.collection.name)
    assert collection.count() == chunks == assistant.index.vectors.count()
    assert not (home / "chroma").exists() or not any((home / "chroma").iterdir())  # nothing embedded locally

    hits = assistant.search("险情多长时间内报告", k=3)
    assert hits and hits[0].chunk.doc_title == "示例区防汛应急预案" and "30分钟内" in hits[0].chunk.text
    assert "dense" in hits[0].ranks  # the dense side answered from the server

    law = next(r for r in results if "条例" in r.source_path)
    assert assistant.delete(law.doc_id)
    assert collection.count() == chunks - law.chunks
    assert not collection.get(where={"doc_id": law.doc_id})["ids"]

    reopened = Assistant(home=home, chroma_url=url)  # a second API process over the same stores
    assert reopened.index.vectors.count() == chunks - law.chunks
    assert reopened.search("事发后1小时内报告", k=5)[0].chunk.doc_id != law.doc_id
