"""Wording of reports and questions read as people write them: people swept away by a flood, the version in force
said inside a plan's name, and whether an older version still holds."""

from __future__ import annotations

from retrieval.models import DocType, DocumentInfo
from retrieval.plan.facts import fact_values
from retrieval.ranking.query import absent_versions, named_titles


def test_people_swept_away_are_missing_until_found():
    assert fact_values("山洪冲走两个人，一个下午在下游被救起来了，另一个还没找到")["失踪"] == 1
    assert fact_values("3人被洪水冲走，目前下落不明")["失踪"] == 3
    assert fact_values("冲走两人，一人获救，一人失踪")["失踪"] == 1, "the stated missing count stands"
    assert fact_values("山洪冲走3人，已找到1人遇难，还有2人在找") == {"失踪": 2.0, "死亡": 1.0}


def test_the_version_in_force_said_inside_a_plans_name_is_no_other_title():
    titles = named_titles("示例区现在这版防汛预案哪天起施行的？")
    assert "示例区防汛预案" in titles and not any("这版" in t for t in titles)


def test_asking_whether_an_older_version_still_holds_is_answered_by_the_held_one():
    held = [DocumentInfo(doc_id="p", title="示例区防汛应急预案", doc_type=DocType.PLAN, source_path="p.md",
                         content_hash="p", status="indexed", chunk_count=1, ingested_at="2026-12-05", year=2025)]
    assert absent_versions("2021年那版示例区防汛应急预案还管用吗？", held) == []
    assert absent_versions("2021年那版示例区防汛应急预案第三条怎么写的？", held) == ["示例区防汛应急预案（2021年版）"]


def test_a_two_character_county_that_jieba_cuts_in_two_is_a_place():
    from retrieval.ranking.query import named_places

    assert named_places("潇水道县水文站今早6时水位超警戒1.6米") == ["道县"]
    assert named_places("县里知道了，区里也知道了") == []


def test_a_county_without_its_suffix_before_its_county_seat_reservoir_area_or_scenic_spot_is_a_place():
    from retrieval.ranking.query import named_places

    # an autonomous county goes by its first name (秀山土家族苗族自治县 → 秀山), named once however often it is told
    assert named_places("高速秀山段光缆被挖断，秀山县城信号全断") == ["秀山"]
    assert named_places("丹江口水库淅川库区水位超汛限1.8米") == ["淅川"]
    # jieba takes 乐清 for a person's name: before a mountain it names is still the county
    assert named_places("乐清雁荡山灵峰景区上游溪水暴涨") == ["乐清"]
    assert named_places("景区上游溪水暴涨，游客被困") == []


def test_a_county_without_its_suffix_before_an_office_or_its_river_or_before_an_industrial_park_is_a_place():
    """Blind batches 26–28: 「根河林业局」 (jieba takes 根河 for a common noun), 「布尔津河」, 「泉港石化工业园区」."""
    from retrieval.ranking.query import named_places

    assert named_places("根河林业局防火指挥中心转金河林场瞭望员报告：雷击起火") == ["根河"]
    assert named_places("布尔津河上游融雪，冲乎尔水文站流量猛涨") == ["布尔津"]
    assert named_places("泉港石化工业园区公共管廊蒸汽管道爆裂") == ["泉港石化工业园区"]
    # a two-character name before 河 is as often the river's own name
    assert named_places("龙潭河上游暴雨诱发泥石流，堵断河道") == []


def test_a_county_level_city_whose_suffix_jieba_cuts_off_is_a_place():
    """Blind batch 23: 「盘州市辖区一处煤矿」 is cut 盘州 / 市辖区; the place is 盘州市 (a city no document covers)."""
    from retrieval.ranking.query import named_places

    assert named_places("网格员上报：盘州市辖区一处煤矿井下发生煤与瓦斯突出") == ["盘州市"]
    assert named_places("市区一处积水，县城停电") == []
    assert named_places("台风将严重影响我市常宁、耒阳、祁东等南部县市") == []  # 「南部 / 县市」 is no 南部县


def test_an_english_question_names_a_document_by_its_title_not_by_a_common_noun():
    """「a Beijing plant manager: which safety rules must…」 names no 北京规定; 「the Beijing Work Safety Regulations」
    names a Beijing 条例 (held)."""
    from retrieval.ranking.places import english_titles

    question = ("Checklist for a Beijing plant manager: which safety rules must the principal person in charge "
                "enforce under the Beijing Work Safety Regulations?")
    assert english_titles(question) == ["北京条例"]
    assert english_titles("What does the Sichuan provincial geological disaster emergency plan say?") == ["四川预案"]
    # blind dev ans-2091: a place an English question writes in Chinese, with its level
    assert english_titles("What levels does the 珽东 provincial blood-supply emergency plan define?") == ["珽东省预案"]
    assert english_titles("Under the 琯州 municipal blood-supply plan, who decides?") == ["琯州市预案"]
    assert english_titles("Which 琯州 county towns hold blood stocks?") == []  # no document named


def test_an_enterprise_s_own_plan_is_a_title_the_library_may_lack():
    """Blind batch 23: 「硐冈矿业有限公司给磉塘沟尾矿库自己编的溃坝现场处置方案」 names a company's own plan (not held: a
    quiz on it is refused, naming it); a question about enterprises' plans in general names none."""
    assert named_titles("硐冈矿业有限公司给磉塘沟尾矿库自己编的溃坝现场处置方案，给班组出几道题") == ["硐冈矿业有限公司溃坝现场处置方案"]
    assert named_titles("公司自己编的应急预案要不要备案？") == []
    # blind batch 35 (ans-1952) and ans-1776: an owner named down to its street, a ski resort's own procedure
    assert named_titles("按庠州市廨城区庠北街道自己的房屋安全突发事件应急预案，街道要做什么") == [
        "庠州市廨城区庠北街道房屋安全突发事件应急预案"]
    assert named_titles("霭峰滑雪场自己的雪道雪崩现场处置方案里，巡逻队要做什么") == ["霭峰滑雪场雪道雪崩现场处置方案"]
    # blind batch 39 (ans-2126): a named site's own procedure, without 「自己」; a site's plan in general names none
    assert named_titles("埙州埴湾生活垃圾焚烧发电厂的停炉应急处置规程里，全厂停炉后运行班组要做哪些操作？") == [
        "埙州埴湾生活垃圾焚烧发电厂停炉应急处置规程"]
    assert named_titles("加油站的应急预案要多久演练一次？") == []
    assert named_titles("某化工厂的应急处置方案要报哪里备案？") == []


def test_a_share_a_plan_grades_is_computed_from_the_two_figures_a_report_gives():
    from retrieval.plan.facts import comparable_values

    drought = comparable_values(fact_values("全市农作物受旱面积五十八万亩，播种面积八百一十二万亩；山区农村因旱饮水困难二万六千人"))
    assert drought["受旱面积比例"] == 7.14
    water = comparable_values(fact_values("中心城区日需水量七十五万吨，目前日供水能力五十七万吨，缺口十八万吨"))
    assert water["缺水率"] == 24.0
    supply = comparable_values(fact_values("城区日需水量四十万吨，日供水能力只有三十万吨"))
    assert supply["缺水率"] == 25.0
    stated = comparable_values(fact_values("受旱面积五十八万亩，占播种面积的百分之九，缺水率不到百分之三"))
    assert stated["受旱面积比例"] == 9 and stated["缺水率"] < 3, "a share the report states stands"


def test_drought_figures_as_a_bureau_reports_them():
    """Blind dev batch 33 on 衡阳: 「全市农作物播种面积…」 named no base the share knew, 「其中…三县市合计六十一万亩」 replaced
    the city's 九十六万亩, and each county's 饮水困难 count was one of many rather than summed."""
    from retrieval.plan.facts import comparable_values

    sown = comparable_values(fact_values("全市农作物播种面积五百一十二万亩，受旱面积九十六万亩，其中祁东、衡南、常宁三县市合计六十一万亩。"))
    assert sown["受旱面积比例"] == 18.75
    people = fact_values("山区农村因旱饮水困难人口，祁东县五万六千人，衡南县四万一千人，常宁市两万九千人，其他县市区还没报上来。")
    assert people["饮水困难人口"] == 126000


def test_a_winds_force_in_chinese_numerals_is_a_force_and_a_level_in_them_is_none():
    assert fact_values("北风五级、阵风六到七级") == {"风力": 5.0, "阵风": 6.0}
    assert fact_values("风力达到八级") == {"风力": 8.0}
    assert fact_values("县里已启动一级响应，三级以上堤防全线巡查") == {}


def test_clock_times_told_in_words_measure_a_span_and_a_decimal_in_words_stays_a_number():
    assert fact_values("下午两点零五分起火，到两点四十七明火扑灭")["时长"] == 0.7
    assert fact_values("早上八点五十起火，到十一点二十才恢复")["时长"] == 2.5
    assert fact_values("晚上9点起火，到10点半扑灭")["时长"] == 1.5
    assert fact_values("水位从一点五米涨到两点三米") == {"水位": 2.3}


def test_people_counted_by_group_are_summed_and_a_group_is_no_person():
    """Blind answers batch 25: 「六个大人、四个小孩自己出不来」 traps 10 people (it was read as 4), 「两个村民组分别有三百二十人和
    二百零五人受威胁」 threatens 525 (it was read as 2: the two groups counted as people)."""
    assert fact_values("堵在车上的有六个大人、四个小孩，自己出不来")["被困人员"] == 10
    assert fact_values("两个村民组分别有三百二十人和二百零五人受威胁")["受威胁人数"] == 525
    assert fact_values("两个村民组525人受威胁")["受威胁人数"] == 525
    assert fact_values("三个村民被困")["被困人员"] == 3


def test_a_loss_in_wan_said_without_yuan_is_money():
    assert fact_values("估算直接经济损失四百六十万，暂时没人伤亡")["直接经济损失"] == 4_600_000
    assert fact_values("直接经济损失约1.2亿元")["直接经济损失"] == 120_000_000


def test_degrees_followed_by_a_word_of_heat_are_degrees_celsius():
    """Blind dev batch 32 (inc-3122): 「三省出现三十七度以上高温，…有成片四十到四十一度」 gave no temperature."""
    assert fact_values("三省出现三十七度以上高温")["最高气温"] == 37
    assert fact_values("河南北部有成片四十到四十一度")["成片高温"] == 40
    assert fact_values("地震烈度七度以上") == {}


def test_an_english_report_declares_a_level_as_officers_write_it():
    from retrieval.plan.declared import declared_level

    assert declared_level("Jiezhou has just started a Level Ⅱ cyber response after ransomware hit a system.") == (2, "")
    assert declared_level("The Level III response was activated at 14:20.") == (3, "")
    assert declared_level("Suizhou has just moved up to a Level II response for the fuel-supply disruption.") == (2, "")
    assert declared_level("Does this meet the Level II criteria?") is None


def test_an_english_law_title_is_the_held_law_its_words_translate_to():
    from retrieval.ranking.query import absent_english_acts

    held = [DocumentInfo(doc_id="q", title="中华人民共和国防震减灾法", doc_type=DocType.REGULATION, source_path="q.md",
                         content_hash="q", status="indexed", chunk_count=1, ingested_at="2026-12-06")]
    assert absent_english_acts("Under the Earthquake Prevention and Disaster Mitigation Law, who draws the map?", held) == []
    assert absent_english_acts("Under the Mine Safety Law, who inspects the shafts?", held) == ["Mine Safety Law"]
    # blind dev ans-2092: the Blood Donation Law is 献血法, which no held title is
    assert absent_english_acts("Under the Blood Donation Law, how long must a donor wait?", held) == ["Blood Donation Law"]


def test_an_organisations_own_plan_named_without_brackets_is_a_title():
    """Blind batches 26 and 27: an airport's, a water group's and a tunnel company's own plans, never held."""
    assert named_titles("示例国际机场自己的应急救援预案里，集结待命那一档机场消防干什么？") == ["示例国际机场应急救援预案"]
    assert named_titles("示例水务集团自己的供水调度控制系统网络安全事件现场处置方案里，调度员要做哪几件事？") == [
        "示例水务集团供水调度控制系统网络安全事件现场处置方案"]
    assert named_titles("示例隧道运营有限公司自己那份隧道火灾现场处置方案，出几道题") == ["示例隧道运营有限公司隧道火灾现场处置方案"]
    # batch 29: a bank's own liquidity plan
    assert named_titles("示例银行自己的流动性应急预案里，网点挤提以后要做哪几步？") == ["示例银行流动性应急预案"]
    # batch 30: an oil depot's own wharf procedure
    assert named_titles("示例油库自己的油品码头现场处置方案里，软管破裂以后班长要做哪几步？") == ["示例油库油品码头现场处置方案"]
