"""法规问答 through AppTest against the real API: the answer streams in (POST /v1/ask/stream) with [n]
markers linking to a sources panel, and each source opens its passage with the quote marked."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow

LAW = "示例区突发事件应对条例"


def markdown_text(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


@pytest.fixture
def chat(app, api_url):
    probe = httpx.post(f"{api_url}/v1/ask", json={"question": "第四条", "task": "chat"}, timeout=60)
    if probe.status_code == 501:
        pytest.xfail(f"Assistant.ask is not ready yet: {probe.json()['error']['message']}")
    app.switch_page("views/chat.py").run()
    assert not app.exception, app.exception
    return app


def test_chat_answers_with_markers_and_a_sources_panel(chat):
    chat.chat_input[0].set_value(f"{LAW}第四条规定多长时间内报告？").run()
    assert not chat.exception, chat.exception
    assert len(chat.chat_message) == 2
    text = markdown_text(chat)
    assert '<a href="#src-turn1-1" class="cite-marker"><b>[1]</b></a>' in text
    assert 'id="src-turn1-1"' in text and "<mark>" in text
    sources = [b.label for b in chat.button if b.key.startswith("turn1_cite_")]
    assert sources and sources[0].startswith(f"\\[1\\] 《{LAW}》")

    chat.chat_input[0].set_value("那么第五条呢？").run()
    assert not chat.exception, chat.exception
    assert len(chat.chat_message) == 4
    assert "src-turn3-1" in markdown_text(chat)  # earlier turns keep their own markers


def test_a_source_opens_its_passage_with_the_quote_marked(chat):
    chat.chat_input[0].set_value(f"{LAW}第四条规定多长时间内报告？").run()
    chat.button(key="turn1_cite_1").click().run()
    assert not chat.exception, chat.exception
    assert any(c.value == "引用原文已高亮标出" for c in chat.caption)
    # the stored clause, the quote inside it marked (not the short quote under the answer)
    assert any(m.value.startswith("<mark>第四条 发生突发事件的单位") for m in chat.markdown)


def test_a_refusal_offers_the_closest_passages(chat):
    chat.chat_input[0].set_value("火星基地的氧气储备标准是多少？").run()
    assert not chat.exception, chat.exception
    assert chat.warning and chat.warning[0].value.startswith("无法回答")


def test_an_answer_is_kept_before_it_is_laid_out(chat, monkeypatch):
    """A click on a source while the answer is being laid out reruns the page; the turn must already be in the
    history then, or the answer vanishes and the click opens nothing (seen once in a browser run). The layout is
    cut short here the way a rerun cuts it."""
    import ui.components

    def cut_short(*args, **kwargs):
        raise RuntimeError("the page was rerun while the answer was laid out")

    monkeypatch.setattr(ui.components, "show_answer", cut_short)
    monkeypatch.setattr(ui.components, "show_sources", cut_short)
    chat.chat_input[0].set_value(f"{LAW}第四条规定多长时间内报告？").run()
    history = chat.session_state["chat_history"]
    assert [turn["role"] for turn in history] == ["user", "assistant"]
    assert history[1]["answer"]["sentences"]
