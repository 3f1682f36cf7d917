"""quiz: drill papers from real clauses — a key term of a clause worth asking is masked, with distractors of
the same type, and the answer key cites the clause.

Clauses are chosen by drill value and spread over documents and chapters (`quiz_clauses`); terms and their
distractors are typed (`quiz_terms`); every question passes the automatic checks of `quiz_checks` or is
replaced by another; fill-in answers are graded fairly (`quiz_grading`). At most one question per clause and per rule (the same
rule written in two plans is asked once); never a clause of a superseded version of a document the library
holds in a newer one; never a stock government level (县级以上地方人民政府) as the asked term; no true/false
from a review (its text is history or proposals). The same seed gives the same paper, another seed another one.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING, Any

from assistant.answer_builder import AnswerBuilder
from assistant.answer_types import FINE_FIGURE
from assistant.models import Answer, QuizKind, QuizPayload, QuizQuestion, Task
from assistant.tasks.guard import absent_refusal
from assistant.tasks.quiz_checks import BLANK, ORDERED_HINT, failed_checks
from assistant.tasks.quiz_clauses import REVIEW_RULE, Clause, Draw, clauses
from assistant.tasks.quiz_forms import numbers_in, read_number
from assistant.tasks.quiz_grading import Aliases, accepted_forms, defined_aliases, grade
from assistant.tasks.quiz_lists import bigrams
from assistant.tasks.quiz_terms import (
    CHOSEN,
    NAMED,
    NUMERIC,
    SCALES,
    Term,
    TermPool,
    distractors,
    near_synonym,
    number_of,
    scale_steps,
    siblings,
    step_distance,
)
from retrieval.cleanup import clean_text
from retrieval.models import Chunk
from retrieval.ranking.query import base_title, distinctive_names, document_names
from retrieval.ranking.signals import superseded_doc_ids

if TYPE_CHECKING:
    from assistant.service import Assistant

__all__ = ["grade", "make_question", "run"]

MAX_POOL_CHUNKS = 4000
MAX_WAITING = 6
LIST_WRONG = 2  # a list question offers two or three of its items and two of another list's
_KIND_CYCLE = [QuizKind.SINGLE, QuizKind.FILL_BLANK, QuizKind.TRUE_FALSE, QuizKind.MULTIPLE]
PREFERRED = ["level", "colour", "time_limit", "unit", "approver", "body", "event_class", "quantity"]
# a statement stays well-formed when one of these is swapped for another of its type
SWAPPABLE = NUMERIC | set(SCALES)


STRONG_CUE = 3.0  # a number is asked only in a clause with a level, deadline or trigger cue: else it is trivia
# a stock level of government or a catch-all (「县级以上地方人民政府」, 「国务院其他有关部门」) teaches nothing
STOCK_BODY = re.compile(r"^(?:县级以上|设区的市级|省级|国务院)(?:地方)?(?:各级)?(?:人民政府(?=.*有关))?(?:其他)?(?:有关)?"
                        r"(?:人民政府|部门)$")
SAME_RULE = 0.6
THRESHOLD_BEFORE = re.compile(r"(?:超过|达到|不足|不满|低于|高于|大于|小于)$")
RULE = re.compile(r"应当|必须|不得|禁止|严禁")
TRUE_ELSEWHERE = 0.8  # share of a false statement's bigrams another sentence of its document holds when it says the same
DUTY_CUE = 2  # duty words of the key in the stem from which it is found by elimination
RANGE = {"以上", "以下"}  # bigram overlap at which two clauses state the same rule
_AS_A_STANDARD = re.compile(r"^(?:的)?(?:要求|标准|规格)")
GRADING = re.compile(r"是指|分为|等级|分级|级别|特别重大|较大|一般|[，,]为重大")  # a clause about the grades themselves


def _in_series(term: Term, text: str) -> bool:
    """A step of a scale listed beside another (「橙色、红色预警」, 「重大事故、较大事故、一般事故」): blanking it leaves
    the other dangling, or closes a fixed series."""
    if term.category not in SCALES:
        return False
    steps = "|".join(SCALES[term.category])
    joint = r"(?:或者|以及|、|和|或|及|至|到)"
    step = rf"(?:{steps})(?:[色级]|{re.escape(term.unit)})?"  # 「较大事故、（一般事故）」 closes a series as 「橙色、红色」 does
    pattern = rf"{step}{joint}{re.escape(term.text)}|{re.escape(term.text)}{joint}{step}"
    return re.search(pattern, text) is not None


def _ordinary_major(term: Term, clause: Clause) -> bool:
    """「重大」 is also an ordinary word (major): outside a plan's grading, 「应对重大突发事件」 or 「容易发生重大生产安全
    事故」 names no grade, and another grade in its place is neither right nor wrong."""
    if term.category != "event_class" or term.value != "重大" or clause.chunk.doc_type == "plan":
        return False
    after = clause.text[clause.text.find(term.text) + len(term.text):][:2]
    return after not in RANGE and not GRADING.search(clause.text)


_FIGURE_AT_START = r"(?<![零〇一二三四五六七八九十百千万两\d.])"


def _askable(term: Term, clause: Clause, kind: QuizKind) -> bool:
    text = clause.text
    if term.category in NUMERIC and (number_of(term.value) is None or clause.value < STRONG_CUE
                                     and term.category == "quantity" and not _threshold_rule(term, text)):
        return False
    if _ordinary_major(term, clause) or clause.chunk.doc_type == "review" and not _in_quoted_rule(term, text):
        return False
    if term.unit == "级" and not term.value.isdigit():
        return False  # 「上一级人民政府」 names a level of government, not a grade
    if term.category == "time_limit" and re.match(r"(?:的)?(?:降雨|降水|雨量|累计)", text[text.find(term.text) + len(term.text):]):
        return False  # 「过去…6小时、12小时内降雨量分别达…」: a window of rainfall, not a deadline
    if kind is QuizKind.TRUE_FALSE and term.category == "event_class" and "的，" in text \
            and text.find(term.text) < text.find("的，"):
        return False  # 「迟报、漏报一般突发事件信息的，予以通报」 holds a fortiori of a graver class: no false version
    if term.category in ("event_class", "level") and text[text.find(term.text) + len(term.text):][:2] == "以下":
        return False  # 「特别重大事故以下等级事故」 (round 22, r22): whether 以下 counts the named grade decides the key
    if STOCK_BODY.match(term.text) or _in_series(term, text):
        return False
    if term.category in ("level", "colour") and _AS_A_STANDARD.search(text[text.find(term.text) + len(term.text):][:4]) \
            and re.search(r"(?:按|按照|参照)$", text[:text.find(term.text)]):
        return False  # 「按Ⅱ级响应要求组建应急抢险救援队伍」: a standard to build to, not the level a situation starts
    if re.search(r"《[^》]*" + re.escape(term.text) + r"[^》]*》", text):
        return False  # part of a document's title
    if f"（{term.text}）" in text or f"({term.text})" in text:
        return False  # an aside: the sentence reads the same without it
    others = [o for o in clause.terms if o is not term]
    if any(term.text in o.text for o in others) or text.count(term.text) != 1:
        return False
    if term.category in NUMERIC and term.qual and len(re.findall(_FIGURE_AT_START + re.escape(
            term.text.removesuffix(term.qual)), text)) > 1:
        return False  # 「处一万元以上十万元以下的罚款；情节严重的，处（____）五十万元以下」: the tier before gives it away
    # a second term of the same scale (a range, 「30分钟内…1小时内」) would make a swapped one absurd or ambiguous
    # (a range's other bound, 「1万元以上（____）以下」, is fine: distractors keep the range a range); a fill-in
    # swaps nothing, and its blank sits where the clause says it
    return kind in (QuizKind.MULTIPLE, QuizKind.FILL_BLANK) or not any(o.category == term.category and o.unit == term.unit
                                                and (o.qual == term.qual or {o.qual, term.qual} != RANGE)
                                                for o in others)


def _threshold_rule(term: Term, text: str) -> bool:
    """A number a rule is conditioned on (「从业人员超过一百人的，应当设置…」, 「禁止在分洪口门300米范围内建设…」):
    worth a drill though the clause carries no level or deadline; a figure merely stated is not."""
    at = text.find(term.text)
    bounded = term.qual or THRESHOLD_BEFORE.search(text[:at]) or text[at + len(term.text):].startswith("范围内")
    return bool(bounded) and RULE.search(text) is not None


def _in_quoted_rule(term: Term, text: str) -> bool:
    """A review is asked only the rule it quotes (「没有按预案要求在（30分钟内）转移…」), never what happened around
    that rule (「气象台发布第3次（橙色预警）」): the term comes after the quoting words, in the same sentence."""
    at = text.index(term.text)
    return any(m.end() <= at and not re.search(r"[。；！？]", text[m.end():at]) for m in REVIEW_RULE.finditer(text))


def _cued_by_duty(term: Term, wrong: list[str], stem: str, clause: Clause, pool) -> bool:
    """The stem speaks of what the library says the key does elsewhere (治安 for 公安, 医疗救治 for 卫健) and of
    what no distractor does: the key is found by elimination."""
    if term.category not in NAMED or not isinstance(pool, TermPool):
        return False
    stem = re.sub(r"^依据《.*?》，", "", stem)  # the source's title (防汛抗旱预案) is every member's field
    key = pool.duties.overlap(term.text, stem, clause.text)
    strongest_wrong = max((pool.duties.overlap(w, stem) for w in wrong), default=0)
    # no distractor does anything the stem speaks of: they are guessed away however little the key is cued
    return key >= DUTY_CUE and strongest_wrong < key or strongest_wrong == 0


def _empty_bound(term: Term, swapped: str, sentence: str) -> bool:
    """A step swapped in as a bound past the end of its scale (「一般事故以下」, 「特别重大事故以上」): a statement
    false by its wording alone."""
    if term.category not in SCALES:
        return False
    steps = SCALES[term.category]
    after = sentence[sentence.index(term.text) + len(term.text):][:2]
    return after == "以下" and swapped.startswith(steps[-1]) or after == "以上" and swapped.startswith(steps[0])


# the stem says a stated figure went beyond the blank's limit (「8分钟才…，超过…规定的（____）」)
_EXCEEDED = re.compile(r"超过|超出|晚于|迟于")
# a condition open upwards (「…1万人以上的，启动…」「50%以上供电用户停电的」)
_OPEN_UPWARD = re.compile(r"以上[^，。；]{0,12}的[，,]")


_HOURS = {"分钟": 1 / 60, "小时": 1, "日": 24, "个工作日": 24, "工作日": 24, "周": 168, "个月": 720, "月": 720}


def _hours(deadline: str) -> float | None:
    """A deadline 「within」 so long, in hours (「30分钟内」 → 0.5); None for anything else."""
    read = read_number(deadline)
    if read is None or read[2] not in ("内", "") or read[1] not in _HOURS:
        return None
    return read[0] * _HOURS[read[1]]


def _more_severe(option: str, term: Term) -> bool:
    """The option is a more severe step of the term's scale (Ⅰ before Ⅱ, 特别重大 before 重大)."""
    placed = scale_steps(option, term)
    return placed is not None and placed[0] < placed[1]


def _true_elsewhere(statement: str, swapped: str, doc_sentences: list[str]) -> bool:
    """Another sentence of the document says the false statement nearly word for word, with the swapped-in term
    and every figure of the statement (衡阳's Ⅳ级 duty moved to Ⅲ级 reads as its Ⅲ级 duty, but for 「主任或副主任」):
    it would be false only by a detail, and an officer who knows that sentence could defend 「正确」. A sentence
    with other figures (Ⅲ级 每4小时 against a statement's 每6小时) leaves the statement false."""
    mine, figures = bigrams(statement), numbers_in(statement)
    return any(
        swapped in other and len(mine & bigrams(other)) >= TRUE_ELSEWHERE * len(mine) and figures <= numbers_in(other)
        for other in doc_sentences
    )


def _defined(name: str, aliases: Aliases) -> bool:
    """A document defines the name's short form (「示例区防汛抗旱指挥部（以下简称区防指）」)."""
    return any(before.endswith(name) or name == short for short, before in aliases)


def _terms_for(kind: QuizKind, clause: Clause) -> list[Term]:
    terms = [t for t in clause.terms if _askable(t, clause, kind)]
    if kind is QuizKind.TRUE_FALSE:
        if clause.chunk.doc_type == "review":
            return []  # a review's sentence is what happened or what it proposes, not a rule to judge
        terms = [t for t in terms if t.category in SWAPPABLE]
    return sorted(terms, key=lambda t: PREFERRED.index(t.category))


def _listed_among_many(term: Term, sentence: str) -> bool:
    """A body named in a list of three or more (「副指挥长由区政府办公室、区应急管理局、区公安分局、区人武部负责同志担任」):
    which one of them is blanked is membership trivia, not a duty."""
    part = next((p for p in re.split(r"[，,。；;：:]", sentence) if term.text in p), "")
    return part.count("、") >= 2


_DUTY_LINE = re.compile(rf"^{re.escape(BLANK)}[：:]")  # 「（____）：负责…」, a line of a duty list


def _either_bound(terms: list[Term], rng: random.Random) -> Term:
    """The first term, or either bound of a range it opens (「处（____）以上五万元以下」 and 「处一万元以上（____）以下」 alike): a
    paper that always blanks the lower bound drills half the rule."""
    if len(terms) > 1 and terms[0].kind[:2] == terms[1].kind[:2] and {terms[0].qual, terms[1].qual} == RANGE:
        return rng.choice(terms[:2])
    return terms[0]


def make_question(qid: str, kind: QuizKind, clause: Clause, pool, aliases: Aliases,
                  rng: random.Random) -> QuizQuestion | None:
    """A question of `kind` on the clause, or None when the clause offers no term fit for it."""
    if clause.listed is not None:
        return list_question(qid, kind, clause, pool, rng)
    terms = _terms_for(kind, clause)
    if kind is QuizKind.FILL_BLANK:
        # a fill-in asks a number, deadline, level or colour; a body's name is written many ways (区发展改革委,
        # 发改委, 发展改革委) and is asked as a single choice, unless a document defines its short form
        fillable = [t for t in terms if t.category not in CHOSEN or _defined(t.text, aliases)]
        if not fillable and terms:
            return make_question(qid, QuizKind.SINGLE, clause, pool, aliases, rng)
        terms = fillable
    if not terms:
        return None
    term, sentence = _either_bound(terms, rng), clause.text
    if term.category in NAMED and _listed_among_many(term, sentence):
        return None
    answer = [term]
    if kind is QuizKind.MULTIPLE:
        # two bodies of one list (「副指挥长由（…）局长、（…）局长担任」) ask who sits on it: membership trivia
        same = [t for t in terms if t.kind == term.kind and t.category not in CHOSEN]
        if len(same) < 2:
            return None
        answer = same[:2]
    if kind is QuizKind.MULTIPLE and near_synonym(answer[0].text, answer[1].text):
        return None
    source = f"依据《{clause.chunk.doc_title}》，"  # the stem says whose rule it asks about
    stem = sentence
    for t in answer:
        stem = stem.replace(t.text, BLANK, 1)
    if _DUTY_LINE.match(stem):
        # 「（____）：负责防汛抗旱救灾资金的安排和拨付」: a member's line of a duty list names its own remit (资金 is the
        # finance bureau's, 治安 the police's), so whose line it is goes without asking
        return None
    stem = source + stem
    base = dict(id=qid, explanation=f"原文：{clause.sentence}", citation=0, category=term.category)
    if kind is QuizKind.FILL_BLANK:
        return QuizQuestion(kind=kind, stem=stem, answer=[term.text], accepted=accepted_forms(term.text, aliases),
                            **base)
    doc = (clause.chunk.doc_id, str(clause.chunk.doc_type))
    exceeded = bool(_EXCEEDED.search(stem.split(BLANK)[0]))
    wanted = 4 - len(answer)
    wrong = distractors(term, pool, sentence, rng, wanted + 4 * exceeded, doc, siblings(term, clause.chunk.text))
    stated = numbers_in(stem)  # an option the stem itself states elsewhere (「最迟不得晚于30分钟」) is ruled out
    wrong = [w for w in wrong if (read := read_number(w)) is None or read[:2] not in stated]
    if exceeded:
        # 「8分钟才派人到场确认，超过…规定的（____）到场核实要求」: a limit the stated figure exceeds is below it
        wrong = [w for w in wrong if (read := read_number(w)) is None
                 or not any(unit == read[1] and read[0] >= value for value, unit in stated)][:wanted]
    if kind is QuizKind.TRUE_FALSE:
        # the false statement changes one step of a scale, not three (一般 → 较大, never 一般 → 特别重大)
        # nor a figure its own clause sets for a like case (「…30分钟内电话报告；出现下列情形之一的，应在接报后15分钟内
        # 电话报告」: 15分钟 is false of the first case, true of the second)
        section = clean_text(clause.chunk.text)
        wrong = sorted((w for w in wrong if not _empty_bound(term, w, sentence) and w not in section
                        and not _true_elsewhere(sentence.replace(term.text, w, 1), w,
                                                pool.sentences.get(clause.chunk.doc_id, []))),
                       key=lambda w: step_distance(w, term))
        if not wrong:
            return None
        # 「需紧急转移安置群众1万人以上的，启动Ⅱ级」: 1万 meets Ⅲ级's 1000人以上 too, so a milder level is arguably
        # true; the false statement moves to a more severe one, and with none the statement is shown as it is
        severe = [w for w in wrong if _more_severe(w, term)] \
            if term.category in SCALES and _OPEN_UPWARD.search(sentence) else wrong
        if term.category == "time_limit" and (limit := _hours(term.text)) is not None:
            # 「1小时内到场」 makes 「5小时内到场」 arguably true (round 19, r11): a false deadline is a stricter one
            severe = [w for w in severe if (h := _hours(w)) is not None and h < limit]
        truthful = not severe or rng.random() < 0.5
        wrong = severe or wrong
        shown = source + (sentence if truthful else sentence.replace(term.text, wrong[0], 1))
        return QuizQuestion(kind=kind, stem=f"判断：{shown}", options=["正确", "错误"],
                            answer=["正确" if truthful else "错误"], **base)
    if len(wrong) < (2 if kind is QuizKind.MULTIPLE else 3) or _cued_by_duty(term, wrong, stem, clause, pool):
        return None
    options = [t.text for t in answer] + wrong
    rng.shuffle(options)
    # 「由（…）会同（…）」: which goes where counts; items of a bare list (「（…）、（…）等部门」) are in no order
    ordered = kind is QuizKind.MULTIPLE and stem.count(BLANK) > 1 and not re.search(f"{re.escape(BLANK)}[、和及与]"
                                                                                      f"{re.escape(BLANK)}", stem)
    keys = sorted(answer, key=lambda t: sentence.index(t.text))
    return QuizQuestion(kind=kind, stem=(ORDERED_HINT if ordered else "") + stem, options=options,
                        answer=[t.text for t in keys], ordered=ordered, **base)


TOPIC_DOCUMENTS_FROM = 10


def _source_chunks(assistant: Assistant, topic: str, doc_ids: list[str] | None, filters,
                   allowed: set[str]) -> list[Chunk]:
    if doc_ids:
        return [c for d in doc_ids if d in allowed for c in assistant.chunks(d)]
    if topic:
        hits = [h.chunk for h in assistant.search(topic, k=60, filters=filters)]
        # the documents the topic is about are those of its first hits: the rest of the 60 only share a word with it
        # (a paper on 「打完疫苗…按药品安全预案启动响应吗」 is drawn from the drug-safety plan alone)
        about = {c.doc_id for c in hits[:TOPIC_DOCUMENTS_FROM]}
        hits = [c for c in hits if c.doc_id in about]
        named = _named_documents(assistant, topic, allowed)
        if not named:
            return hits
        # 「按国家气象灾害应急预案出两道题」: that document's clauses, those the topic matches first
        found = [c for c in hits if c.doc_id in named]
        seen = {c.chunk_id for c in found}
        return found + [c for d in sorted(named) for c in assistant.chunks(d) if c.chunk_id not in seen]
    return [c for d in sorted(allowed) for c in assistant.chunks(d)]


def _named_documents(assistant: Assistant, topic: str, allowed: set[str]) -> set[str]:
    """The documents a quiz request names by a name of their own (a title, 简称, 708号令)."""
    documents = [d for d in assistant.documents() if d.doc_id in allowed]
    own = distinctive_names(documents, key=lambda d: base_title(d.title))
    return {d.doc_id for d in documents if any(n in topic for n in document_names(d) & own)}


def current_versions(assistant: Assistant, chunks: list[Chunk]) -> list[Chunk]:
    """The chunks without those of a document that a newer version in the library supersedes."""
    superseded = superseded_doc_ids(assistant.documents(), [])
    return [c for c in chunks if c.doc_id not in superseded]


SAME_PENALTY = 0.7  # share of a clause's bigrams a later law's sentence holds when it states the same penalty


def penalty_rules(chunks: list[Chunk]) -> list[tuple[str, int, set[str], str]]:
    """(doc_id, year, bigrams, sentence) of every sentence of a law or regulation that sets a fine."""
    rules = []
    for chunk in chunks:
        if chunk.doc_type != "regulation" or "罚款" not in chunk.text:
            continue
        year = chunk.metadata.get("year") or 0
        rules += [(chunk.doc_id, year, bigrams(s), s) for s in re.split(r"[。；\n]", clean_text(chunk.text))
                  if "罚款" in s and FINE_FIGURE.search(s)]
    return rules


def outdated_penalty(clause: Clause, rules: list[tuple[str, int, set[str], str]]) -> bool:
    """A later law in the library fines the same act with other figures (the 2007 条例's 40%至80% for a principal who
    leaves his post, the 2021 安全生产法's 百分之六十至百分之一百): the clause would drill a superseded fine."""
    figures = [t.text for t in clause.terms if t.category == "quantity"]
    if not figures or "罚款" not in clause.text:
        return False
    mine, year = bigrams(clause.text), clause.chunk.metadata.get("year") or 0
    return any(doc != clause.chunk.doc_id and later > year and len(mine & theirs) >= SAME_PENALTY * len(mine)
               and not any(f in sentence for f in figures) for doc, later, theirs, sentence in rules)



def _same_rule(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= SAME_RULE


def paper(chunks: list[Chunk], pool_chunks: list[Chunk], n: int, seed: int, kinds: list[QuizKind],
          rejected: list[tuple[QuizQuestion, list[str]]] | None = None) -> list[tuple[QuizQuestion, Clause]]:
    """Up to n questions that pass every check, one per clause, drawn in the seed's order; the questions
    replaced because they failed a check are appended to `rejected` (with the checks they failed)."""
    rng = random.Random(seed)
    texts = [c.text for c in pool_chunks]
    pool = TermPool.of([(c.doc_id, str(c.doc_type), clean_text(c.text)) for c in pool_chunks])
    aliases = defined_aliases(texts)
    fines = penalty_rules(pool_chunks)
    made: list[tuple[QuizQuestion, Clause]] = []
    used: set[str] = set()
    keys: set[tuple[str, ...]] = set()
    rules: list[set[str]] = []

    def attempt(clause: Clause, kind: QuizKind) -> bool:
        rule = bigrams(clause.text)
        if any(_same_rule(rule, other) for other in rules) or outdated_penalty(clause, fines):
            return False  # the paper asks this rule already (another plan words it the same way), or a later law changed it
        question = make_question(f"q{len(made) + 1}", kind, clause, pool, aliases, rng)
        if question is None:
            return False
        if question.kind is not QuizKind.TRUE_FALSE and tuple(question.answer) in keys:
            return False  # two questions of one paper with the same key (特别重大事故 twice) drill one thing
        failed = failed_checks(question)
        if failed:
            if rejected is not None:
                rejected.append((question, failed))
            return False
        made.append((question, clause))
        order.asked(clause)
        keys.add(tuple(question.answer))
        used.add(clause.chunk.chunk_id)
        rules.append(rule)
        return True

    # each question takes the next kind of the cycle; a clause that cannot make it waits, and the clauses that
    # waited fill what is left with any kind, so the mix of kinds holds while a paper can always be filled
    def any_kind(clause: Clause) -> bool:
        turn = len(made) % len(kinds)
        return clause.chunk.chunk_id not in used and any(attempt(clause, k) for k in kinds[turn:] + kinds[:turn])

    waiting: list[Clause] = []
    order = Draw(clauses(chunks), rng)
    for clause in order:
        if len(made) >= n:
            break
        if clause.chunk.chunk_id not in used and not attempt(clause, kinds[len(made) % len(kinds)]):
            waiting.append(clause)
        # a rare kind (two terms of one type for a multiple choice) is not worth drawing the same clauses for
        while len(waiting) > MAX_WAITING and len(made) < n:
            any_kind(waiting.pop(0))
    for clause in waiting:
        if len(made) >= n:
            break
        any_kind(clause)
    return made


def list_question(qid: str, kind: QuizKind, clause: Clause, pool, rng: random.Random) -> QuizQuestion | None:
    """A multiple choice over a list clause's items (`quiz_lists`): two or three of them as keys and two items of
    other lists of the same family; None for another kind of question or too few distractors."""
    listed = clause.listed
    if kind is not QuizKind.MULTIPLE or listed is None or not isinstance(pool, TermPool):
        return None
    keys = rng.sample(listed.options, min(len(listed.options), rng.choice((2, 3))))
    wrong = pool.lists.distractors(listed, (clause.chunk.doc_id, str(clause.chunk.doc_type)), rng, LIST_WRONG)
    if len(wrong) < LIST_WRONG or len(keys) < 2:
        return None  # one distractor beside the keys discriminates poorly (round 24, r31, r35)
    options = keys + wrong
    rng.shuffle(options)
    explanation = "原文：" + "；".join([listed.opening.strip().rstrip("：:"), *listed.items]) + "。"
    return QuizQuestion(id=qid, kind=QuizKind.MULTIPLE, stem=f"依据《{clause.chunk.doc_title}》，{clause.text}",
                        options=options, answer=[o for o in listed.items if o in keys], explanation=explanation,
                        citation=0, category="list")


def run(assistant: Assistant, question: str, *, n: int = 5, seed: int = 0, doc_ids: list[str] | None = None,
        kinds: list[str] | None = None, filters: dict[str, Any] | None = None, **_: Any) -> Answer:
    if not 1 <= n <= 50:
        raise ValueError("n must be between 1 and 50")
    if (absent := absent_refusal(assistant, Task.QUIZ, question, filters)) is not None:
        return absent
    allowed = assistant.allowed_doc_ids(filters)
    chunks = current_versions(assistant, _source_chunks(assistant, question, doc_ids, filters, allowed))
    pool_chunks = current_versions(assistant, [c for d in sorted(allowed) for c in assistant.chunks(d)])[:MAX_POOL_CHUNKS]
    cycle = [QuizKind(k) for k in kinds] if kinds else _KIND_CYCLE
    builder = AnswerBuilder(Task.QUIZ, question)
    questions: list[QuizQuestion] = []
    for made, clause in paper(chunks, pool_chunks, n, seed, cycle):
        # a list question quotes its opening line (the whole list is in its explanation), any other its sentence
        quoted = clause.listed.opening if clause.listed is not None else clause.sentence
        index = builder.add(quoted, [clause.chunk], section="explanation")
        if index is None:
            continue
        made.citation = builder.sentences[index].citations[0]
        made.id = f"q{len(questions) + 1}"
        questions.append(made)
    payload = QuizPayload(seed=seed, questions=questions).model_dump(mode="json")
    return builder.build(payload=payload)
