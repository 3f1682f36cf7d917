"""Grading as plans write it, on our own small fixture (`fixtures/graded_forms_plan.md`): a table whose columns are
each a bound (面积 | 停电时间 | 伤亡, any one meets the level), 「Ⅳ级：…决定启动」 decider lines, levels that build
on the one below without 「的」, and an annex (listed in the table of contents too) with hazard blocks
(「一、台风」) of bare 「Ⅳ级：…」 criteria lines and a table with one column per level and one row per hazard."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.plan.digital_plan import Ladder
from retrieval.plan.incident_facts import determine_level, parse_incident_facts
from retrieval.plan.tables import find_tables

FIXTURE = Path(__file__).parent / "fixtures" / "graded_forms_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "青禾县自然灾害应急预案", "q")


def _levels(plan):
    return {lv.level: lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE}


def test_deciders_and_builds_on_come_from_bare_level_lines(plan):
    levels = _levels(plan)
    assert levels[4].decided_by == "县应急局局长" and levels[2].decided_by == "县指挥部指挥长"
    assert levels[3].builds_on == 4
    assert not any("决定启动" in t.text for lv in levels.values() for t in lv.triggers)


def test_annex_criteria_are_kept_per_hazard(plan):
    hazards = {t.hazard for lv in _levels(plan).values() for t in lv.triggers}
    assert {"台风", "寒潮", "大雾"} <= hazards
    assert not any(t.hazard for t in _levels(plan)[1].triggers)


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("受灾农田面积约150公顷，暂无人员伤亡。", 3),  # the area column alone meets Ⅲ级
        ("因灾死亡3人，受灾农田约30公顷。", 2),  # 「3人以下」 excludes 3 here; 「3人以上」 is Ⅱ级
        ("城区停电已持续13小时。", 3),
        ("需紧急转移群众6000人。", 1),
        ("县气象台发布台风蓝色预警信号，预计24小时内平均风力7级。", 4),
        ("县气象台发布台风黄色预警信号。", 3),
        ("大雾：全县能见度不足200米，预计将持续。", 3),  # 不足200 meets 「小于200米」, not 「小于50米」
        ("大雾：全县能见度200米，预计将持续。", 4),  # 小于 excludes the bound
        ("寒潮来袭，24小时内最低气温下降13℃。", 3),
        ("县气象台发布暴雨黄色预警信号。", None),  # no criterion for rain: the typhoon annex does not apply
    ],
)
def test_the_level_the_facts_trigger(plan, report, level):
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_a_table_cut_across_chunks_keeps_its_header():
    header = ["响应级别", "启动条件（出现下列情况之一）", "决定单位"]
    rest = "Ⅲ级 | （1）水位超警戒0.5米；（2）死亡1人以上。 | 县指挥部常务副指挥长决定"
    tables = find_tables(rest, carried=header)
    assert len(tables) == 1 and tables[0].rows[0].cells["决定单位"] == "县指挥部常务副指挥长决定"
    assert find_tables("前文说明。\n" + rest, carried=header) == []  # text between: not the same table


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("山洪致2人遇难，另有1人失联。", 2),  # 死亡（含失踪）: 2 + 1 = 3 meets 「死亡3人以上」 of this plan's Ⅱ级
        ("一辆车被冲入河道，驾驶员经抢救无效死亡。", 3),  # a death without a figure is one death
        ("县应急局称已“启动Ⅱ级响应”，目前无人员伤亡。", 2),  # a declaration by the plan's own county body
        ("溪口镇上报“已启动Ⅱ级响应”，目前无人员伤亡。", None),  # a town's declaration is about its own response
        ("邻县东川县已启动Ⅱ级响应，我县暂无灾情。", None),  # another county's declaration is its own
    ],
)
def test_deaths_missing_and_declarations_as_officers_write_them(plan, report, level):
    from retrieval.plan.declared import with_declared

    facts = parse_incident_facts(report)
    assert with_declared(plan, determine_level(plan, facts), facts.raw).level == level


@pytest.mark.parametrize(
    ("condition", "report", "state"),
    [
        ("已形成的堰塞湖威胁下游城镇", "塌方体堵断河道，有形成堰塞湖的可能，下游城镇受威胁。", "open"),  # possible ≠ happened
        ("已形成的堰塞湖威胁下游城镇", "塌方体已形成堰塞湖，威胁下游城镇。", "met"),
        ("灾害体堵塞河道", "滑坡堆积体堵断河道。", "met"),  # the report's own words for the plan's
        ("威胁东山水库、北岭变电站、输油管道等重要设施安全", "火头向北岭变电站方向推进。", "met"),  # one option named
    ],
)
def test_qualitative_conditions_read_as_reports_word_them(condition, report, state):
    from retrieval.plan.qualitative import qualitative_state

    assert qualitative_state(condition, report)[0] == state


def test_a_consequence_clause_follows_the_fact_it_describes(plan):
    from retrieval.models import Chunk
    from retrieval.plan.decision import evaluate_trigger
    from retrieval.plan.levels import make_trigger

    chunk = Chunk.model_construct(chunk_id="c", locator="4.1")
    trigger = make_trigger("火场距居民区不足1公里，威胁群众生命安全", chunk)
    facts = parse_incident_facts("火头离居民点只有800米左右。")
    assert evaluate_trigger(trigger, facts.values, facts.raw).state.value == "met"
    far = parse_incident_facts("火头离居民点约3公里。")
    assert evaluate_trigger(trigger, far.values, far.raw).state.value == "not_met"


@pytest.mark.parametrize(("report", "state"), [
    ("过火面积约8000亩，死亡1人。", "met"),  # 533公顷: the first item alone
    ("草场过火，受害草原面积约6000公顷。", "met"),  # the second item alone
    ("过火面积约120亩，无人员伤亡。", "open"),  # 8公顷, no deaths: only the grassland area could still meet it
])
def test_items_before_a_closing_or_are_alternatives_each_measuring_its_own_quantity(report, state):
    from retrieval.models import Chunk
    from retrieval.plan.decision import evaluate_trigger
    from retrieval.plan.facts import comparable_values
    from retrieval.plan.levels import make_trigger

    trigger = make_trigger("森林火灾过火面积 500 公顷以上，受害草原面积 5000 公顷以上，或者造成 10 人以上死亡的",
                           Chunk.model_construct(chunk_id="c", locator="4.1"))
    facts = parse_incident_facts(report)
    assert evaluate_trigger(trigger, comparable_values(facts.values), facts.raw).state.value == state
    joined = make_trigger("24小时降雨量超过100毫米，预报降雨持续，或者3个以上镇启动Ⅳ级应急响应",
                          Chunk.model_construct(chunk_id="c", locator="4.1"))
    assert {c.alternative for c in joined.conditions if "降雨" in c.text} == {0}  # a measure and a circumstance


@pytest.mark.parametrize(
    ("criterion", "report", "state"),
    [
        ("过去24小时有3个以上镇（街道）降雨量达50毫米以上", "过去24小时北岗、南湾、西林、东塘4个镇街雨量61～88毫米。", "met"),
        ("过去24小时有3个以上镇（街道）降雨量达50毫米以上", "过去24小时北岗镇雨量92毫米，其余镇街20～40毫米。", "not_met"),
        ("过去24小时有1个以上镇（街道）降雨量达250毫米以上", "各镇街雨量：北岗镇262毫米，其余镇街70～120毫米。", "met"),
        ("积水深度超过15cm的道路积水点达到5处以上", "城区有6处道路积水超过20厘米。", "met"),
        ("积水深度超过15cm的道路积水点达到5处以上", "城区有3处道路积水超过20厘米。", "not_met"),
    ],
)
def test_a_counted_criterion_compares_how_many_places_meet_the_figure(criterion, report, state):
    from retrieval.models import Chunk
    from retrieval.plan.decision import evaluate_trigger
    from retrieval.plan.facts import comparable_values
    from retrieval.plan.levels import make_trigger

    trigger = make_trigger(criterion, Chunk.model_construct(chunk_id="c", locator="附件1"))
    facts = parse_incident_facts(report)
    assert evaluate_trigger(trigger, comparable_values(facts.values), facts.raw).state.value == state


@pytest.mark.parametrize(("report", "level"), [
    ("某厂房坍塌，无人死亡，4人重伤，直接经济损失约1000万元。", 3),  # 1000万元以上 is 较大: Ⅲ级
    ("车间爆炸，截至目前确认死亡27人、失踪4人，受伤100余人。", 1),  # 死亡（含失踪）31 is 特别重大
    ("仓库起火，2人轻伤，损失约40万元，无人死亡。", 4),
])
def test_a_response_started_by_event_class_reads_the_classes_from_an_annex_table(report, level):
    """「较大事故由区政府启动Ⅲ级响应」 in the body, the classes' figures in an annex table: the annex grades
    the event, the body maps the class to the response."""
    plan = plan_of(Path(__file__).parent / "fixtures" / "class_annex_plan.md", "示例区工贸企业生产安全事故应急预案")
    assert {lv.level for lv in plan.levels if lv.ladder is Ladder.RESPONSE and lv.triggers} == {1, 2, 3, 4}
    assert determine_level(plan, parse_incident_facts(report)).level == level


@pytest.mark.parametrize(("report", "deaths"), [
    ("无人死亡，4人重伤", 0), ("4人重伤，没人死亡", 0), ("驾驶员经抢救无效死亡", 1), ("1人被洪水淹没死亡", 1),
])
def test_no_death_is_read_as_none_and_a_death_without_a_figure_as_one(report, deaths):
    assert parse_incident_facts(report).values["死亡"] == deaths
