"""The PDU of interest in depth: its profile across indicators (spine chart) and its trend.

Spine rows are oriented so that better is always to the right (the metric layer
mirrors low-is-good indicators); each marker carries its value as text and its
comparison in hover text and the table beside the chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.comparison.style import axis_title
from charts.theme import (
    BASE_FONT_PX,
    COMPARISON_COLOURS,
    DARK_BLUE,
    DARK_GREY,
    TEXT_COLOUR,
    apply_theme,
    themed_figure,
)
from metrics.comparison.indicators import Indicator

RANGE_GREY = "#D9D9D9"
MIDDLE_GREY = "#9E9E9E"
SPINE_ROW_PX = 46


def _span(rows: pd.DataFrame, start: str, end: str, name: str, colour: str) -> dict[str, object]:
    left = rows[[start, end]].min(axis=1)
    right = rows[[start, end]].max(axis=1)
    return dict(type="bar", y=rows["name"], x=right - left, base=left, orientation="h", name=name,
                  marker={"color": colour}, hoverinfo="skip", width=0.6)


def spine_figure(spine: pd.DataFrame, *, pdu_name: str, value_texts: list[str],
                 font_px: int = BASE_FONT_PX) -> go.Figure:
    """One row per indicator: the national range around England and Wales, and the PDU's marker.

    Args:
        spine: from ``metrics.comparison.spine.spine_rows`` (positions in −1…1, better to the right).
        pdu_name: the PDU of interest, for the title and legend.
        value_texts: the PDU's value per row, formatted (with disclosure applied).
    """
    rows = spine.iloc[::-1]
    texts = value_texts[::-1]
    traces = [
        _span(rows, "pos_lowest", "pos_highest", "Range of PDUs (lowest to highest)", RANGE_GREY),
        _span(rows, "pos_q25", "pos_q75", "Middle half of PDUs (25th to 75th percentile)", MIDDLE_GREY),
    ]
    traces.append(dict(
        type="scatter", y=rows["name"], x=rows["pos_value"].fillna(0), mode="markers+text", name=pdu_name,
        text=texts, textposition="top center", textfont={"size": font_px - 2},
        marker={"size": 18, "symbol": "diamond", "color": [COMPARISON_COLOURS[label] for label in rows["comparison"]],
                "line": {"color": TEXT_COLOUR, "width": 1.5}, "opacity": [0.0 if pd.isna(v) else 1.0
                                                                          for v in rows["pos_value"]]},
        hovertext=[f"{name}<br>{pdu_name}: {text}<br>{label}"
                   for name, text, label in zip(rows["name"], texts, rows["comparison"])],
        hoverinfo="text",
    ))
    # The centre line and the direction labels as add_vline and add_annotation would write them, with the
    # traces and the theme in one go.Figure call: each add_* call checked the whole layout again.
    layout = {
        "shapes": [{"type": "line", "line": {"color": TEXT_COLOUR, "width": 2}, "x0": 0, "x1": 0, "xref": "x",
                    "y0": 0, "y1": 1, "yref": "y domain"}],
        "annotations": [{"x": x, "y": 1.0, "xref": "x", "yref": "paper", "yanchor": "bottom", "xanchor": anchor,
                         "text": f"<b>{text}</b>", "showarrow": False, "font": {"size": font_px}}
                        for x, anchor, text in ((-1.15, "left", "◀ Worse (or lower)"), (0, "center", "England and Wales"),
                                                (1.15, "right", "Better (or higher) ▶"))],
    }
    return themed_figure(traces, layout, title=f"{pdu_name}: profile against every PDU in England and Wales",
                         font_px=font_px,
                         finish={"barmode": "overlay", "height": 170 + SPINE_ROW_PX * len(rows), "showlegend": False,
                                 "margin": {"t": 100}},
                         xaxes={"range": [-1.15, 1.15], "showticklabels": False, "showgrid": False, "zeroline": False})


def trend_figure(series: pd.DataFrame, item: Indicator, *, pdu_name: str, benchmark_name: str,
                 font_px: int = BASE_FONT_PX) -> go.Figure:
    """The PDU's value each quarter with 95% whiskers, and the benchmark's value as a dashed line.

    ``series`` comes from ``metrics.comparison.trend.trend_frame``. Quarters without
    full follow-up (``follow_up_complete`` False) are shaded, and the PDU's values
    there are drawn hollow, apart from the line, as not yet comparable.
    """
    ends = pd.to_datetime(series["end"])
    complete = series["follow_up_complete"].astype(bool).to_numpy()
    whiskers = {"type": "data", "symmetric": False, "color": DARK_BLUE, "thickness": 1.5,
                "array": series["value_upper95"] - series["value"],
                "arrayminus": series["value"] - series["value_lower95"]}
    # Traces as dictionaries, given to the figure in one go: each add_trace of a go.Scatter checked it twice.
    traces: list[dict[str, object]] = [dict(
        type="scatter", x=ends, y=series["value"].where(complete), mode="lines+markers", name=pdu_name,
        customdata=series["label"], line={"color": DARK_BLUE, "width": 3}, marker={"size": 10}, error_y=whiskers,
        hovertemplate="%{customdata}<br>" + pdu_name + ": %{y:.1f}<extra></extra>",
    )]
    if not complete.all():
        traces.append(dict(
            type="scatter", x=ends[~complete], y=series["value"][~complete], mode="markers",
            name=f"{pdu_name}: follow-up not complete (not tested)", customdata=series["label"][~complete],
            marker={"size": 10, "symbol": "circle-open", "color": DARK_BLUE, "line": {"width": 2}},
            error_y={**whiskers, "array": whiskers["array"][~complete],
                     "arrayminus": whiskers["arrayminus"][~complete]},
            hovertemplate="%{customdata}<br>" + pdu_name + ": %{y:.1f} (follow-up not complete)<extra></extra>",
        ))
    traces.append(dict(
        type="scatter", x=ends, y=series["benchmark"], mode="lines", name=benchmark_name, customdata=series["label"],
        line={"color": DARK_GREY, "width": 3, "dash": "dash"},
        hovertemplate="%{customdata}<br>" + benchmark_name + ": %{y:.1f}<extra></extra>",
    ))
    figure = go.Figure(data=traces)
    if not complete.all():
        first = ends[~complete].min() - pd.Timedelta(days=45)
        figure.add_vrect(x0=first, x1=ends.max() + pd.Timedelta(days=45), fillcolor=RANGE_GREY, opacity=0.35,
                         line_width=0, layer="below", annotation_text="Follow-up not complete",
                         annotation_position="top left", annotation_font_size=font_px - 4)
    return apply_theme(figure, title=f"{item.name}: {pdu_name} and {benchmark_name}, by quarter", font_px=font_px,
                       layout={"height": 440},
                       xaxes={"title": {"text": "Three months ending"}, "tickformat": "%b %Y", "tickvals": ends},
                       yaxes={"title": {"text": axis_title(item)}, "rangemode": "tozero"})
