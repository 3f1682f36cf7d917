"""List items and sentences: the pieces of plan text that levels, measures and report rules are read from.

`split_items` cuts text at list markers （1）, 1., ① (also markers run into one line), `strip_marker` and
`is_item` handle one item, and `sentences` cuts at 。！？ or a line end.
"""

from __future__ import annotations

import re

_ITEM_START = re.compile(
    r"(?:^|(?<=[\n。；;：:]))[ \t]*(?=[（(]\d{1,2}[)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|\$\\textcircled)"
)
_ITEM_MARK = re.compile(r"^\s*(?:[（(]\d{1,2}[)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|\$\\textcircled\{\d+\}\$)\s*")


def split_items(text: str) -> list[str]:
    """Text cut at list markers （1）, 1., ① — also markers run into one line (「：（1）…。（2）…」)."""
    cuts = sorted({0, *(m.start() for m in _ITEM_START.finditer(text))})
    pieces = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    return [p for p in pieces if p.strip()]


def strip_marker(item: str) -> str:
    return _ITEM_MARK.sub("", item).strip().rstrip("；;。").strip()


def is_item(text: str) -> bool:
    return bool(_ITEM_MARK.match(text))


def sentences(text: str) -> list[str]:
    """Sentences ending at 。！？ or a line end, verbatim and trimmed."""
    return [s.strip() for s in re.findall(r"[^。！？\n]+[。！？]?", text) if s.strip()]
