"""The extractive composer: answers are verbatim sentences of the retrieved clauses, chosen and ordered.

No model, deterministic, faithful by construction; the grounding check still runs on every sentence.
"""

from __future__ import annotations

import re

from assistant.answer_types import missing_answer_type
from assistant.composers import Draft
from assistant.conclusion import grading_conclusion
from assistant.grounding import content_overlap
from retrieval.chunking import split_sentences
from retrieval.models import DocumentInfo, Hit
from retrieval.ranking.intent import question_intent, states
from retrieval.search import SearchResult

RELATIVE_SCORE_FLOOR = 0.45


def relevant_hits(hits: list[Hit], limit: int = 5) -> list[Hit]:
    """The head of the hit list: hits scoring within a fraction of the best one."""
    if not hits:
        return []
    best = hits[0].score
    return [h for h in hits[:limit] if best <= 0 or h.score >= best * RELATIVE_SCORE_FLOOR]


def refusal_reason(result: SearchResult, documents: list[DocumentInfo] | None = None) -> str:
    """"Not found", naming what the question asks about that the library does not hold, when it names one, and
    what close to it the library does hold (`assistant.tasks.guard`)."""
    from assistant.tasks.guard import refusal_for

    return refusal_for(result, documents or [])


def states_asked_fact(question: str, result: SearchResult) -> bool:
    """Whether the top hit states the fact asked, so that a low relevance score does not make it "not found":
    it is from a document the question names and states the kind of fact asked (a level, who decides, a
    penalty …), or the question gives facts that meet one of its grading thresholds (「死了2个人，启几级响应」
    against 「造成1人以上3人以下死亡」)."""
    if result.absent or not result.hits:
        return False
    top = result.hits[0]
    if grading_conclusion(question, [(s, top.chunk.locator) for s in clause_sentences(top)]) is not None:
        return True
    return top.chunk.doc_id in result.query.mentioned_doc_ids and states(question_intent(question), top.chunk.text)


def answering_hits(question: str, result: SearchResult) -> list[Hit]:
    """The hits an answer may draw on: none when search found nothing relevant, or when the question asks for a
    kind of fact (an amount, a time limit, …) that none of the relevant hits states."""
    hits = [] if result.not_found and not states_asked_fact(question, result) else relevant_hits(result.hits)
    if hits and missing_answer_type(question, [h.chunk.text for h in hits]) is not None:
        return []
    return hits


HEADING_LIKE_MAX = 30


def is_heading_line(line: str) -> bool:
    """A short line without sentence punctuation: the heading of a merged part, not a statement."""
    line = line.strip()
    return len(line) <= HEADING_LIKE_MAX and not any(p in line for p in "。；！？，：")


def text_sentences(text: str) -> list[str]:
    """Sentences of a chunk's text; a line break (a paragraph or heading boundary) also ends a sentence, and
    bare heading lines are left out."""
    return [s.strip() for line in text.splitlines() if not is_heading_line(line)
            for s in split_sentences(line) if len(s.strip()) > 1]


def clause_sentences(hit: Hit) -> list[str]:
    return text_sentences(hit.chunk.text)


# 「貔川县人民政府办公室　　2025年9月22日印发」「抄送：县委办公室，…」: who issued a document and to whom, which answers
# only a question about that
_ISSUING_LINE = re.compile(r"^\s*(?:抄送|主送|分送)[：:]|(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^。；]{1,8}日\s*(?:印发|发布)\s*$")
_ASKS_ISSUING = re.compile(r"印发|发布|抄送|主送|发文|哪天|哪一天|什么时候|何时|日期|issued|published", re.IGNORECASE)


def answer_sentences(hit: Hit, question: str) -> list[str]:
    """The clause's sentences an answer may show: without the lines that say who issued the document and to whom,
    unless the question asks that."""
    sentences = clause_sentences(hit)
    return sentences if _ASKS_ISSUING.search(question) else [s for s in sentences if not _ISSUING_LINE.search(s)]


def summary_sentence(question: str, hit: Hit) -> str | None:
    """The sentence of a clause that best answers the question (most shared content words)."""
    sentences = clause_sentences(hit)
    if not sentences:
        return None
    return max(sentences, key=lambda s: (content_overlap(question, s), -sentences.index(s)))


TOP_CLAUSE_MAX_SENTENCES = 40


def verbatim_clauses(hits: list[Hit], max_sentences: int = 12) -> list[Draft]:
    """Each relevant clause sentence by sentence, each citing its chunk: the best one whole (a long section can
    hold the answer in its last paragraph), the others up to `max_sentences`."""
    drafts: list[Draft] = []
    for rank, hit in enumerate(hits):
        cap = TOP_CLAUSE_MAX_SENTENCES if rank == 0 else max_sentences
        for sentence in clause_sentences(hit)[:cap]:
            drafts.append(Draft(sentence, [hit.chunk], section=hit.chunk.chunk_id))
    return drafts


def best_sentences(question: str, hits: list[Hit], max_sentences: int = 5) -> list[Draft]:
    """The sentences across the relevant clauses that share most words with the question, in text order."""
    scored: list[tuple[float, int, int, Draft]] = []
    for rank, hit in enumerate(hits):
        for position, sentence in enumerate(clause_sentences(hit)):
            score = content_overlap(question, sentence) - 0.05 * rank
            scored.append((score, rank, position, Draft(sentence, [hit.chunk])))
    chosen = sorted(scored, key=lambda item: -item[0])[:max_sentences]
    return [d for *_, d in sorted(chosen, key=lambda item: (item[1], item[2]))]
