"""The times, places and systems a plan lists as special: the times and places it calls sensitive (「一、敏感时期 （一）春节…；（三）国庆节：10月1日至10月7日」「二、重点地区
（二）藜州东站及站前广场…」): a criterion limited to them (「敏感时期或者重点地区发生一般突发事件并造成人员死亡的」) is
met by a report that names one of them, though it never says 敏感时期 or 重点地区. A class a table marks (「注：标注“★”的为
关键信息基础设施」 under 「| １★ | 颉州市政务云平台 | …」) is met by a report that names a marked row's system.
"""

from __future__ import annotations

import re

from retrieval.plan.items import CHINESE_ITEM_MARK, is_item, strip_marker
from retrieval.plan.phrases import plan_text
from retrieval.plan.tables import row_cells

# a list's heading: 「一、敏感时期」「（二）重点地区」「附件2 重点区域」
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|附件\s*\d*\s*)?\s*"
                      r"(?P<kind>敏感(?:时期|时段)|重[点要](?:地区|区域|部位|时段|时期))\s*[：:]?\s*$")
_DATES = re.compile(r"(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日(?:至|到|—|-|~)(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日")
_REPORT_DATE = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_NAME_TAIL = re.compile(r"(?:会期|期间|节)$")
_MIN_NAME = 4


def read_circumstances(text: str) -> dict[str, list[str]]:
    """{"敏感时期": ["春节：农历除夕至正月初六", …], "重点地区": [...]}: the items of each list the plan gives."""
    found: dict[str, list[str]] = {}
    kind = None
    for line in text.splitlines():
        if m := _HEADING.match(line):
            kind = m["kind"]
            found.setdefault(kind, [])
        elif kind and (is_item(line) or CHINESE_ITEM_MARK.match(line)):
            found[kind].append(strip_marker(CHINESE_ITEM_MARK.sub("", line)))
        elif line.strip() and kind and found[kind]:
            kind = None  # the list ended
    return {k: items for k, items in found.items() if items}


# 「注：标注“★”的为关键信息基础设施」: the class a table's mark stands for
_MARK_NOTE = re.compile(r"标注\s*[“\"「]?\s*(?P<mark>[★☆▲△●◆※＊*])\s*[”\"」]?\s*号?的(?:为|是|属于)(?P<kind>[\u4e00-\u9fa5]{2,12})")
_CELL_NAME = re.compile(r"[\u4e00-\u9fa5]")


def read_marked(text: str) -> dict[str, list[str]]:
    """{"关键信息基础设施": ["颉州市政务云平台", …]}: the name in each table row whose first cell bears the mark a
    note gives a class."""
    found: dict[str, list[str]] = {}
    for mark, kind in dict.fromkeys((note["mark"], note["kind"]) for note in _MARK_NOTE.finditer(text)):
        for line in text.splitlines():
            cells = row_cells(line)
            name = next((c for c in cells[1:] if _CELL_NAME.search(c)), None) if mark in cells[0] else None
            if len(cells) > 1 and name and name not in found.get(kind, []):
                found.setdefault(kind, []).append(name)
    return found


def circumstances_named(circumstances: dict[str, list[str]], report: str) -> list[str]:
    """The kinds of circumstance (敏感时期, 重点地区) the report names an item of: by its name or, for a time, by a
    date inside its span."""
    norm = plan_text(report).norm.replace(" ", "")
    return [kind for kind, items in circumstances.items() if any(_named(item, norm) for item in items)]


def _named(item: str, report: str) -> bool:
    """The report names the item: a time by its short name (春节, 「两会」, 国庆) or a date inside its span, a place by its
    name without a generic tail (荔湖机场航站区 → 荔湖机场)."""
    item = plan_text(item).norm.replace(" ", "")
    label = re.split(r"[：:（(]", item, maxsplit=1)[0]
    short = [*re.findall(r"[“\"「]([^”\"」]{2,8})[”\"」]", label), label, _NAME_TAIL.sub("", label)]
    if any(2 <= len(word) <= 3 and word in report for word in short):
        return True
    cores = [_PLACE_TAIL.sub("", p) for p in re.split(r"、|以及|及|和", label)]
    cores += [short for core in cores if len(short := _PLACE_HEAD.sub("", core)) >= _MIN_NAME]  # 颉州市政务云平台 → 政务云平台
    return any(len(core) >= _MIN_NAME and core in report for core in cores) or _date_inside(item, report)


# the city a listed system's name begins with, which a report of that city leaves out
_PLACE_HEAD = re.compile(r"^[\u4e00-\u9fa5]{2,3}?[市县区](?=.)")
# what a listed place ends with that a report leaves out (「荔湖机场航站区」 is reported as 荔湖机场)
_PLACE_TAIL = re.compile(r"(?:站前广场|航站区|片区|广场|园区|周边.*|范围)$")


def _date_inside(item: str, report: str) -> bool:
    span = _DATES.search(item)
    if span is None:
        return False
    start = (int(span["m1"]), int(span["d1"]))
    end = (int(span["m2"] or span["m1"]), int(span["d2"]))
    return any(start <= (int(m["m"]), int(m["d"])) <= end for m in _REPORT_DATE.finditer(report))
