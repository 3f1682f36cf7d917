"""Document metadata: from a sidecar `NAME.meta.toml`, the ingest call, or what the text itself says.

Precedence: explicit ingest options > sidecar > inferred. The title is inferred from the first heading
that reads as a document title (…法, …预案, …报告), else the 《…》 named by a 关于印发《…》的通知, else the
file name. The version comes from a parenthesised suffix of the file name (「(2024修订)」) or from the
enactment lines at the top of the text (「2024年6月28日…修订」).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from retrieval.models import DocType, DocumentMeta, LoadedDocument

_TITLE_SUFFIXES = (
    "法", "条例", "办法", "规定", "细则", "规则", "决定", "预案", "方案", "报告", "案例", "复盘", "通报", "意见",
)
_TYPE_BY_SUFFIX = [
    (("预案", "方案"), DocType.PLAN),
    (("报告", "案例", "复盘", "通报", "评估"), DocType.REVIEW),
    (("法", "条例", "办法", "规定", "细则", "规则", "决定"), DocType.REGULATION),
]
_TYPE_BY_FOLDER = {"regulations": DocType.REGULATION, "laws": DocType.REGULATION, "plans": DocType.PLAN,
                   "reviews": DocType.REVIEW, "reports": DocType.REVIEW}
_ISSUED_NOTICE = re.compile(r"印发《(.+?)》")
_QUOTED_TITLE = re.compile(r"《([^《》]{4,40})》")
_NAME_VERSION = re.compile(r"[（(]([^（）()]*(?:\d{4}|修订|修正|号)[^（）()]*)[）)]\s*$")
_TEXT_VERSION = re.compile(r"(\d{4})\s*年[^。\n]{0,30}?(修订|修正|通过|公布|印发)")
_YEAR = re.compile(r"(19|20)\d{2}")
# What people prefix or append to a file name to say what kind of copy it is (「扫描件-生产安全事故应急条例」,
# 「加密-…」, 「…-副本」, 「… (1)」): never part of the document's title.
_COPY_WORDS = r"(?:扫描件|扫描版|扫描|加密版?|副本|复印件|复制件|拷贝|copy(?:\s+of)?|scan(?:ned)?)"
_COPY_PREFIX = re.compile(rf"^\s*(?:[\[【(（]{_COPY_WORDS}[\]】)）]|{_COPY_WORDS}[-_—–·:：\s])[-_—–·:：\s]*",
                          re.IGNORECASE)
_COPY_SUFFIX = re.compile(rf"(?:\s*[-_—–·\s]\s*{_COPY_WORDS}|\s*[(（]\s*(?:{_COPY_WORDS}|\d{{1,2}})\s*[)）])\s*$",
                          re.IGNORECASE)
SIDECAR_SUFFIX = ".meta.toml"
# Hazard words a title names, for documents without a sidecar (防汛抗旱应急预案 → 防汛, 抗旱).
HAZARD_WORDS = ("防汛", "抗旱", "防洪", "洪涝", "暴雨", "气象", "台风", "地震", "防震", "地质灾害", "森林防火", "森林火灾",
                "火灾", "消防", "安全生产", "生产安全", "危险化学品", "停电", "人员密集", "踩踏", "突发事件")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar's keys, or {} when there is none. A broken sidecar is an error the user must see."""
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return {}
    try:
        return tomllib.loads(sidecar.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"元数据文件无法解析 / cannot parse sidecar {sidecar.name}: {exc}") from exc


def _looks_like_title(text: str) -> bool:
    text = text.strip().rstrip("。")
    return 4 <= len(text) <= 60 and text.endswith(_TITLE_SUFFIXES) and "关于" not in text[:4]


def without_copy_marks(title: str) -> str:
    """The title without what marks a copy: 「扫描件-生产安全事故应急条例」 → 「生产安全事故应急条例」."""
    cleaned = title
    while (stripped := _COPY_SUFFIX.sub("", _COPY_PREFIX.sub("", cleaned))) != cleaned:
        cleaned = stripped
    return cleaned.strip() or title


def infer_title(doc: LoadedDocument, path: Path) -> str:
    return without_copy_marks(_title_of(doc, path))


def _title_of(doc: LoadedDocument, path: Path) -> str:
    head = doc.blocks[:40]
    headings = [b.text.strip() for b in head if b.heading_level is not None]
    if doc.title and _looks_like_title(doc.title):
        headings.insert(0, doc.title)
    for text in headings:
        if _looks_like_title(text):
            return text.rstrip("。")
    for block in head:
        if match := _ISSUED_NOTICE.search(block.text):
            return match[1]
    stem = without_copy_marks(path.stem)
    return _NAME_VERSION.sub("", stem).strip() or stem


def infer_doc_type(title: str, path: Path) -> DocType:
    for part in reversed(path.parent.parts[-2:]):
        if part.lower() in _TYPE_BY_FOLDER:
            return _TYPE_BY_FOLDER[part.lower()]
    core = title.rstrip("）)").split("（")[0]
    for suffixes, doc_type in _TYPE_BY_SUFFIX:
        if core.endswith(suffixes):
            return doc_type
    return DocType.OTHER


def infer_version(doc: LoadedDocument, path: Path) -> str | None:
    if match := _NAME_VERSION.search(path.stem):
        return match[1]
    for block in doc.blocks[:12]:
        matches = _TEXT_VERSION.findall(block.text)
        if matches:
            year, verb = matches[-1]
            return f"{year}{verb}"
    return None


# 「国家安全生产监督管理总局令第88号公布」: people call the rule by its decree number, 88号令
_DECREE_NUMBER = re.compile(r"令\s*第\s*(\d{1,4})\s*号")


def infer_aliases(doc: LoadedDocument) -> list[str]:
    """The decree numbers a regulation's preamble gives it, as people write them (「88号令」)."""
    head = re.sub(r"\s+", "", " ".join(block.text for block in doc.blocks[:12]))
    return list(dict.fromkeys(f"{n}号令" for n in _DECREE_NUMBER.findall(head)))


def _year_of(version: str | None) -> int | None:
    match = _YEAR.search(version or "")
    return int(match[0]) if match else None


def build_meta(doc: LoadedDocument, path: Path, overrides: dict[str, Any] | None = None,
               defaults: dict[str, Any] | None = None) -> DocumentMeta:
    """Merge inferred metadata, configured defaults, the sidecar and explicit overrides (in rising precedence)."""
    title = infer_title(doc, path)
    version = infer_version(doc, path)
    inferred: dict[str, Any] = {
        "title": title,
        "doc_type": infer_doc_type(title, path),
        "version": version,
        "year": _year_of(version),
        "hazard_types": [w for w in HAZARD_WORDS if w in title],
        "aliases": infer_aliases(doc),
    }
    explicit = {**read_sidecar(path), **{k: v for k, v in (overrides or {}).items() if v is not None}}
    explicit.pop("password", None)
    merged = {**inferred, **(defaults or {}), **explicit}
    if "version" in explicit and "year" not in explicit:
        merged["year"] = _year_of(merged["version"]) or inferred["year"]
    return DocumentMeta.model_validate(merged)


def normalise_for_hash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def content_hash(doc: LoadedDocument) -> str:
    return hashlib.sha256(normalise_for_hash(doc.text).encode("utf-8")).hexdigest()


def doc_id_for(content_sha: str) -> str:
    return content_sha[:16]
