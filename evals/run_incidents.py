"""Incident scenario evaluation: the duty desk (checklist and briefing) on real and held-out plans.

    python evals/run_incidents.py [--split dev|test|both] [--no-baseline]

One library holds every plan of the scenario set (the real plans of `../shared/corpus/plans` — `plan_source:
"shared"`, the 示例区 plans, the messy fictional dev plans of `evals/datasets/dev_plans` — `plan_source:
"devplans"`, the held-out plans) and the reviews. Every scenario's incident report goes through the checklist and the
briefing tasks (with its incident time); per split the table gives: plan chosen, level accuracy, must-action
recall, items from another level (`must_not_actions` found in the checklist), items per checklist (median,
max), briefing level = checklist level (and stated in a sentence), and checklist latency p50/p95.

The baseline is today's code at main's commit `BASELINE_COMMIT`, checked out with `git worktree add` into a
temporary folder and run in a subprocess on its own data folder, in the same run. Both sides run this file in
`--worker` mode, which only uses the public `Assistant.ask` API and prints one JSON row per scenario.
Writes evals/results/incidents.md and incidents.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO / "evals" / "datasets"
BASELINE_COMMIT = "2de4ab2"  # main when this round of the duty desk began
ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4}
LEVEL_WORD = {1: "Ⅰ级", 2: "Ⅱ级", 3: "Ⅲ级", 4: "Ⅳ级"}


def shared_corpus() -> Path:
    """PLANASSIST_SHARED_CORPUS, else `../shared/corpus` beside the checkout (or beside its worktree folder)."""
    if "PLANASSIST_SHARED_CORPUS" in os.environ:
        return Path(os.environ["PLANASSIST_SHARED_CORPUS"])
    candidates = [REPO.parent / "shared" / "corpus", REPO.parents[1] / "shared" / "corpus"]
    return next((c for c in candidates if c.exists()), candidates[0])


def library_files() -> list[Path]:
    """Every plan the scenarios name, plus the reviews the briefing draws lessons from."""
    shared = shared_corpus()
    files = sorted((shared / "plans").glob("*.md")) + sorted((shared / "reviews").glob("*.md"))
    files += sorted(p for p in (REPO / "plans_corpus").iterdir() if p.suffix in {".md", ".pdf", ".docx"})
    files += sorted((DATASETS / "dev_plans").glob("*.md"))  # their NAME.meta.toml sidecars are read at ingest
    files += sorted((DATASETS / "heldout_plans").glob("*.md"))
    return files


def load_scenarios(split: str) -> list[dict]:
    path = DATASETS / f"incidents_{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


# ---------------------------------------------------------------------------------------------------------
# Worker: runs inside the code under test (current tree or baseline checkout) and prints JSON rows.
# ---------------------------------------------------------------------------------------------------------


def worker(home: str, splits: list[str]) -> None:
    from assistant.service import Assistant

    assistant = Assistant(home=home)
    assistant.ingest(library_files())
    stems = {d.title: Path(d.source_path).stem for d in assistant.documents()}
    assistant.ask("预热 warm-up", task="checklist")
    for split in splits:
        for scenario in load_scenarios(split):
            options = {"hazard": None, "incident_time": scenario["incident_time"]}
            started = time.perf_counter()
            checklist = assistant.ask(scenario["incident"], task="checklist", **options)
            checklist_ms = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            briefing = assistant.ask(scenario["incident"], task="briefing", **options)
            briefing_ms = (time.perf_counter() - started) * 1000
            cp, bp = checklist.payload, briefing.payload
            items = cp.get("items", [])
            row = {
                "id": scenario["id"],
                "split": split,
                "plan_title": cp.get("plan_title"),
                "plan_stem": stems.get(cp.get("plan_title") or "", ""),
                "level": cp.get("level"),
                "items": [" ".join([i.get("action", ""), *i.get("lead_units", []), i.get("time_limit") or ""])
                          for i in items],
                "refused": checklist.refused,
                "briefing_level": bp.get("level"),
                "briefing_text": [s.text for s in briefing.sentences],
                "checklist_ms": checklist_ms,
                "briefing_ms": briefing_ms,
            }
            print(json.dumps(row, ensure_ascii=False), flush=True)


# ---------------------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------------------


def gold_level(scenario: dict) -> int | None:
    label = scenario.get("gold_level")
    return ROMAN.get(label[0]) if label else None


def plan_ok(scenario: dict, row: dict) -> bool:
    gold = fold(scenario["plan"])
    names = [fold(row.get("plan_stem") or ""), fold(row.get("plan_title") or "")]
    return any(n and (n == gold or n in gold or gold in n) for n in names)


def states_level(row: dict) -> bool:
    """The briefing has the same level as the checklist and says it in a sentence (「…Ⅲ级应急响应…」, or 「三级响应」
    as a plan may write it)."""
    level = row["level"]
    if row["briefing_level"] != level:
        return False
    if level is None:
        return True
    forms = (LEVEL_WORD[level], "一二三四"[level - 1] + "级")  # a plan may write 一级响应 for Ⅰ级
    return any(form in s for s in row["briefing_text"] for form in forms)


def score(scenarios: list[dict], rows: dict[str, dict]) -> dict:
    n = len(scenarios)
    plan_hits = level_hits = must_total = must_found = other_found = stated = 0
    sizes: list[int] = []
    latencies: list[float] = []
    failures: list[str] = []
    for scenario in scenarios:
        row = rows[scenario["id"]]
        text = fold(" ".join(row["items"]))
        plan_hits += plan_ok(scenario, row)
        level_hit = row["level"] == gold_level(scenario)
        level_hits += level_hit
        must_total += len(scenario["must_actions"])
        found = [t for t in scenario["must_actions"] if fold(t) in text]
        must_found += len(found)
        wrong = [t for t in scenario.get("must_not_actions", []) if fold(t) in text]
        other_found += len(wrong)
        sizes.append(len(row["items"]))
        latencies.append(row["checklist_ms"])
        stated += states_level(row)
        if not level_hit or wrong:
            failures.append(f"{scenario['id']}: level {row['level']} (gold {gold_level(scenario)}), "
                            f"other-level {wrong}")
    latencies.sort()
    return {
        "n": n,
        "plan_accuracy": round(plan_hits / n, 3),
        "level_accuracy": round(level_hits / n, 3),
        "must_action_recall": round(must_found / must_total, 3) if must_total else 0.0,
        "other_level_items": other_found,
        "items_median": statistics.median(sizes),
        "items_max": max(sizes),
        "briefing_states_level": round(stated / n, 3),
        "checklist_p50_ms": round(_percentile(latencies, 50), 1),
        "checklist_p95_ms": round(_percentile(latencies, 95), 1),
        "failures": failures,
    }


def by_plan(scenarios: list[dict], rows: dict[str, dict]) -> dict[str, dict]:
    """The same measures per gold plan, to show where a split fails (which plan, not which scenario)."""
    groups: dict[str, list[dict]] = {}
    for scenario in scenarios:
        groups.setdefault(scenario["plan"], []).append(scenario)
    return {plan: {k: v for k, v in score(group, rows).items() if k in PER_PLAN} for plan, group in groups.items()}


PER_PLAN = ("n", "plan_accuracy", "level_accuracy", "must_action_recall", "other_level_items", "items_median")


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    k = (len(values) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


# ---------------------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------------------


def run_side(code_root: Path, home: Path, splits: list[str]) -> dict[str, dict]:
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(home), "--split", ",".join(splits)]
    done = subprocess.run(command, env=env, cwd=code_root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"worker failed in {code_root}:\n{done.stderr[-4000:]}")
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {r["id"]: r for r in rows}


def baseline_checkout() -> Path:
    target = Path(tempfile.gettempdir()) / f"planassist-baseline-{BASELINE_COMMIT}"
    if not (target / "assistant").exists():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(target), BASELINE_COMMIT],
                       check=True, capture_output=True)
    return target


METRICS = [
    ("plan chosen", "plan_accuracy"),
    ("level accuracy", "level_accuracy"),
    ("must-action recall", "must_action_recall"),
    ("items from another level", "other_level_items"),
    ("items per checklist (median)", "items_median"),
    ("items per checklist (max)", "items_max"),
    ("briefing states the checklist's level", "briefing_states_level"),
    ("checklist p50 ms", "checklist_p50_ms"),
    ("checklist p95 ms", "checklist_p95_ms"),
]


def markdown(report: dict) -> str:
    lines = ["# Incident scenarios: duty desk checklist and briefing", "",
             f"Baseline: main at `{BASELINE_COMMIT}` (today's behaviour), same library, same run.", ""]
    for split, sides in report["splits"].items():
        n = sides["planassist"]["n"]
        lines += [f"## {split} ({n} scenarios)", "", "| metric | baseline | planassist |", "|---|---|---|"]
        for label, key in METRICS:
            base = sides.get("baseline", {}).get(key, "–")
            lines.append(f"| {label} | {base} | {sides['planassist'][key]} |")
        lines.append("")
        lines += ["Per plan (planassist):", "", "| plan | scenarios | plan chosen | level | must-action recall | other-level |"
                  " median items |", "|---|---|---|---|---|---|---|"]
        for plan, m in sides["planassist"]["by_plan"].items():
            lines.append(f"| {plan} | {m['n']} | {m['plan_accuracy']} | {m['level_accuracy']} | "
                         f"{m['must_action_recall']} | {m['other_level_items']} | {m['items_median']} |")
        lines.append("")
        if sides["planassist"]["failures"]:
            lines += ["Misses (planassist):", ""] + [f"- {f}" for f in sides["planassist"]["failures"]] + [""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="both", help="dev | test | both (or a comma list)")
    parser.add_argument("--worker", metavar="HOME")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    splits = ["dev", "test"] if args.split == "both" else args.split.split(",")
    if args.worker:
        worker(args.worker, splits)
        return
    if not (shared_corpus() / "plans").exists():
        print("shared corpus not found; skipped")
        return
    work = Path(tempfile.mkdtemp(prefix="planassist-incidents-"))
    sides = {"planassist": run_side(REPO, work / "planassist", splits)}
    if not args.no_baseline:
        sides["baseline"] = run_side(baseline_checkout(), work / "baseline", splits)
    report = {"baseline_commit": BASELINE_COMMIT, "splits": {}}
    for split in splits:
        scenarios = load_scenarios(split)
        report["splits"][split] = {name: score(scenarios, rows) for name, rows in sides.items()}
        report["splits"][split]["planassist"]["by_plan"] = by_plan(scenarios, sides["planassist"])
        report["splits"][split]["planassist"]["rows"] = [sides["planassist"][s["id"]] for s in scenarios]
    text = markdown(report)
    results = REPO / "evals" / "results"
    suffix = "" if splits == ["dev", "test"] and not args.no_baseline else "-" + "-".join(splits)
    (results / f"incidents{suffix}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    (results / f"incidents{suffix}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
