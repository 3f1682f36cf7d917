"""Quiz quality: over papers generated from the real corpus (laws, plans, reviews) and the sample plans of
示例区, with several seeds, the share of questions passing each automatic check (complete stem, one right answer,
distractor type, no answer leak), for today's generator and, as the baseline, the generator on `main` before
this change (run in the same process over the same data folders). Also: how often a new seed draws the same
clauses, how papers spread over documents, and 40 questions (mixed seeds and sources, with their keys and the
cited clause) for a blind review by someone who did not write the generator.

    python -m evals.quiz_quality [--corpus shared|plans|both] [--seeds 5] [--first-seed 1] [--n 50]

A new review round takes fresh seeds (`--first-seed`), so the reviewer meets new papers.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import subprocess
import sys
import time
import types
from collections import Counter

from assistant.models import QuizKind, QuizQuestion
from assistant.tasks.quiz import _KIND_CYCLE, _same_rule, current_versions, paper
from assistant.tasks.quiz_checks import CHECKS, failed_checks
from assistant.tasks.quiz_lists import bigrams
from evals.run_retrieval import REPO, open_corpus, shared_corpus

RESULTS = REPO / "evals" / "results"
REVIEW_SIZE = 40


def baseline_generator() -> types.ModuleType | None:
    """The quiz task as it was before the automatic checks came in (the parent of the commit that added
    `quiz_checks.py`, read from git), or None outside a checkout."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()

    try:
        added = git("log", "--diff-filter=A", "--format=%H", "--", "assistant/tasks/quiz_checks.py").split()[-1]
        source = git("show", f"{added}^:assistant/tasks/quiz.py")
    except (OSError, IndexError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("baseline_quiz")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, "main:assistant/tasks/quiz.py", "exec"), module.__dict__)
    return module


def check_shares(questions: list[QuizQuestion]) -> dict[str, float]:
    failures = [failed_checks(q) for q in questions]
    shares = {c: round(100 * sum(c not in f for f in failures) / max(len(questions), 1), 1) for c in CHECKS}
    shares["all"] = round(100 * sum(not f for f in failures) / max(len(questions), 1), 1)
    return shares


def current_papers(assistant, seeds: list[int], n: int) -> dict:
    chunks = current_versions(assistant, [c for d in sorted(assistant.allowed_doc_ids(None)) for c in assistant.chunks(d)])
    papers, rejected, timings = {}, [], []
    for seed in seeds:
        started = time.perf_counter()
        papers[seed] = paper(chunks, chunks, n, seed, _KIND_CYCLE, rejected)
        timings.append((time.perf_counter() - started) * 1000)
    return {"papers": papers, "rejected": rejected, "timings": timings}


def baseline_questions(assistant, seeds: list[int], n: int) -> list[QuizQuestion]:
    module = baseline_generator()
    if module is None:
        return []
    return [QuizQuestion.model_validate(q) for seed in seeds
            for q in module.run(assistant, "", n=n, seed=seed).payload["questions"]]


def overlaps(papers: dict) -> list[float]:
    clauses = {seed: {c.chunk.chunk_id for _, c in made} for seed, made in papers.items()}
    return [len(clauses[a] & clauses[b]) / max(min(len(clauses[a]), len(clauses[b])), 1)
            for a, b in itertools.combinations(clauses, 2)]


def evaluate(name: str, seeds: list[int], n: int) -> tuple[dict, list[dict]]:
    assistant, _ = open_corpus(name)
    run = current_papers(assistant, seeds, n)
    made = [(seed, q, c) for seed, qs in run["papers"].items() for q, c in qs]
    questions = [q for _, q, _ in made]
    rejected = Counter(check for _, failed in run["rejected"] for check in failed)
    per_doc = Counter(c.chunk.doc_title for _, _, c in made)
    shared = overlaps(run["papers"])
    report = {
        "corpus": name, "seeds": seeds, "n_per_paper": n, "questions": len(questions),
        "checks": check_shares(questions), "baseline_checks": check_shares(baseline_questions(assistant, seeds, n)),
        "candidates_replaced": len(run["rejected"]), "replaced_by_check": dict(rejected),
        "seed_overlap_mean": round(100 * statistics.mean(shared), 1) if shared else 0.0,
        "seed_overlap_max": round(100 * max(shared), 1) if shared else 0.0,
        "documents": len(per_doc), "largest_document_share": round(100 * max(per_doc.values()) / len(made), 1),
        "kinds": dict(Counter(q.kind.value for q in questions)),
        "categories": dict(Counter(q.category for q in questions)),
        "paper_ms_mean": round(statistics.mean(run["timings"]), 1),
    }
    review = [{"corpus": name, "seed": seed, "kind": q.kind.value, "category": q.category, "stem": q.stem,
               "options": q.options, "answer": q.answer, "accepted": q.accepted, "ordered": q.ordered, "doc_title": c.chunk.doc_title,
               "locator": c.chunk.locator, "clause": c.sentence, "clause_text": c.chunk.text}
              for seed, q, c in made]
    return report, review


def review_sample(rows: list[dict], size: int = REVIEW_SIZE) -> list[dict]:
    """Half from each corpus, each corpus's share spread over seeds and kinds, in a shuffled order."""
    rng = random.Random(2026)
    by_corpus: dict[str, list[dict]] = {}
    unique: list[dict] = []
    for row in rows:  # one question per rule across seeds and plans (the same rule in three plans is asked once)
        if not any(_same_rule(bigrams(row["clause"]), bigrams(other["clause"])) for other in unique):
            unique.append(row)
    rows = unique
    for row in rows:
        by_corpus.setdefault(row["corpus"], []).append(row)
    chosen: list[dict] = []
    for corpus_rows in by_corpus.values():
        wanted = size // len(by_corpus)
        by_kind = {k.value: [r for r in corpus_rows if r["kind"] == k.value] for k in QuizKind}
        for pool in by_kind.values():
            rng.shuffle(pool)
        while len([r for r in chosen if r["corpus"] == corpus_rows[0]["corpus"]]) < wanted and any(by_kind.values()):
            for pool in by_kind.values():
                if pool and len([r for r in chosen if r["corpus"] == corpus_rows[0]["corpus"]]) < wanted:
                    chosen.append(pool.pop())
    rng.shuffle(chosen)
    return [{"review_id": f"r{i + 1:02d}", **row} for i, row in enumerate(chosen)]


def markdown(reports: list[dict]) -> str:
    lines = ["# Quiz quality", "",
             "Share of generated questions passing each automatic check (%). `today`: the generator of this "
             "branch (failing items are replaced before a paper is shown); `baseline`: the generator before this change (read from git), "
             "same data folders, same seeds.", "",
             "| corpus | generator | questions | " + " | ".join(CHECKS) + " | all |",
             "|---|---|---|" + "---|" * (len(CHECKS) + 1)]
    for r in reports:
        for label, key in (("today", "checks"), ("baseline", "baseline_checks")):
            lines.append(f"| {r['corpus']} | {label} | {r['questions'] if label == 'today' else '—'} | "
                         + " | ".join(f"{r[key].get(c, 0):g}" for c in [*CHECKS, "all"]) + " |")
    lines += ["", "| corpus | seeds | per paper | clause overlap between seeds, mean / max (%) | documents | "
              "largest document share (%) | candidates replaced | paper build (ms, mean) |",
              "|---|---|---|---|---|---|---|---|"]
    for r in reports:
        lines.append(f"| {r['corpus']} | {len(r['seeds'])} | {r['n_per_paper']} | {r['seed_overlap_mean']:g} / "
                     f"{r['seed_overlap_max']:g} | {r['documents']} | {r['largest_document_share']:g} | "
                     f"{r['candidates_replaced']} {json.dumps(r['replaced_by_check'], ensure_ascii=False)} | "
                     f"{r['paper_ms_mean']:g} |")
    lines += ["", "Kinds and categories:", ""]
    lines += [f"- {r['corpus']}: {json.dumps(r['kinds'], ensure_ascii=False)}; "
              f"{json.dumps(r['categories'], ensure_ascii=False)}" for r in reports]
    lines += ["", f"A blind-review sample of {REVIEW_SIZE} questions (mixed seeds and sources, with keys and the "
              "cited clause) is in `quiz_review_sample.jsonl`; verdicts (sound / flawed / broken) go in "
              "`quiz_review_verdicts.jsonl`."]
    return "\n".join(lines) + "\n"


def main() -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default="both", choices=["shared", "plans", "both"])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=50)
    args = parser.parse_args()
    names = ["shared", "plans"] if args.corpus == "both" else [args.corpus]
    if "shared" in names and not (shared_corpus() / "MANIFEST.tsv").exists():
        names.remove("shared")
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    reports, rows = [], []
    for name in names:
        report, review = evaluate(name, seeds, args.n)
        reports.append(report)
        rows += review
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = markdown(reports)
    (RESULTS / "quiz_quality.md").write_text(text, encoding="utf-8")
    (RESULTS / "quiz_quality.json").write_text(json.dumps(reports, ensure_ascii=False, indent=2))
    with (RESULTS / "quiz_review_sample.jsonl").open("w", encoding="utf-8") as out:
        for row in review_sample(rows):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(text)
    return reports


if __name__ == "__main__":
    main()
