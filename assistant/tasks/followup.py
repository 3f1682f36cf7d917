"""Follow-ups resolved against the conversation, before retrieval.

- A question that names its own document (「防震减灾法里…」) stands alone.
- A change of topic — the follow-up names a hazard the conversation has not been about (「那森林火灾分几级？」 after
  questions on the 安全生产法) — stands alone too: nothing of the old subject is carried into it.
- An elliptical follow-up (「那Ⅲ级呢？」「单位呢？」「还有呢」「分别是什么」, or a very short one) is read with the
  previous question's words, a level, colour or grade it names taking the place of the previous one.
  An elliptical follow-up that brings a subject of its own (three content words the conversation has not used:
  「那在林区擅自野外用火呢，单位罚多少？」) keeps only the conversation's document.
- Any other follow-up keeps the document the conversation was about (「调查报告多少天内交？」 after two questions on
  493号令 → 「493号令 调查报告多少天内交？」); a short one without a document keeps the conversation's hazard.
A follow-up's answer never repeats the previous answer: clauses the previous answer already quoted in full go
last (`fresh_first`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.grounding import content_words
from retrieval.models import DocumentInfo
from retrieval.plan.tables import hazards_in
from retrieval.ranking.actors import asked_body
from retrieval.ranking.intent import question_intent
from retrieval.ranking.query import LEVEL_FORMS, distinctive_names, named_places, place_of

_ELLIPTICAL_START = ("那", "那么", "还有", "另外", "此外", "其", "它", "这个", "那个", "该")
_ELLIPTICAL = re.compile(r"呢[？?]?$|分别|还有|其他的?|其余|对应的?|相应的|这条|那条|这一条|同样的")
# A version a follow-up names (「07版呢？」「新法里对应的是第几条？」) replaces the one the conversation used.
_VERSION = re.compile(r"\d{2,4}\s*年?版|现行|新法|旧法|老法|新版|旧版|老版|修订前|修订后")
_QUESTION_WORDS = re.compile(r"(请问|什么|怎么|怎样|如何|多少|哪些|哪个|是否|吗|呢|？|\?|。)")
VERY_SHORT = 7
# A follow-up this short (without its question words) that names no document keeps the conversation's hazard.
SHORT = 15


@dataclass
class Resolved:
    question: str
    subject: str | None = None
    topic_changed: bool = False


def _user_turns(history: list[dict[str, str]]) -> list[str]:
    return [t.get("content", "").strip() for t in history if t.get("role") == "user" and t.get("content", "").strip()]


# A short name made of a document type and a generic word (调查报告, 暂行规定) names no document in a follow-up:
# 「调查报告多少天内交？」 asks about the conversation's regulation, not about the one report so titled.
def named_document(text: str, documents: list[DocumentInfo]) -> str | None:
    """The longest document name (title, 简称, 493号令) the text uses, as written, with the version it gives
    (「07版应对法」)."""
    names = [n for n in distinctive_names(documents) if n in text]
    if not names:
        return None
    name = max(names, key=len)
    versioned = re.search(rf"(?:\d{{2,4}}\s*年?(?:版|修订|修正)?的?|新|旧|老)?{re.escape(name)}", text)
    return versioned[0] if versioned else name


# Hazards a conversation can move between, besides those the documents declare in their metadata.
HAZARDS = ("森林火灾", "森林防火", "地震", "防汛", "洪涝", "洪水", "暴雨", "台风", "干旱", "抗旱", "大面积停电", "停电",
           "火灾", "危险化学品", "危化", "地质灾害", "滑坡", "泥石流", "生产安全事故", "踩踏", "传染病", "气象灾害")


def named_hazards(text: str, documents: list[DocumentInfo]) -> set[str]:
    """The hazards a text names; a longer name hides the shorter one inside it (森林火灾, not 火灾)."""
    found = {h for h in (*HAZARDS, *(h for d in documents for h in d.hazard_types)) if len(h) >= 2 and h in text}
    return {h for h in found if not any(h != other and h in other for other in found)}


# What a follow-up swaps in for the same kind of value in the previous question: 「那Ⅲ级呢？」 after 「防汛Ⅳ级响应
#谁决定启动？」 asks about Ⅲ级, not about both.
SLOTS = (re.compile(r"(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|[一二三四])级"), re.compile(r"[红橙黄蓝]色"),
         re.compile(r"特别重大|重大|较大|一般"), _VERSION,
         # a level of government or community: 「村里的呢」 after 「乡镇（街道）的应急预案重点写哪些内容」
         re.compile(r"乡镇[（(]街道[)）]|村[（(]社区[)）]|(?:省|市|县|区|乡镇|村)(?:级|里)|乡镇|街道|社区"))


def _beyond_slots(question: str) -> str:
    """What a follow-up says besides the values it swaps in and its asking words (「那Ⅰ级的呢？」 → nothing)."""
    for slot in SLOTS:
        question = slot.sub("", question)
    rest = _QUESTION_WORDS.sub("", re.sub(r"^(?:那么|那)|的", "", question.strip()))
    return re.sub(r"\s+", "", rest)


def _beyond_document(question: str, document: str) -> str:
    """What a follow-up asks besides the document it names (「消防法那边怎么罚？」 → 边罚: next to nothing)."""
    rest = _QUESTION_WORDS.sub("", question.replace(document, ""))
    return re.sub(r"那边|这边|^(?:那么|那|换成|换到|改成|按照?|依照)|方面|里面?|中|上|的|怎么说|规定|\s+", "", rest)


def substituted(subject: str, question: str) -> str:
    """The previous question with the values the follow-up names put in place of those of the same kind."""
    for slot in SLOTS:
        new = slot.search(question)
        if new:
            subject = slot.sub(new[0], subject)
    return subject


# 「换成重大事故呢？」「换成栖梧县呢？」「要是出事的是学校食堂呢？」: the previous question with one thing changed
_SWAP = re.compile(r"^(?:那|那么)?(?:换成|改成|换作|换到|如果换成|如果是|要是|若是|假如是?)(?P<new>[^，,；;？?]{1,16}?)(?:的话)?呢?[？?。]?$")
_PLACE_SUFFIX = re.compile(r"(?:省|市|区|县|镇|乡|街道)$")


def swapped(previous: str, new: str, documents: list[DocumentInfo]) -> str:
    """The previous question with the follow-up's value in place of the one of its kind (a level, colour, grade,
    or the place of a held document: 柘岭 → 栖梧), else with the follow-up's words added."""
    for slot in SLOTS:
        if (value := slot.search(new)) and slot.search(previous):
            return slot.sub(value[0], previous)
    stem = _PLACE_SUFFIX.sub("", new)
    if stem != new and len(stem) >= 2:
        for held in _held_places(documents):
            if held in previous and held != stem:
                return previous.replace(held, stem)
    return f"{previous} {new}"


def _asks_another_held_place(question: str, turns: list[str], documents: list[DocumentInfo]) -> bool:
    """「换成苍岩地灾Ⅱ级，多久报一次？」 after questions on 朔原's plan: a question of its own about another held place's
    plan (not 「换成栖梧县呢？」, which swaps the place into the previous question)."""
    return any(p in question and not any(p in t for t in turns)
               and content_words(_QUESTION_WORDS.sub("", question.replace(p, ""))) for p in _held_places(documents))


def _held_places(documents: list[DocumentInfo]) -> list[str]:
    """The places the library's documents are for, without their suffix (柘岭县 → 柘岭)."""
    stems = (_PLACE_SUFFIX.sub("", place) for d in documents if (place := place_of(d)))
    return list(dict.fromkeys(stem for stem in stems if len(stem) >= 2))


def _another_facet(question: str, previous: str) -> bool:
    """The follow-up asks another kind of thing than the previous question (a time limit after a level)."""
    asked, before = question_intent(question), question_intent(previous)
    return asked is not None and before is not None and asked.name != before.name


def _subject_of(question: str, documents: list[DocumentInfo]) -> list[str]:
    """What a question is about without what it asks or the figures it gives: the places of held documents it
    names and its hazards (「柘岭一处林火…该启几级响应」 → 柘岭, 森林火灾)."""
    return [*(held for held in _held_places(documents) if held in question), *sorted(hazards_in(question))]


def is_elliptical(question: str) -> bool:
    return question.startswith(_ELLIPTICAL_START) or bool(_ELLIPTICAL.search(question)) \
        or len(_QUESTION_WORDS.sub("", question)) <= VERY_SHORT


NEW_SUBJECT_WORDS = 3


def brings_new_subject(question: str, turns: list[str]) -> bool:
    """Whether a follow-up says enough of its own (three content words the conversation has not used, or two
    beside a question word of its own) to be read without the previous question's words."""
    said = set().union(*(content_words(t) for t in turns))
    own = {w for w in content_words(question) - said
           if not (_VERSION.search(w) or _ELLIPTICAL.search(w) or _QUESTION_WORDS.search(w) or "几" in w)}
    # 「演练可以用哪些方式」 after a question on the plans' revision schedule: a question asked in its own words
    # (its own question word, not a bare 「呢」) with two words of its own has a subject of its own
    # (not after an incident report, whose figures the next question asks another thing of: 「区城管局要做什么」)
    own_question = bool(_OWN_QUESTION.search(question)) and not question.rstrip("？?").endswith("呢") \
        and not _FIGURE.search(turns[-1]) and not content_words(question) & content_words(turns[-1])
    return len(own) >= NEW_SUBJECT_WORDS - own_question


BARE_TOPIC = 8


def _another_topic(question: str, turns: list[str], documents: list[DocumentInfo]) -> bool:
    """「消防产品呢」「医疗呢」: a bare noun and 呢 with a word the conversation has not used, and no level, colour,
    place or actor (those are asked the previous question: 「那Ⅲ级呢」「溪南呢」「那带班领导呢」)."""
    bare = re.sub(r"^(?:那么|那|还有|另外)|的?呢?[？?。]*$", "", question.strip())
    said = set().union(*(content_words(t) for t in turns))
    return question.rstrip("？?。 ").endswith("呢") and 2 <= len(bare) <= BARE_TOPIC and not _QUESTION_WORDS.search(bare) \
        and not any(slot.search(bare) for slot in SLOTS) and not _ACTOR.search(bare) \
        and bool(content_words(bare) - said) and not named_places(bare) \
        and not any(p in bare for p in _held_places(documents))


# 「那抽烟呢？」 after 「值班人员能不能喝酒？」: the same yes-or-no question of another act
_YES_NO = re.compile(r"能不能|可不可以|是不是|要不要|是否|允许|吗[？?。]?")
# 「那带班领导呢？」 after 「值班人员能不能喝酒？」: another actor, asked the same thing
_ACTOR = re.compile(r"(?:人员|领导|干部|单位|部门|企业|局|委|办|队|组|站|中心|政府|街道|镇|乡|村|社区|人|员|长)$")


_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千]+(?:个|人|户|米|公分|厘米|毫米|公里|级|小时|公顷|亩|万)")
_OWN_QUESTION = re.compile(r"哪些|哪里|什么|怎么|如何|多少|多久|几[个天次级项小]|谁|何时")


def _topic_start(turns: list[str], documents: list[DocumentInfo]) -> int:
    """The first turn of the conversation's current topic: the last that named a hazard none before it named
    (「森林火灾的呢？」 after questions on the 地震 plan: that plan is no longer the conversation's document)."""
    # a hazard word of the conversation, not a generic kind a document declares (突发事件)
    named = [named_hazards(t, documents) & set(HAZARDS) for t in turns]
    for k in range(len(turns) - 1, 0, -1):
        if named[k] and not named[k] & set().union(*named[:k]):
            return k
    return 0


def _conversation_document(turns: list[str], documents: list[DocumentInfo]) -> str | None:
    """The document the latest turn of the current topic names (`named_document`), else the place of a held document
    it names (「芩阳县冬春救助…」: 芩阳's plans), if any."""
    topic = turns[_topic_start(turns, documents):]
    if named := next((d for t in reversed(topic) if (d := named_document(t, documents))), None):
        return named
    places = _held_places(documents)
    # as the turn writes it (「鹤泾县」, not 鹤泾: the documents' words are 鹤泾县's)
    return next((m[0] for t in reversed(topic) for p in places if (m := re.search(rf"{re.escape(p)}(?:县|区|市|州)?", t))),
                None)


def names_a_subject(history: list[dict[str, str]], documents: list[DocumentInfo]) -> bool:
    """Whether a question of the conversation named a document or a held place: that chose its subject, whatever
    document a later answer quoted."""
    return any(named_document(t, documents) or _conversation_document([t], documents) for t in _user_turns(history))


def _only_carried_place(place: str | None, history: list[dict[str, str]], documents: list[DocumentInfo]) -> str | None:
    """The place the previous answer's document is for, when no question named a subject (`names_a_subject`) and the
    place tells the library's documents apart (示例区, which every document of the sample library is for, does not)."""
    if not place or names_a_subject(history, documents):
        return None
    places = [place_of(d) for d in documents]
    return place if places.count(_PLACE_SUFFIX.sub("", place)) * 2 <= len(places) else None


def _spelled_out(hazard: str, documents: list[DocumentInfo]) -> str:
    """A hazard as the documents write it when the follow-up shortens it: 危化 → 危险化学品 (the shortest hazard word of
    the library that starts with it and holds its characters in order)."""
    words = {w for w in (*HAZARDS, *(h for d in documents for h in d.hazard_types))
             if len(w) > len(hazard) and w[0] == hazard[0]}
    spelled = [w for w in words if re.fullmatch(".*?".join(map(re.escape, hazard)) + ".*", w)]
    return min(spelled, key=len) if spelled and not any(hazard in w for w in words) else hazard


# An English follow-up that names its own document (not 「under the same law」): a question of its own
_ENGLISH_DOCUMENT = re.compile(r"\b(?:under|in|per|according to|by)\s+the\s+(?!same\b|this\b|that\b|above\b|former\b)"
                               r"[a-z][\w' -]{1,40}?\b(?:law|act|rules|regulations?|plan|measures|provisions|code)\b",
                               re.IGNORECASE)
_POINTS_TO_DOCUMENT = re.compile(r"(?:这个|这部|该|本|这份|上述)(?:预案|法|条例|办法|规定|文件|报告)")


def resolve(question: str, history: list[dict[str, str]], documents: list[DocumentInfo],
            answered: str | None = None) -> Resolved:
    """The follow-up as retrieval should read it. `answered`: the place of the document the previous answer quoted,
    the conversation's when no turn named a document or a place (「为什么…县里还不算启动Ⅰ级响应？」 was answered from
    鲂溪县's fog plan; 「封闭的时长从什么时候算起？」 asks 鲂溪县's documents)."""
    turns = _user_turns(history)
    if not turns:
        return Resolved(question)
    if item := referenced_item(question, history):
        # 「第二项具体指什么」: the item of the list the previous answer showed, in the previous question's context
        previous = resolve(turns[-1], _before_last_question(history), documents).question
        subject = _without_question_words(previous)
        return Resolved(f"{subject} {item}", subject)
    if _ENGLISH_DOCUMENT.search(question):
        return Resolved(question, topic_changed=True)  # 「Under the district duty rules, can a township…」
    if named := named_document(question, documents):
        if content_words(_beyond_document(question, named)):
            return Resolved(question)  # 「应对法里预警分几级？」: a question of its own
        # 「消防法那边怎么罚？」「应对法里呢？」: the previous question, asked of the document the follow-up names
        previous = resolve(turns[-1], _before_last_question(history), documents).question
        old = named_document(previous, documents)
        subject = _without_question_words(previous.replace(old, " ") if old else previous)
        return Resolved(f"{question} {subject}" if subject else question, subject or None, topic_changed=True)
    body = asked_body(question)
    # 「气象局要做什么」 names a body, not the 气象 hazard (a command body is named by its hazard: 「危化事故指挥部」)
    if body and body.endswith(("指挥部", "委员会")):
        body = None
    asked = named_hazards(question.replace(body, " ") if body else question, documents)
    before = set().union(*(named_hazards(t, documents) for t in turns))
    # (after an incident report, 「区城管局要做什么」 is asked of that incident: below)
    if body and not asked and not _FIGURE.search(turns[-1]) \
            and (about_body := _about_another_body(question, body, turns, history, documents)):
        return about_body
    if asked and not asked & before:
        if is_elliptical(question) and len(_QUESTION_WORDS.sub("", question)) <= VERY_SHORT:
            # 「地震的呢？」 after 「防汛启动Ⅲ级响应后，区应急局要在多长时间内派人…」: the same question of another hazard
            previous = resolve(turns[-1], _before_last_question(history), documents).question
            if old := named_hazards(previous, documents):
                new = _spelled_out(max(asked, key=len), documents)
                return Resolved(re.sub("|".join(map(re.escape, old)), new, previous), new, topic_changed=True)
        return Resolved(question, topic_changed=True)
    document = _conversation_document(turns, documents) or _only_carried_place(answered, history, documents)
    if document and _VERSION.search(question):  # the follow-up's own version, not the conversation's
        document = re.sub(r"^(?:\d{2,4}\s*年?(?:版|修订|修正)?的?|新|旧|老)", "", document)
    if swap := _SWAP.match(question):
        previous = resolve(turns[-1], _before_last_question(history), documents).question
        return Resolved(swapped(previous, swap["new"], documents), previous)
    if _asks_another_held_place(question, turns, documents):
        return Resolved(question, topic_changed=True)
    if is_elliptical(question) and brings_new_subject(question, turns):
        # 「那在林区擅自野外用火呢？」: a question of its own, in the conversation's document, else of its hazard
        # (「Ⅲ级谁启动？」 after 「地震应急响应分几级？」)
        topic = turns[_topic_start(turns, documents):]
        subject = document or " ".join(sorted(set().union(*(named_hazards(t, documents) for t in topic)))) or None
        if subject is None and _POINTS_TO_DOCUMENT.search(question):
            # 「这个预案的指挥部办公室设在哪」 after a question that named no plan: the plan is the one that question found
            previous = resolve(turns[-1], _before_last_question(history), documents).question
            subject = " ".join(sorted(named_hazards(previous, documents))) or _without_question_words(previous) or None
    elif is_elliptical(question) and re.search(r"\d", turns[-1]) and _another_facet(question, turns[-1]):
        # 「上报时限呢？」 after a report 「…过火8公顷，县里该启几级响应？」: the same incident, another thing asked of it;
        # the report's figures would only find the level's criteria again
        subject = " ".join(dict.fromkeys(filter(None, [document, *_subject_of(turns[-1], documents),
                                                       _concluded_level(question, history)]))) or None
    elif is_elliptical(question) and _another_topic(question, turns, documents) and not _YES_NO.search(
            previous := resolve(turns[-1], _before_last_question(history), documents).question):
        # 「消防产品呢」 after 「消防法对…易燃易爆危险品的场所有什么要求？」: another topic of the same document, not the
        # previous question's matter again (which would only find the previous answer)
        subject = document or named_document(previous, documents) \
            or " ".join(dict.fromkeys(_subject_of(previous, documents))) or None
    elif is_elliptical(question):
        # the previous question as it was read (itself a follow-up: 「评审完谁签署？」 after a question on 应急预案)
        previous = resolve(turns[-1], _before_last_question(history), documents).question
        subject = substituted(_without_question_words(previous), question)
        if document and document not in subject:
            subject = f"{document} {subject}"
        if subject != _without_question_words(previous) and not _beyond_slots(question):
            # 「二级呢？」: the previous question, as asked, with 二级 says it all
            asked = substituted(previous, question)
            return Resolved(asked if not document or document in asked else f"{document} {asked}", subject)
    elif len(_QUESTION_WORDS.sub("", question)) <= SHORT:
        # 「多久报一次」 after an answer that concluded 「…，属Ⅳ级。」: that level's cadence
        subject = " ".join(filter(None, [document or " ".join(sorted(before - asked)),
                                         _concluded_level(question, history)])) or None
    else:
        # a longer follow-up (「要是厂长因为这起事故被判了刑，以后还能当…负责人吗？」) stays in the conversation's document;
        # a change of topic names its own document or hazard (above)
        subject = document
    return Resolved(f"{subject} {question}" if subject else question, subject)


def _about_another_body(question: str, body: str, turns: list[str], history: list[dict[str, str]],
                        documents: list[DocumentInfo]) -> Resolved | None:
    """A follow-up about a body: 「那公安分局呢」 asks the previous question of it (in place of the body that question
    named); 「气象局要做什么」 asks a question of its own, in the conversation's document (not the previous question's
    matter: 「衡阳防汛抗旱预案里，市防办承担哪些职责？」 then 「气象局要做什么」 asks the 气象局's duties). None without
    a document or a body to swap."""
    previous = resolve(turns[-1], _before_last_question(history), documents).question
    before = asked_body(previous)
    if not re.sub(r"^(?:那么|那|还有)|的?呢?[？?。]*$", "", question.strip()).replace(body, ""):
        return Resolved(previous.replace(before, body), previous) if before and before != body else None
    document = _conversation_document(turns, documents)
    return Resolved(f"{document} {question}", document) if document else None


def fallback_subject(history: list[dict[str, str]], documents: list[DocumentInfo],
                     answered: str | None = None) -> str | None:
    """What the conversation is about, for a follow-up that found nothing on its own (「新法是2024年11月1号开始施行的
    吧？」 after a question on 应对法; 「回到看守那块，看守的人是镇政府组织的吧？」): the document its current topic
    named, else the document the previous answer quoted (`answered`: 「审图的人故意拖着不办，依据哪一条处理」 after an
    answer from the 消防法, not the previous question's matter), else the previous question as it was read, without
    its question words."""
    turns = _user_turns(history)
    if not turns:
        return None
    if document := _conversation_document(turns, documents) or answered:
        return document
    previous = resolve(turns[-1], _before_last_question(history), documents).question
    return _without_question_words(previous) or None


_ITEM_REFERENCE = re.compile(r"第(?P<n>[一二三四五六七八九十]{1,2}|\d{1,2})(?:项|个|点)")
_CHINESE_DIGITS = "一二三四五六七八九十"


def referenced_item(question: str, history: list[dict[str, str]]) -> str | None:
    """The item 「第二项」「第三个」 points to in the list the previous answer showed (「（二）截断电力、可燃气体…；」), as
    written there; None when the follow-up points to none, or the previous answer shows no such item."""
    m = _ITEM_REFERENCE.search(question)
    if not m:
        return None
    n = int(m["n"]) if m["n"].isdigit() else _CHINESE_DIGITS.index(m["n"][-1]) + 1 + 10 * (len(m["n"]) > 1)
    if not 1 <= n <= 10 * 2:
        return None
    words = _CHINESE_DIGITS[n - 1] if n <= 10 else "十" + _CHINESE_DIGITS[n - 11]
    marker = re.search(rf"[（(](?:{words}|{n})[)）]|(?:^|\s){n}[．.、]", previous_answer(history))
    if marker is None:
        return None
    rest = previous_answer(history)[marker.end():]
    return re.split(r"[；;。]|\s[（(][一二三四五六七八九十\d]{1,3}[)）]", rest, maxsplit=1)[0].strip() or None


# 「按《楸川县防汛抗旱应急预案》4.3.1，属Ⅳ级。」: the level the previous answer concluded
_CONCLUSION = re.compile(r"^按《[^》]+》[^，。]*，属(?P<level>(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|[一二三四])级)")


def _concluded_level(question: str, history: list[dict[str, str]]) -> str | None:
    """The response level the previous answer concluded, for a follow-up that names none of its own."""
    if SLOTS[0].search(question):
        return None
    m = _CONCLUSION.match(previous_answer(history))
    return m["level"] if m else None


def _without_question_words(question: str) -> str:
    """A question's words without its asking words, as a subject to carry (「场所管理单位第一步干什么？」 → 「场所管理单位第一步干」)."""
    return re.sub(r"\s+", " ", _QUESTION_WORDS.sub(" ", question)).strip()


def _before_last_question(history: list[dict[str, str]]) -> list[dict[str, str]]:
    last = max((i for i, t in enumerate(history) if t.get("role") == "user"), default=0)
    return history[:last]


def previous_answer(history: list[dict[str, str]]) -> str:
    return next((t.get("content", "") for t in reversed(history) if t.get("role") == "assistant"), "")


def own_words(follow_up: str, history: list[dict[str, str]]) -> frozenset[tuple[str, ...]]:
    """What a follow-up says that the conversation's questions did not, each with the forms it is written in: its
    new content words (「情节较轻的呢？」 → 情节, 较轻) and the level, colour or grade it swaps in (「Ⅰ级呢？」 →
    Ⅰ级 / 一级 / I级), which a tokenizer drops."""
    said = set().union(*(content_words(t) for t in _user_turns(history)))
    own = {(w,) for w in content_words(_QUESTION_WORDS.sub(" ", follow_up)) - said if len(w) >= 2}
    for slot in SLOTS[:3]:
        if (value := slot.search(follow_up)) and not any(value[0] in t for t in _user_turns(history)):
            own.add(next((forms for forms in LEVEL_FORMS.values() if value[0] in forms), (value[0],)))
    return frozenset(own)


def fresh_first(hits: list, history: list[dict[str, str]], sentences_of, follow_up: str = "") -> list:
    """Hits whose every sentence the previous answer already showed go after the others, unless the follow-up's
    own words (`own_words`) point into them (「情节较轻的呢？」 asks for another figure of the article just quoted;
    「普通台风呢？」 after 强台风 does not)."""
    previous = previous_answer(history)
    if not previous:
        return hits
    own = own_words(follow_up, history)
    seen = [all(s in previous for s in sentences_of(h)) and not any(w in h.chunk.text for forms in own for w in forms)
            for h in hits]
    return [h for h, old in zip(hits, seen, strict=True) if not old] + [h for h, old in zip(hits, seen, strict=True) if old]
