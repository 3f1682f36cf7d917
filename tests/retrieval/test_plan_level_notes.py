"""A city's general plan as the twenty-fifth blind batch wrote it (藜州): event grades mapped to responses in prose
(「重大突发事件启动二级响应」), other starting cases limited to a time or place (敏感时期、重点地区), and measures written
for the gravest level with a 「级别说明」 per section naming what milder levels leave out. Invented text, in that
shape."""

from __future__ import annotations

from pathlib import Path

from plan_fixtures import plan_of

from retrieval.plan.duties import duties_for
from retrieval.plan.facts import fact_values, parse_incident_facts
from retrieval.plan.incident_facts import determine_level
from retrieval.plan.qualitative import qualitative_state

GENERAL = """# 示例市突发事件总体应急预案

# 第五章 应急响应

5.1 事件分级
突发事件分为特别重大、重大、较大和一般四级，按表 5-1 确定。

<table><tr><td>事件级别</td><td>分级标准</td></tr><tr><td>特别重大</td><td>死亡（含失踪）3 0 人以上；紧急转移安置 1 0 万人以上</td></tr><tr><td>重大</td><td>死亡（含失踪）1 0 人以上、不足 3 0 人；紧急转移安置 3 万人以上、不足 1 0 万人</td></tr><tr><td>较大</td><td>死亡（含失踪）3 人以上、不足 1 0 人；紧急转移安置 1 万人以上、不足 3 万人</td></tr><tr><td>一般</td><td>死亡（含失踪）1 至 2 人；紧急转移安置 1 0 0 0 人以上、不足 1 万人</td></tr></table>

5.2 响应分级
市级应急响应分为一级、二级、三级、四级。特别重大突发事件启动一级响应，重大突发事件启动二级响应，
较大突发事件启动三级响应，一般突发事件启动四级响应。

5.3 其他启动情形

5.3.1 启动二级响应的情形：
（一）突发事件影响 3 个以上县（区），需要市级统一调度力量的。

5.3.2 启动四级响应的情形：
（一）突发事件导致高速公路中断通行 1 2 小时以上的。

5.4 响应级别的提高
依照本节提高响应级别的，限于下列情形：
（一）敏感时期或者重点地区发生一般突发事件并造成人员死亡的，启动三级响应；
（二）事态超出市级处置能力，需要提请省人民政府统一组织应对的，启动一级响应。

# 第六章 应急处置

6.1 先期处置
（1）事发地县（区）人民政府组织先期处置，划定警戒区域。
（2）市应急委办公室接报后派员赶赴事发现场。
（3）调派市级专业救援队伍赶赴现场增援。
级别说明：四级响应不执行本节第（3）项。

6.2 指挥协调
（1）市应急委办公室实行 2 4 小时值守。
（2）派出市级工作组赴事发地督导。
（3）市应急委成员单位负责人到市应急指挥中心集中办公。
（4）请求省人民政府派出工作组指导。
级别说明：四级响应不执行本节第（2）至（4）项；三级响应不执行第（3）（4）项；二级响应
不执行第（4）项。

# 附件 敏感时期和重点地区

一、敏感时期
（一）春节：农历除夕至正月初六；
（二）国庆节：１０ 月 １ 日至 １０ 月 ７ 日。

二、重点地区
（一）示例东站及站前广场、示例机场航站区；
（二）示例化工园区。
"""


def _plan(tmp_path: Path):
    path = tmp_path / "示例市突发事件总体应急预案.md"
    path.write_text(GENERAL, encoding="utf-8")
    return plan_of(path, "示例市突发事件总体应急预案")


def test_a_level_note_leaves_items_out_of_milder_levels_and_is_no_duty(tmp_path):
    plan = _plan(tmp_path)
    levels = {m.action: sorted([m.level, *m.also_levels]) if m.level else None for m in plan.measures}
    assert levels["调派市级专业救援队伍赶赴现场增援"] == [1, 2, 3]
    assert levels["派出市级工作组赴事发地督导"] == [1, 2, 3]
    assert levels["市应急委成员单位负责人到市应急指挥中心集中办公"] == [1, 2]
    assert levels["请求省人民政府派出工作组指导"] == [1]
    assert levels["市应急委办公室实行 2 4 小时值守"] is None  # no note names it: every level
    assert not any("级别说明" in action or "不执行" in action for action in levels)
    at_four = [m.action for m in duties_for(plan, 4)]
    assert "市应急委办公室实行 2 4 小时值守" in at_four
    assert not any("工作组" in action or "增援" in action for action in at_four)
    assert not any("响应级别" in action or "启动三级响应" in action for action in at_four)  # how levels are set: no step


def test_an_event_grade_starts_its_response_and_a_time_or_place_limit_must_be_reported(tmp_path):
    plan = _plan(tmp_path)
    # one death is a 一般 event: 四级, not the 三级 of a death in a sensitive time or place the report does not name
    assert determine_level(plan, parse_incident_facts("物流园冷库起火，1人死亡，2人烧伤。")).level == 4
    assert determine_level(plan, parse_incident_facts("国庆期间重点地区商场起火，1人死亡。")).level == 3
    # the plan's own list says which times and places those are: a date in its span, a place it names
    assert determine_level(plan, parse_incident_facts("10月3日示例东站站前广场灯箱坠落，1人死亡。")).level == 3
    assert determine_level(plan, parse_incident_facts("示例机场停车场一车辆起火，1人死亡。")).level == 3
    assert determine_level(plan, parse_incident_facts("7月5日城郊一仓库起火，1人死亡。")).level == 4
    beyond = "化工园区储罐爆炸，6人死亡，市里已经控制不住，建议提请省人民政府统一组织应对。"
    assert determine_level(plan, parse_incident_facts(beyond)).level == 1


def test_counts_given_place_by_place_add_up_but_a_total_is_not_counted_twice():
    assert fact_values("8时甲区转移安置一万八千人、乙区九千人；14时乙区又报新转移四千六百人。")["转移人员"] == 31600
    assert fact_values("全区转移安置5200人，城关镇3000人、河口镇2200人。")["转移人员"] == 5200
    assert fact_values("转移群众1000人，其中老人300人。")["转移人员"] == 1000


def test_a_revised_figure_replaces_the_earlier_one_across_sentences():
    report = "9时国家站24小时雨量一百七十八毫米；14时更新为二百一十六毫米。"
    assert fact_values(report)["24小时降雨量"] == 216


def test_a_city_that_cannot_cope_in_an_officers_words():
    assert qualitative_state("事态超出市级处置能力", "现场指挥部认为市里已经控制不住")[0] == "met"
    assert qualitative_state("事态超出市级处置能力", "火势得到控制，市里能处置")[0] != "met"


PARAGRAPHS = """# 示例区工贸企业生产安全事故应急预案

# 一、响应分级与启动

（一）分级标准
区级响应按表 4-1 确定，符合某一级别任一列的，即启动该级别响应。

| 响应级别 | 死亡（含失踪） | 被困人员 |
| --- | --- | --- |
| Ⅰ级 | 3 人以上 | 被困 2 0 人以上 |
| Ⅱ级 | 2 人 | 被困 1 0 人以上、不足 2 0 人 |
| Ⅲ级 | 1 人 | 被困 5 人以上、不足 1 0 人 |
| Ⅳ级 | — | 被困 3 人以上、不足 5 人 |

# 二、应急处置措施

（一）执行方式
各级响应执行哪些段落，以表 5-1 为准。

表 5-1　各级响应执行段落对照表

| 响应级别 | 执行段落 |
| --- | --- |
| Ⅳ级 | 5.1.1～5.1.3，5.2.1 |
| Ⅲ级 | Ⅳ级所列段落（5.1.3 除外），以及 5.1.4，5.2.2 |
| Ⅱ级 | Ⅲ级所列段落，以及 5.2.3 |
| Ⅰ级 | 本章 5.1 至 5.2 全部段落（5.1.3 除外） |

5.1.1　区应急管理局值班室接报后 3 0 分钟内电话核实事故基本情况。（区应急管理局）
5.1.2　责令事故企业立即停止相关作业，组织现场人员撤离。
（事故企业）
5.1.3　区应急管理局分管负责同志带队赶赴现场。（区应急管理局）
5.1.4　区应急管理局主要负责同志启动后 1 小时内带队到达现场。（区应急管理局）
5.2.1　区消防救援大队调派就近消防站力量开展搜救和灭火。（区消防救援大队）
5.2.2　对事故企业周边道路实施交通管制，开辟救援车辆专用通道。（区公安分局）
5.2.3　暂停全区同类作业，组织同类企业停产自查。（区应急管理局）
5.2.4　请求市消防救援支队跨区增援。（区应急管理局）
"""


def test_a_table_of_paragraph_numbers_gives_each_paragraph_its_levels(tmp_path):
    path = tmp_path / "示例区工贸企业生产安全事故应急预案.md"
    path.write_text(PARAGRAPHS, encoding="utf-8")
    plan = plan_of(path, "示例区工贸企业生产安全事故应急预案")
    levels = {m.action[:5]: sorted([m.level, *m.also_levels]) for m in plan.measures if m.action[:1] == "5"}
    assert levels["5.1.1"] == [1, 2, 3, 4]
    assert levels["5.1.3"] == [4]  # left out from Ⅲ级 up
    assert levels["5.1.4"] == [1, 2, 3]
    assert levels["5.2.3"] == [1, 2]
    assert levels["5.2.4"] == [1]  # 「5.1 至 5.2 全部段落」
    assert not any(m.action.startswith(("Ⅳ级 |", "（事故企业）")) for m in plan.measures)


def test_rows_that_continue_a_table_keep_their_count_columns():
    """Blind batch 26 (萁阳): a grading table cut across chunks; the rows after the cut hold only counts (「1 人」
    「3 至 5 人」), which are criteria of the carried header's columns all the same."""
    from retrieval.plan.tables import criteria_cells, find_tables

    header = ["响应级别", "死亡（含失踪）", "重伤（含急性工业中毒）", "被困人员"]
    rows = "Ⅲ级 | 1 人 | 3 至 5 人 | 被困 5 人以上、不足 1 0 人\nⅣ级 | — | 1 至 2 人 | 被困 3 人以上、不足 5 人"
    (table,) = find_tables(rows, header)
    assert criteria_cells(table, table.rows[0]) == ["死亡（含失踪）1 人", "重伤3 至 5 人", "被困 5 人以上、不足 1 0 人"]


def test_a_loss_an_officer_estimates_and_a_forecast_in_other_words():
    assert fact_values("厂里估算除尘器、风管和停产损失六七十万元。")["直接经济损失"] == 700000
    assert "直接经济损失" not in fact_values("两名工人重伤，财产损失不大。")
    report = "市气象台会商：预计明后两天我市大部分地区有一次特强降雨过程，可能造成严重洪涝。"
    assert qualitative_state("气象部门预报我市大部分地区将出现特强降雨过程，相应地区可能造成严重洪涝灾害", report)[0] == "met"
    assert qualitative_state("气象部门预报我市大部分地区将出现特强降雨过程", "预计我市部分地区有强降雨")[0] != "met"
