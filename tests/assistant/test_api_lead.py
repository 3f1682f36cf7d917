"""`POST /v1/ask` and the OpenAI-compatible endpoint return the same answer structure, the lead first (real
uvicorn over HTTP)."""

from __future__ import annotations

import httpx

QUESTION = "发生突发事件的单位多长时间内报告？"


def test_ask_and_chat_completions_lead_with_the_same_sentences(api_url):
    with httpx.Client(base_url=api_url, timeout=60) as api:
        answer = api.post("/v1/ask", json={"question": QUESTION, "task": "chat"}).json()
        completion = api.post("/v1/chat/completions", json={
            "model": "planassist", "messages": [{"role": "user", "content": QUESTION}]}).json()
    assert not answer["refused"] and answer["payload"]["lead"] == [0]
    assert "1小时内" in answer["sentences"][0]["text"]
    group = answer["payload"]["evidence"][0]
    assert group["label"].startswith("《示例区突发事件应对条例》（2023年修订）") and group["issuer_level"] == "区"
    assert completion["sentences"] == answer["sentences"] and completion["payload"]["lead"] == [0]
    content = completion["choices"][0]["message"]["content"]
    assert content.startswith(answer["sentences"][0]["text"])
