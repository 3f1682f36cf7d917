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


@lru_cache(maxsize=8192)
def bigrams(text: str) -> frozenset[str]:
    """The two-character words of a text's Chinese runs."""
    return frozenset(run[i:i + 2] for run in re.findall(r"[\u4e00-\u9fff]+", text) for i in range(len(run) - 1))


class Duties:
    """What each body does, as the library words it: the two-character words of the sentences a body leads
    (「区公安分局负责维护治安、交通管制」 gives 区公安分局 治安, 交通, 管制 …). A word that many bodies' duties share
    (负责, 组织, 应急) says nothing about which body does a task and is left out. A body is known by its core
whatever its place or level (区财政局 and 市财政局 do the same duties). A stem whose duty words are the
    key's and no distractor's is answered by elimination (治安 → 公安, 医疗 → 卫健) even where no character of the
    key's name is in it; distractors that do comparable duties are the plausible ones."""

    COMMON = 0.2  # a word in the duties of more than this share of bodies is common

    def __init__(self, words: dict[str, dict[str, int]]):
        self.words = words
        spread: dict[str, int] = {}
        for counts in words.values():
            for word in counts:
                spread[word] = spread.get(word, 0) + 1
        limit = max(2, int(self.COMMON * len(words)))
        self.common = {word for word, n in spread.items() if n > limit}

    @classmethod
    def of(cls, led: list[tuple[str, str]]) -> Duties:
        """From (body, sentence it leads) pairs."""
        words: dict[str, dict[str, int]] = {}
        for body, sentence in led:
            counts = words.setdefault(_who(body), {})
            for word in bigrams(sentence.replace(body, " ")):
                counts[word] = counts.get(word, 0) + 1
        return cls(words)

    def overlap(self, body: str, stem: str, clause: str = "") -> int:
        """How many duty words of the body stand in the stem; `clause` (the key's own sentence) is not counted
        as the body's duty, so the stem's own words do not cue it."""
        own = bigrams(clause) if clause else set()
        counts = self.words.get(_who(body), {})
        return sum(1 for word in bigrams(stem) - self.common
                   if counts.get(word, 0) - (1 if word in own else 0) > 0)


@lru_cache(maxsize=4096)
def _who(body: str) -> str:
    """A body as any place or level names it: 区财政局 and 市财政局 do the same duties (财政 · 局)."""
    kind = re.search(r"(?:主管部门|部门|人民政府|管理局|委员会|指挥部|分局|支队|中心|局|委)$", body)
    kind_word = kind.group(0) if kind else ""
    kind_word = "局" if kind_word.endswith("局") else "委" if kind_word.startswith("委") else kind_word
    return core(body).replace(" ", "") + "·" + kind_word
