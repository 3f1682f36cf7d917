"""Automatic quality checks every drill question passes before it is shown; a question that fails one is
replaced by another: a complete stem, one right answer, distractors of the key's type, no key in the stem, and
no cue (a word of the key's name in the stem that no distractor shares). `failed_checks` names the checks a question fails (empty: it passes)."""

from __future__ import annotations

import re

from assistant.models import QuizKind, QuizQuestion
from assistant.tasks.quiz_fields import distinctive, speaks, stem_words
from assistant.tasks.quiz_grading import normalise
from assistant.tasks.quiz_terms import admin_level, find_terms, same_meaning

BLANK = "（____）"
MIN_CONTEXT = 10  # Chinese characters besides the blanks and the 「依据《…》」 source
CHECKS = ("complete_stem", "one_right_answer", "distractor_type", "no_answer_leak", "no_cue")
ORDERED_HINT = "按空格顺序选择："
_DANGLING = re.compile(r"[：:，、（(“「]$|(?:下列|以下|如下)[^。；]*[：:]|(?:下列|如下)[\u4e00-\u9fff]{0,8}之一")
_END = re.compile(r"[。；！？]$")
_CONTINUES = re.compile(r"^(?:或者?|和|及|以及|并且?|且|但|而|同时|其中|前款|上述)")
# a label over a list of names (「配合单位：（____）、区卫生健康委。」): what they work on is in a heading the stem lacks
_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:单位|部门|成员|组成)[：:]")
# a condition that points back at a sentence the stem left out: 「生产经营单位拒不执行的，」「可以采取补救措施的，」
# 「对有前款行为的，」「违反本条例规定的，」 (which rule?), 「违法所得十万元以上的，」 (gained by what?)
_REFERS_BACK = re.compile(r"^(?:没有)?违法所得|^[^，。；！？]{0,15}?(?:拒不执行|拒不改正|逾期未改正|逾期不改正|有前款|有下列|前款规定"
                          r"|上述|该行为)"
                          r"[^。；！？]{0,30}?的，|^[^，。；！？]{0,6}?采取补救措施的，|^对[^，。；！？]{0,12}?(?:前款|上述|本条|该|此)"
                          r"|^违反[^，。；！？]{0,25}?规定的，"
                          r"|(?:依照|按照|依据|符合)(?:本条(?!例)|本款|前款|前两款|上款)")  # 「依照本条规定经认证合格的…」: which rule?
# a body's whole duty paragraph asked as whose it is (「（____）：负责维护灾区社会治安…」): its field words name it
_WHOSE_DUTIES = re.compile(rf"^{re.escape(BLANK)}[：:]")
# a duty with its condition but nobody to do it (「造成人员死亡的，应在接报后（____）电话报告」): who reports, to whom?
# (a condition naming a body, 「区水务局发现险情的，应当…」, has its subject)
_NOBODY = re.compile(r"^(?![^，。；：]*?(?:局|委|办公室|政府|单位|指挥部|中心|队|公司|企业|站|所)[^，。；：]*?的，)"
                     r"[^，。；：]{2,30}?的，(?:应当?|须|必须|需|要)(?:在|于|立即|及时|自|从)")
# a penalty with no violation that earns it: 「对主要负责人处上一年年收入（____）至（____）的罚款」
_PENALTY = re.compile(r"处[^。；]{0,30}?(?:罚款|年收入|警告|拘留)")
_VIOLATION = re.compile(r"违反|未|不按|不依法|不履行|擅自|谎报|瞒报|迟报|漏报|拒绝|阻碍|阻挠|伪造|造成|导致|发生|隐患|有[^。；]{1,20}行为")
# a numbered section of the document the reader cannot see: 「3.1规定的储备标准」 (an article cited as the whole
# condition, 「违反本法第二十条规定的，」, is a condition pointing back)
_UNSEEN_SECTION = re.compile(r"(?<![\d.])\d+(?:\.\d+)+(?:节|条|款)?(?:规定|所述|要求|所列|明确|中)"
                             # 「本条例第十九条规定以外行业的生产经营单位」: which trades that article lists, the stem does not say
                             r"|第[零〇一二三四五六七八九十百千\d]+条(?:第[一二三四五六七八九十]+款)?规定(?:以外|之外|的|所列)"
                             # 「除第（一）项、第（二）项规定以外的其他河道」: which rivers those items name, the stem does not say
                             r"|第[（(][一二三四五六七八九十]+[）)]项")


def complete_stem(q: QuizQuestion) -> bool:
    """A whole sentence: it ends as a sentence ends, introduces no list it leaves out, and has its blank
    (or, for true/false, a statement) inside it."""
    stem = re.sub(rf"^(?:判断：|{ORDERED_HINT})?(?:依据《.*?》，)?", "", q.stem)  # a title may quote a title
    if len(stem) < 12 or _DANGLING.search(stem) or not _END.search(stem) or _CONTINUES.match(stem.strip()) \
            or _LABEL.match(stem) or _WHOSE_DUTIES.match(stem) or _NOBODY.match(stem):
        return False
    if stem.startswith(BLANK) and q.category in ("colour", "level"):
        return False  # 「（____）森林火险气象等级为四级」: a list item's label, with no frame saying a colour is asked
    if len(re.findall(r"[\u4e00-\u9fff]", stem.replace(BLANK, ""))) < MIN_CONTEXT:
        return False  # 「配合单位：（____）、（____）。」 says too little to be answered
    if not self_contained(stem) or (q.ordered and not distinct_frames(stem)):
        return False
    if q.kind is QuizKind.TRUE_FALSE:
        return BLANK not in stem
    return stem.count(BLANK) == len(q.answer) if q.kind is not QuizKind.MULTIPLE or BLANK in stem else True


def self_contained(stem: str) -> bool:
    """The stem names what it is about: no condition pointing back at a left-out sentence, no penalty without
    the violation that earns it, no numbered section or article the reader cannot see."""
    if _REFERS_BACK.search(stem) or _UNSEEN_SECTION.search(stem):
        return False
    penalty = _PENALTY.search(stem)
    return not (penalty and "的，" not in stem[:penalty.start()] and not _VIOLATION.search(stem))


def distinct_frames(stem: str) -> bool:
    """Ordered blanks each sit in their own words: in 「（____）局长、（____）局长」 or a bare list 「（____）、（____）、」
    the blanks cannot be told apart."""
    parts = stem.split(BLANK)
    frames = [re.split(r"[，。；：、]", after)[0] or re.split(r"[，。；：、]", before)[-1]
              for before, after in zip(parts, parts[1:], strict=False)]
    return not any(a == b or a and b and (a.startswith(b) or b.startswith(a))
                   for i, a in enumerate(frames) for b in frames[i + 1:])


def one_right_answer(q: QuizQuestion) -> bool:
    """The key is among the options, and no other option means the same as a key."""
    if q.kind is QuizKind.FILL_BLANK:
        return len(q.answer) == 1
    if q.kind is QuizKind.TRUE_FALSE:
        return q.options == ["正确", "错误"] and len(q.answer) == 1 and q.answer[0] in q.options
    options = [normalise(o) for o in q.options]
    if len(set(options)) != len(options) or not all(a in q.options for a in q.answer):
        return False
    wrong = [o for o in q.options if o not in q.answer]
    keys_distinct = not any(same_meaning(a, b, q.category) for i, a in enumerate(q.answer) for b in q.answer[i + 1:])
    # compared as written: width-normalised, Ⅱ级 reads II级, a subsequence of III级, and every level looked alike
    return bool(wrong) and keys_distinct and not any(same_meaning(w, a, q.category) for w in wrong for a in q.answer)


def distractor_type(q: QuizQuestion) -> bool:
    """Every option is a term of the key's type (category, unit, qualifier); list items are free text."""
    if q.kind in (QuizKind.FILL_BLANK, QuizKind.TRUE_FALSE) or q.category == "list":
        return True
    kinds = set()
    for option in q.options:
        terms = [t for t in find_terms(option) if t.text == option]
        if not terms:
            return False
        kinds.add(terms[0].kind)
    return len(kinds) == 1


_SECTOR_BODY = re.compile(r"(?<=(?:主管|管理)部门)(?:批准|备案|审批|核准)$")  # a department approver, less its verb
_KEY_CORE = re.compile(r"[ⅠⅡⅢⅣ]级|[一二三四]级|[红橙黄蓝]色")


def no_answer_leak(q: QuizQuestion) -> bool:
    """The stem does not give the key away: no key, and no option, appears in it."""
    if q.kind is QuizKind.TRUE_FALSE:
        return True
    stem = normalise(q.stem)  # the source's title included: a title naming the key gives it away too
    shown = [*q.answer, *q.options, *q.accepted]
    if any(normalise(s) and normalise(s) in stem for s in shown):
        return False
    # a level or colour key gives itself away by its core word: 「重大（Ⅱ级）…启动（ ）」 for Ⅱ级响应, 「暴雨临灾橙色警报」
    # for 橙色预警
    asked = q.stem.replace(BLANK, " ")
    if q.category == "approver" and any(_SECTOR_BODY.search(key) and _SECTOR_BODY.sub("", key) in asked
                                        for key in q.answer):
        return False  # 「按照国务院林业主管部门制定的标准…并报（____）」 for 国务院林业主管部门备案 (round 26, a02)
    return not any(core in asked for key in q.answer for core in _KEY_CORE.findall(key))


def no_cue(q: QuizQuestion) -> bool:
    """The stem does not point at a key: no distinctive word of a key's name (地震 of 国务院地震工作主管部门, 气象
    of 区气象局) stands in the stem unless a distractor shares it too, and the stem speaks no key's field (旅游 for
    a 文旅 body, 林区 for a 林业 one) more than every distractor's."""
    if q.kind not in (QuizKind.SINGLE, QuizKind.MULTIPLE) or q.category not in ("unit", "body"):
        return True
    stem = re.sub(r"^.*?依据《.*?》，", "", q.stem).replace(BLANK, "|")
    wrong = [o for o in q.options if o not in q.answer]
    if any(word in stem and not any(word in w for w in wrong) for key in q.answer for word in distinctive(key)):
        return False
    words = stem_words(stem)
    strongest_wrong = max((speaks(w, words) for w in wrong), default=0)
    if any(speaks(key, words) > strongest_wrong for key in q.answer):
        return False
    # a key's name without its level (水行政主管部门 of 国务院水行政主管部门) written out in the stem
    unlevelled = {o: o[len(admin_level(o)):] for o in q.options}
    shown = [o for o, name in unlevelled.items() if len(name) >= 4 and name in stem]
    return not shown or any(o in wrong for o in shown)


def failed_checks(q: QuizQuestion) -> list[str]:
    results = {"complete_stem": complete_stem(q), "one_right_answer": one_right_answer(q),
               "distractor_type": distractor_type(q), "no_answer_leak": no_answer_leak(q), "no_cue": no_cue(q)}
    return [name for name, ok in results.items() if not ok]
