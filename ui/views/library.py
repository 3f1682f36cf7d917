"""文档库: the documents in the library (type, version, access level, chunks, status), upload and delete."""

from __future__ import annotations

import streamlit as st

from ui.client import ApiError
from ui.components import DOC_TYPES, client, show_error, type_label
from ui.i18n import t

FLASH = "library_flash"
ACCESS_LEVELS = ["public", "internal", "restricted"]

st.header(t("page_library"))
for kind, message in st.session_state.pop(FLASH, []):
    (st.success if kind == "ok" else st.error)(message)

try:
    documents = client().documents()
except ApiError as error:
    show_error(error)
    st.stop()

st.subheader(t("documents"))
if not documents:
    st.info(t("no_documents"))
else:
    rows = [{
        t("col_title"): d["title"], t("col_type"): type_label(d["doc_type"]), t("col_version"): d.get("version") or "",
        t("col_access"): d["access_level"], t("col_chunks"): d["chunk_count"], t("col_status"): d["status"],
        t("col_warnings"): "；".join(d.get("warnings", [])), "file": client().file_url(d["doc_id"]),
    } for d in documents]
    st.dataframe(rows, hide_index=True, key="library_table",
                 column_config={"file": st.column_config.LinkColumn(t("open_file"), display_text="📄")})

with st.expander(t("upload"), expanded=not documents), st.form("upload_form", clear_on_submit=True):
    files = st.file_uploader(t("upload_files"), accept_multiple_files=True, key="upload_files",
                             type=["pdf", "docx", "md", "markdown", "txt", "html", "htm", "toml"])
    type_col, access_col = st.columns(2)
    doc_type = type_col.selectbox(t("doc_type"), ["", *DOC_TYPES], key="upload_type",
                                  format_func=lambda v: type_label(v) if v else t("type_auto"))
    access = access_col.selectbox(t("access_level"), ["", *ACCESS_LEVELS], key="upload_access",
                                  format_func=lambda v: v or t("type_auto"))
    title = st.text_input(t("title_optional"), key="upload_title", max_chars=200)
    password = st.text_input(t("password"), type="password", key="upload_password")
    if st.form_submit_button(t("upload_submit"), key="upload_submit"):
        if not files:
            st.warning(t("upload_none"))
        else:
            messages = []
            try:
                results = client().upload([(f.name, f.getvalue()) for f in files], doc_type=doc_type,
                                          access_level=access, title=title.strip(), password=password)
                for r in results:
                    messages.append(("ok", t("ingested", title=r["title"], chunks=r["chunks"], status=r["status"]))
                                    if r["ok"] else ("error", t("ingest_failed", name=r["source_path"].rsplit("/", 1)[-1],
                                                                error=r["error"])))
            except ApiError as error:
                messages.append(("error", error.message))
            st.session_state[FLASH] = messages
            st.rerun()

if documents:
    with st.expander(t("delete")):
        by_id = {d["doc_id"]: d for d in documents}
        doc_id = st.selectbox(t("delete_choose"), list(by_id), key="delete_choice",
                              format_func=lambda i: f"{by_id[i]['title']} {by_id[i].get('version') or ''} ({i})")
        confirmed = st.checkbox(t("delete_confirm"), key="delete_confirm")
        if st.button(t("delete_submit"), key="delete_submit", disabled=not confirmed, type="primary"):
            try:
                client().delete(doc_id)
                st.session_state[FLASH] = [("ok", t("deleted", title=by_id[doc_id]["title"]))]
            except ApiError as error:
                st.session_state[FLASH] = [("error", error.message)]
            st.rerun()
