"""One module per task; `run_task` dispatches by name and times the run."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assistant.models import Answer, Task

if TYPE_CHECKING:
    from assistant.service import Assistant

MAX_QUESTION_CHARS = 2000


def task_runner(task: Task) -> Callable[..., Answer]:
    """Each task lives in `assistant/tasks/<task>.py` and exposes `run(assistant, question, **options)`."""
    return importlib.import_module(f"assistant.tasks.{task.value}").run


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
    answer = task_runner(task)(assistant, question, **options)
    answer.timings_ms["total_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return answer
