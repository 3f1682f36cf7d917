"""Whole clauses: a long 条 or section is stored as several parts (the later ones `continued`) so each part
embeds well, but a person cites and reads the clause. Search ranks parts and returns the clause they belong to
(small-to-big retrieval); the passage viewer shows the same whole clause.
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
    """One chunk for a whole clause: the first part's id, locator and metadata; every part's text, in order."""
    head = parts[0]
    if len(parts) == 1:
        return head
    return head.model_copy(update={
        "text": "\n".join(part.text for part in parts),
        "page_end": max(part.page_end for part in parts),
        "metadata": {**head.metadata, "parts": [part.chunk_id for part in parts]},
    })
