"""A criterion that pairs a level with a forecast of the level to come (「超过警戒水位，且水文部门预报仍将接近保证水位」)
is met by a report of a level already past what was to be forecast: 「超保证水位0.5米，还在涨」 is past 保证水位, so the
forecast of approaching it has happened. The forecast of a further rise (「且水文部门预报仍将上涨」) is not a rise the
officer saw: it stays a fact to verify. The fixture plan is our own wording (示例市)."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of

from retrieval.plan.decision import evaluate_trigger
from retrieval.plan.facts import parse_incident_facts
from retrieval.plan.incident_facts import determine_level
from retrieval.plan.stations import with_reference_levels

FLOOD = """# 示例市防汛抗旱应急预案

## 4 应急响应

### 4.1 Ⅱ级应急响应

出现下列情况之一的，启动Ⅱ级应急响应：
（1）示例江干流东城站水位超过保证水位，且水文部门预报仍将上涨；

### 4.2 Ⅲ级应急响应

出现下列情况之一的，启动Ⅲ级应急响应：
（1）示例江干流东城站水位超过警戒水位，且水文部门预报仍将接近保证水位（50-50.5m）；

### 4.3 Ⅳ级应急响应

出现下列情况之一的，启动Ⅳ级应急响应：
（1）示例江干流东城站水位达到 $4 6 \\mathrm { m }$ ，且预报可能超警戒水位（ $4 6 . 5 \\mathrm { m }$ ）；

## 附件1 水文站特征水位

| 站名 | 警戒水位 | 保证水位 |
| --- | --- | --- |
| 东城站 | 46.50 | 50.50 |
"""


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    path = tmp_path_factory.mktemp("flood") / "示例市防汛抗旱应急预案.md"
    path.write_text(FLOOD, encoding="utf-8")
    return plan_of(path, "示例市防汛抗旱应急预案")


def _decision(plan, report):
    return determine_level(plan, with_reference_levels(plan.stations, parse_incident_facts(report), plan.station_rivers))


def _state(plan, level, report):
    facts = with_reference_levels(plan.stations, parse_incident_facts(report), plan.station_rivers)
    return evaluate_trigger(plan.level(level).triggers[0], facts.values, report).state.value


@pytest.mark.parametrize(("report", "level"), [
    ("东城站水位超保证水位0.5米，还在涨。", 3),  # past 保证: Ⅲ's forecast has happened; Ⅱ's forecast is not reported
    ("东城站水位超保证水位0.5米，水文预报今晚还要涨。", 2),
    ("东城站水位47.2米，水文预报洪峰离保证水位还差三十来公分。", 3),
    ("东城站水位46.2米，预报明日涨到46.8米。", 4),
])
def test_a_level_past_the_forecast_reference_meets_the_forecast(flood, report, level):
    assert _decision(flood, report).level == level


def test_a_forecast_not_yet_overtaken_stays_open(flood):
    assert _state(flood, 3, "东城站水位47.2米。") == "open"  # over 警戒, nothing said of 保证
    assert _state(flood, 4, "东城站水位46.2米。") == "open"  # at 46 m, not yet over 警戒
    assert _state(flood, 3, "东城站水位超保证水位0.2米。") == "met"


def test_the_further_rise_is_named_as_the_fact_to_verify(flood):
    decision = _decision(flood, "东城站水位超保证水位0.5米，还在涨。")
    assert any("预报仍将上涨" in m for m in decision.missing)
