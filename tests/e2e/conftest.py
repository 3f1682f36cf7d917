"""End-to-end fixtures: the real API (uvicorn) over the sample corpus with API keys, and the real console
(`streamlit run ui/app.py`) pointed at it, both on loopback ports and stopped by their PIDs.

Screenshots and server logs go to test-artifacts/e2e/ (gitignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import REPO, serve_api, serve_console, stop

ARTIFACTS = REPO / "test-artifacts" / "e2e"
ROLES = {"zhang": "duty_officer", "wang": "trainer", "li": "staff", "chen": "admin"}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def e2e_library(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A data folder holding plans_corpus/ (PDFs included) and one API key per role: ({name: key})."""
    from assistant.service import Assistant
    from assistant.web.auth import KeyStore

    home = tmp_path_factory.mktemp("e2e-home")
    assistant = Assistant(home=home)
    results = assistant.ingest([REPO / "plans_corpus"])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    keys = KeyStore(assistant.index.db)
    return home, {name: keys.add(name, role) for name, role in ROLES.items()}


@pytest.fixture(scope="session")
def e2e_api(e2e_library, artifacts) -> Iterator[str]:
    url, process = serve_api(e2e_library[0], artifacts / "api.log")
    try:
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def e2e_console(e2e_api, artifacts) -> Iterator[str]:
    url, process = serve_console(e2e_api, artifacts / "console.log")
    try:
        yield url
    finally:
        stop(process)
