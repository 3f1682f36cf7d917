"""Fair grading of drill papers: answers compare after normalising width, spaces and punctuation, and the short
forms the documents themselves define count as the full name.

A document defines a short form in its text: 「区人民政府设立示例区防汛抗旱指挥部（以下简称区防指）」. For a key
that the defining text ends with, the short form is accepted; for a key that is the short form, the full names
in the defining text are. A key with a place name before 区/市/县 (示例区防汛抗旱指挥部) also accepts the name
without the place (区防汛抗旱指挥部), and a law's title its short title (中华人民共和国突发事件应对法 → 突发事件应对法,
应对法). A step of a scale counts in any of its spellings: Ⅳ级应急响应 = IV级 = 四级 = 4级 = Ⅳ级响应, 红色预警 = 红色,
一般事故 = 一般. A number counts in any script and with either day word (15日内 = 十五天以内), a body by its core
and its usual 局/委 short form (区发展改革委 = 发改委; `quiz_forms`). A multiple choice whose keys fill the stem's blanks in order is graded as a sequence. The accepted forms are computed when the paper is built and travel with it, so grading needs no corpus.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import jieba

from assistant.models import QuizKind, QuizPayload
from assistant.tasks.quiz_forms import body_forms, number_forms, same_number
from retrieval.ranking.numerals import level_to_int

_DEFINED = re.compile(r"(?P<before>[\u4e00-\u9fff“”\"《》]{2,40})[（(]以下简称(?:为)?[“\"「《]?(?P<short>[\u4e00-\u9fff·]{2,15})[”\"」》]?[）)]")
_PLACE_PREFIX = re.compile(r"^(?:(?![区市县省的级])[\u4e00-\u9fff]){2,6}(?=[区市县][\u4e00-\u9fff]{3,})")
_LAW = re.compile(r"^(?:中华人民共和国)?(?P<name>[\u4e00-\u9fff]{2,20}(?:法|条例))$")

_INTRODUCING = re.compile(r"设立|成立|组建|设置|依据|根据|按照|是|为|由")

Aliases = list[tuple[str, str]]  # (short form, the text it was defined after)


def normalise(text: str) -> str:
    """Full width to half width, no spaces, no punctuation: 「区防汛抗旱指挥部。」 → 区防汛抗旱指挥部."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S"))
                   or ch in "%‰")


def defined_aliases(texts: list[str]) -> Aliases:
    """(short form, preceding text) of every 「…（以下简称X）」 in the texts."""
    return [(m["short"], re.split(r"[，。；：、《“\"]", m["before"])[-1].strip("“”\"《》")) for t in texts
            for m in _DEFINED.finditer(t)]


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _full_names(short: str, before: str) -> list[str]:
    """The tails of the defining text, cut at word boundaries, that spell the short form out (示例区防汛抗旱指挥部
    and 区防汛抗旱指挥部 for 区防指), leaving out any that still hold the verb that introduced the name."""
    words = jieba.lcut(before)
    tails = ["".join(words[i:]) for i in range(len(words))]
    return [tail for tail in tails if len(tail) >= len(short) + 2 and _is_subsequence(short, tail)
            and not _INTRODUCING.search(tail)]


_LEVEL = re.compile(r"^(?P<num>[ⅠⅡⅢⅣ]|IV|I{1,3}|[一二三四1-4])级(?P<rest>应急响应|响应|预警)?$")
_ROMAN = {1: ("Ⅰ", "I"), 2: ("Ⅱ", "II"), 3: ("Ⅲ", "III"), 4: ("Ⅳ", "IV")}
_SCALE_STEP = re.compile(r"^(?P<step>[红橙黄蓝]色|特别重大|重大|较大|一般)(?P<kind>预警|(?:生产安全)?事故|(?:突发)?事件|自然灾害)$")
_KIND_SPELLINGS = {"突发事件": ("事件",), "事件": ("突发事件",), "生产安全事故": ("事故",), "事故": ("生产安全事故",)}


def scale_forms(key: str) -> list[str]:
    """The spellings of a step of a scale: 「Ⅳ级应急响应」 → Ⅳ级, IV级, 四级, 4级, each bare, with 响应 and with
    应急响应; 「Ⅱ级预警」 → Ⅱ级, II级预警, 二级…; 「红色预警」 → 红色; 「一般事故」 → 一般; 「特别重大突发事件」 → 特别重大, 特别重大事件."""
    m = _LEVEL.match(key)
    if m and (number := level_to_int(m["num"])) in _ROMAN:
        rests = ("", "预警") if m["rest"] == "预警" else ("", "响应", "应急响应")  # a warning is no response
        return [f"{n}级{rest}" for n in (*_ROMAN[number], "一二三四"[number - 1], str(number)) for rest in rests]
    step = _SCALE_STEP.match(key)
    if not step:
        return []
    return [step["step"], *(step["step"] + kind for kind in _KIND_SPELLINGS.get(step["kind"], ()))]


def accepted_forms(key: str, aliases: Aliases) -> list[str]:
    """Other ways of writing the key that the documents define or that only drop a place or a law's prefix; a
    number in either script and with either day word; a body by its core and its usual 局/委 short form."""
    forms: list[str] = scale_forms(key) + number_forms(key) + body_forms(key)
    for short, before in aliases:
        if len(key) >= 3 and before.endswith(key):
            forms.append(short)
        elif key == short:
            forms += _full_names(short, before)
    place = _PLACE_PREFIX.match(key)
    if place:
        forms.append(key[place.end():])
    law = _LAW.match(key.strip("《》"))
    if law:
        words = jieba.lcut(law["name"])
        forms += ["".join(words[i:]) for i in range(len(words) - 1)]
    return [f for f in dict.fromkeys(forms) if normalise(f) != normalise(key)]


def _matches(given: str, keys: list[str]) -> bool:
    """The given text is a key's spelling, or states the same number (十五天以内 for 15日内), or names the
    same body with its place written out (示例区交通局 for 区交通局)."""
    written = normalise(given)
    place = _PLACE_PREFIX.match(written)
    spellings = {normalise(k) for k in keys}
    return written in spellings or bool(place) and written[place.end():] in spellings \
        or any(same_number(written, k) for k in keys)


def grade(payload: QuizPayload | dict, responses: dict[str, list[str] | str]) -> dict[str, Any]:
    """Score responses {question id: chosen option(s) or the filled-in text}."""
    quiz = QuizPayload.model_validate(payload)
    results = {}
    for question in quiz.questions:
        given = responses.get(question.id, [])
        given_list = [given] if isinstance(given, str) else list(given)
        if question.kind is QuizKind.FILL_BLANK and len(question.answer) == 1:
            results[question.id] = len(given_list) == 1 and _matches(given_list[0],
                                                                     [question.answer[0], *question.accepted])
        elif question.ordered:
            results[question.id] = [normalise(g) for g in given_list] == [normalise(a) for a in question.answer]
        else:
            results[question.id] = {normalise(g) for g in given_list} == {normalise(a) for a in question.answer}
    correct = sum(results.values())
    return {"correct": correct, "total": len(results), "score": round(100 * correct / max(len(results), 1), 1),
            "per_question": results}
