"""Near-duplicates: the same plan as Markdown and as Word, or a scan of an indexed PDF, is recognised at ingest,
the operator is told, and search (so chat) shows one copy — the better source; a copy's mark (「扫描件-」) is not
part of its title; two versions of one law are not duplicates."""

from __future__ import annotations

import pytest
from docx import Document

from assistant.service import Assistant
from retrieval.metadata import without_copy_marks

PLAN = """# 示例区城市内涝应急预案

## 1 总则

### 1.1 编制目的

为了做好示例区城市内涝防御工作，规范内涝灾害的应急处置程序，最大限度减少人员伤亡和财产损失，制定本预案。

## 4 应急响应

### 4.1 分级响应

1小时降雨量超过70毫米，或者主要下穿通道积水深度超过50厘米时，由区防汛指挥部总指挥决定启动Ⅱ级应急响应。

### 4.2 信息报告

区城管局应当在20分钟内向区防汛指挥部报告积水点位、积水深度和交通管制情况，此后每小时续报一次。
"""
OTHER = "# 示例区值守规定\n\n第一条 为规范值守工作，制定本规定。\n\n第二条 值班员接报后10分钟内报告带班领导。\n"


def as_docx(markdown: str, path) -> None:
    """The same plan typed into Word: headings as Word headings, paragraphs as paragraphs."""
    document = Document()
    for line in filter(None, markdown.splitlines()):
        hashes = len(line) - len(line.lstrip("#"))
        if hashes:
            document.add_heading(line[hashes:].strip(), level=hashes)
        else:
            document.add_paragraph(line)
    document.save(path)


@pytest.fixture
def library(tmp_path):
    (tmp_path / "示例区城市内涝应急预案.md").write_text(PLAN, encoding="utf-8")
    as_docx(PLAN + "\n示例区应急管理局　二〇二四年六月印发\n", tmp_path / "示例区城市内涝应急预案（送审稿）.docx")
    (tmp_path / "值守规定.md").write_text(OTHER, encoding="utf-8")
    return tmp_path


def test_a_word_copy_of_a_markdown_plan_is_flagged_and_searched_once(library, tmp_path):
    assistant = Assistant(home=tmp_path / "home")
    markdown, other = assistant.ingest([library / "示例区城市内涝应急预案.md", library / "值守规定.md"])
    word = assistant.ingest([library / "示例区城市内涝应急预案（送审稿）.docx"])[0]
    assert word.ok and word.duplicate_of == [markdown.doc_id] and not other.duplicate_of
    assert any("near-duplicate of 《示例区城市内涝应急预案》" in w for w in word.warnings)

    hits = assistant.search("内涝 信息报告 续报", k=5)
    assert len({h.chunk.doc_id for h in hits if "内涝" in h.chunk.doc_title}) == 1
    both = assistant.search("内涝 信息报告 续报", k=5, collapse_duplicates=False)
    assert len({h.chunk.doc_id for h in both if "内涝" in h.chunk.doc_title}) == 2

    answer = assistant.ask("城市内涝时区城管局多长时间内报告？", task="lookup")
    copies = {c.source_path for c in answer.citations if "内涝" in c.doc_title}
    assert len(copies) == 1, copies  # never the same clause from both copies as [1] and [2]

    kept = hits[0].chunk.doc_id
    assert assistant.delete(kept)
    assert {h.chunk.doc_id for h in assistant.search("内涝 信息报告", k=3)} - {other.doc_id} == (
        {markdown.doc_id, word.doc_id} - {kept})


def test_a_copy_mark_is_not_part_of_the_title():
    assert without_copy_marks("扫描件-生产安全事故应急条例") == "生产安全事故应急条例"
    assert without_copy_marks("【扫描件】示例区防汛应急预案") == "示例区防汛应急预案"
    assert without_copy_marks("加密-生产安全事故应急条例") == "生产安全事故应急条例"
    assert without_copy_marks("示例区防汛应急预案 - 副本") == "示例区防汛应急预案"
    assert without_copy_marks("示例区防汛应急预案(1)") == "示例区防汛应急预案"
    assert without_copy_marks("扫描仪管理办法") == "扫描仪管理办法"  # a word, not a mark
    assert without_copy_marks("示例区防汛应急预案（2024修订）") == "示例区防汛应急预案（2024修订）"


@pytest.mark.corpus
def test_two_versions_of_a_law_are_not_duplicates(shared_corpus, tmp_path):
    assistant = Assistant(home=tmp_path / "home")
    laws = sorted((shared_corpus / "regulations").glob("中华人民共和国突发事件应对法(*).md"))
    assert len(laws) == 2
    assert [r.duplicate_of for r in assistant.ingest(laws)] == [[], []]


def first_page(source, target) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(source).pages[0])
    writer.write(target)


@pytest.mark.corpus
@pytest.mark.slow
def test_a_scan_of_an_indexed_pdf_is_flagged_titled_without_its_mark_and_the_text_layer_is_shown(
        shared_corpus, tmp_path):
    """The first page of the corpus's scan and of its text-layer PDF (one page keeps OCR short)."""
    pytest.importorskip("rapidocr_onnxruntime")
    docs = tmp_path / "docs"
    docs.mkdir()
    scan_file, text_file = docs / "扫描件-生产安全事故应急条例.pdf", docs / "生产安全事故应急条例.pdf"
    first_page(shared_corpus / "pdf" / "扫描件-生产安全事故应急条例.pdf", scan_file)
    first_page(shared_corpus / "pdf" / "生产安全事故应急条例(国务院令第708号).pdf", text_file)
    assistant = Assistant(home=tmp_path / "home")
    scan = assistant.ingest([scan_file])[0]
    text = assistant.ingest([text_file])[0]
    assert scan.ok and scan.title == "生产安全事故应急条例" and any("OCR" in w for w in scan.warnings)
    assert text.duplicate_of == [scan.doc_id]
    hits = assistant.search("生产安全事故应急条例 适用范围", k=5)
    assert hits and {h.chunk.doc_id for h in hits} == {text.doc_id}  # the text layer, not the OCR'd scan


def test_two_documents_of_one_template_with_titles_of_their_own_are_both_searched(tmp_path):
    """「示例区第1号…规定」 and 「示例区第2号…规定」 share 73 % of their text (one template, other figures and codes):
    they are two documents, not a copy, and each is found by a code only it holds."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
    from test_crash import regulation

    docs = tmp_path / "docs"
    docs.mkdir()
    for n in (1, 2):
        (docs / f"规定{n}.md").write_text(regulation(n, clauses=20), encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home")
    assert all(r.ok and not r.warnings for r in assistant.ingest([docs]))
    for n in (1, 2):
        top = assistant.search_result(f"编号CR0{n}003", k=1).hits[0].chunk
        assert top.doc_title == f"示例区第{n}号突发事件处置规定"
