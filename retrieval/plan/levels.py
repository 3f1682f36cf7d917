"""Levels in plan text: where a plan names a level, which level a section is about, and a level's triggers.

`find_level_mentions` finds the levels text names on each graded scale (「Ⅲ级、Ⅳ级应急响应」「较大（Ⅲ级）」
「蓝色预警」「特别重大事故」); `heading_context` reads from a section's headings the level it belongs to and
what the section is for (grading conditions, measures); `make_trigger` splits a grading condition into
alternatives (「，或」), conjuncts (「，且」) and options (「或」), each with the thresholds it states.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from retrieval.models import Chunk
from retrieval.plan.models import Condition, Ladder, ResponseLevel, Threshold, Trigger
from retrieval.plan.phrases import COLOUR_LEVEL, SEVERITY
from retrieval.plan.thresholds import scan_thresholds
from retrieval.ranking.numerals import level_to_int

LEVEL_WORD = r"(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|一|二|三|四)"
_LEVEL_KIND = r"应急响应|响应|预警|应急|事件|事故"
# 「Ⅳ级应急响应」「Ⅲ级、Ⅳ级应急响应」「较大（Ⅲ级）」「蓝色、黄色预警」「特别重大事故」
_LEVEL_LABEL = re.compile(
    rf"(?P<sev>特别重大|重大|较大|一般|特别严重|严重|较重)\s*[（(]\s*(?P<n1>{LEVEL_WORD})\s*级\s*[)）]\s*(?P<k1>{_LEVEL_KIND})?"
    rf"|(?<![A-Za-z])(?P<nums>{LEVEL_WORD}\s*级(?:\s*[、和及或]\s*{LEVEL_WORD}\s*级)*)\s*(?P<k2>{_LEVEL_KIND})"
    r"|(?P<colours>[红橙黄蓝]色(?:[、和及或][红橙黄蓝]色)*)\s*(?P<k3>预警|警报|应急响应|响应)"
    r"|(?P<sev2>特别重大|重大|较大|一般)(?!性)\s*(?P<k4>[\u4e00-\u9fa5]{0,6}?(?:突发事件|事件|事故|火灾))"
    # 「4 级响应」…「1 级响应」: a plan that numbers its responses in Arabic digits (never a wind force: 「6级大风」)
    r"|(?<![\dA-Za-z.．~～\-—])(?P<arabic>[1-4])\s*级\s*(?P<k5>应急响应|响应)"
)
# 「Ⅲ级及以上应急响应」: that level and the more severe ones.
ABOVE_LEVEL = re.compile(rf"(?P<n>{LEVEL_WORD})\s*级(?:及)?以上(?:应急)?响应")
# 「在落实Ⅲ级应急响应措施的基础上」「除执行四级响应措施外，还应：」: a level's measures include those of a lower level.
BUILDS_ON = re.compile(rf"(?:在(?:落实|执行|实施|采取)?|除(?:执行|落实|采取)?)(?P<n>{LEVEL_WORD})\s*级[^。；]{{0,12}}?"
                       rf"(?:的?基础上|措施外|外[，,]?还)")


@dataclass(frozen=True)
class LevelMention:
    level: int
    label: str
    ladder: Ladder | None
    start: int
    end: int


def _ladder_of(kind: str | None) -> Ladder | None:
    if not kind:
        return None
    if "预警" in kind or "警报" in kind:
        return Ladder.WARNING
    if "响应" in kind or kind == "应急":
        return Ladder.RESPONSE
    return Ladder.EVENT


def find_level_mentions(text: str) -> list[LevelMention]:
    """Levels named in text, one per level even in lists: 「Ⅲ级、Ⅳ级应急响应」 → Ⅲ and Ⅳ."""
    found: list[LevelMention] = []
    for m in _LEVEL_LABEL.finditer(text):
        if m["n1"]:
            pairs = [(level_to_int(m["n1"]), m[0].strip())]
            ladder = _ladder_of(m["k1"])
        elif m["nums"]:
            words = re.findall(LEVEL_WORD, m["nums"])
            pairs = [(level_to_int(w), f"{w}级{m['k2']}") for w in words]
            ladder = _ladder_of(m["k2"])
        elif m["colours"]:
            pairs = [(COLOUR_LEVEL[c], f"{c}色{m['k3']}") for c in re.findall("[红橙黄蓝]", m["colours"])]
            # 「红色应急响应」: a response named by its colour, 红 the first level as for warnings
            ladder = Ladder.RESPONSE if "响应" in m["k3"] else Ladder.WARNING
        elif m["arabic"]:
            pairs, ladder = [(int(m["arabic"]), m[0])], Ladder.RESPONSE
        else:
            pairs, ladder = [(SEVERITY[m["sev2"]], m[0])], Ladder.EVENT
        if len(pairs) == 1:
            pairs = [(pairs[0][0], m[0].strip())]
        found.extend(  # 「二 级」 in a spaced-out table header is 二级
            LevelMention(n, re.sub(r"\s+", "", label), ladder, m.start(), m.end()) for n, label in pairs if n and 1 <= n <= 4
        )
    return found


_RESPONSE_HEADINGS = re.compile(r"应急响应|响应|启动条件|启动标准|处置|信息报告|报告|预警|分级")
_EXCLUDED_HEADINGS = re.compile(
    r"后期|善后|恢复|重建|评估|保障|培训|演练|宣传|预防|监测|职责|附件|附录|名词|术语"
)
# 「4.3 按火场位置和威胁对象启动」: the criteria of a kind, one list per level under it
TRIGGER_HEADINGS = re.compile(r"启动条件|启动标准|分级标准|条件|情形|标准|分级$|按[^，。\s]{1,16}启动$")
_MEASURE_HEADINGS = re.compile(r"措施|行动|处置|程序")


@dataclass
class HeadingContext:
    """Where a piece of text sits: the level its nearest heading names, and what its section is for."""

    headings: list[str]
    mention: LevelMention | None
    mentions: list[LevelMention]
    ladder: Ladder
    trigger_section: bool
    level_is_leaf: bool
    under_grading: bool
    in_response: bool
    # a part under a level's heading that itself sits under criteria (「附件2 启动条件 › 一、Ⅳ级 › （一）洪水」)
    part_of_level_criteria: bool = False


def response_of_colour(mentions: list[LevelMention]) -> list[LevelMention]:
    """「红色预警（Ⅰ级响应）」 names one level, the response's: the warning is the response (预警即响应)."""
    responses = [m for m in mentions if m.ladder is Ladder.RESPONSE]
    return responses if len(responses) == 1 and {m.level for m in mentions} == {responses[0].level} else mentions


# 「（一）Ⅳ级」: a heading that is a bare level, under a section of the response
_BARE_LEVEL_HEADING = re.compile(rf"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[一二三四五六七八九十]+、)?\s*(?P<n>{LEVEL_WORD})\s*级\s*$")


def _heading_mentions(headings: list[str], i: int) -> list[LevelMention]:
    mentions = find_level_mentions(headings[i])
    if not mentions and (bare := _BARE_LEVEL_HEADING.match(headings[i])) and "响应" in " ".join(headings[:i]):
        mentions = [LevelMention(level_to_int(bare["n"]), f"{bare['n']}级", Ladder.RESPONSE, bare.start("n"), bare.end())]
    return mentions


def heading_context(headings: list[str]) -> HeadingContext:
    """The level a section's nearest heading names (a 「…及以上」 heading names none) and its purpose."""
    mention, index, named = None, -1, []
    for i in range(len(headings) - 1, -1, -1):
        mentions = response_of_colour(_heading_mentions(headings, i))
        if mentions and not ABOVE_LEVEL.search(headings[i]):
            mention, index, named = mentions[0], i, mentions
            break
    joined = " ".join(headings)
    ladder = (mention.ladder if mention else None) or (
        Ladder.WARNING
        if "预警" in joined and "响应" not in joined
        else Ladder.EVENT
        if re.search(r"(?:事件|事故|灾害)分级", joined)
        else Ladder.RESPONSE
    )
    leaf = headings[-1] if headings else ""
    return HeadingContext(
        headings=headings,
        mention=mention,
        mentions=named,
        ladder=ladder,
        trigger_section=bool(TRIGGER_HEADINGS.search(leaf)) and not _MEASURE_HEADINGS.search(leaf),
        level_is_leaf=mention is not None and index == len(headings) - 1,
        under_grading=len(headings) > 1 and bool(TRIGGER_HEADINGS.search(headings[-2])),
        # 「7 应急保障」 and 「6 后期处置」 are not response measures;
        # 「4.3 响应措施 / 4.3.2 重要用户保障」 is, and so is a level's own 「5.3 Ⅲ级响应职责表」.
        in_response=bool(_RESPONSE_HEADINGS.search(joined))
        and (not _EXCLUDED_HEADINGS.search(leaf) or any("响应" in h for h in headings[:-1])
             or (index == len(headings) - 1 and "响应" in leaf)),
        part_of_level_criteria=0 < index < len(headings) - 1
        and bool(TRIGGER_HEADINGS.search(" ".join(headings[:index])))
        and not _MEASURE_HEADINGS.search(" ".join(headings[index + 1:]))
        and not re.search(r"职责|任务|决定|程序", " ".join(headings[index + 1:])),
    )


# 「…造成重大损失和影响，以及上述灾害已经启动Ⅲ级响应但仍可能持续发展的」: 以及 adds another case
_ALTERNATIVE_SPLIT = re.compile(r"[，,；;]\s*(?:或者|或是|或|以及)|[；;]")
_AND = r"(?:并且|而且|但是|且|同时|并|但)"  # 「一般事故未造成人员死亡，但造成3人以上重伤的」 is one criterion
_CONJUNCT_SPLIT = re.compile(rf"[，,]\s*{_AND}?|{_AND}(?=预报|预计|继续|持续|伴有|出现|造成|可能|仍|有|发生|严重)")
_STATED_AND = re.compile(rf"[，,]\s*{_AND}")
_COMMA = re.compile(r"[，,]")
_OPTION_SPLIT = re.compile(
    r"(?<!达到)(?<!等于)(?<!大于)(?<!小于)(?:或者|或)(?!超过|等于|以上|以下|大于|小于)"
)
_STATES_AMOUNT = re.compile(r"\d|[红橙黄蓝]色|[一二两三四五六七八九十]座")
_ELIDED_RESERVOIR = re.compile(r"座\s*(?:及?以上)?\s*(?:重点|病险|骨干)?\s*[大中小]\s*[（(]?\s*[12一二]?\s*[)）]?\s*型\s*$")


def _pieces(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Text cut where the pattern matches outside brackets: 「（含40毫米，不含60毫米）」 is one note."""
    depth, inside = 0, []
    for ch in text:
        depth += (ch in "（(") - (ch in "）)")
        inside.append(depth > 0)
    cuts = [m for m in pattern.finditer(text) if m.start() < len(text) and not inside[m.start()]]
    pieces, start = [], 0
    for m in cuts:
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p and p.strip(" \n，,；;。")]


def _options(conjunct: str) -> list[str]:
    """A conjunct splits at 或 only between two stated amounts (「24小时…100毫米以上或6小时…50毫米以上」),
    not between nouns (「死亡或失踪10人以上」)."""
    options: list[str] = []
    for part in _pieces(conjunct, _OPTION_SPLIT):
        if options and not (_STATES_AMOUNT.search(options[-1]) and _STATES_AMOUNT.search(part)):
            options[-1] = conjunct[conjunct.index(options[-1]) : conjunct.index(part) + len(part)]
        else:
            options.append(part)
    if len(options) > 1 and (shared := re.search(r"水库(?P<tail>.*)$", options[-1], re.S)):
        # 「1 座中型或 2 座以上小型水库出现险情」: the first class is of a 水库 too, and in the same danger
        options = [f"{o}水库{shared['tail']}" if _ELIDED_RESERVOIR.search(o) else o for o in options[:-1]] + options[-1:]
    return options


def _alternatives(text: str, below_exclusive: bool) -> list[str]:
    """The alternatives of a criterion. In 「A，B，或者C」 the 或者 before the last item makes a list of
    alternatives when A and B each measure a quantity of their own in full (「过火面积500公顷以上，受害草原面积5000
    公顷以上，或者造成10人以上死亡的」); a comma between a measure and a circumstance (「…100毫米以上，预报降雨持续」)
    still joins them."""
    alternatives = _pieces(text, _ALTERNATIVE_SPLIT)
    if len(alternatives) < 2:
        return alternatives
    split: list[str] = []
    for alternative in alternatives:
        parts = _pieces(alternative, _CONJUNCT_SPLIT)
        scans = [scan_thresholds(p, below_exclusive) for p in parts]
        quantities = [{t.quantity for t in scan.thresholds} for scan in scans]
        separate = len(parts) > 1 and not _STATED_AND.search(alternative) and all(
            scan.thresholds and not scan.unexplained for scan in scans) and all(
            not (q & other) for i, q in enumerate(quantities) for other in quantities[i + 1:])
        cases = _pieces(alternative, _COMMA)
        if not separate and len(cases) > 1 and not _STATED_AND.search(alternative) \
                and all(case.rstrip(" 。；;").endswith("的") for case in cases):
            split.extend(cases)  # 「需转移…3000人以上的，火势威胁县城安全的，火场蔓延至邻县并继续扩大的」: one case each
            continue
        split.extend(parts if separate else [alternative])
    return split


# places a distance is graded to that a report names as such: 「火线距县城规划区边界不足10公里」 is not met by a fire
# 800 m from a village (a village, 村子 or 居民点, is left to the distance alone: reports name it every way)
# (the places by name; `decision` measures a report's distance to them clause by clause)
NAMED_PLACES = "县城|城区|市区|建成区|保护区|景区|学校|医院|油库|加油站|储存库|仓库|风电场|输电线路|变电站|电站|升压站|储配站|县界|市界|省界|边界"
_NAMED_TARGET = re.compile(rf"重要|设施|{NAMED_PLACES}")


def _to_a_named_place(option: str, thresholds: list[Threshold]) -> bool:
    """A distance to the plan's 重要设施 (「火场距重要设施不足1公里」, a class the plan defines by a list) or to the
    county town: the report must name that place too, not only a distance to a village or a school."""
    return bool(_NAMED_TARGET.search(option)) and any(t.quantity == "距离" for t in thresholds)


_LISTED = re.compile(r"下列(?:重要)?(?:设施|目标|场所|地点|区域|单位)")


def make_trigger(text: str, chunk: Chunk, below_exclusive: bool = False, listed: str = "") -> Trigger:
    """A trigger with its conditions and the thresholds each condition states. `listed`: what a 「下列设施」 of the
    text names (the items after the level), which the condition's words name instead."""
    conditions, thresholds = read_conditions(text, below_exclusive, listed)
    return Trigger(
        text=text,
        thresholds=thresholds,
        chunk_id=chunk.chunk_id,
        locator=chunk.locator,
        conditions=conditions,
    )


def reread_triggers(levels: list[ResponseLevel], rewrite: Callable[[Trigger], str | None], below_exclusive: bool) -> None:
    """Each trigger whose text `rewrite` words anew (a defined term in its definition's words, a formula in words) gets
    the conditions of the new wording, where that wording states figures; its text, which is quoted, stays."""
    for level in levels:
        for trigger in level.triggers:
            if (words := rewrite(trigger)) is not None and words != trigger.text:
                conditions, thresholds = read_conditions(words, below_exclusive)
                if thresholds:
                    trigger.conditions, trigger.thresholds = conditions, thresholds


def read_conditions(text: str, below_exclusive: bool = False, listed: str = "") -> tuple[list[Condition], list[Threshold]]:
    """The conditions of a criterion's text and the thresholds each states (`make_trigger`)."""
    conditions: list[Condition] = []
    thresholds: list[Threshold] = []
    for a, alternative in enumerate(_alternatives(text, below_exclusive)):
        for c, conjunct in enumerate(_pieces(alternative, _CONJUNCT_SPLIT)):
            for option in _options(conjunct):
                scan = scan_thresholds(option, below_exclusive)
                index = len(conditions)
                named = listed and _LISTED.search(option)
                conditions.append(
                    Condition(
                        text=_LISTED.sub(lambda _: listed, option.strip(), count=1) if named else option.strip(),
                        alternative=a,
                        conjunct=c,
                        complete=bool(scan.thresholds) and not scan.unexplained and not named
                        and not _to_a_named_place(option, scan.thresholds)
                        and not any(t.quantity.endswith("水库数") for t in scan.thresholds),  # and their state?
                    )
                )
                thresholds.extend(t.model_copy(update={"condition": index}) for t in scan.thresholds)
    return conditions, thresholds
