"""The audit trail (`assistant/web/audit.py`): one append-only row per /v1 call, read back by admins as JSON or CSV."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.web.api import create_app
from assistant.web.audit import AuditEntry, AuditLog
from assistant.web.auth import KeyStore
from retrieval.store.db import Database

PLAN = """# 示例区防汛应急预案

## 4 应急响应

### 4.2 信息报告

区水务局应当在30分钟内向区防汛指挥部报告险情和灾情，此后每2小时续报一次。
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> dict:
    docs = tmp_path_factory.mktemp("audit-docs")
    (docs / "示例区防汛应急预案.md").write_text(PLAN, encoding="utf-8")
    assistant = Assistant(home=tmp_path_factory.mktemp("audit-home"))
    assert all(r.ok for r in assistant.ingest([docs]))
    keys = KeyStore(assistant.index.db)
    headers = {"admin": {"Authorization": f"Bearer {keys.add('root', 'admin')}"},
               "staff": {"Authorization": f"Bearer {keys.add('zhang', 'staff')}"}}
    with TestClient(create_app(assistant)) as client:
        yield {"client": client, "headers": headers, "assistant": assistant}


def audit(served: dict, **params) -> list[dict]:
    response = served["client"].get("/v1/audit", params=params, headers=served["headers"]["admin"])
    assert response.status_code == 200, response.text
    return response.json()


def test_every_v1_call_is_recorded_with_who_what_and_how_it_ended(served):
    client, staff = served["client"], served["headers"]["staff"]
    question = "区水务局应当在多长时间内报告险情？"
    answer = client.post("/v1/ask", json={"question": question, "task": "lookup"}, headers=staff).json()
    client.post("/v1/search", json={"query": "续报"}, headers=staff)
    client.get("/v1/documents/nope", headers=staff)
    client.get("/v1/documents")  # no key: 401, recorded as "anonymous"
    client.get("/healthz")  # not /v1: not recorded
    rows = audit(served, user="zhang", limit=10)
    ask = next(r for r in rows if r["endpoint"] == "/v1/ask")
    assert ask["role"] == "staff" and ask["method"] == "POST" and ask["status"] == 200
    assert ask["subject"] == question and ask["task"] == "lookup" and ask["refused"] is False
    assert ask["cited"] == [c["chunk_id"] for c in answer["citations"]] and ask["cited"]
    assert ask["latency_ms"] > 0 and datetime.fromisoformat(ask["time"]).tzinfo is not None
    search = next(r for r in rows if r["endpoint"] == "/v1/search")
    assert search["subject"] == "续报" and search["cited"]
    missing = next(r for r in rows if r["endpoint"] == "/v1/documents/nope")
    assert missing["status"] == 404 and missing["subject"] == "nope"
    anonymous = audit(served, endpoint="/v1/documents", limit=50)
    assert any(r["status"] == 401 and r["user"] == "anonymous" for r in anonymous)
    assert not audit(served, endpoint="/healthz")


def test_stream_and_openai_calls_are_recorded(served):
    client, staff = served["client"], served["headers"]["staff"]
    client.post("/v1/ask/stream", json={"question": "报告险情", "task": "lookup"}, headers=staff)
    client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "报告险情时限"}]},
                headers=staff)
    stream = audit(served, endpoint="/v1/ask/stream", limit=1)[0]
    chat = audit(served, endpoint="/v1/chat/completions", limit=1)[0]
    assert stream["subject"] == "报告险情" and stream["status"] == 200
    assert chat["subject"] == "报告险情时限" and chat["task"] == "chat"


def test_filters_by_user_endpoint_and_time(served):
    client = served["client"]
    client.get("/v1/documents", headers=served["headers"]["staff"])
    rows = audit(served, limit=1000)
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)  # newest first
    assert {r["user"] for r in audit(served, user="zhang")} == {"zhang"}
    assert all(r["endpoint"].startswith("/v1/doc") for r in audit(served, endpoint="/v1/doc"))
    assert audit(served, endpoint="/v1/doc_") == []  # LIKE wildcards are literal
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert audit(served, since=future) == []
    assert len(audit(served, until=future, limit=2)) == 2
    assert audit(served, since="2000-01-01T08:00:00+08:00", limit=3)
    response = client.get("/v1/audit", params={"since": "yesterday"}, headers=served["headers"]["admin"])
    assert response.status_code == 422 and "ISO-8601" in response.json()["error"]["message"]
    assert client.get("/v1/audit", params={"limit": 0}, headers=served["headers"]["admin"]).status_code == 422


def test_csv_export(served):
    response = served["client"].get("/v1/audit", params={"format": "csv", "user": "zhang"},
                                    headers=served["headers"]["admin"])
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["user"] for r in rows} == {"zhang"}
    assert {"time", "user", "role", "endpoint", "subject", "task", "cited", "refused", "latency_ms",
            "status"} <= set(rows[0])


def test_only_admins_read_the_audit_and_reading_it_is_audited(served):
    staff = served["client"].get("/v1/audit", headers=served["headers"]["staff"])
    assert staff.status_code == 403
    rows = audit(served, endpoint="/v1/audit", limit=5)
    assert any(r["user"] == "zhang" and r["status"] == 403 for r in rows)


def test_the_log_is_append_only(tmp_path):
    log = AuditLog(Database(tmp_path / "planassist.sqlite"))
    log.record(AuditEntry(user="a", role="admin", method="GET", endpoint="/v1/documents", latency_ms=1.0,
                          status=200))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        log.db.conn.execute("UPDATE audit_log SET user='b'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        log.db.conn.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):  # REPLACE deletes without DELETE triggers
        log.db.conn.execute(
            "INSERT OR REPLACE INTO audit_log (id, time, user, role, method, endpoint, latency_ms, status)"
            " VALUES (1, '2020-01-01', 'b', 'admin', 'GET', '/v1/audit', 1, 200)")
    reopened = AuditLog(Database(tmp_path / "planassist.sqlite"))  # migrations and triggers apply once
    assert [e.user for e in reopened.entries()] == ["a"]


def test_the_row_is_written_before_the_client_has_its_whole_answer(tmp_path):
    """An auditor who exports right after a call finds it: the row lands before the response's last byte."""
    import anyio
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from assistant.web.audit import AuditMiddleware

    app = Starlette(routes=[Route("/v1/ping", lambda request: PlainTextResponse("pong"))])
    app.state.audit = AuditLog(Database(tmp_path / "audit.db"))
    wrapped = AuditMiddleware(app)
    rows_when_last_byte_left: list[int] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            rows_when_last_byte_left.append(len(app.state.audit.entries(endpoint="/v1/ping")))

    scope = {"type": "http", "method": "GET", "path": "/v1/ping", "headers": [], "query_string": b"",
             "app": app, "root_path": "", "scheme": "http", "server": ("test", 80)}
    anyio.run(wrapped, scope, receive, send)
    assert rows_when_last_byte_left == [1]
    assert len(app.state.audit.entries(endpoint="/v1/ping")) == 1  # and only one row
