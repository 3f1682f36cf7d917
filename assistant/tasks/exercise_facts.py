"""Scenario facts for a tabletop exercise: a report that meets a response level of the plan, written from the
plan's own grading conditions.

A condition with thresholds (「造成3人以上10人以下死亡」) becomes a fact inside its range (「造成6人死亡」); a
condition without one (「发生一般事故」) is reported as it stands. Every candidate is graded by the checklist
engine (`plan_context`), and only one that the engine grades at the wanted level is used, so the level an inject
shows is the engine's, for the same facts.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

from retrieval.plan.models import Comparator, DigitalPlan, Ladder, Threshold, Trigger

MAX_CANDIDATES = 24  # reports tried per level: each is graded by the engine, and a build must stay quick
COUNTED_UNITS = {"人", "户", "级", "处", "起", "家", "间", "个"}

Grader = Callable[[str], int | None]
# hazard families: a plan for floods and droughts grades both; a flood exercise reports rain, not crops withering
HAZARD_CUES = [
    (re.compile(r"汛|洪|涝|雨|台风"), re.compile(r"雨|水位|洪|涝|汛|堤|溃|积水|水库|台风")),
    (re.compile(r"旱"), re.compile(r"旱|缺水|供水")),
    (re.compile(r"火"), re.compile(r"火|燃|烧")),
    (re.compile(r"震"), re.compile(r"震")),
    (re.compile(r"电"), re.compile(r"电|负荷")),
]


def _fmt(value: float, unit: str) -> str:
    if unit in COUNTED_UNITS and unit != "级":
        return str(max(round(value), 1))
    if abs(value) >= 10:
        return str(round(value))
    return f"{round(value, 1):g}"


def inside(thresholds: list[Threshold]) -> float | None:
    """A value meeting every bound the thresholds of one quantity set (a range → its middle)."""
    lows = [t.value for t in thresholds if t.comparator in (Comparator.GE, Comparator.GT)]
    highs = [t.value for t in thresholds if t.comparator in (Comparator.LE, Comparator.LT)]
    if lows and highs:
        low, high = max(lows), min(highs)
        return (low + high) / 2 if high > low else None
    if lows:
        low = max(lows)
        return low * 1.2 if low > 0 else low + 0.2
    if highs:
        high = min(highs)
        strict = any(t.comparator is Comparator.LT and t.value == high for t in thresholds)
        return high - 1 if strict and high >= 2 else high * (0.8 if strict else 1)
    return None


def measured_fact(condition: str, thresholds: list[Threshold]) -> str | None:
    """The condition with its bounds on one quantity replaced by a value inside them."""
    present = [t for t in thresholds if t.text and t.text in condition]
    if not present:
        return None
    quantity = present[0].quantity
    bounds = [t for t in present if t.quantity == quantity]
    value = inside(bounds)
    if value is None:
        return None
    spans = sorted((condition.index(t.text), condition.index(t.text) + len(t.text)) for t in bounds)
    start, end = spans[0][0], max(e for _, e in spans)
    fact = f"{condition[:start]}{_fmt(value, bounds[0].unit)}{bounds[0].unit}{condition[end:]}"
    return fact.rstrip("的，。；")


def _conditions(trigger: Trigger) -> list[str]:
    return [c.text for c in trigger.conditions] or [trigger.text]


def _reported(condition: str, trigger: Trigger) -> str:
    return measured_fact(condition, trigger.thresholds) or condition.rstrip("的，。；")


def alternatives(trigger: Trigger) -> Iterator[str]:
    """One report per alternative of the trigger that meets all of its conjuncts (「24小时降雨量…并预报降雨持续，
    笼罩面积达到…」 needs both), taking the first option of each conjunct."""
    options: dict[int, dict[int, str]] = {}
    for condition in trigger.conditions:
        options.setdefault(condition.alternative, {}).setdefault(condition.conjunct, condition.text)
    for conjuncts in options.values():
        if len(conjuncts) > 1:
            yield "，".join(_reported(text, trigger) for _, text in sorted(conjuncts.items()))


def candidate_facts(triggers: list[Trigger]) -> Iterator[str]:
    """Reports that would meet one of the triggers: measured ones first (over all triggers, and whole
    alternatives of several conjuncts), then the conditions as written, then whole triggers; each once."""
    seen: set[str] = set()
    passes = [
        (measured_fact(c, t.thresholds) for t in triggers for c in _conditions(t)),
        (fact for t in triggers for fact in alternatives(t)),
        (c.rstrip("的，。；") for t in triggers for c in _conditions(t)),
        (t.text.rstrip("的，。；") for t in triggers),
    ]
    for candidates in passes:
        for fact in candidates:
            if fact and fact not in seen:
                seen.add(fact)
                yield fact


def relevance(trigger: Trigger, hazard: str) -> int:
    """2 when the trigger speaks of the hazard's family, 0 when of another family's only, else 1."""
    families = [cues for names, cues in HAZARD_CUES if names.search(hazard or "")]
    if not families:
        return 1
    if any(cues.search(trigger.text) for cues in families):
        return 2
    return 0 if any(cues.search(trigger.text) for _, cues in HAZARD_CUES) else 1


def facts_for_level(plan: DigitalPlan, level: int, known: str, grade: Grader, hazard: str = "") -> str | None:
    """A report that, added to the facts known so far, the engine grades at `level`; None when none does.
    Triggers of the exercise's hazard come first, then those with thresholds."""
    wanted = plan.level(level, Ladder.RESPONSE)
    if wanted is None:
        return None
    for fact in itertools.islice(candidate_facts(_ranked(wanted.triggers, hazard)), MAX_CANDIDATES):
        if grade(f"{known}；{fact}" if known else fact) == level:
            return fact
    return None


def _ranked(triggers: list[Trigger], hazard: str) -> list[Trigger]:
    """The triggers of the hazard's family (or of none), those with thresholds first."""
    kept = [t for t in triggers if relevance(t, hazard) > 0]
    return sorted(kept, key=lambda t: (-relevance(t, hazard), not t.thresholds))


def report_for_level(plan: DigitalPlan, level: int, hazard: str = "") -> str | None:
    """A report in the words of the level's first trigger of the hazard's family, for a person to judge when
    no report reaches the level by the engine's reading (a condition it leaves open, 「预报降雨持续」)."""
    wanted = plan.level(level, Ladder.RESPONSE)
    triggers = _ranked(wanted.triggers, hazard) if wanted else []
    return next(candidate_facts(triggers[:1]), None)


def response_levels(plan: DigitalPlan) -> list[int]:
    """The plan's response levels that have triggers, least severe first (Ⅳ → Ⅰ)."""
    return sorted({lv.level for lv in plan.levels if lv.ladder is Ladder.RESPONSE and lv.triggers}, reverse=True)


def warning_fact(plan: DigitalPlan) -> str | None:
    """The least severe warning's first condition as written (「区气象台发布暴雨蓝色预警信号」)."""
    warnings = sorted((lv for lv in plan.levels if lv.ladder is Ladder.WARNING and lv.triggers),
                      key=lambda lv: -lv.level)
    for lv in warnings:
        for trigger in lv.triggers:
            text = _conditions(trigger)[0].rstrip("的，。；")
            if 4 <= len(text) <= 60:
                return text
    return None
