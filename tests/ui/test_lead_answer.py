"""The lead answer first, the grouped evidence under it, on the search page (lookup) and in chat (AppTest
against the real API)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

LAW = "示例区突发事件应对条例"


def markdown_text(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_search_page_shows_the_lookup_answer_above_the_hits(app):
    app.text_input(key="search_query").input("突发事件发生后单位多长时间内向区应急管理局报告？").run()
    assert not app.exception, app.exception
    text = markdown_text(app)
    lead = text.index("**答复**")
    assert "1小时内" in text[lead:text.index("<br>", lead + 10) + 200]
    assert lead < text.index(f"《{LAW}》（2023年修订） 第四条")  # the answer comes before the hits
    assert any(e.label.startswith("依据") for e in app.expander)  # the sources, one click away


def test_chat_lays_the_answer_out_lead_first(app):
    app.switch_page("views/chat.py").run()
    app.chat_input[0].set_value("发生突发事件的单位多长时间内报告？").run()
    assert not app.exception, app.exception
    text = markdown_text(app)
    assert "**答复**" in text and "1小时内" in text[text.index("**答复**"):]
