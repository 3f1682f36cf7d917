"""The duty desk's incidents (`/v1/incidents…`), the caller (`GET /v1/me`) and drill papers (`/v1/quiz/…`).

Opening an incident asks the briefing and checklist tasks once, through the caller's access-scoped view of the
Assistant, and stores both answers with the incident (`assistant/web/incidents.py`); ticks and log entries are
appended to it afterwards. Incidents are for the roles that run them (admin, duty_officer).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from assistant.models import Answer, Task
from assistant.tasks.checklist import incident_clock
from assistant.tasks.quiz import grade
from assistant.web.audit import note
from assistant.web.auth import Principal, Role, current_principal
from assistant.web.incident_export import incident_markdown, source_lines
from assistant.web.incidents import (
    Incident,
    IncidentClosedError,
    IncidentNotFoundError,
    IncidentStatus,
    IncidentStore,
    IncidentSummary,
    LogKind,
    NewIncident,
)
from assistant.web.models import QuizResponses
from assistant.web.records import Readable
from assistant.web.routes.access import ScopedAssistant, file_name
from assistant.web.routes.errors import ApiError
from assistant.web.routes.records import (
    DOCX,
    ExportFormat,
    RecordId,
    app_store,
    checked,
    download,
    level_of,
    readable_for,
    role_guard,
)
from retrieval.models import AccessLevel

router = APIRouter()

DESK_ROLES = {Role.ADMIN, Role.DUTY_OFFICER}
ERRORS = {IncidentNotFoundError: (404, "not_found"), IncidentClosedError: (409, "incident_closed"),
          IndexError: (404, "not_found")}

desk_officer = role_guard(DESK_ROLES, "值班台仅限值班员和管理员 / the duty desk requires the role admin or duty_officer")
readable_by = readable_for(desk_officer)
incident_store = app_store("incidents", IncidentStore)


Caller = Annotated[Principal, Depends(current_principal)]  # resolved once per request, also by the app
Officer = Annotated[Principal, Depends(desk_officer)]
Store = Annotated[IncidentStore, Depends(incident_store)]
IncidentId = RecordId
CanRead = Annotated[Readable, Depends(readable_by)]


class Me(BaseModel):
    user: str
    role: Role
    access_levels: list[AccessLevel]
    open_mode: bool = Field(description="no API keys configured: loopback callers act as admin")


class ItemTick(BaseModel):
    done: bool = True


class NewLogEntry(BaseModel):
    kind: LogKind = LogKind.OTHER
    text: str = Field(min_length=1, max_length=4000)


class FactsUpdate(BaseModel):
    facts: str = Field(max_length=4000, examples=["清水河示例站水位超过警戒水位0.6米，已转移群众3500人"])


# -- the caller -----------------------------------------------------------------------------------------
@router.get("/v1/me", response_model=Me, tags=["auth"])
def me(principal: Caller, request: Request) -> Me:
    return Me(**principal.model_dump(), open_mode=not request.app.state.keys.configured())


# -- incidents --------------------------------------------------------------------------------------------
@router.post("/v1/incidents", response_model=Incident, tags=["incidents"])
def create_incident(body: NewIncident, principal: Officer, store: Store, request: Request) -> Incident:
    """Open an incident: its briefing and checklist are computed now, from the plans the caller may read."""
    note(request, subject=body.question())
    scoped = ScopedAssistant(request.app.state.assistant, principal.access_levels,
                             full_paths=principal.role is Role.ADMIN)
    briefing, checklist = (_ask(scoped, body, task) for task in (Task.BRIEFING, Task.CHECKLIST))
    return store.create(body, briefing=briefing, checklist=checklist, by=principal.user, level_of=level_of(request))


@router.get("/v1/incidents", response_model=list[IncidentSummary], tags=["incidents"])
def list_incidents(store: Store, can_read: CanRead, status: IncidentStatus | None = None) -> list[IncidentSummary]:
    """Newest first; `status` open or closed, else both."""
    return store.summaries(status, can_read)


@router.get("/v1/incidents/{incident_id}", response_model=Incident, tags=["incidents"])
def get_incident(incident_id: IncidentId, principal: Officer, store: Store, can_read: CanRead) -> Incident:
    return _seen_by(principal, _checked(store.get, incident_id, can_read))


@router.post("/v1/incidents/{incident_id}/items/{n}", response_model=Incident, tags=["incidents"])
def tick_item(incident_id: IncidentId, n: int, body: ItemTick, principal: Officer, store: Store, can_read: CanRead) -> Incident:
    """Tick (done: true) or untick checklist item n (0-based); who and when are recorded."""
    return _seen_by(principal, _checked(store.set_item, incident_id, n, body.done, principal.user, can_read))


@router.post("/v1/incidents/{incident_id}/log", response_model=Incident, tags=["incidents"])
def add_log_entry(incident_id: IncidentId, body: NewLogEntry, principal: Officer, store: Store,
                  can_read: CanRead, request: Request) -> Incident:
    """A duty-log entry; a 续报 adds its facts to the incident's and decides the level again."""
    incident = _checked(store.add_log, incident_id, body.kind, body.text.strip(), principal.user, can_read)
    if body.kind is not LogKind.UPDATE:
        return _seen_by(principal, incident)
    facts = "；".join(p for p in (incident.facts, body.text.strip()) if p)
    return _seen_by(principal, _regrade(request, principal, store, can_read, incident, facts))


def _regrade(request: Request, principal: Principal, store: IncidentStore, can_read: Readable, incident: Incident,
             facts: str) -> Incident:
    scoped = ScopedAssistant(request.app.state.assistant, principal.access_levels)
    # the incident stays under the plan it was opened with: new facts decide the level, not the plan
    body = NewIncident(hazard=incident.hazard, place=incident.place, time=incident.time, facts=facts,
                       doc_id=incident.checklist.payload.get("plan_doc_id"))
    briefing, checklist = (_ask(scoped, body, task) for task in (Task.BRIEFING, Task.CHECKLIST))
    return _checked(lambda: store.regrade(incident.id, facts, briefing=briefing, checklist=checklist,
                                          by=principal.user, readable=can_read, level_of=level_of(request)))


@router.post("/v1/incidents/{incident_id}/facts", response_model=Incident, tags=["incidents"])
def update_facts(incident_id: IncidentId, body: FactsUpdate, principal: Officer, store: Store, can_read: CanRead,
                 request: Request) -> Incident:
    """Edit an open incident's facts: the level is decided again, the checklist and briefing follow, and a
    change of level is logged with its reason and citation."""
    incident = _checked(store.get, incident_id, can_read)
    return _seen_by(principal, _regrade(request, principal, store, can_read, incident, body.facts.strip()))


@router.post("/v1/incidents/{incident_id}/close", response_model=Incident, tags=["incidents"])
def close_incident(incident_id: IncidentId, principal: Officer, store: Store, can_read: CanRead) -> Incident:
    return _seen_by(principal, _checked(store.close, incident_id, principal.user, can_read))


@router.get("/v1/incidents/{incident_id}/export", tags=["incidents"], response_class=Response,
            responses={200: {"content": {"text/markdown": {}, DOCX: {}}}})
def export_incident(incident_id: IncidentId, store: Store, can_read: CanRead,
                    format: ExportFormat = ExportFormat.MD) -> Response:
    """The incident file (facts, briefing, checklist state, duty log) as Markdown or DOCX."""
    incident = _checked(store.get, incident_id, can_read)
    return download(incident_markdown(incident), f"事件{incident.id}-{incident.hazard}", format)


def _ask(scoped: ScopedAssistant, body: NewIncident, task: Task) -> Answer:
    try:
        return scoped.ask(body.question(), task=task.value, hazard=body.hazard, facts=body.facts or None,
                          incident_time=incident_clock(body.time), doc_id=body.doc_id)
    except (ImportError, NotImplementedError) as exc:
        raise ApiError(501, "not_implemented", f"该任务尚不可用 / task {task.value} not available: {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise ApiError(422, "invalid_request", f"事件信息无效 / invalid incident: {exc}") from exc


def _seen_by(principal: Principal, incident: Incident) -> Incident:
    """The incident with its quotes' server paths reduced to file names for anyone but an admin."""
    if principal.role is not Role.ADMIN:
        for answer in (incident.briefing, incident.checklist):
            for citation in (*answer.citations, *answer.closest):
                citation.source_path = file_name(citation.source_path)
    return incident


def _checked(operation, *args: Any) -> Incident:
    return checked(operation, *args, errors=ERRORS)


# -- drill papers -----------------------------------------------------------------------------------------
class QuizPaper(BaseModel):
    answer: Answer = Field(description="the quiz Answer as POST /v1/ask task=quiz returned it")
    key: bool = Field(False, description="the answer key (answers, explanations, sources) instead of the paper")
    title: str = Field("应急演练测试题", max_length=200)


@router.post("/v1/quiz/grade", tags=["quiz"])
def grade_quiz(body: QuizResponses, _: Caller) -> dict[str, Any]:
    """Score the responses against the payload's answers: {correct, total, score, per_question}."""
    try:
        return grade(body.payload.model_dump(), body.responses)
    except ValueError as exc:
        raise ApiError(422, "invalid_request", f"试卷无效 / invalid quiz payload: {exc}") from None


@router.post("/v1/quiz/export", tags=["quiz"], response_class=Response,
             responses={200: {"content": {DOCX: {}, "text/markdown": {}}}})
def export_quiz(body: QuizPaper, _: Caller, format: ExportFormat = ExportFormat.DOCX) -> Response:
    """The paper (blank answer lines) or its answer key (answers, explanations and their sources)."""
    if body.answer.task is not Task.QUIZ:
        raise ApiError(422, "invalid_request", "不是演练题 / the answer is not a quiz")
    return download(quiz_markdown(body.answer, body.title, key=body.key),
                     f"{body.title}-{'答案' if body.key else '试卷'}", format)


KIND_LABELS = {"single": "单选题", "multiple": "多选题", "true_false": "判断题", "fill_blank": "填空题"}


def quiz_markdown(answer: Answer, title: str, *, key: bool) -> str:
    lines = [f"# {title}{'（答案与解析）' if key else ''}", ""]
    if not key:
        lines += ["姓名：__________　单位：__________　得分：__________", ""]
    for i, q in enumerate(answer.payload.get("questions", []), start=1):
        lines.append(f"{i}. 【{KIND_LABELS.get(q['kind'], q['kind'])}】{q['stem']}")
        lines += [f"   {chr(65 + j)}. {option}" for j, option in enumerate(q.get("options", []))]
        if key:
            lines.append(f"   答案：{'、'.join(q['answer'])}　解析：{q['explanation']}[{q['citation']}]")
        elif q["kind"] != "fill_blank":
            lines.append("   作答：________")
        lines.append("")
    if key:
        lines += ["## 来源", *source_lines(answer.citations)]
    return "\n".join(lines) + "\n"
