"""An incident's checklist ticks and duty log are kept by the API's data folder, so they survive a restart
of the API process (two real uvicorn runs over the same folder)."""

from __future__ import annotations

import shutil

import httpx
import pytest
from servers import REPO, serve_api, stop

pytestmark = pytest.mark.slow


def test_ticks_and_the_log_survive_an_api_restart(tmp_path, artifacts):
    from assistant.service import Assistant

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("示例区防汛应急预案.md", "示例区防汛应急预案.meta.toml"):
        shutil.copy(REPO / "plans_corpus" / name, docs / name)
    home = tmp_path / "home"
    assert all(r.ok for r in Assistant(home=home).ingest([docs]))

    url, process = serve_api(home, artifacts / "restart-before.log")
    try:
        incident = httpx.post(f"{url}/v1/incidents", json={"hazard": "防汛", "place": "河西街道",
                                                           "facts": "24小时降雨量230毫米"}, timeout=60).json()
        path = f"{url}/v1/incidents/{incident['id']}"
        httpx.post(f"{path}/items/0", json={"done": True}).raise_for_status()
        httpx.post(f"{path}/items/2", json={"done": True}).raise_for_status()
        httpx.post(f"{path}/log", json={"kind": "接报", "text": "河西街道报告积水"}).raise_for_status()
    finally:
        stop(process)

    url, process = serve_api(home, artifacts / "restart-after.log")
    try:
        after = httpx.get(f"{url}/v1/incidents/{incident['id']}").json()
    finally:
        stop(process)
    assert [i["index"] for i in after["items"] if i["done"]] == [0, 2]
    assert after["items"][0]["by"] == "anonymous" and after["log"][0]["text"] == "河西街道报告积水"
    assert after["checklist"] == {**incident["checklist"], "payload": after["checklist"]["payload"]}
