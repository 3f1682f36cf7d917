"""What the console's pages share: this session's API client, and how a hit, a citation and an answer look.

Every citation is clickable: a `[n]` marker in an answer jumps to its source in the panel under the answer,
and each source (and each search hit) opens the passage viewer (`ui/passage.py`).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import streamlit as st

from ui.client import DEFAULT_API_URL, ApiClient, ApiError
from ui.highlight import escape, highlight_query, label_escape
from ui.i18n import one_language, t
from ui.lead_view import has_lead, show_lead_answer
from ui.passage import open_passage

DOC_TYPES = ["plan", "regulation", "review", "other"]
API_KEY = "api_key"
_CLIENT = "_api_client"


def api_url_from(argv: list[str], environ: dict[str, str] | os._Environ) -> str:
    """`--api URL` after `streamlit run ui/app.py --`, else $PLANASSIST_API_URL, else the local default."""
    for i, arg in enumerate(argv):
        if arg == "--api" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--api="):
            return arg.split("=", 1)[1]
    return environ.get("PLANASSIST_API_URL") or DEFAULT_API_URL


def client() -> ApiClient:
    """This session's client: its API address and its API key (never shared between sessions)."""
    url = (st.session_state.get("api_url") or api_url_from(sys.argv, os.environ)).rstrip("/")
    key = st.session_state.get(API_KEY) or None
    current = st.session_state.get(_CLIENT)
    if current is None or (current.base_url, current.api_key) != (url, key):
        current = st.session_state[_CLIENT] = ApiClient(url, key)
    return current


def show_error(error: ApiError) -> None:
    message = one_language(error.message)
    st.error(f"{t('api_down')}: {message}" if error.code == "unreachable" else message)


def type_label(doc_type: str) -> str:
    return t(f"type_{doc_type or 'any'}")


def source_label(title: str, version: str | None, locator: str, page: int | None) -> str:
    """《title》（version） locator · p. N — the citation anchor as a reader would write it (plain text)."""
    head = f"《{title}》" + (f"（{version}）" if version else "")
    return f"{head} {locator}" + (f" · {t('page', page=page)}" if page else "")


def source_line(title: str, version: str | None, locator: str, page: int | None) -> str:
    return escape(source_label(title, version, locator, page))


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
        if st.button(t("view_source"), key=f"source_{n}_{hit['chunk_id']}", icon=":material/description:"):
            open_passage(client(), hit["chunk_id"], query=query)


def answer_text(answer: dict[str, Any]) -> str:
    """The answer as plain text with [n] markers, as a later chat turn sends it back in `history`."""
    if answer.get("refused"):
        return one_language(answer.get("refusal_reason") or "")
    return "".join(s["text"] + "".join(f"[{n}]" for n in s.get("citations", [])) for s in answer.get("sentences", []))


def markers(numbers: list[int], key: str) -> str:
    """[1][2] as links to their sources in the panel under the answer."""
    return "".join(f'<a href="#src-{key}-{n}" class="cite-marker"><b>[{n}]</b></a>' for n in numbers)


def sentence_html(sentence: dict[str, Any], key: str) -> str:
    return escape(sentence["text"]) + markers(sentence.get("citations", []), key)


def answer_markdown(answer: dict[str, Any], key: str = "answer") -> str:
    """The answer's sentences, each followed by its [n] markers."""
    return "<br>".join(sentence_html(s, key) for s in answer.get("sentences", []))


def show_answer(answer: dict[str, Any], key: str) -> None:
    """Sentences with [n] markers, then the sources panel: 《title》 version, locator, page, quote marked."""
    if answer.get("refused"):
        st.warning(f"{t('refused')}: {one_language(answer.get('refusal_reason') or '')}")
        show_sources(answer.get("closest", []), key, t("closest"))
    elif has_lead(answer):
        show_lead_answer(answer, key)
    else:
        st.markdown(answer_markdown(answer, key), unsafe_allow_html=True)
        show_sources(answer.get("citations", []), key)


def show_sources(citations: list[dict[str, Any]], key: str, label: str | None = None, expanded: bool = True) -> None:
    """One entry per citation: a button opening the passage, then the supporting quote marked."""
    if not citations:
        return
    with st.expander(f"{label or t('sources')} ({len(citations)})", expanded=expanded):
        for citation in citations:
            page = page_of(citation, citation["page"])
            text = source_label(citation["doc_title"], citation.get("version"), citation["locator"], page)
            with st.container(gap=None):
                if st.button(label_escape(f"[{citation['n']}] {text}"), key=f"{key}_cite_{citation['n']}",
                             type="tertiary", icon=":material/description:"):
                    open_passage(client(), citation["chunk_id"], quote=citation["quote"])
                st.markdown(f'<span id="src-{key}-{citation["n"]}"></span><small><mark>{escape(citation["quote"])}'
                            "</mark></small>", unsafe_allow_html=True)
