"""The people aboard a ship in distress, as a report lists them (「船上游客六十八人、船员六人」): water search-and-rescue
plans grade by 遇险人员, everyone aboard who needs rescue, counted whether or not they have been rescued since."""

from __future__ import annotations

import re

from retrieval.plan.phrases import parse_number

IN_DISTRESS = "遇险人员"
_ROLE = r"(?:游客|旅客|乘客|船员|人员|乘员|渔民|学生|工人)"
_FIGURE = r"[约近]?(?:\d+|[一二两三四五六七八九十百千]+)(?:名|人|位)"
# 「船上旅客七人、船员一人」「船上三名船员」「船上共有乘客21人和船员3人」
_ABOARD = re.compile(rf"船上(?:共有?|有|载有?|载客)?(?P<people>(?:{_ROLE}?{_FIGURE}{_ROLE}?(?:[、和及]|以及)?)+)")
_NUMBER = re.compile(r"\d+|[一二两三四五六七八九十百千]+")


def aboard(norm: str) -> float | None:
    """Everyone the first 「船上…」 list of a report counts, summed; None when no list is given."""
    m = _ABOARD.search(norm)
    if not m:
        return None
    return float(sum(parse_number(n) for n in _NUMBER.findall(m["people"])))
