"""PDF loader: text layer per page (pypdf), OCR for image-only pages, then headers removed and lines re-joined.

Failures a user can act on become `LoadError`s with the fix in the message: an encrypted file needs its
password, a damaged one needs a new copy. Pages without a text layer are OCR'd when RapidOCR is installed;
otherwise the document is returned with `needs_ocr` set and a warning, never silently empty.
"""

from __future__ import annotations

import io
import logging
import re
from functools import partial
from pathlib import Path

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError

from retrieval.loaders import ocr
from retrieval.loaders.base import FileType, LoadError, LoadOptions
from retrieval.loaders.reflow import PrintedLine, display_width, reflow
from retrieval.loaders.running import remove_running_lines
from retrieval.models import LoadedDocument, Page

logger = logging.getLogger(__name__)

_INDENT = 2.0  # Chinese paragraphs indent their first line by two characters
_MIN_TEXT_CHARS = 10  # fewer characters than this on a page with images: a scan with a stamped page number
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _damaged(path: Path, exc: BaseException) -> LoadError:
    return LoadError(
        f"{path.name}: PDF文件已损坏或不完整 / damaged or truncated PDF ({type(exc).__name__}: {exc}); "
        "get a complete copy of the file (download or copy it again) and ingest that"
    )


def _open(path: Path, data: bytes, password: str | None) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(path, reader, password)
        if len(reader.pages) == 0:
            raise LoadError(f"{path.name}: PDF没有页面 / the PDF has no pages")
    except LoadError:
        raise
    except DependencyError as exc:
        raise LoadError(
            f"{path.name}: 加密PDF需要cryptography / this encrypted PDF needs the `cryptography` package ({exc})"
        ) from exc
    except Exception as exc:  # pypdf raises many kinds of errors on broken files; all mean the same to a user
        raise _damaged(path, exc) from exc
    return reader


def _decrypt(path: Path, reader: PdfReader, password: str | None) -> None:
    # Many PDFs are encrypted only against editing or printing: the empty user password opens them.
    if reader.decrypt(password or "") != PasswordType.NOT_DECRYPTED:
        return
    hint = f'give its password with --password or `password = "…"` in {path.stem}.meta.toml'
    if password:
        raise LoadError(f"{path.name}: 加密PDF密码错误 / encrypted PDF: the password given is wrong; {hint}",
                        code="wrong_password")
    raise LoadError(f"{path.name}: 加密PDF / encrypted PDF: {hint}", code="encrypted_pdf")


def _printed_lines(text: str, page: int) -> list[PrintedLine]:
    lines = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped:
            indented = raw[:1].isspace()
            extent = display_width(stripped) + (_INDENT if indented else 0.0)
            lines.append(PrintedLine(stripped, page, extent, indented))
    return lines


def _has_images(page: PageObject) -> bool:
    try:
        return len(page.images) > 0
    except Exception:
        return True


def _text_layer(
    path: Path, reader: PdfReader, warnings: list[str], options: LoadOptions
) -> tuple[list[list[PrintedLine]], list[int]]:
    """Lines of every page, and the numbers of pages that need OCR to be read."""
    pages: list[list[PrintedLine]] = []
    textless: list[int] = []
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        options.report("loading", number - 1, total)
        try:
            text = page.extract_text()
        except Exception as exc:
            logger.warning("%s: page %d: text extraction failed: %s", path.name, number, exc)
            warnings.append(f"第{number}页文字无法提取 / page {number}: text could not be extracted ({exc})")
            text = ""
        lines = _printed_lines(text, number)
        if sum(len(line.text) for line in lines) < _MIN_TEXT_CHARS and _has_images(page):
            textless.append(number)
            lines = []
        pages.append(lines)
    options.report("loading", total, total)
    return pages, textless


def _title_hint(reader: PdfReader) -> str | None:
    try:
        title = (reader.metadata or {}).get("/Title")
    except Exception:
        return None
    title = str(title or "").strip()
    return title if _CJK.search(title) else None


def _ocr_textless(
    path: Path, data: bytes, options: LoadOptions, pages: list[list[PrintedLine]], textless: list[int]
) -> str | None:
    """OCR the pages without a text layer into `pages`; returns why they stay unread, or None when read."""
    if not options.ocr:
        return "OCR was turned off for this load; load it with OCR (planassist[ocr]) to read them"
    if not ocr.available():
        return "install planassist[ocr] to read them"
    cap = options.limits.max_ocr_pages
    if len(textless) > cap:
        return (f"OCR is limited to {cap} pages per file (PLANASSIST_MAX_OCR_PAGES) / "
                f"超过OCR页数上限{cap}页")
    try:
        options.report("ocr", 0, len(textless))
        for number, lines in ocr.ocr_pages(data, options.password, textless,
                                           on_page=partial(options.report, "ocr", total=len(textless))).items():
            pages[number - 1] = lines
    except Exception as exc:
        logger.warning("%s: OCR failed: %s", path.name, exc)
        return f"OCR failed ({type(exc).__name__}: {exc})"
    return None


def load_pdf(path: Path, data: bytes, options: LoadOptions) -> LoadedDocument:
    """A PDF file: pages with a text layer are extracted, image-only pages are OCR'd when possible."""
    reader = _open(path, data, options.password)
    warnings: list[str] = []
    pages, textless = _text_layer(path, reader, warnings, options)
    unread = _ocr_textless(path, data, options, pages, textless) if textless else None
    needs_ocr = unread is not None
    if needs_ocr:
        warnings.append(
            f"{len(textless)}页没有文字层 / {len(textless)} of {len(pages)} pages have no text layer; {unread}"
        )
    elif textless:
        warnings.append(f"已对{len(textless)}页进行OCR识别 / OCR used on {len(textless)} pages")
    pages = remove_running_lines(pages)
    blocks = reflow([line for lines in pages for line in lines])
    if not blocks and not needs_ocr:
        raise LoadError(f"{path.name}: PDF中没有可读文字 / no readable text in this PDF")
    return LoadedDocument(
        source_path=str(path),
        file_type=FileType.PDF,
        blocks=blocks,
        pages=[
            Page(number=n, text="\n".join(line.text for line in lines)) for n, lines in enumerate(pages, 1)
        ],
        title=_title_hint(reader),
        metadata={
            "file_type": str(FileType.PDF),
            "pages": len(pages),
            "encrypted": reader.is_encrypted,
            "ocr_pages": textless if not needs_ocr else [],
        },
        warnings=warnings,
        needs_ocr=needs_ocr,
    )
