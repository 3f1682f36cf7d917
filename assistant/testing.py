"""A fake OpenAI-compatible chat server on loopback, for tests and demos without a model.

Replies are enqueued (a string, or a function of the prompt text) and every request body is recorded, so a
test can assert what the model was asked. It speaks the chat-completions protocol over real HTTP, plain and
streaming (SSE), which is what `ChatOpenAI(base_url=…)` and the `openai` client send.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = str | Callable[[str], str]


class FakeChatServer:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.default: Reply = "文档中未找到依据。"
        self.requests: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def __enter__(self) -> FakeChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _reply_for(self, body: dict) -> str:
        self.requests.append(body)
        reply = self.replies.popleft() if self.replies else self.default
        prompt = body["messages"][-1]["content"] if body.get("messages") else ""
        return reply(prompt) if callable(reply) else reply

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                content = fake._reply_for(body)
                if body.get("stream"):
                    self._stream(body["model"], content)
                else:
                    self._json(body["model"], content)

            def _json(self, model: str, content: str) -> None:
                data = json.dumps({
                    "id": "fake-1", "object": "chat.completion", "created": 0, "model": model,
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }, ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, model: str, content: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for start in range(0, len(content), 20):
                    chunk = {"id": "fake-1", "object": "chat.completion.chunk", "created": 0, "model": model,
                             "choices": [{"index": 0, "delta": {"content": content[start : start + 20]},
                                          "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")

        return Handler
