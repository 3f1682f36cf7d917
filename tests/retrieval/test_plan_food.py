"""A county food-safety plan written as bureaus write them, on a fixture of our own: event classes that are the
response levels, a circumstance that raises the response one level (a school, an old people's home), one task
table per level whose lower tables apply too, a table broken over a page footer; and reports in the words of duty
officers (「１４位老人拉肚子」「没抢救过来」「镇里说按较大事故报」)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import level_of, plan_of, plan_of_text

from retrieval.plan.decision import determine_level
from retrieval.plan.event_types import types_in
from retrieval.plan.facts import fact_values
from retrieval.plan.incident_facts import parse_incident_facts

FOOD_PLAN = Path(__file__).parent / "fixtures" / "food_plan.md"


@pytest.fixture(scope="module")
def food_plan():
    return plan_of(FOOD_PLAN, "禾溪县食品安全事故应急预案", "food")


def test_a_task_table_broken_over_a_page_stays_in_its_level_and_the_next_level_builds_on_it(food_plan):
    tasks = {m.action: m for m in food_plan.measures if m.level is not None}
    assert tasks["组织中毒病人救治"].level == 4  # the row after the page footer is no chapter 3 heading
    assert tasks["抽调县级救治专家"].level == 3 and tasks["抽调县级救治专家"].lead_units == ["县卫生健康局"]
    assert tasks["封存可疑食品及其原料"].time_limit == "接报后1小时内"
    assert {"组织中毒病人救治", "抽调县级救治专家"} <= {m.action for m in food_plan.measures_for(3)}
    assert "抽调县级救治专家" not in {m.action for m in food_plan.measures_for(4)}


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("工地食堂晚饭后１０名工人腹痛、腹泻，镇里电话里说按较大事故报。", 4),  # someone's grading, not the figures'
        ("敬老院昨晚吃了剩菜，今早到现在１４位老人拉肚子。", 3),  # 一般, raised one level for an old people's home
        ("食品厂食堂早餐后２８人不舒服，有位工人今天凌晨没抢救过来。", 3),
        ("城里一所幼儿园午饭后有８个小朋友呕吐，症状轻。", None),  # below 一般: nothing to raise
        # blind dev inc-801, inc-810: symptoms told without a count, the ill counted where they were seen
        ("寿宴后陆续有人上吐下泻，到现在镇卫生院和县医院一共收了１２个，没有重症。", 4),
        ("满月酒吃完陆续有人吐，卫生院统计正好三十二个，症状都不重。", 3),
    ],
)
def test_food_reports_as_officers_write_them(food_plan, report, level):
    assert determine_level(food_plan, parse_incident_facts(report)).level == level


def test_meals_and_symptoms_name_a_food_incident_and_count_its_cases():
    assert types_in("村里办喜酒，流水席两天吃了四百来人，多数发烧、腹泻") == {"食品安全事故"}
    assert fact_values("本县已有９人发病") == {"中毒": 9.0}
    assert fact_values("没有人去世") == {}


def test_a_death_among_the_cases_meets_a_criterion_that_asks_for_one(tmp_path):
    """Blind dev inc-809: 「一起事故中毒人数 1 0 0 人以上并出现死亡病例」 is met by 126 seen and an old man who died; the
    death had been left open, so the next level down was chosen."""
    plan = plan_of_text(tmp_path, "# 某县食品安全事故应急预案\n\n## 5 事故分级\n\n（一）特别重大食品安全事故（Ⅰ级）。有下列情形之一的："
                        "一起事故中毒人数 1 0 0 人以上并出现死亡病例。\n\n（二）重大食品安全事故（Ⅱ级）。有下列情形之一的："
                        "一起事故中毒人数１００人以上。\n\n## 5.2 响应分级\n\n特别重大食品安全事故启动Ⅰ级响应，重大食品安全事故启动Ⅱ级响应。\n",
                        "某县食品安全事故应急预案")
    report = "流水席两天吃了四百来人，到今晚就诊的已经１２６人，多数发烧、腹泻"
    assert level_of(plan, report + "，有个八十岁的老人下午在乡卫生院去世了。") == 1
    assert level_of(plan, report + "，没有人死亡。") == 2
