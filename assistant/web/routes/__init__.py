"""The API's routers, one module per endpoint family, each exposing `router = APIRouter()`.

`assistant.web.api.ROUTERS` registers them. Routes reach the `Assistant` through
`assistant.web.routes.deps.AssistantDep`, or — to see only what the caller may read —
`assistant.web.routes.access.ScopedDep`; `assistant.web.routes.access.PrincipalDep` is the caller.
"""
