"""One incident on the duty desk: its checklist (ticks stored by the API), briefing, duty log and exports.

Every tick, log entry and closing goes straight to the API, and the page is redrawn from what the API then
holds, so a reload, another officer's session or a restarted server all show the same state. A checkbox's
key carries the time of its item's last tick: when someone else ticks it, the box is redrawn from the server.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.components import markers, sentence_html, show_sources
from ui.facts import deadline_note, show_facts
from ui.highlight import escape, label_escape
from ui.i18n import one_language, t
from ui.passage import open_passage
from ui.timefmt import local_stamp

FLASH = "desk_flash"
LOG_KINDS = ["接报", "续报", "其他"]


def stamp(iso: str | None) -> str:
    """2025-07-01T06:32:05+00:00 → 2025-07-01 14:32 (UTC+08:00): local time of `PLANASSIST_TIMEZONE`."""
    return local_stamp(iso)


def _flash(error: ApiError) -> None:
    st.session_state[FLASH] = [("error", error.message)]


def _tick(api: ApiClient, incident_id: int, index: int, key: str) -> None:
    try:
        api.tick(incident_id, index, bool(st.session_state[key]))
    except ApiError as error:
        _flash(error)


def show_incident(api: ApiClient, incident: dict[str, Any]) -> None:
    closed = incident["status"] == "closed"
    checklist = incident["checklist"]
    st.subheader(f"#{incident['id']} {incident['title']}")
    st.caption(t("incident_meta", creator=incident["created_by"], created=stamp(incident["created_at"])))
    level_col, done_col, log_col = st.columns(3)
    level_col.metric(t("level"), incident.get("level_label") or t("level_undecided"))
    done_col.metric(t("progress"), f"{incident['items_done']}/{incident['items_total']}")
    log_col.metric(t("tab_log"), len(incident["log"]))
    if closed:
        st.info(t("closed_note", by=incident["closed_by"], at=stamp(incident["closed_at"])))
    missing = checklist.get("payload", {}).get("missing_facts") or []
    if missing:
        st.warning(t("missing_facts", facts="、".join(missing)))
    show_facts(api, incident, closed)
    tabs = st.tabs([t("tab_checklist"), t("tab_briefing"), t("tab_log"), t("tab_export")])
    with tabs[0]:
        show_checklist(api, incident, closed)
    with tabs[1]:
        show_briefing(incident)
    with tabs[2]:
        show_log(api, incident, closed)
    with tabs[3]:
        show_export(api, incident, closed)


def show_checklist(api: ApiClient, incident: dict[str, Any], closed: bool) -> None:
    checklist, key = incident["checklist"], f"inc{incident['id']}cl"
    payload = checklist.get("payload", {})
    if payload.get("level_reason"):
        st.markdown(escape(payload["level_reason"]) + markers(payload.get("level_citations", []), key),
                    unsafe_allow_html=True)
    items = payload.get("items", [])
    if checklist.get("refused") or not items:
        st.info(one_language(checklist.get("refusal_reason") or "") or t("no_items"))
    by_n = {c["n"]: c for c in checklist.get("citations", [])}
    rows = list(enumerate(zip(items, incident["items"], strict=False)))
    for phase in dict.fromkeys(item["phase"] for item in items):
        in_phase = [(index, item, state) for index, (item, state) in rows if item["phase"] == phase]
        st.markdown(f"**{escape(phase)}**（{sum(s['done'] for _, _, s in in_phase)}/{len(in_phase)}）",
                    unsafe_allow_html=True)
        for index, item, state in in_phase:
            show_item(api, incident["id"], index, item, state, by_n.get(item["citation"]), closed, key)
    show_sources(checklist.get("citations", []), key, expanded=False)  # each item has its own [n]


def show_item(api: ApiClient, incident_id: int, index: int, item: dict[str, Any], state: dict[str, Any],
              citation: dict[str, Any] | None, closed: bool, key: str) -> None:
    """One checklist item: its box (ticking it posts to the API), who ticked it when, and its source."""
    units = "、".join(item.get("lead_units") or [])
    note = deadline_note(item)
    label = item["action"] + (f" — {t('lead')}：{units}" if units else "") + (
        f"（{item['time_limit']}）" if item.get("time_limit") else "") + (f"〔{note}〕" if note else "")
    box_key = f"item_{incident_id}_{index}_{state.get('at') or 'new'}"
    box_col, cite_col = st.columns([14, 1])
    box_col.checkbox(label_escape(label), value=state["done"], key=box_key, disabled=closed, wrap=True,
                     on_change=_tick, args=(api, incident_id, index, box_key))
    if state.get("by"):
        note = "ticked_by" if state["done"] else "unticked_by"
        box_col.caption(t(note, by=state["by"], at=stamp(state["at"])))
    if citation and cite_col.button(f"[{citation['n']}]", key=f"{key}_item_{index}", type="tertiary",
                                    help=label_escape(f"《{citation['doc_title']}》 {citation['locator']}")):
        open_passage(api, citation["chunk_id"], quote=citation["quote"])


def show_briefing(incident: dict[str, Any]) -> None:
    briefing, key = incident["briefing"], f"inc{incident['id']}br"
    if briefing.get("refused"):
        st.warning(f"{t('refused')}: {one_language(briefing.get('refusal_reason') or '')}")
        show_sources(briefing.get("closest", []), key, t("closest"))
        return
    sentences = briefing.get("sentences", [])
    for section in briefing.get("payload", {}).get("sections", []):
        lines = [sentences[i] for i in section.get("sentences", []) if i < len(sentences)]
        if lines:
            st.markdown(f"**{escape(section['title'])}**")
            st.markdown("\n".join(f"- {sentence_html(s, key)}" for s in lines), unsafe_allow_html=True)
    show_sources(briefing.get("citations", []), key)


def show_log(api: ApiClient, incident: dict[str, Any], closed: bool) -> None:
    if not closed:
        with st.form(f"log_form_{incident['id']}", clear_on_submit=True):
            kind = st.radio(t("log_kind"), LOG_KINDS, horizontal=True, key=f"log_kind_{incident['id']}",
                            format_func=lambda k: t(f"kind_{k}"))
            text = st.text_area(t("log_text"), key=f"log_text_{incident['id']}", max_chars=4000, height=80)
            if st.form_submit_button(t("log_add"), key=f"log_add_{incident['id']}") and text.strip():
                try:
                    api.add_log(incident["id"], kind, text.strip())
                except ApiError as error:
                    _flash(error)
                st.rerun()
    if not incident["log"]:
        st.caption(t("log_empty"))
        return
    st.dataframe([{t("col_time"): stamp(e["at"]), t("col_kind"): t(f"kind_{e['kind']}"), t("col_by"): e["by"],
                   t("col_text"): e["text"]} for e in incident["log"]], hide_index=True,
                 key=f"log_table_{incident['id']}")


def show_export(api: ApiClient, incident: dict[str, Any], closed: bool) -> None:
    number = incident["id"]
    stem = f"事件{number}-{incident['hazard']}"
    docx_col, md_col = st.columns(2)
    docx_col.download_button(t("export_docx"), lambda: api.export_incident(number, "docx"), f"{stem}.docx",
                             mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             key=f"export_docx_{number}", icon=":material/description:", on_click="ignore")
    md_col.download_button(t("export_md"), lambda: api.export_incident(number, "md"), f"{stem}.md",
                           mime="text/markdown", key=f"export_md_{number}", icon=":material/article:", on_click="ignore")
    if closed:
        return
    st.divider()
    confirmed = st.checkbox(t("close_confirm"), key=f"close_confirm_{number}")
    if st.button(t("close_submit"), key=f"close_{number}", disabled=not confirmed, type="primary"):
        try:
            api.close_incident(number)
        except ApiError as error:
            _flash(error)
        st.rerun()
