"""Criteria written as formulas over symbols the plan defines (「$1 \\leqslant S < 5$」 with 「注：$S$ 为受害森林面积，单位为
公顷」; 「$H>H_{警}$」 with 「式中：…」), a 「<」 inside an HTML cell that opens no tag, and level lists whose intro the
structure parser took for a heading (「1．出现下列情况之一者，启动Ⅳ级应急响应：」), on our own small fixture
(`fixtures/formulas_plan.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.loaders.html import html_blocks
from retrieval.plan.incident_facts import determine_level, parse_incident_facts
from retrieval.plan.symbols import in_words, read_symbols

FIXTURE = Path(__file__).parent / "fixtures" / "formulas_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "岑溪县防汛和森林火灾应急预案", "f")


def test_symbols_and_formulas_in_words():
    symbols = read_symbols(FIXTURE.read_text(encoding="utf-8"))
    assert symbols["S"].name == "受害森林面积" and symbols["S"].unit == "公顷"
    assert symbols["H_保"].name == "保证水位"
    assert in_words("$1 \\leqslant S < 5$", symbols) == "受害森林面积1公顷以上、不足5公顷"
    assert in_words("$T > 6$ 小时", symbols) == "燃烧时间超过6小时"
    assert in_words("$\\Delta H \\geqslant 0 . 5 0$ 米", symbols) == "超警幅度达到0.50米"


def test_a_less_than_sign_in_a_cell_is_kept():
    blocks = html_blocks("<table><tr><td>Ⅲ级</td><td>1．$H<H_{保}$<br>2．中型水库出现险情</td></tr></table>")
    assert "中型水库出现险情" in blocks[0].text and "H<H_{保}" in blocks[0].text


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("过火四公顷，明火已扑灭。", 4),
        ("过火三十公顷。", 2),  # 「S ≥ 30」 includes 30
        ("火场燃烧已持续13小时，过火两公顷。", 3),
        ("禾江站水位超过警戒水位0.3米。", 4),
        ("禾江站水位超过警戒水位0.5米，离保证水位还差0.8米。", 3),  # 「ΔH ≥ 0.50」 includes 0.50
        ("因灾死亡2人、失踪1人。", 3),  # the list under a heading that is its own intro
    ],
)
def test_the_level_the_facts_trigger(plan, report, level):
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_a_duty_table_gives_each_duty_the_level_it_starts_at(plan):
    levels = {m.action: (m.level, sorted(m.also_levels)) for m in plan.measures}
    assert levels["县防办主任主持会商"] == (4, [1, 2, 3])
    assert levels["县防指指挥长坐镇指挥"] == (2, [1])


def test_an_annex_of_captioned_tables_grades_each_captions_hazard(plan):
    hazards = {t.hazard for lv in plan.levels for t in lv.triggers if t.hazard}
    assert hazards == {"台风", "干旱"}
    assert determine_level(plan, parse_incident_facts("台风预报：台风中心今夜经过本县，平均风力十一级，阵风十三级。")).level == 2
    assert determine_level(plan, parse_incident_facts("全县旱情：因旱饮水困难人口三万二千人。")).level == 3
