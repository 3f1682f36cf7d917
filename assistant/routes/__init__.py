"""The API's routers, one module per endpoint family; `assistant.api.create_app` includes each of them.

Every module named in `ROUTERS` exposes `router = APIRouter()`. `OPTIONAL_ROUTERS` are included when their
module exists (the incident console's routes are added by another package owner). Routes reach the
`Assistant` through `assistant.routes.deps.AssistantDep`, or — to see only what the caller may read —
`assistant.routes.access.ScopedDep`; `assistant.routes.access.PrincipalDep` is the caller.
"""

from __future__ import annotations

ROUTERS: list[str] = ["health", "search", "ask", "openai_compat", "documents", "audit"]
OPTIONAL_ROUTERS: list[str] = ["incidents"]
PUBLIC_ROUTERS: set[str] = {"health"}  # every other router requires a principal (assistant.auth.current_principal)
