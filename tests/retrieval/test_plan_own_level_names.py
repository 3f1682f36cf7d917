"""Plans that name their levels in words of their own and map them onto the scale in one sentence: 甲级…丁级 (甲
the highest) and 一号…四号 counting upwards (一号 the lowest, 四号 = Ⅰ级); and criteria written as cards
(「【判据卡 1】 / 级别：丁级 / 判据：… / 数据来源：…」). Blind dev plans batches 36 and 37; the plan texts are invented for
the tests."""

from __future__ import annotations

from plan_fixtures import level_of, plan_of_text

from retrieval.plan.aliases import level_aliases
from retrieval.plan.declared import with_declared
from retrieval.plan.incident_facts import determine_level, parse_incident_facts

UPWARD = """# 示例县山体滑坡应急预案

# 4　响应号数和启动条件

4.1　响应号数

县级响应由低到高依次分为一号响应、二号响应、三号响应、四号响应。一号、
二号、三号、四号响应分别对应《示例市滑坡应急预案》的Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级响应。

4.2　各号响应的启动条件

（一）一号响应。出现下列情形之一的，启动一号响应：
1．滑坡造成 1 人以上受伤；
2．因滑坡转移群众 1 0 0 人以上。
（二）二号响应。出现下列情形之一的，启动二号响应：
1．滑坡造成死亡 1 人以上。
（三）三号响应。出现下列情形之一的，启动三号响应：
1．滑坡造成死亡 3 人以上。
（四）四号响应。出现下列情形之一的，启动四号响应：
1．滑坡造成死亡 1 0 人以上；
2．没有人员伤亡的，不论具备哪一号响应的情形，县级响应最高启动二号响应。

# 5　分号响应措施

5.1　一般规定

二号响应同时执行一号响应措施。

5.2　一号响应措施

1．县自然资源局局长启动后 2 小时内主持会商，派员到现场监测坡体变形。
2．县融媒体中心滚动播发滑坡避险提示。

5.3　二号响应措施

1．县指挥部指挥长启动后 1 小时内召集会商，组织转移受威胁群众。
2．县卫生健康局在安置点设立医疗点。
"""

CARDS = """# 示例县风暴潮应急预案

## 4 响应级别和判据卡

### 4.1 响应级别

县级响应分为甲级、乙级、丙级、丁级，甲级为最高级别。甲级、乙级、丙级、丁级响应分别相当于《示例市风暴潮应急预案》的
Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级响应。

### 4.2 判据卡

【判据卡 1】
级别：丁级
判据：因风暴潮转移安置群众 3 0 0 人以上
数据来源：县应急管理局统计
【判据卡 2】
级别：丙级
判据：因风暴潮转移安置群众 2 0 0 0 人以上
数据来源：县应急管理局统计
【判据卡 3】
级别：乙级
判据：因风暴潮造成死亡和失踪合计 3 人以上
数据来源：县应急管理局核实
【判据卡 4】
级别：甲级
判据：因风暴潮造成死亡和失踪合计 1 0 人以上数据来源：县应急管理局核实
"""


def test_a_mapping_sentence_names_the_plans_own_levels_on_the_scale():
    assert level_aliases(UPWARD) == {"一号": "Ⅳ级", "二号": "Ⅲ级", "三号": "Ⅱ级", "四号": "Ⅰ级"}
    assert level_aliases(CARDS) == {"甲级": "Ⅰ级", "乙级": "Ⅱ级", "丙级": "Ⅲ级", "丁级": "Ⅳ级"}
    assert level_aliases("县级响应分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级。") == {}
    # blind dev plans batch 38: a 特级 above 一级, mapped 「依次」 (its 一级 is the scale's Ⅱ级)
    above = "市级响应由高到低分为特级响应、一级响应、二级响应和三级响应。特级、一级、二级、三级响应依次对应《示例省预案》的Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级响应。"
    assert level_aliases(above) == {"特级": "Ⅰ级", "一级": "Ⅱ级", "二级": "Ⅲ级", "三级": "Ⅳ级"}


def test_levels_numbered_upwards_are_read_on_the_scale(tmp_path):
    plan = plan_of_text(tmp_path, UPWARD, "示例县山体滑坡应急预案")
    assert {lv.level for lv in plan.levels} == {1, 2, 3, 4}
    assert level_of(plan, "滑坡造成一人受伤，转移群众六十人。") == 4  # 一号 is the lowest
    assert level_of(plan, "滑坡造成死亡十二人。") == 1  # 四号 is the highest
    assert level_of(plan, "滑坡造成死亡一人。") == 3
    # the cap is no criterion of any level (it had been read as one of 四号's, a 「missing fact」 of every report)
    assert not any("最高启动" in t.text for lv in plan.levels for t in lv.triggers)


def test_criteria_cards_grade_their_levels(tmp_path):
    plan = plan_of_text(tmp_path, CARDS, "示例县风暴潮应急预案")
    triggers = {lv.level: [t.text for t in lv.triggers] for lv in plan.levels}
    assert set(triggers) == {1, 2, 3, 4}
    assert triggers[1] == ["因风暴潮造成死亡和失踪合计 1 0 人以上"]  # the source run on at the end is no criterion
    assert level_of(plan, "已转移安置群众二千一百人，无人员伤亡。") == 3
    assert level_of(plan, "转移安置群众五百人。") == 4


def test_a_level_is_labelled_in_the_plans_own_name_and_declared_in_it(tmp_path):
    """Blind answers batch 30 (ans-1718): 「刚由指挥长决定启动丙级」 declares the plan's Ⅲ级, which it calls 丙级."""
    plan = plan_of_text(tmp_path, CARDS, "示例县风暴潮应急预案")
    assert {lv.level: lv.label for lv in plan.levels}[3] == "丙级响应（Ⅲ级）"
    report = "县里刚由指挥长决定启动丙级，预报最早的高潮在今晚23点。"
    facts = parse_incident_facts(report)
    assert with_declared(plan, determine_level(plan, facts), report).level == 3


ABOVE = """# 示例市涉外突发事件应急预案

# 第四章　响应分级

第十一条　市级响应由高到低分为特级响应、一级响应、二级响应和三级响应，特级响应为最高级别。特级、一级、二级、三级响应依次对应《示例省预案》的Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级响应。

第十二条　具备下列情形之一的，启动三级响应：外籍人员在本市死亡 1 人以上。具备下列情形之一的，启动二级响应：外籍人员在本市死亡 3 人以上。具备下列情形之一的，启动一级响应：外籍人员在本市死亡 1 0 人以上。具备下列情形之一的，启动特级响应：外籍人员在本市死亡 3 0 人以上。

# 第五章　响应措施

第十八条　第十九条的共同措施，每一级响应都要执行；第二十条至第二十三条的分级措施，仅由所在级别执行，启动较高级别的，不带入较低级别的分级措施。

第二十条　三级响应措施：
（一）市外办派出工作组赴现场指导；
（二）协助外籍当事人联系其亲属。

第二十一条　二级响应措施：
（一）成员单位派员联合办公；
（二）组织新闻通气会。

第二十二条　一级响应措施：
（一）开设外籍人员家属接待中心；
（二）召开新闻发布会。

第二十三条　特级响应措施：
（一）市长坐镇指挥；
（二）依法征用宾馆、车辆。
"""


def test_measures_in_articles_titled_by_a_lead_in_take_that_level_and_each_level_is_not_another(tmp_path):
    """Blind dev plans batch 38 and answers batch 32 (觚州): 「第二十二条　一级响应措施：」 titles its article as a heading
    would, so its items are the plan's Ⅱ级 measures (they had no level, and no level's checklist held them); 「每一级响应」
    names no level; 「刚启动了一级响应」 and 「started a Level-1 (一级) response」 declare the plan's 一级, the scale's Ⅱ级."""
    plan = plan_of_text(tmp_path, ABOVE, "示例市涉外突发事件应急预案")
    def level_of_measure(start: str) -> int | None:
        return next(m.level for m in plan.measures if m.action.lstrip("（一二）").startswith(start))

    assert level_of_measure("开设外籍人员家属") == 2 and level_of_measure("市长坐镇指挥") == 1
    assert level_of_measure("市外办派出工作组") == 4 and level_of_measure("成员单位派员联合办公") == 3
    assert not any("每Ⅱ级" in m.action for m in plan.measures)
    for report in ("示例市刚启动了一级响应，一名外国游客受伤。", "Shili city has just started a Level-1 (一级) response."):
        facts = parse_incident_facts(report)
        assert with_declared(plan, determine_level(plan, facts), report).level == 2, report


def test_a_body_named_by_its_tier_alone_declares_its_own_response():
    """Dev rows inc-1612: 「区防指已经启动了Ⅳ级」 under a city's plan is the district's own response, not the city's."""
    from retrieval.plan.declared import declared_level

    assert declared_level("区防指已经启动了Ⅳ级。", "潾州市") is None
    assert declared_level("区防指已经启动了Ⅳ级。", "蘩川区") == (4, "区防指")
    assert declared_level("市防指已启动Ⅱ级应急响应。", "衡阳市") == (2, "市防指")


def test_responses_named_by_colour_are_the_scales_levels():
    """Blind dev batch 40 (辂州): 「蓝色、黄色、橙色、红色响应分别表述为Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级响应」 — a plan that names its
    responses by colour had no levels at all."""
    from retrieval.plan.aliases import level_aliases, on_the_scale, own_label

    text = "（二）级别表述\n向省人民政府报告时，蓝色、黄色、橙色、红色响应分别表述为Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级响应；"
    aliases = level_aliases(text)
    assert aliases == {"蓝色": "Ⅳ级", "黄色": "Ⅲ级", "橙色": "Ⅱ级", "红色": "Ⅰ级"}
    assert on_the_scale("| 类别 | 蓝色响应 | 红色响应 |；启动橙色以上响应的", aliases) == "| 类别 | Ⅳ级响应 | Ⅰ级响应 |；启动Ⅱ级以上响应的"
    assert own_label("Ⅰ级响应", aliases) == "红色响应（Ⅰ级）"


def test_an_article_titled_alone_on_its_first_line_gives_its_measures_a_level(tmp_path):
    """Blind dev batch 41: 庠州's 「第十九条　三级响应措施」 stands alone above 「（一）基本措施」 with no colon; none of its 74
    measures had a level, so every checklist listed the plan's definitions."""
    from plan_fixtures import plan_of_text

    plan = plan_of_text(tmp_path, "# 样例市房屋安全突发事件应急预案\n\n# 第四章　响应分级\n第十二条　启动条件\n"
                        "造成 1 人死亡的，启动四级响应；造成 2 人以上死亡的，启动三级响应。\n\n# 第五章　响应措施\n"
                        "第十八条　四级响应措施\n（一）基本措施\n1．市住房城乡建设局局长在启动后 2 小时内主持会商。\n"
                        "第十九条　三级响应措施\n（一）基本措施\n1．市指挥部指挥长在启动后 1 小时内到达现场，成立市级现场指挥部。\n",
                        "样例市房屋安全突发事件应急预案")
    assert {m.action: m.level for m in plan.measures if m.level} == {
        "市住房城乡建设局局长在启动后 2 小时内主持会商": 4, "市指挥部指挥长在启动后 1 小时内到达现场，成立市级现场指挥部": 3}
