"""The response level incident facts call for under a digital plan.

`determine_level` checks a plan's levels from the most severe down, under each level's any/all mode; a condition
is met, not met, or open (a fact is missing, or the text is for a person to judge). Open conditions are reported,
never guessed. Words a threshold does not explain are compared with the report (`qualitative`); a criterion for
one hazard is not met by an incident of another; a plan that grades warnings only starts at the warning level.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache

from pydantic import BaseModel, Field

from retrieval.cleanup import clean_text
from retrieval.plan.annex_lists import (
    NOT_LISTED,
    is_listed_kind,
    listed_note,
    listed_rest,
    without_listed_notes,
)
from retrieval.plan.circumstances import circumstances_named
from retrieval.plan.counts import PLACE_COUNT
from retrieval.plan.facts import DURATION, IncidentFacts, comparable_values, fact_values, figures_of
from retrieval.plan.levels import NAMED_PLACES
from retrieval.plan.models import (
    Comparator,
    Condition,
    DigitalPlan,
    Ladder,
    Mode,
    ResponseLevel,
    Threshold,
    Trigger,
)
from retrieval.plan.phrases import find_quantities, plan_text
from retrieval.plan.qualitative import (
    class_stated,
    content_words,
    epicentre_outside,
    falls_short_of_widespread,
    fold_report,
    lacks_circumstance,
    lacks_intensity,
    named_site_elsewhere,
    named_site_reported,
    qualitative_state,
    without_quantity_names,
    works_class_outside,
)
from retrieval.plan.stations import expand_shorthand, station_excess
from retrieval.plan.tables import KIN, hazard_prefix, hazards_in
from retrieval.plan.thresholds import scan_thresholds
from retrieval.plan.uncounted import uncounted_casualties, uncounted_note, without_uncounted
from retrieval.ranking.numerals import cn_to_int, level_to_int

# A clause that states what the fact it follows threatens (「，威胁群众生命安全」「，严重危及下游公共安全」).
_CONSEQUENCE = re.compile(r"^\s*(?:并|且)?(?:严重)?(?:威胁|危及|影响)[^，。；\d]{0,12}(?:安全|生命|运营|运行)")


class LevelDecision(BaseModel):
    level: int | None
    label: str | None
    met: list[tuple[Trigger, Threshold]] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    undecidable_triggers: list[Trigger] = Field(default_factory=list)
    explanation: str
    # the plan's exclusion the incident falls under (「…不适用本预案」): no response under this plan
    excluded_by: Trigger | None = None


class _State(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    OPEN = "open"


@dataclass
class _Outcome:
    """Three-valued result of a condition, trigger or level; OPEN carries what would settle it."""

    state: _State
    met: list[Threshold] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    judge: bool = False
    observed: dict[str, float] = field(default_factory=dict)  # the figures the met thresholds were compared with


def _observed(outcomes: list[_Outcome]) -> dict[str, float]:
    return {k: v for o in outcomes if o.state is _State.MET for k, v in o.observed.items()}


def _open_parts(outcomes: list[_Outcome]) -> _Outcome:
    open_ = [o for o in outcomes if o.state is _State.OPEN]
    missing = list(dict.fromkeys(q for o in open_ for q in o.missing))
    return _Outcome(_State.OPEN, missing=missing, judge=any(o.judge for o in open_))


def _all_of(outcomes: list[_Outcome]) -> _Outcome:
    if any(o.state is _State.NOT_MET for o in outcomes):
        return _Outcome(_State.NOT_MET)
    if all(o.state is _State.MET for o in outcomes):
        return _Outcome(_State.MET, met=[t for o in outcomes for t in o.met], observed=_observed(outcomes))
    return _open_parts(outcomes)


def _any_of(outcomes: list[_Outcome]) -> _Outcome:
    if any(o.state is _State.MET for o in outcomes):
        return _Outcome(_State.MET, met=[t for o in outcomes if o.state is _State.MET for t in o.met],
                        observed=_observed(outcomes))
    if all(o.state is _State.NOT_MET for o in outcomes):
        return _Outcome(_State.NOT_MET)
    return _open_parts(outcomes)


def _threshold(threshold: Threshold, values: dict[str, float]) -> _Outcome:
    if threshold.quantity not in values:
        return _Outcome(_State.OPEN, missing=[threshold.quantity])
    if threshold.holds(values[threshold.quantity]):
        return _Outcome(_State.MET, met=[threshold], observed={threshold.quantity: values[threshold.quantity]})
    return _Outcome(_State.NOT_MET)


# what a distance in a criterion is to (「火线距县城规划区边界不足10公里」「…距蛟潭水电站、110千伏麻栎变电站…不足3公里」)
_TARGET = re.compile(rf"[\u4e00-\u9fa5\d]{{0,12}}?(?:水电站|管道|管线|水库|大坝|{NAMED_PLACES})")
_TARGET_LEAD = re.compile(r"^(?:.*?(?:距离?|离))?(?:\d+千伏)?")


@lru_cache(maxsize=4096)
def _targets(condition: str) -> tuple[str, ...]:
    return tuple(t for m in _TARGET.finditer(re.sub(r"\s", "", condition)) if len(t := _TARGET_LEAD.sub("", m[0])) >= 2)


@lru_cache(maxsize=256)
def _clause_distances(report: str) -> tuple[tuple[str, float], ...]:
    """(clause, distance) for each clause of the report that states a distance (read once per report)."""
    return tuple((clause, distance) for clause in re.split(r"[，。；,;\n]", report)
                 if (distance := fact_values(clause).get("距离")) is not None)


def _distance_to_target(condition: str, report: str) -> float | None:
    """The distance the report states to what the condition measures a distance to (「火线离麻栎变电站还有3.2公里」),
    not the nearest distance of the report (450 m to a village)."""
    targets = _targets(condition)
    return next((distance for clause, distance in _clause_distances(report) if any(t in clause for t in targets)), None)


# 「（含40毫米，不含60毫米）」 says how the range's own bounds count; its figures are the thresholds' again
_BOUND_NOTE = re.compile(r"[（(]\s*(?:不?含|包括|不包括)[^（()）]*\d[^（()）]*[)）]")  # not 「（含失踪）」


# 「小（1）型水库」: a reservoir's class, whose figure is no quantity (`qualitative` checks the class)
_RESERVOIR_CLASS_FIGURE = re.compile(r"小\s*[（(]\s*[12一二]\s*[)）]\s*型")


@lru_cache(maxsize=8192)
def _unexplained_numbers(text: str) -> int:
    return scan_thresholds(_RESERVOIR_CLASS_FIGURE.sub("小型", _BOUND_NOTE.sub("", text))).unexplained


def _relative_level_clauses(report: str) -> str:
    """The clauses of a report that state a level relative to a reference level (「超警戒0.3米」) or a station's
    level, each with the clause before it when it names no river, station or reservoir itself."""
    clauses = re.split(r"[，,；;。：:]", expand_shorthand(report))  # 「衡山站下午也超警了」
    kept: list[str] = []
    for i, clause in enumerate(clauses):
        # a level relative to a reference level, or a station's level the plan's station table makes one (「潾州站水位6.95米」)
        if any(k.endswith("水位") and (k.startswith("超") or k.endswith("站水位") or k == "水位") for k in fact_values(clause)):
            if i and not re.search(r"[站江河湖库]", clause):
                kept.append(clauses[i - 1])
            kept.append(clause)
        elif kept and kept[-1] == clauses[i - 1] and _LEVEL_FORECAST.search(clause):
            kept.append(clause)  # 「衡阳站水位56.12米，预报明日凌晨涨到56.8米左右」「…，预报还要涨」: that station's forecast
    return "，".join(kept)


_LEVEL_FORECAST = re.compile(r"(?:预报|预计)[^，。；]{0,12}?(?:(?:涨到|涨至|上涨到|达到|到)\s*\d+(?:\.\d+)?\s*(?:米|m)|涨|超)")


def _is_relative_level(threshold: Threshold) -> bool:
    return threshold.quantity.startswith("超") and threshold.quantity.endswith("水位")


def _words_outcome(condition: Condition, thresholds: list[Threshold], numeric: _Outcome | None,
                   report: str, values: dict[str, float], subject: bool = False) -> _Outcome:
    """A condition with words no threshold explains: its words against the report (`qualitative`); a number
    left unexplained (「2条河流」) stays for a person to judge."""
    if numeric is not None and numeric.state is _State.NOT_MET:
        return numeric
    if numeric is None and (counted := _happened(condition.text, values, report)) is not None:
        return counted
    if not report or _unexplained_numbers(condition.text):
        return _Outcome(_State.OPEN, judge=True)
    residual = _without_thresholds(condition.text, thresholds)
    if (rest := listed_rest(residual, report)) == NOT_LISTED:
        return _Outcome(_State.NOT_MET)  # 「附件3 所列国家级…」 against an area annex 3 lists as 省级
    if rest is not None:  # 「附件2 所列疫区内发现新的疫点」 for a place annex 2 lists: 「内发现新的疫点」 is left to state
        residual = rest
    report = without_listed_notes(report)
    if subject:
        report = _relative_level_clauses(report)
    state, missing = qualitative_state(residual, report, subject)
    if state == "not_met":
        return _Outcome(_State.NOT_MET)
    if state == "open":
        return _Outcome(_State.OPEN, missing=[condition.text.strip()[:24]] if not numeric else missing[:1],
                        judge=True)
    met = list(numeric.met) if numeric else []
    if not met:
        met = [Threshold(quantity="情形", comparator=Comparator.GE, value=1, unit="", text=condition.text)]
    return _Outcome(_State.MET, met=met)


def _without_thresholds(text: str, thresholds: list[Threshold]) -> str:
    """A condition's words that its thresholds (and the notes on their bounds) do not state."""
    for t in thresholds:
        text = text.replace(t.text, " ")
    return _BOUND_NOTE.sub(" ", text)


_WHO_IS_COUNTED = {"人员", "群众", "人", "病例"}  # 「造成人员死亡」「出现死亡病例」 count deaths as 「造成死亡」 does


def _happened(condition: str, values: dict[str, float], report: str) -> _Outcome | None:
    """A condition that only names what is counted (「需要疏散转移群众」「造成人员死亡、中毒」) asks whether any was:
    met by a count above zero among the incident's `values`, not met by zeros or a report that denies each
    (「未疏散群众」「无人员伤亡」), open when the report says nothing of it. None for a condition that says more."""
    norm = plan_text(condition).norm
    named = {span.key for span in find_quantities(norm)}
    if not named or re.search(r"\d|未|没有|(?<![a-z])无", norm) or set(content_words(without_quantity_names(condition))) - _WHO_IS_COUNTED:
        return None
    if any(values.get(key, 0) > 0 for key in named):
        return _Outcome(_State.MET, met=[Threshold(quantity=sorted(named)[0], comparator=Comparator.GT, value=0,
                                                   unit="", text=condition)])
    folded = plan_text(report).norm
    spans = [s for s in find_quantities(folded) if s.key in named]
    denied = {s.key for s in spans if _DENIED.search(folded[max(0, s.start - 4):s.start])}
    if named <= {k for k, v in values.items() if v == 0} | denied:
        return _Outcome(_State.NOT_MET)
    return None


def _denied_count(condition: str, thresholds: list[Threshold], values: dict[str, float], report: str) -> bool:
    """Beside its thresholds the condition names something counted that the report denies (「一般事故造成人员死亡的」
    for an accident with 死亡 0: the class is met, the deaths are not)."""
    rest = _without_thresholds(condition, thresholds)
    measured = {t.quantity for t in thresholds}
    if any(span.key in measured for span in find_quantities(plan_text(rest).norm)):
        return False  # 「最低气温降至2摄氏度以下」: what the threshold compares is no count to deny
    counted = _happened(rest, values, report)
    return counted is not None and counted.state is _State.NOT_MET


# 「且未达到更高级别预警条件」 (the levels are tried from the highest down) and 「经会商预测」 (how the figures are had)
# state nothing the report must meet
_NOT_HIGHER = re.compile(r"^\s*(?:且|并且|同时)?未达到更高(?:级别|一级)|^\s*经(?:会商|专家)?(?:预测|研判|会商)\s*$")
_DENIED = re.compile(r"(?:未|无|没有|不需要?|尚未|暂无)[^，。；]{0,2}$")


# 「当日组织群众转移合计300人以上」: a total over the places a report gives figures for
_TOTAL = re.compile(r"合计|共计|总计")  # not 累计: 「连续3小时累计降雨量」 is one gauge's rain


def _totals(condition: str, thresholds: list[Threshold], report: str, values: dict[str, float]) -> dict[str, float]:
    """A criterion on a total (「合计300人以上」) against a report that gives a figure per place (「蒿坪县转移一百八十二
    人，蔻山县转移一百五十人」): the sum of the figures, when larger than the one read."""
    if not report or not _TOTAL.search(condition):
        return {}
    found = {}
    for t in thresholds:
        figures = figures_of(report, t.quantity)
        if len(figures) >= 2 and sum(figures) > values.get(t.quantity, 0.0):
            found[t.quantity] = float(sum(figures))
    return found


def _places_meeting(thresholds: list[Threshold], report: str, values: dict[str, float]) -> dict[str, float]:
    """「2个以上雨量站1小时降雨量达到40毫米」 against a report that gives each station's figure: how many of the
    figures meet the bound (a count the report states outright, 「有3个站超过50毫米」, stands if larger)."""
    counted = {t.quantity.removesuffix(PLACE_COUNT) for t in thresholds if t.quantity.endswith(PLACE_COUNT)}
    found = {}
    for t in thresholds:
        if t.quantity in counted and t.comparator in (Comparator.GE, Comparator.GT) and report \
                and len(figures := figures_of(report, t.quantity)) >= 2:
            key = t.quantity + PLACE_COUNT
            found[key] = max(float(sum(t.holds(f) for f in figures)), values.get(key, 0.0))
    return found


def _at_named_stations(condition: str, thresholds: list[Threshold], values: dict[str, float]) -> dict[str, float]:
    """A criterion on named stations (「菡城水文站水位超过保证水位的」) compares their own excess: another station's
    (芪口 over its 保证) leaves it unknown."""
    for t in thresholds:
        if _EXCESS.match(t.quantity) and (excess := station_excess(condition, t.quantity, values)) is not None:
            values = {k: v for k, v in values.items() if k != t.quantity} if excess is False \
                else {**values, t.quantity: excess}
    return values


_EXCESS = re.compile(r"^超(?:警戒|保证|历史最高)水位$")

# A condition that is only a forecast of a water level reaching a reference level (「且水文部门预报仍将接近保证水位
# （57.5-58m…）」「且预报可能超警戒水位（56.5m）」), which a level already over that reference has overtaken.
_REFERENCE_FORECAST = re.compile(
    r"^\s*(?:且|并且?)?(?:水文部门|水文)?预报(?:仍将|仍|将|可能|或将|会)*(?P<verb>接近|达到|超过|超出|超)"
    r"(?P<ref>警戒|保证|历史最高)水位\s*(?:[（(][^（()）]*[)）])?\s*$"
)


def _forecast_overtaken(condition: str, values: dict[str, float], report: str) -> _Outcome | None:
    """A forecast that the level will approach, reach or pass a reference level is met by a report of a level
    already past it (「超保证水位0.5米，还在涨」 against 「预报仍将接近保证水位」): what was to be forecast has happened.
    A level not yet past it leaves the forecast to verify when the report gives none (「东城站水位46.2米」)."""
    cleaned = clean_text(condition).strip()
    if not (m := _REFERENCE_FORECAST.match(cleaned)):
        return None
    quantity = f"超{m['ref']}水位"
    comparator = Comparator.GE if m["verb"] in ("接近", "达到") else Comparator.GT
    reached = Threshold(quantity=quantity, comparator=comparator, value=0, unit="米", text=condition.strip())
    if quantity in values and reached.holds(values[quantity]):
        return _Outcome(_State.MET, met=[reached], observed={quantity: values[quantity]})
    if not _ANY_FORECAST.search(report):
        return _Outcome(_State.OPEN, missing=[cleaned[:24]])
    return None


_ANY_FORECAST = re.compile(r"预报|预计|预测|还要涨|还会涨|将继续")


# 「低温：过去 72 小时…出现…持续低温天气」: a spell that must have lasted the window (the Ⅳ级 criterion's is 24 hours)
_SPELL_WINDOW = re.compile(r"过去\s*(?P<h>\d+)\s*小时[^，。；]*?持续")
_DAY = 24


# 「过去72小时，黔、湘两省出现…持续低温天气」「连续三天」: the window the report itself tells the spell in
_TOLD_WINDOW = re.compile(r"(?:过去|近|连续|持续)(?P<n>\d+|[一二两三四五六七八九十]+)(?:个)?(?P<unit>小时|天|日)")


def _told_window(report: str) -> float | None:
    hours = [cn_to_int(m["n"]) * (1 if m["unit"] == "小时" else 24)
             for m in _TOLD_WINDOW.finditer(plan_text(report).norm)]
    return max(hours, default=None)


def _spell_too_short(condition: str, values: dict[str, float], report: str) -> _Outcome | None:
    """Not met when the report's span is shorter than the spell the criterion asks; open when a spell longer than a
    day is asked and the report gives no span (a day's is what any daily report covers)."""
    m = _SPELL_WINDOW.search(plan_text(condition).norm)
    if not m:
        return None
    window = int(m["h"])
    lasted = values.get(DURATION) if values.get(DURATION) is not None else _told_window(report)
    if lasted is None:
        return _Outcome(_State.OPEN, missing=[DURATION], judge=True) if window > _DAY else None
    return _Outcome(_State.NOT_MET) if lasted < window else None


def _of_hazard(trigger: Trigger, reported: set[str] | list[str]) -> bool:
    """The incident is of the criterion's hazard, or of its kin where the criterion is no labelled one of its own
    (a row of 「表 3 寒潮和低温」 is met by a cold spell; 「寒潮：…」 beside 「低温：…」 is not)."""
    return trigger.hazard in reported or (
        not hazard_prefix(trigger.text) and any(KIN.get(h) == trigger.hazard for h in reported))


def evaluate_trigger(trigger: Trigger, values: dict[str, float], report: str = "",
                     hazards: list[str] | None = None) -> _Outcome:
    """Alternatives (「，或」) of conjuncts (「，且」) of options (「或」), each option all its thresholds and,
    where the text states more than thresholds, its words against the `report`. A criterion for one hazard
    (「台风：…」, an annex for 台风) is not met by an incident of another."""
    if trigger.hazard and not _of_hazard(trigger, hazards if hazards is not None else hazards_in(report)):
        return _Outcome(_State.NOT_MET)
    if not trigger.conditions:
        return _Outcome(_State.OPEN, judge=True)
    groups: dict[int, dict[int, list[_Outcome]]] = {}
    consequence: dict[int, dict[int, bool]] = {}
    for index, condition in enumerate(trigger.conditions):
        thresholds = [t for t in trigger.thresholds if t.condition == index]
        here = values
        if any(t.quantity == "距离" for t in thresholds) and (to := _distance_to_target(condition.text, report)) is not None:
            here = {**values, "距离": to}  # this condition's distance is to its own target
        here = {**here, **_places_meeting(thresholds, report, here), **_totals(condition.text, thresholds, report, here)}
        here = _at_named_stations(condition.text, thresholds, here)
        outcome = _all_of([_threshold(t, here) for t in thresholds]) if thresholds else None
        if report and (overtaken := _forecast_overtaken(condition.text, here, report)) is not None:
            outcome = overtaken
        elif outcome is None and _NOT_HIGHER.search(condition.text):
            outcome = _Outcome(_State.MET)
        elif outcome is not None and outcome.state is _State.MET and not condition.complete and report \
                and not _unexplained_numbers(condition.text.replace("任一处", "")) and named_site_reported(condition.text, report):
            pass  # what the figures leave, 「…茺蔚路下穿通道…中任一处」, is the structure the report names
        elif outcome is None and report and (classed := class_stated(condition.text, report)) is not None:
            # 「Ⅴ类放射源丢失、被盗或者失控的」 against 「登记的是Ⅴ类…还没找到」: the class decides, then the words
            outcome = _words_outcome(condition.model_copy(update={"text": classed[1]}), thresholds, None, report, here) \
                if classed[0] else _Outcome(_State.NOT_MET)
        elif outcome is None or (outcome.state is _State.MET and not condition.complete):
            outcome = _words_outcome(condition, thresholds, outcome, report, here)
        elif outcome.state is _State.MET and report and any(_is_relative_level(t) for t in thresholds):
            outcome = _words_outcome(condition, thresholds, outcome, report, here, subject=True)
        elif outcome.state is _State.MET and report and lacks_circumstance(condition.text, report):
            outcome = _Outcome(_State.OPEN, missing=[condition.text.strip()[:24]], judge=True)
        elif outcome.state is _State.MET and report and lacks_intensity(condition.text, report):
            # A criterion describes the weather as much as it counts it (「2个省…出现特大暴雨」): its degree must be stated
            outcome = _words_outcome(condition, thresholds, outcome, report, here)
        if outcome.state is _State.MET and report and (short := _spell_too_short(condition.text, here, report)) is not None:
            outcome = short
        elif outcome.state is _State.MET and thresholds and _denied_count(condition.text, thresholds, here, report):
            outcome = _Outcome(_State.NOT_MET)
        elif outcome.state is _State.MET and report and falls_short_of_widespread(condition.text, report):
            outcome = _Outcome(_State.NOT_MET)  # 「大部地区出现暴雨天气，局地大暴雨」 against 「大部地区出现大暴雨」
        elif outcome.state is _State.MET and report and epicentre_outside(condition.text, report):
            outcome = _Outcome(_State.NOT_MET)  # 「区内发生6.0级以上地震」 against 「邻县发生６.２级地震」
        elif outcome.state is _State.MET and report and named_site_elsewhere(condition.text, report):
            outcome = _Outcome(_State.NOT_MET)  # 「蘧湖隧道…积水达20厘米」 against 「茺蔚路下穿通道积水二十五公分」
        elif outcome.state is _State.MET and report and works_class_outside(condition.text, report):
            outcome = _Outcome(_State.NOT_MET)  # 「Ⅲ级以上堤防发生…险情」 against 「一段Ⅳ级堤防…管涌群」
        groups.setdefault(condition.alternative, {}).setdefault(condition.conjunct, []).append(outcome)
        consequence.setdefault(condition.alternative, {})[condition.conjunct] = bool(_CONSEQUENCE.match(condition.text))
    alternatives = []
    for a, conjuncts in groups.items():
        combined = {c: _any_of(options) for c, options in conjuncts.items()}
        if any(o.state is _State.MET for c, o in combined.items() if not consequence[a][c]):
            # 「火场距居民区不足1公里，威胁群众生命安全」: the consequence clause describes the fact that was met
            combined = {c: _Outcome(_State.MET) if consequence[a][c] and o.state is _State.OPEN else o
                        for c, o in combined.items()}
        alternatives.append(_all_of(list(combined.values())))
    return _any_of(alternatives)


def _evaluate_level(level: ResponseLevel, facts: IncidentFacts, values: dict[str, float], scope: str = ""
                    ) -> tuple[_Outcome, list[_Outcome]]:
    outcomes = [evaluate_trigger(t, values, facts.raw, facts.hazards) for t in level.triggers]
    if level.mode is Mode.ALL and scope:
        # 「同时满足：1. 事故发生在本区危险化学品生产、储存…单位；2. …」: a condition that restates the plan's scope
        # holds for an incident the plan was chosen for.
        outcomes = [_Outcome(_State.MET) if o.state is _State.OPEN and restates_scope(t, scope) else o
                    for t, o in zip(level.triggers, outcomes, strict=True)]
    combined = _all_of(outcomes) if level.mode is Mode.ALL else _any_of(outcomes)
    return combined, outcomes


# 「同时出现Ⅲ级栏所列两项以上不同情形的」: two or more criteria of a milder level together start this one
_SEVERAL_OF_A_LEVEL = re.compile(r"(?P<level>[ⅠⅡⅢⅣ]|[一二三四])级(?:栏|响应|应急响应)?(?:所列|中|的)*(?:情形|条件|标准)?中?"
                                 r"(?P<n>[两二三2-3])(?:项|个|种|条)(?:或)?以上")


def _with_several_of_a_level(level: ResponseLevel, outcomes_of: Callable[[int], tuple[_Outcome, list[_Outcome]] | None]
                             ) -> tuple[_Outcome, list[_Outcome]]:
    """The level's outcome, with a criterion that counts another level's criteria met (「同时出现Ⅲ级栏所列两项以上
    不同情形的」) decided by that count: met when at least that many of them are. `outcomes_of(n)`: level n's
    outcome and its triggers' (None for a level the plan does not grade)."""
    combined, outcomes = outcomes_of(level.level)
    counted = list(outcomes)
    for i, trigger in enumerate(level.triggers):
        m = _SEVERAL_OF_A_LEVEL.search(clean_text(trigger.text))
        other_level = level_to_int(m["level"]) if m else None
        if other_level is None or other_level == level.level or (other := outcomes_of(other_level)) is None:
            continue
        met = [o for o in other[1] if o.state is _State.MET]
        if len(met) >= cn_to_int(m["n"]):
            counted[i] = _Outcome(_State.MET, met=[th for o in met for th in o.met])
    if counted == outcomes:
        return combined, outcomes
    return (_all_of(counted) if level.mode is Mode.ALL else _any_of(counted)), counted


def describe_met(met: list[tuple[Trigger, Threshold]], values: dict[str, float]) -> str:
    """Each criterion met, stated once in its clean form (OCR/LaTeX residue normalised; the citation keeps the
    verbatim quote), followed by the comparisons of the facts that met it: 「…」（降雨量 120 > 100毫米）."""
    by_trigger: dict[str, tuple[Trigger, list[str]]] = {}
    for trigger, t in met:
        _, comparisons = by_trigger.setdefault(trigger.text, (trigger, []))
        # a figure the criterion was met with apart from the report's headline (a total over places, one station's
        # reading) is not restated as the headline: 「转移人员 182 ≥ 300人」 would be false
        if t.quantity in values and t.holds(values[t.quantity]):
            comparison = f"{t.quantity} {_reported(values[t.quantity])} {t.comparator.value} {t.value:g}{t.unit}"
            if comparison not in comparisons:
                comparisons.append(comparison)
    parts = []
    for trigger, comparisons in by_trigger.values():
        shown = f"「{criterion_text(trigger.text)}」"
        parts.append(f"{shown}（{'，'.join(comparisons)}）" if comparisons else shown)
    return "；".join(parts)


def _reported(value: float) -> str:
    """A fact as reported: 「不足200」 and 「超过100」 are kept a hair off their figure, and shown as said."""
    figure = round(value, 4)
    if value != figure and abs(value - figure) < 1e-5 * max(1.0, abs(figure)):
        return f"{'不足' if value < figure else '超过'}{figure:g}"
    return f"{value:g}"


def criterion_text(text: str) -> str:
    """A criterion as the officer reads it: OCR/LaTeX residue normalised, on one line."""
    return re.sub(r"\s*\n\s*", " ", clean_text(text)).strip()


def _with_event_class(plan: DigitalPlan, facts: IncidentFacts, values: dict[str, float]
                      ) -> tuple[str, list[tuple[Trigger, Threshold]]]:
    """Plans grade events (特别重大…一般) and start responses by class (「发生较大事故」): the class comes
    from the plan's own event grading when the facts do not name it; with the event criteria it met."""
    if "事件等级" in values or not any(lv.ladder is Ladder.EVENT and lv.triggers for lv in plan.levels):
        return "", []
    event = determine_level(plan, facts, Ladder.EVENT)
    if event.level is None:
        return "", []
    values["事件等级"] = float(event.level)
    return f"按预案事件分级为「{event.label}」。", event.met


_DISTRICT = "分区"


def _in_plan_terms(values: dict[str, float], levels: list[ResponseLevel], report: str = "") -> dict[str, float]:
    """A district's share (「全区负荷的45%」) is the plan's own when the plan grades no district apart: in a
    district's plan 全区 is its whole area."""
    quantities = [t.quantity for lv in levels for trigger in lv.triggers for t in trigger.thresholds]
    graded = set(quantities)
    # How long it lasted, with nothing named (「停了50个小时」), is the duration the plan grades: the one whose word the
    # report uses (「闷烧」 for 阴燃时长), or the last character of it (「只断了一个号码」 for 中断时长), else the one graded
    # most often (a fire's burning before an annex's smouldering)
    durations = sorted((q for q in graded if q.endswith(DURATION) and q != DURATION and q not in values),
                       key=lambda q: (q.removesuffix(DURATION) not in report, q.removesuffix(DURATION)[-1:] not in report,
                                      -quantities.count(q)))
    lasted = {durations[0]: values[DURATION]} if DURATION in values and durations else {}
    return {**{k[len(_DISTRICT):]: v for k, v in values.items() if k.startswith(_DISTRICT) and k not in graded},
            **lasted, **values}


def determine_level(
    plan: DigitalPlan, facts: IncidentFacts, ladder: Ladder = Ladder.RESPONSE
) -> LevelDecision:
    """The most severe level the facts satisfy, and what is missing to rule out a higher one."""
    levels = sorted(
        (lv for lv in plan.levels if lv.ladder is ladder and lv.triggers), key=lambda lv: lv.level
    )
    if not levels and ladder is Ladder.RESPONSE:
        # A plan that grades warnings only (国家气象灾害应急预案) starts its response at the warning level.
        levels = sorted(
            (lv for lv in plan.levels if lv.ladder is Ladder.WARNING and lv.triggers), key=lambda lv: lv.level
        )
    if not levels:
        return LevelDecision(level=None, label=None, explanation="该预案未解析出分级启动条件，请查阅原文。")
    named = [kind for kind in circumstances_named(plan.circumstances, facts.raw) if kind not in facts.raw]
    if words := [kind for kind in named if not is_listed_kind(kind)]:
        # 「10月3日…藜州东站站前广场」: the plan's sensitive time and key place, as its criteria name them
        facts = facts.model_copy(update={"raw": f"{facts.raw}（{'、'.join(words)}）"})
    if listed := [kind for kind in named if is_listed_kind(kind)]:  # 「楝湾区…」: a place annex 2 lists
        facts = facts.model_copy(update={"raw": facts.raw + listed_note(listed)})
    values = _in_plan_terms(comparable_values(facts.values), levels, facts.raw)
    taken = uncounted_casualties(facts.raw, plan.uncounted)  # 「两名冰钓爱好者…失踪」 by a plan that counts no ice anglers
    values = without_uncounted(values, taken)
    event_note, event_met = _with_event_class(plan, facts, values) if ladder is not Ladder.EVENT else ("", [])
    notes = [event_note]
    uncounted = uncounted_note(taken, plan.uncounted)  # said after the level it leads to
    missing: list[str] = []
    undecidable: list[Trigger] = []
    by_number = {level.level: level for level in levels}

    @cache
    def outcomes_of(n: int) -> tuple[_Outcome, list[_Outcome]] | None:  # each level evaluated once, when asked for
        return _evaluate_level(by_number[n], facts, values, plan.scope) if n in by_number else None

    for level in levels:
        combined, outcomes = _with_several_of_a_level(level, outcomes_of)
        if combined.state is _State.MET:
            met = [
                (t, th)
                for t, o in zip(level.triggers, outcomes, strict=True)
                if o.state is _State.MET
                for th in o.met
            ]
            # each figure as it was compared (a total over places, a named station's own excess)
            reasons = describe_met(met, {**values, **_observed([o for o in outcomes if o.state is _State.MET])})
            if event_met and all(th.quantity == "事件等级" for _, th in met):
                # 「重大事件」 starts Ⅱ级: the criterion behind it is the event grade's (「遇险人员 3 0 人以上…」), stated next
                met = [*met, *event_met]
            notes.extend([f"符合{level.label}的启动条件：{reasons}。", uncounted])
            if ladder is Ladder.RESPONSE and (raised := _raised(plan, level, levels, facts, values)):
                level, circumstance = raised
                met.append((circumstance, Threshold(quantity="情形", comparator=Comparator.GE, value=1, unit="",
                                                    text=circumstance.text)))
                notes.append(f"{criterion_text(circumstance.text)}，响应级别提高一级，为{level.label}。")
            notes.extend(_open_notes(missing, undecidable, higher=True))
            return LevelDecision(
                level=level.level,
                label=level.label,
                met=met,
                missing=missing,
                undecidable_triggers=undecidable,
                explanation="".join(notes),
            )
        if combined.state is _State.OPEN:
            missing.extend(q for q in combined.missing if q not in missing)
            for trigger, outcome in zip(level.triggers, outcomes, strict=True):
                if outcome.state is _State.OPEN and outcome.judge:
                    undecidable.append(trigger)
        undecidable.extend(level.discretionary)
    notes.append(
        "现有信息未达到任何等级有数值可比的启动条件。"
        if (missing or undecidable)
        else "现有信息未达到任何等级的启动条件。"
    )
    notes.append(uncounted)
    notes.extend(_open_notes(missing, undecidable, higher=False))
    return LevelDecision(
        level=None, label=None, missing=missing, undecidable_triggers=undecidable, explanation="".join(notes)
    )


def _raised(plan: DigitalPlan, level: ResponseLevel, levels: list[ResponseLevel], facts: IncidentFacts,
            values: dict[str, float]) -> tuple[ResponseLevel, Trigger] | None:
    """The level above, when a circumstance the plan says raises the response one level is met (never above Ⅰ级)."""
    higher = next((lv for lv in levels if lv.level == level.level - 1), None)
    if higher is None:
        return None
    circumstance = next((t for t in plan.raises if evaluate_trigger(t, values, facts.raw, facts.hazards).state
                         is _State.MET), None)
    return (higher, circumstance) if circumstance is not None else None


def _open_notes(missing: list[str], undecidable: list[Trigger], higher: bool) -> list[str]:
    notes = []
    scope = "更高等级" if higher else "是否达到启动条件"
    if missing:
        notes.append(f"{scope}尚不能判定，需补充：{'、'.join(missing)}。")
    if undecidable:
        notes.append(f"另有{len(undecidable)}项条件没有可比对的数值，须人工研判。")
    return notes




def restates_scope(trigger: Trigger, scope: str) -> bool:
    """A criterion without figures whose words are nearly all the plan's scope (适用范围)."""
    if trigger.thresholds:
        return False
    words = content_words(trigger.text)
    folded = fold_report(scope)
    return len(words) >= 3 and sum(w in folded for w in words) / len(words) >= 0.7
