"""`GET /v1/models` (documented in the README, once a 404): OpenAI clients list the models they may ask for."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow


def test_models_lists_every_task_in_openais_shape_and_each_one_answers(api_url):
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=f"{api_url}/v1", api_key="not-needed", max_retries=0)
    ids = [m.id for m in client.models.list()]
    assert ids[0] == "planassist" and {"planassist-lookup", "planassist-checklist", "planassist-chat"} <= set(ids)
    body = httpx.get(f"{api_url}/v1/models", timeout=30).json()
    assert body["object"] == "list" and all(m["object"] == "model" for m in body["data"])
    listed = httpx.post(f"{api_url}/v1/chat/completions", timeout=120, json={
        "model": "planassist-lookup", "messages": [{"role": "user", "content": "示例区突发事件应对条例第四条"}]})
    assert listed.status_code == 200 and listed.json()["model"] == "planassist-lookup"
