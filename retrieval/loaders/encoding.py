"""Decode the bytes of a text file: UTF-8 (with or without BOM), else GB18030/GBK, else a detected encoding.

Legacy Chinese files are GBK far more often than anything else, and GB18030 is its superset, so GB18030 is
tried before asking charset_normalizer, whose guesses on short Chinese texts are unreliable.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from retrieval.loaders.base import LoadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed mean the decoding went wrong.
_ALLOWED_CONTROLS = "\t\n\r\f"
_MAX_CONTROL_RATIO = 0.001
_TRUNCATED = ("unexpected end of data", "incomplete multibyte sequence")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str

    @property
    def warnings(self) -> list[str]:
        if self.encoding in ("utf-8", "utf-8-sig", "ascii"):
            return []
        return [f"文本不是UTF-8编码 / not UTF-8: decoded as {self.encoding.upper()}"]


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    return controls <= _MAX_CONTROL_RATIO * max(len(text), 1)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        # A file cut in the middle of its last character is still that encoding.
        if exc.reason not in _TRUNCATED or exc.start < len(data) - 3:
            return None
        text = data[: exc.start].decode(encoding)
    except LookupError:
        return None
    return text if _looks_like_text(text) else None


def decode_text(data: bytes, path: Path, declared: str | None = None) -> DecodedText:
    """Decode `data`; `declared` is an encoding the file names itself (an HTML meta charset), tried first."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is not None:
                return DecodedText(text, "utf-8-sig" if encoding == "utf-8-sig" else encoding)
    candidates = [declared] if declared else []
    candidates += ["utf-8", "gbk", "gb18030"]
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is not None:
            return DecodedText(text, codecs.lookup(encoding).name)
    guess = from_bytes(data).best()
    if guess is not None and _looks_like_text(str(guess)):
        return DecodedText(str(guess), guess.encoding)
    raise LoadError(
        f"{path.name}: 无法识别文本编码 / cannot tell the text encoding of this file; "
        "save it as UTF-8 and ingest it again"
    )
