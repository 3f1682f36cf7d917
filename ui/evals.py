"""The evaluation results of the repository (evals/results/retrieval.json and answers.json) as tables.

Both files are lists of runs, one per corpus, each with its splits; these functions flatten them into rows
(one per system, or per system and task) that the evaluation page shows as tables and grouped bar charts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parents[1] / "evals" / "results"
RATE_METRICS = ["doc@1", "clause@1", "answer@1", "doc@5", "clause@5", "answer@5", "doc@10", "clause@10",
                "answer@10", "MRR"]
LATENCY = ("p50_ms", "p95_ms")


def load(name: str, folder: Path = RESULTS) -> list[dict[str, Any]]:
    """The runs in `folder/name` ([] when the file is missing or unreadable)."""
    try:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return data if isinstance(data, list) else [data]


def retrieval_rows(split: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per system of a retrieval split: system, then its metrics."""
    return [{"system": name, **metrics} for name, metrics in split.get("systems", {}).items()]


def answer_rows(split: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per (system, task) of an answer split."""
    return [{"system": system, "task": task, **metrics}
            for system, tasks in split.items() if isinstance(tasks, dict)
            for task, metrics in tasks.items() if isinstance(metrics, dict)]


def long_form(rows: list[dict[str, Any]], metrics: list[str], label: str = "system") -> list[dict[str, Any]]:
    """(label, metric, value) rows for a grouped bar chart: systems side by side for each metric."""
    return [{label: row[label], "metric": metric, "value": row[metric]}
            for row in rows for metric in metrics if isinstance(row.get(metric), int | float)]


def numeric_metrics(rows: list[dict[str, Any]]) -> list[str]:
    """The metrics of the rows that are scores (not counts or latencies), in their first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and key not in LATENCY and not key.endswith("_ms"):
                seen.setdefault(key, None)
    return list(seen)
