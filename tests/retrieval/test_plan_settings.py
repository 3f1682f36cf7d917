"""Plans of settings the first plans did not cover, on fixtures of our own: a gas plan whose levels are its event
classes (「重大、较大、一般燃气事故依次对应二级、三级、四级应急响应」, or 分别对应) and whose criteria count households without gas and
hours; a grading table cut across chunks; reports that say how long without naming what lasted, and circumstances in
an officer's words (「楼塌了半边」「乘客出不来」「漏点就在医院对面」)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.models import Chunk, DocType
from retrieval.plan.decision import determine_level
from retrieval.plan.digital_plan import Ladder, parse_digital_plan
from retrieval.plan.event_types import setting_match, types_in
from retrieval.plan.facts import fact_values
from retrieval.plan.incident_facts import parse_incident_facts
from retrieval.plan.qualitative import qualitative_state

GAS_PLAN = Path(__file__).parent / "fixtures" / "gas_plan.md"


@pytest.fixture(scope="module")
def gas_plan():
    return plan_of(GAS_PLAN, "禾川县城镇燃气事故应急预案", "gas")


def _level(plan, report: str) -> int | None:
    return determine_level(plan, parse_incident_facts(report)).level


def test_classes_mapped_in_turn_are_the_levels_criteria(gas_plan):
    response = {lv.level: [t.text for t in lv.triggers] for lv in gas_plan.levels if lv.ladder is Ladder.RESPONSE}
    assert response[2] == ["重大燃气事故"] and response[3] == ["较大燃气事故"] and response[4] == ["一般燃气事故"]


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("城北施工挖断中压主管，燃气公司统计停气1.2万户，预计总共要30个小时左右。", 3),  # 12000 户 and 30 h: 较大
        ("调压箱被撞坏，下游３０００户停气，今早主管恢复供气，整整１２个小时。", 4),
        ("调压站故障，900户停气，估计要20个小时左右。", None),  # below every class
        ("片区2.1万户停气，已经停了50个小时，无伤亡。", 2),
        ("一栋商住楼一楼餐馆燃气爆炸，楼塌了半边，6人受伤。", 2),
        ("人民路中压管泄漏，漏点就在县人民医院门诊楼对面，隔壁实验小学还在上课。", 3),
    ],
)
def test_gas_reports_as_officers_write_them(gas_plan, report, level):
    assert _level(gas_plan, report) == level


def test_a_denied_circumstance_states_no_option():
    state, _ = qualitative_state("燃气泄漏、爆炸引发建筑物坍塌的", "调压站设备故障，900户停气，没有泄漏。")
    assert state != "met"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("事发区段３个站停止服务一个半小时", {"停运车站": 3.0, "时长": 1.5}),
        ("整个过程中断行车25分钟", {"中断行车时长": 25 / 60}),
        ("上游通报修复至少４天", {"时长": 96.0}),
        ("全网封了２４座车站，占全网百分之二十", {"停运车站": 24.0, "停运车站比例": 20.0}),
        ("预计未来24小时两省将出现暴雨", {}),  # a forecast window is no duration
        ("接报后30分钟内报告", {}),  # nor is a time limit
    ],
)
def test_durations_and_closures_as_reports_give_them(text, expected):
    values = fact_values(text)
    assert {k: round(v, 4) for k, v in values.items() if k in expected or k.endswith(("时长", "车站", "比例"))} == {
        k: round(v, 4) for k, v in expected.items()}


def test_passengers_trapped_in_a_derailed_carriage():
    report = "列车第4、5节车厢出轨，第5节里还有十几个乘客出不来，消防正在破拆。"
    assert qualitative_state("列车脱轨", report)[0] == "met"
    assert qualitative_state("有乘客被困车厢", report)[0] == "met"  # 乘客 is no 客车


def test_a_fire_in_a_metro_station_is_the_metro_plan_s_before_a_fire_plan_s():
    asked = types_in("早高峰站厅层一家便利店着火，站里的乘客全部清出去了")
    assert setting_match({"轨道交通事故"}, asked) > setting_match({"火灾事故"}, asked)


def _chunk(seq: int, text: str) -> Chunk:
    return Chunk(chunk_id=f"t:{seq}", doc_id="t", doc_title="禾川市轨道交通运营突发事件应急预案", doc_type=DocType.PLAN,
                 source_path="t.md", locator="第三章 事件分级", heading_path=["第三章 事件分级"], page_start=0,
                 page_end=0, text=text, seq=seq)


def test_a_grading_table_cut_across_chunks_keeps_its_rows_levels():
    first = ("表3-1 分级标准\n事件级别 | 响应级别 | 分级标准\n重大 | Ⅱ级 | 造成3人以上10人以下死亡\n"
             " |  | 连续中断行车6小时以上24小时以下\n较大 | Ⅲ级 | 造成1人以上3人以下死亡")
    rest = " |  | 连续中断行车2小时以上6小时以下\n |  | 直接经济损失500万元以上1000万元以下\n一般 | Ⅳ级 | 造成1人以上3人以下重伤"
    plan = parse_digital_plan("t", "禾川市轨道交通运营突发事件应急预案", [_chunk(0, first), _chunk(1, rest)])
    level3 = next(lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE and lv.level == 3)
    assert [t.text for t in level3.triggers] == ["造成1人以上3人以下死亡", "连续中断行车2小时以上6小时以下",
                                                 "直接经济损失500万元以上1000万元以下"]
    assert determine_level(plan, parse_incident_facts("信号故障，东段5个站停运3个多小时，无人受伤。")).level == 3


WATER_PLAN = Path(__file__).parent / "fixtures" / "water_plan.md"


@pytest.fixture(scope="module")
def water_plan():
    return plan_of(WATER_PLAN, "禾川区城市供水突发事件应急预案", "water")


def test_a_level_s_outline_paragraph_lists_its_criteria(water_plan):
    level3 = next(lv for lv in water_plan.levels if lv.ladder is Ladder.RESPONSE and lv.level == 3)
    assert [t.text for t in level3.triggers] == ["造成5000户以上居民连续停水12小时以上", "全区日供水量减少20%以上"]
    assert _level(water_plan, "城东配水管爆裂，8000户停水，预计要停15个小时。") == 3
    assert _level(water_plan, "今天全区日供水量减少了12%，高区水压不足。") == 4


def test_a_duty_matrix_gives_each_unit_its_tasks_per_level_and_is_no_grading_table(water_plan):
    from retrieval.plan.duties import duties_for

    assert not any("组织抢修队伍" in t.text for lv in water_plan.levels for t in lv.triggers)
    level3 = {(tuple(m.lead_units), m.action) for m in duties_for(water_plan, 3)}
    assert (("区供水公司",), "调度水厂增压供水") in level3  # 「在Ⅳ级基础上，」 is no part of the task
    assert (("区供水公司",), "组织抢修队伍；张贴停水通知") in level3  # the matrix builds on the lower levels
    assert (("区消防救援大队",), "出动消防车送水") in level3
    level4 = {m.action for m in duties_for(water_plan, 4)}
    assert "出动消防车送水" not in level4 and "同Ⅳ级" not in level4 and "—" not in level4


ANNEX_PLAN = Path(__file__).parent / "fixtures" / "annex_measures_plan.md"


def test_an_annex_of_measures_by_level_gives_each_level_its_duties_and_classes_start_their_levels():
    from retrieval.plan.duties import duties_for

    plan = plan_of(ANNEX_PLAN, "禾川县道路交通事故应急预案", "road")
    level4 = [m.action for m in duties_for(plan, 4)]
    level3 = [m.action for m in duties_for(plan, 3)]
    # the wrapped lines of an OCR'd page are one duty
    assert "县指挥部办公室主任赶赴现场，统一指挥现场处置，组织交警、医疗等力量开展救援" in level4
    assert "副总指挥赶赴现场，成立现场指挥部" in level3 and "副总指挥赶赴现场，成立现场指挥部" not in level4
    # 「较大道路交通事故（Ⅲ级）」: the class starts Ⅲ级响应
    response = {lv.level: [t.text for t in lv.triggers] for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    assert response == {3: ["较大道路交通事故"], 4: ["一般道路交通事故"]}


@pytest.mark.parametrize(("report", "kind"), [
    ("区人民医院的进水管被施工挖断，从昨晚到现在一直没水", "供水突发事件"),
    ("国道上一辆大巴和货车追尾，两人受伤", "道路交通事故"),
])
def test_reports_of_water_supply_and_road_accidents_name_their_kinds(report, kind):
    assert kind in types_in(report)


def test_a_vehicle_that_caught_fire_by_itself_states_a_fire():
    assert qualitative_state("隧道内发生车辆起火", "隧道里一辆小货车自燃，火已经灭了")[0] == "met"
