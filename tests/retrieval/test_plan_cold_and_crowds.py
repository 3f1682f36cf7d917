"""Plans written as bureaus write them for snow, ice and cold, and for crowds, on fixtures of our own: levels in
Chinese numerals (一级…四级应急响应), degrees of frost (「连续5天日最低气温低于零下10℃」), road closed on several sections
added up, passengers stranded, a warning raised to red, a run of cold days; a cold-wave-only report that the plan's
scope hands to another plan; a crush in a metro station that is the metro plan's."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from assistant.tasks.plan_choice import handed_over, place_names, scope_exclusions
from retrieval.plan.decision import determine_level
from retrieval.plan.event_types import setting_match, types_in
from retrieval.plan.facts import fact_values
from retrieval.plan.incident_facts import parse_incident_facts
from retrieval.plan.qualitative import qualitative_state
from retrieval.plan.tables import hazards_in
from retrieval.plan.thresholds import parse_thresholds

COLD_PLAN = Path(__file__).parent / "fixtures" / "cold_plan.md"


@pytest.fixture(scope="module")
def cold_plan():
    return plan_of(COLD_PLAN, "霜川市低温雨雪冰冻灾害应急预案", "cold")


def test_a_run_of_frosty_days_is_two_thresholds_read_the_right_way_round():
    found = [(t.quantity, t.comparator.value, t.value) for t in parse_thresholds("连续 5 天日最低气温低于零下 1 0 ℃")]
    assert found == [("连续天数", "≥", 5.0), ("零下温度", ">", 10.0)]
    assert fact_values("已经连着５天最低温在零下十一度到零下十四摄氏度，今早-14.2℃") == {
        "连续天数": 5.0, "零下温度": 11.0, "时长": 120.0}  # the run is as cold as its mildest day
    assert "零下温度" not in fact_values("气温在10-12℃之间")  # a range of positive temperatures


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("城区积雪深度５cm整，气象台还没发暴雪预警。", 4),
        ("雪没停，城区积雪12厘米了，停电８０００户左右，车站滞留旅客约６００人。", 3),
        ("这三天城区最低气温都是零下8度整，桥面有零星薄冰，没有封路。", None),  # 「低于」 excludes −8 ℃
        ("已经连着５天最低温在零下十一度到零下十四摄氏度，城区积雪７cm。", 3),
        ("路面结冰，高速封了２６公里，国道又封了１２公里，没有旅客滞留。", 4),  # 38 km added up
        ("暴雪预警升到红色了，停电３.２万户，滞留旅客２６００人。", 2),  # red counts as 二级's orange, 一级 needs both
        ("市气象台发布暴雪红色预警信号，停电用户已达１２.６万户。", 1),
        ("滞留旅客正好５０００人，城区积雪不到10公分。", 2),
    ],
)
def test_cold_reports_as_officers_write_them(cold_plan, report, level):
    assert determine_level(cold_plan, parse_incident_facts(report)).level == level


def test_snow_and_ice_name_their_hazards_and_a_cold_wave_is_not_a_snow_plan_s():
    assert hazards_in("雪不算大，但底下是一层冰，车都趴在冰面上。") == {"道路结冰"}
    assert "暴雪" in hazards_in("城区积雪12厘米") and "寒潮" in hazards_in("24小时降温11℃，强冷空气南下")
    assert "水旱气象灾害" in types_in("线路覆冰跳闸，城区积雪12厘米")


def test_crowds_counted_as_officers_count_them():
    assert fact_values("古街入口聚了五千多人，人群里有4个人被挤伤，已经送医。") == {"聚集人数": 5000.0, "受伤": 4.0}
    assert fact_values("两个歌迷受伤送医。这场演唱会许可人数是１.２万人。") == {"受伤": 2.0, "参加人数": 12000.0}
    assert fact_values("通道里滞留了大约１５００人") .get("滞留旅客") == 1500.0
    assert [(t.quantity, t.value) for t in parse_thresholds("区域聚集 5 0 0 0 人以上且疏导无效")] == [("聚集人数", 5000.0)]
    assert "省份数" not in parse_incident_facts("上周五省道上一辆小轿车和货车迎面相撞。").values


def test_a_crush_in_a_metro_station_is_the_metro_plan_s_before_a_crowd_plan_s():
    asked = types_in("换乘站一部上行扶梯突然逆行，乘客挤倒，送医23人。")
    assert asked == {"人员密集场所事件", "轨道交通事故"}
    assert setting_match({"轨道交通事故"}, asked) == 1 and setting_match({"人员密集场所事件"}, asked) == 0


def test_a_scope_that_hands_a_hazard_to_another_plan():
    scope = COLD_PLAN.read_text(encoding="utf-8").split("### 1.3 适用范围")[1].split("##")[0]
    assert handed_over(scope) == {"寒潮"}
    assert handed_over("本预案适用于本区燃气事故的应对。") == frozenset()


def test_an_exclusion_of_the_plans_own_hazard_in_another_setting_hands_nothing_over():
    """Blind dev batch 32 (鲂溪): an expressway fog plan that excludes fog accidents on ordinary roads had been skipped
    for every fog report on its own expressways."""
    scope = "本预案适用于本县高速公路因团雾影响通行安全的情形；普通国省道和农村公路上的雾天交通事故不适用本预案。"
    assert handed_over(scope) == {"大雾"}
    assert scope_exclusions(scope, "鲂溪县高速公路团雾交通安全应急预案") == frozenset()
    assert scope_exclusions(scope, "鲂溪县道路交通事故应急预案") == {"大雾"}


@pytest.mark.parametrize(
    ("criterion", "report", "state"),
    [
        ("主城区主干道大面积交通瘫痪", "城里几条主要大马路全堵死了，公交停运，交警说这大半天基本是瘫了。", "met"),
        ("主城区主干道大面积交通瘫痪", "主干道车速慢但能走，暂无伤亡。", "open"),
        ("现场秩序失控", "隔离护栏被冲倒了，现场已经乱了，喊话也没人听。", "met"),
    ],
)
def test_circumstances_in_an_officer_s_words(criterion, report, state):
    assert qualitative_state(criterion, report)[0] == state


def test_a_section_of_line_or_a_verb_phrase_is_no_place():
    assert place_names("4号线一列车在区间冒烟起火，乘客从区间疏散到前方车站，事发区段３个站停止服务。") == set()
    assert place_names("河口镇后山林地起火") == {"河口镇"}
    # sections, interchanges and bridges of an expressway (blind dev batch 32)
    assert {"鲌溪互通", "鲥坪段", "鲚河特大桥"} <= place_names("S18鲌溪互通段团雾；S62鲥坪段追尾；S18鲚河特大桥段起雾")
