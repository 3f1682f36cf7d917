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
