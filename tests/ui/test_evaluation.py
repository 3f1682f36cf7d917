"""评测 through AppTest: the repository's evals/results as tables and grouped bar charts."""

from __future__ import annotations

import json

import pytest

from ui.evals import RESULTS, answer_rows, load, long_form, numeric_metrics, retrieval_rows


@pytest.mark.slow
@pytest.mark.skipif(not (RESULTS / "retrieval.json").exists(), reason="no evals/results in this checkout")
def test_the_evaluation_page_shows_systems_side_by_side(app):
    app.switch_page("views/evaluation.py").run()
    assert not app.exception, app.exception
    assert app.header[0].value == "评测"
    table = app.dataframe[0].value
    assert {"naive", "bm25", "hybrid", "planassist"} <= set(table.index)
    assert app.multiselect(key="eval_r_metrics").value == ["clause@1", "clause@5", "MRR"]
    assert "planassist" in app.multiselect(key="eval_r_systems").value
    assert app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    corpora = app.radio(key="eval_r_corpus").options
    app.radio(key="eval_r_corpus").set_value(corpora[-1]).run()
    assert not app.exception, app.exception


def test_results_flatten_into_rows_and_chart_data(tmp_path):
    runs = [{"corpus": "c", "documents": 2, "splits": {"dev": {
        "systems": {"bm25": {"MRR": 0.5, "p50_ms": 1.0, "questions": 3}, "planassist": {"MRR": 0.75}},
        "not_found": {"floor": 0.7}}}}]
    (tmp_path / "retrieval.json").write_text(json.dumps(runs), encoding="utf-8")
    split = load("retrieval.json", tmp_path)[0]["splits"]["dev"]
    rows = retrieval_rows(split)
    assert rows[0] == {"system": "bm25", "MRR": 0.5, "p50_ms": 1.0, "questions": 3}
    assert numeric_metrics(rows) == ["MRR"]  # latencies and counts are not scores
    assert long_form(rows, ["MRR"]) == [{"system": "bm25", "metric": "MRR", "value": 0.5},
                                        {"system": "planassist", "metric": "MRR", "value": 0.75}]
    assert answer_rows({"extractive": {"chat": {"recall": 0.5}}}) == [
        {"system": "extractive", "task": "chat", "recall": 0.5}]
    assert load("missing.json", tmp_path) == []
