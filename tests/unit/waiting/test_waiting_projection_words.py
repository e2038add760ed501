"""The planner's sentence names the measure the chart draws against the target, with its value (issue 17)."""

from __future__ import annotations

import pandas as pd

from charts.waiting.start import planner_figure
from metrics.waiting.kpis import P92_WAIT_MEASURE
from metrics.waiting.projection import projection_verdict


def _projection(p92_weeks: list[float], target_weeks: int = 12) -> pd.DataFrame:
    months = list(range(len(p92_weeks)))
    return pd.DataFrame({
        "month": months, "label": ["Now"] + [f"M{month}" for month in months[1:]],
        "waiting_count": [100.0] * len(months), "median_wait_weeks": [5.0] * len(months),
        "p92_wait_weeks": p92_weeks, "meets_target": [weeks <= target_weeks for weeks in p92_weeks]})


def test_missed_names_the_measure_and_its_last_value():
    words = projection_verdict(_projection([20.0, 16.0, 13.04]), target_weeks=12, measure=P92_WAIT_MEASURE)
    assert words == ("**At these rates the list does not meet the 12-week target within 2 months** "
                     "(in M2: 92% have waited at most 13.0 weeks).")


def test_met_later_names_the_month_and_its_value():
    words = projection_verdict(_projection([20.0, 14.0, 11.96, 10.0]), target_weeks=12, measure=P92_WAIT_MEASURE)
    assert words == ("**At these rates the list meets the 12-week target in M2** "
                     "(month 2: 92% have waited at most 12.0 weeks).")


def test_already_met_and_nobody_waiting():
    assert projection_verdict(_projection([12.0, 11.0]), target_weeks=12, measure=P92_WAIT_MEASURE) == (
        "**The list already meets the 12-week target** (now: 92% have waited at most 12.0 weeks).")
    empty = _projection([float("nan"), float("nan")]).assign(meets_target=True)
    assert "(now: nobody waiting)" in projection_verdict(empty, target_weeks=12, measure=P92_WAIT_MEASURE)


def test_the_value_in_the_sentence_is_the_point_the_chart_draws():
    projection = _projection([20.0, 16.0, 13.04])
    drawn = [trace for trace in planner_figure(projection, target_weeks=12).data if trace.yaxis == "y2"]
    words = projection_verdict(projection, target_weeks=12, measure=P92_WAIT_MEASURE)
    assert drawn[0].name == P92_WAIT_MEASURE and P92_WAIT_MEASURE in words
    assert f"{drawn[0].y[-1]:.1f} weeks" in words
