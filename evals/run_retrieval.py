"""Retrieval evaluation: every system on the same corpus and model, dev and test splits, one table.

    python evals/run_retrieval.py [--corpus shared|plans|both] [--split dev|test|both]

Writes evals/results/retrieval.md and retrieval.json. The not-found floor is chosen on dev only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assistant.service import Assistant
from evals.metrics import (
    KS,
    Question,
    embed_model_name,
    load_questions,
    parse_cli,
    results_name,
    score_system,
    write_results,
)
from evals.systems import ABLATIONS, SYSTEM_OPTIONS, naive_system, planassist_system

REPO = Path(__file__).resolve().parents[1]
MAX_FALSE_NOT_FOUND = 0.1


def shared_corpus() -> Path:
    return Path(os.environ.get("PLANASSIST_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))


def corpus_files(name: str) -> list[Path]:
    if name == "plans":
        root = REPO / "plans_corpus"
        return sorted(p for p in root.iterdir() if p.suffix in {".md", ".pdf", ".docx"})
    root = shared_corpus()
    return sorted(p for folder in ("regulations", "plans", "reviews") for p in (root / folder).glob("*.md"))


def open_corpus(name: str) -> tuple[Assistant, list[Path]]:
    home = Path(os.environ.get("PLANASSIST_EVAL_HOME", tempfile.gettempdir())) / f"planassist-eval-{name}"
    assistant = Assistant(home=home)
    files = corpus_files(name)
    assistant.ingest(files)
    return assistant, files


def run_system(system, questions: list[Question]) -> tuple[list, list[float]]:
    runs, latencies = [], []
    system("warm-up 预热", 10)
    for q in questions:
        candidates, elapsed = system(q.question, max(KS))
        runs.append(candidates)
        latencies.append(elapsed)
    return runs, latencies


def relevance_scores(assistant: Assistant, questions: list[Question]) -> list[float]:
    return [assistant.search_result(q.question, k=3).relevance for q in questions]


def choose_floor(scores: list[float], questions: list[Question]) -> float:
    """The highest floor that reports at most 10 % of answerable dev questions as not found."""
    answerable = sorted(s for s, q in zip(scores, questions, strict=True) if q.answerable)
    if not answerable:
        return 0.0
    index = int(len(answerable) * MAX_FALSE_NOT_FOUND)
    return answerable[index] - 1e-9 if index < len(answerable) else 0.0


def named_absences(assistant: Assistant, questions: list[Question]) -> list[bool]:
    """Whether search reports "not found" whatever the floor: the question names a document the corpus does not
    hold or a place no chunk mentions."""
    return [assistant.search_result(q.question, k=3, not_found_floor=float("-inf")).not_found for q in questions]


def not_found_quality(scores: list[float], absences: list[bool], questions: list[Question],
                      floor: float) -> dict[str, float]:
    flagged = [s < floor or absent for s, absent in zip(scores, absences, strict=True)]
    unanswerable = [f for f, q in zip(flagged, questions, strict=True) if not q.answerable]
    answerable = [f for f, q in zip(flagged, questions, strict=True) if q.answerable]
    true_positive = sum(unanswerable)
    return {
        "floor": round(floor, 4),
        "recall_unanswerable": true_positive / max(len(unanswerable), 1),
        "precision": true_positive / max(sum(flagged), 1),
        "false_not_found_rate": sum(answerable) / max(len(answerable), 1),
        "unanswerable": len(unanswerable),
    }


def evaluate_corpus(name: str, splits: list[str]) -> dict:
    assistant, files = open_corpus(name)
    dataset = "corpus" if name == "shared" else "plans"
    systems = {"naive": naive_system(assistant, files)}
    systems.update({n: planassist_system(assistant, o) for n, o in SYSTEM_OPTIONS.items()})
    if assistant.searcher.reranker is not None:
        systems["planassist+rerank"] = planassist_system(assistant, {"rerank": True})
    systems.update({n: planassist_system(assistant, o) for n, o in ABLATIONS.items()})
    report: dict = {"corpus": name, "embed_model": embed_model_name(), "documents": len(assistant.documents()),
                    "splits": {}}
    dev = load_questions(dataset, "dev")
    floor = choose_floor(relevance_scores(assistant, dev), dev)
    for split in splits:
        questions = load_questions(dataset, split)
        rows = {}
        for system_name, system in systems.items():
            runs, latencies = run_system(system, questions)
            rows[system_name] = score_system(questions, runs, latencies)
        scores = relevance_scores(assistant, questions)
        report["splits"][split] = {"systems": rows, "not_found": not_found_quality(
            scores, named_absences(assistant, questions), questions, floor)}
    report["reranker"] = "configured" if assistant.searcher.reranker else "none: no cross-encoder ships offline"
    return report


COLUMNS = ["doc@1", "doc@5", "clause@1", "clause@5", "clause@10", "answer@1", "answer@5", "answer@10", "MRR",
           "p50_ms", "p95_ms"]


def markdown(reports: list[dict]) -> str:
    lines = ["# Retrieval evaluation", "",
             "Generated by `planassist eval` / `python evals/run_retrieval.py`; all systems in the same run, "
             f"same corpus, same embedding model ({embed_model_name()}). clause@k: a top-k hit from the gold document whose "
             "locator carries the gold clause; answer@k: a top-k hit containing every must_include term.", ""]
    for report in reports:
        for split, data in report["splits"].items():
            lines += [f"## {report['corpus']} corpus — {split} split ({report['documents']} documents)", "",
                      "| system | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
            for name, row in data["systems"].items():
                cells = [f"{row[c]:.1f}" if c.endswith("_ms") else f"{row[c]:.3f}" for c in COLUMNS]
                lines.append(f"| {name} | " + " | ".join(cells) + " |")
            nf = data["not_found"]
            lines += ["", f"Not-found signal (floor {nf['floor']} on best dense similarity + weighted "
                      "query-word coverage of the top hit, chosen on dev; or a named document or place the corpus "
                      "does not hold): "
                      f"recall on {nf['unanswerable']} unanswerable = {nf['recall_unanswerable']:.2f}, "
                      f"precision = {nf['precision']:.2f}, answerable wrongly reported not found = "
                      f"{nf['false_not_found_rate']:.2f}", ""]
        lines += [f"Reranker: {report['reranker']}.", ""]
    return "\n".join(lines)


def main(corpus: str = "both", split: str = "both") -> list[dict]:
    names = ["shared", "plans"] if corpus == "both" else [corpus]
    if "shared" in names and not (shared_corpus() / "MANIFEST.tsv").exists():
        print(f"skipping the shared corpus: not found at {shared_corpus()}")
        names.remove("shared")
    splits = ["dev", "test"] if split == "both" else [split]
    reports = [evaluate_corpus(name, splits) for name in names]
    write_results(results_name("retrieval"), reports, markdown(reports))
    return reports


if __name__ == "__main__":
    main(*parse_cli(__doc__))
