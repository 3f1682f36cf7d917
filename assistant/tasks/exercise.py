"""exercise: a tabletop exercise (桌面推演) built from a plan and a scenario — a timeline of injects, each with
the level its facts trigger, the actions the plan expects then (responsible unit, deadline, cited clause) and
questions for discussion.

The timeline follows a response as it unfolds: 接报 → 预警 → 研判与响应启动 → 险情升级 (or 次生灾害) → 信息发布
→ 响应终止. It is built only on the checklist engine's public entry points: `plan_context` grades each inject's
facts (all facts so far), and `checklist_items` gives the measures in force at that level, each grounded and
cited; an inject takes the items of its phases that no earlier inject asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.models import Answer, ChecklistItem, ExercisePayload, ExpectedAction, Inject, Task
from assistant.tasks.checklist import PlanContext, checklist_items, plan_context
from assistant.tasks.exercise_facts import facts_for_level, report_for_level, response_levels, warning_fact
from assistant.tasks.exercise_questions import objectives, questions_for

if TYPE_CHECKING:
    from assistant.service import Assistant

MAX_ACTIONS = 5
TIME_FORMAT = "%Y-%m-%d %H:%M"


@dataclass
class Stage:
    name: str
    offset_minutes: int
    phases: tuple[str, ...]
    headline: str
    # what the stage's duties speak of, for a plan that files none of them under the stage's phases (its reports
    # and its news release among the 处置 duties: 「核实统计灾情，按规定报送县防办」, 「区委宣传部：组织权威信息发布」)
    topic: str = ""


STAGES = {
    "接报": Stage("接报", 0, ("信息报告",), "接报", r"报告|报送|上报|接报|核实"),
    "预警": Stage("预警", 30, ("预警",), "预警"),
    "响应启动": Stage("研判与响应启动", 90, ("响应启动", "处置"), "续报"),
    "升级": Stage("险情升级", 240, ("响应启动", "处置"), "险情升级"),
    "次生": Stage("次生灾害", 240, ("处置",), "次生灾害"),
    "信息发布": Stage("信息发布", 360, ("信息报告",), "舆情与信息发布", r"信息发布|新闻|舆情|媒体|回应社会|发布[^预]{0,8}(?:提示|提醒|信息)"),
    "终止": Stage("响应调整与终止", 1440, ("响应终止",), "响应调整", r"终止|解除|善后|恢复"),
}
FIXED_MESSAGES = {
    "次生": "现场报告：受{hazard}影响，部分区域出现次生险情，有群众被困，道路、通信、供电等设施受损。",
    "信息发布": "网络出现关于{hazard}伤亡情况的不实信息，媒体要求采访，社会关注度持续上升。",
    "终止": "经会商研判，{hazard}险情已得到有效控制，次生、衍生灾害风险基本消除，受影响群众得到妥善安置。",
}


@dataclass
class Timeline:
    """What the builder has used so far: facts reported, items already asked for."""

    known: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def facts(self) -> str:
        return "；".join(self.known)


class _Memo:
    """The assistant seen through a memo of plans, chunks and grades: one build asks for each many times."""

    def __init__(self, assistant: Assistant) -> None:
        self._assistant = assistant
        self._plans: dict[str, Any] = {}
        self._chunks: dict[str, Any] = {}
        self._allowed: dict[str, set[str]] = {}

    def digital_plan(self, doc_id: str):
        if doc_id not in self._plans:
            self._plans[doc_id] = self._assistant.digital_plan(doc_id)
        return self._plans[doc_id]

    def chunk(self, chunk_id: str):
        if chunk_id not in self._chunks:
            self._chunks[chunk_id] = self._assistant.chunk(chunk_id)
        return self._chunks[chunk_id]

    def allowed_doc_ids(self, filters: Any = None) -> set[str]:
        key = repr(filters)
        if key not in self._allowed:
            self._allowed[key] = self._assistant.allowed_doc_ids(filters)
        return self._allowed[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._assistant, name)


def _start(start: str | None) -> datetime:
    if not start:
        return datetime.now().replace(second=0, microsecond=0)
    try:
        return datetime.fromisoformat(start.strip().replace("T", " "))
    except ValueError:
        raise ValueError(f"start must be a time like 2025-07-01 14:30, got {start!r}") from None


def _actions(items: list[ChecklistItem], phases: tuple[str, ...], timeline: Timeline) -> list[ExpectedAction]:
    chosen = [i for p in phases for i in items if i.phase == p and i.action not in timeline.used][:MAX_ACTIONS]
    timeline.used.update(i.action for i in chosen)
    return [ExpectedAction(phase=i.phase, action=i.action, lead_units=i.lead_units, support_units=i.support_units,
                           deadline=i.time_limit, citation=i.citation) for i in chosen]


def _on_topic(items: list[ChecklistItem], topic: str, timeline: Timeline) -> list[ExpectedAction]:
    """The duties, of any phase, that speak of the stage's topic."""
    if not topic:
        return []
    return _actions([i for i in items if re.search(topic, i.action)], tuple(dict.fromkeys(i.phase for i in items)),
                    timeline)


class ExerciseBuilder:
    """Builds the injects of one exercise over one plan, grading every set of facts with the engine."""

    def __init__(self, assistant: Assistant, builder: AnswerBuilder, context: PlanContext, scenario: str,
                 hazard: str, place: str, start: datetime) -> None:
        self.assistant, self.builder, self.context = assistant, builder, context
        self.scenario, self.hazard, self.place, self.start = scenario, hazard, place, start
        self.timeline = Timeline()
        self.injects: list[Inject] = []
        self.grades: dict[str, int | None] = {}
        self.items: dict[int | None, list[ChecklistItem]] = {}

    def context_for(self, facts: str) -> PlanContext:
        return plan_context(self.assistant, self.scenario, hazard=self.hazard, facts=facts or None,
                            doc_id=self.context.plan.doc_id)

    def grade(self, facts: str) -> int | None:
        if facts not in self.grades:
            self.grades[facts] = self.context_for(facts).decision.level
        return self.grades[facts]

    def add(self, key: str, message: str, new_fact: str | None = None) -> None:
        stage = STAGES[key]
        if new_fact:
            self.timeline.known.append(new_fact)
        facts = self.timeline.facts()
        context = self.context_for(facts)
        level = context.decision.level
        if level not in self.items:  # the items in force depend on the plan and the level only
            self.items[level] = checklist_items(self.builder, self.assistant, context)
        items = self.items[level]
        actions = (_actions(items, stage.phases, self.timeline)
                   or _actions(self.phase_items(stage.phases), stage.phases, self.timeline)
                   or _on_topic(items or self.phase_items(("处置",)), stage.topic, self.timeline))
        if not actions:
            return
        at = self.start + timedelta(minutes=stage.offset_minutes)
        decision = context.decision
        judged = bool(new_fact) or key in ("接报", "响应启动")
        self.injects.append(Inject(
            index=len(self.injects), stage=stage.name, time=at.strftime(TIME_FORMAT),
            offset_minutes=stage.offset_minutes, message=f"【{at:%H:%M} {stage.headline}】{message}",
            facts=facts if judged else None, level=decision.level if judged else None,
            level_label=decision.label if judged else None, level_reason=decision.explanation if judged else "",
            missing_facts=list(decision.missing) if judged else [], expected_actions=actions,
            questions=questions_for(key, context, actions, self.hazard),
        ))

    def phase_items(self, phases: tuple[str, ...]) -> list[ChecklistItem]:
        """The plan's own measures of these phases, cited: a checklist holds only a decided level's response
        duties, but an exercise also rehearses what comes before a level (接报, 预警) and after it (终止)."""
        items = []
        level = self.context.decision.level
        graded = [m.level for m in self.context.plan.measures if m.level is not None]
        # before a level is decided (接报), the least severe level's rules stand for the plan's first duties
        in_force = (None, level if level is not None else (max(graded) if graded else None))
        for measure in self.context.plan.measures:
            if measure.phase not in phases or measure.level not in in_force:
                continue
            index = self.builder.add(measure.action, [self.assistant.chunk(measure.chunk_id)], section=measure.phase)
            if index is not None:
                items.append(ChecklistItem(phase=measure.phase, action=measure.action, lead_units=measure.lead_units,
                                           support_units=measure.support_units, time_limit=measure.time_limit,
                                           citation=self.builder.sentences[index].citations[0]))
        return items

    def first_reachable(self, levels: list[int]) -> tuple[int | None, str | None]:
        """The least severe level that some report in the plan's own words reaches, and that report."""
        for level in levels:
            fact = facts_for_level(self.context.plan, level, self.timeline.facts(), self.grade, self.hazard)
            if fact:
                return level, fact
        # nothing of the hazard's family decides a level by the engine's reading: report the least severe
        # level's condition and leave the level to the facilitator, as the engine does
        fact = report_for_level(self.context.plan, levels[0], self.hazard) if levels else None
        return (levels[0] if fact else None), fact

    def build(self, initial: str, escalation: bool) -> list[Inject]:
        plan, where = self.context.plan, self.place or "事发地"
        levels = response_levels(plan)
        self.add("接报", f"{where}发生{self.hazard}突发事件：{initial or '现场伤亡和影响范围正在核实'}。", initial or None)
        warning = warning_fact(plan)
        self.add("预警", f"{warning}。" if warning else f"气象、监测部门研判{self.hazard}风险持续上升。", warning)
        start_level = self.grade(self.timeline.facts())
        if start_level is None:
            start_level, fact = self.first_reachable(levels)
            self.add("响应启动", f"{where}续报：{fact or '险情持续发展，请研判响应级别'}。", fact)
        else:
            self.add("响应启动", f"{where}续报：险情持续发展，请研判响应级别。")
        higher = [lv for lv in levels if start_level is not None and lv < start_level]
        fact = (facts_for_level(plan, higher[0], self.timeline.facts(), self.grade, self.hazard)
                if escalation and higher else None)
        if fact:
            self.add("升级", f"{where}报告：{fact}。", fact)
        else:
            self.add("次生", FIXED_MESSAGES["次生"].format(hazard=self.hazard))
        for key in ("信息发布", "终止"):
            self.add(key, FIXED_MESSAGES[key].format(hazard=self.hazard))
        return self.injects


def run(assistant: Assistant, question: str, *, hazard: str | None = None, place: str = "",
        start: str | None = None, escalation: bool = True, facts: str | None = None, doc_id: str | None = None,
        filters: dict[str, Any] | None = None, **_: Any) -> Answer:
    """Build an exercise for the scenario `question` (hazard, place, start time; `facts`: the first report)."""
    builder = AnswerBuilder(Task.EXERCISE, question)
    assistant = _Memo(assistant)
    context = plan_context(assistant, question, hazard=hazard, doc_id=doc_id, filters=filters)
    if context is None:
        return builder.build(closest=assistant.search(question, k=3, filters=filters),
                             refuse_reason="没有找到含分级响应条件的预案 / no plan with response levels found")
    document = assistant.document(context.plan.doc_id)
    hazard = hazard or context.facts.hazard or next(iter(document.hazard_types if document else []), "突发事件")
    begin = _start(start)
    exercise = ExerciseBuilder(assistant, builder, context, question, hazard, place, begin)
    injects = exercise.build((facts or "").strip(), escalation)
    payload = ExercisePayload(
        plan_doc_id=context.plan.doc_id, plan_title=context.plan.title, hazard=hazard, place=place,
        start=begin.strftime(TIME_FORMAT), escalation=escalation,
        objectives=objectives(context.plan.title, hazard, injects), injects=injects,
    )
    return builder.build(payload=payload.model_dump(mode="json"))
