"""Signing in to the console: the API key field, who the API takes the caller for, and remembering the key
for this browser session so that a reload (F5 on the duty desk) does not sign the officer out.

The key is kept in `st.session_state` and sent as a Bearer token. To survive a reload it is also written to a
session cookie of the console's own origin (SameSite=Strict, gone when the browser closes, cleared by
signing out); a new session reads it back from the request's cookies.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from ui.client import ApiError
from ui.components import API_KEY, client
from ui.i18n import t

COOKIE = "planassist_key"
FIELD = "api_key_input"  # the widget; the key itself lives in st.session_state[API_KEY], which page switches keep
_GENERATION = "_api_key_field_generation"  # signing out starts a new, empty field (see _sign_out)
_REMEMBERED = "_remembered_key"
_KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,200}$")  # what a key looks like; nothing else reaches the script


def load_key() -> None:
    """On a new session, the key this browser session remembers (its cookie), before the API is asked who calls."""
    if API_KEY not in st.session_state:
        remembered = st.context.cookies.get(COOKIE, "")
        valid = isinstance(remembered, str) and _KEY_SHAPE.match(remembered)  # (AppTest has no real cookies)
        st.session_state[API_KEY] = remembered if valid else ""
        st.session_state[_REMEMBERED] = st.session_state[API_KEY]


def key_field() -> None:
    """The access key input (of the sign-in screen)."""
    load_key()
    st.text_input(t("api_key"), value=st.session_state[API_KEY], type="password", key=_field_key(),
                  help=t("api_key_help"), on_change=_take_key)


def sign_out_button() -> None:
    if st.session_state.get(API_KEY):
        st.button(t("sign_out"), key="sign_out", type="tertiary", on_click=_sign_out, icon=":material/logout:")


def sign_in_screen(rejected: bool) -> None:
    """What a signed-out user sees instead of a page: where to type the key and whom to ask for one, in the
    user's words (no HTTP header names); a key the API refused is said to be invalid."""
    with st.container(border=True):
        st.header(t("sign_in_title"))
        st.write(t("sign_in_intro"))
        key_field()
        if rejected:
            st.error(t("bad_key_plain"))


def _field_key() -> str:
    generation = st.session_state.get(_GENERATION, 0)
    return FIELD if generation == 0 else f"{FIELD}_{generation}"


def _take_key() -> None:
    st.session_state[API_KEY] = (st.session_state.get(_field_key()) or "").strip()


def _sign_out() -> None:
    """Forget the key and replace the field by a new one. Emptying the old field from the server instead raced
    with typing: when the next key was typed before the sign-out's run reached the browser, the browser kept
    the emptied value and sent it with the next page switch, signing the new user out again."""
    st.session_state[API_KEY] = ""
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


def remember_key() -> None:
    """Write (or clear) the cookie when the key differs from what this browser remembers.

    Called once the run is sure to finish (after any page switch): a script in a run cut short by
    `st.switch_page` never reaches the browser.
    """
    key = st.session_state.get(API_KEY) or ""
    if st.session_state.get(_REMEMBERED) == key or (key and not _KEY_SHAPE.match(key)):
        return
    value = f"{COOKIE}={key}; path=/; SameSite=Strict" if key else f"{COOKIE}=; path=/; max-age=0; SameSite=Strict"
    st.html(f"<script>document.cookie = '{value}';</script>", unsafe_allow_javascript=True, width=1)
    st.session_state[_REMEMBERED] = key


def who_is_calling() -> tuple[dict[str, Any] | None, ApiError | None]:
    """GET /v1/me: the caller, or the error (401: no or bad key; 404: an API without the console's routes)."""
    try:
        return client().me(), None
    except ApiError as error:
        return None, error
