"""The console's pure parts: highlighting, the structure outline, the PDF page marker, the SSE reader."""

from __future__ import annotations

from pathlib import Path

import pytest

PLANS = Path(__file__).resolve().parents[2] / "plans_corpus"


def test_highlighting_marks_query_pieces_and_keeps_document_text_inert():
    from ui.highlight import highlight_query, highlight_quote, label_escape

    html = highlight_query("区水务局应当在30分钟内报告<script>", "水务局 30分钟")
    assert "<mark>水务局</mark>" in html and "<mark>30分钟</mark>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert highlight_quote("第一条 *甲* 乙", "*甲*") == "第一条 <mark>\\*甲\\*</mark> 乙"
    assert label_escape("[1] 《预案》 4.2 *信息*\n报告") == "\\[1\\] 《预案》 4\\.2 \\*信息\\* 报告"


def test_the_outline_lists_each_heading_once_and_opens_clauses():
    from ui.structure import outline, outline_markdown

    chunks = [
        {"chunk_id": "d:0", "heading_path": [], "locator": "（正文前）", "page_start": 1},
        {"chunk_id": "d:1", "heading_path": ["1 总则", "1.1 编制目的"], "locator": "1.1 编制目的", "page_start": 1},
        {"chunk_id": "d:2", "heading_path": ["1 总则", "1.2 编制依据"], "locator": "1.2 编制依据", "page_start": 2},
        {"chunk_id": "d:3", "heading_path": ["一、事件经过", "（一）雨情"], "locator": "一、（一）雨情", "page_start": 2},
        {"chunk_id": "d:4", "heading_path": ["一、事件经过", "（一）雨情"], "locator": "一、（一）雨情", "page_start": 3},
    ]
    rows = outline(chunks, pdf=True)
    assert rows == [(0, "（正文前） · p.1", "d:0"), (0, "1 总则", None), (1, "1.1 编制目的 · p.1", "d:1"),
                    (1, "1.2 编制依据 · p.2", "d:2"), (0, "一、事件经过", None), (1, "（一）雨情 · p.2", "d:3"),
                    (2, "一、（一）雨情 · p.3", "d:4")]
    assert outline_markdown(rows).splitlines()[1:3] == ["- **1 总则**", "    - 1\\.1 编制目的 · p\\.1"]


def test_a_pdf_page_is_rendered_with_the_quote_marked():
    from ui.pdfpage import quote_spans, render_page

    pdf = (PLANS / "示例区地震应急预案.pdf").read_bytes()
    quote = "区人民政府设立示例区抗震救灾指挥部（以下简称区抗震指挥部），统一领导、指挥和协调全区地震应急工作。"
    page = render_page(pdf, 2, quote)
    assert page.pages == 7 and page.image.width > 800
    assert page.marked == len(quote)  # found across the line break, every character marked
    assert render_page(pdf, 2, "不在本页的一句话").marked == 0
    # a quote running onto the next page: its clauses that are on this page are marked
    assert quote_spans("甲乙丙丁戊己庚辛", "甲乙丙丁，子丑寅卯") == [(0, 4)]
    assert quote_spans("甲乙丙丁", "") == []


def test_server_sent_events_are_read_into_event_and_data():
    from ui.client import _server_sent_events

    lines = ["event: sentence", 'data: {"index": 0, "text": "甲"}', "", ": ping", "event: answer",
             'data: {"task": "chat",', 'data:  "refused": false}', "", "event: done", "data: {}"]
    assert list(_server_sent_events(iter(lines))) == [
        ("sentence", {"index": 0, "text": "甲"}), ("answer", {"task": "chat", "refused": False}), ("done", {})]


def test_the_client_sends_the_api_key_as_a_bearer_token():
    from ui.client import ApiClient, ApiError

    assert ApiClient("http://127.0.0.1:9", api_key="pa_x")._http.headers["authorization"] == "Bearer pa_x"
    assert "authorization" not in ApiClient("http://127.0.0.1:9")._http.headers
    with pytest.raises(ApiError) as error:
        ApiClient("http://127.0.0.1:9", timeout=1).health()
    assert error.value.code == "unreachable"
