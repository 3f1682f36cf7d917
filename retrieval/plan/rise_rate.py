"""How fast a gauge's level rises, from the readings a report gives (「县水文中心浉城水文站读数：10时48.95米，11时30分
49.62米，12时50.05米」): plans that grade ice floods or flash floods by 水位涨率 (米／小时) compare it.

A gauge's readings are those one sentence gives with their clock times. The rate is taken over the latest reading
and the one before it, or, when those two are under an hour apart, the latest one at least an hour before it (a rate
over minutes is a gauge's noise, and plans that define the rate say so); its digits beyond the second are dropped,
not rounded. A level that falls or holds gives no rate. The greatest rate of the report's gauges is the report's. A
rate the report states itself (「镇里按半个小时算，涨率每小时八十多厘米」) gives way to the readings: who computed it,
and from which gauge, is not known.
"""

from __future__ import annotations

import math
import re

from retrieval.plan.clock import clock_hours

_READING = re.compile(r"(?:(?P<d>\d{1,2})日)?(?P<part>凌晨|早上|上午|中午|下午|傍晚|晚上|夜间)?(?P<h>\d{1,2}|[一二两三四五六七八九十]{1,3})[时点]"
                      r"(?:(?P<m>\d{1,2})分|整)?(?:的)?(?:读数|水位|实测|观测)?(?:为|是|到|涨到|升至|达)?\s*(?P<v>\d+\.\d+)\s*米")
RISE_RATE = "水位涨率"
_MIN_HOURS = 1.0


def _hours(m: re.Match[str]) -> float:
    return int(m["d"] or 0) * 24 + clock_hours(m["part"], m["h"], m["m"])  # 「十三点水位三十二点一米」 too


def _gauge_rate(readings: list[tuple[float, float]]) -> float | None:
    readings = sorted(readings)
    if len(readings) < 2:
        return None
    t2, h2 = readings[-1]
    earlier = [r for r in readings[:-1] if t2 - r[0] > 0]
    if not earlier:
        return None
    t1, h1 = earlier[-1]
    if t2 - t1 < _MIN_HOURS:
        far = [r for r in earlier if t2 - r[0] >= _MIN_HOURS]
        if not far:
            return None
        t1, h1 = far[-1]
    if h2 <= h1:
        return None
    return math.floor((h2 - h1) / (t2 - t1) * 100 + 1e-9) / 100


def rise_rate(norm: str) -> float | None:
    """The greatest rise rate (米/小时) of the gauges whose timed readings the report gives, or None."""
    rates = []
    for sentence in re.split(r"[。；;！!？?\n]", norm):
        readings = [(_hours(m), float(m["v"])) for m in _READING.finditer(sentence)]
        if (rate := _gauge_rate(readings)) is not None:
            rates.append(rate)
    return max(rates, default=None)
