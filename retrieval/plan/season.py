"""Criteria tied to another plan's response and to the flood season: 「县防汛Ⅲ级响应启动且尾矿库处于汛期运行的，启动
Ⅳ级响应」 (a mine-tailings plan that follows the county flood command's response while the ponds run in the flood season).

- The response of a flood command in force is a quantity, 防汛响应级别, compared like a level (Ⅱ meets 「Ⅲ级响应启动」):
  the report's latest level (「从Ⅲ级提到了Ⅱ级」 → 2); a response lifted since is none.
- 「处于汛期运行」 is a quantity too, 汛期 (1 inside the season, 0 outside): the plan's season (「每年 4 月 1 5 日至 9 月 3 0 日」),
  moved by the dates the report says the command announced (「汛期延长到１０月１５日」), against the incident's date.
"""

from __future__ import annotations

import re
from datetime import date

from retrieval.plan.phrases import plan_text
from retrieval.ranking.numerals import level_to_int

FLOOD_RESPONSE = "防汛响应级别"
IN_SEASON = "汛期"

# 「县防汛Ⅲ级响应启动」「市防指Ⅱ级应急响应期间」 in a criterion
LINKED_CRITERION = re.compile(r"(?:[县市区省])?(?:防汛(?:抗旱)?|防指)(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ)级(?:应急)?响应(?:启动|已启动|期间|状态)?")
# 「尾矿库处于汛期运行」「汛期期间」 in a criterion
SEASON_CRITERION = re.compile(r"(?:处于|在|进入)汛期(?:运行|期间|内)?|汛期(?:运行|期间)")
# 「县防汛抗旱指挥部启动了防汛Ⅲ级应急响应」「把防汛应急响应从Ⅲ级提到了Ⅱ级」「已经把防汛响应启动到Ⅲ级」
_STARTED = re.compile(r"(?:防汛|防指)[^。；]{0,24}?(?:启动|提到|提升|升为|升至|升到|调整为|调整到|提高到|降为|降到|降至)了?"
                      r"(?:到|至|为)?[^。；，]{0,8}?(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ|一|二|三|四)级")
_LIFTED = re.compile(r"(?:防汛|防指)[^。；]{0,20}?(?:响应)[^。；]{0,6}?(?:已经?|已)?(?:解除|终止|结束)")
_SEASON = re.compile(r"(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日(?:至|到|—|-|～)(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日")
_EXTENDED = re.compile(r"汛期(?:延长|推迟结束)(?:到|至)(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_ADVANCED = re.compile(r"(?:提前(?:到|至|于)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日入汛|(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日提前入汛)")
_TODAY = re.compile(r"今天[（(]?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_DATE = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日")

Season = tuple[int, int, int, int]


def read_season(text: str) -> Season | None:
    """The flood season a plan defines: (month, day, month, day) of 「汛期…每年 4 月 1 5 日至 9 月 3 0 日」."""
    norm = plan_text(text).norm
    for sentence in re.split(r"[。；\n]", norm):
        if "汛期" in sentence and (m := _SEASON.search(sentence)):
            return int(m["m1"]), int(m["d1"]), int(m["m2"]), int(m["d2"])
    return None


def flood_response(report: str) -> float | None:
    """The level of the flood command's response in force that a report states, None when none is."""
    norm = plan_text(report).norm
    found = list(_STARTED.finditer(norm))
    if not found or any(m.start() > found[-1].start() for m in _LIFTED.finditer(norm)):
        return None
    return float(level_to_int(found[-1]["n"]))


def in_season(season: Season | None, report: str, when: date | None) -> float | None:
    """1.0 when the incident's date is inside the season (as the report says the command moved it), 0.0 outside,
    None when the plan defines no season or the date is unknown."""
    if season is None:
        return None
    norm = plan_text(report).norm
    day = _incident_day(norm, when)
    if day is None:
        return None
    start, end = (season[0], season[1]), (season[2], season[3])
    if m := _EXTENDED.search(norm):
        end = (int(m["m"]), int(m["d"]))
    if m := _ADVANCED.search(norm):
        start = (int(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
    return 1.0 if start <= day <= end else 0.0


def with_season(season: Season | None, facts, when: date | None = None):
    """The facts with the flood command's response and whether the incident falls in the flood season (`when`: the
    incident's time as the caller was given it, a date or datetime)."""
    values = dict(facts.values)
    if FLOOD_RESPONSE not in values and (level := flood_response(facts.raw)) is not None:
        values[FLOOD_RESPONSE] = level
    if IN_SEASON not in values and (inside := in_season(season, facts.raw, when)) is not None:
        values[IN_SEASON] = inside
    return facts.model_copy(update={"values": values})


def _incident_day(norm: str, when: date | None) -> tuple[int, int] | None:
    if m := _TODAY.search(norm):
        return int(m["m"]), int(m["d"])
    if when is not None:
        return when.month, when.day
    told = _ADVANCED.sub("", _EXTENDED.sub("", norm))  # the season's new bounds are no incident's date
    dates = [(int(m["m"]), int(m["d"])) for m in _DATE.finditer(told)]
    return dates[-1] if dates else None
