"""PDU comparison charts: every PDU against its benchmark (bars), and the funnel plot.

Colour follows the comparison label (Fingertips' convention, ``COMPARISON_COLOURS``)
and is never the only carrier of meaning: the legend names each label, hover text
states it, and the same label is in the table beside the chart. Values hidden by
disclosure control are missing in the frames and are not drawn.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.comparison.style import (
    axis_title,
    comparison_hover,
    highlight_tick_labels,
    label_order,
    outline_colour,
    unit_title,
)
from charts.theme import BASE_FONT_PX, COMPARISON_COLOURS, DARK_GREY, TEXT_COLOUR, apply_theme
from metrics.comparison.indicators import Indicator
from metrics.comparison.tables import format_value
from metrics.stats.disclosure import shown_counts
from metrics.stats.funnel import OUTSIDE

ROW_HEIGHT_PX = 26


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
    to the PDUs in scope; bars are drawn in its order, top to bottom. The colour key
    is the page's one key (``charts.comparison_key``), not a Plotly legend. With ``label_values`` (a slide: a room cannot hover) each
    bar's value and comparison are written beside it.
    """
    rows = compared[compared["window"] == 0].iloc[::-1]
    figure = go.Figure()
    for label in label_order(rows["comparison"]):
        part = rows[rows["comparison"] == label]
        figure.add_trace(go.Bar(
            y=part["pdu_name"], x=part["value"], orientation="h", name=label,
            marker={"color": COMPARISON_COLOURS[label], "line": {"color": outline_colour(label), "width": 1}},
            showlegend=False,
            error_x={"type": "data", "symmetric": False, "color": TEXT_COLOUR, "thickness": 1.5,
                     "array": part["value_upper95"] - part["value"], "arrayminus": part["value"] - part["value_lower95"]},
            customdata=part["pdu_code"], hovertext=comparison_hover(part, item), hoverinfo="text",
        ))
    figure.add_trace(go.Scatter(
        y=rows["pdu_name"], x=rows["benchmark"], mode="markers", name=f"Benchmark: {benchmark_name}",
        showlegend=False,
        marker={"symbol": "line-ns-open", "size": ROW_HEIGHT_PX - 4, "color": TEXT_COLOUR,
                "line": {"width": 3, "color": TEXT_COLOUR}},
        hovertemplate="%{y}<br>Benchmark: %{x:.1f}<extra></extra>",
    ))
    apply_theme(figure, title=f"{item.name}, by PDU", font_px=font_px)
    row_px = ROW_HEIGHT_PX * (2 if label_values else 1)
    figure.update_layout(barmode="overlay", height=max(300, 110 + row_px * len(rows)), bargap=0.25)
    if label_values:  # each value and its word in the right margin, clear of the whiskers
        figure.update_layout(margin={"r": 14 * font_px}, annotations=[
            {"x": 1.0, "xref": "paper", "xanchor": "left", "xshift": 10, "y": name, "yref": "y", "showarrow": False,
             "align": "left", "text": f"{format_value(value, item, short=True)} · {label}"}
            for name, value, label in zip(rows["pdu_name"], rows["value"], rows["comparison"], strict=True)])
    figure.update_xaxes(title_text=unit_title(item), rangemode="tozero")
    figure.update_yaxes(categoryorder="array", categoryarray=list(rows["pdu_name"]),
                        tickvals=list(rows["pdu_name"]), range=[-0.6, len(rows) - 0.4],
                        ticktext=highlight_tick_labels(rows, pdu_of_interest))
    return figure


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
        centre_name: what the centre line is (the benchmark).
    """
    figure = go.Figure()
    for column, name, dash in (("upper998", "99.8% limits", "dot"), ("lower998", None, "dot"),
                               ("upper95", "95% limits", "dash"), ("lower95", None, "dash"),
                               ("target_pct", f"Centre: {centre_name}", "solid")):
        figure.add_trace(go.Scatter(
            x=lines["denominator"], y=lines[column], mode="lines", name=name, showlegend=name is not None,
            legendgroup=dash, line={"color": DARK_GREY, "dash": dash, "width": 2}, hoverinfo="skip",
        ))
    shown = units.dropna(subset=["value"])
    named = (shown["funnel_position"] == OUTSIDE) | (shown["pdu_code"] == pdu_of_interest)
    above = shown["value"] >= lines["target_pct"].iloc[0]
    for label in label_order(shown["comparison"]):
        part = shown[shown["comparison"] == label]
        figure.add_trace(go.Scatter(
            x=shown_counts(part["denominator"]), y=part["value"], mode="markers+text", name=label,
            text=part["pdu_name"].where(named[part.index], ""),
            textposition=["top center" if high else "bottom center" for high in above[part.index]],
            textfont={"size": font_px - 3},
            marker={"color": COMPARISON_COLOURS[label], "line": {"color": TEXT_COLOUR, "width": 1},
                    "size": [18 if code == pdu_of_interest else 11 for code in part["pdu_code"]]},
            customdata=part["pdu_code"], hovertext=comparison_hover(part, item), hoverinfo="text",
        ))
    apply_theme(figure, title=f"{item.name} against {item.denominator.lower()} (funnel plot)", font_px=font_px)
    figure.update_layout(height=620, clickmode="event+select", margin={"t": 130})
    figure.update_xaxes(title_text=f"{item.denominator} (count)", rangemode="tozero")
    low = min(shown["value"].min(), lines["lower998"].min())
    high = max(shown["value"].max(), lines["upper998"].max())
    figure.update_yaxes(title_text=axis_title(item), range=[max(0.0, low - 4), min(100.0, high + 4)])
    return figure
