"""评测: the repository's evaluation results — retrieval systems and answer tasks side by side, as tables
and grouped bar charts (evals/results/*.json, written by `planassist eval`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.evals import answer_rows, load, long_form, numeric_metrics, retrieval_rows
from ui.i18n import t

DEFAULT_METRICS = ["clause@1", "clause@5", "MRR"]

st.header(t("page_eval"))
retrieval, answers = load("retrieval.json"), load("answers.json")
if not retrieval and not answers:
    st.info(t("eval_none"))
    st.stop()


def pick_split(runs: list[dict], key: str) -> tuple[dict, str, dict]:
    """The run (corpus) and split chosen with two rows of buttons."""
    corpus_col, split_col = st.columns(2)
    corpora = [run.get("corpus", "?") for run in runs]
    corpus = corpus_col.radio(t("eval_corpus_pick"), corpora, horizontal=True, key=f"{key}_corpus")
    run = runs[corpora.index(corpus)]
    split = split_col.radio(t("eval_split_pick"), list(run.get("splits", {})), horizontal=True, key=f"{key}_split")
    return run, split, run["splits"][split]


def grouped_bars(rows: list[dict], metrics: list[str], label: str) -> None:
    data = pd.DataFrame(long_form(rows, metrics, label))
    if not data.empty:
        st.bar_chart(data, x="metric", y="value", color=label, stack=False, x_label=t("eval_metric"),
                     y_label=t("eval_value"), height=360)


retrieval_tab, answers_tab = st.tabs([t("eval_retrieval"), t("eval_answers")])
with retrieval_tab:
    if retrieval:
        run, split_name, split = pick_split(retrieval, "eval_r")
        st.caption(t("eval_corpus", corpus=run.get("corpus", "?"), documents=run.get("documents", "?"),
                     split=split_name))
        rows = retrieval_rows(split)
        st.dataframe(pd.DataFrame(rows).set_index("system").round(3), key="eval_r_table")
        systems = [row["system"] for row in rows]
        metric_col, system_col = st.columns(2)
        available = numeric_metrics(rows)
        metrics = metric_col.multiselect(t("eval_metrics"), available, placeholder=t("choose"), key="eval_r_metrics",
                                         default=[m for m in DEFAULT_METRICS if m in available])
        # ablations ("planassist − …") stay in the table; the chart starts with the systems compared
        shown = system_col.multiselect(t("eval_systems"), systems, placeholder=t("choose"), key="eval_r_systems",
                                       default=[s for s in systems if "−" not in s])
        grouped_bars([row for row in rows if row["system"] in shown], metrics, "system")
        if split.get("not_found"):
            st.markdown(f"**{t('eval_not_found')}**")
            st.dataframe(pd.DataFrame([split["not_found"]]).round(3), hide_index=True, key="eval_r_not_found")
        if run.get("reranker"):
            st.caption(t("eval_note", note=f"reranker = {run['reranker']}"))
with answers_tab:
    if answers:
        run, split_name, split = pick_split(answers, "eval_a")
        st.caption(t("eval_corpus", corpus=run.get("corpus", "?"), documents=run.get("documents", "—"),
                     split=split_name))
        rows = answer_rows(split)
        st.dataframe(pd.DataFrame(rows).round(3), hide_index=True, key="eval_a_table")
        for row in rows:
            row["system · task"] = f"{row['system']} · {row['task']}"
        grouped_bars(rows, numeric_metrics(rows), "system · task")
