"""The digital plan: a contingency plan's response chapter read as a program that an incident runs.

`parse_digital_plan` turns a plan's chunks into response levels (Ⅰ–Ⅳ with their grading conditions, the
thresholds those conditions state, and who decides), measures (phase, action, 牵头/配合 units, time limit) and
report rules (what goes to whom by when). Every item keeps the chunk it came from, so answers built on it can
cite. The rules are about the language of Chinese plans (以上/超过, 符合下列条件之一, 牵头单位, 30分钟内),
never about one document. The module reads in three layers: the phrase grammar (numbers, quantities,
thresholds, organisations, time limits), conditions and triggers, then the walk over a plan's sections.
`retrieval.incident_facts` parses an incident with the same grammar and compares it with the levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, Field

from retrieval.models import Chunk
from retrieval.numerals import cn_to_int, level_to_int


class Comparator(StrEnum):
    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"


class Mode(StrEnum):
    """How a level's triggers combine: 「符合下列条件之一」 → any, 「同时满足下列条件」 → all."""

    ANY = "any"
    ALL = "all"


class Phase(StrEnum):
    WARNING = "预警"
    ACTIVATION = "响应启动"
    OPERATION = "处置"
    REPORTING = "信息报告"
    TERMINATION = "响应终止"


class Ladder(StrEnum):
    """The graded scale a level belongs to: the response levels, the warning levels, or the event classes."""

    RESPONSE = "应急响应"
    WARNING = "预警"
    EVENT = "事件分级"


# ---------------------------------------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------------------------------------


class Threshold(BaseModel):
    """One measurable condition: 「24小时降雨量超过50毫米」 → 24小时降雨量 > 50 毫米."""

    quantity: str
    comparator: Comparator
    value: float
    unit: str
    text: str
    condition: int = 0

    def holds(self, value: float) -> bool:
        if self.comparator is Comparator.GE:
            return value >= self.value
        if self.comparator is Comparator.GT:
            return value > self.value
        if self.comparator is Comparator.LE:
            return value <= self.value
        return value < self.value


class Condition(BaseModel):
    """An elementary part of a trigger. Conditions sharing `alternative` and `conjunct` are options (或);
    conjuncts of one alternative must all hold (，且/并); alternatives are separated by 「，或」 and 「；」.
    `complete` is False when the text states more than its thresholds capture (a count, a forecast), so that
    meeting the thresholds alone is left for a person to judge."""

    text: str
    alternative: int
    conjunct: int
    complete: bool


class Trigger(BaseModel):
    text: str
    thresholds: list[Threshold] = Field(default_factory=list)
    chunk_id: str
    locator: str = ""
    conditions: list[Condition] = Field(default_factory=list)

    @property
    def parsed(self) -> bool:
        return bool(self.thresholds)


class ResponseLevel(BaseModel):
    level: int
    label: str
    ladder: Ladder = Ladder.RESPONSE
    mode: Mode = Mode.ANY
    triggers: list[Trigger] = Field(default_factory=list)
    decided_by: str | None = None
    decided_by_chunk: str | None = None
    chunk_ids: list[str] = Field(default_factory=list)
    discretionary: list[Trigger] = Field(default_factory=list)
    builds_on: int | None = None


class Measure(BaseModel):
    level: int | None
    phase: Phase
    action: str
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    time_limit: str | None = None
    chunk_id: str
    locator: str


class ReportRule(BaseModel):
    text: str
    deadline: str | None = None
    recipient: str | None = None
    chunk_id: str
    locator: str


class DigitalPlan(BaseModel):
    doc_id: str
    title: str
    levels: list[ResponseLevel] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    report_rules: list[ReportRule] = Field(default_factory=list)

    def level(self, level: int, ladder: Ladder = Ladder.RESPONSE) -> ResponseLevel | None:
        return next((lv for lv in self.levels if lv.level == level and lv.ladder is ladder), None)

    def measures_for(self, level: int) -> list[Measure]:
        """The measures in force at a response level, including those of the levels it builds on
        (「在落实Ⅲ级应急响应措施的基础上」)."""
        levels = [level]
        current = self.level(level)
        while current is not None and current.builds_on is not None and current.builds_on not in levels:
            levels.append(current.builds_on)
            current = self.level(current.builds_on)
        return [m for m in self.measures if m.level in levels]

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str) -> DigitalPlan:
        return cls.model_validate_json(text)


# ---------------------------------------------------------------------------------------------------------
# Phrase grammar: normalised text, numbers, units, quantities
# ---------------------------------------------------------------------------------------------------------


@dataclass
class PlanText:
    """Text normalised for matching (no spaces or LaTeX, ASCII digits) with each character's source offset,
    so that a match can be quoted verbatim from the source."""

    source: str
    norm: str
    offsets: list[int]

    def verbatim(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        first, last = self.offsets[start], self.offsets[end - 1] + 1
        # A phrase cut inside inline LaTeX (「$5 6 \\mathrm { m }$」) is closed so that it reads whole.
        while last < len(self.source) and (
            self.source[first:last].count("$") % 2
            or self.source[first:last].count("{") > self.source[first:last].count("}")
        ):
            last += 1
        return self.source[first:last]


_NORMALISATIONS: list[tuple[str, str]] = [
    (r"\\textcircled\{(\d+)\}", r"(\1)"),
    (r"\\%", "%"),
    (r"\\sim", "~"),
    (r"\\[a-zA-Z]+|\\.|[${}]", ""),
    (r"\s+", ""),
    # 「0.2～0.4万（含0.4万）平方公里」: the inclusive-bound note sits between number and unit.
    (r"[（(]含\d+(?:\.\d+)?[万千亿]?[)）]", ""),
]
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％～＞＜－", "0123456789.%~><-")


def plan_text(source: str) -> PlanText:
    norm = source.translate(_FULLWIDTH)
    offsets = list(range(len(source)))
    for pattern, replacement in _NORMALISATIONS:
        chars: list[str] = []
        new_offsets: list[int] = []
        last = 0
        for m in re.finditer(pattern, norm):
            chars.append(norm[last : m.start()])
            new_offsets.extend(offsets[last : m.start()])
            text = m.expand(replacement)
            chars.append(text)
            if len(text) == 1:
                new_offsets.append(offsets[m.end() - 1])
            elif text:
                new_offsets.extend([offsets[m.start()]] + [offsets[m.end() - 1]] * (len(text) - 1))
            last = m.end()
        chars.append(norm[last:])
        new_offsets.extend(offsets[last:])
        norm, offsets = "".join(chars), new_offsets
    return PlanText(source, norm, offsets)


_CN_NUMBER = "零〇一二两三四五六七八九十百千万亿"
NUMBER = rf"\d+(?:\.\d+)?|[{_CN_NUMBER}]+"
_MAGNITUDES = {"万": 1e4, "亿": 1e8, "千": 1e3, "": 1.0}


def parse_number(text: str) -> float:
    """「1.2」「三」「两千」「一万二千」 → float."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total = 0.0
    for unit, factor in (("亿", 1e8), ("万", 1e4)):
        if unit in text:
            head, text = text.split(unit, 1)
            total += (cn_to_int(head) if head else 1) * factor
    return total + (cn_to_int(text) if text else 0)


# written unit → (factor, canonical unit); anything absent stays as written.
_UNIT_CANON: dict[str, tuple[float, str]] = {
    "mm": (1, "毫米"),
    "厘米": (0.01, "米"),
    "cm": (0.01, "米"),
    "m": (1, "米"),
    "千米": (1, "公里"),
    "km": (1, "公里"),
    "平方千米": (1, "平方公里"),
    "亩": (1 / 15, "公顷"),
    "名": (1, "人"),
    "℃": (1, "摄氏度"),
    "kW": (1, "千瓦"),
    "MW": (1, "兆瓦"),
}
_UNITS = [
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "公顷",
    "毫米",
    "厘米",
    "公里",
    "千米",
    "千瓦",
    "兆瓦",
    "摄氏度",
    "人次",
    "mm",
    "cm",
    "km",
    "MW",
    "kW",
    "米",
    "m",
    "亩",
    "人",
    "名",
    "户",
    "元",
    "级",
    "%",
    "个",
    "座",
    "处",
    "条",
    "家",
    "艘",
    "辆",
    "间",
    "栋",
    "吨",
    "℃",
    "倍",
    "小时",
    "天",
]
UNIT = "|".join(re.escape(u) for u in _UNITS)

_AREA = frozenset({"公顷", "平方公里", "平方米"})


@dataclass(frozen=True)
class _Quantity:
    pattern: re.Pattern[str]
    key: str
    units: frozenset[str] | None


def _q(pattern: str, key: str, units: set[str] | frozenset[str] | None) -> _Quantity:
    return _Quantity(re.compile(pattern), key, frozenset(units) if units is not None else None)


# Phrases that name a quantity → its canonical key (shared by plan thresholds and incident facts). Earlier
# entries win where spans overlap. `{n}` is filled from the pattern's group n (a duration).
QUANTITIES: list[_Quantity] = [
    _q(
        r"(?:过去|未来|最近|连续)?(?P<n>\d+|[一二两三六十]+)个?小时[^，；。：,;:\d]{0,8}?(?:降雨|降水|雨)量?",
        "{n}小时降雨量",
        {"毫米"},
    ),
    _q(r"日(?:降雨|降水|雨)量", "24小时降雨量", {"毫米"}),
    _q(r"(?:累计|过程)?(?:降雨|降水|雨)量", "降雨量", {"毫米"}),
    _q(r"死亡(?:[（(]含失踪[)）]|和失踪|或失踪|失踪)?(?:人数)?|遇难|罹难", "死亡", {"人"}),
    _q(r"失踪", "失踪", {"人"}),
    _q(r"重伤", "重伤", {"人"}),
    _q(r"(?:急性)?(?:工业)?中毒", "中毒", {"人"}),
    _q(r"受伤|伤员|伤病员", "受伤", {"人"}),
    _q(r"被困|受困", "被困人员", {"人"}),
    _q(
        r"(?:紧急)?(?:转移|疏散|撤离|安置)+(?:[^，；。：,;:\d]{0,6}?(?:群众|人员|人口|居民|人数))?",
        "转移人员",
        {"人", "人次"},
    ),
    _q(r"受灾(?:人口|群众|人数)", "受灾人口", {"人"}),
    _q(r"饮水困难(?:人口|群众|人数)", "饮水困难人口", {"人"}),
    _q(r"震级|地震", "震级", {"级"}),
    _q(r"风力|风速|阵风|大风", "风力", {"级"}),
    _q(r"过火(?:林地)?面积|(?:森林)?受害(?:森林)?面积|火场面积", "过火面积", _AREA),
    _q(r"受旱面积[^，；。：,;:\d]{0,10}?比例", "受旱面积比例", {"%"}),
    _q(r"笼罩面积|降雨面积|覆盖面积", "笼罩面积", _AREA),
    _q(r"积水深度|积水深", "积水深度", {"米"}),
    _q(r"减供负荷", "减供负荷", {"%", "千瓦", "兆瓦"}),
    _q(r"停电(?:居民)?用户|停电户数|(?:供电)?用户停电", "停电用户", {"户", "%"}),
    _q(
        r"(?P<w>燃烧|停电|断电|滞留|拥堵)已?持续(?:时间|时长)?|持续(?P<w2>燃烧|停电|断电|滞留|拥堵)(?:时间|时长)?",
        "{w}时长",
        {"小时", "天"},
    ),
    _q(r"(?:直接)?经济损失", "直接经济损失", {"元"}),
    _q(r"倒塌房屋|房屋倒塌", "倒塌房屋", {"间", "户", "栋"}),
    _q(r"缺水率", "缺水率", {"%"}),
    _q(r"(?:最高|最低|日平均)?气温", "气温", {"摄氏度"}),
    _q(r"(?P<st>[\u4e00-\u9fa5]{2})站(?:水位)?", "{st}站水位", {"米"}),
    _q(r"水位", "水位", {"米"}),
]
_GENERIC_STATIONS = {"控制", "监测", "水文", "测报", "雨量", "水位"}
# A name not in the table still counts as a quantity when it ends like one (积水面积, 有毒气体浓度).
_MEASURABLE = re.compile(
    r"([\u4e00-\u9fa5]{1,6}(?:量|深度|面积|人口|人数|户数|比例|率|流量|高度|浓度|负荷|温度))$"
)


@dataclass(frozen=True)
class QuantitySpan:
    start: int
    end: int
    key: str
    units: frozenset[str] | None


def _quantity_key(q: _Quantity, m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("n"):
        return q.key.format(n=int(parse_number(groups["n"])))
    if "w" in groups:
        return q.key.format(w=groups["w"] or groups["w2"])
    if groups.get("st"):
        return "水位" if groups["st"] in _GENERIC_STATIONS else q.key.format(st=groups["st"])
    return q.key


def find_quantities(norm: str) -> list[QuantitySpan]:
    """Every phrase of normalised text that names a known quantity, in text order, without overlaps."""
    taken: list[QuantitySpan] = []
    for q in QUANTITIES:
        for m in q.pattern.finditer(norm):
            if m.start() == m.end() or any(m.start() < s.end and s.start < m.end() for s in taken):
                continue
            key = _quantity_key(q, m)
            if key:
                taken.append(QuantitySpan(m.start(), m.end(), key, q.units))
    return sorted(taken, key=lambda s: s.start)


def canonical_quantity(phrase: str) -> str | None:
    """The canonical key of a quantity's name: 「因灾死亡（含失踪）」 → 死亡, 「需紧急转移群众」 → 转移人员,
    「24小时全区平均降雨量」 → 24小时降雨量."""
    norm = plan_text(phrase).norm
    if m := RELATIVE_LEVEL.search(norm):
        return f"超{m['ref']}水位"
    spans = find_quantities(norm)
    if spans:
        return spans[0].key
    m = _MEASURABLE.search(norm)
    return m[1] if m else None


def canonical_unit(unit: str, magnitude: str = "") -> tuple[float, str]:
    """(factor, unit): 万人 → (10000, 人), 厘米 → (0.01, 米), 亿元 → (1e8, 元)."""
    factor, canon = _UNIT_CANON.get(unit, (1.0, unit))
    return factor * _MAGNITUDES.get(magnitude, 1.0), canon


def with_ratio(key: str, unit: str) -> str:
    """A share is its own quantity: 减供负荷 in % → 减供负荷比例, 停电用户 in % → 停电用户比例."""
    if unit == "%" and not key.endswith(("比例", "率")):
        return key + "比例"
    return key


# ---------------------------------------------------------------------------------------------------------
# Phrase grammar: measured values and thresholds
# ---------------------------------------------------------------------------------------------------------

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
MEASURE_PATTERN = re.compile(
    rf"(?P<pre>{_PRE})?(?P<num>{NUMBER})(?P<mag>[万亿千]?)(?P<unit1>{UNIT})?"
    rf"(?:(?:~|-|—|至|到)(?P<num2>{NUMBER})(?P<mag2>[万亿千]?))?(?:余|多)?(?P<unit>{UNIT})(?P<suf>{_SUF})?"
)
# 「超过警戒水位0.3米」「达到保证水位」「距警戒水位0.5米以内」: a level relative to a reference level.
RELATIVE_LEVEL = re.compile(
    r"(?P<pre>达到或超过|超过|超出|高出|超|高于|达到|达|低于|回落至|回落到|降至|距离?|逼近|接近)?"
    r"(?P<ref>警戒|保证|汛限|设计|校核|历史最高)(?:洪)?(?:水位(?:线)?|(?=\d))"
    r"(?P<paren>[（(][^）)]{0,24}[)）])?(?P<num>\d+(?:\.\d+)?)?(?P<unit>米|m|厘米|cm)?(?P<suf>以上|以下|以内)?"
)
WARNING_COLOUR = re.compile(
    r"(?P<hazard>暴雨|台风|大风|暴雪|寒潮|高温|干旱|大雾|霾|道路结冰|冰雹|雷电|山洪|洪水|地质灾害|森林火险|草原火险)?"
    r"(?:临灾)?(?P<colour>红|橙|黄|蓝)色(?:预警|警报)"
)
COLOUR_LEVEL = {"红": 1, "橙": 2, "黄": 3, "蓝": 4}
SEVERITY = {"特别重大": 1, "重大": 2, "较大": 3, "一般": 4}
EVENT_CLASS = re.compile(
    r"(?P<sev>特别重大|重大|较大|一般)(?!性)(?:、(?:特别重大|重大|较大|一般))*(?P<above>及?以上)?"
    r"[\u4e00-\u9fa5]{0,6}?(?:事件|事故|灾害)"
)
# Numbers that are not amounts: references, dates, and the window of a forecast (「未来48小时」).
_REFERENCE_NUMBERS = re.compile(
    r"见?附件\d+|第\d+|\d+月\d+日|\d+时|(?:未来|过去|最近|连续|近)\d+个?(?:小时|天|日)"
)
_SEPARATORS = "，；。：,;:"


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


def _clause_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    left = max(norm.rfind(sep, 0, start) for sep in _SEPARATORS) + 1
    rights = [i for sep in _SEPARATORS if (i := norm.find(sep, end)) >= 0]
    return left, min(rights, default=len(norm))


def _attribute(
    norm: str, start: int, end: int, unit: str, spans: list[QuantitySpan], window_start: int
) -> str | None:
    """The quantity a number belongs to: the nearest compatible name before it (「死亡3人」) or after it
    (「3人死亡」), within its clause; else a measurable-sounding name just before it."""
    left, right = _clause_bounds(norm, start, end)
    left = max(left, window_start)

    def fits(span: QuantitySpan) -> bool:
        return span.units is None or unit in span.units

    before = [s for s in spans if left <= s.start and s.end <= start and fits(s)]
    after = [s for s in spans if end <= s.start and s.end <= right and fits(s)]
    nearest = [(start - before[-1].end, before[-1].key)] if before else []
    nearest += [(after[0].start - end, after[0].key)] if after else []
    if nearest:
        return min(nearest, key=lambda pair: pair[0])[1]  # a tie goes to the name before the number
    m = _MEASURABLE.search(re.sub(rf"(?:{_PRE})$", "", norm[left:start]))
    return m[1] if m else None


def find_measured(text: PlanText) -> list[Measured]:
    """Numbers with units in the text, each attributed to a quantity where possible."""
    norm = text.norm
    spans = find_quantities(norm)
    found: list[Measured] = []
    window_start = 0
    for m in MEASURE_PATTERN.finditer(norm):
        if any(s.start <= m.start("num") < s.end for s in spans):
            continue  # the 24 of 「24小时降雨量」
        unit = m["unit"]
        if unit in ("小时", "天") and not m["pre"] and not m["suf"]:
            continue  # a duration, not a measured value
        if unit == "级" and not re.fullmatch(r"\d+(?:\.\d+)?", m["num"]):
            continue  # 一级响应, 三级以上堤防
        # 「0.2～0.4万平方公里」: a range's magnitude, written once, applies to both ends.
        factor, canon = canonical_unit(unit, m["mag"] or (m["mag2"] if m["num2"] else ""))
        values = [parse_number(m["num"]) * factor]
        if m["num2"]:
            values.append(parse_number(m["num2"]) * canonical_unit(unit, m["mag2"])[0])
        quantity = _attribute(norm, m.start(), m.end(), canon, spans, window_start)
        found.append(Measured(m.start(), m.end(), quantity, values, canon, m["pre"] or "", m["suf"] or ""))
        window_start = m.end()
    return found


@dataclass
class PhraseScan:
    """What a condition's text states: thresholds, and whether numbers remain that no threshold explains."""

    thresholds: list[Threshold] = field(default_factory=list)
    unexplained: int = 0


def _comparator(pre: str, suf: str, below_exclusive: bool) -> Comparator | None:
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
    return Threshold(
        quantity=quantity,
        comparator=comparator,
        value=value,
        unit="米",
        text=text.verbatim(m.start(), m.end()),
    )


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
    for m in EVENT_CLASS.finditer(norm):
        severities = re.findall("特别重大|重大|较大|一般", m[0])
        scan.thresholds.append(
            Threshold(
                quantity="事件等级",
                comparator=Comparator.LE,
                value=max(SEVERITY[s] for s in severities),
                unit="级",
                text=text.verbatim(m.start(), m.end()),
            )
        )
    for measured in find_measured(text):
        if any(s <= measured.start < e for s, e in covered):
            continue
        covered.append((measured.start, measured.end))
        phrase = text.verbatim(measured.start, measured.end)
        quantity = with_ratio(measured.quantity, measured.unit) if measured.quantity else None
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
        comparator = _comparator(measured.pre, measured.suf, below_exclusive)
        if comparator is None:
            scan.unexplained += 1
            continue
        scan.thresholds.append(
            Threshold(
                quantity=quantity,
                comparator=comparator,
                value=measured.values[0],
                unit=measured.unit,
                text=phrase,
            )
        )
    covered.extend((s.start, s.end) for s in find_quantities(norm))
    for m in re.finditer(r"\d+(?:\.\d+)?", norm):
        inside = any(s <= m.start() < e for s, e in covered)
        if not inside and not any(
            r.start() <= m.start() < r.end() for r in _REFERENCE_NUMBERS.finditer(norm)
        ):
            scan.unexplained += 1
    return scan


def parse_thresholds(source: str, below_exclusive: bool = False) -> list[Threshold]:
    """「因灾死亡（含失踪）1人以上」 → [死亡 ≥ 1 人]; 「超过50毫米」 → >, 「以上」 → ≥ (含本数)."""
    return scan_thresholds(source, below_exclusive).thresholds


# ---------------------------------------------------------------------------------------------------------
# Phrase grammar: organisations and time limits
# ---------------------------------------------------------------------------------------------------------

_ORG_SUFFIX = (
    r"(?:指挥部办公室|办公室|指挥部|委员会|办事处|人民政府|政府|分局|支队|大队|中队|中心|公司|集团|部门|单位|机构"
    r"|防指|防办|人武部|武装部|宣传部|组织部|统战部|警备区|值班室|特勤站|消防站|救援站|街道（镇）|街道\(镇\)"
    r"|乡镇（街道）|局|委|办|厅|台|院|街道|乡镇)"
)
_ORG_END = re.compile(_ORG_SUFFIX)
# Words that end a subject: a name never contains a verb or a preposition.
_NAME_STOP = re.compile(
    r"在|对|向|于|将|按|把|从|或|并|须|经|的|要|为|是|由|每|会同|负责|组织|主持|派|调度|督促|实行|牵头|配合|协助"
    r"|参与|立即|及时|根据|做好|开展|加强|启动|发布|通知|报告|报送|指导|视情|第一时间|接到|应当|应在|应于|统一"
    r"|全面|提请|报请|呈请|请求|建议|提出|协调|统筹|成立|监督|研究|分析|确保|落实|建立|健全|结合|运用|依托|叫应"
    r"|采取|进行|实施|审核|签批|拟定|核实|组建|设立|派出|赶赴|迅速|尽快|提前|密切|适时|切实|提高|优先|转送"
    r"|停止|调集|调派|开放|关闭|保障"
)
# A suffix followed by these characters is part of a longer word: 办公, 局部, 委托, 台风.
_NOT_A_SUFFIX = {"办": "公理法事者", "局": "部面势限", "委": "托屈", "台": "风账阶"}
_LEADING_ADVERB = re.compile(
    r"^(?:汛期|响应期间|处置期间|必要时|同时|随后|此后|其中|届时|视情|另外|并|且|根据[^，]{0,8}?需要)"
)
_MAX_NAME = 24


def org_at(text: str) -> str | None:
    """The organisation named at the start of `text`, if any: 「区水务局在接到指令后…」 → 区水务局.

    The longest prefix ending in an organisation suffix (局, 委, 办公室, 支队, 部门…) that crosses no verb or
    preposition: 「区防指办公室主任主持会商」 → 区防指办公室,
    「区应急管理局调度区级抢险救援队伍」 → 区应急管理局.
    """
    window = text[:_MAX_NAME]
    best = None
    for m in _ORG_END.finditer(window):
        following = window[m.end() : m.end() + 1]
        if following and following in _NOT_A_SUFFIX.get(m[0], ""):
            continue
        candidate = window[: m.end()]
        if _NAME_STOP.search(candidate):
            break
        if candidate.count("（") > candidate.count("）") and following == "）":
            candidate += "）"
        best = candidate
    return best if best and len(best) >= 2 else None


def split_units(name: str) -> list[str]:
    """「区防指办公室和各成员单位」 → two units; 「气象、水利等部门」 and 「自然资源和规划局」 stay whole."""
    parts = [p for p in re.split(r"、|和|及|与", name) if p]
    if len(parts) > 1 and all(len(p) >= 2 and re.search(_ORG_SUFFIX + "$", p) for p in parts):
        return parts
    return [name]


def _names_after(text: str, marker: str) -> list[str]:
    """Units named right after 「会同」「配合」「由」: 「会同区公安分局、区卫生健康委核实」 → both."""
    units: list[str] = []
    for m in re.finditer(marker, text):
        rest = text[m.end() :]
        while rest:
            name = org_at(rest)
            if not name:
                break
            units.extend(split_units(name))
            rest = rest[len(name) :]
            if not rest or rest[0] not in "、和及与":
                break
            rest = rest[1:]
    return units


_CLAUSE_SPLIT = re.compile(r"[，；。：,;:\n]")
_CONDITIONAL_CLAUSE = re.compile(r"(?:的|时|后|前)$")


def responsible_units(action: str) -> tuple[list[str], list[str]]:
    """(lead, support) units of an action: explicit 「牵头单位：…；配合单位：…」, else clause subjects and
    「由X负责」 as lead, units after 「会同/配合/协助」 as support."""
    lead_m = re.search(r"牵头(?:单位|部门)[：:]\s*([^；;。]+)", action)
    support_m = re.search(r"(?:配合|协助|参与)(?:单位|部门)[：:]\s*([^；;。]+)", action)
    if lead_m or support_m:
        lead = [u.strip() for u in re.split(r"[、，,]", lead_m[1])] if lead_m else []
        support = [u.strip() for u in re.split(r"[、，,]", support_m[1])] if support_m else []
        return [u for u in lead if u], [u for u in support if u]
    lead: list[str] = []
    for clause in _CLAUSE_SPLIT.split(action):
        clause = re.sub(r"^\s*(?:[（(]\d+[)）]|\d+[.．、])\s*", "", clause).strip()
        if not clause or _CONDITIONAL_CLAUSE.search(clause):
            continue
        clause = _LEADING_ADVERB.sub("", clause)
        if name := org_at(clause):
            lead.extend(split_units(name))
    lead.extend(_names_after(action, "由"))
    support = _names_after(action, "会同|配合|协助|协同")
    lead = list(dict.fromkeys(u for u in lead if u not in support))
    return lead, list(dict.fromkeys(support))


_ANCHOR = (
    r"(?:接到[^，。；在]{0,6}?后|(?:响应|预警|预警信息|事故|事件|险情|灾情|灾害|指令|通知|命令|报告)?"
    r"(?:发生|启动|发布|签发|开放|终止|结束|接报|接警|到达|确认)后)"
)
_TIME_LIMIT = re.compile(
    rf"{_ANCHOR}?(?:\d+|[一二两三四五六七八九十半])\s*个?(?:分钟|小时|工作日|日|天)(?:内|以内|之内)"
    r"|(?:最迟|最晚)(?:在|不得晚于|不超过)?[^，。；]{0,12}?(?:分钟|小时|日|天)内?"
    r"|每(?:\d+|[一二两三四五六半])?\s*个?(?:小时|分钟|日|天|周|月)[^，。；]{0,12}?一次"
    r"|每(?:\d+|[一二两三四五六半])\s*个?(?:小时|分钟)"
    r"|立即|第一时间|随时|\d+月\d+日前"
)


def find_time_limit(text: str) -> str | None:
    """The first time limit stated in `text`, verbatim: 「接到指令后30分钟内」「每2小时续报一次」「立即」."""
    m = _TIME_LIMIT.search(text)
    if not m:
        return None
    return re.sub(r"^[在于]", "", m[0])


# ---------------------------------------------------------------------------------------------------------
# Conditions and triggers
# ---------------------------------------------------------------------------------------------------------

_ALTERNATIVE_SPLIT = re.compile(r"[，,；;]\s*(?:或者|或是|或)|[；;]")
_CONJUNCT_SPLIT = re.compile(
    r"[，,]\s*(?:并且|且|同时|并)?|(?:并且|且|同时|并)(?=预报|预计|继续|持续|伴有|出现|造成|可能|仍|有|发生|严重)"
)
_OPTION_SPLIT = re.compile(
    r"(?<!达到)(?<!等于)(?<!大于)(?<!小于)(?:或者|或)(?!超过|等于|以上|以下|大于|小于)"
)


_STATES_AMOUNT = re.compile(r"\d|[红橙黄蓝]色")


def _pieces(text: str, pattern: re.Pattern[str]) -> list[str]:
    return [p for p in pattern.split(text) if p and p.strip(" \n，,；;。")]


def _options(conjunct: str) -> list[str]:
    """A conjunct splits at 或 only between two stated amounts (「24小时…100毫米以上或6小时…50毫米以上」),
    not between nouns (「死亡或失踪10人以上」)."""
    options: list[str] = []
    for part in _pieces(conjunct, _OPTION_SPLIT):
        if options and not (_STATES_AMOUNT.search(options[-1]) and _STATES_AMOUNT.search(part)):
            options[-1] = conjunct[conjunct.index(options[-1]) : conjunct.index(part) + len(part)]
        else:
            options.append(part)
    return options


def make_trigger(text: str, chunk: Chunk, below_exclusive: bool = False) -> Trigger:
    """A trigger with its conditions and the thresholds each condition states."""
    conditions: list[Condition] = []
    thresholds: list[Threshold] = []
    for a, alternative in enumerate(_pieces(text, _ALTERNATIVE_SPLIT)):
        for c, conjunct in enumerate(_pieces(alternative, _CONJUNCT_SPLIT)):
            for option in _options(conjunct):
                scan = scan_thresholds(option, below_exclusive)
                index = len(conditions)
                conditions.append(
                    Condition(
                        text=option.strip(),
                        alternative=a,
                        conjunct=c,
                        complete=bool(scan.thresholds) and not scan.unexplained,
                    )
                )
                thresholds.extend(t.model_copy(update={"condition": index}) for t in scan.thresholds)
    return Trigger(
        text=text,
        thresholds=thresholds,
        chunk_id=chunk.chunk_id,
        locator=chunk.locator,
        conditions=conditions,
    )


# ---------------------------------------------------------------------------------------------------------
# Levels, items and sentences
# ---------------------------------------------------------------------------------------------------------

_LW = r"(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|一|二|三|四)"
_LEVEL_KIND = r"应急响应|响应|预警|应急|事件|事故"
# 「Ⅳ级应急响应」「Ⅲ级、Ⅳ级应急响应」「较大（Ⅲ级）」「蓝色、黄色预警」「特别重大事故」
_LEVEL_LABEL = re.compile(
    rf"(?P<sev>特别重大|重大|较大|一般|特别严重|严重|较重)\s*[（(]\s*(?P<n1>{_LW})\s*级\s*[)）]\s*(?P<k1>{_LEVEL_KIND})?"
    rf"|(?<![A-Za-z])(?P<nums>{_LW}\s*级(?:\s*[、和及或]\s*{_LW}\s*级)*)\s*(?P<k2>{_LEVEL_KIND})"
    r"|(?P<colours>[红橙黄蓝]色(?:[、和及或][红橙黄蓝]色)*)\s*(?P<k3>预警|警报)"
    r"|(?P<sev2>特别重大|重大|较大|一般)(?!性)\s*(?P<k4>[\u4e00-\u9fa5]{0,6}?(?:突发事件|事件|事故))"
)
_ABOVE_LEVEL = re.compile(rf"(?P<n>{_LW})\s*级(?:及)?以上(?:应急)?响应")


@dataclass(frozen=True)
class LevelMention:
    level: int
    label: str
    ladder: Ladder | None
    start: int
    end: int


def _ladder_of(kind: str | None) -> Ladder | None:
    if not kind:
        return None
    if "预警" in kind or "警报" in kind:
        return Ladder.WARNING
    if "响应" in kind or kind == "应急":
        return Ladder.RESPONSE
    return Ladder.EVENT


def find_level_mentions(text: str) -> list[LevelMention]:
    """Levels named in text, one per level even in lists: 「Ⅲ级、Ⅳ级应急响应」 → Ⅲ and Ⅳ."""
    found: list[LevelMention] = []
    for m in _LEVEL_LABEL.finditer(text):
        if m["n1"]:
            pairs = [(level_to_int(m["n1"]), m[0].strip())]
            ladder = _ladder_of(m["k1"])
        elif m["nums"]:
            words = re.findall(_LW, m["nums"])
            pairs = [(level_to_int(w), f"{w}级{m['k2']}") for w in words]
            ladder = _ladder_of(m["k2"])
        elif m["colours"]:
            pairs = [(COLOUR_LEVEL[c], f"{c}色{m['k3']}") for c in re.findall("[红橙黄蓝]", m["colours"])]
            ladder = Ladder.WARNING
        else:
            pairs, ladder = [(SEVERITY[m["sev2"]], m[0])], Ladder.EVENT
        if len(pairs) == 1:
            pairs = [(pairs[0][0], m[0].strip())]
        found.extend(
            LevelMention(n, label, ladder, m.start(), m.end()) for n, label in pairs if n and 1 <= n <= 4
        )
    return found


_ITEM_START = re.compile(
    r"(?:^|(?<=[\n。；;：:]))[ \t]*(?=[（(]\d{1,2}[)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|\$\\textcircled)"
)
_ITEM_MARK = re.compile(r"^\s*(?:[（(]\d{1,2}[)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|\$\\textcircled\{\d+\}\$)\s*")


def split_items(text: str) -> list[str]:
    """Text cut at list markers （1）, 1., ① — also markers run into one line (「：（1）…。（2）…」)."""
    cuts = sorted({0, *(m.start() for m in _ITEM_START.finditer(text))})
    pieces = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    return [p for p in pieces if p.strip()]


def strip_marker(item: str) -> str:
    return _ITEM_MARK.sub("", item).strip().rstrip("；;。").strip()


def is_item(text: str) -> bool:
    return bool(_ITEM_MARK.match(text))


def sentences(text: str) -> list[str]:
    """Sentences ending at 。！？ or a line end, verbatim and trimmed."""
    return [s.strip() for s in re.findall(r"[^。！？\n]+[。！？]?", text) if s.strip()]


def _item_text(item: str) -> str:
    """An item's own text: hard-wrapped lines joined, up to a line that follows a finished sentence
    (the decider paragraph after the last item)."""
    lines = item.split("\n")
    kept = [lines[0]]
    for line in lines[1:]:
        if re.search(r"[。；;！？]\s*$", kept[-1]) and line.strip():
            break
        kept.append(line)
    text = "\n".join(kept)
    for m in re.finditer(r"[^。！？]+[。！？]?", text):
        if m.start() > 0 and _is_decider_sentence(m[0]):
            text = text[: m.start()]
            break
    return strip_marker(text)


# ---------------------------------------------------------------------------------------------------------
# Walking the plan
# ---------------------------------------------------------------------------------------------------------

_RESPONSE_HEADINGS = re.compile(r"应急响应|响应|启动条件|启动标准|处置|信息报告|报告|预警|分级")
_EXCLUDED_HEADINGS = re.compile(
    r"后期|善后|恢复|重建|评估|保障|培训|演练|宣传|预防|监测|职责|附件|附录|名词|术语"
)
_TRIGGER_HEADINGS = re.compile(r"启动条件|启动标准|分级标准|条件|情形|标准|分级$")
_MEASURE_HEADINGS = re.compile(r"措施|行动|处置|程序")
_INTRO = re.compile(
    r"(?:符合|满足|出现|发生|具备|达到|有)(?:以)?下列(?:条件|情况|情形|标准|事项)(?P<any>之一|中的?任[一何]项?|任一)?"
    r"|(?P<all>同时满足|同时符合|同时具备|全部满足|均满足)(?:下列|以下)(?:条件|情况|情形)?"
)
_GRADING_PROSE = re.compile(r"由低到高|由高到低|分为|划分为")
# Not actions: the back matter of an official document, and short labels (「干旱预警」「启动与调整」).
_NOT_ACTION = re.compile(r"^(?:抄送|主送|印发|审图号|附件|注[：:])|印发$|监制|^[^，,；;]{0,12}$")
_MEASURE_INTRO = re.compile(
    r"采取(?:下列|以下|如下)(?:应急)?(?:措施|行动)|(?:主要|响应)(?:措施|行动)(?:如下|包括)"
)
_DECIDER = re.compile(
    r"(?:由|[，,]|^)(?P<who>[^，。；：由,;:]{2,40}?)(?:决定启动|决定发布|批准启动|宣布启动|决定|签发|批准)"
    r"|由(?P<announcer>[^，。；：由,;:]{2,40}?)发布"
)
_BUILDS_ON = re.compile(rf"在(?:落实|执行|实施|采取)(?P<n>{_LW})\s*级[^。；]{{0,12}}的基础上")
_THEN_LEVEL = re.compile(
    r"^(?P<cond>[^。；]+?)(?:的|时|者)[，,]\s*(?:由?[^。；，已]{0,12}?)(?:决定)?(?:启动|发布|进入)"
    r"(?P<label>[^。；，]{0,12}?(?:响应|预警))"
)
_IS_CLASS = re.compile(r"^(?P<cond>[^。；]+?)的[，,]\s*(?:为|属于|定为)(?P<label>[^。；，]{2,16})$")
_BELOW_EXCLUSIVE = re.compile(r"[“\"「]?以下[”\"」]?\s*(?:均)?不(?:含|包括|包含)本数")
_REPORT_VERB = re.compile(
    r"(?<!接到)(?<!接)(?<!评估)(?<!调查)(?<!总结)(?<!专题)(?<!形成)(?:报告|报送|上报|续报|核报|补报|首报)"
    r"(?!内容|基本情况|后|人姓名|人的)"
)
_RECIPIENT_BEFORE = re.compile(
    r"向(?P<who>[^，。；]{2,60}?)(?:先电话后书面|电话|书面|口头|逐级|如实)?(?:报告|报送|上报|续报|核报)"
)
_RECIPIENT_AFTER = re.compile(r"(?:报告|报送|上报)(?P<who>[^，。；、并]{2,40}(?:、[^，。；、并]{2,20})*)")
_RECIPIENT_END = re.compile(r"(?:" + _ORG_SUFFIX + r"|负责人|领导|同志)$")


@dataclass
class _Context:
    """Where a piece of text sits: the level its nearest heading names, and what its section is for."""

    headings: list[str]
    mention: LevelMention | None
    ladder: Ladder
    trigger_section: bool
    level_is_leaf: bool
    under_grading: bool
    in_response: bool


def _heading_context(headings: list[str]) -> _Context:
    mention, index = None, -1
    for i in range(len(headings) - 1, -1, -1):
        mentions = find_level_mentions(headings[i])
        if mentions and not _ABOVE_LEVEL.search(headings[i]):
            mention, index = mentions[0], i
            break
    joined = " ".join(headings)
    ladder = (mention.ladder if mention else None) or (
        Ladder.WARNING
        if "预警" in joined and "响应" not in joined
        else Ladder.EVENT
        if re.search(r"(?:事件|事故|灾害)分级", joined)
        else Ladder.RESPONSE
    )
    leaf = headings[-1] if headings else ""
    return _Context(
        headings=headings,
        mention=mention,
        ladder=ladder,
        trigger_section=bool(_TRIGGER_HEADINGS.search(leaf)) and not _MEASURE_HEADINGS.search(leaf),
        level_is_leaf=mention is not None and index == len(headings) - 1,
        under_grading=len(headings) > 1 and bool(_TRIGGER_HEADINGS.search(headings[-2])),
        # 「7 应急保障」 and 「6 后期处置」 are not response measures;
        # 「4.3 响应措施 / 4.3.2 重要用户保障」 is.
        in_response=bool(_RESPONSE_HEADINGS.search(joined))
        and (not _EXCLUDED_HEADINGS.search(leaf) or any("响应" in h for h in headings[:-1])),
    )


def _segments(chunk: Chunk) -> list[tuple[list[str], str, str]]:
    """(heading path, text, locator) per section of a chunk; a merged chunk (「4.5.1 响应调整 / 4.5.2
    响应终止」) is cut again at the heading lines of its parts."""
    path = list(chunk.heading_path)
    parts = path[-1].split(" / ") if path else []
    locators = chunk.locator.split(" / ")
    if len(parts) < 2:
        return [(path, chunk.text, chunk.locator)]
    segments: list[tuple[list[str], list[str], str]] = []
    for line in chunk.text.split("\n"):
        if line.strip() in parts:
            i = parts.index(line.strip())
            segments.append(
                (path[:-1] + [parts[i]], [], locators[i] if len(locators) == len(parts) else chunk.locator)
            )
        elif segments:
            segments[-1][1].append(line)
        else:
            segments.append(
                (
                    path[:-1] + [parts[0]],
                    [line],
                    locators[0] if len(locators) == len(parts) else chunk.locator,
                )
            )
    return [(h, "\n".join(lines), loc) for h, lines, loc in segments if "".join(lines).strip()]


@dataclass
class _LevelDraft:
    level: int
    ladder: Ladder
    label: str
    mode: Mode | None = None
    triggers: list[Trigger] = field(default_factory=list)
    appendix_triggers: list[Trigger] = field(default_factory=list)
    decided_by: str | None = None
    decided_by_chunk: str | None = None
    chunk_ids: list[str] = field(default_factory=list)
    discretionary: list[Trigger] = field(default_factory=list)
    builds_on: int | None = None
    labelled_by_heading: bool = False


@dataclass
class _PlanBuilder:
    doc_id: str
    title: str
    below_exclusive: bool
    in_appendix: bool = False
    levels: dict[tuple[Ladder, int], _LevelDraft] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)
    report_rules: list[ReportRule] = field(default_factory=list)

    def draft(self, ladder: Ladder, mention: LevelMention, heading: bool = False) -> _LevelDraft:
        """The level being built; a heading names it better than a sentence that mentions it."""
        key = (ladder, mention.level)
        if key not in self.levels:
            self.levels[key] = _LevelDraft(mention.level, ladder, mention.label)
        elif heading and not self.levels[key].labelled_by_heading:
            self.levels[key].label = mention.label
        self.levels[key].labelled_by_heading |= heading
        return self.levels[key]

    def add_trigger(self, draft: _LevelDraft, text: str, chunk: Chunk) -> None:
        text = text.strip()
        triggers = draft.appendix_triggers if self.in_appendix else draft.triggers
        if len(text) >= 4 and not any(t.text == text for t in triggers):
            triggers.append(make_trigger(text, chunk, self.below_exclusive))
            _remember(draft.chunk_ids, chunk.chunk_id)

    # --- levels -------------------------------------------------------------------------------------

    def read_levels(self, ctx: _Context, text: str, chunk: Chunk) -> bool:
        """Triggers, deciders and discretionary clauses in this text; True when the text grades levels
        (its items are conditions, not measures)."""
        grading = False
        mention = ctx.mention
        if mention is not None and self._item_heading(ctx, mention, chunk):
            grading = True
        level_grading = ctx.level_is_leaf and (_INTRO.search(text) or ctx.under_grading)
        if mention is not None and (ctx.trigger_section or level_grading):
            self._read_grading(ctx, mention, text, chunk)
            grading = True
        grading |= self._read_inline_levels(ctx, text, chunk)
        self._read_condition_sentences(ctx, text, chunk)
        self._read_deciders(ctx, text, chunk)
        return grading

    def _item_heading(self, ctx: _Context, mention: LevelMention, chunk: Chunk) -> bool:
        """A grading list item that the structure parser took for a heading: its title is the condition."""
        leaf = ctx.headings[-1]
        parent = ctx.headings[-2] if len(ctx.headings) > 1 else ""
        draft = self.levels.get((ctx.ladder, mention.level))
        if ctx.level_is_leaf or not is_item(leaf) or draft is None or draft.mode is None:
            return False
        if not (find_level_mentions(parent) or _TRIGGER_HEADINGS.search(parent)):
            return False
        self.add_trigger(draft, strip_marker(leaf).rstrip("…"), chunk)
        return True

    def _read_grading(self, ctx: _Context, mention: LevelMention, text: str, chunk: Chunk) -> None:
        intro = _INTRO.search(text)
        draft = self.draft(ctx.ladder, mention, heading=True)
        body = text
        if intro:
            draft.mode = draft.mode or (Mode.ALL if intro["all"] else Mode.ANY)
            body = text[intro.end() :]
            colon = re.search(r"[：:]", body.split("\n", 1)[0])
            body = body[colon.end() :] if colon else (body.split("\n", 1)[1] if "\n" in body else "")
        items = [i for i in split_items(body) if is_item(i)]
        if items:
            conditions = [_item_text(i) for i in items]
        elif intro:
            conditions = [p for p in re.split(r"[；;]", body.strip().split("\n", 1)[0]) if p.strip()]
        else:
            conditions = [s for s in sentences(body) if not _is_decider_sentence(s)]
        for condition in conditions:
            condition = condition.strip().rstrip("。；;")
            if condition and not _is_decider_sentence(condition):
                self.add_trigger(draft, condition, chunk)

    def _read_inline_levels(self, ctx: _Context, text: str, chunk: Chunk) -> bool:
        """「（1）Ⅰ级应急响应：发生特别重大…的，由…决定启动」 and 「1. 特别重大事故：造成30人以上死亡…」."""
        found = False
        for item in split_items(text):
            m = re.match(
                r"^(?P<label>[^：:，。\n]{2,16})[：:](?P<rest>.+)$", strip_marker(item), flags=re.DOTALL
            )
            mentions = find_level_mentions(m["label"]) if m else []
            if not m or len(mentions) != 1 or len(mentions[0].label) < len(m["label"].strip()) - 2:
                continue
            draft = self.draft(mentions[0].ladder or ctx.ladder, mentions[0])
            rest = m["rest"].strip()
            decider = re.search(r"[，,]由[^。；]*?(?:决定|签发|批准)", rest)
            self.add_trigger(draft, (rest[: decider.start()] if decider else rest).rstrip("。；;"), chunk)
            found = True
        return found

    def _read_condition_sentences(self, ctx: _Context, text: str, chunk: Chunk) -> None:
        """「…超过警戒水位时，启动Ⅳ级应急响应。」 outside a list; 「造成30人以上死亡…的，为特别重大事件」."""
        for segment in re.split(r"[。；;]", text):
            m = _IS_CLASS.match(segment.strip())
            mentions = find_level_mentions(m["label"]) if m else []
            if m and len(mentions) == 1 and mentions[0].ladder is Ladder.EVENT:
                self.add_trigger(self.draft(Ladder.EVENT, mentions[0]), m["cond"], chunk)
        for sentence in sentences(text):
            m = _THEN_LEVEL.match(sentence)
            if not m or _INTRO.search(sentence) or "是否" in sentence or find_level_mentions(m["cond"]):
                continue
            mentions = [x for x in find_level_mentions(m["label"]) if x.ladder is not Ladder.EVENT]
            if len(mentions) == 1:
                self.add_trigger(self.draft(mentions[0].ladder or ctx.ladder, mentions[0]), m["cond"], chunk)

    def _read_deciders(self, ctx: _Context, text: str, chunk: Chunk) -> None:
        """「Ⅳ级应急响应由区防指办公室主任决定启动」, 「较大（Ⅲ级）应急响应由…签发」; 「是否启动」 is a
        discretionary clause for a person to judge."""
        for sentence in sentences(text):
            for segment in re.split(r"[；;]", sentence):
                if not re.search(r"启动|签发|决定|批准|由[^，。；]*发布", segment):
                    continue
                mentions = [m for m in find_level_mentions(segment) if m.ladder is not Ladder.EVENT]
                if not mentions and ctx.mention and ctx.level_is_leaf and segment.startswith("由"):
                    mentions = [ctx.mention]
                if mentions:
                    self._decider(ctx, mentions, segment.strip(), chunk)

    def _decider(self, ctx: _Context, mentions: list[LevelMention], segment: str, chunk: Chunk) -> None:
        def drafts() -> list[_LevelDraft]:
            ladder = Ladder.WARNING if "预警" in segment else ctx.ladder
            return [self.draft(m.ladder or ladder, m) for m in mentions]

        if "是否" in segment:
            for draft in drafts():
                if not any(t.text == segment for t in draft.discretionary):
                    draft.discretionary.append(make_trigger(segment, chunk, self.below_exclusive))
            return
        m = _DECIDER.search(segment, mentions[-1].end) or _DECIDER.search(segment)
        who = (m["who"] or m["announcer"]).strip() if m else ""
        if not who or _INTRO.search(segment) or find_level_mentions(who):
            return
        for draft in drafts():
            if draft.decided_by is None:
                draft.decided_by, draft.decided_by_chunk = who, chunk.chunk_id
                _remember(draft.chunk_ids, chunk.chunk_id)

    # --- measures and report rules -------------------------------------------------------------------

    def read_measures(self, ctx: _Context, text: str, chunk: Chunk, locator: str) -> None:
        level = ctx.mention.level if ctx.mention and ctx.ladder is Ladder.RESPONSE else None
        if ctx.mention and (base := _BUILDS_ON.search(plan_text(text).norm)):
            self.draft(ctx.ladder, ctx.mention, heading=True).builds_on = level_to_int(base["n"])
        for action in _actions(text):
            lead, support = responsible_units(action)
            above = _ABOVE_LEVEL.search(action)
            self.measures.append(
                Measure(
                    level=level if level is not None else (level_to_int(above["n"]) if above else None),
                    phase=_phase(ctx.headings, action),
                    action=_without_roles(action),
                    lead_units=lead,
                    support_units=support,
                    time_limit=find_time_limit(action),
                    chunk_id=chunk.chunk_id,
                    locator=locator,
                )
            )

    def read_report_rules(self, ctx: _Context, text: str, chunk: Chunk, locator: str) -> None:
        report_section = any(re.search(r"报告|报送|续报", h) for h in ctx.headings[-2:])
        for item in split_items(text):
            for sentence in sentences(strip_marker(item) if is_item(item) else item):
                recipient: str | None = None
                for segment in re.split(r"[；;]", sentence):
                    clauses = _report_clauses(segment, recipient)
                    recipient = clauses[-1][2] if clauses else recipient
                    for rule_text, deadline, recipient_ in clauses:
                        if (deadline and recipient_) or (report_section and (deadline or recipient_)):
                            self.report_rules.append(
                                ReportRule(
                                    text=rule_text,
                                    deadline=deadline,
                                    recipient=recipient_,
                                    chunk_id=chunk.chunk_id,
                                    locator=locator,
                                )
                            )

    def build(self) -> DigitalPlan:
        body_has_triggers = any(d.triggers for d in self.levels.values())
        levels = [
            ResponseLevel(
                level=d.level,
                label=d.label,
                ladder=d.ladder,
                mode=d.mode or Mode.ANY,
                triggers=d.triggers or ([] if body_has_triggers else d.appendix_triggers),
                decided_by=d.decided_by,
                decided_by_chunk=d.decided_by_chunk,
                chunk_ids=d.chunk_ids,
                discretionary=d.discretionary,
                builds_on=d.builds_on,
            )
            for d in sorted(self.levels.values(), key=lambda d: (list(Ladder).index(d.ladder), d.level))
        ]
        return DigitalPlan(
            doc_id=self.doc_id,
            title=self.title,
            levels=levels,
            measures=self.measures,
            report_rules=self.report_rules,
        )


def _remember(ids: list[str], chunk_id: str) -> None:
    if chunk_id not in ids:
        ids.append(chunk_id)


def _is_decider_sentence(text: str) -> bool:
    return bool(find_level_mentions(text)) and bool(
        re.search(r"由[^。；]*?(?:决定|签发|批准|发布)|是否启动", text)
    )


_ROLE_TAIL = re.compile(r"\s*(?:牵头|配合|协助)(?:单位|部门)[：:].*$", re.DOTALL)


def _without_roles(action: str) -> str:
    return _ROLE_TAIL.sub("", strip_marker(action) if is_item(action) else action.strip()).strip()


def _actions(text: str) -> list[str]:
    """List items, or else sentences, of a measures section; intros (「采取下列措施：」) are skipped."""
    actions: list[str] = []
    for piece in split_items(text):
        if is_item(piece):
            actions.append(piece.strip())
            continue
        for sentence in sentences(piece):
            skip = (
                sentence.endswith(("：", ":"))
                or _MEASURE_INTRO.search(sentence)
                or _BUILDS_ON.search(sentence)
            )
            if not skip and not _GRADING_PROSE.search(sentence):
                actions.append(sentence)
    return [a for a in actions if not _NOT_ACTION.search(_without_roles(a).rstrip("。"))]


def _phase(headings: list[str], action: str) -> Phase:
    """The phase named by the nearest specific heading, else by the action's verbs."""
    for heading in reversed(headings):
        if re.search(r"响应终止|终止|结束|解除", heading):
            return Phase.TERMINATION
        if re.search(r"信息报告|报告|报送|续报", heading):
            return Phase.REPORTING
        if re.search(r"启动程序|响应启动|启动与调整", heading):
            return Phase.ACTIVATION
        if "预警" in heading and not re.search(r"响应措施|响应行动|分级响应", heading):
            return Phase.WARNING
        if re.search(r"措施|行动|处置", heading):
            break
    lead = _lead_clause(action)
    if re.search(r"(?:终止|结束|解除)(?:应急)?响应|响应(?:终止|结束)|宣布(?:终止|结束|解除)", lead):
        return Phase.TERMINATION
    if _REPORT_VERB.search(lead) and "报请" not in lead:
        return Phase.REPORTING
    if re.search(r"发布[^，。；]{0,10}预警|叫应", lead):
        return Phase.WARNING
    if re.search(r"启动[^，。；后]{0,10}(?:应急)?响应(?!后)", lead):
        return Phase.ACTIVATION
    return Phase.OPERATION


def _lead_clause(action: str) -> str:
    """What an action mainly does: its title (「信息报送。」) and first main clause, conditions
    (「…的，」「…后，」) left out."""
    text = strip_marker(action) if is_item(action) else action
    parts = sentences(text)
    title = parts[0] if parts and len(parts[0]) <= 10 and len(parts) > 1 else ""
    body = parts[1] if title else (parts[0] if parts else "")
    clauses = [c for c in re.split(r"[，,；;：:]", body) if c and not _CONDITIONAL_CLAUSE.search(c)]
    return title + (clauses[0] if clauses else "")


def _recipient(clause: str) -> str | None:
    if m := _RECIPIENT_BEFORE.search(clause):
        return m["who"].strip()
    if m := _RECIPIENT_AFTER.search(clause):
        who = m["who"].strip()
        while who and not _RECIPIENT_END.search(who):
            who = who[:-1]
        return who or None
    return None


def _report_clauses(segment: str, recipient: str | None = None) -> list[tuple[str, str | None, str | None]]:
    """(text, deadline, recipient) per reporting clause of a sentence segment. A clause without its own
    recipient reports to the one named before it (「30分钟内电话报告区防指办公室，1小时内书面报告」), and
    a frequency list after a reporting clause continues it (「Ⅳ级每6小时一次，Ⅲ级每4小时一次」)."""
    rules: list[tuple[str, str | None, str | None]] = []
    start = 0
    for m in re.finditer(r"[^，,]+(?:[，,]|$)", segment):
        clause = m[0]
        frequency = bool(rules) and len(clause) < 16 and re.search(r"每[^，,]*一次", clause)
        if not _REPORT_VERB.search(clause) and not frequency:
            continue
        text = segment[start : m.end()].strip().rstrip("，,。")
        recipient = _recipient(clause) or recipient
        rules.append((text, find_time_limit(clause) or find_time_limit(text), recipient))
        start = m.end()
    return rules


def parse_digital_plan(doc_id: str, title: str, chunks: list[Chunk]) -> DigitalPlan:
    """Read a plan's chunks (in document order) into its digital plan."""
    builder = _PlanBuilder(
        doc_id, title, below_exclusive=any(_BELOW_EXCLUSIVE.search(c.text) for c in chunks)
    )
    for chunk in chunks:
        if "<table" in chunk.text:
            continue  # OCR'd tables repeat the body text, garbled
        builder.in_appendix = bool(re.search(r"附件|附录", " ".join(chunk.heading_path)))
        for headings, text, locator in _segments(chunk):
            ctx = _heading_context(headings)
            grading = builder.read_levels(ctx, text, chunk)
            if ctx.in_response and not grading and not builder.in_appendix:
                builder.read_measures(ctx, text, chunk, locator)
            builder.read_report_rules(ctx, text, chunk, locator)
    return builder.build()
