"""Chinese numerals ↔ integers, as used in clause numbers (第一百零六条) and response levels (Ⅱ级, 二级)."""

from __future__ import annotations

import re

import cn2an

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"
ROMAN_LEVELS = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def words_to_number(text: str) -> float | None:
    """A number in words or digits, as cn2an reads it (「三点八」 3.8, 「三万一千」 31000, 「3.1万」 31000), or None for a
    text it cannot read: cn2an raises KeyError, not only ValueError, on runs such as 「十三十二点六五」."""
    try:
        return float(cn2an.cn2an(text.replace("两", "二"), "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def cn_to_int(text: str) -> int:
    """Parse a Chinese numeral (一百零六, 二十, 十一) or Arabic digits into an int."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _UNITS[ch]
            current = 0
    return total + current


def int_to_cn(number: int) -> str:
    """Write an int (0–9999) the way clause numbers are written: 17 → 十七, 106 → 一百零六."""
    if number < 0 or number > 9999:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(digits[digit] + unit)
    result = "".join(parts)
    return result[1:] if result.startswith("一十") else result


_ROMAN_PATTERN = re.compile(r"^(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|IV|V|I{1,3})$")


def level_to_int(text: str) -> int | None:
    """Ⅱ, II, 二, 2 → 2; anything else → None."""
    text = text.strip()
    if _ROMAN_PATTERN.match(text):
        return ROMAN_LEVELS[text]
    try:
        return cn_to_int(text)
    except ValueError:
        return None
