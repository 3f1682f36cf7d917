"""Understand a query before searching: normalise it, and resolve the documents and clause it names.

- NFKC and full-width folding; 第17条 → 第十七条; Ⅱ级 / II级 / 二级 / 2级 expanded to each other;
- a document named by title, sidecar alias, a derived short name (简称: 应对法, 安全生产法, 防洪法), its decree
  number (493号令), a place (衡阳, 示例区) or a year/version (2007年版, 07版);
- a clause named by number together with a document (「应对法第17条」, 「值守规定第十五条」);
- the titles and places it names, so that search can tell a question about a document or a place the corpus does
  not hold (《劳动法》, 上海市防汛条例, 浙江).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import jieba
import jieba.posseg

from retrieval.models import DocumentInfo
from retrieval.plan.event_types import types_in
from retrieval.ranking.colloquial import formal_terms
from retrieval.ranking.glossary import chinese_part, chinese_terms, english_act_subjects, is_english
from retrieval.ranking.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn
from retrieval.ranking.places import (
    FOREIGN_COUNTRIES,
    PROVINCE_SHORT_NAMES,
    PROVINCES,
    city_and_district,
    counties_written_out,
    english_places,
    english_titles,
    is_city,
    is_county,
    is_one_character_county,
    short_name_province,
)
from retrieval.store.lexical import tokenize, word_tags

_ARTICLE = re.compile(rf"第\s*([0-9]+|[{CN_NUMERAL_CHARS}]+)\s*条")
_DOTTED_SECTION = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,2}){1,4})(?![\d.]|\s*(?:米|毫米|级|%|万|亿|小时|个))")
_LEVEL = re.compile(r"(Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|[一二三四1234])\s*级")
# A response level or warning colour as a text names it (「三级应急响应」「Ⅱ级」「红色预警」), not a wind force or a grade
# of hospital (「12级」「二级以上医院」).
_NAMED_LEVEL = re.compile(r"(?<![0-9A-Za-z一二三四五六七八九十])(Ⅰ|Ⅱ|Ⅲ|Ⅳ|IV|III|II|I|[一二三四1234])\s*级(?!以上医院|医院|甲等)"
                          r"|([红橙黄蓝])色")
_COLOUR_LEVELS = {"红": 1, "橙": 2, "黄": 3, "蓝": 4}
LEVEL_FORMS = {1: ("Ⅰ级", "一级", "I级"), 2: ("Ⅱ级", "二级", "II级"), 3: ("Ⅲ级", "三级", "III级"),
                4: ("Ⅳ级", "四级", "IV级")}
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2, "III": 3, "IV": 4}
_TITLE_PREFIXES = ("中华人民共和国",)
_LAW_SUFFIXES = ("法", "条例", "办法", "规定", "细则", "预案", "报告")
_PLACE = re.compile(r"^(?:中华人民共和国)?([\u4e00-\u9fff]{2,3}?)(?:市|省|区|县|州)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})\s*年?(?:版|修订|修正)")  # 「07版应对法」
_IMPLEMENTING = re.compile(r"^([\u4e00-\u9fff]{2,8}?)实施《([^》]+)》(?:的)?办法$")
_DOCUMENT_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,6}?)发\s*[〔\[（(]\s*(\d{4})\s*[〕\]）)]\s*(\d{1,4})\s*号")
_DECREE = re.compile(r"([\u4e00-\u9fff]{0,6}?)令第\s*(\d{2,})\s*号")  # 国务院令第493号 → 493号令
_VERSION_PARENS = re.compile(r"[（(][^（）()]*[）)]")
_BRACKETED_TITLE = re.compile(r"《([^《》]{2,40})》")
# A title with a place in front: 广州市突发事件应对条例, 浙江省防汛防台抗旱条例.
# (a place's two characters are no preposition: 「市防指按市防汛抗旱应急预案」 names no 「指按市」)
_PLACE_TITLE = re.compile(r"(?:(?![按依照据用对在把的将由向从被及和与或])[\u4e00-\u9fff]){2}(?:省|(?<!城)市|自治区)"
                          r"[\u4e00-\u9fff0-9]{2,16}?"
                          r"(?:条例|办法|规定|细则|预案|法|工作总结|总结|调查报告)")
# 「海淀区防汛应急预案」「示例区2025年应急管理工作总结」: a district's or county's (not 全区, 本区, 城区 …; and no bare 法,
# which 「化工区东区…罐区法兰」 ends with)
_LOCAL_TITLE = re.compile(r"[\u4e00-\u9fff](?<![全本我该各城社山园林辖景灾矿库市])[\u4e00-\u9fff]"
                          r"(?<![全本我该各城社山园林辖景灾矿库市])(?:区|县)[\u4e00-\u9fff0-9]{2,16}?"
                          r"(?:条例|办法|规定|细则|预案|工作总结|总结|调查报告)")
# 「鲁安全生产条例」「按湘防洪办法」: a province's one-character short name before a regulation (not a law and the
# verb 规定: 「新应对法规定，…」)
_SHORT_NAME_TITLE = re.compile(r"(?:(?<=[按依据照用对在把的])|(?<![\u4e00-\u9fff]))[" + "".join(PROVINCE_SHORT_NAMES)
                               + r"][\u4e00-\u9fff]{2,12}?(?<!法)(?:条例|办法|规定|细则)")
# 「国务院那个进一步加强企业安全生产工作的通知」: a State Council notice, opinion or decision
_STATE_COUNCIL_DOCUMENT = re.compile(r"国务院(?:办公厅)?[^，。？！?、]{0,4}?(?:关于)?[\u4e00-\u9fff]{4,24}?的(?:通知|意见|决定)")
# 「山西太原台骀山冰雕馆火灾的调查报告」: a report on an event named without its date
_INCIDENT_REPORT = re.compile(r"(?:(?<=[用按拿对把据照])|(?<![\u4e00-\u9fff]))(?![用按拿对把据照])[\u4e00-\u9fff]{4,24}?"
                              r"(?:火灾|事故|爆炸|坍塌|踩踏|泄漏|灾害|事件)的?(?:调查|复盘|评估)报告")
# An event named by its date (“12·20”, “7·20”) and a report on it: 光明新区“12·20”渣土受纳场滑坡调查报告.
_EVENT_REPORT = re.compile(r"[\u4e00-\u9fff]{0,12}[“\"]?\d{1,2}·\d{1,2}[”\"]?[\u4e00-\u9fff]{2,24}?(?:调查报告|复盘报告|报告)")
# 「考京沪高铁突发事件应急预案里…」「气象灾害防御条例规定，…」: a plan or regulation named without brackets, place or level,
# after a word that introduces it (not 「…应急预案管理办法」, a rule about plans)
_BARE_TITLE = re.compile(r"(?:^|(?<=[考按据照]))(?![按依根照据考你我请出于里着是在对用把])"
                         r"((?:(?![的编没能说这那按])[\u4e00-\u9fff]){4,16}?(?:应急预案|条例))(?!管理|编制|修订|体系|演练|评估|备案|工作)")
_NATIONAL_TITLE = re.compile(r"国家[\u4e00-\u9fff]{2,20}?(?:应急预案|预案|条例|办法|规定|规划)")
# A plan named by its kind, without a place: 「按区里的动物疫情预案」「依据森林防火专项预案」 (only when the kind is an
# incident kind: 「按相关预案」 names none)
_KIND_PLAN = re.compile(r"(?:按|按照|依据|根据|参照|启动)(?:区里|市里|县里|省里|我区|我市|我县|本区|本市|本县)?的?"
                        # 「…自己的预案」 names no kind; 「行里已经启动本行流动性应急预案」 an organisation's own
                        r"(?!本[行单企公场厂校院矿站所])(?P<name>(?:(?![的])[\u4e00-\u9fff]){2,10}?(?:专项)?(?:应急)?预案)")
# 「按区里的校园安全事件应急预案」: a kind of event named in full, whether or not the library knows the kind
_KIND_OF_EVENT = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:事件|事故|灾害)$")
# A plan named by who issues it, a level or an organisation whose plans the library may not hold: 「按省里的重污染
# 天气应急预案」「按省防指预案」「按国网总部的大面积停电事件应急预案」「按集团公司总部的…综合应急预案」
_ISSUER_PLAN = re.compile(r"(?:按|按照|依据|根据|参照|依照)(?P<issuer>省里|省级|省政府|省防指|国家层面|国网(?:公司)?总部|国网|"
                          r"(?:市|区|县|镇|乡)(?:里|级|上)|"
                          r"国家电网(?:有限)?公司(?:总部)?|集团(?:公司)?(?:总部)?|公司总部)的?"
                          r"(?P<kind>[\u4e00-\u9fff]{0,14}?)(?:应急)?预案")
# 「按东湖街道自己的防汛应急预案」「按体育中心自己的大型活动应急疏散预案」「按区教委的校园突发事件应急预案」
# 「按万华化学（烟台）的…综合应急预案」: an organisation's or a part's own plan
# (「按庠州市廨城区庠北街道自己的…预案」: an owner named down to its street)
_OWN_PLAN = re.compile(r"(?:按|按照|依据|根据|参照|依照|用)(?P<owner>[\u4e00-\u9fff]{2,12}?(?:[（(][\u4e00-\u9fff]{2,6}[)）])?)"
                       r"(?:自己|自身|本身)?的"
                       r"(?P<kind>[\u4e00-\u9fff]{2,16}?预案)")
# 「硐冈矿业有限公司给磉塘沟尾矿库自己编的溃坝现场处置方案」: a plan an enterprise wrote for itself
# 「颉州水务集团自己的供水调度控制系统网络安全事件现场处置方案」「骢州骅湾国际机场自己的应急救援预案」「…有限公司自己那份
# 隧道火灾现场处置方案」: an airport's, a hospital's or a plant's own plan too
_COMPANY_PLAN = re.compile(r"(?P<owner>[\u4e00-\u9fff]{2,14}?(?:有限公司|有限责任公司|股份公司|集团|公司|国际机场|机场|医院|"
                           r"水厂|电厂|化工厂|煤矿|码头|银行|农商行|信用社|学校|大学|商场|酒店|景区|油库|加油站|储备库|仓库|变电站"
                           r"|水电站|工厂|矿山|尾矿库|滑雪场|游乐场|体育场|体育馆|车站|港口|工地))"
                           r"[^，。；？?]{0,14}?(?:自己|自行)(?:编制?|制定|做)?(?:的|那份|那个|这份)"
                           r"(?P<kind>[\u4e00-\u9fff]{0,22}?(?:现场处置方案|专项应急预案|综合应急预案|应急预案|预案))")
# 「埙州埴湾生活垃圾焚烧发电厂的停炉应急处置规程」: a named site's own procedure or plan, its owner named in full (not
# 「加油站的应急预案」 or 「某化工厂的…」, which any site has and the laws speak of)
_SITE_PROCEDURE = re.compile(r"(?P<owner>(?![某一这那该本])[\u4e00-\u9fff]{4,14}?(?:发电厂|焚烧厂|电厂|水厂|化工厂|工厂|煤矿|矿山|"
                             r"尾矿库|码头|油库|加油站|储备库|变电站|水电站|污水处理厂|填埋场|医院|机场|车站|港口))的"
                             r"(?P<kind>[\u4e00-\u9fff]{2,16}?(?:操作规程|处置规程|规程|处置方案|应急方案|处置卡|应急预案))")
# 「应急部那个森林火灾预案」「国务院的地震应急预案」: a national plan named by the body that issues it
# (「应急管理部门和企业」「水利部门」 are departments of any level, no ministry)
_MINISTRY_PLAN = re.compile(r"(?:应急管理部|应急部|国务院|国家防总|国家森防指|国家减灾委|水利部|生态环境部|交通运输部|公安部|"
                            r"住建部|住房和城乡建设部|卫健委|国家卫生健康委)(?!门)(?:\d{4}\s*年)?(?:修订)?"
                            r"(?:那个|那份|这个|的|发的|出的|印发的|牵头的)*"
                            r"(?P<kind>(?:(?![的那这])[\u4e00-\u9fff]){2,14}?)(?:专项)?(?:应急)?预案"
                            r"(?!管理|编制|修订|体系|演练|评估|备案|工作)")  # 「…应急预案管理办法」 is a regulation
# 「应急管理部2023年出的那个有限空间作业的规定」「中国气象局那个预警信号发布与传播办法」: a ministry's regulation named
# by its issuer and subject
_MINISTRY_DOCUMENT = re.compile(r"(?:应急管理部|应急部|国务院(?:办公厅|安委会)?|中国气象局|气象局|水利部|生态环境部|交通运输部|"
                                r"公安部|住建部|住房和城乡建设部|自然资源部|工信部|工业和信息化部|市场监管总局|国家林草局|卫健委|"
                                r"国家卫生健康委|国家减灾委|国家防总)(?:\d{4}\s*年)?(?:修订)?"
                                r"(?:那个|那份|这个|的|发的|出的|印发的|颁布的|公布的|制定的)+"
                                r"(?P<name>(?!有关|相关|这些|那些|上述|最新|新的)(?:(?![的那这])[\u4e00-\u9fff“”\"「」]){4,24}?)的?"
                                r"(?P<kind>规定|办法|条例|细则|规划|规程|措施|方案|意见|标准|导则|指南)")
_ISSUERS = {"省里": "省级", "省级": "省级", "省政府": "省级", "省防指": "省防汛抗旱指挥部", "国家层面": "国家",
            **{f"{level}{word}": f"{level}级" for level in "市区县镇乡" for word in "里级上"}}  # 「按市里的防汛预案」
_ORGANISATIONS = ("国家电网公司", "集团公司")
# What is left of a title without its level or place and its kind of document: the subject (核 of 国家核应急预案)
_TITLE_TAIL = re.compile(r"(?:专项)?(?:应急)?(?:预案|条例|办法|规定|细则|法)$")
# Words ending in 法 that are no law: 办法 (alone), 方法, 做法 …
_NOT_LAWS = ("办法", "方法", "做法", "说法", "看法", "想法", "算法", "语法", "手法", "疗法", "用法", "写法", "立法", "执法",
             "违法", "依法", "合法", "非法", "司法")
# Codes known by a two-character name, which a query names without brackets: 「刑法里重大责任事故罪判几年」
_TWO_CHARACTER_CODES = ("刑法", "宪法", "民法")
_CHINESE_CHAR = re.compile(r"[\u4e00-\u9fff]")
# Share of a named title's characters that an indexed title must hold for the name to refer to it: 北京市防洪办法
# (all in 北京市实施《中华人民共和国防洪法》办法) does, 上海市防汛条例 (4 of 7 in 中华人民共和国防汛条例) does not.
TITLE_CHARACTER_SHARE = 0.8
_ADMINISTRATIVE_SUFFIXES = ("省", "市", "县", "区")
_OLDER_VERSION_WORDS = ("旧版", "旧的", "原版", "老版", "修订前", "修改前", "之前的版本", "以前的版本", "原来的")


@dataclass
class ParsedQuery:
    text: str
    dense_text: str
    lexical_text: str
    article_numbers: list[int] = field(default_factory=list)
    mentioned_doc_ids: list[str] = field(default_factory=list)
    mentioned_years: list[int] = field(default_factory=list)
    hazard_doc_ids: list[str] = field(default_factory=list)
    prefers_older: bool = False
    addressed_doc_id: str | None = None
    addressed_clause: str | None = None
    # Documents the query names that are not indexed (or not visible to it): 《劳动法》, 上海市防汛条例.
    unknown_titles: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    # Colloquial words of the query and the formal terms added for them (`retrieval.ranking.colloquial`).
    colloquial: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def words(self) -> frozenset[str]:
        """The query's words of two characters or more, tokenized once for every signal that counts them. A
        colloquial word is one word (not its sub-words), found in a text that holds it or one of its formal terms
        (`colloquial`); the formal terms added to the lexical text are not words of their own."""
        formal = {term for terms in self.colloquial.values() for term in terms}
        own_text = " ".join(t for t in self.lexical_text.split(" ") if t not in formal)
        return frozenset(t for t in tokenize(own_text) if len(t) >= 2
                         and not any(t in word for word in self.colloquial)) | frozenset(self.colloquial)

    @cached_property
    def levels(self) -> frozenset[str]:
        """The response levels and warning colours the query names (`named_levels`)."""
        return named_levels(self.text)


def normalise(text: str) -> str:
    """NFKC (full-width → half-width) but keep Chinese punctuation readable; collapse spaces."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def _article_to_cn(match: re.Match[str]) -> str:
    return f"第{int_to_cn(cn_to_int(match[1]))}条"


def _level_value(token: str) -> int | None:
    if token in _ROMAN:
        return _ROMAN[token]
    try:
        return cn_to_int(token)
    except ValueError:
        return None


def named_levels(text: str) -> frozenset[str]:
    """The response levels (「L2」) and warning colours (「C1」 for 红色) a text names."""
    found = set()
    for match in _NAMED_LEVEL.finditer(normalise(text)):
        if match[2]:
            found.add(f"C{_COLOUR_LEVELS[match[2]]}")
        elif (value := _level_value(match[1])) in LEVEL_FORMS:
            found.add(f"L{value}")
    return frozenset(found)


def base_title(title: str) -> str:
    """The title without country prefix and version parentheses: 中华人民共和国突发事件应对法（2024修订）→ 突发事件应对法."""
    title = _VERSION_PARENS.sub("", title)
    for prefix in _TITLE_PREFIXES:
        title = title.removeprefix(prefix)
    return title.strip()


def short_names(title: str) -> set[str]:
    """The 简称 a title yields: 突发事件应对法 → 应对法, 事件应对法, 突发事件应对法; 森林防火条例 → 防火条例, 森林条例;
    国家突发事件总体应急预案 → 总体应急预案, 总体预案."""
    names = {title}
    for suffix in _LAW_SUFFIXES:
        if title.endswith(suffix) and "《" not in title:
            stem = title[: -len(suffix)]
            names.update(stem[-n:] + suffix for n in (2, 3, 4) if len(stem) > n)
            if suffix == "预案" and stem.endswith("应急"):  # 总体应急预案 is also said 总体预案
                names.update(stem[:-2][-n:] + suffix for n in (2, 3, 4) if len(stem) - 2 > n)
            if len(stem) >= 4:
                names.add(stem[:2] + suffix)
            if suffix == "预案":
                starts = _word_starts(stem)
                names = {n for n in names if n == title or _plan_short_name(n, stem, starts)}
    return names


# 「安全预案」「通安全预案」 are no names of 交通安全应急预案: a plan's short name starts at a word of its title and not
# at a word any plan has (「药品安全预案」 in a request named the fog plan)
_GENERIC_PLAN_WORDS = frozenset({"安全", "应急", "事故", "事件", "突发", "管理", "工作", "专项", "综合"})


def _word_starts(text: str) -> set[int]:
    starts, at = set(), 0
    for word in jieba.lcut(text):
        starts.add(at)
        at += len(word)
    return starts


def _plan_short_name(name: str, stem: str, starts: set[int]) -> bool:
    """`starts`: where the words of `stem` start (`_word_starts`)."""
    head = name.removesuffix("预案").removesuffix("应急")
    if not head or head == stem:
        return True
    start = stem.rfind(head) if not stem.startswith(head) else 0
    first = next((w for w in jieba.lcut(head)), "")
    return start in starts and first not in _GENERIC_PLAN_WORDS


def _implementing_names(title: str) -> set[str]:
    """北京市实施《中华人民共和国突发事件应对法》办法 → 北京实施应对法办法, 北京实施应对法的办法, 北京市应对法实施办法, …"""
    match = _IMPLEMENTING.match(title)
    if not match:
        return set()
    place, law = match[1], base_title(match[2])
    places = {place, place.removesuffix("市").removesuffix("省")}
    return {form for p in places for name in short_names(law)
            for form in (f"{p}实施{name}办法", f"{p}实施{name}的办法", f"{p}{name}实施办法")}


def document_names(doc: DocumentInfo) -> frozenset[str]:
    """Names a person may use for a document: title, aliases, the 简称 a title yields, the short forms of an
    implementing regulation (北京实施应对法办法) and a decree number (493号令)."""
    return _names(doc.title, tuple(doc.aliases), doc.version)


@lru_cache(maxsize=1024)
def _names(title: str, aliases: tuple[str, ...], version: str | None) -> frozenset[str]:
    """`document_names`, computed once per document: every query compares itself with every document's names."""
    core = base_title(title)
    names = {title, *aliases, *short_names(core), *_implementing_names(core)}
    if place := _PLACE.match(core):  # 示例区突发事件总体应急预案 is also said 示例区总体预案, 衡阳防汛预案
        rest = core[place.end():]
        names.update(f"{written}{name}" for written in (place[0], place[1]) for name in short_names(rest) if name != rest)
    names.update(f"{month}{dot}{day}" for month, day in _DATED_EVENT.findall(core) for dot in "·.")  # 「6·18那次」
    for issuer, number in _DECREE.findall(f"{title} {version or ''}"):
        names.update({f"{number}号令", f"{issuer}{number}号令", f"{issuer}令第{number}号"})
    for issuer, year, number in _DOCUMENT_NUMBER.findall(f"{title} {version or ''}"):  # 国办发〔2024〕5号 → 国办5号文
        names.update({f"{issuer}发〔{year}〕{number}号", f"{issuer}{number}号文", f"{issuer}发{number}号"})
    return frozenset(n for n in names if len(n) >= 3)


# 「示例区“6·18”强降雨应对工作复盘报告」: an event named by its date, as people name the report on it
_DATED_EVENT = re.compile(r"(?<!\d)(\d{1,2})\s*[·.．]\s*(\d{1,2})(?!\d)(?=[”\"」]|[\u4e00-\u9fff])")
_GENERIC_NAME = re.compile(r"^(调查|暂行|实施|应急|管理|总体|专项)(报告|预案|办法|规定|条例)$")


def distinctive_names(documents: list[DocumentInfo], key=lambda d: d.title) -> set[str]:
    """The names that point to one document: not generic, and not shared by documents of different `key`s (their
    titles; with `base_title`, the versions of one law count as one document)."""
    keys_by_name: dict[str, set[str]] = {}
    for document in documents:
        for name in document_names(document):
            keys_by_name.setdefault(name, set()).add(key(document))
    return {n for n, keys in keys_by_name.items() if len(keys) == 1 and not _GENERIC_NAME.match(n)}


def place_of(doc: DocumentInfo) -> str | None:
    match = _PLACE.match(base_title(doc.title))
    return match[1] if match else None


def parse_query(text: str, documents: list[DocumentInfo]) -> ParsedQuery:
    normalised = normalise(text)
    articles = [cn_to_int(m[1]) for m in _ARTICLE.finditer(normalised)]
    canonical = _ARTICLE.sub(_article_to_cn, normalised)
    expansions: list[str] = []
    for match in _LEVEL.finditer(normalised):
        value = _level_value(match[1])
        if value in LEVEL_FORMS:
            expansions.extend(f for f in LEVEL_FORMS[value] if f not in canonical)
    colloquial = formal_terms(canonical)
    translated = chinese_terms(canonical)
    if translated:  # an English question: the lexical side sees its Chinese terms, numbers and Chinese words
        canonical = " ".join([chinese_part(canonical), *translated])
    expansions.extend(dict.fromkeys(term for terms in colloquial.values() for term in terms if term not in canonical))
    years = mentioned_years(normalised)
    prefers_older = asks_older_version(normalised)
    # a decree an English question names by number (「Order No. 88」) is its 88号令
    decrees = "".join(f" {m['c']}号令" for m in _DECREE_NAMED.finditer(normalised) if m["c"])
    places = named_places(normalised, [p for d in documents if (p := place_of(d))])
    # an English question names its place in pinyin (「Lingzhou, 07:40: a fuel tanker…」): the held plan of 舲州 is the one
    # it is about, as 「按舲州的预案」 would say
    english_places = " ".join(places) if translated else ""
    mentioned = _mentioned_documents(f"{canonical}{decrees} {english_places}", documents, years, prefers_older)
    canonical = _without_version_years(canonical, years, documents)
    parsed = ParsedQuery(
        text=text,
        dense_text=f"{normalised} {' '.join(translated)}" if translated else canonical,
        lexical_text=" ".join([canonical, *expansions]),
        article_numbers=articles,
        mentioned_doc_ids=mentioned,
        mentioned_years=years,
        hazard_doc_ids=[d.doc_id for d in documents if any(h in canonical for h in d.hazard_types if len(h) >= 2)],
        prefers_older=prefers_older,
        unknown_titles=unknown_titles(normalised, documents) + absent_versions(normalised, documents),
        places=places,
        colloquial=colloquial,
    )
    sections = _DOTTED_SECTION.findall(normalised)
    if mentioned and (articles or sections):
        parsed.addressed_doc_id = mentioned[0]
        parsed.addressed_clause = f"第{int_to_cn(articles[0])}条" if articles else sections[0]
    return parsed


def named_places(query: str, held: list[str] | None = None) -> list[str]:
    """Places a query names: words of jieba's dictionary tagged as place names that name a province (浙江) or
    carry an administrative suffix (上海市, 滨江区) or are a 州 (涿州). jieba also tags some common words as places
    (沿河, 上山), hence the suffix."""
    tags = word_tags()
    words = jieba.lcut(query)
    places = [word for i, word in enumerate(words) if (word in FOREIGN_COUNTRIES or tags.get(word) == "ns" and (
        word in PROVINCES or word.endswith("州") or (len(word) >= 3 and word.endswith(_ADMINISTRATIVE_SUFFIXES)))
        and not _inside_a_landform(words, i)) and not _NATIONALITY.match("".join(words[i + 1:i + 3]))]
    # 「厦门思明区」「南宁青秀」: a district or county written after its city, which jieba splits off untagged
    places += [city + word for city, word in zip(words, words[1:], strict=False)
               if (tags.get(city) == "ns" or is_city(city)) and len(city) >= 2 and city + word not in places
               and word not in places
               and ((len(word) >= 3 and word.endswith(("区", "县"))
                     and (tags.get(word) != "n" or _division_with_suffix(word)))
                    or city_and_district(city, word))]  # 「城镇建成区」「库区」: a common noun, no district
    places += [word for word in words if _division_with_suffix(word) and not any(word in p for p in places)]
    # 「盘州市辖区一处煤矿」: jieba cuts the suffix off into the next word (盘州 / 市辖区)
    places += [a + b[0] for a, b in zip(words, words[1:], strict=False)
               if len(a) >= 2 and b in _SUFFIX_RUN_ON and _division_with_suffix(a + b[0])
               and not any(a in p for p in places)]
    places += [name for name in counties_written_out(query, words)  # (「百色田阳」 holds 田阳区 already)
               if not any(name in p or p in name or re.sub("(?:自治县|区|县|市|旗)$", "", name) in p for p in places)]
    # 「沈阳一辆槽罐车侧翻」: a city named without its suffix (jieba's tag and the list of cities agree)
    places += [word for i, word in enumerate(words) if is_city(word) and word not in PROVINCES
               and (tags.get(word) == "ns" or _ZONE.match("".join(words[i + 1:i + 3])))
               and not any(word in p for p in places)]
    # 「G75兰海高速綦江段」「綦江境内」「湘乡水文站」: a county without its suffix, before a stretch of road, its
    # territory or its gauge (not a part of town: 「城南段」)
    places += [word for word, after in zip(words, words[1:], strict=False)
               if after in _COUNTY_PARTS and tags.get(word) == "ns" and is_county(word)
               and not _PART_OF_TOWN.match(word) and not any(word in p for p in places)]
    # 「崇礼一家滑雪场」「义乌那边来电」「那曲附近」: a county or city without its suffix, before words that place something
    # in it (jieba tags such names as places, persons or other proper names)
    places += [word for word, after in zip(words, words[1:], strict=False)
               if tags.get(word) in ("ns", "nr", "nrt", "nz") and (is_county(word) or is_city(word))
               and after in _PLACED_IN and not _PART_OF_TOWN.match(word) and not any(word in p for p in places)]
    # 「根河林业局防火指挥中心」「布尔津河上游」: a county or city without its suffix, before an office of its government or
    # the river named after it (jieba takes some such names for common nouns; a two-character name before 河 is as
    # often a river's own name: 「龙潭河」)
    # 「格尔木公路段…」「普兰边境派出所警情通报」: or before a unit of its own that sends the report
    places += [word for i, (word, after) in enumerate(zip(words, words[1:], strict=False))
               if tags.get(word) in (None, "n", "ns", "nr", "nrt", "nz") and (is_county(word) or is_city(word))
               and (_GOVERNMENT_OFFICE.fullmatch(after) or after in ("河", "江") and len(word) >= 3
                    or _LOCAL_UNIT.match("".join(words[i + 1:i + 3])))
               and not _PART_OF_TOWN.match(word) and not any(word in p for p in places)]
    # 「乐清雁荡山灵峰景区」「淳安千岛湖」: a county without its suffix, before a mountain, lake or scenic area of it
    # (jieba may take the county for a person's name)
    places += [word for word, after in zip(words, words[1:], strict=False)
               if tags.get(word) in ("ns", "nr") and is_county(word) and tags.get(after) == "ns"
               and _SIGHT.search(after) and not _PART_OF_TOWN.match(word) and not any(word in p for p in places)]
    # 「代县峨口镇」「陆浑水库（嵩县）」: a county whose whole name is two characters
    places += [word for word in words if is_one_character_county(word) and word not in places]
    # 「潇水道县水文站」: jieba cuts 道县 into 道 and 县
    places += [a + b for a, b in zip(words, words[1:], strict=False) if len(a) == 1 and b in ("县", "区")
               and is_one_character_county(a + b) and a + b not in places]
    # 「西咸新区沣东新城」「宁东能源化工基地」: a name jieba does not take for a common word, before a development
    # zone, new area or industrial base
    # (not a zone of a city already named: 「大连金普新区」 is 大连's; a province before it only says where it is:
    # 「湖南湘江新区」)
    places += [word + zone for i, word in enumerate(words)
               if len(word) >= 2 and _CJK_WORD.fullmatch(word) and tags.get(word) in (None, "ns")
               and not _ZONE_WORD.fullmatch(word)
               and (i == 0 or words[i - 1] in PROVINCES or not any(words[i - 1] in p for p in places))
               and (zone := _zone_after(words, i)) and not any(word in p for p in places)]
    # 「大连金石滩海域」「三亚亚龙湾」: a city without its suffix before a named beach, bay or scenic area of it (jieba may
    # take the city for another word: 大连)
    places += [word for i, word in enumerate(words)
               if len(word) >= 2 and is_city(word) and word not in PROVINCES and i + 1 < len(words)
               and tags.get(words[i + 1]) in ("ns", "nr", "nz") and _SHORE_OR_SIGHT.search("".join(words[i + 1:i + 3]))
               and not any(word in p for p in places)]
    if is_english(query):
        # 「a hot-air balloon … at 敦煌 (18:40)」: a Chinese name in an English report is a place when it is a city or county
        # (a whole run of Chinese: not 石门 of 「石门村」)
        places += [run for run in _CJK_WORD.findall(query) if len(run) >= 2 and (is_city(run) or is_county(run))
                   and not any(run in p for p in places)]
    places = list(dict.fromkeys(places))  # 「秀山段…秀山县城」 names 秀山 once
    return places + [p for p in english_places(query, held or []) if p not in places]


# 「大连金普新区」: a city that jieba tags as another word (大连), named before one of its zones
_ZONE = re.compile(r"^(?:[\u4e00-\u9fff]{2})?(?:新区|开发区|高新区|经开区|保税区|自贸区|港区|市区)")
# words that begin with the suffix of the place before them (「盘州 / 市辖区」; not 「南部 / 县市」)
_SUFFIX_RUN_ON = ("市辖区", "市区", "市内", "市境内", "县境内", "区境内")
_PLACED_IN = frozenset({"那边", "那里", "这边", "一带", "附近", "当地", "一家", "一所", "一个", "一座", "一处", "一栋",
                        "一辆", "一名", "一条"})
_COUNTY_PARTS = ("段", "境内", "辖区", "水文站", "城区", "县城", "库区")
_SIGHT = re.compile(r"(?:山|岭|峰|湖|岛|峡|谷|洞|景区|风景区)$")
_SHORE_OR_SIGHT = re.compile(r"(?:滩|湾|海域|海滩|沙滩|岛|景区|风景区)")
_PART_OF_TOWN = re.compile(r"^(?:[城江河][东南西北]|[东南西北][城江河关郊])$")
# a zone that names a place of its own: 「新区」「开发区」「能源化工基地」
_ZONE_SUFFIX = r"(?:新区|开发区|经济开发区|高新区|经开区|保税区|自贸区|(?:能源)?化工(?:园区|基地)|(?:石化|化工)?工业园区)"
_GOVERNMENT_OFFICE = re.compile(r"[\u4e00-\u9fff]{0,4}(?:局|防办|防指|人民政府|政府)")
_LOCAL_UNIT = re.compile(r"(?:公路段|公路分局|边境派出所|派出所|公安分局|交警大队|消防救援|供电公司|供电局|气象台|水文站|海事处|"
                         r"港区|林场|管理处|应急管理)")
_ZONE_WORD = re.compile(rf"{_ZONE_SUFFIX}")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


def _zone_after(words: list[str], i: int) -> str | None:
    """The zone the words right after word i make up (「能源」「化工」「基地」 → 能源化工基地), if any."""
    return next((z for n in (1, 2, 3) if _ZONE_WORD.fullmatch(z := "".join(words[i + 1:i + 1 + n]))), None)


def zone_stem(place: str) -> str:
    """A place named with its zone, without the zone: 「宁东能源化工基地」 → 宁东, 「西咸新区」 → 西咸; a zone named after a
    river or lake keeps its whole name (「湘江新区」: a plan that tells of 湘江 is not that zone's; 镇江 is a city)."""
    stem = re.sub(f"{_ZONE_SUFFIX}$", "", place) or place
    return place if re.search(r"[江河湖海]$", stem) and not is_city(stem) and not is_county(stem) else stem


def _division_with_suffix(word: str) -> bool:
    """「越秀区」, which jieba tags as a person's name: a real district, county or city written with its suffix."""
    return len(word) >= 3 and word.endswith(("区", "县", "市")) and (is_county(word[:-1]) or is_city(word[:-1]))


# 「鹭鸣山西坡」「鹭鸣山东麓」「清河南岸」: a mountain's or a river's side, not 山西, 山东 or 河南
_LANDFORM_SIDE = re.compile(r"^[坡麓侧面岸边沟脚腰顶口]")


# 「一名韩国游客」「泰国旅行团」「马来西亚籍导游」: where people come from, not where the incident is
_NATIONALITY = re.compile(r"^(?:籍|游客|旅客|旅行团|旅游团|团队|公民|客人|乘客|船员|务工人员)")


def _inside_a_landform(words: list[str], i: int) -> bool:
    word = words[i]
    if word not in PROVINCES or i == 0 or i + 1 >= len(words):
        return False
    return bool(re.search(r"[\u4e00-\u9fff]$", words[i - 1])) and bool(_LANDFORM_SIDE.match(words[i + 1]))


def named_titles(query: str) -> list[str]:
    """Document titles a query names: in 《》, a place's regulation or plan (广州市突发事件应对条例), a national
    plan or regulation named without brackets (国家防汛抗旱应急预案), a report on a dated event, or a law that
    jieba reads as one word (森林法, 合同法, and the codes known by two characters: 刑法)."""
    bare = _BRACKETED_TITLE.sub(" ", query)
    split = _split_laws(bare)
    laws = [w for w in jieba.lcut(bare) if ((len(w) >= 3 and w.endswith("法") and not w.endswith(_NOT_LAWS))
            or w in _TWO_CHARACTER_CODES) and not any(w in law for law in split)] + split
    kinds = [m["name"] for m in _KIND_PLAN.finditer(bare)
             if types_in(kind := _TITLE_TAIL.sub("", m["name"])) or _KIND_OF_EVENT.match(kind)]
    short = [t for t in _SHORT_NAME_TITLE.findall(bare) if short_name_province(t)]
    unbracketed = (_PLACE_TITLE.findall(bare) + _LOCAL_TITLE.findall(bare) + _NATIONAL_TITLE.findall(bare)
                   + _EVENT_REPORT.findall(bare) + laws + kinds + short
                   + _STATE_COUNCIL_DOCUMENT.findall(bare) + _INCIDENT_REPORT.findall(bare))
    # 「示例区多久编一次全区的应急预案制修订工作计划？」: a question's words are no title
    unbracketed = [_IN_FORCE_WORDS.sub("", t) for t in unbracketed if not _ASKING.search(t)
                   and not _NOT_IN_A_TITLE.search(t) and not _PLAN_CLASS.search(t)]
    found = list(dict.fromkeys(_BRACKETED_TITLE.findall(query) + unbracketed + english_titles(query)
                               + _issuer_titles(bare) + _own_plans(bare) + _bare_titles(bare)
                               + _possessed_titles(bare)))
    # (「应急部那个森林火灾预案」 is named by its issuer above: 国家森林火灾应急预案)
    return found + [t for t in _pointed_plans(bare) if not any(_TITLE_TAIL.sub("", t) in other for other in found)]


# the words of a law's name jieba splits off (「海洋/环境保护/法对」): nouns and idioms (an act, 「有没有法可依」, is none)
_LAW_NAME_WORD = ("n", "vn", "nz", "l", "i", "j", "nt")


def _split_laws(text: str) -> list[str]:
    """Laws whose name jieba splits into several words: 「新修订的海洋环境保护法对船舶…」 → 海洋环境保护法, 「按大气污染
    防治法」 → 大气污染防治法 (the nouns before 法, or before a word ending in 法: 防治法)."""
    if "法" not in text:
        return []  # (tagging words is the slow part of reading a query)
    words = [(w.word, w.flag) for w in jieba.posseg.lcut(text)]
    laws = []
    for i, (word, _) in enumerate(words):
        if word == "法" or len(word) == 2 and word[0] == "法" and word[1] in "对里中的和与及第":  # not 法兰, 法律
            tail = "法"
        elif len(word) == 3 and word.endswith("法") and word not in _NOT_LAWS:
            tail = word
        else:
            continue
        head = ""
        for before, flag in reversed(words[max(0, i - 3):i]):
            if not flag.startswith(_LAW_NAME_WORD) or not _CJK_WORD.fullmatch(before):
                break
            head = before + head
        if len(head) >= 2 and len(head + tail) >= 5:
            laws.append(head + tail)
    return laws


# a plan pointed at (「那个粮食应急预案」) or a national one named by its subject (「重大动物疫情的国家预案」)
_POINTED_PLAN = re.compile(r"(?:那个|那份|这个|这份|那部|那本)(?P<name>(?:(?![的那这个份部本])[\u4e00-\u9fff]){2,14}?"
                           r"(?:(?:应急)?预案|指南|导则|办法|规定|条例|意见|通知))")
# 「两高2015年那个危害生产安全刑事案件的司法解释」: a judicial interpretation named by its subject
_INTERPRETATION = re.compile(r"(?P<subject>(?:(?![的那这个份])[\u4e00-\u9fff]){4,16})的?司法解释")
_SUBJECT_NATIONAL_PLAN = re.compile(r"(?P<subject>(?:(?![的那这个])[\u4e00-\u9fff]){2,10})的国家(?:专项)?(?:应急)?预案")


def _pointed_plans(text: str) -> list[str]:
    return [m["name"] for m in _POINTED_PLAN.finditer(text)] \
        + [f"关于办理{m['subject']}适用法律若干问题的解释" for m in _INTERPRETATION.finditer(text)] \
        + [f"国家{m['subject']}应急预案" for m in _SUBJECT_NATIONAL_PLAN.finditer(text)]


# 「示例区现在这版防汛预案」: the version in force, said inside a title's words (示例区防汛预案)
_IN_FORCE_WORDS = re.compile(r"(?:现在|目前|当前|最新)?(?:这|那)一?版的?|现行的?")
# 「2021年那版还管用吗」: whether an older version still holds, which the held version answers (「同时废止」)
_ASKS_IN_FORCE = re.compile(r"还(?:管用|有效|适用|能用|执行|算数)|是否(?:有效|废止|失效|还)|废止了?[吗没]|作废|失效了?吗")
# 「街道办或者县里的部门违反条例」: a question's clause that ends in 条例, no title
_NOT_IN_A_TITLE = re.compile(r"违反|或者|的部门|里的")
# 「示例区的专项应急预案印发以后…」「国家层面的总体预案、专项预案…」: a class of a place's or a level's plans, no title
_PLAN_CLASS = re.compile(r"的(?:总体|专项|部门|单位|基层)?(?:应急)?预案$")
_ASKING = re.compile(r"多久|多少|几[次个天年月级]|什么|怎么|怎样|哪[个些里儿]|是否|要不要|能不能|可不可以")


def _bare_titles(text: str) -> list[str]:
    """Plans and regulations named bare (`_BARE_TITLE`), without the words a request puts before them (「考考大家…」)
    and not where the phrase joins several names (「应对法和…条例」: each is read on its own)."""
    titles = []
    for title in _BARE_TITLE.findall(text):
        title = _REQUEST_WORDS.sub("", title)
        if not re.search(r"[和与及、跟或]", title) and len(_TITLE_TAIL.sub("", title)) >= 2:
            titles.append(title)
    return titles


_REQUEST_WORDS = re.compile(r"^(?:一下|大家|我们|你们|他们|关于|有关|一些|几道|考考|给|出|再|也|就|都|下|道|题|个)+")


# 「北京的消防条例」「湖南的防汛条例」: a province's or city's regulation or plan, written with 的
_POSSESSED_TITLE = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,4})的(?P<kind>(?:(?![的和与及])[\u4e00-\u9fff]){2,12}?"
                              r"(?:条例|办法|规定|细则|应急预案|预案))")


def _possessed_titles(text: str) -> list[str]:
    """「出十道题，内容是北京的消防条例」 → 北京消防条例: a province or city named without its suffix before 的 (with
    it, `_PLACE_TITLE` reads the title)."""
    titles = []
    for m in _POSSESSED_TITLE.finditer(text):
        place = next((p for n in (4, 3, 2) if (p := m["place"][-n:]) in PROVINCES or is_city(p)), None)
        if place and not _ASKING.search(m["kind"]):
            titles.append(place + m["kind"])
    return titles


def _own_plans(text: str) -> list[str]:
    """「按东湖街道自己的防汛应急预案」 → 东湖街道防汛应急预案: the plan of the organisation or place the request names;
    「硐冈矿业有限公司给尾矿库自己编的溃坝现场处置方案」 → 硐冈矿业有限公司溃坝现场处置方案: an enterprise's own plan;
    「埙州埴湾生活垃圾焚烧发电厂的停炉应急处置规程」: a named site's own procedure."""
    found = (*_OWN_PLAN.finditer(text), *_COMPANY_PLAN.finditer(text), *_SITE_PROCEDURE.finditer(text))
    return list(dict.fromkeys(m["owner"] + m["kind"] for m in found if not _GENERIC_OWNER.match(m["owner"])))


# 「按现在的预案」「按我们的预案」「按相关的预案」 name no owner
# (a level of government, 「区里的」「省里的」, is an issuer: `_issuer_titles` and the place checks read it)
_GENERIC_OWNER = re.compile(r"^(?:现在|现行|我们|咱们|你们|他们|相关|有关|对应|相应|最新|上面|这个|那个|新|旧|本)"
                            r"|^(?:省|市|区|县|乡|镇|村)(?:里|级|上)?$|^(?:国家|上级|本级|地方|集团|公司|国网|国家电网)")


def _issuer_titles(text: str) -> list[str]:
    """「按省里的重污染天气应急预案」 → 省级重污染天气应急预案; 「按集团公司总部的…」 → 集团公司…应急预案; 「应急部那个森林
    火灾预案」 → 国家森林火灾应急预案; 「中国气象局那个预警信号发布与传播办法」 → 预警信号发布与传播办法."""
    titles = []
    for m in _ISSUER_PLAN.finditer(text):
        issuer = m["issuer"]
        issuer = _ISSUERS.get(issuer) or ("国家电网公司" if issuer.startswith(("国网", "国家电网")) else "集团公司"
                                          if issuer.startswith(("集团", "公司")) else issuer)
        if issuer[0] in "市区县镇乡" and (types_in(m["kind"]) or _KIND_OF_EVENT.match(m["kind"])):
            continue  # 「按区里的动物疫情预案」: the kind of plan is named, and read as such (`_KIND_PLAN`)
        titles.append(f"{issuer}{m['kind']}应急预案")
    return titles + [f"国家{m['kind']}应急预案" for m in _MINISTRY_PLAN.finditer(text)] \
        + [m["name"] + m["kind"] for m in _MINISTRY_DOCUMENT.finditer(text)]


def title_prefix(title: str) -> str | None:
    """The level of government or place a title opens with: 国家, 浙江, 广州市, 示例区; None for none."""
    title = base_title(title)
    if title.startswith("国家电网"):
        return "国家电网公司"
    if title.startswith("国家"):
        return "国家"
    if title.startswith("省"):
        return "省"  # 「省级重污染天气应急预案」: a province's, whichever
    if organisation := next((o for o in _ORGANISATIONS if title.startswith(o)), None):
        return organisation
    province = next((p for p in PROVINCES | FOREIGN_COUNTRIES if title.startswith(p)), None)
    if province:
        return province
    match = _PLACE.match(title)
    return match[1] if match else short_name_province(title)


def _refers_to(chars: list[str], held: set[str], name: str, held_title: str) -> bool:
    """Whether a named title can mean a held one: nearly all its characters are in the held title, no word of it
    (two characters in a row) is missing — 国家突发环境事件应急预案 is not 国家突发事件总体应急预案 — and its level
    or place agrees."""
    missing = [c not in held for c in chars]
    if sum(missing) > len(chars) * (1 - TITLE_CHARACTER_SHARE) or not _subject_held(name, held):
        return False
    return not any(a and b for a, b in zip(missing, missing[1:], strict=False)) and _prefix_agrees(name, held_title)


def _subject_held(name: str, held: set[str]) -> bool:
    """At least half of the name's subject is in the held title: 国家核应急预案 is not 国家突发事件总体应急预案, although
    only one character of it is missing."""
    subject = _TITLE_TAIL.sub("", base_title(name)).removeprefix(title_prefix(name) or "")
    subject = re.sub(r"^(?:省|市|区|县|镇|乡|自治区)级?", "", subject)  # 「县级应急预案」: a county's, of any kind
    chars = _CHINESE_CHAR.findall(subject)
    return not chars or sum(c in held for c in chars) * 2 >= len(chars)


def _prefix_agrees(name: str, held_title: str) -> bool:
    """A name with a level or place in front refers to a document only of that level or place: 国家地震应急预案
    is not 示例区地震应急预案, 浙江省安全生产条例 not 北京市安全生产条例."""
    prefix = title_prefix(name)
    if prefix is None:
        return True
    if prefix == "国家":
        held = title_prefix(held_title)
        return held is None or held == "国家"
    if prefix == "省":
        return title_prefix(held_title) in PROVINCES or "省" in base_title(held_title)
    if prefix in _ORGANISATIONS:
        return prefix[:2] in held_title
    return prefix in held_title


def unknown_titles(query: str, documents: list[DocumentInfo]) -> list[str]:
    """The titles a query names that no document carries. A name refers to a document when it is one of the
    document's names (`document_names`) or when the document's title holds nearly all of its characters."""
    if not documents:
        return []
    known_names = set().union(*(document_names(d) for d in documents))
    title_chars = [set(_CHINESE_CHAR.findall(d.title)) for d in documents]
    unknown = []
    for title in named_titles(query):
        chars = _CHINESE_CHAR.findall(base_title(title))
        if not chars or base_title(title) in known_names or title in known_names:
            continue
        if not any(_refers_to(chars, held, title, doc.title) for held, doc in zip(title_chars, documents,
                                                                                    strict=True)):
            unknown.append(title)
    return unknown + absent_standards(query, documents) + absent_english_acts(query, documents) \
        + absent_decrees(query, known_names) + absent_announcements(query, known_names) \
        + absent_english_national_plans(query, documents) \
        + absent_international_documents(query, documents) + absent_english_issued_documents(query, documents)


# 「the State Council General Office's 2017 opinions on…」「the State Council Work Safety Committee's 2020 three-year action
# plan…」: a document an English question names by issuer, year and kind
_ISSUED_KINDS = r"opinions?|guidelines?|notice|circular|measures|provisions|regulations?|decision|plan|programme|program|rules"
# what an English name of a document ends in (「…2017 opinions」「the Sendai Framework」「the Civil Contingencies Act」)
ENGLISH_DOCUMENT_KIND = re.compile(rf"\b(?:{_ISSUED_KINDS}|law|act|framework|convention|manual|handbook|protocol|charter"
                                   r"|strategy)\b", re.I)
# who issues a document an English question names: 「the State Council General Office」「the Ministry of Natural Resources」
_ENGLISH_ISSUER = (r"(?P<issuer>State Council(?:\s+(?:General Office|Work Safety Committee|Information Office))?"
                   r"|General Office of the State Council|Ministry of [A-Z]\w*(?:\s+(?:and\s+)?[A-Z]\w*)*"
                   r"|National [A-Z]\w*(?:\s+(?:and\s+)?[A-Z]\w*)*\s+(?:Commission|Committee|Administration|Headquarters))")
_ENGLISH_ISSUED = re.compile(
    _ENGLISH_ISSUER
    + rf"['’]s?\s+(?P<year>(?:19|20)\d{{2}})\s+(?P<kind>(?:[a-z\-]+\s+){{0,4}}?(?:{_ISSUED_KINDS}))\b")
# 「the marine disaster contingency plan issued by the Ministry of Natural Resources in 2022」: the same named after
_ENGLISH_ISSUED_BY = re.compile(
    rf"\b(?P<kind>(?:(?!(?:the|a|an|on|of)\s)[a-z\-]+\s+){{0,4}}?(?:{_ISSUED_KINDS}))\s+(?:issued|published|released|promulgated)\s+by\s+(?:the\s+)?"
    + _ENGLISH_ISSUER
    + r"\s+in\s+(?P<year>(?:19|20)\d{2})\b")
_KIND_WORDS = {"opinion": "意见", "guideline": "指南|导则|意见", "notice": "通知", "circular": "通知", "measures": "办法",
               "provisions": "规定", "regulation": "条例|规定", "decision": "决定", "plan": "预案|计划|规划|方案",
               "programme": "计划|方案|规划", "program": "计划|方案|规划", "rules": "规则|细则|办法"}


def absent_english_issued_documents(query: str, documents: list[DocumentInfo]) -> list[str]:
    """Documents an English question names by issuer, year and kind that no held document of that year and kind is:
    「the State Council General Office's 2017 opinions on school safety」, while 「the State Council's 2024 measures on
    emergency plans」 is 突发事件应急预案管理办法（国办发〔2024〕5号）."""
    absent = []
    for m in [*_ENGLISH_ISSUED.finditer(query), *_ENGLISH_ISSUED_BY.finditer(query)]:
        kind = next(v for k, v in _KIND_WORDS.items() if m["kind"].rstrip("s").endswith(k.rstrip("s")))
        held = any(m["year"] in f"{d.title} {d.version or ''} {d.year or ''}" and re.search(kind, d.title) for d in documents)
        if not held:
            absent.append(f"{m['issuer']} {m['year']} {m['kind']}")
    return absent


# 「the INSARAG Guidelines」「the Sendai Framework」: an international document named in English
_INTERNATIONAL_DOCUMENT = re.compile(r"\b(?:(?:[A-Z]{2,}|[A-Z][a-z]+)\s+){1,4}(?:Guidelines?|Framework|Convention|Manual|Handbook|"
                                     r"Protocol|Charter|System|Strategy|Doctrine)\b")


def absent_international_documents(query: str, documents: list[DocumentInfo]) -> list[str]:
    """International guidelines, frameworks and conventions an English question names, when no held document
    carries that name (as a title or an alias)."""
    held = " ".join(" ".join([d.title, *d.aliases]) for d in documents).lower()
    return [m[0] for m in _INTERNATIONAL_DOCUMENT.finditer(query)
            if re.sub(r"^(?:The|A|An)\s+", "", m[0]).lower() not in held]


# 「the national natural disaster relief plan」「the national-level emergency plan for crowd crushes」
_ENGLISH_NATIONAL_PLAN = re.compile(r"\bnational(?:-level)?\s+(?P<a>(?:[a-z\-]+\s+){0,6}?)(?:emergency\s+|contingency\s+|"
                                    r"response\s+)*plan(?:\s+for\s+(?P<b>(?:[a-z\-]+\s*){1,6}))?", re.IGNORECASE)


def absent_english_national_plans(query: str, documents: list[DocumentInfo]) -> list[str]:
    """National plans an English question names by subject that no held national plan's title states: 「the national
    natural disaster relief plan」 (救助 in no national title), while 「the national meteorological disaster plan」 is
    国家气象灾害应急预案. A subject the glossary does not know (「master」) names nothing to check."""
    national = " ".join(d.title for d in documents if title_prefix(d.title) == "国家")
    absent = []
    for m in _ENGLISH_NATIONAL_PLAN.finditer(query):
        subject = " ".join(p for p in (m["a"], m["b"]) if p).strip()
        terms = chinese_terms(subject) if subject else []
        if terms and not any(term in national for term in terms):
            absent.append(f"national {subject} plan")
    return absent


# 「394号令」「国务院令第599号」「Decree No. 599」: a regulation named by its decree number alone
_DECREE_NAMED = re.compile(r"(?<!\d)(?P<a>\d{2,4})\s*号令|令第\s*(?P<b>\d{2,4})\s*号|(?:Decree|Order)\s+No\.?\s*(?P<c>\d{2,4})",
                           re.IGNORECASE)


def absent_decrees(query: str, known_names: set[str]) -> list[str]:
    """Decrees a query names by number that no held document is (「394号令」 with 493号令 and 708号令 held);
    `known_names`: every name of every held document (`document_names`)."""
    numbers = dict.fromkeys(m["a"] or m["b"] or m["c"] for m in _DECREE_NAMED.finditer(query))
    return [f"国务院令第{n}号" for n in numbers if f"{n}号令" not in known_names]


# 「国家林业和草原局2025年第7号公告」「announcement No. 7 of 2025」: an announcement named by its number and year
_ANNOUNCEMENT_NAMED = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*第\s*(?P<n>\d{1,4})\s*号公告"
                                 r"|(?:announcement|bulletin|public notice)\s+No\.?\s*(?P<n2>\d{1,4})\s*(?:of|in)\s+(?P<y2>(?:19|20)\d{2})",
                                 re.IGNORECASE)


def absent_announcements(query: str, known_names: set[str]) -> list[str]:
    """Announcements a query names by year and number that no held document is: 「2025年第7号公告」."""
    named = dict.fromkeys(f"{m['y'] or m['y2']}年第{m['n'] or m['n2']}号公告" for m in _ANNOUNCEMENT_NAMED.finditer(query))
    return [title for title in named if not any(title in name for name in known_names)]


def absent_english_acts(query: str, documents: list[DocumentInfo]) -> list[str]:
    """Laws an English question names by title whose subject no held title states: 「the Mine Safety Law」 (矿山 in no
    title), while 「the Fire Protection Law」 is 消防法 and 「the Earthquake Law」 防震减灾法. Each glossary phrase of the
    subject must be in some held title."""
    held_text = " ".join(d.title for d in documents)

    def held(term: str, law: bool) -> bool:  # a two-character word is loosely translated by one of its characters
        # (地震: 防震减灾法's 震; 灾害, 「Disaster Mitigation」: its 减灾)
        if law and not term.endswith("法"):  # 「the Forest Law」: 森林法, not the 森林防火条例 that also holds 森林
            loose = f"[{re.escape(term)}]" if len(term) == 2 else re.escape(term[-1])
            return bool(re.search(loose + r"[\u4e00-\u9fff]{0,3}法", held_text))
        return term in held_text or len(term) == 2 and term[-1] in held_text

    return [title for title, subject in english_act_subjects(query)  # a place's act is `english_titles`' to name
            if subject and not english_places(title)
            and any(not any(held(term, bool(_ENGLISH_LAW.search(title))) for term in terms) for terms in subject)]


_ENGLISH_LAW = re.compile(r"\b(?:law|act)$", re.IGNORECASE)


# 「GB/T 29639 应急预案编制导则」: a standard named by its code (and perhaps its name)
_STANDARD = re.compile(r"(?<![A-Za-z])(?P<code>(?:GB|AQ|DB\d{0,6}|JGJ|SL|MZ|GA|YJ|DL|JT|WS|ISO(?:/IEC)?|IEC|EN)(?:/T)?\s*\d{2,6}"
                       r"(?:[.\-—:]\d+)*)"
                       r"\s*(?P<name>[\u4e00-\u9fff]{2,20}?(?:导则|规范|标准|规程|指南|要求))?")


def absent_standards(query: str, documents: list[DocumentInfo]) -> list[str]:
    """Standards a query names by code that no held document carries in its title, version or aliases."""
    held = " ".join(f"{d.title} {d.version or ''} {' '.join(d.aliases)}" for d in documents).replace(" ", "")
    return [f"{m['code']} {m['name'] or ''}".strip() for m in _STANDARD.finditer(query)
            if re.sub(r"\s", "", m["code"]) not in held]


# 「2009年原版的…」「出了2030年修订版」「2016年版的防洪法」: a year that names a version
_VERSION_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?(?:那一?|的|这一?)?(?:原版|修订版?|修正版?|版本?|的版本)")


def absent_versions(query: str, documents: list[DocumentInfo]) -> list[str]:
    """Versions a query names of a held document that the library does not hold: 「2009年原版的生产安全事故应急预案
    管理办法」 when only the 2019 one is held → 生产安全事故应急预案管理办法（2009年版）."""
    years = [int(y) for y in _VERSION_YEAR.findall(query)]
    if not years or _ASKS_IN_FORCE.search(query):
        return []
    own = distinctive_names(documents, key=lambda d: base_title(d.title))
    named = [d for d in documents if any(n in query for n in document_names(d) & own)]
    # the title as the query writes it (「2019年那版《栾屏市森林火灾应急预案》」), else the held one's
    quoted = re.search(r"《([^》]{4,40})》", query)
    if quoted and not named:  # a title written a little otherwise than the held one's, which it refers to
        chars = _CHINESE_CHAR.findall(base_title(quoted[1]))
        named = [d for d in documents if _refers_to(chars, set(_CHINESE_CHAR.findall(d.title)), quoted[1], d.title)]
    if not named:
        return []
    title = quoted[1] if quoted else base_title(max(named, key=lambda d: len(base_title(d.title))).title)
    return [f"{title}（{year}年版）" for year in dict.fromkeys(years)
            if not any(str(year) in f"{d.title} {d.version or ''} {d.year or ''}" for d in named)]


def asks_older_version(query: str) -> bool:
    """The query asks for the version before the current one (「旧版」「修订前」)."""
    return any(word in query for word in _OLDER_VERSION_WORDS)


def mentioned_years(query: str) -> list[int]:
    """Years a query names: 2007年, 2024修订, and the two-digit version form 07版 (→ 2007)."""
    years = [int(y) for y in _YEAR.findall(query)]
    for short in _SHORT_YEAR.findall(query):
        year = 2000 + int(short) if int(short) <= 50 else 1900 + int(short)
        if year not in years:
            years.append(year)
    return years


def _without_version_years(query: str, years: list[int], documents: list[DocumentInfo]) -> str:
    """Drop 「2007年版」 or 「07版」 when it only selects a version: the year is not content to match."""
    for year in years:
        if any(str(year) in (d.version or "") for d in documents):
            query = re.sub(rf"(?:{year}\s*年?(?:版|修订|修正|的)?|(?<![\d.]){year % 100:02d}\s*年?(?:版|修订|修正))",
                           " ", query)
    return normalise(query)


# 「应急预案」「事件应急预案」「故应急预案」: the tail every plan's title ends with names none of them
_PLAN_TAIL = re.compile(r"(?:应急)?预案$")
_NO_KIND = frozenset({"事件", "事故", "灾害", "突发事件", "应急", "专项"})


def _names_no_plan(name: str) -> bool:
    kind = _PLAN_TAIL.sub("", name)
    return kind != name and (len(kind) < 2 or kind in _NO_KIND)


def _generic_use(name: str, query: str, title: str) -> bool:
    """A report's generic name (「调查报告」) the query uses only inside a compound of its own, whose words the title
    lacks: 「事故调查报告多少天内要提交」 asks about such reports in general, not the one report the library holds
    (「那份调查报告」「郑州调查报告」 do)."""
    return bool(_GENERIC_REPORT.match(name)) and all(
        m.start() >= 2 and re.fullmatch(r"[\u4e00-\u9fff]{2}", query[m.start() - 2:m.start()])
        and query[m.start() - 2:m.start()] not in title and query[m.start() - 1] not in "的份个篇该这那年版"
        for m in re.finditer(re.escape(name), query))


_GENERIC_REPORT = re.compile(r"^(调查|评估|总结|复盘|调查评估)报告$")


# 「预案管理细则」 for 示例区应急预案管理实施细则: a title written with words left out, its kind kept at the end
_SHORTENED = re.compile(r"[\u4e00-\u9fff]{3,14}?(?:细则|办法|条例|规定|预案)")
_MIN_SHORTENED = 5


def shortened_names(query: str, documents: list[DocumentInfo]) -> dict[str, int]:
    """{base title: length} of the titles a query writes with words left out (its characters in order in the title):
    the longest such tail of a title-like phrase that fits the titles of one document only."""
    found: dict[str, int] = {}
    phrases = [m[0] for m in _SHORTENED.finditer(query)]
    if not phrases:
        return found
    titles = {base_title(d.title) for d in documents}
    for phrase in phrases:
        for start in range(len(phrase) - _MIN_SHORTENED + 1):
            tail = phrase[start:]
            fitting = [title for title in titles if _in_order(tail, title)]
            if len(fitting) == 1:
                found.setdefault(fitting[0], len(tail))
                break
    return found


def _in_order(chars: str, text: str) -> bool:
    """Every character of `chars` in `text`, in order (「预案管理细则」 in 示例区应急预案管理实施细则)."""
    it = iter(text)
    return all(ch in it for ch in chars)


def _mentioned_documents(query: str, documents: list[DocumentInfo], years: list[int],
                         prefers_older: bool = False) -> list[str]:
    """Documents the query names, the most specific name first; among versions, the one the query dates."""
    scored: list[tuple[int, int, int, str]] = []
    shortened = shortened_names(query, documents)
    for doc in documents:
        names = [n for n in document_names(doc) if n in query and not _names_no_plan(n) and not _generic_use(n, query, doc.title)]
        place = place_of(doc)
        # 「国家总体应急预案」 for 国家突发事件总体应急预案: the shortened name says more than 「总体应急预案」, which every
        # 总体应急预案 shares
        length = max(max((len(n) for n in names), default=0), shortened.get(base_title(doc.title), 0))
        if not length and place and place in query:
            length = 1
        if length:
            year_match = int(any(str(y) in (doc.version or "") + doc.title for y in years))
            recency = -(doc.year or 0) if prefers_older else doc.year or 0
            scored.append((year_match, length, recency, doc.doc_id))
    scored.sort(reverse=True)
    return [doc_id for *_, doc_id in scored]
