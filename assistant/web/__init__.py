"""The HTTP layer: the FastAPI app (`api`), its request and response bodies (`models`), routes, API keys and
roles (`auth`), the audit trail, background jobs and the incidents of the duty desk."""
