"""Routing a checklist request by what it asks: incident facts go to the plan engine; a request that names a law
or regulation clause (「按应对法，自然灾害发生后政府可以采取哪些处置措施」) gets a checklist of that clause's
enumerated items; a request that names a document the library lacks gets a refusal that names it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.composers import extractive
from assistant.models import Answer, ChecklistItem, ChecklistPayload, Task
from retrieval.models import DocType
from retrieval.plan.incident_facts import parse_incident_facts

if TYPE_CHECKING:
    from assistant.service import Assistant

# 「（一）」「（1）」「1.」「①」 at the start of a line or after a colon/semicolon.
_ENUMERATED = re.compile(r"(?:^|(?<=[\n：:；;。]))\s*(?=[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[①-⑳])")
_MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|[①-⑳])\s*")
_NAMES_LAW = re.compile(r"法|条例|办法|规定|细则|号令|令第|第[一二三四五六七八九十百零\d]+条")
_DOCUMENT_NAME = re.compile(r"(?:法|条例|预案|办法|规定|细则|通知|标准|规范|意见)$")
_ASKS_FOR_ITEMS = re.compile(r"哪些|什么|措施|职责|义务|内容|包括|清单|步骤")


def enumerated_items(text: str) -> list[str]:
    """The items a clause enumerates, without their markers."""
    cuts = sorted({0, *(m.start() for m in _ENUMERATED.finditer(text))})
    pieces = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    return [_MARKER.sub("", p).strip().rstrip("；;。") for p in pieces if _MARKER.match(p)]


def _is_regulation(chunk: Any) -> bool:
    title = re.sub(r"[（(].*?[)）]", "", chunk.doc_title)
    return chunk.doc_type is DocType.REGULATION or (chunk.doc_type is not DocType.PLAN and bool(_DOCUMENT_NAME.search(title)))


def route(assistant: Assistant, question: str, facts: Any, filters: dict[str, Any] | None,
          named: bool = True, first_only: bool = False) -> Answer | None:
    """An answer when the request is for a clause or names a missing document; None for the plan engine.
    `named=False`: no plan fits the request, so the best regulation clause that enumerates items answers it
    even if the request names no law (「地震发生后指挥机构要采取哪些紧急措施」). `first_only`: only when the first
    passage found is such a clause (「北京的企业，安全生产资金必须专项用在哪些事上？」 asks a law's list)."""
    if named and not (_NAMES_LAW.search(question) or "预案" in question or "《" in question):
        return None
    result = assistant.search_result(question, k=8, filters=filters)
    builder = AnswerBuilder(Task.CHECKLIST, question)
    if any(_DOCUMENT_NAME.search(name) for name in result.absent):  # a place the library lacks is no reason
        return builder.build(closest=result.hits, refuse_reason=extractive.refusal_reason(result))
    incident = parse_incident_facts(question if not isinstance(facts, str) else f"{question} {facts}")
    # (a province named, 「北京的企业」, is where the law applies, not a fact of an incident)
    if set(incident.values) - {"省份数"} or isinstance(facts, dict) or (named and not _NAMES_LAW.search(question)):
        return None
    if not _ASKS_FOR_ITEMS.search(question) or not result.hits or (not named and result.not_found):
        return None  # unnamed: only a clause search finds relevant
    # The best-ranked clause of a law or regulation that enumerates items.
    hits = result.hits[:1] if first_only else result.hits
    hit = next((h for h in hits if _is_regulation(h.chunk) and len(enumerated_items(h.chunk.text)) >= 2), None)
    if hit is None:
        return None
    items: list[ChecklistItem] = []
    for item in enumerated_items(hit.chunk.text):
        index = builder.add(item, [hit.chunk], section="处置")
        if index is not None:
            items.append(ChecklistItem(phase="处置", action=item, citation=builder.sentences[index].citations[0]))
    if not items:
        return None
    payload = ChecklistPayload(plan_title=hit.chunk.doc_title, level_reason=f"《{hit.chunk.doc_title}》"
                               f"{hit.chunk.locator}所列事项 / the items of the clause named", items=items)
    return builder.build(payload=payload.model_dump())
