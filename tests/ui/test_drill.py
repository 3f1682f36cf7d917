"""演练出题 through AppTest against the real API: build a paper (task quiz), take it in the page, get the
score with each answer's cited explanation, and the paper and its key as DOCX."""

from __future__ import annotations

import io

import httpx
import pytest
from docx import Document

pytestmark = pytest.mark.slow


@pytest.fixture
def drill(app):
    app.switch_page("views/drill.py").run()
    assert not app.exception, app.exception
    return app


def build_paper(drill, topic: str = "信息报告", n: int = 3, kinds: list[str] | None = None):
    drill.text_input(key="drill_topic").input(topic)
    drill.number_input(key="drill_n").set_value(n)
    if kinds:
        drill.multiselect(key="drill_kinds").set_value(kinds)
    drill.button(key="drill_make").click().run()
    assert not drill.exception, drill.exception
    return drill.session_state["drill_quiz"]


def test_a_paper_is_built_taken_and_graded_with_cited_explanations(drill):
    quiz = build_paper(drill, kinds=["single", "fill_blank"])
    questions = quiz["payload"]["questions"]
    assert questions and {q["kind"] for q in questions} <= {"single", "fill_blank"}
    paper = drill.session_state["drill_paper_no"]
    first, *rest = questions
    wrong = next(o for o in first["options"] if o not in first["answer"]) if first["options"] else "错误答案"
    answer = {first["id"]: wrong} | {q["id"]: q["answer"][0] for q in rest}
    for q in questions:
        widget = drill.radio(key=f"drill_{paper}_{q['id']}") if q["kind"] == "single" else \
            drill.text_input(key=f"drill_{paper}_{q['id']}")
        widget.set_value(answer[q["id"]])
    drill.button(key=f"drill_submit_{paper}").click().run()
    assert not drill.exception, drill.exception

    grade = drill.session_state["drill_result"]["grade"]
    assert grade["correct"] == len(questions) - 1 and grade["per_question"][first["id"]] is False
    assert drill.metric[0].value == f"{grade['score']:g}"
    text = "\n".join(m.value for m in drill.markdown)
    assert ":red[:material/cancel:]" in text and "正确答案：" in text and "解析：原文：" in text
    drill.button(key=f"drill_cite_{paper}_{first['id']}").click().run()
    assert any(c.value == "引用原文已高亮标出" for c in drill.caption)


def test_the_paper_and_its_key_export_to_docx(drill, api_url):
    quiz = build_paper(drill)
    assert len(drill.get("download_button")) == 2

    def paragraphs(key: bool) -> str:
        response = httpx.post(f"{api_url}/v1/quiz/export", json={"answer": quiz, "key": key, "title": "防汛演练"})
        assert response.status_code == 200 and response.content[:2] == b"PK"
        return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)

    paper, key = paragraphs(False), paragraphs(True)
    first = quiz["payload"]["questions"][0]
    assert paper.startswith("防汛演练") and "姓名：" in paper and "答案：" not in paper
    assert first["stem"] in paper and first["stem"] in key
    assert f"答案：{'、'.join(first['answer'])}" in key and "来源" in key


def test_a_paper_needs_documents_or_a_topic(drill):
    drill.button(key="drill_make").click().run()
    assert any(w.value == "请选择文档或填写主题。" for w in drill.warning)


def test_a_paper_from_chosen_documents(drill, api_url):
    doc_id = next(d["doc_id"] for d in httpx.get(f"{api_url}/v1/documents").json()
                  if d["title"] == "示例区突发事件应对条例")
    drill.multiselect(key="drill_docs").set_value([doc_id])
    drill.button(key="drill_make").click().run()
    quiz = drill.session_state["drill_quiz"]
    assert quiz["citations"] and {c["doc_title"] for c in quiz["citations"]} == {"示例区突发事件应对条例"}
