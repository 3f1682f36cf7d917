"""Criteria on terms a table defines (「在册信息系统遭受一般业务损失」 with 「| 一般业务损失 | 对外服务中断超过 1 小时、不超过
6 小时 |」), a stricter level for a special class of system marked in an annex (「标注“◆”的为核心支撑系统」), and outage
durations told by the clock, on our own small fixture (`fixtures/system_loss_plan.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.plan.incident_facts import determine_level, parse_incident_facts

FIXTURE = Path(__file__).parent / "fixtures" / "system_loss_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "示例市政务信息系统突发事件应急预案", "s")


def test_a_term_the_table_defines_gives_the_criterion_its_figures(plan):
    trigger = next(t for t in plan.level(4).triggers if "一般业务损失" in t.text)
    assert trigger.text == "在册信息系统遭受一般业务损失"  # quoted as written
    assert sorted((t.comparator.value, t.value) for t in trigger.thresholds) == [(">", 1.0), ("≤", 6.0)]


def test_the_marked_rows_are_the_class(plan):
    assert plan.circumstances["核心支撑系统"] == ["示例市城市排水调度平台"]


@pytest.mark.parametrize(
    ("report", "level"),
    [
        # a registered system down three hours: the common subject, figures alone
        ("公积金服务系统上午9:10首次中断，12:10恢复。", 4),
        # the same hours on the marked system: its class decides the stricter level
        ("城市排水调度平台上午9:10首次中断，12:10恢复。", 3),
        # past midnight, seven hours and a half on the marked system
        ("昨晚22:30起城市排水调度平台全部中断，凌晨6:00切换到备用系统后恢复。", 2),
        # still down at the time of the report
        ("公积金服务系统今天6:05起故障，到13:20仍未恢复。", 3),
        # under an hour: no level
        ("公积金服务系统10:00首次中断，10:40恢复。", None),
    ],
)
def test_the_level_of_an_outage(plan, report, level):
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_the_class_is_a_missing_fact_when_the_system_is_not_named(plan):
    decision = determine_level(plan, parse_incident_facts("某系统上午9:10首次中断，12:10恢复。"))
    assert decision.level == 4 and any("核心支撑" in fact for fact in decision.missing)
