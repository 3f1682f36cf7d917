"""桌面推演: build a tabletop exercise from a plan and a scenario (hazard, place, start time, escalation), run it
with the teams inject by inject — recording each team's responses, scored against the plan — then finish it for
the evaluation report and export it as DOCX. The exercise chosen is kept in the address (?exercise=N).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui.client import ApiError
from ui.components import client, show_error
from ui.exercise import show_exercise
from ui.i18n import t

SELECTED = "exercise"

st.header(t("page_exercise"))
api = client()
try:
    exercises = api.exercises()
    documents = api.documents()
except ApiError as error:
    show_error(error)
    st.stop()
plans = {d["doc_id"]: d["title"] for d in documents if d.get("doc_type") == "plan"}
hazards = sorted({h for d in documents for h in d.get("hazard_types", [])})

with st.expander(t("exercise_new"), expanded=not exercises), st.form("exercise_builder"):
    hazard_col, place_col = st.columns(2)
    hazard = hazard_col.selectbox(t("hazard"), hazards, index=None, accept_new_options=True, key="exercise_hazard",
                                  placeholder=t("incident_hazard_help"))
    place = place_col.text_input(t("place"), key="exercise_place", placeholder=t("place_help"), max_chars=200)
    plan_col, date_col, time_col = st.columns([2, 1, 1])
    doc_id = plan_col.selectbox(t("exercise_plan"), list(plans), index=None, format_func=plans.get,
                                key="exercise_doc", placeholder=t("choose"))
    date = date_col.date_input(t("exercise_start"), value="today", key="exercise_date")
    clock = time_col.time_input(t("time"), value=dt.time(9, 0), key="exercise_clock", step=60)
    facts = st.text_input(t("exercise_first_report"), key="exercise_facts", max_chars=2000)
    escalation = st.checkbox(t("exercise_escalation"), value=True, key="exercise_escalation")
    if st.form_submit_button(t("exercise_build"), key="exercise_submit", type="primary"):
        if not (hazard or "").strip():
            st.warning(t("hazard_required"))
        else:
            with st.spinner(t("exercise_building")):
                try:
                    built = api.build_exercise(hazard=hazard.strip(), place=place.strip(), start=f"{date} {clock:%H:%M}",
                                               facts=facts.strip(), escalation=escalation, doc_id=doc_id)
                    st.session_state[SELECTED] = built["id"]
                    st.rerun()
                except ApiError as error:
                    show_error(error)

if not exercises:
    st.info(t("exercise_none"))
    st.stop()

labels = {e["id"]: f"#{e['id']} {e['title']}（{t('exercise_status_' + e['status'])}）" for e in exercises}
if st.session_state.get(SELECTED) not in labels:
    wanted = st.query_params.get(SELECTED, "")
    st.session_state[SELECTED] = next((i for i in labels if str(i) == wanted), exercises[0]["id"])
chosen = st.selectbox(t("exercise_choose"), list(labels), format_func=labels.get, key=SELECTED)
st.query_params[SELECTED] = str(chosen)
try:
    show_exercise(api, api.exercise(chosen))
except ApiError as error:
    show_error(error)
