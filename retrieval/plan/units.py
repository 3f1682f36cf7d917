"""Who does what by when: organisation names, lead and support units, and time limits in plan text.

`org_at` reads the organisation a clause starts with (「区水务局在接到指令后…」 → 区水务局) by its suffix (局, 委,
办公室, 支队…) without crossing a verb; `responsible_units` splits an action's units into 牵头 (lead) and
配合 (support); `find_time_limit` quotes the first time limit (「接到指令后30分钟内」「每2小时续报一次」「立即」).
"""

from __future__ import annotations

import re

ORG_SUFFIX = (
    r"(?:指挥部办公室|办公室|指挥部|委员会|办事处|人民政府|政府|分局|支队|大队|中队|中心|公司|集团|部门|单位|机构"
    r"|防指|防办|人武部|武装部|宣传部|组织部|统战部|警备区|值班室|特勤站|消防站|救援站|街道（镇）|街道\(镇\)"
    r"|乡镇（街道）|局|委|办|厅|台|院|街道|乡镇)"
)
_ORG_END = re.compile(ORG_SUFFIX)
# Words that end a subject: a name never contains a verb or a preposition.
_NAME_STOP = re.compile(
    r"在|对|向|于|将|按|把|从|或|并|须|经|的|要|为|是|由|每|会同|负责|组织|主持|派|调度|督促|实行|牵头|配合|协助"
    r"|参与|立即|及时|根据|做好|开展|加强|启动|发布|通知|报告|报送|指导|视情|第一时间|接到|应当|应在|应于|统一"
    r"|全面|提请|报请|呈请|请求|建议|提出|协调|统筹|成立|监督|研究|分析|确保|落实|建立|健全|结合|运用|依托|叫应"
    r"|采取|进行|实施|审核|签批|拟定|核实|组建|设立|派出|赶赴|迅速|尽快|提前|密切|适时|切实|提高|优先|转送"
    r"|停止|调集|调派|开放|关闭|保障"
)
# A suffix followed by these characters is part of a longer word: 办公, 局部, 委托, 台风.
_NOT_A_SUFFIX = {"办": "公理法事者", "局": "部面势限", "委": "托屈", "台": "风账阶"}
_LEADING_ADVERB = re.compile(
    r"^(?:汛期|响应期间|处置期间|必要时|同时|随后|此后|其中|届时|视情|另外|并|且|根据[^，]{0,8}?需要)"
)
_MAX_NAME = 24


def org_at(text: str) -> str | None:
    """The organisation named at the start of `text`, if any: 「区水务局在接到指令后…」 → 区水务局.

    The longest prefix ending in an organisation suffix (局, 委, 办公室, 支队, 部门…) that crosses no verb or
    preposition: 「区防指办公室主任主持会商」 → 区防指办公室,
    「区应急管理局调度区级抢险救援队伍」 → 区应急管理局.
    """
    window = text[:_MAX_NAME]
    best = None
    for m in _ORG_END.finditer(window):
        following = window[m.end() : m.end() + 1]
        if following and following in _NOT_A_SUFFIX.get(m[0], ""):
            continue
        candidate = window[: m.end()]
        if _NAME_STOP.search(candidate):
            break
        if candidate.count("（") > candidate.count("）") and following == "）":
            candidate += "）"
        best = candidate
    return best if best and len(best) >= 2 else None


def split_units(name: str) -> list[str]:
    """「区防指办公室和各成员单位」 → two units; 「气象、水利等部门」 and 「自然资源和规划局」 stay whole."""
    parts = [p for p in re.split(r"、|和|及|与", name) if p]
    if len(parts) > 1 and all(len(p) >= 2 and re.search(ORG_SUFFIX + "$", p) for p in parts):
        return parts
    return [name]


def _names_after(text: str, marker: str) -> list[str]:
    """Units named right after 「会同」「配合」「由」: 「会同区公安分局、区卫生健康委核实」 → both."""
    units: list[str] = []
    for m in re.finditer(marker, text):
        rest = text[m.end() :]
        while rest:
            name = org_at(rest)
            if not name:
                break
            units.extend(split_units(name))
            rest = rest[len(name) :]
            if not rest or rest[0] not in "、和及与":
                break
            rest = rest[1:]
    return units


_CLAUSE_SPLIT = re.compile(r"[，；。：,;:\n]")
# A clause that says when, not who acts: 「…的」「…时」「…后」「…前」.
CONDITIONAL_CLAUSE = re.compile(r"(?:的|时|后|前)$")


def responsible_units(action: str) -> tuple[list[str], list[str]]:
    """(lead, support) units of an action: explicit 「牵头单位：…；配合单位：…」, else clause subjects and
    「由X负责」 as lead, units after 「会同/配合/协助」 as support."""
    lead_m = re.search(r"牵头(?:单位|部门)[：:]\s*([^；;。]+)", action)
    support_m = re.search(r"(?:配合|协助|参与)(?:单位|部门)[：:]\s*([^；;。]+)", action)
    if lead_m or support_m:
        lead = [u.strip() for u in re.split(r"[、，,]", lead_m[1])] if lead_m else []
        support = [u.strip() for u in re.split(r"[、，,]", support_m[1])] if support_m else []
        return [u for u in lead if u], [u for u in support if u]
    lead: list[str] = []
    for clause in _CLAUSE_SPLIT.split(action):
        clause = re.sub(r"^\s*(?:[（(]\d+[)）]|\d+[.．、])\s*", "", clause).strip()
        if not clause or CONDITIONAL_CLAUSE.search(clause):
            continue
        clause = _LEADING_ADVERB.sub("", clause)
        if name := org_at(clause):
            lead.extend(split_units(name))
    lead.extend(_names_after(action, "由"))
    support = _names_after(action, "会同|配合|协助|协同")
    lead = list(dict.fromkeys(u for u in lead if u not in support))
    return lead, list(dict.fromkeys(support))


_ANCHOR = (
    r"(?:接到[^，。；在]{0,6}?后|(?:响应|预警|预警信息|事故|事件|险情|灾情|灾害|指令|通知|命令|报告)?"
    r"(?:发生|启动|发布|签发|开放|终止|结束|接报|接警|到达|确认)后)"
)
# a number OCR spaced out (「3 0 分钟内」) is one number
SPACED_NUMBER = r"\d+(?:[ \u3000]\d+)*"
_TIME_LIMIT = re.compile(
    rf"{_ANCHOR}?(?:{SPACED_NUMBER}|[一二两三四五六七八九十半])\s*个?(?:分钟|小时|工作日|日|天)(?:内|以内|之内)"
    r"|(?:最迟|最晚)(?:在|不得晚于|不超过)?[^，。；]{0,12}?(?:分钟|小时|日|天)内?"
    r"|每(?:\d+|[一二两三四五六半])?\s*个?(?:小时|分钟|日|天|周|月)[^，。；]{0,12}?一次"
    r"|每(?:\d+|[一二两三四五六半])\s*个?(?:小时|分钟)"
    r"|立即|第一时间|随时|\d+月\d+日前"
)


# a deadline column's cell: 「接报后30分钟」「响应启动后1小时」「每日9时、16时」 (no 内 needed there)
_CELL_TIME_LIMIT = re.compile(rf"{_ANCHOR}?\s*(?:{SPACED_NUMBER}|[一二两三四五六七八九十半])\s*个?(?:分钟|小时|工作日|日|天)(?:前|内)?"
                              r"|每日[\d:：、时和]+")


def find_cell_time_limit(cell: str) -> str | None:
    """The deadline a table's 时限 cell states: any time limit, or a span after an event on its own."""
    cell = cell.strip()
    return cell if find_time_limit(cell) or _CELL_TIME_LIMIT.fullmatch(cell) else None


def find_time_limit(text: str) -> str | None:
    """The first time limit stated in `text`, verbatim: 「接到指令后30分钟内」「每2小时续报一次」「立即」."""
    m = _TIME_LIMIT.search(text)
    if not m:
        return None
    return re.sub(r"^[在于]", "", m[0])
