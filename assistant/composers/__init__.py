"""Composers write an answer's sentences from retrieved passages: extractive (default) or an LLM."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.models import Chunk


@dataclass
class Draft:
    """A sentence a composer proposes, with the chunks it claims as support (grounding decides)."""

    text: str
    cited: list[Chunk]
    section: str | None = None
