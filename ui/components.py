"""What the console's pages share: the API client of this session, and how a hit, a citation and an answer look."""

from __future__ import annotations

import os
import sys
from typing import Any

import streamlit as st

from ui.client import DEFAULT_API_URL, ApiClient, ApiError
from ui.highlight import escape, highlight_query, highlight_quote
from ui.i18n import t

DOC_TYPES = ["plan", "regulation", "review", "other"]


def api_url_from(argv: list[str], environ: dict[str, str] | os._Environ) -> str:
    """`--api URL` after `streamlit run ui/app.py --`, else $PLANASSIST_API_URL, else the local default."""
    for i, arg in enumerate(argv):
        if arg == "--api" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--api="):
            return arg.split("=", 1)[1]
    return environ.get("PLANASSIST_API_URL") or DEFAULT_API_URL


@st.cache_resource(show_spinner=False)
def _client_for(url: str) -> ApiClient:
    return ApiClient(url)


def client() -> ApiClient:
    url = st.session_state.get("api_url") or api_url_from(sys.argv, os.environ)
    return _client_for(url)


def show_error(error: ApiError) -> None:
    st.error(f"{t('api_down')}: {error.message}" if error.code == "unreachable" else error.message)


def type_label(doc_type: str) -> str:
    return t(f"type_{doc_type or 'any'}")


def source_line(title: str, version: str | None, locator: str, page: int | None) -> str:
    """《title》（version） locator · p. N — the citation anchor as a reader would write it."""
    head = f"《{title}》" + (f"（{version}）" if version else "")
    tail = f" · {t('page', page=page)}" if page else ""
    return escape(f"{head} {locator}") + tail


def page_of(item: dict[str, Any], page: int | None) -> int | None:
    """The page worth showing: any page of a PDF, and no "page 1" for a Markdown or text file."""
    is_pdf = str(item.get("source_path") or "").lower().endswith(".pdf")
    return page if page and (is_pdf or page > 1) else None


def show_hit(n: int, hit: dict[str, Any], query: str) -> None:
    with st.container(border=True):
        page = page_of(hit, hit["page_start"])
        line = source_line(hit["doc_title"], hit.get("version"), hit["locator"], page)
        st.markdown(f"**{n}.** {line} · {type_label(hit['doc_type'])} · {t('score')} {hit['score']:.3f}",
                    unsafe_allow_html=True)
        st.markdown(highlight_query(hit["text"], query), unsafe_allow_html=True)
        if st.toggle(t("view_source"), key=f"source_{n}_{hit['chunk_id']}"):
            show_chunk(hit["chunk_id"], query=query)


def show_chunk(chunk_id: str, *, query: str = "", quote: str = "") -> None:
    """The stored clause (GET /v1/chunks/{id}) with its breadcrumb, the query or the quote marked."""
    try:
        chunk = client().chunk(chunk_id)
    except ApiError as error:
        show_error(error)
        return
    page = page_of(chunk, chunk["page_start"])
    st.caption(chunk["breadcrumb"] + (f" · {t('page', page=page)}" if page else ""))
    text = highlight_quote(chunk["text"], quote) if quote else highlight_query(chunk["text"], query)
    st.markdown(text, unsafe_allow_html=True)
    st.link_button(t("open_file"), client().file_url(chunk["doc_id"]))


def answer_text(answer: dict[str, Any]) -> str:
    """The answer as plain text with [n] markers, as a later chat turn sends it back in `history`."""
    if answer.get("refused"):
        return answer.get("refusal_reason") or ""
    return "".join(s["text"] + "".join(f"[{n}]" for n in s.get("citations", [])) for s in answer.get("sentences", []))


def answer_markdown(answer: dict[str, Any]) -> str:
    """The answer's sentences, each followed by its [n] markers."""
    lines = []
    for sentence in answer.get("sentences", []):
        markers = "".join(f"[{n}]" for n in sentence.get("citations", []))
        lines.append(escape(sentence["text"]) + (f" **{escape(markers)}**" if markers else ""))
    return "<br>".join(lines)


def show_answer(answer: dict[str, Any], key: str) -> None:
    """Sentences with [n] markers, then the sources panel: 《title》 version, locator, page, quote marked."""
    if answer.get("refused"):
        st.warning(f"{t('refused')}: {answer.get('refusal_reason') or ''}")
        citations, label = answer.get("closest", []), t("closest")
    else:
        st.markdown(answer_markdown(answer), unsafe_allow_html=True)
        citations, label = answer.get("citations", []), t("sources")
    if not citations:
        return
    with st.expander(f"{label} ({len(citations)})", expanded=True):
        for citation in citations:
            page = page_of(citation, citation["page"])
            line = source_line(citation["doc_title"], citation.get("version"), citation["locator"], page)
            st.markdown(f"**[{citation['n']}]** {line}", unsafe_allow_html=True)
            st.markdown(f"> <mark>{escape(citation['quote'])}</mark>", unsafe_allow_html=True)
            if st.toggle(t("view_source"), key=f"{key}_cite_{citation['n']}"):
                show_chunk(citation["chunk_id"], quote=citation["quote"])
