"""The duties in force at a response level: what a checklist for that level holds, and when each is due.

`duties_for` picks a level's measures (with the levels it builds on) and the measures common to every level,
leaves out whatever names another level (「Ⅰ级响应时…」, a cadence list 「Ⅳ级每6小时一次，Ⅲ级每4小时一次」 keeps
only its own level's part), definitions, background and fragments, and items that repeat another;
`report_rules_for` does the same for reporting rules. `is_conditional` marks 「视情」「必要时」 items, and
`due_at` turns a time limit (「接到指令后30分钟内」「2小时内」) into a clock time from the incident time.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from retrieval.plan.levels import ABOVE_LEVEL, LEVEL_WORD, find_level_mentions
from retrieval.plan.models import DigitalPlan, Ladder, Measure, Phase, ReportRule
from retrieval.plan.tables import hazards_in
from retrieval.plan.units import SPACED_NUMBER
from retrieval.ranking.numerals import cn_to_int, level_to_int

PHASES = [Phase.WARNING, Phase.ACTIVATION, Phase.OPERATION, Phase.REPORTING, Phase.TERMINATION]
MAX_ITEMS = 25
MAX_REPORT_RULES = 3
# Not a duty: what a level is, who a plan applies to, a list of conditions, a bare heading.
_NOT_A_DUTY = re.compile(
    r"由低到高|由高到低|划分为|分为[一二三四]|适用于|本预案|^[^，。；]{0,8}[：:]?$|^(?:当)?出现下列|下列条件之一"
    r"|抄送|印发|^注[：:]|^\d+(?:\.\d+)*\s*至\s*\d"  # 「4.4至4.7各节所列措施…」 says how sections combine
    # How a level is settled (「按照其中最高级别启动」「取较高级别」「…不作为县级启动响应的依据」), how the plan marks
    # its items (「注明“（二级以上）”的事项…」), whose responsibility a principle is: rules, not steps.
    r"|按照?其中(?:较高|最高)|取(?:其中)?(?:较高|最高)的?级别|不作为[^，。；]{0,24}依据|注明[“\"「（(]"
    r"|是[^，。；]{0,20}第一责任(?:主体|人)|(?:依据|按照|以)[^，。；]{0,16}(?:确定|初判|判定)(?:响应)?级别|不(?:与[^，。；]{0,8})?(?:相互)?叠加"
    # A principle (「…坚持及时、准确、客观、全面的原则」), a table's caption (「表5-1 现场指挥部工作组及职责」).
    r"|原则[。；;]?$|^表\s*[\dA-Za-z]"
    # what the levels are and where the plan states them (「共设四个级别」「启动条件见表 2」「措施见第五部分」「即第四部分的四级」)
    r"|共设[一二三四五六七八九十\d]+个?(?:级别|等级)|(?:条件|措施)见(?:表|第|附件)|即第[一二三四五六七八九十\d]+(?:部分|章|条)"
    r"|不一一对应"
    # how the level is raised, settled or adjusted (「依照 5.4 提高响应级别的，由提高后级别的决定主体决定」), a
    # condition that starts a level (「…发生一般突发事件并造成人员死亡的，启动三级响应；」), what a section or rule does
    # not cover (「不适用本节」「不属于第六章所列处置措施」): rules, not steps
    r"|(?:提高|降低|确定)(?:应急)?响应级别|的[，,]启动[^，。；]{0,6}级(?:应急)?响应[；;。]?$|不适用本[节章条]|不属于第"
    r"|^报告(?:应当)?包括"
    # a running title left by a page break (「潾州市防汛抗旱应急预案 ˉ」)
    r"|^[^，。；]{2,30}(?:预案|办法|规定|条例)\s*[^\u4e00-\u9fff，。；]?$"
)
# Never a duty, however short: a term's definition (「（七）“紧急疏散”指经…评估需要立即撤离」「本章所称“高潮前 N 小时”，
# 以…」), a rule for a changed level (「降低级别后，按新级别执行本章规定」)
_DEFINITION = re.compile(r"^[（(]?[一二三四五六七八九十\d]{0,3}[)）．.、]?\s*[“\"「][^”\"」]{1,16}[”\"」]"
                         r"(?:[，,]?(?:是)?指|以|的时间[，,]?自)"
                         r"|^本[章节条款表]所称|按新级别执行")
# Never a duty either: how a plan counts (「接报时间以…首次登记的时间为准」「火场持续燃烧时间自…起算」「被困人数…等于…」),
# how its levels are built and settled (「设Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级四个级别」「较高级别响应同时执行较低级别的全部职责」
# 「得出的级别中，以最高者为…」), and how a changed level is run (「提高级别的，由提高后级别的决定人决定」
# 「越过的级别…不执行」「决定人见表 4-2」).
_RULE = re.compile(
    r"^[^，。；]{0,30}(?:时间|人数|数字|数据|面积|距离|药量|数量)[^，。；]{0,30}(?:以[^，。；]{1,40}为准|自[^，。；]{1,30}起算"
    r"|[，,]?等于|按[^，。；]{0,12}定义计算)"
    r"|设[^，。；]{0,30}[一二三四五\d]个(?:级别|等级)|执行较低级别|逐级叠加|措施由[^，。；]{0,40}组成"
    r"|得出[^，。；]{0,10}级别|以最高(?:的)?(?:级别|者)为|“或”的关系|不因[^，。；]{0,8}(?:级别|提高)"
    r"|提高级别(?:的|时)|越过的级别|提高(?:以前|后级别)|决定人见|按调整后的内容|(?:由原决定|按照上述权限|适时)[^，。；]{0,10}调整(?:应急)?响应级别"
)
_CONDITIONAL = re.compile(r"^(?:[^，。；]{0,12})?(?:视情|必要时|根据需要|需要时|如有必要|条件具备时|具备条件时)|^当[^，。；]+时")


_BARE_LEVEL = re.compile(r"(?<![A-Za-z])(Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I)\s*级(?!以上|及以上)")
# An item of a duty list marked with the levels it applies at: 「（二级以上）报请调派市级扑火力量」「（Ⅰ级）…」.
_LEVEL_MARK = re.compile(rf"[（(]\s*(?P<n>{LEVEL_WORD})\s*级(?P<above>及?以上)?(?:应急)?(?:响应)?(?:时)?\s*[)）]")
# A mark closing an item, after its unit: 「…在井口设立医疗救护点。［县卫生健康局；Ⅲ级起］」 holds from Ⅲ up, the whole item.
_CLOSING_MARK = re.compile(rf"[［\[（(](?:[^［\[（()）\]］]{{0,24}}[；;，,、]\s*)?(?P<n>{LEVEL_WORD})\s*级(?P<above>及?以上|起)?"
                           r"(?:应急)?(?:响应)?\s*[］\]）)]\s*$")


def _levels_named(text: str) -> set[int]:
    """The response levels an item names (「Ⅳ级每6小时一次」 too), 「Ⅲ级以上」 counting as Ⅲ and every more
    severe level; warning colours and event classes are not response levels."""
    named = {m.level for m in find_level_mentions(text) if m.ladder in (Ladder.RESPONSE, None)}
    named |= {level_to_int(m[1]) for m in _BARE_LEVEL.finditer(text) if "预警" not in text[m.end():m.end() + 3]}
    for m in ABOVE_LEVEL.finditer(text):
        named |= set(range(1, level_to_int(m["n"]) + 1))
    for m in _LEVEL_MARK.finditer(text):
        n = level_to_int(m["n"])
        named |= set(range(1, n + 1)) if m["above"] else {n}
    return {n for n in named if n}


def _for_level(text: str, level: int) -> str | None:
    """The item as it applies at `level`: whole when it names no level or this one only; of a list that names
    levels, the clauses before the first level named (they hold at every level) and the clauses of each level
    named that includes this one (「Ⅲ级以上」 does), each with the clauses that follow it; None when nothing but
    other levels' clauses and a lead-in remain."""
    if closing := _CLOSING_MARK.search(text):
        n = level_to_int(closing["n"])
        return text if level == n or (closing["above"] and level < n) else None
    named = _levels_named(text)
    if not named or named == {level}:
        return text
    kept: list[tuple[str, set[int]]] = []  # each clause kept, with the levels it names
    owner: set[int] | None = None  # the levels of the latest clause that named any
    for part in re.split(r"(?<=[，；;。：:])", text):
        levels = _levels_named(part)
        owner = levels or owner
        if owner is None or level in owner:
            kept.append((part, levels))
    own_clause = any(level in levels for _, levels in kept)
    leading_step = any(not levels and re.search(r"[；;。]$", part) for part, levels in kept)
    if not own_clause and not leading_step:
        return None
    return "".join(part for part, _ in kept).rstrip("，；;")


def _is_duty(measure: Measure, action: str) -> bool:
    """A duty, not a definition, a grading rule, a warning-stage step or a list of report contents."""
    # A level's own duty may be short: a responsibilities table row with its unit (「区卫生健康局 | 组织中毒人员救治」),
    # an item of the level's inline list (「主要采取以下措施：…；开设野战医疗点；…」).
    short_duty = measure.level is not None and len(action) >= 5 and (
        bool(measure.lead_units) or not re.search(r"(?<![市县区省乡镇])级|响应|措施|程序|条件|[：:]", action))
    return (
        (len(action) >= 8 or short_duty)
        and not (" | " in action and not measure.lead_units)  # a row of a grading or statistics table
        and not (_NOT_A_DUTY.search(action) and not short_duty)
        and not _DEFINITION.search(action)
        and not _RULE.search(action)
        and not re.match(r"[级，、。；：）)]", action)  # a fragment cut from its subject by a page break
        and not (re.search(r"终止|结束|解除", measure.locator) and not measure.lead_units
                 and not _TERMINATION_DUTY.search(action))
        and not _NOT_A_DUTY_SECTION.search(measure.locator)
        and not re.search(r"^[^，。；]{0,12}(?:内容|事项|[初续终首]报)(?:主要|一般)?包括", action)
        and not re.search(r"(?:内容|事项)包括[：:]", action)
        and not re.search(r"的[。；;]?$", action)  # an item of a list of conditions: 「燃烧3小时以上尚未扑灭的」
    )


# In a termination section, the conditions for ending a response are not duties; who ends it, and how, is.
_TERMINATION_DUTY = re.compile(r"宣布|签发|决定|通知|报告|发布")
# a warning section is no response's (「3.4 预警响应措施」), unless the warning is a level's response (「红色预警（Ⅰ级响应）措施」)
_NOT_A_DUTY_SECTION = re.compile(r"启动条件|启动标准|分级标准|分级与启动|分级$|(?:火灾|事件|事故|灾害)等级$"
                                 r"|级别的提高|判定规则|适用说明|其他启动情形"
                                 r"|预警(?!.*(?:应急响应|级响应))")


def duties_for(plan: DigitalPlan, level: int, limit: int | None = None,
               hazards: list[str] | None = None) -> list[Measure]:
    """The measures in force at `level` in phase order: the level's own, those of the levels it builds on,
    then the common ones; each once, none that belongs to another level (an inherited reporting cadence
    gives way to the level's own). With `limit`, the first that many in that order of priority."""
    own = [m for m in plan.measures if m.level == level or level in m.also_levels]
    inherited = [m for m in plan.measures_for(level) if m not in own]
    if any(m.phase is Phase.REPORTING for m in own):
        inherited = [m for m in inherited if m.phase is not Phase.REPORTING]
    common = [m for m in plan.measures if m.level is None and _for_hazards(m, hazards)]
    # The incident's own hazard section first (「4.4.1 台风、大风」), then duties before conditional ones, and the
    # aftermath (善后) last: under the item limit, what an officer does during the response comes first.
    common.sort(key=lambda m: (_hazard_rank(m, hazards), bool(_AFTERMATH.search(m.locator)), is_conditional(m.action)))
    return _select([*own, *inherited, *common], level, limit)


def _hazard_rank(measure: Measure, hazards: list[str] | None) -> int:
    """0 for a section of the incident's hazard alone (「4.4.4 寒潮」), 1 for one it shares (「4.4.3 暴雪、低温、冰冻」),
    2 for every other."""
    named = hazards_in(measure.locator)
    shared = named & set(hazards or [])
    return 2 if not shared else 0 if named <= shared else 1


_AFTERMATH = re.compile(r"善后|恢复重建|后期处置|总结评估|调查评估")


def _for_hazards(measure: Measure, hazards: list[str] | None) -> bool:
    """A measure in a section for one hazard (「4.4.1 台风、大风」) applies to incidents of that hazard."""
    named = hazards_in(measure.locator)
    return not named or hazards is None or bool(named & set(hazards))


def common_duties(plan: DigitalPlan, limit: int | None = None, hazards: list[str] | None = None) -> list[Measure]:
    """For a plan without graded levels: the duties it fixes for every incident."""
    measures = [m for m in plan.measures if m.level is None and not _levels_named(m.action)]
    return _select([m for m in measures if _for_hazards(m, hazards)], None, limit)


# Before a level is decided: the first response and the first report, which a plan asks whatever the level.
_FIRST_STEP_SECTION = re.compile(r"先期处置|先期响应|先期处理|信息报告|报告时限|报告程序|接报|首报")
_NOT_A_FIRST_STEP = re.compile(r"是指|^[^，。；]{0,10}内容(?:主要)?包括|一般每[月年季]|通报[^，。；]{0,6}形式")
MAX_FIRST_STEPS = 5


def first_steps(plan: DigitalPlan, limit: int = MAX_FIRST_STEPS, hazards: list[str] | None = None) -> list[Measure]:
    """While the level is still open: the plan's first response (先期处置) and first report, which it asks at
    every level; never a duty that names a level, a definition (「首报是指…」) or a list of report contents. A step
    with a deadline in minutes or hours comes before one that says 立即, and both before one without a deadline."""
    measures = [m for m in plan.measures if m.level is None and not _levels_named(m.action)
                and _for_hazards(m, hazards) and _FIRST_STEP_SECTION.search(m.locator)
                and not _NOT_A_FIRST_STEP.search(m.action) and not _cut_at_a_page_break(m.action)]
    measures.sort(key=lambda m: (not re.search(r"先期", m.locator), _urgency(m.time_limit)))
    return _select(measures, None, limit)


def _cut_at_a_page_break(action: str) -> bool:
    """A sentence of several clauses that stops without its closing mark (「…，启动县市区（园区）、乡镇（街道）」, the rest
    「级应急响应，…」 on the next page) tells an officer half a step; a table row's short duty has no mark to lose."""
    return "，" in action and not re.search(r"[。；;！!？?]$", action.rstrip())


def _urgency(time_limit: str | None) -> int:
    if time_limit and _LIMIT.search(time_limit):
        return 0
    return 1 if time_limit in ("立即", "第一时间") else 2


def _select(measures: list[Measure], level: int | None, limit: int | None) -> list[Measure]:
    chosen: list[Measure] = []
    for measure in measures:
        text = measure.action
        if level is not None and (measure.level is None or _LEVEL_MARK.search(text)):
            text = _for_level(measure.action, level)
        if text is None or not _is_duty(measure, text) or measure.phase is Phase.WARNING:
            continue
        chosen.append(measure if text == measure.action else measure.model_copy(update={"action": text}))
    kept: list[Measure] = []
    for measure in chosen:
        if any(measure.action in other.action and len(other.action) > len(measure.action) for other in chosen):
            continue
        if all(_key(measure.action) != _key(k.action) for k in kept):
            kept.append(measure)
    kept = kept[:limit] if limit else kept
    kept.sort(key=lambda m: PHASES.index(m.phase))
    return kept


def _folded(text: str) -> str:
    return re.sub(r"[\s，。；、：:（）()]", "", text)


def _key(text: str) -> str:
    return _folded(text)[:40]


def repeats(text: str, others: list[str]) -> bool:
    """Whether `text` says what one of `others` already says (the same opening, or all of it inside another)."""
    full = _folded(text)
    return any(full[:40] == _key(o) or full in _folded(o) for o in others)


def report_rules_for(plan: DigitalPlan, level: int | None) -> list[ReportRule]:
    """Reporting rules in force at `level`: its own section's and the common ones, each reduced to its own
    level's cadence; at most three."""
    rules: list[ReportRule] = []
    for rule in plan.report_rules:
        if rule.level is not None and rule.level != level:
            continue
        text = rule.text if level is None and not _levels_named(rule.text) else (
            _for_level(rule.text, level) if level is not None else None)
        if not text or any(_key(text) == _key(r.text) for r in rules):
            continue
        rules.append(rule if text == rule.text else rule.model_copy(update={"text": text}))
    own = [r for r in rules if r.level == level and level is not None]
    return (own + [r for r in rules if r not in own])[:MAX_REPORT_RULES]


def is_conditional(action: str) -> bool:
    """「视情对火场附近输电线路采取停运措施」「必要时，提请…」「当…时」: done only if its condition arises."""
    return bool(_CONDITIONAL.search(action)) or "视情" in action[:30]


_LIMIT = re.compile(rf"(?P<n>{SPACED_NUMBER}|[一二两三四五六七八九十半]+)\s*个?(?P<unit>分钟|小时|工作日|日|天)(?:内|以内|之内)")
_UNIT_MINUTES = {"分钟": 1, "小时": 60, "日": 1440, "天": 1440, "工作日": 1440}


def due_at(time_limit: str | None, incident_time: datetime | None) -> datetime | None:
    """The clock time a time limit falls due, counted from the incident time: 「30分钟内」 at 14:00 → 14:30;
    「立即」「第一时间」 → the incident time; a cadence (「每2小时」) has no single deadline."""
    if not time_limit or incident_time is None or time_limit.startswith("每"):
        return None
    if time_limit in ("立即", "第一时间"):
        return incident_time
    m = _LIMIT.search(time_limit)
    if not m:
        return None
    n = re.sub(r"\s", "", m["n"])
    amount = 0.5 if n == "半" else (float(n) if n.isdigit() else float(cn_to_int(n)))
    return incident_time + timedelta(minutes=amount * _UNIT_MINUTES[m["unit"]])


def due_label(due: datetime | None, incident_time: datetime | None) -> str | None:
    """「14:30前」, with the date when it falls on another day (「7月4日 02:00前」)."""
    if due is None or incident_time is None:
        return None
    if due.date() == incident_time.date():
        return f"{due:%H:%M}前"
    return f"{due.month}月{due.day}日 {due:%H:%M}前"
