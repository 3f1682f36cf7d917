"""Whole clauses: a long 条 or section is stored as several parts (the later ones `continued`) so each part
embeds well, but a person cites and reads the clause. Search ranks parts and returns the clause they belong to
(small-to-big retrieval). Stored chunks stay as they are: `Assistant.chunk(id)` returns the stored part, and
a citation names the part that holds its quote, so the quote is always in the text the viewer shows.
"""

from __future__ import annotations

from retrieval.models import Chunk


def clause_bounds(continued: list[bool], position: int) -> tuple[int, int]:
    """[start, end) of the parts around `position` in a run of consecutive chunks of one document (given by
    their `continued` flags): back to the part that is not `continued`, forward through the `continued` parts
    that follow it."""
    start = position
    while start > 0 and continued[start]:
        start -= 1
    end = position + 1
    while end < len(continued) and continued[end]:
        end += 1
    return start, end


def join_parts(parts: list[Chunk]) -> Chunk:
    """One chunk for a whole clause: the first part's id, locator and metadata; every part's text, in order.

    `metadata["parts"]` keeps where each stored part starts in the joined text, so that a citation can name the
    stored part that holds its quote (`part_holding`)."""
    head = parts[0]
    if len(parts) == 1:
        return head
    starts, offset = [], 0
    for part in parts:
        starts.append({"chunk_id": part.chunk_id, "start": offset, "page_start": part.page_start})
        offset += len(part.text) + 1
    return head.model_copy(update={
        "text": "\n".join(part.text for part in parts),
        "page_end": max(part.page_end for part in parts),
        "metadata": {**head.metadata, "parts": starts},
    })


def part_holding(chunk: Chunk, quote: str) -> tuple[str, int]:
    """(chunk id, page) of the stored part of a whole clause whose text holds `quote`; the chunk itself when it
    was stored whole or the quote is not in it."""
    parts = chunk.metadata.get("parts")
    position = chunk.text.find(quote) if parts else -1
    if position < 0:
        return chunk.chunk_id, chunk.page_start
    holder = max((p for p in parts if p["start"] <= position), key=lambda p: p["start"])
    return holder["chunk_id"], holder["page_start"]


def first_part_text(chunk: Chunk) -> str:
    """The text of the first stored part (all of it for a chunk stored whole)."""
    parts = chunk.metadata.get("parts")
    return chunk.text[: parts[1]["start"] - 1] if parts else chunk.text


def last_part_id(chunk: Chunk) -> str:
    parts = chunk.metadata.get("parts")
    return parts[-1]["chunk_id"] if parts else chunk.chunk_id
