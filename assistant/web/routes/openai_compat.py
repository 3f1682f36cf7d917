"""OpenAI's API over `ask`: `POST /v1/chat/completions` (the answer's citations beside its text) and
`GET /v1/models` (one model per task: "planassist" is chat, "planassist-lookup" … the others)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from sse_starlette import EventSourceResponse, ServerSentEvent

from assistant.models import Task
from assistant.web.models import ChatCompletion, ChatCompletionRequest, ModelList, model_list
from assistant.web.options import MAX_HISTORY_TURNS
from assistant.web.routes.access import ScopedDep
from assistant.web.routes.ask import run_ask
from assistant.web.routes.errors import ApiError

router = APIRouter(tags=["openai"])


@router.get("/v1/models", response_model=ModelList)
def list_models(_: ScopedDep) -> ModelList:
    """The model names `/v1/chat/completions` accepts, in OpenAI's list shape."""
    return model_list()


@router.post("/v1/chat/completions", response_model=ChatCompletion,
             responses={200: {"content": {"text/event-stream": {}}, "description": "JSON, or SSE when stream"}})
async def chat_completions(
    body: ChatCompletionRequest, request: Request, a: ScopedDep
) -> ChatCompletion | EventSourceResponse:
    """OpenAI-compatible chat: the last user message is the question, earlier turns its history."""
    *earlier, last = [m for m in body.messages if m.role in ("user", "assistant")] or [None]
    if last is None or last.role != "user" or not last.text().strip():
        raise ApiError(422, "invalid_request", "最后一条消息须为用户提问 / the last message must be a user question")
    task = body.task()
    recent = earlier[-MAX_HISTORY_TURNS:]  # the chat task reads the last turns only; the typed options cap them
    options = {"history": [{"role": m.role, "content": m.text()} for m in recent]} if task is Task.CHAT else {}
    answer = await run_in_threadpool(run_ask, request, a, _checked_question(last.text()), task, options)
    completion = ChatCompletion.from_answer(answer, body.model)
    if not body.stream:
        return completion
    return EventSourceResponse(_completion_chunks(completion))


def _checked_question(text: str) -> str:
    question = text.strip()
    if len(question) > 2000:
        raise ApiError(422, "invalid_request", "问题过长 / question longer than 2000 characters")
    return question


async def _completion_chunks(completion: ChatCompletion) -> AsyncIterator[ServerSentEvent]:
    """OpenAI streaming: a role delta, one content delta per line, a final chunk with the citations, [DONE]."""
    head = {"id": completion.id, "created": completion.created, "model": completion.model,
            "object": "chat.completion.chunk"}
    lines = completion.choices[0].message.content.split("\n")
    deltas = [{"role": "assistant", "content": ""}] + [{"content": line + "\n"} for line in lines]
    for delta in deltas:
        choice = {"index": 0, "delta": delta, "finish_reason": None}
        yield ServerSentEvent(json.dumps(head | {"choices": [choice]}, ensure_ascii=False))
    citations = [c.model_dump(mode="json") for c in completion.citations]
    final = head | {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "citations": citations,
                    "refused": completion.refused}
    yield ServerSentEvent(json.dumps(final, ensure_ascii=False))
    yield ServerSentEvent("[DONE]")
