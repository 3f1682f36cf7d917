"""A city tourism plan: event classes listed as lettered items 「(a)…」, a mapping of every class to a response level
(「分别对应启动市级Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级」) beside a later rule that names only some levels, deciders who 「拍板」, a
criterion on visitors from abroad, and reports that tell a county's own grading and where the visitors come from."""

from __future__ import annotations

import pytest
from plan_fixtures import level_of, plan_of_text

from retrieval.plan.event_types import types_in
from retrieval.plan.facts import fact_values
from retrieval.ranking.query import named_places

PLAN = """# 椋川市旅游突发事件应急预案

## 4 事件分级与响应

4.1 事件分级

4.1.1 特别重大旅游突发事件
有下列情形之一的，为特别重大旅游突发事件：
(a) 造成死亡（含失踪）3 0 人以上的；
(b) 造成境外游客死亡（含失踪）3 人以上的；
(c) 造成直接经济损失 1 亿元以上的。

4.1.2 重大旅游突发事件
有下列情形之一的，为重大旅游突发事件：
(a) 造成死亡（含失踪）1 0 人以上、不足 3 0 人的；
(b) 造成境外游客死亡（含失踪）1 至 2 人的。

4.1.3 较大旅游突发事件
有下列情形之一的，为较大旅游突发事件：
(a) 造成死亡（含失踪）3 人以上、不足 1 0 人的；
(b) 造成境外游客重伤的。

4.1.4 一般旅游突发事件
造成死亡（含失踪）1 至 2 人的，为一般旅游突发事件。

4.2 响应分级
特别重大、重大、较大、一般旅游突发事件，分别对应启动市级Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级应急响应。

4.3 补充规定
（1）属于重大旅游突发事件的，启动市级Ⅱ级应急响应；
（2）属于较大旅游突发事件的，启动市级Ⅲ级应急响应。

4.4 响应决定
启动市级Ⅳ级响应，由市文旅局局长拍板；启动Ⅰ级响应，由市长拍板。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return plan_of_text(tmp_path_factory.mktemp("tourism"), PLAN, "椋川市旅游突发事件应急预案", "tourism")


def test_lettered_items_are_each_a_criterion_of_their_class(plan):
    grave = next(lv for lv in plan.levels if lv.ladder.value == "事件分级" and lv.level == 1)
    assert len(grave.triggers) == 3
    assert level_of(plan, "索道机房起火烧毁吊厢，无人员伤亡，初报直接经济损失一点二亿元。") == 1


def test_a_mapping_of_every_class_starts_the_gravest_level_though_a_later_rule_names_only_others(plan):
    assert plan.level(1).triggers and plan.level(1).decided_by == "市长"
    assert plan.level(4).decided_by == "市文旅局局长"


def test_the_dead_among_visitors_from_abroad_are_counted_apart(plan):
    assert fact_values("泰国游客两人死亡、一人失踪，其余九人获救")["境外人员死亡失踪"] == 3
    assert "境外人员死亡失踪" not in fact_values("游客四人死亡，其中两人是本地人")
    assert level_of(plan, "一个泰国旅行团的观光艇倾覆，泰国游客两人死亡、一人失踪。") == 1
    assert level_of(plan, "香港旅行团的大巴翻车，香港游客一人死亡，三人受伤。") == 2
    assert level_of(plan, "景区落石砸中一名韩国游客，县医院诊断为重伤。") == 3
    assert level_of(plan, "景区落石，本地游客三人死亡。") == 3, "three dead of all is no three dead from abroad"


def test_a_countys_own_grading_is_no_fact():
    assert "事件等级" not in fact_values("县里认为死伤五个人，属于较大事件。")
    assert "事件等级" not in fact_values("县里说只伤了一个人，够不上一般事件。")


def test_where_visitors_come_from_is_not_where_the_incident_is():
    assert named_places("一名是跟团来的韩国游客，颅脑损伤") == []
    assert named_places("艇上是一个泰国旅行团的十二名游客") == []
    assert named_places("泰国发生强烈地震") == ["泰国"]
    assert types_in("旅行社组织的老年团在景区游览途中大巴侧翻") >= {"旅游突发事件"}


def test_all_but_one_milder_level_leaves_that_level_out(tmp_path):
    from retrieval.plan.duties import duties_for

    text = ("# 椋川市旅游突发事件应急预案\n\n## 4 分级\n\n死亡1人以上的，启动Ⅳ级响应。\n\n死亡3人以上的，启动Ⅲ级响应。\n\n"
            "死亡10人以上的，启动Ⅱ级响应。\n\n死亡30人以上的，启动Ⅰ级响应。\n\n## 5 响应措施\n\n"
            "### 5.1 Ⅳ级响应\n\n（1）市文旅局派员赶赴现场核实情况。\n\n"
            "### 5.2 Ⅲ级响应\n\n在Ⅳ级响应措施基础上，增加以下措施：\n（1）市文旅局局长带领市级工作组赶赴现场。\n\n"
            "### 5.3 Ⅱ级响应\n\n在Ⅳ级响应措施基础上，增加以下措施：\n（1）成立市级现场指挥部统一指挥处置。\n\n"
            "### 5.4 Ⅰ级响应\n\n除Ⅲ级措施外，执行本章其他各节所列措施，并增加以下措施：\n（1）市长赶赴现场坐镇指挥。\n")
    actions = " ".join(m.action for m in duties_for(plan_of_text(tmp_path, text, "椋川市旅游突发事件应急预案", "allbut"), 1))
    assert "坐镇指挥" in actions and "现场指挥部" in actions and "核实情况" in actions
    assert "市级工作组" not in actions, "「除Ⅲ级措施外」 with 「其他各节」 leaves Ⅲ out"
