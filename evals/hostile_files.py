"""Hostile files made on the fly for the integrity tests and the soak (evals/soak.py), each breaking a loader or a
limit in its own way (damaged XML, deep nesting, inflation, a million paragraphs), and good documents beside them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def good_docx(path: Path, title: str, clauses: int = 5) -> Path:
    document = Document()
    document.add_heading(title, level=1)
    for i in range(1, clauses + 1):
        document.add_paragraph(f"第{i}条 {title}第{i}项措施：区应急管理局应当在{10 + i}分钟内报告处置进展。")
    document.save(path)
    return path


def _with_document_xml(template: Path, path: Path, xml: bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of the DOCX `template` whose word/document.xml is `xml` (plus `extra` members)."""
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml if item.filename == "word/document.xml" else source.read(item.filename))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


def _body(inner: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{inner}</w:body></w:document>'.encode()


def corrupt_docx(folder: Path) -> Path:
    template = good_docx(folder / "_t1.docx", "模板")
    xml = _body("<w:p><w:r><w:t>第一条 未闭合的段落</w:t></w:r>")[:-30]  # cut mid-element
    path = _with_document_xml(template, folder / "损坏的XML.docx", xml)
    template.unlink()
    return path


def nested_sdt_docx(folder: Path, depth: int = 5000) -> Path:
    template = good_docx(folder / "_t2.docx", "模板")
    inner = "<w:p><w:r><w:t>第一条 深处的段落</w:t></w:r></w:p>"
    xml = _body("<w:sdt><w:sdtContent>" * depth + inner + "</w:sdtContent></w:sdt>" * depth)
    path = _with_document_xml(template, folder / "深层嵌套.docx", xml)
    template.unlink()
    return path


def inflating_docx(folder: Path, megabytes: int = 300) -> Path:
    template = good_docx(folder / "_t3.docx", "模板")
    path = _with_document_xml(template, folder / "解压炸弹.docx", _body("<w:p><w:r><w:t>第一条 正文</w:t></w:r></w:p>"),
                              extra={"word/media/padding.bin": b"\0" * (megabytes * 2**20)})
    template.unlink()
    return path


def million_paragraphs_docx(folder: Path, paragraphs: int = 1_000_000) -> Path:
    template = good_docx(folder / "_t4.docx", "模板")
    path = _with_document_xml(template, folder / "百万段落.docx", _body("<w:p/>" * paragraphs))
    template.unlink()
    return path


def nested_div_html(folder: Path, depth: int = 5000) -> Path:
    path = folder / "深层网页.html"
    path.write_text("<!DOCTYPE html><html><head><title>深层嵌套的通知</title></head><body>" + "<div>" * depth
                    + "<p>第一条 深层网页中的条文：区水务局负责排涝。</p>" + "</div>" * depth + "</body></html>",
                    encoding="utf-8")
    return path


def nested_div_markdown(folder: Path, depth: int = 5000) -> Path:
    path = folder / "深层嵌套.md"
    path.write_text("# 深层嵌套的说明\n\n" + "<div>" * depth + "第一条 区卫生健康委负责医疗救治。" + "</div>" * depth
                    + "\n", encoding="utf-8")
    return path


def bad_batch(folder: Path) -> list[Path]:
    """Every kind of hostile file, in one folder."""
    folder.mkdir(parents=True, exist_ok=True)
    return [corrupt_docx(folder), nested_sdt_docx(folder), inflating_docx(folder), million_paragraphs_docx(folder),
            nested_div_html(folder), nested_div_markdown(folder)]
