"""What a plan's annex tables list, for the criteria that name them: 「附件2 所列疫区内发现新的疫点」 is met by a report
from 楝湾区 when annex 2 (「本市松材线虫病疫区名单」) lists 楝湾区, though the report never says 疫区.

Each row of an annex table a criterion cites names one thing (its first column of names after any 序号/编号 column),
with the class a 类别/级别 column gives it (国家级, 省级; 外国驻本市机构, 重点涉外单位). The plan keeps them as
circumstances (`retrieval.plan.circumstances`); a report that names a row gets a note of its annex and class
(`listed_note`). A criterion on the annex then leaves only the rest of its words to be stated (`listed_rest`), unless it
asks a class the report's rows are not of; the notes themselves count for no criterion's words.
"""

from __future__ import annotations

import re

from retrieval.plan.tables import row_cells

# 「附件2　本市松材线虫病疫区名单」 on a line of its own; not a table of contents' entry (「……13」) nor a list of annexes
_ANNEX_TITLE = re.compile(r"^[ \t#]*附件\s*(?P<n>\d{1,2})[ \t　]*[：:]?[ \t　]*(?P<title>[\u4e00-\u9fa5][^\n。；，,]{1,38}?)[ \t]*$",
                          re.MULTILINE)
_LEADERS = re.compile(r"[^\u4e00-\u9fa5A-Za-z0-9）)]{3,}\s*\d*\s*$")
_INDEX_HEADER = re.compile(r"^(?:序号|编号|No\.?)$", re.IGNORECASE)
_CLASS_HEADER = re.compile(r"^(?:类别|类型|分类|级别|等级)$")
_TOTAL_ROW = re.compile(r"^(?:合计|小计|总计|共计)$")
_NAME = re.compile(r"^[^，,、；;。（(]*[\u4e00-\u9fa5]{2,}[^，,、；;。]*$")  # a name, not a description
_MAX_NAME = 20
# a criterion that names an annex's list: 「附件2 所列疫区」「附件1 中“类型”一栏为…」
_CITED = re.compile(r"附件\s*(?P<n>\d{1,2})\s*(?:所列|列出|列明|列入的|中)")


def read_annex_lists(text: str, criteria: list[str]) -> dict[str, list[str]]:
    """{"附件2所列::": ["楝湾区", "槭港区"], "附件3所列:国家级:国家级/省级": [...], …}: the rows of each annex table a
    criterion names, by the kind of note a report that names one gets (`listed_note`)."""
    cited = {m["n"] for criterion in criteria for m in _CITED.finditer(criterion)}
    found: dict[str, list[str]] = {}
    titles = [m for m in _ANNEX_TITLE.finditer(text) if m["n"] in cited and not _LEADERS.search(m[0])]
    for i, m in enumerate(titles):
        end = titles[i + 1].start() if i + 1 < len(titles) else len(text)
        citing = "".join(c for c in criteria if any(n["n"] == m["n"] for n in _CITED.finditer(c)))
        for kind, name in _rows(m["n"], text[m.end():end], citing):
            if name not in found.setdefault(kind, []):
                found[kind].append(name)
    return {kind: names for kind, names in found.items() if names}


def _rows(number: str, body: str, citing: str) -> list[tuple[str, str]]:
    """(kind, name) of each row of the annex's first table, if it is a list of names: not a table of stretches of
    one thing (「铎钰输气管道」 in several rows, told apart by 桩号), nor one whose figures the criteria compare with
    (「…水位站水位达到立即转移水位」 against a 「立即转移水位」 column)."""
    table = _first_table(body)
    if len(table) < 2:
        return []
    header, rows = table[0], table[1:]
    name_at = next((i for i, h in enumerate(header) if not _INDEX_HEADER.match(h) and not _CLASS_HEADER.match(h)), None)
    class_at = next((i for i, h in enumerate(header) if _CLASS_HEADER.match(h)), None)
    if name_at is None:
        return []
    names = [row[name_at] for row in rows if name_at < len(row)]
    compared = any(len(h) >= 3 and re.sub(r"[（(][^）)]*[）)]", "", h) in citing
                   for i, h in enumerate(header) if i not in (name_at, class_at))
    if len(set(names)) < len(names) or compared:
        return []
    classes = "/".join(dict.fromkeys(row[class_at] for row in rows if class_at is not None and class_at < len(row)))
    found = []
    for row in rows:
        if name_at >= len(row) or not _NAME.match(name := row[name_at]) or len(name) > _MAX_NAME \
                or _TOTAL_ROW.match(name):
            continue
        cls = row[class_at] if class_at is not None and class_at < len(row) else ""
        found.append((f"附件{number}所列:{cls}:{classes}", name))
    return found


def is_listed_kind(kind: str) -> bool:
    """A circumstance kind that `read_annex_lists` gives (the rows of an annex), not a sensitive time or place."""
    return kind.startswith("附件")


def listed_note(kinds: list[str]) -> str:
    """The note a report gets for the annex rows it names: 「〔附件3所列:省级:国家级/省级〕」."""
    return "".join(f"〔{kind}〕" for kind in kinds)


def without_listed_notes(report: str) -> str:
    """The report without its notes of annex rows, whose words no criterion's words may count."""
    return _NOTE.sub("", report)


def _first_table(body: str) -> list[list[str]]:
    """The cells of the first table's rows (「序号 | 县（区） | …」, as the loaders give a table), without a rule line."""
    rows: list[list[str]] = []
    for line in body.splitlines():
        if "|" in line:
            cells = row_cells(line)
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                rows.append(cells)
        elif rows and line.strip():
            break
    return rows


# 「附件3 所列国家级重点生态区位内发现疫点」: what a criterion asks of an annex's rows, and the noun it gives them, up
# to what it says happens there
_LISTED = re.compile(r"附件\s*(?P<n>\d{1,2})\s*所列\s*(?:的|任一|任何|任意|各)?\s*"
                     r"(?P<noun>[\u4e00-\u9fa5]*?)(?=内|中|发生|出现|遭受|发现|达到|超过|因|被|阻断|进入|引起|造成|停止|[\s，、；。,;]|$)")
_NOTE = re.compile(r"〔附件(?P<n>\d{1,2})所列:(?P<cls>[^:〕]*):(?P<classes>[^〕]*)〕")
NOT_LISTED = "∅"


def listed_rest(condition: str, report: str) -> str | None:
    """A criterion on an annex's rows (「附件2 所列疫区内发现新的疫点」) against a report with notes of the rows it
    names (`listed_note`): the rest of the criterion, to be stated in words (「内发现新的疫点」); None when the
    criterion names no annex or the report names none of its rows; `NOT_LISTED` when the criterion asks a class of
    the rows (「附件3 所列国家级…」「附件2 所列养殖区」) and the report's rows are of others only (a 省级 area, a beach)."""
    m = _LISTED.search(condition)
    notes = [n for n in _NOTE.finditer(report) if m and n["n"] == m["n"]]
    if m is None or not notes:
        return None
    asked = {cls for n in notes for cls in n["classes"].split("/") if cls and cls in m["noun"]}
    if asked and not asked & {n["cls"] for n in notes}:
        return NOT_LISTED
    return (condition[: m.start()] + condition[m.end():]).strip()
