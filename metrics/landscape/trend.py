"""Referrals per month by intervention category over the period.

Referrals are counted in the calendar month of their referral date; every
month of the period appears for every category that had a referral in it, with
0 where there were none. Counts of 1–4 are suppressed in the table and left out
of the chart.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics.stats.disclosure import shown_counts, suppress_table
from vocabulary.definitions import CATEGORIES, code_label


def monthly_by_category(monthly: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Complete month × category grid of referral counts.

    Args:
        monthly: month (first of month), category, referral_count.
        start, end: the period.

    Returns:
        month, category, referral_count (0 filled), categories in contract order.
    """
    months = pd.date_range(start.replace(day=1), end, freq="MS").date
    categories = [code for code in CATEGORIES if code in set(monthly["category"])]
    grid = pd.MultiIndex.from_product([months, categories], names=["month", "category"])
    counts = monthly.assign(month=pd.to_datetime(monthly["month"]).dt.date).set_index(["month", "category"])
    return counts["referral_count"].reindex(grid, fill_value=0).astype("int64").reset_index()


def trend_chart_frame(grid: pd.DataFrame) -> pd.DataFrame:
    """The grid for the chart: counts as shown (rounded to 5), suppressed counts (1–4) missing, so no
    line point shows them."""
    return grid.assign(referral_count=shown_counts(grid["referral_count"]),
                       category_name=grid["category"].map(code_label))


def trend_table(grid: pd.DataFrame) -> pd.DataFrame:
    """Wide table (one row per month, one column per category) with disclosure control."""
    named = grid.assign(category=grid["category"].map(code_label))
    wide = named.pivot(index="month", columns="category", values="referral_count")
    wide = wide[[code_label(code) for code in CATEGORIES if code_label(code) in wide.columns]].reset_index()
    wide["month"] = pd.to_datetime(wide["month"]).dt.strftime("%Y-%m")
    wide.columns.name = None
    table = wide.rename(columns={"month": "Month"})
    return suppress_table(table, count_columns=tuple(column for column in table.columns if column != "Month"))
