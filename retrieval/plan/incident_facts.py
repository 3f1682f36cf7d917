"""Incident facts and the response level they call for: `retrieval.plan.facts` reads a report,
`retrieval.plan.decision` decides the level. This module keeps the names callers import."""

from __future__ import annotations

from retrieval.plan.decision import LevelDecision, determine_level, evaluate_trigger
from retrieval.plan.facts import IncidentFacts, fact_values, parse_incident_facts
from retrieval.plan.models import Comparator

__all__ = [
    "Comparator",
    "IncidentFacts",
    "LevelDecision",
    "determine_level",
    "evaluate_trigger",
    "fact_values",
    "parse_incident_facts",
]
