"""值班台: open an incident from a short form (hazard, place, time, facts), then work it — checklist, briefing,
duty log, exports — and close it. The incident chosen is kept in the address (?incident=N), so a reload or
a shared link opens the same one.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui.client import ApiError
from ui.components import client, show_error
from ui.i18n import t
from ui.incident import FLASH, show_incident, stamp
from ui.timefmt import zone

SELECTED = "incident"

st.header(t("page_desk"))
for kind, message in st.session_state.pop(FLASH, []):
    (st.success if kind == "ok" else st.error)(message)

api = client()
try:
    incidents = api.incidents()
    documents = api.documents()
    hazards = sorted({h for doc in documents for h in doc.get("hazard_types", [])})
    plans = {d["doc_id"]: d["title"] for d in documents if d.get("doc_type") == "plan"}
except ApiError as error:
    show_error(error)
    st.stop()

with st.expander(t("new_incident"), expanded=not any(i["status"] == "open" for i in incidents)), \
        st.form("incident_form", clear_on_submit=True):
    hazard_col, place_col = st.columns(2)
    hazard = hazard_col.selectbox(t("hazard"), hazards, index=None, accept_new_options=True, key="incident_hazard",
                                  placeholder=t("incident_hazard_help"))
    place = place_col.text_input(t("place"), key="incident_place", placeholder=t("place_help"), max_chars=200)
    date_col, time_col = st.columns(2)
    now = dt.datetime.now(zone())  # the duty officer's time (PLANASSIST_TIMEZONE), not the server's
    date = date_col.date_input(t("date"), value=now.date(), key="incident_date")
    clock = time_col.time_input(t("time"), value=now.time().replace(second=0, microsecond=0, tzinfo=None),
                                key="incident_clock", step=60)
    facts = st.text_area(t("facts"), key="incident_facts", placeholder=t("facts_help"), max_chars=4000, height=100)
    # two plans of a kind (a district's and a city's, two counties') may both fit: the officer can name the one to apply
    plan = st.selectbox(t("incident_plan"), list(plans), index=None, format_func=plans.get, key="incident_plan",
                        placeholder=t("incident_plan_help"))
    if st.form_submit_button(t("open_submit"), key="incident_submit", type="primary"):
        if not (hazard or "").strip():
            st.warning(t("hazard_required"))
        else:
            with st.spinner(t("opening")):
                try:
                    opened = api.open_incident(hazard.strip(), place.strip(), f"{date} {clock:%H:%M}", facts.strip(),
                                               plan)
                    st.session_state[SELECTED] = opened["id"]
                except ApiError as error:
                    st.session_state[FLASH] = [("error", error.message)]
            st.rerun()

if not incidents:
    st.info(t("no_incidents"))
    st.stop()

# open incidents first, newest first
ordered = sorted(incidents, key=lambda i: (i["status"] != "open", -i["id"]))
labels = {i["id"]: t("incident_label", id=i["id"], title=i["title"], status=t("status_" + i["status"]))
          for i in ordered}
if st.session_state.get(SELECTED) not in labels:
    # a new session (a reload, a shared link) opens the incident named in the address, else the newest open one
    wanted = st.query_params.get(SELECTED, "")
    st.session_state[SELECTED] = next((i for i in labels if str(i) == wanted), ordered[0]["id"])
chosen = st.selectbox(t("incident_choose"), list(labels), format_func=labels.get, key=SELECTED)
st.query_params[SELECTED] = str(chosen)
try:
    show_incident(api, api.incident(chosen))
except ApiError as error:
    show_error(error)

with st.expander(t("incidents")):
    st.dataframe([{
        t("col_id"): i["id"], t("col_incident"): i["title"], t("col_status"): t("status_" + i["status"]),
        t("col_level"): i.get("level_label") or "", t("col_progress"): f"{i['items_done']}/{i['items_total']}",
        t("col_created"): stamp(i["created_at"]), t("col_by"): i["created_by"],
    } for i in ordered], hide_index=True, key="incident_table")
