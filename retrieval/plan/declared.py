"""A level the report says was already declared: 「市防指已启动Ⅱ级应急响应」.

The facts decide first. When they decide no level and the report says a body of the plan's own level (not a
town, street or village below it, whose declaration is about its own response) has already started one, that
level is accepted and marked as declared; when the facts decide a level, a different declared one is noted.
"""

from __future__ import annotations

import re

from retrieval.plan.aliases import on_the_scale
from retrieval.plan.decision import LevelDecision
from retrieval.plan.models import DigitalPlan
from retrieval.ranking.numerals import level_to_int
from retrieval.ranking.places import jurisdiction

# the level declared, in the ways plans and reports number it
_LEVEL = r"(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|一|二|三|四)"
_DECLARED = re.compile(
    r"(?P<who>[\u4e00-\u9fa5（）()]{0,14}?)[“\"「]?(?:已经|已)?[“\"「]?(?:宣布|决定)?(?:启动|进入|发布)了?(?P<tier>[县市区省]级)?"
    # (「刚由指挥长决定启动丙级，…」「已启动Ⅱ级」: the level alone, before the sentence goes on or ends)
    + _LEVEL + r"\s*级(?:[\u4e00-\u9fa5]{0,8}?响应|(?=[，,。；;]|$))"
)
# 「焜岭县刚启动煤矿事故Ⅱ级响应」: the kind of event between the start and the level, said by the plan's own place
# (read only when that place is named: 「县防指启动了防汛Ⅲ级」 under a tailings-dam plan is another plan's response)
_DECLARED_KIND = re.compile(
    r"(?P<who>[\u4e00-\u9fa5（）()]{0,14}?)(?:已经|已|刚刚|刚)(?:宣布|决定)?启动了?"
    r"(?P<kind>(?:(?!企业|公司|本|其|镇|乡|街道|村|社区|预警|警报)[\u4e00-\u9fa5]){2,8}?)" + _LEVEL + r"\s*级[\u4e00-\u9fa5]{0,4}?响应"
)
# 「市级森林火灾Ⅳ级响应刚启动」「Ⅱ级应急响应已于14时启动」: the level first, the start after it
_DECLARED_AFTER = re.compile(
    r"(?P<who>[\u4e00-\u9fa5（）()]{0,14}?)" + _LEVEL + r"\s*级[\u4e00-\u9fa5]{0,8}?响应"
    r"(?:(?:已经|已于[^，。；]{0,12}?|已|刚刚|刚)(?:宣布)?(?:启动|发布)|启动后)"
)
# 「刚定了Ⅲ级粮食应急响应」「莳溪升到Ⅰ级了」「已从Ⅳ级提到Ⅲ级」「镔州刚定了市级Ⅱ级」: a level set or changed, which says it
# was declared
_DECLARED_SET = re.compile(
    r"(?P<who>[\u4e00-\u9fa5（）()]{0,14}?)(?:定了|定为|定成|升到|升至|升为|升级为|提到|提升到|提升至|提升为|调整为|调整到|调至|上调至)"
    r"(?P<tier>[县市区省]级)?" + _LEVEL + r"\s*级(?![^，。；？?]{0,8}(?:预警|警报|事故|事件|风险|标准))"
)
# 「Jiezhou has just started a Level Ⅱ cyber response」「Level II response was activated」: an English report's declaration
_DECLARED_EN = re.compile(
    r"(?P<who>)(?:(?:has|have|had)\s+(?:just\s+)?|just\s+|already\s+)?(?:started|activated|launched|declared|initiated|"
    r"raised\s+(?:it\s+)?to|upgraded\s+(?:it\s+)?to|(?:moved|stepped|gone|went)\s+up\s+to|escalated\s+(?:it\s+)?to)"
    r"\s+(?:an?\s+|the\s+)?level[\s-]*(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|[1-4])\b"
    r"|(?P<who2>)level[\s-]*(?P<n2>Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|[1-4])\b[\w\s-]{0,30}?\bresponse\s+(?:has\s+been|was|is)\s+"
    r"(?:just\s+)?(?:started|activated|launched|declared|initiated|in\s+force)"
    # 「has just started a city-level 三级 housing response」: the plan's own name of the level, in Chinese
    r"|(?P<who3>)(?:has|have|had)\s+(?:just\s+)?(?:started|activated|launched|declared|initiated)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:city|county|district|provincial|municipal|township)[\s-]level\s+)?(?P<n3>Ⅰ|Ⅱ|Ⅲ|Ⅳ|一|二|三|四)\s*级"
    r"(?=\s*(?:[a-z-]+\s+){0,2}response\b)",
    re.I,
)
# 「区防指」「县里」「区政府」: a body named by its tier alone
_TIER_BODY = re.compile(r"^([县市区省])(?=里|防指|防办|政府|人民政府|应急|指挥部|委|$)")
_OWN_NAME_AFTER = re.compile(r"\s*[（(]\s*(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ)级")
_LOCAL = re.compile(r"(?:镇|乡|街道|村|社区|园区|企业|公司|厂)(?:政府|人民政府|办事处|防指|防办)?$")


# What a reporting body says before its declaration: 「城关镇上报“已启动…”」「街道已自行对外称“启动…”」
_SAYS = re.compile(r"(?:上报|报告|报称|来电称|对外称|宣称|声称|表示|称|说|报|已|自行|对外|也|亦|已经)+$")
# who declares is a body (「市防指」「省应急厅」); 「暴雪Ⅲ级响应启动后」 names no one
_BODY = re.compile(r"(?:政府|指挥部|防指|防办|应急局|管理局|局|委员会|委|办公室|办|部|中心|厅|总指挥|指挥长|市长|县长|区长)$")
_PLACE = re.compile(r"^[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|自治州|州|县|区|旗)")


def declared_level(report: str, jurisdiction: str = "") -> tuple[int, str] | None:
    """(level, who) of the first declaration by a body of the plan's own level: not a town, street or village,
    and not a body of another place than the plan's `jurisdiction` (a county's declaration under a city plan
    is about the county's own response)."""
    if english := _DECLARED_EN.search(report):
        # 「started a Level-1 (一级) response」: the plan's own name in brackets, read on the scale, says which level
        own = _OWN_NAME_AFTER.match(report, english.end())
        return level_to_int(own["n"] if own else (english["n"] or english["n2"] or english["n3"]).upper()), ""
    found = [*_DECLARED.finditer(report), *_DECLARED_AFTER.finditer(report), *_DECLARED_SET.finditer(report),
             *_DECLARED_KIND.finditer(report)]
    for m in sorted(found, key=lambda m: m.start()):
        who = _SAYS.sub("", m["who"].strip("，,、 “”\"「」")).strip("，,、 ")
        place = _PLACE.match(who)
        if m.re is _DECLARED_KIND and not (jurisdiction and place and place[0] in jurisdiction):
            continue
        if not _done(m, report, who):
            continue  # 「达到启动Ⅳ级响应的条件」 is no declaration; 「启动Ⅲ级响应后」「Ⅲ级响应启动后」 are
        level = level_to_int(m["n"])
        foreign = bool(place and jurisdiction and place[0] not in jurisdiction and jurisdiction not in place[0])
        # 「县级已启动…」「区里已经启动区级Ⅳ级响应」 under a city's plan is the county's or district's own response;
        # under a county's plan, 县级 is the plan's own
        tiers = re.findall(r"([县市区省])级", who + (m.groupdict().get("tier") or "")) + _TIER_BODY.findall(who)
        below = any(not jurisdiction.endswith(t) for t in tiers) if jurisdiction else "县级" in who
        if level and not _LOCAL.search(who) and not foreign and not below:
            return level, who if _BODY.search(who) else ""
    return None


def _done(m: re.Match, report: str, who: str) -> bool:
    """The match says a level was declared: 「已」「宣布」「刚」, a start behind the level, a level set or changed, or a
    body that starts one as a statement of its own (「栌山县级启动Ⅳ级响应，要落实…」, not 「县级启动Ⅳ级响应的条件」)."""
    if m.re is _DECLARED_SET:
        return not re.search(r"(?:预警|警报|风险|等级)$", who)  # 「预警升到Ⅱ级」 is a warning's level
    if re.search(r"已|宣布|决定|刚|启动后", m[0]) or report.startswith("后", m.end()):
        return True
    return bool(_BODY.search(who) or re.search(r"[县市区省]级$", who)) and bool(re.match(r"\s*(?:[，,。；;]|了)", report[m.end():]))


def with_declared(plan: DigitalPlan, decision: LevelDecision, report: str) -> LevelDecision:
    """The decision, or the declared level when the facts decide none."""
    # (「刚由指挥长决定启动丙级」 in a plan whose Ⅲ级 is 丙级)
    declared = declared_level(on_the_scale(report, plan.level_names), jurisdiction(plan.title))
    if declared is None:
        return decision
    level, who = declared
    label = next((lv.label for lv in plan.levels if lv.level == level and lv.ladder.value == "应急响应"),
                 f"{'ⅠⅡⅢⅣ'[level - 1]}级应急响应")
    if decision.level is None:
        note = f"报告称{who or ''}已启动{label}，按已启动的级别执行；现有事实尚未达到分级条件，请核实。"
        return decision.model_copy(update={"level": level, "label": label, "explanation": note + decision.explanation})
    if decision.level != level:
        note = f"（报告称已启动{label}，与事实对应的级别不同，请核实。）"
        return decision.model_copy(update={"explanation": decision.explanation + note})
    return decision
