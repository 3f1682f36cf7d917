"""Tabletop exercises over the sample plans: the injects the `exercise` task builds (time order, levels that the
checklist engine gives for the same facts, cited expected actions), scoring responses, the evaluation report,
the store across a reopened data folder, and the `/v1/exercises` API with its roles and exports."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from fastapi.testclient import TestClient

from assistant.exercise_report import evaluation_report
from assistant.exercise_review import TeamResponse, deadline_minutes, score_team
from assistant.models import ExercisePayload
from assistant.web.api import create_app
from assistant.web.auth import KeyStore
from assistant.web.exercises import ExerciseFinishedError, ExerciseStore, NewExercise, NewResponse
from retrieval.store.db import Database

pytestmark = pytest.mark.slow
FLOOD = "示例区防汛应急预案"


def plan_id(assistant, title: str) -> str:
    return next(d.doc_id for d in assistant.documents() if d.title == title)


@pytest.fixture(scope="module")
def flood_exercise(sample_assistant):
    return sample_assistant.ask("示例区河西街道防汛桌面推演", task="exercise", hazard="防汛", place="示例区河西街道",
                                start="2025-07-01 14:30", doc_id=plan_id(sample_assistant, FLOOD))


def test_injects_run_in_time_order_from_first_report_to_termination(flood_exercise):
    injects = flood_exercise.payload["injects"]
    assert 5 <= len(injects) <= 8
    assert [i["offset_minutes"] for i in injects] == sorted(i["offset_minutes"] for i in injects)
    stages = [i["stage"] for i in injects]
    assert stages[0] == "接报" and stages[-1] == "响应调整与终止" and "信息发布" in stages
    assert all(2 <= len(i["questions"]) <= 3 for i in injects)


def test_every_expected_action_is_cited_by_its_clause_with_unit_and_deadline(flood_exercise, sample_assistant):
    citations = {c.n: c for c in flood_exercise.citations}
    actions = [a for i in flood_exercise.payload["injects"] for a in i["expected_actions"]]
    assert actions and all(a["citation"] in citations for a in actions)
    for action in actions:
        citation = citations[action["citation"]]
        assert citation.quote in sample_assistant.chunk(citation.chunk_id).text
        assert citation.doc_title == FLOOD
    assert any(a["lead_units"] and a["deadline"] for a in actions)


def test_inject_levels_are_the_checklist_engines_for_the_same_facts(flood_exercise, sample_assistant):
    judged = [i for i in flood_exercise.payload["injects"] if i["facts"] is not None]
    assert any(i["level"] is not None for i in judged)
    for inject in judged:
        checklist = sample_assistant.ask(flood_exercise.question, task="checklist", hazard="防汛", facts=inject["facts"],
                                         doc_id=plan_id(sample_assistant, FLOOD))
        assert checklist.payload["level"] == inject["level"], inject["message"]
    levels = [i["level"] for i in judged if i["level"] is not None]
    assert min(levels) < max(levels)  # the scenario escalates to a more severe level (Ⅳ → Ⅲ)


def test_without_escalation_a_secondary_hazard_follows(sample_assistant):
    answer = sample_assistant.ask("危险化学品泄漏桌面推演", task="exercise", hazard="危险化学品", escalation=False,
                                  doc_id=plan_id(sample_assistant, "示例区危险化学品事故应急预案"))
    stages = [i["stage"] for i in answer.payload["injects"]]
    assert "次生灾害" in stages and "险情升级" not in stages


def test_responses_are_scored_covered_late_or_missed(flood_exercise):
    payload = ExercisePayload.model_validate(flood_exercise.payload)
    first = payload.injects[0]
    timed = next(a for a in first.expected_actions if deadline_minutes(a.deadline))
    limit = deadline_minutes(timed.deadline)
    on_time = [TeamResponse(id=1, inject=0, team="甲组", text=timed.action, minutes=limit)]
    late = [TeamResponse(id=2, inject=0, team="乙组", text=timed.action, minutes=limit + 30)]
    i = first.expected_actions.index(timed)
    assert score_team(payload, on_time, "甲组")[i].verdict == "covered"
    assert score_team(payload, late, "乙组")[i].verdict == "late"
    silent = [s for s in score_team(payload, on_time, "甲组") if s.inject == 1]
    assert silent and all(s.verdict == "missed" and s.reason == "未对该情景作出响应" for s in silent)
    ticked = [TeamResponse(id=3, inject=0, team="丙组", text="已处置", covers=[i])]
    assert [s.verdict for s in score_team(payload, ticked, "丙组") if s.inject == 0][i] == "covered"


def test_the_report_has_the_standard_indicators_and_owned_dated_corrective_actions(flood_exercise):
    payload = ExercisePayload.model_validate(flood_exercise.payload)
    action = payload.injects[0].expected_actions[0]
    responses = [TeamResponse(id=1, inject=0, team="甲组", text=action.action, minutes=0)]
    report = evaluation_report(payload, responses, date(2025, 7, 2), issuer="示例区应急管理局")
    assert [i.title for i in report.indicators] == ["预案执行", "指挥协调", "信息报告及时性", "资源保障"]
    assert report.teams["甲组"]["covered"] >= 1 and report.teams["甲组"]["missed"] > 0
    assert report.objectives and report.covered and report.missed
    assert report.corrective_actions and all(c.owner and c.due > "2025-07-02" for c in report.corrective_actions)


def test_exercises_and_responses_survive_reopening_the_data_folder(flood_exercise, tmp_path):
    path = tmp_path / "planassist.sqlite"
    store = ExerciseStore(Database(path))
    exercise = store.create(NewExercise(hazard="防汛", place="示例区河西街道"), flood_exercise, by="wang")
    store.add_response(exercise.id, NewResponse(inject=0, team="甲组", text="电话报告区防指办公室", minutes=5), "wang")
    store.finish(exercise.id, "wang")
    reopened = ExerciseStore(Database(path)).get(exercise.id)
    assert reopened.status == "finished" and reopened.report is not None
    assert [r.text for r in reopened.responses_given] == ["电话报告区防指办公室"]
    with pytest.raises(ExerciseFinishedError):
        ExerciseStore(Database(path)).add_response(exercise.id, NewResponse(inject=0, team="甲组", text="x"), "wang")


@pytest.fixture(scope="module")
def api(sample_assistant):
    keys = KeyStore(sample_assistant.index.db)
    headers = {role: {"Authorization": f"Bearer {keys.add(f'ex-{role}', role)}"}
               for role in ("trainer", "duty_officer")}
    with TestClient(create_app(sample_assistant)) as client:
        yield client, headers


def test_the_api_builds_runs_finishes_and_exports_an_exercise(api):
    client, headers = api
    trainer = headers["trainer"]
    built = client.post("/v1/exercises", json={"hazard": "防汛", "place": "示例区河西街道", "start": "2025-07-01 14:30"},
                        headers=trainer)
    assert built.status_code == 200, built.text
    exercise = built.json()
    assert exercise["plan_title"] == FLOOD and exercise["status"] == "running"
    action = exercise["answer"]["payload"]["injects"][0]["expected_actions"][0]
    url = f"/v1/exercises/{exercise['id']}"
    answered = client.post(f"{url}/responses", json={"inject": 0, "team": "甲组", "text": action["action"],
                                                     "minutes": 0}, headers=trainer).json()
    assert answered["scores"][0] == {"team": "甲组", "inject": 0, "action": 0, "verdict": "covered", "reason": ""}
    finished = client.post(f"{url}/finish", headers=trainer).json()
    assert finished["report"]["corrective_actions"]
    assert client.post(f"{url}/responses", json={"inject": 0, "team": "甲组", "text": "x"},
                       headers=trainer).status_code == 409
    docx = client.get(f"{url}/export", headers=trainer)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "评估报告" in text and "整改措施" in text and "信息报告及时性" in text
    assert exercise["id"] in [e["id"] for e in client.get("/v1/exercises", headers=trainer).json()]


def test_the_exercise_api_is_for_trainers_and_names_a_misspelled_field(api):
    client, headers = api
    assert client.get("/v1/exercises", headers=headers["duty_officer"]).status_code == 403
    wrong = client.post("/v1/exercises", json={"hazard": "防汛", "plase": "河西街道"}, headers=headers["trainer"])
    assert wrong.status_code == 422 and "plase" in wrong.json()["error"]["message"]


def test_a_plan_that_files_its_reports_and_news_among_its_operations_still_rehearses_them():
    from assistant.models import ChecklistItem
    from assistant.tasks.exercise import STAGES, Timeline, _on_topic

    items = [ChecklistItem(phase="处置", action=action, citation=n) for n, action in enumerate([
        "组织会商研判，提出防御意见。（县防办）",
        "核实统计灾情，按规定报送县防办。（县应急管理局）",
        "县委宣传部：组织权威信息发布，回应社会关切。",
    ], start=1)]
    timeline = Timeline()
    reported = _on_topic(items, STAGES["接报"].topic, timeline)
    assert [a.citation for a in reported] == [2]
    released = _on_topic(items, STAGES["信息发布"].topic, timeline)
    assert [a.citation for a in released] == [3]
    assert _on_topic(items, STAGES["接报"].topic, timeline) == []  # a duty is rehearsed once
