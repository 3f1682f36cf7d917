"""Grading read from tables and bare level lines: a table's rows (one level per row, criteria keyed by the
header, or one column per level and one row per hazard) and 「Ⅳ级：…」 lines of a section on starting conditions.

The functions add to a `retrieval.plan.grading.LevelReader`, which keeps the levels a plan's sections build up.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from retrieval.models import Chunk
from retrieval.plan.items import strip_marker
from retrieval.plan.levels import HeadingContext, LevelMention, find_level_mentions
from retrieval.plan.models import Ladder
from retrieval.plan.phrases import plan_text
from retrieval.plan.tables import (
    Table,
    TableRow,
    criteria_cells_by_column,
    decider_cell,
    hazard_columns,
    hazard_of,
    level_cell,
)
from retrieval.ranking.numerals import level_to_int
from retrieval.ranking.query import LEVEL_FORMS

if TYPE_CHECKING:
    from retrieval.plan.grading import LevelReader

# 「Ⅳ级：…」, also as an outline item with its class: 「（一）Ⅰ级（特别重大）：指…出现下列情形之一的：…；…。」
BARE_LEVEL = re.compile(
    r"^(?:[（(](?:[一二三四五六七八九十]{1,2}|\d{1,2})[)）]\s*|\d{1,2}[.．、]\s*)?(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I)\s*级"
    r"\s*(?:[（(](?:特别重大|重大|较大|一般)[)）])?\s*[：:]"
)
_BARE_CLASS = re.compile(r"^(?:特别重大|重大|较大|一般)$")
# what a level's line says before its criteria: 「指因水源污染…等原因，出现下列情形之一的：」
_LINE_INTRO = re.compile(r"^[^；;。]*?(?:之一(?:的|者)?|如下|以下情形)[：:]")


def read_grading_table(reader: LevelReader, ctx: HeadingContext, table: Table, chunk: Chunk) -> None:
    """A grading table: each row's level, criteria (with the row kept, keyed by the header) and decider;
    a table with one column per level (灾种 | Ⅳ级 | Ⅲ级 …) gives each row's hazard its criteria per level."""
    reader.slot_templates.update(_slot_templates(chunk.text))
    if table.level_columns or table.class_columns:
        _read_level_columns(reader, table, chunk)
        return
    header = " ".join(table.header)
    ladder = Ladder.WARNING if "预警" in header else ctx.ladder
    draft: Any = reader.table_draft if table.continued else None
    by_hazard = hazard_columns(table)
    for row in table.rows:
        cell = re.sub(r"(?<=级)\s*[（(][^（）()]*[)）]", "", level_cell(table, row))  # 「Ⅰ级（特别重大）」 is Ⅰ级
        cell = _BARE_CLASS.sub(r"\g<0>事件", cell.strip())  # | 特别重大 | in a column 事件等级: that class of event
        mentions = find_level_mentions(cell if "级" not in cell or "响应" in cell else cell + "响应")
        if mentions:
            draft = reader.draft(mentions[0].ladder or ladder, mentions[0], heading=True)
        elif cell.strip() or draft is None:
            continue
        for column, cell in criteria_cells_by_column(table, row):
            saved, reader.hazard = reader.hazard, by_hazard.get(column, reader.hazard)
            for criterion in _cell_items(cell):
                reader.add_trigger(draft, criterion, chunk, row=row.cells)
            reader.hazard = saved
        decider = decider_cell(table, row)
        if decider and draft.decided_by is None:
            draft.decided_by, draft.decided_by_chunk = decider, chunk.chunk_id
    reader.table_draft = draft


def _read_level_columns(reader: LevelReader, table: Table, chunk: Chunk) -> None:
    """灾种 | Ⅳ级 | Ⅲ级 …: each row's cells are its hazard's criteria of the column's level; 设备类别 | 特别重大事故 | …:
    each row's cells are criteria of the column's class of event (the plan's prose says which response each class
    starts)."""
    by_class = not table.level_columns
    columns = table.class_columns if by_class else table.level_columns
    responses = {} if by_class else columns  # column → the response level it starts
    decisions = bool(_DECISIONS_COLUMN.search(table.header[0]))
    for row in table.rows:
        first = row.cells.get(table.header[0], "")
        if responses and (_DECIDER_ROW.search(first) or (decisions and first.strip() == "启动")):
            # | 启动决定 | 县指挥部办公室主任 | 县指挥部常务副指挥长 | …: who decides each column's level, no criterion
            _read_deciders(reader, row, responses, chunk)
            continue
        if responses and decisions:
            continue  # | 决定事项 | … | with rows 「由本级降低」「结束」: who lowers or ends a level, no criterion
        if by_class and (mapped := table.class_mapping(row)):
            # | 事件等级 | 一般 | 较大 | … | over | 市级响应 | Ⅳ级 | Ⅲ级 | … |: the response each class starts
            for column, level in mapped.items():
                reader.class_levels[level] = ("".join(column.split()) + "事件", chunk)
                reader.mapped_levels.add(level)
            responses = mapped
            continue
        hazard = hazard_of(first) or reader.hazard
        template = reader.slot_templates.get(first.strip())
        for column, level in columns.items():
            cell = row.cells.get(column, "").strip()
            if not cell or cell in {"-", "—", "/", "无"}:
                continue
            # (a column headed 「Ⅰ级响应」, as a plan's 「红色响应」 reads on the scale, keeps one 响应)
            label = re.sub(r"\s+", "", column if by_class else f"{column.strip().removesuffix('响应')}响应")
            ladder = Ladder.EVENT if by_class else Ladder.RESPONSE
            draft = reader.draft(ladder, LevelMention(level, label, ladder, 0, 0), heading=False)
            saved, reader.hazard = reader.hazard, hazard
            # a parameter's cell fills its slot in the item it belongs to (「〔疏散人数〕」 + 「1 0 0 人以上」 →
            # 「需要疏散、撤离群众1 0 0 人以上的」), else the cell is the criterion
            for criterion in [template.replace(first.strip(), cell)] if template else _cell_items(cell):
                reader.add_trigger(draft, criterion, chunk, row=row.cells)
            reader.hazard = saved


# 「1．〔放射源类别〕丢失、被盗或者失控的；」: an item with a slot a parameter table fills per level
_SLOT = re.compile(r"〔[^〔〕\s]{1,12}〕")


def _slot_templates(text: str) -> dict[str, str]:
    """The criteria the items of a text write with a slot left open, by slot (a table row, 「〔疏散人数〕 | 第 7 项 |
    …」, is no item)."""
    return {slot: strip_marker(line.strip()).rstrip("；;。") for line in text.splitlines() if "|" not in line
            for slot in _SLOT.findall(line)}


def _read_deciders(reader: LevelReader, row: TableRow, responses: dict[str, int], chunk: Chunk) -> None:
    for column, level in responses.items():
        label = f"{LEVEL_FORMS[level][0]}响应"
        draft = reader.draft(Ladder.RESPONSE, LevelMention(level, label, Ladder.RESPONSE, 0, 0), heading=False)
        if (decider := row.cells.get(column, "").strip()) and draft.decided_by is None:
            draft.decided_by, draft.decided_by_chunk = decider, chunk.chunk_id


# | 决定事项 | 蓝色响应 | … | over rows 「启动」「由本级降低」「结束」: who decides each step of each level
_DECISIONS_COLUMN = re.compile(r"^\s*决定(?:事项|权限)\s*$")
_DECIDER_ROW = re.compile(r"^(?:启动)?(?:决定|决策|批准|审批)(?:启动)?(?:权限|机关|主体|人)?$|^(?:决定|批准)(?:单位|机关)$")


def read_bare_level_lines(reader: LevelReader, text: str, chunk: Chunk) -> bool:
    """「Ⅳ级：区气象台发布台风蓝色预警信号；或预计…」 lines of a section on starting conditions: each line
    the criteria of its level, one per 「；」 part; a line saying who starts the level is left to the
    decider reader."""
    found = False
    for line in text.split("\n"):
        m = BARE_LEVEL.match(line.strip())
        if not m:
            continue
        rest = _LINE_INTRO.sub("", line.strip()[m.end():].strip()).strip()
        if not rest or (re.search(r"决定|批准|签发|报请|宣布", rest) and not re.search(r"\d", plan_text(rest).norm)):
            continue
        mention = LevelMention(level_to_int(m["n"]), f"{m['n']}级响应", Ladder.RESPONSE, 0, 0)
        draft = reader.draft(Ladder.RESPONSE, mention)
        for part in re.split(r"[；;]\s*(?:或者|或)?", rest):
            if part.strip(" 。"):
                reader.add_trigger(draft, part.strip().rstrip("。"), chunk)
        found = True
    return found


_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# 「（1）」, 「1．」, 「1.」 or 「①」 before words (not the 「1 . 0 0 米」 of a spaced-out figure); an HTML cell's 「<br>」 is a
# space by then (「①1 个判定站出现沙尘暴… ②沙尘暴造成…」)
_CELL_ITEM = re.compile(r"(?:(?<=^)|(?<=[；;。\s]))(?:[（(]\d{1,2}[)）]|\d{1,2}[．、](?!\d)|\d{1,2}\.(?=[\u4e00-\u9fa5])|[①-⑳])")


def _cell_items(cell: str) -> list[str]:
    """A table cell's criteria: 「（1）A；（2）B。」 is two criteria (the header or the level says how they
    combine), a cell without numbered items one."""
    if len(lines := [p for p in _CELL_BREAK.split(cell) if p.strip(" ；;。")]) > 1:
        # 「受害森林面积1000公顷以上<br>火场持续燃烧72小时以上…」: a criterion per line of the cell
        return [c for line in lines for c in _cell_items(line)]
    starts = [m.start() for m in _CELL_ITEM.finditer(cell)]
    if starts == [0]:  # 「1．任一控制站…」: a list of one item
        cell = strip_marker(cell.strip())
    if len(starts) < 2:
        # 「2条以上河流控制站水位同时达到保证水位；泖阳站水位超过历史最高水位」: a criterion per 「；」 part
        parts = [p.strip() for p in re.split(r"[；;]", cell.strip().rstrip("。；;")) if p.strip()]
        return parts if len(parts) > 1 and all(len(p) >= 6 for p in parts) else ([cell.strip().rstrip("。；;")]
                                                                              if cell.strip() else [])
    parts = [cell[a:b] for a, b in zip(starts, [*starts[1:], len(cell)], strict=True)]
    return [strip_marker(p.strip()).rstrip("。；;") for p in parts if strip_marker(p.strip()).strip()]
