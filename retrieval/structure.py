"""Find a document's own structure: 编/章/节/条 of laws, 1 / 1.1 / 4.2.3 of plans, 一、/（一）/1./（1） outlines.

Each block of a loaded document is either a heading of one of these families or body text. A heading is only
accepted when it continues the numbering it belongs to (第十八条 after 第十七条, 4.2.3 after 4.2.2 or 4.2), which
rejects cross-references that happen to start a line and list items inside a section. Table-of-contents lines
(dot leaders, trailing page numbers) never become headings. Nothing below a 条 is a heading: 款 and 项 stay
inside their article, which is the unit of citation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from retrieval.loaders.running import is_page_number
from retrieval.models import Block, Section
from retrieval.ranking.numerals import CN_NUMERAL_CHARS, cn_to_int

_CN = f"[{CN_NUMERAL_CHARS}]+"
_LAW_UNIT = re.compile(rf"^第({_CN}|\d+)([编章节])(?![的规中所之])\s*(.*)$")
# 第一条 为了… / 第一条为了… — but not 第二十条规定的… or 第五条的…, which are references.
_ARTICLE = re.compile(rf"^第({_CN}|\d+)条(?![的规之、和或至及中第（(所项款])\s*(.*)$")
# 「4.4至4.7各节所列措施…」 opens with a reference to a range of sections, not a heading.
_DOTTED = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){0,4})(?:\.(?!\d)|、)?\s*(?!(?:至|到|～|~|—|－)\s*\d)(?=[^\d.%．])(.*)$"
)
# 「附件2」「附件 4 衡阳市防汛抗旱应急指挥部成员单位职责」「附录A」 alone on a line: an annex, above every numbering
# of the body (which it restarts); 「附件2所列标准执行。」 is a sentence, 「附件：1．…」 a list of annexes
_ANNEX = re.compile(rf"^(附件|附录)\s*({_CN}|\d+|[A-Z])\s*[：:]?\s*([^。；！？]{{0,30}})$")
_ANNEX_RANK = -1
_OUTLINE_1 = re.compile(rf"^({_CN})[、.．]\s*(.*)$")
_OUTLINE_2 = re.compile(rf"^[（(]({_CN})[)）]\s*(.*)$")
_OUTLINE_3 = re.compile(r"^(\d{1,2})[、.．](?!\d)\s*(.*)$")
_OUTLINE_4 = re.compile(r"^[（(](\d{1,2})[)）]\s*(.*)$")
# A TOC line ends in a dot leader, optionally followed by a page number ("1.1 编制目的…… 3", "7.9 资金保障. 66"); OCR
# and word processors lead with any mark repeated (「六、响应调整与结束﹍﹍﹍﹍13」「4 分级响应⁘⁘⁘⁘⁘ 6」「一、总则。。。。1」).
_TOC_LINE = re.compile(
    r"(?:[.．…·]\s*[.．…·][\s.．…·]*\d{0,3}|(?<=[^\d\s.．])[.．…·]\s*\d{1,3}|\s{2,}\d{1,3}"
    r"|([^\w\s|])(?:\s*\1){2,}\s*\d{0,3})\s*$"
)
_SENTENCE_END = "。；！？"

_LAW_RANKS = {"编": 0, "章": 1, "节": 2, "条": 3}
_DOTTED_BASE_RANK = 10
_OUTLINE_BASE_RANK = 20
_MAX_TITLE = 24
_STANDALONE_HEADING_MAX = 40


@dataclass
class _Heading:
    kind: str
    rank: int
    label: str
    value: tuple[int, ...]
    title: str
    run_in: bool
    ends_sentence: bool = False
    ends_item: bool = False  # 「（二）造成10人以上30人以下死亡；」: a list item's 「；」, which no heading ends with
    family: int = 0  # the outline family's usual rank (一、 20, （一） 21, 1. 22, （1） 23), whatever rank it takes here


@dataclass
class _Open:
    """A heading on the stack of currently open sections."""

    heading: _Heading
    children_last: dict[str, tuple[int, ...]]


def is_toc_line(text: str) -> bool:
    return bool(_TOC_LINE.search(text))


def _split_title(rest: str) -> tuple[str, bool]:
    """Title of a heading line and whether the line also carries body text (a run-in heading)."""
    rest = rest.strip()
    if len(rest) <= _STANDALONE_HEADING_MAX and not any(p in rest[:-1] for p in _SENTENCE_END):
        return rest.rstrip("。：:"), False
    cut = min((rest.find(p) for p in "。：:" if 0 < rest.find(p) <= 30), default=-1)
    title = rest[:cut] if cut > 0 else rest[:15] + "…"
    return title, True


def _truncate(title: str) -> str:
    return title if len(title) <= _MAX_TITLE else title[: _MAX_TITLE - 1] + "…"


def _normalise_digits(text: str) -> str:
    """Full-width digits and dots become ASCII, so that ４．２ is read as 4.2."""
    return "".join(unicodedata.normalize("NFKC", ch) if ch in "０１２３４５６７８９．" else ch for ch in text)


def _candidates(text: str) -> list[_Heading]:
    """Every heading reading of a line, most specific family first."""
    text = _normalise_digits(text.strip())
    found = _readings(text)
    for heading in found:
        heading.ends_sentence = text.endswith(tuple(_SENTENCE_END))
        heading.ends_item = text.endswith(("；", ";"))
    return found


def _readings(text: str) -> list[_Heading]:
    if is_page_number(text):
        return []  # 「6/14」「— 3 —」 left in OCR'd text: a page's number, not section 6
    found: list[_Heading] = []
    if (m := _ANNEX.match(text)) and not re.match(r"[）)、所中]", m[3]):
        number = cn_to_int(m[2]) if not m[2].isascii() else (int(m[2]) if m[2].isdigit() else ord(m[2]) - 64)
        return [_Heading("annex", _ANNEX_RANK, f"{m[1]}{m[2]}", (number,), m[3].strip(), False)]
    if m := _ARTICLE.match(text):
        found.append(_Heading("条", 3, f"第{m[1]}条", (cn_to_int(m[1]),), "", True))
    if m := _LAW_UNIT.match(text):
        title, run_in = _split_title(m[3])
        found.append(_Heading(m[2], _LAW_RANKS[m[2]], f"第{m[1]}{m[2]}", (cn_to_int(m[1]),), title, run_in))
    if m := _OUTLINE_2.match(text):
        title, run_in = _split_title(m[2])
        found.append(_Heading("outline", _OUTLINE_BASE_RANK + 1, f"（{m[1]}）", (cn_to_int(m[1]),), title, run_in))
    if m := _OUTLINE_1.match(text):
        title, run_in = _split_title(m[2])
        found.append(_Heading("outline", _OUTLINE_BASE_RANK, f"{m[1]}、", (cn_to_int(m[1]),), title, run_in))
    if m := _OUTLINE_4.match(text):
        title, run_in = _split_title(m[2])
        found.append(_Heading("outline", _OUTLINE_BASE_RANK + 3, f"（{m[1]}）", (int(m[1]),), title, run_in))
    if m := _OUTLINE_3.match(text):
        title, run_in = _split_title(m[2])
        found.append(_Heading("outline", _OUTLINE_BASE_RANK + 2, f"{m[1]}.", (int(m[1]),), title, run_in))
    if (m := _DOTTED.match(text)) and m[2].strip():
        value = tuple(int(part) for part in m[1].split("."))
        title, run_in = _split_title(m[2])
        rank = _DOTTED_BASE_RANK + len(value)
        found.append(_Heading("dotted", rank, m[1], value, title, run_in))
    return found


def _dotted_successor(previous: tuple[int, ...], candidate: tuple[int, ...]) -> bool:
    """4.2.3 follows 4.2.2, 4.2 or 4.1.5; 5 or 5.1 follows 4.x; 1 or 1.1 opens a document."""
    if not previous:
        return candidate[0] in (0, 1) and all(x == 1 for x in candidate[1:])
    for i, (prev, cand) in enumerate(zip(previous, candidate, strict=False)):
        if cand != prev:
            return cand == prev + 1 and all(x == 1 for x in candidate[i + 1 :])
    return len(candidate) > len(previous) and all(x == 1 for x in candidate[len(previous) :])


class StructureParser:
    """Walks the blocks of one document and cuts them into sections."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.annex_blocks = _last_annex_lines(blocks)
        self.contents_lines = _contents_lines(blocks)
        self.stack: list[_Open] = []
        self.root_last: dict[str, tuple[int, ...]] = {}
        self.last_dotted: tuple[int, ...] = ()
        self.inside_article = False

    def _siblings_last(self) -> dict[str, tuple[int, ...]]:
        return self.stack[-1].children_last if self.stack else self.root_last

    def _accepts(self, heading: _Heading, hinted: bool) -> bool:
        if heading.kind == "dotted":
            in_outline = any(o.heading.kind == "outline" for o in self.stack)
            if self.inside_article or (in_outline and len(heading.value) == 1):
                return False
            if len(heading.value) == 1 and heading.ends_sentence and not hinted:
                return False  # 「5. 危险化学品运输车辆在大桥上发生泄漏。」 is the fifth item of a list, not chapter 5
            chapter = next((o.heading.value[0] for o in reversed(self.stack) if o.heading.kind == "章"), None)
            if chapter is not None and len(heading.value) >= 2 and heading.value[0] == chapter \
                    and self.last_dotted[:1] != (chapter,):
                # 「第四章 监测预警」 then 「4.1 监测」: a chapter's sections may be numbered after it, though the
                # chapters before it used 一、 or nothing
                return all(x == 1 for x in heading.value[1:])
            return _dotted_successor(self.last_dotted, heading.value) or (
                hinted and not heading.run_in and heading.value > self.last_dotted
            )
        if heading.kind == "annex":
            # 「附件」 over a whole plan that an issuing notice sends is no annex of it: an annex follows a body
            return bool(self.last_dotted or self.root_last) and heading.value > self.root_last.get("annex", (0,))
        if heading.kind == "条":
            return heading.value > self.root_last.get("条", (0,))
        if heading.kind in _LAW_RANKS:
            key = heading.kind
            return heading.value > self.root_last.get(key, (0,)) and not heading.run_in
        return self._accepts_outline(heading, hinted)

    def _accepts_outline(self, heading: _Heading, hinted: bool) -> bool:
        if self.inside_article:
            return False
        depth = heading.rank - _OUTLINE_BASE_RANK
        if heading.ends_item and not hinted:
            return False  # 「（一）发生重大突发事件；」 opens a list of conditions, not a section
        if depth >= 2:
            # 1. and （1） are headings only inside an outline (under 一、/（一）) and only as short lines
            # that do not end like a list item (「（1）需疏散群众500人以上的；」).
            parent_is_outline = bool(self.stack) and self.stack[-1].heading.kind == "outline"
            if not parent_is_outline or (not hinted and (heading.run_in or heading.ends_sentence)):
                return False
        open_at_rank = [o for o in self.stack if o.heading.rank < heading.rank]
        scope = open_at_rank[-1].children_last if open_at_rank else self.root_last
        previous = scope.get(f"outline{depth}", (0,))
        # A format-marked heading may restart its numbering (a report's second list of （一）…).
        return heading.value[0] == previous[0] + 1 or (hinted and heading.value[0] == 1)

    def _open(self, heading: _Heading) -> None:
        while self.stack and self.stack[-1].heading.rank >= heading.rank:
            self.stack.pop()
        key = heading.kind if heading.kind != "outline" else f"outline{heading.rank - _OUTLINE_BASE_RANK}"
        if heading.kind == "annex":
            # an annex numbers its own parts afresh: 「一、暴雨」 and 「1.」 after the body's 9.5 and 六、
            self.root_last = {"annex": heading.value}
            self.last_dotted = ()
        elif heading.kind in _LAW_RANKS:
            self.root_last[key] = heading.value
        else:
            self._siblings_last()[key] = heading.value
        if heading.kind == "dotted":
            self.last_dotted = heading.value
        self.inside_article = heading.kind == "条"
        self.stack.append(_Open(heading, {}))

    def match(self, block: Block) -> _Heading | None:
        text = block.text.strip()
        if is_toc_line(text) or "|" in text or id(block) in self.contents_lines:
            return None  # a table row (「| 7 | 做好病人家属安抚 | … |」, its table broken over a page) is no heading
        hinted = block.heading_level is not None
        candidates = [self._placed(h) for h in _candidates(text) if h.kind != "annex" or id(block) in self.annex_blocks]
        return next((h for h in candidates if self._accepts(h, hinted)), None)

    def _placed(self, heading: _Heading) -> _Heading:
        """An outline family that usually ranks above the open one, under it for the first time, is its child here:
        「二、启动条件 › 1．Ⅳ级响应 › （一）…（二）…」 lists under 1. with （一）."""
        heading.family = heading.family or heading.rank
        top = self.stack[-1].heading if self.stack else None
        if heading.kind == "outline" and top is not None and top.kind == "outline" and heading.rank < top.rank \
                and not any(o.heading.kind == "outline" and o.heading.family == heading.family for o in self.stack):
            heading.rank = top.rank + 1
        return heading

    def sections(self) -> list[Section]:
        sections: list[Section] = []
        heading_blocks: list[Block | None] = [None]
        current = _new_section("preamble", "", "", 0, [], "（正文前）")
        titled_annex: Block | None = None
        for index, block in enumerate(self.blocks):
            if titled_annex is block:
                continue  # the annex's title line, taken into its heading
            heading = self.match(block)
            if heading is None:
                current.blocks.append(block)
                continue
            if heading.kind == "annex" and not heading.title:
                titled_annex = _annex_title_line(self.blocks, index)
                heading.title = titled_annex.text.strip() if titled_annex else ""
            sections.append(current)
            self._open(heading)
            current = self._section_for_stack()
            heading_blocks.append(block)
            if heading.kind == "条" or heading.run_in:
                current.blocks.append(block)
        sections.append(current)
        _keep_heading_only_leaves(sections, heading_blocks)
        return [s for s in sections if s.blocks]

    def _section_for_stack(self) -> Section:
        leaf = self.stack[-1].heading
        path = [_path_entry(o.heading) for o in self.stack]
        return _new_section(leaf.kind, leaf.label, leaf.title, leaf.rank, path, _locator(self.stack))


def _contents_lines(blocks: list[Block]) -> set[int]:
    """Lines of a table of contents without dot leaders or page numbers: a numbered heading (「1 总则」「第三章 应急
    响应」「4.2 Ⅲ级响应」) whose very line comes again later, where the body opens that section. Numbers of 1 / 1.1 and
    of 章/节 do not repeat in a body, so the earlier line lists it."""
    seen: dict[str, int] = {}
    earlier: set[int] = set()
    listed = [_contents_entry(b.text) for b in blocks]
    for i, block in enumerate(blocks):
        text = re.sub(r"\s+", " ", _normalise_digits(block.text.strip()))
        if not any(h.kind in ("dotted", *_LAW_RANKS) and h.kind != "条" for h in _readings(text)):
            continue
        if text in seen:
            earlier.add(seen[text])
        # a contents line is followed by another heading line, not by the section's text (「2.应急联动」 under
        # two parts of an annex opens each)
        seen[text] = id(block) if i + 1 < len(blocks) and listed[i + 1] else -1
    return (earlier - {-1}) | _contents_runs(blocks, listed)


_CONTENTS_RUN = 3


def _contents_runs(blocks: list[Block], listed: list[bool]) -> set[int]:
    """A run of contents entries listing three or more chapters (「第一章 总则」「第二章 …」「第三章 …」, or 1 / 2 / 3) one
    after another with no text between: a table of contents, whether or not the body repeats each line verbatim (an
    OCR'd 「丨第八章 附则」 does not). A body never opens three chapters in a row."""
    found: set[int] = set()
    start = 0
    while start < len(blocks):
        end, texts = start, set()
        # the run ends where the body begins: at its first heading, which repeats an entry (「第一章 总则」 again)
        while end < len(blocks) and listed[end] and "|" not in blocks[end].text \
                and (text := _entry_text(blocks[end])) not in texts:
            texts.add(text)
            end += 1
        run = blocks[start:end]
        tops = [h for b in run for h in _readings(_normalise_digits(b.text.strip()))[:1]
                if h.kind in _LAW_RANKS and h.kind != "条" or h.kind == "dotted" and len(h.value) == 1]
        if len(tops) >= _CONTENTS_RUN:
            found.update(id(b) for b in run)
        start = max(end, start + 1)
    return found


def _entry_text(block: Block) -> str:
    """An entry as the body repeats it: no spaces, no OCR bars, no page number (「1　总则　　2」 → 「1总则」)."""
    text = re.sub(r"[\s丨|│┃]+", "", _normalise_digits(block.text.strip()))
    return re.sub(r"(?<=[\u4e00-\u9fff）)])[.…·]*\d+$", "", text)


def _contents_entry(text: str) -> bool:
    """A short numbered line of the families a table of contents lists (「2 组织体系」「第三章」「附件1 …」)."""
    text = _normalise_digits(text.strip())
    return len(text) <= _STANDALONE_HEADING_MAX and not text.endswith(tuple(_SENTENCE_END)) and any(
        h.kind in ("dotted", "annex", *_LAW_RANKS) and h.kind != "条" for h in _readings(text))


def _last_annex_lines(blocks: list[Block]) -> set[int]:
    """The blocks that open an annex: of the lines naming one annex (「附件2 …」 in a table of contents without
    dot leaders, then the annex itself), the last."""
    last: dict[tuple[int, ...], int] = {}
    for block in blocks:
        for heading in _readings(_normalise_digits(block.text.strip())):
            if heading.kind == "annex":
                last[heading.value] = id(block)
    return set(last.values())


def _annex_title_line(blocks: list[Block], index: int) -> Block | None:
    """「附件2」 then 「各灾种应急响应启动标准」 on the next line: a short line that is no sentence titles the annex."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None:
        return None
    text = following.text.strip()
    if 2 <= len(text) <= 30 and not text.endswith(tuple(_SENTENCE_END)) and not _candidates(text) and "|" not in text:
        return following
    return None


def _keep_heading_only_leaves(sections: list[Section], heading_blocks: list[Block | None]) -> None:
    """A heading with neither body nor sub-sections is content (「（3）发生人员死亡的」): keep its line as text."""
    for i, section in enumerate(sections):
        block = heading_blocks[i]
        if section.blocks or block is None:
            continue
        following = sections[i + 1].heading_path if i + 1 < len(sections) else []
        has_children = len(following) > len(section.heading_path) and \
            following[: len(section.heading_path)] == section.heading_path
        if not has_children:
            section.blocks.append(block)


def _path_entry(heading: _Heading) -> str:
    title = _truncate(heading.title)
    if not title:
        return heading.label
    separator = " " if heading.kind in ("dotted", "annex", *_LAW_RANKS) else ""
    return f"{heading.label}{separator}{title}"


def _locator(stack: list[_Open]) -> str:
    """Human citation anchor: 第四章 第十七条 · 4.2.3 信息报告 · 三、 （二）应急响应严重滞后."""
    headings = [o.heading for o in stack]
    leaf = headings[-1]
    ancestors = headings[:-1]
    # 4.2.3 already names 4 and 4.2: of a run of dotted headings only the deepest is cited.
    dotted = [h for h in headings if h.kind == "dotted"]
    ancestors = [h for h in ancestors if h.kind != "dotted" or (h is dotted[-1] and leaf.kind != "dotted")]
    parts = [h.label for h in ancestors] + [_path_entry(leaf)]
    return " ".join(parts)


def _new_section(kind: str, number: str, title: str, rank: int, path: list[str], locator: str) -> Section:
    return Section(kind=kind, number=number, title=title, rank=rank, heading_path=path, locator=locator, blocks=[])


def parse_sections(blocks: list[Block]) -> list[Section]:
    """Cut a document's blocks into sections along its own numbering, in document order."""
    sections = StructureParser(blocks).sections()
    if any(s.kind != "preamble" for s in sections):
        # A preamble of nothing but the title line(s) says nothing a breadcrumb does not.
        return [s for s in sections if s.kind != "preamble" or any(b.heading_level is None for b in s.blocks)]
    return _sections_from_heading_hints(blocks) or sections


def _sections_from_heading_hints(blocks: list[Block]) -> list[Section]:
    """For a document with no numbering at all, the file format's own headings (Markdown #, DOCX styles)."""
    hinted = [b for b in blocks if b.heading_level is not None]
    if len(hinted) < 2:
        return []
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    current = _new_section("preamble", "", "", 0, [], "（正文前）")
    for block in blocks:
        if block.heading_level is None:
            current.blocks.append(block)
            continue
        sections.append(current)
        path = [p for p in path if p[0] < block.heading_level] + [(block.heading_level, block.text.strip())]
        titles = [_truncate(t) for _, t in path]
        current = _new_section("heading", "", titles[-1], block.heading_level, titles, titles[-1])
    sections.append(current)
    return [s for s in sections if s.blocks]
