"""Measures and report rules: what a plan's response sections tell whom to do, in which phase, by when.

`read_measures` turns the list items (or sentences) of a measures section into `Measure`s with their phase
(from the nearest specific heading, else the action's verbs), 牵头/配合 units and time limit;
`read_report_rules` reads reporting clauses (「30分钟内电话报告区防指办公室，1小时内书面报告」) into
`ReportRule`s with deadline and recipient.
"""

from __future__ import annotations

import re

from retrieval.models import Chunk
from retrieval.plan.items import (
    CHINESE_ITEM_MARK,
    COUNTED_ITEM,
    counted_items,
    is_item,
    sentences,
    split_items,
    strip_marker,
    up_to_finished_sentence,
)
from retrieval.plan.levels import ABOVE_LEVEL, BUILDS_ON, LEVEL_WORD, HeadingContext
from retrieval.plan.models import Ladder, Measure, Phase, ReportRule
from retrieval.plan.units import CONDITIONAL_CLAUSE, ORG_SUFFIX, find_time_limit, responsible_units
from retrieval.ranking.numerals import level_to_int

_GRADING_PROSE = re.compile(r"由低到高|由高到低|分为|划分为")
# Not actions: the back matter of an official document, and short labels (「干旱预警」「启动与调整」).
_NOT_ACTION = re.compile(r"^(?:抄送|主送|印发|审图号|附件|注[：:])|印发$|监制|^[^，,；;]{0,12}$")
# Not actions either: a table's caption (「表 5-1　分级应急响应措施」), and the plan's rules on its own measures
# (「四级响应执行 5.2 所列措施」「本章时限写明“接报后”的，自…起算」「按表 5-1 执行」「表中措施按工作类别排列」)
_SECTION_REF = r"(?:表\s*)?\d+(?:\s*[.．\-－—]\s*\d+)*"
_ABOUT_MEASURES = re.compile(
    rf"^表\s*[\d一二三四五六七八九十]+(?:[-－—.．]\d+)*\s*[^，,；;。：:]{{0,30}}$|^表中|^本(?:章|节)|^表\s*\d[^，,。]*所列"
    rf"|(?:执行|按)\s*{_SECTION_REF}(?:\s*[、和至]\s*{_SECTION_REF})*\s*(?:所列|执行)|栏所列"
)
_MEASURE_INTRO = re.compile(
    r"采取(?:下列|以下|如下)(?:应急)?(?:措施|行动)|(?:主要|响应)(?:措施|行动)(?:如下|包括)"
)
_REPORT_VERB = re.compile(
    r"(?<!接到)(?<!接)(?<!评估)(?<!调查)(?<!总结)(?<!专题)(?<!形成)(?:报告|报送|上报|续报|核报|补报|首报)"
    r"(?!内容|基本情况|后|人姓名|人的)"
)
_RECIPIENT_BEFORE = re.compile(
    r"向(?P<who>[^，。；]{2,60}?)(?:先电话后书面|电话|书面|口头|逐级|如实)?(?:报告|报送|上报|续报|核报)"
)
_RECIPIENT_AFTER = re.compile(r"(?:报告|报送|上报)(?P<who>[^，。；、并]{2,40}(?:、[^，。；、并]{2,20})*)")
_RECIPIENT_END = re.compile(r"(?:" + ORG_SUFFIX + r"|负责人|领导|同志)$")
_ROLE_TAIL = re.compile(r"\s*(?:牵头|配合|协助)(?:单位|部门)[：:].*$", re.DOTALL)


def read_measures(ctx: HeadingContext, text: str, chunk: Chunk, locator: str) -> list[Measure]:
    """The measures of one section: its actions with their level, phase, units and time limit."""
    level = ctx.mention.level if ctx.mention and ctx.ladder is Ladder.RESPONSE else None
    also = sorted({m.level for m in ctx.mentions} - {level}) if level is not None else []
    if level is None and ctx.headings and (up := ABOVE_LEVEL.search(ctx.headings[-1])):
        level = level_to_int(up["n"])  # a heading 「2．Ⅲ级以上响应增加」: that level and the graver ones
        also = list(range(1, level))
    measures: list[Measure] = []
    if level is None and (labelled := _level_lines(text)):
        actions = labelled
    else:
        actions = [(a, None, None, None) for a in _actions(text)] if level is not None \
            else _noted_clauses(_actions(text))
    for action, clause_level, clause_also, unit in actions:
        # a section's last item without the next part's heading and text it would run into (「…宣布终止响应。⏎第五部分…」)
        action = up_to_finished_sentence(action, "。！？!?")
        lead, support = responsible_units(f"{unit}：{action}" if unit else action)
        above = ABOVE_LEVEL.search(action)
        if clause_also is not None:  # the clause's own level note
            measure_level, measure_also = clause_level, clause_also
        else:
            measure_level = level if level is not None else (level_to_int(above["n"]) if above else None)
            measure_also = also
        measures.append(
            Measure(
                level=measure_level,
                also_levels=measure_also,
                phase=_phase(ctx.headings, action),
                action=_without_roles(action),
                lead_units=lead,
                support_units=support,
                time_limit=find_time_limit(action),
                chunk_id=chunk.chunk_id,
                locator=locator,
            )
        )
    return measures


# a level note on one clause of a unit's tasks: 「（Ⅲ级以上响应时）调集…」「启动Ⅱ级响应后，…」 from that level up,
# 「Ⅳ级响应期间派员…」「一级响应时实行封山管理」 at that level only
_FROM_LEVEL_NOTE = re.compile(rf"[（(]?\s*(?:启动)?(?P<n>{LEVEL_WORD})\s*级(?:及以上|以上)(?:应急)?响应(?:时|后|期间)?\s*[）)]?[，,]?"
                              rf"|启动(?P<m>{LEVEL_WORD})\s*级(?:应急)?响应后[，,]?")
_AT_LEVEL_NOTE = re.compile(rf"[（(]?\s*(?P<n>{LEVEL_WORD})\s*级(?:应急)?响应(?:时|期间)\s*[）)]?[，,]?")
_UNIT_PREFIX = re.compile(r"^(?P<unit>[^：:；。]{2,30})[：:]")
_ONLY_MARKER = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])?\s*")


# 「Ⅳ级：县森防办主任主持会商…」「Ⅱ级、Ⅰ级：商请市森防指…」「Ⅲ级：同Ⅳ级。」: one line of duties per level under a topic
_LEVEL_LINE = re.compile(rf"^\s*(?P<levels>{LEVEL_WORD}\s*级(?:\s*[、和及]\s*{LEVEL_WORD}\s*级)*)(?:应急)?(?:响应)?[：:]\s*")
_SAME_AS = re.compile(rf"^同(?P<n>{LEVEL_WORD})\s*级[，,。；;]?(?:并|另|同时)?[，,]?")


def _level_lines(text: str) -> list[tuple[str, int | None, list[int] | None, str | None]]:
    """The duties of lines labelled by level (a line without a label goes on the one before), each line's duties cut
    at 「；」; 「同Ⅳ级」 takes the duties the latest 「Ⅳ级：」 line listed (of the same topic, which comes just before).
    [] when fewer than two lines are labelled."""
    lines: list[tuple[list[int], str]] = []
    for line in text.splitlines():
        if m := _LEVEL_LINE.match(line):
            lines.append(([level_to_int(n) for n in re.findall(LEVEL_WORD, m["levels"])], line[m.end():].strip()))
        elif lines and line.strip() and not _ONLY_MARKER.fullmatch(line) and not CHINESE_ITEM_MARK.match(line):
            lines[-1] = (lines[-1][0], lines[-1][1] + line.strip())
    if len(lines) < 2:
        return []
    latest: dict[int, list[str]] = {}
    out: list[tuple[str, int | None, list[int] | None, str | None]] = []
    for levels, body in lines:
        duties: list[str] = []
        if m := _SAME_AS.match(body):
            duties += latest.get(level_to_int(m["n"]), [])
            body = body[m.end():]
        duties += [d.strip().rstrip("。") for d in re.split(r"[；;]", body) if len(d.strip(" 。")) >= 4]
        for n in levels:
            latest[n] = duties
        out += [(duty, levels[0], levels[1:], None) for duty in duties]
    return out


def _noted_clauses(actions: list[str]) -> list[tuple[str, int | None, list[int] | None, str | None]]:
    """The clauses of every action with their level notes (`_level_clauses`); an action that goes on from one whose
    last clause had a note and ended with 「；」 (a paragraph broken by a line or a page: 「（三）三级响应时，…；」 then
    「调派市级专业救援队伍；…；每4小时报告一次。」) keeps that note."""
    out: list[tuple[str, int | None, list[int] | None, str | None]] = []
    carried: tuple[int | None, list[int] | None] | None = None
    for action in actions:
        clauses = _level_clauses(action)
        if carried is not None and not is_item(action) and all(c[2] is None and c[1] is None for c in clauses):
            clauses = [(text, *carried, unit) for text, _, _, unit in clauses]
        out += clauses
        last = clauses[-1]
        carried = (last[1], last[2]) if last[1] is not None and action.rstrip().endswith(("；", ";")) else None
    return out


def _level_clauses(action: str) -> list[tuple[str, int | None, list[int] | None, str | None]]:
    """A unit's tasks whose clauses (between 「；」) carry level notes of their own, one measure per clause, verbatim,
    with the unit that leads them all: 「县应急管理局：调派…；（Ⅲ级以上响应时）调集…」 → (调派…, every level),
    (（Ⅲ级以上响应时）调集…, Ⅲ and up). The whole action with no level of its own when no clause carries a note."""
    clauses = [c for c in re.split(r"[；;]", action) if c.strip(" 。")]
    if not any(_FROM_LEVEL_NOTE.search(c) or _AT_LEVEL_NOTE.search(c) for c in clauses):
        return [(action, None, None, None)]
    unit = _UNIT_PREFIX.match(clauses[0])
    out: list[tuple[str, int | None, list[int] | None, str | None]] = []
    opening: tuple[int | None, list[int]] | None = None  # 「（三）三级响应时，…；…；…」: a note that opens the item
    for i, clause in enumerate(clauses):
        text = clause.strip().rstrip("。")
        if i == 0 and unit:
            text = text[unit.end():].strip()
        if m := _FROM_LEVEL_NOTE.search(text):
            n = level_to_int(m["n"] or m["m"])
            level, also = n, list(range(1, n or 1))
        elif m := _AT_LEVEL_NOTE.search(text):
            level, also = level_to_int(m["n"]), []
        elif opening is not None:
            level, also = opening
        else:
            level, also = None, []
        if i == 0 and m and _ONLY_MARKER.fullmatch(text[:m.start()]):
            opening = (level, also)  # the note comes first: it scopes every clause of the item
        if text.strip():
            out.append((text, level, also, unit["unit"] if unit else None))
    return out


# 「扩大响应阶段只在启动三级以上响应时执行」: a stage's measures hold from that level up.
_STAGE_FROM_LEVEL = re.compile(
    rf"(?P<stage>[\u4e00-\u9fa5]{{2,8}})阶段[^。；]{{0,6}}?(?:只|仅)(?:在|于|适用于)?[^。；]{{0,6}}?"
    rf"(?P<n>{LEVEL_WORD})\s*级(?:及)?以上(?:应急)?响应"
)


def stage_levels(measures: list[Measure], plan_text: str) -> list[Measure]:
    """Measures of a stage the plan reserves to a level and above (the stage's section heading ends with its
    name, 「（二）扩大响应」) belong to those levels instead of every level."""
    stages = {m["stage"]: level_to_int(m["n"]) for m in _STAGE_FROM_LEVEL.finditer(plan_text)}
    stages = {stage: n for stage, n in stages.items() if n}
    if not stages:
        return measures
    out = []
    for measure in measures:
        section = measure.locator.rsplit(" ", 1)[-1]
        n = next((n for stage, n in stages.items() if measure.level is None and section.endswith(stage)), None)
        out.append(measure if n is None else measure.model_copy(update={"level": n, "also_levels": list(range(1, n))}))
    return out


# 「Ⅳ级应急响应执行第 1 项至第 8 项」: one numbered list of measures, each level executing a range of its items
_ITEM_RANGE = re.compile(rf"(?P<n>{LEVEL_WORD})\s*级(?:应急)?响应(?:执行|实施|采取)(?:本章[^第]{{0,8}})?"
                         r"第\s*(?P<a>\d[\d\s]{0,3}?)\s*项至第\s*(?P<b>\d[\d\s]{0,3}?)\s*项")


def ranged_levels(measures: list[Measure], plan_text: str) -> list[Measure]:
    """Measures of a list whose items the plan assigns to levels by number (「Ⅳ级应急响应执行第 1 项至第 8 项；
    Ⅲ级…第 1 项至第 1 5 项」) belong to the levels whose range holds their number; the sentences that state the
    ranges are rules, not duties."""
    ranges = {level_to_int(m["n"]): (_number(m["a"]), _number(m["b"])) for m in _ITEM_RANGE.finditer(plan_text)}
    ranges = {level: span for level, span in ranges.items() if level}
    if len(ranges) < 2:
        return measures
    numbers = {id(m): _item_number(m.action, plan_text) for m in measures if m.level is None}
    last = max(b for _, b in ranges.values())
    listed = {m.locator for m in measures if numbers.get(id(m)) == last}  # the list the ranges number
    rules = {m.locator for m in measures if _ITEM_RANGE.search(m.action)}
    out = []
    for measure in measures:
        if measure.locator in rules:
            continue
        n = numbers.get(id(measure)) if measure.locator in listed else None
        levels = sorted((level for level, (a, b) in ranges.items() if n is not None and a <= n <= b), reverse=True)
        out.append(measure.model_copy(update={"level": levels[0], "also_levels": levels[1:]}) if levels else measure)
    return out


# 「“○”表示Ⅳ级以上各级均执行，“△”表示Ⅲ级以上执行……“☆”表示仅在Ⅰ级响应时执行」: a legend of marks set before
# measures, each the lowest level that executes the measure
_MARK_LEGEND = re.compile(rf"[“\"「](?P<mark>[^”\"」\s]{{1,2}})[”\"」]\s*表示\s*(?:仅在)?\s*(?P<n>{LEVEL_WORD})\s*级")


def marked_levels(measures: list[Measure], plan_text: str) -> list[Measure]:
    """Measures whose line opens with a mark the plan's legend gives a lowest level (「○ 1．区指挥部办公室实行24小时
    值守」 with 「“○”表示Ⅳ级以上各级均执行」) belong to that level and the graver ones."""
    marks = {m["mark"]: n for m in _MARK_LEGEND.finditer(plan_text) if (n := level_to_int(m["n"]))}
    if len(marks) < 2:
        return measures
    opening = re.compile(r"^\s*(?P<mark>" + "|".join(map(re.escape, marks)) + r")\s*")
    out = []
    for measure in measures:
        found = opening.match(measure.action) if measure.level is None else None
        if found is None:
            out.append(measure)
            continue
        n = marks[found["mark"]]
        out.append(measure.model_copy(update={"level": n, "also_levels": list(range(1, n)),
                                              "action": measure.action[found.end():]}))
    return out


# 「级别说明：四级响应不执行本节第（3）至（7）项；三级响应不执行第（5）至（7）项」: a section written for the gravest
# level, each milder level leaving out the items it names
_LEVEL_NOTE = re.compile(r"级别说明\s*[：:](?P<note>[^。#]*)")
_LEFT_OUT = re.compile(rf"(?P<levels>(?:{LEVEL_WORD}级[、和及]?)+)(?:应急)?响应(?:均)?不(?:执行|实施|采取)(?:本节)?"
                       r"(?P<items>(?:第?[（(]\d+[)）](?:[至到、和及])?)+)项?")
_SECTION_START = re.compile(r"\n\s*(?:#|\d+(?:\.\d+)+\s|第[一二三四五六七八九十]+[章节])")
_ALL_LEVELS = (1, 2, 3, 4)


def noted_levels(measures: list[Measure], plan_text: str) -> list[Measure]:
    """Measures of a section whose 「级别说明」 names the milder levels that leave them out belong to the levels that
    do not (「（5）调派市消防救援支队…」 with 「四级响应不执行本节第（5）项」: Ⅰ–Ⅲ级); the note is no duty."""
    if "级别说明" not in plan_text:
        return measures
    out = []
    for measure in measures:
        if _LEVEL_NOTE.match(measure.action.strip()):
            continue
        found = re.search(r"[（(]\s*(\d{1,2})\s*[)）]\s*" + re.escape(measure.action[:10]), plan_text) \
            if measure.level is None else None
        left_out = _left_out_at(plan_text, found.end(), int(found[1])) if found else set()
        levels = [n for n in _ALL_LEVELS if n not in left_out]
        out.append(measure.model_copy(update={"level": levels[-1], "also_levels": levels[:-1]})
                   if left_out and levels else measure)
    return out


def _left_out_at(plan_text: str, at: int, item: int) -> set[int]:
    """The levels whose note, in the section that goes on at `at`, leaves out item number `item`."""
    section_end = m.start() if (m := _SECTION_START.search(plan_text, at)) else len(plan_text)
    note = _LEVEL_NOTE.search(plan_text, at, section_end)
    if note is None:
        return set()
    levels: set[int] = set()
    for m in _LEFT_OUT.finditer(re.sub(r"\s", "", note["note"])):
        numbers = [int(n) for n in re.findall(r"\d+", m["items"])]
        spans = re.findall(r"(\d+)[)）][至到][（(](\d+)", m["items"])
        named = set(numbers) | {n for a, b in spans for n in range(int(a), int(b) + 1)}
        if item in named:
            levels |= {level_to_int(n) for n in re.findall(LEVEL_WORD, m["levels"])}
    return levels - {None}


# 「| Ⅲ级 | Ⅳ级所列段落（5.1.4 除外），以及 5.1.5，5.2.3 |」: a table row naming the numbered paragraphs a level carries out
_PARAGRAPH_ROW = re.compile(rf"^\s*\|?\s*(?P<n>{LEVEL_WORD})\s*级(?:响应)?\s*\|\s*(?P<spec>[^|\n]*\d+\.\d+\.\d+[^|\n]*?)\s*\|?\s*$",
                            re.MULTILINE)
_PARAGRAPH_ID = re.compile(r"^\s*(?P<id>\d+\.\d+\.\d+)[\s\u3000]")
_ID = r"\d+(?:\.\d+)+"


def paragraph_levels(measures: list[Measure], plan_text: str) -> list[Measure]:
    """Measures written as numbered paragraphs (「5.1.5　区应急管理局主要负责同志…」) that a table assigns to levels by
    number (「| Ⅳ级 | 5.1.1～5.1.4，5.2.1 |」「| Ⅲ级 | Ⅳ级所列段落（5.1.4 除外），以及 5.1.5 |」「| Ⅰ级 | 本章 5.1 至 5.4 全部
    段落 |」) belong to the levels whose row holds their number; the table's rows and the bracketed unit lines are
    no duties."""
    rows = {n: m["spec"] for m in _PARAGRAPH_ROW.finditer(plan_text) if (n := level_to_int(m["n"]))}
    if len(rows) < 2:
        return measures
    ids = [m["id"] for measure in measures if (m := _PARAGRAPH_ID.match(measure.action))]
    held = _paragraphs_by_level(rows, ids)
    out = []
    for measure in measures:
        if _PARAGRAPH_ROW.match(measure.action) or re.fullmatch(r"\s*[（(][^（）()]*(?:[（(][^（）()]*[)）][^（）()]*)*[)）]\s*", measure.action):
            continue
        found = _PARAGRAPH_ID.match(measure.action)
        levels = sorted((n for n, kept in held.items() if found and found["id"] in kept), reverse=True)
        out.append(measure.model_copy(update={"level": levels[0], "also_levels": levels[1:]}) if levels else measure)
    return out


def _paragraphs_by_level(rows: dict[int, str], ids: list[str]) -> dict[int, set[str]]:
    """Each level's paragraph numbers, a row that names another level's (「Ⅳ级所列段落」) read after that one."""
    held: dict[int, set[str]] = {}
    for _ in range(len(rows)):
        for n, spec in rows.items():
            if n in held:
                continue
            base = [level_to_int(m) for m in re.findall(rf"({LEVEL_WORD})\s*级所列", spec)]
            if any(b not in held for b in base):
                continue
            excluded = {i for part in re.findall(r"[（(]([^（）()]*)除外[)）]", spec) for i in re.findall(_ID, part)}
            named = set().union(*(held[b] for b in base)) if base else set()
            rest = re.sub(r"[（(][^（）()]*除外[)）]", "", spec)
            for a, b in re.findall(rf"({_ID})\s*(?:～|~|至|-|—)\s*({_ID})", rest):
                named |= {i for i in ids if _between(i, a, b)}
            named |= {i for i in re.findall(_ID, rest) if i in ids}
            held[n] = named - excluded
    return held


def _between(paragraph: str, first: str, last: str) -> bool:
    """「5.2.3」 lies within 「5.1.1～5.1.4」? no; within 「5.1 至 5.4」 (whole sections)? yes."""
    key = [int(x) for x in paragraph.split(".")]
    low, high = [int(x) for x in first.split(".")], [int(x) for x in last.split(".")]
    return low <= key[:len(low)] and key[:len(high)] <= high


def _number(digits: str) -> int:
    return int(re.sub(r"\s", "", digits))


def _item_number(action: str, plan_text: str) -> int | None:
    """The number of the item 「12．县消防救援大队…」 that an action was read from."""
    m = re.search(r"(?:^|\n)\s*(\d{1,2})\s*[．.、]\s*" + re.escape(action[:12]), plan_text)
    return int(m[1]) if m else None


def read_report_rules(ctx: HeadingContext, text: str, chunk: Chunk, locator: str) -> list[ReportRule]:
    """Reporting clauses with a deadline and a recipient (in a report section, either suffices)."""
    report_section = any(re.search(r"报告|报送|续报", h) for h in ctx.headings[-2:])
    level = ctx.mention.level if ctx.mention and ctx.ladder is Ladder.RESPONSE else None
    rules: list[ReportRule] = []
    for item in split_items(text):
        for sentence in sentences(strip_marker(item) if is_item(item) else item):
            recipient: str | None = None
            for segment in re.split(r"[；;]", sentence):
                clauses = _report_clauses(segment, recipient)
                recipient = clauses[-1][2] if clauses else recipient
                for rule_text, deadline, recipient_ in clauses:
                    if (deadline and recipient_) or (report_section and (deadline or recipient_)):
                        rules.append(
                            ReportRule(
                                text=rule_text,
                                level=level,
                                deadline=deadline,
                                recipient=recipient_,
                                chunk_id=chunk.chunk_id,
                                locator=locator,
                            )
                        )
    return rules


def _without_roles(action: str) -> str:
    return _ROLE_TAIL.sub("", strip_marker(action) if is_item(action) else action.strip()).strip()


def _actions(text: str) -> list[str]:
    """List items, or else sentences, of a measures section; intros (「采取下列措施：」) are skipped, and the duties an
    intro lists inline after its colon (「…主要采取以下措施：设立现场指挥部；开设野战医疗点；…」) are actions, short
    as they are."""
    actions: list[tuple[str, bool]] = []  # (action, listed inline by an intro)
    # 「采取以下行动：一是市防办主任主持会商…；二是\n市水利局派出技术专家组…」
    if len(COUNTED_ITEM.findall(text)) >= 2:
        return [d for d in counted_items(text) if len(d) >= 4]
    for piece in split_items(text):
        if is_item(piece):
            actions.append((piece.strip(), False))
            continue
        for sentence in sentences(piece):
            if (intro := _MEASURE_INTRO.search(sentence)) and (colon := re.search(r"[：:]", sentence[intro.end():])):
                rest = sentence[intro.end() + colon.end():]
                actions.extend((p.strip(), True) for p in re.split(r"[；;]", rest) if len(p.strip(" 。")) >= 4)
                continue
            skip = (
                sentence.endswith(("：", ":"))
                or _MEASURE_INTRO.search(sentence)
                or BUILDS_ON.search(sentence)
            )
            if not skip and not _GRADING_PROSE.search(sentence):
                actions.append((sentence, False))
    return [a for a, listed in actions
            if not _about_measures(_without_roles(a))
            and (listed or not _NOT_ACTION.search(_without_roles(a).rstrip("。")) or _short_duty(a))]


def _about_measures(action: str) -> bool:
    """Whether every sentence of an item is a rule on the plan's measures (「…终报。续报频次按5.6执行」 is a duty)."""
    return all(_ABOUT_MEASURES.search(s.strip()) for s in re.split(r"。", action) if s.strip())


def _short_duty(item: str) -> bool:
    """A short numbered item closed like a clause (「（2）成立前线指挥部；」) is a duty, not a label."""
    text = _without_roles(item)
    return is_item(item) and len(text) >= 5 and bool(re.search(r"[；;。]\s*$", item)) and not re.match(
        r"(?:抄送|主送|印发|附件|注[：:])", text)


def _phase(headings: list[str], action: str) -> Phase:
    """The phase named by the nearest specific heading, else by the action's verbs."""
    for heading in reversed(headings):
        if re.search(r"响应终止|终止|结束|解除", heading):
            return Phase.TERMINATION
        if re.search(r"信息报告|报告|报送|续报", heading):
            return Phase.REPORTING
        if re.search(r"启动程序|响应启动|启动与调整", heading):
            return Phase.ACTIVATION
        # 「红色预警（Ⅰ级响应）措施」: a warning that is the response heads response measures
        if "预警" in heading and not re.search(r"响应措施|响应行动|分级响应|级响应[）)]", heading):
            return Phase.WARNING
        if re.search(r"措施|行动|处置", heading):
            break
    lead = _lead_clause(action)
    if re.search(r"(?:终止|结束|解除)(?:应急)?响应|响应(?:终止|结束)|宣布(?:终止|结束|解除)", lead) \
            or re.search(r"(?:决定|宣布|批准)(?:终止|结束|解除)(?:应急)?响应", action):
        # 「人员已全部救出…风险消除后，由原启动响应的机构决定终止响应」: who ends it, after the conditions for it
        return Phase.TERMINATION
    if _REPORT_VERB.search(lead) and "报请" not in lead:
        return Phase.REPORTING
    if re.search(r"发布[^，。；]{0,10}预警|叫应", lead):
        return Phase.WARNING
    if re.search(r"启动[^，。；后]{0,10}(?:应急)?响应(?!后)", lead):
        return Phase.ACTIVATION
    return Phase.OPERATION


def _lead_clause(action: str) -> str:
    """What an action mainly does: its title (「信息报送。」) and first main clause, conditions
    (「…的，」「…后，」) left out."""
    text = strip_marker(action) if is_item(action) else action
    parts = sentences(text)
    title = parts[0] if parts and len(parts[0]) <= 10 and len(parts) > 1 else ""
    body = parts[1] if title else (parts[0] if parts else "")
    clauses = [c for c in re.split(r"[，,；;：:]", body) if c and not CONDITIONAL_CLAUSE.search(c)]
    return title + (clauses[0] if clauses else "")


def _recipient(clause: str) -> str | None:
    if m := _RECIPIENT_BEFORE.search(clause):
        return m["who"].strip()
    if m := _RECIPIENT_AFTER.search(clause):
        who = m["who"].strip()
        while who and not _RECIPIENT_END.search(who):
            who = who[:-1]
        return who or None
    return None


def _report_clauses(segment: str, recipient: str | None = None) -> list[tuple[str, str | None, str | None]]:
    """(text, deadline, recipient) per reporting clause of a sentence segment. A clause without its own
    recipient reports to the one named before it (「30分钟内电话报告区防指办公室，1小时内书面报告」), and
    a frequency list after a reporting clause continues it (「Ⅳ级每6小时一次，Ⅲ级每4小时一次」)."""
    rules: list[tuple[str, str | None, str | None]] = []
    start = 0
    for m in re.finditer(r"[^，,]+(?:[，,]|$)", segment):
        clause = m[0]
        frequency = bool(rules) and len(clause) < 16 and re.search(r"每[^，,]*一次", clause)
        if not _REPORT_VERB.search(clause) and not frequency:
            continue
        text = segment[start : m.end()].strip().rstrip("，,。")
        recipient = _recipient(clause) or recipient
        rules.append((text, find_time_limit(clause) or find_time_limit(text), recipient))
        start = m.end()
    return rules
