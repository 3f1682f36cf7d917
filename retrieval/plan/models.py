"""The digital plan's data model: response levels, triggers and thresholds, measures and report rules.

Pydantic models of what `retrieval.plan.digital_plan` reads out of a contingency plan, and the enums that grade
them (comparator, any/all mode, phase, ladder). Every item keeps the chunk it came from so that answers can
cite it; `DigitalPlan` round-trips through JSON.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


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
    """A criterion of a level. `hazard`: the hazard it is for (an annex 「台风灾害应急响应启动条件」, a
    「台风：」 prefix); `row`: the table row it came from, keyed by the table's header."""

    text: str
    thresholds: list[Threshold] = Field(default_factory=list)
    chunk_id: str
    locator: str = ""
    conditions: list[Condition] = Field(default_factory=list)
    hazard: str | None = None
    row: dict[str, str] = Field(default_factory=dict)


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
    """One duty. `level` is the response level whose section lists it (None: every level); `also_levels` the
    other levels a shared section names (「Ⅱ级和Ⅰ级应急响应措施」)."""

    level: int | None
    also_levels: list[int] = Field(default_factory=list)
    phase: Phase
    action: str
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    time_limit: str | None = None
    chunk_id: str
    locator: str


class ReportRule(BaseModel):
    """A reporting duty; `level` is the response level whose section states it (None: every level)."""

    text: str
    level: int | None = None
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
    # The reference levels of the plan's station table: {"石门站": {"警戒": 36.8, "保证": 39.2}}.
    stations: dict[str, dict[str, float]] = Field(default_factory=dict)
    # The river of each station where the table names it: {"泖阳站": "泖江"}.
    station_rivers: dict[str, str] = Field(default_factory=dict)
    # The classes of the works the plan lists (`retrieval.plan.works`): {"石鼓岩水库": "小（1）型"}.
    works: dict[str, str] = Field(default_factory=dict)
    # The figure the plan states for the base of a share its criteria grade (`retrieval.plan.shares`):
    # {"受旱面积比例": 26666.7} for 「受旱耕地占全县耕地面积…」 and 「全县耕地面积40万亩」 (in 公顷).
    share_bases: dict[str, float] = Field(default_factory=dict)
    # What the plan applies to (its 适用范围 section): a condition that only restates it holds for any incident
    # the plan was chosen for.
    scope: str = ""
    # Circumstances that raise the response one level (「涉及学校、养老机构的，响应级别提高一级」).
    raises: list[Trigger] = Field(default_factory=list)
    # What the plan says it does not apply to (`retrieval.plan.exclusions`): 「…伤人，不适用本预案」, each its sentence.
    exclusions: list[Trigger] = Field(default_factory=list)
    # The sensitive times and key places the plan lists (`retrieval.plan.circumstances`): {"重点地区": ["蓍山化工园区"]}.
    circumstances: dict[str, list[str]] = Field(default_factory=dict)
    # The flood season the plan defines, (month, day, month, day) (`retrieval.plan.season`): criteria 「处于汛期运行」.
    flood_season: tuple[int, int, int, int] | None = None
    # The plan's own names of its levels on the scale (`retrieval.plan.aliases`): {"丙级": "Ⅲ级"}.
    level_names: dict[str, str] = Field(default_factory=dict)
    # The people whose casualties the plan does not count (`retrieval.plan.uncounted`): ["冰钓", "冬捕"].
    uncounted: list[str] = Field(default_factory=list)
    # The plan engine that read it (`retrieval.plan.digital_plan.ENGINE`): a plan an older engine read is read again.
    engine: str = ""

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
        found = [m for m in self.measures if m.level in levels or set(m.also_levels) & set(levels)]
        # a duty a graver level restates with its own deadline (a roster's 「3 0 分钟内到岗」 at 二级) replaces the
        # milder level's (「1 小时内到岗」 at 四级)
        own = {m.action for m in found if m.level == level or level in m.also_levels}
        return [m for m in found if m.action not in own or m.level == level or level in m.also_levels]

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str) -> DigitalPlan:
        return cls.model_validate_json(text)
