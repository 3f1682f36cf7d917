"""文档库: the documents (type, version, access level, chunks, status), each one's structure tree, and — for
admins — upload as a background ingest job followed by a progress bar, and delete."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from ui.client import ApiError
from ui.components import DOC_TYPES, client, show_error, type_label
from ui.i18n import STRINGS, one_language, t
from ui.passage import original_download, show_passage
from ui.structure import outline, outline_markdown

FLASH = "library_flash"
ACCESS_LEVELS = ["public", "internal", "restricted"]
SIDECAR = ".meta.toml"

st.header(t("page_library"))
for kind, message in st.session_state.pop(FLASH, []):
    (st.success if kind == "ok" else st.error)(message)
is_admin = st.session_state.get("role") == "admin"

try:
    documents = client().documents()
except ApiError as error:
    show_error(error)
    st.stop()
by_id = {d["doc_id"]: d for d in documents}


def describe(doc_id: str) -> str:
    doc = by_id[doc_id]
    return f"{doc['title']} {doc.get('version') or ''}".strip()


def upload_groups(files: list) -> list[list]:
    """One group per document: the document and its NAME.meta.toml sidecar travel in the same request."""
    sidecars = {f.name[: -len(SIDECAR)]: f for f in files if f.name.endswith(SIDECAR)}
    return [[f, *([sidecars[Path(f.name).stem]] if Path(f.name).stem in sidecars else [])]
            for f in files if not f.name.endswith(SIDECAR)]


POLL_SECONDS = 0.5


def job_progress(job: dict, names: list[str]) -> tuple[float, str]:
    """The bar's fill and text for a job: files done, and within the current file the pages read or OCR'd
    and the chunks embedded (a 5-page scan moves page by page instead of sitting at 0/1)."""
    total, done = max(job["files_total"], 1), job["files_done"]
    stage = job.get("stage")
    counts = {"loading": (job.get("pages_done", 0), job.get("pages_total", 0)),
              "ocr": (job.get("pages_done", 0), job.get("pages_total", 0)),
              "embedding": (job.get("chunks_embedded", 0), job.get("chunks_total", 0))}
    name = job.get("current_file") or names[min(done, len(names) - 1)]
    if stage not in counts:
        return done / total, t("upload_progress", done=done, total=total, name=name)
    part, count = counts[stage]
    # reading and OCR fill the first half of a file's share of the bar, embedding the second
    within = (part / count if count else 0.0) * 0.5 + (0.5 if stage == "embedding" else 0.0)
    label = t(f"stage_{stage}", done=part, count=count)
    return min((done + within) / total, 1.0), t("upload_step", done=done, total=total, name=name, stage=label)


def result_message(result: dict) -> tuple[str, str]:
    name = Path(result["source_path"]).name
    if result["ok"]:
        status = t(f"doc_status_{result['status']}") if f"doc_status_{result['status']}" in STRINGS else result["status"]
        return "ok", t("ingested", title=result["title"], chunks=result["chunks"], status=status)
    if result.get("error_code") in ("encrypted_pdf", "wrong_password"):  # the form has a password field
        return "error", t(result["error_code"], name=name)
    return "error", t("ingest_failed", name=name, error=one_language(result["error"] or ""))


def ingest_with_progress(groups: list[list], **form: str) -> list[tuple[str, str]]:
    """Upload every file as one background ingest job and follow its progress (GET /v1/jobs/{id}) with a
    progress bar; the messages to show after the rerun."""
    files = [(f.name, f.getvalue()) for group in groups for f in group]
    names = [group[0].name for group in groups]
    bar = st.progress(0.0, text=t("upload_progress", done=0, total=len(groups), name=names[0]))
    try:
        job = client().upload_job(files, **form)
        while job["status"] in ("queued", "running"):
            bar.progress(*job_progress(job, names))
            time.sleep(POLL_SECONDS)
            job = client().job(job["id"])
    except ApiError as error:
        return [("error", t("ingest_failed", name="、".join(names), error=one_language(error.message)))]
    messages = [result_message(r) for r in job["results"]]
    if job["status"] in ("failed", "interrupted"):
        messages += [("error", t("ingest_failed", name="、".join(names), error=one_language(e)))
                     for e in job["errors"]]
    bar.progress(1.0, text=t("upload_done", total=job["files_total"]))
    return messages


st.subheader(t("documents"))
if not documents:
    st.info(t("no_documents"))
else:
    rows = [{
        t("col_title"): d["title"], t("col_type"): type_label(d["doc_type"]), t("col_version"): d.get("version") or "",
        t("col_access"): t(f"access_{d['access_level']}"), t("col_chunks"): d["chunk_count"],
        t("col_status"): t(f"doc_status_{d['status']}"),
        t("col_warnings"): "；".join(one_language(w) for w in d.get("warnings", [])),
    } for d in documents]
    st.dataframe(rows, hide_index=True, key="library_table")

    with st.expander(t("structure"), expanded=False):
        doc_id = st.selectbox(t("structure_choose"), list(by_id), format_func=describe, key="structure_doc")
        try:
            chunks = client().document_chunks(doc_id)
        except ApiError as error:
            show_error(error)
            chunks = []
        original_download(client(), doc_id, by_id[doc_id]["source_path"], key=f"library_original_{doc_id}")
        tree = outline(chunks, pdf=by_id[doc_id]["source_path"].lower().endswith(".pdf"))
        tree_col, clause_col = st.columns([2, 3])
        tree_col.markdown(outline_markdown(tree), unsafe_allow_html=True)
        with clause_col:
            clauses = {chunk_id: label for _, label, chunk_id in tree if chunk_id}
            chosen = st.selectbox(t("structure_clause"), list(clauses), format_func=clauses.get, index=None,
                                  key="structure_clause", placeholder=t("choose"))
            if chosen:
                show_passage(client(), chosen)

if not is_admin:
    st.caption(t("admin_only"))
    st.stop()

with st.expander(t("upload"), expanded=not documents), st.form("upload_form", clear_on_submit=True):
    files = st.file_uploader(t("upload_files"), accept_multiple_files=True, key="upload_files",
                             type=["pdf", "docx", "md", "markdown", "txt", "html", "htm", "toml"])
    type_col, access_col = st.columns(2)
    doc_type = type_col.selectbox(t("doc_type"), ["", *DOC_TYPES], key="upload_type",
                                  format_func=lambda v: type_label(v) if v else t("type_auto"))
    access = access_col.selectbox(t("access_level"), ["", *ACCESS_LEVELS], key="upload_access",
                                  format_func=lambda v: t(f"access_{v}") if v else t("type_auto"))
    title = st.text_input(t("title_optional"), key="upload_title", max_chars=200)
    password = st.text_input(t("password"), type="password", key="upload_password")
    if st.form_submit_button(t("upload_submit"), key="upload_submit"):
        groups = upload_groups(files or [])
        if not groups:
            st.warning(t("upload_none"))
        else:
            st.session_state[FLASH] = ingest_with_progress(
                groups, doc_type=doc_type, access_level=access, password=password,
                title=title.strip() if len(groups) == 1 else "")
            st.rerun()

if documents:
    with st.expander(t("delete")):
        doc_id = st.selectbox(t("delete_choose"), list(by_id), key="delete_choice",
                              format_func=lambda i: f"{describe(i)} ({i})")
        confirmed = st.checkbox(t("delete_confirm"), key="delete_confirm")
        if st.button(t("delete_submit"), key="delete_submit", disabled=not confirmed, type="primary"):
            try:
                client().delete(doc_id)
                st.session_state[FLASH] = [("ok", t("deleted", title=by_id[doc_id]["title"]))]
            except ApiError as error:
                st.session_state[FLASH] = [("error", error.message)]
            st.rerun()
