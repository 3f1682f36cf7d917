"""The other ways a trainee may fairly write a fill-in key: a number in any script and with either day word
(15日内 = 十五日内 = 15天内 = 15日; 5万元以上 = 五万元以上 = 50000元以上), and a body by its core (区交通局 = 交通局;
区发展改革委 = 发改委 = 区发改委; 生态环境分局 = 生态环境局; 区应急管理局 = 区应急局).

Numbers are read with cn2an, so any spelling a trainee writes compares by value, unit and qualifier when the paper
is graded; `number_forms` lists the usual spellings so that a paper shows which forms it accepts. A body's short
forms are made from its name alone (the initials of its words, a 分局 as a 局, without 管理), never from a list
of bodies, so they cover any library.
"""

from __future__ import annotations

import re

import cn2an
import jieba

from retrieval.ranking.numerals import words_to_number

_NUMBER = re.compile(r"^(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+?)\s*(?P<unit>个工作日|个月|分钟|小时|日|天|年"
                     r"|万元|亿元|元|万人|人|毫米|厘米|米|公顷|户|%|级)(?P<qual>以内|以上|以下|内)?$")
_SAME_UNIT = {"天": "日", "万元": "元", "亿元": "元"}
_SCALE = {"万元": 10_000, "亿元": 100_000_000}
# a deadline reads the same without 内; a bound does not (「5万元」 is a fixed fine, 「5万元以下」 a cap)
_QUALS = {"内": ("内", "以内", ""), "以内": ("以内", "内", ""), "以上": ("以上",), "以下": ("以下",), "": ("",)}
# what says which kind of body a name is, kept when the name is shortened
_KIND = re.compile(r"(?P<kind>管理局|委员会|指挥部|分局|支队|中心|局|委|部门|办公室)$")
_LEVEL = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}(?=[区市县][\u4e00-\u9fff]{3,}))?(?P<level>[省市区县]{1,2})")


def read_number(text: str) -> tuple[float, str, str] | None:
    """「十五天以内」 → (15.0, 日, 内); 「5万元以上」 → (50000.0, 元, 以上); None when the text is no number with a unit."""
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    value = words_to_number(m["num"])
    if value is None:
        return None
    unit = m["unit"]
    value *= _SCALE.get(unit, 1)
    return value, _SAME_UNIT.get(unit, unit), "内" if m["qual"] == "以内" else m["qual"] or ""


_IN_TEXT = re.compile(_NUMBER.pattern.strip("^$"))


def numbers_in(text: str) -> set[tuple[float, str]]:
    """Every figure the text states, by value and unit: 「不得晚于事发后30分钟」 → {(30.0, 分钟)}."""
    return {read[:2] for m in _IN_TEXT.finditer(text) if (read := read_number(m[0]))}


def same_number(given: str, key: str) -> bool:
    """The given answer states the key's number: the same value and unit, and the key's qualifier (a deadline's
    内 may be left out, a bound's 以上/以下 may not)."""
    mine, theirs = read_number(given), read_number(key)
    return bool(mine and theirs) and mine[:2] == theirs[:2] and mine[2] in _QUALS.get(theirs[2] or "", ("",))


def _plain(value: float) -> str:
    """A number as people write it: 1000000, not 1e+06."""
    return str(int(value)) if value == int(value) else f"{value:f}".rstrip("0")


def number_forms(key: str) -> list[str]:
    """The usual spellings of a number with its unit: 「15日内」 → 十五日内, 15天内, 15日 …"""
    m = _NUMBER.match(key.strip())
    read = read_number(key)
    if not m or read is None:
        return []
    value = words_to_number(m["num"])
    if value is None:
        return []
    numbers = [_plain(value)]
    if value == int(value) and 0 < value < 100_000:
        numbers.append(cn2an.an2cn(int(value)))
    units = {"日": ("日", "天"), "天": ("天", "日")}.get(m["unit"], (m["unit"],))
    spelled = [(n, u) for n in numbers for u in units]
    if m["unit"] in _SCALE:
        spelled.append((_plain(read[0]), "元"))
    return [f"{n}{u}{q}" for n, u in spelled for q in _QUALS.get(m["qual"] or "", ("",))]


def _words(core: str) -> list[str]:
    return [w for w in jieba.lcut(core) if w.strip()]


def body_forms(key: str) -> list[str]:
    """A body's name without its place and level, and its usual short forms: 区发展改革委 → 发展改革委, 发改委,
    区发改委; 区生态环境分局 → 生态环境局, 区生态环境局; 区应急管理局 → 应急局, 区应急局."""
    kind = _KIND.search(key)
    level = _LEVEL.match(key)
    if not kind or not level or kind.start() <= level.end():
        return []
    core, suffix = key[level.end():kind.start()], kind["kind"]
    suffixes = [suffix] + (["局"] if suffix in ("分局", "管理局") else []) + (["委"] if suffix == "委员会" else [])
    cores = [core]
    # a 局 or 委 is shortened by its words' initials (a 指挥部's short form is one its document defines);
    # 公安局交通管理 names a body inside a body and is not shortened
    if suffix in ("局", "委", "分局", "管理局", "委员会") and not re.search(r"[局委队部]", core):
        for words in (_words(core), [core[i:i + 2] for i in range(0, len(core), 2)]):
            if len(words) == 2 and all(len(w) == 2 for w in words):
                cores.append(words[0][0] + words[1][0])  # 发展改革 → 发改, 卫生健康 → 卫健
            elif len(words) >= 3 and all(len(w) == 2 for w in words):
                cores.append(words[0][0] + words[-1][0])  # 住房城乡建设 → 住建
            cores.append("".join(w for w in words if w != "管理"))  # 应急管理 → 应急
    forms = [f"{c}{s}" for c in dict.fromkeys(cores) if len(c) >= 2 for s in suffixes]
    return [f for form in forms for f in (form, level["level"] + form)]
