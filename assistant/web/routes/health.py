"""`GET /healthz`: the service answers and how much it holds — of what the caller may read.

Health checks carry no key, so without one the counts are of public documents only; a caller with a key (or the
open mode's loopback admin) sees the counts of the documents their role may read.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from assistant.web.auth import current_principal
from assistant.web.models import Health
from assistant.web.routes.access import ScopedAssistant
from assistant.web.routes.deps import AssistantDep
from assistant.web.routes.errors import ApiError
from retrieval.models import AccessLevel

router = APIRouter(tags=["meta"])


@router.get("/healthz", response_model=Health)
def healthz(request: Request, a: AssistantDep) -> Health:
    try:
        levels = current_principal(request).access_levels
    except ApiError:
        levels = [AccessLevel.PUBLIC]
    documents = ScopedAssistant(a, levels).documents()
    return Health(documents=len(documents), chunks=sum(d.chunk_count for d in documents))
