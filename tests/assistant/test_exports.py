"""Exports for the record: the briefing states the response level first, the facts still to verify sit under
one 待核实事项 heading, and a source without pages is cited without a page (a Markdown plan is not 「第1页」)."""

from __future__ import annotations

import pytest

from assistant.export import answer_markdown
from assistant.models import Answer, Citation, Task
from assistant.web.incident_export import incident_markdown
from assistant.web.incidents import IncidentStore, NewIncident
from retrieval.store.db import Database

TRIGGER = "24小时降雨量超过200毫米时，由区防汛指挥部总指挥决定启动Ⅰ级应急响应。"
REPORT = "区水务局应当在30分钟内报告。"


def citation(n: int, quote: str, page: int | None) -> Citation:
    return Citation(n=n, chunk_id=f"d1:{n}", doc_title="示例区防汛应急预案", locator="4.1 分级响应", page=page,
                    quote=quote, version="2024年版")


def briefing(page: int | None = None) -> Answer:
    """A briefing shaped as `assistant/tasks/briefing.py` builds it when the level is undecided: the trigger to
    judge sits in the 待核实事项 section, and the facts it needs are listed as missing."""
    sections = [{"key": "reporting", "title": "信息报送要求", "sentences": [0]},
                {"key": "to_verify", "title": "待核实事项", "sentences": [1]}]
    return Answer(task=Task.BRIEFING, question="防汛 河西街道积水",
                  sentences=[{"text": REPORT, "citations": [1], "section": "信息报送要求"},
                             {"text": TRIGGER, "citations": [2], "section": "待核实事项"}],
                  citations=[citation(1, REPORT, page), citation(2, TRIGGER, page)],
                  payload={"sections": sections, "level": None, "level_label": "Ⅱ级应急响应",
                           "missing_facts": ["24小时降雨量"]})


def checklist() -> Answer:
    return Answer(task=Task.CHECKLIST, question="q", sentences=[], citations=[citation(1, REPORT, None)],
                  payload={"level_label": "Ⅱ级应急响应", "items": [
                      {"phase": "信息报告", "action": REPORT, "lead_units": ["区水务局"], "citation": 1}]})


@pytest.fixture
def incident(tmp_path):
    store = IncidentStore(Database(tmp_path / "planassist.sqlite"))
    new = NewIncident(hazard="防汛", place="河西街道", time="2025-07-01 14:00", facts="河西街道积水")
    return store.create(new, briefing=briefing(), checklist=checklist(), by="zhang")


def test_the_incident_file_has_one_heading_for_what_to_verify(incident):
    markdown = incident_markdown(incident)
    assert markdown.count("### 待核实事项") == 1
    section = markdown.split("### 待核实事项")[1].split("###")[0]
    assert TRIGGER in section and "- 24小时降雨量" in section


def test_the_response_level_comes_first_in_the_incident_file_and_the_briefing_export(incident):
    markdown = incident_markdown(incident)
    assert markdown.index("响应级别：Ⅱ级应急响应") < markdown.index("## 情况简报")
    exported = answer_markdown(briefing())
    assert exported.splitlines()[2] == "## 响应级别：Ⅱ级应急响应"
    assert exported.index("响应级别") < exported.index(REPORT) < exported.index("来源 / Sources")


def test_a_source_without_pages_is_cited_without_a_page(incident):
    assert "第1页" not in incident_markdown(incident) and "第1页" not in answer_markdown(briefing())
    assert "4.1 分级响应，第3页 —" in answer_markdown(briefing(page=3))
