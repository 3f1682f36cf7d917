"""Forms of the dev batch 44 plans (浉阳 凌汛, and the rules of 罍阳 文物安全): a gauge's rise rate worked out from its
timed readings, and the casualties a plan says it does not count."""

from __future__ import annotations

import pytest

from retrieval.plan.decision import determine_level
from retrieval.plan.facts import parse_incident_facts
from retrieval.plan.models import Comparator, DigitalPlan, Ladder, ResponseLevel, Threshold, Trigger
from retrieval.plan.phrases import plan_text
from retrieval.plan.rise_rate import rise_rate
from retrieval.plan.uncounted import uncounted_casualties, uncounted_people
from retrieval.ranking.numerals import words_to_number


@pytest.mark.parametrize(("report", "rate"), [
    # the latest two readings are half an hour apart: the latest and the one an hour or more before it (0.55, not 0.86)
    ("浉城水文站读数：10时48.95米，11时30分49.62米，12时50.05米。镇里按半个小时算，涨率每小时八十多厘米。", 0.55),
    # digits beyond the second are dropped: 1.88 m over 6 hours is 0.313…, so 0.31
    ("县水文中心溱湾水位站8时读数31.20米，14时读数33.08米；镇里的临时水尺半小时涨了四十五厘米。", 0.31),
    # readings in words are readings all the same
    ("溱湾水位站今天十三点水位三十二点一米，十五点整三十三点二米。", 0.55),
])
def test_a_rise_rate_is_worked_out_from_a_gauges_timed_readings(report, rate):
    assert parse_incident_facts(report).values["水位涨率"] == pytest.approx(rate)


def test_a_level_that_falls_or_a_single_reading_gives_no_rate():
    assert rise_rate(plan_text("浉城站6时49.40米、8时49.10米。").norm) is None
    assert rise_rate(plan_text("浉城站8时49.40米。").norm) is None
    assert "水位涨率" not in parse_incident_facts("浉城站8时读数49.40米，水位还在涨。").values


def test_a_rate_criterion_compares_the_rate_not_the_level():
    """「附件2 所列测站水位涨率达到 1 . 20 米／小时以上」 had compared a level of 48.95 m with 1.2 and started Ⅰ级."""
    facts = parse_incident_facts("浉城水文站读数：10时48.95米，12时49.05米。")
    assert facts.values["水位"] == pytest.approx(48.95) and facts.values["水位涨率"] == pytest.approx(0.05)
    criterion = "附件2 所列测站水位涨率达到 1 . 20 米／小时以上"
    plan = DigitalPlan(doc_id="d", title="示例县凌汛灾害应急预案", levels=[ResponseLevel(
        level=1, label="Ⅰ级响应", ladder=Ladder.RESPONSE, triggers=[Trigger(
            chunk_id="c", text=criterion, thresholds=[Threshold(quantity="水位涨率", comparator=Comparator.GE, value=1.2, unit="米",
                                                  text="1 . 20 米")])])])
    assert determine_level(plan, facts).level is None


PLAN_RULES = ("8．死亡或者失踪人数只计因冰塞壅水、凌水漫滩和防凌抢险造成的人员；冰上游玩、冰钓、冬捕人员落水的，不计入。\n"
              "8．实施盗掘、盗窃和纵火的违法犯罪人员本人的伤亡，不计入本预案所称的死亡和受伤人数。\n"
              "（3）死亡人数按已确认死亡的人数计算，失踪人员在确认死亡前不计入死亡人数。")


def test_the_people_whose_casualties_a_plan_does_not_count_are_read_from_its_rules():
    assert uncounted_people(PLAN_RULES) == ["冰上游玩", "冰钓", "冬捕", "盗掘", "盗窃", "纵火"]


@pytest.mark.parametrize(("report", "taken"), [
    ("涞溪乡一户养殖户被凌水冲走，已确认死亡；同一晚另有两名冰钓爱好者在上游冰面失踪，正在搜寻。", {"失踪": 2}),
    ("昨晚古墓群附近，三名盗墓嫌疑人挖掘盗洞时洞壁塌方，两人被埋死亡，一人受伤被抓获。", {"死亡": 2, "受伤": 1}),
    # a guard the robbers hurt is no robber
    ("三名盗墓嫌疑人被发现后逃跑，看护员一人受伤。", {}),
    ("两名村民在河滩抢运物资时被冲走失踪。", {}),
])
def test_a_reports_casualties_among_those_people_are_taken_off(report, taken):
    assert uncounted_casualties(report, uncounted_people(PLAN_RULES)) == taken


def test_a_number_cn2an_cannot_read_is_none_and_a_text_holding_one_still_reads():
    """ans-2052 had crashed a briefing: 「十四点二十三十二点六五米」 (a clock time run into a level) raised KeyError."""
    assert words_to_number("十三十二点六五") is None
    assert words_to_number("三点八") == 3.8 and words_to_number("3.1万") == 31000
    assert "32.1米" in plan_text("溱湾水位站今天十三点水位三十二点一米，十四点二十三十二点六五米").norm


def test_sea_ice_criteria_compare_thickness_nautical_miles_and_boats_held_by_ice():
    """Dev batch 45 (鲻湾 海冰): none of these had read as a threshold, so no level was ever decided."""
    from retrieval.plan.facts import fact_values
    from retrieval.plan.thresholds import scan_thresholds

    def thresholds(criterion: str) -> list[tuple[str, float]]:
        return [(t.quantity, round(t.value, 2)) for t in scan_thresholds(criterion).thresholds]

    assert thresholds("附件2 所列观测点冰厚达到 1 5 厘米以上") == [("冰厚", 0.15)]
    assert thresholds("浮冰外缘线离岸距离达到 3 0 海里以上") == [("距离", 55560.0)]  # a nautical mile is 1,852 m
    assert thresholds("被冰围困船舶达到 3 艘以上") == [("被困船舶", 3.0)]
    assert fact_values("卫星遥感显示浮冰外缘线离岸五十九公里")["距离"] == 59000.0
    assert fact_values("鲳头镇报被冰围困渔船十二艘")["被困船舶"] == 12.0
