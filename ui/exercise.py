"""One tabletop exercise in the page: its injects in time order (message, level, discussion questions, the
expected actions with each team's verdict), a form per inject to record a team's response, the finish button,
then the evaluation report and the DOCX export."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.components import show_error, show_sources
from ui.highlight import escape
from ui.i18n import t

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
VERDICT_ICONS = {"covered": ":green[:material/check_circle:]", "late": ":orange[:material/schedule:]",
                 "missed": ":red[:material/cancel:]"}


def show_exercise(api: ApiClient, exercise: dict[str, Any]) -> None:
    payload = exercise["answer"]["payload"]
    running = exercise["status"] == "running"
    st.subheader(f"#{exercise['id']} {exercise['title']}")
    st.caption(t("exercise_meta", plan=payload["plan_title"], start=payload["start"],
                 status=t(f"exercise_status_{exercise['status']}")))
    with st.expander(t("exercise_objectives")):
        st.markdown("\n".join(f"- {escape(o)}" for o in payload.get("objectives", [])), unsafe_allow_html=True)
    for inject in payload["injects"]:
        show_inject(api, exercise, inject, running)
    if running:
        if st.button(t("exercise_finish"), key=f"exercise_finish_{exercise['id']}", type="primary",
                     icon=":material/flag:"):
            try:
                api.finish_exercise(exercise["id"])
                st.rerun()
            except ApiError as error:
                show_error(error)
    else:
        show_report(exercise)
    st.download_button(t("exercise_export"), lambda: api.export_exercise(exercise["id"]),
                       f"桌面推演{exercise['id']}.docx", mime=DOCX, key=f"exercise_docx_{exercise['id']}",
                       icon=":material/description:", on_click="ignore")
    show_sources(exercise["answer"].get("citations", []), f"exercise{exercise['id']}", expanded=False)


def show_inject(api: ApiClient, exercise: dict[str, Any], inject: dict[str, Any], running: bool) -> None:
    index = inject["index"]
    scores = [s for s in exercise["scores"] if s["inject"] == index]
    with st.container(border=True):
        st.markdown(f"**{escape(t('exercise_inject', n=index + 1, stage=inject['stage'], time=inject['time']))}**",
                    unsafe_allow_html=True)
        st.markdown(escape(inject["message"]), unsafe_allow_html=True)
        if inject.get("facts") is not None:
            label = inject.get("level_label") or t("exercise_level_open")
            st.caption(escape(t("exercise_level", label=label)) + " · " + escape(inject.get("level_reason", "")),
                       unsafe_allow_html=True)
        st.markdown(f"*{t('exercise_questions')}*\n" + "\n".join(f"- {escape(q)}" for q in inject["questions"]),
                    unsafe_allow_html=True)
        with st.expander(t("exercise_expected")):
            for i, action in enumerate(inject["expected_actions"]):
                verdicts = " ".join(f"{VERDICT_ICONS[s['verdict']]} {escape(s['team'])}" for s in scores
                                    if s["action"] == i)
                extra = "；".join(p for p in ("、".join(action["lead_units"]), action.get("deadline") or "") if p)
                st.markdown(f"{i + 1}. {escape(action['action'])}" + (f"（{escape(extra)}）" if extra else "")
                            + f" **\\[{action['citation']}\\]** {verdicts}", unsafe_allow_html=True)
        responses = [r for r in exercise["responses_given"] if r["inject"] == index]
        if responses:
            st.markdown(f"*{t('exercise_responses')}*\n" + "\n".join(
                f"- **{escape(r['team'])}**：{escape(r['text'])}" for r in responses), unsafe_allow_html=True)
        if running:
            response_form(api, exercise["id"], index)


def response_form(api: ApiClient, exercise_id: int, index: int) -> None:
    with st.form(f"exercise_form_{exercise_id}_{index}", clear_on_submit=True):
        team_col, minutes_col = st.columns([3, 1])
        team = team_col.text_input(t("exercise_team"), key=f"exercise_team_{exercise_id}_{index}", max_chars=100)
        minutes = minutes_col.number_input(t("exercise_minutes"), min_value=0, max_value=100000, value=None,
                                           key=f"exercise_minutes_{exercise_id}_{index}")
        text = st.text_area(t("exercise_response"), key=f"exercise_text_{exercise_id}_{index}", max_chars=4000,
                            height=80)
        if st.form_submit_button(t("exercise_record"), key=f"exercise_record_{exercise_id}_{index}"):
            if not team.strip() or not text.strip():
                st.warning(t("exercise_need_text"))
                return
            try:
                api.add_exercise_response(exercise_id, index, team.strip(), text.strip(),
                                          int(minutes) if minutes is not None else None)
                st.rerun()
            except ApiError as error:
                show_error(error)


def show_report(exercise: dict[str, Any]) -> None:
    report = exercise.get("report")
    if not report:
        return
    st.subheader(t("exercise_report"))
    st.markdown(f"**{t('exercise_indicators')}**")
    st.dataframe([{
        t("col_indicator"): i["title"], t("col_score"): i["score"], t("col_rating"): i["rating"],
        t("col_covered"): i["covered"], t("col_late"): i["late"], t("col_missed"): i["missed"],
    } for i in report["indicators"]], hide_index=True, key=f"exercise_indicators_{exercise['id']}")
    for title, lines in ((t("exercise_covered"), report["covered"]), (t("exercise_missed"), report["missed"]),
                         (t("exercise_unclear"), [f"{u['issue']}：{u['text']}[{u['citation']}]"
                                                  for u in report["unclear"]])):
        with st.expander(f"{title}（{len(lines)}）", expanded=title == t("exercise_missed")):
            st.markdown("\n".join(f"- {escape(line)}" for line in lines) or t("exercise_nothing"),
                        unsafe_allow_html=True)
    st.markdown(f"**{t('exercise_fixes')}**")
    st.dataframe([{t("col_action"): c["action"], t("col_owner"): c["owner"], t("col_due"): c["due"]}
                  for c in report["corrective_actions"]], hide_index=True, key=f"exercise_fixes_{exercise['id']}")
