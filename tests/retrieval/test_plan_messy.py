"""The digital plan on a plan in the messy style of OCR'd real plans (our own fixture text, `fixtures/messy_plan.md`):
a table of contents, page footers, LaTeX residue, full-width digits, grading split between an HTML table and
「出现下列情况之一者」 lists, 「以下」不含本数, common measures beside level-only ones, and a typhoon annex in a
Markdown table that the structure parser leaves inside the last section."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.plan.digital_plan import Ladder
from retrieval.plan.duties import due_at, due_label, duties_for, is_conditional
from retrieval.plan.incident_facts import determine_level, parse_incident_facts

FIXTURE = Path(__file__).parent / "fixtures" / "messy_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "江汀市防汛应急预案", "m")


def _level(plan, report: str) -> int | None:
    return determine_level(plan, parse_incident_facts(report)).level


def test_levels_come_from_the_table_and_the_lists_with_who_decides(plan):
    levels = {lv.level: lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    assert sorted(levels) == [1, 2, 3, 4]
    assert levels[4].decided_by == "市防办主任" and levels[3].decided_by == "市防指常务副指挥长"
    assert levels[2].decided_by == "市防指指挥长"
    row = next(t.row for t in levels[3].triggers if t.row)
    assert set(row) == {"响应级别", "启动条件", "决定（启动）单位"} and row["响应级别"] == "Ⅲ级"


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("汀江江口站水位 $2 7 . 8 0$ 米，超警戒 $0 . 5 \\mathrm { m }$，仍在上涨。", 3),  # 以上 includes the bound
        ("汀江江口站水位超警戒0.3米，无人员伤亡。", 4),
        ("城区内涝，已造成2人死亡。", 3),
        ("城区内涝，已造成3人死亡。", None),  # 「1人以上3人以下」: 以下 excludes 3 in this plan
        ("需紧急转移群众１.２万人。", 2),  # full-width digits
        ("江口站水位仍在上涨，洪水已逼近城区，威胁城区安全。", 2),  # a qualitative trigger, met as a condition
        ("市气象台发布台风黄色预警，预计明日登陆。", 3),  # the typhoon annex, chosen by hazard
        ("市气象台发布台风橙色预警，同时汀江江口站水位超警戒0.2米。", 2),  # several levels met: the highest
        ("市气象台发布暴雨黄色预警。", None),  # a rain warning does not meet the typhoon annex
    ],
)
def test_the_level_the_facts_trigger(plan, report, level):
    assert _level(plan, report) == level


def test_a_checklist_holds_its_level_and_the_common_measures_only(plan):
    duties = [m.action for m in duties_for(plan, 2)]
    text = "".join(duties)
    assert "现场指挥部" in text and "巡堤查险" in text, "level Ⅱ and the common measures"
    assert "每2小时报送" in text
    assert "每6小时" not in text and "每日报告" not in text and "坐镇指挥" not in text, "nothing of another level"
    assert "以上”含本数" not in text, "a definition is not a duty"
    assert any(is_conditional(a) for a in duties if a.startswith("必要时"))


def test_a_time_limit_becomes_a_clock_time_from_the_incident():
    start = datetime.fromisoformat("2026-07-03T14:00:00+08:00")
    assert due_label(due_at("响应启动后30分钟内", start), start) == "14:30前"
    assert due_label(due_at("12小时内", start), start) == "7月4日 02:00前"
    assert due_at("每2小时报送一次", start) is None


LISTS_UNDER_ONE_HEADING = """# 白沙县防汛应急预案

# 4 应急响应

# 4.2 启动条件

出现下列情况之一者，启动Ⅳ级应急响应：

（1）白沙河城关站水位超过警戒水位；

（2）需转移群众 $5 0 0$ 人以上。

— 12 —

白沙县防汛应急预案

出现下列情况之一者，启动Ⅲ级应急响应：

（1）白沙河城关站水位超过警戒水位 $1 . 0 \\mathrm { m }$ 以上；

（2）因灾死亡（含失踪）1人以上。

由县防指指挥长决定启动Ⅲ级应急响应。
"""


def test_lists_that_name_their_level_under_one_heading_cross_page_furniture(tmp_path):
    path = tmp_path / "白沙县防汛应急预案.md"
    path.write_text(LISTS_UNDER_ONE_HEADING, encoding="utf-8")
    plan = plan_of(path, "白沙县防汛应急预案", "b")
    levels = {lv.level: lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    assert [t.text for t in levels[4].triggers] == ["白沙河城关站水位超过警戒水位", "需转移群众 $5 0 0$ 人以上"]
    assert levels[3].decided_by == "县防指指挥长" and len(levels[3].triggers) == 2
    assert _level(plan, "城关站水位超警戒1.2米") == 3
    assert not any("— 12 —" in m.action for m in plan.measures)


def test_a_running_title_with_a_stray_mark_is_no_measure():
    """Dev inc-4307: 「浉阳县凌汛灾害应急预案 丄」, a running title OCR left a mark beside, was the checklist's third line."""
    from retrieval.cleanup import drop_furniture

    text = "1．县防凌指挥部办公室24小时值班。\n浉阳县凌汛灾害应急预案 丄\n2．县水文中心每2小时报送一次水位。"
    kept = drop_furniture(text, "浉阳县凌汛灾害应急预案")
    assert kept == "1．县防凌指挥部办公室24小时值班。\n2．县水文中心每2小时报送一次水位。"
    assert drop_furniture("《浉阳县凌汛灾害应急预案》", "浉阳县凌汛灾害应急预案") == "《浉阳县凌汛灾害应急预案》"  # a mention


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("市防指已启动Ⅱ级应急响应，请列出处置清单。", 2),  # no facts: the declared level is accepted
        ("西岸镇已启动Ⅱ级应急响应，汀江江口站水位超警戒0.2米。", 4),  # a town's own declaration: the facts decide
        ("已启动Ⅳ级应急响应，江口站水位超警戒0.6米。", 3),  # the facts decide; the declaration is noted
    ],
)
def test_a_declared_level_counts_only_when_the_facts_decide_none(plan, report, level):
    from retrieval.plan.declared import with_declared

    facts = parse_incident_facts(report)
    decision = with_declared(plan, determine_level(plan, facts), report)
    assert decision.level == level
    assert ("已启动" in decision.explanation) == ("已启动" in report and not report.startswith("西岸镇"))


@pytest.mark.parametrize(
    ("report", "jurisdiction", "declared"),
    [
        ("茴州刚启动市级Ⅲ级旅游突发事件响应，在Ⅳ级基础上还要加哪些事？", "茴州市", 3),  # hazard words before 响应
        ("秫塘县刚定了Ⅲ级粮食应急响应，把这一级要干的事列个清单", "秫塘县", 3),  # a level set
        ("莳溪升到Ⅰ级了，在Ⅱ级的基础上还要加做哪些事？", "莳溪县", 1),  # a level raised, the earlier one named after
        ("镔州刚定了市级Ⅱ级（管道前后漏了一百多吨），各单位该干的事列个清单", "镔州市", 2),  # a level set, its tier named
        ("县里刚定了县级Ⅲ级，市里要做什么", "镔州市", None),  # a county's own level, under a city's plan
        ("栌山县级启动Ⅳ级响应，要落实的措施列一下。", "栌山县", 4),  # a county plan's own level, said as a statement
        ("栌山县级启动Ⅳ级响应，要落实的措施列一下。", "穰州市", None),  # under a city's plan: the county's own response
        ("县级启动Ⅳ级响应的条件是什么", "栌山县", None),  # a question about the criteria
        ("预警升到Ⅱ级了，要注意什么", "栌山县", None),  # a warning's level
        ("区里已经启动区级Ⅳ级响应，医院、水厂备用电源都正常。", "雁汀市", None),  # a district's own, under a city's plan
        # blind batch 35 (ans-1938): the kind of event between the start and the level, said by the plan's own place
        ("焜岭县刚启动煤矿事故Ⅱ级响应。把Ⅱ级这一档新加的事列个清单", "焜岭县", 2),
        ("县防汛抗旱指挥部启动了防汛Ⅲ级应急响应，尾矿库这边要不要跟着启动", "硐冈县", None),  # another plan's response
        ("矿上已经启动企业二级应急响应。", "焜岭县", None),  # an enterprise's own
        ("已启动Ⅱ级", "焜岭县", 2),  # the level alone, at the end of the report
        # blind batch 35 (ans-1939): an English request naming the level as the plan does, in Chinese
        ("Xiangzhou (庠州) has just started a city-level 三级 housing response: part of a block came down", "庠州市", 3),
        ("The county has started work on 三级 roads after the flood response.", "庠州市", None),
    ],
)
def test_a_declared_level_is_read_however_the_officer_says_it(report, jurisdiction, declared):
    from retrieval.plan.declared import declared_level

    found = declared_level(report, jurisdiction)
    assert (found[0] if found else None) == declared


@pytest.fixture(scope="module")
def fire_plan():
    path = Path(__file__).parent / "fixtures" / "messy_fire_plan.md"
    return plan_of(path, "松岭县森林火灾应急预案", "f")


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("东坡村后山起火，已燃烧7小时仍未控制，过火面积约3公顷。", 4),
        ("东坡村山火燃烧已达13个小时，火势仍在蔓延，受害森林面积约20公顷。", 3),  # 「13个小时」
        ("林场火灾过火面积30公顷，明火已扑灭。", 3),  # 「30公顷以上（含30公顷）」 in a Markdown table
        ("受害森林面积约450亩，无人员伤亡。", 3),  # 亩 → 公顷
        ("山火已造成2名扑火队员牺牲，过火面积12公顷。", 4),  # 牺牲 = 死亡, below 3
        ("火势向松岭水库方向蔓延，距水库大坝不足1公里，威胁水库安全。", 2),  # one option of a list, qualitative
        ("县森防指报告火情超出县级处置能力，请求市森防指派航空力量支援。", 1),
    ],
)
def test_a_fire_plan_graded_in_a_markdown_table_and_lists(fire_plan, report, level):
    assert _level(fire_plan, report) == level


def test_fire_classes_are_their_own_ladder_and_no_duty(fire_plan):
    classes = {lv.level: lv.label for lv in fire_plan.levels if lv.ladder is Ladder.EVENT}
    assert classes == {1: "特别重大森林火灾", 2: "重大森林火灾", 3: "较大森林火灾", 4: "一般森林火灾"}
    assert all("森林火灾：" not in m.action for m in duties_for(fire_plan, 3))


def test_an_html_table_left_mid_line_and_over_several_lines_is_read_as_rows(tmp_path):
    text = ("# 石门县防汛应急预案\n\n# 4 应急响应\n\n# 4.1 响应分级\n\n各级启动条件见下表：<table>\n<tr><td>响应级别</td>"
            "<td>启动条件</td><td>决定单位</td></tr>\n<tr><td>Ⅳ级</td><td>石门河县城站水位超过警戒水位</td>"
            "<td>县防办主任</td></tr>\n<tr><td>Ⅲ级</td><td>需转移群众 $3 0 0 0$ 人以上</td><td>县防指副指挥长</td></tr>\n"
            "</table>\n")
    path = tmp_path / "石门县防汛应急预案.md"
    path.write_text(text, encoding="utf-8")
    plan = plan_of(path, "石门县防汛应急预案", "s")
    levels = {lv.level: lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    assert levels[3].decided_by == "县防指副指挥长" and levels[4].triggers[0].row["决定单位"] == "县防办主任"
    assert _level(plan, "县城站水位超警戒0.3米，需转移群众3200人") == 3


@pytest.mark.parametrize(
    "report",
    ["汀江江口站水位 $2 7 . 8 0$ 米，超警戒 $0 . 5 \\mathrm { m }$，仍在上涨。", "需紧急转移群众１.２万人，已造成2人死亡。"],
)
def test_the_level_reason_states_each_criterion_once_without_ocr_residue(plan, report):
    decision = determine_level(plan, parse_incident_facts(report))
    reason = decision.explanation.split("的启动条件：", 1)[1]
    criteria = [t.text for t, _ in decision.met]
    assert decision.level is not None and criteria
    assert not any(mark in reason for mark in ("$", "\\mathrm", "\\sim", "{")), reason
    assert reason.count("「") == len(set(criteria)), reason  # one statement per criterion met, not per fact


@pytest.mark.parametrize(
    "source",
    ["$0 . 4 \\sim 0 . 7$ 万平方公里", "水位超警戒 $0 . 5 \\mathrm { m }$", "$\\textcircled { 2 }$ 风力 $\\geq 1 0$ 级", "３万人"],
)
def test_the_plan_engine_reads_ocr_residue_as_the_ingest_cleaner_does(source):
    from retrieval.cleanup import clean_text
    from retrieval.plan.phrases import plan_text

    assert plan_text(source).norm == re.sub(r"\s+", "", clean_text(source)).replace("～", "~")


@pytest.mark.parametrize(("report", "level"), [
    ("市级Ⅱ级应急响应刚启动，把这一级要落实的事列个清单。", 2),  # blind batch 20: the level first, the start after it
    ("Ⅲ级应急响应已于14时30分启动，请列出处置清单。", 3),
    ("西岸镇Ⅱ级应急响应已启动，汀江江口站水位超警戒0.2米。", 4),  # a town's own declaration, either way round
    ("汀江江口站水位超警戒0.2米，尚未达到启动Ⅱ级应急响应的条件。", 4),  # no declaration
    ("暴雨Ⅲ级应急响应启动后，气象部门要做什么？", 3),  # a request after the start: the level it names
    ("启动Ⅱ级应急响应后要落实哪些事？", 2),
    ("启动Ⅱ级应急响应需要哪些条件？", None),  # a question about the start is no declaration
])
def test_a_declaration_that_names_the_level_before_the_start(plan, report, level):
    from retrieval.plan.declared import with_declared

    facts = parse_incident_facts(report)
    decision = with_declared(plan, determine_level(plan, facts), report)
    assert decision.level == level
    assert "报告称暴雨" not in decision.explanation  # a hazard is not who declared it


NAMED_STRUCTURES = """# 甲湖区城市内涝应急预案

# 第四章 应急响应

## 二、Ⅳ级应急响应

出现下列情况之一者，区级启动Ⅳ级应急响应：

（1）甲家桥下穿通道、乙蔚路下穿通道中任一处积水深度达 2 0 厘米以上的；

（2）区气象局发布暴雨蓝色预警信号的。

## 三、Ⅲ级应急响应

出现下列情况之一者，区级启动Ⅲ级应急响应：

（1）任一下穿通道积水深度达 4 0 厘米以上，或者丙湖隧道路面积水达 2 0 厘米以上的；

（2）区气象局发布暴雨黄色预警信号的。
"""


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("乙蔚路下穿通道积水二十五公分", 4),  # one of the structures the Ⅳ criterion names; not 丙湖隧道's 20 cm
        ("丙湖隧道路面积水二十五公分", 3),
        ("甲家桥下穿通道积水四十五厘米", 3),  # any underpass at 40 cm
    ],
)
def test_a_criterion_for_named_structures_is_met_only_by_a_figure_at_them(tmp_path, report, level):
    """A blind dev dialogue: 「茺蔚路下穿通道积水二十五公分」 had met 「…或者蘧湖隧道路面积水达 2 0 厘米以上」 (Ⅲ级), while
    the Ⅳ criterion names that underpass."""
    path = tmp_path / "甲湖区城市内涝应急预案.md"
    path.write_text(NAMED_STRUCTURES, encoding="utf-8")
    assert _level(plan_of(path, path.stem, "n"), report) == level


def test_a_city_whose_name_ends_in_zhou_is_the_plans_own_tier():
    """「蘼州市级森林火灾Ⅳ级响应刚启动」 under 蘼州市's plan: the plan's place had been read as 「蘼州」 (a 州), so 市级 was
    taken for a lower tier's own declaration and ignored."""
    from retrieval.plan.declared import declared_level
    from retrieval.ranking.places import jurisdiction

    assert jurisdiction("蘼州市森林草原防灭火应急预案") == "蘼州市"
    assert jurisdiction("黔东南州防汛应急预案") == "黔东南州"
    assert declared_level("蘼州市级森林火灾Ⅳ级响应刚启动，把市里这一级要落实的事列个清单。",
                          jurisdiction("蘼州市森林草原防灭火应急预案")) == (4, "")


def test_a_terms_definition_or_a_rule_for_a_changed_level_is_no_duty():
    """Dev batches 41–45: with running titles gone, 「（七）“紧急疏散”指…」 and 「降低级别后，按新级别执行本章规定」 had
    taken their places in checklists."""
    from retrieval.plan.digital_plan import DigitalPlan
    from retrieval.plan.duties import duties_for
    from retrieval.plan.models import Measure, Phase

    def measure(action: str) -> Measure:
        return Measure(level=3, phase=Phase.OPERATION, action=action, chunk_id="c", locator="5.3 Ⅲ级响应措施")

    plan = DigitalPlan(doc_id="d", title="示例市房屋安全应急预案", measures=[
        measure("（七）“紧急疏散”指经市房屋应急专家组现场评估需要立即撤离。"),
        measure("本章所称“高潮前 N 小时”，以县海洋预报台最近一次预报单为准。"),
        measure("（十一）“区、县人民政府书面请求”，指由区长、县长签发的请求市级支援的文件。"),
        measure("降低级别后，按新级别执行本章规定。"),
        measure("火场所在乡镇人民政府组织受威胁群众转移避险，优先转移老人、儿童。"),
    ])
    assert [m.action[:8] for m in duties_for(plan, 3)] == ["火场所在乡镇人民"]


@pytest.mark.parametrize("rule", [
    "接报时间以市指挥部办公室首次登记的时间为准。",
    "火场持续燃烧时间自市森防办接到火情报告时起算；受害面积以市林业局现场核定的数据为准",
    "井下被困人数在作出级别判断时计算，等于事故发生时在井下的人数，减去已经升井的人数",
    "“受伤住院”以医疗机构为伤员办理入院手续为准；只在门诊处理的伤员，不算受伤住院",
    "“载客列车在区间停车”的时间，自列车在两站之间停车时起，至列车恢复运行时止",
    "县级煤矿生产安全事故应急响应按照严重程度设Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级四个级别",
    "较高级别响应同时执行较低级别的全部职责。",
    "各级响应的措施由本节 4.3.1 共同措施和 4.3.2～4.3.5 相应级别措施组成。",
    "第二步、第三步得出的级别中，以最高者为区级应急响应级别；几项条件同时达到同一级别的，不因此提高级别。",
    "提高级别的，由提高后级别的决定人决定。",
    "提高级别时越过的级别，即本起事故中未曾启动的级别，其所列措施不执行",
    "启动、降低和结束各级响应的决定人见表 4-2，三种事项分别由表中所列人员决定。",
    "根据雨情和积水情况变化，由原决定单位调整响应级别。",
])
def test_how_a_plan_counts_builds_or_changes_its_levels_is_no_duty(rule):
    """Dev batches 41–45: with running titles gone, these rules took 0.46 checklist places per scenario over the 845
    scenarios of plans that had running titles; a duty officer cannot tick any of them off."""
    from retrieval.plan.digital_plan import DigitalPlan
    from retrieval.plan.duties import duties_for
    from retrieval.plan.models import Measure, Phase

    duty = "县指挥部办公室在接报后 40 分钟内提出响应级别建议，按照表 4-1 报请决定。"
    plan = DigitalPlan(doc_id="d", title="示例县应急预案", measures=[
        Measure(level=3, phase=Phase.ACTIVATION, action=text, chunk_id="c", locator="4.3 Ⅲ级响应")
        for text in (rule, duty)])
    assert [m.action for m in duties_for(plan, 3)] == [duty]


def test_a_level_mark_closing_an_item_holds_for_the_whole_item():
    """Dev 硐冈: 「…在井口设立医疗救护点。［县卫生健康局；Ⅲ级起］」 was read as a step of every level followed by a
    clause of Ⅲ, and so listed at Ⅳ (an item of another level, once running titles no longer filled the list)."""
    from retrieval.plan.digital_plan import DigitalPlan
    from retrieval.plan.duties import duties_for
    from retrieval.plan.models import Measure, Phase

    plan = DigitalPlan(doc_id="d", title="示例县非煤矿山生产安全事故应急预案", measures=[
        Measure(level=None, phase=Phase.OPERATION, action=text, chunk_id="c", locator="5.2 分级措施") for text in (
            "县卫生健康局启动后 1 小时内派出医疗救治组，在井口设立医疗救护点。［县卫生健康局；Ⅲ级起］",
            "县指挥部指挥长启动后 2 小时内到达现场，成立县级现场指挥部。［县指挥部；Ⅱ级］",
            "企业保持井下通风、排水和供电系统正常运行。［企业主要负责人；各级］",
        )])
    def units_at(level: int) -> list[str]:
        return [m.action[:5] for m in duties_for(plan, level)]

    assert units_at(4) == ["企业保持井"]
    assert units_at(3) == ["县卫生健康", "企业保持井"]
    assert units_at(2) == ["县卫生健康", "县指挥部指", "企业保持井"]


def test_the_nearest_criteria_of_an_undecided_report_are_first_those_it_speaks_of(tmp_path):
    """Dev batch 46 (鼋溪): a report of seven points' algae densities, undecided, was first told to check 「县城集中供水全面
    中断」 (a Ⅰ级 criterion it says nothing of) before the density criteria its figures are for."""
    from retrieval.plan.nearest import nearest_criteria

    path = tmp_path / "示例县蓝藻水华应急预案.md"
    path.write_text(
        "# 示例县蓝藻水华应急预案\n\n## 4 响应分级\n\n"
        "Ⅳ级：（1）全湖藻密度代表值达到 1000 万个/升以上；（2）湖区出现湖泛。\n\n"
        "Ⅲ级：（1）全湖藻密度代表值达到 3000 万个/升以上；（2）因水华停止供水，影响 1 万人以上用水。\n\n"
        "Ⅰ级：（1）湖泛进入饮用水水源一级保护区，县城集中供水全面中断。\n", encoding="utf-8")
    plan = plan_of(path, path.stem, "b")
    report = "县监测站报：今天9时各监测点藻密度，湾口1200、湖心4800、北湾700，单位万个/升，平均数还在核。"
    first = [t.text for t in nearest_criteria(plan, parse_incident_facts(report))]
    assert all("藻密度" in text for text in first[:2]), first
