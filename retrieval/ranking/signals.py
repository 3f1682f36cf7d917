"""Score adjustments after fusion: the clause a query names, the documents it names, the newest version.

Adjustments are in reciprocal-rank units (1/(RRF_K+1) is what a first place in one retriever is worth), so
they are comparable with the fused scores they shift.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from retrieval.models import Chunk, DocumentInfo
from retrieval.ranking.query import ParsedQuery, base_title
from retrieval.store.lexical import word_tags

if TYPE_CHECKING:
    from retrieval.search import SearchOptions

FIRST_PLACE = 1.0 / 61
ADDRESSED_CLAUSE_BONUS = 10.0
MENTIONED_DOCUMENT_BONUS = 0.6 * FIRST_PLACE
SUPERSEDED_PENALTY = 0.5 * FIRST_PLACE
HAZARD_BONUS = 0.3 * FIRST_PLACE
PLACE_BONUS = 1.0 * FIRST_PLACE  # a document that names the town or river a report names (and few others do)


def superseded_doc_ids(documents: list[DocumentInfo], years: list[int], prefers_older: bool = False) -> set[str]:
    """Older versions of a title indexed in several versions, unless the query names their year (or asks for
    the old version: then the newest is the one set aside)."""
    by_title: dict[str, list[DocumentInfo]] = {}
    for doc in documents:
        by_title.setdefault(base_title(doc.title), []).append(doc)
    superseded: set[str] = set()
    for versions in by_title.values():
        if len(versions) < 2:
            continue
        newest = (min if prefers_older else max)(versions, key=lambda d: d.year or 0)
        for doc in versions:
            named = any(str(y) in (doc.version or "") + doc.title for y in years)
            if doc is not newest and not named:
                superseded.add(doc.doc_id)
    return superseded


@lru_cache(maxsize=8192)
def folded_text(text: str) -> str:
    """NFKC, lower case, no whitespace: the form query words are looked up in (a chunk's text is folded once and
    reused by every query that sees it)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def word_coverage(words: frozenset[str], text: str, weights: dict[str, float] | None = None,
                  alternatives: dict[str, tuple[str, ...]] | None = None) -> float:
    """Share of the query's words that occur in a text (whitespace- and width-insensitive), each word counted
    with its weight (1 when no weights are given); a word with alternatives (劳保用品: 劳动防护用品) is found when
    any of them is."""
    if not words:
        return 1.0
    folded = folded_text(text)
    weights, alternatives = weights or {}, alternatives or {}
    # fsum: a set's iteration order changes with the process's hash seed, and a plain float sum with it, which
    # flipped near-ties between runs.
    total = math.fsum(weights.get(w, 1.0) for w in words)
    found = math.fsum(weights.get(w, 1.0) for w in words
                      if w in folded or any(a in folded for a in alternatives.get(w, ())))
    return found / total if total else 1.0


# Words that ask rather than say (几号, 多久, 哪几种, 有没有): no clause contains them, so they must not count
# as words the corpus lacks.
QUESTION_WORD = re.compile(r"[几哪啥吗呢么]|多少|多久|多长|多大|多高|多远|什么|怎|如何|是否|能否|可否|有没有|是不是|要不要|能不能|会不会")
# Part-of-speech tags (jieba's dictionary) of the words that name what a question is about: nouns, place and
# person names, verbal nouns (管理, 救援).
TOPIC_TAGS = ("n", "vn")


def topic_weights(words: frozenset[str], idf: dict[str, float]) -> dict[str, float]:
    """Weights of a query's words for the not-found coverage: a noun weighs its IDF (a rare noun the best clause
    lacks, 深圳 or 核电站, is the clearest sign the corpus does not cover the question); any other word weighs 1,
    as colloquial verbs and adverbs (耽搁, 最多) vary with phrasing; question words are left out, with the
    sub-words search-mode tokenizing splits from them (多长时间 → 时间)."""
    tags = word_tags()
    asked = [w for w in words if QUESTION_WORD.search(w)]
    return {w: idf.get(w, 1.0) if tags.get(w, "").startswith(TOPIC_TAGS) else 1.0
            for w in words if not any(w in question_word for question_word in asked)}


def addresses(clause: str | None, chunk: Chunk) -> bool:
    """Whether a chunk is the clause named in the query: 第十七条 itself, or section 4.2 and its sub-sections."""
    if not clause:
        return False
    number = chunk.metadata.get("number", "")
    if clause.startswith("第"):
        return number == clause
    return number == clause or number.startswith(clause + ".")


def first_mentioned(parsed: ParsedQuery, superseded: set[str]) -> list[str]:
    """The document the query names first, [] for none; of a name two versions share (「应对法」), the version in force."""
    return ([d for d in parsed.mentioned_doc_ids if d not in superseded] or parsed.mentioned_doc_ids)[:1]


def adjust_scores(
    scores: dict[str, float],
    chunks: dict[str, Chunk],
    parsed: ParsedQuery,
    documents: list[DocumentInfo],
    options: SearchOptions,
    placed: set[str] | None = None,
) -> dict[str, float]:
    """`placed`: documents whose text names a local place the query names, when the query names no document."""
    adjusted = dict(scores)
    words = parsed.words if options.coverage_bonus else frozenset()
    hazard_docs = set(parsed.hazard_doc_ids) if options.document_preference else set()
    superseded = superseded_doc_ids(documents, parsed.mentioned_years, parsed.prefers_older) if options.version_preference else set()
    mentioned = set(first_mentioned(parsed, superseded)) if options.document_preference else set()
    for chunk_id, score in scores.items():
        chunk = chunks[chunk_id]
        if chunk.doc_id in mentioned:
            score += MENTIONED_DOCUMENT_BONUS
        elif chunk.doc_id in (placed or ()):
            score += PLACE_BONUS
        elif chunk.doc_id in hazard_docs:
            score += HAZARD_BONUS
        if words:
            score += options.coverage_bonus * FIRST_PLACE * word_coverage(words, chunk.indexed_text,
                                                                          alternatives=parsed.colloquial)
        if chunk.doc_id in superseded:
            score -= SUPERSEDED_PENALTY
        if options.clause_addressing and chunk.doc_id == parsed.addressed_doc_id and \
                addresses(parsed.addressed_clause, chunk):
            score += ADDRESSED_CLAUSE_BONUS
        adjusted[chunk_id] = score
    return adjusted
