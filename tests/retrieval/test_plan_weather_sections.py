"""A weather plan graded per hazard with measures per hazard (国家气象灾害应急预案: 「4.4.4 寒潮」, no per-level
measures), and the wording of heat criteria: a cold wave with a gale gets the cold-wave section first, not the gale's;
「且有成片40摄氏度及以上高温天气」 is a threshold of its own; an OCR'd paragraph broken mid-word over a blank line is one
paragraph again."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.loaders.text import _markdown_blocks
from retrieval.plan.decision import determine_level
from retrieval.plan.duties import duties_for
from retrieval.plan.facts import parse_incident_facts
from retrieval.plan.thresholds import parse_thresholds

SHARED_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
WEATHER = SHARED_CORPUS / "plans" / "国家气象灾害应急预案.md"


def test_heat_over_a_whole_area_is_its_own_threshold():
    criterion = ("过去 48 小时 2 个及以上省(区、市)出现最高气温达 37摄氏度，且有成片 40摄氏度及以上高温天气，"
                 "预计未来 48 小时上述地区仍将出现 37 摄氏度及以上高温天气")
    found = [(t.quantity, t.value) for t in parse_thresholds(criterion)]
    assert found == [("省份数", 2), ("最高气温", 37), ("成片高温", 40), ("最高气温", 37)]
    report = parse_incident_facts("过去两天河南、山东两省最高气温普遍达到37℃，豫东、鲁西南成片超过40度，"
                                  "预计未来48小时两省仍维持37℃以上高温。")
    assert report.values["最高气温"] == 37 and round(report.values["成片高温"]) == 40
    assert report.place is None, "「过去两天」 leads the report; 「过去两天河」 is no place"
    assert "最高气温" not in parse_incident_facts("震中烈度8度，30度坡面滑塌").values


def test_a_paragraph_broken_mid_word_over_a_blank_line_is_one_paragraph():
    text = ("# 4.4.4 寒潮\n\n海洋部门密切关注管辖海域风暴潮、海浪和海冰发生发\n\n展动态，及时发布预警信息。\n\n"
            "4.4.5 沙尘暴、扬沙与浮尘天气\n\n气象部门加强监测预报，及时发布预警信号。\n")
    assert [b.text for b in _markdown_blocks(text)] == [
        "4.4.4 寒潮", "海洋部门密切关注管辖海域风暴潮、海浪和海冰发生发展动态，及时发布预警信息。",
        "4.4.5 沙尘暴、扬沙与浮尘天气", "气象部门加强监测预报，及时发布预警信号。"]


@pytest.fixture(scope="module")
def weather():
    if not WEATHER.exists():
        pytest.skip("shared corpus not found")
    return plan_of(WEATHER, "国家气象灾害应急预案", "w")


@pytest.mark.corpus
def test_a_cold_wave_with_a_gale_gets_the_cold_wave_section_first(weather):
    facts = parse_incident_facts("中央气象台：受强冷空气影响，预计未来48小时湖南、江西两省气温大幅下降，并伴有6～7级偏北大风，"
                                 "最低气温将降至0℃左右。")
    decision = determine_level(weather, facts)
    assert decision.level == 2
    decided = sorted({t.hazard for t, _ in decision.met if t.hazard})
    assert decided == ["寒潮"]
    first = [m.action for m in duties_for(weather, 2, limit=22, hazards=decided)][:9]
    assert any("开放避寒场所" in a for a in first) and any("防寒保暖工作" in a for a in first)
    assert not any("避风" in a for a in first), "the gale's section (4.4.1 台风、大风) is not this incident's"


@pytest.mark.corpus
def test_two_provinces_of_heat_with_forty_degrees_over_an_area_is_level_two(weather):
    report = ("过去两天河南、山东两省最高气温普遍达到37℃，豫东、鲁西南成片超过40度，预计未来48小时两省仍维持37℃以上高温。")
    assert determine_level(weather, parse_incident_facts(report)).level == 2
    without_the_area = report.replace("豫东、鲁西南成片超过40度，", "")
    assert determine_level(weather, parse_incident_facts(without_the_area)).level == 3


def test_provinces_are_counted_as_forecasters_write_them():
    assert parse_incident_facts("预计未来24小时京津冀、山东4个省市大部地区将出现霾天气").values["省份数"] == 4
    assert parse_incident_facts("京津冀和山东出现霾").values["省份数"] == 4, "京津冀 names three provinces"
    assert parse_incident_facts("5个省区出现强沙尘暴").values["省份数"] == 5
    assert "省份数" not in parse_incident_facts("两省市联合开展演练").values


@pytest.mark.corpus
@pytest.mark.parametrize(("report", "level"), [
    ("预计未来48小时强热带风暴“白蝶”将在广东西部沿海登陆，沿海阵风10～11级。", 3),
    ("预计未来48小时热带风暴将在福建沿海登陆", 4),
    ("预计未来48小时台风“海葵”将登陆台湾", 2),
    ("预计未来48小时超强台风将登陆海南", 1),
])
def test_a_storm_triggers_the_level_of_its_class_under_a_hazard_label(weather, report, level):
    # 「台风：预计未来48小时将有强热带风暴登陆或影响我国沿海」: the label is the criterion's hazard, not a word the
    # report must use, and 「强热带风暴」 is not met by 「热带风暴」
    assert determine_level(weather, parse_incident_facts(report)).level == level


@pytest.mark.corpus
@pytest.mark.parametrize(("report", "level"), [
    # no 寒潮 or 降温 in the report: 「气温大幅下降」 names the cold wave
    ("预计未来两天湖北、安徽、江苏三省气温大幅下降，伴有6级以上大风，最低气温降至1℃。", 2),
    # 「出现37℃高温」 is the day's highest temperature
    ("过去48小时广东、广西出现37℃高温，局部成片40℃以上，预计未来两天高温持续。", 2),
    # 「…造成重大损失和影响，以及上述灾害已经启动Ⅲ级响应…的」: 以及 adds a case; a storm is a 灾害性天气
    ("已对群众生产生活造成重大损失，湖南多地暴雨成灾", 2),
])
def test_weather_reports_in_a_forecasters_words(weather, report, level):
    assert determine_level(weather, parse_incident_facts(report)).level == level


def test_a_forecast_for_the_same_area_is_judged_by_the_weather_it_forecasts():
    """Dev row of 国家气象 (暴雪): snow fell over most of three provinces and 「这些地方」 get only 大雪 next; the criterion
    that 「上述地区仍将出现暴雪天气」 is not met, the one for 大雪 is."""
    from retrieval.plan.qualitative import qualitative_state

    report = "冀、晋、内蒙古三省区大部出现暴雪；预计未来24小时这些地方仍有大雪，雪量比前一天小。"
    assert qualitative_state("预计未来 24 小时上述地区仍将出现暴雪天气", report)[0] == "not_met"
    assert qualitative_state("预计未来 24 小时上述地区仍将出现大雪天气", report)[0] == "met"
    frozen = "过去48小时甲、乙、丙三省大部地区出现冻雨冰冻；预计未来24小时三省仍有冰冻天气。"  # the provinces counted
    assert qualitative_state("预计未来 24 小时上述地区仍将出现冰冻天气", frozen)[0] == "met"


@pytest.mark.corpus
@pytest.mark.parametrize(("report", "level"), [
    # dev inc-4323: a spell of three days meets 「低温：过去 72 小时…」 (Ⅲ级), not only the day's criterion (Ⅳ级)
    ("国家气候中心1月12日8时会商：从1月9日8时到1月12日8时，云南、贵州两省大部地区气温一直较常年同期异常偏低，"
     "预计今后两天这两个省的低温还要持续。", 3),
    # a spell of one day meets the Ⅳ级 criterion, and so does one whose length the report does not give
    ("1月12日8时会商：从1月11日8时到1月12日8时，云南、贵州两省大部地区出现较常年同期异常偏低的持续低温天气，"
     "预计今后两天这两个省的低温还要持续。", 4),
    ("云南、贵州两省大部地区出现较常年同期异常偏低的持续低温天气，预计今后两天这两个省的低温还要持续。", 4),
])
def test_a_cold_spell_is_graded_by_how_long_it_lasted_not_as_a_cold_wave(weather, report, level):
    decision = determine_level(weather, parse_incident_facts(report))
    assert decision.level == level
    assert {t.hazard for t, _ in decision.met} == {"低温"}, "a cold spell is no cold wave's 大风降温"
