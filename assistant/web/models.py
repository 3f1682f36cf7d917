"""Request and response bodies of the HTTP API (`assistant/web/api.py`), kept apart so clients can read them.

Answers, documents and ingest results are the facade's own models; this module adds only what the wire
needs: request validation (lengths, ranges, enums), the flat search hit of DESIGN §4 and the error shape.
"""

from __future__ import annotations

import time
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.models import NOT_FOUND, Answer, Citation, QuizPayload, QuizQuestion, Sentence, Task
from retrieval.models import Chunk, DocType, Hit

Query = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["文档不存在 / no such document: 1a2b3c"])
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """Every 4xx/5xx response: {"error": {"code": …, "message": "中文 / English"}}."""

    error: ErrorDetail


class Health(BaseModel):
    status: str = "ok"
    documents: int
    chunks: int


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: Query = Field(examples=["防汛应急预案的编制目的"])
    k: int = Field(5, ge=1, le=50)
    doc_type: DocType | None = None
    hazard: str | None = Field(None, max_length=50, examples=["防汛"])
    issuer: str | None = Field(None, max_length=100)
    year: int | None = Field(None, ge=1900, le=2100)

    def filters(self) -> dict[str, Any]:
        return {"doc_type": self.doc_type, "hazard": self.hazard, "issuer": self.issuer, "year": self.year}


class SearchHit(BaseModel):
    chunk_id: str
    doc_title: str
    doc_type: DocType
    source_path: str
    locator: str
    page_start: int
    page_end: int
    score: float
    text: str
    version: str | None = None
    heading_path: list[str]

    @classmethod
    def from_hit(cls, hit: Hit) -> SearchHit:
        c = hit.chunk
        return cls(
            chunk_id=c.chunk_id, doc_title=c.doc_title, doc_type=c.doc_type, source_path=c.source_path,
            locator=c.locator, page_start=c.page_start, page_end=c.page_end, score=hit.score, text=c.text,
            version=c.metadata.get("version"), heading_path=c.heading_path,
        )


class SearchResponse(BaseModel):
    hits: list[SearchHit]
    not_found: bool
    timings_ms: dict[str, float]


class ChatTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=20000)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Question = Field(examples=["发生特大暴雨时应急指挥部应当在多长时间内报告？"])
    task: Task = Task.LOOKUP
    options: dict[str, Any] = Field(
        default_factory=dict,
        description="the task's options, checked against its model in assistant/web/options.py — lookup: k, "
                    "filters; chat: k, filters, history; checklist/briefing: hazard, facts, doc_id, filters; "
                    "quiz: n, seed, doc_ids, kinds, filters",
        examples=[{"k": 5, "filters": {"doc_type": "plan"}}],
    )


class GradedQuestion(QuizQuestion):
    model_config = ConfigDict(extra="forbid")


class GradedPaper(QuizPayload):
    model_config = ConfigDict(extra="forbid")

    questions: list[GradedQuestion] = Field(min_length=1)


class QuizResponses(BaseModel):
    """POST /v1/quiz/grade: strict, so that a misspelled field is a 422 naming it, never a silent 0."""

    model_config = ConfigDict(extra="forbid")

    payload: GradedPaper = Field(description="the quiz answer's payload, as POST /v1/ask task=quiz returned it")
    responses: dict[str, list[str] | str] = Field(description="question id → chosen option(s) or filled-in text")


class ChunkView(BaseModel):
    """One chunk as stored, with the breadcrumb a reader needs to place it (《title》 chapter … clause)."""

    chunk_id: str
    doc_id: str
    doc_title: str
    doc_type: DocType
    source_path: str
    locator: str
    heading_path: list[str]
    breadcrumb: str
    page_start: int
    page_end: int
    text: str
    seq: int
    version: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def from_chunk(cls, chunk: Chunk, version: str | None = None) -> ChunkView:
        data = chunk.model_dump(exclude={"continued"})
        return cls(**data, breadcrumb=chunk.breadcrumb, version=version or chunk.metadata.get("version"))


# -- OpenAI-compatible chat (POST /v1/chat/completions) ---------------------------------------------
class ChatMessage(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        """The message's text; the list form of `content` is joined from its text parts."""
        if isinstance(self.content, list):
            return "".join(str(part.get("text", "")) for part in self.content if part.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """OpenAI's request shape; sampling options (temperature …) are accepted and ignored.

    `model` picks the task: "planassist" (chat), or "planassist-lookup", "planassist-checklist" …
    """

    model_config = ConfigDict(extra="allow")

    model: str = "planassist"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False

    def task(self) -> Task:
        suffix = self.model.rsplit("-", 1)[-1]
        return Task(suffix) if suffix in Task._value2member_map_ else Task.CHAT


class ModelCard(BaseModel):
    """One entry of OpenAI's `GET /v1/models`."""

    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "planassist"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


def model_list() -> ModelList:
    """"planassist" (chat) first, then "planassist-<task>" for every task `ChatCompletionRequest.task` accepts."""
    return ModelList(data=[ModelCard(id="planassist")] + [ModelCard(id=f"planassist-{t.value}") for t in Task])


class ChatCompletionMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatCompletionChoice(BaseModel):
    index: int = 0
    message: ChatCompletionMessage
    finish_reason: Literal["stop"] = "stop"


class ChatCompletion(BaseModel):
    """OpenAI's `chat.completion`, plus the answer's `citations` (and `refused`) beside the text."""

    id: str = Field(default_factory=lambda: f"chatcmpl-{uuid.uuid4().hex}")
    object: Literal["chat.completion"] = "chat.completion"
    created: int = Field(default_factory=lambda: int(time.time()))
    model: str
    choices: list[ChatCompletionChoice]
    usage: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(
        ("prompt_tokens", "completion_tokens", "total_tokens"), 0))
    citations: list[Citation]
    refused: bool = False
    # The answer's structure, as `POST /v1/ask` returns it: the lead first in `sentences`, and `payload` with
    # `lead`, `evidence` (grouped by document and clause), `conflicts` and `more` for lookup and chat.
    sentences: list[Sentence] = Field(default_factory=list)
    payload: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def from_answer(cls, answer: Answer, model: str) -> ChatCompletion:
        """The lead, then the evidence under each clause's label, then 来源 / Sources: one line per citation."""
        sources = answer.closest if answer.refused else answer.citations
        lines = [answer.refusal_reason or NOT_FOUND] if answer.refused else answer_lines(answer)
        if sources:
            lines += ["", "来源 / Sources:"] + [
                f"[{c.n}] 《{c.doc_title}》{f'（{c.version}）' if c.version else ''} {c.locator}" for c in sources]
        message = ChatCompletionMessage(content="\n".join(lines))
        return cls(model=model, choices=[ChatCompletionChoice(message=message)], citations=sources,
                   refused=answer.refused, sentences=answer.sentences, payload=answer.payload)


def answer_lines(answer: Answer) -> list[str]:
    """Sentences with their [n] markers; with a lead and evidence groups (lookup, chat), the lead first, a note
    where documents differ, then each group's label and its further sentences."""
    def line(i: int) -> str:
        sentence = answer.sentences[i]
        return sentence.text + "".join(f"[{n}]" for n in sentence.citations)

    groups = answer.payload.get("evidence")
    if groups is None:
        return [line(i) for i in range(len(answer.sentences))]
    lead = [i for i in answer.payload.get("lead", []) if i < len(answer.sentences)]
    lines = [line(i) for i in lead] + [c["note"] for c in answer.payload.get("conflicts", [])]
    shown = set(lead)
    for group in groups:
        rest = [i for i in group["sentences"] if i not in shown and i < len(answer.sentences)]
        shown.update(rest)
        if rest:
            lines += ["", f"{group['label']} · {group['issuer_level']}"] + [line(i) for i in rest]
    return lines + [line(i) for i in range(len(answer.sentences)) if i not in shown]
