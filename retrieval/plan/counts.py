"""Counts of places in criteria and reports: 「有3个以上镇（街道）降雨量达50毫米以上」「积水点达到5处以上」 in a plan,
「4个镇街雨量105～130毫米」「有7处道路积水」「超过30mm的有3个」「耒水、舂陵水干流控制站均超警戒」 in a report.

A count of places is not an amount of its own: it says how many places meet the figure it goes with, and is
compared under the key of that figure's quantity plus `PLACE_COUNT` (降雨量地点数).
"""

from __future__ import annotations

import re
from typing import Any

from retrieval.ranking.numerals import cn_to_int, level_to_int

PLACE_COUNT = "地点数"
# 「2条以上河流控制站水位同时达到保证水位」: rivers counted, not stations (two stations on one river are one river)
RIVER_COUNT = "河流数"
_RIVER_NOUN = re.compile(r"^(?:条)?(?:以上|及以上)?(?:河流|河道|江河|河(?=的|干流|支流))")
# Places a figure is counted over: 「3个以上镇（街道）」「雨量站达到3个以上」「积水点达到5处以上」「的有3个」
_PLACE_NOUN = r"(?:镇|街道|乡|村|社区|站|站点|雨量站|水文站|水位站|控制站|测站|积水点|点位|点|路段|区|县|处|河流|河|水库|堤段|堤防)"
_COUNTED_AFTER = re.compile(rf"^(?:[（(][^）)]{{0,6}}[)）])?{_PLACE_NOUN}")
# 「主要河流控制站水位2个以上达到…」: the stations counted by their readings
_COUNTED_BEFORE = re.compile(rf"(?:{_PLACE_NOUN}(?:水位)?[）)]?(?:达到|达|有|共|计)?|的有|有)$")


def counts_places(norm: str, measured: Any) -> bool:
    """A count (个, 处) of places that a figure is about, not an amount of its own."""
    if measured.unit not in ("个", "处", "条", "座") or measured.pre not in ("", "有", "达到", "达"):
        return False
    return bool(_COUNTED_AFTER.match(norm[measured.end:]) or _COUNTED_BEFORE.search(norm[: measured.start]))


def counts_rivers(norm: str, measured: Any) -> bool:
    """A count of rivers (「2条以上河流」), which the station table can tell from a count of stations."""
    return measured.unit == "条" and bool(_RIVER_NOUN.match(norm[measured.end:]))


# 「耒水、舂陵水干流控制站均超警戒」: the names listed (、 和 及) at the head of the clause that states a fact.
_LISTED = re.compile(r"^(?P<names>[\u4e00-\u9fa5]{1,8}(?:(?:、|和|及|与)[\u4e00-\u9fa5]{1,8})+?)(?=[\u4e00-\u9fa5]{0,8}(?:均|都|全部|同时|先后|分别|相继))")


def listed_count(clause: str) -> int:
    """How many places a clause's subject lists before 均/都/先后 (「耒水、舂陵水干流控制站均…」 → 2), else 0."""
    m = _LISTED.match(clause)
    return len(re.split(r"、|和|及|与", m["names"])) if m else 0


def listed_rivers(clause: str) -> bool:
    """The names a clause's subject lists are rivers (「耒水、舂陵水」「甲河、乙河」), not stations."""
    m = _LISTED.match(clause)
    names = re.split(r"、|和|及|与", re.sub(r"(?:干流|支流|干支流)?(?:控制站|水文站)?$", "", m["names"])) if m else []
    return bool(names) and all(re.search(r"[河江水溪]$", n) for n in names)


# 「3 个以上县市区启动Ⅳ级应急响应」 in a plan; 「常宁市、祁东县、衡南县三地已分别启动县级防汛Ⅳ级应急响应」 in a report: how
# many places below the plan's own started a level of their own
_STARTED_CRITERION = re.compile(r"(?P<n>\d+)\s*个以上(?:县市区|县（市、区）|县\(市、区\)|县市|区县|县区|县|乡镇|镇街)[^，。；]{0,6}?"
                                r"启动(?P<lv>[ⅠⅡⅢⅣ])级(?:及以上)?(?:应急)?响应")
_STARTED = re.compile(r"启动(?:了)?(?:县级|区级|县市级|乡镇级)?(?:防汛|抗旱|防汛抗旱|防台)*(?P<lv>[ⅠⅡⅢⅣ])级(?:应急)?响应")
_COUNTED_PLACES = re.compile(r"(?P<n>\d+|[两二三四五六七八九十]+)(?:个|地)(?:县市区|县市|县区|县|区|乡镇|镇)?")


# 「2 个以上乡镇同时发布“立即转移”预警」: towns counted by the warning they issued
_WARNED_CRITERION = re.compile(r"(?P<n>\d+)\s*个以上(?:乡镇|镇街|乡镇（街道）|乡镇\(街道\)|街道)(?:同时)?发布[“\"「]?"
                               r"(?P<w>[\u4e00-\u9fa5]{2,6}?)[”\"」]?预警")
_WARNING_BY = re.compile(r"(?P<place>[\u4e00-\u9fa5]{1,4}(?:乡|镇|街道))[^，。；]{0,24}?发布[“\"「]?(?P<w>立即转移|准备转移)[”\"」]?预警"
                         r"(?![^。；]{0,10}?(?:已|已经)解除)")


def warned_key(warning: str) -> str:
    return f"发布{warning}预警{PLACE_COUNT}"


def places_warned(norm: str) -> dict[str, float]:
    """{发布立即转移预警地点数: 2} for 「岽坪乡对…发布立即转移预警，…荞坞镇对磡头村发布立即转移预警」: the towns that issued
    each warning (one that lifted it, 「…发布…预警，已解除」, does not count)."""
    towns: dict[str, set[str]] = {}
    for m in _WARNING_BY.finditer(norm):
        towns.setdefault(warned_key(m["w"]), set()).add(m["place"])
    return {key: float(len(places)) for key, places in towns.items()}


# 「6 个以上县市（城区）发生特大干旱」 in a plan; 「祁东、…、衡东七个县市发生特大干旱」 in a report: places in a graded state.
# A place in a graver state is in the milder ones too (a county in 特大干旱 counts towards 「6 个以上县市发生严重干旱」).
_GRADES = ("轻度", "中度", "严重", "特大")
_GRADED_STATE = r"(?P<grade>轻度|中度|严重|特大)(?P<state>干旱|旱情|洪涝)"
_PLACES = r"(?:县市（城区）|县市\(城区\)|县市区|县（市、区）|县市|区县|县区|县|乡镇|镇街|镇)"
_STATE_CRITERION = re.compile(rf"(?P<n>\d+)\s*个(?:以上|及以上)?{_PLACES}(?:同时)?(?:发生|出现|达到){_GRADED_STATE}")
_STATE_REPORTED = re.compile(rf"(?P<n>\d+|[两二三四五六七八九十]+)个{_PLACES}(?:已经|已|都|均|同时)?(?:发生|出现|达到|达|为|属)(?:了)?"
                             rf"{_GRADED_STATE}")


def state_key(grade: str, state: str) -> str:
    return f"{grade}{state}{PLACE_COUNT}"


def places_in_state(norm: str) -> dict[str, float]:
    """{特大干旱地点数: 7, 严重干旱地点数: 7, …} for 「…七个县市发生特大干旱」: how many places a report counts in each
    graded state, a graver state counting for the milder ones."""
    counts: dict[str, float] = {}
    for m in _STATE_REPORTED.finditer(norm):
        for grade in _GRADES[: _GRADES.index(m["grade"]) + 1]:
            key = state_key(grade, m["state"])
            counts[key] = max(counts.get(key, 0), cn_to_int(m["n"]))
    return counts


def started_key(level: int) -> str:
    return f"启动{'ⅠⅡⅢⅣ'[level - 1]}级响应{PLACE_COUNT}"


def counted_place_criteria(norm: str) -> list[tuple[int, int, str, int]]:
    """(start, end, quantity, count) of each 「N个以上县市区启动X级应急响应」, 「N个以上乡镇同时发布“立即转移”预警」 and
    「N 个以上县市（城区）发生特大干旱」 a criterion states."""
    return [(m.start(), m.end(), started_key(level_to_int(m["lv"])), int(m["n"])) for m in _STARTED_CRITERION.finditer(norm)] \
        + [(m.start(), m.end(), warned_key(m["w"]), int(m["n"])) for m in _WARNED_CRITERION.finditer(norm)] \
        + [(m.start(), m.end(), state_key(m["grade"], m["state"]), int(m["n"])) for m in _STATE_CRITERION.finditer(norm)]


def places_started(norm: str, clause_start) -> dict[str, float]:
    """{启动Ⅳ级响应地点数: 3} for 「常宁市、祁东县、衡南县三地已分别启动县级防汛Ⅳ级应急响应」: the places listed or counted
    before each report of a level started; one that started a graver level counts for the milder ones too."""
    counts: dict[str, float] = {}
    for m in _STARTED.finditer(norm):
        before = norm[clause_start(m.start()):m.start()]
        counted = _COUNTED_PLACES.search(before)
        n = listed_count(before) or (cn_to_int(counted["n"]) if counted else 0)
        if not n:
            continue
        for level in range(level_to_int(m["lv"]), 5):
            counts[started_key(level)] = max(counts.get(started_key(level), 0), n)
    return counts
