"""Incident facts: a free-text report read into the values that plan thresholds compare.

`parse_incident_facts` reads a report (「示例区清水河水位超警戒0.6米，24小时降雨量180毫米，已造成2人死亡，需转移
群众1.2万人」) into values keyed by the same canonical quantities that plan thresholds use
(`plan_thresholds.find_measured` is shared), with the hazards it names and the places and provinces it counts.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from retrieval.plan.aboard import IN_DISTRESS, aboard
from retrieval.plan.air_quality import aqi_facts
from retrieval.plan.clock import AFTERNOON, MORNING, clock_hours
from retrieval.plan.counts import (
    PLACE_COUNT,
    RIVER_COUNT,
    counts_places,
    counts_rivers,
    listed_count,
    listed_rivers,
    places_in_state,
    places_started,
    places_warned,
)
from retrieval.plan.phrases import (
    ADMITTED,
    CN_WHOLE,
    COLLAPSED_OR_DAMAGED,
    COLOUR_LEVEL,
    DEAD_OR_MISSING,
    EVENT_CLASS,
    FOREIGN_DEAD_OR_MISSING,
    FOREIGN_VISITOR,
    GRASSLAND_AREA,
    GREENHOUSE_AREA,
    NO_DEATHS,
    RELATIVE_LEVEL,
    SEEN_BY_DOCTORS,
    SEVERITY,
    SOWN_AREA,
    TOWNS_REACHED,
    WARNING_COLOUR,
    WATER_DEMAND,
    WATER_SHORTFALL,
    WATER_SUPPLY,
    canonical_quantity,
    canonical_unit,
    find_quantities,
    parse_number,
    plan_text,
    with_ratio,
)
from retrieval.plan.rise_rate import RISE_RATE, rise_rate
from retrieval.plan.stations import expand_shorthand
from retrieval.plan.tables import hazards_in
from retrieval.plan.thresholds import clause_bounds, find_measured
from retrieval.plan.works import reservoir_counts
from retrieval.ranking.numerals import CN_NUMERAL_CHARS, cn_to_int, words_to_number
from retrieval.ranking.places import PROVINCES

_HAZARDS = re.compile(
    r"大面积停电|危险化学品|危化品|森林火灾|草原火灾|城市内涝|地质灾害|泥石流|暴雨|洪水|洪涝|内涝|山洪|台风|地震|火灾"
    r"|泄漏|爆炸|中毒|停电|干旱|滑坡|崩塌|暴雪|寒潮|冰冻|高温|大风"
)
_TIME = re.compile(
    r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:\s*\d{1,2}时(?:\d{1,2}分)?)?"
    r"|(?:今天|今日|昨天|昨日|今晨|凌晨|上午|下午|晚上|夜间)(?:\d{1,2}时(?:\d{1,2}分)?)?"
    r"|\d{1,2}时\d{1,2}分|\d{1,2}:\d{2}"
)
_PLACE_END = re.compile(
    r"(?:省|市|区|县|镇|乡|街道|村|社区|河|江|湖|水库|园区|集中区|工业园|站|路|小区|隧道|桥)"
)
_FIELD_ALIASES = {
    "hazard": "hazard",
    "灾种": "hazard",
    "place": "place",
    "地点": "place",
    "time": "time",
    "时间": "time",
}


class IncidentFacts(BaseModel):
    hazard: str | None = None
    hazards: list[str] = Field(default_factory=list)
    place: str | None = None
    time: str | None = None
    values: dict[str, float] = Field(default_factory=dict)
    raw: str = ""


ABOVE_UNSTATED = 0.01  # 「超过保证水位」 without a figure: above it, by the least a gauge reads


def _relative_level_value(m: re.Match[str]) -> float | None:
    """「水位超警戒0.6米」 → 0.6; 「距警戒水位0.5米」 → -0.5; 「达到警戒水位」 → 0;
    a bare 「警戒水位32.5米」 is the reference itself, not a fact about the incident."""
    pre, num = m["pre"] or "", m["num"] or (m["cn"] and parse_number(m["cn"]))
    amount = float(num) * canonical_unit(m["unit"] or "米")[0] if num else None
    if amount is not None and pre in ("超过", "超出", "高出", "超", "高于", "达到或超过"):
        return amount
    if amount is not None and (pre.startswith("距") or pre in ("低于", "离") or m["gap"]):  # 「离保证水位还差三十来公分」
        return -amount
    if amount is None and pre in ("达到", "达", "到"):
        return 0.0
    if amount is None and pre in ("超过", "超出", "高出", "超", "高于"):
        return ABOVE_UNSTATED
    return None


_MORE_THAN = ("超过", "超出", "高出", "高于", "大于", "多于")


_UNCOUNTED_DEATH = re.compile(
    # (「网箱养的鱼死亡」: an animal's death is no one's)
    r"(?<![无未没否鱼虾蟹贝猪牛羊鸡鸭鹅禽畜蜂])(?<!暂无)(?<!尚无)(?<!没有)(?<!没有人)(?<!人员)(?<!无人)(?<!没人)(?<!伤亡)"
    r"(?<!鱼类)(?<!水产品)(?<!苗木)(?:经抢救无效)?(?:死亡|遇难|身亡|罹难|牺牲|去世|病故)(?!人数|率|[待不])"
    r"|没(?:能)?抢救过来|没救过来"
)


# 「9时24小时雨量一百七十八毫米；14时更新为二百一十六毫米」: a revision of the last figure of its unit, in any sentence before
_REVISION = re.compile(r"更新为|更正为|修正为|核实为")
_LATEST = re.compile(r"(?:现在|目前|最新|现已|刚才|刚刚)(?:是|确认|核实|统计|核准)?为?|" + _REVISION.pattern + "|现确认"
                     r"|核定后?(?:是|为)|(?:涨|升|增|上升|增加)(?:到|至)|合计|汇总(?:是|为|到)?"
                     r"|(?:今天|今日|今晨|截至目前)(?:核报|核实|统计|确认|上报)(?:是|为)?")
# a figure after an update cue with no name of its own: the quantity the last named figure of its unit before the
# cue, in the same sentence (「饮水困难人数早上汇总是两万八千多人，刚才水利局核定后是31200人」)
_SENTENCE_BREAK = re.compile(r"[。；！？\n]")


def _updated(norm: str, measured_all: list, spans: list, cue: int) -> dict[str, float]:
    """The figures stated after an update cue, each the first of its quantity after it."""
    named_before = {m.unit: m for m in measured_all if m.quantity and m.start < cue
                    and not _SENTENCE_BREAK.search(norm[m.start:cue])}
    revised = {m.unit: m for m in measured_all if m.quantity and m.start < cue}
    latest: dict[str, float] = {}
    for measured in measured_all:
        if measured.start <= cue:
            continue
        if measured.quantity:
            latest.setdefault(with_ratio(measured.quantity, measured.unit), _fact_value(measured))
        elif (earlier := named_before.get(measured.unit)) is not None and not latest:
            latest[with_ratio(earlier.quantity, earlier.unit)] = _reported_value(measured)
        elif not latest and (key := _named_before(norm, spans, cue, measured.unit)):
            latest[with_ratio(key, measured.unit)] = _reported_value(measured)  # 「饮水困难人口，上周报的是十九万，今天…是23.4万人」
        elif not latest and _REVISION.match(norm, cue) and (earlier := revised.get(measured.unit)) is not None:
            latest[with_ratio(earlier.quantity, earlier.unit)] = _reported_value(measured)
    return latest


_N = rf"(?P<n>\d+|{CN_WHOLE})"
_MORE_DEATHS = re.compile(rf"又(?:有)?{_N}(?:人|名)[^，。；\d]{{0,4}}?(?:经?抢救无效|死亡|身亡|不治|遇难)|又走了{_N.replace('n>', 'm>')}个"
                          # 「又挖出遇难者八人」: the dead named before their count
                          rf"|又(?:挖出|找到|发现|搜到|搜出)?(?:遇难者|遇难人员|死者|遗体){_N.replace('n>', 'k>')}(?:人|名|具)")
# 「吃完陆续有人吐，卫生院统计正好二十个」「陆续有人上吐下泻，到现在…一共收了１２个」: those made ill, counted where
# they were seen, in a report that tells symptoms but no count of the ill
_ILL = re.compile(r"上吐下泻|腹泻|拉肚子|呕吐|有人吐|发烧|发热|腹痛|肚子疼|头晕")
_SEEN_COUNT = re.compile(rf"(?:收了|收治了?|接诊了?|统计(?:正好|共|一共|有|了)?|就诊的?)(?:已经|共|一共|正好|有)?{_N}(?:个|人|名|例)")
# 「男主人被砸伤，已经在县人民医院住院」: someone hurt and admitted, told without a count
_UNCOUNTED_ADMISSION = re.compile(r"(?:伤|骨折)[，,]?(?:已经?|现已|目前)?(?:送|在|被送到?)?[^。；，,\d]{0,10}?(?:住院|收治入院)"
                                  r"(?!人数)")
# 「现场遇难四人；另一名伤员送医院抢救，今天凌晨五点不治身亡」: one more of those counted apart who died later
# (「上午送医的一名重伤护林员抢救无效死亡」: one of those sent to hospital)
# (「烧伤面积百分之九十的那名工人抢救无效死亡」: the one of those told of before)
_ANOTHER_DIED = re.compile(r"(?:(?:另(?:有)?|(?:送医|送院|住院|受伤|重伤)的)(?:一|1)|的那)(?:名|位|个|人)[^。；]{0,40}?(?:抢救无效|不治|医治无效|没(?:能)?抢救过来|没救过来)")
# a death figure (「死亡５人」「遇难四人」): a later one is a total that counts the one who died later
_DEATH_FIGURE = re.compile(rf"(?:死亡|遇难|身亡){_N}(?:人|名)|{_N.replace('n>', 'm>')}(?:人|名)(?:死亡|遇难|身亡)")


# deaths told without a figure of 死亡 (「一名村民被烧死」「找到两人遗体」)
_OTHER_DEATHS = re.compile(r"(?:烧|压|砸|撞|淹|溺|埋)死|遗体|无生命体征")


def _another_died(norm: str) -> int:
    """Those told apart from a death count who died later (「现场遇难四人；另一名伤员…不治身亡」), unless the count
    before them is a total (「共死亡2人：一人当场死亡，另一名…抢救无效死亡」) or a larger figure after them is
    (「区里统计死亡四人」 after four dead on site restates the count that leaves the later death out)."""
    added = 0
    for died in _ANOTHER_DIED.finditer(norm):
        before = list(_DEATH_FIGURE.finditer(norm, 0, died.start()))
        if not (before or _OTHER_DEATHS.search(norm, 0, died.start())) \
                or any(_TOTAL_BEFORE.search(norm[max(0, m.start() - 8):m.start()]) for m in before):
            continue
        counted = max((_death_figure(m) for m in before), default=0.0)
        if all(_death_figure(m) <= counted for m in _DEATH_FIGURE.finditer(norm, died.end())):
            added += 1
    return added


def _death_figure(m: re.Match) -> float:
    return parse_number(m["n"] or m["m"])


# 「中午又找到1人，已经遇难」「找到两人遗体」: missing people found dead, who move from the missing to the dead
# (「挖出两名工人，已经没有生命体征」: the people named after their count)
_FOUND_DEAD = re.compile(rf"(?:找到|发现|搜到|挖出){_N}(?:人|名|具)(?:[\u4e00-\u9fa5]{{0,4}}?[，,]?)?(?:遗体|(?:已经?|均已|但已)?"
                         r"(?:遇难|死亡|身亡|无生命体征|没有生命体征|没了生命体征))")
# 「中午在淤泥里找到第三人，已经遇难」: one more missing person found dead
_FOUND_NTH_DEAD = re.compile(r"(?:找到|发现|搜到|挖出)第[\d一二两三四五六七八九十]+(?:个|人|名)[，,]?(?:人)?(?:已经?|但已)?(?:遇难|死亡|身亡|无生命体征)")
# 「搜救队在下游找到两个，人都活着」「救出失联的2人，均无生命危险」: missing people found alive, no longer missing
_FOUND_ALIVE = re.compile(rf"(?:找到|发现|搜到|救出|找回){_N}(?:个|人|名)?[^，。；\d]{{0,4}}?[，,]?(?:人)?(?:都|均|还|已)?"
                          r"(?:活着|生还|获救|无生命危险|幸存)")
# 「失联的那名队员在沟底找到，已无生命体征」: the one missing person found dead
_FOUND_ONE_DEAD = re.compile(r"(?:失联|失踪)的(?:那|这)?(?:名|个|位)?[^，。；\d]{0,10}?(?:找到|发现|搜到)[^，。；\d]{0,4}?[，,]?"
                             r"(?:已经?|但已|均已)?(?:遇难|死亡|身亡|无生命体征)"
                             # 「在库内找到失联的那名保管员，已无生命体征」
                             r"|(?:找到|发现|搜到)了?(?:失联|失踪)的(?:那|这)?(?:名|个|位)?[^，。；\d]{0,8}?[，,]?"
                             r"(?:已经?|但已)?(?:遇难|死亡|身亡|无生命体征)")
# 「失踪的六人中找到两人生还、两人遇难」: the found listed by what became of them, the dead after the living
_FOUND_DEAD_LISTED = re.compile(rf"(?:找到|发现|搜到|救出|挖出)[^。；]{{0,12}}?[、，,]{_N}(?:个人|人|名)(?:已经?|均已)?"
                                r"(?:遇难|死亡|身亡|无生命体征)")
_FOUND_DEAD_FORMS = (_FOUND_DEAD, _FOUND_ONE_DEAD, _FOUND_NTH_DEAD, _FOUND_DEAD_LISTED)
# 「一名放牛的村民凌晨失联，上午10点在对面山上找到，人没事」: the one missing person found alive
_FOUND_ONE_ALIVE = re.compile(r"(?:失联|失踪)[，,][^。；]{0,20}?(?:找到|找回|发现)[^。；，,]{0,6}?[，,]?(?:人)?(?:都|还|已)?"
                              r"(?:没事|活着|平安|无恙|安全|生还|获救)")
# 「山洪冲走两个人」「3人被洪水卷走」: people swept away, missing unless found
_SWEPT_AWAY = re.compile(rf"(?:冲走|卷走)(?P<n>\d+|{CN_WHOLE})(?:个人|人|名)"
                         rf"|(?P<m>\d+|{CN_WHOLE})(?:个人|人|名)被(?:洪水|山洪|河水|水)?(?:冲走|卷走)")
# 「还有1人在找」「另一人仍在搜寻」「还有2人下落不明」: the missing still sought
# (「还有一名工人没找到」: the people named after their count)
_STILL_MISSING = re.compile(rf"(?:还有|另有|剩下|仍有|另){_N}(?:个人|人|名|个)[\u4e00-\u9fa5]{{0,4}}?(?:仍|还)?"
                            r"(?:在找|在搜寻|下落不明|失联|失踪|未找到|没找到)")


_TOWN = r"[\u4e00-\u9fa5]{2,6}?(?:镇|乡|街道|林场)(?![\u4e00-\u9fa5]{0,2}?(?:政府|党委|干部))"
# 「一头烧进椑木镇地界，另一头进了国有柞木沟林场的施业区」: a town the event spread into
_SPREAD_INTO = re.compile(rf"(?:烧进|烧到|烧入|烧过|蔓延到|蔓延至|蔓延进|进入|进了|越过|波及到?)[^，。；]{{0,4}}?(?P<town>{_TOWN})")


def _towns_reached(norm: str) -> float:
    """How many towns an event reached when the report tells it spreading: the town it began in and each one it
    spread into (「苘坝镇北山火场…烧进椑木镇地界，另一头进了国有柞木沟林场」 → 3); 0 when it tells no spreading."""
    spread = {re.sub(r"^(?:国有|地界|境内)", "", m["town"]) for m in _SPREAD_INTO.finditer(norm)}
    if not spread:
        return 0.0
    first = re.search(_TOWN, norm)
    return float(len(spread | ({first[0]} if first else set())))


# 「县畜牧站参照非洲猪瘟的标准，认为…是Ⅲ级」: a hazard named in someone's view of the grading, not the incident's
_OPINION = re.compile(r"参照|对照|比照|认为|觉得|建议|要求")


def reported_hazards(text: str) -> set[str]:
    """The hazards a report tells of; one named only in a sentence of someone's view (「参照非洲猪瘟的标准」) is not
    the incident's when another sentence names one."""
    told = set()
    for sentence in re.split(r"[。；;！!？?\n]", text):
        clauses = re.split(r"[，,]", sentence)
        # the clauses before the one that tells a view, and none after it (「县里已经启动了防汛Ⅰ级，建议市里也启动红色」)
        first_view = next((i for i, c in enumerate(clauses) if _OPINION.search(c)), len(clauses))
        told |= hazards_in("，".join(clauses[:first_view]))
    return told or hazards_in(text)


# 「两起累计扑杀七百七十头」: a total, which the figures before it make up
_TOTAL_BEFORE = re.compile(r"(?:累计|合计|一共|共计|总共|总计|共)[\u4e00-\u9fa5]{0,6}$")


def _culled(norm: str, measured: list) -> float | None:
    """Animals culled: a total the report states (「累计扑杀七百七十头」), else its figures added up (「疫点内扑杀一万四千头，
    四个疫区同群扑杀六千三百头」); None when it states fewer than two."""
    figures = [m for m in measured if m.quantity == "扑杀数量"]
    if len(figures) < 2:
        return None
    totals = [sum(m.values) for m in figures if _TOTAL_BEFORE.search(norm[max(0, m.start - 10):m.start])]
    return max(totals) if totals else float(sum(sum(m.values) for m in figures))


# 「先后确诊4个疫点，分别在苁城镇、垟口镇、岜山乡和蔸坪镇」: the towns an event is in, listed
_TOWNS_LISTED = re.compile(rf"(?:分别在|分别位于|分布在|分布于)(?P<list>(?:{_TOWN}[、，,和及与]?){{2,}})")


def _towns_listed(norm: str) -> float:
    return max((float(len(set(re.findall(_TOWN, m["list"])))) for m in _TOWNS_LISTED.finditer(norm)), default=0.0)


_COUNT_AFTER = re.compile(rf"[^。；;]{{0,12}}?(?:\d+|{CN_WHOLE})(?:个人|人|名)")


def _found_and_sought(norm: str, values: dict[str, float]) -> None:
    """A search's updates after the first figures: those found alive are no longer missing, those found dead leave
    the missing for the dead (or are the dead, where no one was counted missing), and 「还有1人在找」 says how many
    are missing now."""
    narrated = [m.end() for pattern in (*_FOUND_DEAD_FORMS, _FOUND_ALIVE, _FOUND_ONE_ALIVE, _STILL_MISSING)
                for m in pattern.finditer(norm)]
    if not narrated or any(cue.start() > max(narrated) and _COUNT_AFTER.match(norm, cue.end())
                           for cue in _LATEST.finditer(norm)):
        return  # 「…找到1人遗体，现在是死亡２人、失踪１人」: the later totals stand (「现在已经过了雪季」 is none)
    alive = sum(parse_number(m["n"]) for m in _FOUND_ALIVE.finditer(norm)) + len(_FOUND_ONE_ALIVE.findall(norm))
    if alive and "失踪" in values:
        values["失踪"] = max(values["失踪"] - alive, 0.0)
    found = sum(parse_number(m["n"]) for pattern in (_FOUND_DEAD, _FOUND_DEAD_LISTED) for m in pattern.finditer(norm)) \
        + len(_FOUND_ONE_DEAD.findall(norm)) \
        + len(_FOUND_NTH_DEAD.findall(norm))
    if found and "失踪" in values:
        values["死亡"] = values.get("死亡", 0.0) + found
        values["失踪"] = max(values["失踪"] - found, 0.0)
    elif found:  # 「挖出1人已无生命体征」: no one was counted missing before
        values["死亡"] = max(values.get("死亡", 0.0), found)
    if still := list(_STILL_MISSING.finditer(norm)):
        values["失踪"] = parse_number(still[-1]["n"])


# 「县人民医院收住院五人，其中一位七十六岁的老人十一点二十抢救无效死亡」: of the injured or admitted, those who died
_DIED_AMONG = re.compile(rf"(?P<name>受伤|伤员|伤者|住院|收治入院)[^。；]{{0,16}}?[，,]其中(?P<n>\d+|{CN_WHOLE})?(?:个|名|位|人)"
                         r"[^，。；]{0,24}?(?:死亡|身亡)")


def _died_among(norm: str, values: dict[str, float]) -> None:
    """Those of the injured or admitted whom the report says died are dead, and no longer counted injured (nor
    admitted, when they were of those admitted)."""
    for m in _DIED_AMONG.finditer(norm):
        died = parse_number(m["n"]) if m["n"] else 1.0
        keys = (ADMITTED, "受伤") if m["name"] in ("住院", "收治入院") else ("受伤",)
        for key in keys:
            if key in values:
                values[key] = max(values[key] - died, 0.0)


def _fact_value(measured) -> float:
    """The reported figure in the plan's terms: a wind speed in m/s is its Beaufort force."""
    value = _reported_value(measured)
    if canonical_unit(measured.unit)[1] == "米/秒" and measured.quantity in ("风力", "阵风", "海上风力"):
        return beaufort(value)
    return value


def _reported_value(measured) -> float:
    """The figure a report gives; 「超过100」 a hair above it and 「不足200」 a hair below it, so that each
    meets a criterion with the bound excluded on its side."""
    value = measured.values[0]
    if measured.pre in _MORE_THAN:
        return value * (1 + 1e-9) + 1e-9
    if measured.pre in _LESS_THAN:
        return value * (1 - 1e-9) - 1e-9
    return value


_CLAIMED = re.compile(r"说|按照?|称|认为|要求|觉得|以为|报成|当作|写的?是|写成|报的是|报为|上报为")
_LESS_THAN = ("不足", "不到", "不满", "低于", "小于", "少于")
_NOT_REACHED = re.compile(r"(?:够不上|达不到|未达到?|不够|不到|不属于|不算)$")


def _keep_lowest(values: dict[str, float], key: str, level: float) -> None:
    values[key] = min(values.get(key, level), level)


# 「百分之二十」「一成八」「三成五」「两成」「六成多」 as officers say a share
_PERCENT_WORDS = re.compile(
    r"百分之(?P<p>[零〇一二两三四五六七八九十百点]+)"
    r"|(?<![零〇一二两三四五六七八九十])(?P<t>[一二两三四五六七八九])成(?P<u>[一二三四五六七八九])?多?"
    r"(?![员为功本果绩立不新型])"
)


def percent_words(text: str) -> str:
    """Shares written in words as figures: 「百分之二十」 → 「20%」, 「一成八」 → 「18%」, 「六成多」 → 「60%」."""
    def figure(m: re.Match[str]) -> str:
        if m["p"]:
            value = 100 if m["p"] == "百" else words_to_number(m["p"])  # 「百分之百」, which cn2an cannot read
            if value is None:
                return m[0]
        else:
            value = cn_to_int(m["t"]) * 10 + (cn_to_int(m["u"]) if m["u"] else 0)
        return f"{value:g}%"

    return _PERCENT_WORDS.sub(figure, text)


def _named_before(norm: str, spans: list, at: int, unit: str) -> str | None:
    """The quantity a bare figure is of: the last one counted in its unit named earlier in its sentence
    (「停电户数已过半，营销系统显示约52%」 → 停电用户; 「50毫米以上的笼罩面积，水文局算出来是4000平方公里整」 → 笼罩面积)."""
    return _named_in(norm, spans, max(norm.rfind(p, 0, at) for p in "。；;") + 1, at, unit)


def _named_in(norm: str, spans: list, start: int, end: int, unit: str) -> str | None:
    """The last quantity counted in `unit` named in norm[start:end]."""
    named = [s for s in spans if start <= s.start and s.end <= end and unit in s.units]
    return named[-1].key if named else None


def figures_of(text: str, key: str) -> list[float]:
    """Every figure a report gives for one quantity, the named one and the bare ones after it in its sentence
    (「泖东站最大1小时雨量46.2毫米，砖桥站40.0毫米，鼓楼站31.5毫米」 → [46.2, 40.0, 31.5])."""
    t = plan_text(percent_words(text))
    spans = find_quantities(t.norm)
    return [max(m.values) for m in find_measured(t)  # a range (「61～88毫米」) is one figure, of several places
            if (m.quantity and with_ratio(m.quantity, m.unit) == key)
            or (not m.quantity and _named_before(t.norm, spans, m.start, m.unit) == key)]


# upper bound (m/s) of each Beaufort force 0–17, as forecasts convert a wind speed to 级
_BEAUFORT = (0.2, 1.5, 3.3, 5.4, 7.9, 10.7, 13.8, 17.1, 20.7, 24.4, 28.4, 32.6, 36.9, 41.4, 46.1, 50.9, 56.0, 61.2)


def beaufort(speed: float) -> float:
    """A wind speed in m/s as the force 级 plans grade: 23.9 m/s → 9级, 30.1 m/s → 11级."""
    return float(next((force for force, bound in enumerate(_BEAUFORT) if speed <= bound), len(_BEAUFORT)))


# a count in digits or Chinese numerals, uncaptured (`_N` above captures its count as `n`)
_COUNT = rf"(?:\d+|[{CN_NUMERAL_CHARS}]+)"
_GROUP = r"(?:大人|成人|小孩|孩子|儿童|学生|老人|妇女|男子|女子|游客|乘客|村民|工人|民工|司机|职工|居民)"
# 「六个大人、四个小孩」: people counted by group; 「分别是三百二十人和二百零五人」: two groups' counts
_PEOPLE_GROUPS = re.compile(rf"(?P<a>{_COUNT})(?:个|名|位)?{_GROUP}(?:(?:、|和|及|加上?|还有)(?P<b>{_COUNT})(?:个|名|位)?{_GROUP})+")
_EACH_COUNTED = re.compile(rf"分别(?:是|有|为|住着?)?(?P<a>{_COUNT})人(?:(?:、|和|及)(?P<b>{_COUNT})人)+")
# 「往鲢州方向三百二十辆、往鲂溪方向一百八十辆」: one count given per direction of a road
_BY_DIRECTION = re.compile(rf"(?:往|向|去)[\u4e00-\u9fa5]{{1,4}}方向[\u4e00-\u9fa5]{{0,5}}?(?P<a>{_COUNT})(?P<u>辆|人)"
                           rf"(?:[、，,和及](?:往|向|去)[\u4e00-\u9fa5]{{1,4}}方向[\u4e00-\u9fa5]{{0,5}}?{_COUNT}(?P=u))+")


def summed_groups(text: str) -> str:
    """Counts given by group or by direction, as one sum: 「有六个大人、四个小孩自己出不来」 → 「有10人自己出不来」, 「常住的
    分别是三百二十人和二百零五人」 → 「常住的525人」, 「主线压车往鲢州方向三百二十辆、往鲂溪方向一百八十辆」 → 「主线压车500辆」."""
    def total(m: re.Match[str], unit: str = "人") -> str:
        return f"{sum(parse_number(n) for n in re.findall(_COUNT, m[0])):g}{unit}"

    text = _BY_DIRECTION.sub(lambda m: m[0][:m.start("a") - m.start()] + total(m, m["u"]), text)
    text = _BY_PLACE_FOR.sub(  # (only the figures after 为: 「市第二人民医院」 holds one too)
        lambda m: f"为{sum(parse_number(n) for n in re.findall(rf'为({_COUNT})', m[0])):g}名{m['noun']}", text)
    text = _COUNTS_BEFORE_NOUN.sub(lambda m: total(m, "名"), text)
    return _EACH_COUNTED.sub(total, _PEOPLE_GROUPS.sub(total, text))


# 「饮水困难三万一千户，按各县市区核实的户均人口三点八人计」: households, counted in people at the size the sentence gives
_PER_HOUSEHOLD = re.compile(rf"户均(?:人口|人数)?(?:为|按|是|约)?(?P<n>\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}点]+)(?:个|名)?人")
# (households of people in need or moved, not of houses down or of users cut off, which plans count in 户)
_HOUSEHOLDS = re.compile(rf"(?P<pre>(?:饮水困难|转移|安置|疏散|撤离|被困)[^，,。；;\d{CN_NUMERAL_CHARS}]{{0,6}}?)"
                         rf"(?P<n>\d+(?:\.\d+)?万?|[{CN_NUMERAL_CHARS}万点]+)户(?!均)")


def households_as_people(text: str) -> str:
    """「…三万一千户，按…户均人口三点八人计」 → 「…117800人，…」; a sentence without a household size is left as it is."""
    def sentence_in_people(m: re.Match[str]) -> str:
        size = _PER_HOUSEHOLD.search(m[0])
        if not size:
            return m[0]
        per = words_to_number(size["n"])

        def in_people(h: re.Match[str]) -> str:
            households = words_to_number(h["n"])
            return h[0] if per is None or households is None else f"{h['pre']}{households * per:g}人"

        return _HOUSEHOLDS.sub(in_people, m[0])

    return re.sub(r"[^。；;！!？?\n]+", sentence_in_people, text)


_COUNTED_PEOPLE = r"(?:伤员|伤病员|伤者|病人|患者|群众|学生|村民|居民|游客|旅客|职工|工人)"
# 「两家医院为十九名、十三名伤员提出了输血申请」: counts listed before the people they count
_COUNTS_BEFORE_NOUN = re.compile(rf"(?P<a>{_COUNT})\s*(?:名|人|位)(?:\s*[、和及]\s*{_COUNT}\s*(?:名|人|位))+(?={_COUNTED_PEOPLE})")
# 「县人民医院为十八名伤员、市第二人民医院为十二名伤员」: each place's own count of the same people
_BY_PLACE_FOR = re.compile(rf"为(?P<a>{_COUNT})\s*(?:名|人|位)(?P<noun>{_COUNTED_PEOPLE})"
                           rf"(?:[、，,和及][\u4e00-\u9fa5]{{2,12}}?为{_COUNT}\s*(?:名|人|位)(?P=noun))+")


# 「估算直接经济损失四百六十万」: a loss in 万 or 亿 said without 元 is money all the same
_YUAN_LEFT_OUT = re.compile(rf"损失[约近达了为有超过逾]{{0,3}}(?:[\d.]+|[{CN_NUMERAL_CHARS}点万亿]+?)多?[万亿]"
                            rf"(?![元美\d{CN_NUMERAL_CHARS}点多万亿])")


# 「华氏三十五度」「35°F」「95华氏度」: a temperature in Fahrenheit, which plans grade in Celsius
_FAHRENHEIT = re.compile(rf"华氏(?P<minus>零下)?(?P<a>-?\d+(?:\.\d+)?|{CN_WHOLE})度|(?P<b>-?\d+(?:\.\d+)?)\s*(?:°F|℉|华氏度)")


def celsius(text: str) -> str:
    """Temperatures in Fahrenheit as Celsius: 「华氏三十五度」 → 「1.7摄氏度」."""
    def converted(m: re.Match[str]) -> str:
        value = (-1 if m["minus"] else 1) * parse_number(m["a"]) if m["a"] else float(m["b"])
        return f"{(value - 32) * 5 / 9:.1f}摄氏度"

    return _FAHRENHEIT.sub(converted, text)


# 「祁东县15时发布暴雨红色预警信号」: the county, district or city that issued a warning, opening its clause
_ISSUER = re.compile(r"(?:^|[，,；;：:。])(?P<place>[\u4e00-\u9fa5]{1,4}?(?:县|区|市))(?:气象台|气象局)?[^，,；;。]{0,14}?(?:发布|发出|发了)[^，,；;。]{0,4}$")


def _places_issuing(norm: str) -> dict[tuple[str, int], set[str]]:
    """{(暴雨, 1): {衡南县, 祁东县, 衡东县}}: the places that each issued a warning of a hazard and colour in a clause of
    their own (「衡南县14时发布暴雨红色预警信号…；祁东县15时发布暴雨红色预警信号」); one that issued it twice counts once."""
    found: dict[tuple[str, int], set[str]] = {}
    for m in WARNING_COLOUR.finditer(norm):
        if m["hazard"] and (issuer := _ISSUER.search(norm, max(0, m.start() - 24), m.start())):
            found.setdefault((m["hazard"], COLOUR_LEVEL[m["colour"]]), set()).add(issuer["place"])
    return found


# a place that opens a clause (not 「本区」「全县」), and what follows it before its count: 「安置点登记」「报」「转移」
_OPENING_PLACE = r"(?![本全该各])(?P<place>[\u4e00-\u9fa5]{1,8}?(?:区|县|市|镇|乡|街道|村|社区))"
_COUNT_LEAD = r"(?:安置点|集中安置点)?(?:报|上报|统计|登记)?(?:转移|撤离|安置)?约?"
# 「浈口镇安置点登记三十一人；湔坪乡安置点登记十七人」「甲镇转移三十一人，乙乡转移十七人」: a clause that opens with a place
# and its own count of what is named
_PLACE_COUNTING = re.compile(rf"^{_OPENING_PLACE}(?:安置点|集中安置点)?(?:登记|上报|统计|报)?(?:紧急)?(?:转移|撤离|安置|疏散)?(?:了)?"
                             r"(?:群众|人员|居民|村民)?(?:约|共)?$")


def _counts_by_place(norm: str, measured: list) -> dict[str, float]:
    """The sum of a count that each of several places gives in a clause of its own, for the counts that add up
    (`_ADDED_BY_MORE`): the first figure alone had stood as the headline."""
    by_key: dict[str, list[tuple[str, float]]] = {}
    for m in measured:
        if m.quantity not in _ADDED_BY_MORE:
            continue
        clause = norm[max(norm.rfind(p, 0, m.start) for p in "，,；;。：:") + 1:m.start]
        opened = _PLACE_COUNTING.match(clause)
        by_key.setdefault(m.quantity, []).append((opened["place"] if opened else "", _fact_value(m)))
    return {key: sum(v for _, v in counts) for key, counts in by_key.items()
            if len(counts) >= 2 and all(place for place, _ in counts) and len({p for p, _ in counts}) == len(counts)}


def fact_values(text: str) -> dict[str, float]:
    """Quantities stated in `text`, keyed like plan thresholds:
    「需转移群众1.2万人」 → {"转移人员": 12000}."""
    text = _NOT_ONE.sub("没有人", _OPINIONS.sub("", text))
    t = plan_text(percent_words(summed_groups(households_as_people(celsius(_YUAN_LEFT_OUT.sub(r"\g<0>元", text))))))
    values: dict[str, float] = {}
    covered: list[tuple[int, int]] = []
    for m in RELATIVE_LEVEL.finditer(t.norm):
        covered.append((m.start(), m.end()))
        value = _relative_level_value(m)
        key = f"超{m['ref']}水位"
        if value is not None and not (value == ABOVE_UNSTATED and key in values):  # 「…也超警了」 keeps the figure
            values[key] = value
            left, _ = clause_bounds(t.norm, m.start(), m.end())
            if listed := listed_count(t.norm[left : m.start()]):
                values[f"超{m['ref']}水位{PLACE_COUNT}"] = listed
                if listed_rivers(t.norm[left : m.start()]):  # 「甲河、乙河干流控制站均超警戒」: two rivers
                    values[f"超{m['ref']}水位{RIVER_COUNT}"] = listed
    for m in WARNING_COLOUR.finditer(t.norm):
        if "解除" not in t.norm[max(0, m.start() - 6) : m.start()]:
            level = COLOUR_LEVEL[m["colour"]]
            _keep_lowest(values, "预警级别", level)
            if m["hazard"]:
                _keep_lowest(values, f"{m['hazard']}预警级别", level)
                left, _ = clause_bounds(t.norm, m.start(), m.end())
                if (listed := listed_count(t.norm[left:m.start()])) and values[f"{m['hazard']}预警级别"] == level:
                    values[f"{m['hazard']}预警级别{PLACE_COUNT}"] = listed  # 「衡南县、常宁市、祁东县气象台先后发了暴雨红色预警」
    for (hazard, level), places in _places_issuing(t.norm).items():
        key = f"{hazard}预警级别{PLACE_COUNT}"
        if len(places) >= 2 and values.get(f"{hazard}预警级别") == level:
            values[key] = max(values.get(key, 0.0), float(len(places)))
    values.update(places_started(t.norm, lambda at: clause_bounds(t.norm, at, at)[0]))
    values.update(places_warned(t.norm))
    values.update(places_in_state(t.norm))
    for m in EVENT_CLASS.finditer(t.norm):
        left = max(t.norm.rfind(sep, 0, m.start()) for sep in "。；;\n") + 1
        if _CLAIMED.search(t.norm[left:m.start()]) or _NOT_REACHED.search(t.norm[max(0, m.start() - 4):m.start()]):
            # 「镇里说按较大事故报」「县里认为死伤五个人，属于较大事件」: someone's grading, which the reported figures
            # decide; 「够不上一般事件」 is no grade either
            continue
        _keep_lowest(
            values, "事件等级", max(SEVERITY[s] for s in re.findall("特别重大|重大|较大|一般", m[0]))
        )
    # a search's updates (「又找到1人，已经遇难」「还有1人在找」) are read by `_found_and_sought`, not as figures
    covered += [(m.start(), m.end()) for pattern in (_FOUND_DEAD, _STILL_MISSING) for m in pattern.finditer(t.norm)]
    # (「收住县中医院两人、三人门诊处理」: a count of those sent home is none admitted, whatever name precedes it)
    measured_all = [m for m in find_measured(t) if not any(s <= m.start < e for s, e in covered)
                    and not (m.quantity == ADMITTED and _NOT_ADMITTED.match(t.norm, m.end))]
    for measured in measured_all:
        if measured.quantity:
            # 「超过100毫米」 is more than 100: it meets 「超过100毫米」 as well as 「100毫米以上」.
            # 「能见度不足200米」 is less than 200: it meets 「小于200米」. The first figure a report gives
            # for a quantity is its headline; later ones (「其余镇街62～118毫米」) do not replace it.
            values.setdefault(with_ratio(measured.quantity, measured.unit), _fact_value(measured))
    values.update(_counts_by_place(t.norm, measured_all))
    counted: set[str] = set()
    spans = find_quantities(t.norm)
    for measured in measured_all:  # 「倒塌房屋870间；…薷田镇又倒塌130间」: a running update adds to the count
        # (「储户在营业部门口聚了一百九十人，另有三百二十人到市政府门口」: a bare figure is more of the one named before)
        key = measured.quantity or _named_before(t.norm, spans, measured.start, measured.unit)
        if key in counted and key in values and _MORE.search(t.norm[max(0, measured.start - 8):measured.start]) \
                and not (key in (ADMITTED, "中毒") and _NOT_ADMITTED.match(t.norm, measured.end)):
            values[key] += sum(measured.values)
        if key in _ADDED_BY_MORE:
            counted.add(key)
    for measured in measured_all:  # 「藜城区转移安置一万八千人、葶湾区九千人」: each place's count adds to the named one
        key = None if measured.quantity else _named_before(t.norm, spans, measured.start, measured.unit)
        opens = max(t.norm.rfind(p, 0, measured.start) for p in "。；;")
        sentence = t.norm[opens + 1:measured.start]
        whole_start = t.norm.rfind("。", 0, measured.start) + 1
        whole = t.norm[whole_start:measured.start]
        if key is None and not measured.quantity and opens >= 0 and t.norm[opens] in "；;" \
                and _PLACE_OPENS.match(sentence):
            # 「浉城镇安置点登记转移六百二十人；涞溪乡登记二百六十人」: the next place's count, after a semicolon
            key = _named_in(t.norm, spans, whole_start, opens, measured.unit)
            sentence = "；" + sentence
        if key not in _ADDED_BY_MORE:
            continue
        if _PLACE_BEFORE.search(sentence[-24:]) and not _TOTAL_FIRST.search(sentence) and not _WHOLE_FIRST.search(whole):
            # (not 「全区转移5200人，城关镇3000人、…」, which breaks a total down); the first of the places may give
            # the first figure (「饮水困难人口，祁东县五万六千人，衡南县四万一千人」)
            values[key] = values.get(key, 0.0) + sum(measured.values)
    for update in _LATEST.finditer(t.norm):  # 「早上报死亡1人…现在是死亡２人、失踪１人」: the latest figures stand
        clause = t.norm[max(t.norm.rfind(p, 0, update.start()) for p in "，,。；;") + 1:update.start()]
        if not any(m.start < update.start() for m in measured_all if m.quantity):
            continue  # 「市防办02:30汇总：…」 heads the report: there is nothing before it to update
        if "其中" not in clause:  # 「其中祁东、衡南、常宁三县市合计六十一万亩」 is a part's total, not an update
            values.update(_updated(t.norm, measured_all, spans, update.start()))
    values.update(aqi_facts(t.norm))
    for key, combine in _OVER_MENTIONS.items():
        # 「两条县道管制28公里和22公里」: a bare figure after a named one is another mention of it
        figures = [v for m in measured_all if m.quantity == key or not m.quantity and combine is sum
                   and _named_before(t.norm, spans, m.start, m.unit) == key for v in m.values]
        if len(figures) > 1:
            values[key] = combine(figures)
    for measured in measured_all:
        if not measured.quantity and (key := _named_before(t.norm, spans, measured.start, measured.unit)):
            values.setdefault(with_ratio(key, measured.unit), _reported_value(measured))
    values.update(_place_counts(t.norm, measured_all))
    if not any(k.endswith(DURATION) for k in values) and (hours := _duration(t.norm)) is not None:
        values[DURATION] = hours
    if "过火面积" not in values and "森林火灾" in hazards_in(t.norm):
        # 「山脊上起火，估计三亩来地」: a fire report's area with nothing named is the area burnt
        bare = next((m for m in measured_all if not m.quantity and m.unit in ("公顷", "平方公里", "平方米")), None)
        if bare is not None:
            values["过火面积"] = _reported_value(bare)
    if "过火面积" in values and _GRASS_FIRE.search(t.norm) and not _WOODLAND.search(_NOT_WOODLAND.sub("", t.norm)):
        # 「草场火，过火约4800亩，全是草地没有林地」; beside a grassland figure, 「过火已经超过一千五百亩」 restates it
        values.setdefault(GRASSLAND_AREA, values.pop("过火面积"))
    if "死亡" in values:  # 「当场死亡7人；送医的5人中又有3人抢救无效」: a running update adds the later deaths
        values["死亡"] += sum(parse_number(m["n"] or m["m"] or m["k"]) for m in _MORE_DEATHS.finditer(t.norm))
        values["死亡"] += _another_died(t.norm)
    not_found = t.norm
    for found_dead in _FOUND_DEAD_FORMS:  # the missing found dead are counted below
        not_found = found_dead.sub("", not_found)
    values.update(foreign_counts(t.norm))
    if FOREIGN_DEAD_OR_MISSING in values and "死亡" not in values and DEAD_OR_MISSING not in values:
        values[DEAD_OR_MISSING] = values[FOREIGN_DEAD_OR_MISSING]  # 「境外游客死亡2人」: two dead, of all
    if "死亡" not in values and DEAD_OR_MISSING not in values and _UNCOUNTED_DEATH.search(not_found):
        values["死亡"] = 1.0  # 「驾驶员经抢救无效死亡」: one death, though no figure is given
    if "中毒" not in values and SEEN_BY_DOCTORS not in values and _ILL.search(t.norm) \
            and (seen := _SEEN_COUNT.search(t.norm)):
        values[SEEN_BY_DOCTORS] = float(parse_number(seen["n"]))  # 「陆续有人上吐下泻…一共收了１２个」
    if ADMITTED not in values and "受伤" not in values and any(
            not re.search(r"[无未没不均都]", t.norm[max(0, m.start() - 3):m.end()]) for m in _UNCOUNTED_ADMISSION.finditer(t.norm)):
        values[ADMITTED] = 1.0  # 「男主人被砸伤，已经在县人民医院住院」: one admitted, though no figure is given
    if "失踪" not in values and DEAD_OR_MISSING not in values and (swept := _SWEPT_AWAY.search(t.norm)):
        values["失踪"] = float(parse_number(swept["n"] or swept["m"]))  # 「山洪冲走两个人」: missing, until found
    _found_and_sought(t.norm, values)
    _died_among(t.norm, values)
    if (on_board := aboard(t.norm)) is not None and on_board > values.get(IN_DISTRESS, 0):
        values[IN_DISTRESS] = on_board  # 「还有十三人遇险」 of 「船上游客六十八人、船员六人」: all 74 were in distress
    if (culled := _culled(t.norm, measured_all)) is not None:
        values["扑杀数量"] = culled
    if TOWNS_REACHED not in values and (listed := _towns_listed(t.norm)):
        values[TOWNS_REACHED] = listed
    if TOWNS_REACHED not in values and (reached := _towns_reached(t.norm)):
        values[TOWNS_REACHED] = reached
    if "死亡" not in values and DEAD_OR_MISSING not in values and NO_DEATHS.search(t.norm):
        values["死亡"] = 0.0
    if (rate := rise_rate(t.norm)) is not None:
        values[RISE_RATE] = rate  # a gauge's timed readings, over a rate someone worked out
    return values


# 「一个泰国旅行团…泰国游客两人死亡、一人失踪」「香港游客一人死亡」: the clause after visitors from abroad
_FOREIGN_VISITORS = re.compile(FOREIGN_VISITOR + r"(?P<rest>[^。；;]{0,24})")


def foreign_counts(text: str) -> dict[str, float]:
    """The dead and missing among visitors from abroad, from the clause that names them: 「泰国游客两人死亡、一人失踪」
    → {"境外人员死亡失踪": 3}. A foreign resident (「持居留证件」) is no visitor, and is told of as a 导游 or 员工."""
    total = None
    for m in _FOREIGN_VISITORS.finditer(text):
        counted = fact_values_plain(m["rest"])
        if "死亡" in counted or "失踪" in counted:
            total = (total or 0.0) + counted.get("死亡", 0.0) + counted.get("失踪", 0.0)
    return {} if total is None else {FOREIGN_DEAD_OR_MISSING: total}


def fact_values_plain(text: str) -> dict[str, float]:
    """The figures a short clause names, without the rules that read a whole report."""
    return {m.quantity: sum(m.values) for m in find_measured(plan_text(text)) if m.quantity}


# a fire on grass alone: what burnt is 受害草原面积, which plans grade apart from a forest's 过火面积
_GRASS_FIRE = re.compile(r"草原|草场|草地")
_WOODLAND = re.compile(r"森林|林地|林场|林区|树")
_NOT_WOODLAND = re.compile(r"(?:没有|无|不是|未烧到|没烧到)林地")


# Quantities a report states in several figures, read together: road closed on several sections adds up
# (「高速封了26公里，国道又封了12公里」); a run of cold days is as cold as its mildest day (「连续4天在零下9到零下11摄氏度」).
_OVER_MENTIONS = {"封闭里程": sum, "零下温度": min, "最低气温": min}
# counts a later 「又」 adds to (「又倒塌一百三十间」「又转移了300人」); deaths have their own forms (`_MORE_DEATHS`)
_ADDED_BY_MORE = {"倒塌房屋", "转移人员", "受伤", "重伤", "被困人员", "饮水困难人口", "泄漏量", "停电用户", "停水用户", "停气用户",
                  "绝收面积", GREENHOUSE_AREA, "聚集人数", "住宅进水户数", ADMITTED, "笼罩面积", "中毒"}
_MORE = re.compile(r"又|再次?|新增|另有")
# 「另有二十三人门诊处理后返校」: the others were treated and sent home, no more admitted
# (「另有四人在县人民医院门诊处理」: treated at a named hospital)
_NOT_ADMITTED = re.compile(r"(?:在[\u4e00-\u9fa5]{1,10}?(?:医院|卫生院|诊所))?[^，。；\d]{0,4}?(?:门诊|留观|观察|包扎|处理后|回家|离院|返校)")
# a count listed after another place's (「…一万八千人、葶湾区九千人」): the place right before its figure
_WHOLE_FIRST = re.compile(r"全[区县市镇乡省]")  # (「全县转移五千人；城关镇三千人」: the whole's, then a part's)
_TOTAL_FIRST = re.compile(rf"{_WHOLE_FIRST.pattern}|共计?|合计|累计|总计|其中")
# (「收住院的伤员县人民医院三十八人、县中医院十六人」: hospitals list their own counts too)
# (「撤离1号楼三十六人、2号楼十八人」: buildings list their own counts too)
# (「…两千五百二十人，第二中学寄宿学生和老师六百六十五人」: a school, a firm or a home lists its own people too)
# a clause that opens with a place and its count: 「涞溪乡登记二百六十人」「溱湾镇安置点登记一百五十人」
_PLACE_OPENS = re.compile(rf"^{_OPENING_PLACE}{_COUNT_LEAD}$")
_PLACE_BEFORE = re.compile(r"[、，,；;](?:[\u4e00-\u9fa5]{1,8}(?:区|县|市|镇|乡|街道|村|社区|医院|卫生院|小学|中学|学校|幼儿园|学院"
                           r"|公司|厂|敬老院|养老院)|[\d一二三四五六七八九十]{1,3}号?(?:楼|栋|幢))"
                           r"(?:一带|境内|[\u4e00-\u9fa5]{0,4}?(?:学生|师生|老师|教师|职工|员工|住户|居民|村民|老人)"
                           r"(?:和(?:学生|老师|教师|职工|员工|家属))?)?" + _COUNT_LEAD + "$")


# 「停了50个小时」「预计总共要30个小时左右」「停止服务一个半小时」「修复至少4天」: how long, with nothing named it
# lasted (a window 「过去24小时」, a limit 「2小时内」 or a cadence 「每2小时」 is none)
_BARE_DURATION = re.compile(
    rf"(?<![第\d.])(?P<n>\d+(?:\.\d+)?|{CN_WHOLE})\s*(?:个)?(?P<more>多|半)?\s*个?"
    r"(?P<unit>分钟|小时|钟头|天)(?!内|之内|以内|后|前|一次|降雨|降水|雨量|累计|[^，。；]{0,8}?(?:毫米|mm))"
)
DURATION = "时长"


# 「14时10分发现火情…到20时30分还有明火」「昨晚22:30起…全部中断…凌晨3:10切换到备用系统后恢复」: how long, from one
# clock time of the day to a later one (the next morning's, after a night)
_PART = r"(?:凌晨|早上|上午|中午|下午|傍晚|晚上|昨晚|今晨|今早|夜里|夜间)"
_CLOCK = r"(?P<p{n}>{part})?(?P<h{n}>\d{{1,2}})[时点:](?:(?P<m{n}>\d{{1,2}})分?)?"
_CLOCK_SPAN = re.compile(_CLOCK.format(n=1, part=_PART) + r"(?:[^。；]{0,40}?(?:到|至|直到)了?" + _CLOCK.format(n=2, part=_PART)
                         + r"|[^。；]{0,60}?[，,]" + _CLOCK.format(n=3, part=_PART) + r"[^，。；]{0,12}?(?:恢复|抢通|修复))")
# 「上午１０点０５分起，…打不通。…１０点４２分１１９恢复呼通」: from the time something began to the time a later
# sentence says it was restored
_CLOCK_SPAN_ACROSS = re.compile(_CLOCK.format(n=1, part=_PART) + r"(?:起|开始)[^。；]{0,60}[。；](?:[^。；]{0,80}[。；]){0,2}?"
                                + r"[^。；]{0,20}?" + _CLOCK.format(n=3, part=_PART)
                                + r"[^，。；]{0,12}?(?:[，,][^，。；]{0,8}?)?(?:恢复|抢通|修复)")


# 「全县没有一个人被埋、受伤」「无一人受伤」「一个人也没受伤」: no one, which is no count of one
_NOT_ONE = re.compile(r"(?:没有|无|未有)一(?:个|名)?人|一(?:个|名)?人(?:也|都)(?:没有?|未)")


# 「礌山乡认为井下只剩两个人，…也才二十三个小时。」: someone's view of the figures, which the figures reported decide
_OPINIONS = re.compile(r"(?:^|(?<=[。！!？?\n]))[^。！!？?\n，,；;]{1,12}?(?:认为|觉得|以为|主张)[^。！!？?\n]*[。！!？?]?"
                       # 「县里把住院和门诊加在一起一百零五人，按一百人以上受伤报红色响应」: figures someone adds up to ask for a
                       # level, which the figures reported before decide
                       r"|(?:^|(?<=[。！!？?\n]))[^。！!？?\n，,；;]{1,12}?把[^。！!？?\n]*?(?:报|请示|要求|申请)"
                       r"[^。！!？?\n]{0,12}?(?:[ⅠⅡⅢⅣ一二三四]级|[红橙黄蓝]色响应)[^。！!？?\n]*[。！!？?]?")


# 「１３日晚上２３点４０分井下透水…现在是１５日０点１０分」: from a day's clock time to a later day's
_DATED_TIME = re.compile(r"(?P<day>\d{1,2})日[）)]?(?P<part>凌晨|早上|上午|中午|下午|傍晚|晚上|夜间)?(?P<h>\d{1,2})[时点](?:(?P<m>\d{1,2})分?)?")



def _duration(norm: str) -> float | None:
    """How long what the report tells has lasted: a duration it states, else the span of the dated or clock times it
    tells, else someone's count. A span of dated times is more exact than a count of whole days (「前后扑了三天」
    against 「4月2日上午10点…到5日上午11点」: 73 hours; 「14日16时20分发现丢失…到今天（15日）16时50分」 against 「丢了四天了」)."""
    dated = _dated_span(norm)
    if dated is None:
        dated = _relative_span(norm)
    if (bare := _bare_duration(norm)) is not None:
        return dated if dated is not None and bare % 24 == 0 else bare
    for hours in (dated, _clock_span(norm), _bare_duration(norm, counted=True)):
        if hours is not None:
            return hours
    return None


# 「前天凌晨两点十分…今天凌晨三点四十」: clock times on days told relative to today
_RELATIVE_DAYS = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0}
_RELATIVE_TIME = re.compile(r"(?P<day>前天|昨天|昨日|今天|今日)(?P<part>凌晨|早上|上午|中午|下午|傍晚|晚上|夜间)?"
                            r"(?P<h>\d{1,2})[时点](?:(?P<m>\d{1,2})分?)?")


def _relative_span(norm: str) -> float | None:
    times = list(_RELATIVE_TIME.finditer(norm))
    if len({m["day"] for m in times}) < 2 or len({_RELATIVE_DAYS[m["day"]] for m in times}) < 2:
        return None

    def hours(m: re.Match[str]) -> float:
        return _RELATIVE_DAYS[m["day"]] * 24 + clock_hours(m["part"], m["h"], m["m"])

    span = max(map(hours, times)) - hours(times[0])
    return round(span, 2) if 0 < span <= 3 * 24 else None


# 「国家气候中心…1月12日8时联合会商：从1月9日8时到1月12日8时…」: the time a report was sent, which ends a span and opens none
_HEADER_TIME_END = re.compile(r"[^，,。；;：:]{0,12}[：:]")


def _dated_span(norm: str) -> float | None:
    times = list(_DATED_TIME.finditer(norm))
    if len(times) < 2:
        return None

    def hours(m: re.Match[str]) -> float:
        return int(m["day"]) * 24 + clock_hours(m["part"], m["h"], m["m"])

    start = times[0]
    if _HEADER_TIME_END.match(norm, start.end()) and not re.search(r"[，,。；;：:]", norm[:start.start()]):
        start = times[1]
    span = max(map(hours, times)) - hours(start)  # to the latest time told (「…到现在（29日22点）」 before 「29日凌晨1点」)
    return round(span, 2) if 0 < span <= 31 * 24 else None


# 「霏坪乡11时报：…从凌晨两点堵到现在」: the time a report was sent, which its 「现在」 is, and no start of what it tells
_REPORT_TIME = re.compile(r"^[^。；;：:]{0,24}?" + _CLOCK.format(n=0, part=_PART) + r"(?:许|左右)?(?:报|报告|来电|续报|通报|汇总)[：:，,]")
_UNTIL_NOW = re.compile(r"(?:到|至|直到)(?:现在|目前|此刻)|至今")


def _clock_span(norm: str) -> float | None:
    if header := _REPORT_TIME.match(norm):
        now = f"{header['p0'] or ''}{header['h0']}点{header['m0'] or '0'}分"
        norm = _UNTIL_NOW.sub(f"到{now}", norm[header.end():])
    m = _CLOCK_SPAN.search(norm) or _CLOCK_SPAN_ACROSS.search(norm)
    if not m:
        return None
    groups = m.groupdict()
    end_part, end_hour, end_minute = (m["p2"], m["h2"], m["m2"]) if groups.get("h2") else (m["p3"], m["h3"], m["m3"])
    start, end = clock_hours(m["p1"], m["h1"], m["m1"]), clock_hours(end_part, end_hour, end_minute)
    if end < start and not end_part and m["p1"] in AFTERNOON and start < 24 and end + 12 > start:
        end += 12  # 「下午2点05分…到2点47分」: the second time is in the same afternoon
    elif end < start and (end_part in MORNING or m["p1"] in AFTERNOON or start >= 12):
        end += 24  # 「昨晚22:30起…凌晨3:10恢复」: past midnight
    return round(end - start, 2) if 0 < end - start <= 24 else None


_WINDOW_BEFORE = re.compile(r"(?:未来|过去|最近|今后|此前|以来|近|前|后|每)\s*$")


# 「关闭不到二十四小时」「未满6小时」: a bound, not how long it lasted
_BOUND_BEFORE = re.compile(r"(?:不到|不足|未满|不满|没到|没满|不超过|未超过)\s*$")
# 「区里按６点２０分的航行警告起算，说只断了五个半小时」: someone's count in the clause that states it, which the clock
# times reported decide when they tell the span
# (「区里从前天四点接报算起，中断四十七小时四十分」: a count from a start someone chose)
_COUNTED_BY_SOMEONE = re.compile(r"(?:说|认为|觉得|以为)[^。；;]*$|(?:从|自|按)[^。；;]{0,20}?(?:算起|起算|开始算)[，,]?[^，,。；;]*$")


def _bare_duration(norm: str, counted: bool = False) -> float | None:
    """The first duration the report states bare; someone's count (「…说只断了五个半小时」) only when `counted`."""
    m = next((m for m in _BARE_DURATION.finditer(norm)
              if not _WINDOW_BEFORE.search(norm[max(0, m.start() - 3):m.start()])
              and not _BOUND_BEFORE.search(norm[max(0, m.start() - 3):m.start()])
              and counted == bool(_COUNTED_BY_SOMEONE.search(norm[:m.start()]))),
             None)
    if m is None:
        return None
    amount = parse_number(m["n"]) + (0.5 if m["more"] == "半" else 0.0)
    return amount * {"分钟": 1 / 60, "小时": 1.0, "钟头": 1.0, "天": 24.0}[m["unit"]]


def _place_counts(norm: str, measured: list) -> dict[str, float]:
    """「4个镇街雨量105～130毫米」「有7处道路积水超过15厘米」「超过30mm的有3个」: how many places a figure is for,
    keyed by the quantity measured in the same clause."""
    counts: dict[str, float] = {}
    for m in measured:
        if m.quantity or not (counts_places(norm, m) or m.unit == "处"):
            continue
        left, right = clause_bounds(norm, m.start, m.end)
        near = [x for x in measured if x.quantity and left <= x.start < right]
        if near:
            nearest = min(near, key=lambda x: abs(x.start - m.start))
            # 「耒水、蒸水两条河的干流控制站」: rivers counted, and the places they are
            suffixes = (PLACE_COUNT, RIVER_COUNT) if counts_rivers(norm, m) else (PLACE_COUNT,)
            for suffix in suffixes:
                counts.setdefault(with_ratio(nearest.quantity, nearest.unit) + suffix, m.values[0])
    for m in (x for x in measured if x.quantity):  # 「耒阳站…，神山头站…，都已超过十年一遇水位」: the stations named before 都
        left, _ = clause_bounds(norm, m.start, m.end)
        if _ALL_OF_THEM.match(norm, left):
            sentence = norm[max(norm.rfind(p, 0, left) for p in "。；;") + 1:left]
            if len(named := set(_STATION_NAME.findall(sentence))) >= 2:
                counts.setdefault(m.quantity + PLACE_COUNT, float(len(named)))
    return counts


# a clause that says its fact of every place named before it; the stations a sentence names
_ALL_OF_THEM = re.compile(r"\s*(?:都|均|全都|全部)")
_STATION_NAME = re.compile(r"[\u4e00-\u9fa5]{2,4}?站(?![点房])")


def _shares(values: dict[str, float]) -> dict[str, float]:
    """Shares a plan grades, from the figures a report gives instead: 「受旱面积五十八万亩，播种面积八百一十二万亩」
    → 受旱面积比例 7.14; 「日需水量七十五万吨…缺口十八万吨」 (or its supply) → 缺水率 24."""
    shares = {}
    if "受旱面积比例" not in values and values.get(SOWN_AREA) and "受旱面积" in values:
        shares["受旱面积比例"] = round(100 * values["受旱面积"] / values[SOWN_AREA], 2)
    demand = values.get(WATER_DEMAND)
    short = values.get(WATER_SHORTFALL, demand - values[WATER_SUPPLY] if demand and WATER_SUPPLY in values else None)
    if "缺水率" not in values and demand and short is not None and short > 0:
        shares["缺水率"] = round(100 * short / demand, 2)
    return shares


def comparable_values(values: dict[str, float]) -> dict[str, float]:
    """The reported values with those a plan compares derived from them: 死亡（含失踪） = 死亡 + 失踪; rainfall
    over the report's window for a criterion that names none; at least one place for a figure given; those to be
    moved counted among those threatened."""
    derived = dict(values)
    if ("死亡" in values or "失踪" in values) and DEAD_OR_MISSING not in values:
        derived[DEAD_OR_MISSING] = values.get("死亡", 0.0) + values.get("失踪", 0.0)
    if ADMITTED in values:  # 「收住院五人，另外三人门诊处理」: those admitted are injured too
        derived.setdefault("受伤", values[ADMITTED])
    if SEEN_BY_DOCTORS in values:  # 「就诊的已经126人」: the cases a plan counts, whatever it calls them
        derived.setdefault("中毒", values[SEEN_BY_DOCTORS])
        derived.setdefault("受伤", values[SEEN_BY_DOCTORS])
    houses = [values[k] for k in ("倒塌房屋", "严重损坏房屋") if k in values]
    if houses and COLLAPSED_OR_DAMAGED not in values:
        derived[COLLAPSED_OR_DAMAGED] = sum(houses)
    if "转移人员" in values:
        # People who must be moved are threatened: 「需撤离1000人」 is at least 1000 受威胁.
        derived.setdefault("受威胁人数", values["转移人员"])
    derived.update(_shares(values))
    windows = [k for k in values if re.fullmatch(r"\d+小时降雨量", k)]
    if "降雨量" not in values and len(windows) == 1:
        derived["降雨量"] = values[windows[0]]  # a criterion that names no window takes the report's
    for key in list(derived):
        if not key.endswith((PLACE_COUNT, RIVER_COUNT)):
            derived.setdefault(key + PLACE_COUNT, 1.0)  # a figure given is at least one place's
    for key in [k for k in derived if k.endswith(PLACE_COUNT) and "水位" in k]:
        # rivers the report does not tell from stations (nor the station table): as many as the stations
        derived.setdefault(key.removesuffix(PLACE_COUNT) + RIVER_COUNT, derived[key])
    return derived


# 「3个省」「两省」「4个省市」「5个省（区、市）」; a bare 「省市」 after a numeral is 「两省市联合」-like only with 个
_PROVINCE_COUNT = re.compile(
    r"(?P<n>\d+|[两二三四五六七八九十]+)(?:个省(?:份|区市|区|市)|个?省(?!道|级|内|外|市|委|政府|厅|际))"
)
# 「京津冀」 names three provinces at once
_PROVINCE_GROUPS = {"京津冀": ("北京", "天津", "河北")}


def province_count(text: str) -> int:
    """「3个省」「两省」, else the provinces a report names (「河南、山东」 → 2)."""
    if m := _PROVINCE_COUNT.search(text):
        return int(parse_number(m["n"]))
    named = {p for p in PROVINCES if p in text}
    for group, members in _PROVINCE_GROUPS.items():
        if group in text:
            named.update(members)
    return len(named)


# 「过去两天河南、山东…」「近3小时…」: a span of time leads the report, no place
_LEADING_SPAN = re.compile(r"^(?:预计|预报)?(?:过去|最近|近|未来|这)[\d一二两三四五六七八九十]+个?(?:小时|天|日)(?:来|以来|内|里)?")


def _place(text: str) -> str | None:
    head = _LEADING_SPAN.sub("", _TIME.sub("", text, count=1).lstrip("，, "))
    run = re.match(r"[\u4e00-\u9fa5（）()]+", head)
    if not run:
        return None
    stop = re.search(r"水位|降雨|降水|发生|出现|遭遇|造成|突降|持续|境内", run[0])
    lead = run[0][: stop.start()] if stop else run[0]
    ends = [m.end() for m in _PLACE_END.finditer(lead)]
    return lead[: ends[-1]] if ends and ends[-1] >= 2 else None


def parse_incident_facts(text: str, fields: dict[str, Any] | None = None) -> IncidentFacts:
    """Facts of an incident from free text, with `fields` (hazard/place/time or quantity: value) on top."""
    text = expand_shorthand(text)
    hazard = _HAZARDS.search(text)
    time = _TIME.search(text)
    facts = IncidentFacts(
        hazard=hazard[0] if hazard else None,
        place=_place(text),
        time=time[0] if time else None,
        hazards=sorted(reported_hazards(text)),
        values=fact_values(text),
        raw=text,
    )
    if "零下温度" in facts.values and "最低气温" not in facts.values:
        facts.values["最低气温"] = -facts.values["零下温度"]  # 「最低气温降到零下6度」 meets 「降至0℃以下」
    for key, count in reservoir_counts(plan_text(text).norm).items():
        facts.values.setdefault(key, count)
    if "省份数" not in facts.values and (provinces := province_count(text)):
        facts.values["省份数"] = float(provinces)
    for key, value in (fields or {}).items():
        if key in _FIELD_ALIASES:
            setattr(facts, _FIELD_ALIASES[key], str(value))
            if _FIELD_ALIASES[key] == "hazard":
                facts.hazards = sorted(set(facts.hazards) | hazards_in(str(value)))
        elif isinstance(value, int | float):
            facts.values[canonical_quantity(key) or key] = float(value)
        else:
            facts.values.update(fact_values(f"{key}{value}"))
    return facts


