"""Circumstances that raise the response one level above what the grading gives: 「事故涉及学校、养老机构的，响应
级别提高一级」, or 「有下列情形之一的，响应级别在事故等级对应级别的基础上提高一级：A；B。」. Each circumstance is read as a
trigger (its words are matched against the report like any qualitative criterion)."""

from __future__ import annotations

import re

from retrieval.models import Chunk
from retrieval.plan.levels import make_trigger
from retrieval.plan.models import Trigger

_RAISE = re.compile(
    r"(?:有下列情形之一的|(?P<cond>[^。；：\n]{4,80}?)的)[，,][^。；：\n]{0,24}?(?:提高|提升|上调)一级(?:响应)?"
    r"(?:[：:](?P<list>[^。\n]+))?"
)
MIN_CONDITION = 4


def raise_triggers(chunk: Chunk, below_exclusive: bool = False) -> list[Trigger]:
    """The circumstances in a chunk that raise the response one level."""
    triggers = []
    for m in _RAISE.finditer(chunk.text):
        conditions = [m["cond"]] if m["cond"] else re.split(r"[；;]", m["list"] or "")
        triggers += [make_trigger(c.strip(), chunk, below_exclusive) for c in conditions
                     if len(c.strip()) >= MIN_CONDITION]
    return triggers
