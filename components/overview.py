"""Overview page sections, drawn once per view and data version and replayed (``components.replay``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.overview import referrals_and_starts_figure
from components import cache
from components.blocks import caveat_note, chart, disclosure_note, kpi_row
from components.presentation import fit_to_slide, font_px
from components.replay import replayed
from metrics.overview import (
    YEAR_ON_YEAR,
    overview_kpis,
    referrals_and_starts_table,
    same_period_a_year_earlier,
)
from vocabulary.scope import Filters

TREND_KEY = "overview_trend"


@replayed
def headline(filters: Filters, presenting: bool) -> tuple[str, ...]:
    """The six headline figures, with their change on the same period a year earlier, and their caveats;
    returns their labels (for the definitions)."""
    earlier = same_period_a_year_earlier(filters.period_start, filters.period_end,
                                         cache.load_dataset_info()["data_from"])
    # The three queries side by side (on PostgreSQL each uses one core; they ran one after another).
    calls = {"now": lambda: cache.load_overview_counts(filters),
             "monthly": lambda: cache.load_monthly_referrals_and_starts(filters)}
    if earlier is not None:
        calls["before"] = lambda: cache.load_overview_counts(
            filters.with_changes(period_start=earlier[0], period_end=earlier[1]))
    loaded = cache.load_together(calls)
    kpis = overview_kpis(loaded["now"], loaded["monthly"], loaded.get("before"))
    kpi_row(kpis, presenting=presenting)
    compared = ("The data do not reach back a year before the period, so there is no comparison." if earlier is None
                else f"Changes are against the same period a year earlier, {earlier[0]:%-d %b %Y} to "
                     f"{earlier[1]:%-d %b %Y}, with the same filters.")
    caveat_note("The waiting list counts accredited programme referrals still waiting at the end of the period. "
                + compared)
    disclosure_note()
    return (*(kpi.label for kpi in kpis), YEAR_ON_YEAR)


@replayed
def trend_chart(filters: Filters, presenting: bool) -> pd.DataFrame:
    """Referrals and starts each month; returns the chart's table."""
    monthly = cache.load_monthly_referrals_and_starts(filters)
    if not presenting:  # on a slide the chart's own title says it
        st.subheader("Referrals and starts each month")
    figure = referrals_and_starts_figure(monthly, font_px=font_px(presenting), label_values=presenting)
    chart(fit_to_slide(figure, presenting), key=TREND_KEY)
    return referrals_and_starts_table(monthly)
