"""Checks a DOCX before python-docx parses it: inflated size, XML bombs, nesting depth and paragraph count.

python-docx builds the whole lxml tree of `word/document.xml`, so a 345 KB file holding a million empty
paragraphs costs a gigabyte and minutes, a member declaring 400 MB is inflated whole, and a DTD can declare
entity bombs. Each XML member is first streamed through defusedxml's SAX parser (no DTD entities, no external
references), counting paragraphs and depth and stopping at the first limit crossed; nothing is kept in memory.
"""

from __future__ import annotations

import io
import xml.sax
import zipfile
import zlib
from pathlib import Path

import defusedxml
import defusedxml.sax

from retrieval.loaders.base import LoadError
from retrieval.loaders.limits import IngestLimits, LimitError, exceeded


class _Counter(xml.sax.ContentHandler):
    """Counts paragraphs (`…:p` elements) and tracks element depth; raises once a limit is crossed."""

    def __init__(self, limits: IngestLimits, paragraphs: int) -> None:
        super().__init__()
        self.limits = limits
        self.paragraphs = paragraphs
        self.depth = 0

    def startElement(self, name: str, attrs) -> None:  # noqa: N802 (SAX API)
        self.depth += 1
        if self.depth > self.limits.max_nesting:
            raise exceeded("XML嵌套层数 / XML nesting depth", self.depth, self.limits.max_nesting, "MAX_NESTING")
        if name.rsplit(":", 1)[-1] == "p":
            self.paragraphs += 1
            if self.paragraphs > self.limits.max_paragraphs:
                raise exceeded("段落数 / paragraphs", self.paragraphs, self.limits.max_paragraphs, "MAX_PARAGRAPHS")

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX API)
        self.depth -= 1


def check_docx(path: Path, data: bytes, limits: IngestLimits) -> None:
    """Raise `LimitError` or `LoadError` (with the reason) when the DOCX must not be parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise LoadError(f"{path.name}: DOCX文件已损坏 / damaged DOCX file ({exc})") from exc
    inflated = sum(m.file_size for m in members)
    if inflated > limits.max_decompressed_mb * 2**20:
        raise exceeded(f"{path.name} 解压后大小 / size when decompressed (MB)", round(inflated / 2**20, 1),
                       limits.max_decompressed_mb, "MAX_DECOMPRESSED_MB")
    paragraphs = 0
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        counter = _Counter(limits, paragraphs)
        try:
            with archive.open(member) as stream:
                defusedxml.sax.parse(stream, counter)
        except LimitError as exc:
            raise LimitError(f"{path.name}: {exc}") from None
        except (defusedxml.DefusedXmlException, xml.sax.SAXException, zipfile.BadZipFile, zlib.error, OSError,
                EOFError) as exc:
            raise LoadError(f"{path.name}: DOCX中的XML已损坏或不安全 / damaged or unsafe XML in {member.filename} "
                            f"({type(exc).__name__}: {exc}); open and re-save it in Word or WPS") from exc
        paragraphs = counter.paragraphs
