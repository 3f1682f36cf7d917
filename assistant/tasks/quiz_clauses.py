"""Which clauses a drill paper draws from: the drill value of a sentence, and a seeded draw spread over
documents and chapters.

Worth asking: response levels and their triggers, thresholds, deadlines and reporting cadences, who decides and
who leads, warning colours, penalties, duties. Never asked: background figures (area, population, output), how to
appeal a penalty (复议, 诉讼), table-of-contents lines, and what a document says about itself (purpose, basis,
scope, who interprets it, when it takes effect), a clause that refers to a list it does not show (「有下列行为之一的」), a sentence with OCR-garbled
tokens (「l万元」), an item of a list of conditions (its opening line says what they trigger), an item or a later
「；」-part of an item under an opening line that narrows the list's scope (「…发生后，按照下列规定…：」, 「在河道管理范围内
从事下列行为的…：」), and a review's own words (「明确……」 proposes, 「确保…」 reports): only a rule it quotes
(「预案规定…」). An item of a list of acts is asked whole, with its opening line's subject and penalty. A question is worded from
the clause's stem text: OCR residue cleaned (`retrieval.cleanup.clean_text`), no leading article number or list
marker (「第十五条」, 「（2）」, 「4.」: a marker can give the answer away), no trailing 「；」. The draw weights each clause by its value and takes at most a fair share per document and
one clause per chapter until every chapter has had its turn, so a new seed gives a new paper.
"""

from __future__ import annotations

import heapq
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from assistant.composers.extractive import is_heading_line, text_sentences
from assistant.tasks.quiz_lists import ARTICLE_NUMBER, MARKER, ListClause, list_clauses, tight
from assistant.tasks.quiz_terms import Term, find_terms
from retrieval.cleanup import clean_text
from retrieval.models import Chunk

CUES: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"[ⅠⅡⅢⅣ]级|[红橙黄蓝]色预警|启动|响应"), 3.0),
    (re.compile(r"\d+\s*(?:分钟|小时|日|天|个工作日)(?:内|以内)|每\d+小时|续报"), 3.0),
    (re.compile(r"报告|报送|上报|通报"), 2.0),
    (re.compile(r"决定|批准|签发|宣布|牵头|负责|指挥"), 2.0),
    (re.compile(r"罚款|处分|追究|责令|吊销|拘留"), 2.0),
    (re.compile(r"应当|必须|不得"), 1.0),
]
SELF_REFERENCE = re.compile(r"本(?:预案|条例|办法|规定|法|细则|决定)(?:由|自|所称|适用|的编制|是|根据|依据)|负责解释|自.{0,12}起施行"
                            r"|制定本(?:预案|条例|办法|规定|法|细则)|印发之日|以下简称")
# how to appeal a penalty (「对复议决定不服的，可以在接到复议决定之日起15日内向人民法院起诉」) is a lawyer's question, not a drill
APPEAL = re.compile(r"行政复议|申请复议|复议决定|行政诉讼|向人民法院起诉")
BACKGROUND = re.compile(r"总面积|面积约|平方公里|常住人口|户籍人口|人口约|生产总值|GDP|辖\d+个|下辖|地处|位于|东经|北纬|年均")
INTRO_HEADINGS = re.compile(r"编制目的|编制依据|适用范围|工作原则|目的|依据|概况|区情|附则|名词术语|术语")
# a section of one level's criteria (「8.1.2 Ⅱ级预警」, 「Ⅲ级响应启动条件」): its items trigger that level, even in 附则 (where
# the national weather plan keeps its warning standards)
# 「5.2.3 Ⅲ级应急响应措施」「5.2.4 Ⅱ级和Ⅰ级应急响应措施」: the measures of a level (round 22, r24)
LEVEL_MEASURES_HEADING = re.compile(r"(?P<level>(?:[ⅠⅡⅢⅣ]|IV|I{1,3}|[一二三四])级(?:[和、](?:[ⅠⅡⅢⅣ]|IV|I{1,3}|[一二三四])级)*"
                                    r"(?:应急)?响应)(?:措施|行动)\s*$")
LEVEL_WORD = re.compile(r"(?:[ⅠⅡⅢⅣ]|IV|I{1,3}|[一二三四1-4])级")
LEVEL_CRITERIA_HEADING = re.compile(r"(?P<level>(?:[ⅠⅡⅢⅣ]|IV|I{1,3}|[一二三四])级(?:应急)?(?:预警|响应))"
                                    r"(?:(?:启动)?(?:条件|标准))?\s*$")
TOC_LINE = re.compile(r"[.…·]{4,}|^\s*目\s*录")
LIST_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、)")
STANDS_ALONE = re.compile(r"应当|应|由|负责|启动|发布|报告|组织|在.{0,20}后|[：:]|是|为")
# the opening line of a list of conditions and what they trigger: 「符合下列条件之一的，启动Ⅳ级应急响应：」
# the opening line of a list that narrows its items' scope: 「自然灾害、事故灾难或者公共卫生事件发生后，……按照下列规定指挥
# 协调应急处置工作：」 — an item stated without it would claim more than the law says
SCOPED_OPENING = re.compile(r"(?:发生后|之后|以后|期间|(?<![及同随适])时|过程中)[，,][^。；]*(?:下列|以下|如下)[^。；]*[：:]\s*$")
ALL_OF = re.compile(r"同时(?:满足|具备|符合|具有)?|均|全部|并且")
# (「依照下列规定上报事故情况，并通知…：」 lists how to report, not conditions: the list word follows 下列 closely)
CONDITIONS = re.compile(r"(?:下列|以下|如下)(?!规定)[^。；：，]{0,4}(?:之一|条件|情形|情况)[的者]?[，,](?P<then>[^。；：]{2,40})[：:]")
# the opening line of a list of acts and what they incur: 「生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；」
ACTS = re.compile(r"(?:^|[\s\u3000。；，,])(?P<who>(?:[^\s\u3000。；：:，,]{1,30}违反[^\s\u3000。；：:，,]{0,20}规定[，,])?"
                  r"[^\s\u3000。；：:，,]{0,20}?)有(?:下列|以下)(?:行为|情形)之一的[，,]"
                  r"(?P<then>[^。；;：:]{4,60})[。；;：:]")
# an act that names who commits it (「危险物品的生产…单位的主要负责人和安全生产管理人员未按照规定经考核合格」) is not joined to
# the opening line's subject (「生产经营单位」): 「生产经营单位危险物品的…」 is broken Chinese
OWN_SUBJECT = re.compile(r"^(?!未|不|没有|违反|擅自|拒绝)[^，,；;。]{2,60}?(?:单位|人员|负责人|机构|企业)"
                         r"(?:未|不|没有|违反|擅自|拒绝|瞒报|谎报|迟报|漏报)")
CATCH_ALL = re.compile(r"(?:^|[\s◆●▲•■□])其他.{0,30}(?:情况|情形|事项|事件|工作)[。；]?$")
REVIEW_RULE = re.compile(r"预案规定|规定的|预案要求")
REVIEW_WEIGHT = 0.5
RECOMMENDATION = re.compile(r"^(?:进一步)?(?:明确|建立|健全|完善|加强|强化|推动|落实|修订|优化|提升|规范|细化|加快|压实)")
UNSHOWN_LIST = re.compile(r"(?:下列|如下|以下)[\u4e00-\u9fff]{0,8}之一|(?:下列|如下)(?:行为|情形|情况|事项|条件|措施|规定)")
GARBLED = re.compile(r"(?<=[\u4e00-\u9fff\d])[A-Za-z](?=[\u4e00-\u9fff\d])|[□■�◆●▲]")
# a rule whose content is another law's article (「依照《安全生产法》第九十四条的规定」): that law may have been revised
REFERS_TO_ARTICLE = re.compile(r"依照《[^》]+》第[零〇一二三四五六七八九十百千\d]+条")
# an act named by its article only (「违反本条例第三十七条第一款规定，未履行告知义务的」): a trainee cannot tell which duty is meant
ACT_BY_ARTICLE = re.compile(r"违反本(?:条例|法|办法|规定|细则|决定)第[零〇一二三四五六七八九十百千\d]+条")
# 「拒不改正的，处…」, 「对其直接负责的主管人员…处…」 need the sentence before them: they are asked with it
FOLLOW_UP = re.compile(r"^(?:拒不|逾期|情节严重|造成严重后果|有前款|(?:没有)?违法所得|对其(?:直接负责|主要负责))")
MIN_CHARS, MAX_CHARS = 15, 150
VALUE_WEIGHT = 0.25  # a clause of value 6 is drawn about 1.6 times as often as one of value 1: weighted, yet spread
CHAPTER_WEIGHT = 0.5  # a chapter asked twice has its keys × 1.7: spread, yet a chapter of many clauses is not starved


@dataclass
class Clause:
    sentence: str  # verbatim, as the citation quotes it
    chunk: Chunk
    terms: list[Term]
    value: float
    text: str = ""  # the stem text: cleaned, without article number, list marker or trailing 「；」
    listed: ListClause | None = None  # a list clause, asked as a multiple choice over its items

    def __post_init__(self) -> None:
        self.text = self.text or stem_text(self.sentence)

    @property
    def chapter(self) -> str:
        return f"{self.chunk.doc_id}:{self.chunk.heading_path[0] if self.chunk.heading_path else ''}"


def stem_text(sentence: str) -> str:
    """「第十八条　…5个工作日内完成审批；」 → 「…5个工作日内完成审批。」, 「（2）区气象局…」 → 「区气象局…」, OCR residue cleaned."""
    text = tight(sentence)
    for _ in range(3):
        stripped = MARKER.sub("", ARTICLE_NUMBER.sub("", text)).strip()
        if stripped == text:
            break
        text = stripped
    return re.sub(r"[；;：:，,、]+$", "", text) + ("" if re.search(r"[。！？]$", text) else "。")


def _opening_line(before: str) -> str:
    """The last line before an item that opens a list (ends with 「：」)."""
    return next((line for line in reversed(before.split("\n")) if line.rstrip().endswith(("：", ":"))), "")


def _later_part_of_an_item(sentence: str, chunk: Chunk) -> bool:
    """A sentence after the first of a list item (「（四）在堤防范围内，放牧的，处500元以下罚款；开渠、打井的，处1000元以上
    5000元以下罚款；」) under an opening line that holds the list's scope (「在河道管理范围内从事下列行为的」): stated
    alone, it would lose both the item's scope and the list's."""
    at = chunk.text.find(sentence)
    line_start = chunk.text.rfind("\n", 0, max(at, 0)) + 1
    return at > line_start and bool(LIST_ITEM.match(chunk.text[line_start:])) \
        and bool(UNSHOWN_LIST.search(_opening_line(chunk.text[:line_start])))


def condition_text(sentence: str, chunk: Chunk) -> str:
    """The stem text of a sentence; an item of a list of conditions carries what the list's opening line says
    they trigger (「（1）区气象台发布暴雨蓝色预警；」 under 「符合下列条件之一的，启动Ⅳ级应急响应：」 →
    「区气象台发布暴雨蓝色预警的，启动Ⅳ级应急响应。」); such an item under no such line is not asked ("")."""
    text = stem_text(sentence)
    if not LIST_ITEM.match(sentence):
        return "" if _later_part_of_an_item(sentence, chunk) else text
    before = chunk.text[:max(chunk.text.find(sentence), 0)]
    opening = list(CONDITIONS.finditer(before))
    if opening and ALL_OF.search(before[:opening[-1].start()][-6:]):
        return ""  # one of conditions that must all hold (「同时满足下列条件的」) triggers nothing alone
    if labelled := LABELLED_CLASS.match(text):  # 「较大森林火灾：受害森林面积在1公顷以上…的」 → 「受害…的，为较大森林火灾。」
        return f"{labelled['criteria']}，为{labelled['label']}。"
    condition = re.sub(r"的?[。！？]$", "", text)
    if not opening and (level := level_criteria_heading(chunk)):
        return f"{condition}的，为{level}。"
    if not opening:
        # an item of a list of conditions whose consequence is only in a heading (「1.启动标准」 over 「（1）省级气象部门
        # 发布暴雨橙色预警，衡阳处在预警区域内」) states nothing to judge
        return "" if re.search(r"之一|条件|情形|启动标准|发布标准", before) or SCOPED_OPENING.search(_opening_line(before)) \
            or CONDITION_HEADING.search(" ".join(chunk.heading_path)) else text
    return f"{condition}的，{opening[-1]['then']}。"


# an item of a grading list, labelled with its class: 「（二）较大森林火灾：受害森林面积在1公顷以上100公顷以下的，…；」
LABELLED_CLASS = re.compile(r"^(?P<label>(?:特别重大|重大|较大|一般)[\u4e00-\u9fff]{0,6}?(?:事故|事件|灾害|火灾))[：:]"
                            r"(?P<criteria>[^：:]+?的)[。；]?$")


# a heading over conditions whose consequence only the heading or its section states: 「1.启动标准」「发布条件」
CONDITION_HEADING = re.compile(r"(?:启动|发布|响应|预警)(?:标准|条件)$|(?:标准|条件)\s*$")
# a label that names an aspect of its section's subject: 「发布标准：未来6小时内降雨量将达到50毫米以上」 under
# 「（一）暴雨黄色预警信号」
ASPECT_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff]{0,4}(?:标准|条件|含义|时效|指南|要求))[：:]")
_SECTION_LINE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d+(?:\.\d+)*\s)"
                           r"\s*(?P<title>[^。；：:，,]{2,24})\s*$")


def with_section_subject(text: str, sentence: str, chunk: Chunk) -> str:
    """A stem that opens with an aspect label names its section's subject first: 「发布标准：…」 under 「（一）暴雨黄色
    预警信号」 → 「暴雨黄色预警信号发布标准：…」 (the subject is the section title line above the sentence in the chunk,
    else the chunk's own heading; a chunk of merged sections has no single one)."""
    if not text or not ASPECT_LABEL.match(text):
        return text
    before = chunk.text[:max(chunk.text.find(sentence), 0)].split("\n")
    title = next((m["title"].strip() for line in reversed(before) if (m := _SECTION_LINE.match(line))), "")
    if not title and chunk.heading_path and " / " not in chunk.heading_path[-1]:
        title = MARKER.sub("", re.sub(r"^[\d.]+\s*", "", chunk.heading_path[-1])).strip()
    return f"{title}{text}" if title else ""


def with_level_of_measures(text: str, chunk: Chunk) -> str:
    """A measure from a level's measures section names that level: 「区森防指指挥长在响应启动后2小时内到达扑火前线指挥部」
    under 「5.2.3 Ⅲ级应急响应措施」 → 「启动Ⅲ级应急响应后，区森防指指挥长…」; stated alone it would read as a rule of every
    level. A text that names a level already is left as it is."""
    match = LEVEL_MEASURES_HEADING.search(chunk.heading_path[-1]) if chunk.heading_path else None
    if not text or not match or LEVEL_WORD.search(text):
        return text
    return f"启动{match['level']}后，{text}"


def level_criteria_heading(chunk: Chunk) -> str:
    """The level whose criteria the chunk's own section lists (「8.1.2 Ⅱ级预警」 → 「Ⅱ级预警」); "" for any other section."""
    match = LEVEL_CRITERIA_HEADING.search(chunk.heading_path[-1]) if chunk.heading_path else None
    return match["level"] if match else ""


def act_text(sentence: str, chunk: Chunk) -> str:
    """An item of a list of acts, joined to what its opening line says the act incurs: 「（一）未按照规定设置安全
    生产管理机构的；」 under 「生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；」 → 「生产经营单位未按照规定
    设置安全生产管理机构的，责令限期改正，处十万元以下的罚款。」; "" for any other sentence."""
    if "之一的" not in chunk.text or not LIST_ITEM.match(sentence):
        return ""
    before = chunk.text[:max(chunk.text.find(sentence), 0)]
    openings = list(ACTS.finditer(clean_text(before)))
    if not openings:
        return ""
    act = re.sub(r"的?[。！？]$", "", stem_text(sentence))
    who = "" if OWN_SUBJECT.match(act) else ARTICLE_NUMBER.sub("", openings[-1]["who"])
    return f"{who}{act}的，{openings[-1]['then']}。"


def drill_value(sentence: str, chunk: Chunk) -> float:
    """0 for what is not worth asking; else 1 + the weights of the drill cues the sentence carries."""
    headings = " ".join(chunk.heading_path)
    if UNSHOWN_LIST.search(sentence) or GARBLED.search(clean_text(sentence)) or "|" in sentence \
            or FOLLOW_UP.match(stem_text(sentence)) or REFERS_TO_ARTICLE.search(sentence) \
            or ACT_BY_ARTICLE.search(sentence):
        return 0.0  # the stem would lack what it refers to, carry an OCR error, or defer to another law's article
    if SELF_REFERENCE.search(sentence) or BACKGROUND.search(sentence) or TOC_LINE.search(sentence) \
            or APPEAL.search(sentence):
        return 0.0
    if (INTRO_HEADINGS.search(headings) and not level_criteria_heading(chunk)) or chunk.locator.startswith("目录"):
        return 0.0
    if LIST_ITEM.match(sentence) and not STANDS_ALONE.search(LIST_ITEM.sub("", sentence)):
        return 0.0  # an item that means something only under its list's opening line
    if CATCH_ALL.match(LIST_ITEM.sub("", sentence).strip()):
        return 0.0  # 「（8）其他需要启动Ⅳ级应急响应的情况。」 asks nothing
    if sentence.rstrip().endswith(("：", ":")):
        return 0.0  # a list's opening line: its items are elsewhere
    value = 1.0 + sum(weight for pattern, weight in CUES if pattern.search(sentence))
    if chunk.doc_type == "review":  # a review's narrative is history; its lessons are worth a drill
        if RECOMMENDATION.match(stem_text(sentence)) or not REVIEW_RULE.search(sentence):
            return 0.0  # 「明确……」 or 「确保…」 proposes or reports; only a rule the review quotes is drilled
        return value * REVIEW_WEIGHT
    return value


# 「对该场所进行检查」「上述单位」「前款规定的」: a sentence that points back to what it does not name
# 「市级启动相应响应后，区抗震指挥部…」 (round 21, r06): which response 「相应」 means is the section's, not the sentence's
POINTS_BACK = re.compile(r"上述|前述|前款|前条|此类|相应(?:级别)?的?(?:应急)?响应|(?<![应])该(?P<what>[\u4e00-\u9fa5]{2})")
# 「夜间、节假日接报…的，值班人员应当…。」: a paragraph's opening condition, which scopes the sentences after it
SCOPING_OPENING = re.compile(r"^[^，。；：]{2,40}的，")


def loses_its_antecedent(sentence: str) -> bool:
    """The sentence points back to something it does not name itself (「申请人…的，…对该场所进行检查」, where the
    场所 is the previous paragraph's): a stem made of it would not say what is meant."""
    return any(not m["what"] or m["what"] not in sentence[:m.start()] for m in POINTS_BACK.finditer(sentence))


def _after_pointing_back(sentence: str, chunk: Chunk) -> bool:
    """The sentence continues, after a 「；」, one whose scope points back (「前款规定以外的其他生产经营单位，从业人员超过一百人
    的，…；从业人员在一百人以下的，…」): stated alone, it would drop that scope."""
    at = chunk.text.find(sentence)
    if at <= 0 or chunk.text[at - 1] not in "；;":
        return False
    start = max(chunk.text.rfind(mark, 0, at) for mark in ("。", "\n")) + 1
    return loses_its_antecedent(chunk.text[start:at])


_SENTENCE_END = ("。", "；", ";", "！", "!", "？", "?", "：", ":", "…", "）", ")", "」", "”")


@lru_cache(maxsize=1024)
def _body_lines(text: str) -> tuple[str, ...]:
    """A chunk's lines without its heading lines (blank lines kept: they end a paragraph), read once per chunk."""
    return tuple(line.strip() for line in text.splitlines() if not is_heading_line(line) or not line.strip())


def _wrapped(sentence: str, chunk: Chunk) -> bool:
    """The sentence runs over a line break of the source (an OCR'd page wraps its lines mid-sentence: 「…立交桥下积水深⏎
    度超过30cm以上，…」): the line it ends stops without closing punctuation and the next line goes on, or the line
    before it did. A stem made of the piece would drop the words that decide its answer."""
    lines = _body_lines(chunk.text)
    for i, line in enumerate(lines):
        if sentence not in line:
            continue
        goes_on = line.endswith(sentence) and not sentence.endswith(_SENTENCE_END) and i + 1 < len(lines) \
            and lines[i + 1] and not LIST_ITEM.match(lines[i + 1]) and not lines[i + 1].startswith(("#", "|", "<"))
        went_on = line.startswith(sentence) and i > 0 and lines[i - 1] and not lines[i - 1].endswith(_SENTENCE_END) \
            and not lines[i - 1].startswith(("#", "|", "<")) and not LIST_ITEM.match(line)
        return goes_on or went_on
    return False


def _penalty_case(sentence: str, chunk: Chunk) -> bool:
    """A penalty for one case of an act the article's first clause names (「…从事工程设施建设活动的，责令停止违法行为…；
    影响行洪但尚可采取补救措施的，…可以处一万元以上十万元以下的罚款」): stated alone, it fines a case of nothing."""
    at = chunk.text.find(sentence)
    return at > 0 and chunk.text[at - 1] in "；;" and re.search(r"罚款|罚金|处分", sentence) is not None \
        and not FOLLOW_UP.match(stem_text(sentence))


# 「消防安全检查的具体办法，由国务院应急管理部门制定」: who makes the detailed rules holds whatever the paragraph opened with
_STANDING_RULE = re.compile(r"(?:办法|细则|标准|目录|规范|规划)[，,]?由[^。；]{2,30}(?:制定|规定|确定|拟订)")


def paragraph_scope(sentence: str, chunk: Chunk) -> str:
    """The opening condition of the sentence's paragraph when the sentence comes after it (「夜间、节假日接报…信息的，值班
    人员应当…。带班领导应当在接报后10分钟内作出处置安排。」 → 「夜间、节假日接报…信息的」): stated alone, the sentence
    would read as a general rule. "" for a sentence that opens its paragraph or follows no condition."""
    at = chunk.text.find(sentence)
    if at <= 0:
        return ""
    line = chunk.text[chunk.text.rfind("\n", 0, at) + 1:at].strip()
    if _STANDING_RULE.search(sentence):
        return ""
    if len(re.findall(r"[^，。；：]{2,40}的，", line)) > 1:
        return ""  # 「积水超过30厘米的，公安断交；下凹式立交桥…的，…。地下空间…」: each opening scoped its own clause
    if line.endswith(("；", ";")) and SCOPING_OPENING.search(sentence):
        return ""  # 「…；下凹式立交桥积水深度超过50厘米的，由…」: a parallel clause with a condition of its own
    m = SCOPING_OPENING.search(ARTICLE_NUMBER.sub("", LIST_ITEM.sub("", line)))
    if m and _restates(m[0], sentence):
        return ""
    return m[0].rstrip("，") if m else ""


def _restates(scope: str, sentence: str) -> bool:
    """The sentence names its own case with a part of the opening condition (「发生较大以上突发事件…的，应在15分钟内…。
    区委、区政府总值班室接报后，对较大以上突发事件应在30分钟内…」, round 22, r04): another actor's rule for that case,
    not the opening's."""
    parts = re.split(r"[、，,]|或者|或|以及|和", re.sub(r"^(?:发生|出现|造成)|的，?$", "", scope))
    return any(len(p) >= 4 and re.sub(r"^(?:发生|出现|造成)", "", p) in sentence for p in parts)


def clauses(chunks: list[Chunk]) -> list[Clause]:
    """Every sentence with drill value and a key term, one entry per sentence."""
    found: list[Clause] = []
    for chunk in chunks:
        if "<table" in chunk.text:
            continue
        sentences = text_sentences(chunk.text)
        for i, sentence in enumerate(sentences):
            if not MIN_CHARS <= len(sentence) <= MAX_CHARS or _wrapped(sentence, chunk) \
                    or _penalty_case(sentence, chunk):
                continue
            context = with_context(sentences, i)
            scope = paragraph_scope(sentence, chunk) if context == sentence else ""
            if context == sentence and (loses_its_antecedent(scope + sentence) or _after_pointing_back(sentence, chunk)):
                continue
            if scope:  # the sentence worded with the condition that opens its paragraph
                text = f"{scope}，{stem_text(sentence)}"
                value = drill_value(text, chunk) if len(text) <= MAX_CHARS else 0.0
                terms = [t for t in find_terms(text) if t.text in stem_text(sentence)] if value else []
            elif context != sentence:  # a follow-up: its terms only, worded with the sentences it follows
                value = drill_value(context, chunk) if len(context) <= MAX_CHARS else 0.0
                text = stem_text(context) if value else ""
                own = stem_text(sentence)
                terms = [t for t in find_terms(text) if t.text in own] if value else []
            else:
                worded = with_section_subject(act_text(sentence, chunk) or condition_text(sentence, chunk), sentence, chunk)
                value = item_value(sentence, worded, chunk)
                text = worded if value else ""
                terms = find_terms(text) if value else []
            if terms:
                found.append(Clause(sentence, chunk, terms, value, with_level_of_measures(text, chunk)))
        found += [Clause(listed.passage, chunk, [], value, with_level_of_measures(listed.question, chunk), listed)
                  for listed in list_clauses(chunk.text) if (value := list_value(listed, chunk))]
    return found


def list_value(listed: ListClause, chunk: Chunk) -> float:
    """The drill value of a list clause (its opening line's cues); 0 for a list in a review, an introductory
    section or a document's words about itself, or one that refers to what it does not show."""
    opening = listed.opening
    if chunk.doc_type == "review" or INTRO_HEADINGS.search(" ".join(chunk.heading_path)) or len(listed.options) < 2:
        return 0.0
    if SELF_REFERENCE.search(opening) or BACKGROUND.search(opening) or GARBLED.search(clean_text(opening)) \
            or REFERS_TO_ARTICLE.search(opening) or ACT_BY_ARTICLE.search(opening) or loses_its_antecedent(opening):
        return 0.0
    return 1.0 + sum(weight for pattern, weight in CUES if pattern.search(opening))


def item_value(sentence: str, worded: str, chunk: Chunk) -> float:
    """The drill value of a sentence; an item of a list of conditions (「（1）小型水库发生…存在垮坝危险；」) is valued
    worded with what its opening line says the conditions trigger, unless it is a catch-all (「其他需要启动…的情况」)."""
    joined = worded and worded != stem_text(sentence)
    if not joined or CATCH_ALL.match(LIST_ITEM.sub("", sentence).strip()):
        return drill_value(sentence, chunk)
    return drill_value(worded, chunk)


def with_context(sentences: list[str], i: int) -> str:
    """The sentence, preceded by the sentences of its article it follows up (「逾期未改正的，处…」 after the rule it
    enforces; 「对其直接负责的主管人员处…」 after the unit's penalty), back to the one that states the violation."""
    start = i
    while start > 0 and FOLLOW_UP.match(stem_text(sentences[start])) and not ARTICLE_NUMBER.match(sentences[start]):
        start -= 1
    return "".join(sentences[start:i + 1])


class Draw:
    """All clauses in a seeded order. Each clause (chunk) gets one ticket, weighted by its best sentence's value
    (Efraimidis–Spirakis keys, flattened by a root), so a long clause is not drawn more often. A chapter's keys
    grow with the questions the paper already asks from it (× √(1 + asked)), so a paper spreads over documents and
    chapters by what it asks: counting what was drawn instead held back every clause of a chapter full of clauses
    that cannot be asked (a law's 法律责任), and put the clauses of small chapters on most papers. The sentences of
    one clause follow each other (a paper asks at most one). `asked(clause)` tells the draw a question was made."""

    def __init__(self, found: list[Clause], rng: random.Random):
        by_chunk: dict[str, list[Clause]] = {}
        for clause in found:
            by_chunk.setdefault(clause.chunk.chunk_id, []).append(clause)
        self._heap: list[tuple[float, int, float, int, list[Clause]]] = []
        for i, sentences in enumerate(by_chunk.values()):
            rng.shuffle(sentences)
            sentences.sort(key=lambda c: -c.value)
            key = -math.log(1 - rng.random()) / sentences[0].value ** VALUE_WEIGHT
            self._heap.append((key, i, key, 0, sentences))
        heapq.heapify(self._heap)
        self._asked: dict[str, int] = {}

    def asked(self, clause: Clause) -> None:
        self._asked[clause.chapter] = self._asked.get(clause.chapter, 0) + 1

    def __iter__(self) -> Iterator[Clause]:
        while self._heap:
            key, i, base, asked_then, sentences = heapq.heappop(self._heap)
            asked_now = self._asked.get(sentences[0].chapter, 0)
            if asked_now != asked_then:  # the chapter was asked since this key was set: set it anew and requeue
                heapq.heappush(self._heap, (base * (1 + asked_now) ** CHAPTER_WEIGHT, i, base, asked_now, sentences))
                continue
            yield from sentences
