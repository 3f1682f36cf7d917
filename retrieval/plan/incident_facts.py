"""Incident facts and the response level they call for under a digital plan.

`parse_incident_facts` reads a free-text incident report (「示例区清水河水位超警戒0.6米，24小时降雨量180毫米，
已造成2人死亡，需转移群众1.2万人」) into values keyed by the same canonical quantities that plan thresholds
use (`plan_thresholds.find_measured` is shared), so the two can be compared. `determine_level` checks a
plan's levels from the most severe down, under each level's any/all mode; a condition is met, not met, or
open (a fact is missing, or the text is for a person to judge). Open conditions are reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, Field

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
from retrieval.plan.phrases import (
    COLOUR_LEVEL,
    EVENT_CLASS,
    RELATIVE_LEVEL,
    SEVERITY,
    WARNING_COLOUR,
    canonical_quantity,
    canonical_unit,
    parse_number,
    plan_text,
    with_ratio,
)
from retrieval.plan.qualitative import lacks_intensity, qualitative_state
from retrieval.plan.tables import hazards_in
from retrieval.plan.thresholds import find_measured, scan_thresholds

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


def _relative_level_value(m: re.Match[str]) -> float | None:
    """「水位超警戒0.6米」 → 0.6; 「距警戒水位0.5米」 → -0.5; 「达到警戒水位」 → 0;
    a bare 「警戒水位32.5米」 is the reference itself, not a fact about the incident."""
    pre, num = m["pre"] or "", m["num"]
    amount = float(num) * canonical_unit(m["unit"] or "米")[0] if num else None
    if amount is not None and pre in ("超过", "超出", "高出", "超", "高于", "达到或超过"):
        return amount
    if amount is not None and (pre.startswith("距") or pre == "低于"):
        return -amount
    if amount is None and pre in ("达到", "达", "到"):
        return 0.0
    if amount is None and pre in ("超过", "超出", "高出", "超", "高于"):
        return 0.01  # 「超过保证水位」 without a figure: above it, by the least a gauge reads
    return None


_MORE_THAN = ("超过", "超出", "高出", "高于", "大于", "多于")


def _keep_lowest(values: dict[str, float], key: str, level: float) -> None:
    values[key] = min(values.get(key, level), level)


def fact_values(text: str) -> dict[str, float]:
    """Quantities stated in `text`, keyed like plan thresholds:
    「需转移群众1.2万人」 → {"转移人员": 12000}."""
    t = plan_text(text)
    values: dict[str, float] = {}
    covered: list[tuple[int, int]] = []
    for m in RELATIVE_LEVEL.finditer(t.norm):
        covered.append((m.start(), m.end()))
        value = _relative_level_value(m)
        if value is not None:
            values[f"超{m['ref']}水位"] = value
    for m in WARNING_COLOUR.finditer(t.norm):
        if "解除" not in t.norm[max(0, m.start() - 6) : m.start()]:
            level = COLOUR_LEVEL[m["colour"]]
            _keep_lowest(values, "预警级别", level)
            if m["hazard"]:
                _keep_lowest(values, f"{m['hazard']}预警级别", level)
    for m in EVENT_CLASS.finditer(t.norm):
        _keep_lowest(
            values, "事件等级", max(SEVERITY[s] for s in re.findall("特别重大|重大|较大|一般", m[0]))
        )
    for measured in find_measured(t):
        if measured.quantity and not any(s <= measured.start < e for s, e in covered):
            # 「超过100毫米」 is more than 100: it meets 「超过100毫米」 as well as 「100毫米以上」.
            above = measured.pre in _MORE_THAN
            values[with_ratio(measured.quantity, measured.unit)] = measured.values[0] * (1 + 1e-9) + 1e-9 * above \
                if above else measured.values[0]
    return values


_PROVINCES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门"]
_PROVINCE_COUNT = re.compile(r"(?P<n>\d+|[两二三四五六七八九十]+)个?省")


def _province_count(text: str) -> int:
    """「3个省」「两省」, else the provinces a report names (「河南、山东」 → 2)."""
    if m := _PROVINCE_COUNT.search(text):
        return int(parse_number(m["n"]))
    return len({p for p in _PROVINCES if p in text})


def _place(text: str) -> str | None:
    head = _TIME.sub("", text, count=1).lstrip("，, ")
    run = re.match(r"[\u4e00-\u9fa5（）()]+", head)
    if not run:
        return None
    stop = re.search(r"水位|降雨|降水|发生|出现|遭遇|造成|突降|持续|境内", run[0])
    lead = run[0][: stop.start()] if stop else run[0]
    ends = [m.end() for m in _PLACE_END.finditer(lead)]
    return lead[: ends[-1]] if ends and ends[-1] >= 2 else None


def parse_incident_facts(text: str, fields: dict[str, Any] | None = None) -> IncidentFacts:
    """Facts of an incident from free text, with `fields` (hazard/place/time or quantity: value) on top."""
    hazard = _HAZARDS.search(text)
    time = _TIME.search(text)
    facts = IncidentFacts(
        hazard=hazard[0] if hazard else None,
        place=_place(text),
        time=time[0] if time else None,
        hazards=sorted(hazards_in(text)),
        values=fact_values(text),
        raw=text,
    )
    if "省份数" not in facts.values and (provinces := _province_count(text)):
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


# ---------------------------------------------------------------------------------------------------------
# Level determination
# ---------------------------------------------------------------------------------------------------------


class LevelDecision(BaseModel):
    level: int | None
    label: str | None
    met: list[tuple[Trigger, Threshold]] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    undecidable_triggers: list[Trigger] = Field(default_factory=list)
    explanation: str


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


def _open_parts(outcomes: list[_Outcome]) -> _Outcome:
    open_ = [o for o in outcomes if o.state is _State.OPEN]
    missing = list(dict.fromkeys(q for o in open_ for q in o.missing))
    return _Outcome(_State.OPEN, missing=missing, judge=any(o.judge for o in open_))


def _all_of(outcomes: list[_Outcome]) -> _Outcome:
    if any(o.state is _State.NOT_MET for o in outcomes):
        return _Outcome(_State.NOT_MET)
    if all(o.state is _State.MET for o in outcomes):
        return _Outcome(_State.MET, met=[t for o in outcomes for t in o.met])
    return _open_parts(outcomes)


def _any_of(outcomes: list[_Outcome]) -> _Outcome:
    if any(o.state is _State.MET for o in outcomes):
        return _Outcome(_State.MET, met=[t for o in outcomes if o.state is _State.MET for t in o.met])
    if all(o.state is _State.NOT_MET for o in outcomes):
        return _Outcome(_State.NOT_MET)
    return _open_parts(outcomes)


def _threshold(threshold: Threshold, values: dict[str, float]) -> _Outcome:
    if threshold.quantity not in values:
        return _Outcome(_State.OPEN, missing=[threshold.quantity])
    if threshold.holds(values[threshold.quantity]):
        return _Outcome(_State.MET, met=[threshold])
    return _Outcome(_State.NOT_MET)


@lru_cache(maxsize=8192)
def _unexplained_numbers(text: str) -> int:
    return scan_thresholds(text).unexplained


def _relative_level_clauses(report: str) -> str:
    """The clauses of a report that state a level relative to a reference level (「超警戒0.3米」), each with
    the clause before it when it names no river, station or reservoir itself."""
    clauses = re.split(r"[，,；;。：:]", report)
    kept: list[str] = []
    for i, clause in enumerate(clauses):
        if any(k.startswith("超") and k.endswith("水位") for k in fact_values(clause)):
            if i and not re.search(r"[站江河湖库]", clause):
                kept.append(clauses[i - 1])
            kept.append(clause)
    return "，".join(kept)


def _is_relative_level(threshold: Threshold) -> bool:
    return threshold.quantity.startswith("超") and threshold.quantity.endswith("水位")


def _words_outcome(condition: Condition, thresholds: list[Threshold], numeric: _Outcome | None,
                   report: str, subject: bool = False) -> _Outcome:
    """A condition with words no threshold explains: its words against the report (`qualitative`); a number
    left unexplained (「2条河流」) stays for a person to judge."""
    if numeric is not None and numeric.state is _State.NOT_MET:
        return numeric
    if not report or _unexplained_numbers(condition.text):
        return _Outcome(_State.OPEN, judge=True)
    residual = condition.text
    for t in thresholds:
        residual = residual.replace(t.text, " ")
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


def evaluate_trigger(trigger: Trigger, values: dict[str, float], report: str = "",
                     hazards: list[str] | None = None) -> _Outcome:
    """Alternatives (「，或」) of conjuncts (「，且」) of options (「或」), each option all its thresholds and,
    where the text states more than thresholds, its words against the `report`. A criterion for one hazard
    (「台风：…」, an annex for 台风) is not met by an incident of another."""
    if trigger.hazard and trigger.hazard not in (hazards if hazards is not None else hazards_in(report)):
        return _Outcome(_State.NOT_MET)
    if not trigger.conditions:
        return _Outcome(_State.OPEN, judge=True)
    groups: dict[int, dict[int, list[_Outcome]]] = {}
    for index, condition in enumerate(trigger.conditions):
        thresholds = [t for t in trigger.thresholds if t.condition == index]
        outcome = _all_of([_threshold(t, values) for t in thresholds]) if thresholds else None
        if outcome is None or (outcome.state is _State.MET and not condition.complete):
            outcome = _words_outcome(condition, thresholds, outcome, report)
        elif outcome.state is _State.MET and report and any(_is_relative_level(t) for t in thresholds):
            outcome = _words_outcome(condition, thresholds, outcome, report, subject=True)
        elif outcome.state is _State.MET and report and (trigger.hazard or lacks_intensity(condition.text, report)):
            # A hazard's criterion describes the weather as much as it counts it (「2个省…出现特大暴雨」).
            outcome = _words_outcome(condition, thresholds, outcome, report)
        groups.setdefault(condition.alternative, {}).setdefault(condition.conjunct, []).append(outcome)
    return _any_of(
        [_all_of([_any_of(options) for options in conjuncts.values()]) for conjuncts in groups.values()]
    )


def _evaluate_level(level: ResponseLevel, facts: IncidentFacts, values: dict[str, float]
                    ) -> tuple[_Outcome, list[_Outcome]]:
    outcomes = [evaluate_trigger(t, values, facts.raw, facts.hazards) for t in level.triggers]
    combined = _all_of(outcomes) if level.mode is Mode.ALL else _any_of(outcomes)
    return combined, outcomes


def _describe(trigger: Trigger, threshold: Threshold, values: dict[str, float]) -> str:
    t = threshold
    if t.quantity not in values:
        return f"「{trigger.text}」"
    comparison = f"{t.quantity} {values[t.quantity]:g} {t.comparator.value} {t.value:g}{t.unit}"
    return f"「{trigger.text}」（{comparison}）"


def _with_event_class(plan: DigitalPlan, facts: IncidentFacts, values: dict[str, float]) -> str:
    """Plans grade events (特别重大…一般) and start responses by class (「发生较大事故」): the class comes
    from the plan's own event grading when the facts do not name it."""
    if "事件等级" in values or not any(lv.ladder is Ladder.EVENT and lv.triggers for lv in plan.levels):
        return ""
    event = determine_level(plan, facts, Ladder.EVENT)
    if event.level is None:
        return ""
    values["事件等级"] = float(event.level)
    return f"按预案事件分级为「{event.label}」。"


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
    values = dict(facts.values)
    notes = [_with_event_class(plan, facts, values)] if ladder is not Ladder.EVENT else []
    missing: list[str] = []
    undecidable: list[Trigger] = []
    for level in levels:
        combined, outcomes = _evaluate_level(level, facts, values)
        if combined.state is _State.MET:
            met = [
                (t, th)
                for t, o in zip(level.triggers, outcomes, strict=True)
                if o.state is _State.MET
                for th in o.met
            ]
            reasons = "；".join(_describe(t, th, values) for t, th in met)
            notes.append(f"符合{level.label}的启动条件：{reasons}。")
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
    notes.extend(_open_notes(missing, undecidable, higher=False))
    return LevelDecision(
        level=None, label=None, missing=missing, undecidable_triggers=undecidable, explanation="".join(notes)
    )


def _open_notes(missing: list[str], undecidable: list[Trigger], higher: bool) -> list[str]:
    notes = []
    scope = "更高等级" if higher else "是否达到启动条件"
    if missing:
        notes.append(f"{scope}尚不能判定，需补充：{'、'.join(missing)}。")
    if undecidable:
        notes.append(f"另有{len(undecidable)}项条件没有可比对的数值，须人工研判。")
    return notes


__all__ = [
    "Comparator",
    "IncidentFacts",
    "LevelDecision",
    "determine_level",
    "evaluate_trigger",
    "fact_values",
    "parse_incident_facts",
]
