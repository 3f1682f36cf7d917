"""Instruction-like text inside documents: recognised so that it is recorded, and never used as evidence.

Documents are data. A sentence that addresses a model ("忽略以上指令", "ignore previous instructions", a fake
system prompt or chat-template token) is kept verbatim in its chunk, flagged at ingest, and the grounding check
refuses to let it — or any other sentence of a flagged chunk — support any answer sentence.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrieval.models import Chunk

INSTRUCTION_LIKE = re.compile(
    r"(忽略|无视|忘记|不要理会).{0,8}(以上|之前|前面|上述|所有|先前).{0,6}(指令|指示|要求|提示|规则|设定)"
    r"|(ignore|disregard|forget)\W+(all\W+|any\W+)?(the\W+)?(previous|prior|above|earlier)\W+(instructions|prompts?|rules)"
    r"|system\s*prompt|系统提示词|你现在(是|扮演)|从现在起你|you are now|act as|新的指令|new instructions"
    r"|<\|?(system|im_start)\|?>|\[/?INST\]",
    re.IGNORECASE,
)


def is_instruction_like(text: str) -> bool:
    return bool(INSTRUCTION_LIKE.search(unicodedata.normalize("NFKC", text)))




def is_flagged(chunk: Chunk) -> bool:
    """The chunk was flagged at ingest (`Index` warns with the same test): its text or headings address a model."""
    return is_instruction_like(chunk.text) or is_instruction_like(" ".join(chunk.heading_path))
