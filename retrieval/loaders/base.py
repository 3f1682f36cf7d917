"""What every loader shares: the error it raises, the file types it knows and the options of a load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from retrieval.loaders.limits import IngestLimits


class LoadError(Exception):
    """A file cannot be read: the message says what is wrong with which file and what to do about it.
    `code` names the kind of problem for clients that word it their own way (the console's upload form)."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class FileType(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    MARKDOWN = "markdown"
    TEXT = "text"
    HTML = "html"


@dataclass(frozen=True)
class LoadOptions:
    password: str | None = None
    ocr: bool = True
    limits: IngestLimits = field(default_factory=IngestLimits)
    # Told (stage, pages done, pages total) as pages are read ("loading") and recognised ("ocr").
    on_pages: Callable[[str, int, int], None] | None = None

    def report(self, stage: str, done: int, total: int) -> None:
        if self.on_pages is not None:
            self.on_pages(stage, done, total)
