"""Where the user meant to go: the page an address or a page switch asked for, and an incident named in a shared
link (/?incident=N), kept across signing in; a page the user's role may not open is explained, not skipped.

Streamlit's navigation silently runs the default page when the asked-for page is not among the user's pages;
the page asked for is read from the run's context before `st.navigation` resolves it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.util import calc_hash

from ui.i18n import t

WANTED = "_wanted_incident"
VIEWS = Path(__file__).parent / "views"


def remember_wanted_incident() -> None:
    """Keep the incident named in the address (a shared link) until the desk has opened it."""
    if wanted := st.query_params.get("incident"):
        st.session_state[WANTED] = wanted


def wanted_incident() -> str | None:
    return st.session_state.pop(WANTED, None)


def intended_page(pages: list[tuple]) -> str | None:
    """The url path of the console page this run was asked for (by address or page switch), or None."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    manager = ctx.pages_manager
    name, script_hash = manager.intended_page_name, manager.intended_page_script_hash
    for _, _, _, path, _ in pages:
        if name == path or script_hash == calc_hash(path):  # a page's hash is that of its url path
            return path
    return None


def forbidden_notice(intended: str | None, navigation, pages: list[tuple], role: str | None) -> None:
    """When the page asked for is one the role may not open, say so and name the page shown instead."""
    entry = next((p for p in pages if p[3] == intended), None)
    if entry is None or entry[4] is None or role is None or role in entry[4] or navigation.url_path == intended:
        return
    roles = t("roles_joiner").join(t(f"role_{r}") for r in sorted(entry[4]))
    st.warning(t("page_forbidden", page=t(entry[1]), roles=roles, role=t(f"role_{role}"), home=navigation.title),
               icon=":material/lock:")
