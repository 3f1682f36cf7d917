"""The digital plan of a plan file, read the way ingest reads it (load → structure → chunks → plan)."""

from __future__ import annotations

from pathlib import Path

from retrieval.chunking import chunk_sections
from retrieval.loaders import load
from retrieval.models import DocType, DocumentMeta
from retrieval.plan.digital_plan import DigitalPlan, parse_digital_plan
from retrieval.plan.incident_facts import determine_level, parse_incident_facts
from retrieval.structure import parse_sections


def plan_of(path: Path, title: str, doc_id: str = "p") -> DigitalPlan:
    meta = DocumentMeta(title=title, doc_type=DocType.PLAN)
    chunks = chunk_sections(parse_sections(load(path).blocks), doc_id=doc_id, meta=meta, source_path=str(path))
    return parse_digital_plan(doc_id, meta.title, chunks)


def plan_of_text(folder: Path, text: str, title: str, doc_id: str = "p") -> DigitalPlan:
    """The digital plan of a plan written in a test, stored as `doc_id`.md in `folder` and read as ingest reads it."""
    path = folder / f"{doc_id}.md"
    path.write_text(text, encoding="utf-8")
    return plan_of(path, title, doc_id)


def level_of(plan: DigitalPlan, report: str) -> int | None:
    """The response level a plan gives an officer's report."""
    return determine_level(plan, parse_incident_facts(report)).level
