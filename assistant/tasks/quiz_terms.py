"""Key terms of a clause that a drill question can ask for, each typed, and distractors of the same type.

A term has a category (time limit, response level, warning colour, event class, quantity, organisation, body)
and, for numbers, a unit and a qualifier (「30分钟内」 is 30 · 分钟 · 内); two terms are of the same type when
category, unit and qualifier agree. Distractors are terms of the same type that mean something else: another
number with the same unit, another level of the same scale, another body of the same kind — never a term that
contains the answer, is contained in it or is a near-synonym of it (县级以上人民政府 / 县级以上地方各级人民政府).
A body or unit is offered only beside others that a reader of the same kind of document meets: the candidates
come from the clause's own document only (numbers and scales: its document first, then documents of its type,
then any), never one the clause names as a partner (「国务院经济综合宏观调控、建设…部门」); a plan's unit only beside units of its administrative level (a city plan's 市公安局
is offered with 市 units, not with 县自然资源局 or 市县气象局).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from assistant.tasks.quiz_fields import Duties, field_chars
from assistant.tasks.quiz_lists import ListIndex
from retrieval.ranking.numerals import cn_to_int, int_to_cn

# a name starts at a word boundary: after a non-Chinese character or a word that introduces a name
_START = r"(?:(?<![\u4e00-\u9fff])|(?<=[由向在和及与同经对将把报送请抄至给于是：、]))"
_NOT_IN_NAME = r"[在和或与及向由对将从报请设立组织派于的级把没适负]|应(?!急)|负责|建议|布局|格局|结局|大局|全局|当局"
_NUM = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)"
_APPROVER = (r"(?:国务院(?:办公厅)?|全国人民代表大会常务委员会|(?:本级|上一级|省级(?:以上)?|县级以上(?:地方)?|设区的市级(?:以上)?)人民"
             r"(?:政府|代表大会常务委员会))(?:[\u4e00-\u9fff]{2,8}?(?:主管|管理)部门)?")
PATTERNS: dict[str, re.Pattern[str]] = {
    "time_limit": re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>分钟|小时|个工作日|个月|日|天|年)(?P<qual>内|以内)"),
    "level": re.compile(r"(?P<num>[ⅠⅡⅢⅣ])级(?P<unit>应急响应|响应|预警)"),
    "colour": re.compile(r"(?P<num>红|橙|黄|蓝)色(?P<unit>预警)"),
    "event_class": re.compile(r"(?<![特])(?P<num>特别重大|重大|较大|一般)(?P<unit>(?:生产安全)?事故|突发事件|自然灾害"
                              r"|(?:森林|草原)火灾|地震灾害|地质灾害)(?!隐患)"),
    "quantity": re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>万人|人|毫米|厘米|米|公顷|万元|亿元|元|户|%|级)(?P<qual>以上|以下)?"),
    "unit": re.compile(_START + r"(?:区|市|县|省|镇|乡)(?:(?!" + _NOT_IN_NAME + r")[\u4e00-\u9fff]){1,8}?"
                       r"(?P<unit>管理局|委员会|指挥部|局|委|支队|中心)(?:办公室)?"),
    # 「县级以上人民政府应急管理部门」 is one body; 「县级以上人民政府应当…」 names the government
    "body": re.compile(_START + r"(?:县级以上|设区的市级|省级|国务院)(?:地方)?(?:各级)?(?:人民政府)?"
                       r"(?:(?!" + _NOT_IN_NAME + r")[\u4e00-\u9fff]){0,12}?(?P<unit>部门|人民政府)"),
    # who approves or keeps on file what a body drew up (「…报（国务院批准）」, 「报（本级人民政府备案）」), with its verb:
    # an option alone (「上一级人民政府备案」) is one too
    "approver": re.compile(r"(?:(?<=[报经请送])|^)(?P<num>" + _APPROVER + r")(?P<unit>批准|备案|审批|核准)"),
}
SCALES = {"level": ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"], "colour": ["红", "橙", "黄", "蓝"], "event_class": ["特别重大", "重大", "较大", "一般"]}
NUMERIC = {"time_limit", "quantity"}
MAX_FACTOR = 3.0  # a number's distractors stay within this factor of it: beside 十万元以下 no 五十万元以下
MAX_FACTOR_TIME = 5.0  # a deadline's ladder is coarse (1, 2, 3, 5 年): beside 1年内 the 5年内 of another rule is plausible
# plausible values of a number by its unit, used when the corpus offers too few of the same type
LADDERS = {"分钟": [5, 10, 15, 20, 30, 45, 60], "小时": [1, 2, 3, 4, 6, 8, 12, 24, 48, 72], "日": [1, 3, 5, 7, 10, 15, 30, 60],
           "天": [1, 3, 5, 7, 10, 15, 30], "个工作日": [1, 3, 5, 7, 10, 15, 20], "个月": [1, 2, 3, 6, 12], "年": [1, 2, 3, 5]}
# fines are round figures (5000元, 1万元, 2万元, 5万元): never 2500元 or 0.5万元
MONEY_UNITS = {"元", "万元", "亿元"}
MONEY = [d * 10 ** k for k in range(5) for d in (1, 2, 3, 5)]


@dataclass(frozen=True)
class Term:
    text: str
    category: str
    unit: str = ""
    qual: str = ""
    value: str = ""

    @property
    def kind(self) -> tuple[str, str, str]:
        return self.category, self.unit, self.qual


def find_terms(sentence: str) -> list[Term]:
    """Every key term of the sentence, in order of category (most drill-worthy first), without repeats."""
    found: list[Term] = []
    for category, pattern in PATTERNS.items():
        for m in pattern.finditer(sentence):
            groups = m.groupdict()
            term = Term(m.group(0), category, groups.get("unit") or "", groups.get("qual") or "",
                        groups.get("num") or "")
            if term not in found:
                found.append(term)
    return found


_FILLER = re.compile(r"地方|各级|本级|有关|人民|及其|所属|相关")


def near_synonym(a: str, b: str) -> bool:
    """One contains the other, or one is the other with words left out (a subsequence), once words that do
    not change whom a name means are dropped (县级以上人民政府 / 县级以上地方各级人民政府)."""
    short, long = sorted((_FILLER.sub("", a), _FILLER.sub("", b)), key=len)
    it = iter(long)
    return short in long or all(ch in it for ch in short)


def _with_value(term: Term, value: str) -> str:
    pattern = PATTERNS[term.category]
    m = pattern.search(term.text)
    return term.text[:m.start("num")] + value + term.text[m.end("num"):] if m else term.text


def number_of(value: str) -> float | None:
    """「30」 → 30.0, 「二十」 → 20.0 (laws write their amounts in Chinese numerals)."""
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return float(cn_to_int(value))
    except ValueError:
        return None


def _written_like(value: float, answer: str) -> str:
    """A value written as the answer writes its number: 「二万元」 beside 「十万元」, 「20万元」 beside 「10万元」."""
    if re.fullmatch(r"[\d.]+", answer) or value != int(value) or not 0 < value < 10000:
        return f"{value:g}"
    return int_to_cn(int(value))


def generated(term: Term) -> list[str]:
    """Same-type terms made from the term's scale: the other levels, colours and classes; other values of the
    unit (a ladder of usual deadlines, or the number halved, doubled, tripled)."""
    if term.category in SCALES:
        return [_with_value(term, v) for v in SCALES[term.category] if v != term.value]
    if term.category == "approver":
        return [body + term.unit for body in APPROVERS if body != term.value]
    number = number_of(term.value)
    if term.category not in NUMERIC or number is None:
        return []
    ladder = LADDERS.get(term.unit) or (MONEY if term.unit in MONEY_UNITS else [number * f for f in (0.5, 2, 3, 1.5)])
    values = [v for v in ladder if v != number]
    values.sort(key=lambda v: abs(v - number))
    return [_with_value(term, _written_like(v, term.value)) for v in values]


NAMED = {"unit", "body"}  # names of organisations: drawn from documents like the clause's, never generated
CHOSEN = NAMED | {"approver"}  # names asked only as a choice: a fill-in of a name is written many ways
# the usual approvers of a plan, a programme or a decision, nationwide and relative to the body that drew it up
# (a standing committee of a people's congress keeps decisions on file, seldom plans: it is offered last, round 26)
APPROVERS = ["国务院", "国务院办公厅", "国务院应急管理部门", "本级人民政府", "上一级人民政府", "上一级人民政府应急管理部门",
             "全国人民代表大会常务委员会", "本级人民代表大会常务委员会"]
_SECTOR = re.compile(r"人民政府([\u4e00-\u9fff]{2,8}?主管部门)")
_RELATIVE = re.compile(r"^(?:本级|上一级)")
_LEVEL = re.compile(r"^(?:县级以上|设区的市级|省级|国务院|[省市区县镇乡]+)")


def admin_level(name: str) -> str:
    """「市公安局」 → 市, 「市县气象局」 → 市县, 「国务院外交部门」 → 国务院."""
    m = _LEVEL.match(name)
    return m.group(0) if m else ""


_KIND_WORDS = re.compile(r"主管部门|行政|部门|人民政府|管理局|委员会|指挥部|办公室|支队|中心|局|委")


def _named_in(option: str, clause: str) -> bool:
    """The body the option names is written in the clause already, in a shorter form (经济综合宏观调控 of
    国务院经济综合宏观调控部门): it is the clause's partner, not a wrong answer."""
    core = _KIND_WORDS.sub("", option[len(admin_level(option)):])
    return len(core) >= 2 and core in clause


def _candidates(term: Term, pool, rng: random.Random, doc: tuple[str, str]) -> list[str]:
    """Corpus terms of the term's type: a plain {kind: terms} pool shuffled; a `TermPool` the clause's own
    document first, then its document type, then (for numbers and scales only) any document."""
    if isinstance(pool, TermPool):
        return pool.candidates(term, doc, rng)
    from_corpus = sorted(pool.get(term.kind, set()))
    rng.shuffle(from_corpus)
    return from_corpus


def siblings(term: Term, section: str) -> list[str]:
    """The terms of the term's type that its section names (the other bodies of the same duty list, the other
    deadlines of the same procedure): the most plausible distractors."""
    return list(dict.fromkeys(re.sub(r"\s+", "", t.text) for t in find_terms(section) if t.kind == term.kind))


def _by_field(options: list[str], clause: str) -> list[str]:
    """Bodies whose field the clause speaks first (a 水务 body for a clause on 积水): the others are guessed away."""
    return sorted(options, key=lambda option: not field_chars(option) & set(clause))


def distractors(term: Term, pool, avoid: str, rng: random.Random, n: int,
                doc: tuple[str, str] = ("", ""), near: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Up to n terms of the term's type, none equal to, containing, contained in or found in `avoid` (the
    clause), nor a near-synonym of the answer; a name only of the answer's administrative level. First the
    terms `near` the clause (its section's), then corpus terms (`doc` = (doc_id, doc_type) of the clause; bodies
    whose field the clause speaks first), then ones made from the term's scale."""
    from_corpus = _candidates(term, pool, rng, doc)
    near = sorted(near)
    rng.shuffle(near)
    from_corpus = [*near, *(o for o in from_corpus if o not in near)]
    if term.category == "approver":
        from_corpus = [*_sector_superiors(term, avoid), *from_corpus]
    if term.category in NAMED:
        from_corpus = _by_field(from_corpus, avoid)
        if isinstance(pool, TermPool):  # bodies doing comparable duties (the clause's words) first
            from_corpus.sort(key=lambda option: -pool.duties.overlap(option, avoid))
    chosen: list[str] = []
    for option in [*from_corpus, *generated(term)]:
        if len(chosen) >= n:
            break
        if _stated_in(option, term.category, avoid) or any(same_meaning(option, other, term.category)
                                                            for other in [term.text, *chosen]):
            continue
        if term.category in SCALES and _scale_value_in(option, term.category, avoid):
            continue
        if not same_type(option, term) or term.category in NUMERIC and not _same_magnitude(option, term):
            continue
        if term.category == "unit" and admin_level(option) != admin_level(term.text):
            continue
        if term.category in NAMED and (_named_in(option, avoid) or re.search("其他|有关", option)):  # no catch-all
            continue
        if term.category == "body" and _implausible_body(option, term.text, avoid):
            continue
        if term.category == "approver" and _implausible_approver(option, term, avoid):
            continue
        if term.category in NUMERIC and not (_inside_range(option, term, avoid) and _written_alike(option, term)):
            continue
        chosen.append(option)
    return chosen


# what a clause says of the body it asks about: a local one (reports to 上级人民政府, acts in 本行政区域) or one for
# the whole country (建立全国统一的…系统)
_LOCAL_BODY = re.compile(r"上级人民政府|本级人民政府|本行政区域|上一级|当地")
_NATIONAL_BODY = re.compile(r"全国")
_LOCAL_LEVELS = ("县级以上", "设区的市级", "省级")


def _implausible_body(option: str, key: str, clause: str) -> bool:
    """A body the clause rules out (国务院 does not report to 上级人民政府; a county does not build a nationwide
    system), or one the key holds (「县级以上人民政府有关主管部门」 includes its 应急管理部门)."""
    level = admin_level(option)
    if level == "国务院" and _LOCAL_BODY.search(clause) or level in _LOCAL_LEVELS and _NATIONAL_BODY.search(clause):
        return True
    return "有关" in key and level == admin_level(key)


def _implausible_approver(option: str, term: Term, clause: str) -> bool:
    """An approver that is no wrong answer, or no plausible one. A bound (「县级以上人民政府」) holds the 本级 one and
    every level it names. Where the State Council's bodies draw up (「国务院林业主管部门编制…」) there is no 本级 or
    上一级 government apart from 国务院; where a local one does and its own government approves, a national body is
    no plausible other."""
    if "以上" in option or "以上" in term.value:
        return True
    drafter = clause[:clause.find(term.text)]
    if re.search(r"国务院|国家", drafter):
        return bool(_RELATIVE.match(option))
    return bool(_RELATIVE.match(term.value)) and option.startswith(("国务院", "全国"))


def _sector_superiors(term: Term, clause: str) -> list[str]:
    """The drafting department's superior of its own sector (「…水行政主管部门拟定，报（本级人民政府批准）」 →
    上一级人民政府水行政主管部门批准): the likeliest wrong answer where a government approves (round 26, a09)."""
    drafter = clause[:clause.find(term.text)]
    if not _RELATIVE.match(term.value) or "国务院" in drafter:
        return []
    return [f"上一级人民政府{sector}{term.unit}" for sector in dict.fromkeys(_SECTOR.findall(drafter))]


def _approver(text: str) -> str:
    return re.sub(r"地方|各级", "", text)


def same_meaning(option: str, other: str, category: str) -> bool:
    """The option means the other: a name near-synonymous with it, a number of the same value (「二十万元以下」 holds
    「十万元以下」 as text, yet is a distractor of it)."""
    if category in SCALES:  # 重大事故 is inside 特别重大事故, yet another step of the scale
        steps = [{t.value for t in find_terms(text) if t.category == category} for text in (option, other)]
        return bool(steps[0] & steps[1]) if all(steps) else near_synonym(option, other)
    if category == "approver":  # 本级人民政府 and 上一级人民政府 differ by the words a name's synonym may drop
        return _approver(option) == _approver(other)
    if category not in NUMERIC:
        return near_synonym(option, other)
    values = [{number_of(t.value) for t in find_terms(text) if t.category == category} for text in (option, other)]
    return bool(values[0] & values[1]) or option == other


def _written_alike(option: str, term: Term) -> bool:
    """Same numeral script as the key and another value (no 「七个工作日内」 beside 「20个工作日内」, no 「一万元」 beside 「1万元」),
    and as many decimals (no reservoir level 「161.10米」 beside a distance of 「300米」, round 24, r09)."""
    found = [t for t in find_terms(option) if t.category == term.category]
    if not found:
        return False
    arabic = re.fullmatch(r"[\d.]+", found[0].value) is not None
    return arabic == (re.fullmatch(r"[\d.]+", term.value) is not None) and \
        number_of(found[0].value) != number_of(term.value) and _decimals(found[0].value) == _decimals(term.value)


def _decimals(value: str) -> int:
    return len(value.split(".", 1)[1]) if "." in value else 0


def _inside_range(option: str, term: Term, clause: str) -> bool:
    """A bound of a range stays on its side of the other bound (「（____）以上5万元以下」 offers no 5万元以上)."""
    value = next((number_of(t.value) for t in find_terms(option) if t.category == term.category), None)
    for other in find_terms(clause):
        bound = number_of(other.value)
        if other.category != term.category or other.unit != term.unit or bound is None or value is None:
            continue
        if (term.qual, other.qual) == ("以上", "以下") and not value < bound:
            return False
        if (term.qual, other.qual) == ("以下", "以上") and not value > bound:
            return False
    return True


def scale_steps(option: str, term: Term) -> tuple[int, int] | None:
    """(the option's step, the term's step) on the term's scale, the most severe first (Ⅰ 0, 特别重大 0); None when
    either is not a step of it."""
    steps = SCALES.get(term.category, [])
    found = [t.value for t in find_terms(option) if t.category == term.category and t.value in steps]
    if not found or term.value not in steps:
        return None
    return steps.index(found[0]), steps.index(term.value)


def step_distance(option: str, term: Term) -> int:
    """How many steps of the term's scale lie between it and the option (一般 → 较大: 1, 一般 → 特别重大: 3)."""
    placed = scale_steps(option, term)
    return len(SCALES.get(term.category, [])) if placed is None else abs(placed[0] - placed[1])


def same_type(option: str, term: Term) -> bool:
    """The option is, as a whole, one term of the term's category, unit and qualifier."""
    return any(t.text == option and t.kind == term.kind for t in find_terms(option))


def _same_magnitude(option: str, term: Term) -> bool:
    """A number within a factor of three of the answer's (beside 十万元以下 no 三十万元以下; 「1000元以上2万元以下」
    offers no 5000万元以下)."""
    found = [t for t in find_terms(option) if t.category == term.category]
    value, answer = number_of(found[0].value) if found else None, number_of(term.value)
    factor = MAX_FACTOR_TIME if term.category == "time_limit" else MAX_FACTOR
    return bool(value and answer) and 1 / factor <= value / answer <= factor


def _stated_in(option: str, category: str, clause: str) -> bool:
    """The clause states the option: as text, or for a step of a scale as a term of its own (「特别重大事故，是指…」 holds
    the text 重大事故, yet does not state 重大事故)."""
    if category not in SCALES:
        return option in clause
    return option in {t.text for t in find_terms(clause) if t.category == category}


def _scale_value_in(option: str, category: str, clause: str) -> bool:
    """The option's step of the scale is named in the clause already (「蓝色、黄色预警」 offers no 蓝色预警)."""
    m = PATTERNS[category].search(option)
    return bool(m) and re.search(re.escape(m["num"]) + "[色级]", clause) is not None


def _leader(sentence: str) -> str:
    """The body a sentence opens with or says is in charge (「区公安分局负责…」, 「…由区水务局负责」), or ""."""
    for category in NAMED:
        for m in PATTERNS[category].finditer(sentence):
            if m.start() <= 2 or sentence.startswith("负责", m.end()):
                return m.group(0)
    return ""


def term_pool(sentences: list[str]) -> dict[tuple[str, str, str], set[str]]:
    pool: dict[tuple[str, str, str], set[str]] = {}
    for sentence in sentences:
        for term in find_terms(sentence):
            pool.setdefault(term.kind, set()).add(re.sub(r"\s+", "", term.text))
    return pool


class TermPool:
    """The terms of a library by document: {(doc_id, doc_type): {kind: terms}}."""

    def __init__(self, by_doc: dict[tuple[str, str], dict[tuple[str, str, str], set[str]]],
                 duties: Duties | None = None, sentences: dict[str, list[str]] | None = None,
                 lists: ListIndex | None = None):
        self.by_doc = by_doc
        self.duties = duties or Duties({})
        self.sentences = sentences or {}  # each document's sentences, to check a false statement against
        self.lists = lists or ListIndex()  # the list clauses, whose items are a list question's distractors

    @classmethod
    def of(cls, texts: list[tuple[str, str, str]]) -> TermPool:
        """From (doc_id, doc_type, text) triples; with the duties of the bodies that lead a sentence."""
        by_doc: dict[tuple[str, str], dict[tuple[str, str, str], set[str]]] = {}
        led: list[tuple[str, str]] = []
        by_doc_sentences: dict[str, list[str]] = {}
        for doc_id, doc_type, text in texts:
            pool = by_doc.setdefault((doc_id, doc_type), {})
            sentences = re.split(r"[。；\n]", text)
            for kind, terms in term_pool(sentences).items():
                pool.setdefault(kind, set()).update(terms)
            led += [(lead, sentence) for sentence in sentences if (lead := _leader(sentence))]
            by_doc_sentences.setdefault(doc_id, []).extend(s for s in sentences if s.strip())
        return cls(by_doc, Duties.of(led), by_doc_sentences, ListIndex.of(texts))

    def candidates(self, term: Term, doc: tuple[str, str], rng: random.Random) -> list[str]:
        tiers: list[set[str]] = [set(), set(), set()]
        for key, pool in self.by_doc.items():
            tier = 0 if key == doc else 1 if key[1] == doc[1] else 2
            tiers[tier] |= pool.get(term.kind, set())
        if term.category in CHOSEN:
            # a body of another document is off-domain (国务院外交部门, 国务院地震工作主管部门 for a river law): names
            # come from the clause's own document
            tiers[1] = tiers[2] = set()
        ordered: list[str] = []
        for tier in tiers:
            shuffled = sorted(tier - set(ordered))
            rng.shuffle(shuffled)
            ordered += shuffled
        return ordered
