"""Flood and drought reports as the real 衡阳 plan's dev rows put them (blind batches 14–33): places counted in a
graded drought, a rain area told as its 覆盖范围, a record named with its year, a forecast beyond a record or close to
it, and a count of stations that tells how many rivers. Fixtures are our own words, not the plan's."""

from __future__ import annotations

from retrieval.plan.counts import places_in_state
from retrieval.plan.facts import fact_values
from retrieval.plan.incident_facts import parse_incident_facts
from retrieval.plan.qualitative import qualitative_state
from retrieval.plan.stations import with_reference_levels
from retrieval.plan.thresholds import parse_thresholds


def test_places_counted_in_a_graded_drought_meet_a_count_of_that_grade_or_a_milder_one():
    [threshold] = parse_thresholds("6 个以上县市（城区）发生特大干旱")
    assert (threshold.quantity, threshold.value) == ("特大干旱地点数", 6)
    counts = places_in_state("甲县、乙县、丙市、丁县、戊县、己县、庚县七个县市发生特大干旱，其余县市为严重干旱")
    assert counts["特大干旱地点数"] == 7 and counts["严重干旱地点数"] == 7  # a graver drought is a severe one too
    assert places_in_state("两个乡镇出现中度干旱") == {"轻度干旱地点数": 2, "中度干旱地点数": 2}
    assert places_in_state("全县发生特大干旱") == {}  # no places counted


def test_a_rain_area_told_as_its_coverage_is_the_area_a_criterion_names():
    values = fact_values("24小时雨量100毫米以上的覆盖范围约七千六百平方公里")
    assert values["笼罩面积"] == 7600
    assert "笼罩面积" not in fact_values("预警覆盖范围为全市十二个乡镇")  # no area, no figure


def test_a_record_named_with_its_year_is_the_record():
    assert fact_values("预计明天洪峰水位将超过1994年的历史最高水位")["超历史最高水位"] > 0


def test_a_forecast_beyond_or_close_to_the_record_meets_a_criterion_that_says_only_that():
    beyond = "预报下游河道控制站将超过历史最大流量或最高水位"
    assert qualitative_state(beyond, "水文部门预报下游甲河控制站洪峰水位将超过历史最高水位。")[0] == "met"
    assert qualitative_state(beyond, "水文部门预报下游甲河控制站洪峰水位将超过保证水位。")[0] != "met"  # another reference
    near = "预报将接近历史最高水位"
    assert qualitative_state(near, "预报甲站洪峰83.1米，离各自历史最高水位只差二三十公分。")[0] == "met"
    assert qualitative_state(near, "预报甲站洪峰83.1米，离保证水位只差二三十公分。")[0] != "met"


def test_stations_the_report_names_tell_how_many_rivers_a_count_of_places_is_on():
    stations = {"甲站": {"警戒": 80.0, "保证": 82.0}, "乙站": {"警戒": 50.0, "保证": 54.0}, "丙站": {"警戒": 40.0}}
    rivers = {"甲站": "甲河", "乙站": "乙河", "丙站": "甲河"}
    report = "甲河甲站洪峰重现期约30年一遇，乙河乙站约20年一遇，两站都超过了10年一遇；预报甲站洪峰83.1米、乙站55.0米。"
    values = with_reference_levels(stations, parse_incident_facts(report), rivers).values
    assert values["重现期地点数"] == 2 and values["重现期河流数"] == 2
    one_river = "甲站洪峰重现期约30年一遇，丙站约20年一遇，两站都超过了10年一遇；预报甲站洪峰83.1米、丙站41.0米。"
    assert with_reference_levels(stations, parse_incident_facts(one_river), rivers).values["重现期河流数"] == 1


def test_stations_listed_before_all_of_them_are_counted_and_a_table_column_names_the_return_period():
    """Blind batch 35 (衡阳): 「耒阳站…，神山头站…，都已超过附件2里的十年一遇水位」 is two stations over a 10-year flood."""
    values = fact_values("甲河甲站水位八十一点零二米，乙河乙站九十八点九米，都已超过附件2里的十年一遇水位。")
    assert values["重现期"] > 10 and values["重现期地点数"] == 2
    assert "重现期地点数" not in fact_values("甲站水位八十一点零二米，都已超过十年一遇水位。")  # one station named

    stations = {"甲山站": {"警戒": 80.0}, "乙湾站": {"警戒": 90.0}, "丙口站": {"警戒": 50.0}}
    rivers = {"甲山站": "甲河", "乙湾站": "乙河", "丙口站": "丙江"}  # each station on a river of its own
    report = "甲山站水位81.0米，乙湾站98.9米，都已超过十年一遇水位；丙口站57.2米。"
    values = with_reference_levels(stations, parse_incident_facts(report), rivers).values
    assert values["重现期地点数"] == 2 and values["重现期河流数"] == 2
