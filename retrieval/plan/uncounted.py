"""People whose casualties a plan does not count: 「冰上游玩、冰钓、冬捕人员落水的，不计入」, 「实施盗掘、盗窃和纵火的
违法犯罪人员本人的伤亡，不计入本预案所称的死亡和受伤人数」. A report's dead, missing or injured among such people
(「另有两名冰钓爱好者在上游冰面失踪」, 「三名盗墓嫌疑人…两人被埋死亡」) are taken off the counts the criteria compare.

A plan's words are read as it lists them (each item before its 「人员」), with the few words reports use for the same
people (盗墓 for 盗掘). A report's casualties are theirs when the sentence names those people before it counts them and
the count's own clause names no other people (「看护员被打伤」 is no robber's injury).
"""

from __future__ import annotations

import re

from retrieval.plan.phrases import DEAD_OR_MISSING, plan_text
from retrieval.ranking.numerals import CN_NUMERAL_CHARS, words_to_number

# the sentence of a rule: its people (each item before 「人员」), then what of theirs is not counted
_RULE = re.compile(r"(?P<people>[^。；;：:\n，,]{2,40}?)人员(?:本人)?的?[^。；;\n]{0,12}?(?P<what>伤亡|死亡|失踪|受伤|落水)"
                   r"[^。；;\n]{0,6}?不(?:计入|统计|列入|计算在内)")
_ITEM = re.compile(r"[、，,]|以及|或者|和|及|与|或|的")
_LEADING_VERB = re.compile(r"^(?:实施|从事|参与|进行|组织)")
_GENERIC = frozenset({"违法犯罪", "有关", "其他", "相关", "上述", "本人", "死亡", "失踪", "受伤", "伤亡"})
# words reports use for the people a plan names
_SAID_AS = {"盗掘": ("盗墓", "盗掘"), "盗窃": ("盗窃", "偷盗"), "纵火": ("纵火", "放火"), "冰钓": ("冰钓", "钓鱼"),
            "冬捕": ("冬捕",), "侵害": ("侵害", "行凶", "凶手", "歹徒"),
            "冰上游玩": ("冰上游玩", "滑冰", "溜冰", "冰上玩耍")}

_COUNT = rf"(?P<n>\d+|[{CN_NUMERAL_CHARS}]+)\s*(?:名|个|位|人)"
_CASUALTY = {"死亡": "死亡", "身亡": "死亡", "遇难": "死亡", "失踪": "失踪", "失联": "失踪", "受伤": "受伤"}
_CASUALTY_WORD = "|".join(_CASUALTY)
_OTHER_PEOPLE = re.compile(r"村民|群众|游客|职工|工人|看护员|文保员|保管员|民警|消防|队员|养殖户|居民|学生|司机")


def uncounted_people(text: str) -> list[str]:
    """「冰上游玩、冰钓、冬捕人员落水的，不计入」 → ["冰上游玩", "冰钓", "冬捕"]."""
    found: list[str] = []
    for m in _RULE.finditer(plan_text(text).norm):
        for item in _ITEM.split(m["people"]):
            word = _LEADING_VERB.sub("", re.sub(r"^[^\u4e00-\u9fff]+", "", item))  # 「8．实施盗掘」 → 盗掘
            if len(word) >= 2 and word not in _GENERIC and word not in found and re.fullmatch(r"[\u4e00-\u9fff]+", word):
                found.append(word)
    return found


def _named(words: list[str]) -> re.Pattern[str]:
    said = {w for word in words for w in _SAID_AS.get(word, (word,))}
    return re.compile("|".join(sorted(map(re.escape, said), key=len, reverse=True)))


def uncounted_casualties(report: str, words: list[str]) -> dict[str, float]:
    """The dead, missing and injured the report gives among the people the plan does not count, by kind."""
    if not words:
        return {}
    people = _named(words)
    taken: dict[str, float] = {}
    for sentence in re.split(r"[。；;！!？?\n]", plan_text(report).norm):
        named = people.search(sentence)
        if not named:
            continue
        group = re.search(_COUNT + r"[^，,]{0,8}$", sentence[: named.start()])
        for clause_start, clause in _clauses_from(sentence, named.start()):
            kind = re.search(_CASUALTY_WORD, clause)
            if not kind or (_OTHER_PEOPLE.search(clause) and not people.search(clause)):
                continue
            counted = re.search(_COUNT + rf"[^，,\d]{{0,10}}?(?:{_CASUALTY_WORD})", clause)
            source = counted or (group if clause_start == 0 else None)
            if source and (n := words_to_number(source["n"])) is not None:
                key = _CASUALTY[kind[0]]
                taken[key] = taken.get(key, 0) + n
    return taken


def _clauses_from(sentence: str, start: int) -> list[tuple[int, str]]:
    """The clause that names the people (from its start), then each clause after it, with its index."""
    left = max(sentence.rfind(p, 0, start) for p in "，,") + 1
    return list(enumerate(re.split(r"[，,]", sentence[left:])))


def without_uncounted(values: dict[str, float], taken: dict[str, float]) -> dict[str, float]:
    """`values` with the plan's uncounted casualties (`uncounted_casualties`) taken off each count they are in (never
    below zero)."""
    if not taken:
        return values
    values = dict(values)
    for kind, n in taken.items():
        for key in (kind, DEAD_OR_MISSING) if kind != "受伤" else (kind,):
            if key in values:
                values[key] = max(0.0, values[key] - n)
    return values


def uncounted_note(taken: dict[str, float], words: list[str]) -> str:
    """「按预案，冰上游玩、冰钓、冬捕人员的伤亡不计入：已除去失踪2人。」, or "" when the report gives none of theirs."""
    if not taken:
        return ""
    counts = "、".join(f"{kind}{n:g}人" for kind, n in taken.items())
    return f"按预案，{'、'.join(words)}人员的伤亡不计入：已除去{counts}。"
