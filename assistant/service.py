"""The one facade over a data folder: ingest(), search(), ask(), documents(), chunks(), delete().

The CLI, the API and the evaluations are thin layers over `Assistant`; nothing else opens the stores.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

from assistant.config import Settings, get_settings
from retrieval.embeddings import get_embeddings
from retrieval.index import Index
from retrieval.models import AccessLevel, Chunk, DocType, DocumentInfo, Hit, IngestResult
from retrieval.progress import ProgressSink, nothing
from retrieval.search import Searcher, SearchFilters, SearchOptions, SearchResult, with_document_metadata

_FILTER_KEYS = {"doc_type", "doc_types", "doc_ids", "hazard", "issuer", "year", "access_levels"}


def make_filters(filters: SearchFilters | dict[str, Any] | None) -> SearchFilters | None:
    """Accept `SearchFilters` or a plain dict such as {"doc_type": "plan", "hazard": "防汛"}."""
    if filters is None or isinstance(filters, SearchFilters):
        return filters
    unknown = set(filters) - _FILTER_KEYS
    if unknown:
        raise ValueError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    values = {k: v for k, v in filters.items() if v not in (None, "", [])}
    doc_types = values.pop("doc_types", None) or ([values.pop("doc_type")] if "doc_type" in values else None)
    values.pop("doc_type", None)
    return SearchFilters(
        doc_types=[DocType(t) for t in doc_types] if doc_types else None,
        access_levels=[AccessLevel(a) for a in values.pop("access_levels")] if "access_levels" in values else None,
        **values,
    )


_INTERSECTED = ("doc_ids", "doc_types", "access_levels")


def merge_filters(*parts: SearchFilters | dict[str, Any] | None) -> dict[str, Any]:
    """Combine filters (dicts or `SearchFilters`): later keys add to earlier ones, and the list-valued ones
    (documents, types, access levels) intersect, so that narrowing a query never widens what it may see."""
    merged: dict[str, Any] = {}
    for part in parts:
        values = dataclasses.asdict(part) if isinstance(part, SearchFilters) else dict(part or {})
        if values.get("doc_type"):
            values["doc_types"] = [values.pop("doc_type")]
        for key, value in values.items():
            if value in (None, "", []):
                continue
            if key in _INTERSECTED and merged.get(key) is not None:
                value = [v for v in merged[key] if v in set(value)]
            merged[key] = value
    return merged


class Assistant:
    """Opens (or creates) a data folder; safe to share between threads of one process."""

    def __init__(self, home: str | Path | None = None, settings: Settings | None = None, **overrides: Any) -> None:
        self.settings = settings or get_settings(home=home, **overrides)
        if home is not None:
            self.settings.home = Path(home)
        self.home = Path(self.settings.home).expanduser()
        self.index = Index(self.home, get_embeddings(self.settings.embed_model), chroma_url=self.settings.chroma_url)
        self.searcher = Searcher(self.index, reranker=_load_reranker(self.settings.reranker_model))
        self._ingest_lock = threading.Lock()
        self._worker = self._thread = None
        self._plans: dict[str, tuple[tuple[str, str], Any]] = {}

    # -- documents ----------------------------------------------------------------------------------
    def ingest(
        self, paths: list[str | Path] | str | Path, *, password: str | None = None, allow_downgrade: bool = False,
        progress: ProgressSink = nothing, worker: bool = False, **meta: Any,
    ) -> list[IngestResult]:
        """Ingest files or folders; metadata keyword arguments (title, doc_type, access_level …) override. A
        re-ingest never lowers a document's access level unless `allow_downgrade` (an admin's explicit choice).
        `progress` is told every step: pages read and OCR'd, chunks embedded (`retrieval.progress`). `worker` (the
        API's uploads): ingest on a lower-priority thread, or in a worker process when `Settings.ingest_worker`
        (which reports no steps)."""
        items = [paths] if isinstance(paths, str | Path) else list(paths)
        if worker and self.settings.ingest_worker:
            return self._ingest_worker().ingest([Path(p) for p in items], password=password,
                                                allow_downgrade=allow_downgrade, **meta)
        if worker:
            return self._ingest_thread().run(lambda: self.ingest(items, password=password, progress=progress,
                                                                 allow_downgrade=allow_downgrade, **meta))
        with self._ingest_lock:
            return self.index.ingest_paths(
                [Path(p) for p in items], password=password, overrides=meta or None,
                defaults={"access_level": self.settings.default_access_level}, allow_downgrade=allow_downgrade,
                progress=progress,
            )

    def _ingest_worker(self):
        from assistant.ingest_worker import IngestWorker

        with self._ingest_lock:
            if self._worker is None:
                self._worker = IngestWorker(self.settings)
            return self._worker

    def _ingest_thread(self):
        from assistant.ingest_worker import IngestThread

        with self._ingest_lock:
            if self._thread is None:
                self._thread = IngestThread(self.settings.ingest_nice)
            return self._thread

    def close(self) -> None:
        """Stop the ingest thread or worker process, if one was started."""
        for runner in (self._worker, self._thread):
            if runner is not None:
                runner.close()

    def documents(self) -> list[DocumentInfo]:
        return self.index.registry.documents()

    def searchable_documents(self) -> list[DocumentInfo]:
        """The documents search can return (indexed, not being written): what the library holds for answers."""
        return self.index.registry.documents(searchable_only=True)

    def document(self, doc_id: str) -> DocumentInfo | None:
        return self.index.registry.get(doc_id)

    def chunks(self, doc_id: str) -> list[Chunk]:
        """A document's chunks in order, each carrying its document's version, issuer, year and access level."""
        info = self.document(doc_id)
        return [with_document_metadata(c, info) for c in self.index.registry.chunks(doc_id)]

    def chunk(self, chunk_id: str) -> Chunk:
        found = self.index.registry.chunks_by_id([chunk_id])
        if chunk_id not in found:
            raise KeyError(chunk_id)
        return with_document_metadata(found[chunk_id], self.document(found[chunk_id].doc_id))

    def allowed_doc_ids(self, filters: SearchFilters | dict[str, Any] | None) -> set[str]:
        """The documents a query under these filters (access levels included) may read."""
        return {d.doc_id for d in self.searcher.allowed_documents(make_filters(filters))}

    def digital_plan(self, doc_id: str):
        """The plan's parsed response levels, measures and report rules (DESIGN §8), or None. Read once per
        document version (content hash and ingest time) and kept: a request never re-reads the stored model.
        The returned plan is shared, so callers treat it as read-only."""
        from retrieval.plan.digital_plan import ENGINE, DigitalPlan, parse_digital_plan

        info = self.document(doc_id)
        if info is None:
            return None
        version = (info.content_hash, info.ingested_at)
        cached = self._plans.get(doc_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        data = self.index.registry.plan_json(doc_id)
        plan = DigitalPlan.model_validate_json(data) if data else None
        if plan is not None and plan.engine != ENGINE:
            # read by an older engine: read its stored chunks again (kept in memory; a re-ingest stores it)
            plan = parse_digital_plan(doc_id, info.title, self.chunks(doc_id))
        self._plans[doc_id] = (version, plan)
        return plan

    def delete(self, doc_id: str) -> bool:
        with self._ingest_lock:
            return self.index.delete(doc_id)

    def original_file(self, doc_id: str) -> Path | None:
        info = self.document(doc_id)
        if info is None or not info.stored_file:
            return None
        path = self.index.files / info.stored_file
        return path if path.exists() else None

    # -- retrieval ----------------------------------------------------------------------------------
    def search(
        self, query: str, k: int = 5, filters: SearchFilters | dict[str, Any] | None = None, **options: Any
    ) -> list[Hit]:
        return self.search_result(query, k=k, filters=filters, **options).hits

    def search_result(
        self, query: str, k: int = 5, filters: SearchFilters | dict[str, Any] | None = None, **options: Any
    ) -> SearchResult:
        options.setdefault("not_found_floor", self.settings.not_found_floor)
        search_options = SearchOptions(**options)
        return self.searcher.search(query, k=k, filters=make_filters(filters), options=search_options)

    # -- answers ------------------------------------------------------------------------------------
    def ask(self, question: str, task: str = "lookup", **options: Any):
        from assistant.tasks import run_task

        return run_task(self, question, task, **options)


def _load_reranker(folder: str | None):
    if not folder:
        return None
    from retrieval.ranking.rerank import CrossEncoderReranker

    return CrossEncoderReranker(folder)
