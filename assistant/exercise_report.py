"""The evaluation report of a finished tabletop exercise (桌面推演评估报告).

Indicators follow the tabletop-exercise evaluation headings of GB/T 46792-2025: 预案执行 (every expected action),
指挥协调 (actions with a lead or supporting unit, or of command and coordination), 信息报告及时性 (reporting,
warning and release actions, on time), 资源保障 (teams, supplies, equipment, funds). Plan clauses that proved
unclear are those whose action names no responsible unit or no deadline, and response stages whose level the
facts could not decide; conflicting ones set two deadlines for the same kind of report in one stage.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from assistant.exercise_review import (
    FIX_DAYS,
    REVISE_DAYS,
    ActionScore,
    ClauseIssue,
    CorrectiveAction,
    EvaluationReport,
    Indicator,
    TeamResponse,
    Verdict,
    deadline_minutes,
    score_all,
    teams_of,
)
from assistant.models import ExercisePayload, ExpectedAction

ORGANISER = "演练组织单位"
COMMAND_WORDS = ("指挥", "协调", "会商", "调度", "统筹", "联动", "部署")
REPORT_WORDS = ("报告", "报送", "续报", "发布", "通知", "通报", "叫应")
RESOURCE_WORDS = ("物资", "装备", "队伍", "救援力量", "保障", "调拨", "资金", "车辆", "通信", "电源", "医疗", "安置")
Selector = Callable[[ExpectedAction], bool]
INDICATORS: list[tuple[str, str, Selector]] = [
    ("plan_execution", "预案执行", lambda a: True),
    ("command", "指挥协调", lambda a: bool(a.lead_units or a.support_units) or any(w in a.action for w in COMMAND_WORDS)),
    ("reporting", "信息报告及时性", lambda a: a.phase in ("信息报告", "预警") or any(w in a.action for w in REPORT_WORDS)),
    ("resources", "资源保障", lambda a: any(w in a.action for w in RESOURCE_WORDS)),
]


def rating(score: float | None) -> str:
    if score is None:
        return "未检验"
    return "优秀" if score >= 85 else "良好" if score >= 70 else "合格" if score >= 60 else "待改进"


def _action(payload: ExercisePayload, s: ActionScore) -> ExpectedAction:
    return payload.injects[s.inject].expected_actions[s.action]


def indicator(key: str, title: str, selects: Selector, payload: ExercisePayload,
              scores: list[ActionScore]) -> Indicator:
    mine = [s for s in scores if selects(_action(payload, s))]
    counts = {v: sum(s.verdict is v for s in mine) for v in Verdict}
    # timeliness counts a late report as not done; elsewhere a late action earns half
    weight = 0.0 if key == "reporting" else 0.5
    score = round(100 * (counts[Verdict.COVERED] + weight * counts[Verdict.LATE]) / len(mine), 1) if mine else None
    findings = [f"{s.team}：{_action(payload, s).action[:40]}（{s.reason}）" for s in mine
                if s.verdict is not Verdict.COVERED][:5]
    return Indicator(key=key, title=title, score=score, rating=rating(score), covered=counts[Verdict.COVERED],
                     late=counts[Verdict.LATE], missed=counts[Verdict.MISSED], findings=findings)


def unclear_clauses(payload: ExercisePayload) -> list[ClauseIssue]:
    issues: dict[tuple[int, str], ClauseIssue] = {}
    for inject in payload.injects:
        for a in inject.expected_actions:
            if not a.lead_units and not a.support_units:
                issues.setdefault((a.citation, "unit"), ClauseIssue(citation=a.citation, issue="未明确责任单位",
                                                                     text=a.action))
            if a.phase == "信息报告" and deadline_minutes(a.deadline) is None:
                issues.setdefault((a.citation, "time"), ClauseIssue(citation=a.citation, issue="信息报告未明确时限",
                                                                     text=a.action))
        reports = [a for a in inject.expected_actions if a.phase == "信息报告" and deadline_minutes(a.deadline)]
        limits = {deadline_minutes(a.deadline) for a in reports}
        if len(limits) > 1 and len({u for a in reports for u in a.lead_units}) <= 1:
            first = reports[0]
            issues.setdefault((first.citation, "conflict"), ClauseIssue(
                citation=first.citation, issue="同一环节的报告时限不一致：" + "、".join(a.deadline or "" for a in reports),
                text=first.action))
        if inject.facts is not None and inject.level is None and inject.missing_facts:
            issues.setdefault((-inject.index, "level"), ClauseIssue(
                citation=inject.expected_actions[0].citation if inject.expected_actions else 0,
                issue="现有情况无法判定响应级别，尚缺：" + "、".join(inject.missing_facts[:3]), text=inject.message))
    return list(issues.values())


def corrective_actions(payload: ExercisePayload, scores: list[ActionScore], unclear: list[ClauseIssue],
                       finished: date, issuer: str | None) -> list[CorrectiveAction]:
    fixes: dict[str, CorrectiveAction] = {}
    due, revise = (finished + timedelta(days=FIX_DAYS)).isoformat(), (finished + timedelta(days=REVISE_DAYS)).isoformat()
    for s in scores:
        if s.verdict is Verdict.COVERED:
            continue
        a = _action(payload, s)
        owner = (a.lead_units or a.support_units or [ORGANISER])[0]
        what = "时限" if s.verdict is Verdict.LATE else "职责"
        fixes.setdefault(a.action, CorrectiveAction(
            action=f"组织{owner}就「{a.action[:40]}」开展{what}专项培训和复盘，纳入下次演练检验[{a.citation}]",
            owner=owner, due=due))
    for issue in unclear:
        fixes.setdefault(f"{issue.citation}{issue.issue}", CorrectiveAction(
            action=f"修订《{payload.plan_title}》相关条款（{issue.issue}）[{issue.citation}]",
            owner=issuer or "预案编制单位", due=revise))
    return list(fixes.values())


def evaluation_report(payload: ExercisePayload, responses: list[TeamResponse], finished: date,
                      issuer: str | None = None) -> EvaluationReport:
    scores = score_all(payload, responses)
    teams = {team: {v.value: sum(s.verdict is v for s in scores if s.team == team) for v in Verdict}
             for team in teams_of(responses)}
    unclear = unclear_clauses(payload)
    described = [(s, _action(payload, s)) for s in scores]
    covered = list(dict.fromkeys(f"{a.action}[{a.citation}]" for s, a in described if s.verdict is Verdict.COVERED))
    missed = [f"{s.team}·{payload.injects[s.inject].stage}：{a.action}[{a.citation}]——{s.reason}"
              for s, a in described if s.verdict is not Verdict.COVERED]
    return EvaluationReport(
        objectives=payload.objectives, teams=teams,
        indicators=[indicator(key, title, selects, payload, scores) for key, title, selects in INDICATORS],
        covered=covered, missed=missed, unclear=unclear,
        corrective_actions=corrective_actions(payload, scores, unclear, finished, issuer),
    )
