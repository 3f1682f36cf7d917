"""Forms of a river search-and-rescue plan and a mine plan (blind dev plans batch 29): criteria counted in words over
lines OCR broke (「一是…；二是\n遇险人员…」), a table that maps each class of event to the response it starts, a row of
who decides each response, and the quantities a ship's or a mine's report states (遇险人员, 入水数量, 转移户数, people
「堵在」 a roadway). The plan text is invented for the test."""

from __future__ import annotations

import pytest
from plan_fixtures import level_of, plan_of_text

from retrieval.plan.digital_plan import Ladder
from retrieval.plan.facts import fact_values
from retrieval.plan.items import counted_items
from retrieval.plan.thresholds import scan_thresholds

PLAN = """# 示例市内河水上搜救应急预案

## 1 总则

### 1.1 编制目的

为规范示例市内河水上突发事件应急处置工作，制定本预案。

## 4 事件分级与响应

### 4.1 事件分级

#### 4.1.1 重大水上突发事件

符合下列情形之一的，为重大水上突发事件：一是造成10人以上30人以下死亡（含失踪）的；二是
遇险人员 1 0 0 人以上的；三是船舶溢油或者危险货物泄漏入水 5 0 0 吨以上的。

#### 4.1.2 较大水上突发事件

符合下列情形之一的，为较大水上突发事件：一是造成3人以上10人以下死亡（含失踪）的；二是遇险人员
30人以上100人以下的；三是船舶溢油入水100吨以上500吨以下的。

#### 4.1.3 一般水上突发事件

符合下列情形之一的，为一般水上突发事件：一是造成3人以下死亡（含失踪）的；二是遇险人员30人以下的。

### 4.2 分级响应

| 事件等级 | 一般 | 较大 | 重大 |
| --- | --- | --- | --- |
| 市级响应 | Ⅲ级 | Ⅱ级 | Ⅰ级 |
| 启动决定 | 市搜救中心办公室主任 | 市搜救中心常务副总指挥 | 市搜救中心总指挥 |

### 4.3 响应措施

#### 4.3.1 Ⅰ级响应

市搜救中心总指挥组织会商，派出现场指挥部。

#### 4.3.2 Ⅱ级响应

市搜救中心常务副总指挥组织会商，调派专业救助力量。

#### 4.3.3 Ⅲ级响应

市搜救中心办公室主任组织调度，通知属地海事处派船搜寻。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return plan_of_text(tmp_path_factory.mktemp("ships"), PLAN, "示例市内河水上搜救应急预案", "ships")


def test_items_counted_in_words_are_read_over_broken_lines():
    text = "符合下列情形之一的：一是造成10人以上死亡的；二是\n遇险人员 1 0 0 人以上的；三是船舶溢油入水500吨以上的。本条所称以上含本数。"
    assert counted_items(text, one_sentence=True) == [
        "造成10人以上死亡的", "遇险人员 1 0 0 人以上的", "船舶溢油入水500吨以上的"]
    assert counted_items("一是加强值守。") == []  # one item is no list


def test_each_class_reads_its_counted_criteria(plan):
    classes = {lv.level: [t.text for t in lv.triggers] for lv in plan.levels if lv.ladder is Ladder.EVENT}
    assert any("遇险人员" in t for t in classes[2])
    assert any("入水" in t for t in classes[2])
    assert any("遇险人员" in t and "30" in t for t in classes[3])


def test_the_mapping_row_starts_each_class_s_response_and_the_decider_row_names_who_decides(plan):
    responses = {lv.level: lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    assert responses[1].decided_by == "市搜救中心总指挥"
    assert responses[3].decided_by == "市搜救中心办公室主任"
    assert not any("市搜救中心" in t.text for lv in plan.levels for t in lv.triggers)  # a decider is no criterion


@pytest.mark.parametrize(("report", "level"), [
    ("一艘客船在示例江段触礁进水，船上游客和船员共120人遇险，已有两艘救助船赶到。", 1),  # 重大 → Ⅰ级
    ("一艘货船碰撞后燃油泄漏，海事处评估入江约一百三十吨，暂无人员伤亡。", 2),  # 较大 → Ⅱ级
    ("渡船侧翻，遇险群众12人，已救起10人。", 3),  # 一般 → Ⅲ级
])
def test_a_ship_report_gets_the_response_its_class_starts(plan, report, level):
    assert level_of(plan, report) == level


def test_quantities_a_ship_or_mine_report_states():
    assert fact_values("船上遇险人员约120人。")["遇险人员"] == 120
    assert fact_values("海事处评估入江约一百三十吨。")["入水数量"] == 130
    values = fact_values("需紧急转移下游群众三百一十户、约一千人。")
    assert values["转移户数"] == 310
    assert "转移户数" not in fact_values("已转移群众一千人。")
    assert fact_values("两名掘进工被堵在巷道里，还有２人困在独头巷道里。")["被困人员"] >= 2
    assert [(t.quantity, t.value) for t in scan_thresholds("遇险人员 1 0 0 人以上").thresholds] == [("遇险人员", 100)]
    assert "受伤" not in fact_values("船上五名船员没人受伤，船没进水。")  # the figure counts the crew, not the hurt
    # everyone aboard a ship in distress, rescued since or not; the larger count stands
    assert fact_values("夜游船机舱起火，船上游客六十八人、船员六人，还有十三人在船尾等待救援。")["遇险人员"] == 74
    assert fact_values("主航道已断航三十个小时，尚未恢复通航")["断航时长"] == 30


def test_a_town_safety_office_is_no_gauging_station():
    values = fact_values("礌山乡安监站报，井下－120米中段透水。")
    assert not any(name.endswith("站水位") for name in values)


def test_a_pair_of_items_together_or_any_other_alone():
    """「同时具备下列第一项和第二项，或者具备第三项至第五项之一的，为一般水上突发事件」: the first two items are one
    criterion whose parts must both hold; each of the others stands alone."""
    from plan_fixtures import plan_of_text as build

    text = PLAN.replace(
        "符合下列情形之一的，为一般水上突发事件：一是造成3人以下死亡（含失踪）的；二是遇险人员30人以下的。",
        "同时具备下列第一项和第二项，或者具备第三项至第四项之一的，为一般水上突发事件：一是遇险人员3人以上、不足10人；"
        "二是事发船舶为客船、渡船或者载运危险货物的船舶；三是造成1至2人死亡（含失踪）；\n四是主航道断航超过6小时。")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        plan = build(Path(folder), text, "示例市内河水上搜救应急预案", "pair")
    general = next(lv for lv in plan.levels if lv.ladder is Ladder.EVENT and lv.level == 4)
    assert [t.text for t in general.triggers][0].startswith("遇险人员3人以上、不足10人，且事发船舶为")
    assert len(general.triggers) == 3
    assert level_of(plan, "渡口的渡船主机故障失去动力，船上旅客七人、船员一人。") == 3
    assert level_of(plan, "干散货船主机故障失控漂流，船上五名船员，禁航一小时。") is None  # a cargo ship: no pair
    assert level_of(plan, "两艘货船碰撞，海事处预计禁航时间在三十个小时左右。") == 3  # 断航 alone suffices


MINE_PLAN = """# 示例县尾矿库生产安全事故应急预案

## 一、总则

本县汛期为每年 4 月 1 5 日至 9 月 3 0 日；县防汛抗旱指挥部宣布延长汛期的，按照宣布的日期计算。

## 四、响应启动

### （一）启动条件

有下列情形之一的，按照所列级别启动县级响应：
1．县防汛Ⅲ级响应启动且尾矿库处于汛期运行的，启动Ⅳ级响应；
2．县防汛Ⅱ级响应启动且尾矿库处于汛期运行的，启动Ⅲ级响应；
3．被困 3 人以上且超过 2 4 小时未能救出的，启动Ⅱ级响应。

## 五、处置措施

### （一）Ⅳ级响应

县应急管理局派员加强尾矿库巡查。

### （二）Ⅲ级响应

县指挥部常务副指挥长组织会商。

### （三）Ⅱ级响应

县指挥部指挥长赶赴现场指挥。
"""


@pytest.fixture(scope="module")
def mine_plan(tmp_path_factory):
    return plan_of_text(tmp_path_factory.mktemp("mine"), MINE_PLAN, "示例县尾矿库生产安全事故应急预案", "mine")


def _level(plan, report: str, when: str | None = None) -> int | None:
    from datetime import datetime

    from retrieval.plan.incident_facts import determine_level, parse_incident_facts
    from retrieval.plan.season import with_season

    moment = datetime.fromisoformat(when) if when else None
    return determine_level(plan, with_season(plan.flood_season, parse_incident_facts(report), moment)).level


def test_another_command_s_response_in_the_flood_season_starts_a_level(mine_plan):
    assert mine_plan.flood_season == (4, 15, 9, 30)
    started = "今天上午８时，县防汛抗旱指挥部启动了防汛Ⅲ级应急响应。尾矿库巡坝未见异常。"
    assert _level(mine_plan, started, "2026-06-21T10:30:00+08:00") == 4
    assert _level(mine_plan, started, "2026-04-10T15:30:00+08:00") is None  # before the season: no response
    raised = ("县防汛抗旱指挥部９月２８日宣布今年汛期延长到１０月１５日，今天（１０月６日）１６时又把防汛应急响应从Ⅲ级提到了Ⅱ级。"
              "碥口镇认为按日历汛期九月底就过了。")
    assert _level(mine_plan, raised) == 3  # the season as extended, the level as raised
    lifted = "县防汛Ⅲ级应急响应已于昨天解除。尾矿库运行正常。"
    assert _level(mine_plan, lifted, "2026-07-01T10:00:00+08:00") is None


def test_people_trapped_past_a_time_count_from_the_accident_not_from_an_opinion(mine_plan):
    report = ("１３日晚上２３点４０分井下透水，６名工人被困，企业到１４日凌晨１点１０分才报到县里。１４日下午先救出４人，还有２人困在"
              "独头巷道里。现在是１５日０点１０分。礌山乡认为井下只剩两个人，从县里接报算起也才二十三个小时。")
    assert fact_values(report)["时长"] == 24.5  # from the accident's clock time to now, over two days
    assert _level(mine_plan, report) == 2


def test_a_share_of_a_design_value_is_never_met_by_words():
    """「干滩长度不足设计最小干滩长度的一半」 compares a figure with half a design value: a report that says the beach is
    「低于设计最小干滩长度」 does not meet it by its words."""
    from retrieval.plan.qualitative import qualitative_state

    report = "企业在线监测显示干滩长度５８米，低于设计最小干滩长度。"
    assert qualitative_state("干滩长度不足设计最小干滩长度的一半", report)[0] == "open"
    assert qualitative_state("干滩长度不足设计最小干滩长度的 8 0 %", report)[0] == "open"
    assert qualitative_state("干滩长度低于设计最小干滩长度", report)[0] == "met"


def test_a_response_started_by_a_class_names_the_criterion_behind_the_class(plan):
    """「重大事件」 starts Ⅰ级 here: the decision also names the event criterion met (「遇险人员 1 0 0 人以上」), which the
    duty desk quotes, since 「重大事件」 itself is no sentence of the plan."""
    from retrieval.plan.incident_facts import determine_level, parse_incident_facts

    decision = determine_level(plan, parse_incident_facts("客船触礁进水，船上游客和船员共120人遇险。"))
    texts = [t.text for t, _ in decision.met]
    assert decision.level == 1 and any("遇险人员" in t for t in texts)
    assert any(th.quantity == "事件等级" for _, th in decision.met)  # the class criterion itself comes first
    assert [th.quantity for _, th in decision.met][0] == "事件等级"
