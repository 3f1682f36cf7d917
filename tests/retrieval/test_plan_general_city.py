"""A city's general plan as the fourteenth blind batch wrote it (蒹州): levels 一级…四级 with criteria as
「（一）…；」 lists under 「5.3.1 一级响应」, and each level's measures a run-in paragraph 「（三）三级响应时，…；…」 that a
line or a page footer breaks. Invented text, in that shape."""

from __future__ import annotations

from pathlib import Path

from plan_fixtures import plan_of

from retrieval.loaders import load
from retrieval.plan.facts import parse_incident_facts
from retrieval.plan.incident_facts import determine_level
from retrieval.plan.qualitative import qualitative_state
from retrieval.structure import parse_sections

GENERAL = """# 示例市突发事件总体应急预案

# 第五章 应急处置

5.1 先期处置
事发地县（区）人民政府负责先期处置，并及时报告市人民政府。

5.2 启动条件
5.2.1 一级响应
出现下列情形之一的，启动一级响应：
（一）发生特别重大突发事件；
（二）造成 3 0 人以上死亡（含失踪），或者 1 0 0 人以上重伤；
（三）事态超出市级处置能力，需要请求省人民政府统一组织应对。

5.2.2 二级响应
出现下列情形之一的，启动二级响应：
（一）发生重大突发事件；
（二）造成10人以上30人以下死亡（含失踪），或者50人以上100人以下重伤；
（三）需要紧急转移安置 3 万人以上 1 0 万人以下。

5.2.3 三级响应
出现下列情形之一的，启动三级响应：
（一）发生较大突发事件；
（二）造成3人以上10人以下死亡（含失踪），或者10人以上50人以下重伤。

5.3 分级响应措施
（二）二级响应时，市政府主要负责同志坐镇市应急指挥中心指挥；调集全市专业应急救援队伍；
每2小时向市委、市政府报告一次。

（三）三级响应时，市专项指挥机构指挥长赶赴现场组织指挥，成立现场指挥部；派出市级工作组协助处置；

— 7 —

调派市级专业救援队伍；每4小时报告一次。

5.4 响应终止
事态得到控制后，由启动响应的决定主体宣布终止响应。
"""


def _plan(tmp_path: Path):
    path = tmp_path / "示例市突发事件总体应急预案.md"
    path.write_text(GENERAL, encoding="utf-8")
    return path, plan_of(path, "示例市突发事件总体应急预案")


def test_list_items_ending_with_a_semicolon_are_criteria_not_sections(tmp_path):
    path, plan = _plan(tmp_path)
    titles = {s.title for s in parse_sections(load(path).blocks)}
    assert not any(t.startswith(("发生重大突发事件", "造成10人以上")) for t in titles)
    criteria = {(lv.level, t.text) for lv in plan.levels for t in lv.triggers}
    assert (2, "造成10人以上30人以下死亡（含失踪），或者50人以上100人以下重伤") in criteria
    assert determine_level(plan, parse_incident_facts("商场起火，现在确认共4人遇难，另有7人受伤。")).level == 3


def test_a_run_in_levels_measures_keep_its_level_across_a_line_and_a_page_break(tmp_path):
    _, plan = _plan(tmp_path)
    levels = {m.action: m.level for m in plan.measures}
    assert levels["派出市级工作组协助处置"] == 3
    assert any(level == 3 and "调派市级专业救援队伍" in action for action, level in levels.items())
    assert any(level == 2 and "每2小时向市委、市政府报告一次" in action for action, level in levels.items())


def test_beyond_the_citys_capacity_as_an_officer_says_it():
    report = "指挥部研究认为超出市里能力，要请省里统一组织。"
    assert qualitative_state("事态超出市级处置能力", report)[0] == "met"
    assert qualitative_state("需要请求省人民政府统一组织应对", report)[0] == "met"
    assert qualitative_state("需要请求省人民政府统一组织应对", "市里能处置，不需要省里来人。")[0] != "met"


def test_a_running_update_stands_also_when_its_figure_names_no_quantity():
    """The fourteenth blind batch: officers give a figure, then a later one after 「刚才…核定后是」「合计」「涨到」 with
    nothing but a number and a unit; the later figure is the quantity the earlier one named."""
    from retrieval.plan.facts import fact_values

    assert fact_values("因旱饮水困难人数早上汇总是两万八千多人，刚才水利局核定后是31200人。")["饮水困难人口"] == 31200
    assert fact_values("转移安置人数早上报一万二千多人，中午园区和湫塘区合计三万二千人。")["转移人员"] == 32000
    assert fact_values("示例水文站早上6点报126.92米，11时涨到127.50米，超警戒整1米。") == {
        "水位": 127.5, "超警戒水位": 1.0}
    assert fact_values("早上报2人受伤；现在确认２人死亡、1人重伤。") == {"受伤": 2.0, "死亡": 2.0, "重伤": 1.0}



def test_more_than_before_a_magnitude_keeps_the_figure():
    """「一亿两千多万元」 was read as 万元 alone (10000 元)."""
    from retrieval.plan.facts import fact_values

    assert fact_values("初步核定直接经济损失一亿两千多万元。")["直接经济损失"] == 1.2e8
    assert fact_values("直接经济损失1000多万元")["直接经济损失"] == 1e7
