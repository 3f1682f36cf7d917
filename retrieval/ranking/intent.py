"""What a question asks for (who, when, how long, how much, which level, which colours, how many, whether allowed,
what penalty, which steps), and whether a sentence states that kind of fact.

The lead of an answer is chosen by this, not by position: 「防汛Ⅱ级响应由谁启动」 wants the sentence that names who
decides, 「迟报罚多少」 the one with the fine. Chinese and English questions are both recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"[0-9０-９一二三四五六七八九十百千万两半]+"


@dataclass(frozen=True)
class Intent:
    name: str
    asked: re.Pattern[str]
    stated: re.Pattern[str]


INTENTS = (
    # 「防洪法开头讲的立法目的是什么」「它是照着哪几部法规编的」: the clause that says why and on what a document was made
    # (「为了…，制定本法」「根据…，结合本市实际，制定本办法」)
    Intent("purpose",
           re.compile(r"立法目的|立法宗旨|编制目的|制定目的|开宗明义|(?:开头|总则)[^，。？]{0,8}目的"
                      r"|(?:制定|编制|出台)[^，。？]{0,6}为了什么|为了什么[^，。？]{0,4}(?:制定|编制|编的|定的)"
                      r"|(?:依据|根据|照着)(?:什么|哪些|哪几部?)[^，。？]{0,6}(?:制定|编制|编的|定的)"
                      r"|\bpurposes?\b|on what basis|drawn up for|(?:made|enacted|issued) for\b", re.I),
           re.compile(r"为了[^。；]{4,120}(?:制定|编制)本|(?:根据|依据)[^。；]{2,120}(?:制定|编制)本"
                      r"|^\s*(?:第[一二三四五六七八九十]+条\s*)?为了")),
    Intent("which_colours", re.compile(r"颜色|几种色|红橙黄蓝|colou?rs?", re.I), re.compile(r"[红橙黄蓝]色")),
    Intent("penalty", re.compile(r"罚|处罚|处分|怎么处理|如何处理|追究|法律责任|penalt|fine|punish", re.I),
           re.compile(r"罚款|处分|拘留|责令|吊销|追究|处[^，。；]{0,12}元|没收|警告")),
    Intent("which_level",
           re.compile(r"哪一?级|几级|什么级别|哪个级别|什么等级|哪一?个?等级|分几级|属于.{0,6}(事故|事件)|算.{0,4}(事故|事件)"
                      r"|which (level|grade)|what (level|grade)|levels?\b|grade", re.I),
           re.compile(r"[ⅠⅡⅢⅣ]级|[一二三四]级|特别重大|重大|较大|一般")),
    Intent("how_long",
           re.compile(r"多久|多长时间|几个?小时|几天|几分钟|多少天|多少小时|几日|期限|时限|多少个?工作日|最晚|最迟|how (long|often|soon)"
                      r"|within|deadline|hours?|days?", re.I),
           re.compile(_NUM + r"\s*个?(小时|分钟|天|日|工作日|周|月|年)|立即|立刻|第一时间|及时|每[^，。；]{0,4}(一次|1次)")),
    Intent("how_much", re.compile(r"多少钱|多少元|多少万|罚多少|百分之几|多大|比例|how much|amount", re.I),
           re.compile(_NUM + r"\s*[万亿]?元|百分之|%|" + _NUM + r"\s*(平方米|公顷|亩|吨)")),
    Intent("how_many", re.compile(r"多少|几个|几名|几人|几处|几次|几种|how many|number of", re.I),
           re.compile(_NUM + r"\s*(个|名|人|处|次|种|支|户|座|辆|台)")),
    Intent("who", re.compile(r"谁|哪个部门|哪些部门|哪个单位|由哪|哪级政府|什么部门|\bwho\b|which (body|department|authority|committee)",
                             re.I),
           re.compile(r"负责|决定|批准|担任|牵头|签发|名义|由[^，。；]{1,20}(负责|决定|批准|组织|发布|印发|调查)")),
    # 「每天几点报汛情」: a time of day (「每日9时、17时」)
    Intent("when", re.compile(r"什么时候|何时|哪天|几月|几号|哪一天|几点|几时|\bwhen\b|what (date|time)", re.I),
           re.compile(r"[0-9一二三四五六七八九十]{1,4}\s*(月|日|号)|前后|期间|\d{1,2}\s*[时点](?!间)")),
    Intent("allowed", re.compile(r"能不能|可不可以|可以吗|能否|是否可以|允许|能.{0,8}吗|行不行|(?:可以|必须|需要|要求|应当|得)[^，。？]{0,12}吗"
                                 r"|要不要|是否(?:必须|需要|应当)|\bcan\b|allowed|may\b|must\b",
                                 re.I),
           re.compile(r"不得|严禁|禁止|应当|可以|有权|必须")),
    Intent("what_steps", re.compile(r"哪些措施|哪些环节|步骤|怎么做|如何|流程|程序|what (steps|measures)|how (do|should)",
                                    re.I),
           re.compile(r"（[一二三四五六七八九十]+）|[;；]|措施")),
)


def intent_named(name: str) -> Intent:
    return next(i for i in INTENTS if i.name == name)


def question_intent(question: str) -> Intent | None:
    """The first intent whose question words occur; None for a question of no recognised kind."""
    return next((i for i in INTENTS if i.asked.search(question)), None)


def states(intent: Intent | None, sentence: str) -> bool:
    return intent is not None and bool(intent.stated.search(sentence))


# 「分几级」「怎么分级」 asks for the grading itself: the sentence that lists the levels (「分为一般、较大、重大和特别
# 重大四级」) answers it, not one that names a single level.
_ASKS_GRADING = re.compile(r"分几|几个?等级|几级|怎么分级|如何分级|分哪几|分为哪|分成哪|how many (levels|grades|classes)", re.I)
_LEVEL_WORD = re.compile(r"特别重大|重大|较大|一般|[ⅠⅡⅢⅣ]级|[一二三四]级|[红橙黄蓝]色")


def asks_grading(question: str) -> bool:
    return bool(_ASKS_GRADING.search(question))


def lists_levels(text: str) -> bool:
    """A text that divides into levels: 「分为」 and at least two level names, or 「分为以下等级」."""
    if re.search(r"分为(以下|下列)[^，。；]{0,4}(等级|级别|级)", text):
        return True  # 「事故一般分为以下等级：」, the levels following
    return bool(re.search(r"分为|划分为|分成", text)) and len(set(_LEVEL_WORD.findall(text))) >= 2
