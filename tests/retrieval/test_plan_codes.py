"""Criteria a plan writes as codes: one table defines each code, another gives each level its combinations
(「；」 between cases, 「＋」 within one). Blind dev batch 32 (鲂溪): every level had been undecided."""

from __future__ import annotations

from plan_fixtures import level_of, plan_of_text

from retrieval.plan.codes import in_words, read_codes

PLAN = """# 沅坪县隧道群大雾通行应急预案

# 4 响应分级

# 4.1 启动情形

表 4-1 情形代码

| 代码 | 情形 |
| --- | --- |
| A1 | 隧道口能见度不足 1 5 0 米 |
| A2 | 隧道口能见度不足 6 0 米 |
| B1 | 滞留车辆达到 3 0 0 辆 |
| D1 | 造成 2 人以上死亡 |
| H1 | 事发时处于春运期间 |

表 4-2 级别与代码组合

| 响应级别 | 启动情形（代码组合） |
| --- | --- |
| Ⅲ级 | A1＋B1；D1 |
| Ⅱ级 | A2＋B1；A1＋H1 |

# 5 应急措施

# 5.1 Ⅲ级响应措施

县交通运输局派员到隧道口疏导。

# 5.2 Ⅱ级响应措施

县指挥部指挥长到现场指挥。
"""


def test_codes_are_read_in_their_words():
    codes = read_codes(PLAN)
    assert codes["B1"] == "滞留车辆达到 3 0 0 辆"
    assert in_words("A1＋B1；D1", codes) == "隧道口能见度不足 1 5 0 米，且滞留车辆达到 3 0 0 辆；或者造成 2 人以上死亡"
    assert in_words("A1＋X9", codes) is None  # a code the plan does not define
    assert in_words("隧道口能见度不足 1 5 0 米", codes) is None


def test_a_level_written_in_codes_is_decided_by_its_codes_figures(tmp_path):
    plan = plan_of_text(tmp_path, PLAN, "沅坪县隧道群大雾通行应急预案")
    assert level_of(plan, "隧道口能见度120米，滞留车辆350辆") == 3
    assert level_of(plan, "隧道口能见度120米，滞留车辆80辆") is None  # 「＋」: both codes must hold
    assert level_of(plan, "隧道口能见度40米，往东方向滞留二百辆、往西方向滞留一百六十辆") == 2  # directions summed
    assert level_of(plan, "大雾，3人死亡") == 3


def test_a_fog_detectors_reading_is_the_visibility_and_a_toll_station_has_no_water_level():
    """A blind dev lookup: 「S18鲌口收费站往北两公里处…现场检测仪最低读到一百五十米」 gave 收费站水位 2000 and no visibility."""
    from retrieval.plan.incident_facts import parse_incident_facts

    values = parse_incident_facts("S18鲌口收费站往北两公里处，雾里三车追尾。现场检测仪最低读到一百五十米。").values
    assert values.get("能见度") == 150.0
    assert not any("水位" in key for key in values)


TEMPLATE_PLAN = """# 示例丁县辐射事故应急预案

## 四、应急响应

### （二）启动条件

县级响应的启动条件由下列各项和表 4-1 共同构成。各项中以“〔 〕”标出的部分为参数，按照表 4-1 所列内容填入后适用：

1．〔放射源类别〕丢失、被盗或者失控的；

2．放射性污染面积达到〔污染面积〕的；

3．需要疏散、撤离群众〔疏散人数〕的。

表 4-1　县级响应启动参数表

| 参数 | 所在项 | Ⅳ级 | Ⅲ级 | Ⅱ级 | Ⅰ级 |
|---|---|---|---|---|---|
| 〔放射源类别〕 | 第 1 项 | Ⅴ类放射源 | Ⅳ类放射源 | Ⅲ类放射源 | Ⅰ类、Ⅱ类放射源 |
| 〔污染面积〕 | 第 2 项 | 1 0 0 平方米 | 1 0 0 0 平方米 | 1 万平方米 | 5 万平方米 |
| 〔疏散人数〕 | 第 3 项 | — | 1 0 0 人以上 | 5 0 0 人以上 | 3 0 0 0 人以上 |
"""


def test_criteria_written_as_items_with_slots_a_parameter_table_fills_per_level(tmp_path):
    """Blind dev batch 33 (昶川): each level's criteria are the items with its column's cells in their slots; the
    cells alone (「1 0 0 人以上」) had been read as criteria, and no level was decided."""
    plan = plan_of_text(tmp_path, TEMPLATE_PLAN, "示例丁县辐射事故应急预案")
    criteria = {lv.level: [t.text for t in lv.triggers] for lv in plan.levels}
    assert "需要疏散、撤离群众5 0 0 人以上的" in criteria[2]
    assert "Ⅴ类放射源丢失、被盗或者失控的" in criteria[4] and len(criteria[4]) == 2  # 「—」: no criterion of Ⅳ级
    assert level_of(plan, "放射性污染面积约一千二百平方米，已疏散群众六十人。") == 3


def test_a_criterion_for_a_class_of_source_is_met_by_a_lost_source_of_that_class(tmp_path):
    """Blind dev batch 33 (昶川): 「Ⅴ类放射源丢失、被盗或者失控的」 (Ⅳ级) against 「铯-137源不在源容器里了…登记的是Ⅴ类
    …还没找到」; a class the report states elsewhere is another criterion's, and 「最低一类」 names no class."""
    plan = plan_of_text(tmp_path, TEMPLATE_PLAN, "示例丁县辐射事故应急预案")
    assert level_of(plan, "造纸厂密度计的铯-137源不在源容器里了，登记的是Ⅴ类，厂长说Ⅴ类是最低一类，到中午还没找到。") == 4
    assert level_of(plan, "探伤公司登记的是Ⅲ类源，今天早上发现源不见了。") == 2
