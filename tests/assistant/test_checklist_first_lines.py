"""What a duty officer reads first in a checklist: the level with its criterion in clean text (the OCR residue of the
plan stays in the verbatim quote only), then who decides that level as a whole sentence, not a bare name."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.service import Assistant

MESSY_PLAN = Path(__file__).resolve().parents[1] / "retrieval" / "fixtures" / "messy_plan.md"


@pytest.fixture(scope="module")
def checklist(tmp_path_factory):
    docs = tmp_path_factory.mktemp("messy-docs")
    shutil.copy(MESSY_PLAN, docs / "江汀市防汛应急预案.md")
    (docs / "江汀市防汛应急预案.meta.toml").write_text('doc_type = "plan"\nhazard_types = ["防汛"]\n', encoding="utf-8")
    assistant = Assistant(home=tmp_path_factory.mktemp("messy-home"))
    assert all(r.ok for r in assistant.ingest([docs]))
    return assistant.ask("江汀市汀江江口站水位27.45米，超过警戒水位", task="checklist")


def test_the_level_comes_first_in_clean_text_and_the_quote_stays_verbatim(checklist):
    first = checklist.sentences[0]
    assert first.text.startswith("符合Ⅳ级") and "27.30" in first.text
    assert "$" not in first.text and "mathrm" not in first.text
    assert "mathrm" in checklist.citation(first.citations[0]).quote  # the citation quotes the plan's own text


def test_who_decides_is_a_sentence_not_a_bare_name(checklist):
    second = checklist.sentences[1].text
    assert second == f"启动{checklist.payload['level_label']}的决定人：市防办主任。", second


def test_a_decider_named_in_a_table_cell_is_a_sentence_too(tmp_path):
    """Blind batch 35 (ans-1938): 焜岭's deciders sit in a table (「| Ⅱ级 | 县长 |」); the checklist had opened with a bare
    「县长」."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "样例县煤矿生产安全事故应急预案.md").write_text(
        "# 样例县煤矿生产安全事故应急预案\n\n## 4 分级响应\n\n### 4.1 Ⅱ级响应\n\n造成 3 人以上死亡的，启动Ⅱ级响应。\n\n"
        "### 4.5 启动决定\n\n表4-1 响应级别和决定人\n\n| 响应级别 | 决定人 |\n|---|---|\n| Ⅱ级 | 县长 |\n\n"
        "## 5 响应措施\n\n### 5.4 Ⅱ级响应措施\n\n1．县长在现场指挥部主持会商。\n2．县应急管理局调集大功率排水泵。\n",
        encoding="utf-8")
    (docs / "样例县煤矿生产安全事故应急预案.meta.toml").write_text('doc_type = "plan"\nhazard_types = ["煤矿"]\n', encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home")
    assert all(r.ok for r in assistant.ingest([docs]))
    texts = [s.text for s in assistant.ask("样例县刚启动煤矿事故Ⅱ级响应，列个清单。", task="checklist").sentences]
    assert "启动Ⅱ级响应的决定人：县长。" in texts[:2], texts
    assert "县长" not in texts, texts


def test_a_request_for_the_measures_of_every_level_lists_them_without_criteria(tmp_path):
    """Blind dev item ans-906: 「不管启动几级响应，都要落实的基本措施有哪些」 reports no incident: it gets the plan's common
    measures, not criteria to check as if an incident's level were open."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(MESSY_PLAN, docs / "江汀市防汛应急预案.md")
    (docs / "江汀市防汛应急预案.meta.toml").write_text('doc_type = "plan"\nhazard_types = ["防汛"]\n', encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home")
    assert all(r.ok for r in assistant.ingest([docs]))
    answer = assistant.ask("江汀市防汛预案不管启动几级响应，都要落实的共同措施有哪些？", task="checklist")
    texts = [s.text for s in answer.sentences]
    assert texts[0].startswith("各级响应启动后，市防办在30分钟内通知"), texts
    assert any("巡堤查险" in t for t in texts[:3]), texts
    assert not any("待核实" in t or "主持会商" in t for t in texts), texts  # no criteria, no Ⅳ级 measure


@pytest.mark.corpus
@pytest.mark.slow
def test_on_a_real_ocr_plan_the_first_line_has_no_latex(tmp_path):
    corpus = Path(os.environ.get("PLANASSIST_SHARED_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
    plan = corpus / "plans" / "衡阳市防汛抗旱应急预案.md"
    if not plan.is_file():
        pytest.skip(f"shared corpus not found at {corpus}")
    assistant = Assistant(home=tmp_path)
    assert all(r.ok for r in assistant.ingest([plan]))
    answer = assistant.ask("衡东县过去24小时降雨量超过100毫米的笼罩面积0.5万平方公里，预报降雨持续", task="checklist")
    first = answer.sentences[0].text
    assert first.startswith("符合Ⅱ级") and "0.4～0.7" in first and "$" not in first, first
    assert "$" in answer.citation(answer.sentences[0].citations[0]).quote  # verbatim, residue and all



def test_no_item_repeats_another(tmp_path):
    """A reporting rule the plan's measures already list (「…30 分钟内电话报告区人民政府」) is one item, not two."""
    from retrieval.plan.duties import repeats

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(MESSY_PLAN.parent / "stage_plan.md", docs / "禾川区示例事故应急预案.md")
    (docs / "禾川区示例事故应急预案.meta.toml").write_text('doc_type = "plan"\n', encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home")
    assert all(r.ok for r in assistant.ingest([docs]))
    answer = assistant.ask("禾川区一工厂发生事故，造成5人死亡", task="checklist")
    assert answer.payload["level"] == 3
    actions = [item["action"] for item in answer.payload["items"]]
    assert any("30 分钟内电话报告" in a for a in actions)
    for i, action in enumerate(actions):
        assert not repeats(action, actions[:i] + actions[i + 1:]), action


def test_a_level_met_by_a_code_is_stated_in_the_codes_words(tmp_path):
    """A plan that grades by codes (blind dev batch 32): the officer reads the case met in words, not 「A1＋B1；D1」."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "retrieval"))
    from test_plan_codes import PLAN

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "沅坪县隧道群大雾通行应急预案.md").write_text(PLAN, encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home")
    assert all(r.ok for r in assistant.ingest([docs]))
    answer = assistant.ask("沅坪县隧道口大雾，能见度120米，滞留车辆350辆", task="checklist")
    first = answer.sentences[0]
    assert first.text.startswith("符合Ⅲ级") and "滞留车辆达到 300 辆" in first.text and "A1＋B1；D1" in first.text, first.text
    assert answer.citation(first.citations[0]).quote == "A1＋B1；D1"
