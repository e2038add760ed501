"""Time from referral to start with competing risks: the Aalen–Johansen cumulative incidence.

Many leave the list without starting, so 1 − Kaplan–Meier would overstate the
chance of starting. Start is the event of interest, removal without start the
competing event, and people still waiting at the snapshot date are censored
there. Estimates and standard errors come from statsmodels' ``CumIncidenceRight``.

Input frames hold one row per (group, duration_days, event) with referral_count
referrals: event 1 = started, 2 = removed without start, 0 = still waiting (censored).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd
from statsmodels.duration.survfunc import CumIncidenceRight

EVENT_CENSORED: Final[int] = 0
EVENT_STARTED: Final[int] = 1
EVENT_REMOVED: Final[int] = 2
CURVE_COLUMNS: Final[list[str]] = ["time_days", "started_pct", "started_se_pct", "left_pct", "waiting_pct"]


def cumulative_incidence(events: pd.DataFrame) -> pd.DataFrame:
    """Cumulative incidence of starting and of leaving without starting, at each distinct time.

    started_pct at time t is the estimated chance of having started within t days
    of referral; left_pct of having left the list without starting; waiting_pct =
    100 − both. Percent; started_se_pct is the standard error of started_pct
    (NaN where statsmodels cannot give one: when the last people at risk all leave).

    Args:
        events: duration_days, event and referral_count (see the module docstring).
    """
    counts = events["referral_count"].to_numpy(dtype="int64")
    if counts.sum() == 0:
        return pd.DataFrame(columns=CURVE_COLUMNS, dtype="float64")
    # Frequency weights would give the estimate without its standard error, so expand instead.
    times = np.repeat(events["duration_days"].to_numpy(dtype="float64"), counts)
    status = np.repeat(events["event"].to_numpy(dtype="int64"), counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        fit = CumIncidenceRight(times, status)
    zeros = np.zeros(len(fit.times))
    started = fit.cinc[0] if len(fit.cinc) >= EVENT_STARTED else zeros
    started_se = fit.cinc_se[0] if len(fit.cinc_se) >= EVENT_STARTED else zeros
    left = fit.cinc[1] if len(fit.cinc) >= EVENT_REMOVED else zeros
    return pd.DataFrame({
        "time_days": np.asarray(fit.times, dtype="float64"),
        "started_pct": started * 100,
        "started_se_pct": started_se * 100,
        "left_pct": left * 100,
        "waiting_pct": (1 - started - left) * 100,
    })


def incidence_at_days(curve: pd.DataFrame, days: np.ndarray) -> pd.DataFrame:
    """The step functions of ``cumulative_incidence`` read at ``days`` (one row per day asked).

    Before the first event everything is 0 (and still waiting 100). After the last
    follow-up time the estimate stands only if nobody was left waiting then;
    otherwise it is unknown (NaN).
    """
    asked = np.asarray(days, dtype="float64")
    return pd.DataFrame({"day": asked, **read_at_days(curve, asked)})


def read_at_days(curve: pd.DataFrame, days: np.ndarray) -> dict[str, np.ndarray]:
    """``incidence_at_days`` as arrays by column (started_pct … waiting_pct), without building a frame."""
    asked = np.asarray(days, dtype="float64")
    if curve.empty:
        return {column: np.full(len(asked), np.nan) for column in CURVE_COLUMNS[1:]}
    index = np.searchsorted(curve["time_days"].to_numpy(), asked, side="right") - 1
    known = curve["waiting_pct"].iloc[-1] <= 1e-9
    beyond = (asked > curve["time_days"].iloc[-1]) & (not known)
    values = {}
    for column in CURVE_COLUMNS[1:]:
        series = curve[column].to_numpy()
        before_first = 100.0 if column == "waiting_pct" else 0.0
        read = np.where(index >= 0, series[np.clip(index, 0, None)], before_first)
        values[column] = np.where(beyond, np.nan, read)
    return values


def incidence_curves(events: pd.DataFrame, group: str, *, weeks: int,
                     fits: Mapping[object, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Cumulative incidence by week 0…``weeks`` for each value of ``group``.

    ``fits`` may hold groups' ``cumulative_incidence`` already worked out from the same rows
    (by group value); the others are worked out here.

    Returns:
        One row per group and week: group, week, started_pct, left_pct (percent; NaN
        where the data cannot tell).
    """
    days = np.arange(weeks + 1) * 7
    parts = []
    for value, rows in events.groupby(group, sort=True):
        fit = fits.get(value) if fits is not None else None
        read = incidence_at_days(cumulative_incidence(rows) if fit is None else fit, days)
        parts.append(pd.DataFrame({
            group: value, "week": np.arange(weeks + 1),
            "started_pct": read["started_pct"], "left_pct": read["left_pct"],
        }))
    if not parts:
        return pd.DataFrame(columns=[group, "week", "started_pct", "left_pct"])
    return pd.concat(parts, ignore_index=True)
