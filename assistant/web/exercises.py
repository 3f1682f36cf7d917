"""Tabletop exercises (桌面推演) kept in the data folder's SQLite: the exercise as built (the `exercise` task's
answer), every response a trainer records for a team at an inject, and the evaluation report written when the
exercise is finished. Responses are only appended; a finished exercise is read-only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from assistant.exercise_report import evaluation_report
from assistant.exercise_review import ActionScore, EvaluationReport, TeamResponse, score_all
from assistant.models import Answer, ExercisePayload
from assistant.web.records import LevelOf, Readable, anyone, now, quoted, stored_cited
from retrieval.store.db import Database

MIGRATIONS = [
    """
    CREATE TABLE exercises (
        exercise_id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, hazard TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '', start TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'running',
        created_by TEXT NOT NULL, created_at TEXT NOT NULL, finished_by TEXT, finished_at TEXT,
        answer TEXT NOT NULL, cited_docs TEXT NOT NULL DEFAULT '[]', report TEXT
    );
    CREATE TABLE exercise_responses (
        response_id INTEGER PRIMARY KEY AUTOINCREMENT,
        exercise_id INTEGER NOT NULL REFERENCES exercises(exercise_id) ON DELETE CASCADE,
        inject INTEGER NOT NULL, team TEXT NOT NULL, text TEXT NOT NULL, minutes INTEGER, covers TEXT,
        by_user TEXT NOT NULL, at TEXT NOT NULL
    );
    CREATE INDEX exercise_responses_exercise ON exercise_responses(exercise_id, response_id)
    """,
]


class ExerciseStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"


class ExerciseNotFoundError(LookupError):
    pass


class ExerciseFinishedError(Exception):
    pass


class NewExercise(BaseModel):
    """What a trainer enters to build an exercise: the scenario, and optionally the plan."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    hazard: str = Field(min_length=1, max_length=50, examples=["防汛"])
    place: str = Field("", max_length=200, examples=["示例区河西街道"])
    start: str = Field("", max_length=50, examples=["2025-07-01 14:30"])
    facts: str = Field("", max_length=2000, description="the first report (接报)")
    escalation: bool = Field(True, description="escalate to the next response level (else: 次生灾害)")
    doc_id: str | None = Field(None, max_length=100, description="the plan; by default the best match")
    title: str = Field("", max_length=200)

    def scenario(self) -> str:
        return f"{self.place}{self.hazard}突发事件桌面推演"

    def default_title(self) -> str:
        return self.title or " · ".join(p for p in (self.hazard, self.place, self.start, "桌面推演") if p)


class NewResponse(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    inject: int = Field(ge=0, description="the inject's index")
    team: str = Field(min_length=1, max_length=100, examples=["区防指办公室组"])
    text: str = Field(min_length=1, max_length=4000)
    minutes: int | None = Field(None, ge=0, le=100000, description="minutes after the inject at which it acts")
    covers: list[int] | None = Field(None, description="expected actions (0-based) this response covers")


class ExerciseSummary(BaseModel):
    id: int
    title: str
    hazard: str
    place: str
    start: str
    status: ExerciseStatus
    created_by: str
    created_at: str
    finished_by: str | None = None
    finished_at: str | None = None
    plan_title: str = ""
    injects: int = 0
    responses: int = 0


class Exercise(ExerciseSummary):
    answer: Answer
    responses_given: list[TeamResponse]
    scores: list[ActionScore]
    report: EvaluationReport | None = None

    def payload(self) -> ExercisePayload:
        return ExercisePayload.model_validate(self.answer.payload)


class ExerciseStore:
    def __init__(self, db: Database, clock: Callable[[], str] = now) -> None:
        self.db, self.clock = db, clock
        db.migrate("exercises", MIGRATIONS)

    def create(self, new: NewExercise, answer: Answer, by: str, level_of: LevelOf = lambda _: None) -> Exercise:
        """Store the exercise with each quoted document's access level (`level_of(doc_id)`, read now)."""
        payload = ExercisePayload.model_validate(answer.payload)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO exercises (title, hazard, place, start, created_by, created_at, answer, cited_docs)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (new.default_title(), payload.hazard, payload.place, payload.start, by, self.clock(),
                 answer.model_dump_json(), quoted(answer, level_of=level_of)))
        return self.get(cursor.lastrowid)

    def summaries(self, readable: Readable = anyone) -> list[ExerciseSummary]:
        rows = self.db.conn.execute("SELECT * FROM exercises ORDER BY exercise_id DESC").fetchall()
        return [ExerciseSummary(**self._summary(row)) for row in rows if readable(stored_cited(row))]

    def get(self, exercise_id: int, readable: Readable = anyone) -> Exercise:
        row = self._row(exercise_id, readable)
        answer = Answer.model_validate_json(row["answer"])
        responses = self._responses(exercise_id)
        report = EvaluationReport.model_validate_json(row["report"]) if row["report"] else None
        return Exercise(**self._summary(row), answer=answer, responses_given=responses, report=report,
                        scores=score_all(ExercisePayload.model_validate(answer.payload), responses))

    def add_response(self, exercise_id: int, new: NewResponse, by: str, readable: Readable = anyone) -> Exercise:
        exercise = self.get(exercise_id, readable)
        if exercise.status is ExerciseStatus.FINISHED:
            raise ExerciseFinishedError(f"推演已结束 / exercise {exercise_id} is finished")
        injects = exercise.payload().injects
        if new.inject >= len(injects):
            raise IndexError(f"没有第 {new.inject + 1} 个情景 / no inject {new.inject} (0–{len(injects) - 1})")
        actions = len(injects[new.inject].expected_actions)
        if new.covers is not None and any(not 0 <= i < actions for i in new.covers):
            raise IndexError(f"该情景只有 {actions} 项预期行动 / inject {new.inject} has {actions} expected actions")
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO exercise_responses (exercise_id, inject, team, text, minutes, covers, by_user, at)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (exercise_id, new.inject, new.team, new.text, new.minutes,
                 None if new.covers is None else json.dumps(new.covers), by, self.clock()))
        return self.get(exercise_id)

    def finish(self, exercise_id: int, by: str, issuer: str | None = None, readable: Readable = anyone) -> Exercise:
        """End the exercise and write its evaluation report (dated today; corrective actions due from today)."""
        exercise = self.get(exercise_id, readable)
        if exercise.status is ExerciseStatus.FINISHED:
            raise ExerciseFinishedError(f"推演已结束 / exercise {exercise_id} is finished")
        report = evaluation_report(exercise.payload(), exercise.responses_given, date.today(), issuer)
        with self.db.transaction() as conn:
            conn.execute("UPDATE exercises SET status='finished', finished_by=?, finished_at=?, report=?"
                         " WHERE exercise_id=?", (by, self.clock(), report.model_dump_json(), exercise_id))
        return self.get(exercise_id)

    def _row(self, exercise_id: int, readable: Readable):
        row = self.db.conn.execute("SELECT * FROM exercises WHERE exercise_id=?", (exercise_id,)).fetchone()
        if row is None or not readable(stored_cited(row)):
            raise ExerciseNotFoundError(f"推演不存在 / no such exercise: {exercise_id}")
        return row

    def _responses(self, exercise_id: int) -> list[TeamResponse]:
        rows = self.db.conn.execute(
            "SELECT * FROM exercise_responses WHERE exercise_id=? ORDER BY response_id", (exercise_id,))
        return [TeamResponse(id=r["response_id"], inject=r["inject"], team=r["team"], text=r["text"],
                             minutes=r["minutes"], covers=json.loads(r["covers"]) if r["covers"] else None,
                             by=r["by_user"], at=r["at"]) for r in rows]

    def _summary(self, row) -> dict:
        payload = json.loads(row["answer"]).get("payload", {})
        count = self.db.conn.execute("SELECT COUNT(*) FROM exercise_responses WHERE exercise_id=?",
                                     (row["exercise_id"],)).fetchone()[0]
        return dict(id=row["exercise_id"], title=row["title"], hazard=row["hazard"], place=row["place"],
                    start=row["start"], status=row["status"], created_by=row["created_by"],
                    created_at=row["created_at"], finished_by=row["finished_by"], finished_at=row["finished_at"],
                    plan_title=payload.get("plan_title", ""), injects=len(payload.get("injects", [])),
                    responses=count)
