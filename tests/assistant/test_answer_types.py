"""A question asking for an amount, a phone number, a time limit or a quantity is refused when the clauses
retrieved for it state none, and answered when they do."""

from __future__ import annotations

import pytest

from assistant.answer_types import asked_type, missing_answer_type
from assistant.service import Assistant


@pytest.mark.parametrize(("question", "kind"), [
    ("值班补助每个班给多少钱？", "amount of money"),
    ("区防指的值班电话是多少？", "telephone number"),
    ("接报后多长时间内要报告？", "time limit"),
    ("转移安置点能住多少人？", "quantity"),
    ("Ⅱ级响应由谁决定启动？", None),
    ("请专家评审预案，评审费一般给多少？", "amount of money"),
    ("救生衣放了几年就得报废？", "years"),
    ("在老家干过好几年电焊，能不能先上岗？", None),
    ("全区一共建成了多少处避难场所？", "quantity"),
    ("那次事故死了几人？", "quantity"),
    ("写字楼里几家公司一起委托物业，物业担什么责？", None),  # 几家 describes here, it does not ask
    ("区救灾物资储备库的库容是多少立方米？", "quantity"),
])
def test_the_kind_of_fact_a_question_asks_for(question, kind):
    found = asked_type(question)
    assert (found.name if found else None) == kind


def test_an_answer_type_is_missing_only_when_no_text_states_one():
    assert missing_answer_type("值班补助每个班给多少钱？", ["值班补助按有关规定发放。"]).name == "amount of money"
    assert missing_answer_type("值班补助每个班给多少钱？", ["值班补助每班一百二十元。"]) is None
    assert missing_answer_type("接报后多长时间内要报告？", ["接报后应当立即报告。"]) is None
    assert missing_answer_type("Ⅱ级响应由谁决定启动？", ["无关的文字。"]) is None


def test_a_make_or_model_is_not_stated_by_a_count_of_the_equipment():
    """Blind dev ans-2046: the plan counts its drones (「植保无人机 ２４ 架」) and names no make or model."""
    question = "那二十四架植保无人机是什么品牌、什么型号，每架载药量多少？"
    assert missing_answer_type(question, ["配备植保无人机 ２４ 架、粉碎机 ４５ 台。"]).name == "make or model"
    assert missing_answer_type(question, ["配备植保无人机24架（型号：T40）。"]) is None
    assert missing_answer_type(question, ["配备DJI T-40植保无人机24架。"]) is None


def test_a_tables_figures_state_the_measure_its_header_gives_their_column():
    """Blind dev ans-2015: 「本体面积（平方米）」 over 「钺溪石塔 | ４５」 states 45 平方米 of 钺溪石塔 (the question had been
    refused as if no figure in 平方米 were given)."""
    table = "序号 | 名称 | 保护级别 | 本体面积（平方米）\n１ | 钺溪石塔 | 县级文物保护单位 | ４５\n２ | 盉坪戏台 | 县级 | ２６０"
    question = "钺溪石塔和盉坪戏台的本体面积各是多少平方米？"
    assert missing_answer_type(question, [table]) is None
    assert missing_answer_type(question, ["序号 | 名称 | 保护级别\n１ | 钺溪石塔 | 县级文物保护单位"]).name == "quantity"


def test_a_date_is_not_a_duration_and_a_count_needs_its_unit():
    assert missing_answer_type("救生衣放了几年就得报废？", ["本条例自2011年1月8日起施行。"]).name == "years"
    assert missing_answer_type("救生衣放了几年就得报废？", ["救生衣存放满5年应当报废。"]) is None
    assert missing_answer_type("全区建成了多少处避难场所？", ["全区共设3个街道。"]).name == "quantity"
    assert missing_answer_type("全区建成了多少处避难场所？", ["全区建成避难场所120处。"]) is None


def test_a_count_asked_of_a_grading_is_answered_by_the_share_of_them_it_counts():
    grading = ["（3）较大大面积停电事件：本区电网减供负荷20%以上40%以下，或者30%以上50%以下供电用户停电。"]
    assert missing_answer_type("停电多少户算较大大面积停电事件？", grading) is None
    assert missing_answer_type("停电多少户算较大大面积停电事件？", ["本区电网减供负荷20%以上40%以下。"]).name == "quantity"


RULES = ("# 示例区值班补助规定\n\n第一条 区应急管理局值班人员按规定享受值班补助，补助标准由区财政局会同区人力社保局另行制定。\n\n"
         "第二条 值班补助按月发放，由区应急管理局汇总值班记录后报区财政局审核。\n")


@pytest.fixture
def rules_assistant(tmp_path):
    (tmp_path / "rules.md").write_text(RULES, encoding="utf-8")
    assistant = Assistant(home=tmp_path / "home")
    assistant.ingest([tmp_path / "rules.md"])
    assistant.settings.not_found_floor = 0.0  # only the answer-type check can refuse here
    return assistant


@pytest.mark.parametrize("task", ["lookup", "chat"])
def test_a_clause_about_the_subject_without_the_amount_is_not_an_answer(rules_assistant, task):
    refused = rules_assistant.ask("值班补助每个班给多少钱？", task=task)
    assert refused.refused and refused.closest and "值班补助" in refused.closest[0].quote
    answered = rules_assistant.ask("值班补助由谁审核？", task=task)
    assert not answered.refused and any("区财政局审核" in s.text for s in answered.sentences)


def test_an_amount_of_what_the_question_names_must_be_stated_about_it():
    """Issue 12: a fine in 元 elsewhere in the clause does not state the 补助 asked for."""
    question = "扑火人员每天的生活补助标准是多少元？"
    assert missing_answer_type(question, ["对个人并处200元以上3000元以下罚款；扑火人员按规定享受补助。"]).name \
        == "amount of money"
    assert missing_answer_type(question, ["扑火人员生活补助标准为每人每天80元。"]) is None


def test_a_date_a_share_and_seconds_are_kinds_of_fact_too():
    assert missing_answer_type("全国消防日是哪一天？", ["每年开展消防宣传活动。"]).name == "date"
    assert missing_answer_type("巡查最早是哪天发现落石的？", ["2 月 7 日巡查发现零星落石。"]) is None
    assert missing_answer_type("全区森林覆盖率是多少？", ["全区林地面积较大。"]).name == "share"
    assert missing_answer_type("预警信息要在震后多少秒内发布？", ["应当及时发布预警信息。"]).name == "seconds"


@pytest.mark.parametrize(("question", "stated", "unstated"), [
    ("整理一下被困车辆的车牌号", "一辆豫A·12345小型客车被困", "多辆车辆被困隧道内"),
    ("那趟车的司机叫什么名字？", "司机张某某未按规定停车", "司机未按规定停车"),
    ("区防指总指挥现在是哪位区长？叫啥名字", "总指挥：王某某（区长）", "区防指总指挥由区长担任"),
    ("商场火灾几个责任人法院最后怎么判的", "判处有期徒刑三年", "移送司法机关依法处理"),
    ("全省事故起数同比变化多少", "事故起数同比下降12%", "全年发生事故23起"),
])
def test_a_plate_a_name_a_judgment_and_a_change_on_a_year_must_be_stated(question, stated, unstated):
    assert missing_answer_type(question, [stated]) is None
    assert missing_answer_type(question, [unstated]) is not None


@pytest.mark.parametrize(("question", "texts", "missing"), [
    # another reservoir's level is no answer for the named one
    ("泓安鹳山水库的汛限水位是多少米？", ["青山水库最高水位86.74米，超过汛限水位0.74米。", "| 鹳山水库 | 石矶县 | 大型 |"], True),
    ("青山水库的汛限水位是多少米？", ["青山水库汛限水位86米，8月起执行。"], False),
    # a reservoir's highest level is not its dam height
    ("出道题：青山水库大坝的坝高是多少米？", ["青山水库最高水位86.74米，超过汛限水位0.74米。"], True),
    # the things counted: a flood reserve's pumps are not the forest-fire reserve's blowers
    ("风力灭火机、水泵各有多少台？", ["储备风力灭火机、水泵等扑火装备。", "防汛储备移动泵车18台、发电机组40台。"], True),
    ("风力灭火机、水泵各有多少台？", ["储备风力灭火机120台、水泵30台。"], False),
    ("转移安置点能住多少人？", ["每个安置点可容纳500人。"], False),
])
def test_a_count_asked_of_a_named_work_or_thing_needs_a_sentence_about_it(question, texts, missing):
    assert (missing_answer_type(question, texts) is not None) == missing


def test_people_are_counted_in_ming_as_well():
    """Blind dlg-554: 「每班至少几个人？」 is answered by 「每班至少安排1名带班领导和1名值班员」."""
    assert missing_answer_type("街道值班每班至少几个人？", ["街道值班每班至少安排1名带班领导和1名值班员。"]) is None


@pytest.mark.parametrize(("question", "texts", "missing"), [
    # blind dev: a count of a thing the documents name without counting it
    ("出道题：示例区清明期间在进山路口一共设了几个森林防火检查站？", ["青山镇、河口镇在进山路口设立森林防火检查站。"], True),
    ("全区一共设了几个森林防火检查站？", ["全区在进山路口设立森林防火检查站12个。"], False),
    ("预案印发后多少个工作日内要备案？", ["应当在印发之日起20个工作日内备案。"], False),  # a time limit, not a count
    # blind answers batch 33: 「收费系统里这几座站」 is a demonstrative, no amount of money asked
    ("甑山南分区有几座换热站也停了，收费系统里这几座站登记的面积一共五十五万平方米。市级该启动几级？",
     ["停热累计影响量达到 6 0 0 万平方米·小时以上的，启动三级响应。"], False),
    # blind answers batch 33: 「哪几个人点头」 asks who decides, not how many
    ("县里要上Ⅲ级，得哪几个人点头才算数？", ["Ⅲ级由县指挥部指挥长、县市场监督管理局局长决定。"], False),
    ("库管员手机号多少？", ["县级防火物资储备库设在城关镇，由县林业局管理。"], True),
    ("常务副指挥长现在是哪位副市长？要全名", ["常务副指挥长由分管副市长担任。"], True),
    ("出道题：栖梧石化油库的设计总库容是多少立方米？", ["威胁栖梧石化油库等重要设施的。", "水库总库容1200万立方米。"], True),
    # blind batch 17: a roster of people and their numbers, asked as a list
    ("把各街道易涝点值守人员的名单和联系电话列出来，今晚要逐个叫应。", ["各街道落实易涝点值守人员，24小时在岗。"], True),
    ("把各街道易涝点值守人员的名单和联系电话列出来", ["东湖街道值守人员张某，联系电话010-12345678。"], False),
    ("各成员单位的24小时值班电话号码分别是多少？", ["各成员单位每6小时报送一次工作情况。"], True),
    ("区防指办公室值班电话号码是多少？", ["区防指办公室值班电话：010-6901 2345，传真010-69012346。"], False),
    # the members of a set a document only counts, asked by name or place
    ("把示例市那6支防汛抢险专业队伍的名称、驻地和带队人列个表", ["市级防汛抢险专业队伍6支420人，各区组建群众性队伍。"], True),
    ("把示例市那3支防汛抢险专业队伍的名称列个表", ["市级防汛抢险专业队伍3支：东城抢险队、西城抢险队、南城抢险队。"], False),
    ("示例区那两座渔港叫啥名字？", ["| 序号 | 渔港 | 泊位 |\n| 1 | 东港 | 120 |\n| 2 | 西港 | 80 |"], False),
    # blind batch 19: 「四位一体」 is the text's idiom, not a count of members asked by name
    ("衡阳防汛预案说的“四位一体”救助机制是哪四样？", ["完善政府救助、保险保障、社会救济、自救互救“四位一体”的救助机制。"], False),
    # blind batch 20: which members of a counted set fall short, asked as a list of names; and a length of service
    ("那２１７家有限空间作业企业，哪些还没配齐救援人员？列个名单我去督办。", ["有限空间作业企业应当配备2名救援人员。"], True),
    ("哪些措施要先做？列个清单", ["立即组织人员转移。"], False),  # a checklist, not a list of names
    ("安全总监的学历和相关工作年限各是多少？", ["安全总监协助主要负责人履行安全生产管理职责。"], True),
    ("安全总监的相关工作年限是多少？", ["应当具有五年以上安全生产相关工作经历。"], False),
    # blind batch 22: where a count starts is no date; an OCR'd plan's full-width figures state the count as much as ASCII digits do
    ("县级的扑杀专业队有几支、一共多少人？", ["县级扑杀专业队 ２ 支共 ４８ 人，由县农业农村局组建。"], False),
    ("“在15日内”从哪天往前数？", ["“在 N 日内”，指自本县最近一个疫点确诊之日起向前连续计算 N 日。"], False),
    ("今年的防汛演练定在哪天？", ["每年汛前组织一次防汛演练。"], True),
    # 「哪几处…列个名单」 asks the names: a count of them does not answer it
    ("化工园区构成重大危险源的罐区具体是哪几处？列个名单。", ["园区内构成重大危险源的罐区 １２ 处。"], True),
])
def test_counts_names_and_phones_the_documents_talk_around(question, texts, missing):
    assert (missing_answer_type(question, texts) is not None) == missing


def test_a_measure_of_a_named_work_asked_without_a_unit_needs_that_works_figure():
    """Blind answers batch 20/23 (「沄州斑鸠岩水库总库容多少？汛限水位是多少？」): another reservoir's figure is no answer."""
    question = "沄州斑鸠岩水库总库容多少？汛限水位是多少？"
    assert missing_answer_type(question, ["斑鸠岩水库总库容1.2亿立方米，汛限水位186米。"]) is None
    assert missing_answer_type(question, ["青山水库总库容1.2亿立方米。斑鸠岩水库位于县城上游。"]) is not None


def test_a_share_of_an_income_is_stated_of_that_income():
    """Blind answers batch 27 (ans-1604): a fine of 「上一年年收入百分之四十」 does not state what share of 营业收入 is set aside."""
    question = "经费至少要按上一年营业收入的百分之几来安排？"
    assert missing_answer_type(question, ["处上一年年收入百分之四十的罚款"]) is not None
    assert missing_answer_type(question, ["按照上一年度营业收入的1.5%提取安全生产费用"]) is None


def test_radiation_units_and_stored_items_are_quantities():
    assert missing_answer_type("β表面污染的控制水平是每平方厘米多少贝可？", ["超过控制水平的面积为污染面积"]) is not None
    assert missing_answer_type("β表面污染的控制水平是每平方厘米多少贝可？", ["β表面污染控制水平为4贝可每平方厘米"]) is None
    assert missing_answer_type("救生衣备了多少件？", ["储备冲锋舟3艘"]) is not None
    assert missing_answer_type("稻飞虱每百丛虫量达到多少头算偏重发生？", ["发生程度以系统调查汇总的面积为准"]) is not None


def test_a_number_of_years_is_not_stated_by_immediately():
    """Blind answers batches 22/27 (「安全帽用几年必须换」「相关工作年限各是多少」): 「立即」 and 「及时」 state a time limit,
    not a number of years."""
    question = "安全帽用几年必须换？"
    assert missing_answer_type(question, ["生产经营单位应当及时更换劳动防护用品，发现问题立即整改。"]) is not None
    assert missing_answer_type(question, ["安全帽自生产之日起使用期限不超过3年。"]) is None
    assert missing_answer_type(question, ["2021年6月10日修正。"]) is not None  # a date is no number of years


def test_an_insured_sum_or_a_reward_is_an_amount_said_of_it():
    """Blind answers batches 25/29: a fine in 元 states no 保额 and no 奖励."""
    question = "每名从业人员的死亡赔偿保额最低是多少？"
    assert missing_answer_type(question, ["未投保安全生产责任保险的，处五万元以上十万元以下的罚款。"]) is not None
    assert missing_answer_type(question, ["每人死亡赔偿保额不低于30万元。"]) is None
    reward = "举报安全生产违法行为有奖励，一条线索具体奖多少钱？"
    assert missing_answer_type(reward, ["对举报的有功人员给予奖励。违法的处二万元以下的罚款。"]) is not None
    assert missing_answer_type(reward, ["查实的，给予举报人1000元至3000元奖励。"]) is None


def test_a_rate_is_stated_of_that_rate():
    """Blind answers batch 29 (ans-1692): a plan's 停售率 thresholds state no 资本充足率."""
    question = "评到8级要满足什么条件？比如资本充足率低于多少？"
    assert missing_answer_type(question, ["停售率达到30%以上的，为严重紧张。"]) is not None
    assert missing_answer_type(question, ["资本充足率低于8%的，列为高风险机构。"]) is None


def test_a_size_a_rule_starts_at_is_stated_only_by_a_figure():
    """Blind answers batch 30 (ans-1742): the fire law's duties of a 消防安全重点单位 state no size it starts at."""
    question = "商场、宾馆这类人员密集场所，建筑面积或者员工人数到多少就必须列为消防安全重点单位？"
    assert asked_type(question).name == "threshold of a size"
    assert missing_answer_type(question, ["消防安全重点单位除应当履行本法第十六条规定的职责外，还应当建立消防档案。"]) is not None
    assert missing_answer_type(question, ["建筑面积在一万平方米以上的商场，列为消防安全重点单位。"]) is None


def test_a_fee_a_number_of_beds_and_who_the_counted_members_are_need_their_own_evidence():
    """Blind batch 34 (ans-1918, 1915, 1912): a held document that gives none of these answered anyway, from a fine in
    元, a hospital named without beds, or an expert group named without its members."""
    fee = "安全生产法规定，煤矿企业每开采一吨原煤要提取多少元安全生产费用？"
    assert missing_answer_type(fee, ["有关生产经营单位应当按照规定提取和使用安全生产费用。处二万元以上五万元以下的罚款。"]).name \
        == "amount of money"
    assert missing_answer_type(fee, ["煤矿企业安全生产费用按原煤产量每吨15元提取。"]) is None
    beds = "指定的定点医院各家能腾出多少张床位？"
    assert missing_answer_type(beds, ["市卫生健康委指定定点医院收治伤员。"]).name == "quantity"
    assert missing_answer_type(beds, ["县人民医院预留床位80张。"]) is None
    experts = "县林业局聘的那九名专家分别是谁、来自哪些单位？"
    assert missing_answer_type(experts, ["县林业局聘请九名专家组成专家组。"]).name == "names of counted members"


def test_the_months_of_a_season_are_stated_by_a_sentence_that_dates_that_season():
    """Blind dev ans-2094: the flood regulation speaks of 「凌汛期间」 and dates no ice-flood season; a plan's 汛期 dates
    another season."""
    question = "防汛条例里说的凌汛期，具体是每年几月到几月？"
    texts = ["有防凌任务的江河，其上游水库在凌汛期间的下泄水量，必须征得同意。", "本区每年6月1日至9月30日为汛期。"]
    assert missing_answer_type(question, texts).name == "months of a season"
    assert missing_answer_type(question, ["每年12月至次年3月为凌汛期。"]) is None
    assert missing_answer_type("本区汛期是几月到几月？", ["本区每年6月1日至9月30日为汛期。"]) is None
