"""A city plan for heavy air pollution, on a fixture of our own: levels named by colour with the response in brackets
(「蓝色预警（Ⅳ级响应）」, 预警即响应), graded by forecast days above an index; forecasts as duty officers report them."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.plan.air_quality import aqi_facts
from retrieval.plan.decision import determine_level
from retrieval.plan.duties import duties_for
from retrieval.plan.incident_facts import parse_incident_facts
from retrieval.plan.thresholds import parse_thresholds

AIR_PLAN = Path(__file__).parent / "fixtures" / "air_plan.md"


@pytest.fixture(scope="module")
def air_plan():
    return plan_of(AIR_PLAN, "汀州市重污染天气应急预案", "air")


def test_days_above_an_index_are_thresholds():
    found = [(t.quantity, t.value) for t in parse_thresholds("AQI日均值超过200将持续3天（72小时）以上，且其中AQI日均值超过300的天数不低于1天")]
    assert found == [("AQI超过200天数", 3.0), ("AQI超过300天数", 1.0)]
    assert [(t.quantity, t.value) for t in parse_thresholds("或者预测全市AQI日均值达到 5 0 0 ")] == [("AQI日均值", 500.0)]


def test_a_forecast_counts_the_city_wide_days_above_each_bound():
    facts = aqi_facts("从明天起连续三天全市日均AQI分别约260、320、280，PM2.5日均浓度最高约270μg/m³；第四天有雨，降到150。")
    assert (facts["AQI超过200天数"], facts["AQI超过300天数"], facts["AQI日均值"]) == (3, 1, 320)
    assert aqi_facts("今明两天全市日均AQI在240—260，后天起北风加大")["AQI超过200天数"] == 2
    assert aqi_facts("夜里几个站点小时AQI都冲到320了") == {}  # an hour's, a station's
    assert aqi_facts("后天起沙尘过境，估计日均AQI能到400多") == {}  # sand and dust days are not graded
    assert aqi_facts("未来七十二小时，也就是周六到周一，全市日均AQI预计230、300、260")["AQI超过300天数"] == 0


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("会商：明天全市日均AQI预计在201到225之间，周五有冷空气过来。", 4),
        ("会商：今明两天全市日均AQI在240—260，后天起北风加大，能降到100以下。", 3),
        ("从明天起连续三天全市日均AQI分别约260、320、280。", 2),
        ("预测本周三至周日连续五天全市AQI日均值超过200，其中周五310、周六330，其余为230—290。", 1),
        ("后天、大后天全市日均AQI预报值都是200，一天都没超过。", None),
    ],
)
def test_air_forecasts_as_officers_report_them(air_plan, report, level):
    assert determine_level(air_plan, parse_incident_facts(report)).level == level


def test_a_colour_named_level_s_measures_are_its_response_duties(air_plan):
    red = [m.action for m in duties_for(air_plan, 1)]
    assert any("单双号限行" in a for a in red) and not any("减少户外活动" in a for a in red)
    assert any("减少户外活动" in m.action for m in duties_for(air_plan, 4))
