"""A lookup or chat answer as a reader wants it: the lead first, then the evidence grouped by document and clause.

The lead (payload `lead`: one to three sentences, a computed conclusion first where there is one) is shown on
its own; a note follows when two documents differ; then one block per clause, headed by its label
(「《安全生产法》（2021修正）第九十五条 · 国家」) and its citation number. What the payload keeps beyond the
shown sentences (`more`) is one click away, in an expander, like the sources.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.highlight import escape
from ui.i18n import t


def _sentence(sentence: dict[str, Any], key: str) -> str:
    from ui.components import sentence_html

    return sentence_html(sentence, key)


def has_lead(answer: dict[str, Any]) -> bool:
    return not answer.get("refused") and "evidence" in answer.get("payload", {})


def show_lead_answer(answer: dict[str, Any], key: str) -> None:
    """Lead, conflict notes, evidence groups, then the rest and the sources in expanders."""
    from ui.components import show_sources

    payload = answer["payload"]
    sentences = answer.get("sentences", [])
    lead = [i for i in payload.get("lead", []) if i < len(sentences)]
    if lead:
        st.markdown(f"**{t('answer_lead')}**<br>" + "<br>".join(_sentence(sentences[i], key) for i in lead),
                    unsafe_allow_html=True)
    for conflict in payload.get("conflicts", []):
        st.warning(conflict["note"])
    shown_lead = set(lead)
    for group in payload.get("evidence", []):
        rest = [i for i in group.get("sentences", []) if i not in shown_lead and i < len(sentences)]
        if not rest:
            continue
        st.markdown(f"<small><b>{escape(_group_label(group))}</b></small><br>"
                    + "<br>".join(_sentence(sentences[i], key) for i in rest), unsafe_allow_html=True)
    more = payload.get("more", [])
    if more:
        with st.expander(f"{t('answer_more')} ({len(more)})", expanded=False):
            st.markdown("<br>".join(_sentence(s, key) for s in more), unsafe_allow_html=True)
    show_sources(answer.get("citations", []), key, expanded=False)


def _group_label(group: dict[str, Any]) -> str:
    level = group.get("issuer_level")
    marker = f" [{group['citation']}]" if group.get("citation") else ""
    return f"{group['label']}" + (f" · {level}" if level else "") + marker
