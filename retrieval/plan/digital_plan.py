"""The digital plan: a contingency plan's response chapter read as a program that an incident runs.

`parse_digital_plan` walks a plan's chunks section by section and assembles its `DigitalPlan`: response levels
(Ⅰ–Ⅳ with their grading conditions from prose, lists or tables, the thresholds those conditions state, the
hazard a criterion is for, and who decides), measures (phase, action, 牵头/配合 units, time limit) and report
rules (what goes to whom by when), each item keeping the chunk it came from so that answers can cite. The rules
are about the language of Chinese plans (以上/超过, 出现下列情况之一者, 牵头单位, 30分钟内), never about one
document. The package, layer by layer: `models` (the data model); `phrases`, `thresholds`, `units` (numbers,
quantities, thresholds, organisations, time limits), `counts` (how many places a figure is for); `items`,
`levels`, `tables`, `grading`, `grading_tables` (list items, level mentions, grading tables and hazards, levels
from lists, tables and 「Ⅳ级：…」 lines); `measures` (measures, report rules); `facts` (an incident report read
into values), `qualitative` (criteria met as conditions), `decision` (the level the facts call
for), `declared` (a level the report says was started), `nearest` (what could still change it) and `duties`
(what a checklist at that level holds, and when each item is due). Page furniture is dropped first
(`retrieval.cleanup`). Everything after an annex title belongs to that annex, read by hazard (「一、台风」)
when it is cut into hazard blocks. This module re-exports the public names callers use.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from retrieval.cleanup import drop_furniture
from retrieval.models import Chunk
from retrieval.plan.aliases import level_aliases, own_label, with_aliases
from retrieval.plan.annex_lists import read_annex_lists
from retrieval.plan.circumstances import read_circumstances, read_marked
from retrieval.plan.codes import read_codes, with_codes
from retrieval.plan.definitions import (
    DEFINITIONS_HEADING,
    read_definition_rows,
    read_definitions,
    with_definitions,
)
from retrieval.plan.duty_tables import duty_header, duty_measures
from retrieval.plan.exclusions import read_exclusions
from retrieval.plan.grading import LevelReader
from retrieval.plan.items import CHINESE_ITEM_MARK, is_item
from retrieval.plan.levels import find_level_mentions, heading_context
from retrieval.plan.measures import (
    marked_levels,
    noted_levels,
    paragraph_levels,
    ranged_levels,
    read_measures,
    read_report_rules,
    stage_levels,
)
from retrieval.plan.models import (
    Comparator,
    Condition,
    DigitalPlan,
    Ladder,
    Measure,
    Mode,
    Phase,
    ReportRule,
    ResponseLevel,
    Threshold,
    Trigger,
)
from retrieval.plan.phrases import DEAD_OR_MISSING, canonical_quantity, plan_text
from retrieval.plan.raises import raise_triggers
from retrieval.plan.season import IN_SEASON, read_season
from retrieval.plan.shares import read_share_bases
from retrieval.plan.stations import read_station_rivers, read_station_table
from retrieval.plan.subjects import with_distinct_subjects
from retrieval.plan.symbols import read_symbols, with_formulas
from retrieval.plan.tables import find_tables, hazard_of
from retrieval.plan.thresholds import parse_thresholds
from retrieval.plan.uncounted import uncounted_people
from retrieval.plan.units import find_time_limit, responsible_units
from retrieval.plan.works import read_works_classes
from retrieval.structure import is_toc_line

__all__ = [
    "Comparator",
    "Condition",
    "DigitalPlan",
    "Ladder",
    "Measure",
    "Mode",
    "Phase",
    "ReportRule",
    "ResponseLevel",
    "Threshold",
    "Trigger",
    "canonical_quantity",
    "find_level_mentions",
    "find_time_limit",
    "parse_digital_plan",
    "parse_thresholds",
    "plan_text",
    "responsible_units",
]

# 「“以下”不含本数」, 「“以下”“不足”不含本数」, 「“以下”、“不足”均不包括本数」
_BELOW_EXCLUSIVE = re.compile(
    r"[“\"「]?以下[”\"」]?(?:[、，,]?[“\"「][\u4e00-\u9fa5]{1,3}[”\"」])*\s*(?:均)?不(?:含|包括|包含)本数"
)


def _engine_fingerprint() -> str:
    """A fingerprint of the plan engine's code: a stored plan read by other code is stale."""
    digest = hashlib.sha1()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


ENGINE = _engine_fingerprint()


# the ways a plan assigns its measures to levels apart from their sections' headings, applied in this order
_LEVEL_PASSES = (stage_levels, ranged_levels, marked_levels, noted_levels, paragraph_levels)


def _with_levels(measures: list[Measure], full_text: str) -> list[Measure]:
    for assign in _LEVEL_PASSES:
        measures = assign(measures, full_text)
    return measures


def parse_digital_plan(doc_id: str, title: str, chunks: list[Chunk]) -> DigitalPlan:
    """Read a plan's chunks (in document order) into its digital plan."""
    aliases = level_aliases("\n".join(c.text for c in chunks))  # 「甲级…丁级」「一号…四号」 read as Ⅰ…Ⅳ级
    chunks = [with_aliases(c, aliases) for c in chunks]
    reader = LevelReader(below_exclusive=any(_BELOW_EXCLUSIVE.search(c.text) for c in chunks))
    measures: list[Measure] = []
    report_rules: list[ReportRule] = []
    # The annex being read (its title, and the headings it opened under): everything after an annex title that
    # the structure parser left in a body belongs to that annex, whatever headings follow.
    annex: tuple[str, list[str]] | None = None
    scope: list[str] = []
    exclusions: list[Trigger] = []
    definitions: dict[str, str] = {}
    articles = _ArticleTitles()
    for chunk in chunks:
        for raw_headings, text, locator in _segments(chunk):
            headings = articles.titled(raw_headings, text)
            if any("适用范围" in h for h in headings):
                scope.append(text)
            exclusions.extend(read_exclusions(text, chunk.chunk_id, locator))
            if headings and DEFINITIONS_HEADING.search(headings[-1]):
                definitions.update(read_definitions(text))
            if _ANNEX_HEADING.match(headings[0] if headings else ""):
                annex = None
            body = _table_rows(drop_furniture(_cards_as_table(text), title))
            # the text before the first section (an issuing notice, a table of contents naming 「附件1 …」) opens no annex
            parts = _annex_parts(headings, body) if headings else [(headings, body)]
            for headings_, part in parts:
                if headings_ is not headings:
                    annex = (headings_[0], headings)
                elif annex is not None:
                    headings_ = [annex[0], *headings[_common_prefix(headings, annex[1]):]]
                _read_part(reader, chunk, headings_, part, locator, measures, report_rules)
    levels = reader.response_levels()
    for level in levels:
        level.label = own_label(level.label, aliases)
    if any(_DEATHS_COUNT_MISSING.search(plan_text(c.text).norm) for c in chunks):
        _count_missing_with_deaths(levels)
    _settle_claimed_bounds(levels)
    full_text = "\n".join(c.text for c in chunks)
    # a term its 术语 section defines wins over a table row of the same name
    with_definitions(levels, read_definition_rows(full_text) | definitions, reader.below_exclusive)
    with_formulas(levels, read_symbols(full_text), reader.below_exclusive)
    with_codes(levels, read_codes(full_text), reader.below_exclusive)
    with_distinct_subjects(levels)
    # a list's heading is often its section's (「一、敏感时期」「附件2 本市…疫区名单」), not a line of the text
    headed_text = "\n".join(f"{(c.heading_path or [''])[-1]}\n{c.text}" for c in chunks)
    season = read_season(full_text)
    if season is None:  # 「处于汛期运行」 of a plan that dates no season is left to the words
        _drop_thresholds(levels, IN_SEASON)
    return DigitalPlan(
        doc_id=doc_id,
        title=title,
        levels=levels,
        measures=_with_levels(measures, full_text),
        report_rules=report_rules,
        # read from the whole text: a station table's header may end one chunk and its rows begin the next
        stations=read_station_table(full_text),
        station_rivers=read_station_rivers(full_text),
        works=read_works_classes(full_text),
        share_bases=read_share_bases(levels, full_text),
        circumstances=read_circumstances(headed_text) | read_marked(full_text)
        | read_annex_lists(headed_text, [t.text for level in levels for t in level.triggers]),
        scope="\n".join(scope),
        raises=[t for c in chunks for t in raise_triggers(c, reader.below_exclusive)],
        exclusions=exclusions,
        flood_season=season,
        level_names=aliases,
        uncounted=uncounted_people(full_text),
        engine=ENGINE,
    )


def _drop_thresholds(levels: list[ResponseLevel], quantity: str) -> None:
    for level in levels:
        for trigger in level.triggers:
            trigger.thresholds = [t for t in trigger.thresholds if t.quantity != quantity]


# 「本预案中“死亡”人数含失踪人数」「死亡人数包括失联人员」: the plan's own definition makes every 死亡 criterion count
# the missing too.
_DEATHS_COUNT_MISSING = re.compile(r"[“\"「]?死亡[”\"」]?(?:人数)?(?:均)?(?:含|包括|包含)(?:了)?(?:失踪|失联)")


def _count_missing_with_deaths(levels: list[ResponseLevel]) -> None:
    for level in levels:
        for trigger in level.triggers:
            for threshold in trigger.thresholds:
                if threshold.quantity == "死亡":
                    threshold.quantity = DEAD_OR_MISSING


_CLAIMS_BOUND = re.compile(r"[（(]\s*含\s*[\d零〇一二两三四五六七八九十]")  # 「（含0.4万）」: a bound the text gives to this level by name


def _settle_claimed_bounds(levels: list[ResponseLevel]) -> None:
    """「笼罩面积达到0.2～0.4万（含0.4万）」 claims 0.4万 for Ⅲ级: Ⅱ级's 「0.4～0.7万」 then starts above it."""
    claimed = {(level.ladder, t.quantity, t.value) for level in levels for trigger in level.triggers
               if _CLAIMS_BOUND.search(trigger.text) for t in trigger.thresholds if t.comparator is Comparator.LE}
    for level in levels:
        for trigger in level.triggers:
            for t in trigger.thresholds:
                if t.comparator is Comparator.GE and (level.ladder, t.quantity, t.value) in claimed:
                    t.comparator = Comparator.GT


_HTML_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)


def _table_rows(text: str) -> str:
    """HTML tables left in the text (mid-line, or over several lines) become rows of 「 | 」-joined cells, the
    form the loaders give a table, so that grading tables are read the same way wherever they sit."""
    if "<table" not in text.lower():
        return text
    from retrieval.loaders.html import html_blocks

    def rows(m: re.Match[str]) -> str:
        if not re.search(r"<t[rd]\b", m[0], re.IGNORECASE):  # rows already converted, only the tags are left
            return re.sub(r"</?table[^>]*>", "\n", m[0], flags=re.IGNORECASE)
        return "\n" + "\n".join(b.text for b in html_blocks(m[0])) + "\n"

    return _HTML_TABLE.sub(rows, text)


# 「附件2 台风灾害应急响应启动条件」 as a whole line, or 「附件1」 alone with the title on the next short line, or a
# plan's one 「附件」 alone on its line; not a hard-wrapped body line that starts with a reference (「附件 2）。（4）…」)
_ANNEX_LINE = re.compile(
    r"^[ \t]*(?:附件|附录)[ \t]*(?:[\d一二三四五六七八九十]+[ \t]*[：:]?[ \t]*"
    r"(?:[\u4e00-\u9fa5A-Za-z][^\n。；，,）)]{1,38}|\n[ \t]*[\u4e00-\u9fa5][^\n。；，,]{1,29})?)?[ \t]*$",
    re.MULTILINE,
)
_ANNEX_HEADING = re.compile(r"^\s*(?:附件|附录)")


# 「【判据卡 1】 / 级别：丁级 / 判据：… / 数据来源：…」: a criteria card, one criterion of one level (a plan's own level
# names already read as the scale's, `aliases`)
_CARD = re.compile(r"^(?:[ \t]*【[^】\n]{1,16}】[ \t]*\n)?[ \t]*(?:响应)?级别\s*[：:]\s*(?P<level>(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ)\s*级)(?:响应)?"
                   r"[ \t]*\n[ \t]*(?:判据|启动条件|条件|标准)\s*[：:]\s*(?P<criterion>[^\n]+?)[ \t]*"
                   # (the source may run on at the end of a chunk: 「…建成区数据来源：县水利局现场核定」)
                   r"(?:\n?[ \t]*(?:数据来源|来源)\s*[：:][^\n]*)?(?:\n|$)", re.MULTILINE)


def _cards_as_table(text: str) -> str:
    """Runs of criteria cards read as a grading table, in the rows the loaders give a table (a row per card: its
    level, its criterion)."""
    out, at, open_run = [], 0, False
    for m in _CARD.finditer(text):
        between = text[at:m.start()]
        if not (open_run and not between.strip()):
            out.append(f"{between}\n响应级别 | 启动条件\n")
        out.append(f"{m['level']}响应 | {m['criterion'].strip()}\n")
        at, open_run = m.end(), True
    return "".join(out) + text[at:] if out else text


def _common_prefix(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _annex_parts(headings: list[str], text: str) -> list[tuple[list[str], str]]:
    """A section cut again where an annex title line starts inside it (「附件2 台风灾害应急响应启动条件」 that
    the structure parser left in the body): each rest reads under its annex title."""
    # (not 「附件1 ……… 13」 in a table of contents)
    found = [m for m in _ANNEX_LINE.finditer(text) if not is_toc_line(_line_at(text, m.start()))]
    if not found:
        return [(headings, text)]
    parts = [(headings, text[: found[0].start()])]
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        parts.append(([re.sub(r"\s+", " ", m[0].strip())], text[m.end() : end]))
    return parts


_HAZARD_BLOCK = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?P<title>[^\n，。；：:]{1,24})\s*$", re.MULTILINE)


def _read_part(reader: LevelReader, chunk: Chunk, headings: list[str], text: str, locator: str,
               measures: list[Measure], report_rules: list[ReportRule]) -> None:
    """Grading tables first, then the prose without their lines: levels, measures, report rules. An annex
    cut into blocks by hazard lines (「一、台风」「二、暴雨」) or table captions (「表 2-1 台风（…）」) reads each
    block for its hazard."""
    joined = " ".join(headings)
    reader.in_appendix = bool(re.search(r"附件|附录", joined))
    hazard = hazard_of(joined) if reader.in_appendix else None
    if reader.in_appendix and reader.block_hazard and reader.block_hazard[0] == headings:
        hazard = hazard or reader.block_hazard[1]  # a block cut across chunks keeps its hazard
    if reader.in_appendix and _MEASURE_ANNEX.search(joined):
        _read_level_blocks(reader, chunk, headings, text, locator, measures, report_rules)
        return
    if not reader.in_appendix and (_level_captions(text) or (reader.block_level and reader.block_level[0] == headings)):
        # 「表5-2 Ⅲ级响应措施」 over each level's table of measures in one section
        _read_level_blocks(reader, chunk, headings, text, locator, measures, report_rules, _LEVEL_CAPTION)
        return
    blocks = sorted((b for pattern in (_HAZARD_BLOCK, _LEVEL_CAPTION) for b in pattern.finditer(text)
                     if hazard_of(b["title"])), key=lambda b: b.start()) if reader.in_appendix else []
    starts = [0, *(b.start() for b in blocks)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        reader.hazard = hazard_of(blocks[i - 1]["title"]) if i else hazard
        _read_block(reader, chunk, headings, text[start:end], locator, measures, report_rules)
    reader.block_hazard = (headings, reader.hazard) if reader.in_appendix else None


def _read_level_blocks(reader: LevelReader, chunk: Chunk, headings: list[str], text: str, locator: str,
                       measures: list[Measure], report_rules: list[ReportRule],
                       lines: re.Pattern[str] | None = None) -> None:
    """An annex of the levels' measures cut by level lines (「一、Ⅳ级响应」「二、Ⅲ级响应」), or a section cut by
    table captions (「表5-1 Ⅳ级响应措施」): each block read under its level, a block cut across chunks under the
    level it opened with."""
    blocks = [b for b in (lines or _HAZARD_BLOCK).finditer(text) if _names_response_level(b["title"])]
    carried = reader.block_level[1] if reader.block_level and reader.block_level[0] == headings else None
    starts = [0, *(b.end() for b in blocks)]
    titles = [carried, *(b["title"].strip() for b in blocks)]
    ends = [*(b.start() for b in blocks), len(text)]
    for start, end, title in zip(starts, ends, titles, strict=True):
        _read_block(reader, chunk, [*headings, title] if title else headings, text[start:end], locator, measures,
                    report_rules)
    reader.block_level = (headings, titles[-1]) if titles[-1] else None


# 「表5-2 Ⅲ级响应措施」: the caption of one level's table
_LEVEL_CAPTION = re.compile(r"^\s*表\s*[\dA-Z]+(?:\s*[-－—.．]\s*\d+)?\s*(?P<title>[^\n|]{2,30}?)\s*$", re.MULTILINE)


def _level_captions(text: str) -> bool:
    return any(_names_response_level(m["title"]) for m in _LEVEL_CAPTION.finditer(text))


def _names_response_level(title: str) -> bool:
    return any(m.ladder in (Ladder.RESPONSE, None) for m in find_level_mentions(title)) and "响应" in title


def _read_block(reader: LevelReader, chunk: Chunk, headings: list[str], text: str, locator: str,
                measures: list[Measure], report_rules: list[ReportRule]) -> None:
    ctx = heading_context(headings)
    carried = reader.open_table[1] if reader.open_table and reader.open_table[0] == headings else None
    tables = find_tables(text, carried)
    reader.open_table = (headings, tables[-1].header) if tables else None
    if tables:
        for table in tables:
            reader.read_table(ctx, table, chunk)
        lines = text.split("\n")
        text = "\n".join(line for i, line in enumerate(lines) if not any(i in t.lines for t in tables))
    # an annex of the levels' measures (「附件3 分级响应措施」) is read like the body's response sections
    measures_here = ctx.in_response and (not reader.in_appendix or bool(_MEASURE_ANNEX.search(" ".join(headings)))) \
        and not _criteria_section(headings)
    if measures_here:
        # a duty table a long section's earlier chunk opened: its rows here go under that header
        open_duty = reader.open_duty_table
        carried_duty = open_duty[1] if open_duty and open_duty[0] == headings else None
        if carried_duty and "|" in text.lstrip().split("\n", 1)[0]:
            text = f"{carried_duty}\n{text}"
        header = duty_header(text)
        reader.open_duty_table = (headings, header) if header else None
        duties, text = duty_measures(ctx, text, chunk, locator)
        measures.extend(duties)
    grading = reader.read_levels(ctx, text, chunk)
    if measures_here and not grading:
        reader.read_builds_on(ctx, text)
        measures.extend(read_measures(ctx, text, chunk, locator))
    report_rules.extend(read_report_rules(ctx, text, chunk, locator))


# a section of start criteria, and its parts (「5.2 启动条件 › 5.2.1 洪水」): their lines grade, they are no duties;
# a procedure under it (「4.1 响应分级与启动条件 › 4.1.5 响应启动程序」) holds duties
_CRITERIA_SECTION = re.compile(r"启动条件|启动标准|分级标准|响应分级\s*$|分级与启动|判定规则")
_PROCEDURE = re.compile(r"程序|措施|职责|任务|报告|通知|处置")


def _criteria_section(headings: list[str]) -> bool:
    leaf, parents = (headings[-1], headings[:-1]) if headings else ("", [])
    return bool(_CRITERIA_SECTION.search(leaf)) or (
        any(_CRITERIA_SECTION.search(h) for h in parents) and not _PROCEDURE.search(leaf))


_MEASURE_ANNEX = re.compile(r"(?:附件|附录)[^\n]{0,12}(?:响应|处置|应急)措施")


def _part_at(line: str, parts: list[str]) -> int | None:
    """Which part of a merged chunk a line opens: the part's title alone, or run into its text (「（二）一般食品安全事故
    （Ⅳ级）。有下列情形之一的：…」)."""
    for i, part in enumerate(parts):
        if line == part or (line.startswith(part) and line[len(part):len(part) + 1] in ("。", "：", ":")):
            return i
    return None


# 「第十九条　【Ⅳ级响应措施】」: an article's title in brackets at the start of its text, which names what the article is
# for as a heading would (in every chunk of the article: a long table runs on into the next)
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条$")
# (or a short lead-in ending in a colon, 「第二十二条　一级响应措施：」, or alone on the article's first line, 「第十九条　三级响应
# 措施」 above 「（一）基本措施」)
_ARTICLE_TITLE = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+条)?\s*(?:【(?P<title>[^】\n]{1,24})】"
                            r"|(?P<lead_in>[^，,。；;：:\n【]{2,16}?(?:措施|行动))(?:[：:]|[ \t　]*\n))")


class _ArticleTitles:
    def __init__(self) -> None:
        self.titles: dict[tuple[str, ...], str] = {}

    def titled(self, headings: list[str], text: str) -> list[str]:
        if not headings or not _ARTICLE.match(headings[-1].strip()):
            return headings
        if m := _ARTICLE_TITLE.match(text):
            self.titles[tuple(headings)] = m["title"] or m["lead_in"]
        title = self.titles.get(tuple(headings))
        return [*headings[:-1], f"{headings[-1].strip()} {title}"] if title else headings


def _segments(chunk: Chunk) -> list[tuple[list[str], str, str]]:
    """(heading path, text, locator) per section of a chunk; a merged chunk (「4.5.1 响应调整 / 4.5.2
    响应终止」) is cut again at the heading lines of its parts."""
    path = list(chunk.heading_path)
    parts = path[-1].split(" / ") if path else []
    locators = chunk.locator.split(" / ")
    if len(parts) < 2:
        return [(path, chunk.text, chunk.locator)]
    segments: list[tuple[list[str], list[str], str]] = []
    for line in chunk.text.split("\n"):
        if (i := _part_at(line.strip(), parts)) is not None:
            # A list item the structure parser took for a heading (「（一）划定警戒区，禁止无关人员进入；」) is
            # its own text: a sentence, not a title. A title run into its text (「（二）一般事故（Ⅳ级）。有下列情形之一
            # 的：…」) keeps the whole line.
            item = CHINESE_ITEM_MARK.sub("", parts[i])
            marked = is_item(item) or item != parts[i]
            if line.strip() != parts[i]:
                own = [line.strip()]
            else:
                own = [item] if re.search(r"[，,；;。]", item) or (marked and len(item) >= 8) else []
            segments.append(
                (path[:-1] + [parts[i]], own, locators[i] if len(locators) == len(parts) else chunk.locator)
            )
        elif segments:
            segments[-1][1].append(line)
        else:
            segments.append(
                (
                    path[:-1] + [parts[0]],
                    [line],
                    locators[0] if len(locators) == len(parts) else chunk.locator,
                )
            )
    return [(h, "\n".join(lines), loc) for h, lines, loc in segments if "".join(lines).strip()]
