"""Multiple choice over a list clause: which items does the clause list?

「第十二条 报告事故应当包括下列内容：（一）事故发生单位概况；（二）…」 becomes 「依据《生产安全事故报告和调查处理条例》，
报告事故应当包括哪些内容？」 with two or three of its items as keys. A distractor is an item of another list of the
same family of kinds (duties and powers: 职责, 职权; measures: 措施; when something applies: 情形, 条件; a plan's
内容 apart from a filing's 材料) in the same document: plausible, since it answers the same kind of question
(the 安全生产管理机构's duties for the 主要负责人's), and wrong, since the clause does not list it. Never a distractor that reads like
one of the clause's own items, nor one from a list that adds to another (「除应当履行本法第十六条规定的职责外，还应当
履行下列职责」: the first list's duties are the second's subject's too).

Not asked: a list of rules (「依照下列规定」), of definitions (「下列用语的含义」), of penalties (its items are tiers of
a fine) or of conditions that must all hold (「同时满足下列条件的」), a list whose opening line names no subject, and catch-all items (「其他应当报告的情况」), which are never
an option. Another level's criteria are offered only from a milder level: 「造成3人以上死亡」 (Ⅱ级) arguably meets
Ⅳ级 too; a Ⅳ级 criterion never starts Ⅱ级. Items that ask (「…是否明确」) and items that state are not mixed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from retrieval.cleanup import clean_text
from retrieval.ranking.numerals import level_to_int

_LIST_WORD = r"(?:下列|以下|如下)"
# the kind of thing a list holds, the word after 下列 (「负有下列职责」, 「采取下列一项或者多项应急救援措施」)
# and the family of kinds whose items are alike (round 24: a filing's 材料 are no 内容 of a plan, r38)
FAMILY = {"职责": "duty", "职权": "duty", "任务": "duty", "措施": "measure", "工作": "measure", "事项": "matter",
          "内容": "content", "材料": "material", "信息": "content", "情形": "case", "情况": "case", "条件": "case",
          "行为": "act", "单位": "unit", "场所": "place", "要求": "requirement", "制度": "system"}
KINDS = tuple(FAMILY)
OPENING = re.compile(rf"{_LIST_WORD}(?P<between>[^：:，,。；]{{0,12}}?)(?P<kind>{'|'.join(KINDS)})[^。；！？：:]{{0,40}}[：:]")
# items written on after the opening line, as OCR'd plans run them: 「…启动Ⅳ级响应：（1）当…。（2）24 小时…」
_INLINE_MARKER = re.compile(r"[（(]\d{1,2}[)）]")
_RULES = re.compile(r"规定|含义|用语|程序|顺序|标准")  # after 下列: a list of rules or definitions, not of members
_PENALTY = re.compile(r"罚款|处分|拘留|处罚|追究")
# conditions that must all hold (「同时满足下列条件的」): asked for some of them, the key would be half the rule
_ALL_OF = re.compile(r"同时(?:满足|具备|符合|具有)|均(?:满足|符合|具备)|全部(?:满足|符合)")
_ADDS_TO_ANOTHER = re.compile(r"除[^。；]{0,30}外|还应当|还应|另外")
# a list item's marker (「（2）」「4.」「三、」) and an article's number (「第十五条」), stripped from what is asked
MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|[一二三四五六七八九十]+、)\s*")
ARTICLE_NUMBER = re.compile(r"^第[零〇一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*")
# 「其他应当报告的情况」「法律、行政法规和国务院规定的其他必要措施」(round 24, r03); an item that only ends 「…以及采取
# 其他救助措施」 is specific
_CATCH_ALL = re.compile(r"^(?:其他|其它)|^.{0,12}其他[^，。；]{0,12}$|规定的其他|其他必要|法律、(?:行政)?法规规定的")
_POINTS_BACK = re.compile(r"上述|前款|前述|本条|该[\u4e00-\u9fff]")
_LEVEL = re.compile(r"([ⅠⅡⅢⅣ])级")
_VAGUE_KINDS = {"事项", "内容", "信息"}
_FIGURE = re.compile(r"\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+(?=[人户间处座米级])")
MAX_OPTION = 50  # characters: an option longer than this is a paragraph, not a choice
MIN_OPTION = 4
# a distractor is a specific item: a short general one (「启动应急预案」) may well be done under the asked clause too
MIN_DISTRACTOR = 10
MIN_ITEMS = 3
SIMILAR = 0.5  # share of the shorter item's bigrams the other holds when the two say the same


@dataclass(frozen=True)
class ListClause:
    """A list clause: its opening line as the document writes it, the stem asked of it, and its items."""

    opening: str  # the opening line, verbatim
    question: str  # 「报告事故应当包括哪些内容？」
    kind: str  # 内容
    items: tuple[str, ...]  # every item, cleaned, marker and closing punctuation removed
    adds: bool  # the list adds to another (「还应当履行下列职责」)
    level: int | None = None  # the response level whose criteria it lists (「启动Ⅱ级应急响应」 → 2)
    passage: str = ""  # the opening line and its items as the text writes them, quoted by the citation

    @property
    def options(self) -> list[str]:
        return [item for item in self.items if usable(item)]


@dataclass
class ListIndex:
    """The list clauses of a library by document: {(doc_id, doc_type): [ListClause]}."""

    by_doc: dict[tuple[str, str], list[ListClause]] = field(default_factory=dict)

    @classmethod
    def of(cls, texts: list[tuple[str, str, str]]) -> ListIndex:
        by_doc: dict[tuple[str, str], list[ListClause]] = {}
        for doc_id, doc_type, text in texts:
            by_doc.setdefault((doc_id, doc_type), []).extend(list_clauses(text))
        return cls(by_doc)

    def distractors(self, asked: ListClause, doc: tuple[str, str], rng: random.Random, n: int) -> list[str]:
        """Up to n items of the same document's other lists of the asked one's family of kinds. Another document's items
        are not offered: its measures or duties may well hold for the asked subject too (启动应急预案 is no item
        of 突发事件应对法's measures, yet every government does it)."""
        found = [option for other in self.by_doc.get(doc, []) if alike_lists(other, asked) for option in other.options
                 if ("是否" in option) == any("是否" in item for item in asked.items)]
        rng.shuffle(found)
        graded = asked.level is not None  # another level's criterion differs by its figures: 「500人以上」 for 「1万人以上」
        chosen: list[str] = []
        for option in found:
            if len(chosen) >= n:
                break
            if len(option) >= MIN_DISTRACTOR and not any(alike(option, other, graded) for other in [*asked.items, *chosen]):
                chosen.append(option)
        return chosen


def alike_lists(other: ListClause, asked: ListClause) -> bool:
    """Another list whose items can stand in the asked one's slot: of its family, adding to no other, not a graver
    level's criteria; a list of a kind that could hold anything (事项, 内容) only when its opening says the same
    verb (「专项用于下列事项」 spends on them, 「将下列事项告知」 tells them: round 24, r01)."""
    if FAMILY[other.kind] != FAMILY[asked.kind] or other.adds or other.items == asked.items or not milder(other, asked):
        return False
    return asked.kind not in _VAGUE_KINDS or _frame(other.opening) == _frame(asked.opening)


def _frame(opening: str) -> str:
    """The two characters before the list word: 「应当包括下列内容」 → 包括."""
    at = re.search(_LIST_WORD, opening)
    return opening[max(0, at.start() - 2):at.start()] if at else ""


def milder(other: ListClause, asked: ListClause) -> bool:
    """Another level's criteria are a distractor only when that level is milder: a graver level's criterion
    (「造成3人以上死亡」 for Ⅳ级) arguably meets the asked one too, a milder one's never does."""
    return other.level is None or asked.level is None or other.level > asked.level


def usable(item: str) -> bool:
    return MIN_OPTION <= len(item) <= MAX_OPTION and not _CATCH_ALL.search(item) and not _POINTS_BACK.search(item)


def bigrams(text: str) -> set[str]:
    """The two-character runs of a text's words (punctuation dropped): what two rules or items share."""
    chars = re.sub(r"[^\u4e00-\u9fff\w]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def alike(a: str, b: str, by_figures: bool = False) -> bool:
    """The two items say much the same (「事故发生单位概况」 in 事故报告 and in 事故调查报告). `by_figures`: items of
    levels' criteria, which tell the levels apart by their figures (「需紧急转移群众500人以上」 is no 「…1万人以上」)."""
    x, y = bigrams(a), bigrams(b)
    same = bool(x and y) and len(x & y) / min(len(x), len(y)) >= SIMILAR
    return same and not (by_figures and _FIGURE.findall(a) != _FIGURE.findall(b))


def question_of(opening: str) -> str:
    """「…报告事故应当包括下列内容：」 → 「报告事故应当包括哪些内容？」; "" when the line names no subject."""
    sentence = re.split(r"[。！？；]", clean_text(opening).strip())[-1]
    sentence = MARKER.sub("", ARTICLE_NUMBER.sub("", sentence.strip())).strip()
    asked = re.sub(_LIST_WORD, "哪些", sentence, count=1)
    asked = re.sub(r"一项或者多项|一项或多项|之一", "", asked)
    asked = re.sub(r"\s+", "", re.sub(r"[：:]\s*$", "", asked))
    before = asked[:asked.find("哪些")]
    if len(re.findall(r"[\u4e00-\u9fff]", asked)) < 10 or (before and len(before) < 2):
        return ""
    return asked + "？"


def list_clauses(text: str) -> list[ListClause]:
    """The list clauses of a text: an opening line (「…下列内容：」) followed by at least three items, one per line
    or run on after it."""
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        opening = OPENING.search(line)
        sentence = line[line.rfind("。", 0, opening.start()) + 1:opening.end()] if opening else ""
        if not opening or _RULES.search(opening[0]) or _PENALTY.search(sentence) or _ALL_OF.search(sentence):
            continue
        head, rest = line[:opening.end()], line[opening.end():]
        items, used = _run_on_items(rest, lines[i + 1:]) if rest.strip() else _item_lines(lines[i + 1:])
        question = question_of(head)
        if len(items) >= MIN_ITEMS and question:
            level = _LEVEL.search(head)
            passage = "\n".join(lines[i:i + 1 + used]).strip()
            found.append(ListClause(head.strip(), question, opening["kind"], tuple(items),
                                    bool(_ADDS_TO_ANOTHER.search(head)), level_to_int(level[1]) if level else None,
                                    passage))
    return found


def tight(text: str) -> str:
    """Cleaned text without the spaces OCR leaves between figures and words (「24 小时降雨超过 100 毫米」)."""
    return re.sub(r"(?<=[\d%])[ \u3000]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \u3000]+(?=\d)", "",
                  clean_text(text).strip())


def _item(text: str) -> str:
    return re.sub(r"[；;。，,：:]+$", "", MARKER.sub("", tight(text)))


def _item_lines(lines: list[str]) -> tuple[list[str], int]:
    """The items on the lines after the opening, one per line; with the number of lines they take."""
    items = []
    for line in lines:
        if not MARKER.match(line):
            break
        items.append(_item(line))
    return items, len(items)


def _run_on_items(rest: str, lines: list[str]) -> tuple[list[str], int]:
    """Items run on after the opening, over the wrapped lines of its paragraph (up to a blank or heading line);
    with the number of lines after the opening's they take."""
    if not _INLINE_MARKER.match(rest.strip()):
        return [], 0
    paragraph = [rest.strip()]
    for line in lines:
        if not line.strip() or line.lstrip().startswith(("#", "|", "<")):
            break
        paragraph.append(line.strip())
    parts = _INLINE_MARKER.split("".join(paragraph))
    return [_item(part) for part in parts[1:] if part.strip()], len(paragraph) - 1
