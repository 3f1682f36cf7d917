"""A plan that names its responses by colour and decides them in a table of decisions (blind dev batch 40, a railway
plan): the colours are the scale's levels, the 「启动」 row names who starts each, the rows that lower or end a level
are no criteria, and 「受伤住院」 counts those admitted to hospital, not all the injured."""

from __future__ import annotations

import pytest
from plan_fixtures import level_of, plan_of_text

PLAN = """# 示例市铁路交通事故应急预案

## 四、响应分级和启动

（一）响应级别

市级响应由低到高分为蓝色响应、黄色响应、橙色响应、红色响应，红色响应为最高级别。

（二）启动条件

启动条件见表 4-1，表中各格、各项之间是“或”的关系。

表 4-1　市级响应启动条件

| 类别 | 蓝色响应 | 黄色响应 | 橙色响应 | 红色响应 |
| --- | --- | --- | --- | --- |
| 人员伤亡 | ①造成 1 人以上死亡；②造成 3 人以上受伤住院 | ①造成 3 人以上死亡；②造成 1 0 人以上受伤住院 | ①造成 1 0 人以上死亡；②造成 3 0 人以上受伤住院 | ①造成 3 0 人以上死亡 |
| 旅客滞留 | ①全市车站滞留旅客 1 0 0 0 人以上 | ①全市车站滞留旅客 5 0 0 0 人以上 | ①全市车站滞留旅客 2 万人以上 | — |

（三）决定权限

表 4-2　市级响应决定权限表

| 决定事项 | 蓝色响应 | 黄色响应 | 橙色响应 | 红色响应 |
| --- | --- | --- | --- | --- |
| 启动 | 市交通运输局局长 | 市指挥部指挥长 | 市人民政府市长 | 市长报经市委书记同意后决定 |
| 由本级降低 | — | 市交通运输局局长 | 市指挥部指挥长 | 市人民政府市长 |
| 结束 | 市交通运输局局长 | 市指挥部指挥长 | 市指挥部指挥长 | 市人民政府市长 |

## 九、附则

（二）级别表述

向省人民政府报告时，蓝色、黄色、橙色、红色响应分别表述为Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级响应。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return plan_of_text(tmp_path_factory.mktemp("colours"), PLAN, "示例市铁路交通事故应急预案")


def test_colours_are_levels_each_started_by_its_row_of_the_decisions_table(plan):
    assert [level.level for level in plan.levels] == [1, 2, 3, 4]
    assert plan.level(4).label == "蓝色响应（Ⅳ级）"
    assert plan.level(3).decided_by == "市指挥部指挥长"
    assert plan.level(1).decided_by == "市长报经市委书记同意后决定"
    triggers = [t.text for level in plan.levels for t in level.triggers]
    assert not any("市长" in t or "局长" in t or "指挥长" in t for t in triggers)


@pytest.mark.parametrize(("report", "level"), [
    ("K35处客车脱轨，受伤十二人，其中收住院四人，其余八人门诊处理后离开，无人死亡。", 4),  # 4 admitted, not 12
    ("列车相撞，十二人受伤住院。", 3),
    ("全市车站滞留旅客约六千人。", 3),
])
def test_levels_of_reports(plan, report, level):
    assert level_of(plan, report) == level
