"""lookup: the answer first (a lead of one to three cited sentences), then the clauses that hold it, verbatim and
grouped by document and clause with their version and issuer level (`assistant.answer_first`)."""

from __future__ import annotations

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
from assistant.models import Answer, LookupPayload, Task

if TYPE_CHECKING:
    from assistant.service import Assistant


def run(assistant: Assistant, question: str, *, k: int = 5, filters: dict[str, Any] | None = None,
        **_: Any) -> Answer:
    result = assistant.search_result(question, k=k, filters=filters)
    builder = AnswerBuilder(Task.LOOKUP, question, per_clause=True)
    hits = extractive.answering_hits(question, result)
    if not hits:
        return builder.build(closest=result.hits, refuse_reason=extractive.refusal_reason(
            result, assistant.searchable_documents()))
    hits = with_named_documents(assistant, question, result, hits, filters)
    hits = level_measure_hits(assistant, question, hits, filters)
    llm_drafts = compose_with_llm(assistant.settings, question, hits)
    composed = compose(builder, question, hits, assistant.searchable_documents(),
                       result.query.places, llm_drafts,
                       related=grading_siblings(assistant.chunks, question, hits),
                       mentioned=result.query.mentioned_doc_ids,
                       decided=plan_conclusion(assistant, question, hits, filters))
    payload = LookupPayload(clauses=sorted({g.citation for g in composed["groups"] if g.citation is not None}))
    answer = finish(builder.build(closest=result.hits, payload=payload.model_dump()), composed)
    answer.timings_ms.update(result.timings_ms)
    return answer
