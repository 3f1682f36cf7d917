"""Casualties as officers write them (blind dev plans batch 37, an avalanche plan): an injury told by what it is
(「左腿骨折」「冻伤」), the dead and the missing with who they are between count and state (「挖出两名工人，已经没有生命体征；
还有一名工人没找到」), and a later 「现在」 that gives no new totals (「现在已经过了雪季」) leaving the search's updates standing."""

from __future__ import annotations

import pytest

from retrieval.plan.facts import parse_incident_facts


@pytest.mark.parametrize(("report", "expected"), [
    ("两名滑雪爱好者被冲倒，其中一人被雪埋到大腿，自己爬了出来，另一人左腿骨折，已送县人民医院接诊。", {"受伤": 1}),
    ("两人骨折，送乡卫生院。", {"受伤": 2}),
    ("一名巡逻员手臂被划伤。", {"受伤": 1}),
    ("目前挖出两名工人，已经没有生命体征；还有一名工人没找到，正在用探杆找。", {"死亡": 2, "失踪": 1}),
    ("挖出两名工人，已经没有生命体征；还有一名工人没找到。现在已经过了雪季。", {"死亡": 2, "失踪": 1}),
    ("上午找到1人遗体，现在是死亡２人、失踪１人。", {"死亡": 2, "失踪": 1}),  # a later total stands
])
def test_casualties_in_an_officers_words(report, expected):
    values = parse_incident_facts(report).values
    assert {k: values.get(k) for k in expected} == expected


@pytest.mark.parametrize("report", [
    "雪只埋到小腿，自己走回来了，没受伤。",
    "这次降雪过程到现在，全县没有一个人被埋、受伤或者失踪。",  # had been read as one injured
    "无一人受伤。",
    "一个人也没受伤。",
])
def test_no_one_hurt_is_no_injury(report):
    assert "受伤" not in parse_incident_facts(report).values
