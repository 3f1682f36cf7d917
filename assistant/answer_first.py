"""Lookup and chat answers that lead with the answer (DESIGN §3): the lead, then the evidence grouped by clause.

1. the lead — a computed conclusion where the question gives facts and a clause grades them, then one to three
   verbatim sentences chosen by what the question asks (`assistant.lead`);
2. the evidence, one group per clause (`assistant.evidence`): the top clause's sentences around the lead, one
   sentence from each further clause; at most `SHOWN_SENTENCES` sentences in `Answer.sentences`;
3. everything else of those clauses in `payload["more"]`, cited and checked like the rest, one click away.
Notes that are not quotes (two documents differ, a version is superseded) live in the payload, never as sentences.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from assistant.answer_builder import AnswerBuilder
from assistant.composers import Draft
from assistant.composers.extractive import answer_sentences, clause_sentences
from assistant.conclusion import question_facts
from assistant.evidence import (
    EvidenceGroup,
    conflict_note,
    document_label,
    find_conflict,
    issuer_level,
    order_hits,
)
from assistant.grounding import content_overlap
from assistant.lead import (
    LEAD_MAX,
    LEVEL_MEASURES,
    asking_piece,
    clause_number,
    conclusion_sentence,
    heading_conclusion,
    lead_sentences,
    list_span,
)
from assistant.models import Answer
from retrieval.models import DocumentInfo, Hit
from retrieval.plan.models import Threshold, Trigger
from retrieval.ranking.glossary import chinese_terms
from retrieval.ranking.intent import question_intent
from retrieval.ranking.query import base_title, document_names
from retrieval.search import SearchFilters

SHOWN_SENTENCES = 8
MAX_NAMED_EXTRA = 2
TOP_CLAUSE_CONTEXT = 4
MORE_PER_CLAUSE = 12


def _add_lead(builder: AnswerBuilder, question: str, hits: list[Hit], drafts: list[Draft] | None,
              related: list[Hit], asked: frozenset[str] = frozenset(),
              named: frozenset[str] = frozenset(),
              decided: tuple[str, str, Hit, str] | None = None,
              focus: frozenset[tuple[str, ...]] = frozenset(), follow_up: str = "") -> tuple[list[int], Hit | None]:
    """The lead's sentence indices, and the clause of a computed conclusion when it is not among `hits`. A question
    that names documents (`named`) is concluded only from them: 「枫陵县…燃气爆燃，1人死亡2人重伤」 is not graded by
    another county's forest-fire plan whose criteria the same figures meet."""
    lead: list[int] = []

    def concluded(index: int | None) -> None:
        if index is not None and index not in lead:
            lead.append(index)

    def add(text: str, chunks) -> None:
        concluded(builder.add(text, chunks, section="lead"))

    if drafts:  # a language model's sentences, each checked: the first supported ones lead, the rest follow
        for draft in drafts:
            if len(lead) < LEAD_MAX:
                add(draft.text, draft.cited)
            else:
                builder.add(draft.text, draft.cited, section="evidence")
        return lead, None
    graders = [h for h in hits + [h for h in related if h not in hits] if not named or h.chunk.doc_id in named]
    found = decided or conclusion_sentence(question, graders)
    if found is not None:
        conclusion, grading, hit, label = found
        concluded(builder.add_conclusion(conclusion, hit.chunk, grading, label, section="lead"))
        add(grading, [hit.chunk])
    chosen = lead_sentences(question, hits, found[3] if found is not None else None, asked, focus, follow_up)
    if found is None and chosen and (labelled := heading_conclusion(question, chosen[0])) is not None:
        text, label = labelled
        concluded(builder.add_conclusion(text, chosen[0].hit.chunk, chosen[0].text, label, section="lead"))
    steps = asks_steps(question)
    with_spans = [(sentence, list_span(sentence.text, sentence.hit) if steps else None) for sentence in chosen]
    # a request for the list leads with the first chosen sentence that opens one
    with_spans.sort(key=lambda pair: pair[1] is None)
    spans: list[str] = []
    for sentence, span in with_spans:
        if len(lead) >= LEAD_MAX:
            break
        if any(sentence.text in held for held in spans):
            continue  # an item the list before it already holds
        if span is None or not span.startswith(sentence.text):
            add(sentence.text, [sentence.hit.chunk])
        if span is not None and len(lead) < LEAD_MAX:
            # 「要采取哪些措施？」: the list the rule opens (or the leading item starts), whole, as one line
            concluded(builder.add_cleaned(span, sentence.hit.chunk, section="lead"))
            spans.append(span)
    return lead, (found[2] if found is not None and found[2] not in hits else None)


# 「该启动几级响应」「县里该启几级」「市里上几级」「县里按几级？」: the response asked, not a class of event
# (「按几级事故处理」) nor a warning
_ASKS_RESPONSE = re.compile(r"响应|response|启动?(?:哪一?|几)级|上(?:哪一?|几)级"
                            r"|按(?:哪一?|几)级(?![\u4e00-\u9fff]{0,2}(?:事故|事件|灾害|灾情|预警))", re.I)


def plan_conclusion(assistant, question: str, hits: list[Hit], filters: dict[str, Any] | None = None,
                    asked: str | None = None) -> tuple[str, str, Hit, str] | None:
    """「…3小时面雨量约55毫米；…地下车库进水，2辆车和1名车主被困…，市级该启动几级响应？」 asked of a plan: the level the
    plan engine decides (the one the checklist and briefing state, highest wins, every criterion read), as (conclusion,
    the criterion met, its clause, the level); None when the question asks no level, gives no facts, the top clause is
    not a plan's or the engine decides none. `asked`: what the user asked, when `question` is a follow-up read with
    the conversation (「它的上报时限？」 after a level question asks no level)."""
    intent = question_intent(asked or question)
    if not hits or intent is None or intent.name != "which_level" or hits[0].chunk.doc_type != "plan" \
            or not _ASKS_RESPONSE.search(asked or question):
        return None  # a class of event (「算哪级事件」) or of warning is graded by its own clause, not the response
    from assistant.tasks.checklist import plan_context

    context = plan_context(assistant, question, doc_id=hits[0].chunk.doc_id, filters=filters)
    if context is None or context.decision.level is None or not context.decision.met:
        return None
    trigger = context.decision.met[0][0]
    chunk = assistant.chunk(trigger.chunk_id)
    if chunk is None:
        return None
    hit = Hit(chunk=chunk, score=1.0)
    sentence = criterion_sentence(clause_sentences(hit), trigger,
                                  [t for met, t in context.decision.met if met is trigger])
    if sentence is None:
        return None
    label = context.decision.label
    return f"按《{chunk.doc_title}》{clause_number(chunk.locator)}，属{label}。", sentence, hit, label


# 「Ⅳ级响应刚启动，把这一级要落实的事列个清单」「启动Ⅲ级响应要采取哪些措施」: the duties of a level, not its criteria
_ASKS_MEASURES = re.compile(r"措施|要(?:做|干|落实|执行|办)|干(?:啥|什么)|做(?:啥|什么|哪些)|哪些事|几件事|清单|列(?:个|一下|出)"
                            r"|\bmeasures?\b|\bduties\b|\btasks?\b|what (?:must|should) .{0,30}\bdo\b", re.I)
MAX_MEASURE_CLAUSES = 3


# a question about one fact of the duties (「Ⅳ级那几条措施还要不要接着做？」「多久以后能降下来？」) is no request for them
_ASKS_LIST = re.compile(r"清单|列(?:个|一下|出)|\blist\b", re.I)
# a list asked for whole (「逐项」「都有哪些」 too): the top clause is shown whole (`_group_sentences`)
_WHOLE_LIST = re.compile(_ASKS_LIST.pattern + r"|逐项|逐条|全部任务|所有任务|都有哪些", re.I)
_NOT_A_LIST = frozenset({"allowed", "how_long", "how_much", "how_many", "which_level", "which_colours", "penalty", "when"})


# 「能采取哪些处置措施」「要落实的事列个清单」「Ⅲ级还要加做哪些」: what to do, asked as a list
_ASKS_STEPS = re.compile(r"哪些[\u4e00-\u9fff]{0,4}措施|(?:加做|要做|要干|该干|落实)(?:哪些|什么|的事)"
                         r"|\blist (?:the |all )?(?:[\w-]+ ){0,3}(?:measures|steps|actions|duties)", re.I)
# 「列出来，写明谁牵头、有没有时限」「List the Level II measures with the unit responsible for each」: a list whose every
# item is to carry a detail, not a question about one fact
_PER_ITEM = re.compile(r"写明|注明|标明|每项|各项|逐项|分别|\bfor each\b|\beach\b", re.I)


def asks_steps(question: str) -> bool:
    """The question asks what to do, as steps or as a list of them (the ranking's intent is read more narrowly)."""
    intent = getattr(question_intent(question), "name", None)
    asks_a_list = bool(_ASKS_STEPS.search(question) or _ASKS_LIST.search(question))
    return intent == "what_steps" or asks_a_list and (intent not in _NOT_A_LIST or bool(_PER_ITEM.search(question)))


def level_measure_hits(assistant, question: str, hits: list[Hit], filters: dict[str, Any] | None = None,
                       asked: str | None = None) -> list[Hit]:
    """`hits` led by the clauses of a plan's measures at the level the question declares or its facts decide
    (「蘼州市级森林火灾Ⅳ级响应刚启动，把市里这一级要落实的事列个清单」): search ranks the plan's grading clauses, which
    name the level, above the section of duties the officer asks for. The level's own duties' clauses come first.
    `asked`: what the user asked, when `question` is a follow-up read with the conversation."""
    intent = question_intent(asked or question)
    # 「…列个清单，写明哪个单位、几个小时内完成」: a list asked for, whatever else each item is to say
    listed = bool(_ASKS_LIST.search(asked or question))
    if not any(h.chunk.doc_type == "plan" for h in hits) or not _ASKS_MEASURES.search(asked or question) \
            or (intent is not None and intent.name in _NOT_A_LIST and not listed):
        return hits
    from assistant.tasks.checklist import measures_in_force, plan_context

    # the plan the question's place and hazard choose, when search found it too
    context = plan_context(assistant, question, filters=filters)
    if context is None or context.decision.level is None or context.plan.doc_id not in {h.chunk.doc_id for h in hits}:
        return hits
    level = context.decision.level
    measures = measures_in_force(context.plan, level, context.hazards)
    if not any(m.level == level for m in measures):
        return hits  # a plan whose duties of that level were not read: its common ones answer no level's question
    measures.sort(key=lambda m: m.level != level)  # stable: the level's own duties, then those it builds on
    chunk_ids = list(dict.fromkeys(m.chunk_id for m in measures))[:MAX_MEASURE_CLAUSES]
    own = {m.chunk_id for m in measures if m.level == level}
    leading = [Hit(chunk=chunk, score=1.0, ranks={LEVEL_MEASURES: 0} if cid in own else {}) for cid in chunk_ids
               if (chunk := assistant.chunk(cid)) is not None]
    return leading + [h for h in hits if h.chunk.chunk_id not in chunk_ids]


_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、)\s*")


def criterion_sentence(sentences: list[str], trigger: Trigger, met: list[Threshold]) -> str | None:
    """The clause's sentence that states the criterion met. A criterion the text splits into sentences
    (「（2）湘江干流…历史最高水位；」「洣水、耒水…2 个以上达到或超过历史最高水位」) is quoted by the part holding most of
    the thresholds met."""
    whole = next((s for s in sentences if trigger.text in s), None)
    if whole is not None or not met:
        return whole
    parts = [s for s in sentences if (core := _NUMBERING.sub("", s).rstrip("；;。，, ")) and core in trigger.text]
    conditions = [t.condition for t in met]
    part_of = max(set(conditions), key=conditions.count)
    text = trigger.conditions[part_of].text.strip() if part_of < len(trigger.conditions) else ""
    return next((s for s in parts if text and text.rstrip("；;。，, ") in s), parts[0] if parts else None)


def asked_documents(question: str, hits: list[Hit], documents: list[DocumentInfo],
                    mentioned: list[str]) -> frozenset[str]:
    """The one document the question names (`mentioned`, as search read it: 「萩州…那Ⅱ级的谁拍板」 asks 萩州's plan,
    not another county's table that also says who decides Ⅱ级); of two or more, those its asking piece names
    (「北京的防洪办法说最多罚5000，防洪法本身能罚多少？」 → 防洪法); empty otherwise."""
    by_id = {d.doc_id: d for d in documents}
    named = [by_id[d] for d in dict.fromkeys(mentioned) if d in by_id]
    if len(named) == 1:
        return frozenset({named[0].doc_id})
    if len({base_title(d.title) for d in named}) < 2:
        return frozenset()
    piece = asking_piece(question)
    return frozenset(d.doc_id for d in named if any(n in piece for n in document_names(d)))


def _group_sentences(question: str, hit: Hit, rank: int, lead_texts: set[str]) -> list[str]:
    """The sentences a clause shows: around the lead in the top clause, its best one in the others."""
    sentences = answer_sentences(hit, question)
    if not sentences:
        return []
    own_lead = [i for i, s in enumerate(sentences) if s in lead_texts]
    if rank == 0 and _WHOLE_LIST.search(question):
        # 「把Ⅲ级的任务列个清单」: the top clause whole, as far as the shown lines reach, before other clauses
        return sentences
    if rank == 0 and own_lead:
        start, end = own_lead[0], min(len(sentences), own_lead[-1] + TOP_CLAUSE_CONTEXT + 1)
        return sentences[start:end]
    if own_lead:
        return [sentences[i] for i in own_lead]
    return [max(sentences, key=lambda s: (content_overlap(question, s), -sentences.index(s)))]


def compose(builder: AnswerBuilder, question: str, hits: list[Hit], documents: list[DocumentInfo],
            places: list[str], drafts: list[Draft] | None = None, related: list[Hit] | None = None,
            mentioned: list[str] | None = None, decided: tuple[str, str, Hit, str] | None = None,
            focus: frozenset[tuple[str, ...]] = frozenset(), follow_up: str = "") -> dict[str, Any]:
    """Add the lead and the grouped evidence to `builder`; return the payload part that describes them.
    `mentioned`: the documents the question names, as search read them; `decided`: the level the plan engine
    decides for the incident the question reports (`plan_conclusion`), which leads in place of a computed one;
    `focus`, `follow_up`: what a chat follow-up adds to the conversation, and its words (`assistant.lead.lead_sentences`)."""
    question = " ".join([question, *chinese_terms(question)])  # an English question is scored by its Chinese terms
    grouping = order_hits(question, hits, documents, places)
    ordered = grouping.hits
    asked = asked_documents(question, hits, documents, mentioned or [])
    # the asked document leads even from another jurisdiction than a place the question also names
    lead_pool = [h for h in ordered if h.chunk.chunk_id not in grouping.foreign or h.chunk.doc_id in asked]
    lead_pool.sort(key=lambda h: h.chunk.doc_id not in asked)  # stable: the asked document's clauses first
    lead, graded = _add_lead(builder, question, lead_pool, drafts, related or [], asked, frozenset(mentioned or []),
                             decided, focus, follow_up)
    if graded is not None:
        ordered = [graded, *ordered]
    lead_texts = {builder.sentences[i].text for i in lead}
    conflict = None
    for index in lead:  # the first lead sentence another document states with other values
        lead_text = builder.sentences[index].text
        lead_hit = next((h for h in ordered if lead_text in h.chunk.text), None)
        found = lead_hit and find_conflict(question, lead_text, lead_hit, ordered, clause_sentences)
        if found:
            conflict = conflict_note(lead_hit, found[0])
            ordered = [lead_hit, found[0]] + [h for h in ordered if h not in (lead_hit, found[0])]
            if conflict.groups[0] != document_label(lead_hit):
                ordered[0], ordered[1] = ordered[1], ordered[0]
            break
    groups: list[EvidenceGroup] = []
    for rank, hit in enumerate(ordered):
        # (an item a lead line holds with its list is not shown again)
        indices = [i for s in _group_sentences(question, hit, rank, lead_texts)
                   if not any(s in t and s != t for t in lead_texts)
                   and (i := builder.add(s, [hit.chunk], section="evidence")) is not None]
        if indices:
            groups.append(_group(builder, hit, indices, grouping))
    more_start = len(builder.sentences)
    for hit in ordered:
        for sentence in answer_sentences(hit, question)[:MORE_PER_CLAUSE]:
            index = builder.add(sentence, [hit.chunk], section="more")
            group = next((g for g in groups if g.locator == hit.chunk.locator
                          and g.doc_title == hit.chunk.doc_title), None)
            if index is not None and index >= more_start and group is not None:
                group.sentences.append(index)
    return {"lead": lead, "groups": groups, "conflict": conflict}


def _group(builder: AnswerBuilder, hit: Hit, indices: list[int], grouping) -> EvidenceGroup:
    chunk = hit.chunk
    label = document_label(hit)
    if chunk.doc_id in grouping.superseded:
        label += "（已被新版本取代 / superseded）"
    if chunk.chunk_id in grouping.foreign:
        label += "（其他辖区或层级 / another jurisdiction）"
    return EvidenceGroup(
        label=label, doc_title=chunk.doc_title, version=chunk.metadata.get("version"),
        issuer_level=issuer_level(chunk.doc_title, chunk.metadata.get("issuer")), locator=chunk.locator,
        citation=builder.sentences[indices[0]].citations[0], sentences=indices,
        superseded=chunk.doc_id in grouping.superseded, other_jurisdiction=chunk.chunk_id in grouping.foreign)


def finish(answer: Answer, composed: dict[str, Any]) -> Answer:
    """Keep the lead and the first evidence in `sentences`; the rest moves to `payload["more"]`."""
    if answer.refused:
        return answer
    shown = min(SHOWN_SENTENCES, len(answer.sentences))
    shown = next((i for i, s in enumerate(answer.sentences) if s.section == "more"), shown)
    shown = min(shown, SHOWN_SENTENCES)
    kept, rest = answer.sentences[:shown], answer.sentences[shown:]
    answer.sentences = kept
    answer.payload.update({
        "lead": composed["lead"],
        "evidence": [{**g.model_dump(), "sentences": [i for i in g.sentences if i < shown],
                      "more": [i - shown for i in g.sentences if i >= shown]} for g in composed["groups"]],
        "more": [s.model_dump() for s in rest],
        "conflicts": [composed["conflict"].model_dump()] if composed["conflict"] else [],
    })
    return answer


def with_named_documents(assistant, question: str, result, hits: list[Hit],
                         filters: dict[str, Any] | None = None) -> list[Hit]:
    """`hits` and, for each document the question names that none of them is from (「按安全生产法罚多少？我印象
    493号令是80%」), that document's best clause: two named documents are compared, so both are evidence and a
    difference between them can be flagged (`assistant.evidence.find_conflict`)."""
    held = {h.chunk.doc_id for h in hits}
    missing = [d for d in result.query.mentioned_doc_ids if d not in held]
    if not hits or not missing:
        return hits
    from assistant.service import make_filters

    extra: list[Hit] = []
    for doc_id in missing[:MAX_NAMED_EXTRA]:
        scoped = dataclasses.replace(make_filters(filters) or SearchFilters(), doc_ids=[doc_id])
        extra += assistant.search(question, k=1, filters=scoped)[:1]
    return hits + extra


def grading_siblings(chunks_of, question: str, hits: list[Hit]) -> list[Hit]:
    """For a grading question that gives facts, the clauses beside the leading ones under the same heading: a
    grading table is often one section per level (4.1.1 Ⅳ级 … 4.1.4 Ⅰ级) and search returns only some."""
    if not question_facts(question) or (intent := question_intent(question)) is None or intent.name != "which_level":
        return []
    siblings: list[Hit] = []
    for hit in hits[:2]:
        parent = hit.chunk.heading_path[:-1]
        siblings += [Hit(chunk=c, score=0.0) for c in chunks_of(hit.chunk.doc_id)
                     if c.heading_path[:-1] == parent and c.chunk_id != hit.chunk.chunk_id]
    return siblings
