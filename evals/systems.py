"""The retrieval systems compared in one run, on one corpus and one embedding model.

- naive: `RecursiveCharacterTextSplitter(500, 50)` + dense only in Chroma, as most LangChain apps ship;
- bm25 / dense: one retriever over planassist's structural chunks;
- hybrid: both, fused by reciprocal rank, nothing else;
- planassist: hybrid + query understanding (normalisation, clause addressing, document and version preference),
  the query-word coverage signal, and whole clauses (a part of a long clause returns the clause);
- planassist+rerank: when a cross-encoder folder is configured (none ships offline on PyPI).
Ablations switch one technique off at a time.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from assistant.service import Assistant
from evals.metrics import Candidate
from retrieval.loaders import load
from retrieval.search import SearchMode

System = Callable[[str, int], tuple[list[Candidate], float]]

BASE = dict(query_normalisation=False, clause_addressing=False, document_preference=False,
            version_preference=False, rerank=False, coverage_bonus=0.0, whole_clauses=False)
SYSTEM_OPTIONS: dict[str, dict] = {
    "bm25": {**BASE, "mode": SearchMode.LEXICAL},
    "dense": {**BASE, "mode": SearchMode.DENSE},
    "hybrid": {**BASE},
    "planassist": {"rerank": False},
}
ABLATIONS: dict[str, dict] = {
    "planassist − query normalisation/addressing": {"query_normalisation": False, "rerank": False},
    "planassist − clause addressing": {"clause_addressing": False, "rerank": False},
    "planassist − document preference": {"document_preference": False, "rerank": False},
    "planassist − version preference": {"version_preference": False, "rerank": False},
    "planassist − word-coverage signal": {"coverage_bonus": 0.0, "rerank": False},
    "planassist − whole clauses": {"whole_clauses": False, "rerank": False},
    "planassist + neighbour expansion": {"neighbours": 1, "rerank": False},
}


def _candidates(hits) -> list[Candidate]:
    return [Candidate(Path(h.chunk.source_path).stem, h.chunk.locator, h.chunk.text) for h in hits]


def planassist_system(assistant: Assistant, options: dict) -> System:
    def run(question: str, k: int) -> tuple[list[Candidate], float]:
        started = time.perf_counter()
        hits = assistant.search(question, k=k, **options)
        return _candidates(hits), (time.perf_counter() - started) * 1000

    return run


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class _LocatorMap:
    """Maps a character span of a document to the locators of planassist chunks that cover it."""

    def __init__(self, folded_doc: str, chunks) -> None:
        self.spans: list[tuple[int, int, str]] = []
        cursor = 0
        for chunk in chunks:
            lines = [_fold(line) for line in chunk.text.splitlines() if _fold(line)]
            starts = [folded_doc.find(line, cursor) for line in lines]
            found = [(s, s + len(line)) for s, line in zip(starts, lines, strict=True) if s >= 0]
            if found:
                start, end = min(s for s, _ in found), max(e for _, e in found)
                self.spans.append((start, end, chunk.locator))
                cursor = max(cursor, start)

    def locators(self, start: int, end: int) -> str:
        return " / ".join(loc for s, e, loc in self.spans if s < end and e > start)


def naive_system(assistant: Assistant, files: list[Path]) -> System:
    """LangChain's usual pipeline over the same files and embedding model, locators mapped for scoring."""
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    store = Chroma(collection_name="naive", embedding_function=assistant.index.embeddings,
                   collection_metadata={"hnsw:space": "cosine"})
    by_source = {Path(d.source_path).resolve(): d for d in assistant.documents()}
    texts, metadatas = [], []
    for path in files:
        doc = by_source.get(path.resolve())
        if doc is None:
            continue
        raw = load(path).text
        folded = _fold(raw)
        mapping = _LocatorMap(folded, assistant.chunks(doc.doc_id))
        cursor = 0
        for piece in splitter.split_text(raw):
            f = _fold(piece)
            start = folded.find(f, max(0, cursor - 200))
            start = start if start >= 0 else folded.find(f)
            cursor = max(cursor, start)
            texts.append(piece)
            metadatas.append({"stem": path.stem, "locator": mapping.locators(start, start + len(f))})
    for i in range(0, len(texts), 256):
        store.add_texts(texts[i : i + 256], metadatas=metadatas[i : i + 256])

    def run(question: str, k: int) -> tuple[list[Candidate], float]:
        started = time.perf_counter()
        docs = store.similarity_search(question, k=k)
        elapsed = (time.perf_counter() - started) * 1000
        return [Candidate(d.metadata["stem"], d.metadata["locator"], d.page_content) for d in docs], elapsed

    return run
