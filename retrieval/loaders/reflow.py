"""Re-join printed lines into paragraphs, within a page and across page breaks.

A printed paragraph fills every line to the right margin except its last, and Chinese documents indent a
paragraph's first line. So a line break ends a paragraph when the line before it is short (or a 第…章
heading), or when that line is complete (sentence-final punctuation) and the next line is indented, opens
an article (第…条) or is itself a short heading-like line; in a document without indents, a complete line
ends its paragraph. A full-width line that ends mid-sentence is a wrapped line even when the next line starts
with something that looks like a unit ("依照本法" ⏎ "第二十条的规定"). Line lengths are measured in
full-width characters, and the right margin is estimated from the lines themselves.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from retrieval.models import Block

_SENTENCE_END = re.compile(r"[。！？；：!?;:][”’」』）)】》\"']*$")
_CLAUSE_PUNCTUATION = set("。！？；：，、!?;:,")
_NEVER_STARTS_LINE = set("，。、；：？！）》」』】〕”’,.;:?!)%％")
_CN_NUMBER = "[一二三四五六七八九十百千零〇两\\d]+"
# 第十七条 opens an article; 第十七条的规定 / 第三条规定 are references to one.
_ARTICLE_START = re.compile(rf"^第{_CN_NUMBER}条(?![的规之、和或至及中第（(所项款])")
_LAW_HEADING = re.compile(rf"^第{_CN_NUMBER}[编章节](?:\s*\S){{0,24}}$")
# Characters a wrapped line may fall short of the margin (line-breaking rules, Latin words pushed down).
_MIN_TOLERANCE = 3.0
_TOLERANCE_SHARE = 0.1
_MIN_LINES_FOR_PAGE_WIDTH = 8
_WIDER_PAGE = 1.2


@dataclass(frozen=True)
class PrintedLine:
    """One line of a printed page.

    `extent` is how far the line reaches from the left margin, in full-width characters (or any unit used
    consistently within a page); `indented` says the line starts to the right of the left margin.
    """

    text: str
    page: int
    extent: float
    indented: bool = False


def display_width(text: str) -> float:
    """Width of text in full-width characters: CJK counts 1, Latin letters, digits and spaces ½.

    Characters of ambiguous width (“ ” — … ①) are set full width in Chinese text.
    """
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def _margin(extents: list[float]) -> float:
    """The right margin: the most common length among the longer half of the lines."""
    longer = sorted(extents)[len(extents) // 2 :]
    counts = Counter(round(extent) for extent in longer)
    return float(max(counts, key=lambda width: (counts[width], width)))


def _full_widths(lines: list[PrintedLine]) -> dict[int, float]:
    """Per page, the length from which a line counts as full (reaching the right margin)."""
    by_page: dict[int, list[float]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line.extent)
    document_margin = _margin([line.extent for line in lines])
    thresholds = {}
    for page, extents in by_page.items():
        margin = document_margin
        # Only a page much wider than the rest (a landscape table) gets its own margin: a page's own estimate
        # is easily thrown by a contents list or a few lines padded with spaces.
        if len(extents) >= _MIN_LINES_FOR_PAGE_WIDTH and _margin(extents) > _WIDER_PAGE * document_margin:
            margin = _margin(extents)
        thresholds[page] = margin - max(_MIN_TOLERANCE, _TOLERANCE_SHARE * margin)
    return thresholds


def _is_heading(text: str) -> bool:
    return bool(_LAW_HEADING.match(text)) and not _SENTENCE_END.search(text)


def _is_short_heading(line: PrintedLine, full_width: float) -> bool:
    """A short line without closing punctuation (`1.1 概况`, `一、总则`, a title): the last line of a
    paragraph would end its sentence."""
    return line.extent < full_width and line.text[-1] not in _CLAUSE_PUNCTUATION


def _continues(previous: PrintedLine, line: PrintedLine, full_width: float, indents_known: bool) -> bool:
    """Whether `line` continues the paragraph that `previous` belongs to."""
    if line.page - previous.page > 1:  # an unreadable or blank page in between
        return False
    if line.text[0] in _NEVER_STARTS_LINE:
        return True
    if _is_heading(previous.text) or previous.extent < full_width:
        return False
    if not _SENTENCE_END.search(previous.text):
        return True
    if not indents_known:
        return False
    # The previous line is full and complete: only an indent, an article or a heading starts a new paragraph.
    return not (
        line.indented
        or _ARTICLE_START.match(line.text)
        or _is_heading(line.text)
        or _is_short_heading(line, full_width)
    )


def _join(left: str, right: str) -> str:
    """Chinese joins directly; Latin words and numbers keep one space between them."""
    latin_left = left[-1].isascii() and (left[-1].isalnum() or left[-1] in ",.;:!?)")
    if (
        latin_left
        and right[0].isascii()
        and right[0].isalnum()
        and not (left[-1] in ".," and right[0].isdigit())
    ):
        return f"{left} {right}"
    return left + right


def reflow(lines: list[PrintedLine]) -> list[Block]:
    """Paragraph blocks from the lines of a document, in order, each with the pages it spans."""
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return []
    full_widths = _full_widths(lines)
    indents_known = any(line.indented for line in lines)
    paragraphs: list[list[PrintedLine]] = [[lines[0]]]
    for line in lines[1:]:
        previous = paragraphs[-1][-1]
        if _continues(previous, line, full_widths[previous.page], indents_known):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    blocks = []
    for paragraph in paragraphs:
        text = paragraph[0].text.strip()
        for line in paragraph[1:]:
            text = _join(text, line.text.strip())
        blocks.append(Block(text=text, page_start=paragraph[0].page, page_end=paragraph[-1].page))
    return blocks
