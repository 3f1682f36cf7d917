"""Structure detection on real laws, plans and reports, and on the shapes a plan's headings take."""

from __future__ import annotations

import re

import pytest

from retrieval.loaders import load
from retrieval.models import Block
from retrieval.ranking.numerals import cn_to_int, int_to_cn
from retrieval.structure import is_toc_line, parse_sections


def _blocks(*lines: str) -> list[Block]:
    return [Block(text=line) for line in lines]


@pytest.mark.parametrize(
    ("text", "value"), [("一", 1), ("十", 10), ("十七", 17), ("二十", 20), ("一百零六", 106), ("一百一十九", 119),
                        ("一百二十", 120), ("两千零一", 2001), ("17", 17)],
)
def test_chinese_numerals_round_trip(text, value):
    assert cn_to_int(text) == value
    if not text.isdigit() and "两" not in text:
        assert int_to_cn(value) == text


@pytest.mark.corpus
def test_every_article_of_every_law_is_found_exactly_once(shared_corpus):
    for path in sorted((shared_corpus / "regulations").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        numbers = [cn_to_int(n) for n in re.findall(r"^(?:\*\*)?第([一二三四五六七八九十百零]+)条", text, re.M)]
        articles = [s for s in parse_sections(load(path).blocks) if s.kind == "条"]
        found = [cn_to_int(s.number[1:-1]) for s in articles]
        assert found == list(range(1, max(numbers) + 1)), path.name


@pytest.mark.corpus
def test_article_counts_of_named_laws(shared_corpus):
    expected = {"中华人民共和国突发事件应对法(2024修订).md": 106, "中华人民共和国安全生产法(2021修正).md": 119}
    for name, count in expected.items():
        sections = parse_sections(load(shared_corpus / "regulations" / name).blocks)
        assert sum(s.kind == "条" for s in sections) == count


@pytest.mark.corpus
def test_law_locators_carry_chapter_and_article(shared_corpus):
    sections = parse_sections(load(shared_corpus / "regulations" / "中华人民共和国突发事件应对法(2024修订).md").blocks)
    article = next(s for s in sections if s.number == "第十七条")
    assert article.locator == "第二章 第十七条"
    assert article.text.startswith("第十七条")
    assert article.heading_path[0].startswith("第二章")


@pytest.mark.corpus
def test_table_of_contents_yields_no_sections(shared_corpus):
    path = shared_corpus / "plans" / "衡阳市防汛抗旱应急预案.md"
    sections = parse_sections(load(path).blocks)
    assert not [s for s in sections if is_toc_line(s.title) or re.search(r"\.\.|\d+$", s.title)]
    first_chapter = [s for s in sections if s.heading_path and s.heading_path[0].startswith("1 ")]
    assert first_chapter and first_chapter[0].heading_path[0] == "1 总则"
    levels = [s.locator for s in sections if re.match(r"5\.[4-7] ", s.heading_path[1] if len(s.heading_path) > 1
                                                       else "")]
    assert any(loc.startswith("5.6.1") for loc in levels)


@pytest.mark.corpus
def test_report_outline_headings(shared_corpus):
    sections = parse_sections(load(shared_corpus / "reviews" / "河南郑州“7·20”特大暴雨灾害调查报告.md").blocks)
    locators = [s.locator for s in sections]
    assert any(loc.startswith("二、 （二）应急响应严重滞后") for loc in locators)
    assert any(loc.startswith("四、 （一）") for loc in locators)
    assert not any(loc.startswith("1 ") for loc in locators), "a list item inside an outline became a chapter"


def test_cross_references_are_not_headings():
    sections = parse_sections(_blocks(
        "第一章 总则", "第一条 为了规范应急工作，制定本规定。", "第二条 本规定适用于示例区。",
        "第二十条规定的情形除外。", "第三条 依照本规定", "第五条的要求执行。",
    ))
    assert [s.number for s in sections if s.kind == "条"] == ["第一条", "第二条", "第三条"]
    assert "第二十条规定的情形除外。" in sections[-2].text


def test_items_inside_an_article_stay_in_the_article():
    sections = parse_sections(_blocks(
        "第一条 值班人员应当：", "（一）坚守岗位；", "（二）及时报告；", "1.接报后登记；", "第二条 附则。",
    ))
    assert [s.number for s in sections] == ["第一条", "第二条"]
    assert "（二）及时报告；" in sections[0].text


def test_dotted_plan_headings_with_full_width_digits_and_trailing_dots():
    sections = parse_sections(_blocks(
        "１ 总则", "１.１ 编制目的", "为了做好防汛工作。", "1.2. 适用范围", "本预案适用于示例区。", "2 组织体系",
        "2.1 指挥部", "区防指负责全区防汛工作，降雨量2.5毫米以上时加强值守。", "4.2.3 信息报告", "不连续的编号不是标题。",
    ))
    locators = [s.locator for s in sections]
    assert locators == ["1.1 编制目的", "1.2 适用范围", "2.1 指挥部"]
    assert "4.2.3 信息报告" in sections[-1].text


def test_outline_headings_nest_and_run_in_titles():
    sections = parse_sections(_blocks(
        "一、事件经过", "6月18日降雨。", "二、存在的主要问题", "（一）预警叫应不到位。部分街道未及时转移群众。",
        "（二）信息报送迟缓", "首报超时40分钟。",
    ))
    by_locator = {s.locator: s for s in sections}
    assert "二、 （一）预警叫应不到位" in by_locator
    assert by_locator["二、 （一）预警叫应不到位"].text.startswith("（一）预警叫应不到位。")
    assert by_locator["二、 （二）信息报送迟缓"].heading_path == ["二、存在的主要问题", "（二）信息报送迟缓"]


def test_a_table_of_contents_led_by_another_mark_yields_no_sections():
    """18 dev plans led their contents with ﹍ ⋯ ⁛ 。 and the like; each entry became a chapter of its own, empty."""
    sections = parse_sections(_blocks(
        "目录", "一、总则﹍﹍﹍﹍﹍﹍1", "二、应急响应﹍﹍﹍﹍﹍5", "一、总则", "（一）编制目的", "为了规范处置，制定本预案。",
        "二、应急响应", "（一）Ⅳ级响应", "区应急局组织会商。",
    ))
    assert not [s for s in sections if "﹍" in s.locator]
    assert "区应急局组织会商。" in {s.locator: s for s in sections}["二、 （一）Ⅳ级响应"].text


@pytest.mark.parametrize(
    "line", ["1.1 编制目的…………3", "1.总则.. 7", "7.9 资金保障. 66", "一、灾害情况及主要特点... .. 3", "2.1 概况   12",
             # OCR and word processors lead with any mark repeated: each of these became a heading of its own
             "六、响应调整与结束﹍﹍﹍﹍﹍﹍13", "五、应急响应措施。。。。。。8", "四、响应分级和启动⁛⁛⁛⁛⁛⁛6", "一、总则 ⋯⋯⋯⋯ 3"],
)
def test_toc_lines_are_recognised(line):
    assert is_toc_line(line)


@pytest.mark.parametrize("line", ["1.1 编制目的", "4.2.3 信息报告", "一、事件经过", "第十七条 水位超过2.5",
                                  "（三）死亡3人以上的；", "| 等级 | 条件 |"])
def test_headings_are_not_toc_lines(line):
    assert not is_toc_line(line)


def test_a_chapter_s_sections_numbered_after_it_open_though_earlier_chapters_used_outlines():
    """A plan converted from PDF with bold chapter lines: 「第一章 总则」 with 一、二、, then 「第四章 监测预警」 with 4.1,
    4.2 (the dev plan 琅屿 lost every section of chapters 4 and 5, and with them its termination duties)."""
    sections = parse_sections(_blocks("第一章　总则", "一、编制目的", "为了规范处置，制定本预案。", "第四章　监测预警",
                                      "4.1 监测", "运营单位实时监测。", "4.2 预警", "预警由市指挥部办公室发布。",
                                      "第五章　应急响应", "5.1 先期处置", "运营单位先行处置。", "5.2 响应终止",
                                      "由原启动响应的机构决定终止响应。"))
    assert [s.locator for s in sections] == ["第一章 一、编制目的", "第四章 4.1 监测", "第四章 4.2 预警",
                                             "第五章 5.1 先期处置", "第五章 5.2 响应终止"]


def test_a_bare_table_of_contents_is_no_outline_though_the_body_spells_a_chapter_differently():
    """Blind batch 16 (泓安): a contents list of bare chapter lines whose last the body writes 「丨第八章 附则」 (an OCR'd
    bar) made 「第八章 附则」 the first heading, and every later chapter (第一章…) was taken for a step back."""
    sections = parse_sections(_blocks(
        "目　录", "第一章 总则", "第二章 组织指挥体系", "第三章 应急响应", "第四章 附则", "附件1 重点水库名录",
        "第一章 总则", "1.1 编制目的", "做好本市水旱灾害的防范和应对。",
        "第二章 组织指挥体系", "2.1 市防汛抗旱指挥部", "市人民政府设立市防指。",
        "第三章 应急响应", "3.1 Ⅳ级应急响应行动", "市防办主任主持会商。",
        "丨第四章 附则", "4.1 本预案由市防办负责解释。",
    ))
    paths = [s.heading_path for s in sections if s.blocks]
    assert ["第三章 应急响应", "3.1 Ⅳ级应急响应行动"] in paths, paths
    assert not any(p and p[0] == "第四章 附则" and "1.1" in " ".join(p) for p in paths), paths


def test_table_rows_numbered_as_chapters_are_no_table_of_contents():
    sections = parse_sections(_blocks(
        "1 总则", "本预案适用于本县。", "2 应急响应", "2.1 Ⅳ级响应", "启动Ⅳ级响应后，执行下表所列任务。",
        "序号 | 工作任务 | 牵头单位", "1 | 总指挥主持会商 | 县指挥部", "2 | 成立现场指挥部 | 县指挥部",
        "3 | 指定定点救治医院 | 县卫生健康局", "2.2 Ⅲ级响应", "启动Ⅲ级响应后，增加下表所列任务。",
    ))
    assert any(s.heading_path[-1:] == ["2.2 Ⅲ级响应"] for s in sections), [s.heading_path for s in sections]
