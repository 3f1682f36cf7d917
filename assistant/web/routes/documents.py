"""Documents: list, upload, detail, delete, the original file, and chunks (`/v1/documents…`, `/v1/chunks/{id}`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from assistant.web.audit import note, record_metadata_changes
from assistant.web.auth import Role, require_role
from assistant.web.jobs import IngestJob
from assistant.web.models import ChunkView
from assistant.web.routes.access import ScopedAssistant, ScopedDep
from assistant.web.routes.deps import AssistantDep
from assistant.web.routes.errors import ApiError
from assistant.web.routes.uploads import ingest_saved, read_capped, safe_name, save_uploads
from retrieval.models import AccessLevel, DocType, DocumentInfo, IngestResult

router = APIRouter(tags=["documents"])

_ADMIN_ONLY = [Depends(require_role(Role.ADMIN))]
ORIGINAL_FILE_HEADERS = {"X-Content-Type-Options": "nosniff",
                         "Content-Security-Policy": "default-src 'none'; sandbox; frame-ancestors 'none'"}
_MEDIA_TYPES = {".pdf": "application/pdf", ".html": "text/html", ".htm": "text/html",
                ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain"}


@router.get("/v1/documents", response_model=list[DocumentInfo])
def list_documents(a: ScopedDep) -> list[DocumentInfo]:
    return a.documents()


@router.post("/v1/documents", response_model=list[IngestResult] | IngestJob, dependencies=_ADMIN_ONLY)
async def upload_documents(
    request: Request,
    a: AssistantDep,
    files: Annotated[list[UploadFile], File(description="PDF, DOCX, MD, TXT, HTML; NAME.meta.toml sidecars")],
    doc_type: Annotated[DocType | None, Form()] = None,
    access_level: Annotated[AccessLevel | None, Form()] = None,
    title: Annotated[str | None, Form(max_length=200)] = None,
    password: Annotated[str | None, Form(max_length=200)] = None,
    allow_downgrade: Annotated[bool, Form(description="let this re-upload lower a document's access level")] = False,
    background: Annotated[bool, Query(description="ingest as a job; poll GET /v1/jobs/{id}")] = False,
) -> list[IngestResult] | IngestJob:
    received = [(safe_name(f.filename), await read_capped(f)) for f in files]
    meta = {k: v for k, v in {"doc_type": doc_type, "access_level": access_level, "title": title}.items() if v}
    meta["allow_downgrade"] = allow_downgrade
    note(request, subject=" ".join(name for name, _ in received))
    paths = await run_in_threadpool(save_uploads, a, received, meta.get("title"))
    principal = request.state.principal

    def audited(result: IngestResult) -> None:
        record_metadata_changes(getattr(request.app.state, "audit", None), principal.user, principal.role.value,
                                [result])

    if background:
        return request.app.state.jobs.submit(
            principal.user, len(paths),
            lambda record, steps: ingest_saved(a, paths, password or None, meta,
                                               lambda r: (audited(r), record(r)), steps=steps))
    results = await run_in_threadpool(ingest_saved, a, paths, password or None, meta, audited)
    note(request, cited=[r.doc_id for r in results if r.doc_id])
    return results


@router.get("/v1/jobs/{job_id}", response_model=IngestJob, dependencies=_ADMIN_ONLY)
def get_job(job_id: str, request: Request) -> IngestJob:
    """Progress of a background ingest: files done, chunks, warnings, errors, per-file results."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise ApiError(404, "not_found", f"没有这个任务 / no such job: {job_id}")
    return job


@router.get("/v1/documents/{doc_id}", response_model=DocumentInfo)
def get_document(doc_id: str, request: Request, a: ScopedDep) -> DocumentInfo:
    return _document(request, a, doc_id)


@router.delete("/v1/documents/{doc_id}", dependencies=_ADMIN_ONLY)
def delete_document(doc_id: str, request: Request, a: AssistantDep) -> dict[str, Any]:
    note(request, subject=doc_id)
    if not a.delete(doc_id):
        raise _no_document(doc_id)
    return {"deleted": doc_id}


@router.get("/v1/documents/{doc_id}/file", response_class=FileResponse)
def document_file(doc_id: str, request: Request, a: ScopedDep) -> FileResponse:
    info = _document(request, a, doc_id)
    path = a.original_file(doc_id)
    if path is None:
        raise ApiError(404, "not_found", f"原文件不存在 / original file not kept for {doc_id}")
    # A download, never a page of this origin: an uploaded HTML file must not run its scripts here.
    return FileResponse(path, media_type=_media_type(path), filename=Path(info.source_path).name,
                        content_disposition_type="attachment", headers=ORIGINAL_FILE_HEADERS)


@router.get("/v1/documents/{doc_id}/chunks", response_model=list[ChunkView])
def document_chunks(doc_id: str, request: Request, a: ScopedDep) -> list[ChunkView]:
    info = _document(request, a, doc_id)
    return [ChunkView.from_chunk(c, info.version) for c in a.chunks(doc_id)]


@router.get("/v1/chunks/{chunk_id}", response_model=ChunkView)
def get_chunk(chunk_id: str, request: Request, a: ScopedDep) -> ChunkView:
    note(request, subject=chunk_id)
    try:
        chunk = a.chunk(chunk_id)
    except KeyError:
        raise ApiError(404, "not_found", f"条文不存在 / no such chunk: {chunk_id}") from None
    info = a.document(chunk.doc_id)
    return ChunkView.from_chunk(chunk, info.version if info else None)


def _document(request: Request, a: ScopedAssistant, doc_id: str) -> DocumentInfo:
    """The document if the caller may read it; a forbidden one is as missing as an unknown one (404)."""
    note(request, subject=doc_id)
    info = a.document(doc_id)
    if info is None:
        raise _no_document(doc_id)
    return info


def _no_document(doc_id: str) -> ApiError:
    return ApiError(404, "not_found", f"文档不存在 / no such document: {doc_id}")


def _media_type(path: Path) -> str:
    media_type = _MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    if media_type.startswith("text/"):
        try:
            path.read_bytes().decode("utf-8")
            media_type += "; charset=utf-8"
        except UnicodeDecodeError:
            media_type += "; charset=gb18030"
    return media_type
