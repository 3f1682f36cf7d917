"""checklist: the response level a plan's own grading criteria give for the incident facts, then that level's
measures as ordered items (phase, action, responsible unit, time limit), each citing its clause.

Built on the digital plan parsed at ingest (DESIGN §8). When a fact needed to decide the level is missing,
the answer says which one instead of guessing; a trigger without a parseable threshold is shown for a person
to judge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.models import Answer, ChecklistItem, ChecklistPayload, Task
from assistant.service import merge_filters
from assistant.tasks.guard import absent_refusal
from retrieval.plan.digital_plan import DigitalPlan
from retrieval.plan.incident_facts import IncidentFacts, parse_incident_facts

if TYPE_CHECKING:
    from assistant.service import Assistant

PHASES = ["预警", "响应启动", "处置", "信息报告", "响应终止"]


@dataclass
class PlanContext:
    plan: DigitalPlan
    facts: IncidentFacts
    decision: Any


def choose_plan(assistant: Assistant, question: str, hazard: str | None, doc_id: str | None,
                filters: dict[str, Any] | None = None) -> DigitalPlan | None:
    """The plan named by id, else the best-matching plan for the question and hazard that has response levels;
    only among the documents the filters (and so the caller's access levels) admit."""
    if doc_id:
        return assistant.digital_plan(doc_id) if doc_id in assistant.allowed_doc_ids(filters) else None
    query = " ".join(p for p in (hazard, question, "应急响应 启动条件") if p)
    seen: list[str] = []
    attempts = [{"doc_type": "plan", "hazard": hazard}] if hazard else []
    for narrowing in [*attempts, {"doc_type": "plan"}]:
        for hit in assistant.search(query, k=10, filters=merge_filters(filters, narrowing)):
            if hit.chunk.doc_id in seen:
                continue
            seen.append(hit.chunk.doc_id)
            plan = assistant.digital_plan(hit.chunk.doc_id)
            if plan is not None and plan.levels:
                return plan
    return None


def plan_context(assistant: Assistant, question: str, *, hazard: str | None = None, facts: Any = None,
                 doc_id: str | None = None, filters: dict[str, Any] | None = None) -> PlanContext | None:
    from retrieval.plan.incident_facts import determine_level

    plan = choose_plan(assistant, question, hazard, doc_id, filters)
    if plan is None:
        return None
    text = question if not isinstance(facts, str) else f"{question} {facts}"
    parsed = parse_incident_facts(text, facts if isinstance(facts, dict) else None)
    return PlanContext(plan, parsed, determine_level(plan, parsed))


def add_level_sentences(builder: AnswerBuilder, assistant: Assistant, context: PlanContext,
                        section: str | None = None) -> list[int]:
    """Cite the criterion that was met (or, undecided, the triggers a person must judge)."""
    decision = context.decision
    numbers: list[int] = []
    triggers = [t for t, _ in decision.met] or list(decision.undecidable_triggers)
    for trigger in triggers[:3]:
        index = builder.add(trigger.text, [assistant.chunk(trigger.chunk_id)], section=section)
        if index is not None:
            numbers.extend(builder.sentences[index].citations)
    level = next((lv for lv in context.plan.levels if lv.level == decision.level), None)
    if level is not None and level.decided_by and level.decided_by_chunk:
        builder.add(level.decided_by, [assistant.chunk(level.decided_by_chunk)], section=section)
    return numbers


def measures_in_force(plan: DigitalPlan, level: int | None) -> list:
    """The level's measures (with those of the levels it builds on) and the general ones, in phase order,
    without an item that only repeats part of another."""
    general = [m for m in plan.measures if m.level is None]
    measures = (plan.measures_for(level) if level else []) + general
    measures.sort(key=lambda m: PHASES.index(m.phase) if m.phase in PHASES else len(PHASES))
    kept: list = []
    for measure in measures:
        if any(measure.action in other.action for other in measures if other is not measure
               and len(other.action) > len(measure.action)):
            continue
        if all(measure.action != k.action for k in kept):
            kept.append(measure)
    return kept


def checklist_items(builder: AnswerBuilder, assistant: Assistant, context: PlanContext) -> list[ChecklistItem]:
    items: list[ChecklistItem] = []
    for measure in measures_in_force(context.plan, context.decision.level):
        index = builder.add(measure.action, [assistant.chunk(measure.chunk_id)], section=measure.phase)
        if index is None:
            continue
        items.append(ChecklistItem(
            phase=measure.phase, action=measure.action, lead_units=measure.lead_units,
            support_units=measure.support_units, time_limit=measure.time_limit,
            citation=builder.sentences[index].citations[0],
        ))
    for rule in context.plan.report_rules:
        index = builder.add(rule.text, [assistant.chunk(rule.chunk_id)], section="信息报告")
        if index is not None:
            items.append(ChecklistItem(phase="信息报告", action=rule.text, lead_units=[],
                                       time_limit=rule.deadline, citation=builder.sentences[index].citations[0]))
    return items


def run(assistant: Assistant, question: str, *, hazard: str | None = None, facts: Any = None,
        doc_id: str | None = None, filters: dict[str, Any] | None = None, **_: Any) -> Answer:
    if (absent := absent_refusal(assistant, Task.CHECKLIST, question, filters)) is not None:
        return absent
    builder = AnswerBuilder(Task.CHECKLIST, question)
    context = plan_context(assistant, question, hazard=hazard, facts=facts, doc_id=doc_id, filters=filters)
    if context is None:
        return builder.build(closest=assistant.search(question, k=3, filters=filters),
                             refuse_reason="没有找到含分级响应条件的预案 / no plan with response levels found")
    decision = context.decision
    level_citations = add_level_sentences(builder, assistant, context, section="响应级别")
    items = checklist_items(builder, assistant, context)
    payload = ChecklistPayload(
        hazard=hazard or context.facts.hazard, plan_title=context.plan.title, level=decision.level,
        level_label=decision.label, level_reason=decision.explanation, level_citations=level_citations,
        missing_facts=list(decision.missing), items=items,
    )
    return builder.build(payload=payload.model_dump())
