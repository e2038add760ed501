"""PDU comparisons page pieces: its data, the funnel's centre and the notes beside the comparison.

Queries run with the region and PDU filters lifted, so the national and regional
benchmarks come from the same cached counts and changing the region only changes
which PDUs are shown. Every indicator is computed for every PDU at once: the
overview matrix and the PDU profile need them all, and switching the indicator
or benchmark then costs no query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import cache
from metrics.comparison.areas import area_counts, area_waits, pdu_counts_frame, waiting_counts
from metrics.comparison.indicators import (
    INDICATORS,
    Indicator,
    available_indicators,
)
from metrics.comparison.pdu_comparison import (
    BENCHMARKS,
    ENGLAND_WALES,
    compare_pdus_together,
    indicator_values_together,
    national_value,
)
from metrics.comparison.regions import PDU_UNIT, REGION_UNIT, compare_regions
from metrics.stats.funnel import pooled_target_pct
from metrics.stats.trend import trend_quarters
from vocabulary.definitions import DEFAULT_WAIT_TARGET_WEEKS
from vocabulary.scope import Filters

TARGET_DAYS = 7 * DEFAULT_WAIT_TARGET_WEEKS
NO_PDU = ""
#: The funnel's centre when PDUs of several regions are shown against regional benchmarks.
POOLED_REGIONS = "the regions shown, together"


@dataclass(frozen=True)
class ComparisonData:
    """Every indicator for every area, and which PDUs the filters show.

    ``values`` holds window 0 (the page's period) and windows 1… (the trend's
    quarters, ``quarters`` row k being window k + 1); ``national`` is England and
    Wales's value in the period; ``withheld_keys`` are the indicators the data
    support but the people filters in force rule out (see ``people_filter_note``).
    Wales's value in the period; ``data_as_of`` the data date (for follow-up).
    """

    pdus: pd.DataFrame
    shown_codes: tuple[str, ...]
    item_keys: tuple[str, ...]
    values: dict[str, pd.DataFrame]
    national: dict[str, float]
    quarters: pd.DataFrame
    data_as_of: dt.date | None
    withheld_keys: tuple[str, ...] = ()

    @property
    def items(self) -> tuple[Indicator, ...]:
        """The indicators the loaded data support, in registry order."""
        return tuple(INDICATORS[key] for key in self.item_keys)


def national_filters(filters: Filters) -> Filters:
    """The filters with region and PDU restrictions lifted (benchmarks need every PDU)."""
    return filters.with_changes(regions=(), pdus=())


def month_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def page_windows(filters: Filters) -> tuple[tuple[tuple[dt.date, dt.date], ...], pd.DataFrame]:
    """The page's windows, (period, quarter 1, …, quarter 8), and the trend's quarters."""
    quarters = trend_quarters(filters.period_end, cache.load_dataset_info()["data_from"])
    windows = ((filters.period_start, filters.period_end), *zip(quarters["start"], quarters["end"], strict=True))
    return tuple(windows), quarters


def spanned(filters: Filters, start: dt.date, end: dt.date) -> Filters:
    """``filters`` with the period set to [start, end]: what the comparison queries are cached under.

    Those queries take their dates from the windows or months they are given and read no
    period from the filters, so one keyed by the span it covers is shared by every period
    that asks for the same windows (the trend's quarters are the same for every period end
    in a month).
    """
    return filters.with_changes(period_start=start, period_end=end)


def _renumbered(period: pd.DataFrame, trend: pd.DataFrame | None) -> pd.DataFrame:
    """A query's rows for the period (window 0) and for the quarters (their windows 0… become 1…)."""
    if trend is None:
        return period
    return pd.concat([period, trend.assign(window=trend["window"] + 1)], ignore_index=True)


@st.cache_data(max_entries=64, show_spinner=False)
def _assembled(national: Filters, url: str, version: str) -> tuple[
        tuple[str, ...], tuple[str, ...], dict[str, pd.DataFrame], pd.DataFrame]:
    """Every supported indicator for every area and window (``url`` and ``version``: the database and its data
    version, for the cache key: two databases can hold data of the same version number).

    The queries cover the period and, apart, the trend's quarters (each once per table), so
    switching the indicator later runs no query (except the median wait's trend), and a new
    period end in the same month reads the quarters' counts from the cache: only the period's
    run again. Returns the indicator keys, the keys withheld because of the people filters,
    the values per key and the trend's quarters.
    """
    pdus = cache.load_filter_options()["pdus"]
    windows, quarters = page_windows(national)
    period, trend = windows[:1], windows[1:]
    first, last = month_start(min(start for start, _ in windows)), month_start(national.period_end)
    months = spanned(national, first, last)
    over_trend = spanned(national, min(start for start, _ in trend), max(end for _, end in trend)) if trend else None
    calls = {  # run side by side, slowest first: on a cache miss the queries were most of the page's wait
        "flows": lambda: cache.load_comparison_flows(national, period),
        "needs": lambda: cache.load_comparison_need_counts(national, period),
        "histogram": lambda: cache.load_comparison_waiting_histogram(national, national.period_end),
        "caseload": lambda: cache.load_comparison_caseload(first, last),
        "places": lambda: cache.load_comparison_places(months, first, last),
    }
    if over_trend is not None:
        calls.update({
            "trend_flows": lambda: cache.load_comparison_flows(over_trend, trend),
            "trend_waiting": lambda: cache.load_comparison_waiting_counts(
                over_trend, tuple(end for _, end in trend), TARGET_DAYS),
            "trend_needs": lambda: cache.load_comparison_need_counts(over_trend, trend),
        })
    loaded = cache.load_together(calls)
    # Waiting at the period's end: counted from its histogram, which the median wait reads anyway.
    loaded["waiting"] = waiting_counts(loaded["histogram"], target_days=TARGET_DAYS)
    parts = [_renumbered(loaded[name], loaded.get(f"trend_{name}")) for name in ("needs", "flows", "waiting")]
    counts = area_counts(pdu_counts_frame(pdus, windows, parts, caseload=loaded["caseload"], places=loaded["places"]))
    waits = area_waits(loaded["histogram"], pdus)
    period = counts[counts["window"] == 0]
    supported = {"has_caseload": bool(period["supervised_mean"].notna().any()),
                 "has_provision": bool(period["places_at_snapshot"].notna().any())}
    items = available_indicators(**supported, people_filtered=national.restricts_people)
    keys = tuple(item.key for item in items)
    withheld = tuple(item.key for item in available_indicators(**supported) if item.key not in keys)
    values = indicator_values_together(items, counts, waits)
    return keys, withheld, values, quarters


def comparison_data(filters: Filters) -> ComparisonData:
    """Every available indicator for every area, for the filters' period and trend (area filters lifted)."""
    national = national_filters(filters)
    keys, withheld, values, quarters = _assembled(national, *cache.data_key())
    pdus = cache.load_filter_options()["pdus"]
    in_area = pdus
    if filters.regions:
        in_area = in_area[in_area["region_code"].isin(filters.regions)]
    if filters.pdus:
        in_area = in_area[in_area["pdu_code"].isin(filters.pdus)]
    return ComparisonData(pdus=pdus, shown_codes=tuple(in_area["pdu_code"]), item_keys=keys, values=values,
                          national={key: national_value(frame) for key, frame in values.items()}, quarters=quarters,
                          data_as_of=cache.load_data_as_of(), withheld_keys=withheld)


@st.cache_data(max_entries=64, show_spinner=False)
def _compared(national: Filters, url: str, version: str, benchmark: str, unit: str = PDU_UNIT) -> dict[
        str, pd.DataFrame]:
    keys, _, values, _ = _assembled(national, url, version)
    pdus = cache.load_filter_options()["pdus"]
    if unit == REGION_UNIT:
        return {key: compare_regions(values[key], pdus, INDICATORS[key]) for key in keys}
    return compare_pdus_together(values, pdus, [INDICATORS[key] for key in keys], benchmark=benchmark)


def compared_for(filters: Filters, benchmark: str, unit: str = PDU_UNIT) -> dict[str, pd.DataFrame]:
    """Every indicator's comparison against ``benchmark`` in the period (all PDUs, or with ``REGION_UNIT`` all
    regions against England and Wales, in the PDU columns; cached)."""
    return _compared(national_filters(filters), *cache.data_key(), benchmark, unit)


def shown(compared: pd.DataFrame, data: ComparisonData) -> pd.DataFrame:
    """The rows of a comparison for the PDUs the filters show."""
    return compared[compared["pdu_code"].isin(data.shown_codes)].reset_index(drop=True)


def funnel_centre(data: ComparisonData, compared: pd.DataFrame, item: Indicator, benchmark: str) -> tuple[
        float, str]:
    """The funnel plot's centre and its name: the benchmark, so that the funnel and the labels agree.

    England and Wales's value; or, against regions, the value of the regions the
    shown PDUs belong to, pooled (one region: that region's value).
    """
    if benchmark == ENGLAND_WALES:
        return data.national[item.key], BENCHMARKS[ENGLAND_WALES]
    shown_pdus = data.pdus[data.pdus["pdu_code"].isin(data.shown_codes)]
    regions = shown_pdus["region_code"].unique()
    rows = compared[(compared["window"] == 0) & compared["region_code"].isin(regions)]
    name = shown_pdus["region_name"].iloc[0] if len(regions) == 1 else POOLED_REGIONS
    return pooled_target_pct(rows, numerator="numerator", denominator="denominator"), name


def people_filter_note(data: ComparisonData) -> str | None:
    """Why the "per 100 people supervised" indicators are missing under a people filter (None when they are not)."""
    if not data.withheld_keys:
        return None
    names = [f"“{INDICATORS[key].name}”" for key in data.withheld_keys]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return (f"A people filter (gender, ethnicity, age band, risk level or sentence type) is in force, so {listed} "
            f"{'is' if len(names) == 1 else 'are'} not offered: the caseload counts everyone supervised in a PDU and "
            "cannot be split by these fields, so the rate would divide this group's count by everyone's caseload. "
            "Clear the people filters to compare PDUs on them.")


def funnel_caption(centre: tuple[float, str], *, units: str = "PDUs") -> str:
    """What the funnel shows, for the page and the pack: its centre and that it is the labels' test.

    With several regions shown against regional benchmarks the funnel is centred on
    them together while each label uses the PDU's own region; the caption says so.
    """
    target, name = centre
    caption = (f"Centre line: {name}, {target:.1f}%. The limits are the same test as the comparison labels "
               f"(the benchmark inside a {units[:-1]}'s Wilson interval): inside the 95% limits is Similar, between "
               "the 95% and 99.8% limits Better or Worse, outside the 99.8% limits Significantly better or worse. "
               f"Only {units} outside the 99.8% limits are labelled, with a number named in the key under the chart.")
    if name == POOLED_REGIONS:
        caption += (" Each PDU's colour compares it with its own region, while the funnel is centred on the "
                    "regions shown together, so a colour can differ from the point's place in the funnel; "
                    "choose one region for them to agree.")
    return caption


def select_pdu(pdu_code: str) -> None:
    """Make ``pdu_code`` the PDU of interest (from a chart click) and redraw the page."""
    if pdu_code and st.session_state.get("page_cmp_pdu") != pdu_code:
        st.session_state["page_cmp_pdu"] = pdu_code
        st.rerun()
