"""预案查询: hybrid search over the library, filtered by type, hazard, issuer, year and version; each hit opens
its passage.

Type, hazard, issuer and year are filters of the API; version is a property of the document a hit comes
from, so it narrows a larger result list here.
"""

from __future__ import annotations

import streamlit as st

from ui.client import ApiError
from ui.components import DOC_TYPES, client, show_answer, show_error, show_hit, type_label
from ui.i18n import t

st.header(t("page_search"))

try:
    documents = client().documents()
except ApiError as error:
    show_error(error)
    st.stop()


def choices(field: str) -> list:
    values = {h for d in documents for h in d.get("hazard_types", [])} if field == "hazard_types" else {
        d.get(field) for d in documents}
    return ["", *sorted(v for v in values if v)]


def anything(value: object) -> str:
    return str(value) if value else t("type_any")


query = st.text_input(t("query"), key="search_query", placeholder=t("query_help"), max_chars=500)
type_col, hazard_col, issuer_col, year_col, version_col, k_col = st.columns([2, 2, 2, 1, 2, 1])
doc_type = type_col.selectbox(t("doc_type"), ["", *DOC_TYPES], format_func=type_label, key="search_type")
hazard = hazard_col.selectbox(t("hazard"), choices("hazard_types"), format_func=anything, key="search_hazard")
issuer = issuer_col.selectbox(t("issuer"), choices("issuer"), format_func=anything, key="search_issuer")
year = year_col.selectbox(t("year"), choices("year"), format_func=anything, key="search_year")
version = version_col.selectbox(t("version"), choices("version"), format_func=anything, key="search_version")
k = int(k_col.number_input(t("top_k"), min_value=1, max_value=50, value=5, key="search_k"))

if query.strip():
    try:
        # a version narrows the hits afterwards: ask for more so that k remain
        result = client().search(query.strip(), k=min(50, k * 5) if version else k, doc_type=doc_type,
                                 hazard=hazard, issuer=issuer, year=year or None)
    except ApiError as error:
        show_error(error)
        st.stop()
    try:  # the answer first (lead, grouped evidence), the hits under it
        filters = {key: value for key, value in {"doc_type": doc_type, "hazard": hazard, "issuer": issuer,
                                                  "year": year or None}.items() if value}
        if version:  # the answer reads only the documents of that version, like the hits below
            filters["doc_ids"] = [d["doc_id"] for d in documents if d.get("version") == version]
        show_answer(client().ask(query.strip(), task="lookup", filters=filters), key="lookup")
    except ApiError as error:
        show_error(error)
    version_of = {d["doc_id"]: d.get("version") for d in documents}
    hits = [h for h in result["hits"] if not version or version_of.get(h["chunk_id"].rsplit(":", 1)[0]) == version]
    hits = hits[:k]
    if not hits:
        st.info(t("no_hits"))
    elif result["not_found"]:
        st.warning(t("weak_hits"))
    for n, hit in enumerate(hits, start=1):
        show_hit(n, hit, query)
