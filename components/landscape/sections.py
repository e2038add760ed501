"""Landscape page sections: where needs can be met, provision against demand, trend
(providers: ``components.landscape.commissioning``).

Charts, tables and words are drawn once per view and settings and replayed
(``components.replay``); the pickers, data panels and downloads are drawn live.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.landscape.figures import NAMED_POINTS, category_trend_figure, demand_figure
from charts.landscape.matrix import ALERT_MARK, availability_figure
from components.blocks import caveat_note, chart, csv_bytes, data_panel, download_csv
from components.landscape.columns import (
    AVAILABILITY_COLUMNS,
    AVAILABILITY_ORDER,
    DEMAND_COLUMNS,
    WRAPPED_ROW_PX,
)
from components.landscape.page import LandscapeView, shared_landscape, sortable
from components.presentation import page_controls
from components.replay import replayed
from components.url_state import bind, page_setting
from metrics.landscape.gaps import MAX_PDUS_IN_MATRIX
from metrics.landscape.model import Landscape
from metrics.landscape.tables import (
    availability_table,
    demand_chart_frame,
    demand_table,
    largest_excess_sentence,
)
from metrics.landscape.trend import monthly_by_category, trend_chart_frame, trend_table
from metrics.landscape.utilisation import DEFAULT_DEMAND_MARGIN_PCT, GROUPINGS
from vocabulary.definitions import DEFAULT_WAIT_TARGET_WEEKS


def area_names(landscape: Landscape, column: str) -> dict[str, str]:
    """Display names of the codes in ``column`` (PDUs, regions or interventions), by code."""
    if column == "intervention_code":
        frame = landscape.interventions[["intervention_code", "intervention_name"]]
    elif column == "region_code":
        frame = landscape.pdus[["region_code", "region_name"]].drop_duplicates()
    else:
        frame = landscape.pdus[["pdu_code", "pdu_name"]]
    return dict(zip(frame.iloc[:, 0], frame.iloc[:, 1]))


@replayed
def _availability_chart(view: LandscapeView) -> pd.DataFrame:
    landscape = shared_landscape(view.filters)
    unit, details = landscape.matrix_unit, landscape.availability_details()
    names = area_names(landscape, unit)
    if unit == "region_code":
        caveat_note(f"More than {MAX_PDUS_IN_MATRIX} PDUs are selected, so each column is a region: a cell counts "
                    "the interventions available anywhere in the region and says how many of its PDUs have a gap. "
                    "Choose a region in the sidebar to see its PDUs.")
    chart(availability_figure(details, unit=unit, unit_names=names, font_px=view.font_px), key="landscape_matrix",
          caption=f"Hover over a cell for the interventions and their current median waits. {ALERT_MARK} = an "
          f"accredited programme for this need has a median wait over {DEFAULT_WAIT_TARGET_WEEKS} weeks here, but a "
          "structured intervention or CRS service for it is available. M / W = only interventions for men / women "
          "meet the need here.")
    return availability_table(details, unit=unit, unit_names=names,
                              intervention_names=area_names(landscape, "intervention_code"))


@replayed
def _availability_flags(view: LandscapeView) -> None:
    flagged = int(shared_landscape(view.filters).availability_details()["long_wait_alternative"].sum())
    if flagged:
        st.markdown(f"**{flagged:,}** need and area cells have long programme waits with an alternative "
                    f"available ({ALERT_MARK}).")


def availability_section(view: LandscapeView) -> None:
    """The need × area matrix with gaps, gender-limited cells and long programme waits marked."""
    data_panel(_availability_chart(view), key="landscape_matrix", file_name="landscape_availability.csv",
               column_config=AVAILABILITY_COLUMNS, column_order=AVAILABILITY_ORDER, row_height=WRAPPED_ROW_PX)
    _availability_flags(view)


def _parse_grouping(raw: str) -> str:
    if raw not in GROUPINGS:
        raise ValueError(raw)
    return raw


#: What the demand chart's rows are, in words, by the column they are grouped on.
_UNITS = {"pdu_code": "PDUs", "category": "categories", "intervention_code": "interventions"}


@replayed
def _demand(view: LandscapeView, by: str, margin_pct: int) -> tuple[pd.DataFrame, bytes | None]:
    """The demand chart (or, without places, its table); returns the table and, without places, its CSV."""
    landscape = shared_landscape(view.filters)
    demand = landscape.demand(by, margin_pct=margin_pct)
    names = area_names(landscape, by) if by != "category" else {}
    table = demand_table(demand, by=by, names=names)
    if any(landscape.filters.person_filters.values()):
        caveat_note("Places have no people in them: the people filters narrow referrals, starts and people with "
                    "the need, not places, so utilisation shows these people's use of all the places.")
    if not landscape.uses_provision:
        st.info("Places are not loaded for this period, so only referrals and people with the need are shown.")
        st.dataframe(sortable(table), width="stretch", hide_index=True, column_config=DEMAND_COLUMNS)
        return table, csv_bytes(table)
    flagged = int(demand["demand_exceeds_places"].sum())
    chart(demand_figure(demand_chart_frame(demand, by=by, names=names), margin_pct=margin_pct, font_px=view.font_px),
          key="landscape_demand",
          caption=f"{flagged:,} of {len(demand):,} {_UNITS[by]} have more referrals per month than places by more than "
          f"{margin_pct}% (orange diamonds; the {NAMED_POINTS} furthest above their places are numbered and named "
          "below the chart). "
          "Utilisation = starts per month ÷ places per month.")
    return table, None


@replayed
def _largest_excess(view: LandscapeView, by: str, margin_pct: int) -> None:
    landscape = shared_landscape(view.filters)
    demand = landscape.demand(by, margin_pct=margin_pct)
    names = area_names(landscape, by) if by != "category" else {}
    largest = largest_excess_sentence(demand_chart_frame(demand, by=by, names=names), count=NAMED_POINTS)
    if largest:
        st.markdown(largest)


def demand_section(view: LandscapeView) -> None:
    """Places against referrals and people with the need, utilisation and the demand flag."""
    by = GROUPINGS[page_setting("compare", "pdu", parse=_parse_grouping)][0]
    margin_pct = page_setting("margin", DEFAULT_DEMAND_MARGIN_PCT, parse=int)
    left, right = page_controls([1, 1])
    with left:
        st.radio("Compare by", options=list(GROUPINGS), format_func=lambda key: GROUPINGS[key][1], horizontal=True,
                 **bind("page_compare"))
    with right:
        st.slider("Flag where referrals per month exceed places per month by more than (%)", 0, 100, step=5,
                  **bind("page_margin"))
    table, without_places = _demand(view, by, margin_pct)
    if without_places is not None:
        download_csv(without_places, file_name="landscape_demand.csv", key="landscape_demand_download")
        return
    data_panel(table, key="landscape_demand", file_name="landscape_demand.csv", column_config=DEMAND_COLUMNS)
    _largest_excess(view, by, margin_pct)


@replayed
def _trend_chart(view: LandscapeView) -> pd.DataFrame | None:
    landscape = shared_landscape(view.filters)
    grid = monthly_by_category(landscape.monthly, landscape.filters.period_start, landscape.filters.period_end)
    if grid.empty:
        st.info("No referrals for these filters in the period.")
        return None
    chart(category_trend_figure(trend_chart_frame(grid), font_px=view.font_px), key="landscape_trend")
    return trend_table(grid)


def trend_section(view: LandscapeView) -> None:
    """Referrals per month by category over the period."""
    table = _trend_chart(view)
    if table is not None:
        data_panel(table, key="landscape_trend", file_name="landscape_referrals_by_category.csv")
