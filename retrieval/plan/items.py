"""List items and sentences: the pieces of plan text that levels, measures and report rules are read from.

`split_items` cuts text at list markers （1）, (a), 1., ① (also markers run into one line), `strip_marker` and
`is_item` handle one item, and `sentences` cuts at 。！？ or a line end.
"""

from __future__ import annotations

import re

_ITEM_START = re.compile(
    r"(?:^|(?<=[\n。；;：:]))[ \t]*(?=[（(]\d{1,2}[)）]|[（(][a-h][)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|\$\\textcircled)"
)
_ITEM_MARK = re.compile(r"^\s*(?:[（(]\d{1,2}[)）]|[（(][a-h][)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|\$\\textcircled\{\d+\}\$)\s*")


# 「2.24小时降雨量超过100毫米」 on the line after item 1.: item 2, not the number 2.24
_NUMBER_AFTER_MARK = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<n>\d{1,2})(?P<dot>[.．、])(?=\d)")
_NUMBERED = re.compile(r"[ \t]*(?P<n>\d{1,2})[.．、](?!\d)")


def split_items(text: str) -> list[str]:
    """Text cut at list markers （1）, 1., ① — also markers run into one line (「：（1）…。（2）…」); a line that
    starts with the next number of a 1./2. list is its item even when a figure follows the dot."""
    cuts = {0, *(m.start() for m in _ITEM_START.finditer(text))}
    numbered = {m.start(): int(m["n"]) for m in _NUMBERED.finditer(text) if m.start() in cuts}
    marks: dict[int, int] = {}
    for m in _NUMBER_AFTER_MARK.finditer(text):
        before = [n for at, n in numbered.items() if at < m.start()]
        if before and int(m["n"]) == before[-1] + 1:
            cuts.add(m.start())
            numbered[m.start()] = int(m["n"])
            marks[m.start()] = m.end("dot")
    ordered = sorted(cuts)
    pieces = []
    for a, b in zip(ordered, [*ordered[1:], len(text)], strict=True):
        piece = text[a:b]
        if a in marks:  # the marker apart from the figure, so that `strip_marker` takes it off
            piece = f"{text[a:marks[a]]} {text[marks[a]:b]}"
        pieces.append(piece)
    return [p for p in pieces if p.strip()]


_CHINESE_ITEM_START = re.compile(r"(?:^|(?<=\n))[ \t]*(?=[（(][一二三四五六七八九十]{1,3}[)）])")
CHINESE_ITEM_MARK = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]\s*")


def chinese_items(text: str) -> list[str]:
    """A list whose items open lines with 「（一）」「（二）」 (left in a body, not taken for headings), each item
    without its marker; [] when the text has fewer than two."""
    cuts = [m.start() for m in _CHINESE_ITEM_START.finditer(text)]
    if len(cuts) < 2:
        return []
    pieces = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    return [CHINESE_ITEM_MARK.sub("", p).strip().rstrip("；;。").strip() for p in pieces if p.strip()]


# 「一是…；二是\n…；三是…」: items counted in words, run into a paragraph that OCR may break inside a count word
COUNT_WORD = re.compile(r"[一二三四五六七八九十]{1,2}是")
COUNTED_ITEM = re.compile(rf"(?:^|(?<=[：:；;。\n]))\s*{COUNT_WORD.pattern}")


def counted_items(text: str, one_sentence: bool = False) -> list[str]:
    """The items of a list counted in words (「一是…；二是…」) on the text's lines joined, each without its count
    word; `one_sentence`: an item ends at its first 「。」 (the paragraph may go on after the list). [] for fewer
    than two."""
    flat = re.sub(r"\s*\n\s*", "", text)
    parts = re.split(rf"(?<=[：:；;。])\s*(?={COUNT_WORD.pattern})", flat)
    found = [p[m.end():] for p in parts if (m := COUNT_WORD.match(p))]
    if one_sentence:
        found = [f.split("。", 1)[0] for f in found]
    found = [f.strip().rstrip("；;。").strip() for f in found]
    return found if len(found) >= 2 else []


def strip_marker(item: str) -> str:
    return _ITEM_MARK.sub("", item).strip().rstrip("；;。").strip()


def is_item(text: str) -> bool:
    return bool(_ITEM_MARK.match(text))


def sentences(text: str) -> list[str]:
    """Sentences ending at 。！？ or a line end, verbatim and trimmed."""
    return [s.strip() for s in re.findall(r"[^。！？\n]+[。！？]?", text) if s.strip()]


def up_to_finished_sentence(text: str, ends: str = "。；;！？") -> str:
    """Hard-wrapped lines joined, up to a line that follows a finished sentence (one ending in a mark of `ends`):
    a list's last item without what follows the list (a decider paragraph, the next part's heading)."""
    lines = text.split("\n")
    kept = [lines[0]]
    for line in lines[1:]:
        if kept[-1].rstrip() and kept[-1].rstrip()[-1] in ends and line.strip():
            break
        kept.append(line)
    return "\n".join(kept)
