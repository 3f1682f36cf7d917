"""The classes of the works a plan names: which reservoir is 中型 or 小（1）型, which dike is a 主要堤防.

Criteria grade by class (「中型水库出现垮坝险情」 Ⅰ级, 「小（1）型水库出现垮坝险情」 Ⅱ级), while an officer names the
work (「石鼓岩水库…垮坝险情」). Plans list their works with their classes in their background or an annex
(「主要小型水库有石鼓岩水库、杉木坑水库（均为小（1）型）」, 「中型水库1座（鹭鸶坝水库，…）」, 「黄獭联圩堤9.6公里为
主要堤防」); `read_works_classes` reads those lists and `with_works_classes` adds the class of each work a report
names to its text, where the qualitative conditions read it.
"""

from __future__ import annotations

import re

from retrieval.cleanup import clean_text
from retrieval.plan.phrases import parse_number

_WORK_NAME = re.compile(r"[\u4e00-\u9fa5]{2,8}?(?:水库|联圩堤|防洪堤|大堤|堤防|圩堤)")
RESERVOIR_CLASS = re.compile(r"(?P<size>大|中|小)\s*[（(]?\s*(?P<n>[12一二])?\s*[)）]?\s*型")
_DIKE_CLASS = re.compile(r"(?:主要|重点|一般)堤防")
_CLASS_WORD = re.compile(f"{RESERVOIR_CLASS.pattern}|{_DIKE_CLASS.pattern}")
# words of a phrase that counts or describes works, never of a work's name (「全县有水库」「全市主要防洪堤」)
_NOT_A_NAME = re.compile(r"[全共有月]|分别|下达|重要|主要|重点|一般|干流|其余")
_LEADING_WORDS = re.compile(r"^(?:其中|主要|有|和|及|与|为|含|包括)+")
_GENERIC = re.compile(r"^(?:水库|堤防|大堤|圩堤|防洪堤|联圩堤)$")
MAX_GAP = 30  # characters between a work's name and the class word after it


def read_works_classes(text: str) -> dict[str, str]:
    """{work name: class word} of the works a text lists with their classes."""
    works: dict[str, str] = {}
    for sentence in re.split(r"[。\n]", clean_text(text)):
        if not _CLASS_WORD.search(sentence):
            continue
        if row := _table_row_class(sentence):
            works.setdefault(*row)
            continue
        for m in _WORK_NAME.finditer(sentence):
            name = _LEADING_WORDS.sub("", m[0])
            if len(name) < 4 or _GENERIC.match(name) or _CLASS_WORD.search(name) or _NOT_A_NAME.search(name):
                continue
            pattern = RESERVOIR_CLASS if name.endswith("水库") else _DIKE_CLASS
            if (found := _class_of(sentence, m.start(), m.end(), pattern)) is not None:
                works.setdefault(name, re.sub(r"\s+", "", found))
    return works


# a row of a table of works as the cleaned text gives it: 「| 水库名称：| 白马寨水库；所在地：石矶县；…；类别 |：中型 |」
_CLASS_CELL = re.compile(r"(?:类别|类型|规模|等级)[^：:；]{0,4}[：:]\s*\|?\s*(?P<cls>" + RESERVOIR_CLASS.pattern + r")")


def _table_row_class(row: str) -> tuple[str, str] | None:
    """(name, class) of a table row that names one work and gives its class in a 类别 column."""
    cell = _CLASS_CELL.search(row)
    names = {_LEADING_WORDS.sub("", m[0]) for m in _WORK_NAME.finditer(row)}
    if cell is None or len(names) != 1 or not (name := names.pop()).endswith("水库") or len(name) < 4:
        return None
    return name, re.sub(r"\s+", "", cell["cls"])


def _class_of(sentence: str, start: int, end: int, pattern: re.Pattern[str]) -> str | None:
    """The class word for the name at [start, end): the one whose parenthesis holds the name (「中型水库1座（鹭鸶坝
    水库，…）」), else the next one after it in the same clause (「…（均为小（1）型）」「…公里为主要堤防」)."""
    before = list(pattern.finditer(sentence, 0, start))
    if before and "（" in (between := sentence[before[-1].end():start]) and "）" not in between:
        return before[-1][0]
    after = pattern.search(sentence, end)
    if after is None or after.start() - end > MAX_GAP or re.search(r"[，,；;：:]", sentence[end:after.start()]):
        return None  # a class word of the same clause only: 「…葭口水库大坝、…，大型群众性活动…」 classes nothing
    return after[0]


def with_works_classes(works: dict[str, str], report: str) -> str:
    """The report with the class of each listed work it names: 「石鼓岩水库…」 → 「…（石鼓岩水库为小（1）型水库）」."""
    notes = [f"{name}为{kind}{'水库' if name.endswith('水库') and not kind.endswith('堤防') else ''}"
             for name, kind in works.items() if name in report]
    return report + ("（" + "，".join(notes) + "）" if notes else "")


# 「1 座中型或 2 座以上重点小一型水库发生危及大坝安全的险情」: a criterion (or a report) that counts reservoirs of a class
_COUNTED_CLASS = re.compile(
    r"(?P<n>\d+|[一二两三四五六七八九十]+|数|多|几)座(?P<ge>及?以上)?(?:重点|病险|骨干)?"
    r"(?P<cls>(?P<size>大|中|小)[（(]?(?P<k>[12一二])?[)）]?型)(?:水库)?"
)
_NAMED_CLASS = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2,8}?水库)为(?P<cls>(?P<size>大|中|小)[（(]?(?P<k>[12一二])?[)）]?型)水库")


_STORAGE = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2,8}?水库)[^。；，]{0,6}?(?:总)?库容(?:约|为|达|是)?"
                      r"(?P<v>\d+(?:\.\d+)?)(?P<mag>万|亿)(?:立方米|立方|方|m3|m³)")


def _class_by_storage(volume: float) -> str:
    """The class of a reservoir by its total storage in 万立方米 (SL 252: 大型 ≥ 1亿, 中型 ≥ 1000万, 小（1）型 ≥ 100万)."""
    if volume >= 1e4:
        return "大型水库数"
    if volume >= 1000:
        return "中型水库数"
    return "小一型水库数" if volume >= 100 else "小二型水库数"


def reservoir_class_key(size: str, k: str | None) -> str:
    """「中型水库数」「小一型水库数」「小型水库数」: the quantity that counts reservoirs of a class."""
    return f"{size}{'一' if k in ('1', '一') else '二' if k else ''}型水库数"


def reservoirs_counted(n: str) -> float:
    """「2座」 → 2; 「数座」「多座」「几座」 → 2, the fewest that several can be."""
    return 2.0 if n in ("数", "多", "几") else float(parse_number(n))


def counted_reservoirs(norm: str) -> list[tuple[re.Match[str], str]]:
    """Each 「N座（以上）<class>（水库）」 of a normalised text (no spaces), with its quantity key."""
    return [(m, reservoir_class_key(m["size"], m["k"])) for m in _COUNTED_CLASS.finditer(norm)]


def reservoir_counts(norm: str) -> dict[str, float]:
    """How many reservoirs of each class a report names: counted (「两座重点小（1）型水库」) or named with the class
    the plan's list gives them (`with_works_classes`: 「…（石鼓岩水库为小（1）型水库）」). A 小（1）型 or 小（2）型 one
    is also a 小型 one."""
    counts: dict[str, float] = {}
    for m, key in counted_reservoirs(norm):
        counts[key] = max(counts.get(key, 0.0), reservoirs_counted(m["n"]))
    named: dict[str, set[str]] = {}
    for m in _NAMED_CLASS.finditer(norm):
        named.setdefault(reservoir_class_key(m["size"], m["k"]), set()).add(m["name"])
    for m in _STORAGE.finditer(norm):  # 「青石水库（总库容2300万立方米）」: the class the national standard gives
        volume = float(m["v"]) * (1e4 if m["mag"] == "亿" else 1.0)  # in 万立方米
        named.setdefault(_class_by_storage(volume), set()).add(m["name"])
    for key, names in named.items():
        counts[key] = max(counts.get(key, 0.0), float(len(names)))
    small = sum(v for k, v in counts.items() if k in ("小一型水库数", "小二型水库数"))
    if small:
        counts["小型水库数"] = max(counts.get("小型水库数", 0.0), small)
    return counts
