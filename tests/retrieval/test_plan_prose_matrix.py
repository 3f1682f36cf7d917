"""Blind dev batch 17 forms, on a fixture of our own: criteria in prose (「凡…的，均应启动Ⅹ级应急响应。」), a station
table in an annex, measures in a matrix by topic with one text cell per level (「同左」 = the cell to the left, 「—」 =
none), and reports as officers write them (「涨到七米八」, 「一户三口人联系不上」)."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of

from retrieval.plan.facts import fact_values
from retrieval.plan.incident_facts import determine_level, parse_incident_facts
from retrieval.plan.phrases import plan_text
from retrieval.plan.qualitative import qualitative_state
from retrieval.plan.stations import with_reference_levels

PLAN = """# 示例市防汛应急预案

## 4 应急响应启动

### 4.2 启动条件

凡示例江示例站、东口站或者西水西口站中任一站水位超过警戒水位的，均应启动Ⅳ级应急响应。凡示例站水位超过警戒水位 1 . 0 米以上的，均应启动Ⅲ级应急响应。凡示例站水位超过保证水位的，均应启动Ⅱ级应急响应。

凡山洪灾害造成 3 至 9 人死亡（含失踪）的，均应启动Ⅱ级应急响应。凡西圩发生决口的，均应启动Ⅰ级应急响应。

## 5 应急响应措施

### 5.2 分级措施

表 5-1 分级应急响应措施

| 项目 | IV级响应 | III级响应 | II级响应 | I级响应 |
| --- | --- | --- | --- | --- |
| 会商研判 | 市防办主任主持会商 | 市防指副总指挥主持会商 | 市防指常务副总指挥主持会商 | 市防指总指挥主持会商 |
| 技术支撑 | 派出专家组指导重点部位 | 同左 | 专家组进驻现场指挥部 | 请求省防指派出专家组 |
| 城市运行 | — | 关闭积水下穿隧道 | 中小学停课；地铁进水车站停止运营 | 停工停业 |

## 附件1 主要站点特征水位

| 站名 | 警戒水位（米） | 保证水位（米） |
| --- | --- | --- |
| 示例站 | 6.80 | 9.20 |
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("prose") / "示例市防汛应急预案.md"
    path.write_text(PLAN, encoding="utf-8")
    return plan_of(path, "示例市防汛应急预案", "city")


def _level(plan, report):
    facts = with_reference_levels(plan.stations, parse_incident_facts(report))
    return determine_level(plan, facts).level


@pytest.mark.parametrize(("report", "level"), [
    ("示例站8点水位6.95米，还在缓涨；城区没有明显积水。", 4),
    ("示例站水位早上6点7.52米，中午12点涨到七米八，上游来水还在加大。", 3),  # the later reading, in words
    ("示例站眼下6.80米，刚好到警戒。", None),  # 「超过」 excludes equality
    ("山洪，早上报遇难两人；中午又报上游一户三口人联系不上，还没找到。", 2),  # 2 dead + 3 missing
    ("示例站水位7.10米，西圩巡查暂未发现险情。", 4),  # 「西圩发生决口」 is not met by silence
])
def test_prose_criteria_with_stations_and_running_updates(plan, report, level):
    assert _level(plan, report) == level


def test_a_matrix_by_topic_gives_each_level_its_own_cells(plan):
    by_level = {lv: {m.action for m in plan.measures if m.level == lv} for lv in (1, 2, 3, 4)}
    assert "派出专家组指导重点部位" in by_level[3], "同左 takes the cell to the left"
    assert {"中小学停课", "地铁进水车站停止运营"} <= by_level[2], "a cell's tasks split at 「；」"
    assert not any("主持会商" in a for a in by_level[4] - {"市防办主任主持会商"})
    assert not any(t.text.endswith("主持会商") for lv in plan.levels for t in lv.triggers), "measures are no criteria"


def test_officers_numbers():
    assert "7.8米" in plan_text("中午12点涨到七米八").norm and "3.5米" in plan_text("水位3米5").norm
    assert "100米3处" in plan_text("100米3处").norm
    assert fact_values("一户三口人联系不上")["失踪"] == 3
    assert qualitative_state("西圩发生决口", "示例站水位7.10米，巡查暂未发现险情。")[0] != "met"


def test_a_checklist_holds_no_table_rows_running_titles_or_definitions(plan):
    """Blind dev batch 17: a statistics table's rows, a running title left by a page break and 「共设四个级别」「启动条件见表 2」
    were listed as common duties; the rows of a matrix a later chunk holds are measures of their columns."""
    from retrieval.plan.duties import duties_for

    actions = [m.action for m in duties_for(plan, 3)]
    assert "派出专家组指导重点部位" in actions and "关闭积水下穿隧道" in actions
    assert not any(" | " in a or a.endswith("预案") or "共设" in a for a in actions), actions
