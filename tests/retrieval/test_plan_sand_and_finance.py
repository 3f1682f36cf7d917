"""Blind batch 35 (a county sandstorm plan, a city financial-emergency plan): criteria as circled items in one HTML
table cell, greenhouses lost per town that add up, a core banking system's outage timed by the clock. Fixtures are
our own words."""

from __future__ import annotations

import pytest
from plan_fixtures import level_of, plan_of_text

from retrieval.plan.facts import fact_values

SAND = """# 示例县沙尘暴灾害应急预案

# 四、分级响应

表 4-1　县级响应基本级别

<table><tr><td>响应级别</td><td>基本条件（具备其中一项即可）</td></tr><tr><td>Ⅳ级</td><td>①1 个判定站出现沙尘暴，持续 1 小时以上<br>②沙尘暴造成设施农业大棚损毁 5 0 亩以上<br>③因沙尘暴造成 1 人以上受伤住院</td></tr><tr><td>Ⅲ级</td><td>①1 个判定站出现强沙尘暴<br>②沙尘暴造成设施农业大棚损毁 3 0 0 亩以上<br>③因沙尘暴造成 3 人以上受伤住院</td></tr></table>

# 五、应急处置措施

（一）Ⅳ级响应措施：县农业农村局指导加固棚膜。

（二）Ⅲ级响应措施：县指挥部指挥长主持会商。
"""


@pytest.fixture(scope="module")
def sand_plan(tmp_path_factory):
    return plan_of_text(tmp_path_factory.mktemp("sand"), SAND, "示例县沙尘暴灾害应急预案")


def test_circled_items_in_one_table_cell_are_criteria_of_their_own(sand_plan):
    texts = [t.text for t in sand_plan.level(4).triggers]
    assert texts == ["1 个判定站出现沙尘暴，持续 1 小时以上", "沙尘暴造成设施农业大棚损毁 5 0 亩以上",
                     "因沙尘暴造成 1 人以上受伤住院"]


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("县农业农村局核定东镇大棚损毁三十五亩、西镇二十八亩。", 4),  # 63 亩 over two towns
        ("东镇大棚损毁四十亩，没有人员受伤。", None),
        ("东镇大棚损毁三百二十亩。", 3),
    ],
)
def test_greenhouses_lost_per_town_add_up(sand_plan, report, level):
    assert level_of(sand_plan, report) == level


def test_a_core_systems_outage_is_timed_by_the_clock():
    assert fact_values("核心业务系统数据库故障，9点12分起柜面和手机银行都办不了存取款，11点52分恢复。")["时长"] > 2.6
    from retrieval.plan.thresholds import parse_thresholds

    [threshold] = parse_thresholds("地方法人银行机构核心业务系统中断 2 小时以上")
    assert (threshold.quantity, threshold.value) == ("中断时长", 2)


def test_a_second_crowd_another_place_adds_to_the_first():
    """Blind batch 35 (缃州 inc-3413): 190 at the bank and 「另有三百二十人」 at the city hall, for one rumour, are 510."""
    assert fact_values("储户先在该行营业部门口聚了一百九十人左右，另有三百二十人到市政府门口反映情况。")["聚集人数"] == 510
    assert fact_values("死亡3人，另有5人受伤。") == {"死亡": 3, "受伤": 5}  # another quantity, named
