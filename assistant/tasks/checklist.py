"""checklist: the response level a plan's own grading criteria give for the incident facts, then that level's
measures as ordered items (phase, action, responsible unit, time limit), each citing its clause.

Built on the digital plan parsed at ingest (DESIGN §8). When a fact needed to decide the level is missing,
the answer says which one instead of guessing; a trigger without a parseable threshold is shown for a person
to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder, short_level
from assistant.composers.extractive import text_sentences
from assistant.models import Answer, ChecklistItem, ChecklistPayload, Task
from assistant.tasks.clause_checklist import route
from assistant.tasks.guard import absent_refusal
from assistant.tasks.plan_choice import choose_plan
from retrieval.plan.codes import is_combination
from retrieval.plan.decision import LevelDecision, criterion_text
from retrieval.plan.declared import with_declared
from retrieval.plan.digital_plan import DigitalPlan
from retrieval.plan.duties import (
    MAX_ITEMS,
    MAX_REPORT_RULES,
    common_duties,
    due_at,
    due_label,
    duties_for,
    first_steps,
    is_conditional,
    repeats,
    report_rules_for,
)
from retrieval.plan.exclusions import excluded_incident, excluded_part, scope_vocabulary
from retrieval.plan.incident_facts import IncidentFacts, parse_incident_facts
from retrieval.plan.models import Trigger
from retrieval.plan.nearest import facts_that_matter, nearest_criteria
from retrieval.plan.season import with_season
from retrieval.plan.shares import with_shares
from retrieval.plan.stations import with_reference_levels
from retrieval.plan.tables import hazards_in
from retrieval.plan.works import with_works_classes

if TYPE_CHECKING:
    from assistant.service import Assistant

PHASES = ["预警", "响应启动", "处置", "信息报告", "响应终止"]


@dataclass
class PlanContext:
    plan: DigitalPlan
    facts: IncidentFacts
    decision: Any
    incident_time: Any = None

    @property
    def every_level(self) -> bool:
        """The request asks for the measures of every level (「不管启动几级响应，都要落实的基本措施」)."""
        return asks_every_level(self.facts.raw)

    @property
    def hazards(self) -> list[str] | None:
        """The hazards whose sections of measures apply: the hazard of the criterion that decided the level
        (「寒潮：…最低气温降至2摄氏度以下」, though the report also speaks of a gale), else every hazard the report names."""
        decided = sorted({trigger.hazard for trigger, _ in self.decision.met if trigger.hazard})
        return decided or self.facts.hazards or None


def plan_context(assistant: Assistant, question: str, *, hazard: str | None = None, facts: Any = None,
                 doc_id: str | None = None, filters: dict[str, Any] | None = None,
                 incident_time: Any = None) -> PlanContext | None:
    """The plan, the incident's facts and the level they trigger. `facts`: more report text, or a dict of
    fields and quantities (an officer's edits) that override what the text says."""
    from retrieval.plan.incident_facts import determine_level

    plan = choose_plan(assistant, question, hazard, doc_id, filters)
    if plan is None:
        return None
    fields = facts if isinstance(facts, dict) else None
    report = question if not isinstance(facts, str) else f"{question} {facts}"
    parsed = _parsed(plan, report, fields, incident_time)
    decision = determine_level(plan, parsed)
    if excluded := excluded_incident(plan.exclusions, parsed.raw, scope_vocabulary(plan),
                                     lambda rest: determine_level(plan, _parsed(plan, rest, fields, incident_time)).level):
        decision = _not_applicable(excluded)
    decision = with_declared(plan, decision, parsed.raw)
    decision.missing = facts_that_matter(plan, parsed, decision) if decision.excluded_by is None else []
    needed = f"需补充：{'、'.join(decision.missing)}。" if decision.missing else ""
    decision.explanation = re.sub(r"[^。]*需补充：[^。]*。", needed, decision.explanation)
    return PlanContext(plan, parsed, decision, incident_time)


def _parsed(plan: DigitalPlan, report: str, fields: dict[str, Any] | None, incident_time: Any) -> IncidentFacts:
    """The report's facts in the plan's terms: the class the plan gives each work it names (「石鼓岩水库」 → 小（1）型:
    criteria grade by class), its stations' reference levels, the shares of its stated bases, its flood season."""
    text = with_works_classes(plan.works, report)
    parsed = with_reference_levels(plan.stations, parse_incident_facts(text, fields), plan.station_rivers)
    parsed = parsed.model_copy(update={"values": with_shares(plan.share_bases, parsed.values)})
    return with_season(plan.flood_season, parsed, incident_clock(incident_time))


def _not_applicable(exclusion: Trigger) -> LevelDecision:
    """No response under the plan: the incident is of a kind its exclusion names."""
    return LevelDecision(level=None, label=None, excluded_by=exclusion,
                         explanation=f"报告所述情形属于本预案不适用的范围：{excluded_part(exclusion.text)}（{exclusion.locator}），"
                                     "不按本预案启动应急响应。")


def level_sentence(context: PlanContext) -> list[tuple[str, str]]:
    """(sentence, chunk id) stating the level with the criterion met: 「符合Ⅲ级应急响应启动条件：…」; with no
    level, the nearest criteria to check."""
    decision = context.decision
    if decision.level is not None:
        met = list(dict.fromkeys(t.text for t, _ in decision.met))
        chunks = {t.text: t.chunk_id for t, _ in decision.met}
        label = spoken_label(decision.label or "", decision.level)
        return [(f"符合{label}启动条件：{text}", chunks[text]) for text in met[:2]]
    return [(t.text, t.chunk_id) for t in nearest_criteria(context.plan, context.facts)]


_UNDECIDED = "尚未定级，"


def _criterion_to_check(builder: AnswerBuilder, context: PlanContext, chunk, criterion: str,
                        section: str | None) -> int | None:
    """With no level decided, a nearest criterion framed as one to check (「尚未定级，待核实是否符合Ⅳ级应急响应启动条件：
    …」): read first, a bare criterion (「发生拥挤踩踏，造成人员受伤」) passes for the incident's own facts."""
    found = next(((lv, t) for lv in context.plan.levels for t in lv.triggers if t.text == criterion), None)
    if found is None:
        return None
    level, trigger = found
    opening = "" if any(s.text.startswith(_UNDECIDED) for s in builder.sentences) else _UNDECIDED
    return builder.add_conclusion(f"{opening}待核实是否符合{spoken_label(level.label, level.level)}启动条件："
                                  f"{criterion_text(criterion)}", chunk, (cell := _cell_of(trigger)), level.label,
                                  section=section, column=_column_of(trigger, cell))


def add_level_sentences(builder: AnswerBuilder, assistant: Assistant, context: PlanContext,
                        section: str | None = None) -> list[int]:
    """Cite the criterion that was met (or, undecided, the nearest criteria), and who decides the level."""
    numbers: list[int] = []
    decision = context.decision
    if decision.excluded_by is not None:
        # the plan's own sentence saying it does not apply, quoted: an officer checks it in one click
        exclusion = decision.excluded_by
        index = builder.add_cleaned(exclusion.text, assistant.chunk(exclusion.chunk_id), section=section)
        return list(builder.sentences[index].citations) if index is not None else []
    met = {t.text: t for t, _ in decision.met}
    for text, chunk_id in level_sentence(context):
        chunk = assistant.chunk(chunk_id)
        criterion = text.split("：", 1)[-1]
        quote = _cell_of(met[criterion]) if criterion in met else criterion
        column = _column_of(met[criterion], quote) if criterion in met else ""
        index = None
        if decision.level is not None and criterion in met and is_combination(criterion) \
                and (words := met_words(met[criterion], decision.met)):
            # 「V1＋L1；V2；K1；C1；S1」 tells an officer nothing: the case met, in its codes' words, with the codes quoted
            index = _stated_level(builder, chunk, f"{words}（{criterion}）", decision.label or "", section, column, quote)
        if index is None and decision.level is not None and criterion in met \
                and (part := met_part(met[criterion], decision.met)) != criterion:
            # 「当气象部门发布3个以上县市区暴雨红色预警信号，或3个以上县市区启动Ⅳ级应急响应」 met by its second half: the
            # officer reads the half that was met, quoted as the plan words it
            index = _stated_level(builder, chunk, part, decision.label or "", section, column, part)
        if index is None and decision.level is not None and (criterion_text(criterion) != criterion or quote != criterion):
            # OCR residue ($0 . 4 \sim 0 . 7$) is not what an officer reads first, and a table's criterion joins its
            # column's name to its cell: the level is stated from the cleaned criterion, the citation quotes the cell
            index = _stated_level(builder, chunk, criterion, decision.label or "", section, column, quote)
        if index is None and decision.level is not None:
            index = builder.add(text, [chunk], section=section)
        if index is None and decision.level is not None:
            index = _stated_level(builder, chunk, criterion, decision.label or "", section, column, quote)
        if index is None and decision.level is None:
            index = _criterion_to_check(builder, context, chunk, criterion, section)
        if index is None:
            index = builder.add_cleaned(criterion, chunk, section=section)
        if index is not None:
            numbers.extend(builder.sentences[index].citations)
    level = decided_level(context)
    if level is not None and level.decided_by and level.decided_by_chunk:
        add_decider(builder, assistant.chunk(level.decided_by_chunk), level.decided_by, decision.label or "", section)
    return numbers


def met_part(trigger: Any, met: list) -> str:
    """The alternative of a criterion that its met figures belong to (「…，或 3 个以上县市区启动Ⅳ级应急响应」), as the
    criterion words it; the whole criterion when every alternative, or a condition met by its words alone, was met."""
    thresholds = [th for t, th in met if t is trigger]
    if not thresholds or any(th.quantity == "情形" for th in thresholds):
        return trigger.text
    alternatives = {trigger.conditions[th.condition].alternative for th in thresholds if th.condition < len(trigger.conditions)}
    if len(alternatives) != 1 or alternatives == {c.alternative for c in trigger.conditions}:
        return trigger.text
    parts = [c.text for c in trigger.conditions if c.alternative in alternatives]
    start, last = trigger.text.find(parts[0]), trigger.text.find(parts[-1])
    return trigger.text[start:last + len(parts[-1])] if 0 <= start <= last else trigger.text


def met_words(trigger: Any, met: list) -> str:
    """The words of the case of a criterion that its met figures belong to (a criterion read in other words than
    it is written: codes)."""
    cases = [trigger.conditions[th.condition].alternative for t, th in met
             if t is trigger and th.condition < len(trigger.conditions)]
    if not cases:
        return ""
    return "，".join(dict.fromkeys(c.text.strip("，,；; ") for c in trigger.conditions if c.alternative == cases[0]))


def _stated_level(builder: AnswerBuilder, chunk, criterion: str, label: str, section: str | None,
                  column: str = "", quote: str = "") -> int | None:
    """The level stated as a conclusion from its criterion, which the citation quotes verbatim (`quote`: the
    table cell it is made of)."""
    spoken = spoken_label(label, _level_of(label))
    return builder.add_conclusion(f"符合{spoken}启动条件：{criterion_text(criterion)}", chunk, quote or criterion, label,
                                  section=section, column=column)


# a table column named by a level (「Ⅳ级」「二 级」)
_LEVEL_HEAD = re.compile(r"[ⅠⅡⅢⅣ一二三四]\s*级")


def _cell_of(trigger: Any) -> str:
    """The table cell a criterion is made of (「受害森林面积」 + 「1 0 公顷以上、不足 5 0 公顷」: the cell; a slot a parameter
    table fills, 「〔放射源类别〕丢失、被盗或者失控的」: the cell under the level's column, 「Ⅴ类放射源」), else the
    criterion itself."""
    folded = re.sub(r"\s+", "", trigger.text)
    cells = [(head, cell) for head, cell in (trigger.row or {}).items() if cell.strip() and cell != trigger.text]
    ending = next((cell for _, cell in cells if folded.endswith(re.sub(r"\s+", "", cell))), None)
    filled = next((cell for head, cell in cells
                   if _LEVEL_HEAD.search(head) and re.sub(r"\s+", "", cell) in folded), None)
    return ending or filled or trigger.text


def _level_of(label: str) -> int | None:
    colour = re.search(r"[红橙黄蓝]", label)
    return "红橙黄蓝".index(colour[0]) + 1 if colour else None


def _column_of(trigger: Any, cell: str) -> str:
    """Where a table gives a criterion's level: the header of its column (「| 灾害 | 一 级 | 二 级 |…」: 「二 级」), else
    the row's level cell (「| … | 造成2至4人死亡 | 二级 |」); "" for a criterion of no table. `cell`: the criterion's
    cell (`_cell_of`)."""
    row = trigger.row or {}
    head = next((h for h, cell in row.items() if trigger.text.lstrip("①②③④⑤") in cell), "")
    if _LEVEL_HEAD.search(head):
        return head
    if cell != trigger.text:  # a slot's value under its level's column (「Ⅳ级」: 「Ⅴ类放射源」)
        head = next((h for h, value in row.items() if value == cell), "")
        if _LEVEL_HEAD.search(head):
            return head
    return next((cell for h, cell in row.items() if re.search(r"级别|等级|响应", h)), "")


def spoken_label(label: str, level: int | None) -> str:
    """A level as the plan names it, with its number where the plan names it by colour: 「黄色应急响应（Ⅲ级）」."""
    return f"{label}（{'ⅠⅡⅢⅣ'[level - 1]}级）" if level and "色" in label and "响应" in label else label


def add_decider(builder: AnswerBuilder, chunk, decided_by: str, label: str, section: str | None) -> int | None:
    """「启动Ⅱ级响应的决定人：市防指总指挥（市长）。」 citing the plan's sentence or table row that names the decider; a
    bare name (「市防指总指挥（市长）」) says nothing to an officer reading it first."""
    line = next((sentence for sentence in text_sentences(chunk.text) if decided_by in sentence), "") \
        or next((row.strip() for row in chunk.text.splitlines() if decided_by in row), "")  # 「| Ⅱ级 | 县长 |」
    if line and label:
        index = builder.add_conclusion(f"启动{label}的决定人：{criterion_text(decided_by)}。", chunk, line,
                                       short_level(label) or label, section=section)
        if index is not None:
            return index
    return builder.add(decided_by, [chunk], section=section)


def decided_level(context: PlanContext):
    decision = context.decision
    return next((lv for lv in context.plan.levels if lv.level == decision.level
                 and lv.ladder.value == "应急响应"), None) if decision.level else None


def facts_payload(facts: IncidentFacts) -> dict[str, Any]:
    """The parsed facts an officer can see and edit: hazard, place, time and each quantity."""
    fields = {"hazard": facts.hazard, "place": facts.place, "time": facts.time}
    return {**{k: v for k, v in fields.items() if v}, **{k: round(v, 4) for k, v in facts.values.items()}}


# 「不管启动几级响应，都要落实的基本措施」「各级响应都要做的」「基本响应措施」: the measures of every level, asked as such
_EVERY_LEVEL = re.compile(r"(?:不管|无论|不论)[^，。？?]{0,6}(?:几|哪一?|什么)级|各级(?:响应)?都|每一?级(?:响应)?都"
                          r"|(?:基本|通用|共同|共性)(?:响应|处置)?措施")


def asks_every_level(question: str) -> bool:
    return bool(_EVERY_LEVEL.search(question))


def measures_in_force(plan: DigitalPlan, level: int | None, hazards: list[str] | None = None,
                      level_open: bool = False, every_level: bool = False) -> list:
    """The decided level's duties (with the levels it builds on) and the common ones, in phase order. With no
    level decided: while facts are missing that could decide one (`level_open`), the plan's first response and
    first report, which hold at every level; else none (the checklist shows the nearest criteria instead). A plan
    that grades no levels at all, or a request for the measures of every level (`every_level`): the duties it fixes
    for every incident."""
    if level:
        return duties_for(plan, level, limit=MAX_ITEMS - MAX_REPORT_RULES, hazards=hazards)
    if every_level or not any(lv.triggers for lv in plan.levels):
        return common_duties(plan, limit=MAX_ITEMS - MAX_REPORT_RULES, hazards=hazards)
    return first_steps(plan, hazards=hazards) if level_open else []


def incident_clock(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def checklist_items(builder: AnswerBuilder, assistant: Assistant, context: PlanContext,
                    *, incident_time: Any = None, first_steps_while_open: bool = False) -> list[ChecklistItem]:
    """One item per duty of the decided level (who, what, by when), each citing its clause; then that
    level's reporting rules. With `first_steps_while_open`, a level still open gives the first steps."""
    start = incident_clock(incident_time or getattr(context, "incident_time", None))
    decision = context.decision
    level = decision.level
    level_open = first_steps_while_open and bool(decision.missing or decision.undecidable_triggers)
    items: list[ChecklistItem] = []
    for measure in measures_in_force(context.plan, level, context.hazards, level_open, context.every_level):
        index = builder.add(measure.action, [assistant.chunk(measure.chunk_id)], section=measure.phase)
        if index is None:
            continue
        due = due_at(measure.time_limit, start)
        items.append(ChecklistItem(
            phase=measure.phase, action=measure.action, lead_units=measure.lead_units,
            support_units=measure.support_units, time_limit=measure.time_limit,
            citation=builder.sentences[index].citations[0], conditional=is_conditional(measure.action),
            due_at=due.isoformat() if due else None, due_label=due_label(due, start),
        ))
    if level is None:
        return items
    for rule in report_rules_for(context.plan, level):
        if repeats(rule.text, [item.action for item in items]):
            continue
        index = builder.add(rule.text, [assistant.chunk(rule.chunk_id)], section="信息报告")
        if index is not None:
            due = due_at(rule.deadline, start)
            items.append(ChecklistItem(phase="信息报告", action=rule.text, lead_units=[],
                                       time_limit=rule.deadline, citation=builder.sentences[index].citations[0],
                                       due_at=due.isoformat() if due else None, due_label=due_label(due, start)))
    return items


def run(assistant: Assistant, question: str, *, hazard: str | None = None, facts: Any = None,
        doc_id: str | None = None, filters: dict[str, Any] | None = None, incident_time: Any = None,
        **_: Any) -> Answer:
    if (absent := absent_refusal(assistant, Task.CHECKLIST, question, filters)) is not None:
        return absent
    if doc_id is None and (routed := route(assistant, question, facts, filters)) is not None:
        return routed
    if doc_id is None and hazard is None and not hazards_in(question) \
            and (routed := route(assistant, question, facts, filters, named=False, first_only=True)) is not None:
        return routed  # a request of no hazard whose best passage is a law's list asks that list, not a plan's duties
    builder = AnswerBuilder(Task.CHECKLIST, question)
    context = plan_context(assistant, question, hazard=hazard, facts=facts, doc_id=doc_id, filters=filters,
                           incident_time=incident_time)
    if context is None:
        if doc_id is None and (clause := route(assistant, question, facts, filters, named=False)) is not None:
            return clause
        return builder.build(closest=assistant.search(question, k=3, filters=filters),
                             refuse_reason="没有找到含分级响应条件的预案 / no plan with response levels found")
    decision = context.decision
    # the measures every level takes are asked of no incident: no level to state or criteria to check
    every_level = decision.level is None and context.every_level
    level_citations = [] if every_level else add_level_sentences(builder, assistant, context, section="响应级别")
    items = checklist_items(builder, assistant, context, first_steps_while_open=True)
    level = decided_level(context)
    payload = ChecklistPayload(
        hazard=hazard or context.facts.hazard, plan_title=context.plan.title, plan_doc_id=context.plan.doc_id,
        level=decision.level, level_label=decision.label, level_reason=decision.explanation,
        level_citations=level_citations, decided_by=level.decided_by if level else None,
        missing_facts=list(decision.missing), facts=facts_payload(context.facts),
        incident_time=str(incident_time) if incident_time else None, items=items,
    )
    answer = builder.build(payload=payload.model_dump())
    if answer.refused and doc_id is None:  # the plan gave no items: a regulation clause that lists them may
        return route(assistant, question, facts, filters, named=False) or answer
    return answer
