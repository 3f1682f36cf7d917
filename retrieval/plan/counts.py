"""Counts of places in criteria and reports: 「有3个以上镇（街道）降雨量达50毫米以上」「积水点达到5处以上」 in a plan,
「4个镇街雨量105～130毫米」「有7处道路积水」「超过30mm的有3个」 in a report.

A count of places is not an amount of its own: it says how many places meet the figure it goes with, and is
compared under the key of that figure's quantity plus `PLACE_COUNT` (降雨量地点数).
"""

from __future__ import annotations

import re
from typing import Any

PLACE_COUNT = "地点数"
# Places a figure is counted over: 「3个以上镇（街道）」「雨量站达到3个以上」「积水点达到5处以上」「的有3个」
_PLACE_NOUN = r"(?:镇|街道|乡|村|社区|站|站点|雨量站|测站|积水点|点位|点|路段|区|县|处)"
_COUNTED_AFTER = re.compile(rf"^(?:[（(][^）)]{{0,6}}[)）])?{_PLACE_NOUN}")
_COUNTED_BEFORE = re.compile(rf"(?:{_PLACE_NOUN}[）)]?(?:达到|达|有|共|计)?|的有|有)$")


def counts_places(norm: str, measured: Any) -> bool:
    """A count (个, 处) of places that a figure is about, not an amount of its own."""
    if measured.unit not in ("个", "处") or measured.pre not in ("", "有", "达到", "达"):
        return False
    return bool(_COUNTED_AFTER.match(norm[measured.end:]) or _COUNTED_BEFORE.search(norm[: measured.start]))
