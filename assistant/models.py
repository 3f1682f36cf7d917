"""Answer data model (DESIGN §3): citations, sentences, the answer, and one typed payload per task."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

NOT_FOUND = "not found in the documents / 文档中未找到依据"


class Task(StrEnum):
    LOOKUP = "lookup"
    CHECKLIST = "checklist"
    BRIEFING = "briefing"
    QUIZ = "quiz"
    CHAT = "chat"
    EXERCISE = "exercise"


def page_label(page: int | None) -> str:
    """「，第3页」 for a page, nothing for a source without pages."""
    return f"，第{page}页" if page else ""


class Citation(BaseModel):
    n: int
    chunk_id: str
    doc_title: str
    locator: str
    page: int | None = None  # None: the source has no pages (Markdown, text, Word, HTML)
    quote: str
    version: str | None = None
    source_path: str | None = None


class Sentence(BaseModel):
    text: str
    citations: list[int] = Field(default_factory=list)
    section: str | None = None


class ChecklistItem(BaseModel):
    phase: str
    action: str
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    time_limit: str | None = None
    citation: int
    done: bool = False
    conditional: bool = False
    due_at: str | None = None
    due_label: str | None = None


class ChecklistPayload(BaseModel):
    hazard: str | None = None
    plan_title: str | None = None
    plan_doc_id: str | None = None
    level: int | None = None
    level_label: str | None = None
    level_reason: str = ""
    level_citations: list[int] = Field(default_factory=list)
    decided_by: str | None = None
    missing_facts: list[str] = Field(default_factory=list)
    facts: dict[str, Any] = Field(default_factory=dict)
    incident_time: str | None = None
    items: list[ChecklistItem] = Field(default_factory=list)


class BriefingSection(BaseModel):
    key: str
    title: str
    sentences: list[int] = Field(default_factory=list)


class BriefingPayload(BaseModel):
    sections: list[BriefingSection] = Field(default_factory=list)
    level: int | None = None
    level_label: str | None = None
    missing_facts: list[str] = Field(default_factory=list)
    reported: dict[str, Any] = Field(default_factory=dict)
    deadlines: list[dict[str, Any]] = Field(default_factory=list)
    lessons: list[dict[str, Any]] = Field(default_factory=list)


class QuizKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    FILL_BLANK = "fill_blank"


class QuizQuestion(BaseModel):
    id: str
    kind: QuizKind
    stem: str
    options: list[str] = Field(default_factory=list)
    answer: list[str]
    explanation: str
    citation: int
    category: str
    accepted: list[str] = Field(default_factory=list, description="other forms of a fill-in answer that count")
    ordered: bool = Field(False, description="the answer fills the stem's blanks in order: graded as a sequence")


class QuizPayload(BaseModel):
    seed: int
    questions: list[QuizQuestion] = Field(default_factory=list)


class ExpectedAction(BaseModel):
    """What the plan expects of a team at an inject: the action, who leads it, by when, and its clause."""

    phase: str
    action: str
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    deadline: str | None = None
    citation: int


class Inject(BaseModel):
    """One message of a tabletop exercise as the participants receive it, and what the plan expects then."""

    index: int
    stage: str
    time: str
    offset_minutes: int
    message: str
    facts: str | None = Field(None, description="the facts the level is judged on (all facts so far)")
    level: int | None = None
    level_label: str | None = None
    level_reason: str = ""
    missing_facts: list[str] = Field(default_factory=list)
    expected_actions: list[ExpectedAction] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)


class ExercisePayload(BaseModel):
    plan_doc_id: str
    plan_title: str
    hazard: str
    place: str = ""
    start: str
    escalation: bool = True
    objectives: list[str] = Field(default_factory=list)
    injects: list[Inject] = Field(default_factory=list)


class LookupPayload(BaseModel):
    clauses: list[int] = Field(default_factory=list)


class ChatPayload(BaseModel):
    rewritten_question: str
    subject: str | None = None


class Answer(BaseModel):
    task: Task
    question: str
    sentences: list[Sentence] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    refused: bool = False
    refusal_reason: str | None = None
    closest: list[Citation] = Field(default_factory=list)
    removed_sentences: int = 0
    payload: dict[str, Any] = Field(default_factory=dict)
    timings_ms: dict[str, float] = Field(default_factory=dict)

    def citation(self, n: int) -> Citation:
        return next(c for c in self.citations if c.n == n)

    def to_markdown(self) -> str:
        from assistant.export import answer_markdown

        return answer_markdown(self)
