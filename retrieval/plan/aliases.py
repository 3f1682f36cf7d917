"""Levels a plan names in words of its own and maps onto the national scale in one sentence.

「甲级、乙级、丙级、丁级响应分别相当于《…》的Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级响应」 and 「一号、二号、三号、四号响应分别对应《…》的Ⅳ级、
Ⅲ级、Ⅱ级、Ⅰ级响应」 (where 一号 is the lowest) and 「特级、一级、二级、三级响应依次对应《…》的Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级响应」 (where
一级 is the second) name the same four levels as every other plan. The plan is read with its
names replaced by the scale's, which are as long, so that its grading, its measures' sections and its builds-on rule
(「二号响应同时执行一号响应措施」) are read as any plan's.
"""

from __future__ import annotations

import re

from retrieval.models import Chunk

# (「蓝色、黄色、橙色、红色响应分别表述为Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级响应」: a plan may name its responses by colour)
_NAME = r"(?:[\u4e00-\u9fff](?:级|号)|[红橙黄蓝]色)"
_ROMAN = r"(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ)\s*级"
_SEP = r"\s*[、，,和及与]\s*"
# (the names may be written before or after 「响应」, and a line of the PDF may break between them)
_MAPPING = re.compile(
    rf"(?P<names>{_NAME}(?:{_SEP}{_NAME}){{3}})\s*(?:应急)?(?:响应)?\s*(?:分别|依次)\s*(?:相当于|对应于?|等同于|即|表述为|表示为)[^。；]{{0,40}}?"
    rf"(?P<levels>{_ROMAN}(?:{_SEP}{_ROMAN}){{3}})"
)


def level_aliases(text: str) -> dict[str, str]:
    """{a plan's own level name: the scale's} from its mapping sentence (「一号」: 「Ⅳ级」); empty when it has none."""
    m = _MAPPING.search(re.sub(r"\s*\n\s*", "", text))
    if m is None:
        return {}
    names = re.findall(_NAME, m["names"])
    levels = [re.sub(r"\s+", "", level) for level in re.findall(_ROMAN, m["levels"])]
    if len(set(names)) != 4 or len(set(levels)) != 4 or any(name in levels for name in names):
        return {}
    return dict(zip(names, levels, strict=True))


def on_the_scale(text: str, aliases: dict[str, str]) -> str:
    """Text with a plan's own level names replaced by the scale's (「刚启动丙级」 → 「刚启动Ⅲ级」)."""
    if not aliases:
        return text
    # (「每一级响应都要执行」「报上一级人民政府」「任一级」 name no level)
    pattern = re.compile(r"(?<![第\d每任哪上下同])(?:" + "|".join(map(re.escape, aliases)) + ")")
    return pattern.sub(lambda m: aliases[m[0]], text)


def with_aliases(chunk: Chunk, aliases: dict[str, str]) -> Chunk:
    """The chunk read with the plan's level names replaced by the scale's (its locator, the citation, unchanged)."""
    if not aliases:
        return chunk
    return chunk.model_copy(update={"text": on_the_scale(chunk.text, aliases),
                                    "heading_path": [on_the_scale(h, aliases) for h in chunk.heading_path]})


def own_label(label: str, aliases: dict[str, str]) -> str:
    """A level's label in the plan's own name, the scale's after it: 「Ⅲ级响应」 of a plan whose Ⅲ级 is 丙级 →
    「丙级响应（Ⅲ级）」, as its officers say it and as they report it upwards."""
    for own, scale in aliases.items():
        if scale in label:
            return f"{label.replace(scale, own)}（{scale}）"
    return label
