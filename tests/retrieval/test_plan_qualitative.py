"""Criteria written as circumstances, on our own fixture (`fixtures/chemical_criteria_plan.md`): a list item that
looks like a chapter number (「5. 危险化学品运输车辆在青禾大桥…泄漏。」 after 4.2), a floor (「不论事故等级如何，均按
不低于Ⅲ级启动响应」), a criterion that excludes a circumstance (「但未发生人员中毒」), slots of alternatives
(「下穿通道、地下车库发生车辆或人员被困」), and reports that name the chemical and not the class (苯, 乙醇, 液氨)."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_fixtures import plan_of

from retrieval.loaders import load
from retrieval.plan.digital_plan import Ladder
from retrieval.plan.incident_facts import determine_level, parse_incident_facts
from retrieval.plan.qualitative import falls_short_of_widespread, qualitative_state
from retrieval.structure import parse_sections

FIXTURE = Path(__file__).parent / "fixtures" / "chemical_criteria_plan.md"


@pytest.fixture(scope="module")
def plan():
    return plan_of(FIXTURE, "青禾区危险化学品事故应急预案", "chem")


def _triggers(plan, level):
    return [t.text for lv in plan.levels if lv.ladder is Ladder.RESPONSE and lv.level == level for t in lv.triggers]


def test_a_fifth_list_item_after_section_4_2_is_not_chapter_5():
    sections = parse_sections(load(FIXTURE).blocks)
    by_title = {s.title: s for s in sections}
    assert "青禾大桥及其引桥" in "".join(b.text for b in by_title["Ⅲ级响应条件"].blocks)
    assert "Ⅱ级响应条件" in by_title  # 4.3 is still read as the next section


def test_the_last_item_and_the_floor_are_criteria_of_their_level(plan):
    assert "危险化学品运输车辆在青禾大桥及其引桥发生泄漏" in _triggers(plan, 3)
    assert any("清溪河" in t for t in _triggers(plan, 3))


@pytest.mark.parametrize(
    ("report", "level"),
    [
        # 乙醇 is a hazardous chemical, a 运输车 a transport vehicle, a tank's 渗漏 a leak; the north approach is 引桥
        ("青禾大桥北引桥上一辆乙醇运输车侧翻，罐口渗漏约200升，已用沙土围堵，没有流入湖里，无人受伤。", 3),
        ("一辆苯槽罐车在湖滨路翻车，罐体破裂，苯沿排水沟流进青禾湖，距取水口约2公里。", 2),
        # 青禾湖 names the park, not the lake: nothing entered the water
        ("青禾湖化工园区一企业液氨储罐阀门泄漏，1人死亡。", 4),
        ("雨水排口发现苯类物质流进清溪河，无人伤亡，损失约60万元。", 3),  # the floor, whatever the class
        # 「但未发生人员中毒」 is not met when people were poisoned: no Ⅳ级 by that item
        ("危险化学品运输车辆在城区道路发生泄漏，2名司机吸入后中毒。", None),
        ("危险化学品运输车辆在城区道路发生泄漏，无人员中毒。", 4),
    ],
)
def test_the_level_circumstances_trigger(plan, report, level):
    assert determine_level(plan, parse_incident_facts(report)).level == level


@pytest.mark.parametrize(
    ("report", "state"),
    [
        ("科创大道立交桥下积水约60cm，3辆私家车被困。", "met"),  # 立交桥下 is a 下穿通道, 私家车 a 车辆
        ("地下车库进水，有人员被困。", "met"),
        ("地下车库积水约30cm，车辆熄火。", "open"),  # nothing trapped
        ("立交桥下积水，无车辆被困。", "open"),
    ],
)
def test_each_slot_of_alternatives_is_stated_by_one_of_them(report, state):
    assert qualitative_state("下穿通道、地下车库发生车辆或人员被困", report)[0] == state


def test_an_excluded_circumstance_that_the_report_states_is_not_met():
    assert qualitative_state("但未发生人员被困", "立交桥下3辆车被困。")[0] == "not_met"
    assert qualitative_state("但未发生人员被困", "立交桥下积水，无人员被困。")[0] != "not_met"


@pytest.mark.parametrize(
    ("condition", "report", "state"),
    [
        ("桥梁局部垮塌", "区里报：桥梁垮塌，伤亡在核。", "open"),  # part or whole is still to tell
        ("桥梁局部垮塌", "西岸大桥主跨整个塌进了江里。", "open"),  # it fell whole: not a part
        ("桥梁局部垮塌", "西岸大桥东引桥局部垮塌约20米。", "met"),
        ("桥梁整体垮塌", "西岸大桥主跨整个塌进了江里。", "met"),
    ],
)
def test_a_collapse_in_part_and_a_collapse_whole_are_told_apart(condition, report, state):
    """Blind answers batch 25 (ans-1494): 「主跨整个塌进了江里」 had met 「桥梁局部垮塌」 (Ⅱ级) and not 「整体垮塌」 (Ⅰ级)."""
    assert qualitative_state(condition, report)[0] == state


def test_southern_provinces_with_areas_of_a_storm_are_the_south_a_national_criterion_names():
    """Blind dev batch 32 (inc-3123): 「湖南东南部、江西南部有成片特大暴雨」 is 「南方有成片…的特大暴雨」."""
    condition = "南方有成片或北方有分散的特大暴雨"
    assert qualitative_state(condition, "湖南东南部、江西南部有成片特大暴雨")[0] == "met"
    assert qualitative_state(condition, "湖南东南部有零星大暴雨")[0] != "met"


def test_water_over_the_top_is_the_gravest_waterlogging():
    """Blind dev batch 32 (inc-3121): 「多座立交桥下积水没顶」 meets 「立交桥下…出现特别严重积水」."""
    assert qualitative_state("立交桥下出现特别严重积水", "多座立交桥下积水没顶")[0] == "met"
    assert qualitative_state("立交桥下出现特别严重积水", "立交桥下积水30厘米")[0] != "met"


def test_an_argument_for_a_level_is_no_fact_and_an_assessment_is():
    """Blind dev batch 32: 「县里认为…应按运输航空器在围界外坠毁启动Ⅱ级」 argues for a level; its words state nothing the
    report saw. An expert's assessment of a danger (「专家认为存在溃坝危险」) is still a fact of the report."""
    claim = "小飞机在山区坠毁。县里认为这是载客航班，应按运输航空器在围界外坠毁启动Ⅱ级。"
    assert qualitative_state("②运输航空器在机场围界外坠毁", claim)[0] == "open"
    assert qualitative_state("存在溃坝危险", "专家认为存在溃坝危险")[0] == "met"


OUTAGE = Path(__file__).parent / "fixtures" / "outage_plan.md"
ENVIRONMENT = Path(__file__).parent / "fixtures" / "environment_plan.md"


@pytest.fixture(scope="module")
def outage():
    return plan_of(OUTAGE, "禾川市大面积停电事件应急预案", "outage")


def test_a_second_header_row_names_the_columns_and_the_response_level_column_grades(outage):
    assert "停电用户数达到全市的30%以上、50%以下" in _triggers(outage, 3)
    assert "任一城区减供负荷达到该区负荷的40%以上、60%以下" in _triggers(outage, 4)
    assert any("相邻城市" in t for t in _triggers(outage, 2))  # 「不论等级均启动Ⅱ级以上响应」
    assert all(not t.startswith("（") for lv in (2, 3) for t in _triggers(outage, lv))


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("主变跳闸，减供102.4万千瓦，正好百分之二十，停电户数还在统计。", 3),  # a share in words, after the figure
        ("停电用户38.2万户，营销系统算下来占全市一成八左右；减供负荷约占全市６%。", 4),
        ("全市减供负荷约三成五；停电户数已过半，营销系统显示约52%。", 2),  # the highest level met wins
        # one district's share is graded as a district's, not as the city's
        ("雁北区减供负荷占全区负荷的６０%，全市减供约15%。", 3),
        ("东城区减供负荷约占全区负荷的45%，全市层面减供约６%，停电户数约８%。", 4),
        ("主变电所进线失电，地铁2号线全线停运，全市减供负荷约７%。", 3),  # 失电 is 停电
    ],
)
def test_shares_as_officers_write_them(outage, report, level):
    assert determine_level(outage, parse_incident_facts(report)).level == level


@pytest.mark.parametrize(
    ("report", "level"),
    [("化工厂废液进入河道，需疏散群众6000人。", 2), ("废液进入河道，需疏散群众300人。", 3),
     ("废液流出厂区，直接经济损失约480万元，未疏散群众。", 4)],
)
def test_a_class_of_event_starts_its_level_and_the_other_class_the_lowest(report, level):
    plan = plan_of(ENVIRONMENT, "禾川县突发环境事件应急预案", "env")
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_duties_an_intro_lists_inline_are_measures_of_their_level(outage):
    actions = [m.action for m in outage.measures if m.level == 2]
    assert {"设立现场指挥部", "开设临时医疗点"} <= {a.rstrip("。") for a in actions}, actions


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("台风黄色预警还挂着，沿海站实测平均风速23.9米/秒，阵风30.1米/秒。", 3),  # 9级 and 11级: Ⅲ级, not Ⅱ级
        ("预报未来24小时沿海平均风速12.5米/秒，阵风7级，还没发预警信号。", 4),  # 12.5 m/s is 6级
        # the annex's words (区气象台, 城区主干道) describe what is measured; the figures decide
        ("暴雨蓝色预警，人民路、滨海大道积水监测点读数到了30厘米整，公交已经绕行。", 3),
    ],
)
def test_a_table_level_written_with_its_class_wind_speeds_and_an_annex_by_its_figures(report, level):
    plan = plan_of(Path(__file__).parent / "fixtures" / "typhoon_table_plan.md", "禾川区防台风应急预案", "typhoon")
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_cars_and_their_drivers_trapped_are_vehicles_and_people_trapped():
    """A blind dev report: 「地下车库进水，2辆车和1名车主被困」 meets 「有车辆或者人员被困」."""
    report = "解放西路一处地下车库进水，2辆车和1名车主被困，消防正在施救。"
    assert qualitative_state("有车辆或者人员被困", report)[0] == "met"
    assert qualitative_state("有车辆或者人员被困", "地下车库进水，暂无车辆和人员被困。")[0] != "met"


def test_a_forecast_rise_as_an_officer_says_it():
    """Looked at as a user would, on 衡阳's plan: 「湘江衡阳站水位超保证水位0.3米，预报还要涨」 left 「水文部门预报仍将上涨」
    open, so no level was decided."""
    assert qualitative_state("水文部门预报仍将上涨", "湘江衡阳站水位超保证水位0.3米，预报还要涨")[0] == "met"
    assert qualitative_state("水文部门预报仍将上涨", "衡阳站超保证，预报水位将回落")[0] != "met"


@pytest.mark.parametrize(
    ("condition", "report", "state"),
    [
        # an environmental plan grades a cut drinking-water source by whom it serves
        ("因环境污染造成乡镇集中式饮用水水源地取水中断的", "下游王家镇水厂取水口氨氮超标，水厂已停止取水约3小时。", "met"),
        ("因环境污染造成县级城市集中式饮用水水源地取水中断的", "下游王家镇水厂取水口氨氮超标，水厂已停止取水约3小时。", "not_met"),
        ("因环境污染造成县级城市集中式饮用水水源地取水中断的", "县城水源水库取水口检出苯超标，自来水公司已经停止取水。", "met"),
        # outages and social impact as officers write them
        ("城区交通大范围瘫痪，供水、供电等生命线系统大面积中断", "三个区交通基本瘫痪，城区约三分之一区域停电停水。", "met"),
        ("重要用户停电造成重大社会影响", "市人民医院双路供电全部中断，备用发电机组没起来，已有媒体直播，网上舆情发酵很快。", "met"),
        ("重要用户停电造成重大社会影响", "城西110千伏站故障，停电约2.9万户，医院自备发电机正常带载。", "open"),
        ("营运客车发生侧翻、坠车", "一辆跑乡镇的班线客车下午在弯道翻了，伤了6个都是轻伤。", "met"),
        ("需封闭城市道路或疏散周边群众的", "基坑支护桩变形，人行道出现裂缝，交警已封了那半幅路。", "met"),
        # a fire on both sides of a county line is a cross-county fire, however the officer words it
        ("形成跨县（区）火场的", "两县交界的石门岗起火，火头已翻过岗顶烧到柏溪县一侧。", "met"),
        ("形成跨县（区）火场的", "北界老鹰岩起火，火从界上烧过来，两边山上都有过火。", "met"),
        ("形成跨县（区）火场的", "北坡起火，火头正往山顶烧，距县界还有两公里。", "open"),
        # hearsay is no fact of the report
        ("预计未来 48 小时将有强热带风暴登陆或影响我国沿海",
         "热带风暴预计未来48小时在沿海登陆。有同志说它可能加强成强热带风暴，建议按Ⅲ级准备。", "not_met"),
        # a storm the report says will not become a typhoon does not meet a typhoon's criterion
        ("预计未来 48 小时将有台风登陆或影响我国沿海",
         "第14号强热带风暴预计未来36小时在浙江南部沿海登陆，登陆前不会加强为台风；受其影响，沿海将出现风暴潮。", "not_met"),
        ("预计未来 48 小时将有台风登陆或影响我国沿海", "第9号台风预计未来36小时在浙江南部沿海登陆。", "met"),
        # 「上述地区」 refers to the places counted before; 「今后两天…低温还要持续」 states the forecast
        ("预计未来 48 小时上述地区气温持续偏低",
         "云南、贵州两省大部地区气温一直较常年同期异常偏低，预计今后两天这两个省的低温还要持续。", "met"),
        # dev inc-4216: 「市里不必启动响应」 says no response was started, by the province or anyone
        ("栝东省启动省级松材线虫病疫情应急响应并将本市列为疫情发生地",
         "3月10日经省级检测机构鉴定为松材线虫病，这是桧城区第一次发现疫情。区里认为应由区里自行处置，市里不必启动响应。",
         "open"),
        # dev inc-4404: ice pushed onto the shore is ice piled ashore
        ("海冰堆积上岸", "凌晨偏北大风推着海冰成片堆上岸，冲毁鲆滩村海堤四十多米。", "met"),
        ("下穿通道、地下车库发生车辆或人员被困", "地下车库进水，有人说里面有人员被困。", "open"),
        # beyond the county's means, as an officer says it
        ("山洪灾害超出县级处置能力，需请求云岭市支援", "两镇山洪灾害，冲锋舟全在用，光靠县里的力量已经搞不定了，要马上请云岭市派救援力量来。",
         "met"),
    ],
)
def test_what_officers_write_for_outages_water_sources_and_roads(condition, report, state):
    assert qualitative_state(condition, report)[0] == state


@pytest.mark.parametrize(("condition", "report", "short"), [
    # the degree over most of the area, not a local one
    ("过去 48 小时 2个及以上省(区、市)大部地区出现大暴雨天气",
     "过去24小时湘、赣两省大部地区出现暴雨天气，局地大暴雨；预计未来24小时上述地区仍将出现暴雨天气。", True),
    ("过去 24 小时 2个及以上省(区、市)大部地区出现暴雨天气",
     "过去24小时湘、赣两省大部地区出现暴雨天气，局地大暴雨。", False),
    ("过去 48 小时 2个及以上省(区、市)大部地区出现特大暴雨天气", "过去48小时三省大部地区出现特大暴雨。", False),
    # what fell is not what is forecast
    ("过去 48 小时 3个及以上省(区、市)大部地区出现冰冻天气", "预计未来48小时湘、黔、桂三省区大部地区将出现冰冻天气。", True),
    ("预计未来 24 小时 3 个及以上省(区、市)大部地区将出现浓雾天气", "预计未来24小时四省大部地区将出现大雾天气。", True),
    # a degree decided by its figures is the figures' to judge
    ("预计未来 24 小时 2 个及以上省(区、市)大部地区将出现 15毫米以上暴雪天气", "预计未来24小时三省大部地区降雪量16到20毫米。", False),
])
def test_weather_over_most_of_an_area_is_judged_by_its_degree(condition, report, short):
    assert falls_short_of_widespread(condition, report) is short


def test_weather_report_forms():
    assert parse_incident_facts("偏北风5到6级、阵风7级").values["风力"] == 5
    assert parse_incident_facts("预计未来24小时上述三省大部地区降雪量16到20毫米").values["降雪量"] == 16
    assert qualitative_state("预计未来 24 小时上述地区仍将出现大暴雨天气",
                             "另据预报，未来一天这三省大部仍有大暴雨，局地特大暴雨。")[0] == "met"


def test_a_dammed_river_and_its_danger_as_officers_report_them():
    assert qualitative_state("滑坡、崩塌或者泥石流堵塞河道形成堰塞湖的",
                             "大椿坡雨后垮下来一大片，土石冲进箐河，把河道堵死了，上游开始积水")[0] == "met"
    assert qualitative_state("堰塞湖水位持续上涨，有溃决危险并威胁下游集镇或者县城的",
                             "堰塞湖一夜涨了两米多，专家判断随时可能溃决，下游六公里就是篾竹乡集镇")[0] == "met"


def test_the_dead_and_the_missing_as_officers_count_them():
    values = parse_incident_facts("当时一死一失联，周边六十来人撤离；下午在库内找到失联的那名保管员，已无生命体征。").values
    assert values["死亡"] == 2 and values["失踪"] == 0


def test_several_counties_named_are_several():
    assert qualitative_state("全市多个县市区同时发生一般性洪涝灾害",
                             "祁东、衡南、常宁三县市各有部分乡镇农田受淹、道路冲毁，均属一般性洪涝灾害。")[0] == "met"


def test_a_foreigner_named_by_trade_a_seizure_and_a_grain_named_by_kind_meet_the_plans_words():
    """Blind batches 29 and 38: 「外籍工程师…被三名男子挟持上车」 is 「外籍人员在本市被绑架、劫持」, 「车上二百来袋大米被哄抢一空」
    is 「发生群众哄抢粮食」; a theft from a foreigner is no kidnapping."""
    kidnap = "外籍人员在本市被绑架、劫持"
    assert qualitative_state(kidnap, "外资企业的外籍工程师下班途中被三名男子挟持上车")[0] == "met"
    assert qualitative_state(kidnap, "一名外籍教师被人绑走了")[0] == "met"
    assert qualitative_state(kidnap, "外籍人员在酒店被盗")[0] == "open"
    assert qualitative_state("发生群众哄抢粮食或者冲击粮食经营场所", "送米的货车被几十个群众围住，车上二百来袋大米被哄抢一空")[0] == "met"
    assert qualitative_state("发生群众哄抢粮食或者冲击粮食经营场所", "大米均价上涨百分之十八")[0] == "open"


def test_an_option_with_an_aside_is_stated_without_it():
    """Blind dev inc-4008: 「发生瓦斯（煤尘）爆炸、煤与瓦斯突出或者冲击地压」 is met by 「发生瓦斯爆炸」; the aside (煤尘)
    names another form of the first option, not a word the report must hold."""
    condition = "发生瓦斯（煤尘）爆炸、煤与瓦斯突出或者冲击地压"
    assert qualitative_state(condition, "盲巷内发生瓦斯爆炸，密闭墙被冲开，没有人受伤。")[0] == "met"
    assert qualitative_state(condition, "工作面顶板冒落，两人受伤。")[0] == "open"


def test_a_fire_heading_for_a_place_spreads_toward_it():
    """Blind dev inc-1203: 「火头正往乡中心小学那边走」 states a fire spreading toward the school (「并向其蔓延」)."""
    assert qualitative_state("并向其蔓延", "刮西北风，火头正往乡中心小学那边走，离学校围墙七八百米。")[0] == "met"
    assert qualitative_state("并向其蔓延", "火头离学校围墙七八百米，风向背离学校。")[0] == "open"
