"""Bounds on the work one file may cause (PLANASSIST_MAX_…, PLANASSIST_INGEST_TIMEOUT_S): a file over a limit
ends with an error naming the limit and the variable that raises it, leaves nothing half-written, and the other
files of the batch are ingested. Before, a 345 KB DOCX of a million paragraphs ran for minutes at a gigabyte."""

from __future__ import annotations

import io

import pytest
from test_crash import regulation

from assistant.service import Assistant
from evals.hostile_files import million_paragraphs_docx

pytestmark = pytest.mark.slow


def ingest(home, paths, monkeypatch, **limits):
    for name, value in limits.items():
        monkeypatch.setenv(f"PLANASSIST_{name.upper()}", str(value))
    assistant = Assistant(home=home)
    return assistant, {r.source_path.rsplit("/", 1)[-1]: r for r in assistant.ingest(paths)}


def test_a_million_paragraphs_is_refused_and_the_batch_goes_on(tmp_path, monkeypatch):
    bomb = million_paragraphs_docx(tmp_path)
    good = tmp_path / "规定.md"
    good.write_text(regulation(7, clauses=3), encoding="utf-8")
    assistant, results = ingest(tmp_path / "home", [bomb, good], monkeypatch)
    assert "PLANASSIST_MAX_PARAGRAPHS" in results[bomb.name].error
    assert results[good.name].status == "indexed"
    assert [d.title for d in assistant.documents()] == ["示例区第7号突发事件处置规定"]


def test_too_many_chunks_is_refused(tmp_path, monkeypatch):
    big = tmp_path / "大规定.md"
    big.write_text(regulation(8, clauses=40), encoding="utf-8")
    assistant, results = ingest(tmp_path / "home", [big], monkeypatch, max_chunks=20)
    assert "PLANASSIST_MAX_CHUNKS" in results[big.name].error
    assert assistant.documents() == []


def test_an_ingest_over_its_time_is_stopped_without_a_trace(tmp_path, monkeypatch):
    big = tmp_path / "大规定.md"
    big.write_text(regulation(9, clauses=300), encoding="utf-8")
    assistant, results = ingest(tmp_path / "home", [big], monkeypatch, ingest_timeout_s=0.01)
    assert "PLANASSIST_INGEST_TIMEOUT_S" in results[big.name].error
    assert assistant.documents() == [] and assistant.index.vectors.count() == 0
    assert assistant.index.doctor(mend=False).healthy


def test_ocr_is_capped_per_file(tmp_path, monkeypatch):
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pytest.importorskip("rapidocr_onnxruntime")
    image = Image.new("L", (800, 200), 255)
    ImageDraw.Draw(image).rectangle((50, 50, 750, 150), outline=0, width=5)
    pdf = tmp_path / "扫描件.pdf"
    page = canvas.Canvas(str(pdf))
    for _ in range(3):
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        page.drawImage(ImageReader(buffer), 50, 500, width=400, height=100)
        page.showPage()
    page.save()
    _, results = ingest(tmp_path / "home", [pdf], monkeypatch, max_ocr_pages=2)
    assert results[pdf.name].status == "needs_ocr"
    assert any("PLANASSIST_MAX_OCR_PAGES" in w for w in results[pdf.name].warnings)
