"""What a plan says it does not apply to: 「家养动物、人工繁育动物和流浪犬猫伤人…，不适用本预案，县级不启动野生动物致害
事件应急响应」. An incident of such a kind starts no response under the plan, whatever its figures.

An exclusion is read as its list of kinds; a report is of an excluded kind when it states, in words the plan's own
criteria do not use (those words are the plan's scope, not the exclusion's), at least two of the kind's words, or
one that is long enough to name the kind alone (「专用线」). Exclusions that hang on a condition (「单纯由天文大潮引起
的」「未造成人员…的」) are not read: whether the condition holds is for a person to judge, and a wrong exclusion would
start no response for an incident that needs one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from retrieval.plan.models import DigitalPlan, Trigger
from retrieval.plan.qualitative import content_words, fold_report, stated_facts

# 「…，不适用本预案」「…不属于本预案所称辐射事故」「…不在本预案适用范围」
_NOT_THIS_PLAN = r"(?:(?:均|也|都|一律)?不适用(?:于)?本预案|不属于本预案(?:所称|的?适用范围)|不在本预案(?:的)?适用范围)"
_EXCLUSION = re.compile(rf"(?P<what>[^。；;\n]{{2,200}}?)[，,]?\s*{_NOT_THIS_PLAN}")
_EXCLUSION_SENTENCE = re.compile(rf"[^。；;]*{_NOT_THIS_PLAN}[^。；;\n]*")
_ENUMERATOR = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[．.、]|[一二三四五六七八九十]{1,3}、)\s*")
# an exclusion for a kind only under a condition, which a person judges
_CONDITIONAL = re.compile(r"单纯|仅由|未造成|没有造成|未导致|尚未|之外的|以外的")
# what an exclusion goes on to say about the kind (「按照有关专项预案执行」「由公安机关…处置」): no kind of its own
_HANDLED_ELSEWHERE = re.compile(r"^(?:按照|依照|依据|由|分别|另行|适用)")
_ITEM_SEPARATORS = re.compile(r"[、，,；;]|以及|或者|及其|及|和|与")
# words of every kind's description, which name no kind
_GENERIC = frozenset({"事件", "事故", "引发", "引起", "造成", "导致", "发生", "问题", "有关", "相关", "其他", "情形", "行为",
                      "活动", "本市", "本县", "本区", "市级", "县级", "区级", "启动", "应急", "响应", "处置", "规定"})
# a report that names a kind by one word alone names it with a word at least this long (「专用线」; not 「施工」)
_NAMING_LENGTH = 3
# and at least this share of the kind's words (「境外…遭遇」 is not 「本市居民自行出境后在境外遭遇的事件」)
_SHARE_STATED = 0.5
_NEGATED = re.compile(r"(?:非|不是|并非|并不是|不属于|没有|无)$")


# where an exclusion's sentence starts, when a hard line break runs it on from a line above: its item's number, or a
# heading line
_ITEM_START = re.compile(r"\n\s*(?=[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[．.、]|[一二三四五六七八九十]{1,3}、|#)")


def read_exclusions(text: str, chunk_id: str, locator: str) -> list[Trigger]:
    """The exclusions a passage states, each as a trigger whose text is its sentence, verbatim (to be quoted), citing
    the passage."""
    found = []
    for m in _EXCLUSION_SENTENCE.finditer(text):
        sentence = _ITEM_START.split(m[0])[-1].strip()
        if len("，".join(_unconditional_clauses(sentence))) >= 2:
            found.append(Trigger(text=sentence, chunk_id=chunk_id, locator=locator))
    return found


def excluded_part(sentence: str) -> str:
    """What an exclusion's sentence excludes, without its number or what it says of where the kind goes instead:
    「（2）家养动物…伤人，…，不适用本预案，县级不启动…」 → 「家养动物…伤人，…」."""
    m = _EXCLUSION.search(re.sub(r"\s*\n\s*", "", sentence))
    if m is None:
        return ""
    what = _ENUMERATOR.sub("", re.split(r"[：:]", m["what"])[-1])
    return "，".join(p.strip() for p in re.split(r"[，,]", what) if p.strip() and not _HANDLED_ELSEWHERE.match(p.strip()))


def _unconditional_clauses(sentence: str) -> list[str]:
    """The clauses of what an exclusion's sentence excludes (`excluded_part`) that hang on no condition: 「本市管辖海域以外
    的赤潮（漂入…的除外），水库、河道和湖泊等淡水水体发生的水华」 excludes a freshwater bloom outright; the sea beyond the
    city's waters is left to a person."""
    return [c for c in excluded_part(sentence).split("，") if c and not _CONDITIONAL.search(c)]


def _kinds(exclusion: str) -> list[str]:
    """The kinds an exclusion names; items listed before 「等」 share what the last one says after it (「水库、河道和湖泊
    等淡水水体发生的水华」: a reservoir's bloom, a river's, a lake's)."""
    kinds = []
    for clause in _unconditional_clauses(exclusion):
        items = [k.strip() for k in _ITEM_SEPARATORS.split(clause) if len(k.strip()) >= 2]
        tail = items[-1].split("等", 1)[1] if len(items) > 1 and "等" in items[-1] else ""
        kinds += [k + tail for k in items[:-1]] + items[-1:]
    # 「其他林业有害生物造成的松树死亡」: a kind named as 「other than」 the plan's own is told apart only by a person (a
    # report that names the 林业有害生物检测鉴定中心 describes no other pest)
    return [k for k in kinds if not _OTHER_KIND.match(k)]


_OTHER_KIND = re.compile(r"其[他它]|另外的|别的")


def _keys(kind: str, scope_words: frozenset[str]) -> set[str]:
    """The words of an excluded kind that tell it apart from the plan's own incidents."""
    return {w for w in content_words(kind) if w not in scope_words and w not in _GENERIC and not re.search(r"\d", w)}


def _stated(word: str, report: str) -> bool:
    """The report uses the word, and not to deny it (「不是人工繁育的」)."""
    return any(not _NEGATED.search(report[max(0, m.start() - 3):m.start()]) for m in re.finditer(re.escape(word), report))


_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
# 「区里认为有一人死亡、三人住院，达到蓝色响应，请市里启动」: someone's case for a level restates figures, no event
_CASE_FOR_A_LEVEL = re.compile(r"(?:认为|觉得|建议|请求?|提出|说)[^。；;]*(?:级|启动|响应)")


def excluded_sentences(exclusion: Trigger, report: str, scope_words: frozenset[str]) -> list[str]:
    """The report's sentences that describe a kind the exclusion names: two of the kind's own words, or one long
    enough to name it (「矿区专用线」 for 「企业铁路专用线」)."""
    kinds = [_keys(kind, scope_words) for kind in _kinds(exclusion.text)]  # read once, not once per sentence
    found = []
    for sentence in _SENTENCE.findall(stated_facts(report)):
        folded = fold_report(sentence)
        for keys in kinds:
            stated = {w for w in keys if _stated(w, folded)}
            if (len(stated) >= 2 or any(len(w) >= _NAMING_LENGTH for w in stated)) \
                    and sum(map(len, stated)) >= _SHARE_STATED * sum(map(len, keys)) \
                    and not _aside(folded, stated):
                found.append(sentence)
                break
    return found


# 「另有两座限量销售、一座在做计量检定停业」: a part of the count set aside, not what happened
_ASIDE = re.compile(r"^(?:另有|另外|其中|此外|还有|包括)")


def _aside(sentence: str, words: set[str]) -> bool:
    """Every clause of the sentence that holds the words is an aside."""
    clauses = [c for c in re.split(r"[，,]", sentence) if any(w in c for w in words)]
    return bool(clauses) and all(_ASIDE.match(c.strip()) for c in clauses)


def without_sentences(report: str, sentences: list[str]) -> str:
    """The report without the sentences that hold the given ones, and without anyone's case for a level."""
    return "。".join(s for s in _SENTENCE.findall(report)
                    if not any(part.strip() in s for part in sentences) and not _CASE_FOR_A_LEVEL.search(s))


def scope_vocabulary(plan: DigitalPlan) -> frozenset[str]:
    """The words a plan's title and criteria use: its own incidents' words, which tell no excluded kind."""
    return _vocabulary(plan.title, tuple(t.text for level in plan.levels for t in level.triggers))


@lru_cache(maxsize=64)
def _vocabulary(title: str, criteria: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for text in (title, *criteria) for w in content_words(text))


def excluded_incident(exclusions: list[Trigger], report: str, scope_words: frozenset[str],
                      level_without: Callable[[str], int | None]) -> Trigger | None:
    """The exclusion the reported incident falls under: sentences of the report describe a kind it names, and without
    them (and without anyone's case for a level) the report meets no level's criteria (`level_without`). A kind the
    report names beside an incident of the plan's own (「其中一座在做计量检定停业」) excludes nothing."""
    for exclusion in exclusions:
        sentences = excluded_sentences(exclusion, report, scope_words)
        if sentences and level_without(without_sentences(report, sentences)) is None:
            return exclusion
    return None
