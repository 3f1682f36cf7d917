"""The HTTP API: a thin FastAPI layer over `Assistant` — search, ask (JSON and SSE), documents, chunks.

`create_app()` is a factory (`uvicorn --factory assistant.api:create_app`); the Assistant, which loads an
embedding model, is opened once per process at startup and shared by all requests. Handlers that touch the
stores are plain `def`s so FastAPI runs them in its thread pool. Every error, whatever its cause, leaves as
{"error": {"code", "message"}} with a bilingual message; nothing a client sends can stop the server.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api_models import (
    AskRequest,
    ChatCompletion,
    ChatCompletionRequest,
    ChunkView,
    ErrorBody,
    Health,
    IngestResultView,
    SearchHit,
    SearchRequest,
    SearchResponse,
)
from assistant.models import Answer, Task
from assistant.service import Assistant
from retrieval import loaders
from retrieval.metadata import SIDECAR_SUFFIX
from retrieval.models import AccessLevel, DocType, DocumentInfo, IngestResult

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_BYTES = 4 * MAX_FILE_BYTES  # one request, checked from Content-Length before the body is parsed
_RESERVED_OPTIONS = {"question", "task"}
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 415: "unsupported_media_type", 422: "invalid_request", 429: "too_many_requests",
          500: "internal_error", 501: "not_implemented", 503: "unavailable"}
_ZH_BY_STATUS = {400: "请求无效", 401: "未授权", 403: "无权访问", 404: "未找到", 405: "不支持该请求方法",
                 413: "请求过大", 415: "不支持的内容类型", 429: "请求过于频繁"}
_ZH_BY_ERROR_TYPE = {"missing": "缺少字段", "string_too_short": "不能为空", "string_too_long": "过长",
                     "greater_than_equal": "超出范围", "less_than_equal": "超出范围", "enum": "取值无效",
                     "extra_forbidden": "未知字段", "int_parsing": "应为整数", "dict_type": "应为对象"}
_MEDIA_TYPES = {".pdf": "application/pdf", ".html": "text/html", ".htm": "text/html",
                ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain"}
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody} for code in (400, 404, 413, 415, 422, 501)}


class ApiError(Exception):
    """An error the client should see, with its HTTP status, a stable code and a bilingual message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None):
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return JSONResponse({"error": error}, status_code=status)


def create_app(assistant: Assistant | None = None) -> FastAPI:
    """The API app; opens `Assistant()` from the environment (PLANASSIST_HOME …) unless one is given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "assistant", None) is None:
            app.state.assistant = await run_in_threadpool(Assistant)
        yield

    app = FastAPI(title="planassist API", version="0.1.0", lifespan=lifespan, responses=ERRORS,
                  description="Citation-first search and answers over emergency plans, laws and reviews.")
    app.state.assistant = assistant
    _install_error_handlers(app)
    app.add_middleware(UploadLimit, max_bytes=MAX_UPLOAD_BYTES)
    _add_routes(app)
    return app


def _assistant(request: Request) -> Assistant:
    return request.app.state.assistant


AssistantDep = Annotated[Assistant, Depends(_assistant)]


# -- errors -----------------------------------------------------------------------------------------
def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "invalid_json", "请求体不是有效的 JSON / request body is not valid JSON")
        details = [{"field": _field(e), "type": e.get("type", ""), "message": e.get("msg", "")} for e in errors]
        message = "; ".join(
            f"{d['field']}: {_ZH_BY_ERROR_TYPE.get(d['type'], '无效')} / {d['message']}" for d in details
        )
        return error_response(422, "invalid_request", f"请求参数无效 / invalid request: {message}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, ensure_ascii=False)
        zh = _ZH_BY_STATUS.get(exc.status_code)
        message = f"{zh} / {detail}" if zh else detail
        return error_response(exc.status_code, _CODES.get(exc.status_code, "error"), message)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", "服务器内部错误 / internal server error")


def _field(error: dict[str, Any]) -> str:
    loc = [str(part) for part in error.get("loc", ())]
    if loc and loc[0] in ("body", "query", "path", "header", "form"):
        loc = loc[1:]
    return ".".join(loc) or "body"


class UploadLimit:
    """ASGI middleware: refuse a body larger than `max_bytes` from its Content-Length, before it is read."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope["headers"]).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.max_bytes:
                response = error_response(413, "too_large", f"请求过大 / request larger than {self.max_bytes} bytes")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# -- routes -----------------------------------------------------------------------------------------
def _add_routes(app: FastAPI) -> None:
    @app.get("/healthz", response_model=Health, tags=["meta"])
    def healthz(a: AssistantDep) -> Health:
        documents = a.documents()
        return Health(documents=len(documents), chunks=sum(d.chunk_count for d in documents))

    @app.post("/v1/search", response_model=SearchResponse, tags=["search"])
    def search(body: SearchRequest, a: AssistantDep) -> SearchResponse:
        result = a.search_result(body.query, k=body.k, filters=body.filters())
        return SearchResponse(hits=[SearchHit.from_hit(h) for h in result.hits], not_found=result.not_found,
                              timings_ms=result.timings_ms)

    @app.post("/v1/ask", response_model=Answer, tags=["ask"])
    def ask(body: AskRequest, a: AssistantDep) -> Answer:
        return _ask(a, body.question, body.task, body.options)

    @app.post("/v1/ask/stream", tags=["ask"],
              responses={200: {"content": {"text/event-stream": {}},
                               "description": "SSE: sentence…, citations, answer, done"}})
    async def ask_stream(body: AskRequest, a: AssistantDep) -> EventSourceResponse:
        answer = await run_in_threadpool(_ask, a, body.question, body.task, body.options)
        return EventSourceResponse(_answer_events(answer))

    @app.post("/v1/chat/completions", tags=["openai"], response_model=ChatCompletion,
              responses={200: {"content": {"text/event-stream": {}}, "description": "JSON, or SSE when stream"}})
    async def chat_completions(body: ChatCompletionRequest, a: AssistantDep) -> ChatCompletion | EventSourceResponse:
        """OpenAI-compatible chat: the last user message is the question, earlier turns its history."""
        *earlier, last = [m for m in body.messages if m.role in ("user", "assistant")] or [None]
        if last is None or last.role != "user" or not last.text().strip():
            raise ApiError(422, "invalid_request", "最后一条消息须为用户提问 / the last message must be a user question")
        task = body.task()
        options = {"history": [{"role": m.role, "content": m.text()} for m in earlier]} if task is Task.CHAT else {}
        answer = await run_in_threadpool(_ask, a, _checked_question(last.text()), task, options)
        completion = ChatCompletion.from_answer(answer, body.model)
        if not body.stream:
            return completion
        return EventSourceResponse(_completion_chunks(completion))

    @app.get("/v1/documents", response_model=list[DocumentInfo], tags=["documents"])
    def list_documents(a: AssistantDep) -> list[DocumentInfo]:
        return a.documents()

    @app.post("/v1/documents", response_model=list[IngestResultView], tags=["documents"])
    async def upload_documents(
        a: AssistantDep,
        files: Annotated[list[UploadFile], File(description="PDF, DOCX, MD, TXT, HTML; NAME.meta.toml sidecars")],
        doc_type: Annotated[DocType | None, Form()] = None,
        access_level: Annotated[AccessLevel | None, Form()] = None,
        title: Annotated[str | None, Form(max_length=200)] = None,
        password: Annotated[str | None, Form(max_length=200)] = None,
    ) -> list[IngestResultView]:
        received = [(_safe_name(f.filename), await _read_capped(f)) for f in files]
        meta = {k: v for k, v in {"doc_type": doc_type, "access_level": access_level, "title": title}.items() if v}
        results = await run_in_threadpool(_ingest_uploads, a, received, password or None, meta)
        return [IngestResultView.from_result(r) for r in results]

    @app.get("/v1/documents/{doc_id}", response_model=DocumentInfo, tags=["documents"])
    def get_document(doc_id: str, a: AssistantDep) -> DocumentInfo:
        return _document(a, doc_id)

    @app.delete("/v1/documents/{doc_id}", tags=["documents"])
    def delete_document(doc_id: str, a: AssistantDep) -> dict[str, Any]:
        if not a.delete(doc_id):
            raise _no_document(doc_id)
        return {"deleted": doc_id}

    @app.get("/v1/documents/{doc_id}/file", tags=["documents"], response_class=FileResponse)
    def document_file(doc_id: str, a: AssistantDep) -> FileResponse:
        info = _document(a, doc_id)
        path = a.original_file(doc_id)
        if path is None:
            raise ApiError(404, "not_found", f"原文件不存在 / original file not kept for {doc_id}")
        return FileResponse(path, media_type=_media_type(path), filename=Path(info.source_path).name,
                            content_disposition_type="inline")

    @app.get("/v1/documents/{doc_id}/chunks", response_model=list[ChunkView], tags=["documents"])
    def document_chunks(doc_id: str, a: AssistantDep) -> list[ChunkView]:
        info = _document(a, doc_id)
        return [ChunkView.from_chunk(c, info.version) for c in a.chunks(doc_id)]

    @app.get("/v1/chunks/{chunk_id}", response_model=ChunkView, tags=["documents"])
    def get_chunk(chunk_id: str, a: AssistantDep) -> ChunkView:
        try:
            chunk = a.chunk(chunk_id)
        except KeyError:
            raise ApiError(404, "not_found", f"条文不存在 / no such chunk: {chunk_id}") from None
        info = a.document(chunk.doc_id)
        return ChunkView.from_chunk(chunk, info.version if info else None)


# -- helpers ----------------------------------------------------------------------------------------
def _ask(a: Assistant, question: str, task: Task, options: dict[str, Any]) -> Answer:
    reserved = _RESERVED_OPTIONS & set(options)
    if reserved:
        raise ApiError(422, "invalid_option", f"选项名无效 / options may not contain {', '.join(sorted(reserved))}")
    try:
        return a.ask(question, task=task.value, **options)
    except (ImportError, NotImplementedError) as exc:
        raise ApiError(501, "not_implemented", f"该任务尚不可用 / task {task.value} not available: {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise ApiError(422, "invalid_option", f"任务参数无效 / invalid task options: {exc}") from exc


def _checked_question(text: str) -> str:
    question = text.strip()
    if len(question) > 2000:
        raise ApiError(422, "invalid_request", "问题过长 / question longer than 2000 characters")
    return question


async def _completion_chunks(completion: ChatCompletion) -> AsyncIterator[ServerSentEvent]:
    """OpenAI streaming: a role delta, one content delta per line, a final chunk with the citations, [DONE]."""
    head = {"id": completion.id, "created": completion.created, "model": completion.model,
            "object": "chat.completion.chunk"}
    lines = completion.choices[0].message.content.split("\n")
    deltas = [{"role": "assistant", "content": ""}] + [{"content": line + "\n"} for line in lines]
    for delta in deltas:
        choice = {"index": 0, "delta": delta, "finish_reason": None}
        yield ServerSentEvent(json.dumps(head | {"choices": [choice]}, ensure_ascii=False))
    citations = [c.model_dump(mode="json") for c in completion.citations]
    final = head | {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "citations": citations,
                    "refused": completion.refused}
    yield ServerSentEvent(json.dumps(final, ensure_ascii=False))
    yield ServerSentEvent("[DONE]")


async def _answer_events(answer: Answer) -> AsyncIterator[ServerSentEvent]:
    for index, sentence in enumerate(answer.sentences):
        data = {"index": index, **sentence.model_dump(mode="json")}
        yield ServerSentEvent(json.dumps(data, ensure_ascii=False), event="sentence")
    citations = [c.model_dump(mode="json") for c in answer.citations]
    yield ServerSentEvent(json.dumps(citations, ensure_ascii=False), event="citations")
    yield ServerSentEvent(answer.model_dump_json(), event="answer")
    yield ServerSentEvent("{}", event="done")


def _document(a: Assistant, doc_id: str) -> DocumentInfo:
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


_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def _safe_name(filename: str | None) -> str:
    """The file's own name, without any folder part a client may have sent."""
    name = _UNSAFE_NAME_CHARS.sub("_", Path((filename or "").replace("\\", "/")).name).strip()
    if not name or name in (".", "..") or len(name) > 200:
        raise ApiError(422, "invalid_filename", f"文件名无效 / invalid file name: {filename!r}")
    return name


async def _read_capped(upload: UploadFile) -> bytes:
    data = await upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ApiError(413, "too_large", f"文件过大 / {upload.filename}: larger than {MAX_FILE_BYTES // 2**20} MB")
    return data


def _ingest_uploads(
    a: Assistant, received: list[tuple[str, bytes]], password: str | None, meta: dict[str, Any]
) -> list[IngestResult]:
    """Save the uploads under PLANASSIST_HOME/uploads/, ingest them, and drop the files that failed."""
    uploads = a.home / "uploads"
    paths = _save_uploads(uploads, received, meta.get("title"))
    results = a.ingest(paths, password=password, **meta)
    for result in results:
        folder = Path(result.source_path).parent
        if not result.ok and folder.parent == uploads.resolve():
            shutil.rmtree(folder, ignore_errors=True)
    return results


def _save_uploads(folder: Path, received: list[tuple[str, bytes]], title: str | None) -> list[Path]:
    """Check every file's content, then write each document (and its sidecar) under uploads/<content hash>/.

    The content-hash folder keeps the original name (its 「(2024修订)」 suffix carries the version) while two
    different files of the same name never replace each other; re-uploading the same bytes is a no-op.
    """
    sidecars = {name[: -len(SIDECAR_SUFFIX)]: data for name, data in received if name.endswith(SIDECAR_SUFFIX)}
    documents = [(name, data) for name, data in received if not name.endswith(SIDECAR_SUFFIX)]
    if not documents:
        raise ApiError(422, "no_documents", "没有可入库的文件 / no document among the uploaded files")
    if title and len(documents) > 1:
        raise ApiError(422, "invalid_request", "只能为单个文件指定标题 / a title applies to a single file only")
    stems = {Path(name).stem for name, _ in documents}
    for stem, data in sidecars.items():
        if stem not in stems:
            raise ApiError(422, "orphan_sidecar", f"元数据文件没有对应的文档 / no document for {stem}{SIDECAR_SUFFIX}")
        _check_sidecar(stem, data)
    for name, data in documents:
        _check_content(name, data)
    paths = []
    for name, data in documents:
        sidecar = sidecars.get(Path(name).stem)
        digest = hashlib.sha256(data + (sidecar or b"")).hexdigest()[:16]
        target = folder / digest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if sidecar is not None:
            target.with_name(Path(name).stem + SIDECAR_SUFFIX).write_bytes(sidecar)
        paths.append(target)
    return paths


def _check_content(name: str, data: bytes) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in loaders.SUPPORTED_SUFFIXES:
        supported = " ".join(sorted(loaders.SUPPORTED_SUFFIXES))
        raise ApiError(415, "unsupported_media_type",
                       f"{name}: 不支持的文件类型 / unsupported file type (supported: {supported})")
    if not data.strip():
        raise ApiError(422, "empty_file", f"{name}: 文件为空 / the file is empty")
    try:
        kind = loaders.sniff(Path(name), data)
    except loaders.LoadError as exc:
        raise ApiError(415, "unsupported_media_type", str(exc)) from exc
    binary_suffix = {".pdf": loaders.FileType.PDF, ".docx": loaders.FileType.DOCX}.get(suffix)
    if binary_suffix is not None and kind != binary_suffix:
        raise ApiError(415, "unsupported_media_type",
                       f"{name}: 内容不是 {suffix} 文件 / content is not a {suffix} file (looks like {kind.value})")


def _check_sidecar(stem: str, data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(415, "unsupported_media_type",
                       f"{stem}{SIDECAR_SUFFIX}: 元数据文件须为 UTF-8 / sidecar must be UTF-8 TOML") from exc
