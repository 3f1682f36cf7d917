"""Which plan an incident falls under: the one the question names, else the best for its hazard and place.

`choose_plan` is shared by the checklist and the briefing (and the drills built on them); `named_plan` finds a
plan named in a question by its title or an alias, `jurisdiction` reads the place a plan is for.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jieba

from assistant.service import merge_filters
from retrieval.plan.digital_plan import DigitalPlan
from retrieval.plan.event_types import covers, plan_types, setting_match, specific_kinds, types_in
from retrieval.plan.facts import province_count
from retrieval.plan.tables import hazards_in
from retrieval.ranking.glossary import chinese_terms, is_english
from retrieval.ranking.places import PROVINCES, city_and_district, english_places, jurisdiction
from retrieval.ranking.query import base_title, shortened_names, word_tags

if TYPE_CHECKING:
    from assistant.service import Assistant


def choose_plan(assistant: Assistant, question: str, hazard: str | None, doc_id: str | None,
                filters: dict[str, Any] | None = None) -> DigitalPlan | None:
    """The plan named by id; else the plan the question names (「按衡阳市防汛抗旱应急预案…」); else the best plan
    for the hazard and the place among the search hits: one whose jurisdiction the question names, then one
    for the question's hazard, then by rank. A plan of another kind of incident (a flood plan for swine fever)
    is never chosen, nor any but a general plan for an English report of no hazard the glossary knows, and the
    general plan only when no plan of the incident's kind is better placed. Only plans the filters (and so the
    caller's access) admit."""
    if doc_id:
        return assistant.digital_plan(doc_id) if doc_id in assistant.allowed_doc_ids(filters) else None
    plans = allowed_plans(assistant, filters)
    if named := named_plan(question, plans):
        plan = assistant.digital_plan(named.doc_id)
        if plan is not None:
            return plan
    # an English report in the documents' words: a ransomware attack is no forest fire
    terms = " ".join(chinese_terms(question))
    hazards = hazards_in(f"{hazard or ''} {question} {terms}")
    asked = types_in(f"{hazard or ''} {question} {terms}")
    local = _plans_of_english_place(question, plans) if is_english(question) else []
    plans = _covering_or_local(assistant, plans, question, hazards, asked)
    if local:
        # 「Xianxi county has started a Level II response after a quarantine pest…」: the plans of the place the
        # report names in pinyin, of the kind the glossary reads if it reads one (「gas pipeline」 is no town gas
        # network of another county)
        plans = [info for info in local if info in plans] or local
    elif not hazards and not asked and is_english(question):
        # an English report whose hazard the glossary does not know (「a suspected anthrax case…」): only a general
        # plan is for it; a flood plan that merely ranks first for the words of reporting is not. (A Chinese report
        # with no hazard word, 「荻埠站52.10米」, is still read by the plans' own words.)
        plans = [info for info in plans if plan_kinds(assistant, info) is None]
    places = place_names(question)
    city_wide = bool(_CITY_WIDE.search(question))
    provinces = {p for p in PROVINCES if p in question} | ({"某省"} if "某省" in question else set())
    # Every plan is a candidate (a library holds tens of plans, not thousands): place, then hazard, then
    # graded levels decide; search rank breaks a tie, and is only asked for when there is one.
    candidates = []  # (ranking key, document, plan)
    for info in plans:
        plan = assistant.digital_plan(info.doc_id)
        if plan is not None and (plan.levels or plan.measures):
            kinds = plan_kinds(assistant, info)
            own = hazards & hazards_in(" ".join([info.title, *info.hazard_types]))
            if own and own <= excluded_hazards(assistant, info):
                continue  # 「单纯的寒潮降温过程，按照《…气象灾害应急预案》处置」: another plan's incident
            # a plan whose title names only a family (「国家气象灾害应急预案」) has the hazards its scope lists (大雾
            # among them), after the plans whose title names the hazard
            by_scope = not own and not hazards_in(info.title) and bool(hazards & scope_hazards(assistant, info))
            own_hazard = 0 if own else 1 if by_scope else 2
            # a plan for a hazard (「…高速公路团雾…预案」) after the others for an incident that names no hazard at all (a
            # gas leak, a pile-up on a dry road); one that names a hazard is placed by `own_hazard`
            other_hazard = not hazards and bool(hazards_in(info.title))
            general = kinds is None  # a plan for this kind of incident before the general one
            # a plan of a kind no known kind names (「…病原微生物实验室生物安全事件应急预案」) covers a report of a known
            # kind only after the plans written for that kind: a crowd crush is no laboratory's incident
            unknown_kind = kinds is not None and not kinds and bool(asked) and not _names_subject(info, question)
            key = (-place_score(assistant, info, question, places), _elsewhere(assistant, info, provinces),
                   own_hazard, other_hazard, -setting_match(kinds, asked), unknown_kind, general,
                   # a plan for landslides before the relief plan of every natural hazard, unless relief is asked
                   "灾害救助" in (kinds or ()) and "灾害救助" not in asked,
                   city_wide and not jurisdiction(info.title).endswith(("市", "国家")), not plan.levels)
            candidates.append((key, info, plan))
    if not candidates:
        return None
    best = min(key for key, _, _ in candidates)
    tied = [(info, plan) for key, info, plan in candidates if key == best]
    if len(tied) == 1:
        return tied[0][1]
    rank = _search_rank(assistant, question, hazard, filters)
    shared = _shared_words(assistant, question, [info for info, _ in tied])
    return min(tied, key=lambda c: (-shared[c[0].doc_id], rank.get(c[0].doc_id, len(rank))))[1]


def _names_subject(info: Any, question: str) -> bool:
    """Whether the report names a word of the plan's subject, from its title or hazard types (「实验室」 of
    耜州市病原微生物实验室生物安全事件应急预案)."""
    title = info.title.removeprefix(jurisdiction(info.title))
    words = {w for text in (title, *info.hazard_types) for w in jieba.lcut(text) if len(w) >= 2} - _GENERIC_TITLE_WORDS
    return any(w in question for w in words)


_GENERIC_TITLE_WORDS = frozenset({"突发", "事件", "突发事件", "应急", "预案", "应急预案", "安全", "事故", "灾害", "专项", "处置",
                                  "生产", "工作", "生物", "公共", "卫生"})


def _covering_or_local(assistant: Assistant, plans: list[Any], question: str, hazards: set[str],
                       asked: set[str]) -> list[Any]:
    """The plans for the kind of incident the report names; and, when none of them is of a place the report names,
    the named place's plans for the hazard it names, in their title or scope: 「衡阳市…下穿隧道积水五百八十毫米，四处都已断行」 is 衡阳's
    waterlogging before another city's tunnel plan, though a tunnel reads as a road's."""
    covering = [info for info in plans if covers(plan_kinds(assistant, info), asked)]
    if not hazards or any(names_jurisdiction(info, question) for info in covering):
        return covering
    local = [info for info in plans if info not in covering and names_jurisdiction(info, question)
             and hazards & (hazards_in(" ".join([info.title, *info.hazard_types])) | scope_hazards(assistant, info))]
    return covering + local


def names_jurisdiction(info: Any, question: str) -> bool:
    """Whether the report names a local plan's place: 「衡阳市」, or its name alone (「松川中心城区」)."""
    place = jurisdiction(info.title)
    stem = _STEM.sub("", place)
    return bool(place) and place != "国家" and (place in question or (len(stem) >= 2 and stem in question))


def _plans_of_english_place(question: str, plans: list[Any]) -> list[Any]:
    """The local plans of a place an English report names by its pinyin (「Xianxi county」 → 籼溪县's) or in Chinese
    (「Briefing needed for 碛阳 county」)."""
    stems = [(_STEM.sub("", j), info) for info in plans if (j := jurisdiction(info.title)) and j != "国家"]
    named = set(english_places(question, [stem for stem, _ in stems]))
    return [info for stem, info in stems if stem in named or names_jurisdiction(info, question)]


_STEM = re.compile(r"(?:省|自治区|市|自治州|州|区|县|旗)$")


def _elsewhere(assistant: Assistant, info: Any, provinces: set[str]) -> bool:
    """A local plan whose text never names the province the report is in (「浙江沿海」 for a fictional city's plan;
    「某省」, a province the report does not name, is none a local plan can be shown to cover)."""
    if not provinces or jurisdiction(info.title) == "国家":
        return False
    text = _plan_text(assistant, info.doc_id, info.content_hash)
    return not any(p in text for p in provinces)


def _shared_words(assistant: Assistant, question: str, infos: list[Any]) -> dict[str, float]:
    """Per plan, the report's words (「园区」「储罐」「石门」) its text uses, each weighted by how few of the plans
    use it: the plan written for this site and event uses the words the others do not."""
    words = {w for w in jieba.lcut(question) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fa5]+", w)}
    texts = {info.doc_id: _plan_text(assistant, info.doc_id, info.content_hash) for info in infos}
    users = {w: [d for d, text in texts.items() if w in text] for w in words}
    return {d: sum(math.log(len(texts) / len(users[w])) for w in sorted(words) if w in text) for d, text in texts.items()}


# 「全市减供负荷约12%」「市卫健委值班」「市人民医院」: the report is a city's, not a district's or a county's
_CITY_WIDE = re.compile(r"(?:全|本|我)市|(?<![\u4e00-\u9fa5])市[\u4e00-\u9fa5]{1,6}?(?:局|委|办|医院|政府|指挥部)")


def _search_rank(assistant: Assistant, question: str, hazard: str | None,
                 filters: dict[str, Any] | None) -> dict[str, int]:
    """Plans in the order search finds them for the incident (its hazard first when given)."""
    query = " ".join(p for p in (hazard, question, "应急响应 启动条件") if p)
    seen: list[str] = []
    attempts = [{"doc_type": "plan", "hazard": hazard}] if hazard else []
    for narrowing in [*attempts, {"doc_type": "plan"}]:
        for hit in assistant.search(query, k=10, filters=merge_filters(filters, narrowing)):
            if hit.chunk.doc_id not in seen:
                seen.append(hit.chunk.doc_id)
    return {doc_id: i for i, doc_id in enumerate(seen)}


def plan_kinds(assistant: Assistant, info: Any) -> set[str] | None:
    """The kinds of incident a plan is for (None: a general plan, for every kind)."""
    return _plan_kinds(assistant, info.doc_id, info.content_hash, info.title)


@lru_cache(maxsize=256)
def _plan_kinds(assistant: Assistant, doc_id: str, content_hash: str, title: str) -> set[str] | None:
    return plan_types(title, _scope_text(assistant, doc_id, content_hash))


@lru_cache(maxsize=256)
def _scope_text(assistant: Assistant, doc_id: str, content_hash: str) -> str:
    """A plan's 适用范围 section, under that heading or as an article of that title (「第三条 【适用范围】…」)."""
    return " ".join(c.text for c in assistant.chunks(doc_id)
                    if any("适用范围" in h for h in c.heading_path) or _SCOPE_ARTICLE.match(c.text))


_SCOPE_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+条\s*【适用范围】")


def scope_hazards(assistant: Assistant, info: Any) -> set[str]:
    """The hazards a plan's 适用范围 lists (「台风、暴雨（雪）、寒潮、大风…」)."""
    return listed_hazards(_scope_text(assistant, info.doc_id, info.content_hash))


# 「暴雨（雪）」 lists the snowstorm beside the rainstorm
_WITH_SNOW = re.compile(r"([\u4e00-\u9fa5])雨[（(]雪[)）]")


def listed_hazards(scope: str) -> set[str]:
    """The hazards a scope lists: 「台风、暴雨（雪）、寒潮」 → {台风, 暴雨, 暴雪, 寒潮}."""
    return hazards_in(_WITH_SNOW.sub(r"\1雨、\1雪", scope))


# a scope that hands an incident to another plan: 「单纯的寒潮降温过程，按照《朔原市气象灾害应急预案》处置」, 「…不适用本预案」
_HANDED_OVER = re.compile(r"单纯(?:的)?(?P<a>[^，。；、]{2,20}?)[，,]?(?:按照|依照|执行|适用)《|(?P<b>[^，。；]{2,20}?)不适用本预案")


def excluded_hazards(assistant: Assistant, info: Any) -> frozenset[str]:
    """The hazards a plan's scope hands to another plan."""
    return scope_exclusions(_scope_text(assistant, info.doc_id, info.content_hash), info.title)


def scope_exclusions(scope: str, title: str) -> frozenset[str]:
    """The hazards a scope hands to another plan; not the plan's own hazard, which an exclusion names only for
    another setting (「普通国省道和农村公路上的雾天交通事故不适用本预案」 in an expressway fog plan)."""
    return handed_over(scope) - hazards_in(title)


def handed_over(scope: str) -> frozenset[str]:
    """「单纯的寒潮降温过程，按照《…气象灾害应急预案》处置」 → {寒潮}."""
    return frozenset(h for m in _HANDED_OVER.finditer(scope) for h in hazards_in(m["a"] or m["b"]))


def asked_kinds(text: str) -> set[str]:
    """The specific kinds of incident a request names, an English one in the documents' words (a fire at an airport
    is an aircraft accident, not any fire)."""
    return specific_kinds(types_in(f"{text} {' '.join(chinese_terms(text))}"))


def uncovered_kinds(assistant: Assistant, question: str, filters: dict[str, Any] | None = None) -> list[str]:
    """The kinds of incident a report names for which the library (as the filters admit) holds no plan."""
    asked = asked_kinds(question)
    if not asked or any(covers(plan_kinds(assistant, info), asked) for info in allowed_plans(assistant, filters)):
        return []
    return sorted(asked)


def allowed_plans(assistant: Assistant, filters: dict[str, Any] | None) -> list[Any]:
    """The plans the filters (and so the caller's access) admit."""
    allowed = assistant.allowed_doc_ids(filters)
    return [d for d in assistant.documents() if d.doc_type == "plan" and d.doc_id in allowed]


_PLACE = re.compile(
    r"[\u4e00-\u9fa5]{2,5}?(?:市|县|区(?![间段])|镇|乡|村|街道|林场|水库|水电站|站|江|河|湖|山|园区"
    r"|互通|服务区|隧道|大桥|(?<![路河地堤时分线区阶片手工])段)"
    r"|(?<=[、，：\s])[\u4e00-\u9fa5]{2,3}(?=[、，])|[\u4e00-\u9fa5]{2,3}(?=、)"
)
_GENERIC_PLACES = {"水库", "县市", "市县", "我市", "本市", "全市", "全区", "本区", "县区", "区县", "城区", "某县", "某市",
                   "某镇", "化工园区", "林场", "水电站", "中心城区", "主城区", "老城区", "新城区", "自动站", "气象站",
                   "水文站", "雨量站", "控制站", "监测站", "变电站", "加油站", "居民小区", "多处居民小区",
                   "换乘站", "地铁站", "国家站"}
# 「乘客从区间疏散」「散到前方车站」「其余区段」「1人重伤、」「没有请求市里」: a phrase with a verb, a particle or a casualty in
# it is no place's name
_NOT_A_NAME = re.compile(r"[从到往把被伤亡死踪]|其余|已经|没有|启动|请求|^一个"
                         r"|(?:我|本|全|该)(?:县|市|区|镇|乡)$")  # 「…内影响我县」: the reporter's own area, no name
_GENERIC_STATIONS = ("气象站", "基本站", "观测站", "基准站")  # 「区国家基本气象站」 names a kind of station, not a place


_BODIES = ("院", "局", "委", "办", "所", "队", "厂", "公司", "中心")  # 「市人民医院、市第一人民医院」 lists no places


def place_names(question: str) -> set[str]:
    """Names of places in a report: 「衡南、祁东一带」「河口镇后山林地」「清水河示例站」."""
    names = {re.sub(r"^(?:在|据|经|按|某|向|我市|本市)", "", m[0]) for m in _PLACE.finditer(question)}
    return {n for n in names if len(n) >= 2 and n not in _GENERIC_PLACES and not n.endswith(_BODIES)
            and not n.endswith(_GENERIC_STATIONS) and not _NOT_A_NAME.search(n)}


# 「中央气象台」「全国」, and the regions forecasts name (「华北3个省」「江南、华南」), each several provinces; not 全国 or
# 国家级 as a kind of thing in one place (「全国性股份制银行」「全国两会期间」「全国核技术利用管理系统」「国家级自然保护区」)
_NATIONAL_SCALE = re.compile(
    r"中央(?!空调|商务区|大街|公园|广场)"
    r"|全国(?!性|两会|人大|政协|文明|重点|[^，。；]{0,10}?(?:系统|平台|网络?|名录|联网))"
    r"|国家级(?!自然保护区|保护区|风景名胜区|森林公园|湿地公园|地质公园|传统村落|文物|历史文化|非物质|[^，。；]{0,6}?(?:开发区|高新区|新区|示范区))"
    r"|国务院|华北|华东|华南|华中|东北地区|西北地区|西南地区|江南|江淮|黄淮|江汉|长江中下游")


def place_score(assistant: Assistant, info: Any, question: str, places: set[str]) -> int:
    """How much the report is about this plan's area: its jurisdiction named, or national scope for a national
    plan (中央, 全国, two provinces or more), else how many of the report's places the plan's text names."""
    place = jurisdiction(info.title)
    stem = _STEM.sub("", place)
    if names_jurisdiction(info, question):
        return 10
    if place == "国家" and (_NATIONAL_SCALE.search(question) or province_count(question) >= 2):
        return 10
    if place and place != "国家" and any(city_and_district(stem, _STEM.sub("", name)) for name in places):
        return 10  # 「雁峰区、石鼓区」: districts of 衡阳市 by their division codes, whether its plan names them or not
    text = _plan_text(assistant, info.doc_id, info.content_hash)
    return sum(1 for name in places if name not in PROVINCES
               and (any(form in text for form in name_forms(name))
                    or any(_stem_named(form, text) for form in _word_tails(name))))


# a town, county, district or park by its name alone, as a plan lists them: 「辖…溆口、鹧鸪坪、苦竹 ３ 个镇」 names
# 鹧鸪坪镇, 「苈湾区」 the 苈湾化工园区
_PLACE_SUFFIX = re.compile(r"(?:镇|乡|街道|县|区|(?:化工|工业|产业)?园区)$")
_NO_STEM = re.compile(r"^[区县镇乡市村街]|[个两几多]")  # 「区两个镇」: a phrase the place pattern cut, no name
_STEM_USE = r"(?:镇|乡|街道|县|区|、|和|及|\s*[0-9０-９])"


def _stem_named(name: str, text: str) -> bool:
    stem = _PLACE_SUFFIX.sub("", name)
    if stem == name or len(stem) < 2 or stem in _GENERIC_PLACES or _NO_NAME_START.match(stem) or _NO_STEM.search(stem):
        return False
    if len(jieba.lcut(stem)) == 1 and word_tags().get(stem) not in (None, "ns"):
        return False  # 「停电区」: an ordinary word, no name
    return re.search(re.escape(stem) + _STEM_USE, text) is not None


def name_forms(name: str) -> list[str]:
    """A place as the report wrote it and its tails at word boundaries: 「同时石门站」 is 石门站, 「刚才芦陂区」 芦陂区,
    「号线螺蛳湾站」 螺蛳湾站 (the pattern of `place_names` starts a name too early where a word runs into it); not
    「城街道」 of 「凌晨葳城街道」, whose name is one character."""
    tails = (name[i:] for i in range(1, len(name) - 2))
    return [name, *(t for t in tails if t not in _GENERIC_PLACES and not _NO_NAME_START.match(t)
                    and len(_ANY_SUFFIX.sub("", t)) >= 2
                    and (len(jieba.lcut(t)) > 1 or word_tags().get(t) in (None, "ns")))]


@lru_cache(maxsize=1024)
def _word_tails(name: str) -> tuple[str, ...]:
    """A place and its tails that start a word: 「凌晨葳城街道」 → 葳城街道, whose stem a plan lists as 「葳城、蓁岭」; not
    「队和乡」 of 「县专业队和乡」. (Cached: every plan is scored against the same names.)"""
    starts = itertools.accumulate(len(w) for w in jieba.lcut(name))
    return (name, *(name[i:] for i in starts if 0 < i < len(name) - 2))


_ANY_SUFFIX = re.compile(r"(?:街道|园区|林场|水库|服务区|[市县区镇乡村站江河湖山段])$")


_SITE_SUFFIXES = ("站", "镇", "乡", "村", "街道", "林场", "水库")


# a tail that starts with a number, a quantity, a side or a relation (「三个小区」「占全市」「所在街道」「邻县」「北部山区」)
# names no place; nor does one ordinary word (「开发区」「主城区」)
_NO_NAME_START = re.compile(r"[一二三四五六七八九十两几多全本我各占邻跨所在个该此这那其越向已入离]|[东西南北中][部面边侧]")


def places_a_plan_names(assistant: Assistant, question: str, plans: list[Any]) -> bool:
    """Whether the report names a station, town or site that some plan's text names (「柳渡站」「螺蛳湾站」)."""
    places = {p for p in place_names(question) if p.endswith(_SITE_SUFFIXES)}  # not 「主要河」「北面山」
    return bool(places) and any(place_score(assistant, info, question, places) for info in plans
                                if jurisdiction(info.title) != "国家")


@lru_cache(maxsize=64)
def _plan_text(assistant: Assistant, doc_id: str, content_hash: str) -> str:
    return "\n".join(c.text for c in assistant.chunks(doc_id))


def named_plan(question: str, plans: list) -> Any:
    """The plan whose title (without its version) or an alias the question names, or whose title it writes with
    words left out when that fits no other plan (「国家总体预案」 for 国家突发事件总体应急预案); the longest name wins."""
    folded = re.sub(r"\s+", "", question)
    shortened = shortened_names(folded, plans)
    named = []
    for info in plans:
        names = [re.sub(r"[（(][^）)]*[)）]|\s+", "", info.title), *info.aliases]
        length = max((len(n) for n in names if len(n) >= 6 and n in folded), default=0)
        # a shortened name counts with its plan's place in the question (「国家总体预案」): 「柘岭县…按非煤矿山事故应急预案」
        # does not name 硐冈县's 非煤矿山 plan
        place = jurisdiction(info.title)
        if place and (place in folded or len(place) >= 3 and place[:-1] in folded):
            length = max(length, shortened.get(base_title(info.title), 0))
        if length:
            named.append((length, info))
    return max(named, key=lambda n: n[0])[1] if named else None


