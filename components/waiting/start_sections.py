"""Waiting times page section about starting: time to start by group and % started within the target.

Charts and words are drawn once per view and comparison and replayed (``components.replay``);
the picker and data panels are drawn live.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from charts.waiting.start import started_within_figure, time_to_start_figure
from components import cache
from components.blocks import caveat_note, chart, data_panel, scope_labels
from components.presentation import page_controls
from components.replay import replayed, shared_data
from components.url_state import bind
from components.waiting.page import COMPARE_OPTIONS, WaitingView, compare_setting
from metrics.stats.disclosure import format_count
from metrics.waiting.kpis import list_statistic_shown, started_within_note
from metrics.waiting.started_within import OVERALL, below_overall_sentence, started_within_target
from metrics.waiting.time_to_start import cumulative_incidence, incidence_curves
from metrics.waiting.views import started_within_table
from vocabulary.definitions import code_label

CURVE_WEEKS = 52
#: Groups drawn in the time-to-start chart besides all referrals (more lines could not be told apart).
MAX_CURVES = 6
ALL_REFERRALS = "All referrals"


def _group_labels(group: str, names: dict[str, dict[str, str]]) -> dict[str, str]:
    lookup = {"intervention_code": "interventions", "region_code": "regions", "pdu_code": "pdus"}
    return names[lookup[group]] if group in lookup else {}


def _label(code: object, labels: dict[str, str]) -> str:
    return labels.get(str(code)) or code_label(str(code))


@dataclass(frozen=True)
class TimeToStart:
    """What the time-to-start charts draw: curves, % started within the target, and the groups shown."""

    cohorts: pd.Series
    shown: tuple[str, ...]
    curves: pd.DataFrame
    started: pd.DataFrame
    display: dict[str, str]


@shared_data
def time_to_start(view: WaitingView, group: str) -> TimeToStart | None:
    """Time to start across ``group`` for the view (None: too few referrals to estimate it)."""
    target = view.settings.target_weeks
    events = cache.load_time_to_start_events(view.scope, view.settings.snapshot, group)
    if not list_statistic_shown(events["referral_count"].sum()):
        return None
    labels = _group_labels(group, scope_labels())
    cohorts = events.groupby("group")["referral_count"].sum()
    shown = cohorts[cohorts.apply(list_statistic_shown).astype(bool)].index
    drawn_groups = cohorts[shown].nlargest(MAX_CURVES).index
    # Each group's cumulative incidence is worked out once, for the chart's lines and the % started within.
    fits = {code: cumulative_incidence(rows) for code, rows in events.groupby("group", sort=True)}
    overall_fit = cumulative_incidence(events)
    curves = incidence_curves(
        pd.concat([events.assign(group=ALL_REFERRALS), events[events["group"].isin(drawn_groups)]]), "group",
        weeks=max(CURVE_WEEKS, target), fits={**fits, ALL_REFERRALS: overall_fit})
    curves["name"] = [ALL_REFERRALS if code == ALL_REFERRALS else _label(code, labels) for code in curves["group"]]
    started = started_within_target(events, "group", target_weeks=target, fits=fits, overall_fit=overall_fit)
    display = {code: _label(code, labels) for code in started["group"]} | {OVERALL: OVERALL}
    return TimeToStart(cohorts, tuple(shown), curves, started, display)


@replayed
def _curves_chart(view: WaitingView, group: str) -> pd.DataFrame | None:
    found = time_to_start(view, group)
    if found is None:
        st.info("Fewer than 10 referrals for these filters were made in the period up to the snapshot date: too few "
                "to estimate time to start.")
        return None
    chart(time_to_start_figure(found.curves, target_weeks=view.settings.target_weeks, overall=ALL_REFERRALS,
                               font_px=view.font_px), key="waiting_time_to_start",
          caption="Referrals made in the period up to the snapshot date, followed to the snapshot date. "
                  f"Lines stop where the data cannot yet tell. Lines are drawn for the {MAX_CURVES} largest (never for "
                  "fewer than 10 referrals); every one is in the chart and table below.")
    return found.curves[["name", "week", "started_pct", "left_pct"]].round(1).rename(columns={
        "name": COMPARE_OPTIONS[group], "week": "Weeks since referral",
        "started_pct": "Started (%)", "left_pct": "Left without starting (%)"})


@replayed
def _started_within_chart(view: WaitingView, group: str) -> pd.DataFrame:
    found, target = time_to_start(view, group), view.settings.target_weeks
    started = found.started
    caveat_note(started_within_note(target, view.settings.snapshot))  # names the figure and its population
    drawn = started[started["group"].isin(found.shown) & started["value_pct"].notna()].assign(
        name=lambda rows: [found.display[code] for code in rows["group"]])
    chart(started_within_figure(drawn, target_weeks=target, font_px=view.font_px), key="waiting_started_within")
    return started_within_table(started, found.display, heading=COMPARE_OPTIONS[group])


@replayed
def _started_within_words(view: WaitingView, group: str) -> None:
    found = time_to_start(view, group)
    st.markdown(f"**{below_overall_sentence(found.started[found.started['group'].isin(found.shown)], found.display)}**")
    if group in ("intervention_code", "region_code"):
        return
    unknown = int(found.cohorts.get("unknown", 0))
    caveat_note(f"{format_count(unknown)} referrals in the period have an unknown {COMPARE_OPTIONS[group].lower()}; they are "
                "shown as 'Unknown' and included in the overall value." if unknown >= 5 or unknown == 0 else
                f"Fewer than 5 referrals in the period have an unknown {COMPARE_OPTIONS[group].lower()}.")


def time_to_start_section(view: WaitingView) -> None:
    """Section 5: cumulative chance of starting (and of leaving) by week, and % started within the target."""
    st.subheader("Time to start")
    compare_setting()
    column, _ = page_controls([2, 5])
    with column:
        st.selectbox("Compare across", options=list(COMPARE_OPTIONS), format_func=COMPARE_OPTIONS.__getitem__,
                     **bind("page_compare"))
    group = st.session_state["page_compare"]
    curves = _curves_chart(view, group)
    if curves is None:
        return
    data_panel(curves, key="waiting_time_to_start", file_name="time_to_start.csv")
    data_panel(_started_within_chart(view, group), key="waiting_started_within", file_name="started_within_target.csv")
    _started_within_words(view, group)
