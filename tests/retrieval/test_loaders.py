"""Loaders on real files: the rendered PDFs of ../shared/corpus (checked against their Markdown sources), and
small DOCX, HTML, Markdown and text files written by the tests themselves."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import docx
import pytest

from retrieval.loaders import SUPPORTED_SUFFIXES, FileType, LoadError, load, ocr
from retrieval.loaders.reflow import PrintedLine, display_width, reflow
from retrieval.loaders.running import is_page_number, remove_running_lines
from retrieval.models import LoadedDocument

LAW = "中华人民共和国突发事件应对法(2024修订)"
REGULATION = "生产安全事故应急条例(国务院令第708号)"
# Rendered PDF → (its Markdown source, its running header).
RENDERED = {
    LAW: ("regulations", "中华人民共和国突发事件应对法"),
    REGULATION: ("regulations", "生产安全事故应急条例"),
    "衡阳市防汛抗旱应急预案": ("plans", "衡阳市防汛抗旱应急预案"),
    "河南郑州“7·20”特大暴雨灾害调查报告": ("reviews", "河南郑州“7·20”特大暴雨灾害调查报告"),
}
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零]+条\s")
PAGE_NUMBER_IN_TEXT = re.compile(r"[—-]\s*\d{1,3}\s*[—-]")


# --- fixtures -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_dir() -> Path:
    """../shared/corpus beside the checkout, or $PLANASSIST_SHARED_CORPUS; the test is skipped without it."""
    default = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    path = Path(os.environ.get("PLANASSIST_SHARED_CORPUS", default))
    if not (path / "pdf").is_dir():
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.fixture(scope="module")
def rendered(corpus_dir: Path) -> Callable[[str], LoadedDocument]:
    """Loads a rendered PDF of the corpus once per module."""
    return cache(lambda name: load(corpus_dir / "pdf" / f"{name}.pdf"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _source_text(corpus_dir: Path, name: str) -> str:
    """The Markdown source of a rendered PDF, without comments."""
    folder, _ = RENDERED[name]
    text = (corpus_dir / folder / f"{name}.md").read_text(encoding="utf-8")
    return re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)


def _source_paragraphs(corpus_dir: Path, name: str) -> list[str]:
    lines = _source_text(corpus_dir, name).splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# --- rendered PDFs ----------------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(RENDERED))
def test_running_headers_and_page_numbers_are_gone(corpus_dir, rendered, name):
    document = rendered(name)
    _, header = RENDERED[name]
    in_source = _squash(_source_text(corpus_dir, name)).count(_squash(header))
    in_blocks = sum(_squash(block.text).count(_squash(header)) for block in document.blocks)
    # The header text survives only where the document itself says it (its title, a cover page).
    assert in_blocks == in_source
    assert not [b.text for b in document.blocks if PAGE_NUMBER_IN_TEXT.search(b.text)]
    assert not [b.text for b in document.blocks if is_page_number(b.text)]
    assert all(header not in page.text.splitlines()[:1] for page in document.pages[1:])


@pytest.mark.corpus
@pytest.mark.parametrize("name", [LAW, REGULATION])
def test_every_article_paragraph_is_one_whole_block(corpus_dir, rendered, name):
    blocks = [_squash(block.text) for block in rendered(name).blocks]
    articles = [p for p in _source_paragraphs(corpus_dir, name) if ARTICLE.match(p)]
    assert len(articles) > 30
    for article in articles:
        holders = [text for text in blocks if _squash(article) in text]
        assert len(holders) == 1, article[:40]


@pytest.mark.corpus
@pytest.mark.parametrize("name", [LAW, REGULATION])
def test_clauses_split_across_pages_are_rejoined(corpus_dir, rendered, name):
    document = rendered(name)
    spanning = [block for block in document.blocks if block.page_end > block.page_start]
    assert spanning
    paragraphs = {_squash(p) for p in _source_paragraphs(corpus_dir, name)}
    for block in spanning:
        assert _squash(block.text) in paragraphs, block.text[:40]


@pytest.mark.corpus
def test_wrapped_lines_that_look_like_units_stay_in_their_sentence(rendered):
    # Full-width lines of the report wrap just before "第三条规定④。", "1122.6 毫米" and "1200.6 亿元".
    texts = [block.text for block in rendered("河南郑州“7·20”特大暴雨灾害调查报告").blocks]
    for wrapped in ["第三条规定④。", "1122.6 毫米", "1200.6 亿元"]:
        assert not [t for t in texts if t.startswith(wrapped)]
        assert any(wrapped in t for t in texts)


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(RENDERED))
def test_page_numbers_are_plausible(rendered, name):
    document = rendered(name)
    pages = len(document.pages)
    assert document.metadata["pages"] == pages and document.metadata["file_type"] == "pdf"
    assert [page.number for page in document.pages] == list(range(1, pages + 1))
    starts = [block.page_start for block in document.blocks]
    assert starts == sorted(starts) and starts[0] == 1 and document.blocks[-1].page_end == pages
    assert all(1 <= b.page_start <= b.page_end <= min(b.page_start + 1, pages) for b in document.blocks)
    assert document.title == RENDERED[name][1] and not document.needs_ocr and not document.warnings


@pytest.mark.corpus
def test_encrypted_pdf_needs_its_password(corpus_dir):
    path = corpus_dir / "pdf" / "加密-生产安全事故应急条例.pdf"
    with pytest.raises(LoadError, match="password"):
        load(path)
    with pytest.raises(LoadError, match="wrong"):
        load(path, password="not-the-password")
    document = load(path, password="yingji2026")
    assert any(block.text.startswith("第十七条 发生生产安全事故后") for block in document.blocks)
    assert document.metadata["encrypted"] is True


@pytest.mark.corpus
def test_truncated_pdf_is_a_clear_error(corpus_dir):
    with pytest.raises(LoadError, match="damaged or truncated PDF"):
        load(corpus_dir / "pdf" / "损坏-截断的文件.pdf")


@pytest.mark.corpus
def test_scanned_pdf_without_ocr_says_so(corpus_dir):
    document = load(corpus_dir / "pdf" / "扫描件-生产安全事故应急条例.pdf", ocr=False)
    assert document.needs_ocr
    assert document.blocks == []
    assert any("5 of 5 pages have no text layer" in warning for warning in document.warnings)


@pytest.mark.slow
@pytest.mark.corpus
def test_scanned_pdf_is_read_by_ocr(corpus_dir):
    if not ocr.available():
        pytest.skip("rapidocr_onnxruntime is not installed (planassist[ocr])")
    document = load(corpus_dir / "pdf" / "扫描件-生产安全事故应急条例.pdf")
    assert not document.needs_ocr
    assert "OCR used on 5 pages" in " ".join(document.warnings)
    assert "生产安全事故" in document.text
    blocks = [_squash(block.text) for block in document.blocks]
    assert "生产安全事故应急条例" not in blocks[1:]  # the running header is gone, the title stays
    assert not [b for b in document.blocks if is_page_number(b.text)]
    # Recognition mistakes a character now and then; paragraphs must still come out whole and in place.
    fold = str.maketrans("()", "（）")
    paragraphs = [_squash(p).translate(fold) for p in _source_paragraphs(corpus_dir, REGULATION)]
    found = [p for p in paragraphs if any(p in _squash(b).translate(fold) for b in blocks)]
    assert len(found) >= 0.9 * len(paragraphs)
    assert any(block.page_end > block.page_start for block in document.blocks)


# --- reflow and running lines, on lines written out here -------------------------------------------------


def _lines(page: int, *texts: str, width: float = 20) -> list[PrintedLine]:
    """Printed lines; a leading space marks an indented line, lines are full width unless ending with '⏎'."""
    lines = []
    for text in texts:
        short = text.endswith("⏎")
        text = text.rstrip("⏎")
        indented = text.startswith(" ")
        extent = display_width(text.strip()) + (2 if indented else 0) if short else width
        lines.append(PrintedLine(text.strip(), page, extent, indented))
    return lines


def test_reflow_joins_wrapped_lines_and_keeps_paragraphs():
    lines = _lines(
        1,
        "第一章 总则⏎",
        " 第一条 为了预防突发事件，依照本法",
        "第二十条的规定，制定本法。⏎",
        " 第二条 本法所称突发事件，是指突然",
        *[],
    ) + _lines(2, "发生的事件。⏎", "第二章 管理⏎", " 第三条 apply the law", "with care.⏎")
    blocks = reflow(lines + _lines(2, "第二十条规定的⏎"))
    assert [b.text for b in blocks] == [
        "第一章 总则",
        "第一条 为了预防突发事件，依照本法第二十条的规定，制定本法。",
        "第二条 本法所称突发事件，是指突然发生的事件。",
        "第二章 管理",
        "第三条 apply the law with care.",
        "第二十条规定的",
    ]
    assert (blocks[2].page_start, blocks[2].page_end) == (1, 2)


def test_reflow_breaks_after_a_full_complete_line_only_when_a_new_paragraph_starts():
    lines = _lines(
        1,
        " 第五条 甲乙丙丁。",
        "戊己庚辛。⏎",
        " 第六条 甲乙丙丁。",
        "第七条 子丑寅卯。",
        "第三条规定的除外。⏎",
        " （一）子丑寅卯；⏎",
        "1.1 概况⏎",
    )
    assert [b.text for b in reflow(lines)] == [
        "第五条 甲乙丙丁。戊己庚辛。",
        "第六条 甲乙丙丁。",
        "第七条 子丑寅卯。第三条规定的除外。",
        "（一）子丑寅卯；",
        "1.1 概况",
    ]
    # Without indents anywhere, a complete line ends its paragraph.
    flush = [PrintedLine(line.text, 1, line.extent) for line in lines[:2]]
    assert [b.text for b in reflow(flush)] == ["第五条 甲乙丙丁。", "戊己庚辛。"]


def test_running_headers_footers_and_page_numbers_are_removed():
    stems = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳"
    body = {n: [f"{stem}项正文。" for stem in stems[4 * n - 4 : 4 * n]] for n in range(1, 5)}
    title = {1: ["示例条例"]}
    pages = [
        _lines(
            n, "示例条例", f"— {n} —", *title.get(n, []), *[f"{t}⏎" for t in body[n]], f"第 {n} 页 共 4 页"
        )
        for n in range(1, 5)
    ]
    cleaned = remove_running_lines(pages)
    assert [[line.text for line in lines] for lines in cleaned] == [
        title.get(n, []) + body[n] for n in range(1, 5)
    ]
    assert all(
        is_page_number(text) for text in ["— 3 —", "- 3 -", "3", "第 3 页", "第3页 共9页", "3/9", "一4一"]
    )
    assert not any(is_page_number(text) for text in ["第三条", "3.1 总则", "2024年"])


# --- text, Markdown, HTML, DOCX ---------------------------------------------------------------------------


TEXT = "第一条 为了规范生产安全事故应急工作，制定本条例。\n\n第二条 本条例适用于𠮷字测试。\n"


@pytest.mark.parametrize(("encoding", "named"), [("gbk", "GBK"), ("gb18030", "GB18030")])
def test_legacy_chinese_text_is_decoded_with_a_warning(tmp_path, encoding, named):
    text = TEXT if encoding == "gb18030" else TEXT.replace("𠮷字测试", "生产经营单位")
    path = tmp_path / "条例.txt"
    path.write_bytes(text.encode(encoding))
    document = load(path)
    assert [b.text for b in document.blocks] == [line for line in text.splitlines() if line]
    assert all(b.page_start == b.page_end == 1 and b.heading_level is None for b in document.blocks)
    assert document.file_type == FileType.TEXT and document.title is None
    assert any(named in warning for warning in document.warnings)


def test_utf8_with_bom_is_read_without_warning(tmp_path):
    path = tmp_path / "条例.txt"
    path.write_bytes(TEXT.encode("utf-8-sig"))
    document = load(path)
    assert document.blocks[0].text.startswith("第一条")
    assert document.warnings == [] and document.metadata["encoding"] == "utf-8-sig"


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t ", "<!-- 只有注释 -->\n".encode()])
def test_empty_files_are_an_error(tmp_path, content):
    path = tmp_path / "空.md"
    path.write_bytes(content)
    with pytest.raises(LoadError, match="empty|no text"):
        load(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("数据.bin", bytes(range(256)) * 8, "binary"),
        ("扫描.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
        ("旧版.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "legacy"),
    ],
)
def test_unsupported_files_are_an_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        load(path)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(LoadError, match="cannot read"):
        load(tmp_path / "不存在.txt")


def test_markdown_marks_become_structure(tmp_path):
    path = tmp_path / "预案.md"
    path.write_text(
        "<!-- 来源：\n内部说明 -->\n"
        "# 示例区防汛应急预案\n\n"
        "## 1 总则  \n"
        "本预案**适用于**示例区的__洪涝灾害__。  \n"
        "\n| 级别 | 条件 |\n|---|:---:|\n| Ⅰ级 | 降雨量超过200毫米 |\n|  |  |\n\n"
        "<html><body><table><tr><td>Ⅱ级</td><td>橙色预警</td></tr></table></body></html>\n"
        "### 1.1 编制目的\n- 保障安全\n",
        encoding="utf-8",
    )
    document = load(path)
    assert [(b.text, b.heading_level) for b in document.blocks] == [
        ("示例区防汛应急预案", 1),
        ("1 总则", 2),
        ("本预案适用于示例区的洪涝灾害。", None),
        ("级别 | 条件", None),
        ("Ⅰ级 | 降雨量超过200毫米", None),
        ("Ⅱ级 | 橙色预警", None),
        ("1.1 编制目的", 3),
        ("保障安全", None),
    ]
    assert document.title == "示例区防汛应急预案" and document.file_type == FileType.MARKDOWN


def test_html_keeps_text_in_order_without_page_furniture(tmp_path):
    path = tmp_path / "通知.html"
    html = """<!DOCTYPE html><html><head><meta charset="gbk"><title>示例区防汛通知</title>
    <style>p { color: red }</style></head><body>
    <nav><a href="/">首页</a></nav><script>var x = "不要";</script>
    <h1>示例区防汛通知</h1><h2>一、总体要求</h2>
    <p>各单位要<b>高度重视</b>，
    落实责任。</p>
    <ul><li>加强值守</li><li>及时报告</li></ul>
    <table><tr><th>级别</th><th>条件</th></tr><tr><td>Ⅰ级</td><td>超过200毫米</td></tr></table>
    <div>联系人：张三<br>电话：12345</div></body></html>"""
    path.write_bytes(html.encode("gbk"))
    document = load(path)
    assert [(b.text, b.heading_level) for b in document.blocks] == [
        ("示例区防汛通知", 1),
        ("一、总体要求", 2),
        ("各单位要高度重视，落实责任。", None),
        ("加强值守", None),
        ("及时报告", None),
        ("级别 | 条件", None),
        ("Ⅰ级 | 超过200毫米", None),
        ("联系人：张三", None),
        ("电话：12345", None),
    ]
    assert document.title == "示例区防汛通知" and document.file_type == FileType.HTML


def test_docx_keeps_tables_between_paragraphs(tmp_path):
    path = tmp_path / "预案.docx"
    word = docx.Document()
    word.add_paragraph("示例区地震应急预案", style="Title")
    word.add_heading("1 总则", level=1)
    word.add_paragraph("本预案适用于示例区。")
    word.add_paragraph("")
    table = word.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["级别", "条件", "响应"], strict=True):
        cell.text = text
    merged = table.cell(1, 1).merge(table.cell(1, 2))
    table.cell(1, 0).text = "Ⅰ级"
    merged.text = "死亡30人以上"
    word.add_heading("1.1 编制目的", level=2)
    word.add_paragraph("保障人民群众生命财产安全。").add_run().add_break()
    word.paragraphs[-1].add_run("维护社会稳定。")
    word.save(path)
    document = load(path)
    assert [(b.text, b.heading_level) for b in document.blocks] == [
        ("示例区地震应急预案", None),
        ("1 总则", 1),
        ("本预案适用于示例区。", None),
        ("级别 | 条件 | 响应", None),
        ("Ⅰ级 | 死亡30人以上", None),
        ("1.1 编制目的", 2),
        ("保障人民群众生命财产安全。", None),
        ("维护社会稳定。", None),
    ]
    assert document.title == "示例区地震应急预案" and document.file_type == FileType.DOCX
    assert all(b.page_start == b.page_end == 1 for b in document.blocks)


@pytest.mark.corpus
def test_content_decides_the_format_not_the_name(corpus_dir, tmp_path):
    disguised = tmp_path / "条例.txt"
    disguised.write_bytes((corpus_dir / "pdf" / f"{REGULATION}.pdf").read_bytes())
    assert load(disguised).file_type == FileType.PDF
    word = corpus_dir / "plans" / "国家突发事件总体应急预案(2025).docx"
    document = load(word)
    assert document.file_type == FileType.DOCX and document.blocks[0].heading_level == 1


def test_supported_suffixes():
    assert {".pdf", ".docx", ".md", ".markdown", ".txt", ".html", ".htm"} == SUPPORTED_SUFFIXES
