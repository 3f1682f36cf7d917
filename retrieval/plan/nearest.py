"""What could still change a level decision: the facts that matter most, and the nearest criteria.

`facts_that_matter` names at most three missing quantities, and only those that could raise the decided level
(or, undecided, make the lowest level apply), nearest level first. `nearest_criteria` gives the triggers an
officer should check when no level is met: those the report speaks of first, then those of the lowest levels whose
outcome is still open.
"""

from __future__ import annotations

import re

import jieba

from retrieval.plan.facts import comparable_values
from retrieval.plan.incident_facts import IncidentFacts, LevelDecision, evaluate_trigger
from retrieval.plan.models import DigitalPlan, Ladder, ResponseLevel, Trigger

MAX_MISSING = 3


def _candidates(plan: DigitalPlan, decided: int | None) -> list[ResponseLevel]:
    """Levels that could still apply, nearest first: above the decided one, else all from the lowest."""
    levels = [lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE and lv.triggers]
    if decided is None:
        return sorted(levels, key=lambda lv: -lv.level)
    return sorted((lv for lv in levels if lv.level < decided), key=lambda lv: -lv.level)


def facts_that_matter(
    plan: DigitalPlan, facts: IncidentFacts, decision: LevelDecision, limit: int = MAX_MISSING
) -> list[str]:
    found: list[str] = []
    for level in _candidates(plan, decision.level):
        for trigger in level.triggers:
            outcome = evaluate_trigger(trigger, comparable_values(facts.values), facts.raw, facts.hazards)
            if outcome.state.value != "open":
                continue
            found.extend(q for q in outcome.missing if q not in found and q not in comparable_values(facts.values))
        if len(found) >= limit:
            break
    return found[:limit]


def nearest_criteria(plan: DigitalPlan, facts: IncidentFacts, limit: int = MAX_MISSING) -> list[Trigger]:
    """The criteria the report speaks of first (「七个监测点藻密度…」 puts 「藻密度代表值达到 1000 万个/升以上」 before a
    water-supply criterion of Ⅰ级); within each group, open triggers of the lowest levels first, then the others."""
    open_: list[Trigger] = []
    rest: list[Trigger] = []
    for level in _candidates(plan, None):
        for trigger in level.triggers:
            outcome = evaluate_trigger(trigger, comparable_values(facts.values), facts.raw, facts.hazards)
            (open_ if outcome.state.value == "open" and outcome.missing else rest).append(trigger)
    report_words = _words(facts.raw)
    return sorted(open_ + rest, key=lambda t: not (_words(t.text) & report_words))[:limit]


def _words(text: str) -> set[str]:
    """The Chinese words of two characters or more: 「藻密度」「暴露」, not 「的」「以上」 or a figure."""
    return {w for w in jieba.lcut(text) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)} - _COMMON


# words every criterion and report share, which say nothing of what the report is about
_COMMON = frozenset({"以上", "以下", "达到", "超过", "发生", "出现", "造成", "或者", "其中", "人员", "需要", "可能", "影响"})
