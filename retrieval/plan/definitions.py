"""Terms a plan defines once and its criteria use by name.

A plan may write its criteria in terms (「发生近村火的」「火场威胁中心城区的」) whose figures stand only in its 术语和定义
section (「（3）近村火：火线距村庄（居民点）边缘不足 2 公里的森林火灾。」). `read_definitions` reads that section;
`with_definitions` gives a criterion that names such a term the conditions of its definition, so that the figures
can be compared. The criterion's text, which is quoted, stays as the plan writes it.
"""

from __future__ import annotations

import re

from retrieval.plan.levels import reread_triggers
from retrieval.plan.models import ResponseLevel, Trigger

DEFINITIONS_HEADING = re.compile(r"术语|定义|用语|名词解释")
_ENUMERATOR = r"(?:[（(](?:\d+|[一二三四五六七八九十]+)[)）]|\d+[.．、])"
_ENTRY = re.compile(
    rf"^\s*{_ENUMERATOR}?\s*[“\"「]?(?P<term>[\u4e00-\u9fa5（）()]{{2,14}}?)[”\"」]?\s*(?:[：:]|，?是指|，?指)\s*(?P<definition>.+)$"
)


def read_definitions(text: str) -> dict[str, str]:
    """Term → the first sentence of its definition, from the text of a 术语和定义 section (lines broken by the PDF
    are joined first: a new entry starts with its number)."""
    lines: list[str] = []
    for line in text.splitlines():
        if lines and line.strip() and not re.match(rf"\s*{_ENUMERATOR}", line):
            lines[-1] += line.strip()
        else:
            lines.append(line.strip())
    definitions = {}
    for line in lines:
        if (m := _ENTRY.match(line)) and (first := re.split(r"[。；;]", m["definition"])[0].strip()):
            definitions[m["term"]] = first
    return definitions


# 「| 较大的系统损失 | 主要业务中断超过 3 0 分钟、不超过 4 小时；或者… |」: a table row that defines a term its criteria use
# (as the file writes it, or as a chunk renders it: 「较大的系统损失 | 主要业务中断…」)
_ROW = re.compile(r"^\|?\s*(?P<term>[^|]+?)\s*\|\s*(?P<definition>[^|]+?)\s*\|?\s*$")
_TERM = re.compile(r"[\u4e00-\u9fa5（）()]{2,14}")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}")


def read_definition_rows(text: str) -> dict[str, str]:
    """Term → the first sentence of its definition, from the two-column rows of the plan's tables (the first row
    of a table is its header, which defines nothing)."""
    definitions = {}
    in_table = False
    for line in (line.strip() for line in text.splitlines()):
        if _SEPARATOR.match(line):
            continue
        m = _ROW.match(line)
        if m and in_table and _TERM.fullmatch(m["term"]) and (first := re.split(r"[。；;]", m["definition"])[0].strip()):
            definitions.setdefault(m["term"], first)
        in_table = bool(m) or "|" in line
    return definitions


def with_definitions(levels: list[ResponseLevel], definitions: dict[str, str], below_exclusive: bool) -> None:
    """A criterion that names a defined term and states no figure of its own is read with the definition in the
    term's place (「发生近村火的」 → 「发生火线距村庄…不足 2 公里的森林火灾的」), where that gives it figures."""
    terms = sorted(definitions, key=len, reverse=True)

    def expanded(trigger: Trigger) -> str | None:
        if trigger.thresholds:
            return None
        text = trigger.text
        for term in (t for t in terms if t in trigger.text):
            text = text.replace(term, definitions[term], 1)
        return text

    if definitions:
        reread_triggers(levels, expanded, below_exclusive)
