"""Read one file into a `LoadedDocument`: paragraphs (blocks) with their pages, page texts, title hint, warnings.

`load()` decides the format by the file's content — `%PDF`, a zip holding `word/document.xml`, an HTML start
tag — and uses the name's suffix only to tell the text kinds apart (Markdown, plain text, HTML). One module per
format does the reading; anything that cannot be read raises `LoadError` with a message a user can act on.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from retrieval.loaders.base import FileType, LoadError, LoadOptions
from retrieval.loaders.docx import load_docx
from retrieval.loaders.html import load_html
from retrieval.loaders.limits import IngestLimits, LimitError, exceeded
from retrieval.loaders.pdf import load_pdf
from retrieval.loaders.text import load_markdown, load_text
from retrieval.models import LoadedDocument

__all__ = ["SUPPORTED_SUFFIXES", "FileType", "IngestLimits", "LimitError", "LoadError", "load", "sniff"]

SUPPORTED_SUFFIXES = frozenset({".pdf", ".docx", ".md", ".markdown", ".txt", ".html", ".htm"})

Loader = Callable[[Path, bytes, LoadOptions], LoadedDocument]
LOADERS: dict[FileType, Loader] = {
    FileType.PDF: load_pdf,
    FileType.DOCX: load_docx,
    FileType.MARKDOWN: load_markdown,
    FileType.TEXT: load_text,
    FileType.HTML: load_html,
}

_TEXT_SUFFIXES = {
    ".md": FileType.MARKDOWN,
    ".markdown": FileType.MARKDOWN,
    ".txt": FileType.TEXT,
    ".htm": FileType.HTML,
    ".html": FileType.HTML,
}
_SNIFF_BYTES = 4096
# An HTML document starts with its doctype or <html>, after at most an XML declaration, comments and a BOM.
_HTML_START = re.compile(
    r"^\ufeff?\s*(?:(?:<\?xml[^>]*>|<!--.*?-->)\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL
)
# Formats people will try to ingest that we do not read, with what to do instead.
_KNOWN_BINARIES = (
    (b"\xd0\xcf\x11\xe0", "旧版Office文件 / legacy Office file (.doc/.xls/.ppt): save it as .docx or PDF"),
    (b"\x89PNG", "图片 / image file (PNG): put it into a PDF to have it OCR'd"),
    (b"\xff\xd8\xff", "图片 / image file (JPEG): put it into a PDF to have it OCR'd"),
    (b"II*\x00", "图片 / image file (TIFF): put it into a PDF to have it OCR'd"),
    (b"MM\x00*", "图片 / image file (TIFF): put it into a PDF to have it OCR'd"),
    (b"{\\rtf", "RTF文件 / RTF file: save it as .docx"),
    (b"Rar!", "压缩包 / RAR archive: extract it and ingest the files inside"),
    (b"7z\xbc\xaf", "压缩包 / 7z archive: extract it and ingest the files inside"),
)


def _unsupported(path: Path, what: str) -> LoadError:
    supported = " ".join(sorted(SUPPORTED_SUFFIXES))
    return LoadError(
        f"{path.name}: 不支持的文件类型 / unsupported file type: {what} (supported: {supported})"
    )


def _sniff_zip(path: Path, data: bytes) -> FileType:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as exc:
        raise _unsupported(path, f"damaged zip archive ({exc})") from exc
    if "word/document.xml" in names:
        return FileType.DOCX
    if any(name.startswith(("xl/", "ppt/")) for name in names):
        raise _unsupported(path, "Excel/PowerPoint file: save it as PDF")
    raise _unsupported(path, "zip archive: extract it and ingest the files inside")


def _looks_like_html(head: bytes) -> bool:
    return bool(_HTML_START.match(head.decode("utf-8", "ignore")))


def _is_binary(head: bytes) -> bool:
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    return b"\x00" in head and not utf16


def sniff(path: Path, data: bytes) -> FileType:
    """The format of a file from its content; the suffix only separates Markdown from plain text."""
    head = data[:_SNIFF_BYTES]
    if b"%PDF-" in head[:1024]:
        return FileType.PDF
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path, data)
    for magic, what in _KNOWN_BINARIES:
        if head.startswith(magic):
            raise _unsupported(path, what)
    if _is_binary(head):
        raise _unsupported(path, "binary file")
    if _looks_like_html(head):
        return FileType.HTML
    return _TEXT_SUFFIXES.get(path.suffix.lower(), FileType.TEXT)


def load(path: Path, password: str | None = None, *, ocr: bool = True,
         limits: IngestLimits | None = None,
         on_pages: Callable[[str, int, int], None] | None = None) -> LoadedDocument:
    """Read one file. `password` opens an encrypted PDF; `ocr=False` skips OCR of image-only pages; `on_pages`
    is told (stage, done, total) as a PDF's pages are read and OCR'd. A file over one of the `limits` raises
    `LimitError`; a file no parser can read raises `LoadError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path.name}: 无法读取文件 / cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise LoadError(f"{path.name}: 文件为空 / the file is empty")
    options = LoadOptions(password=password, ocr=ocr, limits=limits or IngestLimits(), on_pages=on_pages)
    kind = sniff(path, data)
    try:
        document = LOADERS[kind](path, data, options)
    except RecursionError as exc:  # a structure nested deeper than a parser can follow
        raise LoadError(f"{path.name}: 文件结构嵌套过深 / the file is nested too deeply to read ({kind.value})") from exc
    except (LoadError, LimitError):
        raise
    except (SyntaxError, ValueError, KeyError, IndexError) as exc:  # lxml's XMLSyntaxError is a SyntaxError
        raise LoadError(f"{path.name}: 文件已损坏，无法解析 / damaged {kind.value} file "
                        f"({type(exc).__name__}: {exc})") from exc
    if len(document.blocks) > options.limits.max_paragraphs:
        raise LimitError(f"{path.name}: " + str(exceeded("段落数 / paragraphs", len(document.blocks),
                                                            options.limits.max_paragraphs, "MAX_PARAGRAPHS")))
    return document
