"""Blind dev batch 18 forms, on fixtures of our own: responses named by colour (「蓝色应急响应」 is Ⅳ级), an HTML grading
table whose class cell spans rows (rowspan) beside a column of labels (| 事件等级 | 指标 | 认定条件 |), ranges written
「4公顷（含）至25公顷（不含）」, cells holding several criteria split by 「；」, and stations counted apart from rivers
(two stations on one river are one river)."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of

from retrieval.plan.incident_facts import determine_level, parse_incident_facts
from retrieval.plan.stations import with_reference_levels
from retrieval.plan.thresholds import parse_thresholds

FIRE = """# 示例县森林火灾应急预案

## 4 事件分级与响应

### 4.1 事件分级
发生特别重大、重大、较大、一般事件的，分别启动县级Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级应急响应。

### 4.2 事件等级标准
<table><tr><td>事件等级</td><td>指标</td><td>认定条件</td></tr><tr><td rowspan="2">重大</td><td>受害面积</td>\
<td>受害森林面积 1 0 0 公顷（含）至 4 0 0 公顷（不含）</td></tr><tr><td>人员伤亡</td><td>死亡和失踪人数合计 2 至 4 人</td></tr>\
<tr><td rowspan="2">一般</td><td>受害面积</td><td>受害森林面积 4 公顷（含）至 2 5 公顷（不含）</td></tr>\
<tr><td>燃烧时间</td><td>明火持续 5 小时以上未得到控制</td></tr></table>
"""

FLOOD = """# 示例市防汛抗旱应急预案

## 第四章 应急响应

第十三条 市级应急响应由低到高分为蓝色、黄色、橙色、红色四个等级，依次对应Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级应急响应。

第十四条 控制站特征水位见下表。

| 河流 | 站名 | 警戒水位 | 保证水位 |
| --- | --- | --- | --- |
| 甲江 | 上游站 | 28.50 | 31.20 |
| 甲江 | 下游站 | 24.80 | 27.60 |
| 乙河 | 乙口站 | 41.00 | 43.50 |

第十五条 启动条件见下表。

<table><tr><td>响应等级</td><td>江河洪水</td><td>水库和堤防险情</td></tr><tr><td>红色应急响应</td>\
<td>2 条以上河流控制站水位同时达到保证水位；上游站水位超过历史最高水位</td><td>中型水库发生溃决</td></tr>\
<tr><td>黄色应急响应</td><td>两个及以上水文站水位同时超过警戒水位；任一控制站水位超过警戒水位 1 米以上</td>\
<td>小（1）型水库出现重大险情</td></tr><tr><td>蓝色应急响应</td><td>甲江、乙河中任一控制站实测水位超过警戒水位</td>\
<td>一般堤防出现险情，需要组织抢护</td></tr></table>
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("colours")
    (folder / "fire.md").write_text(FIRE, encoding="utf-8")
    (folder / "flood.md").write_text(FLOOD, encoding="utf-8")
    return plan_of(folder / "fire.md", "示例县森林火灾应急预案", "fire"), plan_of(folder / "flood.md", "示例市防汛抗旱应急预案",
                                                                             "flood")


def _level(plan, report):
    facts = with_reference_levels(plan.stations, parse_incident_facts(report), plan.station_rivers)
    return determine_level(plan, facts).level


def test_a_bracketed_inclusion_note_bounds_both_ends_of_a_range():
    bounds = [(t.comparator.value, t.value) for t in parse_thresholds("受害森林面积 4 公顷（含）至 2 5 公顷（不含）")]
    assert bounds == [("≥", 4.0), ("<", 25.0)]


def test_a_spanned_class_cell_grades_each_row_and_a_label_column_is_no_criterion(plans):
    fire, _ = plans
    criteria = {t.text for lv in fire.levels for t in lv.triggers}
    assert "受害面积" not in criteria and "人员伤亡" not in criteria
    assert _level(fire, "后山杉木林着火，过火面积六十亩整，火线还在往东坡上走。") == 4  # 60亩 = 4公顷（含）
    assert _level(fire, "过火面积约三百七十四亩，暂无伤亡。") == 4
    assert _level(fire, "过火面积约三百七十五亩，暂无伤亡。") is None  # 25公顷（不含）: past 一般, short of 重大
    assert _level(fire, "扑救中两名扑火队员牺牲，过火面积约十公顷。") == 2


@pytest.mark.parametrize(("report", "level"), [
    ("上游站29.12米，下游站25.03米，两站都过了警戒，乙口站在警戒以下。", 3),  # two stations on one river: not 2 rivers
    ("乙河乙口站43.62米，甲江上游站31.30米。", 1),  # 保证 on two rivers
    ("上游站31.20米，下游站27.70米。", 3),  # 保证 at two stations of one river: 黄色 by 超警戒1米以上
    ("乙口站41.30米，其余站在警戒以下。", 4),  # a listed river's station over 警戒
])
def test_responses_named_by_colour_and_rivers_counted_apart_from_stations(plans, report, level):
    _, flood = plans
    assert flood.station_rivers == {"上游站": "甲江", "下游站": "甲江", "乙口站": "乙河"}
    assert _level(flood, report) == level


def test_a_cell_of_criteria_split_by_semicolons_gives_one_criterion_each(plans):
    _, flood = plans
    red = next(lv for lv in flood.levels if lv.level == 1 and lv.triggers)
    assert {"2 条以上河流控制站水位同时达到保证水位", "上游站水位超过历史最高水位", "中型水库发生溃决"} <= {t.text for t in red.triggers}


def test_what_a_report_asks_is_no_fact_it_states():
    """Blind dev ans-811: 「区级该启动几级响应？」 met 「市人民政府要求区级启动Ⅰ级响应」 by its own words."""
    from retrieval.plan.qualitative import qualitative_state

    asked = "槽罐车在大桥北引桥侧翻，罐体阀门处持续泄漏，区级该启动几级响应？"
    assert qualitative_state("市人民政府要求区级启动Ⅰ级响应", asked)[0] == "open"
    assert qualitative_state("下穿通道发生车辆被困", "一处下穿通道有车辆被困，内涝响应该启几级？")[0] == "met"


@pytest.mark.parametrize(("report", "dead", "missing"), [
    ("山洪：早上报死亡1人、失踪2人；中午又找到1人，已经遇难，还有1人在找。", 2, 1),
    ("早上报３名扑火队员失联，现在找到1人，已遇难，另2人仍在搜寻。", 1, 2),
    ("山洪失踪3人，找到两人遗体，另一人仍在搜寻。", 2, 1),
    ("早上报死亡1人、失踪2人；搜救队找到1人遗体，现在是死亡２人、失踪１人。", 2, 1),  # the later totals stand
])
def test_a_search_moves_the_missing_found_dead_to_the_dead(report, dead, missing):
    """Blind dev batch 18 (inc-1715) and batch 11 (inc-1106): a running search told in words."""
    values = parse_incident_facts(report).values
    assert (values.get("死亡"), values.get("失踪")) == (dead, missing)


def test_each_stations_figure_is_counted_against_the_bound(tmp_path):
    """inc-1716: 「泖东站、砖桥站、鼓楼站中2个以上雨量站1小时降雨量达到40毫米」 is met by two stations' figures of three."""
    path = tmp_path / "rain.md"
    path.write_text("# 示例市城市内涝应急预案\n\n## 4 应急响应\n\n### 4.1 Ⅳ级应急响应\n\n出现下列情况之一的，启动Ⅳ级应急响应：\n"
                    "（一）东站、桥站、楼站中 2 个以上雨量站 1 小时降雨量达到 4 0 毫米；\n", encoding="utf-8")
    plan = plan_of(path, "示例市城市内涝应急预案", "rain")
    assert _level(plan, "东站最大1小时雨量46.2毫米，桥站40.0毫米，楼站31.5毫米。") == 4
    assert _level(plan, "东站最大1小时雨量46.2毫米，桥站38.0毫米，楼站31.5毫米。") is None


def test_flames_and_smouldering_are_timed_apart(plans):
    """inc-1708/1709: 「明火持续72小时以上」 is the fire's burning, which a bare 「整整七十二个小时」 states; a smouldering
    ground fire (阴燃, 闷烧) is an annex's hazard with its own area."""
    fire, _ = plans
    assert _level(fire, "过火面积约二公顷，到现在整整十个小时了，火线还在往外蔓延。") == 4  # 明火持续5小时以上
    facts = parse_incident_facts("腐殖层底下还在闷烧冒烟，地下阴燃范围大概十六亩，已经闷烧了二十来个小时。")
    assert facts.values["阴燃面积"] == pytest.approx(16 / 15) and facts.values["阴燃时长"] == 20
    assert "地下火" in facts.hazards


@pytest.mark.parametrize(("text", "values"), [
    ("同一火场过火范围涉及 3 个以上乡镇（林场）", {"涉及乡镇数": 3.0}),
    ("全县同时发生 3 起以上森林火灾", {"同时火灾起数": 3.0}),
    ("全县同时有 3 处以上火场明火未灭", {"同时火灾起数": 3.0}),
    ("一起事故中毒人数 1 0 人以上", {"中毒": 10.0}),  # 一起 is one accident, not a count of fires
])
def test_towns_reached_and_fires_at_once_are_counted(text, values):
    assert {t.quantity: t.value for t in parse_thresholds(text)} == values


def test_a_fire_told_spreading_reaches_the_town_it_began_in_and_each_it_spread_into():
    """Blind dev inc-1706: 「苘坝镇北山火场…一头烧进椑木镇地界，另一头进了国有柞木沟林场」 reaches three; a distance to a
    town is no spreading, and 「全县同时有三处火场」 counts fires."""
    from retrieval.plan.facts import fact_values

    spread = fact_values("苘坝镇北山火场昨夜越过山脊，一头烧进椑木镇地界，另一头进了国有柞木沟林场的施业区。")
    assert spread["涉及乡镇数"] == 3
    assert "涉及乡镇数" not in fact_values("苘坝镇报：火场离椑木镇5公里")
    assert fact_values("全县同时有三处火场明火未灭")["同时火灾起数"] == 3


def test_a_station_table_of_an_ocr_d_annex_gives_each_station_its_references():
    """衡阳's annex 2 (OCR'd HTML): stations named without 站 (| 耒阳 |), 「未设定」 for no 保证水位, the historic highest
    under a garbled header (「历史水」), a 10-year flood level that is no reference (「十年一水」); blind dev inc-1723
    reads the last reading of a station the report names twice."""
    from retrieval.plan.stations import read_station_rivers, read_station_table

    table = ("河流名称 | 站名 | 十年一水 | 警戒水位 | 保证水位 | 历史水\n"
             "耒水 | 耒阳 | 80.10 | 77.50 | 80.00 | 83.38\n"
             "蒸水 | 神山头 | 98.50 | 96.00 | 未设定 | 99.25\n")
    stations = read_station_table(table)
    assert stations == {"耒阳站": {"警戒": 77.5, "保证": 80.0, "历史最高": 83.38},
                        "神山头站": {"警戒": 96.0, "历史最高": 99.25}}
    assert read_station_rivers(table) == {"耒阳站": "耒水", "神山头站": "蒸水"}
    report = "早上8点：耒阳站83.20米，神山头站98.96米；中午12点耒阳站涨到83.41米，神山头站到了99.25米。"
    values = with_reference_levels(stations, parse_incident_facts(report)).values
    assert values["超历史最高水位"] == pytest.approx(0.03) and values["超历史最高水位地点数"] == 2  # 99.25 reaches it
    # readings told by their hour alone (blind dev inc-2009): the last one is the station's level
    report = "耒阳站水位通报：上午9时80.15米，已过保证；中午12时80.72米；下午2时81.00米，还在涨。"
    values = with_reference_levels(stations, parse_incident_facts(report)).values
    assert values["超保证水位"] == pytest.approx(1.0)


def test_a_named_reservoirs_criterion_and_a_danger_of_failure():
    """Blind dev inc-1714: 「青苔坝水库出现重大险情」 is not met by a danger at 柴门水库, and 「专家认定有溃坝可能」 is a
    major danger (重大险情) of the reservoir the report names."""
    from retrieval.plan.qualitative import qualitative_state

    report = "柴门水库坝后坡出现大面积渗水，专家认定有溃坝可能（柴门水库为中型水库）"
    assert qualitative_state("青苔坝水库出现重大险情", report)[0] == "not_met"
    assert qualitative_state("中型水库出现重大险情", report)[0] == "met"
    assert qualitative_state("污染物已经进入鹤泾水库一级保护区", "柴油泄漏，流进鹤泾水库一级保护区水面")[0] == "met"


def test_a_criteria_table_split_over_two_header_lines_and_a_station_table_after_it(tmp_path):
    """Blind dev batch 19 (沄州): the header's second line (「| 类型 | 应急响应 | 应急响应 |…」) is no criterion, the station
    table's rows are no rows of the criteria table above them, 「超警幅度不足0.50米」 bounds 超警戒水位 from above and
    「且未达到保证水位」 is below it."""
    path = tmp_path / "split.md"
    path.write_text("# 示例市防汛抗旱应急预案\n\n## 4 应急响应\n\n### 4.2 启动条件\n\n"
                    "| 灾害 | 一 级 | 二 级 | 三 级 | 四 级 |\n| --- | --- | --- | --- | --- |\n"
                    "| 类型 | 应急响应 | 应急响应 | 应急响应 | 应急响应 |\n"
                    "| 江河洪水 | ①任一控制站水位超过保证水位 1 米以上 | ①任一控制站水位达到保证水位 | "
                    "①任一控制站水位超过警戒水位 0 . 5 0 米以上，且未达到保证水位 | ①任一控制站水位超过警戒水位，超警幅度不足 0 . 5 0 米 |\n\n"
                    "| 河流 | 控制站 | 警戒 | 保证 |\n| --- | --- | --- | --- |\n| 甲江 | 甲站 | 3 4 . 2 0 | 3 7 . 0 0 |\n",
                    encoding="utf-8")
    plan = plan_of(path, "示例市防汛抗旱应急预案", "split")
    assert not any(t.text in ("应急响应", "甲站") for lv in plan.levels for t in lv.triggers)
    assert _level(plan, "甲站水位34.66米。") == 4
    assert _level(plan, "甲站下午2点34.50米，5点到了34.70米。") == 3  # 0.50 above 警戒, the later reading
    assert _level(plan, "甲站37.00米。") == 2


def test_page_numbers_are_no_sections_and_a_level_is_stated_with_its_column_or_colour():
    """Blind dev batch 19: 「6/14」 page numbers left in OCR'd text opened sections, so the measures of 5.2–5.4 lost
    their levels; a level a table gives by its column (「二 级」) or a plan names by colour is stated with its number."""
    from assistant.answer_builder import _level_number
    from assistant.tasks.checklist import spoken_label
    from retrieval.structure import _readings

    assert _readings("6/14") == [] and _readings("5.2 Ⅲ级响应措施")
    assert _level_number("二 级") == _level_number("二级响应") == 2
    assert spoken_label("黄色应急响应", 3) == "黄色应急响应（Ⅲ级）" and spoken_label("Ⅲ级应急响应", 3) == "Ⅲ级应急响应"


def test_a_sections_last_measure_stops_at_its_closing_sentence():
    """Blind dev batch 19 (沄州): the last item of 4.x ran into the next part's heading and text, so the termination
    rule was no sentence the exercise could cite."""
    from retrieval.plan.items import up_to_finished_sentence

    item = "江河水位回落至警戒水位以下的，由原决定人宣布终止响应。\n第五部分 分级响应措施\n各级响应措施分列于 5.1 至 5.4"
    assert up_to_finished_sentence(item) == "江河水位回落至警戒水位以下的，由原决定人宣布终止响应。"
    wrapped = "市防办向有关县（区）防指发出\nⅣ级响应通知"
    assert up_to_finished_sentence(wrapped) == wrapped  # a line the page wrapped


def test_durations_compare_in_hours_flames_are_no_fires_and_a_fire_reports_bare_area_is_burnt():
    """Blind dev batch 19 (榧溪): 「连续燃烧5天」 was compared with 34 hours as days (34 ≥ 5), 「还有两处明火没打掉」 counted
    two fires, and 「山脊上起火，估计三亩来地」 gave no burnt area."""
    from retrieval.plan.facts import fact_values

    assert [(t.value, t.unit) for t in parse_thresholds("火场连续燃烧 5 天仍未扑灭的")] == [(120.0, "小时")]
    assert fact_values("连续燃烧3天仍未扑灭")["燃烧时长"] == 72
    assert "同时火灾起数" not in fact_values("到10号早上7点半还有两处明火没打掉")
    assert fact_values("山脊上起火，估计三亩来地")["过火面积"] == pytest.approx(0.2)
    assert "过火面积" not in fact_values("批发市场起火，烧毁约200平方米")  # no forest fire


def test_a_table_criterion_is_cited_by_its_cell_and_its_level_cell():
    """A held-out report stated 「受害森林面积1 0 公顷以上、不足 5 0 公顷」 without its level: the criterion joins its column's
    name to the cell, so it was not verbatim; the conclusion cites the cell, checked against the row's level cell."""
    from types import SimpleNamespace

    from assistant.tasks.checklist import _cell_of, _column_of

    row = {"响应级别": "Ⅲ级", "受害森林面积": "1 0 公顷以上、不足 5 0 公顷", "人员伤亡": "死亡1人或2人"}
    trigger = SimpleNamespace(text="受害森林面积1 0 公顷以上、不足 5 0 公顷", row=row)
    assert _cell_of(trigger) == "1 0 公顷以上、不足 5 0 公顷" and _column_of(trigger, _cell_of(trigger)) == "Ⅲ级"
    assert _cell_of(SimpleNamespace(text="死亡1人或2人", row=row)) == "死亡1人或2人"
    assert _cell_of(SimpleNamespace(text="出现重大险情", row=None)) == "出现重大险情"
