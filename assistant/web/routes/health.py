"""`GET /healthz`: the service answers and how much it holds."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.web.models import Health
from assistant.web.routes.deps import AssistantDep

router = APIRouter(tags=["meta"])


@router.get("/healthz", response_model=Health)
def healthz(a: AssistantDep) -> Health:
    documents = a.documents()
    return Health(documents=len(documents), chunks=sum(d.chunk_count for d in documents))
