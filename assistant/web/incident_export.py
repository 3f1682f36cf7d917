"""An incident's file for the record: facts, briefing, the checklist with who ticked what when, the duty log
— as Markdown, and as DOCX laid out from that Markdown (also used for drill papers)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant.models import Answer, Citation, page_label
from assistant.web.incidents import Incident, IncidentStatus

TO_VERIFY = "待核实事项"


def _zone() -> ZoneInfo:
    from assistant.config import get_settings

    try:
        return ZoneInfo(get_settings().timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def _stamp(iso: str | None, zone: ZoneInfo | None = None) -> str:
    """2025-07-01T06:32:05+00:00 → 2025-07-01 14:32 in the configured zone (`PLANASSIST_TIMEZONE`), the way a
    duty log writes time; the file names its zone once, at the top."""
    try:
        moment = datetime.fromisoformat(iso or "")
    except ValueError:
        return (iso or "")[:16].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(zone or _zone()):%Y-%m-%d %H:%M}"


def source_lines(citations: list[Citation]) -> list[str]:
    lines = []
    for c in citations:
        version = f"（{c.version}）" if c.version else ""
        lines.append(f"- [{c.n}] 《{c.doc_title}》{version} {c.locator}{page_label(c.page)} —「{c.quote}」")
    return lines


def _briefing_lines(briefing: Answer) -> list[str]:
    """The briefing's sections in order; the facts still to verify join the 待核实事项 section's own lines under
    one heading (the section is added when it holds none)."""
    if briefing.refused:
        return [f"**{briefing.refusal_reason or '文档中未找到依据'}**"]
    missing = [f"- {fact}" for fact in briefing.payload.get("missing_facts") or []]
    lines: list[str] = []
    for section in briefing.payload.get("sections", []):
        sentences = [briefing.sentences[i] for i in section.get("sentences", []) if i < len(briefing.sentences)]
        extra = missing if section["title"] == TO_VERIFY else []
        if sentences or extra:
            lines += ["", f"### {section['title']}"]
            lines += [f"- {s.text}" + "".join(f"[{n}]" for n in s.citations) for s in sentences] + extra
            missing = [] if extra else missing
    if missing:
        lines += ["", f"### {TO_VERIFY}", *missing]
    return lines + ["", "#### 简报来源", *source_lines(briefing.citations)]


def level_line(incident: Incident) -> str:
    """「响应级别：Ⅱ级」 from the checklist (else the briefing), 「待定」 when neither could decide it."""
    for answer in (incident.checklist, incident.briefing):
        if answer is not None and not answer.refused and answer.payload.get("level_label"):
            return f"响应级别：{answer.payload['level_label']}"
    return "响应级别：待定"


def _checklist_lines(incident: Incident) -> list[str]:
    checklist = incident.checklist
    if checklist.refused:
        return [f"**{checklist.refusal_reason or '文档中未找到依据'}**"]
    payload = checklist.payload
    lines = [f"响应级别：{payload.get('level_label') or '待定'}", ""]
    if payload.get("level_reason"):
        lines += [payload["level_reason"] + "".join(f"[{n}]" for n in payload.get("level_citations", [])), ""]
    if payload.get("missing_facts"):
        lines += ["待核实：" + "、".join(payload["missing_facts"]), ""]
    for item, state in zip(payload.get("items", []), incident.items, strict=False):
        units = "、".join(item.get("lead_units") or [])
        limit = f"（{item['time_limit']}）" if item.get("time_limit") else ""
        done = f" — 已完成：{state.by}，{_stamp(state.at)}" if state.done else ""
        box = "x" if state.done else " "
        lines.append(f"- [{box}] 【{item['phase']}】{item['action']} {units}{limit}[{item['citation']}]{done}")
    return lines + ["", "#### 清单来源", *source_lines(checklist.citations)]


def incident_markdown(incident: Incident) -> str:
    """The incident file: facts, briefing, checklist with who ticked what when, and the duty log."""
    status = "已关闭" if incident.status is IncidentStatus.CLOSED else "处置中"
    lines = [
        f"# 事件：{incident.title}", "", f"**{level_line(incident)}**", "",
        f"- 灾种：{incident.hazard}", f"- 地点：{incident.place or '—'}", f"- 时间：{incident.time or '—'}",
        f"- 状态：{status}" + (f"（{incident.closed_by}，{_stamp(incident.closed_at)}）" if incident.closed_at else ""),
        f"- 创建：{incident.created_by}，{_stamp(incident.created_at)}",
        f"- 时区：{_zone().key}",
        "", "## 事件情况", incident.facts or "—",
        "", "## 情况简报", *_briefing_lines(incident.briefing),
        "", "## 处置清单", *_checklist_lines(incident),
        "", "## 值班日志",
    ]
    lines += [f"- {_stamp(e.at)} 【{e.kind.value}】{e.by}：{e.text}" for e in incident.log] or ["—"]
    return "\n".join(lines) + "\n"


def markdown_docx(markdown: str) -> bytes:
    """A Word document from the exports' Markdown: #-headings, list items and plain paragraphs."""
    from docx import Document

    document = Document()
    for line in markdown.splitlines():
        hashes = len(line) - len(line.lstrip("#"))
        if 1 <= hashes <= 4 and line[hashes:hashes + 1] == " ":
            document.add_heading(line[hashes + 1:], level=hashes)
        elif line.startswith(("- ", "   ")):
            document.add_paragraph(line.strip().removeprefix("- "), style="List Bullet")
        elif line.strip():
            document.add_paragraph(line.strip().replace("**", ""))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
