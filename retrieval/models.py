"""Data model of the retrieval layer: loaded documents, sections, chunks and search hits."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, computed_field


class DocType(StrEnum):
    PLAN = "plan"
    REGULATION = "regulation"
    REVIEW = "review"
    OTHER = "other"


class AccessLevel(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    RESTRICTED = "restricted"


class DocStatus(StrEnum):
    """`indexing` while a writer stores the document (it is listed, not yet searchable), then indexed or
    needs_ocr; `failed` is kept for folders written by older versions."""

    INDEXING = "indexing"
    INDEXED = "indexed"
    NEEDS_OCR = "needs_ocr"
    FAILED = "failed"


class Page(BaseModel):
    """One page of loaded text; `number` is 1-based (text files are a single page)."""

    number: int
    text: str


class Block(BaseModel):
    """One paragraph of a document after loading: wrapped lines re-joined, headers/footers gone.

    `heading_level` is set when the file format itself says the block is a heading (Markdown `#`,
    DOCX "Heading n" styles); structure detection treats it as a hint, not as the truth.
    """

    text: str
    page_start: int = 1
    page_end: int = 1
    heading_level: int | None = None


class LoadedDocument(BaseModel):
    """What a loader returns: paragraphs with their page span, the cleaned page texts, and what
    the file says about itself (title, metadata, warnings such as "needs OCR")."""

    source_path: str
    file_type: str
    blocks: list[Block]
    pages: list[Page]
    title: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    needs_ocr: bool = False

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


class DocumentMeta(BaseModel):
    """Metadata of a document as recorded in the registry (sidecar, ingest call or defaults)."""

    title: str
    doc_type: DocType = DocType.OTHER
    issuer: str | None = None
    year: int | None = None
    version: str | None = None
    hazard_types: list[str] = Field(default_factory=list)
    access_level: AccessLevel = AccessLevel.PUBLIC
    aliases: list[str] = Field(default_factory=list)


class Section(BaseModel):
    """One unit of a document's own structure (第十七条, 4.2.3, 三、（二）) with the blocks it owns.

    Sections come in document order; the tree is carried by `heading_path` (titles of the ancestors
    and of the section itself). `kind` is the heading family: preamble, 编, 章, 节, 条, dotted, outline.
    """

    kind: str
    number: str
    title: str
    rank: int
    heading_path: list[str]
    locator: str
    blocks: list[Block]

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    @property
    def page_start(self) -> int:
        return self.blocks[0].page_start if self.blocks else 1

    @property
    def page_end(self) -> int:
        return self.blocks[-1].page_end if self.blocks else 1


PAGED_SUFFIXES = (".pdf",)


def has_pages(source_path: str | None) -> bool:
    """A source with real pages (a PDF, scanned or not); every other format is cited without a page."""
    return (source_path or "").lower().endswith(PAGED_SUFFIXES)


class Chunk(BaseModel):
    chunk_id: str
    doc_id: str
    doc_title: str
    doc_type: DocType
    source_path: str
    locator: str
    heading_path: list[str]
    page_start: int
    page_end: int
    text: str
    seq: int = 0
    continued: bool = False
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def paged(self) -> bool:
        """Whether the source has pages to cite (a PDF); Markdown, text, Word and HTML sources have none."""
        return has_pages(self.source_path)

    @property
    def breadcrumb(self) -> str:
        return " ".join([f"《{self.doc_title}》", *self.heading_path])

    @property
    def indexed_text(self) -> str:
        """The text that is embedded and BM25-indexed: breadcrumb, then the text, cleaned of OCR residue where
        ingest stored a clean form beside the verbatim one (`metadata["clean_text"]`)."""
        return f"{self.breadcrumb}\n{self.metadata.get('clean_text') or self.text}"


class Hit(BaseModel):
    chunk: Chunk
    score: float
    ranks: dict[str, int] = Field(default_factory=dict)


class IngestResult(BaseModel):
    source_path: str
    doc_id: str | None = None
    title: str | None = None
    status: str
    chunks: int = 0
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None
    # Metadata fields that differ from the version this ingest replaced ("access_level: restricted → public"),
    # also listed in `warnings` and written to the audit log by the API.
    changes: list[str] = Field(default_factory=list)
    # The kind of failure, for clients that word it themselves: "encrypted_pdf", "wrong_password" …
    error_code: str | None = None
    # Indexed documents this one nearly duplicates (`retrieval.duplicates`); search shows one copy of them.
    duplicate_of: list[str] = Field(default_factory=list)

    @computed_field  # serialised too, so API clients and `--json` see it
    @property
    def ok(self) -> bool:
        return self.error is None


class DocumentInfo(BaseModel):
    doc_id: str
    title: str
    doc_type: DocType
    version: str | None = None
    issuer: str | None = None
    year: int | None = None
    hazard_types: list[str] = Field(default_factory=list)
    access_level: AccessLevel = AccessLevel.PUBLIC
    aliases: list[str] = Field(default_factory=list)
    source_path: str
    stored_file: str | None = None
    content_hash: str
    status: DocStatus
    warnings: list[str] = Field(default_factory=list)
    chunk_count: int
    pages: int = 0
    ingested_at: str
