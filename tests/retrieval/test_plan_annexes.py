"""Annexes as plans write them (the twelfth blind batch's 荇洲 weather plan and forms like it): an annex is a section
of its own, above the body's numbering, titled on its line or the next; a table of contents that names the annexes
without dot leaders does not swallow the body; criteria under a level's heading split by hazard, 「（1）Ⅳ级：」 lines,
tables whose criteria sit in several columns (降雨实况 | 其他情形, 预警信号), and a list item 2 whose text opens with a
figure (「2.24小时降雨量…」)."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of

from retrieval.loaders import load
from retrieval.plan.facts import parse_incident_facts
from retrieval.plan.incident_facts import determine_level
from retrieval.plan.items import split_items, strip_marker
from retrieval.plan.thresholds import parse_thresholds
from retrieval.structure import parse_sections

BODY = """# 示例市防汛抗旱应急预案

1 总则

1.1 编制目的

为做好防汛工作，制定本预案。

2 应急响应

2.1 响应分级

应急响应分为Ⅳ级、Ⅲ级，启动条件见附件2。

2.2 Ⅳ级响应措施

市防办主任主持会商，市水利局加强水情监测。

3 附则

3.1 本预案自印发之日起施行。

"""
TOC = "# 示例市防汛抗旱应急预案\n\n目录\n\n附件1 成员单位职责\n\n附件2 应急响应启动条件\n\n"


def _write(tmp_path, text):
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    return path


def _criteria(path):
    plan = plan_of(path, "示例市防汛抗旱应急预案")
    return {(lv.level, t.hazard, t.text) for lv in plan.levels for t in lv.triggers}


def test_an_annex_titled_on_the_next_line_is_a_section_and_a_table_of_contents_entry_is_not(tmp_path):
    annex = "# 附件1\n\n# 成员单位职责\n\n市水利局：负责水情监测。\n\n# 附件2\n\n# 应急响应启动条件\n\n一、洪水\n\n" \
            "（1）Ⅳ级：清河站水位超过警戒水位。\n\n（2）Ⅲ级：清河站水位超过保证水位。\n"
    sections = parse_sections(load(_write(tmp_path, TOC + BODY.split("\n", 2)[2] + annex)).blocks)
    paths = [s.heading_path for s in sections]
    assert ["附件2 应急响应启动条件", "一、洪水"] in paths
    assert not any(p and p[0].startswith("附件") and len(p) > 1 and p[1].startswith("1 ") for p in paths), \
        "the body is not nested under an annex the table of contents names"
    assert next(s for s in sections if s.heading_path == ["附件2 应急响应启动条件", "一、洪水"]).locator.startswith("附件2")


def test_an_annex_over_a_whole_plan_sent_by_a_notice_is_no_annex(tmp_path):
    text = "# 示例市人民政府办公室关于印发示例市防汛抗旱应急预案的通知\n\n各区县：现印发给你们，请认真贯彻执行。\n\n附件1\n\n" \
           + BODY.split("\n", 2)[2]
    paths = [s.heading_path for s in parse_sections(load(_write(tmp_path, text)).blocks)]
    assert ["1 总则", "1.1 编制目的"] in paths


@pytest.mark.parametrize("annex", [
    # parts of a level's criteria by hazard, run into their text
    "附件2 应急响应启动条件\n\n一、Ⅳ级应急响应\n\n（一）洪水：清河站水位超过警戒水位。\n\n（二）干旱：全市受旱面积达到10万亩。\n\n"
    "二、Ⅲ级应急响应\n\n（一）洪水：清河站水位超过保证水位。\n\n（二）干旱：全市受旱面积达到30万亩。\n",
    # hazard blocks of 「（1）Ⅳ级：」 lines
    "附件2 应急响应启动条件\n\n一、洪水\n\n（1）Ⅳ级：清河站水位超过警戒水位。\n\n（2）Ⅲ级：清河站水位超过保证水位。\n\n"
    "二、干旱\n\n（1）Ⅳ级：全市受旱面积达到10万亩。\n\n（2）Ⅲ级：全市受旱面积达到30万亩。\n",
])
def test_criteria_split_by_level_and_hazard_in_an_annex(tmp_path, annex):
    found = _criteria(_write(tmp_path, BODY + annex))
    assert (4, "洪水", "清河站水位超过警戒水位") in found and (3, "干旱", "全市受旱面积达到30万亩") in found


def test_a_list_of_chinese_numbered_items_under_a_level_keeps_each_criterion_whole(tmp_path):
    annex = "附件2 应急响应启动条件\n\n一、Ⅳ级应急响应\n\n出现下列情况之一时，启动Ⅳ级应急响应：\n\n（一）清河站水位超过警戒水位；\n\n" \
            "（二）24小时降雨量超过100毫米。\n"
    found = {text for _, _, text in _criteria(_write(tmp_path, BODY + annex))}
    assert {"清河站水位超过警戒水位", "24小时降雨量超过100毫米"} <= found


def test_item_two_whose_text_opens_with_a_figure_is_an_item():
    items = split_items("1.清河站水位超过警戒水位；\n2.24小时降雨量超过100毫米。")
    assert [strip_marker(i) for i in items] == ["清河站水位超过警戒水位", "24小时降雨量超过100毫米"]
    assert len(split_items("水位上涨\n2.5米以上的堤段")) == 1, "no item 1 before it: a figure"


def test_a_grading_table_reads_every_column_of_criteria(tmp_path):
    annex = ("附件2 各灾种应急响应启动标准\n\n一、暴雨\n\n| 级别 | 降雨实况 | 其他情形 |\n| --- | --- | --- |\n"
             "| Ⅳ级 | 过去24小时3个以上区域站降雨量达50毫米以上 | 县城主次干道出现10处以上积水点 |\n"
             "| Ⅲ级 | 过去24小时3个以上区域站降雨量达100毫米以上 | 因暴雨需转移群众300人以上 |\n\n二、寒潮\n\n"
             "| 级别 | 降温幅度和最低气温（须同时具备） | 预警信号 |\n| --- | --- | --- |\n"
             "| Ⅳ级 | 48小时内日最低气温下降8℃以上，且日最低气温降至4℃以下 | — |\n"
             "| Ⅲ级 | 24小时内日最低气温下降12℃以上，且日最低气温降至零下5℃以下 | 县气象台发布寒潮红色预警信号 |\n")
    found = _criteria(_write(tmp_path, BODY + annex))
    assert (4, "暴雨", "过去24小时3个以上区域站降雨量达50毫米以上") in found
    assert (3, "寒潮", "县气象台发布寒潮红色预警信号") in found
    plan = plan_of(_write(tmp_path, BODY + annex), "示例市防汛抗旱应急预案")
    cold = parse_incident_facts("寒潮来袭，24小时降温13度，最低气温降到零下6度")
    assert determine_level(plan, cold).level == 3


def test_degrees_of_frost_below_a_bound_are_more_frost():
    frost = [(t.quantity, t.comparator.value, t.value) for t in parse_thresholds("日最低气温降至零下5℃以下")]
    assert frost == [("零下温度", "≥", 5)]
    assert parse_incident_facts("最低气温降到零下6度").values["最低气温"] == -6


def test_a_table_cell_of_criteria_on_several_lines_is_one_criterion_per_line(tmp_path):
    annex = ("附件2 应急响应启动条件\n\n| 响应级别 | 启动条件 |\n| --- | --- |\n"
             "| Ⅳ级 | 受害森林面积10公顷以上<br>火场持续燃烧12小时以上仍未得到有效控制 |\n"
             "| Ⅲ级 | 受害森林面积50公顷以上<br>火场持续燃烧24小时以上仍未得到有效控制 |\n")
    plan = plan_of(_write(tmp_path, BODY + annex), "示例市防汛抗旱应急预案")
    burning = parse_incident_facts("林场山火已持续燃烧26小时仍未得到有效控制，过火约8公顷")
    assert determine_level(plan, burning).level == 3, "each line of the cell is a criterion of its own"


def test_a_table_of_contents_without_dot_leaders_does_not_swallow_the_body(tmp_path):
    """「1 总则」「2 应急响应」 listed before the body, then the body opening each again: the listed lines are no
    sections, so 「2.2 Ⅳ级响应措施」 sits under its chapter, not under the contents' last line."""
    contents = "# 示例市防汛抗旱应急预案\n\n目录\n\n1 总则\n\n2 应急响应\n\n3 附则\n\n"
    sections = parse_sections(load(_write(tmp_path, contents + BODY.split("\n", 2)[2])).blocks)
    assert ["2 应急响应", "2.2 Ⅳ级响应措施"] in [s.heading_path for s in sections]
    measures = next(s for s in sections if s.heading_path[-1:] == ["2.2 Ⅳ级响应措施"])
    assert "市防办主任主持会商" in " ".join(b.text for b in measures.blocks)


NOTICE_PLAN = """示例市人民政府办公室关于印发示例市城市排涝应急预案的通知

各区人民政府：现印发给你们，请认真贯彻执行。

附件：示例市城市排涝应急预案

附件

# 示例市城市排涝应急预案

目　录

第一章 总则
第二章 应急响应
附件1 成员单位职责

# 第一章 总则

一、适用范围

本预案适用于中心城区内涝的应对。

# 第二章 应急响应

一、启动条件

1．Ⅳ级响应
出现下列情形之一的，启动Ⅳ级响应：
（一）中心城区 3 小时面雨量 4 0 毫米至 6 0 毫米（含 4 0 毫米，不含 6 0 毫米）；
（二）1 处下穿通道因积水封闭。

2．Ⅲ级响应
出现下列情形之一的，启动Ⅲ级响应：
（一）中心城区 3 小时面雨量 6 0 毫米以上（含 6 0 毫米）；
（二）地下空间进水，有人员被困。

说明：1．同时符合两个以上级别条件的，按最高级别启动。2．面雨量以市气象局发布的为准。

二、响应措施

表2-1 Ⅳ级响应措施

| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- | --- |
| 1 | 移动泵车到易涝点值守 | 市排水公司 | 各区人民政府 | 接报后1小时 |

表2-2 Ⅲ级响应措施

| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- | --- |
| 1 | 派出工作组赴积水严重的区督导排涝 | 市排涝办 | 市城市管理局 | 接报后2小时 |

# 附件1 成员单位职责

市水利局：负责水情监测。
"""


def test_a_plan_sent_by_a_notice_with_level_tables_and_lists_numbered_out_of_order(tmp_path):
    """The thirteenth blind batch's 潆州 in short: the notice and a contents line naming 「附件1」 open no annex (the
    plan's measures are read), 「1．Ⅳ级响应」 lists its criteria with 「（一）」 items (a range whose bound note
    「（含40毫米，不含60毫米）」 is one note, not a condition), 「说明：」 grades nothing, and each 「表2-1 Ⅳ级响应措施」
    table's rows are that level's duties with their 完成时限."""
    plan = plan_of(_write(tmp_path, NOTICE_PLAN), "示例市城市排涝应急预案")
    criteria = {(lv.level, t.text) for lv in plan.levels for t in lv.triggers}
    assert (3, "地下空间进水，有人员被困") in criteria and not any("最高级别" in text for _, text in criteria)
    assert determine_level(plan, parse_incident_facts("中心城区3小时面雨量正好40毫米")).level == 4
    duties = {(m.level, m.action, m.time_limit) for m in plan.measures}
    assert (4, "移动泵车到易涝点值守", "接报后1小时") in duties
    assert (3, "派出工作组赴积水严重的区督导排涝", "接报后2小时") in duties


def test_level_notes_on_the_clauses_of_a_units_tasks_give_each_clause_its_levels(tmp_path):
    """The thirteenth blind batch's 楠溆: measures by phase, the level a clause needs written in it — 「（Ⅲ级以上响应时）」
    from that level up, 「一级响应时」 at that level only, none at every level. Each clause is a duty of its own,
    verbatim, led by the unit the sentence opens with."""
    text = BODY.replace("3 附则", "2.3 抢险救援\n\n市应急管理局：调派抢险队伍赶赴现场；（Ⅲ级以上响应时）调集邻近区县抢险力量增援；"
                                    "一级响应时依法征用社会车辆。\n\n3 附则")
    plan = plan_of(_write(tmp_path, text), "示例市防汛抗旱应急预案")
    clauses = {m.action: (m.level, m.also_levels, m.lead_units) for m in plan.measures if "市应急管理局" in m.lead_units}
    assert clauses["（Ⅲ级以上响应时）调集邻近区县抢险力量增援"][:2] == (3, [1, 2])
    assert clauses["一级响应时依法征用社会车辆"][:2] == (1, [])


def test_a_reservoirs_class_is_read_from_the_annex_table():
    """Blind dev inc-1513: 「| 白马寨水库 | 石矶县 | 1 8 5 0 | 中型 |」 in 附件1 makes a report on 白马寨水库 one on a 中型水库."""
    from retrieval.plan.works import read_works_classes

    table = ("附件1 重点水库名录\n\n| 水库名称 | 所在地 | 总库容（万立方米） | 类别 |\n| --- | --- | --- | --- |\n"
             "| 鹳山水库 | 石矶县 | 3 6 2 0 0 | 大型 |\n| 白马寨水库 | 石矶县 | 1 8 5 0 | 中型 |\n| 栗木坳水库 | 鸥湾区 | 3 2 0 | 小（1）型 |\n")
    assert read_works_classes(table) == {"鹳山水库": "大型", "白马寨水库": "中型", "栗木坳水库": "小（1）型"}
