"""The kind of fact a question asks for, and whether retrieved text holds one.

「值班补助每个班给多少钱？」 asks for an amount of money: clauses about 值班 that state no amount do not answer
it, however well they match its words, and an extractive answer built from them would look like an answer
while saying nothing. Such a question is refused ("not found in the documents") with the closest passages
offered to read. Only kinds that can be recognised reliably in Chinese text are checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.plan.tables import row_cells

_NUMBER = r"[0-9一二三四五六七八九十百千万两半]+"
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Dates say when, not how long: 2011年1月8日 is no time limit.
_DATE = re.compile(r"[0-9]{4}年|[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日")
# Counted things (多少处 避难场所, 几起 事故, 多少公斤): a text answers only with a number in the same unit.
_SENTENCE_END = re.compile(r"[。；;！!\n]")
# A figure of a fine: 5万元, 二千元, 40%, 百分之六十, 一倍 (「处上一年年收入40%至80%的罚款」, 「违法所得一倍以上五倍以下」).
FINE_FIGURE = re.compile(_NUMBER + r"\s*[万亿]?元|百分之|\d+(?:\.\d+)?\s*[%％]|" + _NUMBER + r"倍")
# a change on a year is asked and stated in the same words
_YEAR_ON_YEAR = re.compile(r"同比|环比|比上年|较上年|比去年")
_UNITS = ("立方米|平方米|公顷|公里|毫米|公斤|摄氏度|万方|米|吨|度|人|户|亩|处|起|次|座|家|所|辆|台|名|艘|架|支|批"
          "|贝可|贝克|毫希|微希|戈瑞|千伏|千瓦|兆瓦|件|套|顶|只|头|箱|袋|桶|张")


# A count or measure asked of a named work (「鹳山水库的汛限水位是多少米」) or of a property (坝高, 库容) is stated only by a
# sentence that names them: 青山水库's 86.74米 is no 鹳山水库 level, and a reservoir's highest level is not its 坝高.
_NAMED_WORK = re.compile(r"[\u4e00-\u9fff]{2}(?:水库|水文站|水位站|大桥|隧道|水厂|变电站|水电站|林场|泵站|水闸|油库|储备库|检查站)")
_MEASURE = re.compile(r"坝高|库容|全长|长度|高度|宽度|汛限水位|警戒水位|保证水位|设计水位|校核水位|历史最高水位|流量|水深")
# 「风力灭火机、水泵各有多少台」: the things counted, listed before the question
_COUNTED_LIST = re.compile(r"(?P<items>[\u4e00-\u9fff]{2,10}(?:[、和及][\u4e00-\u9fff]{2,10})+)(?:分别|各)(?:有|是|为)?(?:多少|几)")


def _subjects(question: str) -> tuple[list[str], list[str]]:
    """(words every evidence sentence must hold, things one of which it must hold) for a count or measure."""
    required = _NAMED_WORK.findall(question) + _MEASURE.findall(question)
    listed = _COUNTED_LIST.search(question)
    return required, re.split(r"[、和及]", listed["items"]) if listed else []


_SAME_UNIT = {"人": "人|名|位", "名": "人|名|位"}


@dataclass(frozen=True)
class AnswerType:
    name: str
    asked: re.Pattern[str]
    evidence: re.Pattern[str] | None = None  # None: a number in the unit the question asks in
    ignored: re.Pattern[str] | None = None  # text that looks like evidence but is not
    # What the amount is of (补助, 票价): when the question names it, the evidence must be in a sentence about it —
    # a fine in 元 does not state a 补助.
    of: re.Pattern[str] | None = None

    def stated_in(self, question: str, text: str) -> bool:
        if self.ignored is not None:
            text = self.ignored.sub(" ", text)
        if self.evidence is not None and self.of is not None and (named := self.of.search(question)):
            return any(named[0] in s and self.evidence.search(s) for s in _SENTENCE_END.split(text))
        if self.evidence is not None:
            return bool(self.evidence.search(text))
        match = self.asked.search(question)
        if "work" in match.groupdict():  # 「斑鸠岩水库总库容多少」: a figure said of that work and that measure
            return any(match["work"] in s and match["measure"] in s and re.search(r"\d", s)
                       for s in _SENTENCE_END.split(text))
        if "thing" in match.groupdict():  # 「一共设了几个森林防火检查站」: a number of that thing, said of it
            tail = re.escape(match["thing"][-3:])
            counted = re.compile(rf"{_NUMBER}\s*(?:个|座|处)?[^，。；]{{0,6}}{tail}|{tail}[^，。；]{{0,6}}?{_NUMBER}\s*(?:个|座|处)")
            return any(counted.search(s) for s in _SENTENCE_END.split(text))
        unit = match[1] or match[2]
        unit = _SAME_UNIT.get(unit, unit)  # 「每班至少几个人」 is answered by 「1名带班领导和1名值班员」
        # 「停电多少户算较大事件」 is answered by a grading that counts a share of them: 「30%以上50%以下供电用户停电」
        figure = re.compile(rf"{_NUMBER}\s*(?:个|摄氏)?(?:{unit})|\d+(?:\.\d+)?\s*[%％][^，。；]{{0,8}}?(?:{unit})")
        required, things = _subjects(question)
        return any(figure.search(s) and all(w in s for w in required) and (not things or any(t in s for t in things))
                   for s in _SENTENCE_END.split(text))


ANSWER_TYPES = (
    # A fine is also stated as a share of income or a multiple: 「处上一年年收入40%至80%的罚款」.
    AnswerType("fine", re.compile(r"罚款?多少|罚几|罚多少"), FINE_FIGURE),
    AnswerType("amount of money",
               re.compile(r"多少钱|几块钱|多少元|罚款多少|罚多少|补助多少|补贴多少|票价|多少万|多少亿|给多少|奖多少"
                          # (「收费系统里这几座站」: a demonstrative 这几 asks nothing)
                          r"|(费|补助|补贴|津贴|奖金|损失|保额|赔偿|赔付|抚恤)[^，。？！,?]{0,6}(多少|(?<![这那哪])几)"),
               re.compile(_NUMBER + r"\s*[万亿]?元"),
               # (「每吨原煤提取多少元安全生产费用」: a fee is stated of that fee, not by a fine in 元)
               of=re.compile(r"补助|补贴|津贴|奖金|评审费|票价|工资|报酬|保额|赔偿|赔付|抚恤金?|奖励|费用|经费")),
    AnswerType("telephone number", re.compile(r"(电话|号码|热线|手机号?)(号码|号)?(?:分别|各自|都)?(是)?(多少|是什么|是啥)"),
               re.compile(r"\d{5,}|\d{3,4}[-－—]\d{7,8}")),
    # 「把各街道易涝点值守人员的名单和联系电话列出来」: a roster of people is answered only by names or numbers
    AnswerType("roster of people", re.compile(r"^(?=.*(?:列|发我|发给|给我|提供|汇总|有谁))"
                                              r".*?(?:(?:人员|干部|队员|负责人|联系人)[^，。？！]{0,6}(?:名单|姓名)"
                                              r"|联系电话|电话号码|手机号)"),
               re.compile(r"\d{3,4}[-－—]?\d{7,8}|1[3-9]\d{9}|姓名|[\u4e00-\u9fff]某")),
    # 「那47眼自备井分别在哪些单位」「那12支专业排险队伍的名称、驻地」: the members of a set a document counts, asked by
    # name or place (not 「“四位一体”…是哪四样」, an idiom of the text); answered only by a passage that names them after a count (「6支队伍：…队、…队」) or in a table
    AnswerType("names of counted members",
               re.compile(r"(?:那|这)?(?:\d+|[一二两三四五六七八九十]+)\s*(?:个|家|座|支|处|眼|条|所|名|位(?!一体)|户)[\u4e00-\u9fff]{1,10}?"
                          r"[^，。？]{0,12}?(?:分别|各自|都|各)?[^，。？]{0,6}?"
                          r"(?:叫什么|叫啥|名称|名字|在哪|是哪|是谁|有谁|名单|名录|地址|驻地|负责人|带队人)"
                          # 「那217家企业，哪些还没配齐救援人员？列个名单」
                          r"|(?:哪些|哪几[个处家座支所条名位户])[^。！]{0,40}?(?:列(?:个|出|一下)?|给(?:个|我)|出个)(?:名单|名录)"),
               re.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:个|家|座|支|处|眼|条|所|名|位|户)[^。；\n]{0,16}?"
                          r"(?:[：:（(]|分别是|分别为|包括|即)[^。；\n]{0,8}?[\u4e00-\u9fff]{2,14}、[\u4e00-\u9fff]{2,14}"
                          r"|(?:^|\n)\|[^\n]+\|\n\|[^\n]+\|\n\|[^\n]+\|")),
    AnswerType("seconds", re.compile(r"多少秒|几秒"), re.compile(_NUMBER + r"\s*秒")),
    # 「那二十四架植保无人机是什么品牌、什么型号」: equipment's make or model, which a count of it (「无人机 ２４ 架」) does
    # not state
    AnswerType("make or model", re.compile(r"(?:什么|哪个|哪家|啥)(?:品牌|牌子|厂家|型号)|型号(?:是|为)?(?:什么|多少|啥)"),
               re.compile(r"(?:品牌|牌子|型号|厂家)\s*[:：为是]|(?<![A-Za-z])[A-Z]{1,4}\s*[-－]?\s*\d{1,5}[A-Z]?(?![A-Za-z\d])")),
    # 「从哪天往前数」「哪天起算」 ask where a count starts (an event, 「确诊之日」), not a date on the calendar
    AnswerType("date", re.compile(r"(?<!从)哪一?天(?!起?(?:开始)?(?:往前|往后|向前|向后)?(?:算|数|计))|几月几[日号]|什么日子"),
               re.compile(r"[0-9一二三四五六七八九十]{1,2}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*[日号]")),
    # 「防汛条例里说的凌汛期，具体是每年几月到几月」: the months of a season, stated by a sentence that dates that season
    # (「凌汛期间的下泄水量」 dates none, and 「6月1日至9月30日为汛期」 is another season)
    AnswerType("months of a season", re.compile(r"几月(?:份)?(?:到|至|起|开始)|哪几个月|从几月|几月份"),
               re.compile(r"[0-9一二三四五六七八九十]{1,2}\s*月"),
               of=re.compile(r"凌汛期|主汛期|后汛期|前汛期|汛期|森林防火期|防火期|禁渔期|休渔期|禁火期|封山期")),
    # 「按上一年营业收入的百分之几安排」: a share of an income is stated of that income (a fine's 「年收入百分之四十」 is not)
    # 「资本充足率低于多少」: a rate is stated of that rate (a plan's 停售率 thresholds state no 充足率)
    AnswerType("share", re.compile(r"(率|比例|占比|比重)(?:[是为有]|低于|高于|超过|达到|不足|不到)?多少|百分之几|百分比"),
               re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之"),
               of=re.compile(r"营业收入|销售收入|工资总额|[\u4e00-\u9fff]{2}率(?=[是为有低高超达不]|多少)")),
    # 「安全帽用几年必须换」「相关工作年限各是多少」: a number of years, which 「立即」 or 「及时」 does not state
    AnswerType("years", re.compile(r"(?<!好)几年|多少年|年限[^，。？]{0,4}(?:多少|几)"),
               re.compile(_NUMBER + r"\s*(?:个|周)?年(?!度)"), ignored=_DATE),
    AnswerType("time limit",
               re.compile(r"几个?小时|多长时间|多久|几天|几分钟|多少天|多少小时|几日|几个月|多少分钟"),
               re.compile(_NUMBER + r"\s*个?(小时|分钟|天|日|工作日|周|月|年)|立即|立刻|即时|第一时间|及时|随时"),
               ignored=_DATE),
    AnswerType("licence plate", re.compile(r"车牌"),
               re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s*[A-Z]\s*[·.]?\s*[A-Z0-9]{5}")),
    # a person's name: reports write it whole or as 张某, 李某某
    AnswerType("name of a person", re.compile(r"(?:司机|驾驶员|负责人|值班员|责任人|当事人|遇难者|[区市县镇]长|书记|局长|主任"
                                              r"|指挥长|总指挥|哪位)[^，。！]{0,8}(?:叫什么|叫啥|姓名|名字|全名)"
                                              r"|是哪位[^，。！？]{0,8}[？?]?[^，。！]{0,4}全名"),
               re.compile(r"[\u4e00-\u9fff]某{1,2}|姓名")),
    # 「被判了刑，以后还能当…吗」 asks what follows a sentence, not what the court decided
    AnswerType("court judgment", re.compile(r"怎么判|如何判|判了?几年|判了?多少|判了?什么|判决(?:结果|是|如何)|判处了?(?:什么|多少|几)"),
               re.compile(r"判处|判决|有期徒刑|无期徒刑|拘役|缓刑")),
    AnswerType("change on a year", _YEAR_ON_YEAR, _YEAR_ON_YEAR),
    # 「建筑面积或者员工人数到多少就必须列为重点单位」: a size a rule starts at, stated only by a figure
    AnswerType("threshold of a size",
               re.compile(r"(?:面积|人数|数量|规模|容量|库容|储量|产量|吨位|高度|长度|深度)[^，。？！]{0,8}?(?:到|达到|超过|满|在)多少"
                          r"(?!钱|元)"),
               re.compile(r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*万?(?:平方米|公顷|亩|人|名|吨|立方米|米|座|层)")),
    # 几 only before the question mark: 「几家公司一起委托…」 describes, 「死了几人？」 asks.
    # (「具体是哪几处？」 asks which ones, not how many)
    AnswerType("quantity", re.compile(rf"多少个?({_UNITS})|(?<!哪)几个?({_UNITS})(?=[？?]|$)")),
    # 「沄州斑鸠岩水库总库容多少？汛限水位是多少？」: a measure of a named work, asked without a unit
    AnswerType("measure of a named work",
               re.compile(rf"(?P<work>{_NAMED_WORK.pattern})[^，。？?]{{0,6}}?(?P<measure>{_MEASURE.pattern})"
                          r"[^，。？?]{0,4}?(?:多少|几)")),
    # (a time limit is the time-limit type's: 「几个工作日内」; 「得哪几个人点头」 asks who)
    AnswerType("count of a thing", re.compile(r"(?:(?<!哪)几个|多少个)(?!工作日|小时|月|星期|周|天|年|分钟|钟头)"
                                              r"(?P<thing>[\u4e00-\u9fff]{2,10}?)(?=[？?]|$)")),
)


def asked_type(question: str) -> AnswerType | None:
    return next((t for t in ANSWER_TYPES if t.asked.search(question)), None)


def missing_answer_type(question: str, texts: list[str]) -> AnswerType | None:
    """The kind of fact the question asks for when none of the texts states one; None when answerable."""
    wanted = asked_type(question)
    # 「２ 支共 ４８ 人」: an OCR'd plan's full-width digits state a count as ASCII ones do (its spaced digits are
    # left apart: joined, 「2 0 2 3 年」 would pass for a telephone number)
    if wanted is None or any(wanted.stated_in(question, with_header_units(text.translate(_FULL_WIDTH_DIGITS)))
                             for text in texts):
        return None
    return wanted


_HEADER_UNIT = re.compile(r"[（(]\s*(" + _UNITS + r"|万元|元)\s*[)）]\s*$")


def with_header_units(text: str) -> str:
    """A table's rows followed by their figures with the unit the header gives their column: 「名称 | 本体面积（平方米）」
    over 「钺溪石塔 | 45」 → 「钺溪石塔 | 45 45平方米」, so that a row states a measure as a sentence would."""
    if "|" not in text:
        return text
    lines, units = text.split("\n"), None
    for i, line in enumerate(lines):
        if "|" not in line:
            units = None
            continue
        cells = row_cells(line)
        if units is None:
            units = [m[1] if (m := _HEADER_UNIT.search(c)) else "" for c in cells]
            continue
        if any(units):
            lines[i] = line + " " + " ".join(c + units[j] for j, c in enumerate(cells)
                                             if j < len(units) and units[j] and re.fullmatch(r"[\d.]+", c))
    return "\n".join(lines)
