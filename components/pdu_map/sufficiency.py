"""The PDU map on Sufficiency gaps: the chosen measure for one need in each PDU against the benchmark.

Labels and colours are the PDU × need matrix's (neutral wording: higher / lower); a
click sets the PDU and need filters, as a click on a matrix cell does.
"""

from __future__ import annotations

import pandas as pd

from charts.theme import COMPARISON_COLOURS
from components import cache
from components.pdu_map.common import AREA_COLUMNS, DrawnMap, MapAreas, build_map, count_click, draw_map
from components.pdu_map.need import map_need, set_pdu_filter
from components.replay import shared_figure
from components.sufficiency.page import SufficiencyView, view_data
from metrics.stats.comparison import NEUTRAL_LABELS, NOT_COMPARED
from metrics.stats.disclosure import SUPPRESSED_PERCENT, format_count, format_percent
from metrics.sufficiency.benchmark import benchmark_name
from metrics.sufficiency.gaps import compared_cells
from metrics.sufficiency.measures import Measure, in_area
from vocabulary.definitions import NEEDS, code_label


def _hover(row: object, measure: Measure, benchmark: str) -> str:
    total, count = row.denominator_count, row.numerator_count
    interval = (f"{format_percent(row.value_pct_lower95, total, numerator=count)} to "
                f"{format_percent(row.value_pct_upper95, total, numerator=count)}")
    return (f"<b>{row.pdu_name}</b> · {code_label(row.need_code)}<br>{measure.label}: "
            f"{format_percent(row.value_pct, total)} (95% interval {interval})<br>{format_count(count)} of "
            f"{format_count(total)}<br>{benchmark}: {format_percent(row.benchmark_pct, row.benchmark_denominator_count)}"
            f"<br><b>{row.label}</b><br><i>Click to filter to this PDU and need</i>")


def sufficiency_areas(cells: pd.DataFrame, measure: Measure, need_code: str, *, pdus: pd.DataFrame,
                      benchmark: str) -> MapAreas:
    """One need's PDU cells (from ``compared_cells``) for every PDU in ``pdus`` (``pdu_code``, ``pdu_name``) as
    map areas; a suppressed percentage, or a PDU with no record of the need, is "Not compared"."""
    rows = pdus[["pdu_code", "pdu_name"]].merge(cells[cells["need_code"] == need_code].drop(columns="region_code"),
                                               on="pdu_code", how="left")
    rows = rows.assign(need_code=need_code, comparison=rows["comparison"].fillna(NOT_COMPARED),
                       region_code=rows["pdu_code"].map(dict(zip(pdus["pdu_code"], pdus["region_code"], strict=True))))
    figures = [format_percent(value, total) for value, total in zip(rows["value_pct"], rows["denominator_count"],
                                                                     strict=True)]
    rows["figure"] = figures
    rows["label"] = rows["comparison"].where([text != SUPPRESSED_PERCENT for text in figures], NOT_COMPARED)
    name = benchmark_name(benchmark)
    rows["hover"] = [_hover(row, measure, name) for row in rows.itertuples()]
    rows["mark"] = ""
    return MapAreas(rows[AREA_COLUMNS], title=f"{measure.label} for {code_label(need_code).lower()}: map by PDU, "
                                              f"compared with {benchmark_name(benchmark, in_sentence=True)} (%)",
                    colours=COMPARISON_COLOURS, legend_order=NEUTRAL_LABELS, figure_name=f"{measure.label} (%)")


@shared_figure
def _drawn(view: SufficiencyView, need_code: str) -> DrawnMap:
    data = view_data(view)
    cells = compared_cells(data.area, data.population, data.measure, benchmark=data.benchmark)
    spec = sufficiency_areas(cells, data.measure, need_code, pdus=in_area(cache.load_filter_options()["pdus"],
                                                                          view.filters), benchmark=data.benchmark)
    return build_map(spec, zoomed=bool(view.filters.regions or view.filters.pdus), font_px=view.font_px)


def sufficiency_map(view: SufficiencyView) -> None:
    """The map of the chosen measure for a chosen need; a click filters the page to that PDU and need."""
    needs = tuple(code for code in NEEDS if not view.filters.needs or code in view.filters.needs)
    need_code = map_need(needs)
    if need_code is None:
        return
    clicked = draw_map(_drawn(view, need_code), page="sufficiency", file_name=f"{view.measure_key}_{need_code}_map.csv",
                       caption="Each PDU's share for this need against the benchmark; PDUs on fewer than 10 people "
                               "are not compared. Click a PDU to filter the page to it and this need.")
    if clicked:
        count_click()
        set_pdu_filter(clicked, need_code=need_code)
