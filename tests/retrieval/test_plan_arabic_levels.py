"""A plan that numbers its responses in Arabic digits (「4 级响应」…「1 级响应」, 1 the highest) and names who decides
each in an approval table whose last column decides (| 响应级别 | 提出建议 | 审核 | 批准 |). Blind dev plans batch 30;
the plan text is invented for the test."""

from __future__ import annotations

import pytest
from plan_fixtures import level_of, plan_of_text

from retrieval.plan.digital_plan import Ladder
from retrieval.plan.levels import find_level_mentions

PLAN = """# 示例市公用通信网络突发事件应急预案

## 4 响应启动

### 4.1 响应分级

市级响应由低到高分为 4 级响应、3 级响应、2 级响应、1 级响应，1 级响应为最高级别。

### 4.2 启动条件

#### 4.2.1　4 级响应

出现下列情形之一的，启动 4 级响应：
（1）任一区（县）移动通信基站退服率达到 1 0 %，并持续 1 小时以上；
（2）区（县）党政机关的通信全部中断 1 小时以上。

#### 4.2.2　3 级响应

出现下列情形之一的，启动 3 级响应：
（1）任一区（县）移动通信基站退服率达到 2 0 %，并持续 1 小时以上。

### 4.3 启动审批

表 4-1　市级响应启动审批表

| 响应级别 | 提出建议 | 审核 | 批准 |
| --- | --- | --- | --- |
| 4 级响应 | 市通管办值班室 | 市通管办分管副主任 | 市指挥部办公室主任 |
| 3 级响应 | 市指挥部办公室 | 市指挥部办公室主任 | 市指挥部常务副指挥长 |

## 5 响应措施

### 5.1　4 级响应措施

市通管办组织基础电信企业抢修，每 6 小时续报 1 次。

### 5.2　3 级响应措施

市指挥部办公室派出工作组，调派应急通信车。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return plan_of_text(tmp_path_factory.mktemp("telecom"), PLAN, "示例市公用通信网络突发事件应急预案", "telecom")


def test_arabic_digit_responses_are_levels_and_a_wind_force_is_not():
    assert [(m.level, m.ladder) for m in find_level_mentions("启动 3 级响应")] == [(3, Ladder.RESPONSE)]
    assert find_level_mentions("阵风6级以上，风力4级") == []
    assert find_level_mentions("按照第4.2级响应") == []  # a section number is no level


def test_each_level_reads_its_criteria_and_the_approver_decides(plan):
    responses = {lv.level: lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    assert set(responses) == {3, 4}
    assert any("退服率达到 2 0 %" in t.text for t in responses[3].triggers)
    assert responses[4].decided_by == "市指挥部办公室主任"  # 批准, not 提出建议 or 审核
    assert responses[3].decided_by == "市指挥部常务副指挥长"
    assert level_of(plan, "全区移动通信基站退服率达到百分之二十二，已经持续一个半小时。") == 3
