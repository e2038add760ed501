"""The PDU map on Landscape: "where can this need be met here?", as interventions available per PDU.

A PDU with no available intervention for the need (a gap) is red with a cross on it.
Counts of interventions are not counts of people, so no suppression applies (the
availability matrix shows them too). A click sets the PDU filter, as the treemap sets its filters.
"""

from __future__ import annotations

import pandas as pd

from components.landscape.page import LandscapeView, shared_landscape
from components.pdu_map.common import AREA_COLUMNS, DrawnMap, MapAreas, build_map, count_click, draw_map
from components.pdu_map.need import map_need, set_pdu_filter
from components.pdu_map.palette import COUNT_BANDS, COUNT_COLOURS, GAP, GAP_MARK, count_band
from components.replay import shared_figure
from vocabulary.definitions import code_label


def landscape_areas(grid: pd.DataFrame, pdus: pd.DataFrame, need_code: str) -> MapAreas:
    """One need's rows of the need × PDU grid (``Landscape.need_grid``) as map areas, gaps marked."""
    rows = grid[grid["need_code"] == need_code].merge(pdus[["pdu_code", "pdu_name"]], on="pdu_code")
    rows = rows.reset_index(drop=True)
    counts = rows["intervention_count"].astype(int)
    rows["label"] = counts.map(count_band)
    rows["figure"] = counts.astype(str)
    need = code_label(need_code).lower()
    rows["hover"] = [f"<b>{name}</b><br>Interventions available for {need}: {count}"
                     f"{'<br><b>A gap: none available here</b>' if count == 0 else ''}"
                     "<br><i>Click to filter to this PDU</i>"
                     for name, count in zip(rows["pdu_name"], counts, strict=True)]
    rows["mark"] = [GAP_MARK if label == GAP else "" for label in rows["label"]]
    return MapAreas(rows[AREA_COLUMNS], title=f"Interventions available for {need}: map by PDU (count; "
                                              f"{GAP_MARK} = none, a gap)",
                    colours=COUNT_COLOURS, legend_order=[label for label, _ in COUNT_BANDS],
                    figure_name="Interventions available")


@shared_figure
def _drawn(view: LandscapeView, need_code: str) -> DrawnMap:
    landscape = shared_landscape(view.filters)
    spec = landscape_areas(landscape.need_grid(), landscape.pdus, need_code)
    return build_map(spec, zoomed=bool(view.filters.regions or view.filters.pdus), font_px=view.font_px)


def landscape_map(view: LandscapeView) -> None:
    """The map of interventions available for a chosen need per PDU; a click filters to the PDU."""
    need_code = map_need(shared_landscape(view.filters).needs_in_scope)
    if need_code is None:
        return
    clicked = draw_map(_drawn(view, need_code), page="landscape", file_name=f"landscape_{need_code}_map.csv",
                       caption="Interventions available in each PDU that address this need (the availability rule "
                               "in the definitions). Click a PDU to filter the dashboard to it.")
    if clicked:
        count_click()
        set_pdu_filter(clicked)
