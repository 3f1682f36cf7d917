"""桌面推演 through AppTest against the real API: build an exercise, record a team's response to an inject,
finish it and read the evaluation report."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_an_exercise_is_built_answered_and_finished_with_its_report(app):
    page = app.switch_page("views/exercise.py").run()
    assert not page.exception, page.exception
    page.selectbox(key="exercise_hazard").set_value("防汛")
    page.text_input(key="exercise_place").input("河西街道")
    page.button(key="exercise_submit").click().run()
    assert not page.exception, page.exception
    exercise_id = page.session_state["exercise"]
    assert any("接报" in m.value for m in page.markdown)
    page.text_input(key=f"exercise_team_{exercise_id}_0").input("甲组")
    page.text_area(key=f"exercise_text_{exercise_id}_0").input("区水务局30分钟内向区防汛指挥部报告险情和灾情")
    page.button(key=f"exercise_record_{exercise_id}_0").click().run()
    assert not page.exception, page.exception
    assert any("甲组" in m.value for m in page.markdown)
    page.button(key=f"exercise_finish_{exercise_id}").click().run()
    assert not page.exception, page.exception
    assert any(s.value == "评估报告" for s in page.subheader)
    indicators = page.dataframe[0].value
    assert list(indicators.iloc[:, 0]) == ["预案执行", "指挥协调", "信息报告及时性", "资源保障"]
