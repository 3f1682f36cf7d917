"""Criteria a plan writes as formulas over symbols it defines (「$1 \\leqslant S < 5$」, 「$H>H_{警}$」).

The symbols are defined under the table (「注：$S$ 为受害森林面积，单位为公顷」, 「式中：$H$——控制站实测水位（米）；
$H_{警}$、$H_{保}$——该站警戒水位、保证水位」) or in a header (「受害森林面积 $S$」). `read_symbols` reads them; `in_words`
writes a criterion's formulas in the words plans use otherwise (「受害森林面积1公顷以上、不足5公顷」, 「控制站实测水位超过警戒
水位」), so that the usual reading compares them. The quoted criterion stays as the plan writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.plan.levels import reread_triggers
from retrieval.plan.models import ResponseLevel

_MATH = re.compile(r"\$([^$]+)\$")
_NUMBER = r"\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Symbol:
    name: str
    unit: str = ""


def symbol_key(latex: str) -> str:
    """「H_{警}」「\\Delta H」 → 「H_警」「ΔH」: a symbol as written, without LaTeX braces or spaces."""
    text = re.sub(r"\\Delta\s*", "Δ", latex)
    text = re.sub(r"\\(?:mathrm|text|mathit)\s*", "", text)
    return re.sub(r"[{}\s\\]", "", text)


def _math_body(latex: str) -> str:
    """A formula with its comparisons as signs: 「1 \\leqslant S < 5」 → 「1≤S<5」."""
    text = re.sub(r"\\(?:geqslant|geqq|geq|ge)(?![a-zA-Z])", "≥", latex)
    text = re.sub(r"\\(?:leqslant|leqq|leq|le)(?![a-zA-Z])", "≤", text)
    text = re.sub(r"\\gt(?![a-zA-Z])", ">", text)
    text = re.sub(r"\\lt(?![a-zA-Z])", "<", text)
    return re.sub(r"(?<=\d)\s+(?=[\d.])|(?<=\.)\s+(?=\d)", "", symbol_key(text))


_NAME = r"[\u4e00-\u9fa5]{2,14}"
# 「$S$ 为受害森林面积，单位为公顷」「$H$——控制站实测水位（米）」「$H_{警}$、$H_{保}$——该站警戒水位、保证水位」
_DEFINED = re.compile(rf"(?P<syms>\$[^$]{{1,20}}\$(?:\s*、\s*\$[^$]{{1,20}}\$)*)\s*(?:——|—|－－|为|是|指|：)\s*"
                      rf"(?P<names>{_NAME}(?:、{_NAME})*)(?:[（(](?P<unit1>[\u4e00-\u9fa5a-zA-Z]{{1,4}})[)）]"
                      rf"|[，,]\s*单位为\s*(?P<unit2>[\u4e00-\u9fa5a-zA-Z]{{1,4}}))?")
# 「受害森林面积 $S$」「警戒水位 $H_{警}$（米）」 in a table header
_HEADED = re.compile(rf"(?P<name>{_NAME})\s*\$(?P<sym>[^$]{{1,20}})\$(?:\s*[（(](?P<unit>[\u4e00-\u9fa5a-zA-Z]{{1,4}})[)）])?")
_REFERENCE = re.compile(r"^(?:该站|本站|各站|相应|对应)")
_SYMBOL = re.compile(r"Δ?[A-Za-z](?:_[\u4e00-\u9fa5A-Za-z0-9]{1,3})?")


def read_symbols(text: str) -> dict[str, Symbol]:
    """Symbol → its name and unit, from the definitions and headers of a plan's text."""
    symbols: dict[str, Symbol] = {}
    for m in _HEADED.finditer(text):
        key = symbol_key(m["sym"])
        if _SYMBOL.fullmatch(key):
            symbols.setdefault(key, Symbol(m["name"], m["unit"] or ""))
    for m in _DEFINED.finditer(text):
        keys = [symbol_key(s) for s in _MATH.findall(m["syms"])]
        names = [_REFERENCE.sub("", n) for n in m["names"].split("、")]
        if len(keys) == len(names) and all(_SYMBOL.fullmatch(k) for k in keys):
            for key, name in zip(keys, names, strict=True):
                symbols[key] = Symbol(name, m["unit1"] or m["unit2"] or symbols.get(key, Symbol("")).unit)
    return symbols


_WORDS = {"≥": "达到", ">": "超过", "<": "不足", "≤": "不超过"}
_VERSUS = {">": "超过", "≥": "达到", "<": "未达到", "≤": "未超过"}
_UNIT_AFTER = re.compile(r"\s*(毫米|厘米|公里|千米|公顷|小时|米|亩|人|%|℃)")


def _formula_in_words(body: str, symbols: dict[str, Symbol], sym: str, unit: str | None) -> str | None:
    """`sym`: an alternation of the symbols; `unit`: the unit written right after the formula (「$T > 6$ 小时」),
    else the symbol's own."""
    if m := re.fullmatch(rf"(?P<a>{_NUMBER})(?P<o1>≤|<)(?P<s>{sym})(?P<o2><|≤)(?P<b>{_NUMBER})", body):
        s = symbols[m["s"]]
        u = unit or s.unit
        lower = f"{m['a']}{u}以上" if m["o1"] == "≤" else f"超过{m['a']}{u}"
        return f"{s.name}{lower}、{_WORDS[m['o2']]}{m['b']}{u}"
    if m := re.fullmatch(rf"(?P<s>{sym})(?P<o>≥|>|<|≤)(?P<a>{_NUMBER})", body):
        s = symbols[m["s"]]
        return f"{s.name}{_WORDS[m['o']]}{m['a']}{unit or s.unit}"
    if m := re.fullmatch(rf"(?P<s>{sym})(?P<o>≥|>|<|≤)(?P<t>{sym})(?:\+(?P<c>{_NUMBER}))?", body):
        x, y = symbols[m["s"]], symbols[m["t"]]
        if m["c"]:
            return f"{x.name}超过{y.name}{m['c']}{unit or y.unit}以上"
        return f"{x.name}{_VERSUS[m['o']]}{y.name}"
    return None


def in_words(text: str, symbols: dict[str, Symbol]) -> str:
    """The criterion with each formula over known symbols written in words (others stay as they are)."""
    if not symbols:
        return text
    sym = "|".join(sorted(map(re.escape, symbols), key=len, reverse=True))

    def replace(m: re.Match[str]) -> str:
        words = _formula_in_words(_math_body(m[1]), symbols, sym, m[2])
        return words if words is not None else m[0]

    return re.sub(rf"\$([^$]+)\$(?:{_UNIT_AFTER.pattern})?", replace, text)


def with_formulas(levels: list[ResponseLevel], symbols: dict[str, Symbol], below_exclusive: bool) -> None:
    """Each criterion with formulas over the plan's symbols is read in words (`in_words`)."""
    if symbols:
        reread_triggers(levels, lambda trigger: in_words(trigger.text, symbols) if "$" in trigger.text else None,
                        below_exclusive)
