"""The absent-document and absent-place check, for every task.

A request that names a document the library does not hold (《国家地震应急预案》, 浙江省安全生产条例) or a place the
library does not cover is refused before any task builds an answer from whatever else matched: a district plan
does not answer for the national plan, nor 示例区's plans for 杭州市. The refusal names what is missing and, where
the library holds something close, what it does hold: 「文档库未收录《国家地震应急预案》；已收录：《示例区地震应急预案》」.

Which places the library covers is read from its own metadata (`covered_by_metadata`: the titles, issuers and
aliases of its documents), never from a list of cities. A question (lookup, chat, quiz) may also ask about a place
its documents' text mentions. An incident report (checklist, briefing) names where it happened: a province or city
must be a jurisdiction of some document (a national plan covers every province); a district or county is also
covered when the text mentions it or when the report names a covered place beside it (「衡阳市珠晖区」), and so is a
county-level city written under its covered city (「衡阳市耒阳市」); a town or
village is a fact of the incident. A report that names a held plan with its place (「按示例区地震应急预案」) is answered
by that plan, whatever neighbouring district or county it names. A report from a place the library has plans for,
of a kind only another place's plan covers (「澜川市…燃气爆炸」 with 澜川市's flood plan and 枫陵县's gas plan), is
refused: another county's plan does not apply there (`kind_missing_at_place`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.answer_types import missing_answer_type
from assistant.evidence import issuer_level
from assistant.models import NOT_FOUND, Answer, Task
from assistant.tasks.plan_choice import (
    allowed_plans,
    asked_kinds,
    jurisdiction,
    named_plan,
    places_a_plan_names,
    plan_kinds,
    scope_hazards,
    uncovered_kinds,
)
from retrieval.models import DocType, DocumentInfo
from retrieval.plan.event_types import GENERAL_PLAN, covers, types_in
from retrieval.plan.facts import province_count
from retrieval.plan.tables import hazards_in
from retrieval.ranking.places import FOREIGN_COUNTRIES, PROVINCES, city_and_district, is_city, is_county
from retrieval.ranking.query import ENGLISH_DOCUMENT_KIND, base_title, place_of

if TYPE_CHECKING:
    from assistant.service import Assistant
    from retrieval.search import SearchResult

# Share of an absent name's characters (its level or place in front left out) a held title must have to be
# offered instead.
HELD_SHARE = 0.6
HELD_MAX = 2
_PREFIX = re.compile(r"^(国家|[\u4e00-\u9fff]{2,3}?(省|市|区|县|自治区))")
_PLACE_SUFFIX = re.compile(r"(?:省|市|自治区|区|县|州)$")
_LOCAL_SUFFIXES = ("区", "县")
_KIND_OF_PLAN = "类应急预案"


def held_alternatives(name: str, documents: list[DocumentInfo]) -> list[str]:
    """Titles the library holds that are close to an absent name: same subject, another level or place."""
    core = set(_PREFIX.sub("", base_title(name)))
    if not core:
        return []
    prefix = _PREFIX.match(base_title(name))
    # the same place's document first: another version of 《栾屏市森林火灾应急预案》 is 《栾屏市森林草原防灭火应急预案》
    scored = sorted(((sum(c in set(d.title) for c in core) / len(core), bool(prefix and d.title.startswith(prefix[0])),
                      d.title) for d in documents), key=lambda item: (-item[1] * (item[0] >= HELD_SHARE), -item[0]))
    return [title for share, _, title in scored[:HELD_MAX] if share >= HELD_SHARE]


def kind_of_plan(kind: str) -> str:
    """How a refusal names a kind of plan the library lacks: 「动物疫情」类应急预案."""
    return f"「{kind}」{_KIND_OF_PLAN}"


def _named(absent: str) -> str:
    if absent.endswith(_KIND_OF_PLAN):
        return absent
    # (「根河」: a county or city named without its suffix is a place too)
    if _PLACE_SUFFIX.search(absent) or place_stem(absent) in PROVINCES or is_county(absent) or is_city(absent):
        return f"{absent}的预案或文件"
    return f"《{absent}》" if len(absent) > 4 else absent


def absence_reason(absent: list[str], documents: list[DocumentInfo], nearest: list[str] | None = None) -> str:
    """「not found … — 文档库未收录 / not in the library: 《X》；已收录 / held: 《Y》」. `nearest`: titles of the
    documents that matched best, offered when no held title is close to the missing name (a missing place)."""
    named = "、".join(_named(a) for a in absent)
    # (the best matches of a document named in English, 「State Council General Office 2017 opinions」, are no
    # alternative to it: they only shared the question's other words)
    nearest = [] if all(ENGLISH_DOCUMENT_KIND.search(a) for a in absent) else nearest
    held = list(dict.fromkeys(t for a in absent for t in held_alternatives(a, documents))) \
        or (general_plans(documents) if any(a.endswith("预案") for a in absent) else []) \
        or list(dict.fromkeys(nearest or []))[:HELD_MAX]
    reason = f"{NOT_FOUND} — 文档库未收录 / not in the library: {named}"
    return reason + (f"；已收录 / held: {'、'.join(f'《{t}》' for t in held)}" if held else "")


def general_plans(documents: list[DocumentInfo]) -> list[str]:
    """Titles of the general plans (总体应急预案) held: they answer for every kind of incident."""
    return [d.title for d in documents if d.doc_type == DocType.PLAN and GENERAL_PLAN.search(d.title)]


def refusal_for(result: SearchResult, documents: list[DocumentInfo]) -> str:
    if not result.absent:
        return NOT_FOUND
    return absence_reason(result.absent, documents, [h.chunk.doc_title for h in result.hits])


def place_stem(place: str) -> str:
    """杭州市 → 杭州, 四川省 → 四川, 示例区 → 示例; a two-character name keeps its suffix (沙区)."""
    stem = _PLACE_SUFFIX.sub("", place)
    return stem if len(stem) >= 2 else place


def covered_by_metadata(place: str, documents: list[DocumentInfo]) -> bool:
    """Whether some document's title, issuer or alias names the place: its jurisdiction or subject."""
    stem = place_stem(place)
    return any(stem in text for d in documents for text in (d.title, d.issuer or "", *d.aliases))


def _is_local(place: str) -> bool:
    """A district or county (松潘 as an English question names it, too): below the level a library's documents are
    usually issued for."""
    return (place.endswith(_LOCAL_SUFFIXES) or is_county(place)) and place_stem(place) not in PROVINCES


def _national_plans(documents: list[DocumentInfo]) -> list[DocumentInfo]:
    return [d for d in documents if d.doc_type == DocType.PLAN and issuer_level(d.title, d.issuer) == "国家"]


def national_plan_held(documents: list[DocumentInfo]) -> bool:
    """A national plan (国家气象灾害应急预案) grades incidents by the provinces they strike: it covers every province."""
    return bool(_national_plans(documents))


def uncovered_places(places: list[str], documents: list[DocumentInfo], mentioned_in_text: set[str],
                     text: str = "", national_of_kind: bool = False) -> list[str]:
    """The places of an incident report the library does not cover (see the module docstring). `national_of_kind`:
    the library holds a national plan for this kind of incident (国家气象灾害应急预案 for a storm), which grades it
    wherever it strikes."""
    # a province is covered by a national plan for this kind of incident (国家气象灾害应急预案 grades a storm by the
    # provinces it strikes), not by the general plan alone: 「甘肃定西岷县…钢结构坍塌」 has no plan here
    held = [p for p in places if covered_by_metadata(p, documents)]
    # a province named before a place the documents are for or tell of (「湖南衡阳市珠晖区」「四川松潘」) says where
    # that place is
    placed = held or any(p in mentioned_in_text for p in places if place_stem(p) not in PROVINCES)
    provinces = [p for p in places if (national_of_kind or placed) and place_stem(p) in PROVINCES]
    # a place a document is for (衡阳市) covers a district written beside it (「衡阳市珠晖区」); a province that only a
    # general national plan covers does not cover every county in it (「甘肃定西岷县」: 岷县 has no plan here)
    jurisdictions = held + (provinces if national_of_kind else [])
    covered = jurisdictions + provinces
    return [p for p in places if p not in covered
            and not (_is_local(p) and (p in mentioned_in_text or jurisdictions))
            and not any(f"{c}{p}" in text for c in covered)  # 「衡阳市耒阳市」: a city under a covered city or province
            and not within_a_documents_city(p, documents)]


def within_a_documents_city(place: str, documents: list[DocumentInfo]) -> bool:
    """A county or county-level city inside the city a document is for (耒阳市 in 衡阳市, by division code): that
    city's plan covers it, written 「耒阳市」 or not at all in its text."""
    return any(_inside(place, city) for city in {place_of(d) for d in documents} - {None})


def _inside(place: str, city: str) -> bool:
    """The county or county-level city lies in the city, by division code (耒阳市 in 衡阳市)."""
    return city_and_district(place_stem(city), place_stem(place))


INCIDENT_TASKS = {Task.CHECKLIST, Task.BRIEFING}


def absent_names(assistant: Assistant, task: Task, result: SearchResult,
                 filters: dict[str, Any] | None = None) -> list[str]:
    """What a request names that the library lacks: documents, places as the task reads them, and for an
    incident a kind of incident no plan is for (「非洲猪瘟」 with only flood and earthquake plans)."""
    if task not in INCIDENT_TASKS:
        return list(result.absent)
    documents = assistant.searchable_documents()
    places = result.query.places
    if national_scale(places, result.query.mentioned_doc_ids, documents, result.query.text):
        # 「渤海…油带已抵近河北、天津岸段，辽宁海域也发现油膜」, or a request that names the national plan: an event
        # across provinces is what a national plan grades, wherever in China it happens
        places = [p for p in places if p in FOREIGN_COUNTRIES]
    if names_a_held_plan_by_place(result.query.text, result.query.mentioned_doc_ids, documents, places):
        # 「请按示例区地震应急预案研判：邻市安平县发生6.4级地震，我区境内死亡12人」: the named plan is the one to
        # apply; a neighbouring district or county is where the event began, not a reason to refuse (and so is a
        # place an English request names in a pinyin no division has: 「Luming County」 under 栾屏's plan)
        places = [p for p in places if not _is_local(p) and not _PINYIN_ONLY.fullmatch(p)]
    elif any(_is_local(p) for p in places) and places_a_plan_names(assistant, result.query.text,
                                                                   allowed_plans(assistant, filters)):
        # 「柳渡站水位28.30米…；江北区已宣布启动Ⅳ级响应」: the report's station is a held plan's, so its district is
        # a part of that plan's area the plan does not list
        places = [p for p in places if not _is_local(p)]
    in_text = {p for p in places if p not in result.absent}
    kinds = [] if result.query.mentioned_doc_ids else (
        uncovered_kinds(assistant, result.query.text, filters)
        or kinds_only_a_national_general_plan_covers(assistant, result.query.text, places, filters))
    national = bool(places) and national_plan_of_kind(assistant, result.query.text, documents)
    missing = [*result.query.unknown_titles, *uncovered_places(places, documents, in_text, result.query.text, national),
               *(kind_of_plan(kind) for kind in kinds)]
    if not missing and named_plan(result.query.text, plans := allowed_plans(assistant, filters)) is None:
        missing = kind_missing_at_place(assistant, result.query.text, plans)
    return missing


# 「国家层面该启几级」「国务院总值班室」: a request addressed to the national level, which the national general plan frames
_NATIONAL_LEVEL = re.compile(r"国家层面|国家级|国务院|中央|全国")
# 「16时07分」「两人吸入烟雾」「约一百八十台」: what an incident report states
_REPORTED_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万几]+[多来余]?(?:个|名|人|辆|台|间|户|处|艘|架|头|只|公顷|亩|米|吨|小时)")


def kinds_only_a_national_general_plan_covers(assistant: Assistant, text: str, places: list[str],
                                              filters: dict[str, Any] | None = None) -> list[str]:
    """「包茂高速秦岭终南山隧道…一辆大客车起火」 with only 《国家突发事件总体应急预案》 for road accidents: the national
    general plan frames the national response, it grades no local incident, so no plan here is for the report's kind.
    Only for a report of an incident (a place, a time or a figure: 「地震灾害发生后，指挥机构要采取哪些紧急措施」 asks
    for a law's clause), and not when it is addressed to the national level, when it names a place the library holds
    documents of (北京's regulations answer for 「北京某街道…燃气爆燃」), or when a national plan's scope holds its
    hazard."""
    asked = asked_kinds(text)
    documents = assistant.searchable_documents()
    if not asked or not (places or _REPORTED_FIGURE.search(text)) or _NATIONAL_LEVEL.search(text) \
            or any(covered_by_metadata(p, documents) for p in places):
        return []
    covering = [info for info in allowed_plans(assistant, filters) if covers(plan_kinds(assistant, info), asked)]
    if not covering or not all(GENERAL_PLAN.search(info.title) and jurisdiction(info.title) == "国家" for info in covering):
        return []
    return [] if national_plan_of_kind(assistant, text, documents) else sorted(asked)


def national_scale(places: list[str], mentioned: list[str], documents: list[DocumentInfo], text: str = "") -> bool:
    """The library holds a national plan, and the request names it or tells of an event in two or more provinces,
    named or counted (「冀、晋、内蒙古三省区」「华北、西北五省区」)."""
    national = _national_plans(documents)
    if not national:
        return False
    provinces = {place_stem(p) for p in places if place_stem(p) in PROVINCES}
    return len(provinces) >= 2 or province_count(text) >= 2 or any(d.doc_id in mentioned for d in national)


def kind_missing_at_place(assistant: Assistant, text: str, plans: list[Any]) -> list[str]:
    """「澜川市城区一栋居民楼燃气爆炸」 with 澜川市's flood plan and 枫陵县's gas plan held: the place has plans, the kind
    has a plan, but no plan for this kind serves this place (its own, a city's around it, a national plan of the
    kind; a national general plan grades national events, not a county's gas explosion). Another county's plan does
    not apply: the refusal names the missing plan. `plans`: the plans the caller may see."""
    asked = asked_kinds(text)
    if not asked:
        return []
    # a place the library holds documents of: plans, or only regulations (「延庆…按北京的防洪办法」: 北京's laws are
    # held, its plans are not)
    held = {jurisdiction(info.title) for info in [*plans, *assistant.searchable_documents()]}
    named = {j for j in held if j not in ("", "国家") and (j in text or len(place_stem(j)) >= 2 and place_stem(j) in text)}
    if len(named) != 1:
        return []
    here = next(iter(named))

    hazards = hazards_in(text)

    def serves(info: Any) -> bool:
        place, kinds = jurisdiction(info.title), plan_kinds(assistant, info)
        # 「地铁站出入口进水…3小时面雨量65毫米」 names a metro, and the city's flood plan covers it by its hazard
        fits = covers(kinds, asked) or bool(hazards & (hazards_in(" ".join([info.title, *info.hazard_types]))
                                                        | scope_hazards(assistant, info)))
        if place == "国家":
            # a national plan whose scope lists its hazards holds the report's: a reservoir over its flood limit
            # (洪水) is no weather disaster of 国家气象灾害应急预案
            scope = scope_hazards(assistant, info)
            return kinds is not None and (bool(hazards & scope) or covers(kinds, asked) and not (scope and hazards))
        return fits and (place == here or _inside(here, place))

    if any(serves(info) for info in plans):
        return []
    return [f"{here}的{kind_of_plan(kind)}" for kind in sorted(asked)]


def national_plan_of_kind(assistant: Assistant, text: str, documents: list[DocumentInfo]) -> bool:
    """Whether a national plan other than the general one is for the kind of incident the report names, or for its
    hazard as the plan's scope lists it (「强冷空气…气温大幅下降」: a cold wave, in 国家气象灾害应急预案's scope)."""
    asked, hazards = types_in(text), hazards_in(text)

    def of_kind(d: DocumentInfo) -> bool:
        # a scope that lists its hazards holds the report's: a reservoir's stuck gate (洪水) is no weather disaster
        scope = scope_hazards(assistant, d)
        return bool(hazards & scope) or bool((plan_kinds(assistant, d) or set()) & asked) and not (scope and hazards)

    return any(not GENERAL_PLAN.search(d.title) and of_kind(d) for d in _national_plans(documents))


_PINYIN_ONLY = re.compile(r"[A-Za-z][A-Za-z '\-]*")


def names_a_held_plan_by_place(text: str, mentioned: list[str], documents: list[DocumentInfo],
                               places: Iterable[str] = ()) -> bool:
    """Whether the request names a held plan together with its place (「按示例区地震应急预案」, or in English 「Under the
    Luanping municipal … plan」, whose place the query read as 栾屏), not only a generic name such as 「地震应急预案」
    that every plan of a kind shares."""
    by_id = {d.doc_id: d for d in documents}
    stems = {place_stem(p) for p in places}
    return any((place := place_of(by_id[doc_id])) and (place in text or place_stem(place) in stems)
               for doc_id in mentioned if doc_id in by_id)


def absent_refusal(assistant: Assistant, task: Task, question: str,
                   filters: dict[str, Any] | None = None) -> Answer | None:
    """A refusal when the request names a document or place the library lacks, or asks for a specific kind of
    fact that nothing relevant states (「写个简报：今年防汛经费预算是多少」: an incident report states facts and
    asks none, so only such a request is refused by it); None otherwise."""
    if not question.strip():
        return None
    result = assistant.search_result(question, k=3, filters=filters)
    if absent := absent_names(assistant, task, result, filters):
        reason = absence_reason(absent, assistant.searchable_documents(), [h.chunk.doc_title for h in result.hits])
    elif result.hits and missing_answer_type(question, [h.chunk.text for h in result.hits[:1 if result.not_found else 3]]):
        reason = NOT_FOUND  # a specific fact is asked (多少人, 哪一天) and the passages that matched state none
    else:
        return None
    return AnswerBuilder(task, question).build(closest=result.hits, refuse_reason=reason)
