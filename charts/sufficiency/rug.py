"""The PDU × need "tartan rug": one cell per PDU and need, coloured by its comparison with the
benchmark and marked with a symbol, so the colour never carries the meaning alone.

A heatmap paints the cells; an invisible marker layer on top carries the text,
the hover and the click (Plotly selects markers, not heatmap cells), with
``customdata`` = (pdu_code, need_code).
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from charts.theme import BASE_FONT_PX, COMPARISON_COLOURS, apply_theme
from metrics.stats.comparison import NEUTRAL_LABELS
from metrics.stats.disclosure import format_count, format_percent

#: Comparison label -> the symbol printed in the cell (the page's comparison key gives the words).
SYMBOLS: Final[dict[str, str]] = {
    "Significantly higher": "▲▲",
    "Higher": "▲",
    "Similar": "",
    "Lower": "▼",
    "Significantly lower": "▼▼",
    "Not compared": "",
}
_DARK_FILLS: Final = frozenset({"Significantly higher", "Significantly lower"})
ROW_PX: Final = 30
PDU_LABEL_CHARS: Final = 30
#: Column headings: contract names, the long ones in their usual short forms (hover gives them in full).
SHORT_NEED_LABELS: Final[dict[str, str]] = {
    "ete": "ETE", "lifestyle": "Lifestyle", "drugs": "Drugs", "alcohol": "Alcohol",
}
TOP_PX: Final = 230
#: Grids taller than this many rows (about a screen) repeat the need names underneath.
REPEAT_AXIS_ROWS: Final = 20
BOTTOM_AXIS_PX: Final = 150
LEGEND_TOP_PX: Final = 48


def _cell_text(row: object) -> str:
    """The whole-number percent (the title states the unit) and the comparison symbol."""
    value = format_percent(row.value_pct, row.denominator_count, decimals=0)
    value = "–" if value == "suppressed" else value.removesuffix("%")
    symbol = SYMBOLS.get(row.comparison, "")
    return f"{value} {symbol}".strip()


def _short_pdu(name: str, width: int = PDU_LABEL_CHARS) -> str:
    """A PDU name cut to fit beside the grid; the hover gives it in full."""
    return name if len(name) <= width else f"{name[:width - 1].rstrip(' ,')}…"


def _hover(row: object, measure_label: str, benchmark_name: str, click_hint: str) -> str:
    """Hover text for one cell (a row from ``itertuples``), with disclosure control."""
    total, count = row.denominator_count, row.numerator_count
    return (
        f"<b>{row.row}</b> · {row.need}<br>{measure_label}: {format_percent(row.value_pct, total)}"
        f"<br>95% CI {format_percent(row.value_pct_lower95, total, numerator=count)} to "
        f"{format_percent(row.value_pct_upper95, total, numerator=count)}"
        f"<br>99.8% CI {format_percent(row.value_pct_lower998, total, numerator=count)} to "
        f"{format_percent(row.value_pct_upper998, total, numerator=count)}"
        f"<br>{format_count(row.numerator_count)} of {format_count(total)}"
        f"<br>{benchmark_name[:1].upper()}{benchmark_name[1:]}: "
        f"{format_percent(row.benchmark_pct, row.benchmark_denominator_count)}"
        f"<br><b>{row.comparison}</b><br><i>{click_hint}</i>"
    )


def _with_axis_labels(cells: pd.DataFrame) -> pd.DataFrame:
    """Add ``heading`` (column label), ``row_label`` (row name, cut to fit) and ``level`` (comparison as 0-5)."""
    headings = [SHORT_NEED_LABELS.get(code, need) for code, need in zip(cells["need_code"], cells["need"])]
    labelled = cells.assign(heading=headings, level=cells["comparison"].map(list(NEUTRAL_LABELS).index),
                            row_label=cells["row"].map(_short_pdu))
    if labelled["row_label"].nunique() < labelled["row"].nunique():  # two names cut to the same text
        labelled["row_label"] = labelled["row"]
    return labelled


def _row_order(cells: pd.DataFrame) -> list[str]:
    """The grid's rows top to bottom: row labels, each region's under a bold header row with its name
    (when ``group`` is given), so the labels take height rather than the grid's width."""
    rows = cells.drop_duplicates("row_label")
    if "group" not in rows or rows["group"].isna().any():
        return list(rows["row_label"])
    order: list[str] = []
    for group, members in rows.groupby("group", sort=False):
        order += [_group_header(str(group)), *members["row_label"]]
    return order


def _group_header(group: str) -> str:
    return f"<b>{group}</b>"


def _cell_traces(cells: pd.DataFrame, measure_label: str, benchmark_name: str, font_px: int,
                 click_hint: str) -> list[go.Scatter]:
    """The clickable, hoverable marker layer, then the cell text in white (dark fills) and black."""
    rows = list(cells.itertuples(index=False))
    traces = [go.Scatter(
        x=cells["heading"], y=cells["row_label"], mode="markers", showlegend=False,
        marker={"symbol": "square", "size": ROW_PX - 4, "opacity": 0.01, "color": "#FFFFFF"},
        customdata=cells[["row_code", "need_code"]].to_numpy(),
        hovertext=[_hover(row, measure_label, benchmark_name, click_hint) for row in rows], hoverinfo="text",
        hoverlabel={"align": "left"},
    )]
    texts = [_cell_text(row) for row in rows]
    dark = cells["comparison"].isin(_DARK_FILLS).to_numpy()
    for on_dark, colour in ((True, "#FFFFFF"), (False, "#0B0C0C")):  # one text colour per trace: quick to build
        keep = dark == on_dark
        traces.append(go.Scatter(
            x=cells["heading"][keep], y=cells["row_label"][keep], mode="text", showlegend=False,
            text=[text for text, kept in zip(texts, keep) if kept], hoverinfo="skip",
            textfont={"color": colour, "size": font_px - 4},
        ))
    return traces


def _lay_out(rows: int, needs: int, font_px: int) -> dict[str, object]:
    """Top to bottom: title, legend, need names, grid (legend y is a fraction of the grid's height); as one
    layout update laid over the theme."""
    plot_px = ROW_PX * max(rows, 1)
    bottom_px = BOTTOM_AXIS_PX if rows > REPEAT_AXIS_ROWS else 20
    return {
        "height": plot_px + TOP_PX + bottom_px + 20, "clickmode": "event+select", "dragmode": False,
        "margin": {"t": TOP_PX, "b": bottom_px},
        "title": {"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}},
        "legend": {"y": 1 + (TOP_PX - LEGEND_TOP_PX) / plot_px, "yanchor": "top", "font": {"size": font_px - 2}},
        "xaxis": {"side": "top", "title": {"text": None}, "showgrid": False, "fixedrange": True, "tickangle": -35,
                  "tickfont": {"size": font_px - 2}, "range": [-0.5, needs - 0.5]},
        # Fixed ranges: the marker layer's padding would otherwise add empty rows above and below the grid.
        "yaxis": {"title": {"text": None}, "range": [rows - 0.5, -0.5], "showgrid": False, "fixedrange": True,
                  "tickfont": {"size": font_px - 2}},
    }


def _axis_below(needs: list[str], font_px: int) -> tuple[go.Scatter, dict[str, object]]:
    """The need names again under a long grid, so a column can be named wherever the reader is: the trace
    that holds the axis, and the axis."""
    trace = go.Scatter(x=needs, y=[None] * len(needs), xaxis="x2", mode="markers", showlegend=False,
                       hoverinfo="skip")
    return trace, {
        "overlaying": "x", "side": "bottom", "type": "category", "categoryorder": "array",
        "categoryarray": needs, "range": [-0.5, len(needs) - 0.5], "tickangle": 35, "showgrid": False,
        "fixedrange": True, "tickfont": {"size": font_px - 2}, "zeroline": False,
    }


def tartan_rug_figure(
    cells: pd.DataFrame,
    *,
    measure_label: str,
    benchmark_name: str,
    font_px: int = BASE_FONT_PX,
    row_word: str = "PDU",
    click_hint: str = "Click to filter to this PDU and need",
) -> go.Figure:
    """The PDU (or region) × need matrix.

    ``cells``: one row per row and need in display order with ``row`` (its name),
    ``row_code``, optional ``group`` (a region name: rows are then grouped under a
    header row naming their region), ``need`` and ``need_code``, ``value_pct`` with its limits,
    ``numerator_count``, ``denominator_count``, ``benchmark_pct``,
    ``benchmark_denominator_count`` and ``comparison``. Over ``REPEAT_AXIS_ROWS``
    rows the need names are repeated under the grid.
    """
    cells = _with_axis_labels(cells)
    labels = _row_order(cells)
    needs = list(dict.fromkeys(cells["heading"]))
    grid = cells.pivot(index="row_label", columns="heading", values="level").reindex(index=labels, columns=needs)
    traces = [go.Heatmap(
        z=grid.values, x=needs, y=labels, zmin=0, zmax=len(NEUTRAL_LABELS) - 1,
        colorscale=_bands(list(NEUTRAL_LABELS)), showscale=False, xgap=3, ygap=3, hoverinfo="skip",
    ), *_cell_traces(cells, measure_label, benchmark_name, font_px, click_hint)]  # the page's one key names the colours
    layout = _lay_out(len(labels), len(needs), font_px)
    if len(labels) > REPEAT_AXIS_ROWS:
        axis_trace, layout["xaxis2"] = _axis_below(needs, font_px)
        traces.append(axis_trace)
    # Built in one go and laid out in one update: Plotly's one-at-a-time methods took a third of its time.
    figure = go.Figure(data=traces)
    apply_theme(figure, title=f"{measure_label} by {row_word} and need (%), each cell against {benchmark_name}",
                font_px=font_px)
    figure.update_layout(layout)
    return figure


def _bands(order: list[str]) -> list[list[object]]:
    """A stepped colour scale: level i (0-based) paints exactly COMPARISON_COLOURS[order[i]]."""
    count = len(order)
    bands: list[list[object]] = []
    for index, label in enumerate(order):
        colour = COMPARISON_COLOURS[label]
        bands.append([index / count, colour])
        bands.append([(index + 1) / count, colour])
    return bands
