"""Which plan an incident falls under: the one the question names, else the best for its hazard and place.

`choose_plan` is shared by the checklist and the briefing (and the drills built on them); `named_plan` finds a
plan named in a question by its title or an alias, `jurisdiction` reads the place a plan is for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.service import merge_filters
from retrieval.plan.digital_plan import DigitalPlan
from retrieval.plan.tables import hazards_in

if TYPE_CHECKING:
    from assistant.service import Assistant


def choose_plan(assistant: Assistant, question: str, hazard: str | None, doc_id: str | None,
                filters: dict[str, Any] | None = None) -> DigitalPlan | None:
    """The plan named by id; else the plan the question names (「按衡阳市防汛抗旱应急预案…」); else the best plan
    for the hazard and the place among the search hits: one whose jurisdiction the question names, then one
    for the question's hazard, then by rank. Only plans the filters (and so the caller's access) admit."""
    if doc_id:
        return assistant.digital_plan(doc_id) if doc_id in assistant.allowed_doc_ids(filters) else None
    allowed = assistant.allowed_doc_ids(filters)
    plans = [d for d in assistant.documents() if d.doc_type == "plan" and d.doc_id in allowed]
    if named := named_plan(question, plans):
        plan = assistant.digital_plan(named.doc_id)
        if plan is not None:
            return plan
    query = " ".join(p for p in (hazard, question, "应急响应 启动条件") if p)
    seen: list[str] = []
    attempts = [{"doc_type": "plan", "hazard": hazard}] if hazard else []
    for narrowing in [*attempts, {"doc_type": "plan"}]:
        for hit in assistant.search(query, k=10, filters=merge_filters(filters, narrowing)):
            if hit.chunk.doc_id not in seen:
                seen.append(hit.chunk.doc_id)
    by_id = {d.doc_id: d for d in plans}
    hazards = hazards_in(f"{hazard or ''} {question}")
    candidates = []
    for rank, found in enumerate(seen):
        plan = assistant.digital_plan(found)
        if plan is not None and (plan.levels or plan.measures) and found in by_id:
            info = by_id[found]
            place = jurisdiction(info.title)
            own_place = bool(place) and place in question
            own_hazard = bool(hazards & hazards_in(" ".join([info.title, *info.hazard_types])))
            candidates.append((not own_place, not own_hazard, not plan.levels, rank, plan))
    return min(candidates, key=lambda c: c[:4])[4] if candidates else None


def named_plan(question: str, plans: list) -> Any:
    """The plan whose title (without its version) or an alias the question names; the longest name wins."""
    folded = re.sub(r"\s+", "", question)
    named = []
    for info in plans:
        names = [re.sub(r"[（(][^）)]*[)）]|\s+", "", info.title), *info.aliases]
        hits = [n for n in names if len(n) >= 6 and n in folded]
        if hits:
            named.append((max(len(h) for h in hits), info))
    return max(named, key=lambda n: n[0])[1] if named else None


def jurisdiction(title: str) -> str:
    """The place a plan is for: 「衡阳市防汛抗旱应急预案」 → 衡阳市; 「国家…」 → 国家."""
    m = re.match(r"^(国家|[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|自治州|州|区|县|旗))", title)
    return m[1] if m else ""
