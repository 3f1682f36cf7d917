"""HTML loader: headings, paragraphs, list items and table rows in document order, page furniture dropped.

Government sites often put text straight into `<div>`s separated by `<br>`, so loose text outside any
paragraph element also becomes blocks, split at `<br>` and at block-level elements.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from retrieval.loaders.base import FileType, LoadError, LoadOptions
from retrieval.loaders.encoding import decode_text
from retrieval.models import Block, LoadedDocument, Page

_DROPPED = {"script", "style", "nav", "noscript", "template", "svg", "head", "iframe", "object"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LEAF_BLOCKS = {"p", "li", "pre", "dt", "dd", "caption", "figcaption", "address", *_HEADINGS}
_SECTIONS = {"html", "body", "main", "div", "section", "article", "header", "footer", "aside", "center"}
_LISTS_AND_TABLES = {"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "td", "th"}
_BLOCK_TAGS = {
    *_LEAF_BLOCKS,
    *_SECTIONS,
    *_LISTS_AND_TABLES,
    "blockquote",
    "form",
    "fieldset",
    "figure",
    "hr",
    "br",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
# An explicit `<br>` line break, kept apart from the source's own line wrapping until blocks are cut.
_BR = "\u2028"
DEFAULT_MAX_NESTING = 200
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# Whitespace that contains a line break between two CJK characters is source wrapping, not a space.
_WRAPPED_CJK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _WRAPPED_CJK.sub("", text)).strip()


class _BlockCollector:
    """Walks the tree once, emitting blocks in document order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.loose: list[str] = []

    def flush(self) -> None:
        self.add("".join(self.loose))
        self.loose = []

    def add(self, text: str, heading_level: int | None = None) -> None:
        lines = [text.replace(_BR, " ")] if heading_level else text.split(_BR)
        for line in map(_clean, lines):
            if line:
                self.blocks.append(Block(text=line, heading_level=heading_level))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, _NOT_TEXT):
                continue
            if isinstance(child, NavigableString):
                self.loose.append(str(child))
            elif isinstance(child, Tag) and child.name not in _DROPPED:
                self.element(child)

    def element(self, tag: Tag) -> None:
        name = tag.name
        if name not in _BLOCK_TAGS and not _contains_blocks(tag):
            self.loose.append(_text(tag))  # inline element: part of the surrounding text
            return
        self.flush()
        if name == "table" and tag.find("table") is None:
            for row in table_rows(tag):
                self.add(" | ".join(cell for cell in row if cell))
        elif name == "tr":
            cells = [_clean(_text(cell)) for cell in tag.find_all(["td", "th"], recursive=False)]
            self.add(" | ".join(cell for cell in cells if cell))
        elif name in _LEAF_BLOCKS and not _contains_blocks(tag):
            self.add(_text(tag), _HEADINGS.get(name))
        else:
            self.walk(tag)
            self.flush()


def table_rows(table: Tag) -> list[list[str]]:
    """The table's rows as a grid: a cell spanning rows or columns (`rowspan`, `colspan`) fills each place it
    covers, and header rows stacked over one another (「一次灾害过程…造成下列后果之一的」 over 「死亡（含失踪）人数」)
    become one header row, so that each column keeps its whole header."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) → text of a cell spanning into it
    stacked = 1  # how many rows the first row's cells span: the header's depth
    for r, tr in enumerate(table.find_all("tr")):
        row: list[str] = []
        cells = tr.find_all(["td", "th"], recursive=False)
        column = 0
        for cell in cells:
            while (r, column) in pending:
                row.append(pending.pop((r, column)))
                column += 1
            text = _clean(_text(cell))
            rows, columns = _span(cell, "rowspan"), _span(cell, "colspan")
            if r == 0:
                stacked = max(stacked, rows + (1 if columns > 1 and rows == 1 else 0))
            for c in range(columns):
                row.append(text)
                for below in range(1, rows):
                    pending[(r + below, column + c)] = text
            column += columns
        while (r, column) in pending:
            row.append(pending.pop((r, column)))
            column += 1
        grid.append(row)
    if stacked > 1 and len(grid) > stacked:
        header = [" ".join(dict.fromkeys(t for t in column if t)) for column in zip(*grid[:stacked], strict=False)]
        grid = [header, *grid[stacked:]]
    # a note spanning the whole width is one cell, not the same text in every column
    return [list(dict.fromkeys(row)) if len(set(row)) == 1 else row for row in grid]


def _span(cell: Tag, attribute: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attribute, 1))), 100))
    except ValueError:
        return 1


def _text(tag: Tag) -> str:
    """Text of an element without dropped descendants; `<br>` becomes the _BR mark."""
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, Tag) and node.name == "br":
            parts.append(_BR)
        elif (
            isinstance(node, NavigableString)
            and not isinstance(node, _NOT_TEXT)
            and not any(parent.name in _DROPPED for parent in node.parents)
        ):
            parts.append(str(node))
    return "".join(parts)


def _contains_blocks(tag: Tag) -> bool:
    return tag.find(lambda t: t.name in _BLOCK_TAGS and t.name != "br") is not None


def _depth(root: Tag) -> int:
    """The deepest element nesting under `root`, measured without recursion."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tag))
    return deepest


def _flat_blocks(root: Tag) -> list[Block]:
    """One block per line of the page's text: what is left of a page nested too deeply to walk."""
    text = "\n".join(s for s in root.find_all(string=True) if not isinstance(s, _NOT_TEXT)
                     and not any(p.name in _DROPPED for p in s.parents))
    return [Block(text=line) for line in map(_clean, text.splitlines()) if line]


def _blocks(soup: BeautifulSoup, max_nesting: int = DEFAULT_MAX_NESTING) -> list[Block]:
    """Blocks in document order; a tree nested deeper than `max_nesting` (thousands of `<div>`s, which the
    recursive walk cannot follow) is read as plain lines instead."""
    if _depth(soup) > max_nesting:
        return _flat_blocks(soup.body or soup)
    return _walk(soup)


def _walk(soup: BeautifulSoup) -> list[Block]:
    collector = _BlockCollector()
    collector.walk(soup.body or soup)
    collector.flush()
    return collector.blocks


# 「$H<H_{保}$<br>」 in an OCR'd table cell: a 「<」 that opens no tag of a table is a sign, not markup
_STRAY_LESS_THAN = re.compile(r"<(?!/?[a-zA-Z][a-zA-Z0-9]*(?:[\s>/]|$)|!)")


def html_blocks(markup: str) -> list[Block]:
    """Blocks of an HTML fragment, such as a table embedded in Markdown."""
    return _blocks(BeautifulSoup(_STRAY_LESS_THAN.sub("&lt;", markup), "html.parser"))


def load_html(path: Path, data: bytes, options: LoadOptions) -> LoadedDocument:
    """An HTML page; the title hint is `<title>` or the first `<h1>`."""
    declared = _META_CHARSET.search(data[:4096])
    decoded = decode_text(data, path, declared[1].decode("ascii") if declared else None)
    soup = BeautifulSoup(decoded.text, "html.parser")
    warnings = list(decoded.warnings)
    deep = _depth(soup) > options.limits.max_nesting
    blocks = _flat_blocks(soup.body or soup) if deep else _walk(soup)
    if deep:
        warnings.append(f"网页嵌套超过{options.limits.max_nesting}层，按纯文本读取 / nested deeper than "
                        f"{options.limits.max_nesting} elements: read as plain lines (PLANASSIST_MAX_NESTING)")
    if not blocks:
        raise LoadError(f"{path.name}: 网页没有正文文字 / the HTML page contains no text")
    title_tag = soup.title or soup.find("h1")
    title = _clean(title_tag.get_text()) if title_tag else None
    return LoadedDocument(
        source_path=str(path),
        file_type=FileType.HTML,
        blocks=blocks,
        pages=[Page(number=1, text="\n".join(block.text for block in blocks))],
        title=title or None,
        metadata={"file_type": str(FileType.HTML), "pages": 1, "encoding": decoded.encoding},
        warnings=warnings,
    )
