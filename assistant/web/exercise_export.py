"""Export of a tabletop exercise (Markdown, DOCX): the scenario and its objectives, the timeline of injects with
the expected actions and their clauses, the teams' responses and scores, and the evaluation report."""

from __future__ import annotations

from assistant.exercise_review import ActionScore, Verdict
from assistant.web.exercises import Exercise
from assistant.web.incident_export import source_lines

VERDICT_LABELS = {Verdict.COVERED: "已落实", Verdict.LATE: "超时", Verdict.MISSED: "遗漏"}


def _cite(n: int) -> str:
    return f"[{n}]"


def _inject_lines(exercise: Exercise) -> list[str]:
    payload = exercise.payload()
    by_inject: dict[int, list[ActionScore]] = {}
    for s in exercise.scores:
        by_inject.setdefault(s.inject, []).append(s)
    lines = ["## 推演情景与预期行动"]
    for inject in payload.injects:
        lines += ["", f"### 情景{inject.index + 1}：{inject.stage}（{inject.time}）", inject.message]
        if inject.level_label or inject.facts is not None:
            lines.append(f"**对应响应级别：{inject.level_label or '尚不能判定'}**　{inject.level_reason}")
        lines.append("预期行动：")
        for i, a in enumerate(inject.expected_actions, start=1):
            unit = "、".join(a.lead_units)
            extra = "；".join(p for p in (f"牵头：{unit}" if unit else "", f"时限：{a.deadline}" if a.deadline else "") if p)
            lines.append(f"- {i}. {a.action}{'（' + extra + '）' if extra else ''}{_cite(a.citation)}")
        lines.append("讨论问题：")
        lines += [f"- {q}" for q in inject.questions]
        responses = [r for r in exercise.responses_given if r.inject == inject.index]
        if responses:
            lines.append("各组响应：")
            lines += [f"- {r.team}：{r.text}" + (f"（{r.minutes}分钟）" if r.minutes is not None else "")
                      for r in responses]
            lines += [f"- {s.team} · 行动{s.action + 1}：{VERDICT_LABELS[s.verdict]}{('（' + s.reason + '）') if s.reason else ''}"
                      for s in by_inject.get(inject.index, [])]
    return lines


def _report_lines(exercise: Exercise) -> list[str]:
    report = exercise.report
    if report is None:
        return ["## 评估报告", "推演尚未结束，评估报告在结束推演后生成。"]
    lines = ["## 评估报告", "", "### 推演目标", *[f"- {o}" for o in report.objectives], "", "### 参演小组"]
    lines += [f"- {team}：已落实 {c['covered']} 项，超时 {c['late']} 项，遗漏 {c['missed']} 项"
              for team, c in report.teams.items()] or ["- 未记录响应"]
    lines += ["", "### 评估指标（GB/T 46792-2025 桌面推演评估）"]
    for ind in report.indicators:
        score = "—" if ind.score is None else f"{ind.score:g}分"
        lines.append(f"- {ind.title}：{score}（{ind.rating}）已落实 {ind.covered}、超时 {ind.late}、遗漏 {ind.missed}")
        lines += [f"   {f}" for f in ind.findings]
    lines += ["", "### 已落实的行动", *([f"- {c}" for c in report.covered] or ["- 无"])]
    lines += ["", "### 遗漏或超时的行动及原因", *([f"- {m}" for m in report.missed] or ["- 无"])]
    lines += ["", "### 不清晰或相互冲突的预案条款",
              *([f"- {u.issue}：{u.text}{_cite(u.citation)}" for u in report.unclear] or ["- 无"])]
    lines += ["", "### 整改措施", *([f"- {c.action}　责任单位：{c.owner}　完成时限：{c.due}"
                                     for c in report.corrective_actions] or ["- 无"])]
    return lines


def exercise_markdown(exercise: Exercise) -> str:
    payload = exercise.payload()
    lines = [f"# 桌面推演：{exercise.title}", "",
             f"预案：《{payload.plan_title}》　灾种：{payload.hazard}　地点：{payload.place or '—'}　开始：{payload.start}",
             f"状态：{'已结束' if exercise.status == 'finished' else '进行中'}　组织：{exercise.created_by}", ""]
    lines += _inject_lines(exercise) + [""] + _report_lines(exercise)
    lines += ["", "## 来源", *source_lines(exercise.answer.citations)]
    return "\n".join(lines) + "\n"
