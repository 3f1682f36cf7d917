"""Criteria written in terms the plan defines once (「发生近田火的」, figures only in 1.4 术语和定义), lists under bare
level headings (「（一）Ⅳ级」 under 「按威胁对象启动」), table cells of 「1．…<br>2．…」 items, stations counted without a
measure word (「两站同时超警」) and reservoirs counted by class (「1 座中型或 2 座以上小（1）型水库出现险情」), on our own
small fixture (`fixtures/defined_terms_plan.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.plan.incident_facts import determine_level, parse_incident_facts

FIXTURE = Path(__file__).parent / "fixtures" / "defined_terms_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "禾岭县森林火灾和防汛应急预案", "h")


def test_a_defined_term_keeps_its_words_in_the_quote(plan):
    texts = [t.text for lv in plan.levels for t in lv.triggers]
    assert "发生近田火的" in texts and "火场威胁县城的" in texts


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("山火过火约三公顷，火线离农田还有八百米。", 4),  # 近田火: 不足 1 公里
        ("过火两公顷，火线离农田一千二百米，离镇政府两千米。", 4),  # by the area only
        ("火线已烧到距镇政府驻地二百五十米处，过火两公顷。", 3),  # 临镇火 (「不足 300 米」 split by the PDF)
        ("火线距县城建成区边缘一千五百米，过火三公顷。", 1),  # 威胁县城
        ("过火七十五亩，无人员伤亡。", 3),  # 75 亩 = 5 公顷: 「不含 75 亩」 leaves it to Ⅲ级
        ("过火六十亩，无人员伤亡。", 4),
        ("因灾死亡1人、失踪2人，过火两公顷。", 3),  # 「死亡或者失踪」 counts both
        ("禾水禾口站水位超过警戒水位0.2米，岭头站未超警。", 4),  # one station: not 「两站同时超警」
        ("禾口站、岭头站水位均超过警戒水位。", 3),
        ("石门水库（总库容1500万立方米）坝脚出现管涌险情。", 3),  # 中型 by its storage
        ("两座小（1）型水库同时出现渗漏险情。", 3),
        ("一座小（1）型水库出现渗漏险情。", 4),  # one 小（1）型 is a 小型 one's danger
    ],
)
def test_the_level_the_facts_trigger(plan, report, level):
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_the_missing_found_dead_and_a_death_in_hospital_are_both_deaths():
    facts = parse_incident_facts("上午报2名扑火队员烧伤、1人失联；下午失联的那名队员在沟底找到，已无生命体征，"
                                 "烧伤的1人傍晚在医院抢救无效死亡。")
    assert facts.values["死亡"] == 2 and facts.values["失踪"] == 0


def test_one_found_dead_is_counted_once():
    facts = parse_incident_facts("1人失联；中午又找到1人，已经遇难。")
    assert facts.values["死亡"] == 1


def test_a_decimal_in_words_is_read_whole():
    facts = parse_incident_facts("火线离建成区边缘一点八公里，过火两点五公顷。")
    assert facts.values["距离"] == 1800 and facts.values["过火面积"] == 2.5


def test_a_level_said_against_a_reference_level():
    assert parse_incident_facts("下午2时44.80米，正好比保证水位高一米整").values["超保证水位"] == 1.0
    assert parse_incident_facts("衡阳站水位比警戒水位低三十公分").values["超警戒水位"] == -0.3
