"""Clock times as officers write them: 「下午3点10分」「晚上十一时」 → hours of the day (15.17, 23.0)."""

from __future__ import annotations

from retrieval.ranking.numerals import words_to_number

AFTERNOON = ("下午", "傍晚", "晚上", "昨晚")
MORNING = ("凌晨", "早上", "今晨", "今早")


def clock_hours(part: str | None, hour: str, minute: str | None = None) -> float:
    """「下午」「3」「10」 → 15.17: the hour of the day a clock time told with its part of the day is; the hour may be
    in words (「十三点」), which the text keeps."""
    h = int(hour) if hour.isdigit() else int(words_to_number(hour) or 0)
    return h + 12 * (part in AFTERNOON and h < 12) + int(minute or 0) / 60
