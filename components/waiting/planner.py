"""Waiting times page: the what-if capacity planner.

The projection, its words and chart are drawn once per view and planner inputs and
replayed (``components.replay``); the inputs and the data panel are drawn live.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.waiting.start import planner_figure
from components import cache
from components.blocks import chart, data_panel
from components.presentation import is_presenting, page_controls
from components.replay import replayed, shared_data
from components.waiting.page import WaitingView, waiting_data
from metrics.stats.disclosure import shown_count
from metrics.waiting.kpis import P92_WAIT_MEASURE, list_statistic_shown
from metrics.waiting.planner import life_table, monthly_rate
from metrics.waiting.projection import project_waiting_list, projection_verdict
from metrics.waiting.views import planner_table

MODEL_TEXT = (
    "**How the projection works.** It keeps today's pattern of who starts. From referrals made in the "
    "period, a life table gives the chance of starting, and of leaving without starting, in each month of "
    "waiting. Each month a share of those waiting leaves without starting, in that pattern and at the "
    "recent monthly rate of removals; the month's starts — the recent monthly rate plus your extra places — "
    "are shared out in the starting pattern; everyone still waiting gets a month older; and new referrals "
    "join at the recent monthly rate (changed by your percentage). Recent rates are those of the 13 weeks "
    "to the snapshot date. The list meets the target when at least 92% of those waiting have waited no "
    "longer than the target (the NHS standard). It ignores seasons and assumes every place offered is taken "
    "up: a guide to the size of the effort, not a forecast."
)


def _extra_starts(starts_per_month: float) -> float:
    mode = st.radio("Add starts as", ["Extra places a month", "Extra groups a month"], key="waiting_plan_mode",
                    horizontal=True)
    if mode == "Extra places a month":
        return float(st.number_input("Extra places a month (negative: fewer)", min_value=-int(starts_per_month),
                                     max_value=10_000, value=0, step=1, key="waiting_plan_places"))
    groups, size = st.columns(2)
    with groups:
        group_count = st.number_input("Extra groups a month", min_value=0, max_value=500, value=0, step=1,
                                      key="waiting_plan_groups")
    with size:
        group_size = st.number_input("People per group", min_value=1, max_value=40, value=10, step=1,
                                     key="waiting_plan_group_size")
    return float(group_count * group_size)


@shared_data
def recent_totals(view: WaitingView) -> pd.Series | None:
    """Referrals, starts and removals in the 13 weeks to the snapshot (None: too few waiting to project)."""
    waiting = waiting_data(view.filters, view.settings)
    if not list_statistic_shown(waiting.now["waiting_count"]):
        return None
    return waiting.recent[["recent_additions_count", "recent_starts_count", "recent_removals_count"]].sum()


def planner_section(view: WaitingView) -> None:
    """Section 7: project the list 12 months ahead from recent rates and the user's changes."""
    st.subheader("What-if capacity planner")
    totals = recent_totals(view)
    if totals is None:
        st.info("Fewer than 10 people are waiting: too few to project.")
        return
    left, right = page_controls([2, 3])
    with left:
        extra = _extra_starts(monthly_rate(totals["recent_starts_count"]))
        change_pct = st.slider("Change in referrals (%)", min_value=-50, max_value=50, value=0, step=5,
                               key="waiting_plan_referrals")
    with st.container() if is_presenting() else right:
        st.markdown(MODEL_TEXT)
    data_panel(_projection(view, extra, change_pct), key="waiting_planner", file_name="waiting_list_projection.csv")


def projection_for(view: WaitingView, extra: float, change_pct: int) -> pd.DataFrame:
    """The list projected 12 months from recent rates, ``extra`` starts a month and referrals changed by
    ``change_pct`` (``project_waiting_list``), with a ``label`` per month ("Now", "Nov 26", …).

    Only for a list of at least 10 people (``recent_totals`` is not None). Key findings ask for it with
    no change: whether the list will clear at recent rates.
    """
    waiting, target = waiting_data(view.filters, view.settings), view.settings.target_weeks
    totals = recent_totals(view)
    additions, starts, removals = (monthly_rate(totals[name]) for name in totals.index)
    events = cache.load_time_to_start_events(view.scope, view.settings.snapshot, "intervention_code")
    chances = life_table(events.groupby(["duration_days", "event"], as_index=False)["referral_count"].sum())
    projection = project_waiting_list(
        waiting.histogram, chances, additions_per_month=additions * (1 + change_pct / 100),
        starts_per_month=starts + extra, removals_per_month=removals, target_weeks=target)
    snapshot = pd.Timestamp(view.settings.snapshot)
    projection["label"] = ["Now"] + [
        f"{snapshot + pd.DateOffset(months=month):%b %y}" for month in projection["month"].iloc[1:]]
    return projection


@replayed
def _projection(view: WaitingView, extra: float, change_pct: int) -> pd.DataFrame:
    target, totals = view.settings.target_weeks, recent_totals(view)
    projection = projection_for(view, extra, change_pct)
    st.markdown(_rates_text(totals, extra, change_pct) + " "
                + projection_verdict(projection, target_weeks=target, measure=P92_WAIT_MEASURE))
    chart(planner_figure(projection, target_weeks=target, font_px=view.font_px), key="waiting_planner")
    return planner_table(projection, list(projection["label"]))


def _rate(count: int, noun: str) -> str:
    if 0 < count < 5:
        return f"fewer than 5 {noun} in the 13 weeks"
    return f"{monthly_rate(shown_count(count) or 0):,.0f} {noun} a month"  # from the count as shown


def _rates_text(totals: pd.Series, extra: float, change_pct: int) -> str:
    return (f"Recent rates: {_rate(int(totals['recent_additions_count']), 'referrals')}, "
            f"{_rate(int(totals['recent_starts_count']), 'starts')} and "
            f"{_rate(int(totals['recent_removals_count']), 'removals without start')}. "
            f"Your changes: {extra:+,.0f} starts a month, referrals {change_pct:+d}%.")

