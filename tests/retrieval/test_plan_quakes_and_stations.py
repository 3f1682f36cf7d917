"""Blind dev plans batch 24: an earthquake plan that grades a quake inside the district apart from one nearby
(「周边50公里范围内」), magnitudes as a seismic bureau's quick report gives them (「速报为四点零级」), and a flood plan
whose criteria name their stations (「芪口、蒗坪水文站水位超过保证水位的」), read against each station's own
reference level. The fixture plans are our own wording (示例区, 示例县)."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of

from retrieval.plan.facts import parse_incident_facts
from retrieval.plan.incident_facts import determine_level
from retrieval.plan.stations import with_reference_levels
from retrieval.plan.thresholds import parse_thresholds

QUAKE = """# 示例区地震应急预案

## 4 应急响应

### 4.1 分级

| 响应级别 | 类别 | 启动条件 |
| --- | --- | --- |
| Ⅰ级 | 震级 | 区内发生 6 . 0 级以上地震 |
| Ⅱ级 | 震级 | 区内发生 5 . 0 级以上、6 . 0 级以下地震；周边 5 0 公里范围内发生 6 . 0 级以上、7 . 0 级以下地震 |
| Ⅲ级 | 震级 | 区内发生 4 . 0 级以上、5 . 0 级以下地震；周边 5 0 公里范围内发生 5 . 0 级以上、6 . 0 级以下地震 |
"""

FLOOD = """# 示例县防汛抗旱应急预案

## 4 应急响应

### 4.1 Ⅱ级应急响应

出现下列情况之一的，启动Ⅱ级应急响应：
（1）东城水文站水位超过保证水位的；

### 4.2 Ⅲ级应急响应

出现下列情况之一的，启动Ⅲ级应急响应：
（1）西岭、南渡水文站水位超过保证水位的；

## 附件1 水文站特征水位

| 站名 | 警戒水位 | 保证水位 |
| --- | --- | --- |
| 东城水文站 | 46.50 | 50.50 |
| 西岭水文站 | 63.00 | 66.00 |
| 南渡水文站 | 110.00 | 112.50 |
"""


@pytest.fixture(scope="module")
def quake(tmp_path_factory):
    path = tmp_path_factory.mktemp("quake") / "示例区地震应急预案.md"
    path.write_text(QUAKE, encoding="utf-8")
    return plan_of(path, "示例区地震应急预案")


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    path = tmp_path_factory.mktemp("flood") / "示例县防汛抗旱应急预案.md"
    path.write_text(FLOOD, encoding="utf-8")
    return plan_of(path, "示例县防汛抗旱应急预案")


@pytest.mark.parametrize(("report", "magnitude"), [
    ("市局正式速报为四点零级，震中在街道境内。", 4.0),
    ("市局速报是二点八级，震中在示例镇。", 2.8),
    ("自动速报当时是3.8级。", 3.8),
])
def test_a_quick_report_gives_the_magnitude(report, magnitude):
    assert parse_incident_facts(report).values["震级"] == magnitude


def test_within_a_distance_is_at_most_that_distance():
    distance = parse_thresholds("周边 5 0 公里范围内发生 6 . 0 级以上、7 . 0 级以下地震")[0]
    assert (distance.quantity, distance.comparator.value, distance.value) == ("距离", "≤", 50000.0)


@pytest.mark.parametrize(("report", "level"), [
    ("区指挥部办公室：22时48分邻县发生６.２级地震，震中距我区区界三十七公里左右。", 2),  # nearby, not inside: Ⅱ
    ("16时邻市发生４.８级地震，市局速报震中离我区区界六十来公里。", None),  # beyond 50 km and not inside
    ("市局正式速报为四点五级，震中就在示例街道境内。", 3),  # inside the district
])
def test_a_quake_inside_the_district_is_graded_apart_from_one_nearby(quake, report, level):
    assert determine_level(quake, parse_incident_facts(report)).level == level


@pytest.mark.parametrize(("report", "level"), [
    ("上午9点西岭水文站水位66.08米，比保证水位还高；下游东城站四十八米九。", 3),  # 西岭 over its own 保证
    ("早上7点东城水文站51.60米，超保证。", 2),
])
def test_a_criterion_on_named_stations_reads_their_own_levels(flood, report, level):
    facts = with_reference_levels(flood.stations, parse_incident_facts(report), flood.station_rivers)
    assert determine_level(flood, facts).level == level


@pytest.mark.parametrize(("report", "key", "value"), [
    ("住建局核定我区倒塌房屋八百七十间；今天上午余震４.９级，示例镇又倒塌一百三十间，已核定。", "倒塌房屋", 1000),
    ("已转移群众1200人，下午又转移了300人。", "转移人员", 1500),
    ("下午又转移了300人。", "转移人员", 300),  # a first mention, though it says 又, is counted once
])
def test_a_running_update_adds_to_a_count(report, key, value):
    assert parse_incident_facts(report).values[key] == value


SEVERAL = """# 示例市危险化学品事故应急预案

## 4 应急响应

### 4.1 Ⅱ级响应

符合下列情形之一的，启动Ⅱ级响应：
（1）需疏散转移周边群众3000人以上的；
（2）同时出现Ⅲ级所列两项以上不同情形的。

### 4.2 Ⅲ级响应

符合下列情形之一的，启动Ⅲ级响应：
（1）需疏散转移周边群众500人以上、不足3000人的；
（2）事故造成3人以上10人以下重伤的。
"""


@pytest.mark.parametrize(("report", "level"), [
    ("储罐泄漏，已疏散周边群众1200人，另有4人重伤送医。", 2),  # two Ⅲ级 criteria at once: Ⅱ级
    ("储罐泄漏，已疏散周边群众1200人，无人受伤。", 3),
])
def test_two_criteria_of_a_milder_level_together_start_the_graver_one(tmp_path, report, level):
    path = tmp_path / "示例市危险化学品事故应急预案.md"
    path.write_text(SEVERAL, encoding="utf-8")
    plan = plan_of(path, "示例市危险化学品事故应急预案")
    assert determine_level(plan, parse_incident_facts(report)).level == level


MARKED = """# 示例区地震应急预案

## 4 应急响应

区内发生 4 . 0 级以上地震的，启动Ⅲ级响应。区内发生 3 . 0 级以上、4 . 0 级以下地震的，启动Ⅳ级响应。

## 5 分组处置措施

### 5.1 标记说明

本章措施前的标记表示执行该项措施的最低响应级别：“○”表示Ⅳ级以上各级均执行，“△”表示Ⅲ级以上执行，“☆”表示仅在Ⅰ级响应时执行。

### 5.2 综合协调组

○ 1．区指挥部办公室实行24小时值守，每2小时编报一期灾情简报。
△ 2．区指挥部在区应急指挥中心集中办公，各成员单位派联络员进驻。
☆ 3．请求市抗震救灾指挥部派出工作组支援。
"""


def test_measures_marked_by_a_legend_belong_to_the_marks_level_and_the_graver_ones(tmp_path):
    """Blind dev plans batch 24: 「○ 1．…」 with 「“○”表示Ⅳ级以上各级均执行」: each mark is the lowest level that acts."""
    path = tmp_path / "示例区地震应急预案.md"
    path.write_text(MARKED, encoding="utf-8")
    plan = plan_of(path, "示例区地震应急预案")
    levels = {m.action[2:8]: (m.level, sorted(m.also_levels)) for m in plan.measures if m.action[:1].isdigit()}
    assert levels["区指挥部办公"] == (4, [1, 2, 3])
    assert levels["区指挥部在区"] == (3, [1, 2])
    assert levels["请求市抗震救"] == (1, [])
    assert not any(m.action.startswith(("○", "△", "☆")) for m in plan.measures)  # the mark is no part of the duty


@pytest.mark.parametrize(("report", "missing"), [
    ("一名放牛的村民凌晨失联，上午10点在对面山上找到，人没事。", 0),  # the one missing person found alive
    ("一名村民失联，至今未找到。", 1),
])
def test_the_one_missing_person_found_alive_is_no_longer_missing(report, missing):
    assert parse_incident_facts(report).values["失踪"] == missing


TOTAL = """# 示例市防汛抗旱应急预案

## 4 应急响应

出现下列情况之一者，启动Ⅳ级响应：
（1）山洪灾害危险区当日组织群众转移合计300人以上、不足1000人；
（2）因灾死亡或失踪1人。
"""


def test_a_total_is_summed_over_the_places_a_report_gives_and_stated_as_summed(tmp_path):
    """Blind dev inc-2006: 「蒿坪县转移一百八十二人，蔻山县转移一百五十人」 is 332 against 「合计300人以上」, and the
    explanation says 332, never 「182 ≥ 300」."""
    path = tmp_path / "示例市防汛抗旱应急预案.md"
    path.write_text(TOTAL, encoding="utf-8")
    plan = plan_of(path, "示例市防汛抗旱应急预案")
    report = "今天山洪转移情况：东坪县两个乡转移一百八十二人，西山县转移一百五十人；一名放牛娃一度失联，傍晚找到了，人没事。"
    decision = determine_level(plan, parse_incident_facts(report))
    assert decision.level == 4
    assert "332 ≥ 300" in decision.explanation and "182 ≥ 300" not in decision.explanation


def test_a_stations_reading_with_its_hour_between_station_and_level():
    """Blind dev inc-2619: 「湘江归阳站今天14时水位49.63米」 is 归阳站's level, not a level of nowhere (the hour no figure)."""
    assert parse_incident_facts("湘江归阳站今天14时水位49.63米，比昨天同时涨了一米一。").values == {"归阳站水位": 49.63}
    assert parse_incident_facts("衡山站8时水位48.2米").values == {"衡山站水位": 48.2}
