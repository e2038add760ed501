"""Data quality by PDU: the PDUs with the highest share of a problem against England and Wales.

Colour follows the comparison label (``COMPARISON_COLOURS``, as on PDU comparisons) and is never
the only carrier of meaning: hover text and the table beside the chart name each label.
Shares hidden by disclosure control are missing in the frame and are not drawn.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import BASE_FONT_PX, COMPARISON_COLOURS, TEXT_COLOUR, apply_theme

ROW_HEIGHT_PX = 28
#: Labels from best to worst, as the key lists them.
_ORDER = ("Significantly better", "Better", "Similar", "Worse", "Significantly worse", "Not compared")


def quality_bar_figure(compared: pd.DataFrame, *, title: str, font_px: int = BASE_FONT_PX) -> go.Figure:
    """Horizontal bars of each PDU's share (%) with its 95% interval; England and Wales as a dashed line.

    ``compared`` is ``metrics.quality.rates.measure_by_pdu``'s frame, already cut to the rows to draw,
    in the order to draw them (top to bottom).
    """
    rows = compared.dropna(subset=["value_pct"]).iloc[::-1]
    figure = go.Figure()
    for label in [label for label in _ORDER if label in set(rows["comparison"])]:
        part = rows[rows["comparison"] == label]
        figure.add_trace(go.Bar(
            y=part["pdu_name"], x=part["value_pct"], orientation="h", name=label,
            marker={"color": COMPARISON_COLOURS[label], "line": {"color": TEXT_COLOUR, "width": 1}},
            error_x={"type": "data", "symmetric": False, "color": TEXT_COLOUR, "thickness": 1.5,
                     "array": part["value_pct_upper95"] - part["value_pct"],
                     "arrayminus": part["value_pct"] - part["value_pct_lower95"]},
            hovertext=[f"<b>{name}</b><br>{value:.1f}% (95% interval {low:.1f} to {high:.1f})<br>{label}"
                       for name, value, low, high in zip(part["pdu_name"], part["value_pct"],
                                                          part["value_pct_lower95"], part["value_pct_upper95"])],
            hoverinfo="text",
        ))
    benchmark = float(compared["benchmark_pct"].iloc[0]) if len(compared) else float("nan")
    if benchmark == benchmark:  # not NaN
        figure.add_vline(x=benchmark, line={"color": TEXT_COLOUR, "dash": "dash", "width": 2},
                         annotation_text=f"England and Wales {benchmark:.1f}%", annotation_position="top",
                         annotation_font_size=font_px)
    apply_theme(figure, title=title, font_px=font_px)
    row_px = ROW_HEIGHT_PX * max(1.0, font_px / BASE_FONT_PX)
    figure.update_layout(barmode="overlay", height=max(320, int(140 + row_px * len(rows))), bargap=0.25,
                         showlegend=False)  # the page's one key names the colours
    figure.update_xaxes(title_text="Share of records with the problem (%)", rangemode="tozero")
    figure.update_yaxes(categoryorder="array", categoryarray=list(rows["pdu_name"]))
    return figure
