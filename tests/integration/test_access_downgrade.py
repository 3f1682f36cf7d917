"""A re-ingest never lowers an access level unless an admin says so, and every metadata change is audited.

Document ids are content hashes: the same report uploaded again without `access_level` used to replace the
restricted document with a public one, readable by staff, without a word. Now the level is kept (with a
warning), `allow_downgrade` lowers it, and each change is an audit row (API) or a result warning (CLI).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest
from servers import REPO, serve_api, stop

pytestmark = pytest.mark.slow

REPORT = ("# 示例区化工厂爆炸事故调查报告\n\n一、事故经过\n\n2026年3月5日，示例区某化工厂发生爆炸，"
          "区应急管理局于15分钟内到达现场。\n\n二、责任认定\n\n企业负责人未落实安全生产责任制。\n")


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=REPO, env=env, capture_output=True,
                          timeout=600)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("downgrade")
    home = tmp / "home"
    env = {**os.environ, "PLANASSIST_HOME": str(home)}
    keys = {}
    for name, role in (("chief", "admin"), ("clerk", "staff")):
        added = cli("users", "add", name, "--role", role, env=env)
        assert added.returncode == 0, added.stderr
        keys[role] = added.stdout.decode().strip()
    url, server = serve_api(home, tmp / "api.log")
    yield url, {role: {"Authorization": f"Bearer {key}"} for role, key in keys.items()}
    stop(server)


def upload(url: str, headers: dict, **form) -> dict:
    response = httpx.post(f"{url}/v1/documents", headers=headers, data=form,
                          files=[("files", ("调查报告.md", REPORT.encode()))], timeout=300)
    assert response.status_code == 200, response.text
    return response.json()[0]


def test_a_reupload_without_access_level_keeps_the_report_restricted(service):
    url, headers = service
    first = upload(url, headers["admin"], access_level="restricted")
    doc = f"{url}/v1/documents/{first['doc_id']}"
    assert httpx.get(doc, headers=headers["staff"], timeout=30).status_code == 404

    again = upload(url, headers["admin"], title="化工厂爆炸事故调查报告（修订）")
    assert again["doc_id"] == first["doc_id"]
    assert any("kept at restricted" in w for w in again["warnings"]), again
    assert httpx.get(doc, headers=headers["staff"], timeout=30).status_code == 404
    assert httpx.get(doc, headers=headers["admin"], timeout=30).json()["access_level"] == "restricted"

    audit = httpx.get(f"{url}/v1/audit", headers=headers["admin"], params={"limit": 500}, timeout=30).json()
    changes = [e["subject"] for e in audit if e["task"] == "metadata_change"]
    assert any("kept at restricted" in s for s in changes)
    assert any("title" in s and "（修订）" in s for s in changes)


def test_an_admin_may_lower_it_explicitly_and_it_is_audited(service):
    url, headers = service
    lowered = upload(url, headers["admin"], access_level="internal", allow_downgrade="true")
    assert any("lowered on request" in w for w in lowered["warnings"]), lowered
    doc = httpx.get(f"{url}/v1/documents/{lowered['doc_id']}", headers=headers["admin"], timeout=30).json()
    assert doc["access_level"] == "internal"
    audit = httpx.get(f"{url}/v1/audit", headers=headers["admin"], params={"limit": 500}, timeout=30).json()
    assert any("access_level: restricted → internal" in (e["subject"] or "") for e in audit)


def test_the_cli_keeps_the_level_and_says_so(tmp_path):
    env = {**os.environ, "PLANASSIST_HOME": str(tmp_path / "home")}
    report = tmp_path / "调查报告.md"
    report.write_text(REPORT, encoding="utf-8")
    assert cli("ingest", str(report), "--access", "restricted", env=env).returncode == 0
    report.write_text(REPORT + "\n三、整改措施\n\n企业应当于30日内完成整改。\n", encoding="utf-8")  # a new version
    again = cli("ingest", str(report), "--json", env=env)
    result = json.loads(again.stdout)[0]
    assert result["status"] == "replaced" and any("kept at restricted" in w for w in result["warnings"])
    docs = json.loads(cli("documents", "--json", env=env).stdout)
    assert [d["access_level"] for d in docs] == ["restricted"]
    assert any("kept at restricted" in w for w in docs[0]["warnings"])  # recorded with the document

    lowered = cli("ingest", str(report), "--access", "public", "--allow-downgrade", "--json", env=env)
    assert any("lowered on request" in w for w in json.loads(lowered.stdout)[0]["warnings"])
    assert [d["access_level"] for d in json.loads(cli("documents", "--json", env=env).stdout)] == ["public"]
