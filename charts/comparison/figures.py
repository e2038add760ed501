"""PDU comparison charts: every PDU against its benchmark (bars), and the funnel plot.

Colour follows the comparison label (Fingertips' convention, ``COMPARISON_COLOURS``)
and is never the only carrier of meaning: the legend names each label, hover text
states it, and the same label is in the table beside the chart. Values hidden by
disclosure control are missing in the frames and are not drawn.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.comparison.bar_layout import HEADING_FILL, bar_layout, unit_word
from charts.comparison.funnel_key import key_annotation, key_lines, number_annotations
from charts.comparison.style import (
    axis_title,
    comparison_hover,
    label_order,
    outline_colour,
    unit_title,
)
from charts.theme import BASE_FONT_PX, COMPARISON_COLOURS, DARK_GREY, TEXT_COLOUR, themed_figure
from metrics.comparison.funnel_labels import funnel_numbers
from metrics.comparison.indicators import Indicator
from metrics.comparison.tables import format_value
from metrics.stats.disclosure import shown_counts

ROW_HEIGHT_PX = 26
#: Above this many rows (a slide's dozen fit on one screen) the value scale is drawn at the top as well.
TOP_AXIS_ROWS = 12


def comparison_bar_figure(
    compared: pd.DataFrame,
    item: Indicator,
    *,
    benchmark_name: str,
    pdu_of_interest: str | None = None,
    font_px: int = BASE_FONT_PX,
    label_values: bool = False,
) -> go.Figure:
    """Horizontal bars of every PDU's value (window 0) with 95% whiskers and the benchmark as a black tick.

    ``compared`` comes from ``metrics.comparison.pdu_comparison.compare_pdus``, already limited
    to the PDUs to draw; bars are drawn in its order, top to bottom. With a ``group`` column
    (``metrics.comparison.bar_rows``), each run of rows gets a shaded heading row (a region, or
    "10 best"); with a ``region_name`` column and groups that are not regions, each PDU's region
    follows its name in grey. The value axis is drawn at the top as well as the bottom, and
    the significantly different rows (every row with ``label_values``: a slide, where a room
    cannot hover) have their value and comparison written in the right margin. The colour key
    is the page's one key (``charts.comparison_key``), not a Plotly legend.
    """
    rows = compared[compared["window"] == 0]
    layout = bar_layout(rows, pdu_of_interest)
    traces = []
    for label in label_order(rows["comparison"]):
        part = rows[rows["comparison"] == label]
        traces.append(dict(type="bar",
            y=part["pdu_code"], x=part["value"], orientation="h", name=label,
            marker={"color": COMPARISON_COLOURS[label], "line": {"color": outline_colour(label), "width": 1}},
            showlegend=False,
            error_x={"type": "data", "symmetric": False, "color": TEXT_COLOUR, "thickness": 1.5,
                     "array": part["value_upper95"] - part["value"], "arrayminus": part["value"] - part["value_lower95"]},
            customdata=part["pdu_code"], hovertext=comparison_hover(part, item), hoverinfo="text",
        ))
    traces.append(dict(type="scatter",
        y=rows["pdu_code"], x=rows["benchmark"], mode="markers", name=f"Benchmark: {benchmark_name}",
        showlegend=False, text=rows["pdu_name"],
        marker={"symbol": "line-ns-open", "size": ROW_HEIGHT_PX - 4, "color": TEXT_COLOUR,
                "line": {"width": 3, "color": TEXT_COLOUR}},
        hovertemplate="%{text}<br>Benchmark: %{x:.1f}<extra></extra>",
    ))
    top_axis = len(layout.keys) > TOP_AXIS_ROWS
    if top_axis:  # an invisible copy of the benchmark ticks on a second x axis: the scale again at the top
        traces.append(dict(type="scatter", y=rows["pdu_code"], x=rows["benchmark"], xaxis="x2", mode="markers",
                                 marker={"opacity": 0}, hoverinfo="skip", showlegend=False))
    labelled = rows if label_values else rows[rows["comparison"].astype(str).str.startswith("Significantly")]
    row_px = ROW_HEIGHT_PX * (2 if label_values else 1)
    finish: dict[str, object] = {
        "barmode": "overlay", "height": max(300, 150 + row_px * len(layout.keys)), "bargap": 0.25,
        "margin": {"r": 14 * font_px if len(labelled) else 10,
                   "t": (90 if top_axis else 60) + font_px * (1 + top_axis)},
        "shapes": [{"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": position - 0.5,
                    "y1": position + 0.5, "fillcolor": HEADING_FILL, "line": {"width": 0}, "layer": "below"}
                   for position in layout.heading_positions],
        "annotations": [
            {"x": 1.0, "xref": "paper", "xanchor": "left", "xshift": 10, "y": code, "yref": "y", "showarrow": False,
             "align": "left", "text": f"{format_value(value, item, short=True)} · {label}"}
            for code, value, label in zip(labelled["pdu_code"], labelled["value"], labelled["comparison"], strict=True)],
    }
    if top_axis:
        finish["xaxis2"] = {"overlaying": "x", "side": "top", "matches": "x", "showgrid": False,
                            "tickfont": {"size": font_px}, "automargin": True}
    finish["xaxis"] = {"title": {"text": unit_title(item)}, "rangemode": "tozero"}
    finish["yaxis"] = {"categoryorder": "array", "categoryarray": layout.keys, "tickvals": layout.keys,
                       "ticktext": layout.texts, "range": [-0.6, len(layout.keys) - 0.4]}
    # Traces, theme and layout in one go: adding traces one by one, or each update_layout, checked the figure again.
    return themed_figure(traces, title=f"{item.name}, by {unit_word(rows)}", font_px=font_px, finish=finish)


def funnel_figure(
    units: pd.DataFrame,
    lines: pd.DataFrame,
    item: Indicator,
    *,
    pdu_of_interest: str | None = None,
    centre_name: str = "England and Wales",
    font_px: int = BASE_FONT_PX,
) -> go.Figure:
    """Each PDU's proportion against its denominator, with the centre line and 95%/99.8% limits.

    Args:
        units: PDUs with pdu_code, pdu_name, denominator, value, comparison and
            ``funnel_position``; PDUs without a value shown are left out.
        lines: from ``metrics.stats.funnel.funnel_lines``.
        item: a proportion indicator.
        pdu_of_interest: drawn larger, with its name.

    Only points outside the 99.8% limits are labelled: a number on a leader line, named in
    the key under the chart (``metrics.comparison.funnel_labels``); the page's one comparison
    key names the colours.
        centre_name: what the centre line is (the benchmark).
    """
    traces = [dict(type="scatter", x=lines["denominator"], y=lines[column], mode="lines", name=name,
                         showlegend=name is not None, legendgroup=dash,
                         line={"color": DARK_GREY, "dash": dash, "width": 2}, hoverinfo="skip")
              for column, name, dash in (("upper998", "99.8% limits", "dot"), ("lower998", None, "dot"),
                                         ("upper95", "95% limits", "dash"), ("lower95", None, "dash"),
                                         ("target_pct", f"Centre: {centre_name}", "solid"))]
    shown = units.dropna(subset=["value"])
    centre = float(lines["target_pct"].iloc[0])
    for label in label_order(shown["comparison"]):
        part = shown[shown["comparison"] == label]
        traces.append(dict(type="scatter",
            x=shown_counts(part["denominator"]), y=part["value"], mode="markers", name=label, showlegend=False,
            marker={"color": COMPARISON_COLOURS[label], "line": {"color": TEXT_COLOUR, "width": 1},
                    "size": [18 if code == pdu_of_interest else 11 for code in part["pdu_code"]]},
            customdata=part["pdu_code"], hovertext=comparison_hover(part, item), hoverinfo="text",
        ))
    numbers = funnel_numbers(shown)
    key = key_lines(shown, numbers)
    low = max(0.0, min(shown["value"].min(), lines["lower998"].min()) - 2)
    high = min(100.0, max(shown["value"].max(), lines["upper998"].max()) + 2)
    x_span = float(max(lines["denominator"].max(), shown_counts(shown["denominator"]).max()))
    # Traces, theme and layout in one go: adding traces one by one, or each update_layout, checked the figure again.
    return themed_figure(
        traces, title=f"{item.name} against {item.denominator.lower()} (funnel plot)", font_px=font_px,
        finish={"height": 620 + int(1.5 * font_px * len(key)), "clickmode": "event+select",
                "margin": {"t": 130, "b": 5 * font_px + int(1.5 * font_px * (len(key) + 1))},
                "annotations": [*number_annotations(shown, numbers, centre=centre, pdu_of_interest=pdu_of_interest,
                                                    font_px=font_px, y_range=(low - 1.5, high + 1.5),
                                                    x_span=x_span),
                                key_annotation(key, font_px=font_px)],
                "xaxis": {"title": {"text": f"{item.denominator} (count)"}, "rangemode": "tozero"},
                # Room above and below the points for the rows of labels.
                "yaxis": {"title": {"text": axis_title(item)}, "range": [low - 4, high + 4]}})
