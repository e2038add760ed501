"""The Landscape page's part of the meeting pack (see components/pack/sections.py).

It gathers what components/landscape/page.py and components/landscape/sections.py draw,
through the same functions, with the page's settings in force in this session.
"""

from __future__ import annotations

import pandas as pd

from charts.landscape.figures import NAMED_POINTS, category_trend_figure, demand_figure, treemap_figure
from charts.landscape.matrix import availability_figure, providers_figure
from charts.pack.html import PackChart, PackSection
from components.landscape.page import FALLBACK_MESSAGE, load_landscape
from components.landscape.sections import area_names
from components.pack.common import definitions_of, page_setting_in_force
from metrics.landscape.catalogue import catalogue_table
from metrics.landscape.headline import DEFINITION_HEADINGS
from metrics.landscape.model import Landscape
from metrics.landscape.providers import provider_outcomes
from metrics.landscape.tables import (
    availability_table,
    demand_chart_frame,
    demand_table,
    largest_excess_sentence,
    provider_chart_rows,
    provider_table,
)
from metrics.landscape.treemap import SIZE_MEASURES, treemap_frame, treemap_table
from metrics.landscape.trend import monthly_by_category, trend_chart_frame, trend_table
from metrics.landscape.utilisation import DEFAULT_DEMAND_MARGIN_PCT, GROUPINGS
from vocabulary.scope import Filters


def _treemap(landscape: Landscape) -> list[PackChart]:
    measure = page_setting_in_force("tiles", "referrals", allowed=SIZE_MEASURES)
    if measure == "places" and not landscape.uses_provision:
        measure = "referrals"
    tiles = treemap_frame(landscape.catalogue(), measure=measure)
    if len(tiles) == 0:
        return []
    title = f"Interventions by category, sized by {SIZE_MEASURES[measure].lower()}"
    return [PackChart(treemap_figure(tiles, title=title), treemap_table(tiles, measure=measure))]


def _availability(landscape: Landscape) -> PackChart:
    unit, details = landscape.matrix_unit, landscape.availability_details()
    names = area_names(landscape, unit)
    return PackChart(
        availability_figure(details, unit=unit, unit_names=names),
        availability_table(details, unit=unit, unit_names=names,
                           intervention_names=area_names(landscape, "intervention_code")),
    )


def _demand(landscape: Landscape) -> tuple[list[PackChart], list[tuple[str, pd.DataFrame]]]:
    """The demand chart with its table, or (no provision loaded) the table alone."""
    by = GROUPINGS[page_setting_in_force("compare", "pdu", allowed=GROUPINGS)][0]
    margin_pct = page_setting_in_force("margin", DEFAULT_DEMAND_MARGIN_PCT)
    demand = landscape.demand(by, margin_pct=margin_pct)
    names = area_names(landscape, by) if by != "category" else {}
    table = demand_table(demand, by=by, names=names)
    if not landscape.uses_provision:
        return [], [("Provision against demand (places not loaded)", table)]
    chart_rows = demand_chart_frame(demand, by=by, names=names)
    caption = largest_excess_sentence(chart_rows, count=NAMED_POINTS)
    return [PackChart(demand_figure(chart_rows, margin_pct=margin_pct), table, caption)], []


def _providers_and_trend(landscape: Landscape) -> list[PackChart]:
    charts = []
    providers = provider_outcomes(landscape.activity, landscape.interventions)
    if not providers.empty:
        charts.append(PackChart(providers_figure(provider_chart_rows(providers)), provider_table(providers)))
    grid = monthly_by_category(landscape.monthly, landscape.filters.period_start, landscape.filters.period_end)
    if not grid.empty:
        charts.append(PackChart(category_trend_figure(trend_chart_frame(grid)), trend_table(grid)))
    return charts


def landscape_section(filters: Filters) -> PackSection:
    """Landscape: headline figures, treemap, availability matrix, demand, providers, trend, catalogue."""
    landscape = load_landscape(filters)
    notes = [] if landscape.uses_provision else [FALLBACK_MESSAGE.replace("**", "").replace("*", "")]
    demand_charts, demand_tables = _demand(landscape)
    return PackSection(
        "Landscape",
        kpis=landscape.kpis(),
        notes=notes,
        charts=[*_treemap(landscape), _availability(landscape), *demand_charts, *_providers_and_trend(landscape)],
        tables=demand_tables,
        full_tables=[("Catalogue of interventions", catalogue_table(landscape.catalogue()))],
        definitions=definitions_of(DEFINITION_HEADINGS),
    )
