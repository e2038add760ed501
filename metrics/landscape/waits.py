"""Current waits beside availability: who is waiting for what, and where an alternative exists.

The waiting list and its median are the Waiting times page's measures
(``metrics.waiting.snapshot``): people waiting at T = min(period end, data as
of), median of wait days ÷ 7 by linear interpolation. Here they are summarised
per intervention (and area) and a median is shown only when at least
``MIN_DENOMINATOR_FOR_PERCENT`` people wait, so a small list cannot be read off it.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import numpy as np
import pandas as pd

from metrics.stats.disclosure import format_count
from metrics.waiting.snapshot import wait_summary_by
from vocabulary.definitions import DEFAULT_WAIT_TARGET_WEEKS, MIN_DENOMINATOR_FOR_PERCENT

PROGRAMME_CATEGORIES: Final[tuple[str, ...]] = ("accredited_programme",)
#: Categories offered as an alternative while programme waits are long.
ALTERNATIVE_CATEGORIES: Final[tuple[str, ...]] = ("structured_intervention", "commissioned_rehabilitative_service")


def snapshot_date(period_end: dt.date, data_as_of: dt.date) -> dt.date:
    """The waiting-list date T: the period's end, or the data date when that is earlier."""
    return min(period_end, data_as_of)


def current_waits(histogram: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Waiting list and median wait per group of ``by``.

    ``histogram`` has ``by`` columns, wait_days and waiting_count. Returns one
    row per group with anybody waiting, sorted by group: waiting_count (people)
    and median_wait_weeks (the Waiting times page's median from
    ``wait_summary_by``; NaN when fewer than MIN_DENOMINATOR_FOR_PERCENT wait: suppressed).
    """
    columns = [*by, "waiting_count", "median_wait_weeks"]
    keyed, labels = _coded(histogram, by)
    summary = wait_summary_by(keyed, by, target_weeks=DEFAULT_WAIT_TARGET_WEEKS)
    if summary.empty:
        return pd.DataFrame(columns=columns)
    for column, values in labels.items():
        summary[column] = values.take(summary[column].to_numpy())
    shown = summary["waiting_count"] >= MIN_DENOMINATOR_FOR_PERCENT
    return summary.assign(median_wait_weeks=summary["median_wait_weeks"].where(shown))[columns]


def _coded(histogram: pd.DataFrame, by: list[str]) -> tuple[pd.DataFrame, dict[str, pd.Index]]:
    """``histogram`` with its text ``by`` columns as integer codes in sorted order of the text (rows with a
    missing key dropped, as a group-by drops them), and each column's values by code. Grouping by codes
    gives the same groups in the same order as grouping by the text, several times faster (Arrow strings)."""
    labels: dict[str, pd.Index] = {}
    keyed = {}
    for column in by:
        if pd.api.types.is_integer_dtype(histogram[column]):
            keyed[column] = histogram[column].to_numpy()
        else:
            keyed[column], labels[column] = histogram[column].factorize(sort=True)
    frame = pd.DataFrame({**keyed, "wait_days": histogram["wait_days"].to_numpy(),
                          "waiting_count": histogram["waiting_count"].to_numpy()})
    if labels:
        frame = frame[(frame[list(labels)].to_numpy() >= 0).all(axis=1)]
    return frame, labels


def wait_phrase(waiting_count: float, median_wait_weeks: float) -> str:
    """A short description of a list for hover text, with disclosure control applied."""
    if not waiting_count or pd.isna(waiting_count):
        return "nobody waiting"
    if pd.isna(median_wait_weeks):
        return f"{format_count(waiting_count)} waiting, median not shown (under {MIN_DENOMINATOR_FOR_PERCENT})"
    return f"{format_count(waiting_count)} waiting, median {median_wait_weeks:.1f} weeks"


def _unit_waits(cells: pd.DataFrame, waits: pd.DataFrame, unit: str) -> pd.DataFrame:
    """One row per cell and intervention it offers, with that intervention's wait in the unit."""
    offered = cells[["need_code", unit, "intervention_codes"]].explode("intervention_codes")
    offered = offered.dropna().rename(columns={"intervention_codes": "intervention_code"})
    return offered.merge(waits, on=[unit, "intervention_code"], how="left")


def cell_details(
    cells: pd.DataFrame,
    waits: pd.DataFrame,
    interventions: pd.DataFrame,
    *,
    unit: str,
    long_wait_weeks: float = DEFAULT_WAIT_TARGET_WEEKS,
) -> pd.DataFrame:
    """Hover text and the long-programme-wait flag for each matrix cell.

    A cell is flagged when an available accredited programme addressing the
    need has a median wait in the unit over ``long_wait_weeks`` and a
    structured intervention or CRS service addressing it is also available.

    Returns:
        ``cells`` with programme_wait_weeks (longest shown programme median),
        alternative_count (structured interventions and CRS available),
        long_wait_alternative (bool) and hover (one line per intervention).
    """
    rows = _unit_waits(cells, waits, unit).merge(
        interventions[["intervention_code", "intervention_name", "category"]], on="intervention_code"
    )
    rows["line"] = [
        f"{name}: {wait_phrase(count, median)}"
        for name, count, median in zip(rows["intervention_name"], rows["waiting_count"], rows["median_wait_weeks"])
    ]
    programmes = rows[rows["category"].isin(PROGRAMME_CATEGORIES)]
    keys = ["need_code", unit]
    summary = pd.DataFrame({
        "programme_wait_weeks": programmes.groupby(keys)["median_wait_weeks"].max(),
        "alternative_count": rows[rows["category"].isin(ALTERNATIVE_CATEGORIES)].groupby(keys).size(),
        "hover": rows.sort_values("intervention_name").groupby(keys)["line"].agg("<br>".join),
    })
    details = cells.merge(summary.reset_index(), on=keys, how="left") if not summary.empty else cells.assign(
        programme_wait_weeks=np.nan, alternative_count=0, hover="")
    details["alternative_count"] = details["alternative_count"].fillna(0).astype("int64")
    details["hover"] = details["hover"].fillna("No intervention available: a gap")
    details["long_wait_alternative"] = (details["programme_wait_weeks"] > long_wait_weeks) & (
        details["alternative_count"] > 0
    )
    return details
