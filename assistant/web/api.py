"""The HTTP API: a thin FastAPI layer over `Assistant`; this module wires the app, its errors and middleware.

`create_app()` is a factory (`uvicorn --factory assistant.web.api:create_app`); the Assistant, which loads an
embedding model, is opened once per process at startup, kept in `app.state.assistant` and shared by all
requests. The endpoints live in `assistant/web/routes/` (one module per family, registered in `ROUTERS`). Handlers that
touch the stores are plain `def`s so FastAPI runs them in its thread pool. Every error, whatever its cause,
leaves as {"error": {"code", "message"}} with a bilingual message; nothing a client sends can stop the server.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.service import Assistant
from assistant.web.audit import AuditLog, AuditMiddleware
from assistant.web.auth import KeyStore, RateLimiter, check_role_access, current_principal, is_loopback_host
from assistant.web.guards import BodyLimit, SiteGuard, check_bind
from assistant.web.job_store import JobStore
from assistant.web.jobs import JobRegistry
from assistant.web.models import ErrorBody
from assistant.web.routes import ask, audit, documents, exercises, health, incidents, openai_compat, search
from assistant.web.routes.errors import ApiError, error_response
from assistant.web.routes.uploads import MAX_UPLOAD_BYTES

__all__ = ["ApiError", "create_app", "error_response"]

# Every endpoint family, in the order the app includes them; all but the public ones require a principal.
ROUTERS: dict[str, APIRouter] = {
    "health": health.router,
    "search": search.router,
    "ask": ask.router,
    "openai_compat": openai_compat.router,
    "documents": documents.router,
    "audit": audit.router,
    "incidents": incidents.router,
    "exercises": exercises.router,
}
PUBLIC_ROUTERS: set[str] = {"health"}

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 415: "unsupported_media_type", 422: "invalid_request", 429: "too_many_requests",
          500: "internal_error", 501: "not_implemented", 503: "unavailable"}
_ZH_BY_STATUS = {400: "请求无效", 401: "未授权", 403: "无权访问", 404: "未找到", 405: "不支持该请求方法",
                 413: "请求过大", 415: "不支持的内容类型", 429: "请求过于频繁"}
_ZH_BY_ERROR_TYPE = {"missing": "缺少字段", "string_too_short": "不能为空", "string_too_long": "过长",
                     "greater_than_equal": "超出范围", "less_than_equal": "超出范围", "enum": "取值无效",
                     "extra_forbidden": "未知字段", "int_parsing": "应为整数", "dict_type": "应为对象",
                     "model_attributes_type": "应为 JSON 对象", "literal_error": "取值无效", "list_type": "应为列表"}
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody} for code in (400, 401, 403, 404, 413, 415, 422, 429, 501)}
# Any request body but an upload (POST /v1/documents sets its own, larger limit): counted as it streams in,
# chunked or not, so no body larger than this is ever held in memory.
MAX_BODY_BYTES = 2 * 1024 * 1024


def create_app(assistant: Assistant | None = None) -> FastAPI:
    """The API app; opens `Assistant()` from the environment (PLANASSIST_HOME …) unless one is given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "assistant", None) is None:
            app.state.assistant = await run_in_threadpool(Assistant)
            await run_in_threadpool(_open_access_stores, app)
        anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.assistant.settings.api_threads
        yield
        app.state.assistant.close()

    app = FastAPI(title="planassist API", version="0.1.0", lifespan=lifespan, responses=ERRORS,
                  description="Citation-first search and answers over emergency plans, laws and reviews.")
    app.state.assistant = assistant
    if assistant is not None:
        _open_access_stores(app)
    _install_error_handlers(app)
    app.add_middleware(BodyLimit, default=MAX_BODY_BYTES, limits={("POST", "/v1/documents"): MAX_UPLOAD_BYTES})
    app.add_middleware(SiteGuard)
    app.add_middleware(AuditMiddleware)  # outermost: it also records requests refused by the guards
    authenticated = [Depends(current_principal)]
    for name, router in ROUTERS.items():
        app.include_router(router, dependencies=None if name in PUBLIC_ROUTERS else authenticated)
    return app


def _open_access_stores(app: FastAPI) -> None:
    """API keys, the audit log and the rate limiter, beside the registry in the data folder's SQLite file."""
    a: Assistant = app.state.assistant
    check_role_access(a.settings.role_access)
    app.state.keys = KeyStore(a.index.db)
    app.state.audit = AuditLog(a.index.db)
    app.state.limiter = RateLimiter(a.settings.rate_limit_per_minute)
    app.state.jobs = JobRegistry(JobStore(a.index.db))
    for job in app.state.jobs.interrupted:
        log.warning("ingest job %s was interrupted by the previous server's stop (%d of %d files indexed)",
                    job.id, job.files_done, job.files_total)
    check_bind(a.settings.api_host, app.state.keys.configured(), a.settings)
    if not app.state.keys.configured():
        host = a.settings.api_host
        where = "" if is_loopback_host(host) else f" (configured host {host} is not loopback: remote calls get 401)"
        log.warning("planassist API runs WITHOUT AUTHENTICATION: no API keys are configured, so loopback clients "
                    "are served as admin and all other clients are refused%s. Create keys with "
                    "`planassist users add NAME --role admin|duty_officer|trainer|staff`.", where)


# -- errors -----------------------------------------------------------------------------------------
def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, headers=exc.headers)

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
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, ensure_ascii=False)
        if exc.status_code in (404, 405) and detail in ("Not Found", "Method Not Allowed"):
            detail = f"{detail}: {request.method} {request.url.path} (the endpoints are listed at /docs)"
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
