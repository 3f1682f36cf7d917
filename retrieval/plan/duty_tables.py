"""Responsibilities tables (单位 | 职责 | 时限): one duty per row, with who, what and by when.

Plans often list a level's duties as a table under the level's heading (「5.3 Ⅲ级响应职责表」) instead of a
numbered list. Each row becomes a `Measure` of the section's level: the duty cell is the action, the unit cell
the lead units, the time cell the time limit (「接报后1小时内」「立即」「每2小时更新数据」); a time cell that only says
「视情」 marks the duty as conditional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.plan.levels import find_level_mentions
from retrieval.plan.tables import TOPIC_HEADER, is_duty_matrix_header, level_columns_of, row_cells

_DUTY = re.compile(r"职责|任务|措施|工作内容|工作要求|行动")
_UNIT = re.compile(r"单位|部门|责任|牵头|负责|主体|人员")
_TIME = re.compile(r"时限|时间|期限|完成|时效")


@dataclass
class DutyRow:
    action: str
    units: list[str]
    time: str
    levels: list[int] = field(default_factory=list)  # the levels a measures matrix marks the row for (●)
    optional_levels: list[int] = field(default_factory=list)  # those it marks as taken as needed (○)
    # a roster's level columns that hold a deadline instead of a mark (「1 小时内到岗」, 「—」 = not activated)
    level_times: dict[int, str] = field(default_factory=dict)


@dataclass
class DutyTable:
    rows: list[DutyRow] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)


def _cell(cells: list[str], k: int | None) -> str:
    return cells[k] if k is not None and k < len(cells) else ""


def _columns(cells: list[str]) -> tuple[int, int | None, int | None] | None:
    """(duty, unit, time) column indexes of a header, or None when it is not a responsibilities header."""
    duty = next((i for i, c in enumerate(cells) if _DUTY.search(c) and len(c) <= 8), None)
    if duty is None:
        return None
    unit = next((i for i, c in enumerate(cells) if i != duty and _UNIT.search(c) and len(c) <= 8), None)
    time = next((i for i, c in enumerate(cells) if i not in (duty, unit) and _TIME.search(c) and len(c) <= 8), None)
    return (duty, unit, time) if unit is not None or time is not None else None


def duty_header(text: str) -> str | None:
    """The header line of the last responsibilities table or duty matrix in text, for its rows in the section's
    next chunk."""
    headers = [line for line in text.split("\n") if "|" in line and (_columns(row_cells(line)) is not None
                                                                     or is_duty_matrix_header(row_cells(line)))]
    return headers[-1] if headers else None


def find_duty_tables(text: str) -> list[DutyTable]:
    """Every responsibilities table in text (rows of 「 | 」-joined cells under a 单位 | 职责 | 时限 header)."""
    tables: list[DutyTable] = []
    columns: tuple[int, int | None, int | None] | None = None
    level_column: int | None = None
    marks: dict[int, int] = {}  # column → level of a measures matrix (| 响应措施 | 责任单位 | 四级 | 三级 | … |)
    header_cells: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if "|" not in line:
            columns = None
            continue
        cells = row_cells(line)
        if cells == header_cells:  # the header repeated after a page break
            tables[-1].lines.add(i)
            continue
        if columns is None:
            columns = _columns(cells)
            if columns is not None:
                tables.append(DutyTable(lines={i}))
                marks, header_cells = level_columns_of(cells), cells
                level_column = next((k for k, c in enumerate(cells) if _LEVEL_COLUMN.fullmatch(c.strip())), None)
            continue
        tables[-1].lines.add(i)
        if set("".join(cells)) <= set("-: "):  # a Markdown rule line
            continue
        action, unit, time = (_cell(cells, k) for k in columns)
        if action:
            units = [u for u in re.split(r"[、，,]", unit) if u.strip()]
            units = _group_named(header_cells, cells, columns, marks) + units
            marked = {level: _cell(cells, k) for k, level in marks.items() if _MARKED.search(_cell(cells, k))}
            timed = {level: _cell(cells, k) for k, level in marks.items()
                     if level not in marked and _cell(cells, k) and not _NO_TASK.match(_cell(cells, k))}
            levels = [lv for lv, c in marked.items() if not _OPTIONAL.search(c)]
            if level_column is not None and (named := find_level_mentions(_cell(cells, level_column).replace("级", "级响应"))):
                # 「| 序号 | 措施内容 | 责任单位 | 起始级别 |」: the row's level, and every higher one where it is where
                # the duty starts
                first = named[0].level
                levels = list(range(first, 0, -1)) if _FROM_LEVEL.search(header_cells[level_column]) else [first]
            by_time = bool(timed) and not marked and level_column is None  # a roster: each level's cell its deadline
            if by_time:
                levels = sorted(timed)
            tables[-1].rows.append(DutyRow(action=action, units=units, time=time, levels=levels,
                                           optional_levels=[lv for lv, c in marked.items() if _OPTIONAL.search(c)],
                                           level_times=timed if by_time else {}))
    return [t for t in tables if t.rows]


# 「| 工作组 | 牵头单位 | 主要职责 | 四级 | … |」: a column naming the group whose duties the row gives
_NAME_HEADER = re.compile(r"^(?:工作组|小组|组别|工作小组|专项工作组|队伍|机构|名称|组名)$")


def _group_named(header: list[str], cells: list[str], columns: tuple, marks: dict[int, int]) -> list[str]:
    """The group a row names (「综合协调组」), who carries out the duty with its lead unit, when a column names it."""
    k = next((i for i, c in enumerate(header) if i not in columns and i not in marks and _NAME_HEADER.match(c.strip())),
             None)
    name = _cell(cells, k).strip()
    return [name] if name else []


# a column that gives each duty's level (「起始级别」: the lowest level that takes it, and every higher one does too)
_LEVEL_COLUMN = re.compile(r"(?:起始|适用|执行|最低|启动)?(?:响应)?级别")
_FROM_LEVEL = re.compile(r"起始|最低|启动")
_MARKED = re.compile(r"[●√✓✔■★○◎]")  # 「●表示该级响应须执行的措施」
_OPTIONAL = re.compile(r"[○◎]")  # 「○表示视情执行」
_SAME_AS = r"同\s*\S{1,3}级(?:响应)?"  # 「同Ⅳ级」: no new task at this level
_NO_TASK = re.compile(rf"^(?:[—\-－/无]+|{_SAME_AS})$")
_SAME_AS_LEFT = re.compile(r"^同(?:左|前)(?:栏|列)?$")
_BUILDS_ON_CELL = re.compile(r"^在\s*\S{1,3}级(?:响应)?(?:措施)?的?基础上[，,：:]?\s*")


def find_duty_matrix(text: str) -> tuple[list[tuple[int, str, str]], set[int], bool]:
    """A duty matrix (责任单位 | Ⅳ级响应 | Ⅲ级响应 | …): (level, unit, tasks) per cell with tasks, the lines it
    takes, and whether its levels build on each other (a cell 「同Ⅳ级」 or 「在Ⅳ级基础上，…」)."""
    cells_found: list[tuple[int, str, str]] = []
    taken: set[int] = set()
    cumulative = False
    levels: dict[int, int] = {}
    by_topic = False
    for i, line in enumerate(text.split("\n")):
        if "|" not in line:
            levels = {}
            continue
        cells = row_cells(line)
        if is_duty_matrix_header(cells):
            levels = level_columns_of(cells)
            by_topic = bool(TOPIC_HEADER.match(cells[0].strip()))
            taken.add(i)
            continue
        if not levels:
            continue
        taken.add(i)
        if set("".join(cells)) <= set("-: "):
            continue
        left = ""
        for k, level in sorted(levels.items()):
            task = _cell(cells, k)
            task = left if _SAME_AS_LEFT.match(task) else task  # 「同左」: the cell to the left's task again
            left = task
            cumulative |= bool(_BUILDS_ON_CELL.match(task) or re.match(_SAME_AS, task))
            if task and not _NO_TASK.match(task):
                # a topic's row (会商研判) names no unit; its cell may hold several tasks (「…集中办公；成立现场指挥部」)
                for part in (re.split(r"[；;]", task) if by_topic else [task]):
                    if part.strip():
                        cells_found.append((level, "" if by_topic else cells[0], _BUILDS_ON_CELL.sub("", part.strip())))
    return cells_found, taken, cumulative


def _by_time(groups: list[tuple[list[int], bool]], row: DutyRow) -> list[tuple[list[int], bool, str]]:
    """(levels, optional, time cell) per measure: a roster's levels split by the deadline each level's cell gives
    (「1 小时内到岗」 at 四级 and 三级, 「3 0 分钟内到岗」 at 二级 and 一级)."""
    if not row.level_times:
        return [(levels, optional, row.time) for levels, optional in groups]
    times: dict[str, list[int]] = {}
    for level, time in row.level_times.items():
        times.setdefault(time, []).append(level)
    return [(levels, False, time) for time, levels in times.items()]


def duty_measures(ctx, text: str, chunk, locator: str) -> tuple[list, str]:
    """The measures of the responsibilities tables in a response section's text, and the text without their
    lines. The level is the section's (「Ⅲ级响应职责表」), else every level's."""
    from retrieval.plan.measures import _phase
    from retrieval.plan.models import Ladder, Measure
    from retrieval.plan.units import find_cell_time_limit, find_time_limit

    matrix, matrix_lines, cumulative = find_duty_matrix(text)
    measures = [Measure(level=level, also_levels=list(range(1, level)) if cumulative else [],
                        phase=_phase(ctx.headings, task), action=task,
                        lead_units=[u for u in re.split(r"[、，,]", unit) if u.strip()],
                        time_limit=find_time_limit(task), chunk_id=chunk.chunk_id, locator=locator)
                for level, unit, task in matrix]
    if matrix_lines:
        text = "\n".join(line for i, line in enumerate(text.split("\n")) if i not in matrix_lines)
    tables = find_duty_tables(text)
    if not tables:
        return measures, text
    section_level = ctx.mention.level if ctx.mention and ctx.ladder is Ladder.RESPONSE else None
    for table in tables:
        for row in table.rows:
            # a measures matrix's row: one measure for the levels that take it, one for those that take it as needed
            groups = [(levels, optional) for levels, optional in ((row.levels, False), (row.optional_levels, True))
                      if levels] or [([], False)]
            for levels, optional, time in _by_time(groups, row):
                conditional = optional or re.fullmatch(r"\s*(?:视情|必要时|根据需要)\s*", row.time)
                action = re.sub(r"<br\s*/?>", "", row.action, flags=re.IGNORECASE)  # a cell's line break
                action = f"视情{action}" if conditional and not re.match(r"视情|必要时", action) else action
                level = max(levels) if levels else section_level
                measures.append(Measure(level=level, also_levels=sorted(lv for lv in levels if lv != level),
                                        phase=_phase(ctx.headings, row.action), action=action, lead_units=row.units,
                                        time_limit=find_cell_time_limit(time),
                                        chunk_id=chunk.chunk_id, locator=locator))
    lines = text.split("\n")
    taken = set().union(*(t.lines for t in tables))
    return measures, "\n".join(line for i, line in enumerate(lines) if i not in taken)
