"""A grading table with one row per kind of event and one column per level, its first column headed 「类别」 like a
matrix of tasks by topic: its caption (「表 4-1　县级响应启动条件」) says its cells are criteria (blind dev plans batch
38, a county school-safety plan). The fixture plan is our own wording (示例县)."""

from __future__ import annotations

import pytest
from plan_fixtures import level_of, plan_of_text

from retrieval.plan.tables import find_tables

PLAN = """# 示例县校园安全突发事件应急预案

## 四、响应级别和启动条件

县级响应共分四级，最低为Ⅳ级，最高为Ⅰ级；同一事件具备不同级别条件的，按其中最高的级别启动。

表 4-1　县级响应启动条件

| 类别 | Ⅳ级 | Ⅲ级 | Ⅱ级 | Ⅰ级 |
| --- | --- | --- | --- | --- |
| 人员伤亡 | ①造成 1 人死亡；②造成 3 人以上受伤住院 | ①造成 2 人以上死亡 | ①造成 5 人以上死亡 | ①造成 1 0 人以上死亡 |
| 紧急疏散 | ①紧急疏散师生 5 0 0 人以上 | ①紧急疏散师生 2 0 0 0 人以上 | ①紧急疏散师生 5 0 0 0 人以上 | — |

## 五、分级响应措施

表 5-1　响应任务

| 类别 | Ⅳ级 | Ⅲ级 |
| --- | --- | --- |
| 现场 | 县教育局派员赶赴现场 | 县指挥部成立现场工作组 |
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return plan_of_text(tmp_path_factory.mktemp("school"), PLAN, "示例县校园安全突发事件应急预案")


@pytest.mark.parametrize(("report", "level"), [
    ("一所小学紧急疏散师生两千一百人，没有人员伤亡。", 3),
    ("一名学生送医后死亡，四人受伤住院。", 4),
    ("造成六人死亡。", 2),
])
def test_a_criteria_table_by_kind_and_level_grades_the_report(plan, report, level):
    assert level_of(plan, report) == level


def test_a_table_of_tasks_by_topic_is_still_no_criteria():
    tasks = "表 5-1　响应任务\n| 类别 | Ⅳ级 | Ⅲ级 |\n| --- | --- | --- |\n| 现场 | 县教育局派员赶赴现场 | 县指挥部成立现场工作组 |"
    assert find_tables(tasks) == []
