"""Landscape page, for commissioners: the ranked bars that lead the page, the needs with no local
provision named, the shortfall in places by need and PDU, and providers compared within their group.

Charts, tables and words are drawn once per view and settings and replayed
(``components.replay``); the pickers, data panels and downloads are drawn live.
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.landscape.matrix import providers_figure
from charts.landscape.ranked import ranked_bars_figure, shortfall_figure
from components.blocks import caveat_note, chart, csv_bytes, data_panel, download_csv
from components.landscape.columns import PROVIDER_COLUMNS, RANKED_COLUMNS, SHORTFALL_COLUMNS, WRAPPED_ROW_PX
from components.landscape.page import LandscapeView, parse_measure, shared_landscape, sortable
from components.presentation import page_controls
from components.replay import replayed
from components.url_state import bind, page_setting
from metrics.landscape.provider_groups import compared_provider_table, group_choices
from metrics.landscape.ranked import TOP_PER_CATEGORY, ranked_bars, ranked_table
from metrics.landscape.shortfall import (
    DEFAULT_SHORTFALL_BARS,
    largest_shortfalls,
    shortfall_rows,
    shortfall_table,
)
from metrics.landscape.tables import provider_chart_rows
from metrics.landscape.treemap import SIZE_MEASURES
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT

AXIS_TITLES: Final[dict[str, str]] = {
    "referrals": "Referrals in the period (count, rounded to the nearest 5)",
    "places": "Places per month (places)",
}
#: Interventions per category on a slide, unless every one is asked for.
SLIDE_PER_CATEGORY: Final = 3


def parse_flag(raw: str) -> bool:
    """A yes/no page setting from the link ("1" or "0")."""
    if raw not in ("0", "1"):
        raise ValueError(raw)
    return raw == "1"


def serialise_flag(value: bool) -> str:
    """A yes/no page setting as the link carries it."""
    return "1" if value else "0"


@replayed
def _ranked(view: LandscapeView, measure: str, every: bool) -> pd.DataFrame | None:
    landscape = shared_landscape(view.filters)
    if measure == "places" and not landscape.uses_provision:
        caveat_note("No provision is loaded for this period, so the bars show referrals.")
        measure = "referrals"
    tiles = landscape.tiles(measure)
    if len(tiles) == 0:
        st.info("No intervention selected had referrals or places in the period.")
        return None
    top = SLIDE_PER_CATEGORY if view.presenting else TOP_PER_CATEGORY  # a slide has room for fewer bars
    bars = ranked_bars(tiles, per_category=None if every else top)
    title = f"Interventions ranked within their category by {SIZE_MEASURES[measure].lower()}"
    figure = ranked_bars_figure(bars, title=title, axis_title=AXIS_TITLES[measure], font_px=view.font_px)
    chart(figure, key="landscape_ranked",
          caption="Categories in order of their total; within each, the largest interventions first. Referral "
          "counts are rounded to the nearest 5 and counts of 1–4 shown as \"<5\".")
    return ranked_table(bars, measure_name=SIZE_MEASURES[measure])


def ranked_section(view: LandscapeView) -> None:
    """Interventions ranked within their category, by referrals or places (the measure the treemap uses too)."""
    measure = page_setting("tiles", "referrals", parse=parse_measure)
    every = page_setting("bars", False, parse=parse_flag, serialise=serialise_flag)
    left, right = page_controls([2, 1])
    left.radio("Rank and size by", options=list(SIZE_MEASURES), format_func=SIZE_MEASURES.get, horizontal=True,
               **bind("page_tiles"))
    right.toggle("Show every intervention", help=f"Otherwise the largest {TOP_PER_CATEGORY} of each category",
                 **bind("page_bars"))
    table = _ranked(view, measure, every)
    if table is not None:
        data_panel(table, key="landscape_ranked", file_name="landscape_ranked.csv", column_config=RANKED_COLUMNS)


@replayed
def no_provision_list(view: LandscapeView) -> bytes | None:
    """The needs with no local provision, each with the PDUs (and their regions) where it has none."""
    named = shared_landscape(view.filters).no_provision()
    if named.empty:
        return None
    total = int(named["PDUs with no provision"].sum())
    with st.expander(f"Which needs have no local provision, and where ({total:,} need and PDU pairs)"):
        for need, count, where in named.itertuples(index=False):
            st.markdown(f"**{need}** — {count:,} PDU{'s' if count != 1 else ''}: {where}")
    return csv_bytes(named)


def no_provision_section(view: LandscapeView) -> None:
    """``no_provision_list`` and its download."""
    data = no_provision_list(view)
    if data is not None and not view.presenting:  # a slide keeps its room for the main chart
        download_csv(data, file_name="landscape_no_local_provision.csv", key="landscape_no_provision_download",
                     label="Download the needs with no local provision (CSV)")


@replayed
def _shortfall(view: LandscapeView, every: bool) -> pd.DataFrame | None:
    landscape = shared_landscape(view.filters)
    if not landscape.uses_provision:
        st.info("Places are not loaded for this period, so the shortfall in places cannot be worked out.")
        return None
    rows = shortfall_rows(landscape.shortfall())
    short = largest_shortfalls(rows, count=None)
    if short.empty:
        st.info("No need has more referrals than places in any PDU selected.")
        return shortfall_table(rows)
    drawn = short if every else short.head(DEFAULT_SHORTFALL_BARS)
    which = "every" if len(drawn) == len(short) else f"the {len(drawn):,} largest of"
    st.markdown(f"**{len(short):,}** need and PDU pairs have more referrals per month than places per month; "
                f"the chart shows {which} them. Largest: **{short['need'].iloc[0]} in {short['pdu_name'].iloc[0]}**, "
                f"{short['shortfall_per_month'].iloc[0]:,.1f} more referrals than places a month.")
    figure = shortfall_figure(drawn, title="Shortfall in places: referrals per month minus places per month",
                              font_px=view.font_px)
    chart(figure, key="landscape_shortfall",
          caption="Referrals to the interventions that address the need, made in the PDU, against the places of "
          "those interventions available there. Rates are worked from referral counts rounded to the nearest 5; "
          "a need and PDU with 1–4 referrals is left out.")
    return shortfall_table(rows)


def shortfall_section(view: LandscapeView) -> None:
    """The shortfall in places by need and PDU, largest first (all needs and PDUs in the table)."""
    every = page_setting("shortfalls", False, parse=parse_flag, serialise=serialise_flag)
    [place] = page_controls(1)
    place.toggle("Show every need and PDU with a shortfall",
                 help=f"Otherwise the largest {DEFAULT_SHORTFALL_BARS}; the table lists every need and PDU",
                 **bind("page_shortfalls"))
    table = _shortfall(view, every)
    if table is not None:
        data_panel(table, key="landscape_shortfall", file_name="landscape_shortfall.csv",
                   column_config=SHORTFALL_COLUMNS)


def _group_names(view: LandscapeView) -> dict[str, str]:
    return group_choices(shared_landscape(view.filters).compared_providers())


def _providers_figure(rows: pd.DataFrame, view: LandscapeView) -> go.Figure:
    return providers_figure(provider_chart_rows(rows), font_px=view.font_px,
                            benchmark_name="all providers of the same kind")


@replayed
def _compared(view: LandscapeView, group: str) -> pd.DataFrame | None:
    compared = shared_landscape(view.filters).compared_providers()
    rows = compared[compared["group"] == group]
    count = len(rows)
    if count == 1:
        st.info("Only one provider offers this kind of intervention selected, so there is no other provider "
                "to compare it with.")
    chart(_providers_figure(rows, view), key="landscape_providers",
          caption=f"Each provider is compared with all providers of the same kind together (the dotted line): "
          f"the same category, the same needs and the same people. Rates on fewer than "
          f"{MIN_DENOMINATOR_FOR_PERCENT} referrals are not shown.")
    return compared_provider_table(rows)


def providers_section(view: LandscapeView) -> None:
    """Providers compared with the other providers of the same kind, with volumes, waits and where they work."""
    names = _group_names(view)
    if not names:
        st.info("No referrals selected in the period.")
        return
    default = next(iter(names))
    if page_setting("providers", default, parse=str) not in names:  # a kind not offered in this scope
        st.session_state["page_providers"] = default
    group = page_setting("providers", default, parse=str)  # and the link follows
    [place] = page_controls(1)
    place.selectbox("Compare the providers of", options=list(names), format_func=names.get,
                    **bind("page_providers"))
    table = _compared(view, group)
    if table is not None:
        st.dataframe(sortable(table.drop(columns=[name for name in table.columns if " 95% " in name])), width="stretch",
                     hide_index=True, key="landscape_provider_table", column_config=PROVIDER_COLUMNS,
                     row_height=WRAPPED_ROW_PX)
        download_csv(table, file_name="landscape_providers.csv", key="landscape_providers_download")

