"""Running headers, footers and page numbers of printed pages: find them and take them out.

A line is a running header or footer when (with its digits normalised) it repeats at the top or bottom of at
least half the pages of a document of three or more pages. Page-number lines (`— 3 —`, `第 3 页 共 9 页`, `3/9`)
are removed from the top and bottom of any page. Only the outermost occurrence on a page is removed, so a
title line that repeats the running header (page 1 of most documents) stays in the text.
"""

from __future__ import annotations

import re
from collections import Counter

from retrieval.loaders.reflow import PrintedLine

_ZONE = 3  # lines at each end of a page where headers, footers and page numbers live
_MIN_PAGES = 3
_MIN_SHARE = 0.5
_DASHES = r"[-—–―－一~～_·•\s]"
_PAGE_NUMBER = re.compile(
    rf"^(?:{_DASHES}*\d{{1,4}}{_DASHES}*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def _shape(text: str) -> str:
    """What stays the same from page to page: digits become #, spaces go."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _zones(count: int) -> tuple[range, range]:
    """Indexes of the top and bottom lines of a page, each from the page edge inwards."""
    return range(min(_ZONE, count)), range(count - 1, max(count - 1 - _ZONE, -1), -1)


def _running_shapes(pages: list[list[PrintedLine]]) -> set[str]:
    if len(pages) < _MIN_PAGES:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        top, bottom = _zones(len(lines))
        counts.update({_shape(lines[i].text) for i in [*top, *bottom]})
    needed = _MIN_SHARE * len(pages)
    return {shape for shape, count in counts.items() if shape and count >= needed}


def remove_running_lines(pages: list[list[PrintedLine]]) -> list[list[PrintedLine]]:
    """The lines of each page without running headers, footers and page-number lines."""
    running = _running_shapes(pages)
    cleaned = []
    for lines in pages:
        doomed: set[int] = set()
        for zone in _zones(len(lines)):
            removed_shapes: set[str] = set()
            for i in zone:
                shape = _shape(lines[i].text)
                if is_page_number(lines[i].text) or (shape in running and shape not in removed_shapes):
                    doomed.add(i)
                    removed_shapes.add(shape)
        cleaned.append([line for i, line in enumerate(lines) if i not in doomed])
    return cleaned
