"""Route helpers shared by the record resources (`/v1/incidents…`, `/v1/exercises…`): the role guard, the
per-app store, the caller's read check on quoted documents, record ids, and downloads (Markdown or DOCX).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import Depends, Path, Request
from fastapi.responses import Response

from assistant.web.auth import Principal, Role, current_principal
from assistant.web.incident_export import markdown_docx
from assistant.web.records import Cited, Readable
from assistant.web.routes.errors import ApiError
from retrieval.models import AccessLevel
from retrieval.store.db import Database

MOST_GUARDED = list(AccessLevel)[-1]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RecordId = Annotated[int, Path(ge=1, le=2**63 - 1, description="a record's id (SQLite INTEGER)")]
Store = TypeVar("Store")


class ExportFormat(StrEnum):
    MD = "md"
    DOCX = "docx"


def role_guard(roles: set[Role], refusal: str) -> Callable[..., Principal]:
    """A dependency that lets only `roles` through and answers anyone else 403 with `refusal`."""

    def guard(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if principal.role not in roles:
            raise ApiError(403, "forbidden", refusal)
        return principal

    return guard


def app_store(attribute: str, make: Callable[[Database], Store]) -> Callable[[Request], Store]:
    """A dependency giving the app's one store of a kind, made on first use over the library's database."""

    def store(request: Request) -> Store:
        found = getattr(request.app.state, attribute, None)
        if found is None:  # migrations are idempotent, so a race between two first requests is harmless
            found = make(request.app.state.assistant.index.db)
            setattr(request.app.state, attribute, found)
        return found

    return store


def readable_for(guard: Callable[..., Principal]) -> Callable[..., Readable]:
    """A dependency giving the read check of the caller `guard` lets through."""

    def readable_by(request: Request, principal: Principal = Depends(guard)) -> Readable:  # noqa: B008
        # a default, not Annotated[...]: string annotations resolve in this module, where `guard` is not a name
        return quoted_readable(request, principal)

    return readable_by


def quoted_readable(request: Request, principal: Principal) -> Readable:
    """Whether the caller may read every document a record quotes: at the access level it had when quoted and,
    if it still exists, at its level now. A deleted source of unknown level counts as the most guarded."""
    assistant = request.app.state.assistant
    readable = set(principal.access_levels)

    def can_read(cited: Cited) -> bool:
        for doc_id, level in cited.items():
            current = assistant.document(doc_id)
            needed = {lv for lv in (level, current.access_level if current else None) if lv is not None}
            if not needed <= readable or not needed and MOST_GUARDED not in readable:
                return False
        return True

    return can_read


def level_of(request: Request) -> Callable[[str], str | None]:
    """A document's access level now (None once it is deleted), for storing with the record that quotes it."""
    assistant = request.app.state.assistant
    return lambda doc_id: getattr(assistant.document(doc_id), "access_level", None)


def checked(operation: Callable[..., Any], *args: Any, errors: dict[type[Exception], tuple[int, str]]) -> Any:
    """Run a store operation, turning its domain errors into API errors (`errors`: type → status, code)."""
    try:
        return operation(*args)
    except tuple(errors) as exc:
        status, code = next(v for t, v in errors.items() if isinstance(exc, t))
        raise ApiError(status, code, str(exc)) from None


def download(markdown: str, stem: str, format: ExportFormat) -> Response:
    if format is ExportFormat.DOCX:
        content, media_type = markdown_docx(markdown), DOCX
    else:
        content, media_type = markdown.encode("utf-8"), "text/markdown; charset=utf-8"
    disposition = f"attachment; filename*=UTF-8''{quote(f'{stem}.{format.value}')}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})
