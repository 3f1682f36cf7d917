"""The computed conclusion of a grading question: the facts it gives compared with a grading clause's thresholds.

「重伤60人算哪级事故」 against 「（二）重大事故，是指造成……50人以上100人以下重伤……」 → 重大事故. A clause's thresholds
are read by the plan engine (`retrieval.plan.thresholds.parse_thresholds`: 以上/超过/不足, ranges, 「（含30公顷）」
「（不含3人）」), each with the quantity it measures (重伤, 停电用户比例, 燃烧时长). The question's facts are read by
the same engine (`fact_values`: 「停电用户占全区35%」 → 停电用户比例 35); a colloquial fact it cannot attribute
(「重伤了60个」「烧了50个小时」) is matched by unit, and for a bare count by the words next to it (死了, 重伤)
against the threshold's quantity. When facts meet several levels, the highest wins (DESIGN §8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.plan.incident_facts import fact_values
from retrieval.plan.models import Threshold
from retrieval.plan.thresholds import parse_thresholds
from retrieval.ranking.numerals import CN_NUMERAL_CHARS, cn_to_int

_VALUE = rf"(\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]+)"
_UNIT = r"(%|％|万元|亿元|元|毫米|小时|个小时|天|级|人|名|个|户|万人|公顷|平方米|万|亿)"
_FACT = re.compile(_VALUE + r"\s*" + _UNIT)
# A class of event named by its severity: 「较大大面积停电事件」「重大森林火灾」
SEVERITY_WORD = r"特别重大|(?<!特别)重大|较大|一般"
EVENT_NOUN = r"[\u4e00-\u9fff]{0,8}?(?:事故|事件|火灾|灾害|险情|灾情)"
_LABEL = re.compile(rf"({SEVERITY_WORD}){EVENT_NOUN}"
                    r"|([ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级(?:应急)?(?:响应|预警)?")
_SEVERITY = {"特别重大": 1, "重大": 2, "较大": 3, "一般": 4, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2,
             "III": 3, "IV": 4, "一": 1, "二": 2, "三": 3, "四": 4}
# Unit of a question's fact → (the engine's canonical unit, factor).
_CANONICAL = {"个小时": ("小时", 1), "％": ("%", 1), "名": ("人", 1), "个": ("人", 1), "户": ("人", 1),
              "万人": ("人", 10_000), "万元": ("元", 10_000), "亿元": ("元", 100_000_000),
              # 「损失6000万」: a bare 万 or 亿 is an amount of money
              "万": ("元", 10_000), "亿": ("元", 100_000_000)}
_COUNT_UNITS = {"人"}
# Thresholds that name a level rather than measure the incident.
_LEVEL_QUANTITIES = ("事件等级", "预警级别")
CONTEXT = 6
# 「人虽然一个没死」「两人未受伤」: what did not happen says nothing about what the number counts
_NEGATED = re.compile(r"(?:没有|没|未|无)[\u4e00-\u9fff]{1,2}")
# Where a clause ends: punctuation, and a contrast inside one sentence (「没死人但重伤了60个」: the 60 are 重伤).
_CLAUSE_BREAK = re.compile(r"[，,。；;？?！!、\s]|但是?|而且?|不过|可是")


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


def _clause_around(text: str, start: int, end: int) -> str:
    """The words next to a number, within its own clause: 「没死人，重伤12个」 and 「没死人但重伤了60个」 → 重伤… (the
    死 of 没死人 says nothing about the number)."""
    left = max((b.end() for b in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = next((b.start() for b in _CLAUSE_BREAK.finditer(text, end)), len(text))
    return text[max(left, start - CONTEXT): min(right, end + CONTEXT)]


_NOT_A_COUNT_BEFORE_LEVEL = set("这那哪同上下每本该某任逐")


def question_facts(question: str) -> list[Fact]:
    """The numbers with units a question gives, in the plan engine's units, each with the words around it."""
    facts = []
    for match in _FACT.finditer(question):
        if match[2] == "级" and question[max(match.start() - 1, 0):match.start()] in _NOT_A_COUNT_BEFORE_LEVEL:
            continue  # 「这一级要落实的事」「上一级政府」 count nothing
        value = _number(match[1])
        if value is not None:
            unit, factor = _CANONICAL.get(match[2], (match[2], 1))
            context = _NEGATED.sub("", _clause_around(question, match.start(), match.end()))
            facts.append(Fact(value * factor, unit, context))
    return facts


def _words(text: str) -> set[str]:
    """Chinese characters that say what a count counts (死 of 死了 and 死亡), not the count's own unit."""
    return set(re.findall(r"[\u4e00-\u9fff]", text)) - set("人个名户以上下了的")


def measured_ranges(sentence: str) -> dict[tuple[str, str], list[Threshold]]:
    """The sentence's thresholds by (quantity, unit): a range is its two bounds."""
    ranges: dict[tuple[str, str], list[Threshold]] = {}
    for threshold in parse_thresholds(sentence):
        if not threshold.quantity.endswith(_LEVEL_QUANTITIES):
            ranges.setdefault((threshold.quantity, threshold.unit), []).append(threshold)
    return ranges


def _fact_fits(fact: Fact, quantity: str, unit: str) -> bool:
    """A colloquial fact the engine did not attribute: same unit, and for a count the same words (重伤, 死亡)."""
    if fact.unit != unit:
        return False
    return unit not in _COUNT_UNITS or bool(_words(quantity) & _words(fact.context))


def meets(facts: list[Fact], attributed: dict[str, float], sentence: str) -> bool:
    """Whether a fact of the question falls within a threshold range the sentence states."""
    for (quantity, unit), bounds in measured_ranges(sentence).items():
        values = [attributed[quantity]] if quantity in attributed else \
            [f.value for f in facts if _fact_fits(f, quantity, unit)]
        if any(all(bound.holds(value) for bound in bounds) for value in values):
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
    attributed = fact_values(question)
    found: list[Conclusion] = []
    for sentence, heading in candidates:
        if not meets(facts, attributed, sentence):
            continue
        label = level_label(sentence, heading)
        if label is not None:
            found.append(Conclusion(label[0], label[1], sentence))
    return min(found, key=lambda c: c.severity) if found else None
