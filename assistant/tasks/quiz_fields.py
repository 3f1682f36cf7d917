"""The field a body works in, read from its name, and how strongly a stem speaks it.

A body's field is what is left of its name once the place, the level and the words that say what kind of body
it is are taken away: 市文旅广体局 → 文旅广体, 区交通局 → 交通, 国务院地震工作主管部门 → 地震. A stem speaks that
field when one of its words shares a character of it (旅游 and 文旅, 林区 and 林业, 公共交通 and 交通): the
general form of a cue, with no list of fields. A few characters are in too many everyday words (发 of 发布 and
发展改革, 生 of 发生 and 卫生健康) to point anywhere and never count. A question whose stem speaks the key's field
more than any distractor's is answered by elimination (`quiz_checks.no_cue`); distractors that share the stem's
field are the plausible ones (`quiz_terms.distractors`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba

# words that say what kind of body a name is, not which one: shared by key and distractors alike
GENERIC = re.compile(r"国务院|县级以上|设区的市级|省级|地方|各级|本级|人民政府|主管|行政|部门|管理|工作|委员会|指挥部|办公室"
                     r"|机构|分局|支队|中心|[省市区县镇乡局委和及]")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,6}(?=[区市县][\u4e00-\u9fff]{3,})")
# characters of everyday words (发生, 发布, 应当, 应急, 通知, 人民政府, 公布, 规定, 自然灾害, 城市) that point at
# no field in an emergency library
_EVERYDAY = set("发生布会同作人员事件有关务业理全安展建设体广资源部门应急通民政公管规划自然城")


@lru_cache(maxsize=4096)
def core(name: str) -> str:
    """The words of a name that say which body it is, apart where a kind word stood: 「市文旅广体局」 → 文旅广体."""
    return " ".join(GENERIC.sub(" ", _PLACE.sub("", name)).split())


def field_chars(name: str) -> set[str]:
    """The characters of a body's field that can point at it: 区文旅广体局 → {文, 旅}; 区卫生健康委 → {卫, 健, 康}."""
    return set(core(name)) - _EVERYDAY - {" "}


def distinctive(name: str) -> set[str]:
    """The two-character words of a name that say which body it is: 「国务院地震工作主管部门」 → {地震}."""
    return {part[i:i + 2] for part in core(name).split() for i in range(len(part) - 1)}


def stem_words(stem: str) -> list[str]:
    """The words of a stem that can speak a field (two characters or more)."""
    return [w for w in jieba.lcut(stem) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)]


def speaks(name: str, words: list[str]) -> int:
    """How many words of the stem speak the field of the body named: share one of its field characters."""
    chars = field_chars(name)
    return sum(1 for w in words if chars & set(w))
