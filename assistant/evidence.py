"""Evidence grouped by document and clause, each group labelled with its document, version and issuer level.

A group reads 「《中华人民共和国安全生产法》（2021修正）第九十五条 · 国家」 and holds the answer's sentences from that
clause (one citation number per clause). Groups are ordered by authority and date where two documents differ on
the same thing; a superseded version is marked; a group from another jurisdiction than the one the question
names is labelled, and never leads the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from assistant.grounding import content_overlap, numbers_in
from retrieval.models import DocumentInfo, Hit
from retrieval.ranking.intent import question_intent
from retrieval.ranking.places import PROVINCES
from retrieval.ranking.query import asks_older_version, base_title, mentioned_years
from retrieval.ranking.signals import superseded_doc_ids

LEVELS = ("国家", "省", "市", "区")
_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
_VERSION_PARENS = re.compile(r"[（(][^（）()]*[）)]$")
# Two clauses of different documents state the same thing when they share this much of their wording.
SAME_THING_OVERLAP = 0.5
CONFLICT_INTENTS = {"how_much", "penalty", "how_long", "how_many", "which_level"}


class EvidenceGroup(BaseModel):
    label: str
    doc_title: str
    version: str | None = None
    issuer_level: str
    locator: str
    citation: int | None = None
    sentences: list[int] = Field(default_factory=list)
    superseded: bool = False
    other_jurisdiction: bool = False


class Conflict(BaseModel):
    note: str
    groups: list[str]


def issuer_level(title: str, issuer: str | None = None) -> str:
    """国家 / 省 / 市 / 区 from the title's leading place (a municipality directly under the State counts as 省),
    else from the issuer; national when neither names a place."""
    for text in (re.sub(r"^\d{4}年", "", title), issuer or ""):
        if text.startswith(_MUNICIPALITIES) or text.startswith(tuple(PROVINCES)) \
                or re.match(r"[\u4e00-\u9fff]{2,3}(省|自治区)", text):
            return "省"
        if re.match(r"[\u4e00-\u9fff]{2,4}?市", text):
            return "市"
        if re.match(r"[\u4e00-\u9fff]{1,4}?(区|县)", text):
            return "区"
    return "国家"


def document_label(hit: Hit) -> str:
    chunk = hit.chunk
    title = _VERSION_PARENS.sub("", chunk.doc_title)
    version = chunk.metadata.get("version")
    clause = chunk.locator.split()[-1] if chunk.locator else ""
    return f"《{title}》" + (f"（{version}）" if version else "") + clause


def asked_jurisdiction(question: str, places: list[str]) -> tuple[str | None, list[str]]:
    """The level of government (国家) and the places a question names."""
    level = "国家" if re.search(r"国家|全国|国务院|national", question, re.I) else None
    return level, places


def in_jurisdiction(hit: Hit, level: str | None, places: list[str]) -> bool:
    title = hit.chunk.doc_title
    if level and issuer_level(title, hit.chunk.metadata.get("issuer")) != level:
        return False
    return not places or any(p.rstrip("省市区县") in title for p in places)


@dataclass
class Grouping:
    hits: list[Hit]
    superseded: set[str]
    foreign: set[str]
    conflict: Conflict | None = None


# 「老版…最多罚20万，新修订的应对法提高了吗？」: the old version named beside the new one, which is asked about
_NEWER_VERSION = re.compile(r"新修订|新修改|新版|现行|修订后|修改后|\b(?:current|revised|new)\s+(?:law|text|version|act)\b",
                            re.IGNORECASE)


def order_hits(question: str, hits: list[Hit], documents: list[DocumentInfo], places: list[str]) -> Grouping:
    """Hits in the asked jurisdiction first, superseded versions last unless the question asks for that version
    (「按07版应对法…」: marked superseded, yet the one asked), each keeping its rank otherwise."""
    superseded = superseded_doc_ids(documents, [])
    # (a question that names an old version beside the new one asks about the new one: the old is set aside)
    newer = bool(_NEWER_VERSION.search(question))
    set_aside = superseded_doc_ids(documents, [] if newer else mentioned_years(question),
                                   asks_older_version(question) and not newer)
    level, places = asked_jurisdiction(question, places)
    foreign = {h.chunk.chunk_id for h in hits if (level or places) and not in_jurisdiction(h, level, places)}
    if len(foreign) == len(hits):
        foreign = set()
    ordered = sorted(hits, key=lambda h: (h.chunk.chunk_id in foreign, h.chunk.doc_id in set_aside))
    return Grouping(ordered, superseded, foreign)


def _authority(hit: Hit) -> tuple[int, int]:
    level = issuer_level(hit.chunk.doc_title, hit.chunk.metadata.get("issuer"))
    return LEVELS.index(level), -(hit.chunk.metadata.get("year") or 0)


def find_conflict(question: str, lead: str, lead_hit: Hit, hits: list[Hit],
                  sentences_of) -> tuple[Hit, str] | None:
    """Another document's clause stating the same thing as the lead sentence with other numbers."""
    intent = question_intent(question)
    if intent is None or intent.name not in CONFLICT_INTENTS or not numbers_in(lead):
        return None
    for hit in hits:
        if hit.chunk.doc_id == lead_hit.chunk.doc_id:
            continue
        for sentence in sentences_of(hit):
            if content_overlap(lead, sentence) >= SAME_THING_OVERLAP and numbers_in(sentence) \
                    and numbers_in(sentence) != numbers_in(lead):
                return hit, sentence
    return None


def conflict_note(first: Hit, second: Hit) -> Conflict:
    """「《A》与《B》对此规定不同，以《A》（newer or higher authority）为先」."""
    a, b = sorted([first, second], key=_authority)
    labels = [document_label(a), document_label(b)]
    note = (f"注意：{labels[0]}与{labels[1]}对此规定不同，前者层级更高或版本更新，列在前面 / "
            "the two documents differ on this; the newer or higher authority is listed first.")
    return Conflict(note=note, groups=labels)


def base_name(title: str) -> str:
    return base_title(title)
