"""Automatic quality checks every drill question passes before it is shown; a question that fails one is
replaced by another: a complete stem, one right answer, distractors of the key's type, no key in the stem, and
no cue (a word of the key's name in the stem that no distractor shares). `failed_checks` names the checks a question fails (empty: it passes)."""

from __future__ import annotations

import re

from assistant.models import QuizKind, QuizQuestion
from assistant.tasks.quiz_grading import normalise
from assistant.tasks.quiz_terms import admin_level, find_terms, near_synonym

BLANK = "（____）"
MIN_CONTEXT = 10  # Chinese characters besides the blanks and the 「依据《…》」 source
CHECKS = ("complete_stem", "one_right_answer", "distractor_type", "no_answer_leak", "no_cue")
ORDERED_HINT = "按空格顺序选择："
# words that say what kind of body a name is, not which one: shared by key and distractors alike
_GENERIC = re.compile(r"国务院|县级以上|设区的市级|省级|地方|各级|本级|人民政府|主管|行政|部门|管理|工作|委员会|指挥部|办公室"
                      r"|机构|分局|支队|中心|[省市区县镇乡局委]")
_DANGLING = re.compile(r"[：:，、（(“「]$|(?:下列|以下|如下)[^。；]*[：:]|(?:下列|如下)[\u4e00-\u9fff]{0,8}之一")
_END = re.compile(r"[。；！？]$")
_CONTINUES = re.compile(r"^(?:或者?|和|及|以及|并且?|且|但|而|同时|其中|前款|上述)")


def complete_stem(q: QuizQuestion) -> bool:
    """A whole sentence: it ends as a sentence ends, introduces no list it leaves out, and has its blank
    (or, for true/false, a statement) inside it."""
    stem = re.sub(rf"^(?:判断：|{ORDERED_HINT})?(?:依据《[^》]*》，)?", "", q.stem)
    if len(stem) < 12 or _DANGLING.search(stem) or not _END.search(stem) or _CONTINUES.match(stem.strip()):
        return False
    if len(re.findall(r"[\u4e00-\u9fff]", stem.replace(BLANK, ""))) < MIN_CONTEXT:
        return False  # 「配合单位：（____）、（____）。」 says too little to be answered
    if q.kind is QuizKind.TRUE_FALSE:
        return BLANK not in stem
    return stem.count(BLANK) == len(q.answer) if q.kind is not QuizKind.MULTIPLE or BLANK in stem else True


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
    keys_distinct = not any(near_synonym(a, b) for i, a in enumerate(q.answer) for b in q.answer[i + 1:])
    return bool(wrong) and keys_distinct and not any(near_synonym(normalise(w), normalise(a))
                                                     for w in wrong for a in q.answer)


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


def no_answer_leak(q: QuizQuestion) -> bool:
    """The stem does not give the key away: no key, and no option, appears in it."""
    if q.kind is QuizKind.TRUE_FALSE:
        return True
    stem = normalise(q.stem)  # the source's title included: a title naming the key gives it away too
    shown = [*q.answer, *q.options, *q.accepted]
    return not any(normalise(s) and normalise(s) in stem for s in shown)


def _distinctive(name: str) -> set[str]:
    """The two-character words of a name that say which body it is: 「国务院地震工作主管部门」 → {地震}."""
    core = _GENERIC.sub(" ", name)
    return {part[i:i + 2] for part in core.split() for i in range(len(part) - 1)}


def no_cue(q: QuizQuestion) -> bool:
    """The stem does not point at a key: no distinctive word of a key's name (地震 of 国务院地震工作主管部门, 气象
    of 区气象局) stands in the stem unless a distractor shares it too."""
    if q.kind not in (QuizKind.SINGLE, QuizKind.MULTIPLE) or q.category not in ("unit", "body"):
        return True
    stem = re.sub(r"^.*?依据《[^》]*》，", "", q.stem).replace(BLANK, "|")
    wrong = [o for o in q.options if o not in q.answer]
    if any(word in stem and not any(word in w for w in wrong) for key in q.answer for word in _distinctive(key)):
        return False
    # a key's name without its level (水行政主管部门 of 国务院水行政主管部门) written out in the stem
    unlevelled = {o: o[len(admin_level(o)):] for o in q.options}
    shown = [o for o, name in unlevelled.items() if len(name) >= 4 and name in stem]
    return not shown or any(o in wrong for o in shown)


def failed_checks(q: QuizQuestion) -> list[str]:
    results = {"complete_stem": complete_stem(q), "one_right_answer": one_right_answer(q),
               "distractor_type": distractor_type(q), "no_answer_leak": no_answer_leak(q), "no_cue": no_cue(q)}
    return [name for name, ok in results.items() if not ok]
