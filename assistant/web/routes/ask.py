"""`POST /v1/ask` and `POST /v1/ask/stream` (SSE: sentence…, citations, answer, done)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from sse_starlette import EventSourceResponse, ServerSentEvent

from assistant.models import Answer, Task
from assistant.web.audit import note
from assistant.web.models import AskRequest
from assistant.web.options import task_options
from assistant.web.routes.access import ScopedAssistant, ScopedDep
from assistant.web.routes.errors import ApiError

router = APIRouter(tags=["ask"])

@router.post("/v1/ask", response_model=Answer)
def ask(body: AskRequest, request: Request, a: ScopedDep) -> Answer:
    return run_ask(request, a, body.question, body.task, body.options)


@router.post("/v1/ask/stream", responses={200: {"content": {"text/event-stream": {}},
                                                "description": "SSE: sentence…, citations, answer, done"}})
async def ask_stream(body: AskRequest, request: Request, a: ScopedDep) -> EventSourceResponse:
    answer = await run_in_threadpool(run_ask, request, a, body.question, body.task, body.options)
    return EventSourceResponse(_answer_events(answer))


def run_ask(request: Request, a: ScopedAssistant, question: str, task: Task, options: dict[str, Any]) -> Answer:
    """`ask` within the caller's access levels, its failures turned into 4xx/501 errors, noted for the audit."""
    note(request, subject=question, task=task.value)
    options = task_options(task, options)  # 422 naming the field: each task takes only its own, bounded options
    try:
        answer = a.ask(question, task=task.value, **options)
    except (ImportError, NotImplementedError) as exc:
        raise ApiError(501, "not_implemented", f"该任务尚不可用 / task {task.value} not available: {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise ApiError(422, "invalid_option", f"任务参数无效 / invalid task options: {exc}") from exc
    note(request, cited=[c.chunk_id for c in answer.citations], refused=answer.refused)
    return answer


async def _answer_events(answer: Answer) -> AsyncIterator[ServerSentEvent]:
    for index, sentence in enumerate(answer.sentences):
        data = {"index": index, **sentence.model_dump(mode="json")}
        yield ServerSentEvent(json.dumps(data, ensure_ascii=False), event="sentence")
    citations = [c.model_dump(mode="json") for c in answer.citations]
    yield ServerSentEvent(json.dumps(citations, ensure_ascii=False), event="citations")
    yield ServerSentEvent(answer.model_dump_json(), event="answer")
    yield ServerSentEvent("{}", event="done")
