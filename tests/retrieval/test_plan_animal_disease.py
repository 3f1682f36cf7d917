"""A county animal-disease plan whose grading table has one column per disease (| 响应级别 | 非洲猪瘟 | 高致病性禽流感 |
其他一类动物疫病 |), counts over a window of days, animals culled in 头 and 羽, and reports that add up culls, list the towns
with outbreaks, and tell someone's view of the grading by another disease's scale."""

from __future__ import annotations

import pytest
from plan_fixtures import level_of, plan_of_text

from retrieval.plan.facts import fact_values, reported_hazards

TABLE = """| 响应级别 | 非洲猪瘟 | 高致病性禽流感 | 其他一类动物疫病 |
| --- | --- | --- | --- |
| Ⅰ级 | 在 1 5 日内，5 个以上乡镇发生疫情；扑杀生猪 2 万头以上 | 发生人感染高致病性禽流感病例 | 在 2 1 日内，3 个以上乡镇发生疫情 |
| Ⅱ级 | 扑杀生猪 5 0 0 0 头以上、不足 2 万头 | 在 2 1 日内，2 至 3 个乡镇发生疫情；扑杀家禽 2 0 万羽以上 | 本县首次确诊该病 |
| Ⅲ级 | 扑杀生猪 1 0 0 0 头以上、不足 5 0 0 0 头 | 扑杀家禽 5 万羽以上、不足 2 0 万羽 | 在 2 1 日内，2 个乡镇发生疫情 |"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    text = f"# 椋川县重大动物疫情应急预案\n\n## 四、响应分级\n\n（一）分级标准\n\n表 4-1 响应分级表\n\n{TABLE}\n"
    return plan_of_text(tmp_path_factory.mktemp("animal"), text, "椋川县重大动物疫情应急预案", "animal")


def test_each_diseases_column_grades_only_that_disease(plan):
    by_hazard = {t.hazard for lv in plan.levels for t in lv.triggers}
    assert {"非洲猪瘟", "禽流感"} <= by_hazard
    # 126 000 poultry culled meets no swine-fever criterion of 2 万头 pigs
    assert level_of(plan, "蛋鸡养殖小区确诊高致病性禽流感，疫点和疫区扑杀蛋鸡八万六千羽，另一个鸭场疫点扑杀四万只。") == 3
    assert level_of(plan, "确诊非洲猪瘟，疫点内扑杀一万四千头，四个疫区同群扑杀六千三百头。") == 1


def test_a_count_over_a_window_of_days_is_met_by_the_count(plan):
    report = "本轮高致病性禽流感二十天里先后确诊2个疫点，分别在湓水乡、萑塘镇，扑杀家禽一万羽。"
    assert fact_values(report)["涉及乡镇数"] == 2
    assert level_of(plan, report) == 2


def test_culled_animals_add_up_unless_a_total_is_stated():
    assert fact_values("疫点内扑杀一万四千头，四个疫区同群扑杀六千三百头。")["扑杀数量"] == 20300
    assert fact_values("这次扑杀五百六十头，两起累计扑杀七百七十头。")["扑杀数量"] == 770


def test_a_disease_named_only_in_someones_view_of_the_grading_is_not_the_incidents():
    report = "萑塘镇确诊高致病性禽流感。县畜牧站参照非洲猪瘟的标准，认为两个乡镇发生疫情是Ⅲ级。"
    assert reported_hazards(report) == {"禽流感"}
    assert reported_hazards("县里认为是非洲猪瘟") == {"非洲猪瘟"}, "with no other, the only one named stands"
    # a view told after the facts of its sentence leaves those facts
    assert "洪水" in reported_hazards("坝后坡出现滑坡，县里已经启动了防汛Ⅰ级，建议市里也启动红色。")
