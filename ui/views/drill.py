"""演练出题: a drill paper from chosen documents or a topic (task "quiz": n, seed, kinds, doc_ids), taken in the
page and graded with the cited clause behind every answer; the paper and its key download as DOCX."""

from __future__ import annotations

import streamlit as st

from ui.client import ApiError
from ui.components import client, show_error
from ui.i18n import t
from ui.quiz import RESULT, show_paper

QUIZ, PAPER = "drill_quiz", "drill_paper_no"
KINDS = ["single", "multiple", "true_false", "fill_blank"]

st.header(t("page_drill"))
api = client()
try:
    documents = api.documents()
except ApiError as error:
    show_error(error)
    st.stop()
titles = {d["doc_id"]: f"{d['title']} {d.get('version') or ''}".strip() for d in documents}

with st.form("drill_builder"):
    doc_ids = st.multiselect(t("drill_docs"), list(titles), format_func=titles.get, key="drill_docs",
                             placeholder=t("choose"))
    topic = st.text_input(t("drill_topic"), key="drill_topic", placeholder=t("drill_topic_help"), max_chars=200)
    n_col, kinds_col, seed_col = st.columns([1, 3, 1])
    n = n_col.number_input(t("drill_n"), min_value=1, max_value=50, value=5, key="drill_n")
    kinds = kinds_col.multiselect(t("drill_kinds"), KINDS, default=KINDS, key="drill_kinds",
                                  format_func=lambda k: t(f"kind_{k}"), placeholder=t("choose"))
    seed = seed_col.number_input(t("drill_seed"), min_value=0, max_value=1_000_000, value=0, key="drill_seed")
    if st.form_submit_button(t("drill_make"), key="drill_make", type="primary"):
        if not doc_ids and not topic.strip():
            st.warning(t("drill_need_topic"))
        else:
            # the quiz task draws from doc_ids when given; the question names the topic (or the documents)
            question = topic.strip() or "、".join(titles[d] for d in doc_ids)
            try:
                st.session_state[QUIZ] = api.ask(question, task="quiz", n=int(n), seed=int(seed),
                                                 kinds=kinds or None, doc_ids=doc_ids or None)
                st.session_state[PAPER] = st.session_state.get(PAPER, 0) + 1
                st.session_state.pop(RESULT, None)
            except ApiError as error:
                show_error(error)

if st.session_state.get(QUIZ):
    show_paper(api, st.session_state[QUIZ], st.session_state[PAPER], t("drill_title"))
