"""Where the user meant to go: the page an address or a page switch asked for, and an incident named in a shared
link (/?incident=N), kept across signing in; a page the user's role may not open is explained, not skipped.

A page the role may not use is still listed (hidden from the menu), so that opening its address is recognised:
the user is told why and sent to the role's home page, instead of Streamlit's silent fallback.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.i18n import t

WANTED = "_wanted_incident"
NOTICE = "_forbidden_notice"
VIEWS = Path(__file__).parent / "views"


def remember_wanted_incident() -> None:
    """Keep the incident named in the address (a shared link) until the desk has opened it."""
    if wanted := st.query_params.get("incident"):
        st.session_state[WANTED] = wanted


def wanted_incident() -> str | None:
    return st.session_state.pop(WANTED, None)


def allowed(roles: set[str] | None, role: str | None, signed_out: bool) -> bool:
    """Whether `role` may use a page open to `roles` (None: everyone); role unknown (an old API): all pages."""
    return roles is None or (role in roles if role or signed_out else True)


def leave_forbidden_page(navigation, pages: list[tuple], role: str | None, home) -> None:
    """On a page the role may not use (reached by its address: it is listed hidden, so Streamlit does not show
    its English "page not found"), note why and switch to the role's home page; `forbidden_notice` shows it."""
    entry = next((p for p in pages if p[3] == navigation.url_path), None)
    if entry is None or role is None or allowed(entry[4], role, signed_out=False):
        return
    roles = t("roles_joiner").join(t(f"role_{r}") for r in sorted(entry[4]))
    st.session_state[NOTICE] = t("page_forbidden", page=t(entry[1]), roles=roles, role=t(f"role_{role}"),
                                 home=home.title)
    st.switch_page(home)


def forbidden_notice() -> None:
    if notice := st.session_state.pop(NOTICE, None):
        st.warning(notice, icon=":material/lock:")
