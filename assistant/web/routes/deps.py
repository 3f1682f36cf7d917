"""Dependencies shared by the routers: the process's `Assistant`, read from `request.app.state`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.service import Assistant


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
