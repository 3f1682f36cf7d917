"""法规问答: a conversation over the laws and plans (task "chat"); every answer lists the clauses it cites."""

from __future__ import annotations

import streamlit as st

from ui.client import ApiError
from ui.components import answer_text, client, show_answer, show_error
from ui.highlight import escape
from ui.i18n import t

HISTORY = "chat_history"

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
    with st.chat_message("assistant"):
        with st.spinner(t("thinking")):
            try:
                answer = client().ask(question.strip(), task="chat", history=past)
            except ApiError as error:
                show_error(error)
                answer = None
        if answer is not None:
            show_answer(answer, key=f"turn{len(history) + 1}")
    if answer is not None:
        history.append({"role": "user", "content": question.strip()})
        history.append({"role": "assistant", "content": answer_text(answer), "answer": answer})
