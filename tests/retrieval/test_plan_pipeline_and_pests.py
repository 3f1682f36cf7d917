"""Leaks, outages and crop losses as officers report them (amounts a later 「又」 adds to, what was recovered, households
per district after a colon, losses per town), and a table of deciders its caption names (「表 4-1 市级响应启动决定人（按
事件类别）」), on our own small fixture (`fixtures/pipeline_and_pest_plan.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import level_of, plan_of

from retrieval.plan.facts import fact_values
from retrieval.plan.qualitative import qualitative_state

FIXTURE = Path(__file__).parent / "fixtures" / "pipeline_and_pest_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "示例市输油输气管道和农作物病虫害应急预案", "g")


def test_a_table_of_deciders_by_kind_is_no_criterion_and_names_who_decides(plan):
    triggers = [t.text for level in plan.levels for t in level.triggers]
    assert not any(t == "市长" or "指挥长" in t for t in triggers)
    assert plan.level(3).decided_by == "市指挥部指挥长"  # the same in both columns
    assert plan.level(4).decided_by == "管道事件：市发展改革委主任；病虫害：市农业农村局局长"


def test_a_leak_a_later_report_adds_to_counts_whole_and_what_was_recovered_is_no_update():
    values = fact_values("第一次核算泄漏六十四吨，封堵后第二次核算又漏了四十三吨，目前回收了三十五吨。")
    assert values["泄漏量"] == 107 and values["回收量"] == 35


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("第一次核算泄漏六十四吨，封堵后又漏了四十三吨，目前回收了三十五吨。", 2),
        ("成品油管道K38+600处汽油泄漏后起火，明火半小时后扑灭，泄漏约三吨。", 3),  # 起火 is the fire the plan says
        ("城镇燃气企业统计居民停气：东区四千三百户，西区五千二百户，南区八百户。", 4),  # 10,300 households in all
        ("城镇燃气企业统计居民停气：东区四千三百户，西区五千二百户。", None),
        ("褐飞虱暴发，甲镇绝收四千二百亩，乙镇三千九百亩，丙乡两千六百亩。", 2),  # 10,700 亩 in all
    ],
)
def test_the_level_of_a_report(plan, report, level):
    assert level_of(plan, report) == level


def test_a_forecast_that_falls_short_of_the_record_does_not_meet_one_that_exceeds_it():
    condition = "预报下游河道控制站将超过历史最大流量或最高水位"
    assert qualitative_state(condition, "水文部门预报下游控制站洪峰水位和流量都低于历史最高和历史最大。")[0] == "not_met"
    assert qualitative_state(condition, "预报下游控制站洪峰流量将超过历史最大。")[0] == "met"


ARTICLES = """# 示例市管道突发事件应急预案

# 第四章　分级响应

第十条　【启动条件】有下列情形之一的，启动Ⅳ级响应：原油管道泄漏量 1 吨以上。有下列情形之一的，启动Ⅲ级响应：原油管道泄漏量 1 0 吨以上。

# 第五章　应急处置措施

第十八条　【一般规定】各级响应的措施分别完整列出，只执行该级所列措施。

第十九条　【Ⅳ级响应措施】
（一）管道企业立即关闭泄漏点上下游截断阀。
（二）区人民政府设置警戒区，劝离无关人员。

第二十条　【Ⅲ级响应措施】
（一）管道企业立即关闭泄漏点上下游截断阀。
（二）市指挥部指挥长启动后 1 小时内到达现场，成立现场指挥部。
"""


def test_an_articles_bracketed_title_names_its_level_as_a_heading_would(tmp_path):
    from plan_fixtures import plan_of_text

    plan = plan_of_text(tmp_path, ARTICLES, "示例市管道突发事件应急预案")
    level_of_duty = {duty: m.level for m in plan.measures for duty in ("警戒区", "现场指挥部") if duty in m.action}
    assert level_of_duty == {"警戒区": 4, "现场指挥部": 3}


def test_a_long_distance_pipeline_is_a_kind_of_its_own():
    from retrieval.plan.event_types import covers, plan_types, types_in

    kinds = plan_types("示例市油气长输管道突发事件应急预案")
    assert kinds == {"油气管道事故"}
    assert covers(kinds, types_in("示例输气管道4号阀室上游2.3公里处天然气泄漏，管道公司已关闭截断阀"))
    assert not covers(kinds, types_in("一处在建厂房脚手架坍塌，2人死亡"))
