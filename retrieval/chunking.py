"""Cut sections into chunks: one per 条 or smallest numbered section; long ones split at 。；！？, tiny ones merged.

The stored text is verbatim document text. A long section is split into pieces of a few hundred characters
that keep the section's locator (later pieces are marked `continued`); tiny sibling sections under the same
parent are merged (never articles: a 条 is the unit of citation); no chunk is longer than `HARD_CAP`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.models import Block, Chunk, DocumentMeta, Section

TARGET_CHARS = 420
MAX_CHARS = 650
HARD_CAP = 900
TINY_CHARS = 60
_SENTENCE = re.compile(r"[^。；！？!?;]*(?:[。；！？!?;][”’」』）)]*|$)")


@dataclass
class _Piece:
    section: Section
    blocks: list[Block] = field(default_factory=list)
    continued: bool = False
    merged: list[Section] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


def split_sentences(text: str) -> list[str]:
    """Sentences ending at 。；！？ (closing quotes stay with their sentence); nothing is lost or changed."""
    sentences = [s for s in _SENTENCE.findall(text) if s]
    pieces: list[str] = []
    for sentence in sentences:
        pieces.extend(sentence[i : i + HARD_CAP] for i in range(0, len(sentence), HARD_CAP))
    return pieces


def _split_block(block: Block) -> list[Block]:
    """A block longer than the soft maximum becomes several, cut at sentence ends."""
    if len(block.text) <= MAX_CHARS:
        return [block]
    parts: list[Block] = []
    current = ""
    for sentence in split_sentences(block.text):
        if current and len(current) + len(sentence) > TARGET_CHARS:
            parts.append(block.model_copy(update={"text": current}))
            current = ""
        current += sentence
    if current:
        parts.append(block.model_copy(update={"text": current}))
    return parts


def _split_section(section: Section) -> list[_Piece]:
    if len(section.text) <= MAX_CHARS:
        return [_Piece(section, list(section.blocks))]
    pieces = [_Piece(section)]
    for block in (part for b in section.blocks for part in _split_block(b)):
        current = pieces[-1]
        if current.blocks and len(current.text) + len(block.text) + 1 > TARGET_CHARS:
            pieces.append(_Piece(section, continued=True))
        pieces[-1].blocks.append(block)
    return pieces


def _heading_block(section: Section) -> Block:
    """The heading line of a titled section, for a merged chunk whose parts need their own labels."""
    label = f"{section.number}{section.title}" if section.kind == "outline" else f"{section.number} {section.title}"
    return Block(text=label.strip(), page_start=section.page_start, page_end=section.page_start)


def _mergeable(previous: _Piece, piece: _Piece) -> bool:
    section = piece.section
    return (
        section.kind not in ("条", "preamble")
        and previous.section.kind == section.kind
        and not piece.continued
        and previous.section.heading_path[:-1] == section.heading_path[:-1]
        and (len(piece.text) < TINY_CHARS or len(previous.text) < TINY_CHARS)
        and len(previous.text) + len(piece.text) + 30 <= MAX_CHARS
    )


def _labelled_blocks(section: Section, blocks: list[Block]) -> list[Block]:
    """Blocks of a merged part, led by its heading line unless the text already starts with it."""
    if blocks and blocks[0].text.lstrip().startswith(section.number):
        return blocks
    return [_heading_block(section), *blocks]


def _merge(previous: _Piece, piece: _Piece) -> None:
    if not previous.merged:
        previous.merged = [previous.section]
        previous.blocks = _labelled_blocks(previous.section, previous.blocks)
    previous.merged.append(piece.section)
    previous.blocks.extend(_labelled_blocks(piece.section, piece.blocks))


def plan_pieces(sections: list[Section]) -> list[_Piece]:
    pieces: list[_Piece] = []
    for section in sections:
        for piece in _split_section(section):
            if pieces and _mergeable(pieces[-1], piece):
                _merge(pieces[-1], piece)
            else:
                pieces.append(piece)
    return pieces


def chunk_sections(
    sections: list[Section], *, doc_id: str, meta: DocumentMeta, source_path: str
) -> list[Chunk]:
    """Chunks of one document, in document order, with stable ids `{doc_id}:{seq}`."""
    chunks: list[Chunk] = []
    for seq, piece in enumerate(plan_pieces(sections)):
        parts = piece.merged or [piece.section]
        locator = " / ".join(part.locator for part in parts)
        heading_path = piece.section.heading_path
        if len(parts) > 1:
            heading_path = heading_path[:-1] + [" / ".join(p.heading_path[-1] for p in parts)]
        chunks.append(
            Chunk(
                chunk_id=f"{doc_id}:{seq}",
                doc_id=doc_id,
                doc_title=meta.title,
                doc_type=meta.doc_type,
                source_path=source_path,
                locator=locator,
                heading_path=heading_path,
                page_start=min(b.page_start for b in piece.blocks),
                page_end=max(b.page_end for b in piece.blocks),
                text=piece.text,
                seq=seq,
                continued=piece.continued,
                metadata={"kind": piece.section.kind, "number": piece.section.number},
            )
        )
    return chunks
