"""Qualitative conditions: 「预报降雨持续」「存在垮坝危险」「火场威胁居民区」「仍未得到有效控制」 met as conditions,
never as numbers.

A condition's words that no threshold explains are compared with the incident report after both are folded
to the plan's vocabulary (溃坝 → 垮坝, 小（2）型水库 → 小型水库, 仍在蔓延 → 未得到有效控制, 预报仍有强降雨 →
预报降雨持续). The condition holds when the report states nearly all of its content words, and is open
(named as a fact to check) otherwise. A condition that still holds a number no threshold explains (「2条河流」)
stays for a person to judge; a negated condition (「但没有垮坝的危险」) is not met by a report that states the
danger.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba
import jieba.posseg

from retrieval.plan.phrases import FOREIGN_VISITOR, find_quantities, parse_number, plan_text
from retrieval.plan.tables import hazard_family, hazard_prefix, hazards_in
from retrieval.plan.works import RESERVOIR_CLASS

_FACILITY = r"(?:变电站|水电站|抽水蓄能电站|发电厂|大坝|(?:输油|输气|成品油|天然气|油气)(?:长输)?管道|通信基站|油库)"
_NEAR_KM = 2.0  # a facility this near a fire is threatened by it (plans draw the line at 1–2 km)


def _near_facility(m: re.Match[str]) -> str:
    """「离220千伏桦沟变电站围墙也就一公里半」 → 威胁…变电站重要设施; five kilometres away it stays as written."""
    km = float(parse_number(m["n"])) / (1000 if m["unit"] == "米" else 1) + (0.5 if m["half"] == "半" and m["unit"] == "公里" else 0)
    return f"威胁{m['facility']}重要设施" if km <= _NEAR_KM else m[0]


# the provinces south and north of the Qinling–Huaihe line, as national weather criteria say 南方 and 北方
_SOUTH = "湖南|湖北|江西|福建|广东|广西|浙江|上海|海南|四川|重庆|贵州|云南|台湾|香港|澳门"
_NORTH = "北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|山东|陕西|甘肃|宁夏|青海|新疆"

# Report wording → plan wording (applied to both sides, so a plan's own synonym folds the same way).
_FOLDS: list[tuple[str, str]] = [
    # 「登记的是Ⅱ类源」「铯-137源不在源容器里了…还没找到」: a radioactive source as a plan names it, and its loss
    (r"(?<=类)源|(?:铯|钴|铱|镅|锶|硒|氪|钚|镭)-?\d{1,3}(?:放射)?源", "放射源"),
    (r"不在源容器里|不见了|找不到了|没找到|下落不明", "丢失"),
    # 「湖南东南部、江西南部有成片特大暴雨」: 「南方有成片或北方有分散的特大暴雨」 as a national criterion says it
    (rf"(?:{_SOUTH})[^，。；]{{0,14}}?有成片", "南方有成片"),
    (rf"(?:{_NORTH})[^，。；]{{0,14}}?有分散", "北方有分散"),
    (FOREIGN_VISITOR, "境外游客"),  # 「一名韩国游客…诊断为重伤」 meets 「造成境外游客重伤的」
    # 「外资企业的外籍工程师…被三名男子挟持上车」 meets 「外籍人员在本市被绑架、劫持」
    (r"(?:外籍|外国籍)(?:[\u4e00-\u9fa5]{0,2}?)(?:工程师|员工|职工|雇员|商人|客商|教师|老师|学生|留学生|男子|女子|人士|公民|专家"
     r"|船员|技术人员|务工人员)", "外籍人员"),
    (r"挟持|强行扣押", "劫持"),
    # 「文件写明事发地为我县和邻县」 meets 「将本县列为事发地」: the higher government's decision names us
    (r"(?:写明|列明|明确|注明)?事发地(?:为|是|包括|含)(?:我|本)(?P<unit>[县市区])", r"将本\g<unit>列为事发地"),
    # 「车上二百来袋大米被哄抢一空」 meets 「发生群众哄抢粮食」: a grain named by its kind is grain
    (r"大米|面粉|稻谷|小麦|玉米|成品粮|米面", "粮食"),
    # 「一家烟花爆竹零售店发生爆炸」 is what a plan calls a 零售经营场所 (a shop is where goods are sold)
    (r"零售(?:店|门店|商店|商铺|摊点|网点|点)(?![位数])", "零售经营场所"),
    (r"绑走|掳走", "绑架"),
    # 「县政府来电请市里协调医疗救治和善后」 as a plan says 「提请市级协调处置」
    (r"(?:提请|请求?)(?:市里|市上|市级)(?:帮助|帮忙|出面)?协调", "提请市级协调处置"),
    (r"小\s*[（(]\s*[12一二]\s*[)）]\s*型|小[一二12]型", "小型"),
    (r"溃坝|决坝", "垮坝"),
    # 「祁东、衡南、常宁三县市各有…」: several counties, as a plan says 「多个县市区」
    (r"(?<![\d一二两三四五六七八九十])(?:[二两三四五六七八九十]|\d+)个?县(?:市区|市|区)", "多个县市区"),
    # a dammed river as officers report it: 「土石冲进箐河，把河道堵死了，上游开始积水」 is 堵塞河道形成堰塞湖
    (r"(?:把|将)?河道(?:给)?堵(?:死|断|住|塞)了?|堵(?:断|塞|住)了?(?:河道|河流)|堵江", "堵塞河道"),
    (r"上游(?:开始|已经?)?(?:积水|壅水|蓄水)(?:成湖)?", "形成堰塞湖"),
    # 「专家判断随时可能溃决」「一夜涨了两米多」: a dammed lake's danger and its rise
    (r"(?:随时)?(?:可能|有)(?:会)?溃决(?:的)?(?:危险|可能|风险)?", "有溃决危险"),
    (r"(?:一夜|一天|持续|仍在|还在|不断)(?:又)?(?:涨|上涨)了?", "水位持续上涨"),
    (r"下游[^，。；]{0,8}?(?:就是|有|是)[^，。；]{0,8}?(?P<t>集镇|县城|村庄|学校)", r"威胁下游\g<t>"),
    (r"溃堤|决堤|决口", "垮堤"),
    (r"(?P<w>[堤圩垸埝][^，。；]{0,12}?)溃口", r"\g<w>垮堤"),  # 「汭西圩下段今天凌晨４点溃口」 (a dam's 溃口 is no dike's)
    # 「立交桥下积水没顶」: water over the top of what it fills is the gravest waterlogging a plan grades in words
    (r"(?:积水|水)(?:已经?|都)?(?:漫过|淹过|淹)?没顶", "特别严重积水"),
    # 「主跨整个塌进了江里」「整座桥全塌了」: a structure that fell whole, as a plan says 整体垮塌
    (r"(?:整个|整座|整体|整跨|全部)(?:都)?(?:桥面)?(?:塌|垮)(?:塌|落|掉)?(?:进|入|到)?了?", "整体垮塌"),
    # 「市里已经控制不住」: what a plan calls 超出市级处置能力 (「县里处置不了」: 县级)
    # (「光靠县里的力量已经搞不定了」 too)
    (r"(?P<lv>[省市县区])(?:里|级)(?:的力量)?(?:已经|已|实在)?(?:控制不住|无法控制|难以控制|处置不了|无力处置|应对不了|难以应对"
     r"|搞不定|顶不住|扛不住)",
     r"超出\g<lv>级处置能力"),
    # 「专家认定有溃坝可能」「存在垮堤危险」: a danger of the works failing is a major danger (重大险情)
    (r"(?:有|存在)(?:垮坝|垮堤)的?(?:可能|危险|风险)", r"\g<0>重大险情"),
    (
        r"(?:仍|尚|还)?(?:未|没有)(?:能|被)?(?:得到)?(?:有效)?控制(?:住)?|仍在(?:蔓延|扩大)|持续蔓延|火势(?:仍)?(?:在)?蔓延|失控",
        "未得到有效控制",
    ),
    (
        r"(?:预[报计]|未来)[^，。；]{0,12}?(?:仍有|仍将有|仍将出现|还有|继续有|持续有|将持续|继续出现)[^，。；]{0,4}?(?:强)?(?:降雨|降水|暴雨|雨)"
        r"|降雨(?:仍将|将)?(?:继续|持续)|预报降雨持续|(?:还要|还会|还得|会继续|要继续)下(?![派达发令游降滑跌午])",
        "预报降雨持续",
    ),
    # 「火正往居民点方向烧」 as a plan says 「火势向村庄蔓延」 (and threatens it)
    (r"(?:向|往|朝)着?(?:有人居住的)?(?:村庄|村子|村里|居民点|居民区|林区居民点|自然村|房子|民房)(?:方向)?"
     r"(?:蔓延|烧|推进|扩散|发展|走|扑|压)(?:过来|过去|去|来)?", "威胁村庄并向村庄蔓延"),
    (r"(?:向|往|朝)(?P<target>[^，。；]{1,12}?)方向(?:推进|蔓延|发展)", r"威胁\g<target>"),
    # 「火头正往乡中心小学那边走」: a fire heading for a place spreads toward it (「并向其蔓延」)
    (r"(?:火|火头|火线|火势)[^，。；]{0,4}?(?:向|往|朝)着?[^，。；]{1,12}?(?:那边|那里|这边)(?:蔓延|烧|推进|扩散|走|扑|压)(?:过来|过去|去|来)?",
     r"\g<0>蔓延"),
    (r"(?:有毒|有害)*(?:氯气|氨气|硫化氢|毒气|(?<!天然)气体)", "有毒气体"),
    (r"飘向|飘到|飘至|飘散至?|扩散至|扩散到", "扩散"),
    # a named hazardous chemical states 危险化学品; a tank or valve that leaks states 泄漏 (a dike's 渗漏 is 险情)
    (
        r"(?:二?甲?苯|乙醇|甲醇|液氯|液氨|硫酸|盐酸|硝酸|氢氟酸|烧碱|液化石油气|液化气|汽油|柴油|光气|氰化物|农药)类?(?:物质)?",
        "危险化学品",
    ),
    (r"(罐[口体]?|阀门?|管线|管道|钢瓶)(?:渗漏|破裂|破损|漏气|漏液)|泄露|外泄|漏出", r"\1泄漏"),
    (r"运输车(?!辆)|槽罐车|罐车|槽车", "运输车辆"),
    (r"流进|流入|排入|渗入|汇入|泄入", "进入"),
    (r"失电|断电|停电", "停电"),
    # a building site as officers report it: 「塔吊倒了，吊臂砸在隔壁小区一栋住宅楼上」 states 塔式起重机倾覆 危及相邻居民楼;
    # 「基坑边坡塌方，两名工人被埋」 states 基坑坍塌 有人员被埋压
    (r"塔吊|塔机", "塔式起重机"),
    (r"(?<=塔式起重机)[^，。；]{0,2}?(?:倒了|倒下来?|倾倒|翻倒|倒塌|垮塌|坍塌|整体倾覆)", "倾覆"),
    (r"(?:隔壁|旁边|相邻|邻近|紧挨着?|周边)的?(?:小区)?[^，。；]{0,6}?(?:住宅楼|居民楼|住宅|宿舍楼)", "相邻居民楼"),
    (r"砸在|砸中|砸到|砸向|压在", "危及"),
    (r"深基坑", "基坑"),
    (r"塌方", "坍塌"),
    (r"被埋(?!压)|(?<!被)埋压|掩埋|压埋", "被埋压"),
    (r"(?:工人|作业人员|施工人员|村民|群众|游客|学生|车主|司机|驾驶员|乘客|行人|市民|居民|(?<![员成病家])人)(?=被(?:埋压|困))",
     "人员"),
    # 「2辆车和1名车主被困」 states 车辆 被困
    (r"(?<=[\d一二两三四五六七八九十几多])辆(?:小?汽?车|轿车|私家车|小车)", "辆车辆"),
    # 「楼塌了半边」 states 建筑物坍塌; 「车厢出轨」 脱轨
    (r"垮塌|倒塌|(?<![坍倒垮])塌(?!陷|方)(?:了|掉|下来?)?", "坍塌"),
    (r"(?:楼房|楼体|大楼|[商住民居宿办公教学]*楼|房屋|厂房|民房)(?=[^，。；]{0,2}坍塌)", "建筑物"),
    (r"出轨", "脱轨"),
    (r"自燃|着火|冒烟起火", "起火"),
    # 「管道泄漏引发火灾或者爆炸」 as 「汽油泄漏后起火」 states it
    (r"(?:引发|引起|导致)火灾", "起火"),
    # 「铎钰输气管道…天然气泄漏」: a long-distance gas pipeline is a gas pipeline too
    (r"(?<!燃气)(?:中压|低压|次高压|高压|庭院|入户|天然气|输气)(?:燃气)?管(?:道|线|网)?|调压箱|调压站", "燃气管道"),
    (r"(?:小学|中学|幼儿园|大学|学院)(?!生)", "学校"),
    (r"民爆(?:器材|物品)?(?:仓库|库|储存库)|炸药库", "民用爆炸物品储存库"),  # 「离民爆器材仓库四百米」
    # 「村子在火场东南面，正好是下风口」 as a plan says 「该居民点处于火场下风方向」
    (r"下风(?:口|处|头|向)", "下风方向"),
    (r"村子|(?<!林区)居民点", "村庄"),  # a plan's 居民点 and an officer's 村子 are the 村庄 other plans say
    (r"[（(](?:两项|以上两项|二者|两个条件)须同时具备[)）]", ""),  # a note on how conditions combine, no word of them
    (r"教学楼|校舍", "学校"),  # 「裂缝离教学楼不到50米」 threatens the school
    (r"载有?(?:学生|幼儿|儿童)的校车", "校车"),
    (r"(?:孩子|学生|小孩|乘客|司机|驾驶员|游客|村民|工人)(?:是|受了?)?(?=重伤|轻伤)", "人员"),
    # 「站厅层一家便利店起火，站里的乘客全部清出去了」 as a metro plan says 「车站发生火灾并疏散全站乘客」
    (r"站厅层?|站台层?", "车站"),
    (r"(?<=车站)发生火灾", "起火"),
    (r"清站|(?:站里|站内|车站里?)的?(?:乘客|人)(?:全部|全都|都)(?:清|撤|疏散|赶)(?:出去|出来|离|走)?了?", "疏散全站乘客"),
    (r"敬老院|养老院|福利院|护理院|老年公寓", "养老机构"),
    # a leak or fire next to a school or hospital (「漏点就在县人民医院对面」「离门诊楼三十来米」「隔壁实验小学」) threatens it
    (r"(?:就在|紧邻|紧挨|毗邻|隔壁的?)(?P<near>[^，。；]{1,12}?)(?:对面|旁边|门口|附近)?(?=[，。；]|$)"
     r"|(?:就在|紧邻|紧挨)(?P<near2>[^，。；]{1,12}?)(?:对面|旁边|门口|附近)"
     r"|(?:离|距离?)(?P<near3>[^，。；]{1,14}?)(?:围墙|边界|红线|厂界)?(?:不到|不足|只有|仅|约|大约)?"
     r"(?:\d+|[一二两三四五六七八九十百]+)[来多]?米",
     r"威胁\g<near>\g<near2>\g<near3>"),
    # a fire or a cloud driven at a place (「风正往变电站方向吹」「火头往变电站方向走」「风向正对公园」) threatens it
    (r"(?:向|往|朝|正对着?)(?P<target>[^，。；]{1,12}?)(?:方向)?(?:吹|刮|走|烧|扑|压|推)", r"威胁\g<target>"),
    # 「前线指挥部研判火头三四个小时就能烧到县城边上」: a place the fire can reach is threatened by it
    (r"(?:就能|就会|就要|能|会|将|要)烧到(?P<target>[^，。；]{1,8}?)(?:边上|边|附近|跟前|脚下)?(?=[，。；]|$)", r"威胁\g<target>"),
    (r"风向正对(?P<target>[^，。；]{1,12})", r"威胁\g<target>"),
    # a power station, a dam or a pipeline a fire is near is an 重要设施 as plans define it (「“重要设施”指…变电站…」)
    (rf"(?:离|距离?)(?P<facility>[^，。；]{{0,12}}?{_FACILITY})[^，。；\d一二两三四五六七八九十]{{0,8}}?"
     r"(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)(?P<half>[来多半]?)(?P<unit>米|公里)", _near_facility),
    (rf"(威胁[^，。；]{{0,12}}?{_FACILITY})(?!等?重要设施)", r"\1重要设施"),
    # 「县专业队和乡镇扑火队全压上去了还是不够」 as a plan says 「县内扑火力量不足」
    (r"(?:全|都|全部|已经)(?:压|投|派|拉|调)(?:上去|进去|上|入)了?[^，。；]{0,4}?(?:还是|仍然|仍|也|依然)(?:不够|不足|打不住|压不住)"
     r"|(?:人手|扑火力量|队伍)(?:明显)?(?:不够|不足)了?", "县内扑火力量不足"),
    # 「请邻市增援两支专业扑火队」 as a plan says 「需跨市调派扑火力量」 (before 「请求…支援」 reads it as the province's help)
    (r"请(?:求)?(?:邻|相邻|外|周边)(?P<unit>[市县区])[^，。；]{0,8}?(?:增援|支援|派)", r"跨\g<unit>调派力量"),
    (r"需(?=跨[市县区])|(?<=调派)(?:扑火|救援|抢险)(?=力量)", ""),  # 「需跨县调派扑火力量」 as the fold above words it
    # 「火翻过山脊烧到苋岭县一侧」「火从界上烧过来」: a fire burning on both sides of a county line
    (r"跨县(?:级行政区域|界|域)?|(?:流到|流入|进入|扩散到|蔓延到|蔓延至|波及|越过|烧过|翻过|烧进|烧到|烧入|窜入)[^，。；]{0,6}?"
     r"(?:邻县|相邻县|外县|县界|[\u4e00-\u9fa5]{1,3}县(?:一侧|境内|那边|那侧|地界))|从县?界上?(?:烧|蔓延|窜)过来",
     "跨县级行政区域"),
    (r"(?<=跨县级行政区域)(?:[（(][区市][)）])?火场", ""),  # 「形成跨县（区）火场的」: the fire is what crosses
    (r"(?<=[江河湖库海])水体|(?<=[江河湖])里|(?<=[水江河])中(?=的)", ""),  # 「舂陵水中的2条河流」
    (r"(?:烧进|烧入|窜进|窜入|蔓延进|侵入)了?", "进入"),  # 「山火从保护区外面的杉木林烧进了缓冲区」
    (r"连环爆炸|接连爆炸|连续爆炸", "连锁爆炸"),
    (r"(?:无法|不能|难以)(?:自行)?控制|控制不住|关不住|堵不住|扑不灭", "无法自行控制"),
    (r"逼近|危及|威胁到|蔓延至|蔓延到|直逼", "威胁"),
    (r"堵断|阻断|堵塞|堵住|淤堵", "堵塞"),
    (r"倒灌|浸水|进水|灌水|被淹", "进水"),
    # 「城区约三分之一区域停电停水」 as a plan says 「供水、供电等生命线系统大面积中断」
    (r"停电停水|停水停电", "供电、供水中断"),
    (r"(?<![不未没])停水(?!作业)", "供水中断"),
    (r"(?<![不未没])停电(?!事件)", "供电中断"),
    # 「水厂已停止取水」「取水口关闭了」 as an environmental plan says 「饮用水水源地取水中断」; the waterworks of a town or of the
    # county town draws from the 乡镇 / 县级城市 集中式饮用水水源地 that plans grade by
    (r"(?:停止|暂停|中断|停)了?取水|取水口?(?:已经?)?(?:被迫)?(?:关闭|中断|停止|停)了?", "取水中断"),
    (r"[\u4e00-\u9fa5]{1,4}[镇乡](?:的)?(?:自来)?水厂(?:取水口)?|(?<![县城])(?:镇|乡)(?:里|上)?的?(?:水源|水厂)", "乡镇集中式饮用水水源地"),
    (r"县城(?:的)?(?:水源(?:地|水库)?|(?:自来)?水厂)(?:取水口)?", "县级城市集中式饮用水水源地"),
    # a hospital or a waterworks without power is an 重要用户 as power plans say (「二级以上医院、水厂等重要用户停电」)
    (r"(?:医院|水厂|供水厂|污水处理厂|机场|火车站|地铁)(?=[^，。；]{0,8}?(?:供电[^，。；]{0,4}?中断|停电|断电))", r"\g<0>重要用户"),
    # 「社会面反响强烈」「网上舆情发酵很快」 state the social impact a plan grades (its degree is the plan's words)
    (r"社会面?(?:上的)?(?:反响|反应)(?:强烈|很大|较大)|舆情(?:发酵|汹涌|沸腾|持续升温)|(?:媒体|网上|网络)[^，。；]{0,6}?"
     r"(?:直播|热议|广泛报道|刷屏|传言)", "社会影响"),
    (r"受困|围困|困在|出不来|无法撤出|没能撤出", "被困"),
    (r"立交桥下|下穿隧道|下穿通道|涵洞", "下穿通道"),
    (r"私家车|小轿车|轿车|汽车|(?<!乘)客车|货车", "车辆"),
    # 「跑乡镇的班线客车在弯道翻了」 as a road plan says 「营运客车发生侧翻」
    (r"(?:班线|客运|旅游|长途|公交|营运)(?:车辆|大巴|巴士|班车)|大巴车?", "营运车辆"),
    (r"(?<![侧推])翻(?:了|车|倒|下)", "侧翻"),
    # 「交警已封了那半幅路」 closes a city road
    (r"(?:封了|封闭了?|封锁了?|封掉了?)[^，。；]{0,4}?(?:路|道路|车道|马路)", "封闭城市道路"),
    (r"(?:还将|仍将|将会|将|继续|进一步)(?:发展|扩大|加重|蔓延)|(?:还在|正在)(?:往[^，。；]{0,4}?)?(?:扩大?|蔓延|推进)",
     "进一步发展"),
    # 「几条主要大马路全堵死了」「基本是瘫了」 state 主干道 交通大范围瘫痪; 「现场已经乱了，喊话也没人听」 秩序失控
    (r"(?:主要)?大马路|主要道路|主要街道|主路", "主干道"),
    (r"(?:全|都|全都)(?:堵死|堵住|瘫)了?|(?:基本|完全|彻底)(?:是|上)?瘫(?:痪)?了?", "交通大范围瘫痪"),
    (r"堵死了?|瘫了", "交通瘫痪"),
    (r"城里|市区|(?<!主)城区", "主城区"),
    (r"(?:现场|秩序)(?:已经?)?乱(?:了|套|成一团)|喊话(?:也)?没人听|劝不住|劝阻无效", "现场秩序失控"),
    (r"大面积", "大范围"),  # degree words of the same width: 「大面积瘫痪」 states 「大范围瘫痪」 (特大面积 stays 特大…)
    (r"旱情|旱灾", "干旱"),
    (r"维持|持续|继续", "持续"),
    (r"堆积体|滑坡体|崩塌体|灾害体", "灾害体"),
    (r"火势|火情|山火|林火|火头|火线", "火场"),
    (r"气象台|气象局", "气象部门"),
    # 「水库堤坝等防洪工程出现不同程度的险情」: a reservoir or a dike in trouble is such a work
    (r"不同程度的?", ""),
    (r"(?:水库|堤坝|堤防|大坝|水闸)(?:[、和及]?(?:水库|堤坝|堤防|大坝|水闸))*等防洪工程", "防洪工程"),
    (r"(?:水库|堤防|大坝|堤段|水闸|堤坝)(?=[^，。；]{0,12}?(?:险情|散浸|管涌|渗水|渗漏|裂缝|塌陷|脱坡))", r"\g<0>防洪工程"),
    (r"裂缝|散浸|渗水|渗漏|管涌|漫溢|塌陷|滑坡|拉裂|溜滑|脱坡|变形", "险情"),
    (r"水文局|水文站", "水文部门"),
    (
        r"请求[^，。；]{0,10}支援|需要?[^，。；]{0,8}(?:调派|增派)[^，。；]{0,8}支援|请[\u4e00-\u9fa5]{1,4}市派"
        r"|超出[^，。；]{0,6}(?:处置|扑救|救援|应对)?能力",
        "需要上级支援",
    ),
    # 「水位…预报还要涨」 as a plan says 「水文部门预报仍将上涨」: a water level's rise is the hydrologists' forecast
    (r"(?:水文(?:部门|局|站)?)?预报(?:水位)?(?:今[天晚夜]|明[天晚]|夜间|晚上|上午|下午|后半夜)?(?:还|仍|继续)?(?:要|将|会)?(?:继续)?上?涨",
     "水文部门预报仍将上涨"),
    # 「预报洪峰57.7米，离保证水位还差三十来公分」 as a plan says 「预报仍将接近保证水位」
    (r"(?:离|距离?)(?:各自的?)?(?P<ref>警戒|保证|历史最高)水位(?:还|只|仅)?差", r"接近\g<ref>水位"),
    # 「要请省里统一组织」 as an officer says 「需要请求省人民政府统一组织应对」
    (r"请(?:求)?省里", "请求省人民政府"),
    # 「预计明后两天…特强降雨过程…可能造成严重洪涝」 as a plan says 「预报…将出现特强降雨过程…可能造成严重洪涝灾害」
    (r"预计", "预报"),
    # 「水文说今晚还要涨」 as a plan says 「水文部门预报仍将上涨」
    (r"(?:今晚|今夜|今天|明天|夜间|后面|接下来)?(?:还要|还会|还将|仍将|仍会|将继续|会继续|还得|要继续)(?:上)?涨", "预报仍将上涨"),
    (r"洪涝(?!灾害)", "洪涝灾害"),
    # 「下游两个县城沿河城区严重受威胁」 as a plan says 「严重威胁下游县级以上（含县级）城镇」
    (r"严重受到?威胁|受到严重威胁", "严重威胁"),
    (r"县级以上[（(]含县级[)）]城镇", "县城"),
    # 「大风推着海冰成片堆上岸」 as a plan says 「海冰堆积上岸」
    (r"(?:堆|推|挤|涌)(?:上|到)(?:了)?(?:岸|岸上)", "堆积上岸"),
]
# Words every condition has that say nothing about this incident.
_GENERIC = frozenset(
    {
        "日内",  # a count's window (「在 2 1 日内，2 至 3 个乡镇发生疫情」), which the count's figures answer
        "天内",
        "发生",
        "出现",
        "相应",
        "上述",  # 「上述地区气温持续偏低」: the places the criterion counted before, which the report need not call so
        "事态",
        "应对",
        "造成",
        "可能",
        "将",
        "已",
        "已经",
        "或者",
        "或",
        "且",
        "并",
        "的",
        "了",
        "等",
        "其他",
        "需要",
        "情况",
        "情形",
        "有关",
        "相关",
        "我市",
        "本市",
        "本区",
        "本县",
        "全市",
        "全区",
        "全县",
        "部分",
        "地区",
        "部门",
        "以上",
        "以下",
        "达到",
        "超过",
        "发出",
        "发布",
        "程度",
        "范围",
        "存在",
        "导致",
        "引发",
        "区域",
        "单位",
        "地方",
        "附近",
        "周边",
        "其中",
        "其它",
        "仍",
        "仍将",
        "仍然",
        "预计",
        "可能会",
        "下列",
        "之一",
        "同时",
        "以及",
        "和",
        "与",
        "及",
        "在",
        "对",
        "到",
        "为",
        "是",
        "有",
        "任一",
        "涉及",
        "任何",
        "任意",
        "控制站",  # 「任一控制站」: any station the report names
        "水文站",  # 「两个及以上水文站水位…」: the stations the report names are such, and their readings measured
        "水文",
        "实测",
        "河流",  # 「洣水、耒水…中的2条河流」: the rivers the report names are such
        "没有",  # 「但没有垮坝的危险」: the negation is read by `_negated`, not as a word to find
        "初判",  # 「初判为较大突发环境事件」: the class the facts give is the initial judgement
        "事故",  # 「载有学生的校车发生事故」: an accident plan's scope, true of every incident it is chosen for
        "环境污染",  # 「因环境污染造成…」: an environmental plan's scope, true of every incident it is chosen for
        "我国",  # 「影响我国沿海」: every report the library's plans answer is in China
        "形成",  # 「形成跨县（区）火场」「形成堰塞湖」: what is formed is the condition
    }
)
# Words of degree that separate one level's criterion from the next; a report must state them.
# words a report must state as such: a degree (「特大暴雨」 is not met by 「大暴雨」) or a failure of works (「垮坝险情」 is
# not met by seepage judged a 重大险情)
_INTENSITY = ("特大", "特强", "极端", "严重", "特别", "重旱", "特旱", "成片", "大范围", "大面积", "很多", "垮坝", "垮堤", "重大险情",
              "跨乡镇", "跨县", "跨市", "跨区", "跨省",  # and the extent: 「火场跨乡镇蔓延」 is not met by a fire that spreads
              "重大损失", "较大损失",  # 「已对群众生产生活造成较大损失和影响」 does not meet a criterion of 重大损失
              "局部", "整体")  # 「桥梁局部垮塌」 is met neither by 「桥梁垮塌」 nor by a span that fell whole
# 「也没到铧江」 denies as 「没有」 does (淹没, 没收 and 没过 are no denial); 「登陆前不会加强为台风」 and 「市里不必启动响应」
# too
_NEGATION = re.compile(r"(?:没有|不会|不再|不必|无需|不需要|不用|(?<![淹埋吞沉湮出漫覆])没(?![收过入])|尚无|并无|(?<![有])无(?!法)|未(?!来|知))(?:出现|发生)?"
                       r"[^，。；未]{0,10}?$")
_MIN_COVERAGE = 0.6
_TIME_WORDS = frozenset({"未来", "过去", "小时", "预报", "预计"})  # a forecast's window, not what it forecasts
_MIN_SUBJECT_COVERAGE = 0.6


@lru_cache(maxsize=4096)
def fold_report(text: str) -> str:
    """Normalised text (no spaces or LaTeX, ASCII digits) with report wording folded to plan wording."""
    norm = plan_text(text).norm
    for pattern, replacement in _FOLDS:
        norm = re.sub(pattern, replacement, norm)
    return norm


@lru_cache(maxsize=4096)
def content_words(condition: str) -> tuple[str, ...]:
    """The words of a condition that carry content, folded to the plan's vocabulary."""
    words = [w for w in jieba.lcut(fold_report(condition)) if len(w) >= 2 and w not in _GENERIC]
    return tuple(dict.fromkeys(w for w in words if not re.fullmatch(r"[\d.~%-]+|[a-zA-Z]+", w)))


@lru_cache(maxsize=4096)
def _unknown_words(condition: str) -> tuple[str, ...]:
    """Words jieba does not know, which it cuts into single characters (「汭西圩发生垮堤」 → 汭 西 圩 … 垮 堤): each run of
    single characters is one word. Read only when a condition has no other content word: it is not met by silence."""
    runs, run = [], ""
    for token in [*jieba.lcut(fold_report(condition)), ""]:
        if len(token) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", token):
            run += token
            continue
        if len(run) >= 2:
            runs.append(run)
        run = ""
    return tuple(dict.fromkeys(runs))


@lru_cache(maxsize=4096)
def without_quantity_names(condition: str) -> str:
    """The condition without the names of quantities (「受害森林面积」「衡山站水位」): thresholds compare those.
    A name that no figure or reference level follows (「鹭东变电站」) is a place, and stays."""
    norm = plan_text(condition).norm
    for span in reversed(find_quantities(norm)):
        if span.key.endswith("站水位") and not re.match(r"[^，；。、]{0,6}(?:\d|水位|警戒|保证)", norm[span.end:]):
            continue
        norm = norm[: span.start] + " " + norm[span.end :]
    return norm


# 「已形成的堰塞湖」 happened; 「有形成堰塞湖的可能」「可能形成」 has not.
_ACTUAL = re.compile(r"已(?:经)?(?P<verb>[\u4e00-\u9fa5]{2})")
_POSSIBLE = r"(?:可能|或将|预计|有望|防止|避免|以防)[^，。；]{{0,4}}{verb}|{verb}[^，。；]{{0,8}}的?可能"


def _only_possible(condition: str, folded_report: str) -> bool:
    """The condition states an event as having happened and the report only as possible."""
    for m in _ACTUAL.finditer(fold_report(condition)):
        verb = m["verb"]
        if verb in folded_report and not re.search(
            rf"(?<!可能){verb}", re.sub(_POSSIBLE.format(verb=verb), "", folded_report)
        ):
            return True
    return False


_OPTION_BREAK = re.compile(r"、|或者|或")  # between the options a condition lists
# 「瓦斯（煤尘）爆炸」: a short aside inside an option names another form of it, which the option holds without it
_ASIDE = re.compile(r"[（(][^（()）]{1,6}[)）]")


def _one_option_stated(condition: str, folded_report: str) -> bool:
    """「火场威胁松岭水库、县城或重要设施安全」 lists options; one of them stated in full is enough."""
    options = _OPTION_BREAK.split(without_quantity_names(_ASIDE.sub("", condition)))
    if len(options) < 2:
        return False
    def stated(words: tuple[str, ...]) -> bool:
        words = tuple(w for w in words if w not in _TIME_WORDS)
        found = sum(_stated(w, folded_report) for w in words)
        return len(words) >= 2 and (found == len(words) or (len(words) >= 4 and found / len(words) >= _MIN_COVERAGE))

    words = [content_words(o) for o in options]
    # 「燃气泄漏、爆炸引发建筑物坍塌」「南方有成片或北方有分散的大暴雨」: what the last option has beyond the first's
    # width is every option's (a category after 「等」 is not: 「输油管道等重要设施」)
    tail = content_words(options[-1].split("等")[0])[len(words[0]):]
    return any(stated(w + tail) for w in words[:-1]) or stated(words[-1])


def _negated(condition: str, word: str) -> bool:
    folded = fold_report(condition)
    at = folded.find(word)
    return at > 0 and bool(_NEGATION.search(folded[:at]))


def _event_word(condition: str, last_word: str) -> str:
    """What a condition says happens: its words after the last content word (「一线海堤发生决口」 → 垮堤, which jieba
    does not know as a word), else that last word."""
    folded = fold_report(condition)
    tail = folded[folded.rfind(last_word) + len(last_word):]
    tail = re.sub(r"^(?:发生|出现|造成)|(?:的|等|情况|情形)$|[，。；、]", "", tail)
    return tail if 2 <= len(tail) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", tail) else last_word


def _denied(word: str, folded_report: str) -> bool:
    """The report denies the word right where it says it (「没有决口」「未发生溃坝」) and never states it."""
    return word in folded_report and not _stated(word, folded_report) \
        and bool(re.search(rf"(?:没有|没|未|无|并未|尚未)(?:发生|出现|发现)?{re.escape(word)}", folded_report))


def _stated(word: str, folded_report: str) -> bool:
    """The report states the word, not only denies it: 「无人员被困」 does not state 被困."""
    return any(not _NEGATION.search(folded_report[: m.start()]) for m in re.finditer(re.escape(word), folded_report))


_LINKS = frozenset({"、", "或", "或者", "及", "及其", "以及", "和", "与"})
_BREAKS = re.compile(r"[\s，,；;。：:（）()“”「」]+|\d[\d.]*")


@lru_cache(maxsize=4096)
def _slot_groups(condition: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The condition as slots of alternatives, each alternative its tokens (computed once per condition: both
    `_slots_stated` and `_several_lists` read it): 「下穿通道、地下车库发生车辆或人员被困」 →
    [[下穿通道 | 地下车库], [车辆 | 人员], [被困]]. Parallel items are as long as each other, so what the first item
    has before them and the last after them is shared by all (「墨湖大桥及其引桥」: 墨湖 shared). The category after
    「等」 (「学校、医院等人员密集区域」) is one more alternative."""
    groups: list[list[list[str]]] = []
    categories: set[int] = set()
    unit: list[str] = []
    link = ""

    def close() -> None:
        nonlocal unit, link
        if unit:
            if link and groups:
                groups[-1].append(unit)
                if link == "等":
                    categories.add(len(groups) - 1)
            else:
                groups.append([unit])
            link = ""
        unit = []

    for token in jieba.lcut(fold_report(condition)):
        if token in _LINKS or token == "等":
            close()
            link = token
        elif token in _GENERIC or _BREAKS.fullmatch(token):
            close()
            link = ""
        else:
            unit.append(token)
    close()
    slots: list[list[list[str]]] = []
    for index, group in enumerate(groups):
        if len(group) < 2:
            slots.append(group)
            continue
        items = group[:-1] if index in categories else group
        width = min(len(item) for item in items)
        head, tail = items[0][:-width], ([] if index in categories else items[-1][width:])
        items = [items[0][len(head):], *items[1:-1], items[-1][: len(items[-1]) - len(tail)]] if len(items) > 1 else items
        alternatives = items + ([group[-1]] if index in categories else [])
        slots.extend([[head]] if head else [])
        slots.append(alternatives)
        slots.extend([[tail]] if tail else [])
    return tuple(tuple(tuple(alternative) for alternative in slot) for slot in slots)


def _alternative_stated(tokens: tuple[str, ...], folded_report: str) -> bool | None:
    """None when the alternative has no word to check (「下」)."""
    words = [t for t in tokens if len(t) >= 2]
    if not words:
        return None
    return _stated("".join(tokens), folded_report) or all(_stated(w, folded_report) for w in words)


def _slots_stated(condition: str, folded_report: str) -> bool:
    """Every slot of a condition that lists alternatives (「、」「或」「及其」「等」) is stated by one of them."""
    slots = _slot_groups(condition)
    if not any(len(slot) >= 2 for slot in slots):
        return False
    checked = 0
    for slot in slots:
        states = [_alternative_stated(a, folded_report) for a in slot]
        if all(s is None for s in states):
            continue
        if not any(states):
            return False
        checked += 1
    # jieba cuts a degree (「大面积」 → 大 / 面积) into pieces too short to check: stated, it is a slot checked
    folded = fold_report(condition)
    checked += any(k in folded and _stated(k, folded_report) for k in _INTENSITY)
    return checked >= 2


# 「洣水、耒水、蒸水、舂陵水中的2条河流」: a list of members the criterion counts among.
_MEMBERS = re.compile(r"(?P<names>[\u4e00-\u9fa5]{1,8}?(?:(?:、|或者|或|和|及)[\u4e00-\u9fa5]{1,8}?)+)中(?:的|任一|任何|任意)")


def _members_named(condition: str, report: str) -> str:
    """The condition with a counted list of members dropped when the report names one of them: which members
    and how many is the count's to judge, not the words'."""
    norm = plan_text(condition).norm
    m = _MEMBERS.search(norm)
    # a member named without its river (「示例站」 for 「示例江示例站」): its last three characters
    if m and any(name[-3:] in report for name in re.split(r"、|或者|或|和|及", m["names"])):
        return norm[: m.start()] + norm[m.end() :]
    return condition


# Classes of tropical cyclone, strongest first (GB/T 19201): a criterion that names one is met by a report of that
# class only, 「强热带风暴」 not by 「热带风暴」 (the 「强」 is no word of its own to compare)
_STORM_CLASSES = ("超强台风", "强台风", "台风", "强热带风暴", "热带风暴", "热带低压")
_STORM_CLASS = re.compile("|".join(_STORM_CLASSES))


_WEATHER = frozenset({"台风", "暴雨", "暴雪", "寒潮", "高温", "大雾", "道路结冰", "大风", "冰雹", "沙尘暴", "霾", "霜冻", "干旱"})


def _storm_classes(text: str) -> set[str]:
    return set(_STORM_CLASS.findall(plan_text(text).norm))


def _stated_storm_classes(report: str) -> tuple[set[str], bool]:
    """The classes of storm a report states, and whether it denies one (「登陆前不会加强为台风」)."""
    norm = plan_text(report).norm
    stated, denied = set(), False
    for m in _STORM_CLASS.finditer(norm):
        if _NEGATION.search(norm[max(0, m.start() - 12):m.start()]):
            denied = True
        else:
            stated.add(m[0])
    return stated, denied


def _storm_class_state(condition: str, report: str) -> str | None:
    """"met" / "not_met" / "open" when the condition names a class of storm below 台风 or above it, else None.
    A bare 台风 is not met by a storm of a lower class the report says will not become one."""
    asked = _storm_classes(condition)
    told, denied = _stated_storm_classes(report)
    if asked == {"台风"}:
        return "not_met" if denied and told and not told & {"台风", "强台风", "超强台风"} else None
    if not asked:
        return None
    if not told:
        return "open"
    return "met" if told & asked else "not_met"


# 「全市发生特大干旱」 grades the whole jurisdiction: three counties in 特大干旱 while 「全市面上还是按轻度干旱统计」 is not it
_DROUGHT_DEGREES = {"轻": 1, "中": 2, "严重": 3, "重": 3, "特大": 4, "特": 4}
_WHOLE_DROUGHT = re.compile(r"全[市县区省][^，。；：]{0,12}?(?P<deg>特大|严重|轻|中|重|特)度?干?旱")


def _whole_drought_state(condition: str, report: str) -> str | None:
    """"met" / "not_met" / "open" for a condition on the degree of drought of the whole jurisdiction, else None."""
    asked = _WHOLE_DROUGHT.search(plan_text(condition).norm)
    if not asked:
        return None
    told = [_DROUGHT_DEGREES[m["deg"]] for m in _WHOLE_DROUGHT.finditer(plan_text(report).norm)]
    if not told:
        return "open"
    return "met" if max(told) >= _DROUGHT_DEGREES[asked["deg"]] else "not_met"


# The class of a work a condition names decides the level: 「中型水库出现垮坝险情」 is Ⅰ级, 「小（1）型水库…」 Ⅱ级.
_WORKS_CLASSES = {
    "水库": RESERVOIR_CLASS,
    "堤": re.compile(r"(?P<rank>主要|重点|重要|一般)的?堤"),
}


def _works_classes(text: str, kind: str) -> set[str]:
    """大型 中型 小一型 小二型 小型 of a reservoir; 主要 一般 of a dike (重点, 重要 are 主要)."""
    found = set()
    for m in _WORKS_CLASSES[kind].finditer(text):
        if kind == "堤":
            found.add("一般" if m["rank"] == "一般" else "主要")
        else:
            found.add(f"{m['size']}{'一' if m['n'] in ('1', '一') else '二' if m['n'] else ''}型")
    return found


def _works_class_state(condition: str, report: str) -> tuple[str, list[str]] | None:
    """A condition on a work of a class (「中型水库出现垮坝险情」, 「主要堤防出现决口」) against the class the report
    gives (or the plan's list of works gives for the one it names: `with_works_classes`): not met for another
    class, open when no class is known (「石鼓岩水库…垮坝险情」 meets neither 中型's nor 小（2）型's criterion
    by its other words); None when the condition names no class or the report's class fits it."""
    for kind in _WORKS_CLASSES:
        asked = _works_classes(condition, kind) if kind in condition else set()
        if not asked:
            continue
        told = _works_classes(report, kind)
        if not told:
            return "open", sorted(asked)
        for wanted in asked:
            if wanted in told or wanted == "小型" and told & {"小一型", "小二型"}:
                continue
            return ("open", [wanted]) if wanted.startswith("小") and "小型" in told else ("not_met", [])
    return None


# environmental plans grade a cut drinking-water source by whom it serves (the folds above name a report's source so)
_WATER_SOURCE = re.compile(r"(乡镇|县级城市|设区的市级以上城市)集中式饮用水水源地")


def _another_water_source(condition: str, report: str) -> bool:
    """「县级城市集中式饮用水水源地取水中断」 is not met by a town's waterworks that stopped drawing water."""
    named = _WATER_SOURCE.search(plan_text(condition).norm)
    reported = set(_WATER_SOURCE.findall(fold_report(report)))
    return bool(named and reported and named[1] not in reported)


# a reservoir named by its own name (「青苔坝水库」), not by its class, place or role (「中型水库」「上游水库」)
_NAMED_RESERVOIR = re.compile(r"(?<![型座个])(?P<name>[\u4e00-\u9fa5]{2,5}?)水库")
_NOT_A_RESERVOIR_NAME = re.compile(r"大型|中型|小型|[上下]游|该|本|各|其他|任一|一座|两座|病险|水库|主要|重点|骨干|附近|周边|的")


def _reservoirs(text: str) -> set[str]:
    """The reservoirs a text names, by the last two characters of their names (a name's start runs into the words
    before it: 「已经进入鹤泾水库」)."""
    return {m["name"][-2:] for m in _NAMED_RESERVOIR.finditer(text) if not _NOT_A_RESERVOIR_NAME.search(m["name"][-2:])}


def _another_reservoir(condition: str, report: str) -> bool:
    """「青苔坝水库出现重大险情」 is not met by a report of a danger at 柴门水库."""
    named, reported = _reservoirs(plan_text(condition).norm), _reservoirs(fold_report(report))
    return bool(named and reported and not named & reported)


# 「区级该启动几级响应？」「要不要启动县里的响应？」: what the report asks is no fact it states
# 「有同志说它可能加强成强热带风暴，建议按Ⅲ级准备」: hearsay, not a fact the report states
_HEARSAY = re.compile(r"(?:(?:有的?同志|有人)(?:说|讲|认为|提出)|听说|据传|据说)[^。；]*")
# 「骖岭县认为这是载客航班，应按运输航空器在围界外坠毁启动Ⅱ级」: someone's argument for a level is no fact (what they
# say happened, 「县里认为圩堤决口应该直接启动Ⅰ级」's 圩堤决口, still is)
_CLAIMED_GRADING = re.compile(r"(?<=认为|觉得|以为|主张|坚持)(?P<said>[^。；;！!？?\n]*?)(?:[，,]?(?:应该|应当|应|该|要|得)"
                              r"(?:按照?|直接|先|照)|[，,]?建议按?)[^。；;！!？?\n]*?(?:[ⅠⅡⅢⅣ一二三四]级|启动|响应)[^。；;！!？?\n]*")
# 「貊峪乡人民政府3时10分报：」: who sends the report and when, no place the event reached (its 「人民政府」 is not the
# 「乡（镇）人民政府驻地」 a bear entered)
_REPORTER = re.compile(r"^[^。；，,：:\n]{2,30}?(?:\d{1,2}\s*(?:时|点|:)\s*\d{0,2}\s*分?)?(?:许|左右)?"
                       r"(?:报|报告|来电|续报|通报|汇总|请示)[：:]")
_ASKED = re.compile(r"[^。！？!?；;，,\n]*(?:几级|哪一?级|什么级别|要不要|是否|是不是|该不该|能不能)[^。！？!?；;，,\n]*[？?]")


# 「2个及以上省大部地区出现大暴雨天气」: a weather's degree over most of an area (「局地大暴雨」 is not), on its ladder
_WIDESPREAD = re.compile(r"(?<!局地)(?<!局部)(?<!个别)(?:大部(?:分)?(?:地区)?|(?:上述|这些|该)(?:地区|地方)|[两二三四五六七八九十\d]+个?省(?:区市|区|市|份)?|普降|大范围)[^，。；;]{0,10}?"
                         r"(?P<w>特大暴雨|大暴雨|暴雨|暴雪|大雪|强浓雾|浓雾|大雾|冰冻)")
_WEATHER_DEGREES = {"暴雨": ("雨", 1), "大暴雨": ("雨", 2), "特大暴雨": ("雨", 3), "大雪": ("雪", 1), "暴雪": ("雪", 2),
                    "大雾": ("雾", 1), "浓雾": ("雾", 2), "强浓雾": ("雾", 3), "冰冻": ("冰", 1)}


# 「区内发生 6 . 0 级以上地震」: an earthquake inside the plan's own area; 「邻县发生６.２级地震…震中距我区区界三十七公里」
# is outside it (a criterion for a quake nearby, 「周边50公里范围内发生…」, grades that one)
_INSIDE = re.compile(r"(?:^|[，,；;])(?:本?(?:区|县|市)(?:域)?内|境内|辖区内|本(?:区|县|市)|行政区域内)[^，,；;]{0,4}?发生[^，,；;]{0,16}?地震")
_OUTSIDE = re.compile(r"(?:邻|相邻|周边|附近|周边的?|外)(?:县|市|区|省)[^，。；]{0,6}?(?:发生|地震)|(?:区|县|市)外[^，。；]{0,6}?发生"
                      r"|震中(?:距|离)[^，。；]{0,6}?(?:区界|县界|市界|边界|边境)")


def epicentre_outside(condition: str, report: str) -> bool:
    """The criterion asks for an earthquake inside the plan's area and the report's struck outside it."""
    return bool(_INSIDE.search(plan_text(condition).norm)) and bool(_OUTSIDE.search(fold_report(report)))


# 「湘江干流Ⅲ级以上堤防发生…险情」: a dike's class bounds the criterion (Ⅰ级 the most important)
_CLASS_BOUND = re.compile(r"(?P<n>[ⅠⅡⅢⅣⅤ])级(?P<q>及以上|以上|及以下|以下)(?:的)?堤防")
_CLASS_STATED = re.compile(r"(?<![\d.])(?P<n>[ⅠⅡⅢⅣⅤ1-5１-５一二三四五])级堤防")  # 「一处5级堤防」「二级堤防」 too
_CLASS_NUMBER = {**{c: i for i, c in enumerate("ⅠⅡⅢⅣⅤ", 1)}, **{c: i for i, c in enumerate("12345", 1)},
                 **{c: i for i, c in enumerate("１２３４５", 1)}, **{c: i for i, c in enumerate("一二三四五", 1)}}


def works_class_outside(condition: str, report: str) -> bool:
    """The criterion bounds a dike's class (「Ⅲ级以上堤防」) and the report's dike is of a class outside it (「一段Ⅳ级
    堤防」): Ⅲ级以上 holds Ⅰ–Ⅲ, Ⅳ级及以下 holds Ⅳ and Ⅴ."""
    bound, stated = _CLASS_BOUND.search(condition), _CLASS_STATED.search(report)
    if bound is None or stated is None:
        return False
    limit, found = _CLASS_NUMBER[bound["n"]], _CLASS_NUMBER[stated["n"]]
    return found > limit if bound["q"].endswith("以上") else found < limit


# 「蘧湖隧道路面积水达 2 0 厘米以上」: a criterion for one named structure; 「任一下穿通道」 names none
_SITE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?P<kind>下穿通道|隧道|立交|大桥|高架桥|铁路桥|桥(?![梁下]))")
_NOT_A_NAME = re.compile(r"^(?:任一|任何|各|所有|全部|所列|上述|附件|下穿|水下|城市|公路|铁路|区内|县内|市内|辖区|其他|同一|该|本|这|那|一座|一处|一条)"
                         r"|(?:的|或者|或|和|及|、|中)$")


def _named_sites(text: str) -> set[str]:
    return {m["name"] + m["kind"] for m in _SITE.finditer(text) if not _NOT_A_NAME.search(m["name"])}


def _sites(condition: str, report: str) -> tuple[set[str], set[str]]:
    """The named structures the criterion names, and those the report names."""
    return _named_sites(plan_text(condition).norm), _named_sites(fold_report(report))


def _any_shared(asked: set[str], reported: set[str]) -> bool:
    return any(a in r or r in a for a in asked for r in reported)


def named_site_elsewhere(condition: str, report: str) -> bool:
    """The criterion is for named structures (「蘧湖隧道路面积水达 2 0 厘米以上」) and the report names others, not
    them (「茺蔚路下穿通道积水二十五公分」): its figure is not that structure's."""
    asked, reported = _sites(condition, report)
    return bool(asked) and bool(reported) and not _any_shared(asked, reported)


# 「Ⅰ类、Ⅱ类放射源丢失、被盗或者失控的」: a criterion for things of a class; 「登记的是Ⅴ类」「五类」 the class reported
_CLASS = re.compile(r"([ⅠⅡⅢⅣⅤ]|(?<![低高同哪这那某任每])[一二三四五](?=类))类")  # 「最低一类」 names none
_CLASS_NUMBER_OF = _CLASS_NUMBER | {c: i + 1 for i, c in enumerate("一二三四五")}


def class_stated(condition: str, report: str) -> tuple[bool, str] | None:
    """None when the criterion names no class (Ⅰ类…Ⅴ类) or the report states none; else whether a class the report
    states is one the criterion names, and the criterion without its classes, for its words to be judged."""
    asked = {_CLASS_NUMBER_OF[m[1]] for m in _CLASS.finditer(condition)}
    stated = {_CLASS_NUMBER_OF[m[1]] for m in _CLASS.finditer(fold_report(report))}
    if not asked or not stated:
        return None
    return bool(asked & stated), re.sub(r"(?:[ⅠⅡⅢⅣⅤ]类[、和或及]?)+", "", condition)


def named_site_reported(condition: str, report: str) -> bool:
    """The report names one of the structures the criterion names (「蒯家桥下穿通道、茺蔚路下穿通道…中任一处」)."""
    return _any_shared(*_sites(condition, report))


def falls_short_of_widespread(condition: str, report: str) -> bool:
    return _widespread_state(condition, report) == "not_met"


def _widespread_state(condition: str, report: str) -> str | None:
    """"not_met" when every option of a criterion (「…；或者…」) asks for a weather over most of an area stronger than
    any the report gives over most of it, in the past or in the forecast as the option asks (「大部地区出现暴雨天气，
    局地大暴雨」 meets no 「大部地区出现大暴雨天气」; a forecast of 大雪 is no 大雪 that fell); None when the criterion
    asks none, or an option is decided by its figures (「将出现15毫米以上暴雪天气」)."""
    folded = fold_report(condition)
    if "大部" not in folded and "上述地区" not in folded:  # 「预计未来 24 小时上述地区仍将出现暴雪天气」: the same area
        return None
    reported: dict[tuple[bool, str], int] = {}
    for forecast, ladder, degree in _widespread(fold_report(report)):
        reported[forecast, ladder] = max(reported.get((forecast, ladder), 0), degree)
    asked = False
    for option in re.split(r"[；;]或者?", folded):
        required = _widespread(option)
        if not required or re.search(r"\d毫米", option):
            return None
        asked = True
        if all(reported.get((forecast, ladder), 0) >= degree for forecast, ladder, degree in required):
            return None
    return "not_met" if asked else None


_FORECAST = re.compile(r"预计|预报|未来|将")


def _widespread(text: str) -> list[tuple[bool, str, int]]:
    """Each weather stated over most of an area: (in a forecast, its ladder, its degree)."""
    found = []
    for m in _WIDESPREAD.finditer(text):
        clause = re.split(r"[。；;，,]", text[:m.end()])[-1]
        found.append((bool(_FORECAST.search(clause)), *_WEATHER_DEGREES[m["w"]]))
    return found


def stated_facts(report: str) -> str:
    """The report without its sender's header, the questions it asks, hearsay, and the arguments someone makes for a
    level (what they say happened stays)."""
    return _CLAIMED_GRADING.sub(r"\g<said>", _HEARSAY.sub("", _ASKED.sub("", _REPORTER.sub("", report))))


def qualitative_state(condition: str, report: str, subject: bool = False) -> tuple[str, list[str]]:
    """("met" | "not_met" | "open", the words still to check) for the words of a condition no threshold
    explains, against the folded report. `subject`: the words name what a threshold is about (「湘江干流衡山站」
    水位超警戒), so the report must name nearly all of them. A hazard label (「台风：…」) is the criterion's hazard,
    checked before the words: 「将有强热带风暴登陆」 needs no 台风 in the report."""
    if hazard_prefix(condition):
        condition = re.sub(r"^[^：:]*[：:]", "", condition, count=1)
    condition = re.sub(r"^\s*[①-⑳]\s*", "", condition)  # an item's circled number is no word of it
    report = stated_facts(report)
    if share := _SHARE_OF_REFERENCE.search(plan_text(condition).norm):
        # 「干滩长度不足设计最小干滩长度的一半」: a figure against a share of a design value, which words never meet
        return "open", [share["what"]]
    if _widespread_state(condition, report) == "not_met" or _short_of_reference(condition, report):
        return "not_met", []
    if _beyond_reference(condition, report):
        return "met", []
    storm = _storm_class_state(condition, report)
    if storm == "not_met":
        return "not_met", []
    if storm == "open":
        return "open", sorted(_storm_classes(condition))
    if storm == "met":
        condition = _STORM_CLASS.sub(" ", plan_text(condition).norm)
    works = _works_class_state(condition, report)
    if works is not None:
        return works
    if _another_water_source(condition, report) or _another_reservoir(condition, report):
        return "not_met", []
    drought = _whole_drought_state(condition, report)
    if drought is not None:
        return drought, [] if drought != "open" else ["全市干旱等级"]
    if copula := _COPULA_SUBJECT.match(condition):
        condition = condition[copula.end():]
        if _an_option_named(condition, fold_report(report)):
            return "met", []
    condition = _members_named(condition, fold_report(report))
    words = content_words(condition if subject else without_quantity_names(condition)) \
        or _unknown_words(condition if subject else without_quantity_names(condition))
    if not words:
        return "met", []
    folded = fold_report(report)
    if subject:  # 「湘江干流衡山站」: the station the report names is on the main stream (a 支流's dike is not)
        words = tuple(w for w in _without_other_members(condition, words, folded) if w != "干流")
    if hazards_in(report) & _WEATHER:
        folded += "。灾害性天气"  # 「各种灾害性天气已对群众生产生活造成…」 is met by a storm the report names
    if _only_possible(condition, folded):
        return "open", [w for w in words if w in fold_report(condition)][:1]
    negated = [w for w in dict.fromkeys(words + content_words(condition)) if _negated(condition, w)]
    if any(_stated(w, folded) for w in negated):
        return "not_met", []  # 「但未发生人员被困」 against 「3辆车被困」
    positive = [w for w in words if w not in negated]
    if negated and not positive:
        # 「但未发生人员中毒」: met when the report denies it (「无人员中毒」), open when it says nothing
        return ("met", []) if any(w in folded for w in negated) else ("open", [])
    # A list of hazard kinds (「滑坡、泥石流、崩塌等地质灾害」) is stated by a report of that hazard in its own
    # words (「边坡滑塌」); a single hazard word (「强台风」) must be stated as such.
    kinds = [w for w in positive if hazard_family(w)]
    reported = hazards_in(report) if len(kinds) >= 2 else set()
    found = [w for w in positive if _stated(w, folded) or (hazard_family(w) or "") in reported]
    if positive and _denied(_event_word(condition, positive[-1]), folded):
        return "not_met", []  # 「一线海堤发生决口」 against 「一线海堤暂时没有决口」: what happens is denied
    residual = fold_report(condition)
    if any(k in residual and k not in folded for k in _INTENSITY):
        return "open", [k for k in _INTENSITY if k in residual]  # 「特大暴雨」 is not met by 「大暴雨」
    if _words_stated(condition, positive, found, folded, subject):
        return "met", []
    if not subject and not negated and (
        _slots_stated(condition, folded) or (not _several_lists(condition) and _one_option_stated(condition, folded))
    ):
        return "met", []
    return "open", [w for w in positive if w not in folded]


# 「预报下游河道控制站将超过历史最大流量或最高水位」 against 「预报…洪峰水位和流量都低于历史最高和历史最大」: the report
# compares with the same reference and falls short of it
_EXCEEDS = re.compile(r"(?<![未不没])(?:超过|超出|突破|达到或超过|高于)[^，。；]{0,4}?(?P<ref>历史最[大高]|保证|警戒|设计|校核)")
# (「离历史最大还差三成」「比历史最高低两米多」: the gap said from the reference)
_FALLS_SHORT = re.compile(r"(?:低于|不超过|不会超过|达不到|未达到|未超过|不到|没超过|没有超过)[^，。；]{0,8}?"
                          r"(?P<ref>历史最[大高]|保证|警戒|设计|校核)"
                          r"|(?:离|距离?|比)(?P<gap>历史最[大高]|保证|警戒|设计|校核)[^，。；]{0,8}?(?:还差|只差|差|低|小)")


def _references(pattern: re.Pattern[str], text: str) -> set[str]:
    # 历史最大 and 历史最高 are one record
    return {(m["ref"] or m.groupdict().get("gap"))[:2] for m in pattern.finditer(text)}


def _short_of_reference(condition: str, report: str) -> bool:
    return bool(_references(_EXCEEDS, condition) & _references(_FALLS_SHORT, report))


# 「预报下游河道控制站将超过历史最大流量或最高水位」 stated by 「预报下游洣水控制站洪峰水位将超过历史最高水位」: a condition
# that says no more than that a gauge's forecast or reading exceeds a reference is met by a report that says so of
# the same reference
_GAUGE_WORDS = re.compile(r"预报|预计|下游|上游|河道|河流|干流|控制站|水文站|站|将|可能|洪峰|水位|流量|或|最高|最大|的|\s")


def _beyond_reference(condition: str, report: str) -> bool:
    rest = _GAUGE_WORDS.sub("", _EXCEEDS.sub("", condition))
    return not rest and bool(_references(_EXCEEDS, condition) & _references(_EXCEEDS, report))


# 「事发船舶为客船、渡船或者载运危险货物的船舶」: the vessel involved is one of the options; a report states it by naming
# one (「渡船“湉渡３号”」), never by the words 「事发船舶」
_COPULA_SUBJECT = re.compile(r"^(?:事发|涉事|肇事|出事|发生事故的)?(?:船舶|船只|车辆|企业|单位|场所|设备|建筑物?)"
                             r"(?:为|是|属于)(?=[^，。；]*(?:、|或))")


# 「不足设计最小干滩长度的 8 0 %」「低于…的一半」: a share of a reference value the report's figure is compared with
_SHARE_OF_REFERENCE = re.compile(r"(?:不足|低于|小于|超过|达到|大于)(?P<what>[^，。；、]{2,16}?)的(?:一半|\d+(?:\.\d+)?%|[二三四五六七八九十]分之[一二三四五六七八九])")


def _an_option_named(options: str, folded_report: str) -> bool:
    """One of the options (「客船、渡船或者载运危险货物的船舶」) stated in full: 「渡船」."""
    return any((words := content_words(o)) and all(_stated(w, folded_report) for w in words)
               for o in _OPTION_BREAK.split(options))


def _without_other_members(condition: str, words: tuple[str, ...], folded_report: str) -> tuple[str, ...]:
    """「湘江干流衡山站、归阳水位超警戒水位」 names two stations: a report on 归阳 need not name 衡山."""
    norm = plan_text(condition).norm
    members = [w for w in words if re.search(rf"{re.escape(w)}站?、|、{re.escape(w)}", norm)]
    if not any(_stated(w, folded_report) for w in members):
        return words
    return tuple(w for w in words if w not in members or _stated(w, folded_report))


def _words_stated(condition: str, positive: list[str], found: list[str], folded_report: str, subject: bool) -> bool:
    """Nearly all of the condition's words are stated, among them what happened (one of its verbs, when no
    number measures it) and where (one of the places it names): 「危险化学品进入墨湖水体」 is not stated by a leak at
    墨湖化工园区, nor by one that entered another river."""
    if not positive or len(found) / len(positive) < (_MIN_SUBJECT_COVERAGE if subject else _MIN_COVERAGE):
        return False
    if subject:
        return True
    tags = {w: t for w, t in _tags(condition).items() if w not in _GENERIC and not _negated(condition, w)}
    # a measured condition's verb (「最低气温下降10℃」) is the threshold's to compare
    verbs = [] if re.search(r"\d", condition) else [w for w, t in tags.items() if t == "v"]
    names = [w for w, t in tags.items() if t in _NAME_TAGS]
    # what is threatened or reached (「火场威胁县城」): a threat to farmland is not one to the county town
    targets = [w for w in positive if w in _TARGETS]
    # jieba's tags are noisy (「澜江干堤」 gives a place 「江干」): one verb and one name stated are enough
    return all(not group or any(_stated(w, folded_report) for w in group) for group in (verbs, names, targets))


_TARGETS = frozenset({"县城", "城区", "市区", "主城区", "中心城区", "建成区", "保护区", "景区", "学校", "医院", "油库",
                      "加油站", "变电站", "水电站", "电站", "村庄", "居民区", "铁路", "高速公路", "机场"})


_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nz"})


@lru_cache(maxsize=4096)
def _tags(condition: str) -> dict[str, str]:
    """The part of speech jieba gives each word of the folded condition (v: a verb, ns/nr/nz: a name)."""
    return {p.word: p.flag for p in jieba.posseg.lcut(fold_report(condition)) if len(p.word) >= 2}


def _several_lists(condition: str) -> bool:
    """「下穿通道、地下车库发生车辆或人员被困」 holds two lists: its pieces between 「、」「或」 are not options."""
    return sum(len(slot) >= 2 for slot in _slot_groups(condition)) >= 2


# A time or place a criterion is limited to (「敏感时期或者重点地区发生一般突发事件并造成人员死亡」): the report must say it
_CIRCUMSTANCE = re.compile(r"敏感(?:时期|时段|节点)|重[点要](?:地区|区域|部位|时段|时期)|重大活动|节假日期间")


def lacks_circumstance(condition: str, report: str) -> bool:
    """The condition holds only at a time or place (敏感时期, 重点地区) the report does not name."""
    named = {m[0] for m in _CIRCUMSTANCE.finditer(condition)}
    return bool(named) and not any(word in report for word in named)


def lacks_intensity(condition: str, report: str) -> bool:
    """The condition states a degree (特大, 严重, 成片 …) that the report does not."""
    residual, folded = fold_report(condition), fold_report(report)
    return any(k in residual and k not in folded for k in _INTENSITY)
