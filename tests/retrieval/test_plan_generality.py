"""The engine on wording no plan of the dev set was tuned to: small synthetic criteria and reports, each a general
rule (people to be moved are threatened, degree words of the same width, a slope's signs of failure name the
hazard)."""

from __future__ import annotations

import pytest

from retrieval.models import Chunk
from retrieval.plan.decision import evaluate_trigger
from retrieval.plan.facts import comparable_values
from retrieval.plan.incident_facts import parse_incident_facts
from retrieval.plan.levels import make_trigger
from retrieval.plan.tables import hazards_in


def _state(criterion: str, report: str) -> str:
    trigger = make_trigger(criterion, Chunk.model_construct(chunk_id="c", locator="4.1"))
    facts = parse_incident_facts(report)
    return evaluate_trigger(trigger, comparable_values(facts.values), facts.raw).state.value


@pytest.mark.parametrize(
    ("criterion", "report", "state"),
    [
        ("受威胁人数800人以上", "需撤离的村民经登记为850人，无伤亡。", "met"),  # to be moved ⇒ threatened
        ("受威胁人数800人以上", "需撤离的村民经登记为600人，无伤亡。", "not_met"),
        ("城区交通大范围瘫痪", "暴雨致城区主干道交通大面积瘫痪。", "met"),  # 大面积 = 大范围
        ("城区交通特大范围瘫痪", "暴雨致城区主干道交通大面积瘫痪。", "open"),  # 特大 still needs stating
    ],
)
def test_report_wording_meets_the_criterion_it_states(criterion, report, state):
    assert _state(criterion, report) == state


def test_signs_of_slope_failure_name_the_geological_hazard():
    assert hazards_in("村后山体出现拉裂和局部溜滑。") == {"地质灾害"}
    assert "地质灾害" not in hazards_in("堤防背水坡出现渗水。")


@pytest.mark.parametrize(
    ("report", "state"),
    [
        ("甲河、乙河干流控制站均超警戒水位0.2～0.4米，其余河流在警戒以下。", "met"),  # two of the members
        ("甲河干流控制站超警戒水位0.3米。", "not_met"),  # one river is not 2条
        ("戊河、己河干流控制站均超警戒水位0.3米。", "open"),  # rivers the criterion does not list
    ],
)
def test_a_count_among_listed_members_counts_the_members_a_report_lists(report, state):
    criterion = "甲河、乙河、丙河、丁河中的 2 条河流干流控制站水位超警戒水位"
    assert _state(criterion, report) == state
