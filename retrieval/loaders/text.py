"""Plain-text and Markdown loaders: one block per non-empty line, Markdown marks turned into heading levels.

Chinese official texts converted to Markdown keep one paragraph per line, so a line is the natural block.
Markdown syntax is removed only where it is formatting (heading marks, emphasis, table pipes, comments);
numbering such as `1.` or `（一）` is the document's own structure and stays.
"""

from __future__ import annotations

import re
from pathlib import Path

from retrieval.loaders.base import FileType, LoadError, LoadOptions
from retrieval.loaders.encoding import DecodedText, decode_text
from retrieval.loaders.html import html_blocks
from retrieval.models import Block, LoadedDocument, Page

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HTML_LINE = re.compile(
    r"^\s{0,3}<(?:html|body|table|thead|tbody|tr|div|p|ul|ol|dl|h[1-6])[\s>]", re.IGNORECASE
)
_HARD_BREAK = re.compile(r"(?:\s{2,}|\\)$")


def _document(
    path: Path, file_type: FileType, blocks: list[Block], decoded: DecodedText, title: str | None = None
) -> LoadedDocument:
    if not blocks:
        raise LoadError(f"{path.name}: 文件没有文字内容 / the file contains no text")
    return LoadedDocument(
        source_path=str(path),
        file_type=file_type,
        blocks=blocks,
        pages=[Page(number=1, text="\n".join(block.text for block in blocks))],
        title=title,
        metadata={"file_type": str(file_type), "pages": 1, "encoding": decoded.encoding},
        warnings=decoded.warnings,
    )


def load_text(path: Path, data: bytes, options: LoadOptions) -> LoadedDocument:
    """A .txt file: every non-empty line is a block on page 1."""
    decoded = decode_text(data, path)
    blocks = [Block(text=line.strip()) for line in decoded.text.splitlines() if line.strip()]
    return _document(path, FileType.TEXT, blocks, decoded)


def _inline(text: str) -> str:
    """Remove inline Markdown formatting; the words stay."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE_SPAN.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis: **a __b__ c**
        previous, text = text, _STRONG.sub(r"\2", text)
    return text.strip()


def _table_row(line: str) -> str | None:
    """`| a | b |` → `a | b`; a row with no cell text is dropped."""
    cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
    cells = [_inline(cell.replace("\\|", "|")) for cell in cells]
    return " | ".join(cells) if any(cells) else None


def _markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    in_fence = False
    after_blank = False  # the text line before a blank line, which an OCR'd page may have broken mid-word
    previous_was_text = False  # a setext underline only counts directly under a paragraph line
    for raw in _COMMENT.sub("", text).splitlines():
        if _FENCE.match(raw):
            in_fence, previous_was_text = not in_fence, False
            continue
        line = raw.rstrip()
        if in_fence:
            if line.strip():
                blocks.append(Block(text=line.strip()))
            continue
        if not line.strip():
            after_blank, previous_was_text = after_blank or previous_was_text, False
            continue
        continues_after_blank, after_blank = after_blank, False
        if previous_was_text and (underline := _SETEXT_UNDERLINE.match(line)):
            blocks[-1] = Block(text=blocks[-1].text, heading_level=1 if underline[1][0] == "=" else 2)
            previous_was_text = False
            continue
        if _HTML_LINE.match(line):  # Markdown converted from PDFs embeds tables as HTML
            blocks.extend(html_blocks(line))
            previous_was_text = False
            continue
        block = _markdown_line(line)
        if block is not None and (previous_was_text and _wrapped(blocks[-1].text, block.text)
                                  or continues_after_blank and _broken_across_blank(blocks[-1].text, block.text)):
            # a line an OCR'd page wrapped mid-sentence (「…赶赴现场，统」 ⏎ 「一指挥现场处置…」) continues its paragraph
            blocks[-1] = Block(text=blocks[-1].text + block.text)
            previous_was_text = True
            continue
        previous_was_text = (
            block is not None and block.heading_level is None and not line.lstrip().startswith("|")
        )
        if block is not None:
            blocks.append(block)
    return blocks


# A line that opens an item or a heading of its own: 「2．」「（三）」「三、」「第五条」「附件3」「— 9 —」
_OPENS_ITEM = re.compile(r"^(?:[（(]?[\d一二三四五六七八九十]{1,3}[)）、.．]|第[一二三四五六七八九十百\d]+[章节条]|附件|[—-]|#)")


def _wrapped(previous: str, line: str) -> bool:
    """Whether `line` continues `previous` mid-sentence: the previous line is prose cut in a clause (it has a comma
    and ends in a character, not in a closing mark) and this one opens nothing of its own."""
    return (len(previous) >= 10 and "，" in previous and re.search(r"[\u4e00-\u9fa5，、]$", previous) is not None
            and not _OPENS_ITEM.match(line) and "|" not in previous + line)


def _broken_across_blank(previous: str, line: str) -> bool:
    """Whether `line`, after a blank line, continues `previous` cut mid-word (「…海浪和海冰发生发」 ⏎⏎ 「展动态，及时发布预警
    信息。」): a long prose line ending in a character, and a prose line that opens nothing of its own. A short line is
    a heading (「4.4.3 暴雪、低温、冰冻」), never continued."""
    return (len(previous) >= 24 and re.search(r"[，、]", previous) is not None and _wrapped(previous.replace("、", "，"), line)
            and re.search(r"[，。；]", line) is not None and not re.match(r"[\u4e00-\u9fa5]{0,12}[：:]", line))


def _markdown_line(line: str) -> Block | None:
    if _THEMATIC_BREAK.match(line) or (_TABLE_SEPARATOR.match(line) and "-" in line):
        return None
    if heading := _ATX_HEADING.match(line):
        text = _inline(heading[2])
        return Block(text=text, heading_level=len(heading[1])) if text else None
    stripped = _QUOTE.sub("", line).strip()
    if stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2):
        row = _table_row(stripped)
        return Block(text=row) if row else None
    stripped = _BULLET.sub("", _HARD_BREAK.sub("", stripped))
    text = _inline(stripped)
    return Block(text=text) if text else None


def load_markdown(path: Path, data: bytes, options: LoadOptions) -> LoadedDocument:
    """A Markdown file: `#` headings give heading levels; the first level-1 heading is the title hint."""
    decoded = decode_text(data, path)
    blocks = _markdown_blocks(decoded.text)
    title = next((b.text for b in blocks if b.heading_level == 1), None)
    return _document(path, FileType.MARKDOWN, blocks, decoded, title)
