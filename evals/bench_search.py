"""Search benchmark: latency p50/p95 and peak memory of dense, BM25 and hybrid search, at the real corpus size
and at 100 000 chunks made from real sentences, shuffled; plus the naive LangChain pipeline for the ratio.

    python evals/bench_search.py [--chunks 100000] [--queries 200]

The 100 000 synthetic chunks are groups of 3–5 real sentences of ../shared/corpus drawn at random; their
vector is the normalised mean of their sentences' vectors (each distinct sentence is embedded once), which
keeps the build to minutes on two cores while the stores hold exactly what a real corpus of that size holds.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.service import Assistant
from evals.metrics import load_questions, percentile, write_results
from evals.run_retrieval import open_corpus
from evals.systems import naive_system
from retrieval.chunking import split_sentences
from retrieval.models import Chunk, DocStatus, DocType, DocumentMeta
from retrieval.search import SearchMode
from retrieval.store.lexical import tokenize

DOC_SIZE = 1000


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def time_modes(assistant: Assistant, questions: list[str]) -> dict[str, dict[str, float]]:
    rows = {}
    for mode in (SearchMode.DENSE, SearchMode.LEXICAL, SearchMode.HYBRID):
        assistant.search("预热", k=10, mode=mode)
        latencies = []
        for q in questions:
            started = time.perf_counter()
            assistant.search(q, k=10, mode=mode)
            latencies.append((time.perf_counter() - started) * 1000)
        rows[mode.value] = {"p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95)}
    return rows


def synthetic_index(source: Assistant, n_chunks: int, home: Path, rng: random.Random) -> Assistant:
    sentences = sorted({s.strip() for d in source.documents() for c in source.chunks(d.doc_id)
                        for s in split_sentences(c.text.replace("\n", "")) if len(s.strip()) >= 8})
    embeddings = source.index.embeddings
    print(f"embedding {len(sentences)} distinct real sentences …", flush=True)
    vectors = np.array(embeddings.embed_documents(sentences), dtype=np.float32)
    target = Assistant(home=home)
    registry, store = target.index.registry, target.index.vectors
    for doc_no in range(0, n_chunks, DOC_SIZE):
        doc_id = f"synthetic{doc_no // DOC_SIZE:04d}"
        meta = DocumentMeta(title=f"合成文档{doc_no // DOC_SIZE}", doc_type=rng.choice(list(DocType)))
        chunks, chunk_vectors = [], []
        for seq in range(min(DOC_SIZE, n_chunks - doc_no)):
            picks = rng.sample(range(len(sentences)), rng.randint(3, 5))
            mean = vectors[picks].mean(axis=0)
            chunk_vectors.append((mean / np.linalg.norm(mean)).tolist())
            chunks.append(Chunk(chunk_id=f"{doc_id}:{seq}", doc_id=doc_id, doc_title=meta.title,
                                doc_type=meta.doc_type, source_path=f"/synthetic/{doc_id}.md",
                                locator=f"第{seq + 1}段", heading_path=[], page_start=1, page_end=1,
                                text="".join(sentences[i] for i in picks), seq=seq))
        tokens = [tokenize(c.indexed_text) for c in chunks]
        registry.begin_document(doc_id, meta, source_path=f"/synthetic/{doc_id}.md", content_hash=doc_id,
                                fingerprint=doc_id, pages=1, warnings=[], chunks=chunks, tokens=tokens,
                                stored_file=None)
        for i in range(0, len(chunks), 1000):
            store.upsert([c.chunk_id for c in chunks[i : i + 1000]], chunk_vectors[i : i + 1000],
                         [{"doc_id": doc_id, "doc_type": meta.doc_type.value} for _ in chunks[i : i + 1000]])
        registry.finish_document(doc_id, DocStatus.INDEXED)
        print(f"  {doc_no + len(chunks)} chunks", flush=True)
    target.index.rebuild_lexical()
    return target


def main(n_chunks: int = 100_000, n_queries: int = 200) -> None:
    questions = [q.question for q in load_questions("corpus", "dev") + load_questions("corpus", "test")]
    questions = (questions * (n_queries // len(questions) + 1))[:n_queries]
    assistant, files = open_corpus("shared")
    naive = naive_system(assistant, files)
    naive_latencies = [naive(q, 10)[1] for q in questions]
    corpus_rows = time_modes(assistant, questions)
    chunks = sum(d.chunk_count for d in assistant.documents())
    naive_p50, naive_p95 = percentile(naive_latencies, 50), percentile(naive_latencies, 95)
    lines = ["# Search latency (evals/bench_search.py)", "",
             f"Each mode runs planassist's whole search (query parsing, fusion, signals, whole clauses) for "
             f"{n_queries} questions, k = 10.", "",
             f"## corpus size: {chunks} chunks (peak RSS {peak_rss_mb()} MB)",
             "| mode | p50 ms | p95 ms | p95 / naive p95 |", "|---|---|---|---|",
             f"| naive (LangChain splitter + Chroma dense) | {naive_p50:.1f} | {naive_p95:.1f} | 1.00 |"]
    lines += [f"| {mode} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['p95_ms'] / naive_p95:.2f} |"
              for mode, row in corpus_rows.items()]
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        big = synthetic_index(assistant, n_chunks, Path(home), random.Random(0))
        build_s = time.perf_counter() - started
        rows = time_modes(big, questions)
    lines += ["", f"## {n_chunks} chunks (built in {build_s:.0f} s; peak RSS {peak_rss_mb()} MB)",
              "| mode | p50 ms | p95 ms |", "|---|---|---|"]
    lines += [f"| {mode} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} |" for mode, row in rows.items()]
    report = {"corpus": {"chunks": chunks, "naive": {"p50_ms": naive_p50, "p95_ms": naive_p95}, **corpus_rows},
              "synthetic": {"chunks": n_chunks, "build_s": build_s, **rows}}
    write_results("bench_search", [report], "\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    main(args.chunks, args.queries)
