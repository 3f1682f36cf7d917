"""briefing: an incident briefing in the reporting format duty officers write (突发事件信息报告), every line cited.

The officer's own facts (time, place, source of the report, type, what happened, consequences, extent) are
returned as reported facts in the payload, labelled as such, never as cited sentences. The cited sections:
事件研判 (the level, stated in a sentence with the criterion met, and who decides it), 指挥与职责, 首要处置措施
(that level's next steps), 信息报送要求 (that level's reporting deadlines), 资源与保障, 历史教训 (reviews of the
same hazard only, each labelled as a past event with its year, never mixed with the current figures) and
待核实事项 (the criteria whose facts are still missing).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.composers import extractive
from assistant.models import Answer, BriefingPayload, BriefingSection, Task
from assistant.service import merge_filters
from assistant.tasks.checklist import add_level_sentences, facts_payload, incident_clock, plan_context
from assistant.tasks.guard import absent_refusal
from retrieval.plan.duties import due_at, due_label, duties_for, report_rules_for
from retrieval.plan.models import Phase
from retrieval.plan.nearest import nearest_criteria
from retrieval.plan.tables import hazards_in

if TYPE_CHECKING:
    from assistant.service import Assistant
    from assistant.tasks.checklist import PlanContext

SECTIONS = [
    ("assessment", "事件研判"),
    ("command", "指挥与职责"),
    ("first_actions", "首要处置措施"),
    ("reporting", "信息报送要求"),
    ("resources", "资源与保障"),
    ("lessons", "历史教训"),
    ("to_verify", "待核实事项"),
]
SEARCHES = {
    "command": "指挥部 组成 职责 牵头 负责",
    "resources": "应急保障 物资 队伍 装备 资金",
    "lessons": "存在的主要问题 经验教训 整改",
}
_COMMAND = re.compile(r"指挥|会商|主持|坐镇|值班")
_CONSEQUENCES = ("死亡", "失踪", "受伤", "重伤", "被困人员", "转移人员", "受灾人口", "直接经济损失", "倒塌房屋")
_SOURCE = re.compile(r"^(?P<source>[^，。：:；]{2,16}?(?:报|报告|值班|通报|反映|来电))[：:，]")


def reported_facts(context: PlanContext | None, question: str, incident_time: Any) -> dict[str, Any]:
    """The officer's facts, in the elements of an incident report; labelled as reported, not verified."""
    facts = context.facts if context else None
    values = facts.values if facts else {}
    source = _SOURCE.match(question)
    return {
        "label": "报告事实（未经文档核实）/ reported facts, not verified against the documents",
        "time": str(incident_time) if incident_time else (facts.time if facts else None),
        "place": facts.place if facts else None,
        "source": source["source"] if source else None,
        "type": facts.hazard if facts else None,
        "what_happened": question,
        "consequences": {k: v for k, v in values.items() if k in _CONSEQUENCES},
        "extent": {k: v for k, v in values.items() if k not in _CONSEQUENCES},
    }


def _search_section(builder: AnswerBuilder, assistant: Assistant, key: str, title: str, subject: str,
                    plan_doc: str | None, filters: dict[str, Any] | None, limit: int = 2) -> None:
    narrowing: dict[str, Any] = {"doc_ids": [plan_doc]} if plan_doc else {"doc_type": "plan"}
    hits = assistant.search(f"{subject} {SEARCHES[key]}", k=5, filters=merge_filters(filters, narrowing))
    for draft in extractive.best_sentences(f"{subject} {SEARCHES[key]}", extractive.relevant_hits(hits), limit):
        builder.add(draft.text, draft.cited, section=title)


def _lessons(builder: AnswerBuilder, assistant: Assistant, hazards: set[str], subject: str,
             filters: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Sentences of after-action reviews of the same hazard, each labelled as a past event with its year."""
    if not hazards:
        return []
    query = f"{subject} {SEARCHES['lessons']}"
    hits = assistant.search(query, k=8, filters=merge_filters(filters, {"doc_type": "review"}))
    same = []
    for hit in hits:
        info = assistant.document(hit.chunk.doc_id)
        about = hazards_in(" ".join([hit.chunk.doc_title, *(info.hazard_types if info else [])]))
        if about & hazards:
            same.append(hit)
    labels = []
    for draft in extractive.best_sentences(query, same[:3], 3):
        index = builder.add(draft.text, draft.cited, section="历史教训")
        if index is not None:
            info = assistant.document(draft.cited[0].doc_id)
            labels.append({"sentence": index, "label": "往期事件 / past event", "source": draft.cited[0].doc_title,
                           "year": info.year if info else None})
    return labels


def _level_sections(builder: AnswerBuilder, assistant: Assistant, context: PlanContext,
                    incident_time: Any) -> list[dict[str, Any]]:
    """Command and next steps of the decided level, and its reporting deadlines (as clock times)."""
    level = context.decision.level
    if level is None:
        return []
    duties = duties_for(context.plan, level, hazards=context.hazards)
    command = [m for m in duties if _COMMAND.search(m.action[:30])][:2]
    for measure in command:
        builder.add(measure.action, [assistant.chunk(measure.chunk_id)], section="指挥与职责")
    steps = [m for m in duties if m not in command and m.phase in (Phase.ACTIVATION, Phase.OPERATION)]
    for measure in steps[:5]:
        builder.add(measure.action, [assistant.chunk(measure.chunk_id)], section="首要处置措施")
    deadlines = []
    start = incident_clock(incident_time)
    for rule in report_rules_for(context.plan, level):
        if builder.add(rule.text, [assistant.chunk(rule.chunk_id)], section="信息报送要求") is not None:
            due = due_at(rule.deadline, start)
            deadlines.append({"text": rule.text, "deadline": rule.deadline, "due_label": due_label(due, start)})
    return deadlines


def run(assistant: Assistant, question: str, *, hazard: str | None = None, facts: Any = None,
        doc_id: str | None = None, filters: dict[str, Any] | None = None, incident_time: Any = None,
        **_: Any) -> Answer:
    if (absent := absent_refusal(assistant, Task.BRIEFING, question, filters)) is not None:
        return absent
    builder = AnswerBuilder(Task.BRIEFING, question)
    context = plan_context(assistant, question, hazard=hazard, facts=facts, doc_id=doc_id, filters=filters,
                           incident_time=incident_time)
    subject = hazard or (context.facts.hazard if context else None) or question
    plan_doc = context.plan.doc_id if context else None
    titles = dict(SECTIONS)
    deadlines: list[dict[str, Any]] = []
    if context is not None:
        add_level_sentences(builder, assistant, context, section=titles["assessment"])
        deadlines = _level_sections(builder, assistant, context, incident_time)
    if not any(s.section == titles["command"] for s in builder.sentences):
        _search_section(builder, assistant, "command", titles["command"], subject, plan_doc, filters)
    _search_section(builder, assistant, "resources", titles["resources"], subject, plan_doc, filters)
    hazards = hazards_in(f"{hazard or ''} {question}")
    lessons = _lessons(builder, assistant, hazards, subject, filters)
    missing = list(context.decision.missing) if context else []
    if context is not None and context.decision.excluded_by is None and (missing or context.decision.level is None):
        for trigger in nearest_criteria(context.plan, context.facts)[:2]:
            builder.add_cleaned(trigger.text, assistant.chunk(trigger.chunk_id), section=titles["to_verify"])
    sections = [
        BriefingSection(key=key, title=title,
                        sentences=[i for i, s in enumerate(builder.sentences) if s.section == title])
        for key, title in SECTIONS
    ]
    reported = reported_facts(context, question, incident_time)
    if context is not None:
        reported["parsed"] = facts_payload(context.facts)
    payload = BriefingPayload(
        sections=sections, level=context.decision.level if context else None,
        level_label=context.decision.label if context else None, missing_facts=missing, reported=reported,
        deadlines=deadlines, lessons=lessons,
    )
    return builder.build(payload=payload.model_dump())
