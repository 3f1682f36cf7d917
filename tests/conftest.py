"""Shared fixtures: the real corpus beside the checkout, data folders with real ingests (session-scoped)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = REPO / "plans_corpus"


def shared_corpus_path() -> Path:
    return Path(os.environ.get("PLANASSIST_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    path = shared_corpus_path()
    if not (path / "MANIFEST.tsv").exists():
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test writes to the user's data folder."""
    monkeypatch.setenv("PLANASSIST_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def corpus_assistant(shared_corpus, tmp_path_factory):
    """An Assistant over the Markdown part of ../shared/corpus (laws, plans, reviews)."""
    from assistant.service import Assistant

    assistant = Assistant(home=tmp_path_factory.mktemp("corpus-home"))
    folders = [shared_corpus / "regulations", shared_corpus / "plans", shared_corpus / "reviews"]
    files = [p for folder in folders for p in sorted(folder.glob("*.md"))]
    results = assistant.ingest(files)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return assistant


@pytest.fixture(scope="session")
def sample_assistant(tmp_path_factory):
    """An Assistant over the project's own sample corpus of the fictional 示例区."""
    from assistant.service import Assistant

    assistant = Assistant(home=tmp_path_factory.mktemp("sample-home"))
    results = assistant.ingest([SAMPLE_CORPUS])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return assistant


# --- api fixtures ---
# A tiny library of the fictional 示例区 (two plans, one regulation) served by a real uvicorn process; the API
# tests (tests/assistant/test_api.py) and the console tests (tests/ui/test_app.py) share it for the session.
API_DOCUMENTS: dict[str, str] = {
    "示例区防汛应急预案.md": """# 示例区防汛应急预案

## 1 总则

### 1.1 编制目的

为了做好示例区防汛抗洪工作，规范洪涝灾害的应急处置程序，提高防御和处置能力，最大限度减少人员伤亡和财产损失，保障全区经济社会安全稳定，制定本预案。

### 1.2 编制依据

依据《中华人民共和国防洪法》《中华人民共和国防汛条例》《中华人民共和国突发事件应对法》《示例区突发事件应对条例》等法律法规和有关规定，结合本区实际，制定本预案。

### 1.3 适用范围

本预案适用于示例区行政区域内暴雨、洪水、城市内涝、山洪等洪涝灾害的预防、预警和应急处置工作，由区防汛指挥部统一组织实施，各成员单位按职责分工负责。

## 4 应急响应

### 4.1 分级响应

24小时降雨量超过200毫米，或者主要河道水位超过保证水位并持续上涨时，由区防汛指挥部总指挥决定启动Ⅰ级应急响应，并向区人民政府报告。

### 4.2 信息报告

区水务局应当在30分钟内向区防汛指挥部报告险情和灾情，报告内容包括险情位置、影响范围和已采取的措施，此后每2小时续报一次，重大险情随时报告。
""",
    "示例区防汛应急预案.meta.toml": 'doc_type = "plan"\nhazard_types = ["防汛"]\nissuer = "示例区人民政府"\n'
                                   'version = "2024年版"\n',
    "示例区森林火灾应急预案.md": """# 示例区森林火灾应急预案

## 1 总则

### 1.1 编制目的

为了有效预防和扑救森林火灾，保护森林资源和人民群众生命财产安全，维护示例区生态安全，制定本预案。

## 4 应急响应

### 4.2 信息报告

区林业局接到森林火情报告后，应当在1小时内向区森林防灭火指挥部报告火场位置、过火面积和扑救情况。
""",
    "示例区森林火灾应急预案.meta.toml": 'doc_type = "plan"\nhazard_types = ["森林火灾"]\nversion = "2023年版"\n',
    "示例区突发事件应对条例.md": """# 示例区突发事件应对条例

第一条 为了预防和减少突发事件的发生，控制、减轻和消除突发事件引起的严重社会危害，制定本条例。

第二条 本条例适用于示例区行政区域内突发事件的预防与应急准备、监测与预警、应急处置与救援、事后恢复与重建。

第三条 区人民政府统一领导本行政区域内的突发事件应对工作，区应急管理局负责综合协调。

第四条 发生突发事件的单位应当在事发后1小时内向区应急管理局报告，不得迟报、谎报、瞒报、漏报。

第五条 本条例自2024年1月1日起施行。
""",
    "示例区突发事件应对条例.meta.toml": 'doc_type = "regulation"\nversion = "2023年修订"\n',
}


@pytest.fixture(scope="session")
def api_home(tmp_path_factory) -> Path:
    """A data folder holding API_DOCUMENTS, ingested through the facade."""
    from assistant.service import Assistant

    docs = tmp_path_factory.mktemp("api-docs")
    for name, text in API_DOCUMENTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    home = tmp_path_factory.mktemp("api-home")
    results = Assistant(home=home).ingest([docs])
    assert len(results) == 3 and all(r.ok for r in results), [r.error for r in results]
    return home


@pytest.fixture(scope="session")
def api_log(tmp_path_factory) -> Path:
    """Where the API process of `api_url` writes its log (a test checks it holds no traceback)."""
    return tmp_path_factory.mktemp("api-log") / "uvicorn.log"


@pytest.fixture(scope="session")
def api_url(api_home, api_log):
    """Base URL of a real `uvicorn --factory assistant.web.api:create_app` over `api_home`; killed at teardown."""
    from servers import serve_api, stop

    url, process = serve_api(api_home, api_log)
    try:
        yield url
    finally:
        stop(process)


# --- end api fixtures ---
