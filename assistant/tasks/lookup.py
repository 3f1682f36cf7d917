"""lookup: the clause(s) that answer a question, verbatim, with locator and version, led by a cited summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.composers import extractive
from assistant.composers.llm import compose_with_llm
from assistant.models import Answer, LookupPayload, Task

if TYPE_CHECKING:
    from assistant.service import Assistant


def run(assistant: Assistant, question: str, *, k: int = 5, filters: dict[str, Any] | None = None,
        **_: Any) -> Answer:
    result = assistant.search_result(question, k=k, filters=filters)
    builder = AnswerBuilder(Task.LOOKUP, question)
    hits = extractive.answering_hits(question, result)
    if not hits:
        return builder.build(closest=result.hits, refuse_reason=extractive.refusal_reason(result))
    llm_drafts = compose_with_llm(assistant.settings, question, hits)
    if llm_drafts is not None:
        for draft in llm_drafts:
            builder.add(draft.text, draft.cited, section="summary")
    elif (summary := extractive.summary_sentence(question, hits[0])) is not None:
        builder.add(summary, [hits[0].chunk], section="summary")
    clause_numbers: list[int] = []
    for draft in extractive.verbatim_clauses(hits):
        index = builder.add(draft.text, draft.cited, section="clause")
        if index is not None:
            clause_numbers.extend(builder.sentences[index].citations)
    payload = LookupPayload(clauses=sorted(set(clause_numbers)))
    answer = builder.build(closest=result.hits, payload=payload.model_dump())
    answer.timings_ms.update(result.timings_ms)
    return answer
