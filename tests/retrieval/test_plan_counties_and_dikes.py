"""Two forms of a city flood plan's criteria (blind dev batch 25 on 衡阳): a level started by enough counties of their
own (「3 个以上县市区启动Ⅳ级应急响应」), and a danger on a dike of a class the criterion bounds (「Ⅲ级以上堤防」)."""

from __future__ import annotations

from retrieval.plan.facts import fact_values
from retrieval.plan.qualitative import works_class_outside
from retrieval.plan.thresholds import scan_thresholds


def test_counties_that_started_a_level_of_their_own_are_counted():
    criterion = scan_thresholds("当气象部门发布 3 个以上县市区暴雨红色预警信号，或 3 个以上县市区启动Ⅳ级应急响应")
    started = [t for t in criterion.thresholds if t.quantity == "启动Ⅳ级响应地点数"]
    assert [(t.comparator.value, t.value) for t in started] == [("≥", 3)]
    report = "截至16时，甲县、乙市、丙县三地已分别启动县级防汛Ⅳ级应急响应；示例站水位54.3米。"
    assert fact_values(report)["启动Ⅳ级响应地点数"] == 3
    assert fact_values("目前有2个县启动了Ⅲ级应急响应。")["启动Ⅳ级响应地点数"] == 2  # a graver level counts too
    assert "启动Ⅳ级响应地点数" not in fact_values("镇里启动Ⅳ级响应。")  # no count of places


def test_towns_that_issued_a_warning_are_counted():
    """Blind dev batch 27 (a county flash-flood plan): 「2 个以上乡镇同时发布“立即转移”预警」 counts the towns a report
    says issued it; a warning lifted since is not in force."""
    criterion = scan_thresholds("①2 个以上乡镇同时发布“立即转移”预警；②因山洪灾害死亡（含失踪）1 人")
    warned = [t for t in criterion.thresholds if t.quantity == "发布立即转移预警地点数"]
    assert [(t.comparator.value, t.value) for t in warned] == [("≥", 2)]
    report = "18时20分甲坪乡对沿沟三个村民小组发布立即转移预警，19时05分乙坞镇对丙村发布立即转移预警，两个预警都没有解除。"
    assert fact_values(report)["发布立即转移预警地点数"] == 2
    lifted = "甲坪乡发布立即转移预警，20时已解除；乙坞镇对丙村发布立即转移预警。"
    assert fact_values(lifted)["发布立即转移预警地点数"] == 1
    assert "发布立即转移预警地点数" not in fact_values("甲坪乡发布准备转移预警。")


def test_a_dike_of_a_class_outside_the_criterion_does_not_meet_it():
    report = "县境内湘江干流一段Ⅳ级堤防背水坡出现管涌群，存在垮堤危险。"
    assert works_class_outside("湘江干流Ⅲ级以上堤防发生危及堤防安全的险情，存在垮堤危险", report)
    assert not works_class_outside("湘江干流Ⅳ级及以下堤防发生危及堤防安全的险情，存在垮堤危险", report)
    assert not works_class_outside("湘江干流Ⅲ级以上堤防发生危及堤防安全的险情", "一段Ⅱ级堤防出现管涌")
    assert not works_class_outside("湘江干流Ⅲ级以上堤防发生险情", "堤防出现管涌")  # no class reported: the words decide
    # officers write a dike's class in Arabic or Chinese numerals; a 5级 dike is the lowest class, not above Ⅲ级
    assert works_class_outside("湘江干流Ⅲ级以上堤防发生危及堤防安全的险情", "湘江干流衡南段一处5级堤防背水坡出现管涌。")
    assert not works_class_outside("湘江干流Ⅳ级及以下堤防发生险情", "湘江干流衡南段一处5级堤防背水坡出现管涌。")
    assert not works_class_outside("湘江干流Ⅲ级以上堤防发生险情", "一段二级堤防出现管涌")
    assert not works_class_outside("湘江干流Ⅲ级以上堤防发生险情", "水位超警戒0.5级堤防出现管涌")  # no class: 0.5 is a figure


def test_a_loss_of_a_lesser_degree_does_not_meet_a_graver_criterion():
    from retrieval.plan.qualitative import lacks_intensity

    report = "三省初步评估已对群众生产生活造成较大损失和影响。"
    assert lacks_intensity("灾害性天气已对群众生产生活造成重大损失和影响", report)
    assert not lacks_intensity("各种灾害性天气已对群众生产生活造成较大损失和影响", report)


def test_a_level_above_the_guaranteed_one_and_a_rise_as_an_officer_says_them():
    from retrieval.plan.qualitative import qualitative_state

    report = "湘江示例站水位比保证水位还高了四十公分，水文说今晚还要涨。"
    assert fact_values(report)["超保证水位"] == 0.4
    assert qualitative_state("水文部门预报仍将上涨", report)[0] == "met"
    assert qualitative_state("水文部门预报仍将上涨", "水位已经回落，水文说不会再涨")[0] != "met"


def test_several_reservoirs_are_at_least_two_and_a_threatened_county_town_is_a_town():
    from retrieval.plan.qualitative import qualitative_state

    criterion = scan_thresholds("数座中型水库出现超校核水位洪水，严重威胁下游县级以上（含县级）城镇等公共安全")
    assert ("中型水库数", 2.0) in [(t.quantity, t.value) for t in criterion.thresholds]
    from retrieval.plan.facts import parse_incident_facts

    assert parse_incident_facts("两座中型水库库水位超过校核洪水位。").values["中型水库数"] == 2
    report = "两座中型水库库水位超过校核洪水位，仍在上涨，下游两个县城沿河城区严重受威胁。"
    assert qualitative_state("数座中型水库出现超校核水位洪水，严重威胁下游县级以上（含县级）城镇等公共安全", report)[0] == "met"


def test_a_stations_forecast_level_is_read_with_its_reading():
    from retrieval.plan.decision import _relative_level_clauses

    report = "水文：8时湘江示例站水位56.12米，预报明日凌晨涨到56.8米左右；上游站在警戒以下。"
    assert "预报明日凌晨涨到56.8米" in _relative_level_clauses(report)
    assert "预报还要涨" in _relative_level_clauses("示例站水位57.2米，超警戒0.7米，预报还要涨，该启几级？")


def test_rivers_counted_in_words_are_rivers_as_well_as_places():
    """Blind dev batch 29: 「耒水、蒸水两条河的干流控制站…逼近10年一遇洪水位」 meets 「…中的2 条河流干流控制站水位逼近 10年一遇…」."""
    values = fact_values("耒水、蒸水两条河的干流控制站水位都已逼近10年一遇洪水位，预报继续上涨。")
    assert values["重现期河流数"] == 2 and values["重现期地点数"] == 2
    assert "重现期河流数" not in fact_values("有两个站水位逼近10年一遇洪水位。")
