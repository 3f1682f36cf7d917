"""预案查询: hybrid search over the library with type/hazard filters; each hit opens its stored clause."""

from __future__ import annotations

import streamlit as st

from ui.client import ApiError
from ui.components import DOC_TYPES, client, show_error, show_hit, type_label
from ui.i18n import t

st.header(t("page_search"))

try:
    hazards = sorted({h for doc in client().documents() for h in doc.get("hazard_types", [])})
except ApiError as error:
    show_error(error)
    st.stop()

query = st.text_input(t("query"), key="search_query", placeholder=t("query_help"), max_chars=500)
type_col, hazard_col, k_col = st.columns([2, 2, 1])
doc_type = type_col.selectbox(t("doc_type"), ["", *DOC_TYPES], format_func=type_label, key="search_type")
hazard = hazard_col.selectbox(t("hazard"), ["", *hazards], format_func=lambda h: h or t("type_any"),
                              key="search_hazard")
k = k_col.number_input(t("top_k"), min_value=1, max_value=50, value=5, key="search_k")

if query.strip():
    try:
        result = client().search(query.strip(), k=int(k), doc_type=doc_type, hazard=hazard)
    except ApiError as error:
        show_error(error)
        st.stop()
    if not result["hits"]:
        st.info(t("no_hits"))
    elif result["not_found"]:
        st.warning(t("weak_hits"))
    for n, hit in enumerate(result["hits"], start=1):
        show_hit(n, hit, query)
