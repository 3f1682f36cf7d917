"""Criteria of two levels with the same figures and different subjects: the subject decides.

A plan may grade the same loss more severely for a special kind of system or place than for the common kind
(Ⅳ级 「重要网络和信息系统遭受较大的系统损失」, Ⅲ级 「关键信息基础设施遭受较大的系统损失」). The figures meet both, so
without a rule the higher level would always win. `with_distinct_subjects` gives the more severe criterion its
subject as a condition the report must state (by name, or by naming a listed member of the class: see
`retrieval.plan.circumstances`); the milder one stands on the figures, which is the safe default.
"""

from __future__ import annotations

import re
from os.path import commonprefix

from retrieval.plan.models import Condition, ResponseLevel, Trigger

_MIN_SUBJECT, _MAX_SUBJECT, _MIN_SHARED = 2, 12, 4
_FIGURE = re.compile(r"[\d０-９一二两三四五六七八九十百千万]")


def _figures(trigger: Trigger) -> tuple[tuple[str, str, float], ...]:
    return tuple(sorted((t.quantity, t.comparator.value, t.value) for t in trigger.thresholds))


def _subjects(higher: str, lower: str) -> tuple[str, str] | None:
    """The parts of two criteria before a common ending of some length: (「关键信息基础设施」, 「重要网络和信息系统」)
    for 「…遭受较大的系统损失」; None when they share no such ending or a part is no short name."""
    shared = len(commonprefix([higher[::-1], lower[::-1]]))
    own, other = higher[: len(higher) - shared], lower[: len(lower) - shared]
    if shared < _MIN_SHARED or not all(_MIN_SUBJECT <= len(p) <= _MAX_SUBJECT and not _FIGURE.search(p) for p in (own, other)):
        return None
    return own, other


def with_distinct_subjects(levels: list[ResponseLevel]) -> None:
    """Each criterion that its figures alone decide, and whose figures a milder level's criterion repeats with
    another subject, requires its own subject to be stated."""
    triggers = [(level.ladder, level.level, t) for level in levels for t in level.triggers
                if t.thresholds and t.conditions and all(c.complete for c in t.conditions)]
    for ladder, number, trigger in triggers:
        pairs = [_subjects(trigger.text, t.text) for lad, n, t in triggers
                 if lad is ladder and n > number and _figures(t) == _figures(trigger)]
        subject = max((pair[0] for pair in pairs if pair), key=len, default=None)
        if subject is None:
            continue
        conjunct = max(c.conjunct for c in trigger.conditions) + 1
        for alternative in sorted({c.alternative for c in trigger.conditions}):
            trigger.conditions.append(Condition(text=subject, alternative=alternative, conjunct=conjunct, complete=False))
