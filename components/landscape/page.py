"""Landscape page pieces: the page's data, its headline, the treemap that filters, and the catalogue.

Charts, tables and words are drawn once per view (``LandscapeView``) and data version
and replayed (``components.replay``); the pickers, the clickable treemap, data panels
and downloads are drawn live.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from charts.landscape.figures import treemap_figure
from components import cache
from components.blocks import (
    caveat_note,
    chart,
    csv_bytes,
    data_panel,
    disclosure_note,
    display_table,
    download_csv,
    kpi_row,
)
from components.landscape.columns import WRAPPED_ROW_PX
from components.presentation import SLIDE_CHART_PX, font_px, page_controls
from components.replay import identity, replayed, shared_figure
from components.url_state import bind, page_setting
from metrics.landscape.availability import availability_filters
from metrics.landscape.catalogue import catalogue_table, search_catalogue
from metrics.landscape.model import Landscape, build_landscape
from metrics.landscape.treemap import SIZE_MEASURES, selected_filter, treemap_table
from metrics.landscape.waits import snapshot_date
from vocabulary.scope import Filters

TREEMAP_ROUND: Final = "landscape_treemap_round"
#: Landscape models kept for drawing sections not yet recorded (each holds its query results).
MAX_SHARED_LANDSCAPES: Final = 16
FALLBACK_MESSAGE: Final = (
    "**No provision is loaded for this period** (provision.csv is absent or has no rows for these months). "
    "On this page an intervention therefore counts as *available* in a PDU when it **received referrals in "
    "the period** there, and places, utilisation and places per 100 people cannot be shown."
)


#: The catalogue's columns, the ones a commissioner looks for first (name, needs, places, demand, wait)
#: visible at 1280 px; the rest follow, a sideways scroll away.
CATALOGUE_ORDER: Final = (
    "Intervention", "Needs addressed", "Places per month", "Referrals", "Waiting now", "Median wait (weeks)",
    "PDUs offering it", "Category", "Provider", "Starts", "Completion rate (%)", "Delivery", "Target group",
)
CATALOGUE_COLUMNS: Final = {
    "Intervention": st.column_config.TextColumn(width=190),
    "Needs addressed": st.column_config.TextColumn(width=190),
    "Places per month": st.column_config.NumberColumn("Places a month", width=108, help="Places per month"),
    "Referrals": st.column_config.NumberColumn(width=80),
    "Waiting now": st.column_config.NumberColumn("Waiting", width=70, help="Waiting now"),
    "Median wait (weeks)": st.column_config.NumberColumn("Median wait (wks)", width=122,
                                                         help="Median wait of those waiting now (weeks)"),
    "PDUs offering it": st.column_config.NumberColumn("PDUs", width=60, help="PDUs offering it"),
    "Category": st.column_config.TextColumn(width=160),
    "Provider": st.column_config.TextColumn(width=160),
}


@dataclass(frozen=True)
class LandscapeView:
    """Everything a view of the page depends on besides the data and the page's own pickers."""

    filters: Filters
    presenting: bool

    @property
    def font_px(self) -> int:
        """Chart text size for this view."""
        return font_px(self.presenting)


def load_landscape(filters: Filters) -> Landscape:
    """Everything the page shows for ``filters``, from the cached queries (run side by side).

    The need profiles (the slowest query) and the monthly trend are needed only by
    the last sections, and the waiting list only from the ranked bars on (the catalogue's
    waits), so the page starts drawing the headline and the gaps without waiting for them.
    """
    snapshot = snapshot_date(filters.period_end, cache.load_data_as_of())
    # The Waiting times page's list at T; the period does not affect it, so it is keyed on T alone.
    at_snapshot = filters.with_changes(period_start=snapshot, period_end=snapshot)
    waits = cache.start_loading({
        "profiles": lambda: cache.load_need_profiles(filters),
        "activity": lambda: cache.load_referral_activity(filters),
        "waiting": lambda: cache.load_waiting_snapshot(at_snapshot, snapshot),
        "reference": lambda: cache.load_landscape_reference(filters),
        "provision": lambda: cache.load_provision_places(filters),
        "monthly": lambda: cache.load_monthly_referrals_by_category(filters),
    })
    reference, activity = waits["reference"](), waits["activity"]()
    uses_provision = reference["provision_months"] > 0
    referred = activity if uses_provision else cache.load_referral_activity(availability_filters(filters))
    return build_landscape(
        filters,
        reference=reference,
        provision=waits["provision"](),
        activity=activity,
        referred=referred,
        histogram=lambda: waits["waiting"]()["histogram"],
        profiles=waits["profiles"],
        monthly=waits["monthly"],
        snapshot=snapshot,
    )


@st.cache_resource(max_entries=MAX_SHARED_LANDSCAPES, show_spinner=False)
def _landscape(key: str, url: str, version: str, _filters: Filters) -> Landscape:
    return load_landscape(_filters)


def shared_landscape(filters: Filters) -> Landscape:
    """``load_landscape`` once per filters and data version, for the sections being drawn (never changed
    from outside: its derived frames are worked out once and shared). Keyed on the filters spelt out
    (``identity``): Streamlit hashes the Filters object several times more slowly, and a run asks 16 times."""
    return _landscape(identity(filters), *cache.data_key(), filters)


@replayed
def headline(view: LandscapeView) -> None:
    """The fallback warning, the five headline figures (two rows: long labels stay whole at 1280 px)."""
    landscape = shared_landscape(view.filters)
    if not landscape.uses_provision:
        st.warning(FALLBACK_MESSAGE, icon="⚠️")
    kpis = landscape.kpis()
    if view.presenting:  # the figures flow as many to a row as the screen holds
        kpi_row(kpis, presenting=True)
    else:
        kpi_row(kpis[:3], presenting=False)
        kpi_row(kpis[3:], presenting=False)
    disclosure_note()


def treemap_key() -> str:
    """The treemap's widget key; it changes after each click is applied, so a click applies once."""
    return f"landscape_treemap_{st.session_state.get(TREEMAP_ROUND, 0)}"


def _apply_click(event: object) -> None:
    """Set the shared category or intervention filter from a clicked tile, then rerun."""
    points = event["selection"]["points"] if event else []
    chosen = selected_filter(points[0].get("id")) if points else None
    if chosen is None:
        return
    field, code = chosen
    st.session_state[f"filter_{field}"] = [code]
    st.session_state[TREEMAP_ROUND] = st.session_state.get(TREEMAP_ROUND, 0) + 1
    st.rerun()


def parse_measure(raw: str) -> str:
    """The ranked bars' and treemap's measure from the link ("referrals" or "places")."""
    if raw not in SIZE_MEASURES:
        raise ValueError(raw)
    return raw


@replayed
def _tiles(view: LandscapeView, measure: str) -> tuple[str, pd.DataFrame] | None:
    """The measure the tiles are sized by and the treemap's table (None, said so: no tile to draw)."""
    landscape = shared_landscape(view.filters)
    if measure == "places" and not landscape.uses_provision:
        caveat_note("No provision is loaded for this period, so the tiles are sized by referrals.")
        measure = "referrals"
    tiles = landscape.tiles(measure)
    if len(tiles) == 0:
        st.info("No intervention selected had referrals or places in the period.")
        return None
    return measure, treemap_table(tiles, measure=measure)


def _wrapped(label: str, *, width: int = 14) -> str:
    """A tile's label broken into lines of about ``width`` characters (a slide's narrow tiles)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


@shared_figure
def _treemap_figure(view: LandscapeView, measure: str) -> go.Figure:
    tiles = shared_landscape(view.filters).tiles(measure)
    if view.presenting:
        tiles = tiles.assign(label=tiles["label"].map(_wrapped))
    # On a slide a room reads the categories and their totals (interventions open on a click); on the page,
    # the shape, with names only where they can be read (the ranked bars above name every one).
    return treemap_figure(tiles, title=f"Interventions by category, sized by {SIZE_MEASURES[measure].lower()}",
                          font_px=view.font_px, maxdepth=1 if view.presenting else 2,
                          layout={"uniformtext": {"minsize": 20 if view.presenting else 12, "mode": "hide"},
                                  **({"height": SLIDE_CHART_PX} if view.presenting else {})})


def treemap_section(view: LandscapeView) -> None:
    """Category → intervention treemap, sized by the ranked bars' measure; a click filters the page."""
    measure = page_setting("tiles", "referrals", parse=parse_measure)  # chosen above the ranked bars
    drawn = _tiles(view, measure)
    if drawn is None:
        return
    measure, table = drawn
    key = treemap_key()
    event = chart(_treemap_figure(view, measure), key=key, on_select="rerun",
                  caption="Click a category or an intervention to filter the whole dashboard to it "
                          "(the sidebar shows the new filter; clear it there).")
    data_panel(table, key=key, file_name="landscape_treemap.csv")
    _apply_click(event)


def sortable(table: pd.DataFrame) -> Styler:
    """The table for on-screen display: "<5" counts sort by number (``display_table``), whole numbers
    get thousands separators, decimals one place, missing numbers "–"."""
    shown = display_table(table)
    styler = shown if isinstance(shown, Styler) else shown.style
    numbers = styler.data
    decimals = [column for column in numbers.columns
                if pd.api.types.is_float_dtype(numbers[column]) and table[column].dtype != object]
    integers = [column for column in numbers.columns if pd.api.types.is_integer_dtype(numbers[column])]
    return styler.format("{:,.1f}", subset=decimals, na_rep="–").format("{:,}", subset=integers)


@replayed
def _catalogue(view: LandscapeView, search: str) -> bytes:
    table = catalogue_table(shared_landscape(view.filters).catalogue())
    shown = search_catalogue(table, search)
    st.caption(f"{len(shown):,} of {len(table):,} interventions. Click a column heading to sort. Empty cells: "
               "a completion rate on fewer than 10 ended referrals or a median with fewer than 10 waiting is not "
               "shown; places are empty when no provision is loaded.")
    st.dataframe(sortable(shown), width="stretch", hide_index=True, key="landscape_catalogue",
                 column_order=CATALOGUE_ORDER, column_config=CATALOGUE_COLUMNS, row_height=WRAPPED_ROW_PX)
    return csv_bytes(shown)


def catalogue_section(view: LandscapeView) -> None:
    """The searchable, sortable, downloadable catalogue."""
    page_setting("find", "", parse=str)
    [place] = page_controls(1)
    place.text_input("Search the catalogue", placeholder="Name, category, need or provider", **bind("page_find"))
    download_csv(_catalogue(view, st.session_state["page_find"]), file_name="landscape_catalogue.csv",
                 key="landscape_catalogue_download")
