"""Reference water levels of a plan's station table, and the levels relative to them that a report implies.

A flood plan lists its control stations with their 警戒/保证 levels (「控制站 | 所在河流 | 警戒水位（m） | 保证水位
（m） | 备注」), and grades by levels relative to them (「任一控制站水位超过警戒水位1.00米以上」). Officers report the
reading itself (「石门站14时实测37.15m」). `read_station_table` keeps the table (rows the plan marks 「仅作参考」「不作为
启动条件」 are left out); `with_reference_levels` adds what a reading implies (「石门站超警戒水位0.35米」) to the
facts, so that the criteria compare it. Report shorthand is read too: 「超警0.4米」, 「超保1.6米」, 「29.30米（警戒28.30）」.
"""

from __future__ import annotations

import re

from retrieval.plan.counts import PLACE_COUNT, RIVER_COUNT
from retrieval.plan.phrases import plan_text
from retrieval.plan.tables import row_cells

_STATION_COLUMN = re.compile(r"站")
_REFERENCES = ("警戒", "保证", "历史最高")


def _reference_of(header: str) -> str | None:
    """The reference level a column holds: 警戒, 保证, or the historic highest (「历史最高水位」, OCR'd 「历史水」), not
    a flow or a lowest level."""
    if "流量" in header or "最低" in header or "一遇" in header:
        return None
    if "历史" in header:
        return "历史最高"
    return next((r for r in ("警戒", "保证") if r in header), None)
_NOT_A_CRITERION = re.compile(r"仅作参考|不作为(?:响应)?启动|不作为启动条件|不参与")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _station_rows(text: str) -> list[tuple[str, dict[str, str]]]:
    """(station, its row keyed by header) of the station tables in text."""
    rows = []
    header: list[str] | None = None
    for line in text.split("\n"):
        if "|" not in line:
            header = None
            continue
        cells = [plan_text(c).norm for c in row_cells(line)]
        if header is None:
            if any(_STATION_COLUMN.search(c) and len(c) <= 6 for c in cells) and any(
                r in c for c in cells for r in _REFERENCES
            ):
                header = cells
            continue
        if set("".join(cells)) <= set("-: ") or _NOT_A_CRITERION.search(line):
            continue
        row = dict(zip(header, cells, strict=False))
        name = next((v for k, v in row.items() if _STATION_COLUMN.search(k) and len(k) <= 6), "")
        if re.fullmatch(r"[\u4e00-\u9fa5]{2,6}", name) and not name.endswith("站"):
            name += "站"  # | 站名 | 耒阳 |: a station named without 站, as reports name it with
        if name.endswith("站"):
            rows.append((name, row))
    return rows


def read_station_table(text: str) -> dict[str, dict[str, float]]:
    """{station: {"警戒": 42.5, "保证": 45.0}} from the station tables in text."""
    stations: dict[str, dict[str, float]] = {}
    for name, row in _station_rows(text):
        levels = {r: float(m[0]) for k, v in row.items() if (r := _reference_of(k)) and (m := _NUMBER.search(v))}
        if levels:
            stations[name] = levels
    return stations


_RIVER_COLUMN = re.compile(r"河流|河名|水系|江河")


def read_station_rivers(text: str) -> dict[str, str]:
    """{station: river} from a station table with a river column (| 河流 | 站名 | 警戒水位 | …)."""
    return {name: river for name, row in _station_rows(text)
            if (river := next((v for k, v in row.items() if _RIVER_COLUMN.search(k) and v), ""))}


_SHORTHAND = [
    (re.compile(r"超警(?!戒)"), "超警戒水位"),
    (re.compile(r"超保(?![证护障险持])"), "超保证水位"),
]
_INLINE_REFERENCE = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)\s*(?:米|m)\s*[（(]\s*(?P<ref>警戒|保证)(?:水位)?\s*(?P<level>\d+(?:\.\d+)?)\s*(?:米|m)?\s*[)）]"
)


def expand_shorthand(report: str) -> str:
    """「超警0.4米」 → 「超警戒水位0.4米」; 「29.30米（警戒28.30）」 also states 「超警戒水位1.00米」."""
    for pattern, replacement in _SHORTHAND:
        report = pattern.sub(replacement, report)
    extra = []
    for m in _INLINE_REFERENCE.finditer(plan_text(report).norm):
        diff = float(m["value"]) - float(m["level"])
        if diff >= 0:
            extra.append(f"超{m['ref']}水位{diff:.2f}米")
    return report + ("（" + "，".join(extra) + "）" if extra else "")


# 「…，中午12点涨到7.8米」: a later reading of the station the report named before
_LATER_READING = re.compile(r"(?:涨到|涨至|到了|升到|升至|上涨到|上涨至|降到|降至|回落到|回落至|退到|退至)(?P<v>\d+(?:\.\d+)?)(?:米|m)(?!以)"
                            # 「上午9时43.95米；中午12时44.52米；下午2时44.80米」: readings told by their hour
                            r"|^(?:凌晨|早上|上午|中午|下午|傍晚|晚上|夜间|今天|今日)?\d{1,2}(?:时|点)(?:\d{1,2}分)?(?:水位)?"
                            r"(?:为|是|达|达到|到)?(?P<t>\d+(?:\.\d+)?)(?:米|m)(?!以)")


# between a station and its reading; a reference level there (「衡阳站水位超警戒1.2米」) makes the figure a height above it
_GAP = r"(?:(?!警戒|保证|汛限|历史最高|设计|校核)[^，。；,;]){0,16}?"


def _readings(stations: dict[str, dict[str, float]], norm: str) -> dict[str, float]:
    """The latest level reported for each station of the table: 「石门站14时实测37.15m」 → 37.15; 「潾州站水位早上6点
    7.52米，中午12点涨到7.8米」 → 7.8 (a later clause that names no other station updates it)."""
    found = {}
    for name in stations:
        # the last reading that names the station (「早上8点耒阳站83.20米…中午12点耒阳站涨到83.41米」)
        *_, m = [None, *re.finditer(
            rf"{re.escape(name)}{_GAP}(?<![超高低差涨落降\d.])(?P<v>\d+(?:\.\d+)?)(?:米|m)(?!以)", norm)]
        relative = _relative_reading(stations[name], name, norm)
        if relative is not None and (m is None or relative[1] > m.start()):
            found[name] = relative[0]  # 「衡阳站水位超警戒1.2米」: 1.2 m above the station's 警戒 level
        elif m:
            found[name] = float(m["v"])
            for clause in re.split(r"[，。；,;]", norm[m.end():]):
                if any(other in clause for other in stations if other != name):
                    break
                if later := _LATER_READING.search(clause):
                    found[name] = float(later["v"] or later["t"])
    return found


def _relative_reading(levels: dict[str, float], name: str, norm: str) -> tuple[float, int] | None:
    """(level, position) of the last reading told as a height above a reference level of the station's table."""
    *_, m = [None, *re.finditer(rf"{re.escape(name)}{_GAP}超(?:过)?(?P<ref>警戒|保证)(?:水位)?(?P<v>\d+(?:\.\d+)?)(?:米|m)",
                                norm)]
    if m is None or m["ref"] not in levels:
        return None
    return round(levels[m["ref"]] + float(m["v"]), 2), m.start()


def implied_levels(stations: dict[str, dict[str, float]], report: str) -> list[str]:
    """What the readings imply against the table: 「石门站超警戒水位0.35米」, 「澜川站达到保证水位」."""
    sentences = []
    for name, value in _readings(stations, plan_text(report).norm).items():
        for ref, level in stations[name].items():
            diff = round(value - level, 2)
            if diff > 0:
                sentences.append(f"{name}超{ref}水位{diff:.2f}米")
            elif diff == 0:
                sentences.append(f"{name}水位达到{ref}水位")
    return sentences


STATION_MARK = "站"  # 「菡城站超保证水位」: one station's excess over its reference level


# 「芪口、蒗坪水文站」「菡城水文站」: stations a criterion names at the head of a clause (not 「任一水文站」「控制站」)
_NAMED_STATIONS = re.compile(r"(?:^|[，,；;、]|或者|或|且)(?P<names>(?:[\u4e00-\u9fff]{2,3}、)*[\u4e00-\u9fff]{2,3}?)"
                             r"(?:水文站|水位站|站)")
_NOT_A_NAME = re.compile(r"^(?:任一|任意|各|每|主要|控制|干流|其他|所有|有关|该|本|上游|下游|以上|个|座|处|水文)")


def station_name(name: str) -> str:
    """「菡城水文站」 → 菡城, 「衡山站」 → 衡山."""
    return re.sub(r"(?:水文站|水位站|站)$", "", name) or name


def station_excess(condition: str, quantity: str, values: dict[str, float]) -> float | None | bool:
    """For a criterion that names stations (「芪口、蒗坪水文站水位超过保证水位的」), the largest excess over the
    reference level among the named stations read; False when it names stations none of which was read (another
    station's excess does not meet it); None when it names none (「任一水文站」: any station's excess counts)."""
    suffix = f"{STATION_MARK}{quantity}"
    read = {k[:-len(suffix)]: v for k, v in values.items() if k.endswith(suffix)}
    if not read:
        return None  # no reading: the excess is the report's own words (「示例站超警戒0.6米」)
    if named := [v for n, v in read.items() if n in condition]:
        return max(named)
    names = [n for m in _NAMED_STATIONS.finditer(condition) for n in m["names"].split("、") if not _NOT_A_NAME.match(n)]
    return False if names else None


def with_reference_levels(stations: dict[str, dict[str, float]], facts, rivers: dict[str, str] | None = None):
    """The facts with the levels relative to the plan's stations that the report's readings imply: the
    highest of each kind (below the reference too: a reading under 警戒 rules 超警戒 out), how many stations
    exceed it and, where the table names each station's river, on how many rivers (the river is named beside the
    station too: 「泖阳站（泖江）超警戒水位0.62米」 names a member of 「泖江、芰水、菰河中任一控制站」)."""
    norm = plan_text(facts.raw).norm
    readings = _readings(stations, norm)
    if not readings:
        return facts
    rivers = rivers or {}
    values = dict(facts.values)
    for n, v in readings.items():  # a level told above a reference (「超警戒1.2米」) is a reading too: 「衡阳站水位达到56m」
        values.setdefault(f"{station_name(n)}{STATION_MARK}水位", v)
    for ref in _REFERENCES:
        diffs = {n: round(v - stations[n][ref], 2) for n, v in readings.items() if ref in stations[n]}
        if diffs:
            key = f"超{ref}水位"
            values[key] = max([values.get(key, max(diffs.values())), *diffs.values()])
            values.update({f"{station_name(n)}{STATION_MARK}{key}": d for n, d in diffs.items()})  # for a criterion naming stations
            # a station at 保证 or at its historic highest has reached it (「达到或超过历史最高水位」); at 警戒 it has not
            over = [n for n, d in diffs.items() if d > 0 or (d == 0 and ref != "警戒")]
            counted = over if ref == "历史最高" else [n for n, d in diffs.items() if d > 0]
            values[key + PLACE_COUNT] = max(values.get(key + PLACE_COUNT, 0), len(counted))
            if all(n in rivers for n in over):
                values[key + RIVER_COUNT] = len({rivers[n] for n in over})
    values.update(_rivers_of_counted(values, [n for n in stations if n in norm], rivers))
    sentences = [_with_river(s, rivers) for s in implied_levels(stations, facts.raw)]
    hazards = list(dict.fromkeys([*facts.hazards, "洪水"]))  # a control station's reading tells of a flood
    raw = facts.raw + ("（" + "，".join(sentences) + "）" if sentences else "")
    return facts.model_copy(update={"values": values, "raw": raw, "hazards": hazards})


def _rivers_of_counted(values: dict[str, float], named: list[str], rivers: dict[str, str]) -> dict[str, float]:
    """「耒水耒阳站洪峰重现期约30年，洣水衡东站约20年一遇，两站都超过了10年一遇」: a count of places that is the number of
    stations the report names is those stations, on as many rivers as the table puts them on; when the stations named
    are each on a river of its own, any count of them is as many rivers."""
    if not named or not all(n in rivers for n in named):
        return {}
    on_rivers = len({rivers[n] for n in named})
    return {key.removesuffix(PLACE_COUNT) + RIVER_COUNT: float(on_rivers if count == len(named) else count)
            for key, count in values.items()
            if key.endswith(PLACE_COUNT) and (count == len(named) or count < len(named) == on_rivers)
            and key.removesuffix(PLACE_COUNT) + RIVER_COUNT not in values}


def _with_river(sentence: str, rivers: dict[str, str]) -> str:
    name = next((n for n in rivers if sentence.startswith(n)), None)
    return f"{name}（{rivers[name]}）{sentence[len(name):]}" if name else sentence
