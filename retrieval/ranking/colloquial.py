"""Everyday words a user types, and the terms laws and plans use for the same thing.

Staff ask 「厂里发劳保用品吗」 and the law says 「生产经营单位…劳动防护用品」: neither BM25 nor a small embedding
model links the two, and the missing nouns make a right clause look irrelevant to the not-found signal. The
formal terms are added to the lexical query, and a colloquial word counts as found when a clause holds one of
its formal terms. Keys are at least two characters (a single character such as 车 occurs inside too many words).
"""

from __future__ import annotations

FORMAL_TERMS: dict[str, tuple[str, ...]] = {
    # who
    "厂里": ("生产经营单位",),
    "工厂": ("生产经营单位",),
    "公司": ("生产经营单位", "单位"),
    "企业": ("生产经营单位",),
    "员工": ("从业人员", "职工"),
    "工人": ("从业人员", "职工"),
    "实习生": ("实习学生",),
    "职校": ("职业学校",),
    "领导": ("负责人",),
    "老百姓": ("公民", "群众"),
    "居委会": ("居民委员会",),
    "初中生": ("未成年人", "学生"),
    "小学生": ("未成年人", "学生"),
    "中学生": ("未成年人", "学生"),
    "志愿队": ("应急救援队伍", "志愿者"),
    "村委会": ("村民委员会",),
    "社区": ("居民委员会", "社区"),
    "厂长": ("主要负责人",),
    "值班员": ("值班人员",),
    "老板": ("主要负责人",),
    # who decides: 「Ⅲ级响应谁拍板启动」 where the plan says 「由副总指挥决定启动」
    "拍板": ("决定",),
    "说了算": ("决定",),
    # what
    "劳保用品": ("劳动防护用品",),
    "劳保": ("劳动防护",),
    "安责险": ("安全生产责任保险",),
    "意外险": ("人身意外伤害保险",),
    "危化品": ("危险化学品",),
    "演唱会": ("大型群众性活动",),
    "音乐节": ("大型群众性活动",),
    "庙会": ("大型群众性活动",),
    "灯会": ("大型群众性活动",),
    "马拉松": ("大型群众性活动",),
    "承办方": ("承办者", "承办单位"),
    "主办方": ("承办者", "主办单位"),
    "山火": ("森林火灾",),
    "谣言": ("虚假信息",),
    "造谣": ("编造", "虚假信息"),
    # 「网上有人编消息说水库要垮了，群里到处转」
    "编消息": ("编造", "虚假信息"),
    "假消息": ("虚假信息",),
    "到处转": ("传播",),
    "乱转": ("传播",),
    "救灾款": ("救灾资金", "救灾款物"),
    # (blind dev batch 37: a short name of a profession, equipment as the law classes it)
    "注安师": ("注册安全工程师",),
    "灭火装置": ("消防产品",),
    "灭火器材": ("消防产品", "消防器材"),
    # doing
    "抽烟": ("吸烟",),
    "瞒着": ("瞒报", "隐瞒"),
    "不上报": ("迟报", "漏报", "瞒报"),
    "捐的": ("捐赠",),
    "捐了": ("捐赠",),
    "对外公开": ("公布",),
    "扣工资": ("降低其工资",),
    "挡水": ("阻水", "阻碍行洪"),
    "封路": ("交通管制",),
    "演习": ("演练",),
    "罚钱": ("罚款",),
    "拿去卖": ("销售",),
    # 「让企业买他推荐的那个牌子」「收了点审查费」: a brand named, and a fee taken
    "牌子": ("品牌", "指定品牌"),
    "收费": ("收取费用",),
    "收钱": ("收取费用",),
    "审查费": ("收取费用",),
    # 「拖着不赔钱」「伤者家属能怎么办」: compensation owed and refused, and who is owed it
    "赔钱": ("赔偿",),
    "不赔": ("赔偿", "赔偿义务"),
    "拖着不": ("拒不",),
    "伤者": ("受害人", "伤员"),
    # whether something is allowed: a law says what one 不得 do
    "合规吗": ("不得", "禁止"),
    "违规吗": ("不得", "禁止"),
    "违法吗": ("不得", "禁止"),
    # what comes first: 「第一步干什么」「先干什么」 where a plan says 先期处置 or 立即
    "第一步": ("先期处置", "立即"),
    "马上": ("立即",),
    "出了事": ("突发事件发生", "事故发生"),
    "出事": ("突发事件发生", "事故发生"),
    "判了刑": ("刑事处罚", "刑事责任"),
    "判刑": ("刑事处罚", "刑事责任"),
    "坐牢": ("刑事处罚", "刑事责任"),  # 「事发单位自己马上要做哪些事」: what a unit must do 立即
    "事发单位": ("单位", "事发单位"),
    "头一件事": ("先期处置", "立即"),
    # 「涉嫌犯罪的负责人跑了…谁去追」: fled and caught, as the law says it
    "跑了": ("逃匿", "逃逸"),
    "逃跑": ("逃匿", "逃逸"),
    "去追": ("追捕",),
    # 「县里仓库的不够用了先找谁要」: short of, and applied for
    "不够用": ("不足",),
    "找谁要": ("申请",),
    "调物资": ("调拨", "调用"),
    "先干什么": ("先期处置", "立即"),
    "多久能到": ("到场", "赶赴现场"),
    "多久到": ("到场", "赶赴现场"),
    # 「值班员脱岗被发现了怎么处理」 where the rules say 「值班人员不在岗的…予以通报」
    "脱岗": ("不在岗", "离岗"),
    "溜号": ("不在岗", "离岗"),
    # 「有什么权力」 where the law says 「有权…」
    "权力": ("有权",),
    "权限": ("有权",),
    "处置权": ("有权",),
    # abbreviations officers use: 「防指」 for the flood-control headquarters a law calls 「防汛指挥机构」
    "防指": ("防汛指挥机构", "防汛抗旱指挥部"),
    "森防指": ("森林防灭火指挥部", "森林草原防灭火指挥部"),
    # 「临时调来的车辆设备，汛后怎么办」 where the law says 「调用的…交通运输工具…在汛期结束后应当及时归还」
    "车辆": ("车辆", "交通运输工具"),
    "汛后": ("汛期结束后", "汛期结束"),
    # 「叫有专门手艺的市民来帮忙…进场所查东西、贴封条」 where the law says 「要求具有特定专长的人员提供服务」「进入相关场所进行检查和封存物品」
    "手艺": ("专长", "技能"),
    "贴封条": ("封存", "查封"),
    "封条": ("封存", "查封"),
    "查东西": ("检查",),
    "来帮忙": ("协助", "参加"),
    # how a grading is asked: 「分几级」 where the text says 「分为…」
    "分几级": ("分为", "划分"),
    "分几个等级": ("分为", "划分"),
    "几个等级": ("分为", "划分"),
    "分几类": ("分为", "划分"),
    # 「突发事件分成几类」 where the plan's heading says 「分类分级」 and its text 「主要包括」
    "分成几类": ("分类", "分为", "包括"),
    "哪几类": ("分类", "包括"),
    "分成几级": ("分为", "划分"),
    # 「新冒出来的行业…归哪个部门…说不清楚怎么定」 where the law says 「新兴行业、领域…职责不明确的…确定监督管理部门」
    "新冒出来": ("新兴",),
    "新出现": ("新兴",),
    "说不清楚": ("不明确",),
    "说不清": ("不明确",),
    "归哪个部门": ("监督管理部门", "监督管理职责"),
    "归谁管": ("监督管理部门", "监督管理职责"),
}


def formal_terms(query: str) -> dict[str, tuple[str, ...]]:
    """The colloquial words of a query, each with the formal terms documents use for it; the longest word wins
    (劳保用品, not also 劳保)."""
    found = [word for word in FORMAL_TERMS if word in query]
    return {word: FORMAL_TERMS[word] for word in found if not any(word != other and word in other for other in found)}
