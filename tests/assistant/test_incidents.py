"""Incidents of the duty desk: the SQLite store (ticks, log, closing, reopening the file) and its API
(`assistant/web/routes/incidents.py`) with roles, access levels, exports and drill papers."""

from __future__ import annotations

import io
from itertools import count

import pytest
from docx import Document
from fastapi.testclient import TestClient

from assistant.models import Answer, Citation, Task
from assistant.service import Assistant
from assistant.web.api import create_app
from assistant.web.auth import KeyStore
from assistant.web.incident_export import incident_markdown, markdown_docx
from assistant.web.incidents import (
    IncidentClosedError,
    IncidentNotFoundError,
    IncidentStore,
    LogKind,
    NewIncident,
)
from assistant.web.records import cited_documents
from retrieval.store.db import Database

FLOOD = "示例区防汛应急预案"
RESERVOIR = "示例区青鸾水库防洪抢险应急预案"
LIBRARY = {
    f"{FLOOD}.md": "# 示例区防汛应急预案\n\n## 4 应急响应\n\n### 4.1 分级响应\n\n24小时降雨量超过200毫米，或者主要"
                   "河道水位超过保证水位时，由区防汛指挥部总指挥决定启动Ⅰ级应急响应。\n\n### 4.2 信息报告\n\n"
                   "区水务局应当在30分钟内向区防汛指挥部报告险情和灾情，此后每2小时续报一次。\n",
    f"{FLOOD}.meta.toml": 'doc_type = "plan"\nhazard_types = ["防汛"]\naccess_level = "public"\n',
    f"{RESERVOIR}.md": "# 示例区青鸾水库防洪抢险应急预案\n\n## 4 应急响应\n\n### 4.1 分级响应\n\n青鸾水库24小时降雨量超过"
                       "150毫米时，由区防汛指挥部总指挥决定启动Ⅰ级应急响应。\n\n### 4.2 信息报告\n\n青鸾水库管理处应当在"
                       "15分钟内向区防汛指挥部报告险情和灾情。\n",
    f"{RESERVOIR}.meta.toml": 'doc_type = "plan"\nhazard_types = ["水库"]\naccess_level = "restricted"\n',
}


def answer(task: Task, chunk_id: str = "d1:0", items: int = 2) -> Answer:
    citation = Citation(n=1, chunk_id=chunk_id, doc_title="示例区防汛应急预案", locator="4.2 信息报告", page=1,
                        quote="区水务局应当在30分钟内报告。", version="2024年版")
    payload = {"level_label": "Ⅰ级应急响应", "items": [
        {"phase": "信息报告", "action": f"第{i}步", "lead_units": ["区水务局"], "time_limit": "30分钟内",
         "citation": 1} for i in range(items)]} if task is Task.CHECKLIST else {
        "sections": [{"key": "reporting", "title": "信息报送要求", "sentences": [0]}]}
    return Answer(task=task, question="q", sentences=[{"text": "区水务局应当在30分钟内报告。", "citations": [1]}],
                  citations=[citation], payload=payload)


@pytest.fixture
def store(tmp_path) -> IncidentStore:
    ticks = count()
    return IncidentStore(Database(tmp_path / "planassist.sqlite"), clock=lambda: f"2025-07-01T14:{next(ticks):02d}:00+08:00")


def opened(store: IncidentStore, **fields):
    new = NewIncident(hazard="防汛", place="河西街道", time="2025-07-01 14:00", facts="降雨量250毫米", **fields)
    return store.create(new, briefing=answer(Task.BRIEFING), checklist=answer(Task.CHECKLIST), by="zhang")


def test_an_incident_keeps_its_answers_ticks_and_log(store):
    incident = opened(store)
    assert incident.title == "防汛 · 河西街道 · 2025-07-01 14:00" and incident.status == "open"
    assert [s.done for s in incident.items] == [False, False] and incident.level_label == "Ⅰ级应急响应"

    store.set_item(incident.id, 1, True, "zhang")
    store.set_item(incident.id, 0, True, "li")
    after = store.set_item(incident.id, 0, False, "wang")  # the latest tick of an item is its state
    assert [(s.done, s.by) for s in after.items] == [(False, "wang"), (True, "zhang")]
    assert after.checklist.payload["items"][1]["done"] is True and after.items_done == 1

    logged = store.add_log(incident.id, LogKind.UPDATE, "转移群众320人", "li")
    assert [(e.kind, e.text, e.by) for e in logged.log] == [(LogKind.UPDATE, "转移群众320人", "li")]
    assert [s.id for s in store.summaries()] == [incident.id]


def test_ticks_survive_reopening_the_data_folder(store, tmp_path):
    incident = opened(store)
    store.set_item(incident.id, 1, True, "zhang")
    reopened = IncidentStore(Database(tmp_path / "planassist.sqlite"))  # a restarted server; migrations run once
    assert [s.done for s in reopened.get(incident.id).items] == [False, True]


def test_closed_incidents_are_read_only_and_unknown_ones_missing(store):
    incident = opened(store)
    with pytest.raises(IndexError):
        store.set_item(incident.id, 5, True, "zhang")
    closed = store.close(incident.id, "zhang")
    assert closed.status == "closed" and closed.closed_by == "zhang"
    with pytest.raises(IncidentClosedError):
        store.set_item(incident.id, 0, True, "zhang")
    with pytest.raises(IncidentClosedError):
        store.add_log(incident.id, LogKind.OTHER, "x", "zhang")
    with pytest.raises(IncidentNotFoundError):
        store.get(999)
    assert store.summaries(status="closed")[0].id == incident.id and store.summaries(status="open") == []


def test_an_incident_quoting_an_unreadable_document_looks_missing(store):
    incident = opened(store)
    assert cited_documents(incident.briefing, incident.checklist) == ["d1"]
    with pytest.raises(IncidentNotFoundError):
        store.get(incident.id, readable=lambda docs: "d1" not in docs)
    assert store.summaries(readable=lambda docs: False) == []


def test_a_regraded_incident_keeps_the_levels_of_every_document_it_ever_quoted(store):
    """Its log still quotes the first plan after a 续报 moves it to another: that plan's level must still guard it."""
    new = NewIncident(hazard="防汛", place="河西街道", time="2025-07-01 14:00", facts="降雨量250毫米")
    levels = {"d1": "restricted", "d2": "public"}
    incident = store.create(new, briefing=answer(Task.BRIEFING), checklist=answer(Task.CHECKLIST), by="zhang",
                            level_of=levels.get)
    store.regrade(incident.id, "降雨量260毫米", briefing=answer(Task.BRIEFING, "d2:0"),
                  checklist=answer(Task.CHECKLIST, "d2:0"), by="zhang", level_of=levels.get)

    def public_only(cited) -> bool:
        return all(level == "public" for level in cited.values())

    with pytest.raises(IncidentNotFoundError):
        store.get(incident.id, readable=public_only)


def test_the_export_has_facts_briefing_checklist_state_and_log(store):
    incident = opened(store)
    store.set_item(incident.id, 0, True, "zhang")
    incident = store.add_log(incident.id, LogKind.REPORT, "河西街道报告积水", "li")
    markdown = incident_markdown(incident)
    assert markdown.startswith("# 事件：防汛 · 河西街道 · 2025-07-01 14:00\n")
    assert "## 事件情况\n降雨量250毫米" in markdown and "### 信息报送要求" in markdown
    assert "- [x] 【信息报告】第0步 区水务局（30分钟内）[1] — 已完成：zhang，2025-07-01 14:01" in markdown
    assert "- [ ] 【信息报告】第1步" in markdown and "【接报】li：河西街道报告积水" in markdown
    assert "[1] 《示例区防汛应急预案》（2024年版） 4.2 信息报告，第1页 —「区水务局应当在30分钟内报告。」" in markdown
    document = Document(io.BytesIO(markdown_docx(markdown)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["事件：防汛 · 河西街道 · 2025-07-01 14:00", "事件情况", "情况简报"]


# -- the API ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def api(tmp_path_factory):
    docs = tmp_path_factory.mktemp("incident-docs")
    for name, text in LIBRARY.items():
        (docs / name).write_text(text, encoding="utf-8")
    assistant = Assistant(home=tmp_path_factory.mktemp("incident-home"))
    assert all(r.ok for r in assistant.ingest([docs]))
    keys = KeyStore(assistant.index.db)
    headers = {role: {"Authorization": f"Bearer {keys.add(f'u-{role}', role)}"}
               for role in ("admin", "duty_officer", "trainer", "staff")}
    with TestClient(create_app(assistant)) as client:
        yield client, headers


FACTS = {"hazard": "防汛", "place": "河西街道", "time": "2025-07-01 14:00", "facts": "24小时降雨量250毫米"}


def test_the_api_opens_ticks_logs_exports_and_closes_an_incident(api):
    client, headers = api
    officer = headers["duty_officer"]
    assert client.get("/v1/me", headers=officer).json() == {
        "user": "u-duty_officer", "role": "duty_officer", "access_levels": ["public", "internal", "restricted"],
        "open_mode": False}
    incident = client.post("/v1/incidents", json=FACTS, headers=officer).json()
    assert incident["created_by"] == "u-duty_officer" and incident["level_label"] == "Ⅰ级应急响应"
    assert incident["briefing"]["task"] == "briefing" and incident["checklist"]["payload"]["items"]
    path = f"/v1/incidents/{incident['id']}"

    ticked = client.post(f"{path}/items/0", json={"done": True}, headers=headers["admin"]).json()
    assert ticked["items"][0] == {"index": 0, "done": True, "by": "u-admin", "at": ticked["items"][0]["at"]}
    assert client.post(f"{path}/items/99", json={"done": True}, headers=officer).status_code == 404
    logged = client.post(f"{path}/log", json={"kind": "续报", "text": "水位回落"}, headers=officer).json()
    assert logged["log"][0]["kind"] == "续报"
    assert client.post(f"{path}/log", json={"kind": "闲聊", "text": "x"}, headers=officer).status_code == 422

    markdown = client.get(f"{path}/export", params={"format": "md"}, headers=officer)
    assert markdown.headers["content-type"].startswith("text/markdown") and "- [x]" in markdown.text
    assert client.get(f"{path}/export", params={"format": "docx"}, headers=officer).content[:2] == b"PK"

    assert client.post(f"{path}/close", headers=officer).json()["status"] == "closed"
    refused = client.post(f"{path}/items/1", json={"done": True}, headers=officer)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "incident_closed"


@pytest.mark.parametrize("role", ["trainer", "staff"])
def test_only_duty_officers_and_admins_use_the_desk(api, role):
    client, headers = api
    assert client.post("/v1/incidents", json=FACTS, headers=headers[role]).status_code == 403
    assert client.get("/v1/incidents", headers=headers[role]).status_code == 403
    assert client.get("/v1/me", headers=headers[role]).json()["role"] == role
    assert client.get("/v1/incidents").status_code == 401


def test_a_narrower_officer_does_not_see_an_incident_quoting_restricted_plans(api, monkeypatch):
    client, headers = api
    incident = client.post("/v1/incidents", json={**FACTS, "hazard": "水库", "facts": "青鸾水库降雨量180毫米"},
                           headers=headers["admin"]).json()
    assert any(c["doc_title"] == RESERVOIR for c in incident["checklist"]["citations"])
    settings = client.app.state.assistant.settings
    monkeypatch.setitem(settings.role_access, "duty_officer", ["public", "internal"])
    officer = headers["duty_officer"]
    assert client.get(f"/v1/incidents/{incident['id']}", headers=officer).status_code == 404
    assert incident["id"] not in [i["id"] for i in client.get("/v1/incidents", headers=officer).json()]


def test_drill_papers_are_graded_and_exported(api):
    client, headers = api
    trainer = headers["trainer"]
    quiz = client.post("/v1/ask", json={"question": "信息报告", "task": "quiz", "options": {"n": 2, "kinds": ["fill_blank"]}},
                       headers=trainer).json()
    first = quiz["payload"]["questions"][0]
    graded = client.post("/v1/quiz/grade", json={"payload": quiz["payload"], "responses": {
        first["id"]: first["answer"]}}, headers=trainer).json()
    assert graded["correct"] == 1 and graded["per_question"][first["id"]] is True
    paper = client.post("/v1/quiz/export", params={"format": "md"}, json={"answer": quiz}, headers=trainer).text
    key = client.post("/v1/quiz/export", params={"format": "md"}, json={"answer": quiz, "key": True},
                      headers=trainer).text
    assert first["stem"] in paper and "答案：" not in paper and f"答案：{'、'.join(first['answer'])}" in key
    not_quiz = {**quiz, "task": "lookup"}
    assert client.post("/v1/quiz/export", json={"answer": not_quiz}, headers=trainer).status_code == 422


def test_a_grade_request_with_a_misspelled_field_is_a_422_naming_it(api):
    client, headers = api
    quiz = client.post("/v1/ask", json={"question": "信息报告", "task": "quiz", "options": {"n": 1}},
                       headers=headers["trainer"]).json()
    first = quiz["payload"]["questions"][0]
    for body, field in (({"payload": quiz["payload"], "respones": {first["id"]: first["answer"]}}, "respones"),
                        ({"payload": {**quiz["payload"], "question": []}, "responses": {}}, "payload.question")):
        wrong = client.post("/v1/quiz/grade", json=body, headers=headers["trainer"])
        assert wrong.status_code == 422, wrong.text
        assert field in [d["field"] for d in wrong.json()["error"]["details"]]


def test_new_facts_decide_the_level_again_and_the_change_is_logged_with_its_citation(api):
    client, headers = api
    officer = headers["duty_officer"]
    opened = client.post("/v1/incidents", json={**FACTS, "facts": "24小时降雨量120毫米"}, headers=officer).json()
    assert opened["level_label"] is None and opened["checklist"]["payload"]["facts"]["24小时降雨量"] == 120
    path = f"/v1/incidents/{opened['id']}"

    edited = client.post(f"{path}/facts", json={"facts": "24小时降雨量250毫米"}, headers=officer).json()
    assert edited["facts"] == "24小时降雨量250毫米" and edited["level_label"] == "Ⅰ级应急响应"
    assert edited["checklist"]["payload"]["items"] and edited["items_total"] > 0
    change = edited["log"][-1]
    assert change["kind"] == "级别调整" and "→ Ⅰ级应急响应" in change["text"] and "《示例区防汛应急预案》" in change["text"]

    # a 续报 adds its facts to the incident's and decides the level again
    second = client.post("/v1/incidents", json={**FACTS, "facts": "降雨持续"}, headers=officer).json()
    again = client.post(f"/v1/incidents/{second['id']}/log", json={"kind": "续报", "text": "主要河道水位超过保证水位"},
                        headers=officer).json()
    assert again["level_label"] == "Ⅰ级应急响应" and "主要河道水位超过保证水位" in again["facts"]
    assert [e["kind"] for e in again["log"]] == ["续报", "级别调整"]


def test_an_incident_opened_under_a_chosen_plan_stays_under_it_when_facts_change(api):
    client, headers = api
    officer = headers["duty_officer"]
    plans = {d["title"]: d["doc_id"] for d in client.get("/v1/documents", headers=officer).json()}
    chosen = plans[RESERVOIR]
    opened = client.post("/v1/incidents", json={**FACTS, "facts": "青鸾水库24小时降雨量120毫米", "doc_id": chosen},
                         headers=officer).json()
    assert opened["checklist"]["payload"]["plan_doc_id"] == chosen
    edited = client.post(f"/v1/incidents/{opened['id']}/facts", json={"facts": "青鸾水库24小时降雨量160毫米"},
                         headers=officer).json()
    assert edited["checklist"]["payload"]["plan_doc_id"] == chosen and edited["level_label"] == "Ⅰ级应急响应"
    # without a choice, the same report of a flood goes to the plan its hazard and place pick
    auto = client.post("/v1/incidents", json=FACTS, headers=officer).json()
    assert auto["checklist"]["payload"]["plan_doc_id"] == plans[FLOOD]
    too_long = client.post("/v1/incidents", json={**FACTS, "doc_id": "x" * 65}, headers=officer)
    assert too_long.status_code == 422
