"""Export answers (briefings, checklists, quizzes, exercises, lookups) to Markdown and DOCX, citations included."""

from __future__ import annotations

import io

from assistant.models import Answer, Task, page_label


def _cite(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _sources(answer: Answer) -> list[str]:
    lines = ["", "来源 / Sources:"]
    for c in answer.citations:
        version = f"（{c.version}）" if c.version else ""
        lines.append(f"[{c.n}] 《{c.doc_title}》{version} {c.locator}{page_label(c.page)} —「{c.quote}」")
    return lines


def _body(answer: Answer) -> list[str]:
    if answer.refused:
        lines = [f"**{answer.refusal_reason}**"]
        if answer.closest:
            lines += ["", "最接近的段落 / closest passages:"]
            lines += [f"- 《{c.doc_title}》{c.locator}：{c.quote}" for c in answer.closest]
        return lines
    payload = answer.payload
    if answer.task is Task.QUIZ:
        return _quiz_lines(answer)
    if answer.task is Task.EXERCISE:
        return _exercise_lines(answer)
    if answer.task is Task.CHECKLIST:
        lines = [f"## 响应级别：{payload.get('level_label') or '待定'}", payload.get("level_reason", "")]
        if payload.get("missing_facts"):
            lines.append("待核实：" + "、".join(payload["missing_facts"]))
        for item in payload.get("items", []):
            unit = "、".join(item.get("lead_units") or [])
            limit = f"（{item['time_limit']}）" if item.get("time_limit") else ""
            box = "x" if item.get("done") else " "
            lines.append(f"- [{box}] 【{item['phase']}】{item['action']} {unit}{limit}[{item['citation']}]")
        return lines
    lines: list[str] = []
    if answer.task is Task.BRIEFING:
        lines.append(f"## 响应级别：{payload.get('level_label') or '待定'}")
        if payload.get("missing_facts"):
            lines.append("待核实：" + "、".join(payload["missing_facts"]))
    current = None
    for sentence in answer.sentences:
        if answer.task is Task.BRIEFING and sentence.section != current:
            current = sentence.section
            lines += ["", f"## {current}"]
        lines.append(f"{sentence.text}{_cite(sentence.citations)}")
    return lines


def _quiz_lines(answer: Answer, with_key: bool = True) -> list[str]:
    lines: list[str] = []
    for i, q in enumerate(answer.payload.get("questions", []), start=1):
        lines.append(f"{i}. {q['stem']}")
        lines += [f"   {chr(65 + j)}. {option}" for j, option in enumerate(q.get("options", []))]
        if with_key:
            lines.append(f"   答案：{'、'.join(q['answer'])}　解析：{q['explanation']}[{q['citation']}]")
    return lines


def _exercise_lines(answer: Answer) -> list[str]:
    payload = answer.payload
    lines = [f"预案：《{payload.get('plan_title', '')}》　开始：{payload.get('start', '')}"]
    for inject in payload.get("injects", []):
        lines += ["", f"## 情景{inject['index'] + 1}：{inject['stage']}（{inject['time']}）", inject["message"]]
        if inject.get("level_label"):
            lines.append(f"响应级别：{inject['level_label']}")
        for action in inject.get("expected_actions", []):
            unit = "、".join(action.get("lead_units") or [])
            limit = f"（{action['deadline']}）" if action.get("deadline") else ""
            lines.append(f"- {action['action']} {unit}{limit}[{action['citation']}]")
        lines += [f"- 讨论：{q}" for q in inject.get("questions", [])]
    return lines


def answer_markdown(answer: Answer) -> str:
    title = {"lookup": "条款查询", "checklist": "处置清单", "briefing": "情况简报", "quiz": "演练题", "chat": "法规问答",
             "exercise": "桌面推演"}
    lines = [f"# {title[answer.task.value]}：{answer.question}", "", *_body(answer)]
    if not answer.refused:
        lines += _sources(answer)
    return "\n".join(lines) + "\n"


def answer_docx(answer: Answer) -> bytes:
    """The Markdown export laid out as a Word document (headings, list lines, sources)."""
    from docx import Document

    document = Document()
    for line in answer_markdown(answer).splitlines():
        if line.startswith("# "):
            document.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            document.add_heading(line[3:], level=2)
        elif line.strip():
            document.add_paragraph(line.strip().lstrip("- "))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
