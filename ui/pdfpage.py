"""A PDF page as an image, with the cited quote's characters marked where the page's text layer has them.

The quote is matched against the page's characters with all whitespace removed (a clause wrapped over lines
is still found); when the whole quote is not on the page (it runs onto the next one, or the loader reflowed
it), each of its clauses that is on the page is marked instead. Scanned pages have no text layer: the page is
shown unmarked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw

_CLAUSE_BREAK = re.compile(r"[，。；：、,;:！？\s]+")
MIN_CLAUSE = 4
HIGHLIGHT = (255, 214, 0, 110)


@dataclass
class RenderedPage:
    image: Image.Image
    marked: int  # characters of the quote marked on the page (0: not found or no text layer)
    pages: int


def _page_chars(textpage: pdfium.PdfTextPage) -> tuple[str, list[int]]:
    """The page's non-whitespace characters and, for each, its index in the text page."""
    text, where = [], []
    for index in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if not char.isspace() and char != "\x00":
            text.append(char)
            where.append(index)
    return "".join(text), where


def quote_spans(page_text: str, quote: str) -> list[tuple[int, int]]:
    """(start, end) spans of `page_text` (whitespace-free) covered by the quote or, failing that, its clauses."""
    compact = re.sub(r"\s+", "", quote)
    if not compact:
        return []
    start = page_text.find(compact)
    if start != -1:
        return [(start, start + len(compact))]
    spans = []
    for clause in _CLAUSE_BREAK.split(quote):
        if len(clause) >= MIN_CLAUSE and (start := page_text.find(clause)) != -1:
            spans.append((start, start + len(clause)))
    return spans


def _line_boxes(textpage: pdfium.PdfTextPage, indices: list[int]) -> list[tuple[float, float, float, float]]:
    """Character boxes (left, bottom, right, top) merged into one box per run of characters on a line."""
    boxes: list[list[float]] = []
    for index in indices:
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        if boxes and abs(boxes[-1][1] - bottom) < 2 and left >= boxes[-1][0] - 1:
            boxes[-1][2], boxes[-1][3] = max(boxes[-1][2], right), max(boxes[-1][3], top)
        else:
            boxes.append([left, bottom, right, top])
    return [tuple(b) for b in boxes]


def render_page(pdf_bytes: bytes, page_number: int, quote: str = "", scale: float = 1.6) -> RenderedPage:
    """Page `page_number` (1-based) of the PDF, with the quote's characters highlighted."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        pages = len(pdf)
        page = pdf[min(max(page_number, 1), pages) - 1]
        image = page.render(scale=scale).to_pil().convert("RGBA")
        _, height = page.get_size()
        textpage = page.get_textpage()
        text, where = _page_chars(textpage)
        indices = [where[i] for start, end in quote_spans(text, quote) for i in range(start, end)]
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for left, bottom, right, top in _line_boxes(textpage, indices):
            draw.rectangle([left * scale, (height - top) * scale, right * scale, (height - bottom) * scale],
                           fill=HIGHLIGHT)
        return RenderedPage(Image.alpha_composite(image, overlay).convert("RGB"), len(indices), pages)
    finally:
        pdf.close()
