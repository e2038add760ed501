"""The PDU map on PDU comparisons: the chosen indicator per PDU, coloured as Fingertips colours its maps.

Indicators with a better and worse are coloured by their comparison with the
benchmark (95% and 99.8%, the same labels as the bars); those with no judgement by
quintile among all PDUs in England and Wales (so zooming to a region keeps each
PDU's colour). A click makes the PDU the PDU of interest, as a click on the funnel does.
"""

from __future__ import annotations

import pandas as pd

from charts.comparison.style import comparison_hover
from charts.pack.html import PackChart
from charts.theme import COMPARISON_COLOURS
from components.comparison.page import select_pdu
from components.comparison.view import ComparisonView, view_compared, view_shown
from components.pdu_map.common import AREA_COLUMNS, DrawnMap, MapAreas, build_map, count_click, draw_map
from components.pdu_map.palette import QUINTILE_COLOURS
from components.replay import shared_figure
from metrics.comparison.indicators import Indicator
from metrics.comparison.tables import format_value
from metrics.stats.comparison import JUDGED_LABELS
from metrics.stats.quintiles import NO_VALUE, QUINTILE_LABELS, quintile_labels

#: The map's height on a printed pack page (landscape A4 leaves room for the title and caption).
PACK_MAP_HEIGHT_PX = 620


def comparison_areas(every: pd.DataFrame, shown: pd.DataFrame, item: Indicator, *, benchmark_name: str,
                     click_hint: bool = True) -> MapAreas:
    """The map's areas: ``shown`` PDUs (window 0) labelled by comparison, or by quintile among ``every`` PDU
    (``click_hint``: end each hover text with what a click does; not in print)."""
    rows = shown[shown["window"] == 0].reset_index(drop=True)
    hover = comparison_hover(rows, item)
    if item.polarity == "no_judgement":
        period = every[every["window"] == 0]
        quintiles = quintile_labels(period["value"].set_axis(period["pdu_code"]))
        labels = rows["pdu_code"].map(quintiles).fillna(NO_VALUE)
        hover = [f"{text}<br>{label} of all PDUs" for text, label in zip(hover, labels, strict=True)]
        colours, order, how = QUINTILE_COLOURS, [*QUINTILE_LABELS, NO_VALUE], "quintile among all PDUs"
    else:
        labels, colours = rows["comparison"], COMPARISON_COLOURS
        order, how = list(JUDGED_LABELS), f"compared with {benchmark_name}"
    figures = [format_value(value, item, suppressed=bool(hidden))
               for value, hidden in zip(rows["value"], rows.get("suppressed", pd.Series(False, index=rows.index)),
                                        strict=True)]
    hint = "<br><i>Click to make it the PDU of interest</i>" if click_hint else ""
    areas = rows.assign(label=list(labels), figure=figures, hover=[f"{text}{hint}" for text in hover], mark="")
    return MapAreas(areas[AREA_COLUMNS], title=f"{item.name}: map by PDU, {how}", colours=colours,
                    legend_order=order, figure_name=item.name)


def comparison_map_chart(every: pd.DataFrame, shown: pd.DataFrame, item: Indicator, *, benchmark_name: str,
                         pdu_code: str | None, zoomed: bool) -> PackChart:
    """The map for the meeting pack: the same figure, without click hints, and its table."""
    drawn = build_map(comparison_areas(every, shown, item, benchmark_name=benchmark_name, click_hint=False),
                      selected_code=pdu_code, zoomed=zoomed, height_px=PACK_MAP_HEIGHT_PX)
    caption = "Hex map: each hex a local authority district, each PDU its districts together, outlined; regions " \
              "outlined more heavily. Colours as in the bars."
    if not drawn.unmatched.empty:
        caption += f" Not on the map: {', '.join(drawn.unmatched['pdu_name'])}."
    return PackChart(drawn.figure, drawn.table, caption=caption)


@shared_figure
def _drawn(view: ComparisonView) -> DrawnMap:
    every = view_compared(view)[view.item_key]
    spec = comparison_areas(every, view_shown(view), view.item, benchmark_name=view.benchmark_name)
    return build_map(spec, selected_code=view.pdu_code or None, zoomed=bool(view.filters.regions or view.filters.pdus),
                     font_px=view.font_px)


def comparison_map(view: ComparisonView) -> None:
    """The map of the chosen indicator beside the bars; clicking a PDU makes it the PDU of interest."""
    clicked = draw_map(_drawn(view), page="comparison", file_name=f"{view.item_key}_map.csv",
                       caption="Colours as in the bars; hover over a PDU for its figure, interval and comparison. "
                               "Click a PDU to make it the PDU of interest.")
    if clicked and clicked != view.pdu_code:
        count_click()
        select_pdu(clicked)
