"""Tabletop exercises (`/v1/exercises…`): build one from a plan and a scenario (the `exercise` task, through the
caller's access-scoped Assistant), record each team's responses per inject, finish it with its evaluation
report, and export it (Markdown, DOCX). Exercises are for the roles that run training (admin, trainer).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from assistant.models import Task
from assistant.web.auth import Principal, Role
from assistant.web.exercise_export import exercise_markdown
from assistant.web.exercises import (
    Exercise,
    ExerciseFinishedError,
    ExerciseNotFoundError,
    ExerciseStore,
    ExerciseSummary,
    NewExercise,
    NewResponse,
)
from assistant.web.records import Readable
from assistant.web.routes.access import ScopedAssistant
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

router = APIRouter()

TRAINING_ROLES = {Role.ADMIN, Role.TRAINER}

trainer = role_guard(TRAINING_ROLES, "桌面推演仅限培训员和管理员 / exercises require the role admin or trainer")
readable_by = readable_for(trainer)
exercise_store = app_store("exercises", ExerciseStore)
ERRORS = {ExerciseNotFoundError: (404, "not_found"), ExerciseFinishedError: (409, "exercise_finished"),
          IndexError: (422, "invalid_request")}


Trainer = Annotated[Principal, Depends(trainer)]
Store = Annotated[ExerciseStore, Depends(exercise_store)]
CanRead = Annotated[Readable, Depends(readable_by)]


@router.post("/v1/exercises", response_model=Exercise, tags=["exercises"])
def create_exercise(body: NewExercise, principal: Trainer, store: Store, request: Request) -> Exercise:
    """Build an exercise: 5–8 timed injects, each with its level, expected actions (cited) and questions."""
    scoped = ScopedAssistant(request.app.state.assistant, principal.access_levels)
    try:
        answer = scoped.ask(body.scenario(), task=Task.EXERCISE.value, hazard=body.hazard, place=body.place,
                            start=body.start or None, facts=body.facts or None, escalation=body.escalation,
                            doc_id=body.doc_id)
    except (ValueError, TypeError) as exc:
        raise ApiError(422, "invalid_request", f"推演设置无效 / invalid exercise: {exc}") from exc
    if answer.refused:
        raise ApiError(422, "no_plan", answer.refusal_reason or "没有找到含分级响应条件的预案 / no plan with levels")
    return store.create(body, answer, principal.user, level_of(request))


@router.get("/v1/exercises", response_model=list[ExerciseSummary], tags=["exercises"])
def list_exercises(store: Store, can_read: CanRead) -> list[ExerciseSummary]:
    """Newest first."""
    return store.summaries(can_read)


@router.get("/v1/exercises/{exercise_id}", response_model=Exercise, tags=["exercises"])
def get_exercise(exercise_id: RecordId, store: Store, can_read: CanRead) -> Exercise:
    return _checked(store.get, exercise_id, can_read)


@router.post("/v1/exercises/{exercise_id}/responses", response_model=Exercise, tags=["exercises"])
def add_response(exercise_id: RecordId, body: NewResponse, principal: Trainer, store: Store,
                 can_read: CanRead) -> Exercise:
    """Record a team's response to an inject; it is scored at once against the inject's expected actions."""
    return _checked(store.add_response, exercise_id, body, principal.user, can_read)


@router.post("/v1/exercises/{exercise_id}/finish", response_model=Exercise, tags=["exercises"])
def finish_exercise(exercise_id: RecordId, principal: Trainer, store: Store, can_read: CanRead,
                    request: Request) -> Exercise:
    """End the exercise and write its evaluation report."""
    exercise = _checked(store.get, exercise_id, can_read)
    document = request.app.state.assistant.document(exercise.payload().plan_doc_id)
    return _checked(store.finish, exercise_id, principal.user, document.issuer if document else None, can_read)


@router.get("/v1/exercises/{exercise_id}/export", tags=["exercises"], response_class=Response,
            responses={200: {"content": {"text/markdown": {}, DOCX: {}}}})
def export_exercise(exercise_id: RecordId, store: Store, can_read: CanRead,
                    format: ExportFormat = ExportFormat.DOCX) -> Response:
    """The exercise file (injects, expected actions, responses, evaluation report) as DOCX or Markdown."""
    exercise = _checked(store.get, exercise_id, can_read)
    return download(exercise_markdown(exercise), f"桌面推演{exercise.id}-{exercise.hazard}", format)


def _checked(operation, *args: Any) -> Exercise:
    return checked(operation, *args, errors=ERRORS)
