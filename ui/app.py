"""Entry point of the console: `streamlit run ui/app.py -- --api http://127.0.0.1:8000`.

Sets the API address and the language, then routes to one page module of `ui/views/`. A new page is a new
file there plus one `st.Page` line below.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import streamlit as st

from ui.client import ApiError
from ui.components import api_url_from, client
from ui.i18n import LANG_KEY, t

VIEWS = Path(__file__).parent / "views"  # not pages/: that name turns on Streamlit's legacy multipage mode

st.set_page_config(page_title="planassist", page_icon="📘", layout="wide")
st.session_state.setdefault("api_url", api_url_from(sys.argv, os.environ))

with st.sidebar:
    st.toggle("English", key=LANG_KEY)

navigation = st.navigation([
    st.Page(VIEWS / "search.py", title=t("page_search"), icon="🔎", url_path="search", default=True),
    st.Page(VIEWS / "chat.py", title=t("page_chat"), icon="💬", url_path="chat"),
    st.Page(VIEWS / "library.py", title=t("page_library"), icon="📚", url_path="library"),
])

with st.sidebar:
    st.caption(f"{t('api')}: {st.session_state['api_url']}")
    try:
        st.caption(t("status", **client().health()))
    except ApiError as error:
        st.error(f"{t('api_down')}: {error.message}")

navigation.run()
