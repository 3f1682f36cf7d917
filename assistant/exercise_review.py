"""Scoring a tabletop exercise and its evaluation report.

Each team's responses to an inject are scored against the actions the plan expects there: **covered** (the
response names the action, within the plan's deadline), **late** (named, after the deadline) or **missed**. A
response names an action when the trainer ticked it, or when it carries enough of the action's key words. The
report gathers the scores under the tabletop-exercise evaluation headings of GB/T 46792-2025 (预案执行, 指挥协调,
信息报告及时性, 资源保障), lists what was covered and what was missed and why, the plan clauses that proved unclear
or conflicting, and ends with corrective actions, each with an owner and a due date.
"""

from __future__ import annotations

import re
from enum import StrEnum

import jieba
from pydantic import BaseModel, Field

from assistant.models import ExercisePayload, ExpectedAction
from retrieval.ranking.numerals import CN_NUMERAL_CHARS, cn_to_int

IMMEDIATE_MINUTES = 10
FIX_DAYS, REVISE_DAYS = 30, 60
_DEADLINE = re.compile(rf"(?P<num>\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]+|半)\s*(?:个)?(?P<unit>分钟|小时|日|天)")
_FILLER = {"应当", "及时", "有关", "相关", "立即", "工作", "情况", "进行", "组织", "按照", "根据", "负责", "以及",
           "并且", "或者", "其他", "各级", "要求", "规定", "做好", "需要", "可以", "应急", "开展", "实施"}


class Verdict(StrEnum):
    COVERED = "covered"
    LATE = "late"
    MISSED = "missed"


class TeamResponse(BaseModel):
    id: int
    inject: int
    team: str
    text: str
    minutes: int | None = Field(None, description="minutes after the inject at which the team acts")
    covers: list[int] | None = Field(None, description="expected actions (0-based) the trainer ticked")
    by: str = ""
    at: str = ""


class ActionScore(BaseModel):
    team: str
    inject: int
    action: int
    verdict: Verdict
    reason: str = ""


class Indicator(BaseModel):
    key: str
    title: str
    score: float | None
    rating: str
    covered: int
    late: int
    missed: int
    findings: list[str] = Field(default_factory=list)


class ClauseIssue(BaseModel):
    citation: int
    issue: str
    text: str


class CorrectiveAction(BaseModel):
    action: str
    owner: str
    due: str


class EvaluationReport(BaseModel):
    objectives: list[str]
    teams: dict[str, dict[str, int]]
    indicators: list[Indicator]
    covered: list[str]
    missed: list[str]
    unclear: list[ClauseIssue]
    corrective_actions: list[CorrectiveAction]


def deadline_minutes(deadline: str | None) -> int | None:
    """「30分钟内」 → 30, 「1小时内」 → 60, 「每6小时…」 → 360, 「立即」 → 10; None when the text sets no time."""
    if not deadline:
        return None
    m = _DEADLINE.search(deadline)
    if m is None:
        return IMMEDIATE_MINUTES if re.search(r"立即|第一时间|马上", deadline) else None
    num = m["num"]
    value = 0.5 if num == "半" else float(num) if num[0].isdigit() else cn_to_int(num)
    return round(value * {"分钟": 1, "小时": 60, "日": 1440, "天": 1440}[m["unit"]])


def key_words(action: str) -> list[str]:
    words = [w for w in jieba.lcut(re.sub(r"[（(][^)）]*[)）]", "", action)) if len(w) >= 2]
    return list(dict.fromkeys(w for w in words if w not in _FILLER and not w.isdigit()))


def names_action(text: str, action: ExpectedAction) -> bool:
    """Whether a response names the action: 40 % of its key words, or three of them."""
    words = key_words(action.action)
    if not words:
        return False
    found = sum(w in text for w in words)
    return found >= 3 or found / len(words) >= 0.4


def score_team(payload: ExercisePayload, responses: list[TeamResponse], team: str) -> list[ActionScore]:
    scores: list[ActionScore] = []
    for inject in payload.injects:
        mine = [r for r in responses if r.team == team and r.inject == inject.index]
        for i, action in enumerate(inject.expected_actions):
            hits = [r for r in mine if (i in r.covers if r.covers is not None else names_action(r.text, action))]
            scores.append(_verdict(team, inject.index, i, action, hits, answered=bool(mine)))
    return scores


def _verdict(team: str, inject: int, i: int, action: ExpectedAction, hits: list[TeamResponse],
             answered: bool) -> ActionScore:
    if not hits:
        reason = "响应中未提及该措施" if answered else "未对该情景作出响应"
        return ActionScore(team=team, inject=inject, action=i, verdict=Verdict.MISSED, reason=reason)
    limit = deadline_minutes(action.deadline)
    first = min((r.minutes for r in hits if r.minutes is not None), default=None)
    if limit is not None and first is not None and first > limit:
        return ActionScore(team=team, inject=inject, action=i, verdict=Verdict.LATE,
                           reason=f"用时{first}分钟，超过预案时限（{action.deadline}）")
    return ActionScore(team=team, inject=inject, action=i, verdict=Verdict.COVERED)


def teams_of(responses: list[TeamResponse]) -> list[str]:
    return list(dict.fromkeys(r.team for r in responses))


def score_all(payload: ExercisePayload, responses: list[TeamResponse]) -> list[ActionScore]:
    return [s for team in teams_of(responses) for s in score_team(payload, responses, team)]
