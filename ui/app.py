"""Entry point of the console: `streamlit run ui/app.py -- --api http://127.0.0.1:8000`.

Sets the API address, the language and the API key (sent as a Bearer token), asks the API who that is
(GET /v1/me), then routes to the page modules of `ui/views/` that the caller's role may use. A new page is a
new file there plus one line in `PAGES`.
"""

from __future__ import annotations

import os
import sys

import streamlit as st

from ui.client import ApiError
from ui.components import API_KEY, api_url_from, client
from ui.i18n import LANG_KEY, t
from ui.login import load_key, remember_key, sign_in_screen, sign_out_button, who_is_calling
from ui.routing import (
    VIEWS,
    allowed,
    forbidden_notice,
    leave_forbidden_page,
    remember_wanted_incident,
    wanted_incident,
)

# VIEWS (ui/views/, not pages/: that name turns on Streamlit's legacy multipage mode) comes from ui.routing
ROLE, USER = "role", "_user"
DESK, TRAINING = {"admin", "duty_officer"}, {"admin", "trainer"}
# (file in views/, title, icon, url path, roles that see it — None: everyone)
PAGES: list[tuple[str, str, str, str, set[str] | None]] = [
    ("desk.py", "page_desk", ":material/emergency:", "desk", DESK),
    ("search.py", "page_search", ":material/search:", "search", None),
    ("chat.py", "page_chat", ":material/forum:", "chat", None),
    ("drill.py", "page_drill", ":material/quiz:", "drill", TRAINING),
    ("exercise.py", "page_exercise", ":material/groups:", "exercise", TRAINING),
    ("library.py", "page_library", ":material/library_books:", "library", None),
    ("evaluation.py", "page_eval", ":material/bar_chart:", "evaluation", None),
]
HOME_PAGE = {"duty_officer": "desk", "trainer": "drill"}


def pages_for(role: str | None, signed_out: bool) -> list[st.Page]:
    """Every page; those `role` may not use are hidden from the menu (signed out, only those open to everyone
    are shown; role unknown (old API), all)."""
    home = HOME_PAGE.get(role or "", "search")
    return [st.Page(VIEWS / file, title=t(title), icon=icon, url_path=path, default=path == home,
                    visibility="visible" if allowed(roles, role, signed_out) else "hidden")
            for file, title, icon, path, roles in PAGES]


st.set_page_config(page_title="planassist", page_icon=":material/menu_book:", layout="wide")
st.session_state.setdefault("api_url", api_url_from(sys.argv, os.environ))

with st.sidebar:
    st.toggle("English", key=LANG_KEY)
load_key()
remember_wanted_incident()  # a shared /?incident=N link opened signed out still leads there after signing in

caller, problem = who_is_calling()
signed_out = problem is not None and problem.status == 401
role = caller["role"] if caller else None
st.session_state[ROLE] = role if caller else (None if signed_out else "admin")
pages = pages_for(role, signed_out)
navigation = st.navigation(pages)
user = caller["user"] if caller else None
if st.session_state.setdefault(USER, user) != user:  # just signed in (or out): start on the role's home page
    st.session_state[USER] = user
    desk = next(page for page in pages if page.title == t("page_desk"))
    if allowed(DESK, role, signed_out) and (incident := wanted_incident()):
        st.switch_page(desk, query_params={"incident": incident})
    st.switch_page(next(page for page in pages if page.url_path == ""))  # the default page's path is ""
leave_forbidden_page(navigation, PAGES, role, next(page for page in pages if page.url_path == ""))

with st.sidebar:
    remember_key()
    if caller:
        st.caption(t("signed_in", user=caller["user"], role=t(f"role_{caller['role']}")))
        sign_out_button()
        if caller.get("open_mode"):
            st.caption(t("open_mode"))
    st.caption(f"{t('api')}: {st.session_state['api_url']}")
    try:
        st.caption(t("status", **client().health()))
    except ApiError as error:
        st.error(f"{t('api_down')}: {error.message}")

if signed_out:
    sign_in_screen(rejected=bool(st.session_state.get(API_KEY)))
    st.stop()
forbidden_notice()
navigation.run()
