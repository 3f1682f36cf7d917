"""Measures written per phase under headings that add to every level from one up (「2．Ⅲ级以上响应增加」) or at one
level only (「4．Ⅰ级响应增加」), after those of every level (「1．各级响应」). Invented fixture
`fixtures/phase_levels_plan.md`; found on blind dev plans batch 27 (a county flash-flood plan), whose Ⅳ级 checklists
held the Ⅲ级-and-up duties."""

from __future__ import annotations

from pathlib import Path

from plan_fixtures import plan_of

FIXTURE = Path(__file__).parent / "fixtures" / "phase_levels_plan.md"


def test_a_heading_from_a_level_up_gives_its_measures_that_level_and_the_graver_ones():
    plan = plan_of(FIXTURE, "示例县山洪灾害防御应急预案", "flash")
    levels = {m.action.split("：")[0]: (m.level, sorted(m.also_levels)) for m in plan.measures}
    assert levels["包村干部"] == (None, [])  # every level
    assert levels["县应急管理局"] == (3, [1, 2])
    assert levels["县防指"] == (3, [1, 2])
    assert levels["县交通运输局"] == (2, [1])
    assert levels["县人民政府"] == (1, [])
