"""Criteria a plan writes as codes: a table defines each code (「| V2 | 团雾路段能见度不足 1 0 0 米 |」) and another gives
each level its combinations (「| Ⅲ级 | V2＋L1；V3；K2；Z1 |」), 「；」 between cases and 「＋」 within one.

`read_codes` reads the definitions; `with_codes` gives a criterion written in codes the conditions of its codes'
words, so that the figures can be compared. The criterion's text, which is quoted, stays as the plan writes it.
"""

from __future__ import annotations

import re
import unicodedata

from retrieval.plan.levels import reread_triggers
from retrieval.plan.models import ResponseLevel, Trigger

_CODE = r"[A-Z]{1,2}\d{1,2}"
_DEFINITION_ROW = re.compile(rf"^\|?\s*(?P<code>{_CODE})\s*\|\s*(?P<words>[^|]{{4,}}?)\s*(?:\||$)")
_COMBINATIONS = re.compile(rf"^{_CODE}(?:[+]{_CODE})*(?:[;]{_CODE}(?:[+]{_CODE})*)*$")


def read_codes(text: str) -> dict[str, str]:
    """Code → its words, from the rows of a table whose first column is a code (「| K1 | 因团雾关闭收费站入口… |」)."""
    codes: dict[str, str] = {}
    for line in text.splitlines():
        if m := _DEFINITION_ROW.match(unicodedata.normalize("NFKC", line.strip())):
            codes.setdefault(m["code"], m["words"].strip())
    return codes


def in_words(text: str, codes: dict[str, str]) -> str | None:
    """A criterion of codes in their words (「V2＋L1；V3」 → 「团雾路段能见度不足 1 0 0 米，且同一方向…；或者团雾路段能见度
    不足 5 0 米」), or None when it is not written in codes the plan defines."""
    folded = _folded(text)
    if not _COMBINATIONS.match(folded):
        return None
    cases = [case.split("+") for case in folded.split(";")]
    if any(code not in codes for case in cases for code in case):
        return None
    return "；或者".join("，且".join(codes[code].rstrip("。；;") for code in case) for case in cases)


def is_combination(text: str) -> bool:
    """The criterion is written in codes (「V1＋L1；V2；K1」)."""
    return bool(_COMBINATIONS.match(_folded(text)))


def _folded(text: str) -> str:
    """「V2＋L1；V3。」 → 「V2+L1;V3」: half-width marks, no spaces, no closing stop."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip("。")


def with_codes(levels: list[ResponseLevel], codes: dict[str, str], below_exclusive: bool) -> None:
    """Each criterion written in codes gets the conditions of its codes' words."""
    def expanded(trigger: Trigger) -> str | None:
        return in_words(trigger.text, codes)

    if codes:
        reread_triggers(levels, expanded, below_exclusive)
