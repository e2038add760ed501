"""The finding from the Waiting times page: the programme list against the target, its trend, and
whether it will clear. Inputs are the page's headline summary and its planner's projection."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import pandas as pd

from metrics.comparison.indicators import Indicator
from metrics.findings.model import DESCRIBED, Finding
from metrics.findings.wording import count_text
from metrics.stats.disclosure import format_percent
from metrics.stats.trend import NO_CHANGE, recent_trend
from metrics.waiting.kpis import NOT_CLEARING, format_clearance, format_weeks, list_statistic_shown
from metrics.waiting.projection import first_month_meeting_target


def area_trend(values: pd.DataFrame, item: Indicator, *, area_type: str, area_code: str) -> str:
    """An area's recent trend on an indicator in words: the PDU comparisons page's test (Fingertips'
    chi-square test for trend at 99.8% over the five most recent quarters) on the area's own counts.

    ``values``: the page's indicator values for every area and window (window 0 the period, windows
    1 onwards its quarters, oldest first).
    """
    rows = values[(values["area_type"] == area_type) & (values["area_code"] == area_code) & (values["window"] >= 1)]
    rows = rows.sort_values("window")
    return recent_trend(rows["numerator"].to_numpy("float64"), rows["denominator"].to_numpy("float64"),
                        kind=item.kind, polarity=item.polarity, min_denominator=item.min_denominator)


def trend_clause(trend: str | None) -> str:
    """The recent trend of the share within the target (the PDU comparisons page's test), as a clause."""
    if not trend or trend.startswith("Not tested"):
        return ""
    if trend == NO_CHANGE:
        return "; the share within the target shows no significant change over the last five quarters"
    return f"; the share within the target is {trend.lower()} (significant over the last five quarters)"


def outlook_clause(summary: Mapping[str, float], projection: pd.DataFrame | None, *, target_weeks: int) -> str:
    """Whether the list will clear: clearance time, then the planner's verdict at recent rates."""
    clearance = format_clearance(summary["clearance_time_weeks"], summary["waiting_count"])
    parts = ["nobody started in the last 13 weeks, so the list is not clearing" if clearance == NOT_CLEARING
             else f"at the recent rate of starts it would take {clearance} weeks to clear"]
    if projection is not None and len(projection):
        if projection["meets_target"].iloc[0]:
            parts.append("it already meets the target")
        elif (month := first_month_meeting_target(projection)) is None:
            parts.append(f"at recent rates it would not meet the {target_weeks}-week target within a year")
        else:
            label = projection.loc[projection["month"] == month, "label"].iloc[0]
            parts.append(f"at recent rates it would meet the target in {label}")
    return " and ".join(parts)


def waits_finding(summary: Mapping[str, float], *, category_label: str, snapshot: dt.date, target_weeks: int,
                  trend: str | None, projection: pd.DataFrame | None) -> Finding | None:
    """The waiting list at the snapshot date against the target, its trend and whether it will clear.

    Args:
        summary: the page's headline summary (``wait_summary`` with ``clearance_time_weeks``).
        category_label: what the list is for, e.g. "Accredited programmes".
        snapshot: the snapshot date.
        target_weeks: the target in weeks.
        trend: the recent trend of the share within the target in words, or None when not tested.
        projection: the planner's projection at recent rates with no change (``project_waiting_list``
            with a ``label`` per month), or None.

    Returns:
        None when fewer than 10 people wait (the list's statistics are not shown).
    """
    waiting = summary["waiting_count"]
    if not list_statistic_shown(waiting):
        return None
    within = format_percent(summary["within_target_pct"], waiting, numerator=summary["within_target_count"])
    median = format_weeks(summary["median_wait_weeks"], waiting)
    share = (f"{within} had waited no longer than the {target_weeks}-week target" if within.endswith("%")
             else f"the share within the {target_weeks}-week target is not shown (too few either side of it)")
    sentence = (f"{category_label}: {count_text(waiting)} people were waiting on {snapshot:%-d %b %Y}; "
                f"{share} and the median wait was {median} weeks{trend_clause(trend)}; "
                f"{outlook_clause(summary, projection, target_weeks=target_weeks)}.")
    beyond = waiting - summary["within_target_count"]
    return Finding("waits", sentence, int(beyond) if math.isfinite(beyond) else 0, DESCRIBED, "waiting")
