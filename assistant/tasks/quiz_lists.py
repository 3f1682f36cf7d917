"""List questions: a clause that enumerates duties, measures or contents (「生产经营单位的主要负责人对本单位安全生产工作
负有下列职责：（一）…（二）…」) is asked as a multiple choice over its items. The wrong options are items of another
list of the same kind (the 安全生产管理机构's 职责 beside the 主要负责人's), first of the same document, and none of
them says what an item of the asked list says. Items are shown by their first phrase; a list whose items are too
long to show that way, or too few, is not asked.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from assistant.models import QuizKind, QuizQuestion
from assistant.tasks.quiz_clauses import CUES, INTRO_HEADINGS, LIST_ITEM, SELF_REFERENCE, Clause, stem_text
from retrieval.models import Chunk

# the line that opens a list of what someone does or must hold: 「…负有下列职责：」, 「…应当采取下列措施：」, 「…禁止下列行为：」,
# 「应急预案审核内容主要包括：」 (never a list of conditions, 「下列情形之一的」, nor of rules, 「依照下列规定」)
_KINDS = r"职责|职权|措施|内容|义务|事项|材料|要求|行为|规章制度|支出"
OPENING = re.compile(rf"(?:(?:下列|以下|如下)[\u4e00-\u9fff]{{0,12}}?(?P<kind>{_KINDS})|(?P<own>{_KINDS})(?:主要|应当)?包括)[：:]\s*$")
MIN_ITEMS, MAX_ITEMS = 3, 12
MAX_OPTION = 36
# 「除采取本法第六十六条规定的措施外，还应当…采取下列措施」: the other list's items hold too, so none can be a wrong option
INCLUDES_ANOTHER = re.compile(r"除[^。；]{0,30}外|基础上")
MIN_OPTION = 6
MIN_KEYS = 2
SAME_ITEM = 0.3  # bigram share at which a distractor says what an item of the asked list says
LIST_VALUE = 2.0  # a list of duties or measures is worth a drill even without a deadline or a level in its opening


@dataclass
class ListClause(Clause):
    kind: str = ""
    items: tuple[str, ...] = ()  # every item, without marker: what no distractor may say
    options: tuple[int, ...] = ()  # the items that can be shown as options (short enough, not a catch-all)
    lines: tuple[str, ...] = ()  # the items verbatim, for the answer key's quote

    def option(self, i: int) -> str:
        return _option(self.lines[i])


def _item(line: str) -> str:
    return re.sub(r"[；;。，,]+$", "", LIST_ITEM.sub("", line).strip())


def _option(line: str) -> str:
    """「（三）组织制定并实施本单位安全生产教育和培训计划；」 → 「组织制定并实施本单位安全生产教育和培训计划」; "" for an
    item too long to show whole (a first phrase cut at a comma is often a fragment: 「为了抢救人员和重要物资」), too
    short, or a catch-all (「法律、法规规定的其他应急救援措施」)."""
    text = re.split(r"[；;]", _item(line))[0]
    if "其他" in text or text.endswith("等"):
        return ""
    return text if MIN_OPTION <= len(text) <= MAX_OPTION else ""


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff\w]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def says_same(a: str, b: str) -> bool:
    x, y = _bigrams(a), _bigrams(b)
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= SAME_ITEM


def _value(opening: str, chunk: Chunk) -> float:
    if chunk.doc_type == "review" or SELF_REFERENCE.search(opening) or INTRO_HEADINGS.search(" ".join(chunk.heading_path)):
        return 0.0
    return LIST_VALUE + sum(weight for pattern, weight in CUES if pattern.search(opening))


def list_clauses(chunks: list[Chunk]) -> list[ListClause]:
    """Every list of duties, measures or contents whose items can all be shown as short options."""
    found: list[ListClause] = []
    for chunk in chunks:
        lines = [line.strip() for line in chunk.text.splitlines()]
        for i, line in enumerate(lines):
            m = OPENING.search(line)
            if not m:
                continue
            items = []
            for item in lines[i + 1:]:
                if not LIST_ITEM.match(item):
                    break
                items.append(item)
            options = tuple(k for k, item in enumerate(items) if _option(item))
            value = _value(line, chunk)
            if not MIN_ITEMS <= len(items) <= MAX_ITEMS or len(options) < MIN_KEYS or not value \
                    or INCLUDES_ANOTHER.search(line):
                continue
            found.append(ListClause(line, chunk, [], value, stem_text(line), kind=m["kind"] or m["own"],
                                    items=tuple(_item(item) for item in items), options=options, lines=tuple(items)))
    return found


def _distractors(clause: ListClause, others: list[ListClause], rng: random.Random, n: int) -> list[str]:
    """Items of the document's other lists of the same kind (another unit's 职责, another report's 内容), none
    saying what an item of the asked list says, nor what another chosen distractor says. Another document's list
    is never used: what one law lists under a plan's 内容, another may word as a 保障 of its own list."""
    candidates = [o.option(k) for o in others if o.chunk.doc_id == clause.chunk.doc_id and o.kind == clause.kind
                  and o.text != clause.text for k in o.options]
    rng.shuffle(candidates)
    chosen: list[str] = []
    for item in candidates:
        if len(chosen) < n and not any(says_same(item, mine) for mine in [*clause.items, *chosen]):
            chosen.append(item)
    return chosen if len(chosen) >= n else []


def list_question(qid: str, clause: ListClause, others: list[ListClause], rng: random.Random,
                  source: str) -> QuizQuestion | None:
    """A multiple choice: two or three items of the list and the rest of four options from other lists."""
    keys = sorted(rng.sample(clause.options, min(rng.choice([2, 3]), len(clause.options))))
    wrong = _distractors(clause, others, rng, 4 - len(keys))
    if not wrong:
        return None
    answer = [clause.option(k) for k in keys]
    options = answer + wrong
    rng.shuffle(options)
    opening = re.sub(r"[：:。]+$", "", clause.text)
    if opening.endswith("包括"):  # 「应急预案审核内容主要包括：」
        opening += f"下列{clause.kind}"
    quoted = "\n".join([clause.sentence, *(clause.lines[k] for k in keys)])
    return QuizQuestion(id=qid, kind=QuizKind.MULTIPLE, stem=f"{source}{opening}。以下选项中，属于这些{clause.kind}的是哪几项？",
                        options=options, answer=answer, ordered=False,
                        explanation=f"原文：{quoted}", citation=0, category="list")
