"""briefing: a situational briefing for an incident in fixed sections, every line citing its clause.

Sections: 事件研判 (type, likely level and why), 指挥与职责, 首要处置措施, 信息报送要求 (deadlines), 资源与保障,
历史教训 (after-action reviews of the same hazard), 待核实事项 (the facts still needed to decide the level).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.composers import extractive
from assistant.models import Answer, BriefingPayload, BriefingSection, Task
from assistant.service import merge_filters
from assistant.tasks.checklist import add_level_sentences, plan_context
from assistant.tasks.guard import absent_refusal

if TYPE_CHECKING:
    from assistant.service import Assistant

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
    "command": ("指挥部 组成 职责 牵头 负责", "plan"),
    "reporting": ("信息报告 报送 时限 续报 小时内 分钟内", None),
    "resources": ("应急保障 物资 队伍 装备 资金", "plan"),
    "lessons": ("存在的主要问题 经验教训 整改", "review"),
}


def _search_section(builder: AnswerBuilder, assistant: Assistant, key: str, title: str, subject: str,
                    plan_doc: str | None, filters: dict[str, Any] | None, limit: int = 3) -> None:
    query, doc_type = SEARCHES[key]
    narrowing: dict[str, Any] = {"doc_type": doc_type}
    if key in ("command", "resources") and plan_doc:
        narrowing = {"doc_ids": [plan_doc]}
    hits = assistant.search(f"{subject} {query}", k=5, filters=merge_filters(filters, narrowing))
    for draft in extractive.best_sentences(f"{subject} {query}", extractive.relevant_hits(hits), limit):
        builder.add(draft.text, draft.cited, section=title)


def run(assistant: Assistant, question: str, *, hazard: str | None = None, facts: Any = None,
        doc_id: str | None = None, filters: dict[str, Any] | None = None, **_: Any) -> Answer:
    if (absent := absent_refusal(assistant, Task.BRIEFING, question, filters)) is not None:
        return absent
    builder = AnswerBuilder(Task.BRIEFING, question)
    context = plan_context(assistant, question, hazard=hazard, facts=facts, doc_id=doc_id, filters=filters)
    subject = hazard or (context.facts.hazard if context else None) or question
    plan_doc = context.plan.doc_id if context else None
    titles = dict(SECTIONS)
    if context is not None:
        add_level_sentences(builder, assistant, context, section=titles["assessment"])
    _search_section(builder, assistant, "command", titles["command"], subject, plan_doc, filters)
    if context is not None:
        level = context.decision.level
        first = [m for m in context.plan.measures if m.level in (level, None) and m.phase in ("响应启动", "处置")]
        for measure in first[:5]:
            builder.add(measure.action, [assistant.chunk(measure.chunk_id)], section=titles["first_actions"])
        for rule in context.plan.report_rules[:3]:
            builder.add(rule.text, [assistant.chunk(rule.chunk_id)], section=titles["reporting"])
    _search_section(builder, assistant, "reporting", titles["reporting"], subject, plan_doc, filters, limit=2)
    _search_section(builder, assistant, "resources", titles["resources"], subject, plan_doc, filters, limit=2)
    _search_section(builder, assistant, "lessons", titles["lessons"], subject, plan_doc, filters)
    missing = list(context.decision.missing) if context else []
    if context is not None and missing:
        for trigger in context.decision.undecidable_triggers[:2]:
            builder.add(trigger.text, [assistant.chunk(trigger.chunk_id)], section=titles["to_verify"])
    sections = [
        BriefingSection(key=key, title=title,
                        sentences=[i for i, s in enumerate(builder.sentences) if s.section == title])
        for key, title in SECTIONS
    ]
    payload = BriefingPayload(
        sections=sections, level=context.decision.level if context else None,
        level_label=context.decision.label if context else None, missing_facts=missing,
    )
    return builder.build(payload=payload.model_dump())
