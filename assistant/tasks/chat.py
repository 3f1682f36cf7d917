"""chat: multi-turn regulation Q&A, answered like a lookup (lead first); a follow-up (「那较大的呢？」「罚款多少？」)
is resolved against the conversation before retrieval (`assistant.tasks.followup`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.answer_first import compose, finish, grading_siblings, plan_conclusion, with_named_documents
from assistant.composers import extractive
from assistant.composers.llm import compose_with_llm
from assistant.models import Answer, ChatPayload, Task
from assistant.tasks.followup import fresh_first, resolve
from retrieval.models import DocumentInfo

if TYPE_CHECKING:
    from assistant.service import Assistant

def rewrite(question: str, history: list[dict[str, str]],
            documents: list[DocumentInfo] | None = None) -> tuple[str, str | None]:
    """The question as retrieval should read it, and the subject carried from the conversation (None: none)."""
    resolved = resolve(question, history, documents or [])
    return resolved.question, resolved.subject


def run(assistant: Assistant, question: str, *, history: list[dict[str, str]] | None = None, k: int = 5,
        filters: dict[str, Any] | None = None, **_: Any) -> Answer:
    documents = assistant.searchable_documents()
    rewritten, subject = rewrite(question, history or [], documents)
    result = assistant.search_result(rewritten, k=k, filters=filters,
                                     not_found_floor=assistant.settings.chat_not_found_floor)
    builder = AnswerBuilder(Task.CHAT, question, per_clause=True)
    payload = ChatPayload(rewritten_question=rewritten, subject=subject).model_dump()
    hits = extractive.answering_hits(rewritten, result)
    if not hits:
        return builder.build(closest=result.hits, payload=payload, refuse_reason=extractive.refusal_reason(result, documents))
    hits = with_named_documents(assistant, rewritten, result, hits, filters)
    drafts = compose_with_llm(assistant.settings, rewritten, hits)
    hits = fresh_first(hits, history or [], extractive.clause_sentences, question)
    composed = compose(builder, rewritten, hits, documents, result.query.places, drafts,
                       related=grading_siblings(assistant.chunks, rewritten, hits),
                       mentioned=result.query.mentioned_doc_ids,
                       decided=plan_conclusion(assistant, rewritten, hits, filters, asked=question))
    answer = finish(builder.build(closest=result.hits, payload=payload), composed)
    answer.timings_ms.update(result.timings_ms)
    return answer
