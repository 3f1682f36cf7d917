"""A city plan whose working groups are activated by a roster whose level columns hold each group's arrival deadline
(「1 小时内到岗」) or 「—」 for a level that does not activate it, and whose measures chapter opens with rules on how its
own measures apply (「四级响应执行 6.2 所列措施」「本章时限写明“接报后”的，自…起算」), which are no duties."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of_text

from retrieval.plan.duties import duties_for

ROSTER = """| 工作组 | 牵头单位 | 主要职责 | 四级 | 三级 | 二级 | 一级 |
| --- | --- | --- | --- | --- | --- | --- |
| 协调联络组 | 市住房城乡建设局 | 汇总险情信息；编写值班快报 | 2 小时内到岗 | 2 小时内到岗 | 4 0 分钟内到岗 | 4 0 分钟内到岗 |
| 搜救转移组 | 市消防救援支队 | 搜寻被困人员；组织群众撤离 | — | 1 小时内到岗 | 1 小时内到岗 | 3 0 分钟内到岗 |
| 宣传引导组 | 市委网信办 | 监看网络舆情；起草新闻通稿 | — | — | — | 1 小时内到岗 |"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    text = ("# 椋川市房屋建筑垮塌事故应急预案\n\n## 4 分级标准\n\n死亡1人以上的，启动四级响应。\n\n死亡3人以上的，启动三级响应。\n\n"
            "死亡10人以上的，启动二级响应。\n\n死亡30人以上的，启动一级响应。\n\n## 6 响应措施\n\n### 6.1 一般规定\n\n"
            "1．四级响应执行 6.2 所列措施；三级、二级、一级响应分别执行 6.3、6.4、6.5 所列措施。\n"
            "2．各工作组的启用和到岗时限按表 6-1 执行。启用的工作组履行表 6-1“主要职责”栏所列职责。\n"
            "3．本章时限写明“接报后”的，自市住房城乡建设局值班室接到报告时起算。\n"
            "4．市住房城乡建设局接报后 1 小时内派员赶赴现场，核实垮塌范围。火灾扑灭后 2 4 小时内报送终报，续报按 6.6 执行。\n\n"
            "### 6.2 四级响应\n\n（1）市住房城乡建设局组织结构专家研判房屋安全。\n\n"
            "### 6.3 三级响应\n\n除执行四级响应措施外，还应：\n（1）市人民政府分管副市长赶赴现场指挥。\n\n"
            "### 6.4 二级响应\n\n除执行三级响应措施外，还应：\n（1）成立市级现场指挥部。\n\n"
            "### 6.5 一级响应\n\n除执行二级响应措施外，还应：\n（1）报请省人民政府派出工作组。\n\n"
            f"### 6.6 工作组启用与到岗时限\n\n表 6-1　应急工作组启用与到岗时限\n\n{ROSTER}\n\n"
            "注：“—”表示该级响应不启用该工作组。\n")
    return plan_of_text(tmp_path_factory.mktemp("roster"), text, "椋川市房屋建筑垮塌事故应急预案", "roster")


def _group(plan, level: int, name: str) -> list:
    return [m for m in duties_for(plan, level) if name in m.lead_units]


def test_a_roster_activates_each_group_at_the_levels_whose_cell_holds_a_deadline(plan):
    assert _group(plan, 4, "协调联络组") and not _group(plan, 4, "搜救转移组")
    assert _group(plan, 3, "搜救转移组") and not _group(plan, 3, "宣传引导组")
    assert _group(plan, 1, "宣传引导组")
    assert _group(plan, 4, "协调联络组")[0].lead_units == ["协调联络组", "市住房城乡建设局"]


def test_a_graver_level_lists_a_group_once_with_its_own_deadline(plan):
    at_two = _group(plan, 2, "协调联络组")
    assert len(at_two) == 1 and "4 0 分钟" in at_two[0].time_limit
    assert "2 小时" in _group(plan, 3, "协调联络组")[0].time_limit
    assert len(_group(plan, 1, "搜救转移组")) == 1


def test_the_plans_rules_on_its_own_measures_and_its_table_captions_are_no_duties(plan):
    actions = [m.action for m in duties_for(plan, 1)]
    assert not any("所列措施" in a or "本章时限" in a or "栏所列" in a or a.startswith("表 6-1") for a in actions)
    assert any("派员赶赴现场" in a for a in actions), "a duty in the same general section stays"
    assert any("终报" in a for a in actions), "an item with a duty and a reference to another section stays"


def test_a_deadline_whose_digits_ocr_spaced_out_falls_due_at_the_whole_number():
    from datetime import datetime

    from retrieval.plan.duties import due_at
    from retrieval.plan.units import find_time_limit

    limit = find_time_limit("县（区）市场监管部门接报后，应当在 3 0 分钟内电话报告市指挥部办公室")
    assert limit == "3 0 分钟内"
    assert due_at(limit, datetime(2026, 7, 1, 14, 0)) == datetime(2026, 7, 1, 14, 30)
    assert due_at("2 4 小时内", datetime(2026, 7, 1, 14, 0)) == datetime(2026, 7, 2, 14, 0)
