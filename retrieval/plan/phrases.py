"""The phrase grammar of Chinese plans: normalised text, numbers, units and the quantities they measure.

`plan_text` normalises a passage for matching (no spaces or LaTeX, ASCII digits) and keeps each character's
source offset for verbatim quotes; `parse_number` reads 「1.2」「两千」「一万二千」; `find_quantities` and
`canonical_quantity` map the names plans and incident reports use (「因灾死亡（含失踪）」「需紧急转移群众」) to
one canonical key, so that a plan threshold and an incident fact can be compared. The named scales (warning
colours, event severities, levels relative to a reference water level) live here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from retrieval.cleanup import FULLWIDTH, LATEX_COMMANDS
from retrieval.ranking.numerals import cn_to_int, words_to_number
from retrieval.ranking.places import FOREIGN_COUNTRIES


@dataclass(frozen=True)
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


_HALVES = {c: str(i) for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": "2"}
_FROST_NUMBER = r"\d+(?:\.\d+)?|[一二两三四五六七八九十]+(?:点[一二三四五六七八九])?"
_FROST_SUFFIX = {"以下": "以上", "及以下": "及以上", "以上": "以下", "及以上": "及以下"}
_FROST_COMPARISON = {"低于": "超过", "小于": "大于", "高于": "低于", "大于": "小于", "不低于": "不超过", "不高于": "不低于"}


def _in_digits(number: str) -> str:
    """「42」「42.5」「四十二」「两」 → digits."""
    return number if number[0].isdigit() else str(cn_to_int(number.replace("两", "二")))


def _wind_named_after(m: re.Match[str]) -> str:
    if re.search(r"风力|风速|阵风", m.string[max(0, m.start() - 6):m.start()]):
        return m[0]
    name = "阵风" if m["w"] == "阵风" else "风力"
    return f"{name}{_in_digits(m['a'])}" + (f"~{_in_digits(m['b'])}" if m["b"] else "") + "级"


def _decimal_in_words(text: str) -> str:
    """「一点八」 → 「1.8」 (a text cn2an cannot read stays as it is)."""
    value = words_to_number(text)
    return text if value is None else f"{value:g}"


# The residue rules are `retrieval.cleanup`'s (one source of truth); matching then drops the `$` delimiters and
# every space, reads 「～」 as 「~」, and drops an inclusive-bound note that sits between number and unit.
# 「下午两点零五分」「十点四十」「一点半」「三点整」: a clock time told in words, written in digits (「下午2点05分」) before a
# decimal in words is read, so that a span between two of them is measured. A minute in words is 半, 零X, has 十 or is
# followed by 分, and no unit follows: 「一点五米」 is a length.
_SPOKEN_CLOCK = (
    r"(?P<part>凌晨|早上|上午|中午|下午|傍晚|晚上|夜间)?(?P<h>[一二两三四五六七八九十]{1,3})点"
    r"(?:(?P<m>半|零[一二三四五六七八九]|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九](?=分))分?"
    r"|(?P<whole>整|钟))?(?![\d一二三四五六七八九十]|(?:米|厘米|公分|公里|毫米|度|倍|%|万|亿|吨|级|个))"
)


def _clock_in_digits(m: re.Match[str]) -> str:
    hour = int(parse_number(m["h"]))
    minute = 30 if m["m"] == "半" else int(parse_number(m["m"].lstrip("零"))) if m["m"] else 0
    if hour > 24 or minute >= 60 or not (m["m"] or m["part"] or m["whole"]):
        return m[0]
    return f"{m['part'] or ''}{hour}点{minute:02d}分"


_NORMALISATIONS: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    *LATEX_COMMANDS,
    (r"\$", ""),
    (r"\s+", ""),
    (_SPOKEN_CLOCK, _clock_in_digits),
    (r"(?<![\d.])(?P<h>\d{1,2})点半", r"\g<h>点30分"),  # 「10点半」
    # 「一点八公里」「两点五米」: a decimal in words is read as digits (cn2an), not as its last digit
    (r"(?<!点)[零〇一二两三四五六七八九十百千]+点[零〇一二三四五六七八九]+",
     lambda m: _decimal_in_words(m[0])),
    # 「0.2～0.4万（含0.4万）平方公里」: the inclusive-bound note sits between number and unit.
    (r"[（(]不?含\d+(?:\.\d+)?[万千亿]?[\u4e00-\u9fa5%]{0,4}[)）]", ""),
    # 「1 5 亩至 1 5 0 亩，不含 1 5 0 亩」: a range whose note excludes its upper end
    (r"(?P<a>\d+(?:\.\d+)?)(?P<u>[\u4e00-\u9fa5]{1,2})至(?P<b>\d+(?:\.\d+)?)(?P=u)[，,、]不含(?:(?P=b)(?P=u)|本数|上限)",
     r"\g<a>\g<u>以上、不足\g<b>\g<u>"),
    # 「24小时以上（含）、不足48小时」: a bare inclusive note after the bound says what 以上 says already;
    # after 以下 it makes the bound inclusive.
    (r"以上[（(]含(?:本数)?[)）]", "以上"),
    (r"以下[（(]含(?:本数)?[)）]", "及以下"),
    # 「零下9到零下11摄氏度」「-14.2℃」「低于零下12℃」: a temperature below zero is read as degrees of frost
    # (零下温度), its comparison turned round, so that a plan's 「低于零下12℃」 (零下温度 > 12) meets a report's
    # 「零下13度」 (零下温度 13) and not its 「零下8度整」
    (rf"(?:零下|(?<![\d.])-)(?P<a>{_FROST_NUMBER})(?:℃|摄氏度|度)?(?:到|至|~)(?:零下|-)(?P<b>{_FROST_NUMBER})"
     r"(?:℃|摄氏度|度(?!级))", r"零下温度\g<a>~\g<b>℃"),
    # 「降至零下5℃以下」 is 5 degrees of frost or more
    (rf"(?P<pre>不低于|不高于|低于|高于|小于|大于)?(?:零下|(?<![\d.])-)(?P<num>{_FROST_NUMBER})(?:℃|摄氏度|度(?!级))"
     r"(?P<suf>\s*(?:及)?(?:以下|以上))?",
     lambda m: f"零下温度{_FROST_COMPARISON.get(m['pre'] or '', '')}{m['num']}℃{_FROST_SUFFIX.get((m['suf'] or '').strip(), '')}"),
    # 「最低气温降到一度六左右」: degrees and tenths as officers say them
    (r"(?<=[温低高到至降])(?P<a>\d+|[一二两三四五六七八九十]+)度(?P<b>[一二三四五六七八九])(?![\d十百千万个级])",
     lambda m: f"{_in_digits(m['a'])}.{_HALVES[m['b']]}度"),
    # 「预报降温九到十度」: a temperature range in words
    (r"(?P<ctx>(?:气温|高温|温度|成片|降温|最低|最高)[^，。；、\d一二两三四五六七八九十]{0,8})(?P<a>\d+|[一二两三四五六七八九十]+)(?:到|至)"
     r"(?P<b>\d+|[一二两三四五六七八九十]+)度(?![级数])",
     lambda m: f"{m['ctx']}{_in_digits(m['a'])}~{_in_digits(m['b'])}℃"),
    # 「最高气温普遍达到37度」「豫东成片超过40度」「今天测到四十二度整」: after words of temperature, 度 is degrees Celsius
    # (not 烈度 or 坡度)
    (r"(?P<ctx>(?:气温|高温|温度|成片|降温|小时内?降了|最低|最高|测到)[^，。；、\d一二两三四五六七八九十]{0,8})"
     r"(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)度(?![级数])",
     lambda m: f"{m['ctx']}{_in_digits(m['n'])}℃"),
    # 「三省出现三十七度以上高温」: the word of temperature after the degrees
    (r"(?<![\d.])(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)度(?P<rest>(?:及?以上|以下|左右)?的?(?:高温|低温|气温))",
     lambda m: f"{_in_digits(m['n'])}℃{m['rest']}"),
    # 「暴雪预警升到红色了」 is a red snowstorm warning
    (r"(?P<h>暴雨|暴雪|台风|大风|寒潮|高温|大雾|道路结冰|冰雹|雷电)预警(?:信号)?(?:已经?)?(?:升级|提升|调整|提高|升|上调)"
     r"(?:到|为|至)了?(?P<c>红|橙|黄|蓝)色", r"\g<h>\g<c>色预警"),
    # 「超警幅度不足0.50米」「超警幅度达到0.5米」: how far above 警戒, said by its 幅度
    (r"超警(?:戒)?(?:水位)?幅度(?:不足|小于|低于|未达到)(?P<n>\d+(?:\.\d+)?)(?P<u>米|m|厘米|cm)", r"超警戒水位\g<n>\g<u>以下"),
    (r"超警(?:戒)?(?:水位)?幅度(?:达到|超过|大于)?(?P<n>\d+(?:\.\d+)?)(?P<u>米|m|厘米|cm)", r"超警戒水位\g<n>\g<u>"),
    # 「平均风力十二级、阵风十四级」: a wind force in words (「二级」 alone is a level, so only after the wind's name)
    (r"(?P<w>风力|阵风|风速|大风)(?P<pre>达到?|达|为|有|约)?(?P<n>[一二两三四五六七八九十]{1,3})(?=级)",
     lambda m: f"{m['w']}{m['pre'] or ''}{_in_digits(m['n'])}"),
    # 「六到七级偏北大风」「6～7级偏北风」: a force before the wind's name (a level in words is only a wind's here);
    # 「海区平均风力达9～10级大风」 has named it already
    (r"(?<![\d.一二两三四五六七八九十])(?P<a>\d+|[一二两三四五六七八九十]{1,3})(?:(?P<to>到|至|~|-)(?P<b>\d+|[一二两三四五六七八九十]{1,3}))?级"
     r"(?P<w>(?:偏)?[东南西北]{1,2}大?风|大风|阵风)", _wind_named_after),
    # 「正好比保证水位高一米整」「比警戒水位低三十公分」: a level said against a reference level
    (r"比(?P<ref>警戒|保证|汛限|设计|校核|历史最高)(?:洪)?水位(?:还|又)?(?P<dir>高出?|低)",
     lambda m: f"{'超' if m['dir'].startswith('高') else '低于'}{m['ref']}水位"),
    # 「楸川站、鳊滩站、葑口站中两站同时超警」: stations counted without a measure word
    (r"(?<![\d.])(?P<n>\d+|[两二三四五六七八九十])站(?=同时|均|都|水位|超|达到)",
     lambda m: f"{_HALVES.get(m['n'], m['n'])}个站"),
    # 「…同时超警」 at a clause's end: above the warning level (「超警0.5米」 says by how much, and is read as such)
    (r"超警(?=$|[，。；;、的])", "超过警戒水位"),
    # 「同时发生3起以上森林火灾」: fires counted as places (起 alone is no unit: 「一起事故」 is one accident)
    (r"(?P<n>\d+|[二两三四五六七八九十]+)起(?=(?:以上)?(?:森林|草原)?(?:火灾|火情|山火))", r"\g<n>处"),
    # 「两个歌迷受伤」「４个学生」: people counted by who they are
    (r"(?P<n>\d+|[一二两三四五六七八九十]+)(?:个|名|位)(?=(?:学生|歌迷|孩子|小孩|游客|乘客|老人|群众|居民|工人|村民|观众|顾客|姑娘|"
     r"伤者|伤员|行人|司机|驾驶员)(?!组|小组|区|小区|点|楼|委|会))", r"\g<n>人"),  # (「两个村民组」 are groups)
    # 「昨晚8点到今天8点降雨量112毫米」「昨日8时至今日8时」: a day's window
    (r"昨(?:天|日|晚)?(?P<h>\d{1,2})[点时](?:至|到)今(?:天|日|早|晨)?(?P=h)[点时]", "过去24小时"),
    # 「一公里半」「两个小时半」: and a half
    (r"(?<![\d一二两三四五六七八九十百千.])(?P<n>\d+|[一二两三四五六七八九十])(?P<u>公里|千米|个小时|小时|天)半",
     lambda m: f"{_HALVES.get(m['n'], m['n'])}.5{m['u']}"),
    # 「一亿两千多万元」「1000多万元」: 多 before a magnitude leaves the figure its lower bound (1.2亿, 1000万)
    (r"(?P<n>\d+|[一二两三四五六七八九十百千]+)多(?=[万亿])", r"\g<n>"),
    # a flood's return period: 「发生超10年一遇标准的洪水」「衡东站约20年一遇」「洪峰重现期约30年」 → 重现期 N 年一遇
    # (「超过附件2里的十年一遇水位」: the return period a table's column names)
    (r"(?:超过?|大于|高于)(?:[^，。；]{0,8}?的)?\s*(?P<n>\d+|[一二三五十百]+)\s*年一遇",
     lambda m: f"重现期超过{cn_to_int(m['n'])}年一遇"),
    (r"(?<![\d过])(?P<n>\d+)\s*年一遇", r"重现期\g<n>年一遇"),
    (r"重现期(?P<pre>约|为|达|达到|超过)?(?P<n>\d+)年(?!一遇)", r"重现期\g<pre>\g<n>年一遇"),
    # 「涨到七米八」: a level in metres and tenths as officers say it
    (r"(?<![\d.一二两三四五六七八九十百])(?P<a>\d+|[一二两三四五六七八九十]+)米(?P<b>[一二三四五六七八九]|\d)(?![\d十百千万个米处座人户条辆次台家所名艘号天日时分公厘毫])",
     lambda m: f"{int(parse_number(m['a']))}.{_HALVES.get(m['b'], m['b'])}米"),
    # 「当时一死一失联」「一死两伤」: the dead and the others as officers count them
    (r"(?<![\d一二两三四五六七八九十])(?P<a>[一二两三四五六七八九十]|\d+)死(?P<b>[一二两三四五六七八九十]|\d+)(?P<w>重伤|伤|失联|失踪)",
     lambda m: f"死亡{_HALVES.get(m['a'], m['a'])}人、{'受伤' if m['w'] == '伤' else m['w']}{_HALVES.get(m['b'], m['b'])}人"),
    # 「一户三口人联系不上」: three people missing
    (r"(?P<n>\d+|[一二两三四五六七八九十]+)口人", r"\g<n>人"),
    (r"(?<=人)(?:都|还|仍|一直)?(?:联系不上|失去联系|找不到)", "失联"),
    # 「发生M3.8地震」「Ms6.4级地震」: a magnitude written the seismologists' way
    (r"(?<![A-Za-z])[MＭ][sSLlw]?(?P<n>\d+(?:\.\d+)?)(?:级|(?=(?:级|左右|的)?(?:地震|余震)))", r"\g<n>级"),
    # 「这三天城区最低气温都是…」 speaks of a run of days, as 「连续三天」 does
    (r"这(?=[\d一二两三四五六七八九十]+个?天)", "连续"),
]
_MATCHING_FORMS = str.maketrans("～－", "~-")


@lru_cache(maxsize=8192)
def plan_text(source: str) -> PlanText:
    """The text normalised for matching; cached, as a report is read against every criterion of a plan."""
    norm = source.translate(FULLWIDTH).translate(_MATCHING_FORMS)
    offsets = list(range(len(source)))
    for pattern, replacement in _NORMALISATIONS:
        chars: list[str] = []
        new_offsets: list[int] = []
        last = 0
        for m in re.finditer(pattern, norm):
            chars.append(norm[last : m.start()])
            new_offsets.extend(offsets[last : m.start()])
            text = replacement(m) if callable(replacement) else m.expand(replacement)
            chars.append(text)
            if len(text) == 1:
                new_offsets.append(offsets[m.end() - 1])
            elif text:
                new_offsets.extend([offsets[m.start()]] + [offsets[m.end() - 1]] * (len(text) - 1))
            last = m.end()
        chars.append(norm[last:])
        new_offsets.extend(offsets[last:])
        norm, offsets = "".join(chars), new_offsets
    return PlanText(source, norm.translate(_MATCHING_FORMS), offsets)


_CN_NUMBER = "零〇一二两三四五六七八九十百千万亿"
NUMBER = rf"\d+(?:\.\d+)?|[{_CN_NUMBER}]+"
_MAGNITUDES = {"万": 1e4, "亿": 1e8, "千": 1e3, "": 1.0}


# a whole number in Chinese words as officers write it (「二百四十三」「一千零五」), for patterns that read one
CN_WHOLE = r"[一二两三四五六七八九十][零一二两三四五六七八九十百千]*"


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
    # animals culled or dead: pigs and cattle by 头, sheep by 只, poultry by 羽 (a report's 只 of poultry is as many 羽)
    "只": (1, "头"),
    "羽": (1, "头"),
    "mm": (1, "毫米"),
    "厘米": (0.01, "米"),
    "cm": (0.01, "米"),
    "公分": (0.01, "米"),
    "m": (1, "米"),
    "公里": (1000, "米"),
    "海里": (1852, "米"),  # 「浮冰外缘线离岸距离达到 3 0 海里以上」 against 「离岸五十九公里」
    "千米": (1000, "米"),
    "km": (1000, "米"),
    "平方千米": (1, "平方公里"),
    "亩": (1 / 15, "公顷"),
    "hm²": (1, "公顷"),
    "hm2": (1, "公顷"),
    "名": (1, "人"),
    "℃": (1, "摄氏度"),
    "kW": (1, "千瓦"),
    "MW": (1, "兆瓦"),
    "m/s": (1, "米/秒"),
    "米每秒": (1, "米/秒"),  # 「平均风速十一到十三米每秒」
    "分钟": (1 / 60, "小时"),
    "钟头": (1, "小时"),
}
_UNITS = [
    "年一遇",
    "米/秒",
    "米每秒",
    "m/s",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "公顷",
    "hm²",
    "hm2",
    "毫米",
    "厘米",
    "公分",
    "海里",
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
    "头",
    "羽",
    "只",
    "户",
    "株",
    "件",
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
    "钟头",
    "分钟",
    "天",
]
UNIT = "|".join(re.escape(u) for u in _UNITS)

_AREA = frozenset({"公顷", "平方公里", "平方米"})


DEAD_OR_MISSING = "死亡失踪"
FOREIGN_DEAD_OR_MISSING = "境外人员死亡失踪"
# 「韩国游客」「香港旅行团的游客」「外籍游客」: visitors from abroad, whom plans call 境外游客 (港澳台 count as such)
FOREIGN_VISITOR = (
    "(?:境外|外国|外籍|港澳台|香港|澳门|台湾|"
    + "|".join(sorted((re.escape(c) for c in FOREIGN_COUNTRIES if len(c) >= 2), key=len, reverse=True))
    + r")籍?(?:游客|旅客|团员)"
)
TOWNS_REACHED = "涉及乡镇数"
FIRES_AT_ONCE = "同时火灾起数"
RUN_OF_DAYS = "连续天数"
SEEN_BY_DOCTORS = "就诊人数"  # cases of poisoning after a meal, the injured after an accident
ADMITTED = "住院人数"
# 「未造成人员死亡（含失踪）」 in a criterion, 「无人员伤亡」「暂未收到人员伤亡报告」 in a report: no one died.
NO_DEATHS = re.compile(
    r"(?:未|没有|(?<![淹埋吞沉湮出])没|无|暂无|尚无|暂未收到|未收到)(?:造成|发生|出现|报告)?(?:人员|人)?(?P<what>伤亡|死亡(?:[（(]含失踪[)）])?)"
)


@dataclass(frozen=True)
class _Quantity:
    pattern: re.Pattern[str]
    key: str
    units: frozenset[str]


# a figure right after a quantity's name (「达到 2 座」「四件」), without which the name is a condition of its own
_FIGURE_NEXT = r"\s*(?:达到|超过|达|共|计|约|有)?\s*(?:\d|[一二两三四五六七八九十百千])"


def _q(pattern: str, key: str, units: set[str] | frozenset[str]) -> _Quantity:
    return _Quantity(re.compile(pattern), key, frozenset(units))


COLLAPSED_OR_DAMAGED = "倒塌和严重损坏房屋"
WATER_DEMAND, WATER_SUPPLY, WATER_SHORTFALL = "需水量", "供水量", "缺水量"
GRASSLAND_AREA = "受害草原面积"
GREENHOUSE_AREA = "大棚损毁面积"

# Phrases that name a quantity → its canonical key (shared by plan thresholds and incident facts). Earlier
# entries win where spans overlap. `{n}` is filled from the pattern's group n (a duration).
SOWN_AREA = "播种面积"
QUANTITIES: list[_Quantity] = [
    _q(
        r"(?:过去|未来|最近|连续)?(?P<n>\d+|[一二两三六十]+)个?小时[^，；。：,;:\d]{0,8}?"
        r"(?:(?:降雨|降水|雨)量?|累计(?=[约近逾]?[\d一二两三四五六七八九十百千]+(?:\.\d+)?\s*(?:毫米|mm)))",
        "{n}小时降雨量",
        {"毫米"},
    ),
    # 「18时至21时降雨一百零四毫米」: rain over a window given by the clock
    _q(
        r"(?<!\d)(?P<h1>\d{1,2})\s*[时点]\s*(?:至|到|-|—|~)\s*(?:今日|今天|次日|当日|今晨|今早)?\s*(?P<h2>\d{1,2})\s*[时点][^，；。：,;:\d]{0,8}?(?:降雨|降水|雨)量?",
        "{n}小时降雨量",
        {"毫米"},
    ),
    _q(r"日(?:降雨|降水|雨)量", "24小时降雨量", {"毫米"}),
    _q(r"(?:累计|过程)?(?:降雨|降水|雨)量", "降雨量", {"毫米"}),
    # 「造成境外游客死亡（含失踪）3 人以上的」: the dead among visitors from abroad (`facts.foreign_counts`)
    _q(r"境外(?:游客|旅客|人员)死亡(?:[（(]含失踪[)）])?(?:人数)?", FOREIGN_DEAD_OR_MISSING, {"人"}),
    # 「死亡（含失踪）」 counts the missing with the dead (a report's 死亡 and 失踪 are added up for it).
    _q(r"死亡(?:[（(]含失踪[)）]|和失踪|或者?失踪|失踪)(?:人数)?|死亡失踪", DEAD_OR_MISSING, {"人"}),
    # 「一名村民被烧死」「压死牧民一人」: killed, as reports say how
    _q(r"死亡(?:人数)?|遇难|罹难|牺牲|身亡|(?<![病饿])(?:被)?(?:烧|压|砸|撞|淹|溺|冻|电|炸|咬|踩|摔|埋)死", "死亡", {"人"}),
    _q(r"失踪|失联|下落不明", "失踪", {"人"}),
    _q(r"受威胁(?:的)?(?:群众|人员|人口|人数|居民)?", "受威胁人数", {"人"}),
    # 「影响范围内十一户四十九人」: those a hazard's reach holds are those it threatens
    _q(r"(?:影响|威胁|危险)(?:范围|区)内(?:的)?(?:常住)?(?:人口|群众|居民|住户)?", "受威胁人数", {"人"}),
    # 「火线距柞溪液化气储配站不足 2 公里」: the distance to a station (a facility, no gauging station's level)
    _q(r"(?:(?:相)?距|(?<![撤隔脱分远])离)[\u4e00-\u9fa5、]{1,20}?站(?!水位)(?=[^，。；]{0,16}?(?:米|公里|千米|km))",
       "距离", {"米"}),
    _q(r"(?:相)?距离?|(?<![撤隔脱分远])离", "距离", {"米"}),
    _q(r"(?<=[米里])(?:范围)?以?内", "距离", {"米"}),  # 「周边1公里范围内」「1公里内居民楼」
    # 「造成 3 人以上受伤住院」「1 0 人以上急性中毒住院」「收住院五人」: those admitted to hospital, whom plans count
    # apart from the injured treated and sent home (a report's injured are at least those admitted: `comparable_values`)
    # (「急性中毒住院」 stays a count of the poisoned, which reports give as such)
    # (「还有六名伤员住院」: the injured named before their being admitted)
    _q(r"(?<!中毒)(?:受伤|烧伤|烫伤|炸伤|砸伤|摔伤|(?:伤员|伤者)(?:已|均|都|仍|还)?)?(?:收治)?住院(?:治疗)?(?:人数|的)?(?:伤员|伤者|病人|患者)?"
       r"|(?:受伤)?(?:收住院|收治入院|入院治疗)(?:治疗)?(?:的)?(?:伤员|伤者|病人|患者)?(?![^，。；\d]{0,4}中毒)"
       # 「两人收住县医院」「收住区人民医院三人」: admitted to a named hospital
       r"|(?:受伤|骨折|烧伤|烫伤|摔伤|砸伤)?收(?:住|治)(?:进|入|到|在)?[\u4e00-\u9fa5]{1,8}?(?:医院|卫生院)(?![^，。；\d]{0,4}中毒)", ADMITTED, {"人"}),
    # 「重伤（含急性中毒）10人以上」 counts 重伤 (the poisoned among them), not 中毒 alone
    _q(r"重伤(?:[（(]含(?:急性)?(?:工业)?中毒[)）])?", "重伤", {"人"}),
    # 「１４位老人拉肚子」「２８人不舒服」「本县已有９人发病」: people a meal made ill, as officers count them
    _q(r"(?:急性)?(?:工业)?中毒|上吐下泻|腹泻|拉肚子|腹痛|呕吐|发病|发烧|发热|不舒服|食物中毒", "中毒", {"人"}),
    # 「船上五名船员没人受伤」: the figure before a denial counts no one hurt
    _q(r"(?<!没人)(?<!无人)(?<!没有人)(?<!无人员)(?<!没有人员)(?:受伤|伤员|伤病员|(?:挤|踩|摔|擦|烧|砸|撞|冻|划|扭|咬|刺|烫)伤|骨折|轻伤|送医|送院)", "受伤", {"人"}),
    _q(r"(?:参加|参与|许可|核定)(?:活动)?人数", "参加人数", {"人"}),
    _q(r"就诊|就医|入院", SEEN_BY_DOCTORS, {"人"}),
    # 「两名掘进工被堵在巷道里」「还有２人困在独头巷道里」: trapped, as a mine's report says it
    # (「两人被压在楼板下」「三人被埋压」: held under a collapse, trapped until freed)
    _q(r"被困|受困|被堵在|困在|堵在|被压在|被埋压|被压埋", "被困人员", {"人"}),
    # 「遇险人员 1 0 0 人以上」: everyone aboard a ship in distress who needs rescue, rescued or not
    _q(r"遇险(?:的)?(?:人员|人数|旅客|乘客|游客|群众|船员)?", "遇险人员", {"人"}),
    # 「船舶溢油或者危险货物泄漏入水 5 0 0 吨以上」「海事处评估入江约一百三十吨」: what went into the water (not the cargo)
    _q(r"(?:溢油|泄漏|漏油|漏)?(?:入水|入江|入河|进入水体|进入江中|漏进江里)(?:量|数量)?", "入水数量", {"吨"}),
    # 「原油、成品油管道泄漏量 1 0 吨以上」「按输差核算泄漏六吨半」: how much leaked (what reached the water is above)
    # (a bare 「泄漏」 names no amount: 「泄漏油品进入铧江干流」 is what happened)
    _q(r"(?:泄漏|渗漏|外泄|漏油)(?:量|数量|总量)|(?:泄漏|渗漏|外泄|漏油|漏了)(?=[约近逾共计达]?[\d一二两三四五六七八九十]+(?:\.\d+)?[多余]?吨)",
       "泄漏量", {"吨"}),
    # 「目前回收了三十五吨」: what was recovered, which is no update of the amount leaked
    _q(r"回收(?:了)?|收集(?:了)?", "回收量", {"吨"}),
    # 「城区居民住宅进水 5 0 0 户以上」「泓城区报居民住宅进水三百四十户」: homes flooded, counted by household
    _q(r"(?:居民)?(?:住宅|住户|房屋|民房|居民家中?)进水", "住宅进水户数", {"户"}),
    # 「需转移下游群众 5 0 0 户以上」「已转移三百一十户」: households moved, counted apart from people
    _q(r"(?:紧急)?(?:转移|疏散|撤离|安置)[^，；。：,;:\d]{0,8}?(?=[约近逾共计达]?[\d一二两三四五六七八九十百千万]+[多余来]?户)",
       "转移户数", {"户"}),
    _q(
        r"(?:紧急)?(?:转移|疏散|撤离|安置)+(?:[^，；。：,;:\d]{0,6}?(?:群众|人员|人口|居民|人数))?"
        r"|(?<=[要需])转(?=[约近逾共计达]?[\d一二两三四五六七八九十百千万]+[多余来]?人)",  # 「现在要转一千二百多人」
        "转移人员",
        {"人", "人次"},
    ),
    _q(r"受灾(?:人口|群众|人数)", "受灾人口", {"人"}),
    _q(r"饮水困难(?:人口|群众|人数)?", "饮水困难人口", {"人"}),
    _q(r"省[（(]区、?市[)）]|省份|省(?=[，。；、大部])", "省份数", {"个"}),
    # 「市局正式速报为四点零级」: a seismic bureau's quick report gives the magnitude
    _q(r"震级|地震|(?:正式|自动)?速报", "震级", {"级"}),
    # the wind at sea, which plans grade apart from the wind on land (「我国海区将出现平均风力达9～10级大风」)
    _q(r"(?:海区|海上|海面|近海|外海|[渤黄东南]海)[^，。；：\d]{0,6}?(?:平均)?(?:风力|风速)", "海上风力", {"级", "米/秒"}),
    _q(r"阵风(?:风力|风速)?", "阵风", {"级", "米/秒"}),
    _q(r"重现期", "重现期", {"年一遇"}),
    # 「偏北风5到6级」「东南风7级」: a wind named by its direction
    _q(r"风力|风速|大风|(?:偏)?[东南西北]{1,2}风(?=\d|[一二三四五六七八九十]+级)", "风力", {"级", "米/秒"}),
    _q(r"(?:受害|过火|烧毁|受灾)草原(?:面积)?|草原(?:过火|受害|受灾)(?:面积)?", GRASSLAND_AREA, _AREA),
    _q(r"过火(?:林地)?(?:面积)?|(?:森林)?受害(?:森林)?面积|火场面积|着火面积|烧毁林地", "过火面积", _AREA),
    _q(r"受旱面积[^，；。：,;:\d]{0,10}?比例", "受旱面积比例", {"%"}),
    # 「受旱耕地占全县耕地面积20%以上」: a share, whatever the base is called
    _q(r"(?:耕地|作物|农作物)?受旱(?:耕地|作物)?(?:面积)?(?:约|已)?(?:不到|不足|超过|达到?|将近|接近)?"
       r"(?:占[^，；。：,;:\d]{0,14}|(?:全[市县区])?(?:播种|耕地|种植)面积的?)", "受旱面积比例", {"%"}),
    # 「受旱作物约二百九十万亩，占播种面积的38％」: a bare share after it is the share of the sown area
    _q(r"(?:耕地|作物|农作物)?受旱(?:耕地|作物)?(?:面积)?", "受旱面积", _AREA | {"亩", "%"}),
    # 「全市农作物播种面积五百一十二万亩」: the sown area a share of 受旱面积 is computed against
    _q(r"(?:全[市县区])?(?:农作物|作物)?(?:播种|种植)面积", SOWN_AREA, _AREA | {"亩"}),
    _q(r"笼罩(?:面积|范围)|降雨面积|覆盖(?:面积|范围)", "笼罩面积", _AREA),
    _q(r"积水深度|积水深|积水", "积水深度", {"米"}),
    # 「任一城区减供负荷达到该区负荷的60%」「雁湖区减供负荷占全区负荷的60%」: one district's share, not the city's
    _q(r"(?<=区)内?(?:电网)?减供(?:负荷)?(?=[^，。；]{0,10}?(?:该|全|本)区)|(?<=(?:所在|任一)城区)减供(?:负荷)?",
       "分区减供负荷", {"%"}),
    _q(r"减供(?:负荷)?", "减供负荷", {"%", "千瓦", "兆瓦"}),
    _q(r"停电(?:居民)?用户|停电户数|(?:供电)?用户停电|停电(?=[约近逾共计达]?[\d.]+万?户)", "停电用户", {"户", "%"}),
    # 「停运车站数占线网车站总数30%以上」; 「全网封了24座车站」「11座车站临时封站」
    _q(r"停运车站(?:数)?|(?:封闭|关闭|停运|停止服务|封站|封)了?(?=[约近逾共计]?\d+(?:余|多)?[座个]?(?:车站|站))"
       r"|(?<=[座个])车?站(?=[^，。；\d]{0,6}?(?:封站|封闭|关闭|停运|停止服务))", "停运车站", {"座", "个", "%"}),
    # 「主线压车往鲢州方向三百二十辆」: vehicles held on the road, as officers say it
    _q(r"滞留车辆|(?<=辆以上)车辆滞留|(?<=辆)车辆?滞留|(?:压车|积压车辆|排队车辆|堵着的车|停着的车|主线停着)"
       r"|滞留了?(?=(?:大约|约|近|逾|共|计|达)?[\d一二两三四五六七八九十]+[万千]?辆)", "滞留车辆", {"辆"}),
    _q(r"停水(?:居民)?用户|停水户数|(?:居民)?用户停水|(?<=户以上)居民(?=(?:连续)?停水)|(?<=户)居民(?=(?:连续)?停水)|(?<=户)停水"
       r"|停水(?=[约近逾共计达]?[\d.]+万?户)", "停水用户", {"户", "%"}),
    _q(r"(?:日|全区|全市|全县)*供水量?(?:减少|下降|降幅|减幅|少了)", "供水量减少", {"%"}),
    # 「中心城区日需水量七十五万吨，目前日供水能力五十七万吨，缺口十八万吨」: a city short of water, whose share of the
    # demand is the 缺水率 plans grade (`facts.comparable_values`)
    _q(r"(?:日|每日)?需水量", WATER_DEMAND, {"吨", "立方米"}),
    _q(r"(?:日|每日)?供水(?:能力|量)", WATER_SUPPLY, {"吨", "立方米"}),
    _q(r"(?:供水|用水)?缺口|缺水量", WATER_SHORTFALL, {"吨", "立方米"}),
    _q(r"健康损害|(?<=人以上)健康受损", "健康损害", {"人"}),
    # 「城镇燃气企业统计居民停气：铎湾区四千三百户，…」: the households each place names after the colon
    _q(r"停气(?:居民)?用户|停气户数|(?:居民)?用户停气|(?<=户)停气|停气(?=[约近逾共计达]?\d)|(?<=居民)停气(?=[：:])", "停气用户",
       {"户", "%"}),
    _q(r"积雪(?:深度|深)?", "积雪深度", {"米"}),
    # 「大部地区降雪量16到20毫米」, and a criterion's 「将出现15毫米以上暴雪天气」: the snow that falls, in millimetres
    _q(r"降雪量|(?<=[将仍])出现(?=\d+(?:\.\d+)?毫米以上的?(?:暴雪|大雪|降雪))", "降雪量", {"毫米"}),
    _q(r"(?:农作物|作物|农田)受灾(?:面积)?|受灾农作物(?:面积)?", "农作物受灾面积", _AREA),
    # 「全县农作物绝收面积达到 1 万亩以上」「糯口镇绝收四千二百亩」: crops lost entirely
    _q(r"(?:农作物|作物|晚稻|早稻|水稻|玉米)?绝收(?:面积)?", "绝收面积", _AREA | {"亩"}),
    # 「沙尘暴造成设施农业大棚损毁 5 0 亩以上」「核定鞣滩镇损毁三十五亩」: greenhouses lost, by their area
    _q(r"(?:设施农业)?大棚(?:棚膜)?(?:损毁|受损|损坏|倒塌|被毁)(?:面积)?|(?<!房屋)损毁(?=约?[\d一二两三四五六七八九十]+(?:亩|公顷))",
       GREENHOUSE_AREA, _AREA | {"亩"}),
    # 「区域聚集２万人以上」「古街入口聚了五千多人」
    _q(r"聚集(?:人数|人员|群众)?|聚了|聚集了", "聚集人数", {"人"}),
    _q(r"滞留(?:的)?(?:旅客|乘客|游客|人员|群众)(?!\s*[\d.]+\s*(?:小时|分钟))|(?:旅客|乘客|游客)滞留|滞留了?(?=(?:大约|约|近|逾|共|计|达)?[\d一二两三四五六七八九十]+[万千]?人)",
       "滞留旅客", {"人", "人次"}),
    # 「高速公路或国省道封闭累计300公里以上」「把一段高速封了26公里」
    _q(r"(?:封闭|封路|封控|封|管制)了?(?:的道路|的路段)?(?:累计|里程|路段|总长)?(?=[约近逾共计达]?\d[\d.]*(?:公里|千米|km))",
       "封闭里程", {"米"}),
    # 「连续7天日最低气温低于零下12℃」: how many days in a row
    _q(r"(?:连续|连着)(?:第)?(?=[\d一二两三四五六七八九十]+个?天)", RUN_OF_DAYS, {"天"}),  # 「已连续第三天」
    # 「明火持续72小时以上未得到控制」: the flames' burning; 「地下火阴燃持续48小时」「已经闷烧了二十来个小时」: smouldering
    _q(r"明火(?:已|仍)?持续(?:燃烧)?", "燃烧时长", {"小时", "天", "分钟", "钟头"}),
    _q(r"(?:地下火)?阴燃(?:已|仍)?持续|(?:已经?)?闷烧了?", "阴燃时长", {"小时", "天", "分钟", "钟头"}),
    _q(r"(?:地下火)?阴燃(?:面积|范围)|地下阴燃(?:面积|范围)", "阴燃面积", _AREA),
    _q(
        r"(?P<w>燃烧|停电|断电|停气|停水|中断行车|交通中断|阻断|滞留|拥堵|大雾)已?持续(?:时间|时长)?"
        r"|(?:已?持续|连续)?(?P<w2>燃烧|停电|断电|停气|停水|中断行车|交通中断|阻断|滞留|拥堵|(?<=业务|服务|系统|呼叫)中断)(?:时间|时长)?"
        r"(?:(?<=滞留)人员(?=\s*[\d.]+\s*(?:小时|分钟)))?",  # 「电梯轿厢滞留人员 2 小时以上」: how long they are held
        # 「主要业务中断超过 4 小时」「对外服务中断」「核心业务系统中断 2 小时以上」: how long a system's business is down
        "{w}时长",
        {"小时", "天", "分钟", "钟头"},
    ),
    # 「被困 3 人以上且超过 2 4 小时未能救出」: how long the trapped have been down, after their count
    _q(r"(?:(?<=以上)|(?<=[人名]))(?:且|并且|，)(?=超过\d[\d.]*(?:个)?小时未能?(?:救出|获救|脱困|升井))", "被困时长", {"小时", "天"}),
    # 「基站退服率达到 1 0 %，并持续 1 小时以上」: how long the state the criterion names has lasted
    _q(r"(?:(?<=[，,])|^)并?持续(?:时间)?(?=\d)", "持续时长", {"小时", "天", "分钟", "钟头"}),
    # 「滢江主航道断航超过 7 2 小时」「海事处预计禁航时间在三十个小时左右」: how long a waterway is closed
    _q(r"(?:断航|禁航|封航|停航)(?:时间|时长)?(?:在|约)?", "断航时长", {"小时", "天", "分钟", "钟头"}),
    # 「可能造成的经济损失1 亿元以上」 (a danger's, 险情) is not the 直接经济损失 a disaster caused (灾情)
    _q(r"可能(?:造成|导致|产生)?(?:的)?(?:直接)?(?:经济)?损失|潜在(?:经济)?损失", "可能经济损失", {"元"}),
    _q(r"(?:直接)?经济损失|直接损失|(?<![无未])(?:财产|停产|设备|厂房|库存|物资)?损失", "直接经济损失", {"元"}),
    # 「扑杀生猪 2 万头以上」「扑杀牛、羊、猪合计 1 万头（只）」「疫点扑杀三万六千只」: animals culled
    _q(r"扑杀(?:的)?(?:生猪|家禽|蛋鸡|肉鸭|鸭子?|鸡|鹅|猪|牛、羊、猪|牛羊猪|牛、羊|牛|羊)?(?:合计|共计|累计|总计)?", "扑杀数量", {"头"}),
    # 「新增病死松树 1 0 0 0 株以上」「登记枯死松树二百六十株」: pines a pest killed, by the tree
    _q(r"(?:新增)?(?:病死|枯死)(?:的)?(?:松树|松木|树木)(?=" + _FIGURE_NEXT + ")", "病死树木", {"株"}),
    # 「被盗掘的古墓葬达到 2 座以上」: tombs robbed; 「馆藏文物被盗、被抢 5 件以上」「丢失馆藏文物四件，其中一级文物一件」:
    # relics stolen (a name no figure follows, 「馆藏文物被盗、被抢」, is a condition of its own)
    _q(r"(?:被盗掘(?:的)?(?:古墓葬|古墓|墓葬)|(?:古墓葬|古墓|墓葬)被盗掘?)(?=" + _FIGURE_NEXT + ")", "被盗掘古墓葬", {"座"}),
    _q(r"(?:(?:馆藏)?一级文物被盗(?:、被抢)?|被盗(?:、被抢)?(?:的)?(?:馆藏)?一级文物|(?<=其中)一级文物)(?=" + _FIGURE_NEXT + ")",
       "被盗一级文物", {"件"}),
    _q(r"(?:(?:馆藏)?文物被盗(?:、被抢)?|被盗(?:、被抢)?(?:的)?(?:馆藏)?文物|丢失(?:的)?(?:馆藏)?文物)(?=" + _FIGURE_NEXT + ")",
       "被盗文物", {"件"}),
    # 「发病、死亡生猪 3 0 0 头以上」「前后病死四十多头」: animals the disease killed or made ill
    _q(r"(?:发病[、和及]?死亡|病死)(?:的)?(?:生猪|家禽|猪|禽|鸡|鸭子?|鹅|牛|羊)?", "发病死亡数量", {"头"}),
    # 「在 1 5 日内，5 个以上乡镇发生疫情」: how many towns have an outbreak
    _q(r"(?:乡镇|乡（镇）|乡镇（街道）)(?:发生|出现)(?:疫情|疫点)", TOWNS_REACHED, {"个"}),
    # 「同一火场过火范围涉及3个以上乡镇（林场）」「山洪灾害涉及2个以上乡镇」: how many towns an event reaches
    _q(r"(?:涉及|波及|蔓延(?:到|至)?|跨)(?=[约近逾共计达]?[\d一二两三四五六七八九十]+个(?:以上)?(?:乡镇|镇|乡|街道))",
       TOWNS_REACHED, {"个"}),
    # 「全县同时发生3起以上森林火灾」「全县同时有3处火场」: fires burning at once
    # (「还有两处明火没打掉」 is one fire's flames, not two fires)
    _q(r"同时(?:发生|有|出现)?(?=[\d一二两三四五六七八九十]+处(?:以上)?(?:森林|草原)?(?:火灾|火情|火场|山火|明火))"
       r"|(?:发生|有|出现)(?=[\d一二两三四五六七八九十]+处(?:以上)?(?:森林|草原)?(?:火灾|火情|火场|山火))",
       FIRES_AT_ONCE, {"处"}),
    # 「倒塌和严重损坏房屋300间以上」 counts both; a report gives them apart (「倒塌房屋１１间、严重损坏２６间」)
    _q(r"倒塌(?:和|及|或|、)严重损坏(?:的)?房屋", COLLAPSED_OR_DAMAGED, {"间", "户", "栋"}),
    _q(r"倒塌房屋|房屋倒塌|(?:房屋|民房)?倒塌(?=[约近逾共计达]?[\d一二两三四五六七八九十百千]+[多余来]?[间户栋])", "倒塌房屋",
       {"间", "户", "栋"}),
    _q(r"(?<!一般)(?<!轻微)严重损坏(?:房屋)?", "严重损坏房屋", {"间", "户", "栋"}),
    _q(r"缺水率", "缺水率", {"%"}),
    # 「需政府救助人数占农业人口8%以上」「按去年末农业人口算正好占１５%」: a share of the farming population
    _q(r"占农业人口(?:的)?(?:比例|比重)?|农业人口[^，。；\d]{0,8}?占", "占农业人口比例", {"%"}),
    _q(r"零下温度", "零下温度", {"摄氏度"}),
    _q(r"(?:最低|最高|日平均)?气温(?:[^，；。：,;:\d]{0,6}?)(?:下降|降低|骤降|降幅|降了)|降温(?:幅度)?|(?<=小时)内?(?:下降|降了)",
       "降温幅度", {"摄氏度"}),
    # 「且有成片40摄氏度及以上高温天气」「豫东成片超过40度」: the heat over a whole area, beside the day's highest
    _q(r"成片(?:的|地区|区域)?(?=[^，。；\d]{0,4}\d)", "成片高温", {"摄氏度"}),
    # 「仍将出现37摄氏度及以上高温天气」「将出现35摄氏度及以上」: a bare temperature of heat is the day's highest
    _q(r"(?:日)?最高气温|(?<=以上)高温|出现(?=[\d.]+(?:摄氏度|℃))"
       r"|(?<=[日天])最高(?:到|达|升到|升至)?(?=[约近]?\d[\d.]*(?:摄氏度|℃|度))", "最高气温", {"摄氏度"}),  # 「8月3日最高42.6℃」
    # 「昨天最低气温13.0℃，今天早上最低0℃整」: the lowest reading of the day
    # (「三省最低为1.7摄氏度」: the lowest of several places, as a forecast gives it)
    _q(r"最低气温|(?<=[天早晚晨上省市县区地])最低(?:到|降到|降至|为|是)?(?=[约近]?(?:零下)?-?\d[\d.]*(?:摄氏度|℃|度))", "最低气温",
       {"摄氏度"}),
    _q(r"(?:日平均)?气温", "气温", {"摄氏度"}),
    # 「现场检测仪最低读到一百五十米」: a fog detector's reading is the visibility
    _q(r"能见度|(?:能见度仪|检测仪)[^，。；\d]{0,4}?(?:读到|读数|显示|测到)", "能见度", {"米"}),
    # a gauging station's level (「衡山站水位」), not a substation's or a bus station's distance, nor a town's
    # safety or veterinary office (「礌山乡安监站报，…－120米中段」), nor the stations an annex lists (「附件2 所列测站水位」)
    _q(r"(?<!所)(?P<st>[\u4e00-\u9fa5]{2})(?<!变电)(?<!发电)(?<!能电)(?<!水电)(?<!核电)(?<!风电)(?<!加油)(?<!加气)(?<!公交)(?<!火车)(?<!汽车)(?<!高铁)(?<!安监)(?<!兽医)(?<!农技)(?<!林业)(?<!派出)(?<!收费)(?<!服务)(?<!检查)站"
       r"(?:(?:今天|今日|昨天|今晨|凌晨|上午|下午|晚上|夜间)?\d{1,2}[时点](?:\d{1,2}分)?(?=水位))?(?:水位)?",  # 「归阳站今天14时水位」
       "{st}站水位", {"米"}),
    # 「附件2 所列观测点冰厚达到 1 5 厘米以上」: the thickness of sea or river ice
    _q(r"冰厚|冰层厚度?|海冰厚度|冰的厚度", "冰厚", {"米"}),
    # 「被冰围困船舶达到 3 艘以上」「被冰围困渔船十二艘」: boats held fast by ice
    _q(r"(?:被冰|被)?(?:围困|困住|冻住)的?(?:船舶|渔船|船只)|(?:船舶|渔船|船只)被冰?(?:围困|困住|冻住)", "被困船舶", {"艘"}),
    # 「附件2 所列测站水位涨率达到 0 . 5 0 米／小时以上」: how fast a level rises, no level
    _q(r"水位涨率|涨率", "水位涨率", {"米"}),
    _q(r"水位", "水位", {"米"}),
]
_GENERIC_STATIONS = {"控制", "监测", "水文", "测报", "雨量", "水位"}
# A name not in the table still counts as a quantity when it ends like one (积水面积, 有毒气体浓度).
MEASURABLE = re.compile(
    r"([\u4e00-\u9fa5]{1,6}(?:量|深度|面积|人口|人数|户数|比例|率|流量|高度|浓度|负荷|温度))$"
)


@dataclass(frozen=True)
class QuantitySpan:
    start: int
    end: int
    key: str
    units: frozenset[str]


def _quantity_key(q: _Quantity, m: re.Match[str]) -> str:
    groups = m.groupdict()
    if groups.get("h1"):  # a window by the clock: 18时至21时 is 3 hours, 20时至8时 is 12
        return q.key.format(n=(int(groups["h2"]) - int(groups["h1"])) % 24 or 24)
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
            taken.append(QuantitySpan(m.start(), m.end(), _quantity_key(q, m), q.units))
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
    m = MEASURABLE.search(norm)
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


# 「超过警戒水位0.3米」「达到保证水位」「距警戒水位0.5米以内」: a level relative to a reference level.
RELATIVE_LEVEL = re.compile(
    r"(?P<pre>达到或超过|超过|超出|高出|超|高于|达到|达|回落至|回落到|低于|降至|距离?|离|逼近|接近|到)?"
    r"(?:\d{4}\s*年的?)?"  # 「将超过1994年的历史最高水位」: the record's year
    r"(?P<ref>警戒|保证|汛限|设计|校核|历史最高)(?:洪)?(?:水位(?:线)?(?:了(?=[\d一二两三四五六七八九十]))?|整?(?=\d))"
    r"(?P<gap>还差|只差|差)?(?P<paren>[（(][^）)]{0,24}[)）])?"
    r"(?:(?P<num>\d+(?:\.\d+)?)|(?P<cn>[一二两三四五六七八九十百]+)(?=[多来]?(?:米|厘米|公分)))?[多来]?"
    r"(?P<unit>米|m|厘米|cm|公分)?(?P<suf>以上|以下|以内)?"
)
WARNING_COLOUR = re.compile(
    r"(?P<hazard>暴雨|台风|大风|暴雪|寒潮|高温|干旱|大雾|霾|道路结冰|冰雹|雷电|山洪|洪水|地质灾害|森林火险|草原火险)?"
    r"(?:临灾)?(?P<colour>红|橙|黄|蓝)色(?:预警|警报)"
)
COLOUR_LEVEL = {"红": 1, "橙": 2, "黄": 3, "蓝": 4}
SEVERITY = {"特别重大": 1, "重大": 2, "较大": 3, "一般": 4}
EVENT_CLASS = re.compile(
    r"(?P<sev>特别重大|重大|较大|一般)(?!性)(?:(?:、|或者|或|和|及)(?:特别重大|重大|较大|一般))*(?P<above>及?以上)?"
    r"[\u4e00-\u9fa5]{0,6}?(?:事件|事故|灾害|火灾)"
)
