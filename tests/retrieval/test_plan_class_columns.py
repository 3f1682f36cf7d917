"""A grading table with one column per class of event and one row per kind of device (设备类别 | 特别重大事故 | 重大
事故 | …), whose classes the prose maps to responses (「发生特别重大事故、重大事故的，启动一级应急响应」: either class
starts 一级). Invented fixture `fixtures/equipment_plan.md`; found on blind dev plans batch 27."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.plan.digital_plan import Ladder
from retrieval.plan.incident_facts import determine_level, parse_incident_facts

FIXTURE = Path(__file__).parent / "fixtures" / "equipment_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "示例市特种设备事故应急预案", "equipment")


def test_each_column_grades_its_class_and_each_row_adds_its_devices_criteria(plan):
    classes = {lv.level: [t.text for t in lv.triggers] for lv in plan.levels if lv.ladder is Ladder.EVENT}
    assert set(classes) == {1, 2, 3, 4}
    assert any("压力容器、压力管道爆炸" in t for t in classes[3])
    assert any("起升机构坠落" in t for t in classes[4])
    assert not any(t.strip() == "—" for ts in classes.values() for t in ts)


@pytest.mark.parametrize(("report", "level"), [
    ("化工厂一台压力容器爆炸，暂无人员伤亡。", 2),  # 较大事故 → 二级
    ("塔吊起升机构坠落，砸伤一人。", 3),  # 一般事故 → 三级
    ("液氯储罐管道破裂，有毒介质泄漏，已转移周边群众六万人。", 1),  # 重大事故: either class of the list starts 一级
])
def test_a_device_row_decides_the_class_and_the_prose_the_response(plan, report, level):
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_people_held_for_a_time_is_a_duration_and_people_held_a_count():
    """「电梯轿厢滞留人员 2 小时以上」 bounds how long they are held; 「滞留人员 1 0 名以上」 how many."""
    from retrieval.plan.thresholds import scan_thresholds

    def bounds(criterion: str) -> list[tuple[str, float, str]]:
        return [(t.quantity, t.value, t.unit) for t in scan_thresholds(criterion).thresholds]

    assert bounds("电梯轿厢滞留人员 2 小时以上") == [("滞留时长", 2.0, "小时")]
    assert bounds("高空滞留人员 1 0 名以上") == [("滞留旅客", 10.0, "人")]


def test_a_level_that_adds_to_the_milder_ones_builds_on_them(plan):
    """「除执行三级响应措施外，还应：」: the 二级 checklist holds the 三级 measures too, and the sentence is no measure."""
    builds_on = {lv.level: lv.builds_on for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    assert builds_on == {1: 2, 2: 3, 3: None}
    assert not any("除执行" in m.action for m in plan.measures)
