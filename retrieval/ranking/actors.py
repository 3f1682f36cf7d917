"""The body a question asks about, and whether a passage gives that body a line of its own.

「气象局要做什么」「公安分局管什么」「医疗救治组的职责」 ask what one body does. A plan states it on a line that opens
with the body (「市气象局：负责…」「（3）医疗救治组：由区卫健委牵头，…」) and a law in a sentence that does
(「县级以上人民政府气象主管机构，应当…」). That line is a small part of a long 成员单位职责 section, so neither the
dense nor the lexical match of the whole section ranks it first; this signal says the line is there.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SUFFIX = r"(?:分局|局|委员会|委|办公室|工作组|组|大队|支队|中心|主管部门|部门|主管机构|机构|公司|街道|指挥部)"
_BODY = re.compile(rf"[\u4e00-\u9fff]{{1,10}}{_SUFFIX}")
# a body is a phrase of its own: between punctuation and the words around it (「区应急管理局在Ⅲ级响应时…」)
_BETWEEN = re.compile(r"[，,。？?！!、；;：:\s]|那么|那|还有|另外|请问|要|在|的|了|是|和|与|及|先|呢|管什么|管啥|管哪些|干什么|干啥|干嘛|做|负责|多久|怎么"
                      r"|如何|后|里|对|给|向|把|被|按|归|由|接到|接报|报|通知|告知|找|请")
_NOT_A_NAME = re.compile(r"哪|什么|些|这|各|每|其他|有关|相关")
# 「衡阳市防汛抗旱应急预案 气象局要做什么」: a resolved follow-up starts with its document's title
_TITLE = re.compile(r"^\S*?(?:预案|条例|办法|规定|法)\s+")
# a vague kind of body (气象部门, 气象主管机构): the field before it names the body
_VAGUE_KIND = re.compile(r"(?:主管部门|部门|主管机构|机构)$")
# what follows a body that a line gives duties to: 「：」, 「负责」, 「牵头」 …
_DUTY_OPENING = r"[^，。；：:\n]{0,8}?(?:[：:]|[，,]?(?:负责|牵头|承担|应当|应|要|组织|会同|配合))"
_LINE_START = r"(?:^|\n)\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)?[^，。；：:\n]{0,14}?"
_RECEIVES = r"(?:报|向|给|通知|告知|找|请|交|送|到)"
MIN_NAME = 3  # 气象局: a shorter tail of a name (象局) names nothing


@lru_cache(maxsize=1024)
def asked_body(question: str) -> str | None:
    """The body a question names, as it writes it (「那公安分局呢」 → 公安分局, 「区应急管理局在Ⅲ级响应时多久到场」 →
    区应急管理局); None for a question that names none (「哪些部门」 asks for one)."""
    text = _TITLE.sub("", question.strip())
    # (a body before 的 owns what is asked: 「…应急指挥部的指挥长是谁」 asks for a role, not the body's duties; one
    # after 报, 向 or 通知 receives: 「镇里…要电话报区森防指办公室」 asks the town's deadline)
    return next((p for p in _BETWEEN.split(text) if _BODY.fullmatch(p) and not _NOT_A_NAME.search(p)
                 and f"{p}的" not in text and not re.search(f"{_RECEIVES}{re.escape(p)}", text)), None)


@lru_cache(maxsize=4096)
def _line_patterns(body: str) -> tuple[re.Pattern[str], ...]:
    """The body and its tails without a place or level before it (莳溪县气象局 → 县气象局, 气象局), and the field of a
    vague kind (气象部门 → 气象), each as the opening of a line that gives it a duty."""
    names = [body[i:] for i in range(len(body) - MIN_NAME + 1)]
    if (vague := _VAGUE_KIND.search(body)) and len(field := body[:vague.start()]) >= 2:
        names += [field[i:] for i in range(len(field) - 1)]
    return tuple(re.compile(_LINE_START + re.escape(name) + _DUTY_OPENING) for name in dict.fromkeys(names))


def gives_body_a_line(body: str | None, text: str) -> bool:
    """The passage has a line that opens with the body (by any tail of its name) and gives it a duty."""
    return bool(body) and any(pattern.search(text) for pattern in _line_patterns(body))
