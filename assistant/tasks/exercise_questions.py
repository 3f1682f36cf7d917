"""The words of a tabletop exercise around its injects: the exercise's objectives and two or three discussion
questions per inject, filled from the plan's level decision and the actions expected at that inject."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.models import ExpectedAction, Inject

if TYPE_CHECKING:
    from assistant.tasks.checklist import PlanContext

OBJECTIVES = [
    "预案执行：检验《{plan}》在{hazard}情景下的分级响应条件、启动程序和处置措施是否清晰可操作。",
    "指挥协调：检验指挥机构、牵头单位和配合单位的职责分工与协同配合。",
    "信息报告：检验接报、首报、续报和信息发布是否符合预案规定的时限和对象。",
    "资源保障：检验队伍、物资、装备和通信等保障措施能否及时到位。",
]


def objectives(plan_title: str, hazard: str, injects: list[Inject]) -> list[str]:
    found = [o.format(plan=plan_title, hazard=hazard) for o in OBJECTIVES]
    stages = "→".join(i.stage for i in injects)
    return [*found, f"推演环节：{stages}。"]


def _units(actions: list[ExpectedAction]) -> str:
    units = list(dict.fromkeys(u for a in actions for u in a.lead_units))
    return "、".join(units[:3])


def _deadline(actions: list[ExpectedAction]) -> str | None:
    return next((a.deadline for a in actions if a.deadline), None)


def questions_for(stage: str, context: PlanContext, actions: list[ExpectedAction], hazard: str) -> list[str]:
    """Two or three questions a facilitator asks the teams at this stage."""
    decision, units, deadline = context.decision, _units(actions), _deadline(actions)
    asks: list[str] = []
    if stage == "接报":
        asks.append("接报后应向谁报告、报告哪些内容？" + (f"预案规定的时限（{deadline}）如何保证？" if deadline else "时限是多少？"))
        asks.append("现有信息能否判定响应级别？还需要核实哪些情况？"
                    + (f"（尚缺：{'、'.join(decision.missing[:3])}）" if decision.missing else ""))
    elif stage == "预警":
        asks.append("预警由谁签发、通过哪些渠道发布？发布后如何叫应到基层责任人？")
        asks.append(f"预警期间{units or '各成员单位'}应做好哪些准备？")
    elif stage in ("响应启动", "升级"):
        label = decision.label or "相应级别"
        asks.append(f"依据预案哪一条件启动{label}？由谁决定、如何宣布？")
        asks.append(f"{units or '牵头单位'}首先采取哪些措施？哪些单位配合？")
        if stage == "升级":
            asks.append("响应级别提升后，指挥机构和力量部署如何调整？")
    elif stage == "次生":
        asks.append(f"{hazard}引发次生灾害时，由谁组织抢险救援和人员转移？")
        asks.append("现场救援力量、物资和装备是否满足需要？不足时向谁请求支援？")
    elif stage == "信息发布":
        asks.append("由谁统一发布权威信息？首次发布和后续发布的时限是多少？")
        asks.append("如何向上级续报工作进展？" + (f"（预案要求：{deadline}）" if deadline else ""))
    else:
        asks.append("响应终止（或降级）的条件是什么？由谁宣布？")
        asks.append("后期处置、调查评估和总结报告分别由谁负责？")
    return asks[:3]
