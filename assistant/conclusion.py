"""The computed conclusion of a grading question: the facts it gives compared with a grading clause's thresholds.

「重伤60人算哪级事故」 against 「（二）重大事故，是指造成……50人以上100人以下重伤……」 → 重大事故. A fact meets a
threshold when its unit agrees (人/名/个 count alike) and, for a bare count, the words next to it (重伤, 死亡)
occur next to the threshold. When facts meet several levels, the highest wins (DESIGN §8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.ranking.numerals import CN_NUMERAL_CHARS, cn_to_int

_VALUE = rf"(\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]+)"
_UNIT = r"(%|％|万元|亿元|元|毫米|小时|个小时|天|级|人|名|个|户|万人|公顷|平方米)"
_FACT = re.compile(_VALUE + r"\s*" + _UNIT)
_RANGE = re.compile(_VALUE + r"\s*" + _UNIT + r"?\s*以上\s*(?:" + _VALUE + r"\s*" + _UNIT + r"?\s*以下)?")
_LABEL = re.compile(r"(特别重大|重大|较大|一般)[\u4e00-\u9fff]{0,8}?(?:事故|事件|火灾|灾害|险情|灾情)"
                    r"|([ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级(?:应急)?(?:响应|预警)?")
_SEVERITY = {"特别重大": 1, "重大": 2, "较大": 3, "一般": 4, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2,
             "III": 3, "IV": 4, "一": 1, "二": 2, "三": 3, "四": 4}
_COUNT_UNITS = {"人", "名", "个", "户"}
_SPECIFIC_UNITS = {"%", "％", "万元", "亿元", "元", "毫米", "小时", "个小时", "天", "级", "万人", "公顷", "平方米"}
CONTEXT = 6


@dataclass(frozen=True)
class Fact:
    value: float
    unit: str
    context: str


@dataclass(frozen=True)
class Conclusion:
    label: str
    severity: int
    sentence: str


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        try:
            return float(cn_to_int(text))
        except ValueError:
            return None


def _unit(unit: str | None) -> str:
    return {"个小时": "小时", "％": "%", "名": "人", "个": "人", "户": "人"}.get(unit or "", unit or "")


def question_facts(question: str) -> list[Fact]:
    facts = []
    for match in _FACT.finditer(question):
        value = _number(match[1])
        if value is not None:
            context = question[max(0, match.start() - CONTEXT): match.end() + CONTEXT]
            facts.append(Fact(value, _unit(match[2]), context))
    return facts


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1) if " " not in chars[i:i + 2]}


def meets(fact: Fact, sentence: str) -> bool:
    """Whether the sentence holds a threshold range that the fact falls in."""
    for match in _RANGE.finditer(sentence):
        low, unit = _number(match[1]), _unit(match[2] or match[4])
        high = _number(match[3]) if match[3] else None
        if low is None or unit != fact.unit or fact.value < low or (high is not None and fact.value > high):
            continue
        if fact.unit in _SPECIFIC_UNITS:
            return True
        around = sentence[max(0, match.start() - CONTEXT): match.end() + CONTEXT]
        if _bigrams(around) & _bigrams(fact.context) - {"以上", "以下"}:
            return True
    return False


def level_label(sentence: str, heading: str = "") -> tuple[str, int] | None:
    for text in (sentence, heading):
        match = _LABEL.search(text)
        if match:
            key = match[1] or match[2]
            return match[0], _SEVERITY.get(key, 9)
    return None


def grading_conclusion(question: str, candidates: list[tuple[str, str]]) -> Conclusion | None:
    """The highest level whose thresholds the question's facts meet; `candidates` are (sentence, heading)."""
    facts = question_facts(question)
    if not facts:
        return None
    found: list[Conclusion] = []
    for sentence, heading in candidates:
        if not any(meets(f, sentence) for f in facts):
            continue
        label = level_label(sentence, heading)
        if label is not None:
            found.append(Conclusion(label[0], label[1], sentence))
    return min(found, key=lambda c: c.severity) if found else None
