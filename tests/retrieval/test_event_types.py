"""Which kind of incident a report names, which kinds a plan is for, and that a plan of another kind never
answers for it."""

from __future__ import annotations

import pytest

from retrieval.plan.event_types import covers, plan_types, types_in


@pytest.mark.parametrize(("report", "kinds"), [
    ("示例区一家养猪场发现非洲猪瘟", {"动物疫情"}),
    ("核电厂进入场外应急，核泄漏风险", {"核与辐射事故"}),
    ("持续强降雨已致城区停电停水", {"水旱气象灾害"}),  # a side remark does not add a kind with its own plan
    ("某化工园区发生爆炸，初判死亡12人", {"生产安全事故"}),
    ("山林着火，过火面积约3公顷", {"火灾事故", "森林草原火灾"}),
    ("列车区间停运，乘客滞留", {"轨道交通事故"}),
    ("请按预案研判级别", set()),
    # a fire in the woods written without 山火 or 过火面积: 马尾松林, 火线, 扑火 (a forest plan of 「防灭火」 covers it)
    ("丁香坪乡后山起火，马尾松林，火线还有三四百米没合围", {"火灾事故", "森林草原火灾"}),
    ("商场三楼起火，正在灭火", {"火灾事故"}),
    # rain told by its amount, a flat under water: a flood plan's as much as the metro's or the relief plan's
    ("2号线车站出入口进水，3小时面雨量65毫米", {"轨道交通事故", "水旱气象灾害"}),
    ("棚改片区一楼都淹了，转移安置500人", {"水旱气象灾害", "灾害救助"}),
    # special equipment as reports name it (blind dev batch 27); a tower crane is a building site's
    ("写字楼四部电梯同时停在半层，困了十一个人", {"特种设备事故"}),
    ("港区一台门座式起重机起升钢丝绳断裂，抓斗坠落", {"特种设备事故"}),
    ("液氨储罐出口的压力管道断裂泄漏", {"特种设备事故", "生产安全事故"}),
    ("工地塔式起重机倒塌", {"建设工程施工事故"}),
    # a ship in distress or a spill from one is the water search-and-rescue plan's (blind dev plans batch 29)
    ("油船触碰水下障碍物，海事处评估入江约一百三十吨", {"水上突发事件"}),
    ("两艘货船在主航道对遇碰撞，海事处禁止船舶通过该航段", {"水上突发事件"}),
    # a disease by its name is an outbreak, though its cases vomit as poisoned diners do (blind dev plans batch 31)
    ("学生呕吐拉肚子的多，县疾控采样是诺如病毒", {"传染病疫情", "食品安全事故"}),
    ("县人民医院今天确诊霍乱三例", {"传染病疫情"}),
    # the kinds of the national 专项 plans for finance, communications, grain and fuel, pests and avalanches (blind dev
    # plans batches 30–37): a run on a bank is no radiation accident, a base station outage no flood
    ("一家村镇银行被传要关门，储户排队取款，当天净提取四千万元", {"金融突发事件"}),
    ("全县同时退服的基站三百个，光缆被挖断", {"通信网络事件"}),
    ("县城大米均价涨了一成，网点出现抢购，两个网点断档", {"粮食能源供应"}),
    ("停售加油站九座，油库停止发油", {"粮食能源供应"}),
    ("草地贪夜蛾在夏玉米上集中发生，县植保站调查", {"农业有害生物"}),
    ("牧道上方的沟里下来一股雪崩，一人被埋", {"雪崩灾害"}),
    ("玉米地里发现三十六个铁桶，标签是HW08废矿物油", {"突发环境事件"}),
    ("一名焊工没撤出X射线探伤的曝光区", {"核与辐射事故"}),
    # a grid's outage told by its load and towers, a flood by a town cut off (kept in play beside the base stations)
    ("冰灾导致多条500千伏线路倒塔，全市负荷掉了六成多，通信基站陆续退服", {"大面积停电", "通信网络事件"}),
    ("镇上被水围了，电信、移动基站全停", {"水旱气象灾害", "通信网络事件"}),
    ("商场周年庆早上开门抢购，一楼扶梯口人挤人倒了一片", {"人员密集场所事件"}),  # a crowd's rush is no grain shortage
    ("一所小学午休时教学楼三楼走廊吊顶塌落，4名学生受轻伤", {"校园安全事件"}),
    ("小学后山坡掉石头，危岩体随时可能崩下来，会砸到教学楼", {"地质灾害", "校园安全事件"}),  # a rock fall by a school
])
def test_the_kind_of_incident_a_report_names(report, kinds):
    assert types_in(report) == kinds


def test_a_plan_is_for_the_kinds_its_title_or_scope_names_and_a_general_plan_for_all():
    assert plan_types("示例区防汛应急预案") == {"水旱气象灾害"}
    assert plan_types("墨湖区危险化学品事故应急预案") == {"生产安全事故"}
    assert plan_types("示例区某专项预案", "本预案适用于本区行政区域内森林火灾的预防和扑救。") == {"森林草原火灾",
                                                                                              "火灾事故"}
    assert plan_types("示例区突发事件总体应急预案") is None
    # 「核」 alone in a scope (「核实」「核心业务」) is no nuclear accident
    assert plan_types("示例市金融突发事件应急预案", "本预案适用于存款类金融机构流动性风险；核实情况后报告。") == {"金融突发事件"}
    assert plan_types("示例县某应急预案", "本预案适用于……经核实的突发事件。") == set()
    assert plan_types("示例市成品油供应中断应急预案") == {"粮食能源供应"}
    assert plan_types("示例县沙尘暴灾害应急预案") == {"水旱气象灾害"}


def test_a_plan_of_another_kind_does_not_cover_an_incident():
    assert not covers({"水旱气象灾害"}, {"动物疫情"})
    assert covers({"水旱气象灾害"}, {"水旱气象灾害", "大面积停电"})
    assert covers(None, {"动物疫情"})  # a general plan
    assert covers(set(), {"动物疫情"})  # a plan whose kind nothing names is not ruled out
    assert covers({"地震"}, set())  # a report that names no kind


def test_an_aircraft_is_no_metro_and_a_fire_at_an_airport_is_an_aircraft_accident_first():
    from retrieval.plan.event_types import specific_kinds

    asked = types_in("一架客机降落时冲出跑道起火，6人受伤")
    assert asked == {"航空器事故", "火灾事故"} and specific_kinds(asked) == {"航空器事故"}
    assert specific_kinds(types_in("商场三楼起火")) == {"火灾事故"}
    # a cable car in a scenic area is a special-equipment accident, and a tourism plan's too
    assert types_in("景区客运索道停在半空，60人被困") == {"特种设备事故", "旅游突发事件"}
    assert types_in("客运索道停在半空，60人被困") == {"特种设备事故"}


def test_a_kind_a_scope_hands_to_another_plan_is_not_the_plans_own():
    """Blind dev batch 32: an expressway fog plan whose scope sends chemical leaks to the chemicals plan had counted as a
    plan for production-safety accidents, and was chosen for a gas leak."""
    scope = ("本预案适用于本县高速公路因团雾影响通行安全的情形。团雾中发生危险化学品泄漏的，同时按照《某县危险化学品事故应急预案》"
             "处置；普通国省道上的雾天交通事故不适用本预案。")
    assert plan_types("某县高速公路团雾交通安全应急预案", scope) == {"道路交通事故"}
    assert "生产安全事故" not in plan_types("某县专项应急预案", scope)


@pytest.mark.parametrize(("title", "kind", "report"), [
    # blind dev batches 38–40: the kinds of the newer 专项 plans, which had read as none (every incident) or as the
    # kinds their scope sections mention in passing (a wild-animal plan as a fire plan)
    ("貔川县野生动物致害事件应急预案", "野生动物致害", "一名挖笋的村民被黑熊抓伤头部，送县人民医院收住院。"),
    ("辂州市铁路交通事故应急预案", "铁路交通事故", "一辆液氨罐车脱轨倾覆，阀门泄漏。"),
    ("麈川县药品安全事件应急预案", "药品安全事件", "输注同一批号的注射液后先后有四人出现寒战。"),
    ("瓴州市城市供热突发事件应急预案", "城市供热事件", "一级管网主干线爆管，甑山西分区整片停热。"),
    ("觚州市涉外突发事件应急预案", "涉外突发事件", "一家外资电子厂六十四名工人聚集讨薪。"),
    # blind dev batches 42–43: a red-tide plan and a housing plan had read as none, so they covered every kind and
    # took a crush outside a tea shop and a canteen's food poisoning; a relic plan read as a fire plan from its
    # scope; a pine-wilt plan as a disease outbreak's (「…病疫情」)
    ("鸻州市赤潮灾害应急预案", "赤潮灾害", "养殖区贝类毒素超过限量，米氏凯伦藻密度持续上升。"),
    ("庠州市城镇房屋安全突发事件应急预案", "房屋安全事件", "一栋自建房墙体开裂，住户已连夜撤出。"),
    ("罍阳县文物安全突发事件应急预案", "文物安全事件", "县级文物保护单位戏台屋面局部垮塌。"),
    ("槲州市松材线虫病疫情应急预案", "农业有害生物", "林班普查登记枯死松树一百二十株，鉴定为松材线虫病。"),
    # blind dev batch 44: a blood-supply plan and an ice-flood plan had read as none and took the crush outside a tea
    # shop (inc-715)
    ("琯州市血液供应突发事件应急预案", "血液供应事件", "中心血站库存日报：已放行红细胞A型420单位。"),
    ("浉阳县凌汛灾害应急预案", "凌汛灾害", "浉城河段K46附近冰塞壅水，水位一小时涨了半米。"),
])
def test_the_newer_kinds_of_plan_and_report(title, kind, report):
    assert kind in plan_types(title)
    assert kind in types_in(report)


def test_a_crush_or_a_meal_is_no_red_tides_and_a_storm_is_no_relics():
    assert not covers(plan_types("鸻州市赤潮灾害应急预案"), types_in("奶茶店门口排队的人往前挤，推倒了两个姑娘"))
    assert not covers(plan_types("鸻州市赤潮灾害应急预案"), types_in("工地食堂晚饭后１０名工人腹痛、腹泻"))
    assert not covers(plan_types("琯州市血液供应突发事件应急预案"), types_in("奶茶店门口排队的人往前挤，推倒了两个姑娘"))
    assert not covers(plan_types("浉阳县凌汛灾害应急预案"), types_in("奶茶店门口排队的人往前挤，推倒了两个姑娘"))
    assert covers(plan_types("琯州市血液供应突发事件应急预案"), types_in("大客车翻车，两家医院为三十二名伤员提出输血申请"))
    # dev batch 45: sea ice and household waste, kinds nothing had named (a landfill's slide had gone to a bridge plan)
    assert covers(plan_types("鲻湾县海冰灾害应急预案"), types_in("鲳头镇报被冰围困渔船十二艘"))
    assert covers(plan_types("埙州市生活垃圾处置突发事件应急预案"), types_in("转运站旁积存的垃圾堆突然坍塌，一名环卫工人被埋"))
    assert not covers(plan_types("埙州市生活垃圾处置突发事件应急预案"), types_in("奶茶店门口排队的人往前挤，推倒了两个姑娘"))
    assert not covers(plan_types("鲻湾县海冰灾害应急预案"), types_in("浉城河段冰塞壅水，滩区转移一百二十人"))
    assert covers(plan_types("罍阳县文物安全突发事件应急预案"), types_in("昨夜大风暴雨，县级文物保护单位戏台屋面局部垮塌"))


def test_a_railway_is_no_metro():
    assert plan_types("琅屿市城市轨道交通运营突发事件应急预案") == {"轨道交通事故"}
    assert plan_types("辂州市铁路交通事故应急预案") == {"铁路交通事故"}  # nor the road traffic plan's 交通事故
