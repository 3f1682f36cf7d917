"""The index of one data folder: load → structure → chunks → Chroma + BM25 + registry, idempotently.

Re-ingesting an unchanged file (same content and metadata) changes nothing; a changed file at the same path
replaces its old document; the same content at another path is recorded once. Each document is written to
the registry as `indexing`, then to Chroma, then marked searchable; the BM25 index is rebuilt once per batch.
A near-duplicate of an indexed document (`retrieval.duplicates`) is indexed with a warning naming its twin.
Anything left `indexing` by a crash is removed on the next open, so the stores always agree.

Every write holds the folder's writer lock (retrieval/store/lock.py): one writer at a time across processes,
and repair at open runs only when no other process is writing, so it never removes a document a live process
is still indexing. A file that cannot be read, or is over a limit (retrieval/loaders/limits.py), ends with a
failed result naming the reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from retrieval import loaders
from retrieval.chunking import chunk_sections
from retrieval.cleanup import clean_text
from retrieval.duplicates import DuplicateRegistry, signature, source_rank
from retrieval.embeddings import embedding_name
from retrieval.injection import is_instruction_like
from retrieval.loaders.limits import Deadline, IngestLimits, LimitError, exceeded
from retrieval.metadata import build_meta, content_hash, doc_id_for, read_sidecar
from retrieval.metadata_guard import guard_access_level, metadata_changes
from retrieval.models import (
    Chunk,
    DocStatus,
    DocType,
    DocumentInfo,
    DocumentMeta,
    IngestResult,
    LoadedDocument,
)
from retrieval.progress import PageSink, ProgressSink, Stage, Step, nothing
from retrieval.repair import FolderReport, check, open_vectors
from retrieval.store.db import Database
from retrieval.store.lexical import LexicalIndex, tokenize
from retrieval.store.lock import WriterLock
from retrieval.store.registry import Registry
from retrieval.store.vectors import EXACT_SEARCH_LIMIT
from retrieval.structure import parse_sections

_EMBED_BATCH = 32  # small enough for the progress of a short document to move
VECTOR_PROBE_LIMIT = EXACT_SEARCH_LIMIT
log = logging.getLogger(__name__)


def _fingerprint(content_sha: str, meta: DocumentMeta) -> str:
    return hashlib.sha256((content_sha + meta.model_dump_json()).encode()).hexdigest()


def chunk_metadata(chunk: Chunk, meta: DocumentMeta) -> dict[str, Any]:
    """Scalar metadata stored with each vector (Chroma accepts str, int, float, bool)."""
    return {
        "doc_id": chunk.doc_id,
        "doc_type": meta.doc_type.value,
        "access_level": meta.access_level.value,
        "year": meta.year or 0,
        "issuer": meta.issuer or "",
        "version": meta.version or "",
        "hazards": "|".join(meta.hazard_types),
    }


class Index:
    """All stores of a data folder behind one object; `retrieval.search` reads through it."""

    def __init__(self, home: Path, embeddings: Embeddings, *, chroma_url: str | None = None,
                 limits: IngestLimits | None = None, repair_on_open: bool = True) -> None:
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        self.embeddings = embeddings
        self.limits = limits or IngestLimits()
        self.writer = WriterLock(home)
        # Called with the live writer's pid and task when a write has to wait for another process.
        self.on_wait: Callable[[dict], None] = lambda holder: log.warning("waiting for the writer %s", holder)
        self.db = Database(home / "planassist.sqlite")
        self.registry = Registry(self.db)
        self.duplicates = DuplicateRegistry(self.db)
        self.vector_store_rebuilt = False
        self.vectors = open_vectors(self, home / "chroma", embedding_name(embeddings), chroma_url,
                                    rebuild=repair_on_open)
        self.lexical = LexicalIndex(home / "lexical")
        self.files = home / "files"
        self.files.mkdir(exist_ok=True)
        self.last_repair = self.repair() if repair_on_open else None

    # -- ingest -------------------------------------------------------------------------------------
    def ingest_paths(
        self, paths: list[Path], *, password: str | None = None, overrides: dict[str, Any] | None = None,
        defaults: dict[str, Any] | None = None, allow_downgrade: bool = False, progress: ProgressSink = nothing,
    ) -> list[IngestResult]:
        """Ingest files and folders; metadata: `defaults` < sidecar < `overrides`. Every file ends with a
        result; one that fails (unreadable, over a limit) never stops the others. `progress` is told each step
        (pages read and OCR'd, chunks embedded) of each file."""
        files = expand_paths(paths)
        results = []
        with self.writer.hold("ingest", self.on_wait):
            self._clear_leftovers()
            for position, path in enumerate(files):
                report = _reporter(progress, path.name, position, len(files))
                results.append(self._ingest_file(path, password=password, overrides=overrides, defaults=defaults,
                                                 allow_downgrade=allow_downgrade, report=report))
                report(Stage.DONE, 1, 1)
            if any(r.status in ("indexed", "needs_ocr", "replaced") for r in results) or not self.lexical_ready():
                self.rebuild_lexical()
        return results

    def _ingest_file(self, path: Path, *, password: str | None, overrides: dict[str, Any] | None,
                     defaults: dict[str, Any] | None = None, allow_downgrade: bool = False,
                     report: PageSink | None = None) -> IngestResult:
        source = str(path.resolve())
        deadline = Deadline(self.limits.ingest_timeout_s)
        try:
            sidecar = read_sidecar(path)
            doc = loaders.load(path, password=password or sidecar.get("password"), limits=self.limits,
                               on_pages=report)
            meta = build_meta(doc, path, overrides, defaults)
            return self._index_document(doc, meta, path, source, deadline=deadline, report=report,
                                        allow_downgrade=allow_downgrade)
        except (loaders.LoadError, LimitError, ValueError, OSError) as exc:
            return IngestResult(source_path=source, status="failed", error=str(exc),
                                error_code=getattr(exc, "code", None))
        except Exception as exc:  # any other failure of one file is that file's result, not the batch's end
            log.exception("ingest of %s failed", source)
            return IngestResult(source_path=source, status="failed",
                                error=f"{path.name}: 入库失败 / ingest failed ({type(exc).__name__}: {exc})")

    def _previous_versions(self, doc_id: str, source: str) -> list[DocumentInfo]:
        """The documents a new version replaces: the same content, and other content from the same path."""
        same = self.registry.get(doc_id)
        return ([same] if same else []) + [d for d in self.registry.by_source(source) if d.doc_id != doc_id]

    def _index_document(self, doc: LoadedDocument, meta: DocumentMeta, path: Path, source: str, *,
                        deadline: Deadline | None = None, allow_downgrade: bool = False,
                        report: PageSink | None = None) -> IngestResult:
        deadline = deadline or Deadline(self.limits.ingest_timeout_s)
        content_sha = content_hash(doc)
        doc_id = doc_id_for(content_sha)
        previous = self._previous_versions(doc_id, source)
        meta, kept = guard_access_level(meta, previous, allow_downgrade=allow_downgrade)
        fingerprint = _fingerprint(content_sha, meta)
        warnings = list(doc.warnings) + kept
        result = IngestResult(source_path=source, doc_id=doc_id, title=meta.title, status="unchanged",
                              warnings=list(kept), changes=list(kept))
        if self.registry.fingerprint_of(doc_id) == fingerprint:
            existing = self.registry.get(doc_id)
            if existing and existing.source_path != source:
                result.warnings.append(f"与已入库文件内容相同 / same content as {existing.source_path}")
                result.status = "duplicate"
                result.duplicate_of = [existing.doc_id]
            result.chunks = existing.chunk_count if existing else 0
            return result
        changed = metadata_changes(previous[0], meta) if previous else []
        result.changes += changed
        warnings.extend(changed)
        replaced = [d.doc_id for d in self.registry.by_source(source) if d.doc_id != doc_id]
        for old in replaced:
            self.delete(old, rebuild=False)
        if self.registry.get(doc_id) is not None:
            self.delete(doc_id, rebuild=False)
        chunks = chunk_sections(parse_sections(doc.blocks), doc_id=doc_id, meta=meta, source_path=source)
        if not chunks and not doc.needs_ocr:
            return IngestResult(source_path=source, status="failed", error="文档没有可索引的文字 / no text to index")
        if len(chunks) > self.limits.max_chunks:
            raise LimitError(f"{path.name}: " + str(exceeded("条文块数 / chunks", len(chunks),
                                                                self.limits.max_chunks, "MAX_CHUNKS")))
        deadline.check("chunking")
        for chunk in chunks:  # the verbatim text stays for quotes; the clean form is indexed beside it
            if (clean := clean_text(chunk.text)) != chunk.text:
                chunk.metadata["clean_text"] = clean
        plan, plan_warnings = _digital_plan(doc_id, meta, chunks)
        warnings.extend(plan_warnings)
        flagged = [c.locator for c in chunks if is_instruction_like(c.text)]
        if flagged:
            warnings.append(f"含类似指令的文字，仅作数据处理 / instruction-like text treated as data only: "
                            f"{', '.join(flagged[:5])}")
        minhash = signature(doc.text)
        twins = self.duplicates.find_twins(doc_id, meta, minhash, self.registry.documents(searchable_only=True))
        warnings.extend(twin.warning() for twin in twins)
        stored = self._store_original(path, doc_id)
        tokens = [tokenize(c.indexed_text) for c in chunks]
        self.registry.begin_document(
            doc_id, meta, source_path=source, content_hash=content_sha, fingerprint=fingerprint,
            pages=len(doc.pages), warnings=warnings, chunks=chunks, tokens=tokens, stored_file=stored,
        )
        self.duplicates.record(doc_id, minhash, source_rank(doc), twins)
        try:
            self._embed_and_store(chunks, meta, deadline, report)
            if plan is not None:
                self.registry.save_plan(doc_id, plan.model_dump_json())
        except BaseException:  # over the time limit, or anything else: no half-written document stays
            self.delete(doc_id, rebuild=False)
            raise
        status = DocStatus.NEEDS_OCR if doc.needs_ocr else DocStatus.INDEXED
        self.registry.finish_document(doc_id, status)
        result.status = "replaced" if replaced else status.value
        result.chunks, result.warnings = len(chunks), warnings + result.warnings
        result.duplicate_of = [twin.doc.doc_id for twin in twins]
        return result

    def ingest_loaded(self, doc: LoadedDocument, meta: DocumentMeta, path: Path, *,
                      allow_downgrade: bool = False) -> IngestResult:
        """Index an already loaded document (uploads, tests) and rebuild BM25."""
        with self.writer.hold("ingest", self.on_wait):
            self._clear_leftovers()
            result = self._index_document(doc, meta, path, str(path.resolve()), allow_downgrade=allow_downgrade)
            self.rebuild_lexical()
        return result

    def _embed_and_store(self, chunks: list[Chunk], meta: DocumentMeta, deadline: Deadline | None = None,
                         report: PageSink | None = None) -> None:
        for start in range(0, len(chunks), _EMBED_BATCH):
            if deadline is not None:
                deadline.check(f"embedding chunk {start}")
            if report is not None:
                report(Stage.EMBEDDING, start, len(chunks))
            batch = chunks[start : start + _EMBED_BATCH]
            vectors = self.embeddings.embed_documents([c.indexed_text for c in batch])
            self.vectors.upsert(
                ids=[c.chunk_id for c in batch],
                vectors=vectors,
                metadatas=[chunk_metadata(c, meta) for c in batch],
            )
        if report is not None:
            report(Stage.EMBEDDING, len(chunks), len(chunks))

    def _store_original(self, path: Path, doc_id: str) -> str:
        target = self.files / f"{doc_id}{path.suffix.lower()}"
        if not target.exists():
            shutil.copyfile(path, target)
        return target.name

    # -- maintenance --------------------------------------------------------------------------------
    def delete(self, doc_id: str, *, rebuild: bool = True) -> bool:
        with self.writer.hold("delete", self.on_wait):
            info = self.registry.get(doc_id)
            if info is None:
                return False
            self.vectors.delete_document(doc_id)
            self.registry.delete(doc_id)
            if info.stored_file:
                (self.files / info.stored_file).unlink(missing_ok=True)
            if rebuild:
                self.rebuild_lexical()
        return True

    def rebuild_lexical(self) -> None:
        ids, tokens = self.registry.searchable_tokens()
        self.lexical.rebuild(ids, tokens)

    def _lexical_out_of_date(self) -> bool:
        """A batch killed between two documents leaves documents indexed that BM25 has not seen yet."""
        return set(self.lexical.indexed_ids()) != set(self.registry.searchable_ids())

    def lexical_ready(self) -> bool:
        return (self.lexical.folder / "chunk_ids.json").exists()

    def repair(self) -> FolderReport:
        """Mend what a killed writer left (retrieval/repair.py), unless another live process is writing now:
        then its documents in `indexing` are its own, and nothing is touched."""
        with self.writer.try_hold("repair") as held:
            if not held:
                return FolderReport(home=str(self.home), writer=self.writer.holder() or {"pid": None})
            return check(self, mend=True)

    def _clear_leftovers(self) -> None:
        """With the lock just taken, any document still `indexing` belongs to a writer that died (perhaps after
        this process opened the folder, when repair had to leave it alone): remove it before writing."""
        leftovers = self.registry.incomplete()
        for doc_id in leftovers:
            self.delete(doc_id, rebuild=False)
        if leftovers:
            self.rebuild_lexical()

    def doctor(self, *, mend: bool = True) -> FolderReport:
        """Check the folder and (with `mend`) repair it, waiting for a live writer first when mending."""
        if not mend:
            with self.writer.try_hold("doctor --check") as held:
                return check(self, mend=False, writer=None if held else (self.writer.holder() or {"pid": None}))
        with self.writer.hold("doctor", self.on_wait):
            return check(self, mend=True)

    def stats(self) -> dict[str, Any]:
        return {"documents": len(self.registry.documents()), "chunks": self.registry.count_searchable_chunks(),
                "vectors": self.vectors.count()}


def _digital_plan(doc_id: str, meta: DocumentMeta, chunks: list[Chunk]):
    """A plan's response levels, measures and report rules (DESIGN §8), with warnings. A parser failure never
    loses the document: it is indexed all the same and the failure is recorded as a warning."""
    if meta.doc_type is not DocType.PLAN:
        return None, []
    from retrieval.plan.digital_plan import parse_digital_plan

    try:
        plan = parse_digital_plan(doc_id, meta.title, chunks)
    except Exception as exc:
        return None, [f"预案结构化解析失败 / digital plan not parsed: {type(exc).__name__}: {exc}"]
    return plan, [] if plan.levels else ["未识别到分级响应条件 / no response levels recognised"]


def _reporter(progress: ProgressSink, name: str, position: int, files: int) -> PageSink:
    """A loader's and the embedder's (stage, done, total) as `Step`s of file `position` of the batch."""
    def report(stage: str, done: int, total: int) -> None:
        progress(Step(file=name, file_index=position, files_total=files, stage=Stage(stage), done=done, total=total))

    return report


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named directly, and the supported files inside named folders (recursively, sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in loaders.SUPPORTED_SUFFIXES)
            )
        else:
            files.append(path)
    return files
