"""How usable answers are: measured through `Assistant` alone, so that today's code and a baseline checkout run
the very same measurement (the baseline in a subprocess with its own tree first on PYTHONPATH).

    python evals/answer_quality.py SPLIT OUT.json     # measure the code on PYTHONPATH, write the raw numbers

Over `answers_{split}.jsonl` and `dialogues_{split}.jsonl` (both libraries: `corpus` shared | plans):
- answerable questions are asked as `chat` (category regulation_qa) or `lookup` (all others): must_include recall,
  lead recall (every must_include term within the first three sentences), conclusion in the lead for grading
  questions, conflicts flagged where the gold says two documents differ, English recall, median sentences and
  characters, uncited sentences, quotes not verbatim in the chunk they name, false refusals;
- every question is also asked with its own task (lookup, chat, checklist, briefing, quiz): refusals per task —
  correct on unanswerable questions, false on answerable ones;
- MRR of search over the answerable questions (gold clause within the first ten hits);
- three-turn dialogues through `chat` with the conversation as history: recall per turn and on follow-ups, and
  follow-ups that repeat the previous answer word for word.
Only the standard library, numpy and `assistant.service.Assistant` are imported, nothing of `evals`.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO / "evals" / "datasets"
OWN_TASK = {"regulation_qa": "chat", "lookup": "lookup", "checklist": "checklist", "briefing": "briefing",
            "quiz": "quiz"}
LEAD_SENTENCES = 3
CONFLICT_WORDS = re.compile(r"不一致|规定不同|数值不同|说法不同|differ")


def fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def load(name: str, split: str) -> list[dict]:
    path = DATASETS / f"{name}_{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def open_libraries() -> dict:
    from assistant.service import Assistant
    from evals.run_retrieval import corpus_files, shared_corpus  # the evaluated tree's own (baseline's too)

    base = Path(os.environ.get("PLANASSIST_EVAL_HOME", tempfile.gettempdir()))
    files = {"plans": corpus_files("plans"), "shared": corpus_files("shared") if
             (shared_corpus() / "MANIFEST.tsv").exists() else []}
    # dev questions on the development plans: a bureau's library of sample and unseen plans (dev split only)
    files["devplans"] = files["plans"] + sorted((DATASETS / "dev_plans").glob("*.md"))
    libraries = {}
    for name, paths in files.items():
        if paths:
            assistant = Assistant(home=base / f"planassist-eval-{name}")
            assistant.ingest(paths)
            libraries[name] = assistant
    return libraries


def answer_text(answer, first: int | None = None) -> str:
    sentences = answer.sentences if first is None else answer.sentences[:first]
    return fold(" ".join(s.text for s in sentences))


def states_label(lead: str, label: str) -> bool:
    """The lead names the gold label as a whole label: 「重大事故」 is not stated by 「特别重大事故」, nor 「Ⅰ级」 by 「Ⅲ级」
    (NFKC folds Ⅲ to III)."""
    label = fold(label)
    for found in re.finditer(re.escape(label), lead):
        before = lead[:found.start()]
        if not before.endswith("特别") and not re.search(r"[IVⅠⅡⅢⅣ]$", before):
            return True
    return False


def flags_conflict(answer) -> bool:
    return bool(answer.payload.get("conflicts")) or bool(CONFLICT_WORDS.search(answer_text(answer)))


def clause_rank(assistant, item: dict) -> float:
    """Reciprocal rank of the gold clause among the first ten hits."""
    for rank, hit in enumerate(assistant.search(item["question"], k=10), start=1):
        stem = Path(hit.chunk.source_path or "").stem
        locator = fold(hit.chunk.locator)
        if stem == item["gold_doc"] and all(fold(t) in locator for t in (item["gold_locator"] or "").split()):
            return 1.0 / rank
    return 0.0


def ask_timed(assistant, question: str, task: str, latencies: list[float], **options):
    started = time.perf_counter()
    answer = assistant.ask(question, task=task, **options)
    latencies.append((time.perf_counter() - started) * 1000)
    return answer


def measure_answers(libraries: dict, items: list[dict]) -> dict:
    rows: list[dict] = []
    latencies: list[float] = []
    for item in items:
        assistant = libraries.get(item.get("corpus", "shared"))
        if assistant is None:
            continue
        answerable = item.get("gold_doc") is not None
        row = {"id": item["id"], "lang": item.get("lang", "zh"), "task": OWN_TASK[item["task"]],
               "answerable": answerable}
        own = ask_timed(assistant, item["question"], row["task"], latencies)
        row["own_task_refused"] = own.refused
        if answerable:
            task = "chat" if item["task"] == "regulation_qa" else "lookup"
            answer = own if task == row["task"] else ask_timed(assistant, item["question"], task, latencies)
            text, lead = answer_text(answer), answer_text(answer, LEAD_SENTENCES)
            terms = item.get("must_include", [])
            row.update(
                refused=answer.refused, terms=len(terms), found=sum(fold(t) in text for t in terms),
                lead_found=all(fold(t) in lead for t in terms),
                sentences=len(answer.sentences), chars=sum(len(s.text) for s in answer.sentences),
                uncited=sum(1 for s in answer.sentences if not s.citations),
                unverbatim=sum(c.quote not in assistant.chunk(c.chunk_id).text for c in answer.citations),
                conclusion=states_label(lead, item["conclusion"]) if item.get("conclusion") else None,
                conflict_flagged=flags_conflict(answer) if item.get("conflict") else None,
                rr=clause_rank(assistant, item),
            )
        rows.append(row)
    return {"rows": rows, "latencies": latencies}


def measure_dialogues(libraries: dict, dialogues: list[dict]) -> dict:
    rows: list[dict] = []
    latencies: list[float] = []
    for dialogue in dialogues:
        assistant = libraries.get(dialogue.get("corpus", "shared"))
        if assistant is None:
            continue
        history: list[dict[str, str]] = []
        previous = None
        for turn_number, turn in enumerate(dialogue["turns"], start=1):
            answer = ask_timed(assistant, turn["question"], "chat", latencies, history=list(history))
            text = answer_text(answer)
            terms = turn.get("must_include", [])
            rows.append({"id": dialogue["id"], "turn": turn_number, "terms": len(terms),
                         "found": sum(fold(t) in text for t in terms), "refused": answer.refused,
                         "lead_found": all(fold(t) in answer_text(answer, LEAD_SENTENCES) for t in terms),
                         "repeated": previous is not None and bool(text) and text == previous,
                         "uncited": sum(1 for s in answer.sentences if not s.citations)})
            previous = text
            history += [{"role": "user", "content": turn["question"]},
                        {"role": "assistant", "content": " ".join(s.text for s in answer.sentences)}]
    return {"rows": rows, "latencies": latencies}


def measure(split: str) -> dict:
    libraries = open_libraries()
    for assistant in libraries.values():
        assistant.ask("预热 warm-up", task="lookup")
    return {"split": split, "libraries": sorted(libraries),
            "answers": measure_answers(libraries, load("answers", split)),
            "dialogues": measure_dialogues(libraries, load("dialogues", split))}


def main(argv: list[str]) -> None:
    split, out = argv[1], Path(argv[2])
    out.write_text(json.dumps(measure(split), ensure_ascii=False), encoding="utf-8")


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def summarise(raw: dict) -> dict:
    """The table's numbers from one measurement."""
    import numpy as np

    rows = raw["answers"]["rows"]
    answered = [r for r in rows if r["answerable"]]
    zh = [r for r in answered if r["lang"] == "zh"]
    en = [r for r in answered if r["lang"] == "en"]
    shown = [r for r in answered if not r["refused"]]
    summary: dict = {
        "answerable": len(answered),
        "must_include_recall": _ratio(sum(r["found"] for r in answered), sum(r["terms"] for r in answered)),
        "must_include_recall_zh": _ratio(sum(r["found"] for r in zh), sum(r["terms"] for r in zh)),
        "english_recall": _ratio(sum(r["found"] for r in en), sum(r["terms"] for r in en)),
        "lead_recall": _ratio(sum(r["lead_found"] for r in answered), len(answered)),
        "conclusion_in_lead": _ratio(sum(bool(r["conclusion"]) for r in answered if r["conclusion"] is not None),
                                     sum(r["conclusion"] is not None for r in answered)),
        "conflicts_flagged": _ratio(sum(bool(r["conflict_flagged"]) for r in answered
                                        if r["conflict_flagged"] is not None),
                                    sum(r["conflict_flagged"] is not None for r in answered)),
        "median_sentences": float(median([r["sentences"] for r in shown])) if shown else None,
        "median_chars": float(median([r["chars"] for r in shown])) if shown else None,
        "uncited_sentences": sum(r["uncited"] for r in answered),
        "quotes_not_verbatim": sum(r["unverbatim"] for r in answered),
        "false_refusals": _ratio(sum(r["refused"] for r in answered), len(answered)),
        "MRR": _ratio(sum(r["rr"] for r in answered), len(answered)),
    }
    for task in sorted({r["task"] for r in rows}):
        unanswerable = [r for r in rows if r["task"] == task and not r["answerable"]]
        own = [r for r in rows if r["task"] == task and r["answerable"]]
        summary[f"refused[{task}]"] = _ratio(sum(r["own_task_refused"] for r in unanswerable), len(unanswerable))
        summary[f"false_refused[{task}]"] = _ratio(sum(r["own_task_refused"] for r in own), len(own))
    turns = raw["dialogues"]["rows"]
    follow_ups = [t for t in turns if t["turn"] > 1]
    summary.update({
        "dialogue_turns": len(turns),
        "multi_turn_recall": _ratio(sum(t["found"] for t in turns), sum(t["terms"] for t in turns)),
        "follow_up_recall": _ratio(sum(t["found"] for t in follow_ups), sum(t["terms"] for t in follow_ups)),
        "follow_up_lead_recall": _ratio(sum(t["lead_found"] for t in follow_ups), len(follow_ups)),
        "follow_ups_repeating": sum(t["repeated"] for t in follow_ups),
        "dialogue_uncited": sum(t["uncited"] for t in turns),
    })
    latencies = raw["answers"]["latencies"] + raw["dialogues"]["latencies"]
    summary["ask_p50_ms"] = float(np.percentile(latencies, 50)) if latencies else None
    summary["ask_p95_ms"] = float(np.percentile(latencies, 95)) if latencies else None
    return summary


if __name__ == "__main__":
    main(sys.argv)
