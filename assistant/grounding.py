"""The grounding check: a sentence stands only if the passages it cites support it.

A sentence is supported by a cited chunk when
- it cites at least one chunk that exists among the answer's passages,
- the chunk is not flagged as instruction-like (`retrieval.injection.is_flagged`, the ingest-time check): a
  passage that addresses a model is never evidence, for any task,
- and it stands verbatim in the chunk, or one sentence of the chunk (the quote) carries it: every number, time
  limit, response level and organisation name in it appears in that sentence or the clause's headings — not
  merely elsewhere in the chunk (Chinese and Arabic numerals compared as numbers; Ⅱ级 = 二级 = II级) — and
  enough of its content words (jieba tokens, stop words removed) occur in that sentence.
Unsupported sentences are removed and counted; an answer left with none is refused as "not found".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from retrieval.chunking import split_sentences
from retrieval.injection import is_flagged, is_instruction_like
from retrieval.models import Chunk
from retrieval.ranking.numerals import CN_NUMERAL_CHARS, cn_to_int
from retrieval.ranking.signals import word_coverage
from retrieval.store.lexical import tokenize

MIN_CONTENT_OVERLAP = 0.6
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CN_NUMBER = re.compile(rf"[{CN_NUMERAL_CHARS}]{{1,6}}(?=[个名人小分天日时级万千米毫条款项%‰])")
_LEVEL = re.compile(r"(Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|[一二三四])级")
_LEVEL_VALUE = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2, "III": 3, "IV": 4, "一": 1, "二": 2, "三": 3, "四": 4}
_ORG_SUFFIX = re.compile(r"(?:委员会|指挥部|办事处|分局|支队|大队|中心|局|委|厅)")
_ORG_PREFIXES = "区市县省镇"
_ORG_MAX = 12


@dataclass
class Verdict:
    supported: bool
    chunk_id: str | None = None
    quote: str | None = None
    reason: str = ""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def numbers_in(text: str) -> set[float]:
    """Numbers written with digits or as Chinese numerals before a unit (三十分钟, 二级)."""
    folded = _fold(text)
    values = {float(n) for n in _NUMBER.findall(folded)}
    for match in _CN_NUMBER.findall(folded):
        try:
            values.add(float(cn_to_int(match)))
        except ValueError:
            continue
    return values


def levels_in(text: str) -> set[int]:
    return {_LEVEL_VALUE[m] for m in _LEVEL.findall(unicodedata.normalize("NFC", text))}


def organisations_in(text: str) -> set[str]:
    """Names of bodies (区应急管理局, 市防汛抗旱指挥部): from the nearest 区/市/县/省 back to the suffix."""
    folded = _fold(text)
    names: set[str] = set()
    for match in _ORG_SUFFIX.finditer(folded):
        window = folded[max(0, match.start() - _ORG_MAX) : match.end()]
        start = max(window.rfind(p) for p in _ORG_PREFIXES)
        if start >= 0 and len(window) - start >= 3:
            names.add(window[start:])
    return names


@lru_cache(maxsize=4096)
def content_words(sentence: str) -> frozenset[str]:
    """The words of a sentence that carry content (two characters or more, or digits); cached, as a checked
    sentence is compared with every sentence of the clauses it cites."""
    return frozenset(t for t in tokenize(sentence) if len(t) > 1 or t.isdigit())


def content_overlap(sentence: str, passage: str) -> float:
    """Share of the sentence's content words that occur in the passage (the coverage search uses)."""
    return word_coverage(content_words(sentence), passage)


def quote_spans(chunk: Chunk) -> list[list[str]]:
    """The chunk's sentences, line by line, then each two neighbours of a line (verbatim slices of the text).

    A quote never spans two paragraphs, nor two stored parts of a whole clause.
    """
    singles: list[str] = []
    pairs: list[str] = []
    for line in chunk.text.splitlines():
        bounds: list[tuple[int, int]] = []
        position = 0
        for sentence in split_sentences(line):
            sentence = sentence.strip()
            start = line.find(sentence, position) if sentence else -1
            if start < 0:
                continue
            bounds.append((start, start + len(sentence)))
            position = start + len(sentence)
        singles += [line[a:b] for a, b in bounds]
        pairs += [line[a:d] for (a, _), (_, d) in zip(bounds, bounds[1:], strict=False)]
    return [singles or [chunk.text.strip()], pairs]


def best_quote(sentence: str, chunk: Chunk) -> str:
    """The sentence of the chunk that shares most content words with `sentence` (verbatim)."""
    folded = _fold(sentence)
    candidates = quote_spans(chunk)[0]
    exact = next((c for c in candidates if folded and folded in _fold(c)), None)
    if exact is not None:
        return exact.strip()
    return max(candidates, key=lambda c: content_overlap(sentence, c)).strip()


def missing_facts(sentence: str, source: str) -> str:
    """Why `source` does not carry the sentence's numbers, response levels and units ("" when it does)."""
    missing_numbers = numbers_in(sentence) - numbers_in(source)
    if missing_numbers:
        return f"number not in the quoted sentence: {sorted(missing_numbers)}"
    missing_levels = levels_in(sentence) - levels_in(source)
    if missing_levels:
        return f"level not in the quoted sentence: {sorted(missing_levels)}"
    folded_source = _fold(source)
    missing_orgs = sorted(o for o in organisations_in(sentence) if o not in folded_source)
    if missing_orgs:
        return f"unit not in the quoted sentence: {missing_orgs}"
    return ""


def supports(sentence: str, chunk: Chunk) -> tuple[bool, str, str]:
    """Whether one chunk supports one sentence: (supported, reason when not, the quote when it is).

    A sentence found verbatim in the chunk is quoted as it stands (within one sentence of the chunk or two
    neighbouring ones). Otherwise one sentence of the chunk must carry it: its numbers, levels and units stand
    in that sentence or the clause's headings, and enough of its content words in that sentence — not merely
    somewhere in the chunk. A chunk quoting 0371-12345678 as the duty number does not support 「值班电话是110」
    because another of its sentences mentions 110.
    """
    heading = " ".join(chunk.heading_path)
    folded = _fold(sentence)
    singles, pairs = quote_spans(chunk)
    exact = next((s for s in (*singles, *pairs) if folded and folded in _fold(s)), None)
    if exact is not None:
        return True, "", exact.strip()
    if folded and folded in _fold(chunk.text + "\n" + heading):  # verbatim, across lines or in the headings
        return True, "", best_quote(sentence, chunk)
    ranked = sorted(singles, key=lambda c: -content_overlap(sentence, c))
    for candidate in ranked:
        if not missing_facts(sentence, candidate + "\n" + heading) and (
                content_overlap(sentence, candidate) >= MIN_CONTENT_OVERLAP):
            return True, "", candidate.strip()
    if not ranked:
        return False, "no text", ""
    overlap = content_overlap(sentence, ranked[0])
    reason = missing_facts(sentence, ranked[0] + "\n" + heading) or (
        f"content overlap {overlap:.2f} < {MIN_CONTENT_OVERLAP}")
    return False, reason, ""


def check_sentence(sentence: str, cited: list[Chunk]) -> Verdict:
    """Supported when at least one cited chunk supports the sentence; the quote comes from that chunk."""
    if not cited:
        return Verdict(False, reason="no citation")
    if is_instruction_like(sentence):
        return Verdict(False, reason="instruction-like text is not evidence")
    reasons: list[str] = []
    for chunk in cited:
        if is_flagged(chunk):
            reasons.append(f"{chunk.chunk_id} is flagged as instruction-like: never evidence")
            continue
        ok, reason, quote = supports(sentence, chunk)
        if ok and not is_instruction_like(quote):
            return Verdict(True, chunk_id=chunk.chunk_id, quote=quote)
        reasons.append(reason or "support is instruction-like text")
    return Verdict(False, reason="; ".join(reasons))
