"""Mark where a query (or a cited quote) occurs in a clause, as escaped HTML with <mark> spans.

Chinese queries have no spaces, so a query matches the text wherever any two consecutive characters of one of
its words occur there; that marks 「信息报告」 and 「30分钟」 without a tokenizer in the console.
"""

from __future__ import annotations

import html
import re

_WORDS = re.compile(r"\w+")
_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|~$")


def query_mask(text: str, query: str) -> list[bool]:
    """Which characters of `text` belong to a two-character piece of a word of `query`."""
    mask = [False] * len(text)
    folded = text.casefold()
    for word in _WORDS.findall(query.casefold()):
        for i in range(len(word) - 1):
            _mark_all(folded, word[i : i + 2], mask)
    return mask


def quote_mask(text: str, quote: str) -> list[bool]:
    mask = [False] * len(text)
    if quote.strip():
        _mark_all(text, quote.strip(), mask)
    return mask


def _mark_all(text: str, piece: str, mask: list[bool]) -> None:
    start = text.find(piece)
    while start != -1:
        mask[start : start + len(piece)] = [True] * len(piece)
        start = text.find(piece, start + 1)


def escape(text: str) -> str:
    """Text safe inside `st.markdown(..., unsafe_allow_html=True)`: HTML and Markdown both inert."""
    out = []
    for char in text:
        if char == "\n":
            out.append("<br>")
        elif char in "<>&\"'":
            out.append(html.escape(char))
        elif char in _MARKDOWN_SPECIAL:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def label_escape(text: str) -> str:
    """Text safe as a widget label (Markdown, no HTML): Markdown's special characters backslash-escaped."""
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in text.replace("\n", " "))


def to_html(text: str, mask: list[bool]) -> str:
    """`text` escaped, with each marked run wrapped in <mark>."""
    parts: list[str] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or mask[end] != mask[start]:
            piece = escape(text[start:end])
            parts.append(f"<mark>{piece}</mark>" if mask[start] else piece)
            start = end
    return "".join(parts)


def highlight_query(text: str, query: str) -> str:
    return to_html(text, query_mask(text, query))


def highlight_quote(text: str, quote: str) -> str:
    return to_html(text, quote_mask(text, quote))
