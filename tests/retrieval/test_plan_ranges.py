"""Grading tables whose level sits in a 「启动响应」 column (灾情 and 险情 apart: 直接经济损失 is not 可能造成的经济损失),
one numbered list of measures that the plan assigns to levels by item ranges (「Ⅳ级应急响应执行第 1 项至第 3 项」),
hazard tables under a plan's one unnumbered 「附件」, and the report forms these criteria meet (a rain window by the
clock, 「连续第三天」, 「一度六」, 「九到十度」, the missing found alive), on our own small fixture
(`fixtures/ranges_plan.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.plan.incident_facts import determine_level, parse_incident_facts

FIXTURE = Path(__file__).parent / "fixtures" / "ranges_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "桤源县山洪地质灾害应急预案", "r")


def _level(plan, report: str) -> str | None:
    return determine_level(plan, parse_incident_facts(report)).label


@pytest.mark.parametrize(
    ("report", "level"),
    [
        # 险情: those a hazard's reach holds, and what it may cost (not what a disaster cost)
        ("老鹰岩滑坡后缘出现裂缝，影响范围内十一户四十九人，可能造成的损失四百来万元。", "Ⅳ级"),
        ("后山危岩体随时可能崩塌，专家评估可能造成的经济损失约六千万元，受威胁群众一百八十六人。", "Ⅱ级"),
        # 灾情: 400万 of direct losses is Ⅲ级, where the same sum as a danger's was Ⅳ级
        ("泥石流冲毁房屋，直接经济损失四百来万元，无人员伤亡。", "Ⅲ级"),
        # three missing, two found alive, the third found dead: one death
        ("早上报失踪三人；上午搜救队在下游找到两个，人都活着；中午找到第三人，已经遇难。", "Ⅲ级"),
        ("直接经济损失二十七八万元，无人员伤亡。", None),
    ],
)
def test_levels_from_a_disaster_and_a_danger_table(plan, report, level):
    assert (_level(plan, report) or None) == (level and f"{level}响应")


def test_who_decides_is_not_a_criterion(plan):
    triggers = [t.text for lv in plan.levels for t in lv.triggers]
    assert any("可能造成的经济损失" in t for t in triggers) and not any("指挥长" in t for t in triggers)


def test_measures_belong_to_the_levels_whose_item_range_holds_them(plan):
    by_action = {m.action: m for m in plan.measures}
    first = next(m for a, m in by_action.items() if a.startswith("事发地乡镇人民政府划定危险区"))
    fourth = next(m for a, m in by_action.items() if a.startswith("派出县级工作组"))
    last = next(m for a, m in by_action.items() if "每 1 小时报告一次" in a)
    assert (first.level, sorted(first.also_levels)) == (4, [1, 2, 3])
    assert (fourth.level, sorted(fourth.also_levels)) == (3, [1, 2])
    assert (last.level, last.also_levels) == (1, [])
    assert not any("执行第" in m.action for m in plan.measures)  # the ranges are rules, not duties


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("国家站18时至21时降雨一百零四毫米，24小时累计一百六十八毫米。", "Ⅲ级"),
        ("过去24小时降雨一百九十毫米，过去48小时累计二百六十毫米。", "Ⅲ级"),
        ("高温实况：8月3日最高40.6℃、4日40.3℃，今天测到四十度整，已连续第三天40℃以上。", "Ⅲ级"),
        ("寒潮黄色预警：预报未来48小时降温九到十度，最低气温降到一度六左右。", "Ⅳ级"),
    ],
)
def test_hazard_tables_under_an_unnumbered_annex(plan, report, level):
    assert _level(plan, report) == f"{level}响应"


def test_report_forms_in_words():
    assert parse_incident_facts("昨日20时至今日8时降雨量达120毫米").values["12小时降雨量"] == 120
    assert parse_incident_facts("降温9到10度").values["降温幅度"] == 9
    assert parse_incident_facts("直接经济损失初报八十来万元").values["直接经济损失"] == 800_000


def test_a_class_of_accident_starts_its_level_beside_the_tables_other_criteria():
    """「较大事故启动Ⅲ级应急响应」 in a plan whose table starts levels by other criteria is one more way to a level,
    the higher of the two winning; a class someone claims (「报上来写的是较大事故」) is not."""
    plan = plan_of(Path(__file__).parent / "fixtures" / "class_levels_plan.md", "柃江市危险化学品事故应急预案", "c")
    assert _level(plan, "仓储企业爆炸，已确认七人死亡，直接经济损失一亿元整，疏散周边群众两千人左右。") == "Ⅰ级应急响应"
    assert _level(plan, "仓库起火，当时一死一失联，下午找到失联的那名保管员，已无生命体征。") == "Ⅳ级应急响应"
    assert _level(plan, "罐区泄漏，疏散周边群众两百人，无人伤亡，企业报上来写的是较大事故。") == "Ⅳ级应急响应"
