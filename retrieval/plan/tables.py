"""Grading tables and hazards: criteria that plans put in HTML or Markdown tables, and criteria for one hazard.

The loaders turn a table row into one line of cells joined by 「 | 」 (`<tr><td>Ⅳ级</td><td>…</td>` and
`| Ⅳ级 | … |` alike). `find_tables` finds runs of such lines, reads the header (响应级别 | 启动条件 |
决定（启动）单位) and gives each row its cells keyed by that header, so that a row keeps its header in the plan
model. `hazard_of` names the hazard a heading, an annex title or a 「台风：」 prefix is about, in the family
`hazard_family` folds report words to (热带风暴 → 台风, 山火 → 森林火灾).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.cleanup import clean_text
from retrieval.plan.phrases import SEVERITY, find_quantities, plan_text

_CELL_SPLIT = " | "
_LEVEL_COLUMN = re.compile(r"级别|等级|分级|级次")
_CRITERIA_COLUMN = re.compile(r"条件|标准|情形|情况|指标")
# | 响应等级 | 江河洪水 | 水库和堤防险情 | 干旱 | 因灾人员伤亡 |: a column per kind of event, each cell its criteria
_HAZARD_COLUMN = re.compile(r"险情|灾情|伤亡|洪水|干旱|旱情|内涝|山洪|地质灾害|台风|暴雨")
_DECIDER_COLUMN = re.compile(r"决定|启动单位|批准|签发|负责")
# a bound (「1 0 人以上」「不足 5 人」), a span of counts (「3 至 5 人」) or a count a graver row bounds (「1 人」)
_BOUND = re.compile(r"\d\s*[\u4e00-\u9fa5%℃‰/A-Za-z]{0,6}\s*(?:以上|以下|及以上|以内)|(?:不足|超过|达到|低于|高于|小于|大于|[≥≤><])\s*\$?\s*\d"
                    r"|^\s*\d[\d\s]*(?:(?:至|～|~)\s*\d[\d\s]*)?[人起座处户间]\s*$")
_LEVEL_HEADER = re.compile(r"(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|一|二|三|四)\s*级(?:应急)?(?:响应)?")
_WARNING = re.compile(r"[红橙黄蓝]色预警")
# 「设备类别 | 特别重大事故 | 重大事故 | 较大事故 | 一般事故」: one column per class of event
_CLASS_HEADER = re.compile(r"(?P<class>特别重大|重大|较大|一般)(?:[\u4e00-\u9fa5]{0,6}?(?:事故|事件|灾害|火灾))?")
_MEASURES_COLUMN = re.compile(r"措施|职责|任务|工作内容")
_MAPPED_LEVEL = re.compile(r"(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|一|二|三|四)\s*级(?:应急)?(?:响应)?")
_ROMAN_LEVEL = {"Ⅰ": 1, "I": 1, "Ⅱ": 2, "II": 2, "Ⅲ": 3, "III": 3, "Ⅳ": 4, "IV": 4, "一": 1, "二": 2, "三": 3, "四": 4}
_LEVEL_CELL = re.compile(r"(?<![A-Za-z])(Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|一|二|三|四|1|2|3|4)\s*级|[红橙黄蓝]色|特别重大|重大|较大|一般")

# Hazard families: the word plans use first, then the words reports use for the same hazard.
HAZARDS: dict[str, tuple[str, ...]] = {
    "台风": ("台风", "热带风暴", "热带低压", "强热带风暴"),
    "暴雨": ("暴雨", "强降雨", "大暴雨", "特大暴雨", "降雨", "雨量"),
    "洪水": ("洪水", "洪涝", "汛情", "防汛", "超警戒", "水位"),
    "干旱": ("干旱", "旱情", "旱灾", "缺水", "抗旱", "受旱", "因旱"),
    "城市内涝": ("城市内涝", "内涝", "渍涝", "积水", "倒灌"),
    "森林火灾": ("森林火灾", "山火", "林火", "森林火情", "火场", "起火", "过火", "扑火"),
    # a fire smouldering in the humus or peat: an annex of its own in forest plans (「附件1 地下火应急响应启动条件」)
    "地下火": ("地下火", "阴燃", "闷烧"),
    "寒潮": ("寒潮", "降温", "冷空气", "气温大幅下降", "气温明显下降", "气温骤降", "气温下降"),
    # a long spell colder than usual, which the national plan grades apart from a cold wave's drop (「低温：过去 72 小时…」)
    "低温": ("低温", "气温偏低", "气温异常偏低"),
    "高温": ("高温", "酷热"),
    "大雾": ("大雾", "浓雾", "雾", "能见度"),
    "暴雪": ("暴雪", "大雪", "积雪", "降雪", "下雪", "雪灾", "雪压", "雨雪"),
    "道路结冰": ("道路结冰", "路面结冰", "结冰", "冰面", "覆冰", "冻雨", "凝冻", "冰冻"),
    "大风": ("大风", "阵风", "偏北风", "偏南风"),
    "冰雹": ("冰雹", "风雹", "雹灾"),
    "雷电": ("雷电", "雷击", "雷暴"),
    "沙尘暴": ("沙尘暴",),
    "霾": ("霾",),
    "霜冻": ("霜冻",),
    # animal diseases: plans grade each in a column of its own (| 响应级别 | 非洲猪瘟 | 高致病性禽流感 | 口蹄疫 |)
    "非洲猪瘟": ("非洲猪瘟", "猪瘟"),
    "禽流感": ("高致病性禽流感", "禽流感"),
    "口蹄疫": ("口蹄疫",),
    "大面积停电": ("大面积停电", "停电用户", "停电户", "减供负荷", "失电", "甩负荷"),
    "地质灾害": ("地质灾害", "山体滑坡", "滑坡", "泥石流", "崩塌", "滑塌", "塌方", "地面塌陷",
             "拉裂", "溜滑", "山体开裂", "危岩", "塌陷", "山坡裂"),  # a slope's signs of failure name the hazard too
}
# words any fire is told in; they name a forest fire only where the text tells of forest, hills or grassland
_ANY_FIRE = {"起火", "火场", "过火", "扑火"}
_WILDLAND = re.compile(r"森林|林地|林场|林区|山林|山火|林火|草原|草场|山坡|山头|山上|后山|[山岭坡]起火|公顷|亩")
_NOT_FOG_BEFORE = frozenset("白烟水喷毒油酸碱气")
_NOT_FOG_AFTER = frozenset("化状气滴")
_HAZARD_WORD = re.compile("|".join(sorted((w for ws in HAZARDS.values() for w in ws), key=len, reverse=True)))
_HAZARD_PREFIX = re.compile(r"^\s*(?:[（(]?\d+[)）.．、]\s*)?(?P<h>[\u4e00-\u9fa5]{1,5})[：:]")


@dataclass
class TableRow:
    """One row of a table, its cells keyed by the table's header."""

    cells: dict[str, str]
    line: str


@dataclass
class Table:
    header: list[str]
    rows: list[TableRow] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    continued: bool = False  # the rest of a table an earlier chunk opened: its first rows continue that table's last level
    # 「表 4-2　县级响应启动决定人（按有害生物类别）」: a caption that says the cells are who decides, not criteria
    deciders: bool = False

    def column(self, pattern: re.Pattern[str]) -> str | None:
        return next((h for h in self.header if pattern.search(h)), None)

    @property
    def level_columns(self) -> dict[str, int]:
        """Columns named by a response level (灾种 | Ⅳ级 | Ⅲ级 | Ⅱ级 | Ⅰ级), when there are two or more."""
        found = {h: _ROMAN_LEVEL[m["n"]] for h in self.header if (m := _LEVEL_HEADER.fullmatch(h.strip()))}
        return found if len(found) >= 2 else {}

    @property
    def class_columns(self) -> dict[str, int]:
        """Columns named by a class of event (设备类别 | 特别重大事故 | 重大事故 | …), when there are two or more."""
        found = {h: SEVERITY[m["class"]] for h in self.header if (m := _CLASS_HEADER.fullmatch(h.strip()))}
        return found if len(found) >= 2 else {}

    def class_mapping(self, row: TableRow) -> dict[str, int]:
        """{class column: response level} when every class cell of the row is a response level alone: the row
        「| 市级响应 | Ⅳ级 | Ⅲ级 | Ⅱ级 | Ⅰ级 |」 under 「| 事件等级 | 一般 | 较大 | 重大 | 特别重大 |」."""
        found = {c: _ROMAN_LEVEL[m["n"]] for c in self.class_columns
                 if (m := _MAPPED_LEVEL.fullmatch(row.cells.get(c, "").strip()))}
        return found if found and len(found) == len(self.class_columns) else {}

    def criteria_columns(self) -> list[str]:
        """The columns of criteria, each a criterion of its own: one named so (启动条件, 其他情形), one whose
        cells state bounds (受害森林面积 | 燃烧时间 | 降雨实况: 「1公顷以上、不足10公顷」), and one of warnings
        (预警信号: 「县气象台发布寒潮红色预警信号」)."""
        if self.deciders:
            return []
        if self.level_columns:
            return list(self.level_columns)
        level, decider = self.column(_LEVEL_COLUMN), self.column(_DECIDER_COLUMN)
        columns = [h for h in self.header if h and h not in (level, decider)]
        found = [h for h in columns if _CRITERIA_COLUMN.search(h) or self._share(h, _BOUND) * 2 >= 1
                 or self._all_stated(h, _WARNING) or _HAZARD_COLUMN.search(h)]
        # | 指标 | 认定条件 |: a column of short labels (受害面积, 燃烧时间) names what the next one's criterion measures
        stated = [h for h in found if not self._labels(h)]
        return stated or found

    def _labels(self, column: str) -> bool:
        cells = [c for c in self._cells_of(column) if c.strip()]
        return bool(cells) and all(len(c) <= 6 and not re.search(r"\d", c) for c in cells)

    def _cells_of(self, column: str) -> list[str]:
        return [clean_text(r.cells.get(column, "")) for r in self.rows]

    def _share(self, column: str, pattern: re.Pattern[str]) -> float:
        cells = self._cells_of(column)
        return sum(bool(pattern.search(c)) for c in cells) / len(cells) if cells else 0.0

    def _all_stated(self, column: str, pattern: re.Pattern[str]) -> bool:
        """Every cell of the column that is not empty (「—」) states the pattern, and one does."""
        stated = [c for c in self._cells_of(column) if c.strip(" -—－/无")]
        return bool(stated) and all(pattern.search(c) for c in stated)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split(_CELL_SPLIT)]


def row_cells(line: str) -> list[str]:
    """The cells of a table row as the loaders give it, with or without its outer bars: 「| 序号 | 名称 |」, 「１ | 楝湾区」."""
    return [c.strip() for c in line.strip().strip("|").split(_CELL_SPLIT.strip())]


# 「| 责任单位 | Ⅳ级响应 | Ⅲ级响应 | …」: a duty matrix (each unit's tasks per level), no grading table
_UNIT_HEADER = re.compile(r"(?:责任|牵头|成员)?(?:单位|部门)(?:名称)?$")


def level_columns_of(cells: list[str]) -> dict[int, int]:
    """Column index → level of a header's level columns (Ⅳ级 | Ⅲ级响应 …), when there are two or more."""
    found = {i: _ROMAN_LEVEL[m["n"]] for i, c in enumerate(cells) if (m := _LEVEL_HEADER.fullmatch(c.strip()))}
    return found if len(found) >= 2 else {}


# 「| 项目 | IV级响应 | III级响应 | … |」: a matrix of measures by topic, one cell of text per level
TOPIC_HEADER = re.compile(r"^(?:项目|事项|工作事项|工作项目|措施类别|类别|工作内容|措施|响应措施|任务)$")


def is_duty_matrix_header(cells: list[str]) -> bool:
    """| 责任单位 | Ⅳ级响应 | Ⅲ级响应 | … | (a unit's tasks per level) or | 项目 | Ⅳ级响应 | … | (a topic's)."""
    return bool(cells) and bool(_UNIT_HEADER.match(cells[0].strip()) or TOPIC_HEADER.match(cells[0].strip())) \
        and bool(level_columns_of(cells))


def is_measures_matrix_header(cells: list[str]) -> bool:
    """| 序号 | 响应措施 | 责任单位 | 四级 | 三级 | 二级 | 一级 |: measures marked (●) under the levels that take them."""
    levels = level_columns_of(cells)
    return bool(levels) and any(_MEASURES_COLUMN.search(c) for i, c in enumerate(cells) if i not in levels)


def is_grading_header(cells: list[str]) -> bool:
    """A header with a level column and one of criteria, or other columns that may hold bounds (checked by
    `Table.criteria_columns` once the rows are read); a duty matrix is none."""
    if is_duty_matrix_header(cells) or is_measures_matrix_header(cells):
        return False
    by_level = sum(bool(_LEVEL_HEADER.fullmatch(c.strip())) for c in cells) >= 2 \
        or sum(bool(_CLASS_HEADER.fullmatch(c.strip())) for c in cells) >= 2
    return by_level or (any(_LEVEL_COLUMN.search(c) for c in cells) and len([c for c in cells if c]) >= 2)


def find_tables(text: str, carried: list[str] | None = None) -> list[Table]:
    """Tables in text whose header has a level column and a criteria column; a row whose level cell is empty
    continues the row above it. `carried`: the header of a table that an earlier part of the same section
    opened; rows at the start of this text with as many cells and no header of their own continue it (a long
    table cut across chunks)."""
    tables: list[Table] = []
    lines = text.split("\n")
    current: Table | None = None
    for i, line in enumerate(lines):
        if _CELL_SPLIT not in line:
            current = None
            if line.strip():
                carried = None
            continue
        cells = _cells(line)
        if current is not None and not current.continued and len(cells) != len(current.header):
            current = None  # another table right below (a station table after the criteria): a new header
        if current is None:
            caption = lines[max(0, i - 3):i]
            if is_grading_header(cells) or is_duty_matrix_header(cells) and _criteria_caption(caption):
                current = Table(header=cells, lines={i}, deciders=_decider_caption(caption))
                tables.append(current)
                continue
            if not (carried and len(cells) == len(carried)):
                continue
            current = Table(header=carried, lines=set(), continued=True)
            # the level is in the header's level column (「| 序号 | 类别 | 启动条件 | 响应级别 |」: the last one)
            at = next((k for k, head in enumerate(carried) if _LEVEL_COLUMN.search(head)), 0)
            by_column = bool(current.level_columns or current.class_columns)
            if not (by_column or names_level(cells[at]) or not cells[at].strip()):
                continue
            if _reading_row(cells) or (by_column and not cells[0].strip()):
                current = None  # another table's rows (a station's readings, a header's second line), not criteria
                continue
            tables.append(current)
        carried = None
        current.lines.add(i)
        if set("".join(cells)) <= set("-: "):  # a Markdown rule line (| --- | --- |)
            continue
        if not current.rows and not current.continued and _header_continued(cells):
            continue  # 「| 灾害 | 一 级 | 二 级 |…」 over 「| 类型 | 应急响应 | 应急响应 |…」: the header's second line
        if not current.rows and not current.continued and _sub_header(current.header, cells):
            # 「| 事件级别 | 响应级别 | 判定指标 | | |」 over 「| | | 全市电网减供负荷 | 全市停电用户 | 城区电网 |」: the
            # second row names the columns the first one groups
            current.header = [sub or head for head, sub in zip(current.header, cells + [""] * len(current.header),
                                                                strict=False)]
            continue
        row = dict(zip(current.header, cells + [""] * (len(current.header) - len(cells)), strict=False))
        current.rows.append(TableRow(cells=row, line=line))
    # a header the text ends on (its rows open the next chunk) is kept, so that the rows can be read under it
    return [t for t in tables if t.criteria_columns() or any(t.class_mapping(r) for r in t.rows) or _deciders_only(t)
            or (t is tables[-1] and not t.rows and not t.continued)]


def _deciders_only(table: Table) -> bool:
    """| 响应级别 | 提出建议 | 审核 | 批准 |: who decides each level, and no criterion (or a table its caption says is
    of deciders)."""
    level, decider = table.column(_LEVEL_COLUMN), table.column(_DECIDER_COLUMN) or table.deciders
    return bool(level and decider and table.rows) and all(names_level(r.cells.get(level, "")) for r in table.rows)


_DECIDER_CAPTION = re.compile(r"^\s*表\s*[\dA-Za-z\-—－.．]+\s*\S*?(?:决定人|决定单位|决定机关|审批权限|批准人)")


def _caption(before: list[str]) -> str:
    """The nearest line above a table's header that is no row of it: its caption, or ""."""
    return next((line for line in reversed(before) if line.strip() and _CELL_SPLIT not in line), "")


def _decider_caption(before: list[str]) -> bool:
    """The table's caption says its cells are who decides."""
    return bool(_DECIDER_CAPTION.match(_caption(before)))


# 「表 4-1　县级响应启动条件」 over 「| 类别 | Ⅳ级 | Ⅲ级 | Ⅱ级 | Ⅰ级 |」: criteria by kind and level, not tasks by topic
_CRITERIA_CAPTION = re.compile(r"^\s*表\s*[\dA-Za-z\-—－.．]+\s*\S*?(?:启动条件|分级标准|分级条件|判定标准|启动标准)")


def _criteria_caption(before: list[str]) -> bool:
    """The table's caption says its cells are criteria."""
    return bool(_CRITERIA_CAPTION.match(_caption(before)))


def _header_continued(cells: list[str]) -> bool:
    """A row that repeats one short word under every column but the first (「| 类型 | 应急响应 | 应急响应 |…」)."""
    named = [c for c in cells if c]
    return len(named) >= 3 and len(set(named[1:])) == 1 and len(named[1]) <= 4 and not re.search(r"\d", named[1])


def _reading_row(cells: list[str]) -> bool:
    """「| 沄江 | 渡头湾站 | 蓠塘县 | 2 6 . 5 0 | 2 9 . 3 0 |」: a station and its figures, a row of a station table."""
    figures = [c for c in cells if re.fullmatch(r"[\d.\s]+", c.strip() or "x")]
    return any(c.strip().endswith("站") for c in cells) and len(figures) >= 2


def _sub_header(header: list[str], cells: list[str]) -> bool:
    """A second header row: no level, no figure, and a name under each column the first row leaves unnamed."""
    named = [c for c in cells if c]
    unnamed = [i for i, h in enumerate(header) if not h]
    return (len(named) >= 2 and bool(unnamed) and not any(re.search(r"\d", c) or names_level(c) for c in named)
            and all(i < len(cells) and cells[i] for i in unnamed))


_RESPONSE_LEVEL_COLUMN = re.compile(r"响应(?:级别|等级)|启动响应|响应启动|启动级别|对应响应")


def level_cell(table: Table, row: TableRow) -> str:
    """The row's level: its response level where the table gives one beside the event's (事件级别 | 响应级别)."""
    column = table.column(_RESPONSE_LEVEL_COLUMN) or table.column(_LEVEL_COLUMN)
    return row.cells.get(column, "") if column else ""


# 「死亡人数（含失踪）」「死亡（含失踪人员）」: the form the criteria reader knows as deaths and the missing
_DEAD_OR_MISSING_HEADER = re.compile(r"死亡(?:人数)?[（(]含失踪(?:人员|人数)?[)）]")


def criteria_cells(table: Table, row: TableRow) -> list[str]:
    """A row's criteria: the criteria column's cell; or each bound column's cell, measured by its header when
    it starts with the number (「受害森林面积」 + 「1公顷以上」). A header's brackets go (「（公顷）」), except 「（含失踪）」,
    which changes what is counted."""
    return [cell for _, cell in criteria_cells_by_column(table, row)]


def criteria_cells_by_column(table: Table, row: TableRow) -> list[tuple[str, str]]:
    """`criteria_cells`, each with its column."""
    named = table.column(_CRITERIA_COLUMN)
    cells = []
    for column in table.criteria_columns():
        cell = row.cells.get(column, "").strip()
        if cell and column != named and re.match(r"\d", clean_text(cell)) and not find_quantities(plan_text(cell).norm):
            cell = f"{re.sub(r'[（(](?!含失踪)[^）)]*[)）]', '', _DEAD_OR_MISSING_HEADER.sub('死亡（含失踪）', column))}{cell}"
        if cell and cell not in {"-", "—", "/", "无"}:
            cells.append((column, cell))
    return cells


def hazard_columns(table: Table) -> dict[str, str]:
    """A table with a column per hazard (| 响应级别 | 非洲猪瘟 | 高致病性禽流感 | 其他一类动物疫病 |): each criteria column's
    hazard; a column of the other hazards (「其他…」) keeps its header, which no report names as its own hazard, and
    a column of no hazard (「因灾人员伤亡」) grades every one."""
    columns = table.criteria_columns()
    named = {c: h for c in columns if (h := hazard_of(c))}
    if len(set(named.values())) < 2:  # (| 减供负荷 | 停电用户 |: two measures of one hazard)
        return {}
    named.update({c: re.sub(r"\s+", "", c) for c in columns if c not in named and re.match(r"\s*其[他它]", c)})
    return named


def decider_cell(table: Table, row: TableRow) -> str:
    """Who decides the row's level; in a table of deciders by kind of event, each kind's
    (「检疫性有害生物、外来入侵物种：县农业农村局局长；迁飞性…：县农业农村局分管副局长」)."""
    if table.deciders:
        level = table.column(_LEVEL_COLUMN)
        named = [(head, cell) for head, cell in row.cells.items() if head != level and cell.strip()]
        return named[0][1] if len({c for _, c in named}) == 1 else "；".join(f"{h}：{c}" for h, c in named)
    column = table.column(_DECIDER_COLUMN)
    return row.cells.get(column, "") if column and column != table.column(_CRITERIA_COLUMN) else ""


def names_level(cell: str) -> bool:
    return bool(_LEVEL_CELL.search(cell))


def hazard_family(word: str) -> str | None:
    """The family a hazard word belongs to: 热带风暴 → 台风, 山火 → 森林火灾."""
    return next((family for family, words in HAZARDS.items() if word in words), None)


def hazards_in(text: str) -> set[str]:
    """Every hazard family text names."""
    found = set()
    for m in _HAZARD_WORD.finditer(text):
        if m[0] == "大风" and text[max(0, m.start() - 1) : m.start()] == "最":
            continue  # 「最大风力15级」 is a wind speed, not a gale
        if m[0] == "雾" and (text[max(0, m.start() - 1):m.start()] in _NOT_FOG_BEFORE
                             or text[m.end():m.end() + 1] in _NOT_FOG_AFTER):
            continue  # 「液氨泄漏，白雾往东南方向飘」「烟雾」「喷雾」: a vapour, not fog
        if m[0] in _ANY_FIRE and not _WILDLAND.search(text):
            continue  # 「批发市场夜里起火」「仓库火灾，过火面积约4000平方米」: a building's fire, not a forest's
        if family := hazard_family(m[0]):
            found.add(family)
    return found


# a hazard plans grade with its kin (「表 3 寒潮和低温」) or apart from it (「寒潮：…」 beside 「低温：…」)
KIN = {"低温": "寒潮"}


def hazard_of(title: str) -> str | None:
    """The one hazard a heading or annex title is about (「附件2 台风灾害应急响应启动条件」 → 台风, 「表 3 寒潮和低温」
    → 寒潮), or None when it names none or several."""
    found = {KIN.get(h, h) for h in hazards_in(title)}
    return found.pop() if len(found) == 1 else None


def hazard_prefix(text: str) -> str | None:
    """「台风：预计未来48小时…」 → 台风."""
    m = _HAZARD_PREFIX.match(text)
    if not m:
        return None
    found = hazards_in(m["h"])  # 「海上大风：」 → 大风
    return found.pop() if len(found) == 1 else None
