"""The console in a real browser (headless Debian Chromium driven by Playwright) against the real API and
Streamlit servers: sign in, ask on 法规问答 and open a citation's passage, open an incident on 值班台, tick
an item, reload and still see it ticked; each page is screenshotted into test-artifacts/e2e/.

PLANASSIST_UPDATE_SCREENSHOTS=1 also copies the screenshots to docs/screenshots/ (the README shows them).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
REPO = Path(__file__).resolve().parents[2]
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"
TIMEOUT = 60_000
ATTEMPT_TIMEOUT = 10_000  # one try at a widget a re-render may reset; see choose_when_idle

pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT)  # the first answers load models on the API side
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, e2e_console):
    context = browser.new_context(viewport={"width": 1400, "height": 1500}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(e2e_console)
    yield page
    context.close()


def sign_in(page, key: str, who: str) -> None:
    from playwright.sync_api import expect

    field = page.get_by_label("访问密钥", exact=True)
    expect(field).to_have_count(1)  # after 退出登录 the old field stays on the page until the new one replaces it
    field.fill(key)
    field.press("Enter")
    expect(page.get_by_text(f"当前用户：{who}")).to_be_visible()
    # The console remembers the key in a session cookie written by the page after the run; navigating before
    # that write lands would start the next page without it (seen under a loaded CI machine).
    page.wait_for_function(f"document.cookie.includes('planassist_key={key}')", timeout=TIMEOUT)


def go(page, title: str) -> None:
    from playwright.sync_api import expect

    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    expect(page.get_by_role("heading", name=title).first).to_be_visible()


def idle(page) -> None:
    """Wait until the console is connected and its script run has ended, as Streamlit marks on its root element.
    The running indicator in the corner appears only after a delay, so its absence proves nothing early in a run
    (a picker opened then was closed by the rest of the run, on a loaded machine)."""
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]"
                           "[data-test-script-state=notRunning]", timeout=TIMEOUT)


def settled(page) -> None:
    """Wait until the console has finished its run and every image, chart and font has loaded: state, never a
    fixed time."""
    idle(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.fonts.status === 'loaded' && "
                           "[...document.images].every(image => image.complete)")


def fill_when_idle(page, field, text: str) -> None:
    """Type into a widget only once the console's run has finished: a field filled while Streamlit is still
    re-rendering the page can be replaced by a fresh copy holding the old value (seen on a loaded CI machine)."""
    from playwright.sync_api import expect

    idle(page)
    field.fill(text)
    expect(field).to_have_value(text)


def choose_when_idle(page, picker, typed: str, option_name: str) -> None:
    """Pick a selectbox option by typing part of it, once the console's run has finished. A list opened during a
    run is closed by the rest of it, so the typing goes nowhere or the option is gone before the click; pressing
    Enter before the list has filtered picks whatever option is first (all seen on a loaded machine). So each
    attempt waits for the run to end, opens and filters, waits for the filtered option and clicks it; an attempt
    that loses the list is closed and made again, until the overall timeout. The caller waits for what the
    choice shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    option = page.get_by_role("option", name=re.compile(option_name))
    deadline = time.monotonic() + TIMEOUT / 1000
    while True:
        idle(page)
        picker.click()
        page.keyboard.type(typed)
        try:
            expect(option).to_have_count(1, timeout=ATTEMPT_TIMEOUT)
            option.click(timeout=ATTEMPT_TIMEOUT)
            return
        except (AssertionError, PlaywrightTimeout) as lost:
            shown = page.get_by_role("option").all_inner_texts()
            if time.monotonic() > deadline:
                raise AssertionError(f"no option {option_name!r} to click after typing {typed!r}; "
                                     f"the list shows {shown}") from lost
            page.keyboard.press("Escape")


def shoot(page, artifacts: Path, name: str) -> None:
    settled(page)
    page.screenshot(path=artifacts / f"{name}.png")
    if os.environ.get("PLANASSIST_UPDATE_SCREENSHOTS"):
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(artifacts / f"{name}.png", DOCS_SCREENSHOTS / f"{name}.png")


def test_a_duty_officer_asks_opens_a_citation_and_works_an_incident(page, e2e_library, e2e_api, artifacts):
    from playwright.sync_api import expect

    _, keys = e2e_library
    expect(page.get_by_role("heading", name="登录")).to_be_visible()  # a sign-in screen, not an HTTP lesson
    expect(page.get_by_text("请输入管理员发给您的访问密钥")).to_be_visible()
    expect(page.get_by_text("Authorization")).to_have_count(0)
    shoot(page, artifacts, "sign-in")
    sign_in(page, keys["zhang"], "zhang（值班员）")
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("值班台", exact=True)).to_be_visible()
    expect(nav.get_by_text("演练出题", exact=True)).to_have_count(0)

    # 法规问答: a streamed answer with [n] markers and its sources; a source opens the passage
    go(page, "法规问答")
    chat = page.get_by_placeholder("请输入关于法规、预案的问题")
    chat.fill("地震发生后多长时间内报告灾情？")
    chat.press("Enter")
    expect(page.locator("a.cite-marker").first).to_be_visible()
    # the lead and the grouped evidence come first; the sources are one click away
    sources = page.get_by_test_id("stExpander").filter(has_text=re.compile(r"依据 \(\d+\)")).last
    sources.locator("summary").click()
    source = sources.locator("button", has_text=re.compile(r"\[1\] 《示例区地震应急预案》"))
    expect(source).to_be_visible()
    shoot(page, artifacts, "chat")
    quote = sources.locator("mark").first.inner_text()
    idle(page)  # a click that lands while the answer's run is still re-rendering the page is dropped (loaded CI machine)
    source.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("引用原文已高亮标出")).to_be_visible()
    marked = dialog.locator("mark").first
    expect(marked).to_be_visible()
    assert quote.strip()[:10] in dialog.inner_text()
    expect(dialog.get_by_test_id("stImage")).to_be_visible()  # the PDF page itself
    shoot(page, artifacts, "passage")
    page.keyboard.press("Escape")

    # 预案查询
    go(page, "预案查询")
    page.get_by_label("查询内容").fill("防汛Ⅱ级响应由谁启动")
    page.get_by_label("查询内容").press("Enter")
    # the answer (its sources folded away) above the hits: a hit shows the clause's locator
    expect(page.get_by_text("4.1 响应分级与启动条件").filter(visible=True).first).to_be_visible()
    shoot(page, artifacts, "search")

    # 值班台: open an incident, tick an item, reload, still ticked
    go(page, "值班台")
    page.get_by_label("灾种").click()
    page.keyboard.type("防汛")
    page.keyboard.press("Enter")
    page.get_by_label("地点").fill("示例区河西街道")
    page.get_by_label("事件情况").fill("24小时降雨量230毫米，主要河道水位超过保证水位并持续上涨，已转移群众1200人。")
    page.get_by_role("button", name="启动处置").click()
    expect(page.get_by_role("heading", name=re.compile(r"^#\d+ 防汛 · 示例区河西街道"))).to_be_visible()
    first_item = page.get_by_test_id("stMain").get_by_test_id("stCheckbox").first
    first_item.click()
    expect(page.get_by_text(re.compile(r"^✔ zhang 于 "))).to_be_visible()
    expect(first_item.locator("input")).to_be_checked()
    shoot(page, artifacts, "desk")
    assert "incident=" in page.url

    page.wait_for_function("document.cookie.includes('planassist_key=')")  # remembered for this browser session
    page.reload()
    expect(page.get_by_text("当前用户：zhang（值班员）")).to_be_visible()  # the key survives the reload
    expect(page.get_by_text(re.compile(r"^✔ zhang 于 "))).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_test_id("stCheckbox").first.locator("input")).to_be_checked()

    # close the incident, so that the desk of the next test starts with none open
    incident = re.search(r"incident=(\d+)", page.url)[1]
    closed = httpx.post(f"{e2e_api}/v1/incidents/{incident}/close", json={},
                        headers={"Authorization": f"Bearer {keys['zhang']}"}, timeout=60)
    assert closed.status_code == 200, closed.text


def _fresh_page(browser, url: str):
    """A new browser context (no cookies, a new console session) on the console."""
    context = browser.new_context(viewport={"width": 1400, "height": 1500}, locale="zh-CN")
    new = context.new_page()
    new.set_default_timeout(TIMEOUT)
    new.goto(url)
    return new


def test_each_role_sees_its_pages(page, browser, e2e_console, e2e_library, artifacts):
    from playwright.sync_api import expect

    _, keys = e2e_library
    nav = page.get_by_test_id("stSidebarNav")
    sign_in(page, keys["wang"], "wang（培训员）")
    expect(nav.get_by_text("值班台", exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name="演练出题")).to_be_visible()  # a trainer starts on the drill builder
    page.get_by_label("主题", exact=True).fill("信息报告")
    page.get_by_role("button", name="生成试卷").click()
    expect(page.get_by_role("button", name="交卷评分")).to_be_visible()
    page.locator("[data-testid=stRadio] [role=radiogroup] label").first.click()
    page.get_by_role("button", name="交卷评分").click()
    expect(page.get_by_text("得分")).to_be_visible()
    page.mouse.move(700, 700)
    page.mouse.wheel(0, 1000)  # down to the score and the explanations
    shoot(page, artifacts, "drill")

    go(page, "评测")
    if (REPO / "evals" / "results" / "retrieval.json").exists():
        expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    else:
        expect(page.get_by_text("尚无评测结果")).to_be_visible()
    shoot(page, artifacts, "evaluation")

    page = _fresh_page(browser, e2e_console)  # each role in its own browser session
    nav = page.get_by_test_id("stSidebarNav")
    sign_in(page, keys["chen"], "chen（管理员）")
    go(page, "文档库")
    page.get_by_text("文档结构").click()
    choose_when_idle(page, page.get_by_label("选择文档"), "地震", "示例区地震应急预案")
    expect(page.get_by_text("4.2.3 续报 · p.4").first).to_be_visible()
    expect(page.get_by_text("上传文档")).to_be_visible()
    shoot(page, artifacts, "library")

    page = _fresh_page(browser, e2e_console)
    nav = page.get_by_test_id("stSidebarNav")
    sign_in(page, keys["li"], "li（工作人员）")
    for hidden in ("值班台", "演练出题"):
        expect(nav.get_by_text(hidden, exact=True)).to_have_count(0)
    go(page, "文档库")
    expect(page.get_by_text("上传和删除文档仅限管理员。")).to_be_visible()
    page.goto(f"{e2e_console}/desk")  # a staff member follows a link to the duty desk
    expect(page.get_by_text("「值班台」仅限")).to_be_visible()
    expect(page.get_by_role("heading", name="预案查询")).to_be_visible()
    shoot(page, artifacts, "forbidden-page")


def test_switching_users_in_one_tab_keeps_the_new_key(page, e2e_library):
    from playwright.sync_api import expect

    _, keys = e2e_library
    sign_in(page, keys["wang"], "wang（培训员）")
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    sign_in(page, keys["chen"], "chen（管理员）")
    go(page, "文档库")
    expect(page.get_by_text("上传文档")).to_be_visible()


def test_a_trainer_runs_a_whole_tabletop_exercise(page, e2e_library, artifacts):
    """Build an exercise, record two teams' responses to two injects, finish it, read the report, export it."""
    from playwright.sync_api import expect

    _, keys = e2e_library
    sign_in(page, keys["wang"], "wang（培训员）")
    go(page, "桌面推演")
    page.get_by_label("灾种", exact=True).click()
    page.keyboard.type("防汛")
    page.keyboard.press("Enter")
    page.get_by_label("地点", exact=True).fill("示例区河西街道")
    page.get_by_role("button", name="生成推演").click()
    expect(page.get_by_text(re.compile(r"^情景1：接报")).first).to_be_visible()
    expect(page.get_by_text(re.compile(r"^情景2：")).first).to_be_visible()

    answers = ["事发地街道30分钟内电话报告区防指办公室，1小时内书面报告", "区防指办公室签发蓝色预警并通过短信和广播发布"]
    for inject, (team, text) in enumerate(zip(("河西街道组", "区防指办公室组"), answers, strict=True)):
        fill_when_idle(page, page.get_by_label("小组", exact=True).nth(inject), team)
        fill_when_idle(page, page.get_by_label("用时（分钟）").nth(inject), "20")
        fill_when_idle(page, page.get_by_label("小组响应").nth(inject), text)
        page.get_by_role("button", name="记录响应").nth(inject).click()
        expect(page.get_by_text(text).first).to_be_visible()
    shoot(page, artifacts, "exercise")

    page.get_by_role("button", name="结束推演并生成评估报告").click()
    expect(page.get_by_role("heading", name="评估报告")).to_be_visible()
    expect(page.get_by_text("整改措施")).to_be_visible()
    expect(page.get_by_role("button", name="记录响应")).to_have_count(0)  # a finished exercise is read-only
    with page.expect_download() as download:
        page.get_by_role("button", name="导出推演报告（DOCX）").click()
    path = artifacts / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".docx" and path.read_bytes()[:2] == b"PK"


def open_new_incident_form(page) -> None:
    """The 接报新事件 form is folded away while an incident is open (an earlier test may have left one)."""
    from playwright.sync_api import expect

    form = page.get_by_test_id("stExpander").filter(has_text="接报新事件").first
    expect(form).to_be_visible()
    if form.locator("details").get_attribute("open") is None:
        form.locator("summary").click()
    expect(page.get_by_label("灾种")).to_be_visible()


def test_editing_a_fact_changes_the_level_and_the_checklist(page, e2e_library, artifacts):
    """值班台 on the sample flood plan: facts as an officer writes them give Ⅱ级 and its duties; editing one fact
    gives Ⅳ级, and the checklist holds Ⅳ级's duties instead."""
    from playwright.sync_api import expect

    sign_in(page, e2e_library[1]["zhang"], "zhang（值班员）")
    go(page, "值班台")
    open_new_incident_form(page)
    page.get_by_label("灾种").click()
    page.keyboard.type("防汛")
    page.keyboard.press("Enter")
    page.get_by_label("地点").fill("示例区清水河沿岸")
    page.get_by_label("事件情况", exact=True).fill("清水河示例站水位超过警戒水位0.6米，仍在上涨，暂无人员伤亡。")
    page.get_by_role("button", name="启动处置").click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_test_id("stMetricValue").first).to_have_text("Ⅱ级应急响应")
    expect(main.get_by_text("设立现场指挥部", exact=False).first).to_be_visible()

    fill_when_idle(page, page.get_by_label("事件情况（报告原文）"), "清水河示例站水位超过警戒水位0.1米，仍在上涨，暂无人员伤亡。")
    page.get_by_role("button", name="更新事实并重新研判").click()
    expect(main.get_by_test_id("stMetricValue").first).to_have_text("Ⅳ级应急响应")
    expect(main.get_by_text("启动排水泵站预排预降", exact=False).first).to_be_visible()
    expect(main.get_by_text("设立现场指挥部", exact=False)).to_have_count(0)
    shoot(page, artifacts, "desk-regrade")
