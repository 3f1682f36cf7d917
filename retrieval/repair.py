"""Checking and mending a data folder: what `Index` runs at every open and `planassist doctor` runs on demand.

The registry (SQLite) is the source of truth; Chroma and the BM25 folder are derived from it. Mending, always
under the writer lock (retrieval/store/lock.py), and so never while another live process is indexing:

- documents a killed writer left `indexing` are removed with their vectors and stored original;
- vectors whose chunk the registry does not hold as searchable (orphans) are deleted;
- chunks whose vector is missing or unreadable are embedded and stored again;
- originals in `files/` that no document refers to are deleted;
- the BM25 index is rebuilt when it differs from the registry;
- a Chroma folder that cannot be opened or read is moved aside to `chroma.broken/` and rebuilt from the
  registry (every vector embedded again), so that a folder opens after any sequence of kills.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from retrieval.models import Chunk, DocumentMeta
from retrieval.store.vectors import EXACT_SEARCH_LIMIT, VectorStore

if TYPE_CHECKING:
    from retrieval.index import Index

log = logging.getLogger(__name__)
BROKEN_SUFFIX = ".broken"


class FolderReport(BaseModel):
    """What a check found and what mending did (`planassist doctor --json` prints it)."""

    home: str
    mended: bool = False  # False: only checked (asked to, or another process was writing)
    writer: dict[str, Any] = Field(default_factory=dict)  # the live writer that kept us from mending
    indexing: list[str] = Field(default_factory=list)  # documents `indexing` (a live writer's, or left by a kill)
    incomplete_removed: list[str] = Field(default_factory=list)
    orphan_vectors: int = 0
    missing_vectors: int = 0
    unreadable_vectors: int = 0
    vectors_restored: int = 0
    orphan_files: list[str] = Field(default_factory=list)
    lexical_stale: bool = False
    vector_store_rebuilt: bool = False
    vector_store_unreadable: str | None = None  # found by a check that was asked not to mend
    documents: int = 0
    chunks: int = 0
    vectors: int = 0

    @property
    def healthy(self) -> bool:
        """Nothing is left to mend (documents a live writer is indexing are not a fault)."""
        faults = ([] if self.writer else self.indexing, self.orphan_vectors, self.missing_vectors,
                  self.unreadable_vectors, self.orphan_files, self.lexical_stale)
        return self.mended or not any(faults)

    def actions(self) -> list[str]:
        """What was done (or, when only checked, what would be), one line each, Chinese then English."""
        verb = "已" if self.mended else "待"
        lines = []
        if self.vector_store_rebuilt:
            lines.append(f"{verb}重建向量库 / vector store rebuilt from the registry (old one kept in chroma{BROKEN_SUFFIX}/)")
        if self.incomplete_removed or (self.indexing and not self.writer):
            ids = self.incomplete_removed or self.indexing
            lines.append(f"{verb}删除未完成入库的文档 / half-ingested documents removed: {', '.join(ids)}")
        if self.orphan_vectors:
            lines.append(f"{verb}删除孤立向量 / orphaned vectors removed: {self.orphan_vectors}")
        if self.missing_vectors or self.unreadable_vectors:
            lines.append(f"{verb}补齐向量 / vectors stored again: {self.missing_vectors} missing, "
                         f"{self.unreadable_vectors} unreadable")
        if self.orphan_files:
            lines.append(f"{verb}删除无主原文件 / originals of no document removed: {len(self.orphan_files)}")
        if self.lexical_stale:
            lines.append(f"{verb}重建BM25索引 / BM25 index rebuilt")
        return lines


class VectorStoreUnreadableError(Exception):
    """The Chroma folder cannot be opened or read (raised only when asked not to rebuild it)."""


def open_vectors(index: Index, folder: Path, embedding: str, chroma_url: str | None, *,
                 rebuild: bool = True) -> VectorStore:
    """The folder's vector store; one that cannot be opened or read is moved aside and started afresh
    (mending then embeds every chunk again). Needs the writer lock, so it waits for a live writer."""
    try:
        store = VectorStore(folder, embedding, chroma_url=chroma_url)
        store.probe()
        return store
    except Exception as error:  # chromadb raises InternalError, RuntimeError or a Rust panic's exception
        if chroma_url:
            raise
        if not rebuild:
            raise VectorStoreUnreadableError(f"{type(error).__name__}: {error}") from error
        log.warning("vector store at %s unreadable (%s: %s); rebuilding it from the registry",
                    folder, type(error).__name__, error)
    with index.writer.hold("rebuild vector store"):
        VectorStore.release(folder)
        broken = folder.with_name(folder.name + BROKEN_SUFFIX)
        shutil.rmtree(broken, ignore_errors=True)
        if folder.exists():
            folder.rename(broken)
        index.vector_store_rebuilt = True
        return VectorStore(folder, embedding, chroma_url=chroma_url)


def check(index: Index, *, mend: bool, writer: dict[str, Any] | None = None) -> FolderReport:
    """Compare the stores with the registry; with `mend`, repair what differs (the caller holds the lock).
    `writer` names a live writer (checking only): its documents in `indexing` and their vectors are not faults."""
    registry, vectors = index.registry, index.vectors
    report = FolderReport(home=str(index.home), mended=mend, indexing=registry.incomplete(),
                          vector_store_rebuilt=index.vector_store_rebuilt, writer=writer or {})
    if mend:
        for doc_id in report.indexing:
            index.delete(doc_id, rebuild=False)  # removes vectors, rows and the stored original
        report.incomplete_removed = report.indexing
    ids = registry.searchable_ids()
    known = set(ids) | {c for d in ([] if mend else report.indexing) for c in registry.chunk_ids(d)}
    present = vectors.ids()
    orphans = sorted(present - known)
    report.orphan_vectors = len(orphans)
    if mend and orphans:
        vectors.delete_ids(orphans)
    unreadable = vectors.unreadable([i for i in ids if i in present][-EXACT_SEARCH_LIMIT:])
    missing = [i for i in ids if i not in present]
    report.missing_vectors, report.unreadable_vectors = len(missing), len(unreadable)
    if mend and (missing or unreadable):
        if unreadable:
            vectors.delete_ids(sorted(unreadable))
        report.vectors_restored = _restore(index, missing + sorted(unreadable))
    report.orphan_files = [] if report.writer else _orphan_files(index)
    if mend:
        for name in report.orphan_files:
            (index.files / name).unlink(missing_ok=True)
    report.lexical_stale = not report.writer and (not index.lexical_ready() or index._lexical_out_of_date())
    if mend and (report.lexical_stale or report.incomplete_removed):
        index.rebuild_lexical()
    report.documents, report.chunks = len(registry.documents()), len(ids)
    report.vectors = vectors.count()
    return report


def _restore(index: Index, chunk_ids: list[str]) -> int:
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in index.registry.chunks_by_id(chunk_ids).values():
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    restored = 0
    for doc_id, chunks in by_doc.items():
        info = index.registry.get(doc_id)
        if info is not None:
            index._embed_and_store(chunks, DocumentMeta.model_validate(info.model_dump()))
            restored += len(chunks)
    return restored


def _orphan_files(index: Index) -> list[str]:
    """Stored originals (`files/<doc_id>.<ext>`) that no document of the registry refers to."""
    referenced = {d.stored_file for d in index.registry.documents() if d.stored_file}
    return sorted(p.name for p in index.files.iterdir() if p.is_file() and p.name not in referenced)
