"""The passage viewer: a cited clause with its quote marked, its breadcrumb and version, and for a PDF the
page itself rendered from the original file with the quote's characters highlighted on it.

It opens as a dialog over the page, from a search hit, a source under an answer, a checklist item or a quiz
explanation. Rendered pages are cached per API key, so one user's documents never reach another's session.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.highlight import highlight_query, highlight_quote
from ui.i18n import t

MEDIA_TYPES = {".pdf": "application/pdf", ".md": "text/markdown", ".txt": "text/plain", ".html": "text/html",
               ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def open_passage(api: ApiClient, chunk_id: str, *, quote: str = "", query: str = "") -> None:
    """Open the viewer as a dialog (the dialog's title follows the language chosen now)."""
    st.dialog(t("passage"), width="large")(show_passage)(api, chunk_id, quote=quote, query=query)


def show_passage(api: ApiClient, chunk_id: str, *, quote: str = "", query: str = "") -> None:
    try:
        chunk = api.chunk(chunk_id)
    except ApiError as error:
        st.error(error.message)
        return
    is_pdf = chunk["source_path"].lower().endswith(".pdf")
    page = chunk["page_start"] if is_pdf or chunk["page_start"] > 1 else None
    version = f"（{chunk['version']}）" if chunk.get("version") else ""
    st.markdown(f"**{chunk['breadcrumb']}**{version}")
    st.caption(" · ".join(p for p in (chunk["locator"], t("page", page=page) if page else "") if p))
    text = highlight_quote(chunk["text"], quote) if quote else highlight_query(chunk["text"], query)
    if is_pdf and page:
        image_col, text_col = st.columns([3, 2])
        with image_col:
            # no quote (a search hit): mark the whole clause, so the page shows where it stands
            _show_pdf_page(api, chunk["doc_id"], page, quote or chunk["text"])
        with text_col:
            st.caption(t("quote_marked"))
            st.markdown(text, unsafe_allow_html=True)
    else:
        if quote:
            st.caption(t("quote_marked"))
        st.markdown(text, unsafe_allow_html=True)
    original_download(api, chunk["doc_id"], chunk["source_path"], key=f"original_{chunk_id}")


def original_download(api: ApiClient, doc_id: str, source_path: str, key: str) -> None:
    """The original file, fetched with this session's key when clicked (a plain link would carry no key)."""
    name = PurePosixPath(source_path.replace("\\", "/")).name
    st.download_button(t("open_file"), lambda: api.file_bytes(doc_id), name, key=key, on_click="ignore",
                       mime=MEDIA_TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream"),
                       icon=":material/download:")


def _show_pdf_page(api: ApiClient, doc_id: str, page: int, quote: str) -> None:
    try:
        png, marked, pages = _rendered_page(api.base_url, api.api_key, doc_id, page, quote, _api=api)
    except (ApiError, ValueError, OSError, RuntimeError) as error:  # PdfiumError is a RuntimeError
        st.info(t("pdf_unavailable", error=getattr(error, "message", str(error))))
        return
    st.image(png, caption=t("pdf_page", page=page, pages=pages), width="stretch")
    if not marked:
        st.caption(t("pdf_unmarked"))


@st.cache_data(show_spinner=False, max_entries=32, ttl=900)
def _rendered_page(base_url: str, api_key: str | None, doc_id: str, page: int, quote: str,
                   _api: ApiClient) -> tuple[bytes, int, int]:
    """PNG of the page with the quote marked; keyed by API address and key (one user's cache per key)."""
    from ui.pdfpage import render_page

    rendered = render_page(_api.file_bytes(doc_id), page, quote)
    buffer = io.BytesIO()
    rendered.image.save(buffer, format="PNG")
    return buffer.getvalue(), rendered.marked, rendered.pages
