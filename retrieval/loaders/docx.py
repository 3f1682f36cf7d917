"""DOCX loader: paragraphs and table rows in body order, heading levels from styles and outline levels.

python-docx lists paragraphs and tables separately, which loses where a table sits; walking the body XML keeps
the document order. Word has no pages in the file, so every block is on page 1.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.blkcntnr import BlockItemContainer
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.story import StoryPart
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from retrieval.loaders.base import FileType, LoadError, LoadOptions
from retrieval.loaders.docx_guard import check_docx
from retrieval.models import Block, LoadedDocument, Page

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
_MAX_HEADING_LEVEL = 9  # w:outlineLvl 9 means "body text"


def _open(path: Path, data: bytes) -> Document:
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise LoadError(
            f"{path.name}: DOCX文件已损坏 / damaged DOCX file ({exc}); open and re-save it in Word or WPS"
        ) from exc


def _body_items(
    element: BaseOxmlElement, parent: StoryPart | BlockItemContainer
) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables under `element` in document order, looking inside content controls."""
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt") and (content := child.find(qn("w:sdtContent"))) is not None:
            yield from _body_items(content, parent)


def _outline_level(element: BaseOxmlElement) -> int | None:
    """The w:outlineLvl of a paragraph or style (0-based), if it marks a heading."""
    ppr = element.find(qn("w:pPr"))
    node = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if node is None:
        return None
    level = int(node.get(qn("w:val"), _MAX_HEADING_LEVEL))
    return level + 1 if level < _MAX_HEADING_LEVEL else None


def _style_heading_level(style: BaseStyle | None) -> int | None:
    """Heading level of a style by name ("Heading 2", "标题 2") or outline level, following `based_on`."""
    seen = 0
    while style is not None and seen < 10:
        if match := _HEADING_STYLE.match((style.name or "").strip()):
            return int(match[1])
        if (level := _outline_level(style.element)) is not None:
            return level
        style, seen = style.base_style, seen + 1
    return None


def _is_title(paragraph: Paragraph) -> bool:
    return (paragraph.style.name or "").strip().lower() in _TITLE_STYLES if paragraph.style else False


def _paragraph_blocks(paragraph: Paragraph) -> list[Block]:
    """A paragraph's block; soft line breaks split body text into blocks but not a heading."""
    lines = [line.strip() for line in paragraph.text.splitlines() if line.strip()]
    level = _outline_level(paragraph._p)
    if level is None:
        level = _style_heading_level(paragraph.style)
    if level is not None and lines:
        lines = [" ".join(lines)]
    return [Block(text=line, heading_level=level) for line in lines]


def _row_blocks(table: Table) -> Iterator[Block]:
    """One block per table row, cells joined by " | "; a merged cell is listed once."""
    for row in table.rows:
        cells: list[str] = []
        seen: list[BaseOxmlElement] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            text = " ".join(part.strip() for part in cell.text.splitlines() if part.strip())
            if text:
                cells.append(text)
        if cells:
            yield Block(text=" | ".join(cells))


def load_docx(path: Path, data: bytes, options: LoadOptions) -> LoadedDocument:
    """A Word .docx file; a paragraph in the Title style is the title hint."""
    check_docx(path, data, options.limits)
    document = _open(path, data)
    blocks: list[Block] = []
    title: str | None = None
    for item in _body_items(document.element.body, document._body):
        if isinstance(item, Table):
            blocks.extend(_row_blocks(item))
            continue
        paragraph_blocks = _paragraph_blocks(item)
        if title is None and paragraph_blocks and _is_title(item):
            title = " ".join(block.text for block in paragraph_blocks)
        blocks.extend(paragraph_blocks)
    if not blocks:
        raise LoadError(f"{path.name}: 文件没有文字内容 / the DOCX file contains no text")
    return LoadedDocument(
        source_path=str(path),
        file_type=FileType.DOCX,
        blocks=blocks,
        pages=[Page(number=1, text="\n".join(block.text for block in blocks))],
        title=title,
        metadata={"file_type": str(FileType.DOCX), "pages": 1},
    )
