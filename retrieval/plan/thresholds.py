"""Thresholds in plan text: measured values with their units, the quantity each measures, and comparators.

`find_measured` finds numbers with their units and attributes each to the quantity the text names (「死亡3人」,
「3人死亡」); `scan_thresholds` turns a condition into thresholds (「超过50毫米」 → >, 「50毫米以上」 → ≥, a range
→ two bounds, 「超过警戒水位0.5米」, a warning colour, an event class) and counts the numbers it cannot explain.
`retrieval.plan.incident_facts` reads an incident's values with the same `find_measured`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.plan.counts import (
    PLACE_COUNT,
    RIVER_COUNT,
    counted_place_criteria,
    counts_places,
    counts_rivers,
)
from retrieval.plan.models import Comparator, Threshold
from retrieval.plan.phrases import (
    COLOUR_LEVEL,
    DEAD_OR_MISSING,
    EVENT_CLASS,
    MEASURABLE,
    NO_DEATHS,
    NUMBER,
    RELATIVE_LEVEL,
    RUN_OF_DAYS,
    SEVERITY,
    UNIT,
    WARNING_COLOUR,
    PlanText,
    QuantitySpan,
    canonical_unit,
    find_quantities,
    parse_number,
    plan_text,
    with_ratio,
)
from retrieval.plan.season import FLOOD_RESPONSE, IN_SEASON, LINKED_CRITERION, SEASON_CRITERION
from retrieval.plan.works import counted_reservoirs, reservoirs_counted
from retrieval.ranking.numerals import level_to_int

_GT_WORDS = ("超过", "超出", "高出", "高于", "大于", "多于", ">")
_GE_WORDS = (
    "达到或超过",
    "超过或等于",
    "大于或等于",
    "大于等于",
    "不少于",
    "不低于",
    "不小于",
    "至少",
    "达到",
    "达",
    "≥",
    ">=",
)
_LT_WORDS = ("不足", "不到", "不满", "未达到", "低于", "小于", "少于", "<")
_LE_WORDS = ("不超过", "未超过", "不高于", "不大于", "最多", "≤", "<=")
_PRE = "|".join(sorted((*_GT_WORDS, *_GE_WORDS, *_LT_WORDS, *_LE_WORDS), key=len, reverse=True))
_SUF = "及以上|或以上|以上|及以下|或以下|以下|以内|之内"
# 「市第二人民医院」「第三人」: an ordinal is no count (nor are its last digits); 「连续第三天」 counts the days
_NOT_ORDINAL = "(?<!(?<!连续)第)" + "".join(f"(?<!(?<!连续)第[零〇一二两三四五六七八九十百]{{{n}}})" for n in (1, 2))
MEASURE_PATTERN = re.compile(
    rf"(?P<pre>{_PRE})?{_NOT_ORDINAL}(?P<num>{NUMBER})(?:(?<![万亿千])(?:余|多|来)(?=[万亿千]))?(?P<mag>[万亿千]?)(?:(?P<unit1>{UNIT})(?:[（(]不?含[)）])?(?=~|-|—|至|到))?"
    rf"(?:(?:~|-|—|至|到)(?P<num2>{NUMBER})(?P<mag2>[万亿千]?))?(?:余|多|来)?个?(?P<unit>{UNIT})(?P<suf>{_SUF})?"
)
# Numbers that are not amounts: references, dates, and the window of a forecast (「未来48小时」).
_REFERENCE_NUMBERS = re.compile(
    r"见?附件\d+|第\d+|\d+月\d+日|\d+时|(?:未来|过去|最近|连续|近)\d+个?(?:小时|天|日)|\d+个?(?:分钟|小时|天|日)(?:内|之内)"
    r"|\d+(?:千伏|kV|KV)"  # 「220千伏桦沟变电站」: a substation's name, not a figure
)
_SEPARATORS = "，；。：,;:"
# Words between a quantity's name and its figure in a report: 「受灾面积约150公顷」「面积已达20公顷」
_HEDGE = "约|近|逾|共|计|累计|已达|已经|已|为|大约|将近|左右"

# Air quality graded by forecast days above an index (重污染天气): 「AQI日均值超过200将持续2天（48小时）以上」
AQI = "AQI日均值"
_AQI_NAME = r"(?:AQI|空气质量指数)(?:日均值)?"
AQI_DAYS = re.compile(rf"{_AQI_NAME}(?:超过|高于|大于)(?P<v>\d+)(?:的天数不低于|的天数达到|将(?:持续|出现)|持续|连续)"
                      rf"(?P<n>\d+|[一二两三四五六七八九十]+)(?:个)?(?:天|日)(?:[（(]\d+小时[)）])?")
AQI_VALUE = re.compile(rf"{_AQI_NAME}(?:预计|将)?(?P<pre>达到|超过|高于)(?P<v>\d+)(?![\d.]|将|的天数|持续|连续)")


def aqi_days_key(value: str | float) -> str:
    return f"AQI超过{int(float(value))}天数"


@dataclass
class Measured:
    """A number with its unit in text, attributed to a quantity when the text names one."""

    start: int
    end: int
    quantity: str | None
    values: list[float]
    unit: str
    pre: str
    suf: str


def clause_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    left = max(norm.rfind(sep, 0, start) for sep in _SEPARATORS) + 1
    rights = [i for sep in _SEPARATORS if (i := norm.find(sep, end)) >= 0]
    return left, min(rights, default=len(norm))


def _attribute(
    norm: str, start: int, end: int, unit: str, spans: list[QuantitySpan], window_start: int
) -> str | None:
    """The quantity a number belongs to: the nearest compatible name before it (「死亡3人」) or after it
    (「3人死亡」), within its clause; else a measurable-sounding name just before it."""
    left, right = clause_bounds(norm, start, end)
    left = max(left, window_start)

    def fits(span: QuantitySpan) -> bool:
        return unit in span.units

    before = [s for s in spans if left <= s.start and s.end <= start and fits(s)]
    after = [s for s in spans if end <= s.start and s.end <= right and fits(s)]
    nearest = [(start - before[-1].end, before[-1].key)] if before else []
    nearest += [(after[0].start - end, after[0].key)] if after else []
    if nearest:
        return min(nearest, key=lambda pair: pair[0])[1]  # a tie goes to the name before the number
    m = MEASURABLE.search(re.sub(rf"(?:{_PRE}|{_HEDGE})+$", "", norm[left:start]))
    if m:
        return m[1]
    # 「各镇街雨量：东港镇268毫米」: the name heads the list after its colon
    head = norm.rfind("：", 0, start)
    if head >= 0 and head >= window_start and not re.search(r"[，,；;。]", norm[head:start]):
        named = [s for s in spans if s.end == head and fits(s)]
        return named[0].key if named else None
    return None


_WIND_BEFORE = re.compile(r"(?:风|风力|风力达到?)\s*$")


def find_measured(text: PlanText) -> list[Measured]:
    """Numbers with units in the text, each attributed to a quantity where possible."""
    norm = text.norm
    spans = find_quantities(norm)
    found: list[Measured] = []
    window_start = previous_window = 0
    for m in MEASURE_PATTERN.finditer(norm):
        if any(s.start <= m.start("num") < s.end for s in spans):
            continue  # the 24 of 「24小时降雨量」
        if found and m.start() == found[-1].end and found[-1].quantity is None:
            window_start = previous_window  # 「受威胁群众11户45人」: the name before both figures
        unit = m["unit"]
        if unit in ("小时", "天", "分钟", "钟头") and not m["pre"] and not m["suf"] and not _after_duration_name(spans, m.start()):
            continue  # a duration, not a measured value (but 「燃烧4小时」 measures the fire)
        if unit == "级" and not re.fullmatch(r"\d+(?:\.\d+)?", m["num"]) and not _WIND_BEFORE.search(norm[max(0, m.start("num") - 5):m.start("num")]):
            continue  # 一级响应, 三级以上堤防 (but 「北风五级、阵风六到七级」 is a wind's force)
        # 「0.2～0.4万平方公里」: a range's magnitude, written once, applies to both ends.
        factor, canon = canonical_unit(unit, m["mag"] or (m["mag2"] if m["num2"] else ""))
        try:
            values = [parse_number(m["num"]) * factor]
            if m["num2"]:
                values.append(parse_number(m["num2"]) * canonical_unit(unit, m["mag2"])[0])
        except ValueError:
            continue  # a run of numeral characters that is no number (「万万」「〇万」, an OCR or typing slip)
        quantity = _attribute(norm, m.start(), m.end(), canon, spans, window_start)
        if quantity is None and found and m.start() - found[-1].end <= 1 and found[-1].unit == canon:
            quantity = found[-1].quantity  # 「死亡1人以上3人以下」: the second bound is of the same quantity
        if canon == "毫米":
            quantity, values, canon = _millimetres_of_a_length(norm, spans, m.start(), quantity, values)
        if quantity and quantity.endswith("时长") and canon == "天":
            values, canon = [v * 24 for v in values], "小时"  # 「连续燃烧5天」 is 120 hours: durations compare in hours
        found.append(Measured(m.start(), m.end(), quantity, values, canon, m["pre"] or "", m["suf"] or ""))
        previous_window, window_start = window_start, m.end()
    return found


def _millimetres_of_a_length(norm: str, spans: list[QuantitySpan], start: int, quantity: str | None,
                             values: list[float]) -> tuple[str | None, list[float], str]:
    """A figure in 毫米 is rain (a station's too) unless it measures a depth a plan states in 米 (「积水深度620毫米」, or
    a monitoring point's reading after 「积水监测点读数，立交桥下六百二十毫米」): then it is that depth, in 米."""
    sentence = max(norm.rfind(p, 0, start) for p in "。；;") + 1
    named = [s for s in spans if s.key == quantity] if quantity else \
        [s for s in spans if sentence <= s.start and s.end <= start][-1:]
    if named and named[-1].key.endswith(("深度", "水深")) and "毫米" not in named[-1].units:
        return named[-1].key, [v / 1000 for v in values], "米"
    return quantity, values, "毫米"


def _after_duration_name(spans: list[QuantitySpan], start: int) -> bool:
    return any((s.key.endswith("时长") or s.key == RUN_OF_DAYS) and 0 <= start - s.end <= 3 for s in spans)


@dataclass
class PhraseScan:
    """What a condition's text states: thresholds, and whether numbers remain that no threshold explains."""

    thresholds: list[Threshold] = field(default_factory=list)
    unexplained: int = 0


def _comparator(pre: str, suf: str, below_exclusive: bool) -> Comparator | None:
    if pre in _GT_WORDS and suf.endswith("以上"):
        return Comparator.GE  # 「超过100毫米以上」: 以上 includes the bound
    if pre in _GT_WORDS:
        return Comparator.GT
    if pre in _GE_WORDS:
        return Comparator.GE
    if pre in _LT_WORDS:
        return Comparator.LT
    if pre in _LE_WORDS:
        return Comparator.LE
    if suf.endswith("以上"):
        return Comparator.GE
    if suf in ("以下",):
        return Comparator.LT if below_exclusive else Comparator.LE
    if suf:
        return Comparator.LE
    return None


def _relative_threshold(m: re.Match[str], text: PlanText) -> Threshold | None:
    """「超过警戒水位0.5米」 → 超警戒水位 ≥ 0.5 米; 「达到保证水位」 → 超保证水位 ≥ 0; 「接近…」 → none."""
    pre, num = m["pre"] or "", m["num"]
    amount = float(num) * canonical_unit(m["unit"] or "米")[0] if num else 0.0
    quantity = f"超{m['ref']}水位"
    comparator: Comparator | None
    if pre in ("达到或超过", "达到", "达"):
        comparator, value = Comparator.GE, amount
    elif pre in ("超过", "超出", "高出", "超", "高于"):
        comparator, value = (Comparator.GE, amount) if num else (Comparator.GT, 0.0)
    elif pre in ("低于", "回落至", "回落到", "降至"):
        comparator, value = (Comparator.LE, -amount) if num else (Comparator.LT, 0.0)
    elif pre.startswith("距") and num:
        comparator, value = Comparator.GE, -amount
    else:
        comparator, value = None, 0.0
    if comparator is None:
        return None
    if num and m["suf"] in ("以下", "以内") and comparator is Comparator.GE:
        comparator = Comparator.LT  # 「超警戒水位0.50米以下」 (the plan's 「超警幅度不足0.50米」)
    if text.norm[max(0, m.start() - 1):m.start()] in ("未", "不", "没") and pre and not num:
        # 「且未达到保证水位」「未超过警戒水位」: below it
        comparator = Comparator.LT if comparator is Comparator.GE else Comparator.LE
    return Threshold(
        quantity=quantity,
        comparator=comparator,
        value=value,
        unit="米",
        text=text.verbatim(m.start(), m.end()),
    )


_WITHIN = re.compile(r"\s*(?:范围)?以?内")


def scan_thresholds(source: str, below_exclusive: bool = False) -> PhraseScan:
    """Thresholds stated by one condition of a plan. `below_exclusive`: the plan declares 「以下」不含本数."""
    text = plan_text(source)
    norm = text.norm
    scan = PhraseScan()
    covered: list[tuple[int, int]] = []
    for m in RELATIVE_LEVEL.finditer(norm):
        covered.append((m.start(), m.end()))
        if threshold := _relative_threshold(m, text):
            scan.thresholds.append(threshold)
    for start, end, quantity, count in counted_place_criteria(norm):
        covered.append((start, end))
        scan.thresholds.append(Threshold(quantity=quantity, comparator=Comparator.GE, value=count, unit="处",
                                         text=text.verbatim(start, end)))
    for m in WARNING_COLOUR.finditer(norm):
        if "解除" in norm[max(0, m.start() - 6) : m.start()]:
            continue
        scan.thresholds.append(
            Threshold(
                quantity=f"{m['hazard'] or ''}预警级别",
                comparator=Comparator.LE,
                value=COLOUR_LEVEL[m["colour"]],
                unit="级",
                text=text.verbatim(m.start(), m.end()),
            )
        )
    for start, end in _class_runs(norm):
        severities = re.findall("特别重大|重大|较大|一般", norm[start:end])
        scan.thresholds.append(
            Threshold(
                quantity="事件等级",
                comparator=Comparator.LE,
                value=max(SEVERITY[s] for s in severities),
                unit="级",
                text=text.verbatim(start, end),
            )
        )
    for m in LINKED_CRITERION.finditer(norm):  # 「县防汛Ⅲ级响应启动」: the flood command's response in force
        covered.append((m.start(), m.end()))
        scan.thresholds.append(Threshold(quantity=FLOOD_RESPONSE, comparator=Comparator.LE, value=level_to_int(m["n"]),
                                         unit="级", text=text.verbatim(m.start(), m.end())))
    for m in SEASON_CRITERION.finditer(norm):  # 「尾矿库处于汛期运行」: the incident's date inside the flood season
        covered.append((m.start(), m.end()))
        scan.thresholds.append(Threshold(quantity=IN_SEASON, comparator=Comparator.GE, value=1, unit="",
                                         text=text.verbatim(m.start(), m.end())))
    for m in AQI_DAYS.finditer(norm):  # 「AQI日均值超过200将持续2天（48小时）以上」「超过300的天数不低于1天」
        covered.append((m.start(), m.end()))
        scan.thresholds.append(Threshold(quantity=aqi_days_key(m["v"]), comparator=Comparator.GE,
                                         value=parse_number(m["n"]), unit="天", text=text.verbatim(m.start(), m.end())))
    for m in AQI_VALUE.finditer(norm):  # 「AQI日均值达到500」
        if not any(s <= m.start() < e for s, e in covered):
            covered.append((m.start(), m.end()))
            scan.thresholds.append(Threshold(quantity=AQI, comparator=Comparator.GE if m["pre"] == "达到" else Comparator.GT,
                                             value=float(m["v"]), unit="", text=text.verbatim(m.start(), m.end())))
    for m, key in counted_reservoirs(norm):  # 「2 座以上重点小一型水库」
        covered.append((m.start(), m.end()))
        scan.thresholds.append(Threshold(quantity=key, comparator=Comparator.GE, value=reservoirs_counted(m["n"]), unit="座",
                                         text=text.verbatim(m.start(), m.end())))
    counted: list[Measured] = []
    for m in NO_DEATHS.finditer(norm):
        covered.append((m.start(), m.end()))
        quantity = DEAD_OR_MISSING if "失踪" in m["what"] else "死亡"
        scan.thresholds.append(Threshold(quantity=quantity, comparator=Comparator.LE, value=0, unit="人",
                                         text=text.verbatim(m.start(), m.end())))
    for measured in find_measured(text):
        if any(s <= measured.start < e for s, e in covered):
            continue
        covered.append((measured.start, measured.end))
        phrase = text.verbatim(measured.start, measured.end)
        quantity = with_ratio(measured.quantity, measured.unit) if measured.quantity else None
        if quantity is None and counts_places(norm, measured):
            counted.append(measured)
            continue
        if quantity is None:
            scan.unexplained += 1
            continue
        if len(measured.values) == 2:
            low, high = measured.values
            scan.thresholds.append(
                Threshold(
                    quantity=quantity, comparator=Comparator.GE, value=low, unit=measured.unit, text=phrase
                )
            )
            scan.thresholds.append(
                Threshold(
                    quantity=quantity, comparator=Comparator.LE, value=high, unit=measured.unit, text=phrase
                )
            )
            continue
        # A bare figure of a named quantity in a criterion (「死亡1人或2人」) is met from that figure up: a higher
        # level's criterion, stated beside it, takes the larger figures.
        comparator = _comparator(measured.pre, measured.suf, below_exclusive) or Comparator.GE
        if quantity == "距离" and not measured.suf and _WITHIN.match(norm, measured.end):
            comparator = Comparator.LE  # 「周边50公里范围内发生…地震」: within that distance
        scan.thresholds.append(
            Threshold(
                quantity=quantity,
                comparator=comparator,
                value=measured.values[0],
                unit=measured.unit,
                text=phrase,
            )
        )
    measured_quantities = {t.quantity for t in scan.thresholds if not t.quantity.endswith((PLACE_COUNT, RIVER_COUNT))}
    for measured in counted:  # 「有3个以上镇（街道）降雨量达50毫米以上」: how many places meet the figure
        if len(measured_quantities) != 1:
            scan.unexplained += 1
            continue
        count = RIVER_COUNT if counts_rivers(norm, measured) else PLACE_COUNT
        scan.thresholds.append(Threshold(quantity=next(iter(measured_quantities)) + count,
                                         comparator=Comparator.GE, value=measured.values[0], unit="处",
                                         text=text.verbatim(measured.start, measured.end)))
    scan.thresholds = _explicit_bounds(source, scan.thresholds)
    covered.extend((s.start, s.end) for s in find_quantities(norm))
    for m in re.finditer(r"\d+(?:\.\d+)?", norm):
        inside = any(s <= m.start() < e for s, e in covered)
        if not inside and not any(
            r.start() <= m.start() < r.end() for r in _REFERENCE_NUMBERS.finditer(norm)
        ):
            scan.unexplained += 1
    return scan


_EXPLICIT_BOUND = re.compile(r"[（(](?P<not>不)?含(?P<num>\d+(?:\.\d+)?)(?P<mag>[万千亿]?)")
# 「4公顷（含）至25公顷（不含）」: the note follows the figure it bounds
_NOTED_FIGURE = re.compile(rf"(?P<num>\d+(?:\.\d+)?)(?P<mag>[万千亿]?)(?:{UNIT})?[（(](?P<not>不)?含[)）]")


def _explicit_bounds(source: str, thresholds: list[Threshold]) -> list[Threshold]:
    """「30公顷以上（含30公顷）」「3人以下（不含3人）」: a bound the text states outright decides whether it is
    included, whatever the plan's general 以上/以下 rule."""
    source = source.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    notes = {}
    compact = re.sub(r"\s|\$", "", source)
    for m in [*_EXPLICIT_BOUND.finditer(compact), *_NOTED_FIGURE.finditer(compact)]:
        notes[float(m["num"]) * canonical_unit("", m["mag"])[0]] = not m["not"]
    if not notes:
        return thresholds
    adjusted = []
    for t in thresholds:
        included = next((inc for value, inc in notes.items() if abs(value - t.value) < 1e-9 * max(1, value)), None)
        if included is not None and t.comparator in (Comparator.GT, Comparator.GE):
            t = t.model_copy(update={"comparator": Comparator.GE if included else Comparator.GT})
        elif included is not None:
            t = t.model_copy(update={"comparator": Comparator.LE if included else Comparator.LT})
        adjusted.append(t)
    return adjusted


def parse_thresholds(source: str, below_exclusive: bool = False) -> list[Threshold]:
    """「因灾死亡（含失踪）1人以上」 → [死亡 ≥ 1 人]; 「超过50毫米」 → >, 「以上」 → ≥ (含本数)."""
    return scan_thresholds(source, below_exclusive).thresholds


def _class_runs(norm: str) -> list[tuple[int, int]]:
    """The spans of the classes of event a text names, a list of them one span (「发生特别重大事故、重大事故的」: either
    class, so the milder bounds it)."""
    runs: list[list[int]] = []
    for m in EVENT_CLASS.finditer(norm):
        if runs and re.fullmatch(r"[、，,和或及与]|或者|以及", norm[runs[-1][1]:m.start()]):
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    return [(start, end) for start, end in runs]
