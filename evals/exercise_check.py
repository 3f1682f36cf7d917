"""Exercise check: for every plan with response levels, in the real corpus and among the sample plans of 示例区,
the messy fictional development plans (`devplans`, for tuning) and the two held-out plans of the evaluation sets
(`heldout`, for reporting only), build a tabletop exercise and check it — 5–8 injects in time order; every expected action cited, its citation
quoting the cited clause verbatim and the action grounded in it; every inject's level the same as the checklist
engine gives for the same facts; and how long a build takes (p50, p95).

    python -m evals.exercise_check [--corpus shared|plans|devplans|heldout|all]
"""

from __future__ import annotations

import argparse
import json
import time

from assistant.grounding import check_sentence
from assistant.service import Assistant
from evals.metrics import percentile
from evals.run_retrieval import REPO, open_corpus, shared_corpus
from retrieval.plan.models import Ladder

RESULTS = REPO / "evals" / "results"
OWN_FOLDERS = {"devplans": REPO / "evals" / "datasets" / "dev_plans",
               "heldout": REPO / "evals" / "datasets" / "heldout_plans"}
P95_TARGET_MS = 2000


def plans_with_levels(assistant) -> list:
    plans = []
    for document in assistant.documents():
        plan = assistant.digital_plan(document.doc_id)
        if plan and any(lv.ladder is Ladder.RESPONSE and lv.triggers for lv in plan.levels):
            plans.append((document, plan))
    return plans


def check_exercise(assistant, document, answer) -> dict:
    injects = answer.payload.get("injects", [])
    citations = {c.n: c for c in answer.citations}
    actions = [a for i in injects for a in i["expected_actions"]]
    cited = [a for a in actions if a["citation"] in citations]
    grounded = [a for a in cited if citations[a["citation"]].quote in assistant.chunk(citations[a["citation"]].chunk_id).text
                and check_sentence(a["action"], [assistant.chunk(citations[a["citation"]].chunk_id)]).supported]
    judged = [i for i in injects if i["facts"] is not None]
    agree = 0
    for inject in judged:
        checklist = assistant.ask(answer.question, task="checklist", hazard=answer.payload["hazard"],
                                  facts=inject["facts"], doc_id=document.doc_id)
        agree += checklist.payload.get("level") == inject["level"]
    offsets = [i["offset_minutes"] for i in injects]
    levels = [i["level"] for i in judged if i["level"] is not None]
    return {"plan": document.title, "injects": len(injects), "stages": [i["stage"] for i in injects],
            "in_time_order": offsets == sorted(offsets), "actions": len(actions), "cited": len(cited),
            "grounded": len(grounded), "judged": len(judged), "levels_agree": agree,
            "levels": [i["level_label"] for i in judged], "escalates": len(set(levels)) > 1,
            "questions_ok": all(2 <= len(i["questions"]) <= 3 for i in injects)}


def open_own(name: str):
    """The development or held-out plans of the evaluation sets (fictional, messy OCR style), ingested once into
    their own data folder beside the others."""
    # a folder of its own: the answer evaluation keeps a "devplans" library of other documents under planassist-eval-
    home = open_corpus("plans")[0].home.parent / f"planassist-exercise-{name}"
    assistant = Assistant(home=home)
    assistant.ingest([OWN_FOLDERS[name]])
    return assistant


def evaluate(name: str) -> dict:
    assistant = open_own(name) if name in OWN_FOLDERS else open_corpus(name)[0]
    plans = plans_with_levels(assistant)
    if plans:  # warm-up: the first answer loads the tokenizer and caches
        assistant.ask("桌面推演", task="exercise", doc_id=plans[0][0].doc_id)
    rows, timings = [], []
    for document, _ in plans:
        hazard = next(iter(document.hazard_types), None)
        started = time.perf_counter()
        answer = assistant.ask(f"{document.title}桌面推演", task="exercise", hazard=hazard, doc_id=document.doc_id,
                               start="2025-07-01 09:00")
        timings.append((time.perf_counter() - started) * 1000)
        rows.append({**check_exercise(assistant, document, answer), "build_ms": round(timings[-1], 1)})
    return {"corpus": name, "plans": rows, "build_p50_ms": round(percentile(timings, 50), 1),
            "build_p95_ms": round(percentile(timings, 95), 1)}


def markdown(reports: list[dict]) -> str:
    lines = ["# Tabletop exercises", "",
             "One exercise per plan with response levels (start 2025-07-01 09:00, escalation on). `cited`: "
             "expected actions whose citation is in the answer; `grounded`: whose citation quotes the clause "
             "verbatim and supports the action; `levels agree`: injects whose level equals the checklist "
             "engine's for the same facts.", "",
             "| corpus | plan | injects | in order | actions | cited | grounded | levels agree | levels | build ms |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in reports:
        for p in r["plans"]:
            lines.append(f"| {r['corpus']} | {p['plan']} | {p['injects']} | {'✓' if p['in_time_order'] else '✗'} | "
                         f"{p['actions']} | {p['cited']} | {p['grounded']} | {p['levels_agree']}/{p['judged']} | "
                         f"{' → '.join(lv or '—' for lv in p['levels'])} | {p['build_ms']:g} |")
    lines += ["", "| corpus | plans | 5–8 injects | actions cited | actions grounded | levels agree | escalating "
              "| build p50 ms | build p95 ms (target ≤ 2000) |", "|---|---|---|---|---|---|---|---|---|"]
    for r in reports:
        plans = r["plans"]

        def total(key: str, plans: list[dict] = plans) -> int:
            return sum(p[key] for p in plans)
        lines.append(f"| {r['corpus']} | {len(plans)} | {sum(5 <= p['injects'] <= 8 for p in plans)}/{len(plans)} | "
                     f"{total('cited')}/{total('actions')} | {total('grounded')}/{total('actions')} | "
                     f"{total('levels_agree')}/{total('judged')} | {sum(p['escalates'] for p in plans)}/{len(plans)} | "
                     f"{r['build_p50_ms']:g} | {r['build_p95_ms']:g} |")
    return "\n".join(lines) + "\n"


def main() -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default="all", choices=["shared", "plans", "devplans", "heldout", "all"])
    chosen = parser.parse_args().corpus
    names = ["shared", "plans", "devplans", "heldout"] if chosen == "all" else [chosen]
    if "shared" in names and not (shared_corpus() / "MANIFEST.tsv").exists():
        names.remove("shared")
    reports = [evaluate(name) for name in names]
    text = markdown(reports)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "exercise.md").write_text(text, encoding="utf-8")
    (RESULTS / "exercise.json").write_text(json.dumps(reports, ensure_ascii=False, indent=2))
    print(text)
    return reports


if __name__ == "__main__":
    main()
