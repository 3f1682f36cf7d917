"""Air-quality forecasts as duty officers report them, for plans graded by forecast days above an index (重污染天气:
「AQI日均值超过200将持续2天（48小时）以上」): how many days the city-wide daily AQI is forecast above each bound, and its
highest value.

「从明天起连续三天全市日均AQI分别约260、320、280」 → 3 days above 200, 1 above 300; 「今明两天全市日均AQI在240—260」 → 2
above 200; 「连着四天日均AQI超200，其中周四最重，约340」 → 4 above 200, 1 above 300. Only city-wide daily values count:
a station's, a county's or an hour's (「小时AQI都冲到320」) do not, nor days of sand and dust (「沙尘过境」), as plans say.
"""

from __future__ import annotations

import re

from retrieval.plan.phrases import parse_number
from retrieval.plan.thresholds import AQI, aqi_days_key

BOUNDS = (150, 200, 300, 400)
_MENTION = re.compile(r"AQI|空气质量指数")
_NOT_CITY_WIDE = re.compile(r"站点|监测点|点位|小时AQI|县城")
_DUST = re.compile(r"(?<!不是)(?:沙尘|扬沙|浮尘)")
_CN = r"[一二两三四五六七八九十]+"
_DAYS = re.compile(rf"(?<![\d.])(?P<n>\d+|{_CN})个?(?:天|日)(?![内前后均])")
_HOURS = re.compile(r"(?P<n>\d+|七十二|四十八|九十六|二十四)个?小时")
_WEEKDAYS = re.compile(r"周(?P<a>[一二三四五六日天])(?:到|至|—|-)周(?P<b>[一二三四五六日天])")
_DAY_WORDS = ("明天", "后天", "大后天")
_VALUE = re.compile(r"(?<![\dA-Za-z.])(?P<v>\d{2,3})(?:\s*(?:到|至|—|-|~)\s*(?P<w>\d{2,3}))?(?![\d.]|\s*(?:μg|微克|小时|天|日|个|%|mg))")
_ABOVE = re.compile(r"(?:超|超过|高于)(?P<v>\d{2,3})")
_WEEK = "一二三四五六日"


def _day_count(text: str) -> int:
    if m := _DAYS.search(text):
        return int(parse_number(m["n"]))
    if m := _WEEKDAYS.search(text):
        a, b = (_WEEK.index(d.replace("天", "日")) for d in (m["a"], m["b"]))
        return (b - a) % 7 + 1  # 周六到周一: three days
    if m := _HOURS.search(text):
        return max(1, int(parse_number(m["n"])) // 24)
    return max(1, len({w for w in _DAY_WORDS if w in text and not (w == "后天" and "大后天" in text
                                                                        and text.count("后天") == 1)}))


def aqi_facts(text: str) -> dict[str, float]:
    """Days forecast above each bound (`aqi_days_key`) and the highest city-wide daily AQI (`AQI`)."""
    facts: dict[str, float] = {}
    for sentence in re.split(r"[。；;]", text):
        if not _MENTION.search(sentence) or _DUST.search(sentence):
            continue  # a forecast of sand and dust days is not graded (「后天起沙尘过境，估计日均AQI能到400多」)
        clauses = [c for c in re.split(r"[，,]", sentence) if not _NOT_CITY_WIDE.search(c)]
        start = next((i for i, c in enumerate(clauses) if _MENTION.search(c)), None)
        if start is None:
            continue
        clauses = [re.sub(r"PM\s*\d+(?:\.\d+)?", "PM", c) for c in clauses]  # PM2.5 is no day nor value
        part = "，".join(clauses[start:])
        days = _day_count("，".join(clauses[: start + 1]))
        values = [(int(m["v"]), int(m["w"] or m["v"])) for m in _VALUE.finditer(part)]
        listed = re.search(rf"(?:\d{{2,3}}[、，,]){{{days - 1}}}\d{{2,3}}", part) if days > 1 else None
        stated_above = [int(m["v"]) for m in _ABOVE.finditer(clauses[start])]
        for bound in BOUNDS:
            if listed:  # 「分别约260、320、280」: one value a day
                count = sum(v > bound for v in map(int, re.findall(r"\d{2,3}", listed[0])))
            elif stated_above and stated_above[0] >= bound:  # 「连着四天日均AQI超200」
                count = days
            elif stated_above:  # 「…超过200，其中周五310、周六330，其余为230—290」: the days named above the bound
                count = sum(single > bound for single, high in values if single == high)
            else:  # 「今明两天全市日均AQI在240—260」: the days the first figure or range is for
                count = days if values and values[0][0] > bound else 0
            facts[aqi_days_key(bound)] = float(count)
        if values:
            facts[AQI] = float(max(high for _, high in values))
    return facts
