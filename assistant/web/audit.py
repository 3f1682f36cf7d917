"""The audit trail: one append-only SQLite row per `/v1` call — who asked what, what was cited, how it ended.

`AuditMiddleware` times every `/v1` request and writes its row after the response (status included, also for
401s, 429s and 500s); routes add what only they know — the question or document, the task, the cited chunk
ids, whether the answer was refused — with `note(request, …)`. Rows are never updated or deleted: SQLite
triggers refuse both. `GET /v1/audit` (admins) reads them back, filtered, as JSON or CSV.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

import anyio
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from retrieval.store.db import Database

log = logging.getLogger(__name__)

MIGRATIONS = [
    """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL,
        method TEXT NOT NULL, endpoint TEXT NOT NULL, subject TEXT, task TEXT, cited TEXT NOT NULL DEFAULT '[]',
        refused INTEGER, latency_ms REAL NOT NULL, status INTEGER NOT NULL
    );
    CREATE INDEX audit_time ON audit_log(time);
    CREATE INDEX audit_user ON audit_log(user, time)
    """,
]
# Trigger bodies hold semicolons, which the migration runner splits on; they are created idempotently instead.
_APPEND_ONLY = """
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""
# INSERT OR REPLACE deletes the row it collides with, and SQLite fires no DELETE trigger for that (unless
# recursive triggers are on): the BEFORE INSERT trigger refuses any insert that names an existing id.
MAX_SUBJECT_CHARS = 2000
CSV_FIELDS = ["id", "time", "user", "role", "method", "endpoint", "subject", "task", "cited", "refused",
              "latency_ms", "status"]


class AuditEntry(BaseModel):
    id: int | None = None
    time: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="milliseconds"))
    user: str
    role: str
    method: str
    endpoint: str
    subject: str | None = None
    task: str | None = None
    cited: list[str] = Field(default_factory=list)
    refused: bool | None = None
    latency_ms: float
    status: int


class AuditLog:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate("audit", MIGRATIONS)
        db.conn.executescript(_APPEND_ONLY)

    def record(self, entry: AuditEntry) -> None:
        self.db.conn.execute(
            "INSERT INTO audit_log (time, user, role, method, endpoint, subject, task, cited, refused, latency_ms,"
            " status) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (entry.time, entry.user, entry.role, entry.method, entry.endpoint,
             (entry.subject or None) and entry.subject[:MAX_SUBJECT_CHARS], entry.task,
             json.dumps(entry.cited, ensure_ascii=False), None if entry.refused is None else int(entry.refused),
             round(entry.latency_ms, 2), entry.status),
        )

    def entries(self, *, user: str | None = None, endpoint: str | None = None, since: str | None = None,
                until: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """Newest first; `endpoint` matches a path prefix, `since`/`until` are ISO-8601 times (UTC)."""
        where, params = [], []
        for clause, value in (("user = ?", user), ("endpoint LIKE ? ESCAPE '\\'", _prefix(endpoint)),
                              ("time >= ?", since), ("time < ?", until)):
            if value is not None:
                where.append(clause)
                params.append(value)
        sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.db.conn.execute(sql + " ORDER BY id DESC LIMIT ?", (*params, limit))
        return [_entry(row) for row in rows]


def to_csv(entries: list[AuditEntry]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for entry in entries:
        row = entry.model_dump()
        row["cited"] = " ".join(entry.cited)
        writer.writerow({key: inert(value) for key, value in row.items()})
    return out.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, tab, CR) kept as text: '=…."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def note(request: Request, **fields: Any) -> None:
    """Add what the route knows (subject, task, cited, refused) to the request's audit row."""
    audit = request.scope.setdefault("state", {}).setdefault("audit", {})  # read back by AuditMiddleware
    audit.update({k: v for k, v in fields.items() if v is not None})


def _prefix(endpoint: str | None) -> str | None:
    if endpoint is None:
        return None
    return endpoint.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _entry(row: Any) -> AuditEntry:
    data = dict(row)
    data["cited"] = json.loads(data["cited"] or "[]")
    data["refused"] = None if data["refused"] is None else bool(data["refused"])
    return AuditEntry(**data)


class AuditMiddleware:
    """ASGI middleware writing one `AuditEntry` per `/v1` request, before the last byte of its response is sent."""

    def __init__(self, app: ASGIApp, prefix: str = "/v1") -> None:
        self.app, self.prefix = app, prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, written = 500, False

        async def write_once() -> None:
            nonlocal written
            if not written:
                written = True
                await self._write(scope, status, (time.perf_counter() - started) * 1000)

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                await write_once()  # before the last byte: a client holding its answer finds the row in the audit
            await send(message)

        scope.setdefault("state", {})
        try:
            await self.app(scope, receive, send_status)
        finally:
            await write_once()  # a request that ended without a complete response is audited too

    async def _write(self, scope: Scope, status: int, latency_ms: float) -> None:
        audit_log: AuditLog | None = getattr(scope["app"].state, "audit", None) if "app" in scope else None
        if audit_log is None:
            return
        state = scope.get("state", {})
        principal = state.get("principal")
        details = state.get("audit", {})
        entry = AuditEntry(
            user=principal.user if principal else details.get("user", "anonymous"),
            role=principal.role.value if principal else "",
            method=scope["method"], endpoint=scope["path"], latency_ms=latency_ms, status=status,
            subject=details.get("subject"), task=details.get("task"), cited=list(details.get("cited", [])),
            refused=details.get("refused"),
        )
        try:
            await anyio.to_thread.run_sync(audit_log.record, entry)
        except Exception:  # the audit trail must never turn a served answer into an error
            log.exception("could not write the audit row for %s %s", scope["method"], scope["path"])


def record_metadata_changes(audit_log: AuditLog | None, user: str, role: str, results: list[Any]) -> None:
    """One audit row per metadata change an ingest made (or refused, such as lowering an access level)."""
    if audit_log is None:
        return
    for result in results:
        for change in getattr(result, "changes", []):
            audit_log.record(AuditEntry(user=user, role=role, method="INGEST", endpoint="/v1/documents",
                                        subject=f"{result.doc_id} {change}", task="metadata_change",
                                        cited=[result.doc_id] if result.doc_id else [], latency_ms=0, status=200))
