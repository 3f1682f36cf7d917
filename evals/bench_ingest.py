"""Ingest benchmark: the Markdown part of ../shared/corpus into a fresh data folder.

Prints documents, pages, chunks, chunk-length percentiles, total seconds, pages/s, peak memory, and the seconds
the embedding model alone needs for the same texts, with their ratio (goal: ingest ≤ 1.25 × embedding alone).
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.service import Assistant
from evals.run_retrieval import corpus_files, shared_corpus
from retrieval.store.lexical import tokenize


def main() -> dict:
    if not (shared_corpus() / "MANIFEST.tsv").exists():
        print(f"shared corpus not found at {shared_corpus()}")
        return {}
    files = corpus_files("shared")
    with tempfile.TemporaryDirectory() as home:
        assistant = Assistant(home=Path(home))
        assistant.index.embeddings.embed_documents(["预热 warm-up"])
        tokenize("预热 warm-up")  # jieba loads its dictionary once per process, like the model above
        started = time.perf_counter()
        results = assistant.ingest(files)
        ingest_seconds = time.perf_counter() - started
        chunks = [c for d in assistant.documents() for c in assistant.chunks(d.doc_id)]
        pages = sum(d.pages for d in assistant.documents())
        texts = [c.indexed_text for c in chunks]
        started = time.perf_counter()
        for i in range(0, len(texts), 128):
            assistant.index.embeddings.embed_documents(texts[i : i + 128])
        embed_seconds = time.perf_counter() - started
    lengths = np.array([len(c.text) for c in chunks])
    row = {
        "documents": sum(r.ok for r in results),
        "pages": pages,
        "chunks": len(chunks),
        "chunk_chars_p50": int(np.percentile(lengths, 50)),
        "chunk_chars_p95": int(np.percentile(lengths, 95)),
        "chunk_chars_max": int(lengths.max()),
        "ingest_s": round(ingest_seconds, 2),
        "embedding_alone_s": round(embed_seconds, 2),
        "ratio": round(ingest_seconds / embed_seconds, 2),
        "chunks_per_s": round(len(chunks) / ingest_seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    width = max(len(k) for k in row)
    for key, value in row.items():
        print(f"{key:<{width}}  {value}")
    return row


if __name__ == "__main__":
    main()
