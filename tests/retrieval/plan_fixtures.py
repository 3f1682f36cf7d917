"""The digital plan of a plan file, read the way ingest reads it (load → structure → chunks → plan)."""

from __future__ import annotations

from pathlib import Path

from retrieval.chunking import chunk_sections
from retrieval.loaders import load
from retrieval.models import DocType, DocumentMeta
from retrieval.plan.digital_plan import DigitalPlan, parse_digital_plan
from retrieval.structure import parse_sections


def plan_of(path: Path, title: str, doc_id: str = "p") -> DigitalPlan:
    meta = DocumentMeta(title=title, doc_type=DocType.PLAN)
    chunks = chunk_sections(parse_sections(load(path).blocks), doc_id=doc_id, meta=meta, source_path=str(path))
    return parse_digital_plan(doc_id, meta.title, chunks)
