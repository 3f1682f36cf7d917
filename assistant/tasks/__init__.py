"""One module per task; `TASKS` maps each task to its runner, and `run_task` dispatches by name and times it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assistant.models import Answer, Task
from assistant.tasks import briefing, chat, checklist, exercise, lookup, quiz

if TYPE_CHECKING:
    from assistant.service import Assistant

MAX_QUESTION_CHARS = 2000


# Each task lives in `assistant/tasks/<task>.py` and exposes `run(assistant, question, **options)`.
TASKS: dict[Task, Callable[..., Answer]] = {
    Task.LOOKUP: lookup.run,
    Task.CHECKLIST: checklist.run,
    Task.BRIEFING: briefing.run,
    Task.QUIZ: quiz.run,
    Task.CHAT: chat.run,
    Task.EXERCISE: exercise.run,
}


def run_task(assistant: Assistant, question: str, task: str | Task = Task.LOOKUP, **options: Any) -> Answer:
    try:
        task = Task(task)
    except ValueError:
        raise ValueError(f"unknown task {task!r}; choose one of: {', '.join(t.value for t in Task)}") from None
    question = (question or "").strip()
    if not question and task is not Task.QUIZ:
        raise ValueError("question must not be empty / 问题不能为空")
    if len(question) > MAX_QUESTION_CHARS:
        raise ValueError(f"question longer than {MAX_QUESTION_CHARS} characters / 问题过长")
    started = time.perf_counter()
    answer = TASKS[task](assistant, question, **options)
    answer.timings_ms["total_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return answer
