"""Console fixtures: a fresh AppTest session of ui/app.py against the real API of the `api_url` fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"


@pytest.fixture
def app(api_url, monkeypatch) -> AppTest:
    monkeypatch.setenv("PLANASSIST_API_URL", api_url)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    return at

