"""The kind of fact a question asks for, and whether retrieved text holds one.

「值班补助每个班给多少钱？」 asks for an amount of money: clauses about 值班 that state no amount do not answer
it, however well they match its words, and an extractive answer built from them would look like an answer
while saying nothing. Such a question is refused ("not found in the documents") with the closest passages
offered to read. Only kinds that can be recognised reliably in Chinese text are checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"[0-9一二三四五六七八九十百千万两半]+"


@dataclass(frozen=True)
class AnswerType:
    name: str
    asked: re.Pattern[str]
    evidence: re.Pattern[str]


ANSWER_TYPES = (
    AnswerType("amount of money", re.compile(r"多少钱|几块钱|多少元|罚款多少|罚多少|补助多少|补贴多少|票价|多少万"),
               re.compile(_NUMBER + r"\s*[万亿]?元")),
    AnswerType("telephone number", re.compile(r"(电话|号码|热线)(号码)?(是)?(多少|是什么|是啥)"),
               re.compile(r"\d{5,}|\d{3,4}[-－—]\d{7,8}")),
    AnswerType("time limit", re.compile(r"几个?小时|多长时间|多久|几天|几分钟|多少天|多少小时|几日|几个月|多少分钟"),
               re.compile(_NUMBER + r"\s*个?(小时|分钟|天|日|工作日|周|月|年)|立即|立刻|即时|第一时间|及时|随时")),
    AnswerType("quantity", re.compile(r"多少(米|公里|毫米|公斤|吨|度|摄氏度|人|户|万方|亩)|几(米|度|人|户)"),
               re.compile(_NUMBER)),
)


def asked_type(question: str) -> AnswerType | None:
    return next((t for t in ANSWER_TYPES if t.asked.search(question)), None)


def missing_answer_type(question: str, texts: list[str]) -> AnswerType | None:
    """The kind of fact the question asks for when none of the texts states one; None when answerable."""
    wanted = asked_type(question)
    if wanted is None or any(wanted.evidence.search(text) for text in texts):
        return None
    return wanted
