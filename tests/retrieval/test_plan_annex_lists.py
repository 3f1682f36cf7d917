"""Criteria that name an annex's list (「附件2 所列疫区内发现新的疫点」) are met by a report that names a listed thing,
though it never says the list's word; a row's class column tells the classes apart (国家级 and 省级 areas)."""

from __future__ import annotations

from plan_fixtures import level_of, plan_of_text

from retrieval.plan.annex_lists import read_annex_lists

_PLAN = """# 示例市林木病害疫情应急预案

# 4 响应分级

## 4.1 Ⅳ级响应

具备下列条件之一的，启动Ⅳ级响应：

（1）附件2 所列疫区内发现新的疫点；

（2）全市累计新增病死树木 1 0 0 0 株以上。

## 4.2 Ⅲ级响应

具备下列条件之一的，启动Ⅲ级响应：

（1）附件3 所列省级重点生态区位内发现疫点；

（2）全市累计新增病死树木 5 0 0 0 株以上。

## 4.3 Ⅱ级响应

具备下列条件之一的，启动Ⅱ级响应：

（1）附件3 所列国家级重点生态区位内发现疫点；

（2）全市累计新增病死树木 2 0 0 0 0 株以上。

# 5 响应措施

## 5.1 Ⅳ级响应措施

市林业局派员核实疫点小班界线。

# 附件2　本市疫区名单

| 序号 | 县（区） | 列入疫区年份 |
|---|---|---|
| １ | 甲湾区 | ２０１９ |
| ２ | 乙港区 | ２０２２ |
| | 合计 | |

# 附件3　重点生态区位范围表

| 编号 | 区位名称 | 级别 | 所在县（区） |
|---|---|---|---|
| E1 | 丙岭国家森林公园 | 国家级 | 丁阳县 |
| E2 | 丙岭省级自然保护区 | 省级 | 丁阳县 |
"""


def test_a_row_of_an_annex_list_is_read_with_its_class_for_the_annexes_criteria_name():
    criteria = ["附件2 所列疫区内发现新的疫点", "附件3 所列国家级重点生态区位内发现疫点"]
    lists = read_annex_lists(_PLAN, criteria)
    assert lists["附件2所列::"] == ["甲湾区", "乙港区"]  # not the 合计 row
    assert lists["附件3所列:国家级:国家级/省级"] == ["丙岭国家森林公园"]
    assert lists["附件3所列:省级:国家级/省级"] == ["丙岭省级自然保护区"]
    assert read_annex_lists(_PLAN, ["全市累计新增病死树木 1 0 0 0 株以上"]) == {}  # no criterion names an annex


def test_a_report_that_names_a_listed_place_meets_the_criterion_of_its_class(tmp_path):
    """Blind dev inc-4210: a new spot in a district annex 2 lists as an epidemic area."""
    plan = plan_of_text(tmp_path, _PLAN, "示例市林木病害疫情应急预案")
    assert level_of(plan, "甲湾区林业局报：东山街道发现枯死树木四十六株，鉴定确认为一个新的疫点。") == 4
    assert level_of(plan, "丙岭省级自然保护区内发现疫点，枯死树木二十株。") == 3
    assert level_of(plan, "丙岭国家森林公园内发现疫点，枯死树木二十株。") == 2
    assert level_of(plan, "戊溪区林业局报：发现枯死树木四十六株，鉴定确认为一个新的疫点。") is None  # not listed
