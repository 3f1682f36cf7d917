"""chat: multi-turn regulation Q&A, answered like a lookup (lead first); a follow-up (「那较大的呢？」「罚款多少？」)
is resolved against the conversation before retrieval (`assistant.tasks.followup`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.answer_first import (
    compose,
    finish,
    grading_siblings,
    level_measure_hits,
    plan_conclusion,
    with_named_documents,
)
from assistant.composers import extractive
from assistant.composers.llm import compose_with_llm
from assistant.models import Answer, ChatPayload, Task
from assistant.tasks.followup import (
    fallback_subject,
    fresh_first,
    names_a_subject,
    own_words,
    previous_answer,
    resolve,
)
from retrieval.models import DocumentInfo
from retrieval.ranking.places import jurisdiction
from retrieval.ranking.query import base_title

if TYPE_CHECKING:
    from assistant.service import Assistant

def rewrite(question: str, history: list[dict[str, str]],
            documents: list[DocumentInfo] | None = None, answered: str | None = None) -> tuple[str, str | None]:
    """The question as retrieval should read it, and the subject carried from the conversation (None: none)."""
    resolved = resolve(question, history, documents or [], answered)
    return resolved.question, resolved.subject


# the first sentence of an answer (or its first 80 characters: a table row 「严重紧张 | 区县实行单车限加…」 has no
# full stop), and how much of it must be verbatim in a passage to say the answer quoted it
_FIRST_SENTENCE = re.compile(r"^.{8,80}?(?:[。；;！？!?]|$)|^.{8,80}")
_QUOTED = 16
_CONCLUDED_BY = re.compile(r"^按《([^》]+)》")


def answered_document(assistant: Assistant, history: list[dict[str, str]],
                      filters: dict[str, Any] | None = None) -> str | None:
    """The title of the document the previous answer quoted first, found as the passage that holds the answer's first
    sentence verbatim (an answer's sentences are quotes), or the document a computed conclusion that opens the answer
    names (「按《…》第X条，…属Ⅳ级」)."""
    previous = re.sub(r"\s+", "", previous_answer(history))
    concluded = _CONCLUDED_BY.match(previous)
    if concluded and concluded[1] in {d.title for d in assistant.searchable_documents()}:
        return concluded[1]
    if first := _FIRST_SENTENCE.match(previous):
        top = assistant.search_result(first[0], k=1, filters=filters).hits
        if top and first[0][:_QUOTED] in re.sub(r"\s+", "", top[0].chunk.text):
            return top[0].chunk.doc_title
    return None


def answered_place(title: str | None) -> str | None:
    """The place of the document the previous answer quoted (its jurisdiction: 鲂溪县). A follow-up that names no place
    is asked there; the place, not the document, so that it may still turn to another document of that place."""
    place = jurisdiction(title or "")
    return place if place and place != "国家" else None


def answered_law(title: str | None) -> str | None:
    """A national document the previous answer quoted (「森林防火条例」), by its short title: a follow-up that names no
    document stays in it, as one after a question that named it would."""
    return base_title(title) if title and jurisdiction(title) in ("", "国家") else None


def run(assistant: Assistant, question: str, *, history: list[dict[str, str]] | None = None, k: int = 5,
        filters: dict[str, Any] | None = None, **_: Any) -> Answer:
    documents = assistant.searchable_documents()
    # (the search that finds it is spent only where it can be carried: no question named a subject)
    answered = answered_document(assistant, history, filters) if history and not names_a_subject(history, documents) \
        else None
    rewritten, subject = rewrite(question, history or [], documents, answered_place(answered) or answered_law(answered))
    result = assistant.search_result(rewritten, k=k, filters=filters,
                                     not_found_floor=assistant.settings.chat_not_found_floor)
    if result.not_found and history and subject is None \
            and (carried := fallback_subject(history, documents, base_title(answered) if answered else None)):
        # a follow-up that names its own subject too loosely to be found: asked again within the conversation's,
        # unless that only repeats the previous answer
        retried = assistant.search_result(f"{carried} {question}", k=k, filters=filters,
                                          not_found_floor=assistant.settings.chat_not_found_floor)
        if not retried.not_found:
            answer = _answer(assistant, question, f"{carried} {question}", carried, retried, history, filters,
                             documents)
            if not answer.refused and " ".join(s.text for s in answer.sentences) != previous_answer(history):
                return answer
    return _answer(assistant, question, rewritten, subject, result, history or [], filters, documents)


def _answer(assistant: Assistant, question: str, rewritten: str, subject: str | None, result,
            history: list[dict[str, str]], filters: dict[str, Any] | None, documents: list[DocumentInfo]) -> Answer:
    builder = AnswerBuilder(Task.CHAT, question, per_clause=True)
    payload = ChatPayload(rewritten_question=rewritten, subject=subject).model_dump()
    hits = extractive.answering_hits(rewritten, result)
    if not hits:
        return builder.build(closest=result.hits, payload=payload, refuse_reason=extractive.refusal_reason(result, documents))
    hits = with_named_documents(assistant, rewritten, result, hits, filters)
    hits = level_measure_hits(assistant, rewritten, hits, filters, asked=question)
    drafts = compose_with_llm(assistant.settings, rewritten, hits)
    hits = fresh_first(hits, history, extractive.clause_sentences, question)
    composed = compose(builder, rewritten, hits, documents, result.query.places, drafts,
                       related=grading_siblings(assistant.chunks, rewritten, hits),
                       mentioned=result.query.mentioned_doc_ids,
                       decided=plan_conclusion(assistant, rewritten, hits, filters, asked=question),
                       focus=own_words(question, history) if subject else frozenset(),
                       follow_up=question if subject else "")
    answer = finish(builder.build(closest=result.hits, payload=payload), composed)
    answer.timings_ms.update(result.timings_ms)
    return answer
