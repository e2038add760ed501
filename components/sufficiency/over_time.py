"""The Sufficiency gaps page's "Sufficiency over time": a measure by quarter with 95% intervals for the
scope in force and England and Wales, and the recent-trend test for each measure in each (drawn
once per view, measure and data version, then replayed).

Each quarter's counts come from the page's one query with that quarter as the period and the region
and PDU filters lifted (cached per quarter); the scope is cut from them as on the rest of the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import pandas as pd
import streamlit as st

from charts.sufficiency.over_time import quarterly_share_figure
from components import cache
from components.blocks import caveat_note, chart, data_panel, definition, scope_labels
from components.presentation import page_controls
from components.replay import replayed, shared_data
from components.sufficiency.page import SufficiencyView, one_of
from components.url_state import bind, page_setting
from metrics.stats.trend import trend_quarters
from metrics.sufficiency.measures import MEASURES, in_area
from metrics.sufficiency.over_time import (
    NATIONAL,
    OVER_TIME_MEASURES,
    SCOPE,
    area_totals,
    quarterly_series,
    quarterly_table,
    trend_summary,
)
from vocabulary.scope import Filters

MAX_NAMED_AREAS = 3


def _narrowed(filters: Filters) -> bool:
    return bool(filters.regions or filters.pdus)


def area_names(filters: Filters) -> dict[str, str]:
    """The series drawn and their names: the scope (when the sidebar narrows the area), then England and Wales."""
    if not _narrowed(filters):
        return {NATIONAL: "England and Wales"}
    field, many = ("pdus", "PDUs") if filters.pdus else ("regions", "regions")
    codes = getattr(filters, field)
    names = [scope_labels()[field].get(code, code) for code in codes]
    scope = ", ".join(names) if len(names) <= MAX_NAMED_AREAS else f"{len(names)} {many}"
    return {SCOPE: scope, NATIONAL: "England and Wales"}


def _load_window_counts(filters: Filters, quarters: pd.DataFrame) -> pd.DataFrame:
    """Every quarter's counts by PDU for the filters with the area lifted, keyed on the quarters alone."""
    windows = tuple((quarter.start, quarter.end) for quarter in quarters.itertuples(index=False))
    national = filters.with_changes(regions=(), pdus=(), period_start=windows[0][0], period_end=windows[-1][1])
    return cache.load_sufficiency_window_counts(national, windows)


def start_loading_quarters(filters: Filters) -> None:
    """Start reading the quarters' counts alongside the page's main query (a view whose quarters are not
    cached yet then waits for the slower of the two, not both); the section picks them up from the cache."""
    quarters = trend_quarters(filters.period_end, cache.load_dataset_info()["data_from"])
    if not quarters.empty:
        cache.start_loading({"quarters": lambda: _load_window_counts(filters, quarters)})


@shared_data
def quarterly_counts(filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The quarters (``trend_quarters``) and their sufficiency counts, one row per ``area`` × ``window``.

    One query reads every quarter's counts by PDU (``window_counts``, cached per quarters, so for every
    period ending in the same month), in place of a query per quarter returning every PDU × need ×
    subgroup row; each quarter's rows are summed here (``area_totals``), as ``quarterly_series`` would
    sum them, with the same integer totals.
    """
    quarters = trend_quarters(filters.period_end, cache.load_dataset_info()["data_from"])
    if quarters.empty:
        return quarters, pd.DataFrame()
    counts = _load_window_counts(filters, quarters)
    frames = []
    for quarter in quarters.itertuples(index=False):
        in_quarter = counts[counts["window"] == quarter.window]
        frames.append(area_totals(in_quarter, window=quarter.window, area=NATIONAL))
        if _narrowed(filters):
            frames.append(area_totals(in_area(in_quarter, filters), window=quarter.window, area=SCOPE))
    return quarters, pd.concat(frames, ignore_index=True)


def _all_series(filters: Filters) -> dict[str, pd.DataFrame]:
    """Every over-time measure's series (the trend table needs all three, the chart one of them)."""
    quarters, counts = quarterly_counts(filters)
    data_as_of = cache.load_data_as_of()
    return {key: quarterly_series(counts, quarters, MEASURES[key], data_as_of=data_as_of)
            for key in OVER_TIME_MEASURES}


def quarters_view(view: SufficiencyView) -> SufficiencyView:
    """The view with its period replaced by its quarters' span (``trend_quarters``): all the section depends
    on, since every period ending in the same month has the same quarters. The section drawn for one such
    period is then replayed for the others instead of being drawn again."""
    span = _quarters_span(view.filters.period_end, cache.load_dataset_info()["data_from"])
    if span is None:
        return view
    return dataclasses.replace(view, filters=view.filters.with_changes(period_start=span[0], period_end=span[1]))


@functools.lru_cache(maxsize=256)
def _quarters_span(period_end: dt.date, data_from: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first quarter's first day and the last quarter's last day (None: no quarter). The last day is a
    month's last day, so ``trend_quarters`` gives the same quarters for it. Kept: a cached view asks again."""
    quarters = trend_quarters(period_end, data_from)
    return None if quarters.empty else (quarters["start"].iloc[0], quarters["end"].iloc[-1])


@replayed
def _over_time(view: SufficiencyView, key: str) -> pd.DataFrame | None:
    """The trend sentence table, the chart and its note; returns the chart's table (None: said why not).
    ``view`` is a ``quarters_view``."""
    quarters, _ = quarterly_counts(view.filters)
    if quarters.empty:
        st.info("The data do not yet cover three whole calendar months up to the period's end.")
        return None
    names = area_names(view.filters)
    series_by_measure = _all_series(view.filters)
    summary = trend_summary(series_by_measure, names)
    st.markdown("**Recent trend** (the last five quarters with full follow-up, tested at 99.8%)")
    st.dataframe(summary, hide_index=True, width="stretch")
    series = series_by_measure[key]
    chart(quarterly_share_figure(series, measure_label=MEASURES[key].label, area_names=names, font_px=view.font_px),
          key="sufficiency_over_time", caption=definition("Sufficiency over time").split("\n\n")[0] or None)
    if not series["follow_up_complete"].all():
        caveat_note("Referred and started count referrals within 182 days of the need being identified: the "
                    "shaded quarters have not had all of it by the data date, read low for now, and are left out "
                    "of the trend test.")
    return quarterly_table(series, MEASURES[key], names)


def over_time_section(view: SufficiencyView) -> None:
    """Sufficiency over time: the measure picker, the recent trends, the chart and its table."""
    st.subheader("Sufficiency over time")
    page_setting("trend_measure", "sufficient", parse=one_of({key: MEASURES[key] for key in OVER_TIME_MEASURES}))
    [place] = page_controls(1)
    place.radio("Measure over time", options=list(OVER_TIME_MEASURES), format_func=lambda key: MEASURES[key].label,
                horizontal=True, **bind("page_trend_measure"))
    key = st.session_state["page_trend_measure"]
    table = _over_time(quarters_view(view), key)
    if table is not None:
        data_panel(table, key="sufficiency_over_time", file_name=f"{key}_by_quarter.csv")
