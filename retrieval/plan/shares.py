"""Shares computed from the base a plan states: 「受旱耕地占全县耕地面积20%以上」 with 「全县耕地面积40万亩」 in the
plan, and a report of 「受旱耕地九万二千亩」 (23 %).

An officer reports the amount, the criterion grades its share. `read_share_bases` finds, for each share threshold
of the plan's criteria, the figure the plan gives for its base (「占全县耕地面积」 → 「全县耕地面积 40 万亩」), in the
unit the facts use for the amount; `with_shares` adds the share to the facts when the report gives only the amount.
"""

from __future__ import annotations

import re

from retrieval.plan.models import ResponseLevel
from retrieval.plan.phrases import canonical_unit, plan_text

_SHARE_OF = re.compile(r"占(?P<base>[\u4e00-\u9fa5]{2,12}?)(?:的)?(?:比例|比重)?(?:达到|达|超过)?\s*\d")
_FIGURE = r"\s*(?:为|约|共|达)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<mag>万)?\s*(?P<unit>亩|公顷|人|户)"
SHARE = "比例"


def read_share_bases(levels: list[ResponseLevel], text: str) -> dict[str, float]:
    """{share quantity: its base's figure}, for the shares whose base the plan states as a figure."""
    norm = plan_text(text).norm
    bases: dict[str, float] = {}
    for threshold, criterion in ((th, t.text) for lv in levels for t in lv.triggers for th in t.thresholds):
        if threshold.unit != "%" or not threshold.quantity.endswith(SHARE) or threshold.quantity in bases:
            continue
        if (of := _SHARE_OF.search(plan_text(criterion).norm)) and (
                figure := re.search(re.escape(of["base"]) + _FIGURE, norm)):
            factor, _ = canonical_unit(figure["unit"], figure["mag"] or "")
            bases[threshold.quantity] = float(figure["n"]) * factor
    return bases


def with_shares(bases: dict[str, float], values: dict[str, float]) -> dict[str, float]:
    """The facts with each share the report did not give, computed from the amount it gave and the plan's base."""
    shares = {quantity: 100 * values[quantity.removesuffix(SHARE)] / base for quantity, base in bases.items()
              if quantity not in values and quantity.removesuffix(SHARE) in values and base > 0}
    return {**values, **shares}
