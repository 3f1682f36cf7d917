"""`POST /v1/search`: hybrid search over the documents the caller may read, as flat hits with their locators."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assistant.web.audit import note
from assistant.web.models import SearchHit, SearchRequest, SearchResponse
from assistant.web.routes.access import ScopedDep

router = APIRouter(tags=["search"])


@router.post("/v1/search", response_model=SearchResponse)
def search(body: SearchRequest, request: Request, a: ScopedDep) -> SearchResponse:
    note(request, subject=body.query)
    result = a.search_result(body.query, k=body.k, filters=body.filters())
    note(request, cited=[h.chunk.chunk_id for h in result.hits], refused=result.not_found)
    return SearchResponse(hits=[SearchHit.from_hit(h) for h in result.hits], not_found=result.not_found,
                          timings_ms=result.timings_ms)
