"""quiz: drill questions built from real clauses by masking their key terms, with answer keys that cite them.

Key terms are time limits (30分钟内), quantities with units (50毫米, 3人), response levels (Ⅱ级) and warning
colours, and responsible bodies (区应急管理局). Distractors are terms of the same category found elsewhere in
the corpus. At most one question per clause; the same seed gives the same paper.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.composers.extractive import text_sentences
from assistant.models import Answer, QuizKind, QuizPayload, QuizQuestion, Task
from assistant.tasks.guard import absent_refusal
from retrieval.models import Chunk

if TYPE_CHECKING:
    from assistant.service import Assistant

_NUM = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)"
CATEGORIES: dict[str, re.Pattern[str]] = {
    "time_limit": re.compile(rf"{_NUM}\s*(?:分钟|小时|个工作日|个月|日|天|年)(?:内|以内)"),
    "level": re.compile(r"[ⅠⅡⅢⅣ]级(?:应急)?响应|(?:红|橙|黄|蓝)色预警|(?:特别重大|重大|较大|一般)(?:生产安全)?事故"),
    "quantity": re.compile(rf"{_NUM}\s*(?:万人|人|毫米|米|公顷|万元|亿元|户|%)(?:以上|以下)?"),
    "unit": re.compile(r"(?:区|市|县|省)[\u4e00-\u9fff]{1,10}?(?:管理局|委员会|指挥部|局|委|支队|中心)"),
    "body": re.compile(r"(?:县级以上|设区的市级|省级|国务院)[\u4e00-\u9fff]{0,14}?(?:部门|人民政府)"),
}
BLANK = "（____）"
MAX_POOL_CHUNKS = 4000
_KIND_CYCLE = [QuizKind.SINGLE, QuizKind.FILL_BLANK, QuizKind.TRUE_FALSE, QuizKind.MULTIPLE]


@dataclass
class _Term:
    sentence: str
    category: str
    terms: list[str]
    chunk: Chunk


def key_terms(sentence: str) -> list[tuple[str, list[str]]]:
    """(category, distinct terms) of a sentence, most specific categories first."""
    found = []
    for category, pattern in CATEGORIES.items():
        terms = list(dict.fromkeys(m.group(0) for m in pattern.finditer(sentence)))
        if terms:
            found.append((category, terms))
    return found


def _sentences(chunk: Chunk) -> list[str]:
    return [s for s in text_sentences(chunk.text) if 12 <= len(s) <= 160]


def term_pool(chunks: list[Chunk]) -> dict[str, set[str]]:
    pool: dict[str, set[str]] = {c: set() for c in CATEGORIES}
    for chunk in chunks[:MAX_POOL_CHUNKS]:
        for category, pattern in CATEGORIES.items():
            pool[category].update(m.group(0) for m in pattern.finditer(chunk.text))
    return pool


def candidates(chunks: list[Chunk]) -> list[_Term]:
    """One maskable sentence per chunk (the first with a key term)."""
    found: list[_Term] = []
    for chunk in chunks:
        for sentence in _sentences(chunk):
            terms = key_terms(sentence)
            if terms:
                category, words = terms[0]
                found.append(_Term(sentence, category, words, chunk))
                break
    return found


def _distractors(answer: list[str], category: str, pool: dict[str, set[str]], rng: random.Random, n: int):
    options = sorted(pool[category] - set(answer))
    rng.shuffle(options)
    return options[:n]


def make_question(qid: str, kind: QuizKind, term: _Term, pool, rng: random.Random, citation: int) -> QuizQuestion | None:
    answer = term.terms[:2] if kind is QuizKind.MULTIPLE else term.terms[:1]
    if kind is QuizKind.MULTIPLE and len(answer) < 2:
        kind, answer = QuizKind.SINGLE, term.terms[:1]
    stem = term.sentence
    for word in answer:
        stem = stem.replace(word, BLANK, 1)
    explanation = f"原文：{term.sentence}"
    base = dict(id=qid, stem=stem, explanation=explanation, citation=citation, category=term.category)
    if kind is QuizKind.FILL_BLANK:
        return QuizQuestion(kind=kind, answer=answer, **base)
    distractors = _distractors(answer, term.category, pool, rng, 4 - len(answer))
    if kind is QuizKind.TRUE_FALSE:
        if not distractors:
            return None
        truthful = rng.random() < 0.5
        shown = term.sentence if truthful else term.sentence.replace(answer[0], distractors[0], 1)
        return QuizQuestion(kind=kind, options=["正确", "错误"], answer=["正确" if truthful else "错误"],
                            **{**base, "stem": f"判断：{shown}"})
    if len(distractors) < 2:
        return None
    options = answer + distractors
    rng.shuffle(options)
    return QuizQuestion(kind=kind, options=options, answer=answer, **base)


def grade(payload: QuizPayload | dict, responses: dict[str, list[str] | str]) -> dict[str, Any]:
    """Score responses {question id: chosen option(s)}; fill-in answers compare without spaces."""
    quiz = QuizPayload.model_validate(payload)
    results = {}
    for question in quiz.questions:
        given = responses.get(question.id, [])
        given_set = {re.sub(r"\s+", "", g) for g in ([given] if isinstance(given, str) else given)}
        results[question.id] = given_set == {re.sub(r"\s+", "", a) for a in question.answer}
    correct = sum(results.values())
    return {"correct": correct, "total": len(results), "score": round(100 * correct / max(len(results), 1), 1),
            "per_question": results}


def _source_chunks(assistant: Assistant, topic: str, doc_ids: list[str] | None, filters,
                   allowed: set[str]) -> list[Chunk]:
    if doc_ids:
        return [c for d in doc_ids if d in allowed for c in assistant.chunks(d)]
    if topic:
        return [h.chunk for h in assistant.search(topic, k=60, filters=filters)]
    return [c for d in sorted(allowed) for c in assistant.chunks(d)]


def run(assistant: Assistant, question: str, *, n: int = 5, seed: int = 0, doc_ids: list[str] | None = None,
        kinds: list[str] | None = None, filters: dict[str, Any] | None = None, **_: Any) -> Answer:
    if not 1 <= n <= 50:
        raise ValueError("n must be between 1 and 50")
    if (absent := absent_refusal(assistant, Task.QUIZ, question, filters)) is not None:
        return absent
    rng = random.Random(seed)
    allowed = assistant.allowed_doc_ids(filters)
    chunks = _source_chunks(assistant, question, doc_ids, filters, allowed)
    pool_chunks = [c for d in sorted(allowed) for c in assistant.chunks(d)]
    pool = term_pool(pool_chunks)
    terms = candidates(chunks)
    if not question:
        rng.shuffle(terms)
    cycle = [QuizKind(k) for k in kinds] if kinds else _KIND_CYCLE
    builder = AnswerBuilder(Task.QUIZ, question)
    questions: list[QuizQuestion] = []
    for term in terms:
        if len(questions) >= n:
            break
        made = make_question(f"q{len(questions) + 1}", cycle[len(questions) % len(cycle)], term, pool, rng, 0)
        if made is None:
            continue
        index = builder.add(term.sentence, [term.chunk], section="explanation")
        if index is None:
            continue
        made.citation = builder.sentences[index].citations[0]
        questions.append(made)
    payload = QuizPayload(seed=seed, questions=questions).model_dump(mode="json")
    return builder.build(payload=payload)
