"""A drill paper taken in the page: one widget per question by its kind, graded by the API (POST
/v1/quiz/grade), then each answer explained by the clause it was made from, with that clause one click away.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.components import show_error, show_sources
from ui.highlight import escape, label_escape
from ui.i18n import t
from ui.passage import open_passage

RESULT = "drill_result"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _letter(options: list[str], option: str) -> str:
    return f"{chr(65 + options.index(option))}. {option}" if option in options else option


def _ask_widget(q: dict[str, Any], key: str) -> Any:
    options = q.get("options", [])
    if q["kind"] in ("single", "true_false"):
        return st.radio(key, options, index=None, key=key, label_visibility="collapsed",
                        format_func=lambda o: _letter(options, o) if q["kind"] == "single" else o)
    if q["kind"] == "multiple":
        return st.multiselect(key, options, key=key, label_visibility="collapsed", placeholder=t("choose"),
                              format_func=lambda o: _letter(options, o))
    return st.text_input(key, key=key, label_visibility="collapsed", placeholder=t("fill_placeholder"))


def show_paper(api: ApiClient, quiz: dict[str, Any], paper: int, title: str) -> None:
    """The questions as a form; on submit, the score and the explanations."""
    questions = quiz.get("payload", {}).get("questions", [])
    if not questions:
        st.info(t("drill_none"))
        return
    st.subheader(t("drill_paper", n=len(questions)))
    paper_col, key_col = st.columns(2)
    paper_col.download_button(t("drill_export_paper"), lambda: api.export_quiz(quiz, key=False, title=title),
                              f"{title}-试卷.docx", mime=DOCX, key=f"drill_paper_docx_{paper}", icon=":material/description:",
                              on_click="ignore")
    key_col.download_button(t("drill_export_key"), lambda: api.export_quiz(quiz, key=True, title=title),
                            f"{title}-答案.docx", mime=DOCX, key=f"drill_key_docx_{paper}", icon=":material/key:",
                            on_click="ignore")
    with st.form(f"drill_form_{paper}"):
        responses = {}
        for i, q in enumerate(questions, start=1):
            st.markdown(f"**{i}.** 【{t('kind_' + q['kind'])}】{escape(q['stem'])}", unsafe_allow_html=True)
            responses[q["id"]] = _ask_widget(q, f"drill_{paper}_{q['id']}")
        submitted = st.form_submit_button(t("drill_submit"), key=f"drill_submit_{paper}", type="primary")
    if submitted:
        given = {qid: value for qid, value in responses.items() if value not in (None, "", [])}
        try:
            st.session_state[RESULT] = {"paper": paper, "responses": given,
                                        "grade": api.grade_quiz(quiz["payload"], given)}
        except ApiError as error:
            show_error(error)
    result = st.session_state.get(RESULT)
    if result and result["paper"] == paper:
        show_result(api, quiz, result)


def show_result(api: ApiClient, quiz: dict[str, Any], result: dict[str, Any]) -> None:
    grade, responses = result["grade"], result["responses"]
    score_col, count_col = st.columns(2)
    score_col.metric(t("drill_score"), f"{grade['score']:g}")
    count_col.metric(" ", t("drill_correct", correct=grade["correct"], total=grade["total"]))
    by_n = {c["n"]: c for c in quiz.get("citations", [])}
    for i, q in enumerate(quiz["payload"]["questions"], start=1):
        right = grade["per_question"].get(q["id"], False)
        given = responses.get(q["id"])
        given_text = "、".join(given) if isinstance(given, list) else (given or t("drill_blank"))
        with st.container(border=True):
            st.markdown(f"{':green[:material/check_circle:]' if right else ':red[:material/cancel:]'} **{i}.** " + escape(t("drill_your", given=given_text)) + " · "
                        + escape(t("drill_key", answer="、".join(q["answer"]))), unsafe_allow_html=True)
            citation = by_n.get(q["citation"])
            st.markdown(f"{t('drill_explanation')}：{escape(q['explanation'])} **\\[{q['citation']}\\]**",
                        unsafe_allow_html=True)
            label = label_escape(f"[{citation['n']}] 《{citation['doc_title']}》 {citation['locator']}") if citation else ""
            if citation and st.button(label,
                                      key=f"drill_cite_{result['paper']}_{q['id']}", type="tertiary", icon=":material/description:"):
                open_passage(api, citation["chunk_id"], quote=citation["quote"])
    show_sources(quiz.get("citations", []), f"drill{result['paper']}")
