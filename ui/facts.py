"""The incident's facts on the duty desk: what the assistant read from the report (quantities, hazard, place),
and the report itself, editable; an edit is posted to the API, which decides the level again, and the page is
redrawn from the incident it returns. Deadlines are shown as clock times with the minutes left.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.i18n import t

FLASH = "desk_flash"


def show_facts(api: ApiClient, incident: dict[str, Any], closed: bool) -> None:
    payload = incident["checklist"].get("payload", {})
    with st.expander(t("facts_panel"), expanded=True):
        parsed = payload.get("facts") or {}
        st.markdown(f"**{t('facts_parsed')}**")
        if parsed:
            st.dataframe([{t("fact_name"): name, t("fact_value"): _value(value)} for name, value in parsed.items()],
                         hide_index=True, key=f"facts_table_{incident['id']}")
        else:
            st.caption(t("facts_none"))
        if payload.get("decided_by"):
            st.caption(t("decided_by", who=payload["decided_by"]))
        if closed:
            st.text(incident["facts"])
            return
        with st.form(f"facts_form_{incident['id']}"):
            text = st.text_area(t("facts_edit"), value=incident["facts"], key=f"facts_text_{incident['id']}",
                                max_chars=4000, height=90)
            if st.form_submit_button(t("facts_submit"), key=f"facts_submit_{incident['id']}"):
                try:
                    api.update_facts(incident["id"], text.strip())
                except ApiError as error:
                    st.session_state[FLASH] = [("error", error.message)]
                st.rerun()


def _value(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def deadline_note(item: dict[str, Any], now: dt.datetime | None = None) -> str:
    """「14:30前 · 剩余 25 分钟」 for an item with a clock deadline; 「视情」 for a conditional one."""
    parts = [t("conditional")] if item.get("conditional") else []
    if item.get("due_label"):
        parts.append(item["due_label"])
        due = dt.datetime.fromisoformat(item["due_at"])
        now = now or dt.datetime.now(due.tzinfo)
        minutes = round((due - now).total_seconds() / 60)
        parts.append(t("due_in", minutes=minutes) if minutes >= 0 else t("overdue", minutes=-minutes))
    return " · ".join(parts)
