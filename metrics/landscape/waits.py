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
    summary = wait_summary_by(histogram, by, target_weeks=DEFAULT_WAIT_TARGET_WEEKS)
    if summary.empty:
        return pd.DataFrame(columns=columns)
    shown = summary["waiting_count"] >= MIN_DENOMINATOR_FOR_PERCENT
    return summary.assign(median_wait_weeks=summary["median_wait_weeks"].where(shown))[columns]


def wait_phrase(waiting_count: float, median_wait_weeks: float) -> str:
    """A short description of a list for hover text, with disclosure control applied."""
    if not waiting_count or pd.isna(waiting_count):
        return "nobody waiting"
    if pd.isna(median_wait_weeks):
        return f"{format_count(waiting_count)} waiting, median not shown (under {MIN_DENOMINATOR_FOR_PERCENT})"
    return f"{format_count(waiting_count)} waiting, median {median_wait_weeks:.1f} weeks"


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
    # Plain Python over the cells' few hundred interventions: the same lines, maxima and counts as
    # exploding, merging and grouping the frames (19 ms CPU at 1M), in about a fifth of the time.
    first = interventions.drop_duplicates("intervention_code")
    about = dict(zip(first["intervention_code"].tolist(),
                     zip(first["intervention_name"].tolist(), first["category"].tolist())))
    listed = waits[unit].tolist()
    wait_of = dict(zip(zip(listed, waits["intervention_code"].tolist()),
                       zip(waits["waiting_count"].tolist(), waits["median_wait_weeks"].tolist())))
    programme_weeks, alternatives, hovers, any_row = [], [], [], False
    for need, area, codes in zip(cells["need_code"].tolist(), cells[unit].tolist(),
                                 cells["intervention_codes"].tolist()):
        lines: list[tuple[str, str]] = []
        longest, alternative_count = np.nan, 0
        for code in codes if isinstance(codes, tuple) else ():
            if code not in about or pd.isna(area) or pd.isna(need):  # as the merges left such rows out
                continue
            name, category = about[code]
            count, median = wait_of.get((area, code), (np.nan, np.nan))
            lines.append((name, f"{name}: {wait_phrase(count, median)}"))
            if category in PROGRAMME_CATEGORIES and not pd.isna(median):
                longest = median if pd.isna(longest) else max(longest, median)
            alternative_count += category in ALTERNATIVE_CATEGORIES
        any_row = any_row or bool(lines)
        programme_weeks.append(longest)
        alternatives.append(alternative_count)
        # By intervention name; a stable sort keeps equal names in code order, as the frame sort did.
        hovers.append("<br>".join(line for _, line in sorted(lines, key=lambda pair: pair[0])) if lines else None)
    if any_row:
        details = cells.reset_index(drop=True).assign(
            programme_wait_weeks=np.array(programme_weeks, dtype="float64"),
            alternative_count=np.array(alternatives, dtype="int64"),
            hover=pd.Series(hovers, dtype="str").fillna("No intervention available: a gap").to_numpy(),
        )
    else:
        details = cells.assign(programme_wait_weeks=np.nan, alternative_count=0, hover="")
        details["alternative_count"] = details["alternative_count"].fillna(0).astype("int64")
        details["hover"] = details["hover"].fillna("No intervention available: a gap")
    details["long_wait_alternative"] = (details["programme_wait_weeks"] > long_wait_weeks) & (
        details["alternative_count"] > 0
    )
    return details
