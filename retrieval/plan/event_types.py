"""Kinds of incident (after the classes of 国家突发事件总体应急预案) and which kind a plan is for.

A report names its kind with ordinary words (「非洲猪瘟」, 「地铁列车停运」, 「核电厂场外应急」); a plan names it in its
title or its scope section (「本预案适用于……森林草原火灾」). A plan of one kind never answers for an incident of
another: 示例区防汛应急预案 has nothing to say about a pig farm's swine fever. A general plan (总体应急预案) covers
every kind. The weather and water kinds are one group (a 防汛 plan answers for 暴雨, 台风 and 内涝 alike), and the
groups list only words that clearly name a kind, so a report's side remark (「停电停水」 in a flood report) still
leaves its own kind in play.
"""

from __future__ import annotations

import re

# kind → (words a report uses, words a plan's title or scope uses)
EVENT_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "水旱气象灾害": (("暴雨", "强降雨", "降雨", "阵雨", "急雨", "大雨", "雨量", "受淹", "被淹", "淹了", "被水围", "洪水", "洪涝", "汛情", "内涝", "山洪", "干旱", "旱情", "因旱", "受旱", "旱了", "台风", "寒潮", "高温",
                  "大雾", "暴雪", "冰雹", "雷电", "沙尘暴", "水库", "积雪", "降雪", "下雪", "雪灾", "冻雨", "结冰", "覆冰",
                  "冰冻", "冰面"),
               ("防汛", "抗旱", "防洪", "洪涝", "内涝", "暴雨", "气象", "台风", "水旱", "山洪", "自然灾害", "雨雪冰冻", "冰冻",
                "暴雪", "寒潮", "低温", "沙尘")),
    "地震": (("地震", "余震", "震中", "震级"), ("地震", "防震", "抗震")),
    "地质灾害": (("地质灾害", "滑坡", "泥石流", "崩塌", "地面塌陷", "塌陷", "山坡裂", "山体开裂", "拉裂", "危岩", "落石", "掉石头"), ("地质灾害", "滑坡", "泥石流", "自然灾害")),
    # 「扑火」「火线」「护林员」「马尾松林」: words of a fire in the woods, not in a building
    "森林草原火灾": (("森林火灾", "草原火灾", "山火", "林火", "过火面积", "扑火", "火线", "林地", "林区", "松林", "杉木林",
                "竹林", "灌木林", "护林"), ("森林", "草原", "林业", "自然灾害")),
    # (a plan's 「核」 alone is no kind: 「核实」「核心业务」 are in every scope section)
    "核与辐射事故": (("核电", "核事故", "核应急", "核设施", "核泄漏", "辐射", "放射源", "放射性", "射线", "探伤", "照射"),
                ("核电", "核事故", "核应急", "核与辐射", "核设施", "辐射")),
    # a disease by its name (「诺如病毒」「疑似霍乱」) is an outbreak, though its cases vomit as poisoned diners do
    "传染病疫情": (("传染病", "疫情", "不明原因疾病", "流感", "新冠", "霍乱", "鼠疫", "诺如", "手足口", "水痘", "麻疹", "登革热",
               "结核", "猩红热", "腮腺炎", "疑似病例", "确诊病例", "聚集性病例"), ("公共卫生", "卫生", "传染病", "疫情")),
    "食品安全事故": (("食物中毒", "食品安全", "食源性", "上吐下泻", "腹泻", "拉肚子", "腹痛", "呕吐", "聚餐", "食堂", "野生菌",
                "毒蘑菇", "吃了", "剩菜", "酒席", "喜酒", "流水席", "卤菜", "熟食"), ("食品安全", "食物中毒", "食品")),
    "重污染天气": (("AQI", "PM2.5", "PM10", "重污染", "空气质量", "雾霾", "污染过程"), ("重污染天气", "空气重污染", "大气污染")),
    "动物疫情": (("猪瘟", "禽流感", "口蹄疫", "动物疫情", "动物疫病", "布病"), ("动物疫情", "动物防疫", "重大动物")),
    "轨道交通事故": (("地铁", "轨道交通", "列车", "号线", "站厅", "站台", "换乘站", "越站", "封站", "小交路"),
                ("地铁", "轨道交通")),
    # a derailment or a level-crossing crash on a railway line: the railway accident plan's, not the metro's
    "铁路交通事故": (("铁路", "火车", "动车", "高铁", "脱轨", "道口", "机车", "车皮", "旅客列车", "货运列车", "货物列车"),
                ("铁路",)),
    # a ship in distress, a spill from a ship, a closed fairway: the water search-and-rescue plan's (水上搜救)
    "水上突发事件": (("船舶", "货船", "客船", "渡船", "油船", "化学品船", "散货船", "运砂船", "采砂船", "海事", "海巡", "航道",
                "搁浅", "触礁", "断航", "禁航", "通航", "锚地", "船员", "沉船"),
               ("水上", "搜救", "海事", "船舶")),
    "特种设备事故": (("索道", "缆车", "锅炉", "压力容器", "压力管道", "游乐设施", "过山车", "电梯", "起重机", "门机", "气瓶",
                "叉车"), ("特种设备", "索道")),
    # a metro plan has nothing to say about an aircraft overrunning a runway
    "航空器事故": (("航班", "民航", "客机", "飞机", "航空器", "机场", "跑道", "冲出跑道"), ("民航", "航空", "机场")),
    "供水突发事件": (("户停水", "停水户", "供水", "水厂", "取水口", "配水管", "进水管", "输水", "管网水", "出厂水", "浊度",
                "水压", "没水", "水箱", "自来水"),
               ("供水",)),
    "道路交通事故": (("交通事故", "相撞", "追尾", "坠崖", "校车", "客车", "大巴", "摩托车", "国道", "省道", "高速公路",
                "隧道"), ("道路交通", "交通事故", "交通安全", "高速公路")),
    "燃气事故": (("燃气", "天然气", "液化气", "煤气", "停气", "调压箱", "调压站", "中压管", "庭院管"), ("燃气",)),
    # a leak from a long-distance oil or gas pipeline, its valve rooms and stations: the pipeline plan's
    "油气管道事故": (("长输管道", "输油管道", "输气管道", "原油管道", "成品油管道", "油气管道", "阀室", "截断阀", "管道公司",
                "管道企业", "里程桩号"), ("长输管道", "油气管道", "输油管道", "输气管道")),
    "大面积停电": (("大面积停电", "电网", "减供", "停电用户", "停电户", "失电", "负荷", "跳闸", "倒塔", "黑灯"), ("停电", "电力", "电网")),
    "突发环境事件": (("突发环境事件", "环境污染", "水污染", "饮用水源污染", "污染带", "死鱼", "超标", "一级保护区",
                "水源地", "取水口", "危险废物", "危废", "废酸", "废碱", "废矿物油", "废溶剂", "废有机溶剂", "倾倒", "HW"),
               ("环境",)),
    "生产安全事故": (("危险化学品", "危化品", "爆炸", "泄漏", "外溢", "煤矿", "矿山", "瓦斯", "尾矿库", "中毒窒息", "槽罐车", "罐车",
                "储罐", "反应釜", "化工"),
               ("安全生产", "生产安全", "危险化学品", "化工", "矿山", "事故灾难")),
    "建设工程施工事故": (("工地", "施工现场", "在建", "脚手架", "塔吊", "塔式起重机", "基坑", "高支模", "支模", "施工升降机",
                  "吊笼", "支护桩"), ("建设工程", "建筑施工", "施工安全")),
    # relief after a natural disaster is a task of its own (自然灾害救助应急预案): a report asks for it when it counts
    # people to relocate or feed (「紧急转移安置１２４０人」「需紧急生活救助」「请示启动救助响应」)
    "灾害救助": (("紧急转移安置", "转移安置", "生活救助", "需救助", "需政府救助", "救助响应", "过渡期生活"), ("救助",)),
    "火灾事故": (("火灾", "起火", "着火", "失火"), ("火灾", "消防", "人员密集", "安全生产", "生产安全")),
    "人员密集场所事件": (("踩踏", "人群拥挤", "拥挤", "挤倒", "挤伤", "人挤人", "往前挤", "压了上去", "叠压", "推倒"),
                 ("人员密集", "大型活动", "大型群众性活动", "踩踏")),
    # a tour group's bus crash or a scenic area's rock fall: the tourism plan's, whatever hurt the tourists
    "旅游突发事件": (("游客", "旅行团", "旅游团", "旅行社", "导游", "景区", "漂流", "游船"), ("旅游",)),
    "社会安全事件": (("恐怖袭击", "暴恐", "群体性事件", "网络攻击", "勒索病毒"), ("社会安全", "反恐", "群体性", "网络")),
    # the kinds of the national 专项 plans for finance, communications, grain and fuel supply, crop pests and avalanches,
    # and the school-safety plans of education bureaus
    "金融突发事件": (("挤兑", "储户", "存款", "取款", "净提取", "净流出", "兑付", "集资", "流动性"), ("金融",)),
    "通信网络事件": (("基站", "退服", "掉站", "光缆", "宽带", "固话", "断网", "通信网", "机房", "汇接", "核心网", "割接"),
                ("通信",)),
    "粮食能源供应": (("大米", "面粉", "粮油", "米面", "食用油", "粮价", "储备粮", "断档", "脱销", "停售", "断油",
                "限量销售", "成品油", "油库", "加气站", "保供"),
               ("粮食", "成品油", "能源供应", "生活必需品", "市场供应", "燃料供应")),
    "农业有害生物": (("有害生物", "病虫", "虫害", "贪夜蛾", "飞虱", "螟", "稻瘟病", "黄龙病", "红火蚁", "松材线虫", "美国白蛾",
                "蝗虫", "植保"), ("有害生物", "病虫害", "植物疫情", "松材线虫")),
    "雪崩灾害": (("雪崩",), ("雪崩",)),
    # a red tide and the shellfish toxins it leaves (赤潮灾害), and a town's unsafe houses (城镇房屋安全): plans for
    # these cover no other kind (a crush outside a tea shop is no red tide's)
    "赤潮灾害": (("赤潮", "藻华", "贝类毒素", "麻痹性贝类", "腹泻性贝类"), ("赤潮",)),
    "房屋安全事件": (("危房", "自建房", "墙体开裂", "房屋开裂", "楼板开裂", "承重墙", "房屋鉴定", "房屋安全", "危险房屋"),
               ("房屋安全",)),
    # damage to protected relics, robbed tombs and museum thefts (文物安全): the relic plan's, whatever did the damage
    "文物安全事件": (("文物", "古墓", "盗掘", "盗洞", "馆藏", "古建筑", "文保单位"), ("文物",)),
    # river ice that jams and dams a river (凌汛): the ice-flood plan's
    "凌汛灾害": (("凌汛", "冰塞", "冰坝", "凌水", "流凌", "开河", "封河", "冰凌", "凌峰", "冰层", "冰面"), ("凌汛",)),
    # a blood supply that runs short (血液供应): the blood-supply plan's, not a crush's or a fire's that needs none
    "血液供应事件": (("血液", "血站", "红细胞", "输血", "血型", "献血", "血浆", "血小板", "储血", "发血", "用血", "供血"),
               ("血液",)),
    # sea ice that traps boats and piles onto the shore (海冰灾害), and a city's household waste left uncollected or
    # untreated (生活垃圾处置): plans for these cover no other kind
    "海冰灾害": (("海冰", "浮冰外缘线", "冰外缘线", "被冰", "冰厚"), ("海冰",)),
    "生活垃圾处置事件": (("生活垃圾", "垃圾积存", "垃圾焚烧", "焚烧厂", "焚烧线", "填埋场", "渗滤液", "转运站", "垃圾清运",
                   "垃圾收运", "垃圾停收"), ("生活垃圾",)),
    # the kinds of the newer 专项 plans: wild animals that hurt people or enter towns, medicines that harm patients,
    # a city's district heating, and incidents involving foreigners
    "野生动物致害": (("野生动物", "野猪", "黑熊", "棕熊", "豹", "狼群", "野狼", "猛兽", "野象", "象群", "扑咬"), ("野生动物",)),
    "药品安全事件": (("药品", "输液反应", "注射液", "不良反应", "假药", "劣药", "批号", "用药"), ("药品",)),
    "城市供热事件": (("供热", "停热", "暖气", "供暖", "换热站", "热网", "热源", "室温不达标"), ("供热", "供暖")),
    "涉外突发事件": (("外籍", "外国", "外宾", "领事", "使馆", "涉外", "外资", "代表处", "出境"), ("涉外",)),
    # (the premises and the school day, not 「学生」: pupils' norovirus or food poisoning is the health plans')
    "校园安全事件": (("校园", "校车", "教学楼", "校门", "学校门口", "幼儿园", "住校", "寄宿", "在校", "查寝", "宿舍楼", "操场",
                "晚自习"),
                ("校园", "学校")),
}
# a report's word inside a wider word of another kind: 「禽流感」 is an animal disease, 「核泄漏」 no chemical leak
_INSIDE = {"流感": ("禽流感",), "疫情": ("动物疫情",), "泄漏": ("核泄漏", "燃气泄漏"), "火灾": ("森林火灾", "草原火灾"),
           "爆炸": ("燃气爆炸",), "起重机": ("塔式起重机",)}
GENERAL_PLAN = re.compile(r"总体(?:应急)?预案")


def types_in(text: str) -> set[str]:
    """The kinds of incident a report names."""
    found = set()
    for kind, (report_words, _) in EVENT_TYPES.items():
        for word in report_words:
            if any(_alone(text, m.start(), word) for m in re.finditer(word, text)):
                found.add(kind)
                break
    return found


def _alone(text: str, start: int, word: str) -> bool:
    """The word at `start` is not part of a wider word of another kind, nor said to be unaffected (「城区供水正常」)."""
    end = start + len(word)
    return not any(text[max(0, end - len(w)):end] == w for w in _INSIDE.get(word, ())) \
        and not _UNAFFECTED.match(text, end)


_UNAFFECTED = re.compile(r"(?:都|均|仍|基本|总体)?(?:正常|未受影响|没受影响|不受影响|无异常)")


# 「团雾中发生危险化学品泄漏的，同时按照《…危险化学品事故应急预案》处置」「…不适用本预案」: kinds a scope hands to other
# plans, which its plan is not for
_HANDED_ON = re.compile(r"[^。；;]*(?:《[^》]{2,40}》[^。；;]{0,8}(?:处置|执行|办理|负责)|不适用本预案)[^。；;]*")


def plan_types(title: str, scope: str = "") -> set[str] | None:
    """The kinds a plan is for, read from its title, else from its scope section; None for a general plan,
    which covers every kind."""
    if GENERAL_PLAN.search(title):
        return None
    for text in (title, _HANDED_ON.sub("", scope)):
        text = text.replace("铁路交通事故", "铁路事故")  # a railway's accidents, not the road traffic plan's 交通事故
        kinds = {kind for kind, (_, plan_words) in EVENT_TYPES.items() if any(w in text for w in plan_words)}
        if kinds:
            return kinds
    return set()  # a plan whose kind nothing names: it is not ruled out for any incident


# A fire or a crush happens in every setting: a report of a fire, or of passengers pushed over on an escalator, in a
# metro station is the metro plan's before a fire plan's or a crowd plan's.
_BROAD_KINDS = frozenset({"火灾事故", "人员密集场所事件"})


def specific_kinds(asked: set[str]) -> set[str]:
    """The kinds a report names that say what happened beyond a fire or a crowd (an aircraft that caught fire is an
    aircraft accident first); all it names when it names no other."""
    return (asked - _BROAD_KINDS) or asked


def setting_match(kinds: set[str] | None, asked: set[str]) -> int:
    """How many of the report's kinds, other than the broad ones, a plan of `kinds` is written for."""
    return len((kinds or set()) & (asked - _BROAD_KINDS))


def covers(kinds: set[str] | None, asked: set[str]) -> bool:
    """Whether a plan of `kinds` answers for an incident of the `asked` kinds."""
    return kinds is None or not kinds or not asked or bool(kinds & asked)
