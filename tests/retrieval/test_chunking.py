"""Chunking keeps text verbatim, splits long sections at sentence ends, merges only tiny siblings."""

from __future__ import annotations

import re

import pytest

from retrieval.chunking import HARD_CAP, chunk_sections, split_sentences
from retrieval.loaders import load
from retrieval.models import Block, DocumentMeta
from retrieval.structure import parse_sections

META = DocumentMeta(title="示例")


def _chunks(blocks):
    return chunk_sections(parse_sections(blocks), doc_id="d", meta=META, source_path="x")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_split_sentences_loses_nothing():
    text = "第一句。第二句；“第三句！”第四句没有句号"
    assert "".join(split_sentences(text)) == text
    assert split_sentences(text)[2] == "“第三句！”"


def test_long_section_is_split_and_keeps_its_locator():
    body = "".join(f"第{i}项措施由区应急管理局负责落实，并在接报后30分钟内报告。" for i in range(60))
    chunks = _chunks([Block(text="1 应急响应"), Block(text="1.1 响应措施"), Block(text=body)])
    assert len(chunks) > 2
    assert {c.locator for c in chunks} == {"1.1 响应措施"}
    assert not chunks[0].continued and all(c.continued for c in chunks[1:])
    assert "".join(c.text for c in chunks) == body
    assert all(c.text.endswith("。") for c in chunks)


def test_tiny_siblings_merge_under_the_same_parent_only():
    chunks = _chunks([Block(text=t) for t in
                      ["1 预案管理", "1.1 解释", "本预案由区应急局解释。", "1.2 实施", "自印发之日起实施。",
                       "2 附则", "2.1 术语", "以上含本数。"]])
    assert chunks[0].locator == "1.1 解释 / 1.2 实施"
    assert "1.2 实施" in chunks[0].text and "自印发之日起实施。" in chunks[0].text
    assert chunks[1].locator == "2.1 术语"


def test_articles_are_never_merged():
    chunks = _chunks([Block(text=t) for t in ["第一条 短。", "第二条 短。", "第三条 短。"]])
    assert [c.locator for c in chunks] == ["第一条", "第二条", "第三条"]


@pytest.mark.corpus
def test_corpus_chunks_are_verbatim_and_capped(shared_corpus):
    for path in sorted(shared_corpus.glob("*/*.md")):
        doc = load(path)
        source = _squash(doc.text)
        chunks = chunk_sections(parse_sections(doc.blocks), doc_id="d", meta=META, source_path=str(path))
        assert chunks, path.name
        for chunk in chunks:
            assert len(chunk.text) <= HARD_CAP + 60, (path.name, chunk.locator)
            if " / " not in chunk.locator:  # merged chunks carry their parts' heading lines
                assert _squash(chunk.text) in source, (path.name, chunk.locator)
        assert [c.chunk_id for c in chunks] == [f"d:{i}" for i in range(len(chunks))]
