"""Reading a plan's grading: levels on each ladder, their triggers, modes, deciders and what they build on.

`LevelReader` collects, section by section, what a plan says about its levels: the conditions listed under a
level (「符合下列条件之一」 → any, 「同时满足」 → all), levels defined inline (「（1）Ⅰ级应急响应：…」), condition
sentences (「…超过警戒水位时，启动Ⅳ级应急响应」), who decides (「由区防指办公室主任决定启动」), discretionary
clauses (「是否启动」) and 「在落实Ⅲ级…的基础上」. Triggers found only in an appendix count when the body
states none of that ladder; a catch-all (「其他需要启动Ⅰ级响应的情况」) is for a person to judge. Tables and bare 「Ⅳ级：…」 lines
are read by `grading_tables`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.models import Chunk
from retrieval.plan.grading_tables import BARE_LEVEL, read_bare_level_lines, read_grading_table
from retrieval.plan.items import (
    CHINESE_ITEM_MARK,
    chinese_items,
    counted_items,
    is_item,
    sentences,
    split_items,
    strip_marker,
    up_to_finished_sentence,
)
from retrieval.plan.levels import (
    BUILDS_ON,
    LEVEL_WORD,
    TRIGGER_HEADINGS,
    HeadingContext,
    LevelMention,
    find_level_mentions,
    make_trigger,
    response_of_colour,
)
from retrieval.plan.models import Ladder, Mode, ResponseLevel, Trigger
from retrieval.plan.phrases import plan_text
from retrieval.plan.season import LINKED_CRITERION
from retrieval.plan.tables import Table, hazard_prefix
from retrieval.ranking.numerals import cn_to_int, level_to_int

# a part heading run into its text: 「（一）洪水：」
_RUN_IN_LABEL = re.compile(r"^[（(][一二三四五六七八九十]{1,2}[)）]\s*[^：:，。；\n]{1,10}[：:]")
_INTRO = re.compile(
    r"(?:符合|满足|出现|发生|具备|达到|有)(?:以)?下列(?:条件|情况|情形|标准|事项)(?P<any>之一|中的?任[一何]项?|任一)?"
    r"|(?P<all>同时满足|同时符合|同时具备|全部满足|均满足)(?:下列|以下)(?:条件|情况|情形)?"
)
# 「出现下列情况之一者，启动Ⅱ级应急响应：」: an intro that names its level, under a heading that may name none.
_LEVEL_INTRO = re.compile(
    "(?:" + _INTRO.pattern + ")"
    + r"[者的时]?[，,]?\s*[^：:\n。；]{0,16}?(?:(?:启动|进入|发布|实施)(?P<label>[^：:\n。；，]{0,12}?(?:响应|预警))"
    + r"|为(?P<event>(?:特别重大|重大|较大|一般)[^：:\n。；，]{0,10}?(?:事件|事故|灾害)))[：:]?"
)
_DECIDER = re.compile(
    r"(?:由|[，,：:]|^)(?P<who>[^，。；：由,;:]{2,40}?)(?:决定启动|决定发布|批准启动|宣布启动|决定|签发|批准|拍板)"
    r"|由(?P<announcer>[^，。；：由,;:]{2,40}?)发布"
)
_THEN_LEVEL = re.compile(
    r"^(?P<cond>[^。；]+?)(?:的|时|者)[，,]\s*(?:由?[^。；，已]{0,12}?)(?:决定)?(?:启动|发布|进入)"
    r"(?P<label>[^。；，]{0,12}?(?:响应|预警))"
)
# 「较大事故由区政府启动Ⅲ级响应，并报告市人民政府」: a response started by the class of the event, with the class
# defined elsewhere (an annex table of 死亡/重伤/经济损失 per class)
_CLASS_STARTS = re.compile(
    r"^(?:发生)?(?P<cond>(?:特别重大|重大|较大|一般)(?!性)[^。；，,由]{0,8}?(?:事故|事件|灾害|火灾))(?:时|的)?[，,]?\s*"
    r"由[^。；，]{2,20}?启动(?P<label>[^。；，]{0,12}?响应)"
)
# 「…进入砚江水体…的，不论事故等级如何，均按不低于Ⅲ级启动响应」: a floor, met as a criterion of that level (the
# highest level met still wins)
_FLOOR_LEVEL = re.compile(
    r"^(?P<cond>[^。；]+?)(?:的|时|者)[，,]\s*(?:(?:不论|无论|不管)[^。；，]{0,12}[，,]?\s*)?[^。；，]{0,6}?"
    r"(?:(?:不低于|至少(?:按|启动)?)(?P<label>[^。；，]{1,6}?级)(?:启动)?|启动(?P<above>[^。；，]{1,6}?级)以上)"
    r"(?P<kind>(?:应急)?响应)"
)
# 「其他一般突发环境事件，启动Ⅳ级响应」: the class the levels above leave
_OTHER_CLASS_STARTS = re.compile(
    r"^其他(?P<cond>(?:特别重大|重大|较大|一般)[^。；，,]{0,10}?(?:事件|事故|灾害))[，,]\s*(?:由[^。；，]{2,20}?)?"
    r"启动(?P<label>[^。；，]{0,12}?响应)"
)
# 「特别重大、重大、较大、一般燃气事故分别对应一级、二级、三级、四级应急响应」: classes mapped to levels in turn
# after 「除Ⅲ级措施外」: 「，执行本章其他各节所列措施」 leaves that level out (not 「，还应：」, which adds to it)
_ALL_BUT = re.compile(r"[，,]?\s*(?:执行|落实|采取)?(?:本章|本节)?(?:其他|其余)")
_CLASS = r"(?:特别重大|重大|较大|一般)"
_CLASSES_TO_LEVELS = re.compile(
    rf"(?P<classes>{_CLASS}(?:[、，,和及与]{_CLASS}){{1,3}})(?P<kind>[\u4e00-\u9fa5]{{0,8}}?(?:事故|事件|灾害))?"
    rf"[^。；]{{0,8}}?(?:分别|依次)(?:对应|启动|实行|执行|适用)[^。；\d]{{0,6}}?"
    rf"(?P<levels>{LEVEL_WORD}\s*级?(?:\s*[、，,和及与]\s*{LEVEL_WORD}\s*级?){{1,3}})\s*(?:应急)?响应"
)
# 「（三）较大道路交通事故（Ⅲ级）。一次造成…」: a class written with the level it starts
_CLASS_WITH_LEVEL = re.compile(
    rf"(?P<cls>{_CLASS})(?P<kind>[\u4e00-\u9fa5]{{0,10}}?(?:事故|事件|灾害))\s*[（(]\s*(?P<n>{LEVEL_WORD})\s*级\s*[)）]"
)
# 「一般事故启动Ⅳ级应急响应，较大事故启动Ⅲ级应急响应…」「较大事故由区政府启动Ⅲ级响应」「重大突发事件启动二级响应」
_CLASS_STARTS_LEVEL = re.compile(
    rf"(?<![\u4e00-\u9fa5])(?P<cls>{_CLASS})(?P<kind>(?:突发)?(?:事故|事件|灾害))(?:由[^，。；]{{1,12}}?)?启动(?P<n>{LEVEL_WORD})\s*级(?:应急)?响应"
)
_CATCH_ALL = re.compile(r"^(?:其他|其它)[^。；]{0,12}(?:情况|情形|事件)$|认为(?:需要|有必要|应当)?(?:启动|响应)")
_IS_CLASS = re.compile(r"^(?P<cond>[^。；]+?)的[，,]\s*(?:为|属于|定为)(?P<label>[^。；，]{2,16})$")


_NOTES = re.compile(r"(?:^|\n)\s*(?:注|说明|备注)\s*[：:]")
_ITEM_MARK = r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])?\s*"  # 「（二）」「2．」 before a run-in title
# a rule that caps the level (「县级响应最高启动二号响应」「最高不超过Ⅲ级」), which a plan may write where its criteria are
_CAP_RULE = re.compile(r"最高(?:只|仅)?(?:能|可)?启动|最高不(?:超过|高于)|不得(?:高于|超过)[^，。；]{0,6}级")
_ONLY_A_LEVEL = re.compile(rf"{_ITEM_MARK}(?:[ⅠⅡⅢⅣ]|IV|I{{1,3}}|[一二三四])级(?:应急)?响应\s*")
_RUN_IN_LEVEL = re.compile(rf"^{_ITEM_MARK}[^。：:，,；;]{{0,12}}?级(?:应急)?响应[。：:]")


def _criterion_before_list(head: str) -> str:
    """A criterion stated on the list's opening line before the list (「（二）Ⅲ级响应。一般事故造成人员死亡的；或者发生下列
    情形之一的：」 → 「一般事故造成人员死亡的」), without the level's own run-in title."""
    line = head.rsplit("\n", 1)[-1]
    line = _RUN_IN_LEVEL.sub("", line)
    line = re.sub(r"[；;，,]?\s*(?:或者|或|以及|并且|且)?\s*$", "", line.strip())
    responses = [m for m in find_level_mentions(line) if m.ladder is not Ladder.EVENT]
    return line if len(line) >= 4 and not responses else ""


@dataclass
class _LevelDraft:
    level: int
    ladder: Ladder
    label: str
    mode: Mode | None = None
    triggers: list[Trigger] = field(default_factory=list)
    appendix_triggers: list[Trigger] = field(default_factory=list)
    decided_by: str | None = None
    decided_by_chunk: str | None = None
    chunk_ids: list[str] = field(default_factory=list)
    discretionary: list[Trigger] = field(default_factory=list)
    builds_on: int | None = None
    labelled_by_heading: bool = False


# 「1．蓝色预警（Ⅳ级响应）。经会商预测，…」: a warning that is the response (预警即响应), its level in brackets
_COLOUR_LEVEL_ITEM = re.compile(r"^(?P<label>[红橙黄蓝]色预警\s*[（(][ⅠⅡⅢⅣ]级(?:应急)?响应[)）])[。：:]\s*(?P<rest>.+)$", re.DOTALL)


_TABLE_BASE = re.compile(r"在(?:执行|落实)表[\d\-—、至和及表]+所列[^。；]{0,6}?的?基础上")


@dataclass
class LevelReader:
    """The levels of one plan as its sections are read in order. `below_exclusive`: the plan declares
    「以下」不含本数; `in_appendix`: the section being read is in an appendix."""

    below_exclusive: bool
    in_appendix: bool = False
    hazard: str | None = None
    levels: dict[tuple[Ladder, int], _LevelDraft] = field(default_factory=dict)
    open_table: tuple[list[str], list[str]] | None = None  # (section headings, header) of the last table read
    open_duty_table: tuple[list[str], str] | None = None  # (section headings, header line) of the last duty table
    # 「…分别对应一级…四级应急响应」: each level's class of event (criterion text, chunk), for levels no criterion names
    class_levels: dict[int, tuple[str, Chunk]] = field(default_factory=dict)
    # the levels a whole mapping names (「特别重大、重大、较大、一般…分别对应启动Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级」): each is started by
    # its class, whatever other criteria the plan states for other levels
    mapped_levels: set[int] = field(default_factory=set)
    table_draft: _LevelDraft | None = None  # the last table row's level, for a table the next chunk continues
    block_level: tuple[list[str], str] | None = None  # (annex headings, level line) of the last measures block
    block_hazard: tuple[list[str], str | None] | None = None  # (annex headings, hazard) of the last block read
    # items with a slot a parameter table fills per level (「〔疏散人数〕」 → 「需要疏散、撤离群众〔疏散人数〕的」)
    slot_templates: dict[str, str] = field(default_factory=dict)

    def draft(self, ladder: Ladder, mention: LevelMention, heading: bool = False) -> _LevelDraft:
        """The level being built; a heading names it better than a sentence that mentions it."""
        key = (ladder, mention.level)
        if key not in self.levels:
            self.levels[key] = _LevelDraft(mention.level, ladder, mention.label)
        elif heading and not self.levels[key].labelled_by_heading:
            self.levels[key].label = mention.label
        self.levels[key].labelled_by_heading |= heading
        return self.levels[key]

    def add_trigger(self, draft: _LevelDraft, text: str, chunk: Chunk, row: dict[str, str] | None = None,
                    listed: str = "") -> None:
        """A criterion of the level; one for a hazard (an annex about 台风, a 「台风：」 prefix) counts beside
        the body's criteria, other appendix criteria only when the body states none of that ladder. `listed`: the
        items a 「下列设施」 of the criterion names."""
        text = re.sub(r"^凡(?:是)?", "", text.strip())  # 「凡潾州站水位超过警戒水位的，均应启动…」: 凡 (whenever) is no word of it
        hazard = hazard_prefix(text) or self.hazard
        triggers = draft.appendix_triggers if self.in_appendix and not hazard else draft.triggers
        if _CATCH_ALL.search(text):
            # 「其他需要启动Ⅰ级响应的情况」「县委、县政府认为需要启动…的」: for a person to judge, never met by words
            if not any(t.text == text for t in draft.discretionary):
                draft.discretionary.append(make_trigger(text, chunk, self.below_exclusive))
            return
        if _ONLY_A_LEVEL.fullmatch(text):
            return  # a level's run-in title (「（一）Ⅳ级响应」) is no criterion of it
        if _CAP_RULE.search(text):
            return  # 「…不论具备哪一号响应的情形，县级响应最高启动二号响应」: a cap on the level, no criterion of it
        if len(text) >= 4 and not any(t.text == text for t in triggers):
            trigger = make_trigger(text, chunk, self.below_exclusive, listed)
            thresholds = trigger.thresholds
            if draft.ladder is Ladder.EVENT:
                # 「（三）较大事故：一次造成死亡（含失踪）3人以上…」: the class a definition names is what it defines
                thresholds = [t for t in thresholds if t.quantity != "事件等级"]
            triggers.append(trigger.model_copy(update={"hazard": hazard, "row": row or {}, "thresholds": thresholds}))
            _remember(draft.chunk_ids, chunk.chunk_id)

    def read_table(self, ctx: HeadingContext, table: Table, chunk: Chunk) -> None:
        read_grading_table(self, ctx, table, chunk)

    def read_levels(self, ctx: HeadingContext, text: str, chunk: Chunk) -> bool:
        """Triggers, deciders and discretionary clauses in this text; True when the text grades levels
        (its items are conditions, not measures)."""
        grading = self._read_level_intros(ctx, text, chunk)
        mention = ctx.mention
        if mention is not None and self._item_heading(ctx, mention, chunk):
            grading = True
        # 「1．出现下列情况之一者，启动Ⅳ级应急响应：」 taken for a heading: its body is the list
        level_grading = ctx.level_is_leaf and (_INTRO.search(text) or ctx.under_grading or _INTRO.search(ctx.headings[-1]))
        if mention is not None and (ctx.trigger_section or level_grading) and not grading:
            self._read_grading(ctx, mention, text, chunk)
            grading = True
        elif mention is not None and ctx.part_of_level_criteria and not grading:
            # 「（一）洪水：清河站水位超过警戒水位。」 under 「一、Ⅳ级应急响应」: the part's label names its hazard
            self._read_grading(ctx, mention, _RUN_IN_LABEL.sub("", text.lstrip(), count=1), chunk)
            grading = True
        grading |= self._read_inline_levels(ctx, text, chunk)
        if ctx.trigger_section or ctx.under_grading or (self.in_appendix and TRIGGER_HEADINGS.search(" ".join(ctx.headings))):
            grading |= read_bare_level_lines(self, text, chunk)
        self._read_condition_sentences(ctx, text, chunk)
        self._read_deciders(ctx, text, chunk)
        return grading

    def _read_level_intros(self, ctx: HeadingContext, text: str, chunk: Chunk) -> bool:
        """「出现下列情况之一者，启动Ⅱ级应急响应：（1）…（2）…」, one list per level, in any section."""
        intros = []
        for m in _LEVEL_INTRO.finditer(text):
            # 「…之一者，启动Ⅱ级应急响应：」 lists a level's criteria; 「…之一的，为较大突发环境事件：」 a class's
            mentions = [x for x in find_level_mentions(m["label"]) if x.ladder is not Ladder.EVENT] if m["label"] \
                else [x for x in find_level_mentions(m["event"]) if x.ladder is Ladder.EVENT]
            if len(mentions) == 1:
                intros.append((m, mentions[0]))
        for i, (m, mention) in enumerate(intros):
            end = intros[i + 1][0].start() if i + 1 < len(intros) else len(text)
            draft = self.draft(mention.ladder or ctx.ladder, mention, heading=True)
            draft.mode = draft.mode or (Mode.ALL if m["all"] else Mode.ANY)
            body = _NOTES.split(text[m.end() : end], maxsplit=1)[0]  # 「说明：1．同时符合…」 grades nothing
            items = _listed(body)
            if not items:  # 「…发布蓝色预警：A；B；C。」 on one line
                items = [p for p in re.split(r"[；;]", body.strip().split("\n", 1)[0]) if p.strip()]
            if grouped := _grouped(m[0], items):
                draft.mode, items = Mode.ANY, grouped
            for item in items:
                if not _is_decider_sentence(item):
                    self.add_trigger(draft, item.strip().rstrip("。；;"), chunk)
        return bool(intros)

    def _item_heading(self, ctx: HeadingContext, mention: LevelMention, chunk: Chunk) -> bool:
        """A grading list item that the structure parser took for a heading: its title is the condition."""
        leaf = ctx.headings[-1]
        parent = ctx.headings[-2] if len(ctx.headings) > 1 else ""
        draft = self.levels.get((ctx.ladder, mention.level))
        if ctx.level_is_leaf or not is_item(leaf) or draft is None or draft.mode is None:
            return False
        if not (find_level_mentions(parent) or TRIGGER_HEADINGS.search(parent)):
            return False
        self.add_trigger(draft, strip_marker(leaf).rstrip("…"), chunk)
        return True

    def _read_grading(self, ctx: HeadingContext, mention: LevelMention, text: str, chunk: Chunk) -> None:
        intro = _INTRO.search(text)
        draft = self.draft(ctx.ladder, mention, heading=True)
        body = text
        if intro:
            draft.mode = draft.mode or (Mode.ALL if intro["all"] else Mode.ANY)
            body = text[intro.end() :]
            if not intro["all"] and (before := _criterion_before_list(text[: intro.start()])):
                self.add_trigger(draft, before, chunk)
            colon = re.search(r"[：:]", body.split("\n", 1)[0])
            body = body[colon.end() :] if colon else (body.split("\n", 1)[1] if "\n" in body else "")
        body = _NOTES.split(body, maxsplit=1)[0]  # 「注：1．同一事故…按照其中最高的等级确定。」 explains; it grades nothing
        if listed := _listed(body, counted=bool(intro)):
            conditions = listed
        elif intro:
            conditions = [p for p in re.split(r"[；;]", body.strip().split("\n", 1)[0]) if p.strip()]
        else:
            conditions = [s for s in sentences(body) if not _is_decider_sentence(s)]
        if intro and (grouped := _grouped(text[intro.start():].split("：", 1)[0], conditions)):
            draft.mode, conditions = Mode.ANY, grouped
        for condition in conditions:
            condition = CHINESE_ITEM_MARK.sub("", condition.strip()).rstrip("。；;")  # 「（二）24小时降雨量…」
            if condition and not _is_decider_sentence(condition):
                self.add_trigger(draft, condition, chunk)

    def _read_inline_levels(self, ctx: HeadingContext, text: str, chunk: Chunk) -> bool:
        """「（1）Ⅰ级应急响应：发生特别重大…的，由…决定启动」 and 「1. 特别重大事故：造成30人以上死亡…」."""
        found = False
        for item in split_items(text):
            stripped = strip_marker(item)
            colour = _COLOUR_LEVEL_ITEM.match(stripped)
            m = re.match(r"^(?P<label>[^：:，。\n]{2,16})[：:](?P<rest>.+)$", stripped, flags=re.DOTALL) or colour
            mentions = response_of_colour(find_level_mentions(m["label"])) if m else []
            # the label is the level's name (「Ⅰ级应急响应：」), not a sentence that mentions one
            named = colour is not None or (m is not None and len(mentions) == 1
                                           and len(mentions[0].label) >= len(m["label"].strip()) - 2)
            if not m or len(mentions) != 1 or not named:
                continue
            draft = self.draft(mentions[0].ladder or ctx.ladder, mentions[0])
            rest = m["rest"].strip()
            decider = re.search(r"(?:^|[，,])由[^。；]*?(?:决定|签发|批准)", rest)
            self.add_trigger(draft, (rest[: decider.start()] if decider else rest).rstrip("。；;"), chunk)
            found = True
        return found

    def _read_condition_sentences(self, ctx: HeadingContext, text: str, chunk: Chunk) -> None:
        """「…超过警戒水位时，启动Ⅳ级应急响应。」 outside a list; 「造成30人以上死亡…的，为特别重大事件」;
        「较大事故由区政府启动Ⅲ级响应」."""
        for segment in re.split(r"[。；;]", text):
            m = _IS_CLASS.match(segment.strip())
            mentions = find_level_mentions(m["label"]) if m else []
            if m and len(mentions) == 1 and mentions[0].ladder is Ladder.EVENT:
                self.add_trigger(self.draft(Ladder.EVENT, mentions[0]), m["cond"], chunk)
        norm = plan_text(text).norm
        for m in (*_CLASS_WITH_LEVEL.finditer(norm), *_CLASS_STARTS_LEVEL.finditer(norm)):
            if n := level_to_int(m["n"]):
                self.class_levels.setdefault(n, (m["cls"] + m["kind"], chunk))
        for m in _CLASSES_TO_LEVELS.finditer(norm):
            classes = re.findall(_CLASS, m["classes"])
            levels = [level_to_int(n) for n in re.findall(LEVEL_WORD, m["levels"])]
            if len(classes) == len(levels) and all(levels):
                kind = m["kind"] or "事件"
                self.class_levels.update({n: (c + kind, chunk) for c, n in zip(classes, levels, strict=True)})
                self.mapped_levels.update(levels)
        for segment in re.split(r"[。；;：:\n]", text):
            if by_class := _CLASS_STARTS.match(strip_marker(segment.strip())):
                mentions = [x for x in find_level_mentions(by_class["label"]) if x.ladder is not Ladder.EVENT]
                if len(mentions) == 1:
                    self.add_trigger(self.draft(Ladder.RESPONSE, mentions[0]), by_class["cond"], chunk)
        for sentence in (strip_marker(part) for s in sentences(text) for part in re.split(r"[；;]", s) if part.strip()):
            if floor := _FLOOR_LEVEL.match(sentence):
                mentions = find_level_mentions((floor["label"] or floor["above"]) + floor["kind"])
                if len(mentions) == 1:
                    self.add_trigger(self.draft(Ladder.RESPONSE, mentions[0]), floor["cond"], chunk)
                continue
            m = _THEN_LEVEL.match(sentence) or _OTHER_CLASS_STARTS.match(sentence)
            # 「初判为较大突发环境事件的，启动Ⅱ级响应」: a class of event starts a level; a level (「Ⅲ级响应启动后…的」) does not
            # (「县防汛Ⅲ级响应启动且…的，启动Ⅳ级响应」: another command's response is a criterion like any other)
            if not m or _INTRO.search(sentence) or "是否" in sentence or any(
                x.ladder is not Ladder.EVENT for x in find_level_mentions(LINKED_CRITERION.sub("", m["cond"]))
            ):
                continue
            mentions = [x for x in find_level_mentions(m["label"]) if x.ladder is not Ladder.EVENT]
            if len(mentions) == 1:
                # 「火线距下列设施不足3公里的，启动Ⅲ级应急响应：蛟潭水电站、…」: the list after the level is what 下列 names
                listed = sentence[m.end():].strip()
                self.add_trigger(self.draft(mentions[0].ladder or ctx.ladder, mentions[0]), m["cond"], chunk,
                                 listed=listed[1:].strip("。 ") if "下列" in m["cond"] and listed[:1] in "：:" else "")

    def _read_deciders(self, ctx: HeadingContext, text: str, chunk: Chunk) -> None:
        """「Ⅳ级应急响应由区防指办公室主任决定启动」, 「较大（Ⅲ级）应急响应由…签发」; 「是否启动」 is a
        discretionary clause for a person to judge."""
        for sentence in sentences(text):
            for segment in re.split(r"[；;]", sentence):
                if not re.search(r"启动|签发|决定|批准|拍板|由[^，。；]*发布", segment):
                    continue
                mentions = [m for m in find_level_mentions(segment) if m.ladder is not Ladder.EVENT]
                if not mentions and ctx.mention and ctx.level_is_leaf and segment.startswith("由"):
                    mentions = [ctx.mention]
                if not mentions and (bare := BARE_LEVEL.match(segment.strip())):
                    # 「Ⅳ级：县森防指办公室主任决定启动」 in a section on who starts each level
                    mentions = [LevelMention(level_to_int(bare["n"]), bare[0].rstrip("：: "), None, 0, bare.end())]
                if mentions:
                    self._decider(ctx, mentions, segment.strip(), chunk)

    def _decider(self, ctx: HeadingContext, mentions: list[LevelMention], segment: str, chunk: Chunk) -> None:
        def drafts() -> list[_LevelDraft]:
            ladder = Ladder.WARNING if "预警" in segment else ctx.ladder
            return [self.draft(m.ladder or ladder, m) for m in mentions]

        if "是否" in segment:
            for draft in drafts():
                if not any(t.text == segment for t in draft.discretionary):
                    draft.discretionary.append(make_trigger(segment, chunk, self.below_exclusive))
            return
        m = _DECIDER.search(segment, mentions[-1].end) or _DECIDER.search(segment)
        who = (m["who"] or m["announcer"]).strip() if m else ""
        if not who or _INTRO.search(segment) or find_level_mentions(who):
            return
        for draft in drafts():
            if draft.decided_by is None:
                draft.decided_by, draft.decided_by_chunk = who, chunk.chunk_id
                _remember(draft.chunk_ids, chunk.chunk_id)

    def read_builds_on(self, ctx: HeadingContext, text: str) -> None:
        """「在落实Ⅲ级应急响应措施的基础上」 in the measures of the level the section's heading names; 「在执行表6-1所列
        任务的基础上，增加表6-2所列任务」 builds on the level below, whose table comes first."""
        if not ctx.mention:
            return
        norm = plan_text(text).norm
        if (base := BUILDS_ON.search(norm)) and _ALL_BUT.match(norm[base.end():]):
            # 「除Ⅲ级措施外，执行本章其他各节所列措施」: every milder level's but that one
            excluded = level_to_int(base["n"])
            below = next((n for n in range(ctx.mention.level + 1, 5) if n != excluded), None)
            if below is None:
                return
        elif base:
            below = level_to_int(base["n"])
        elif _TABLE_BASE.search(norm) and ctx.mention.level < 4:
            below = ctx.mention.level + 1
        else:
            return
        for mention in ctx.mentions or [ctx.mention]:
            self.draft(ctx.ladder, mention, heading=True).builds_on = below

    def response_levels(self) -> list[ResponseLevel]:
        """The levels read, by ladder then level; a ladder's appendix triggers only when the body states none of
        that ladder (the body may start responses by event class, 「较大事故由区政府启动Ⅲ级响应」, and leave the
        classes to an annex table)."""
        # A response by class (「较大事故启动Ⅲ级应急响应」) starts every level when the body states no other criteria,
        # and is one more way to a level that has some (highest wins).
        self.in_appendix, self.hazard = False, None  # a body sentence, whatever part was read last
        stated = any(d.triggers for d in self.levels.values() if d.ladder is Ladder.RESPONSE)
        for n, (criterion, chunk) in self.class_levels.items():
            draft = self.draft(Ladder.RESPONSE, LevelMention(n, f"{'ⅠⅡⅢⅣ'[n - 1]}级响应", Ladder.RESPONSE, 0, 0))
            if (draft.triggers or not stated or n in self.mapped_levels) \
                    and criterion not in {t.text for t in draft.triggers}:
                self.add_trigger(draft, criterion, chunk)
        body_ladders = {d.ladder for d in self.levels.values() if any(t.hazard is None for t in d.triggers)}
        return [
            ResponseLevel(
                level=d.level,
                label=d.label,
                ladder=d.ladder,
                mode=d.mode or Mode.ANY,
                triggers=_body_or_appendix(d, d.ladder in body_ladders),
                decided_by=d.decided_by,
                decided_by_chunk=d.decided_by_chunk,
                chunk_ids=d.chunk_ids,
                discretionary=d.discretionary,
                builds_on=d.builds_on,
            )
            for d in sorted(self.levels.values(), key=lambda d: (list(Ladder).index(d.ladder), d.level))
        ]


def _body_or_appendix(draft: _LevelDraft, ladder_in_body: bool) -> list[Trigger]:
    """The body's criteria (hazard criteria included); the appendix's when the body states none of the ladder."""
    general = [t for t in draft.triggers if t.hazard is None]
    if general or ladder_in_body:
        return draft.triggers
    return draft.triggers + draft.appendix_triggers


def _remember(ids: list[str], chunk_id: str) -> None:
    if chunk_id not in ids:
        ids.append(chunk_id)


def _listed(body: str, counted: bool = True) -> list[str]:
    """The items of a list of criteria: numbered (「（1）」「1．」), 「（一）」, or — `counted` — counted in words over
    lines OCR broke (「…为重大水上突发事件：一是…；二是\n遇险人员…；…\n四是…」). [] for no list."""
    return [_item_text(i) for i in split_items(body) if is_item(i)] or chinese_items(body) \
        or (counted_items(_paragraph(body), one_sentence=True) if counted else [])


# 「同时具备下列第一项和第二项，或者具备第三项至第五项之一的」: two items together, or any one of the others
_PAIR_OR_ANY = re.compile(
    r"同时(?:具备|符合|满足)(?:下列|以下)?第(?P<a>[一二三四五六七八九十]+)项(?:和|与|、)第(?P<b>[一二三四五六七八九十]+)项[，,]?"
    r"或者?(?:具备|符合|满足)?(?:下列|以下)?第(?P<c>[一二三四五六七八九十]+)项至第(?P<d>[一二三四五六七八九十]+)项(?:之一|中任[一何]项)"
)


def _grouped(intro: str, conditions: list[str]) -> list[str]:
    """The alternatives of an intro that pairs two items and lets any other one stand alone: the pair joined by
    「，且」 (one trigger whose conjuncts must all hold), then the others. [] for any other intro."""
    m = _PAIR_OR_ANY.search(re.sub(r"\s+", "", intro))
    if not m:
        return []
    a, b, c, d = (cn_to_int(m[k]) - 1 for k in "abcd")
    if not (max(a, b, d) < len(conditions) and c <= d):
        return []
    return [f"{conditions[a]}，且{conditions[b]}", *conditions[c : d + 1]]


def _paragraph(body: str) -> str:
    """The body's first paragraph: up to a blank line or a line that opens a numbered section (「4.1.2　重大…」)."""
    return re.split(r"\n\s*\n|\n(?=\s*\d+(?:\.\d+)+\s)", body.strip(), maxsplit=1)[0]


def _is_decider_sentence(text: str) -> bool:
    return bool(find_level_mentions(text)) and bool(
        re.search(r"由[^。；]*?(?:决定|签发|批准|发布)|是否启动", text)
    )


def _item_text(item: str) -> str:
    """An item's own text: hard-wrapped lines joined, up to a line that follows a finished sentence
    (the decider paragraph after the last item)."""
    text = up_to_finished_sentence(item)
    for m in re.finditer(r"[^。！？]+[。！？]?", text):
        if m.start() > 0 and _is_decider_sentence(m[0]):
            text = text[: m.start()]
            break
    return strip_marker(text)
