"""Sufficiency over time: the judged-sufficient, referred and started shares quarter by quarter, for
the scope in force and for England and Wales, with Wilson intervals and Fingertips' recent-trend test.

Quarters are the three-month periods of ``metrics.stats.trend.trend_quarters``. "Referred" and
"Started for the need" count referrals within the 182-day follow-up window, so quarters that have
not had all of it by the data date read low; they are shown, marked, and left out of the test
(as on the PDU comparisons page). A sufficiency judgement has no follow-up window.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import numpy as np
import pandas as pd

from metrics.stats.disclosure import suppress_table
from metrics.stats.follow_up import has_full_follow_up
from metrics.stats.trend import TREND_POINTS, recent_trend
from metrics.sufficiency.measures import COUNT_COLUMNS, MEASURES, Measure, measure_table
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT, NEED_FOLLOW_UP_DAYS

#: The measures drawn over time (completion needs longer than the data allow to settle).
OVER_TIME_MEASURES: Final[tuple[str, ...]] = ("sufficient", "referred", "started")
#: Measures counted within the follow-up window.
FOLLOW_UP_MEASURES: Final = frozenset({"referred", "started", "completed"})
SCOPE: Final = "scope"
NATIONAL: Final = "national"


def area_totals(counts: pd.DataFrame, *, window: int, area: str) -> pd.DataFrame:
    """One quarter's counts for one area summed into one row, with its ``window`` and ``area``.

    ``quarterly_series`` gives the same result for these totals as for the rows they sum
    (it adds the counts up by area and window), from a few rows instead of thousands. A quarter
    with no rows gives no row, as the rows themselves would (its value is then missing).
    """
    columns = list(COUNT_COLUMNS)
    if counts.empty:
        return counts[columns].assign(window=window, area=area)
    return counts[columns].sum().to_frame().T.astype("int64").assign(window=window, area=area)


def quarterly_series(counts: pd.DataFrame, quarters: pd.DataFrame, measure: Measure, *,
                     data_as_of: dt.date | None) -> pd.DataFrame:
    """One row per area and quarter: the measure in percent with its Wilson limits.

    Args:
        counts: sufficiency counts with ``area`` (``SCOPE`` or ``NATIONAL``) and
            ``window`` (a row number of ``quarters``) columns.
        quarters: from ``trend_quarters``.
        measure: the measure.
        data_as_of: the data date, against which follow-up is judged.

    Returns:
        Columns area, window, label, end, numerator_count, denominator_count,
        value_pct and its limits, and ``follow_up_complete``; a quarter with no
        need records has zero counts and no value.
    """
    areas = list(dict.fromkeys(counts["area"])) or [SCOPE]
    frame = pd.MultiIndex.from_product([areas, quarters["window"]], names=["area", "window"]).to_frame(index=False)
    table = measure_table(counts, measure, ["area", "window"])
    series = frame.merge(quarters[["window", "label", "end"]], on="window").merge(
        table[["area", "window", "numerator_count", "denominator_count", *_value_columns(table)]],
        on=["area", "window"], how="left")
    series[["numerator_count", "denominator_count"]] = series[["numerator_count", "denominator_count"]].fillna(0)
    series["follow_up_complete"] = (has_full_follow_up(series["end"], data_as_of) if measure.key in FOLLOW_UP_MEASURES
                                    else np.ones(len(series), dtype=bool))
    return series


def _value_columns(table: pd.DataFrame) -> list[str]:
    return [column for column in table.columns if column.startswith("value_pct")]


def series_trend(series: pd.DataFrame, measure: Measure) -> str:
    """The recent trend of one area's series in words: Fingertips' chi-square test for trend over the
    five most recent quarters with full follow-up, significant at 99.8% and with each point dropped."""
    tested = series[series["follow_up_complete"].astype(bool)]
    if measure.key in FOLLOW_UP_MEASURES and len(tested) < TREND_POINTS <= len(series):
        return (f"Not tested: fewer than {TREND_POINTS} three-month periods have had the full "
                f"{NEED_FOLLOW_UP_DAYS} days of follow-up by the data date")
    return recent_trend(tested["numerator_count"].to_numpy("float64"), tested["denominator_count"].to_numpy("float64"),
                        kind="proportion", polarity="no_judgement", min_denominator=MIN_DENOMINATOR_FOR_PERCENT)


def trend_summary(series_by_measure: dict[str, pd.DataFrame], area_names: dict[str, str]) -> pd.DataFrame:
    """The recent trend of each measure (rows) in each area (columns named by ``area_names``)."""
    rows = []
    for key, series in series_by_measure.items():
        row = {"Measure": MEASURES[key].label}
        for area, name in area_names.items():
            row[name] = series_trend(series[series["area"] == area], MEASURES[key])
        rows.append(row)
    return pd.DataFrame(rows)


def quarterly_table(series: pd.DataFrame, measure: Measure, area_names: dict[str, str]) -> pd.DataFrame:
    """The series as a display and download table, with disclosure control applied."""
    safe = suppress_table(series, count_columns=("numerator_count", "denominator_count"),
                          percent_columns={"value_pct": "denominator_count"})
    numerator, denominator = {"sufficient": ("Judged sufficient", "Judged"), "referred": ("Referred", "Need records"),
                              "started": ("Started", "Need records")}[measure.key]
    table = pd.DataFrame({
        "Quarter": safe["label"],
        "Area": safe["area"].map(area_names),
        f"{measure.label} (%)": safe["value_pct"].round(1),
        "95% lower (%)": safe["value_pct_lower95"].round(1),
        "95% upper (%)": safe["value_pct_upper95"].round(1),
        numerator: safe["numerator_count"].astype(str),
        denominator: safe["denominator_count"].astype(str),
    })
    if measure.key in FOLLOW_UP_MEASURES:
        table["Full follow-up"] = np.where(safe["follow_up_complete"].astype(bool), "Yes",
                                           "Not yet: left out of the trend test")
    return table
