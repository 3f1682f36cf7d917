"""The lead of a lookup or chat answer: one to three verbatim sentences that answer the question, first.

Sentences of the leading clauses are scored by the words they share with the question (with each part of a
question of several parts: 「指挥长谁当？常务副指挥长呢」 gets one sentence per part), by whether they state the
kind of fact asked (`assistant.intent`), and by their clause's rank; position in the clause does not count.
Where the question gives facts and a clause grades them, the computed conclusion comes first
(`assistant.conclusion`): 「按《…》第三条，属重大事故。」
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile

import jieba

from assistant.composers.extractive import answer_sentences, clause_sentences, is_heading_line, text_sentences
from assistant.conclusion import EVENT_NOUN, SEVERITY_WORD, grading_conclusion, level_label
from assistant.grounding import content_overlap, content_words, word_coverage
from retrieval.models import Hit
from retrieval.plan.tables import hazards_in
from retrieval.ranking.actors import asked_body, gives_body_a_line
from retrieval.ranking.intent import Intent, asks_grading, intent_named, lists_levels, question_intent, states
from retrieval.ranking.query import base_title, named_levels, short_names

LEAD_MAX = 3
LEAD_CLAUSES = 3
INTENT_BONUS = 0.35
RANK_PENALTY = 0.15
SECOND_SENTENCE_SHARE = 0.75
SAME_CLAUSE_BONUS = 0.2
_PART_END = re.compile(r"[？?；;。！!，,]")
GRADING_BONUS = 0.5
CONCLUDED_LEVEL_BONUS = 0.3
# a clause of the measures at the level the question declares (`LEVEL_MEASURES`, set by answer_first.level_measure_hits)
# answers 「刚启动Ⅲ级，还要加哪些事」 before the grading clause that shares the declaration's words
LEVEL_MEASURES = "level_measures"
LEVEL_MEASURES_BONUS = 0.5
VIOLATION_PENALTY = 0.8
SAME_HAZARD_BONUS = 0.3
ITEM_OVERLAP = 0.3
# Of two documents a question names, the one its asking piece names is the one asked about.
ASKED_DOCUMENT_BONUS = 0.4
FOLLOW_UP_BONUS = 0.4
LEVEL_BONUS = 0.3
# who a rule is for, as a question names it (「对个人怎么罚」) and a sentence opens with it (「个人有前款…行为之一的」)
_PARTIES = ("个人", "单位", "主要负责人", "法定代表人", "从业人员", "公民", "企业")
_PARTY_OPENING = 12
SAME_PARTY_BONUS = 0.3
SAME_BODY_BONUS = 0.4
FOCUS_BONUS = 0.3
HEADING_WEIGHT = 0.5
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_ASKING = re.compile(r"谁|哪|(?<![好十百千万])几(?!乎)|多少|多久|多大|多长|多高|多深|多远|多重|多宽|什么|啥|怎么|如何|吗|呢|能否|是否|可否|"
                     r"(?P<verb>[会能可有是要算行让])[不没](?P=verb)|\b(who|what|which|when|how|can|is|are|does)\b",
                     re.I)


@dataclass
class LeadSentence:
    text: str
    hit: Hit
    score: float


def question_parts(question: str) -> list[str]:
    """The asking parts of a question, each with the context before it: 「值多久？下班后休息几个小时」 → two."""
    pieces = [p.strip() for p in _PART_END.split(question) if p.strip()]
    parts: list[str] = []
    context = ""
    for piece in pieces:
        if _ASKING.search(piece):
            parts.append(f"{context}{piece}")
            context = ""
        else:
            context += piece + " "
    if context and parts:
        parts[-1] += " " + context
    return parts or [question]


def _candidates(hits: list[Hit], question: str) -> list[tuple[str, int, Hit]]:
    return [(s, rank, hit) for rank, hit in enumerate(hits[:LEAD_CLAUSES])
            for s in [*answer_sentences(hit, question), *asked_rows(hit.chunk.text, question)]]


@lru_cache(maxsize=1024)
def asked_rows(text: str, question: str) -> tuple[str, ...]:
    """The data rows of a clause's tables whose key the question names, which are no sentences: 「Ⅱ级 | 县长」 under
    「级别 | 作出启动决定的人员」 for 「…提到Ⅱ级，谁拍板」, read with its header, and every level's row for a question that
    asks which level; not the rows of a directory the question names nothing of. (Cached: every part of the question
    reads each candidate with it.)"""
    levels = named_levels(question)
    grading = asks_grading(question) or getattr(question_intent(question), "name", None) == "which_level"
    return tuple(row for row, header in _rows_and_headers(text).items() if row != header
                 and ((key := row.split("|")[0].strip()) and (len(key) >= 2 and key in question
                                                              or bool(named_levels(key) & levels)
                                                              or grading and bool(named_levels(key)))))


@lru_cache(maxsize=1024)
def _rows_and_headers(text: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    header = None
    for line in text.splitlines():
        line = line.strip()
        if _ROW.search(line):
            header = header or line
            rows.setdefault(line, header)
        else:
            header = None
    return rows


_ROW = re.compile(r"\S\s*\|\s*\S")


def _read_with_header(sentence: str, hit: Hit, question: str) -> str:
    """A table row whose key the question names as its header tells it (「级别 | 作出启动决定的人员 Ⅱ级 | 县长」); any
    other sentence as it is."""
    if sentence not in asked_rows(hit.chunk.text, question):
        return sentence
    return f"{_rows_and_headers(hit.chunk.text)[sentence]} {sentence}"


# 「市防指启动防汛Ⅲ级应急响应后，…」: what is done once a level has started, which does not say who starts it
_ONCE_STARTED = re.compile(r"启动[^，。；]{0,20}?(?:响应|预案)(?:后|以后|之后)")
_ASKS_DECIDER = re.compile(r"谁[^，。？]{0,6}(?:决定|启动|拍板|批准|签发|宣布)|(?:决定|启动|拍板|批准|签发)[^，。？]{0,4}(?:的是)?谁"
                           r"|由谁|who (?:decides|starts|declares|approves)", re.IGNORECASE)
AFTER_START_PENALTY = 0.35


def _score(part: str, question: str, intent: Intent | None, sentence: str, rank: int, hit: Hit,
           asking: str | None = None) -> float:
    """How well a sentence answers one part of the question; `asking`: the words whose asking counts (a follow-up's
    own, when the part also holds the previous question's: 「地震应急响应分几级 Ⅲ级谁启动」 asks who, not the grading)."""
    own = asking or part  # the carried question's words still count, through the whole question's overlap
    grading = GRADING_BONUS * (asks_grading(own) and lists_levels(sentence))
    focus = asked_about(own)
    read = _read_with_header(sentence, hit, question)
    return (_sentence_overlap(own, sentence, hit, read) + 0.5 * content_overlap(question, read)
            + HEADING_WEIGHT * _heading_overlap(own, sentence, hit)
            + INTENT_BONUS * _answers(intent, read, hit) + grading - RANK_PENALTY * rank
            + SAME_PARTY_BONUS * _same_party(own, sentence) + FOCUS_BONUS * bool(focus and focus in sentence)
            + SAME_BODY_BONUS * _opens_with_body(own, sentence)
            + LEVEL_BONUS * (getattr(intent, "name", None) != "which_level" and _same_level(own, sentence, hit))
            - LEVEL_BONUS * (getattr(intent, "name", None) != "which_level" and _other_levels_only(own, sentence))
            - VIOLATION_PENALTY * (getattr(intent, "name", None) != "penalty" and _violation(sentence, hit))
            + SAME_HAZARD_BONUS * (getattr(intent, "name", None) in (None, "which_level") and not _WHO.asked.search(own)
                                   and _same_hazard(own, sentence, hit))
            - AFTER_START_PENALTY * bool(_ASKS_DECIDER.search(own) and _ONCE_STARTED.search(sentence)))


def _same_hazard(part: str, sentence: str, hit: Hit) -> bool:
    """The item of a list of several hazards' items that names the hazard the part asks about, when the part asks
    what a criterion is (not who decides it: 「Who decides to start a Level II flood response」) (「寒潮的Ⅱ级响应条件」 →
    「(6)寒潮：…」, not the list's item about losses that shares the word 响应). Outside such a list, a sentence that
    names the hazard again tells nothing."""
    asked = hazards_in(part)
    return bool(asked) and bool(_LIST_ITEM.match(sentence)) and len(_clause_hazards(hit.chunk.text)) >= 2 \
        and bool(asked & hazards_in(sentence))


_LIST_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}、|[①-⑳])")


@lru_cache(maxsize=1024)
def _clause_hazards(text: str) -> frozenset[str]:
    return frozenset(hazards_in(text))


_PENALTY = intent_named("penalty")
_WHO = intent_named("who")


def _violation(sentence: str, hit: Hit) -> bool:
    """An item of a penalty's list (「（三）在火灾发生后阻拦报警，或者负有报告职责的人员不及时报警的；」): it names what is
    punished, not the duty asked (「发生火灾后多久报告？」 is answered by 「任何人发现火灾都应当立即报警」)."""
    rule = introducing_rule(sentence, hit)
    return rule is not None and states(_PENALTY, rule)


_ASK_WORD = re.compile(r"是谁|由谁|谁|哪个(?:人|单位|部门)|哪位|哪个|哪些(?:人|单位|部门)")
_ROLE_AFTER = re.compile(r"(?:来|去)?(?:当|任|担任|出任)(?P<role>[\u4e00-\u9fa5]{2,6}?)(?=[？?，,。；]|$)")
_NOT_FOCUS = frozenset({"应当", "需要", "可以", "必须", "一般", "应该", "规定", "要求", "最多", "最少", "至少", "一共"})


@lru_cache(maxsize=1024)
def asked_about(part: str) -> str | None:
    """The role a question asks who holds, just before its asking word: 「…指挥部的指挥长是谁」 → 指挥长. A sentence
    naming it (「指挥长由分管发展改革工作的副区长担任」) answers it, though it shares few other words."""
    m = _ASK_WORD.search(part)
    if not m:
        return None
    if after := _ROLE_AFTER.match(part, m.end()):
        return after["role"]  # 「指挥部谁当指挥长」: the role comes after the asking word
    before = re.split(r"[的，,、\s]", part[:m.start()])[-1].rstrip("是为由要能会可该应需")
    if 2 <= len(before) <= 6 and _CJK.fullmatch(before) and before not in _NOT_FOCUS:
        return before
    words = [w for w in jieba.lcut(before) if len(w) >= 2 and w not in _NOT_FOCUS and _CJK.fullmatch(w)]
    return words[-1] if words else None


def _same_level(part: str, sentence: str, hit: Hit) -> bool:
    """The sentence, or the heading it sits under, names the response level or warning colour the part asks about
    (「Ⅱ级的谁拍板」 → the 「Ⅱ级 | … | 市防指常务副总指挥」 row), which the words a tokenizer keeps cannot tell. (A part
    that asks which level gives its levels as facts: 「镇里已启动Ⅲ级，县里该启几级」.)"""
    raised = _RAISED_TO.search(part)
    asked = named_levels(raised["to"]) if raised else named_levels(part) | _severities(part)
    if _COLOUR_RESPONSE.search(part):  # 「启动蓝色防汛响应」: a response told by its colour is the level of that colour
        asked |= {f"L{level[1:]}" for level in asked if level.startswith("C")}
    where = f"{sentence_heading(sentence, hit)} {_opening_title(hit)} {sentence}"
    return bool(asked) and bool(asked & (named_levels(where) | _severities(where)))


def _opening_title(hit: Hit) -> str:
    """The title line a clause opens with, which its locator may leave out (「第十九条 【Ⅳ级应急响应措施】」)."""
    first = hit.chunk.text.lstrip().split("\n", 1)[0]
    return first if is_heading_line(first) else ""


# 「蓝色防汛响应」「橙色应急响应」: a response level named by its colour, which plans number Ⅳ (蓝) to Ⅰ (红)
_COLOUR_RESPONSE = re.compile(r"[红橙黄蓝]色[^，。？]{0,6}?响应")
# 「要从Ⅲ级提到Ⅱ级，谁拍板」: the level raised to is the one asked about
_RAISED_TO = re.compile(r"从[^，。？]{0,6}?级[^，。？]{0,4}?(?:提|升|调|上)(?:高|升)?(?:到|至|为|成)(?P<to>[^，。？]{1,6}?级)")


# 「停电多少户算较大大面积停电事件」: a class of event named by its severity, as its grading sentence names it
_SEVERITY = re.compile(rf"({SEVERITY_WORD})(?={EVENT_NOUN})")


def _severities(text: str) -> frozenset[str]:
    return frozenset(f"S{m[1]}" for m in _SEVERITY.finditer(text))


def _focus_share(focus: frozenset[tuple[str, ...]], sentence: str, hit: Hit) -> float:
    """Share of what a follow-up adds (each in any of its forms) that the sentence or its clause's heading names
    (「那Ⅱ级呢？」: a sentence of 「5.6 Ⅱ级应急响应行动」)."""
    if not focus:
        return 0.0
    heading = sentence_heading(sentence, hit)
    return sum(any(w in sentence or w in heading for w in forms) for forms in focus) / len(focus)


def _heading_overlap(part: str, sentence: str, hit: Hit) -> float:
    """The part's words its clause's heading names (「2.1 区大面积停电事件应急指挥部」 for 「…指挥部的指挥长是谁」): the
    clause is about what is asked, so its sentences answer before another clause's that only repeat the words."""
    return word_coverage(content_words(part), sentence_heading(sentence, hit))


def sentence_heading(sentence: str, hit: Hit) -> str:
    """The heading a sentence sits under: in a clause stored with its short subsections (「1.5.1 一般森林火灾 / 1.5.2
    较大森林火灾 / …」), the subsection whose heading line comes last before it; else the clause's locator."""
    parts = [p.strip() for p in hit.chunk.locator.split(" / ")]
    text = hit.chunk.text
    at = text.find(sentence)
    if len(parts) < 2 or at < 0:
        return hit.chunk.locator
    starts = [(text.rfind(part, 0, at), part) for part in parts]
    found = max(((i, part) for i, part in starts if i >= 0), default=None)
    return found[1] if found else hit.chunk.locator


def _same_party(part: str, sentence: str) -> bool:
    """The sentence opens with the party the question asks about (「消防法对个人怎么罚」 → 「个人有前款…行为之一的，处警告
    或者五百元以下罚款」, not the unit's fine of the same article). Not for an English question, whose glossary terms
    name parties loosely (companies → 单位)."""
    if re.search(r"[A-Za-z]{3,}", part):
        return False
    opening = sentence[:_PARTY_OPENING]
    return any(party in part and party in opening for party in _PARTIES)


def _opens_with_body(part: str, sentence: str) -> bool:
    """The sentence opens with the body the part asks about and gives it a duty (「气象局要做什么」 → 「市气象局：负责…」,
    not 「气象信息：市气象局及时提供…」, a line about the information)."""
    body = asked_body(part)
    return body is not None and gives_body_a_line(body, sentence)


def _answers(intent: Intent | None, sentence: str, hit: Hit) -> bool:
    """The sentence states the kind of fact asked, or is an item of a list whose opening sentence does (「（八）餐饮
    等行业…未安装可燃气体报警装置的」 under 「有下列行为之一的，…处五万元以下的罚款」): the lead shows both."""
    if states(intent, sentence):
        return True
    rule = introducing_rule(sentence, hit) if intent else None
    return rule is not None and states(intent, rule)


def _sentence_overlap(part: str, sentence: str, hit: Hit, read: str | None = None) -> float:
    """The part's words found in the sentence, leaving out the words of the clause's heading: they tell which
    clause answers (「现场指挥部」 of 「1.1 现场指挥部」), not which of its sentences does. An item of a run the
    sentence before opens (「续报的频次为：四级响应…；三级响应每 6 小时一次；」) is read with that opening."""
    words = content_words(part)
    heading = sentence_heading(sentence, hit)
    sentence = f"{run_opening(sentence, hit)}{read or sentence}"
    if heading != hit.chunk.locator:  # a subsection's own heading (「1.5.2 较大森林火灾」) says what its sentences are about
        return word_coverage(words, f"{heading} {sentence}")
    return word_coverage(words - content_words(heading) or words, sentence)


def run_opening(sentence: str, hit: Hit) -> str:
    """The words before the colon that opens the run of 「；」 items a sentence belongs to, when it is not the
    run's first: 「市指挥部办公室续报的频次为：」 for 「三级响应每 6 小时一次；」; empty otherwise."""
    return _run_openings(hit.chunk.text).get(sentence, "")


@lru_cache(maxsize=1024)
def _run_openings(text: str) -> dict[str, str]:
    """`run_opening` of each sentence of a clause, in one pass (the lead scores every sentence for every part)."""
    openings: dict[str, str] = {}
    opening = ""
    for sentence in text_sentences(text):
        openings.setdefault(sentence, opening)
        if not sentence.rstrip().endswith(("；", ";")):
            opening = ""
        elif (colon := max(sentence.rfind("："), sentence.rfind(":"))) > 0:
            opening = sentence[:colon + 1]
    return openings


def _other_levels_only(part: str, sentence: str) -> bool:
    """The sentence names response levels (after any opening colon), none of them the one the part asks about:
    「…频次为：四级响应每日 8 时…；」 does not answer 「三级期间多久续报」."""
    asked = named_levels(part)
    named = named_levels(re.split(r"[：:]", sentence)[-1])
    return bool(asked) and bool(named) and not asked & named


def _level_key(label: str) -> str | None:
    """Ⅲ级 of 「Ⅲ级应急响应」, 较大 of 「较大事故」: how other sentences name a concluded level."""
    match = re.search(r"[ⅠⅡⅢⅣ]级|[一二三四]级|特别重大|重大|较大|一般", label)
    return match[0] if match else None


_ITEM = re.compile(r"^\s*[（(][一二三四五六七八九十\d]{1,3}[)）]")


def matching_item(part: str, sentence: str, hit: Hit) -> str | None:
    """The item of a list 「有下列行为之一的，处…罚款：」 introduces that the question describes (「迟报漏报事故」 →
    「（二）迟报或者漏报事故的；」): the rule and the case it applies to lead together."""
    if "下列" not in sentence:
        return None
    items = [s for s in clause_sentences(hit) if _ITEM.match(s)]
    scored = [(_sentence_overlap(part, item, hit), item) for item in items]
    best = max(scored, default=(0.0, None), key=lambda pair: pair[0])
    return best[1] if best[0] >= ITEM_OVERLAP else None


def introducing_rule(item: str, hit: Hit) -> str | None:
    """The sentence that opens the list an item belongs to (「…有下列行为之一的，…可以处五万元以下的罚款：」), which
    holds the rule (the penalty, the deadline) the item alone lacks."""
    if not _ITEM.match(item):
        return None
    sentences = clause_sentences(hit)
    before = sentences[:sentences.index(item)] if item in sentences else []
    return next((s for s in reversed(before) if "下列" in s and not _ITEM.match(s)), None)


# How much of a list one lead line holds: whole items, up to about this many characters
LIST_SPAN_MAX = 360
_LIST_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[．.、](?!\d)|[①-⑳])")
_OPENS_LIST = re.compile(r"下列|如下|[：:]\s*$")


def list_span(sentence: str, hit: Hit) -> str | None:
    """The items a sentence opens (「…采取下列一项或者多项应急救援措施：」 → 「（一）…；（二）…」), or the items from a leading
    item on, whole, as they stand in the clause: one passage, for a question that asks what to do, whose answer is the
    list that three separate lines would cut short."""
    is_item = bool(_LIST_ITEM.match(sentence))
    if not is_item and not _OPENS_LIST.search(sentence):
        return None
    sentences = clause_sentences(hit)
    if sentence not in sentences:
        return None
    # (an item that leads, in a section of items with no rule before them, starts the list itself)
    after = sentences[sentences.index(sentence) + (0 if is_item else 1):]
    items = list(takewhile(lambda s: bool(_LIST_ITEM.match(s)), after))
    if not items or (is_item and len(items) < 2):
        return None
    text = hit.chunk.text
    start = text.find(items[0], max(0, text.find(sentence)))
    if start < 0:
        return None
    end = start
    for entry in items:
        at = text.find(entry, end)
        if at < 0 or (at + len(entry) - start > LIST_SPAN_MAX and end > start):
            break
        end = at + len(entry)
    return text[start:end] if end > start else None


def asking_piece(question: str) -> str:
    """The last piece of the question that asks (「…北京的办法说最多罚5000，防洪法本身能罚多少？」 → 防洪法本身能罚多少)."""
    pieces = [p for p in _PART_END.split(question) if p.strip()]
    return next((p for p in reversed(pieces) if _ASKING.search(p)), question)


def lead_sentences(question: str, hits: list[Hit], concluded: str | None = None,
                   asked_docs: frozenset[str] = frozenset(), focus: frozenset[tuple[str, ...]] = frozenset(),
                   follow_up: str = "") -> list[LeadSentence]:
    """The sentences to open the answer with, best first. `concluded`: the level a computed conclusion already
    gave, so the parts that ask which level are answered, and the other parts (「谁拍板」) prefer sentences about
    that level (「Ⅲ级应急响应由…决定启动」). `asked_docs`: of several documents the question names, those its
    asking piece names (`asking_piece`). `focus`: what a follow-up adds to the conversation (「Ⅰ级呢？」 → Ⅰ级): the
    question read with the conversation holds the previous question's words too, and a sentence naming the
    follow-up's own answers it before one that answers the previous question again; `follow_up`: the user's words
    of such a follow-up, whose asking (not the carried question's) the part holding them is read by."""
    candidates = _candidates(hits, question)
    if not candidates:
        return []
    question = _without_document_names(question, hits)
    parts = question_parts(question)
    key = _level_key(concluded) if concluded else None
    if key is not None:
        parts = [p for p in parts if getattr(question_intent(p), "name", None) != "which_level"] or parts

    def ranked(part: str, chosen: list[LeadSentence]) -> tuple[Intent | None, list[tuple[float, str, Hit]]]:
        # a part that asks nothing of a known kind (「较大森林火灾的标准是什么」 after 「分哪几级」) is not asked the other
        # part's kind
        own = follow_up if follow_up and follow_up.rstrip("？?。 ") in part else part
        intent = question_intent(own) or question_intent(part) or (question_intent(question) if len(parts) == 1 else None)
        return intent, sorted(((_score(part, question, intent, s, r, h, own) + CONCLUDED_LEVEL_BONUS * bool(key and key in s)
                                + ASKED_DOCUMENT_BONUS * (h.chunk.doc_id in asked_docs)
                                + SAME_CLAUSE_BONUS * any(c.hit is h for c in chosen)
                                + LEVEL_MEASURES_BONUS * (LEVEL_MEASURES in h.ranks)
                                + FOLLOW_UP_BONUS * _focus_share(focus, s, h), s, h) for s, r, h in candidates),
                              key=lambda item: -item[0])

    asked_parts = parts[:LEAD_MAX]
    by_part: dict[int, list[LeadSentence]] = {}
    chosen: list[LeadSentence] = []
    alone = [ranked(part, []) for part in asked_parts]
    for number in _picking_order([scored for _, scored in alone]):
        part = asked_parts[number]
        intent, scored = ranked(part, chosen) if chosen else alone[number]
        picked = by_part.setdefault(number, [])
        for score, sentence, hit in scored:
            if all(c.text != sentence for c in chosen):
                rule = introducing_rule(sentence, hit) if intent and not states(intent, sentence) else None
                if rule is not None and states(intent, rule) and all(c.text != rule for c in chosen):
                    picked.append(LeadSentence(rule, hit, score))  # the item alone does not answer: its rule first
                picked.append(LeadSentence(sentence, hit, score))
                if (item := matching_item(part, sentence, hit)) is not None and all(c.text != item for c in chosen + picked):
                    picked.append(LeadSentence(item, hit, score))
                chosen.extend(picked)
                break
        if len(chosen) == 1 and len(parts) == 1:
            runner_up = next(((sc, s, h) for sc, s, h in scored if s != chosen[0].text), None)
            if runner_up and runner_up[0] >= SECOND_SENTENCE_SHARE * chosen[0].score \
                    and states(intent, runner_up[1]):
                picked.append(LeadSentence(runner_up[1], runner_up[2], runner_up[0]))
    chosen = [sentence for number in sorted(by_part) for sentence in by_part[number]]
    return chosen[:LEAD_MAX]


def _without_document_names(question: str, hits: list[Hit]) -> str:
    """The question without the names of the documents it says to look in: 「气象灾害预案里寒潮的Ⅱ级响应条件」 names the
    plan to say where to look; its words (气象, 灾害) say nothing about which of the plan's sentences answers. A name
    that is the subject (「总体应急预案把突发事件分成几类」) stays."""
    names = sorted({n for h in hits[:LEAD_CLAUSES] for n in short_names(base_title(h.chunk.doc_title)) | {h.chunk.doc_title}
                    if len(n) >= 4}, key=len, reverse=True)
    for name in names:
        question = re.sub(rf"{re.escape(name)}(?=里|中|内|的|上|规定|关于|对)", " ", question)
    return question


def _picking_order(ranked: list[list[tuple[float, str, Hit]]]) -> list[int]:
    """The order the question's parts pick their sentences in: the question's own, except that of two parts whose best
    sentence is the same, the one surer of it picks first. 「…多少天内要提交？特殊情况能延长多久」: both score the
    extension sentence best, it answers the second far better than any other sentence, so the first takes its own
    「60日内提交」."""
    order = list(range(len(ranked)))
    for later in range(1, len(ranked)):
        for earlier in range(later):
            if ranked[later] and ranked[earlier] and ranked[later][0][1] == ranked[earlier][0][1] \
                    and _margin(ranked[later]) > _margin(ranked[earlier]) and order.index(later) > order.index(earlier):
                order.remove(later)
                order.insert(order.index(earlier), later)
    return order


def _margin(scored: list[tuple[float, str, Hit]]) -> float:
    """How much a part's best sentence beats its runner-up: how sure the part is of it."""
    return scored[0][0] - scored[1][0] if len(scored) > 1 else (scored[0][0] if scored else 0.0)


def conclusion_sentence(question: str, hits: list[Hit]) -> tuple[str, str, Hit, str] | None:
    """(conclusion, grading sentence, its clause, the level) when the question's facts meet a grading
    threshold."""
    candidates = [(s, hit.chunk.locator, hit) for hit in hits for s in clause_sentences(hit)]
    found = grading_conclusion(question, [(s, heading) for s, heading, _ in candidates])
    if found is None:
        return None
    hit = next(h for s, _, h in candidates if s == found.sentence)
    text = f"按《{hit.chunk.doc_title}》{clause_number(hit.chunk.locator)}，属{found.label}。"
    return text, found.sentence, hit, found.label


def clause_number(locator: str) -> str:
    """第三条 of 「第一章 第三条」, 4.1.3 of 「4.1.3 Ⅱ级应急响应」, 四、（二） of 「四、 （二）启动条件」."""
    article = re.search(r"第[^\s第]+条", locator)
    if article:
        return article[0]
    tokens = locator.split()
    while len(tokens) > 1 and re.fullmatch(r"第[^\s]+[章节编]", tokens[0]) and re.match(r"[\d（(一二三四五六七八九十]", tokens[1]):
        tokens = tokens[1:]  # 「第4章 4.1.1 特别重大…」 → 4.1.1: the chapter is no clause
    if not tokens:
        return ""
    if tokens[0].endswith("、"):  # 「四、 （二） 分级标准」 → 四、（二）; 「四、 响应」 → 四
        sub = re.match(r"[（(][一二三四五六七八九十]+[)）]", tokens[1]) if len(tokens) > 1 else None
        return tokens[0] + sub[0] if sub else tokens[0].rstrip("、")
    return tokens[0]


def heading_conclusion(question: str, lead: LeadSentence) -> tuple[str, str] | None:
    """「按《…》8.1.3，属Ⅲ级预警。」 when a which-level question's best sentence is a condition of a clause whose
    heading names the level (the sentence itself naming none)."""
    intent = question_intent(question)
    if intent is None or intent.name != "which_level" or level_label(lead.text) is not None:
        return None
    heading = lead.hit.chunk.locator.split(" / ")[0]
    label = level_label("", heading)
    if label is None:
        return None
    return f"按《{lead.hit.chunk.doc_title}》{clause_number(heading)}，属{label[0]}。", label[0]
