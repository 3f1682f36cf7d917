"""The lead's choice of sentences among the leading clauses."""

from __future__ import annotations

from assistant.lead import LEVEL_MEASURES, asked_about, lead_sentences
from retrieval.models import Chunk, DocType, Hit


def _hit(n: int, locator: str, text: str) -> Hit:
    chunk = Chunk(chunk_id=f"p:{n}", doc_id="p", doc_title="示例区大面积停电事件应急预案", doc_type=DocType.PLAN,
                  source_path="p.md", locator=locator, heading_path=[locator], text=text, page_start=1, page_end=1)
    return Hit(chunk=chunk, score=1.0 - n / 10)


def test_who_holds_a_role_is_answered_by_the_sentence_naming_the_role_in_the_clause_about_it():
    """Blind dialogue batch 11 (dlg-527): 「区大面积停电事件应急指挥部的指挥长是谁？」 was led by a warning sentence of 3.2
    that repeats the body's name, not by 2.1's 「指挥长由分管发展改革工作的副区长担任」."""
    hits = [
        _hit(0, "2.1 区大面积停电事件应急指挥部", "区人民政府设立示例区大面积停电事件应急指挥部（以下简称区停电应急指挥部），负责统一领导、"
            "组织和指挥大面积停电事件应对工作。指挥长由分管发展改革工作的副区长担任，副指挥长由区应急管理局局长担任。"),
        _hit(1, "3.2 预警分级和发布", "示例供电公司研判可能发生大面积停电事件时，应立即向区停电应急指挥部办公室报告，提出预警建议。"
            "蓝色、黄色预警由区停电应急指挥部办公室发布，橙色、红色预警由区停电应急指挥部指挥长批准后发布。"),
    ]
    question = "区大面积停电事件应急指挥部的指挥长是谁？"
    assert asked_about(question) == "指挥长"
    lead = [s.text for s in lead_sentences(question, hits)]
    assert any(s.startswith("指挥长由分管发展改革工作的副区长担任") for s in lead), lead
    assert not any(s.startswith("示例供电公司研判") for s in lead), lead
    # the role after the asking word (blind batch 32, dlg-937: 「…应急指挥部谁当指挥长？」 asked 指挥部, not 指挥长)
    assert asked_about("区大面积停电事件应急指挥部谁当指挥长？") == "指挥长"
    assert asked_about("谁担任副指挥长？") == "副指挥长"
    assert asked_about("由谁决定启动？") is None


def test_a_bodys_duties_are_led_by_the_line_that_opens_with_it():
    """Blind dlg-678: 「气象局要做什么」 in a plan whose members' duties are one long section is answered by the line
    「市气象局：负责…」, not by a line about weather information that names the body later."""
    hits = [
        _hit(0, "2.1.4 成员单位职责", "市林业局：负责组织协调抗洪抢险所需竹木供应。\n"
            "气象信息：市气象局及时提供灾害性天气监测预报预警信息，主要包括天气形势分析。\n"
            "市气象局：负责灾害性天气的监测、预报、预警，组织开展人工影响天气作业。"),
    ]
    lead = [s.text for s in lead_sentences("示例市防汛抗旱应急预案 气象局要做什么", hits)]
    assert lead[0].startswith("市气象局：负责灾害性天气"), lead


def test_two_parts_that_want_the_same_sentence_each_get_their_own():
    """「…多少天内要提交？特殊情况能延长多久」: both parts score the extension sentence best; the second part, which no other
    sentence answers, takes it, and the first is answered by its own 「60日内提交」, in the question's order."""
    hits = [_hit(0, "第二十九条", "第二十九条 事故调查组应当自事故发生之日起60日内提交事故调查报告；特殊情况下，经负责事故调查的"
                 "人民政府批准，提交事故调查报告的期限可以适当延长，但延长的期限最长不超过60日。")]
    lead = [s.text for s in lead_sentences("事故调查报告多少天内要提交？特殊情况能延长多久", hits)]
    assert lead[0].startswith("第二十九条 事故调查组应当自事故发生之日起60日内"), lead
    assert lead[1].startswith("特殊情况下"), lead


def test_an_item_of_a_penalty_list_does_not_answer_a_question_about_the_duty():
    """「发生火灾后多久报警？」 is answered by 「任何人发现火灾都应当立即报警」, not by the penalty's item 「…不及时报警的；」
    that shares more of its words; asked about the penalty, the item (with its rule) leads."""
    hits = [
        _hit(0, "第六十四条", "第六十四条 违反本法规定，有下列行为之一，尚不构成犯罪的，处十日以上十五日以下拘留：\n"
             "（一）指使或者强令他人违反消防安全规定，冒险作业的；\n（三）在火灾发生后阻拦报警，或者负有报告职责的人员不及时报警的；"),
        _hit(1, "第四十四条", "第四十四条 任何人发现火灾都应当立即报警。任何单位、个人都应当无偿为报警提供便利，不得阻拦报警。"),
    ]
    duty = [s.text for s in lead_sentences("火灾发生后多久要报警？", hits)]
    assert duty[0].startswith("第四十四条 任何人发现火灾都应当立即报警"), duty
    penalty = [s.text for s in lead_sentences("火灾发生后不及时报警怎么处罚？", hits)]
    assert any("不及时报警的" in s for s in penalty[:2]), penalty


def test_the_hazard_asked_picks_its_row_and_the_plans_own_name_counts_for_nothing():
    """「气象灾害预案里寒潮的Ⅱ级响应条件是什么」 on the national weather plan's Ⅱ级 list: the 寒潮 item answers, not the
    losses item that shares the words 响应 and 灾害 (the latter only through the plan's name in the question)."""
    chunk = Chunk(chunk_id="w:1", doc_id="w", doc_title="国家气象灾害应急预案", doc_type=DocType.PLAN, source_path="w.md",
                  locator="8.1.2 Ⅱ级预警", heading_path=["8.1.2 Ⅱ级预警"], page_start=1, page_end=1,
                  text="(1)台风：预计未来 48 小时将有台风登陆或影响我国沿海。\n"
                       "(6)寒潮：预计未来 48 小时 2 个及以上省(区、市)气温大幅下降并伴有 6 级及以上大风，最低气温降至 2 摄氏度以下。\n"
                       "(9)灾害性天气已对群众生产生活造成重大损失和影响，以及上述灾害已经启动Ⅲ级响应但仍可能持续发展或影响其他地区的。")
    lead = [s.text for s in lead_sentences("气象灾害预案里寒潮的Ⅱ级响应条件是什么", [Hit(chunk=chunk, score=1.0)])]
    assert lead[0].startswith("(6)寒潮"), lead


def test_a_conclusion_names_a_chinese_numbered_section_with_its_subsection():
    from assistant.lead import clause_number

    assert clause_number("四、 （二）启动条件") == "四、（二）"
    assert clause_number("四、 响应分级与启动") == "四"
    assert clause_number("第一章 第三条") == "第三条" and clause_number("4.1.3 Ⅱ级应急响应") == "4.1.3"
    assert clause_number("第4章 4.1.1 特别重大水上突发事件") == "4.1.1" and clause_number("第一章 总则") == "第一章"


def test_a_not_a_asks_and_a_vague_count_does_not():
    """Blind answers batch 25: 「会不会把反映人的信息透出去」 is a part of its own (the 予以保密 sentence answers it), and
    「在老家干过好几年」 asks nothing."""
    from assistant.lead import question_parts

    assert question_parts("应对法有没有说能去哪投诉？接到反映的部门要怎么办，会不会把反映人的信息透出去？")[-1] \
        == "会不会把反映人的信息透出去"
    assert question_parts("他说在老家干过好几年，能不能先让他干着？") == ["他说在老家干过好几年 能不能先让他干着"]


ARTICLE = ("第十八条 有关地方人民政府接到事故报告后，应当启动应急救援预案，并采取下列一项或者多项应急救援措施：\n"
           "（一）组织抢救遇险人员，救治受伤人员；\n"
           "（二）通知可能受到事故影响的单位和人员，划定警戒区域，实施交通管制；\n"
           "（三）采取必要措施，防止事故危害扩大；\n"
           "（四）依法发布调用和征用应急资源的决定。")


def test_a_question_that_asks_what_to_do_is_led_by_the_whole_list_in_one_line():
    """Dev answers (ans-056, ans-1500, ans-1279): 「要采取哪些措施？」 was led by the rule and two of its items, the third line
    an article about fines; the rule's list now follows it whole, as one verbatim passage, and is not repeated below."""
    from assistant.answer_builder import AnswerBuilder
    from assistant.answer_first import compose
    from assistant.lead import list_span
    from assistant.models import Task

    hits = [_hit(0, "第十八条", ARTICLE), _hit(1, "第三十一条", "第三十一条 生产经营单位未对应急救援器材进行维护的，处罚款。")]
    span = list_span(ARTICLE.splitlines()[0], hits[0])
    assert span is not None and span.startswith("（一）") and span.endswith("决定。") and span in ARTICLE

    question = "政府接到事故报告后要采取哪些措施？"
    builder = AnswerBuilder(Task.LOOKUP, question)
    composed = compose(builder, question, hits, [], [])
    lead = [builder.sentences[i].text for i in composed["lead"]]
    assert lead[0].startswith("第十八条") and "划定警戒区域" in lead[1] and "依法发布" in lead[1]
    assert not any(s.text.startswith("（二）") for s in builder.sentences if s.section == "evidence")  # not again below


def test_an_item_alone_opens_no_list():
    from assistant.lead import list_span

    hit = _hit(0, "第十八条", ARTICLE)
    assert list_span("（四）依法发布调用和征用应急资源的决定。", hit) is None  # the last item: no list after it
    assert list_span("第十八条 有关地方人民政府接到事故报告后应当报告。", _hit(1, "x", "第十八条 有关地方人民政府接到事故报告后应当报告。")) is None


def test_the_declared_levels_own_measures_lead_before_the_grading_that_shares_the_declarations_words():
    """Blind answers batch 21 (ans-1367): 「刚启动市级Ⅲ级旅游突发事件响应，在Ⅳ级基础上还要加哪些事？」 was led by the grading
    line 「属于重大旅游突发事件的，启动市级Ⅲ级应急响应」; the Ⅲ级 section's list, which search ranks the plan's measures by,
    answers it."""
    grading = _hit(0, "4.3 响应分级", "（2）属于重大旅游突发事件的，启动市级Ⅲ级应急响应；\n（3）属于较大旅游突发事件的，启动市级Ⅳ级应急响应；")
    measures = _hit(1, "5.3 Ⅲ级响应", "在Ⅳ级响应措施基础上，增加以下措施：\n（1）市文旅局局长带领市级工作组到达现场。\n"
                    "（2）市交通运输局增开临时接驳车辆。")
    question = "茴州刚启动市级Ⅲ级旅游突发事件响应，在Ⅳ级基础上还要加哪些事？列个清单。"
    assert lead_sentences(question, [measures, grading])[0].hit is grading  # unmarked: the declaration's words win
    marked = measures.model_copy(update={"ranks": {LEVEL_MEASURES: 0}})
    assert lead_sentences(question, [marked, grading])[0].hit is marked


def test_a_request_for_the_whole_list_shows_the_top_clause_whole_before_other_clauses():
    """Blind batch 32 (ans-1806): 「把Ⅲ级这一档要办的任务按牵头单位列个清单」 showed seven of the eight task rows and a
    sentence of another clause in their place; a question that does not ask for the list keeps the lead's context."""
    from assistant.answer_first import TOP_CLAUSE_CONTEXT, _group_sentences

    rows = "\n".join(f"| {n} | 任务{n}事项办理 | 县教育局 | 启动后 {n} 小时内 |" for n in range(1, 11))
    table = _hit(0, "五、 （三）Ⅲ级响应措施", f"| 序号 | 工作任务 | 牵头单位 | 完成时限 |\n| --- | --- | --- | --- |\n{rows}")
    whole = _group_sentences("把Ⅲ级的任务列个清单，写上完成时限", table, 0, set())
    assert sum("任务" in s and "事项办理" in s for s in whole) == 10
    first = next(s for s in whole if "任务1事项" in s)
    asked = _group_sentences("Ⅲ级任务1由谁牵头？", table, 0, {first})
    assert len(asked) <= TOP_CLAUSE_CONTEXT + 1


def test_an_item_of_a_run_is_read_with_the_opening_before_it_and_a_level_asked_picks_its_item():
    """Blind dlg-958: 「那三级期间，市指挥部办公室多久续报一次？」 was led by a sentence about recomputing a figure every
    2 hours, since the item 「三级响应每 6 小时一次；」 shares no word with the question: its opening 「…续报的频次为：」
    does, and the run's first item names only 四级."""
    hits = [
        _hit(0, "第二十三条", "第二十三条　启动响应后，市指挥部办公室续报的频次为：四级响应每日 8 时、2 0 时各一次；"
            "三级响应每 6 小时一次；二级响应每 2 小时一次；一级响应每小时一次。发生人员死亡的，随时报告。"),
        _hit(1, "第十七条", "停热仍在持续的，市指挥部办公室每 2 小时重新计算一次停热累计影响量。"),
    ]
    lead = [s.text for s in lead_sentences("三级期间，市指挥部办公室多久续报一次？", hits)]
    assert lead[0] == "三级响应每 6 小时一次；", lead


def test_the_lines_saying_who_issued_a_document_and_to_whom_answer_only_a_question_about_that():
    """Blind batch 34 (ans-1878): 「貔川县人民政府办公室 2025年9月22日印发」 led an answer about who decides a level, and
    「抄送：…」 stood in its evidence."""
    from assistant.composers.extractive import answer_sentences

    text = ("县指挥部办公室提出级别建议，报决定人决定。\n抄送：县委办公室，县人大常委会办公室。\n"
            "示例县人民政府办公室　　　　　　　　　　　　　　　2025年9月22日印发")
    hit = _hit(0, "4.3 启动决定", text)
    assert answer_sentences(hit, "Ⅲ级由谁决定？") == ["县指挥部办公室提出级别建议，报决定人决定。"]
    assert len(answer_sentences(hit, "这个预案哪天印发的，抄送了哪些单位？")) == 3


def test_who_starts_a_level_is_not_answered_by_what_is_done_once_it_has_started():
    """On the real 衡阳 plan, 「衡阳市Ⅲ级防汛应急响应由谁决定启动？」 was led by 「市防指启动防汛Ⅲ级应急响应后，市防指副总指挥…
    值班」 (a duty once the level has started, sharing the question's words), before 「较大（Ⅲ级）应急响应由…签发」."""
    hits = [
        _hit(0, "4.3 Ⅲ级应急响应", "市防指启动防汛Ⅲ级应急响应后，市防指副总指挥或市防办主任在市应急指挥中心值班，统筹调度防范应对工作。"
            "较大（Ⅲ级）应急响应由市防指常务副总指挥签发；"),
    ]
    lead = [s.text for s in lead_sentences("示例区Ⅲ级防汛应急响应由谁决定启动？", hits)]
    assert lead[0].startswith("较大（Ⅲ级）应急响应由市防指常务副总指挥签发"), lead
    duties = [s.text for s in lead_sentences("示例区防汛Ⅲ级应急响应启动后，谁在应急指挥中心值班？", hits)]
    assert duties[0].startswith("市防指启动防汛Ⅲ级应急响应后"), duties


def test_a_table_row_answers_with_its_header_and_a_raised_level_is_the_one_asked():
    """Blind answers batch 36 (ans-1969): 「要从Ⅲ级提到Ⅱ级，这个决定该谁来拍板？」 was led by 「…响应分为Ⅰ级、Ⅱ级…」, since the
    table of deciders (「Ⅱ级 | 县长」, rows without sentence punctuation) offered no sentence at all; the row is read
    with its header (「级别 | 作出启动决定的人员」), and of the two levels named the one raised to is asked about."""
    hits = [
        _hit(0, "四、（八）启动决定", "县指挥部办公室应当在接报后 4 0 分钟内提出级别建议，按照表 4-1 报请决定。\n表 4-1　各级响应的启动决定人\n"
             "级别 | 作出启动决定的人员\nⅣ级 | 县应急管理局局长\nⅢ级 | 县指挥部指挥长（分管应急管理的副县长）\nⅡ级 | 县长\n"
             "Ⅰ级 | 县长报经县委书记同意后决定\n注：提高级别的，由提高后级别的决定人决定。"),
        _hit(1, "四、（一）响应级别", "县级烟花爆竹生产安全事故应急响应分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级，Ⅰ级为最高级别。"),
    ]
    lead = [s.text for s in lead_sentences("碛阳烟花厂的事故要从Ⅲ级提到Ⅱ级，这个决定该谁来拍板？", hits)]
    assert lead[0] == "Ⅱ级 | 县长", lead
    assert "级别 | 作出启动决定的人员" not in lead, "a header is no answer"


def test_a_directory_row_the_question_names_nothing_of_is_not_read_with_its_header():
    """Dev ans-1574: read with its header (「序号 | 单位 | 职责 | 所在区」), a directory's long row shared 「区」 with
    「灾备中心放在哪个区」 and pushed out the sentence that answers."""
    hits = [
        _hit(0, "8.1 技术支撑", "技术支撑中心现有专业人员 ２８ 人；\n灾备中心设在颃山区，与主中心相距 ３２ 公里。"),
        _hit(1, "附件2 支撑单位", "序号 | 单位 | 职责 | 所在区\n1 | 颉州市网络安全应急技术支撑中心 | 监测、溯源、样本研判 | 颀湾区\n"
             "4 | 颉州市电子政务外网运维中心 | 政务外网运维 | 颀湾区"),
    ]
    lead = [s.text for s in lead_sentences("政务云的灾备中心放在哪个区、离主中心多远？", hits)]
    assert lead[0].startswith("灾备中心设在颃山区"), lead


def test_a_response_named_by_its_colour_is_that_levels_under_an_article_titled_by_level():
    """Dev dlg-618: 「泖阳启动蓝色防汛响应，市防办每天几点报汛情？」 — the cadence sits in 「第十九条 【Ⅳ级应急响应措施】」,
    whose locator leaves out the title; a colour response is the level of that colour (蓝 Ⅳ … 红 Ⅰ), so the article's
    sentence is about the level asked. A warning signal's colour (「蓝色预警」) stays a colour."""
    from assistant.lead import _same_level

    hit = _hit(0, "第五章 第十九条", "第十九条 【Ⅳ级应急响应措施】\n（一）市防办主任主持会商。\n（六）市防办每日9时、17时各报送一次汛情旱情。")
    sentence = "（六）市防办每日9时、17时各报送一次汛情旱情。"
    assert _same_level("泖阳启动蓝色防汛响应，市防办每天几点报汛情", sentence, hit)
    assert not _same_level("泖阳启动橙色防汛响应，市防办每天几点报汛情", sentence, hit)
    assert not _same_level("发布蓝色预警后市防办每天几点报汛情", sentence, hit)
