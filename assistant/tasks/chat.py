"""chat: multi-turn regulation Q&A; a follow-up (「那较大的呢？」「罚款多少？」) is rewritten with the subject
of the conversation before retrieval."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.answer_first import compose, finish, grading_siblings
from assistant.composers import extractive
from assistant.composers.llm import compose_with_llm
from assistant.models import Answer, ChatPayload, Task

if TYPE_CHECKING:
    from assistant.service import Assistant

_FOLLOW_UP_START = ("那", "那么", "这", "该", "其", "它", "还有", "如果", "另外", "此外", "那个", "这个")
_QUESTION_WORDS = re.compile(r"(请问|什么|怎么|怎样|如何|多少|哪些|哪个|是否|吗|呢|？|\?|。)")
SHORT_QUESTION = 12


def conversation_subject(history: list[dict[str, str]]) -> str | None:
    """The last user turn that stood on its own, without its question words."""
    for turn in reversed(history):
        if turn.get("role") == "user" and turn.get("content", "").strip():
            subject = _QUESTION_WORDS.sub(" ", turn["content"]).strip()
            return re.sub(r"\s+", " ", subject) or None
    return None


def is_follow_up(question: str) -> bool:
    return question.startswith(_FOLLOW_UP_START) or len(question) <= SHORT_QUESTION


def rewrite(question: str, history: list[dict[str, str]]) -> tuple[str, str | None]:
    subject = conversation_subject(history)
    if subject and is_follow_up(question):
        return f"{subject} {question}", subject
    return question, None


def run(assistant: Assistant, question: str, *, history: list[dict[str, str]] | None = None, k: int = 5,
        filters: dict[str, Any] | None = None, **_: Any) -> Answer:
    rewritten, subject = rewrite(question, history or [])
    result = assistant.search_result(rewritten, k=k, filters=filters,
                                     not_found_floor=assistant.settings.chat_not_found_floor)
    builder = AnswerBuilder(Task.CHAT, question, per_clause=True)
    payload = ChatPayload(rewritten_question=rewritten, subject=subject).model_dump()
    hits = extractive.answering_hits(rewritten, result)
    if not hits:
        return builder.build(closest=result.hits, payload=payload, refuse_reason=extractive.refusal_reason(
            result, assistant.index.registry.documents(searchable_only=True)))
    drafts = compose_with_llm(assistant.settings, rewritten, hits)
    composed = compose(builder, rewritten, hits, assistant.index.registry.documents(searchable_only=True),
                       result.query.places, drafts,
                       related=grading_siblings(assistant.chunks, rewritten, hits))
    answer = finish(builder.build(closest=result.hits, payload=payload), composed)
    answer.timings_ms.update(result.timings_ms)
    return answer
