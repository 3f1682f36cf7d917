"""Page numbers are cited where a source has pages: a PDF plan's citations name their page, a Markdown, Word or
text source's citations name none (no 「第1页」 for a file without pages), in answers and in `planassist search`."""

from __future__ import annotations

import shutil

import pytest
from conftest import SAMPLE_CORPUS
from typer.testing import CliRunner

from assistant.cli import app


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from assistant.service import Assistant

    docs = tmp_path_factory.mktemp("paged-docs")
    for stem in ("示例区地震应急预案", "示例区防汛应急预案"):  # a PDF and a Markdown plan
        for source in SAMPLE_CORPUS.glob(f"{stem}.*"):
            shutil.copy(source, docs / source.name)
    home = tmp_path_factory.mktemp("paged-home")
    assistant = Assistant(home=home)
    assert all(r.ok for r in assistant.ingest([docs]))
    return assistant


@pytest.mark.parametrize(("question", "paged"), [("地震 信息报告 续报", True), ("防汛 信息报告 续报", False)])
def test_citations_name_a_page_only_for_sources_with_pages(library, question, paged):
    answer = library.ask(question, task="lookup")
    assert answer.citations, answer.refusal_reason
    for c in answer.citations:
        assert (c.page is not None) == c.source_path.endswith(".pdf"), c
    assert any(c.source_path.endswith(".pdf") == paged for c in answer.citations)


def test_cli_search_prints_no_page_for_a_markdown_source(library):
    out = CliRunner().invoke(app, ["search", "防汛 信息报告", "--home", str(library.home), "-k", "3"]).stdout
    lines = [line for line in out.splitlines() if line.startswith("[")]
    assert lines and all((" p." in line) == ("地震" in line) for line in lines), out
