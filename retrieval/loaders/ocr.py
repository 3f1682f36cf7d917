"""OCR of image-only PDF pages with RapidOCR (PP-OCRv4 Chinese models shipped inside its wheel, offline).

RapidOCR is the optional `ocr` extra: `available()` says whether it can be used. Pages are rendered with
pypdfium2 and the recognised text boxes are assembled into lines with their position, so that the same header
removal and paragraph re-joining as for text-layer pages can run on them.
"""

from __future__ import annotations

import itertools
import logging
import statistics
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pypdfium2

from retrieval.loaders.reflow import PrintedLine, display_width

logger = logging.getLogger(__name__)

DPI = 200  # 11 pt print becomes ~30 px per character; 150 dpi reads as well here and is not faster
_MIN_SCORE = 0.5
_RETRY_PADDING = 8  # pixels around a box whose first recognition came back empty
_INDENT_CHARS = 0.8  # a line starting this many characters right of the margin is indented
_MARGIN_SHARE = 0.2  # the left margin is where at least this share of lines start

_engine: Any = None
_engine_lock = threading.Lock()
_ocr_lock = threading.Lock()  # pdfium is not thread-safe, and two OCR runs on two cores only slow each other


@cache
def available() -> bool:
    """Whether RapidOCR and its runtime import on this machine."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as exc:  # not installed, or OpenCV/onnxruntime failing to load a native library
        logger.info("OCR unavailable: %s", exc)
        return False
    return True


def _get_engine() -> Any:
    """The RapidOCR engine, created once per process (loading the models takes a moment)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            _engine = RapidOCR()
        return _engine


@dataclass(frozen=True)
class _Box:
    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _recognise(image: Any) -> list[_Box]:
    """Text boxes of one page image; boxes that came back empty are recognised again with some padding."""
    engine = _get_engine()
    # text_score=0: RapidOCR would silently drop the boxes it failed to read; we want to retry them.
    result, _ = engine(image, text_score=0.0)
    boxes = []
    for points, text, score in result or []:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        box = _Box(text.strip(), min(xs), max(xs), min(ys), max(ys))
        if not box.text or score < _MIN_SCORE:
            box = _retry(engine, image, box)
        if box.text:
            boxes.append(box)
    return boxes


def _retry(engine: Any, image: Any, box: _Box) -> _Box:
    # The detector found a line the recogniser could not read in its tight crop; a looser crop usually works.
    height, width = image.shape[:2]
    top, bottom = max(int(box.top) - _RETRY_PADDING, 0), min(int(box.bottom) + _RETRY_PADDING, height)
    left, right = max(int(box.left) - _RETRY_PADDING, 0), min(int(box.right) + _RETRY_PADDING, width)
    result, _ = engine(image[top:bottom, left:right], use_det=False, use_cls=False)
    text, score = (result[0][0], result[0][1]) if result else ("", 0.0)
    return _Box(text.strip() if score >= _MIN_SCORE else "", box.left, box.right, box.top, box.bottom)


def _group_lines(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes on the same baseline, top to bottom, each line left to right."""
    lines: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: b.middle):
        current = lines[-1] if lines else None
        if current and abs(box.middle - statistics.fmean(b.middle for b in current)) < box.height / 2:
            current.append(box)
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.left) for line in lines]


def _char_width(lines: list[list[_Box]]) -> float:
    """Pixels per full-width character, from lines long enough to measure."""
    samples = [
        (line[-1].right - line[0].left) / width
        for line in lines
        if (width := display_width("".join(b.text for b in line))) >= 8
    ]
    if not samples:
        samples = [b.height for line in lines for b in line]
    return statistics.median(samples)


def _left_margin(lefts: list[float], char_width: float) -> float:
    """The leftmost x at which a good share of lines start (running headers may stick out further)."""
    needed = max(1, _MARGIN_SHARE * len(lefts))
    for x in sorted(lefts):
        if sum(abs(other - x) <= char_width / 2 for other in lefts) >= needed:
            return x
    return min(lefts)


def _printed_lines(boxes: list[_Box], page: int) -> list[PrintedLine]:
    lines = _group_lines(boxes)
    if not lines:
        return []
    char_width = _char_width(lines)
    margin = _left_margin([line[0].left for line in lines], char_width)
    printed = []
    for line in lines:
        text = line[0].text
        for before, box in itertools.pairwise(line):
            text += (" " if box.left - before.right > char_width else "") + box.text
        printed.append(
            PrintedLine(
                text=text,
                page=page,
                extent=(line[-1].right - margin) / char_width,
                indented=line[0].left - margin > _INDENT_CHARS * char_width,
            )
        )
    return printed


def ocr_pages(data: bytes, password: str | None, page_numbers: list[int],
              on_page: Callable[[int], None] | None = None) -> dict[int, list[PrintedLine]]:
    """OCR the given 1-based pages of a PDF; returns the printed lines of each page. `on_page` is told how many
    pages are done after each one."""
    with _ocr_lock:
        document = pypdfium2.PdfDocument(data, password=password)
        try:
            found = {}
            for number in page_numbers:
                image = np.asarray(document[number - 1].render(scale=DPI / 72, grayscale=True).to_pil())
                found[number] = _printed_lines(_recognise(image), number)
                if on_page is not None:
                    on_page(len(found))
            return found
        finally:
            document.close()
