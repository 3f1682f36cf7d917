"""The LLM path against a local fake server speaking the OpenAI chat-completions protocol over real HTTP.

The canned reply holds one supported sentence, an uncited one, a wrong deadline and a citation number that
does not exist: grounding must keep the first and remove the other three.
"""

from __future__ import annotations

import re

import pytest

from assistant.service import Assistant
from assistant.testing import FakeChatServer

LAW = ("# 示例区信息报告规定\n\n第一章 总则\n\n第一条 为规范信息报告，制定本规定。\n\n"
       "第二条 事发单位负责人接到报告后，应当于1小时内向区应急管理局报告。\n")
CANNED = ("事发单位负责人接到报告后，应当于1小时内向区应急管理局报告[N]。"
          "这一要求在实践中非常重要。"
          "负责人应当在3小时内报告区应急管理局[N]。"
          "区应急管理局应当立即派出工作组[7]。")


def canned_reply(prompt: str) -> str:
    """Cite the passage number the prompt gave to 第二条, as a model following the format would."""
    number = re.search(r"\[(\d+)\][^\n]*第二条", prompt)
    return CANNED.replace("[N]", f"[{number[1] if number else 1}]")


@pytest.fixture
def fake():
    with FakeChatServer() as server:
        server.default = canned_reply
        yield server


@pytest.fixture
def llm_assistant(tmp_path, fake):
    (tmp_path / "law.md").write_text(LAW, encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home", llm="openai", llm_base_url=fake.base_url, llm_model="fake")
    assistant.ingest([tmp_path / "law.md"])
    return assistant


def test_unsupported_llm_sentences_are_removed(llm_assistant, fake):
    answer = llm_assistant.ask("事发单位负责人多久报告区应急管理局？", task="chat")
    texts = [s.text for s in answer.sentences]
    assert any("1小时内" in t for t in texts)
    assert not any("3小时" in t or "实践中" in t or "工作组" in t for t in texts)
    assert answer.removed_sentences == 3
    prompt = fake.requests[-1]["messages"]
    assert "[1]" in prompt[-1]["content"] and "第二条" in prompt[-1]["content"]
    assert "忽略" in prompt[0]["content"]
    assert fake.requests[-1]["max_tokens"] == llm_assistant.settings.llm_max_tokens  # a model that never stops


def test_streaming_client_reads_the_fake_server(llm_assistant, fake):
    from assistant.composers.llm import stream_with_llm

    hits = llm_assistant.search("负责人报告", k=2)
    streamed = "".join(stream_with_llm(llm_assistant.settings, "负责人报告", hits))
    assert streamed == canned_reply(fake.requests[-1]["messages"][-1]["content"])
    assert fake.requests[-1]["stream"] is True


def test_the_answer_evaluation_runs_the_llm_composer_beside_the_extractive_one(llm_assistant, fake):
    from evals.metrics import Question
    from evals.run_answers import evaluate_composers

    questions = [Question(id="q", question="事发单位负责人多长时间内报告？", task="lookup", persona="staff",
                          gold_doc="law", gold_locator="第二条", must_include=["1小时内"])]
    results = evaluate_composers(llm_assistant, questions)
    assert set(results) == {"extractive", "llm"}
    assert results["extractive"]["lookup"]["removed_by_grounding"] == 0
    assert results["llm"]["lookup"]["removed_by_grounding"] == 3  # uncited, wrong deadline, unknown citation
    assert results["llm"]["lookup"]["must_include_recall"] == 1.0
    asked = [r["messages"][-1]["content"] for r in fake.requests]
    assert len(asked) == 1 and "事发单位负责人多长时间内报告" in asked[0]  # the LLM run's question, once
