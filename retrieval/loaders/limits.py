"""Bounds on the work one file may cause at ingest, from the environment (`PLANASSIST_MAX_…`).

A small file can expand into a huge amount of work: a 345 KB DOCX holding a million empty paragraphs, a zip
member inflating to 400 MB, a text file of 49 MB, a scanned PDF of hundreds of pages at ~3 s of OCR each.
Every limit ends the file with a clear error (or, for OCR, a warning naming the pages left unread) instead of
an ingest that runs for many minutes and starves the queries served meanwhile.
"""

from __future__ import annotations

import time

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class IngestLimits(BaseSettings):
    """`PLANASSIST_MAX_DECOMPRESSED_MB`, `…_MAX_PARAGRAPHS`, `…_MAX_CHUNKS`, `…_MAX_OCR_PAGES`,
    `…_MAX_NESTING`, `…_INGEST_TIMEOUT_S`."""

    model_config = SettingsConfigDict(env_prefix="PLANASSIST_", env_file=".env", extra="ignore")

    max_decompressed_mb: float = Field(200, gt=0)  # the sum of a DOCX's zip members once inflated
    max_paragraphs: int = Field(200_000, ge=1)  # paragraphs (blocks) one file may hold
    max_chunks: int = Field(50_000, ge=1)  # chunks one document may produce
    max_ocr_pages: int = Field(100, ge=0)  # image-only pages OCR'd per PDF; the rest are reported unread
    max_nesting: int = Field(200, ge=10)  # element depth of DOCX XML and HTML
    ingest_timeout_s: float = Field(900, gt=0)  # wall time of one file, from loading to the last vector


class LimitError(Exception):
    """A file is over one of the limits; the message names the limit, the value and the variable to raise."""


def exceeded(what: str, value: float, limit: float, variable: str) -> LimitError:
    return LimitError(f"超出限制 / over the limit: {what} {value:g} > {limit:g} (PLANASSIST_{variable})")


class Deadline:
    """The wall-time budget of one file, checked between the steps of its ingest."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()

    def check(self, step: str) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed > self.seconds:
            raise LimitError(
                f"入库超时 / ingest took too long: {elapsed:.0f} s > {self.seconds:g} s at {step} "
                "(PLANASSIST_INGEST_TIMEOUT_S)"
            )
