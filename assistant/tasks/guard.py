"""The absent-document and absent-place check, for every task.

A request that names a document the library does not hold (《国家地震应急预案》, 浙江省安全生产条例) or a place no
document mentions is refused before any task builds an answer from whatever else matched: a district plan does
not answer for the national plan. The refusal names what is missing and, where the library holds something
close, what it does hold: 「文档库未收录《国家地震应急预案》；已收录：《示例区地震应急预案》」.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.answer_types import missing_answer_type
from assistant.models import NOT_FOUND, Answer, Task
from retrieval.models import DocumentInfo
from retrieval.ranking.query import base_title

if TYPE_CHECKING:
    from assistant.service import Assistant
    from retrieval.search import SearchResult

# Share of an absent name's characters (its level or place in front left out) a held title must have to be
# offered instead.
HELD_SHARE = 0.6
HELD_MAX = 2
_PREFIX = re.compile(r"^(国家|[\u4e00-\u9fff]{2,3}?(省|市|区|县|自治区))")


def held_alternatives(name: str, documents: list[DocumentInfo]) -> list[str]:
    """Titles the library holds that are close to an absent name: same subject, another level or place."""
    core = set(_PREFIX.sub("", base_title(name)))
    if not core:
        return []
    scored = sorted(((sum(c in set(d.title) for c in core) / len(core), d.title) for d in documents),
                    key=lambda item: -item[0])
    return [title for share, title in scored[:HELD_MAX] if share >= HELD_SHARE]


def absence_reason(absent: list[str], documents: list[DocumentInfo]) -> str:
    """「not found … — 文档库未收录 / not in the library: 《X》；已收录 / held: 《Y》」."""
    named = "、".join(f"《{a}》" if len(a) > 4 else a for a in absent)
    held = list(dict.fromkeys(t for a in absent for t in held_alternatives(a, documents)))
    reason = f"{NOT_FOUND} — 文档库未收录 / not in the library: {named}"
    return reason + (f"；已收录 / held: {'、'.join(f'《{t}》' for t in held)}" if held else "")


def refusal_for(result: SearchResult, documents: list[DocumentInfo]) -> str:
    return absence_reason(result.absent, documents) if result.absent else NOT_FOUND


# An incident report (checklist, briefing) names where it happened: a village or district no document mentions is
# a fact of the incident, not a question the library cannot answer. Only a named document it lacks refuses it.
INCIDENT_TASKS = {Task.CHECKLIST, Task.BRIEFING}


def absent_refusal(assistant: Assistant, task: Task, question: str,
                   filters: dict[str, Any] | None = None) -> Answer | None:
    """A refusal when the request names a document or place the library lacks (an incident report: a document
    only), or asks for a specific kind of fact that nothing relevant states; None otherwise."""
    if not question.strip():
        return None
    result = assistant.search_result(question, k=3, filters=filters)
    incident = task in INCIDENT_TASKS
    absent = result.query.unknown_titles if incident else result.absent
    if absent:
        documents = assistant.searchable_documents()
        reason = absence_reason(absent, documents)
    elif incident:
        return None
    elif result.not_found and missing_answer_type(question, [h.chunk.text for h in result.hits]) is not None:
        reason = NOT_FOUND  # a specific fact is asked (多少人, 几天) and nothing relevant states one
    else:
        return None
    return AnswerBuilder(task, question).build(closest=result.hits, refuse_reason=reason)
