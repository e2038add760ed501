"""Which PDUs the comparison bar chart shows, and under which headings: 108 bars do not fit a screen.

With a region chosen (or a few PDUs), every PDU in scope is shown, grouped by region. Otherwise
the chart leads with the 10 best and the 10 worst (for an indicator with no judgement, the 10
highest and 10 lowest) and offers every PDU, grouped by region, on request. The PDU of interest
is always shown. The table under the chart always lists every PDU.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from metrics.comparison.indicators import Indicator
from metrics.comparison.pdu_comparison import value_order

#: Bars at each end of the ranking when the chart does not show every PDU.
AT_EACH_END: Final = 10
PDU_OF_INTEREST: Final = "PDU of interest"


def end_headings(item: Indicator, count: int = AT_EACH_END) -> tuple[str, str]:
    """The two headings of the ranked view: ("10 best", "10 worst"), or highest and lowest with no judgement."""
    if item.polarity == "no_judgement":
        return f"{count} highest", f"{count} lowest"
    return f"{count} best", f"{count} worst"


def best_first(rows: pd.DataFrame, item: Indicator) -> pd.DataFrame:
    """Rows with a value best first (ties by name), then those without one by name."""
    return rows.sort_values(["value", "pdu_name"], ascending=[not value_order(item), True], na_position="last",
                            kind="stable")


def by_region(compared: pd.DataFrame, item: Indicator) -> pd.DataFrame:
    """Every row (window 0), grouped by region (regions by name), best first within each; ``group`` = region."""
    rows = compared[compared["window"] == 0]
    parts = [best_first(part, item).assign(group=name) for name, part in rows.groupby("region_name", sort=True)]
    return pd.concat(parts, ignore_index=True) if parts else rows.assign(group=pd.Series(dtype="object"))


def ranked_ends(compared: pd.DataFrame, item: Indicator, *, pdu_of_interest: str | None = None,
                at_each_end: int = AT_EACH_END) -> pd.DataFrame:
    """The ``at_each_end`` best and worst PDUs with a value (``group``: "10 best" / "10 worst"), best first.

    PDUs without a value (suppressed or too few people) are never among them. The PDU of
    interest, when it is neither, follows under its own heading.
    """
    rows = compared[compared["window"] == 0]
    ranked = best_first(rows.dropna(subset=["value"]), item)
    best, worst = end_headings(item, at_each_end)
    top = ranked.head(at_each_end).assign(group=best)
    bottom = ranked.iloc[max(at_each_end, len(ranked) - at_each_end):].assign(group=worst)
    chosen = pd.concat([top, bottom], ignore_index=True)
    if pdu_of_interest and pdu_of_interest not in set(chosen["pdu_code"]):
        extra = rows[rows["pdu_code"] == pdu_of_interest].assign(group=PDU_OF_INTEREST)
        chosen = pd.concat([chosen, extra], ignore_index=True)
    return chosen


def shows_every_row(compared: pd.DataFrame, *, area_chosen: bool, show_all: bool,
                    at_each_end: int = AT_EACH_END) -> bool:
    """Whether the chart shows every row: asked for, a region or PDUs chosen, or few enough to fit."""
    return show_all or area_chosen or int((compared["window"] == 0).sum()) <= 2 * at_each_end


def bar_rows(compared: pd.DataFrame, item: Indicator, *, area_chosen: bool, show_all: bool,
             pdu_of_interest: str | None = None) -> pd.DataFrame:
    """The rows the bar chart draws, in order, each with its ``group`` heading (see the module's rule)."""
    if shows_every_row(compared, area_chosen=area_chosen, show_all=show_all):
        return by_region(compared, item)
    return ranked_ends(compared, item, pdu_of_interest=pdu_of_interest)
