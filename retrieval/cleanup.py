"""Clean text beside the verbatim text: PDF/OCR residue normalised for matching, parsing and the lexical index.

Plans that bureaus hold are OCR'd PDFs turned into text: LaTeX math fragments (`$5 6 \\mathrm { m }$`,
`$0 . 4 \\sim 0 . 7$`), digits spaced apart (`2 0 0 毫米`), full-width forms (`３万人`), page footers (`— 12 —`) and
the running title repeated on every page. A chunk's `text` stays verbatim, because citations quote it;
`clean_text` is its normalised form, stored beside it (`Chunk.metadata["clean_text"]`) when it differs, and
`drop_furniture` removes only whole furniture lines, so that what remains is still verbatim.
"""

from __future__ import annotations

import re
import unicodedata

_CELL = " | "
_MATH = re.compile(r"\$([^$\n]{1,200})\$")
# The one list of OCR/LaTeX residue rules: `clean_text` applies them inside `$…$`, and the plan engine's matching
# form (`retrieval.plan.phrases.plan_text`) applies the same rules, keeping each character's source offset.
LATEX_COMMANDS: list[tuple[str, str]] = [
    (r"\^\s*\{?\s*\\circ\s*\}?\s*(?:\\mathrm\s*\{\s*C\s*\}|C)", "℃"),
    (r"\\textcircled\s*\{\s*(\d+)\s*\}", r"(\1)"),
    (r"\\sim", "～"),
    (r"\\%", "%"),
    (r"\\(?:times|cdot)", "×"),
    (r"\\(?:geqslant|geqq|geq|ge)(?![a-zA-Z])", "≥"),
    (r"\\(?:leqslant|leqq|leq|le)(?![a-zA-Z])", "≤"),
    (r"\\(?:mathrm|text|mathbf|operatorname)\s*", ""),
    (r"\\[a-zA-Z]+|\\.", ""),
    (r"[{}]", ""),
]
_SPACED_NUMBER = re.compile(r"(?<=[\d.])\s+(?=[\d.])")
_PAGE_FOOTER = re.compile(r"^\s*(?:[—\-－–]+\s*\d{1,4}\s*[—\-－–]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")
# Full-width digits, letters and signs → ASCII; Chinese punctuation (，。：；（）) stays as written.
FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} | {
    chr(c): chr(c - 0xFEE0) for c in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
} | {"．": ".", "％": "%", "＞": ">", "＜": "<", "＝": "="})


def _math(m: re.Match[str]) -> str:
    body = m[1]
    for pattern, replacement in LATEX_COMMANDS:
        body = re.sub(pattern, replacement, body)
    body = _SPACED_NUMBER.sub("", body.strip())
    return re.sub(r"\s+", "", body) if re.fullmatch(r"[\s\d.,～~%a-zA-Z×≥≤\-]+", body) else body


def clean_text(text: str) -> str:
    """「$5 6 \\mathrm { m }$」 → 「56m」, 「$0 . 4 \\sim 0 . 7$ 万」 → 「0.4～0.7 万」, 「2 0 0 毫米」 → 「200 毫米」,
    「３万人」 → 「3万人」; page footers dropped; a table row keeps its header (「响应级别：Ⅳ级；启动条件：…」).
    Line structure is kept."""
    text = unicodedata.normalize("NFC", text).translate(FULLWIDTH)
    text = _MATH.sub(_math, text)
    text = re.sub(r"(?<=\d) (?=\d)", "", text)
    lines = [line for line in text.split("\n") if not _PAGE_FOOTER.match(line)]
    return "\n".join(_rows_with_header(lines))


def _rows_with_header(lines: list[str]) -> list[str]:
    """Table rows (cells joined by 「 | 」, as the loaders write them) after a header row become
    「header：cell；header：cell」, so that each row can be read, matched and quoted on its own."""
    out: list[str] = []
    header: list[str] | None = None
    for line in lines:
        if _CELL not in line:
            header = None
            out.append(line)
            continue
        cells = [c.strip() for c in line.split(_CELL)]
        if header is None:
            header = cells
            out.append(line)
            continue
        pairs = [f"{h}：{c}" if h else c for h, c in zip(header, cells, strict=False) if c]
        out.append("；".join(pairs))
    return out


def drop_furniture(text: str, title: str = "") -> str:
    """The text without page footers and repeated running titles (whole lines only, so the rest is verbatim)."""
    running = re.sub(r"\s+", "", title)

    def furniture(line: str) -> bool:
        folded = re.sub(r"\s+", "", line)
        # (「浉阳县凌汛灾害应急预案 丄」: OCR leaves a stray mark beside a running title)
        stray = len(folded) == len(running) + 1 and (folded.startswith(running) or folded.endswith(running))
        return bool(_PAGE_FOOTER.match(line)) or (bool(running) and (folded == running or stray))

    return "\n".join(line for line in text.split("\n") if not furniture(line))
