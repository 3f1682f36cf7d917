"""Assemble an `Answer` sentence by sentence, grounding each one against the chunks it cites.

Every task and composer goes through `AnswerBuilder.add`: a sentence that the cited text does not support
is dropped and counted, never shown. Citations are numbered in order of first use; each carries the verbatim
quote that supports its sentence.
"""

from __future__ import annotations

import re

from assistant.grounding import check_sentence
from assistant.models import NOT_FOUND, Answer, Citation, Sentence, Task
from retrieval.cleanup import clean_text
from retrieval.injection import is_flagged
from retrieval.models import Chunk, Hit
from retrieval.ranking.clauses import first_part_text, part_holding
from retrieval.ranking.numerals import level_to_int

_LEVEL_MARK = re.compile(r"(?<![A-Za-z])(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I)\s*级|[红橙黄蓝]色")


def short_level(label: str) -> str:
    """「Ⅲ级应急响应」 → 「Ⅲ级」, 「橙色预警」 → 「橙色」."""
    m = _LEVEL_MARK.search(label)
    return re.sub(r"\s+", "", m[0]) if m else label


def _level_number(text: str) -> int | None:
    """「二 级」「Ⅱ级应急响应」 → 2."""
    m = re.search(r"(Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|[一二三四1-4])\s*级", text)
    return level_to_int(m[1]) if m else None


# a plan's own level name at the head of its label (「四号响应（Ⅰ级）」「丙级响应（Ⅲ级）」: retrieval.plan.aliases.own_label)
_OWN_LEVEL = re.compile(r"[一二三四]号|[甲乙丙丁]级")


def _under_own_name(before: str, label: str) -> bool:
    """The last of a plan's own level names a text gives before a criterion is the label's (「（四）四号响应。出现下列情形之一
    的，启动四号响应：」 before the criterion of 「四号响应（Ⅰ级）」)."""
    own = _OWN_LEVEL.match(label)
    found = _OWN_LEVEL.findall(before)
    return bool(own and "（" in label and found and found[-1] == own[0])


def nearest_level_label(before: str, label: str) -> str | None:
    """The last level of `label`'s kind (Ⅰ–Ⅳ级, or a colour) a text names before a criterion: the row's
    「Ⅲ级 | …」 or the list's 「…启动Ⅲ级应急响应：」, not a warning colour inside the criteria."""
    colour = "色" in short_level(label)
    found = [m[0] for m in _LEVEL_MARK.finditer(before) if ("色" in m[0]) == colour]
    return re.sub(r"\s+", "", found[-1]) if found else None


def citation_for(n: int, chunk: Chunk, quote: str) -> Citation:
    """A citation of `quote`; for a whole clause joined from stored parts, of the part that holds the quote.
    A source without pages (Markdown, text, Word, HTML) is cited without a page."""
    chunk_id, page = part_holding(chunk, quote)
    return Citation(
        n=n,
        chunk_id=chunk_id,
        doc_title=chunk.doc_title,
        locator=part_locator(chunk, quote),
        page=page if chunk.paged else None,
        quote=quote,
        version=chunk.metadata.get("version"),
        source_path=chunk.source_path,
    )


def part_locator(chunk: Chunk, quote: str) -> str:
    """The locator of the part of a merged chunk (「4.4 交通保障 / 4.5 医疗保障 / 4.6 通信保障」) that holds the quote:
    the last part whose number opens a line before it. The chunk's locator when it is one part or none is found."""
    parts = chunk.locator.split(" / ")
    at = chunk.text.find(quote)
    if len(parts) < 2 or at < 0:
        return chunk.locator
    starts = [(m.start(), part) for part in parts
              for m in re.finditer(rf"(?m)^\s*{re.escape(part.split()[0])}", chunk.text) if m.start() <= at]
    return max(starts)[1] if starts else chunk.locator


def part_text(chunk: Chunk, part_id: str) -> str:
    """The text of one stored part of a whole clause (the whole text for a clause stored as one chunk)."""
    parts = chunk.metadata.get("parts")
    if not parts:
        return chunk.text
    index = next(i for i, p in enumerate(parts) if p["chunk_id"] == part_id)
    end = parts[index + 1]["start"] - 1 if index + 1 < len(parts) else len(chunk.text)
    return chunk.text[parts[index]["start"]:end]


def _span(text: str, first: str, second: str) -> str | None:
    """The verbatim stretch of `text` from the earlier of two quotes to the end of the later one."""
    a, b = text.find(first), text.find(second)
    if a < 0 or b < 0:
        return None
    return text[min(a, b): max(a + len(first), b + len(second))]


class AnswerBuilder:
    def __init__(self, task: Task, question: str, *, per_clause: bool = False) -> None:
        self.task = task
        self.question = question
        self.sentences: list[Sentence] = []
        self.citations: list[Citation] = []
        self.removed = 0
        self._by_key: dict[tuple[str, str], int] = {}
        self._clause_of: dict[int, str] = {}
        self.per_clause = per_clause

    def cite(self, chunk: Chunk, quote: str) -> int:
        """With `per_clause` (lookup, chat), one citation number per clause: a further quote of a clause already
        cited widens that citation's quote to the verbatim span of the stored part that holds both."""
        key = (chunk.chunk_id, quote)
        if key in self._by_key:
            return self._by_key[key]
        for citation in self.citations if self.per_clause else []:
            if citation.chunk_id == part_holding(chunk, quote)[0] and self._clause_of.get(citation.n) == chunk.chunk_id:
                span = _span(part_text(chunk, citation.chunk_id), citation.quote, quote)
                if span is not None:
                    citation.quote = span
                    self._by_key[key] = citation.n
                    return citation.n
        n = len(self.citations) + 1
        self.citations.append(citation_for(n, chunk, quote))
        self._by_key[key] = n
        self._clause_of[n] = chunk.chunk_id
        return n

    def add(self, text: str, cited: list[Chunk], section: str | None = None) -> int | None:
        """Add a sentence if the cited chunks support it; return its index, or None when it was removed."""
        text = text.strip()
        if not text:
            return None
        duplicate = next((i for i, s in enumerate(self.sentences) if s.text == text), None)
        if duplicate is not None:
            return duplicate
        verdict = check_sentence(text, cited)
        if not verdict.supported:
            self.removed += 1
            return None
        chunk = next(c for c in cited if c.chunk_id == verdict.chunk_id)
        n = self.cite(chunk, verdict.quote or text)
        self.sentences.append(Sentence(text=text, citations=[n], section=section))
        return len(self.sentences) - 1

    def add_cleaned(self, verbatim: str, chunk: Chunk, section: str | None = None) -> int | None:
        """A passage of the chunk as an officer reads it (OCR/LaTeX residue such as `$5 6 \\mathrm { m }$`
        normalised, on one line), its citation quoting it verbatim; a passage without residue is added as it stands."""
        shown = re.sub(r"\s*\n\s*", " ", clean_text(verbatim)).strip()
        if shown == verbatim.strip():
            return self.add(verbatim, [chunk], section=section)
        if is_flagged(chunk) or verbatim not in chunk.text:
            self.removed += 1
            return None
        if (same := next((i for i, s in enumerate(self.sentences) if s.text == shown), None)) is not None:
            return same
        n = self.cite(chunk, verbatim)
        self.sentences.append(Sentence(text=shown, citations=[n], section=section))
        return len(self.sentences) - 1

    def add_conclusion(self, text: str, chunk: Chunk, grading_sentence: str, label: str,
                       section: str | None = None, column: str = "") -> int | None:
        """A computed conclusion (「按《…》5.1.4，属Ⅰ级应急响应。」): it stands when the grading sentence it was
        computed from is verbatim in the chunk and the level it names is that sentence's, the clause heading's or
        the table column's it sits in (`column`: 「二 级」); the citation quotes the grading sentence."""
        heading = " ".join([chunk.locator, *chunk.heading_path])
        before = chunk.text[: chunk.text.find(grading_sentence)]  # the clause's text before the criterion
        if (is_flagged(chunk) or grading_sentence not in chunk.text
                or (label not in grading_sentence and label not in heading
                    # 「Ⅲ级响应」 under the heading 「5.5 Ⅲ级应急响应」, in a part of the clause that names no level
                    and nearest_level_label(heading, label) != short_level(label)
                    and not (column and _level_number(column) is not None
                             and _level_number(column) == _level_number(label))
                    and nearest_level_label(before, label) != short_level(label)
                    and not _under_own_name(before, label))):
            self.removed += 1
            return None
        n = self.cite(chunk, grading_sentence)
        self.sentences.append(Sentence(text=text.strip(), citations=[n], section=section))
        return len(self.sentences) - 1

    def build(self, *, closest: list[Hit] | None = None, payload: dict | None = None,
              refuse_reason: str | None = None) -> Answer:
        refused = refuse_reason is not None or not self.sentences
        answer = Answer(
            task=self.task,
            question=self.question,
            sentences=[] if refused else self.sentences,
            citations=[] if refused else self.citations,
            refused=refused,
            refusal_reason=(refuse_reason or NOT_FOUND) if refused else None,
            removed_sentences=self.removed,
            payload=payload or {},
        )
        leads = [h for h in closest or [] if not is_flagged(h.chunk)]  # a flagged passage is not even a lead
        if refused and leads:
            answer.closest = [citation_for(i + 1, h.chunk, first_part_text(h.chunk)[:200])
                              for i, h in enumerate(leads[:3])]
        return answer
