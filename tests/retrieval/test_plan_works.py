"""Criteria that grade by the class of a work (「中型水库出现垮坝险情」 Ⅰ级, 「小（1）型水库…」 Ⅱ级) against reports that
name the work (「石鼓岩水库…垮坝险情」), with the classes the plan lists (the fourteenth blind batch's 槠江)."""

from __future__ import annotations

from retrieval.plan.qualitative import qualitative_state
from retrieval.plan.works import read_works_classes, with_works_classes

BACKGROUND = ("全县有水库98座，其中中型水库1座（鹭鸶坝水库，总库容2860万立方米），小（1）型水库14座；主要小型水库有"
              "石鼓岩水库、杉木坑水库（均为小（1）型）和茶垅水库、白果冲水库（均为小（2）型）。\n"
              "堤防总长136公里，其中城区防洪堤18.4公里、黄獭联圩堤9.6公里为主要堤防，其余为一般堤防。\n"
              "林区内有变电站、葭口水库大坝、成品油管道等重要设施，举办大型群众性活动应报批。")


def test_a_plans_list_of_works_gives_each_its_class():
    assert read_works_classes(BACKGROUND) == {
        "鹭鸶坝水库": "中型", "石鼓岩水库": "小（1）型", "杉木坑水库": "小（1）型", "茶垅水库": "小（2）型",
        "白果冲水库": "小（2）型", "城区防洪堤": "主要堤防", "黄獭联圩堤": "主要堤防"}


def test_a_criterion_on_a_class_of_work_is_met_only_by_that_class():
    report = "石鼓岩水库大坝背水坡出现大面积滑坡，专家组认定为垮坝险情。"
    assert qualitative_state("中型水库出现垮坝险情", report)[0] == "open"  # the class is not known: ask
    told = with_works_classes(read_works_classes(BACKGROUND), report)
    assert qualitative_state("中型水库出现垮坝险情", told)[0] == "not_met"
    assert qualitative_state("小（1）型水库出现垮坝险情", told)[0] == "met"
    assert qualitative_state("小（2）型水库出现垮坝险情", told)[0] == "not_met"
    dike = with_works_classes(read_works_classes(BACKGROUND), "黄獭联圩堤凌晨在下湾段决口，口门三十来米。")
    assert qualitative_state("主要堤防出现决口", dike)[0] == "met"
    assert qualitative_state("一般堤防出现决口", dike)[0] == "not_met"


def test_a_share_is_computed_from_the_amount_reported_and_the_base_the_plan_states(tmp_path):
    """「受旱耕地占全县耕地面积20%以上」 with 「全县耕地面积40万亩」 in the plan's background, and a report of the amount
    only (「全县受旱耕地九万二千亩」): 23 %, which meets the 20 % criterion and not the 35 % one."""
    from plan_fixtures import plan_of

    from retrieval.plan.facts import parse_incident_facts
    from retrieval.plan.incident_facts import determine_level
    from retrieval.plan.shares import with_shares

    path = tmp_path / "示例县抗旱应急预案.md"
    path.write_text("# 示例县抗旱应急预案\n\n## 1 县情\n\n全县耕地面积 ４０ 万亩，其中水田 26.5 万亩。\n\n## 2 分级响应\n\n"
                    "### 2.1 Ⅲ级应急响应\n\n出现下列情况之一的，启动Ⅲ级应急响应：\n\n（1）受旱耕地占全县耕地面积 2 0 %以上；\n\n"
                    "### 2.2 Ⅱ级应急响应\n\n出现下列情况之一的，启动Ⅱ级应急响应：\n\n（1）受旱耕地占全县耕地面积 3 5 %以上。\n",
                    encoding="utf-8")
    plan = plan_of(path, "示例县抗旱应急预案")
    assert plan.share_bases.keys() == {"受旱面积比例"} and round(plan.share_bases["受旱面积比例"]) == 26667  # 公顷
    facts = parse_incident_facts("全县受旱耕地九万二千亩，旱情还在发展。")
    facts = facts.model_copy(update={"values": with_shares(plan.share_bases, facts.values)})
    assert round(facts.values["受旱面积比例"]) == 23
    assert determine_level(plan, facts).level == 3
