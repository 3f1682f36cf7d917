"""A district plan for building-site accidents written as bureaus write them, on a fixture of our own: accident
classes defined in an annex (with notes under them) and mapped to response levels in run-in parts that are not
class = level (「（一）Ⅳ级响应。一般事故未造成人员死亡，但造成3人以上重伤的」, 「（二）Ⅲ级响应。一般事故造成人员死亡的；
或者发生下列情形之一的：」); and reports as site officers write them (塔吊倒了, 被埋, running updates of the dead)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.plan.decision import determine_level
from retrieval.plan.digital_plan import Ladder
from retrieval.plan.event_types import types_in
from retrieval.plan.facts import fact_values
from retrieval.plan.incident_facts import parse_incident_facts

CONSTRUCTION_PLAN = Path(__file__).parent / "fixtures" / "construction_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(CONSTRUCTION_PLAN, "梧岸区建设工程施工安全事故应急预案", "site")


def test_classes_from_the_annex_and_levels_from_run_in_parts(plan):
    response = {lv.level: [t.text for t in lv.triggers] for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    assert "一般事故造成人员死亡的" in response[3], "the criterion on the list's opening line is kept"
    assert not any(text.endswith("级响应") for texts in response.values() for text in texts), "a run-in title is no criterion"
    ordinary = next(lv for lv in plan.levels if lv.ladder is Ladder.EVENT and lv.level == 4)
    assert [t.text for t in ordinary.triggers] == ["一般事故：一次造成死亡（含失踪）3人以下，或者重伤10人以下，或者直接经济损失1000万元以下的"]
    major = next(lv for lv in plan.levels if lv.ladder is Ladder.EVENT and lv.level == 3)
    assert {t.quantity for t in major.triggers[0].thresholds} == {"死亡失踪", "重伤"}, "the class it defines is no threshold"


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("工地外脚手架坍塌，３名工人坠落，１人经抢救无效死亡，２人重伤。", 3),
        ("高支模塌了一跨，压伤工人８名，其中３人重伤，没有死亡。", 4),
        ("施工升降机吊笼下滑，９人受伤，重伤２人，无死亡。", None),  # 「但造成3人以上重伤」 binds to the no-death clause
        ("塔吊倒了，吊臂砸在隔壁小区一栋住宅楼的楼顶，住户正在往外撤。", 3),
        ("基坑东侧边坡突然塌方，两名在坑底绑钢筋的工人被埋。", 3),
        ("吊笼从１８层坠落，当场死亡７人；送医的５人中又有３人抢救无效。", 1),  # 10 dead: 重大事故
        ("中午报的是死亡２人、重伤４人；１７时一名重伤工人抢救无效，现在是死亡３人、重伤３人。", 2),
    ],
)
def test_site_reports_as_officers_write_them(plan, report, level):
    assert "建设工程施工事故" in types_in(report) or "死亡" in report
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_a_running_update_keeps_the_latest_figures_and_a_wind_speed_stays_a_force():
    assert fact_values("早上报死亡1人、失踪2人；现在是死亡２人、失踪１人，转移安置４６０人。") == {
        "死亡": 2.0, "失踪": 1.0, "转移人员": 460.0}
    assert fact_values("气象台现在挂的台风黄色。沿海站实测平均风速23.9米/秒")["风力"] == 9
