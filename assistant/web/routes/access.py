"""What one caller may see: an `Assistant` view restricted to the caller's document access levels.

Every route hands tasks this view instead of the raw `Assistant`, so whatever a task does — search with its
own filters, open a plan by id, draw quiz distractors from the whole library — it only ever reaches documents
the caller may read: searches carry `access_levels` into the store queries, and a forbidden document, chunk,
plan or file looks exactly like a missing one. Answers are checked once more before they leave. Only admins
see where a document lies on the server: for everyone else a `source_path` is the file's name.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from fastapi import Depends

from assistant.models import Answer
from assistant.service import Assistant, make_filters
from assistant.web.auth import Principal, Role, current_principal
from assistant.web.routes.deps import AssistantDep
from assistant.web.routes.errors import ApiError
from retrieval.models import AccessLevel, Chunk, DocumentInfo, Hit
from retrieval.search import SearchFilters, SearchResult

log = logging.getLogger(__name__)


class ScopedAssistant:
    """The subset of the `Assistant` API that tasks and routes use, limited to `levels`."""

    def __init__(self, assistant: Assistant, levels: list[AccessLevel], *, full_paths: bool = True) -> None:
        self._assistant = assistant
        self.levels = [AccessLevel(level) for level in levels]
        self.full_paths = full_paths

    @property
    def settings(self):
        return self._assistant.settings

    @property
    def home(self) -> Path:
        return self._assistant.home

    def filters(self, filters: SearchFilters | dict[str, Any] | None = None) -> SearchFilters:
        """The caller's filters narrowed to the levels they may read (never widened)."""
        base = make_filters(filters) or SearchFilters()
        asked = base.access_levels if base.access_levels is not None else list(AccessLevel)
        return dataclasses.replace(base, access_levels=[level for level in asked if level in self.levels])

    def allows(self, doc: DocumentInfo | None) -> bool:
        return doc is not None and doc.access_level in self.levels

    # -- documents ----------------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        return [self._shown(d) for d in self._assistant.documents() if self.allows(d)]

    def searchable_documents(self) -> list[DocumentInfo]:
        """What the library holds for answers, as far as the caller may know: refusals name only these."""
        return [d for d in self._assistant.searchable_documents() if self.allows(d)]

    def document(self, doc_id: str) -> DocumentInfo | None:
        info = self._assistant.document(doc_id)
        return self._shown(info) if self.allows(info) else None

    def chunks(self, doc_id: str) -> list[Chunk]:
        return [self._shown(c) for c in self._assistant.chunks(doc_id)] if self.document(doc_id) else []

    def chunk(self, chunk_id: str) -> Chunk:
        chunk = self._assistant.chunk(chunk_id)
        if self.document(chunk.doc_id) is None:
            raise KeyError(chunk_id)
        return self._shown(chunk)

    def _shown(self, item):
        """A document or chunk as this caller sees it: its server path reduced to the file name for non-admins."""
        if self.full_paths:
            return item
        return item.model_copy(update={"source_path": file_name(item.source_path)})

    def digital_plan(self, doc_id: str):
        return self._assistant.digital_plan(doc_id) if self.document(doc_id) else None

    def allowed_doc_ids(self, filters: SearchFilters | dict[str, Any] | None = None) -> set[str]:
        return self._assistant.allowed_doc_ids(self.filters(filters))

    def original_file(self, doc_id: str) -> Path | None:
        return self._assistant.original_file(doc_id) if self.document(doc_id) else None

    # -- retrieval and answers ----------------------------------------------------------------------
    def search(self, query: str, k: int = 5, filters: SearchFilters | dict[str, Any] | None = None,
               **options: Any) -> list[Hit]:
        return self.search_result(query, k=k, filters=filters, **options).hits

    def search_result(self, query: str, k: int = 5, filters: SearchFilters | dict[str, Any] | None = None,
                      **options: Any) -> SearchResult:
        result = self._assistant.search_result(query, k=k, filters=self.filters(filters), **options)
        if self.full_paths:
            return result
        return dataclasses.replace(result, hits=[h.model_copy(update={"chunk": self._shown(h.chunk)})
                                                 for h in result.hits])

    def ask(self, question: str, task: str = "lookup", **options: Any) -> Answer:
        from assistant.tasks import run_task

        options["filters"] = self.filters(options.get("filters"))
        answer = run_task(self, question, task, **options)
        self.check_answer(answer)
        return answer

    def check_answer(self, answer: Answer) -> None:
        """Refuse to send an answer citing a clause the caller may not read (a task bypassed the view)."""
        cited = {c.chunk_id for c in (*answer.citations, *answer.closest)}
        doc_ids = {chunk_id.rsplit(":", 1)[0] for chunk_id in cited}
        unreadable = {d for d in doc_ids if self.document(d) is None}
        deleted = sorted(d for d in unreadable if self._assistant.document(d) is None)
        if deleted:  # deleted while the answer was built: not an access failure
            raise ApiError(409, "document_deleted",
                           f"作答期间文档被删除，请重新提问 / a cited document was deleted while the answer was being "
                           f"built; ask again: {', '.join(deleted)}")
        forbidden = sorted(unreadable)
        if forbidden:
            log.error("answer to %r cited documents outside the caller's access levels: %s",
                      answer.question, forbidden)
            raise ApiError(500, "access_check_failed",
                           "回答引用了无权访问的文档，已拦截 / the answer cited a document you may not read; withheld")


def file_name(source_path: str) -> str:
    return PurePosixPath(source_path.replace("\\", "/")).name


def scoped_assistant(a: AssistantDep, principal: Annotated[Principal, Depends(current_principal)]) -> ScopedAssistant:
    return ScopedAssistant(a, principal.access_levels, full_paths=principal.role is Role.ADMIN)


ScopedDep = Annotated[ScopedAssistant, Depends(scoped_assistant)]
PrincipalDep = Annotated[Principal, Depends(current_principal)]
