"""Learned fusion: the head of the ranked list re-ordered by a logistic model over signals search already has.

After reciprocal-rank fusion and the hand-set adjustments (`signals.adjust_scores`), the first `HEAD` candidates
are described by a few numbers — their adjusted score and rank, their dense and lexical ranks, how much of the
query's words (plain and IDF-weighted) they and their headings hold, whether they come from the document or
hazard the query names or from a superseded version, whether their headings name the response level the query
names, whether they list the levels a question asks about (「分几级」), whether they state the kind of fact asked
(`retrieval.ranking.intent`), and whether they hold the query's numbers, whether a line of theirs opens with the body the query asks about
(`retrieval.ranking.actors`) — and re-ordered by a logistic
regression fitted on the dev questions only (`evals/fit_fusion.py` → `fusion.json`). Scores are kept (the
not-found signal and the answer's relative floor read them); only the order changes. A query that names a clause
by number keeps the clause first.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from retrieval.models import Chunk
from retrieval.ranking.actors import asked_body, gives_body_a_line
from retrieval.ranking.intent import asks_grading, intent_named, lists_levels, question_intent, states
from retrieval.ranking.query import ParsedQuery, named_levels
from retrieval.ranking.signals import FIRST_PLACE, first_mentioned, word_coverage

HEAD = 20
RRF_K = 60
WEIGHTS = Path(__file__).with_name("fusion.json")
FEATURES = ("adjusted", "position", "dense", "lexical", "coverage", "topic_coverage", "heading_coverage",
            "mentioned", "hazard", "superseded", "intent", "numbers", "length", "level", "grading", "body_line")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def weights() -> tuple[list[float], float] | None:
    """(coefficients in FEATURES order, intercept), or None when no model has been fitted."""
    if not WEIGHTS.exists():
        return None
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if data.get("features") != list(FEATURES):
        return None
    return data["coefficients"], data["intercept"]


def features(parsed: ParsedQuery, chunk: Chunk, score: float, position: int, ranks: dict[str, int],
             topic: dict[str, float], superseded: set[str]) -> list[float]:
    words = parsed.words
    intent = question_intent(parsed.text)
    numbers = set(_NUMBER.findall(parsed.text))
    text = chunk.indexed_text
    return [
        score / FIRST_PLACE,
        1.0 / (1 + position),
        (RRF_K + 1) / (RRF_K + ranks["dense"]) if "dense" in ranks else 0.0,
        (RRF_K + 1) / (RRF_K + ranks["lexical"]) if "lexical" in ranks else 0.0,
        word_coverage(words, text, alternatives=parsed.colloquial),
        word_coverage(frozenset(topic), text, topic, parsed.colloquial),
        word_coverage(words, " ".join(chunk.heading_path) + chunk.locator) if words else 0.0,
        float(chunk.doc_id in first_mentioned(parsed, superseded)),
        float(chunk.doc_id in parsed.hazard_doc_ids),
        float(chunk.doc_id in superseded),
        float(states(intent, text)),
        sum(n in text for n in numbers) / len(numbers) if numbers else 0.0,
        math.log1p(len(text)) / 10,
        level_match(parsed.levels, chunk),
        float(asks_grading(parsed.text) and lists_levels(text)),
        float(gives_body_a_line(asked_body(parsed.text), text)),
    ]


def level_match(asked: frozenset[str], chunk: Chunk) -> float:
    """1 when the chunk's headings name a level (or warning colour) the query names (「5.6 二级应急响应措施」 for
    「二级响应时多久报一次」), -1 when they name only others, 0 when either names none."""
    if not asked:
        return 0.0
    named = named_levels(" ".join(chunk.heading_path) + " " + chunk.locator)
    if not named:
        return 0.0
    return 1.0 if named & asked else -1.0


def probability(vector: list[float], model: tuple[list[float], float]) -> float:
    coefficients, intercept = model
    z = intercept + sum(c * x for c, x in zip(coefficients, vector, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def reorder(ranked: list[tuple[str, float]], vectors: dict[str, list[float]],
            model: tuple[list[float], float]) -> list[tuple[str, float]]:
    """The head re-ordered by the model's probability (ties keep their order); the tail as it was."""
    head = ranked[:HEAD]
    order = sorted(range(len(head)), key=lambda i: (-probability(vectors[head[i][0]], model), i))
    return [head[i] for i in order] + ranked[HEAD:]


def asks_purpose(question: str) -> bool:
    return question_intent(question) is _PURPOSE


def purpose_first(ranked: list[tuple[str, float]], chunks: dict[str, Chunk],
                  named_chunks: list[Chunk]) -> list[tuple[str, float]]:
    """A question on why and on what a document was made (「防洪法开头讲的立法目的是什么」) is answered by the clause that
    says it (「第一条 为了防治洪水，…制定本法」), which shares no word with 「立法目的」 and ranks low: it goes first. Of a
    document the question names (`named_chunks`, in document order), its first such clause, wherever it ranked;
    else the first such candidate of the head. Its score is the first one's, so that the answer's floor keeps it."""
    if not ranked:
        return ranked
    clause = next((c for c in named_chunks if _states_purpose(c)), None)
    if clause is None and not named_chunks:
        clause = next((chunks[cid] for cid, _ in ranked[:HEAD] if cid in chunks and _states_purpose(chunks[cid])), None)
    if clause is None:
        return ranked
    chunks.setdefault(clause.chunk_id, clause)
    return [(clause.chunk_id, ranked[0][1]), *(item for item in ranked if item[0] != clause.chunk_id)]


_PURPOSE = intent_named("purpose")
_PURPOSE_HEADING = re.compile(r"(?:编制|立法|制定)目的|宗旨")


def _states_purpose(chunk: Chunk) -> bool:
    """The clause says why its document was made (「为了…，制定本法」), or is headed so (「1.1 编制目的」)."""
    return states(_PURPOSE, chunk.text) or bool(_PURPOSE_HEADING.search(" ".join(chunk.heading_path) + chunk.locator))
