"""The LLM path against a local fake server speaking the OpenAI chat-completions protocol over real HTTP.

The canned reply holds one supported sentence, an uncited one, a wrong deadline and a citation number that
does not exist: grounding must keep the first and remove the other three.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.service import Assistant

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


class FakeOpenAI(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeOpenAI.requests.append(body)
        content = canned_reply(body["messages"][-1]["content"])
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for piece in (content[:20], content[20:]):
                chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")
            return
        reply = {"id": "c1", "object": "chat.completion", "created": 0, "model": body["model"],
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": content}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        data = json.dumps(reply, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def fake_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeOpenAI.requests.clear()
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()


@pytest.fixture
def llm_assistant(tmp_path, fake_server):
    (tmp_path / "law.md").write_text(LAW, encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home", llm="openai", llm_base_url=fake_server, llm_model="fake")
    assistant.ingest([tmp_path / "law.md"])
    return assistant


def test_unsupported_llm_sentences_are_removed(llm_assistant):
    answer = llm_assistant.ask("事发单位负责人多久报告区应急管理局？", task="chat")
    texts = [s.text for s in answer.sentences]
    assert any("1小时内" in t for t in texts)
    assert not any("3小时" in t or "实践中" in t or "工作组" in t for t in texts)
    assert answer.removed_sentences == 3
    prompt = FakeOpenAI.requests[-1]["messages"]
    assert "[1]" in prompt[-1]["content"] and "第二条" in prompt[-1]["content"]
    assert "忽略" in prompt[0]["content"]


def test_streaming_client_reads_the_fake_server(llm_assistant):
    from assistant.composers.llm import stream_with_llm

    hits = llm_assistant.search("负责人报告", k=2)
    streamed = "".join(stream_with_llm(llm_assistant.settings, "负责人报告", hits))
    assert streamed == canned_reply(FakeOpenAI.requests[-1]["messages"][-1]["content"])
    assert FakeOpenAI.requests[-1]["stream"] is True
