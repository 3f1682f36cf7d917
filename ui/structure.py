"""A document's structure tree, drawn from its chunks' heading paths (GET /v1/documents/{id}/chunks)."""

from __future__ import annotations

from typing import Any

from ui.highlight import escape


def outline(chunks: list[dict[str, Any]], *, pdf: bool = False) -> list[tuple[int, str, str | None]]:
    """(depth, heading or locator, chunk_id of the clause it opens or None) in document order.

    A heading is listed once, where it first occurs, and opens the chunk it heads; a chunk that does not end
    with its own last heading (text before the first heading, a second chunk of a long clause) is listed as a
    leaf under its headings.
    """
    rows: list[tuple[int, str, str | None]] = []
    previous: list[str] = []
    for chunk in chunks:
        path = list(chunk.get("heading_path") or [])
        shared = 0
        while shared < min(len(path), len(previous)) and path[shared] == previous[shared]:
            shared += 1
        page = f" · p.{chunk['page_start']}" if pdf and chunk.get("page_start") else ""
        # a review's locator repeats its parents (「一、（一）雨水情概况」): it still names its last heading
        own = bool(path) and chunk["locator"].endswith(path[-1])
        for depth in range(shared, len(path)):
            opens = chunk["chunk_id"] if depth == len(path) - 1 and own else None
            rows.append((depth, path[depth] + (page if opens else ""), opens))
        if not own or shared == len(path):  # text before any heading, or a clause's second chunk
            rows.append((len(path), chunk["locator"] + page, chunk["chunk_id"]))
        previous = path
    return rows


def outline_markdown(rows: list[tuple[int, str, str | None]]) -> str:
    """The outline as a nested Markdown list; headings that only group others are bold."""
    lines = []
    for depth, label, chunk_id in rows:
        text = escape(label)
        lines.append("    " * depth + "- " + (text if chunk_id else f"**{text}**"))
    return "\n".join(lines)
