"""法规问答: a conversation over the laws and plans (task "chat"); every answer lists the clauses it cites.

The answer streams in sentence by sentence (POST /v1/ask/stream), each with its [n] markers; the sources
panel follows once the whole answer has arrived.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.client import ApiError
from ui.components import answer_text, client, sentence_html, show_answer, show_error, show_sources
from ui.highlight import escape
from ui.i18n import t
from ui.lead_view import has_lead

HISTORY = "chat_history"


def streamed_answer(question: str, past: list[dict[str, str]], key: str,
                    remember: Callable[[dict[str, Any]], None]) -> None:
    """Render the answer as its sentences arrive, `remember` it, then lay it out with its sources. The turn is kept
    before its layout: a click on a source while the layout is drawn reruns the page, which must find the turn in
    the history to draw it again (and its button, to open the passage)."""
    text, waiting = st.empty(), st.empty()
    waiting.caption(t("thinking"))
    shown: list[str] = []
    answer = None
    try:
        for event, data in client().ask_stream(question, task="chat", history=past):
            if event == "sentence":
                shown.append(sentence_html(data, key))
                text.markdown("<br>".join(shown), unsafe_allow_html=True)
            elif event == "answer":
                answer = data
    except ApiError as error:
        waiting.empty()
        show_error(error)
        return
    waiting.empty()
    if answer is None:
        return
    remember(answer)
    if answer.get("refused") or has_lead(answer):
        text.empty()  # the streamed sentences give way to the answer laid out: lead, then grouped evidence
        show_answer(answer, key)
    else:
        show_sources(answer.get("citations", []), key)


st.header(t("page_chat"))
history: list[dict] = st.session_state.setdefault(HISTORY, [])
if st.sidebar.button(t("chat_clear"), key="chat_clear"):
    history.clear()

for index, turn in enumerate(history):
    with st.chat_message(turn["role"]):
        if turn.get("answer"):
            show_answer(turn["answer"], key=f"turn{index}")
        else:
            st.markdown(escape(turn["content"]), unsafe_allow_html=True)

question = st.chat_input(t("chat_placeholder"), max_chars=2000)
if question and question.strip():
    with st.chat_message("user"):
        st.markdown(escape(question), unsafe_allow_html=True)
    past = [{"role": turn["role"], "content": turn["content"]} for turn in history]

    def remember(answer: dict[str, Any]) -> None:
        history.append({"role": "user", "content": question.strip()})
        history.append({"role": "assistant", "content": answer_text(answer), "answer": answer})

    with st.chat_message("assistant"):
        streamed_answer(question.strip(), past, key=f"turn{len(history) + 1}", remember=remember)
