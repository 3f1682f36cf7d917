"""Typed task options of `POST /v1/ask` (and `/v1/ask/stream`): one pydantic model per task, closed and bounded.

`options` used to reach the tasks as an open dict, so any key and any size went through (a 60 MB options array
from a staff key tripled the server's memory). Each task now takes only its own options, every list and string
has a bound, and anything else is a 422 that names the field (`options.kinds.0`, `options.history`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from assistant.models import QuizKind, Task
from assistant.web.models import ChatTurn
from retrieval.models import AccessLevel, DocType

DocId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Short = Annotated[str, StringConstraints(max_length=100)]
MAX_DOCUMENTS = 100
MAX_HISTORY_TURNS = 50


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Filters(_Closed):
    """Search filters a task narrows its searches with (never wider than the caller's access levels)."""

    doc_type: DocType | None = None
    doc_types: list[DocType] | None = Field(None, max_length=len(DocType))
    doc_ids: list[DocId] | None = Field(None, max_length=MAX_DOCUMENTS)
    hazard: Short | None = None
    issuer: Short | None = None
    year: int | None = Field(None, ge=1900, le=2100)
    access_levels: list[AccessLevel] | None = Field(None, max_length=len(AccessLevel))


class TaskOptions(_Closed):
    filters: Filters | None = None


class LookupOptions(TaskOptions):
    k: int = Field(5, ge=1, le=50)


class ChatOptions(LookupOptions):
    history: list[ChatTurn] | None = Field(None, max_length=MAX_HISTORY_TURNS,
                                           description="earlier turns, oldest first")


class PlanOptions(TaskOptions):
    """checklist and briefing: the hazard, the incident's facts (text, or field: value) and the plan to use."""

    hazard: Short | None = None
    facts: (Annotated[str, StringConstraints(max_length=4000)]
            | Annotated[dict[Short, Short | float], Field(max_length=50)] | None) = None
    doc_id: DocId | None = None
    incident_time: Annotated[str, StringConstraints(max_length=40)] | None = Field(
        None, description="when the incident began (ISO 8601); deadlines are shown as clock times from it")


class ExerciseOptions(TaskOptions):
    """exercise: the scenario's hazard, place, start time, whether it escalates, the first report and the plan."""

    hazard: Short | None = None
    place: Short = ""
    start: Annotated[str, StringConstraints(max_length=40)] | None = None
    escalation: bool = True
    facts: Annotated[str, StringConstraints(max_length=4000)] | None = None
    doc_id: DocId | None = None


class QuizOptions(TaskOptions):
    n: int = Field(5, ge=1, le=50)
    seed: int = Field(0, ge=0, le=2**32)
    doc_ids: list[DocId] | None = Field(None, max_length=MAX_DOCUMENTS)
    kinds: list[QuizKind] | None = Field(None, max_length=len(QuizKind) * 4)


OPTIONS: dict[Task, type[TaskOptions]] = {
    Task.LOOKUP: LookupOptions,
    Task.CHAT: ChatOptions,
    Task.CHECKLIST: PlanOptions,
    Task.BRIEFING: PlanOptions,
    Task.QUIZ: QuizOptions,
    Task.EXERCISE: ExerciseOptions,
}


def task_options(task: Task, options: dict[str, Any]) -> dict[str, Any]:
    """The options `task` accepts, validated; a `RequestValidationError` naming `options.<field>` otherwise."""
    try:
        typed = OPTIONS[task].model_validate(options)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": ("body", "options", *error["loc"])} for error in exc.errors()]) from None
    values = typed.model_dump(exclude_unset=True, mode="json")
    if typed.filters is not None:
        values["filters"] = typed.filters.model_dump(exclude_none=True, mode="json")
    return values
