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
from metrics.comparison import NEUTRAL_LABELS
from metrics.disclosure import format_count, format_percent

#: Comparison label -> the symbol printed in the cell (legend gives the words).
SYMBOLS: Final[dict[str, str]] = {
    "Significantly higher": "▲▲",
    "Higher": "▲",
    "Similar": "",
    "Lower": "▼",
    "Significantly lower": "▼▼",
    "Not compared": "",
}
_DARK_FILLS: Final = frozenset({"Significantly higher", "Significantly lower"})


def _cell_text(row: pd.Series) -> str:
    value = format_percent(row["value_pct"], row["denominator_count"], decimals=0)
    value = "–" if value == "suppressed" else value
    symbol = SYMBOLS.get(row["comparison"], "")
    return f"{value} {symbol}".strip()


def _hover(row: pd.Series, measure_label: str, benchmark_name: str) -> str:
    total = row["denominator_count"]
    return (
        f"<b>{row['pdu']}</b> · {row['need']}<br>{measure_label}: {format_percent(row['value_pct'], total)}"
        f"<br>95% CI {format_percent(row['value_pct_lower95'], total)} to "
        f"{format_percent(row['value_pct_upper95'], total)}"
        f"<br>99.8% CI {format_percent(row['value_pct_lower998'], total)} to "
        f"{format_percent(row['value_pct_upper998'], total)}"
        f"<br>{format_count(row['numerator_count'])} of {format_count(total)}"
        f"<br>{benchmark_name}: {format_percent(row['benchmark_pct'], row['benchmark_denominator_count'])}"
        f"<br><b>{row['comparison']}</b><br><i>Click to filter to this PDU and need</i>"
    )


def _wrap(label: str, width: int = 14) -> str:
    """Break a long need name over lines so ten columns fit across a screen."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


def tartan_rug_figure(
    cells: pd.DataFrame,
    *,
    measure_label: str,
    benchmark_name: str,
    font_px: int = BASE_FONT_PX,
) -> go.Figure:
    """The PDU × need matrix.

    ``cells``: one row per PDU and need with ``pdu`` and ``need`` (labels, in
    display order), ``pdu_code``, ``need_code``, ``value_pct`` with its limits,
    ``numerator_count``, ``denominator_count``, ``benchmark_pct``,
    ``benchmark_denominator_count`` and ``comparison``.
    """
    order = list(NEUTRAL_LABELS)
    cells = cells.assign(need_wrapped=cells["need"].map(_wrap), level=cells["comparison"].map(order.index))
    pdus = list(dict.fromkeys(cells["pdu"]))
    needs = list(dict.fromkeys(cells["need_wrapped"]))
    grid = cells.pivot(index="pdu", columns="need_wrapped", values="level").reindex(index=pdus, columns=needs)
    figure = go.Figure(go.Heatmap(
        z=grid.values, x=needs, y=pdus, zmin=0, zmax=len(order) - 1, colorscale=_bands(order),
        showscale=False, xgap=3, ygap=3, hoverinfo="skip",
    ))
    figure.add_trace(go.Scatter(
        x=cells["need_wrapped"], y=cells["pdu"], mode="markers+text", showlegend=False,
        text=cells.apply(_cell_text, axis=1),
        textfont={"color": ["#FFFFFF" if word in _DARK_FILLS else "#0B0C0C" for word in cells["comparison"]],
                  "size": font_px - 1},
        marker={"symbol": "square", "size": 30, "opacity": 0.01, "color": "#FFFFFF"},
        customdata=cells[["pdu_code", "need_code"]].to_numpy(),
        hovertext=cells.apply(_hover, axis=1, measure_label=measure_label, benchmark_name=benchmark_name),
        hoverinfo="text",
    ))
    for label in order:
        symbol = SYMBOLS[label]
        figure.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=f"{symbol} {label}".strip(),
            marker={"symbol": "square", "size": 16, "color": COMPARISON_COLOURS[label],
                    "line": {"color": "#3D3D3D", "width": 1}},
        ))
    apply_theme(figure, title=f"{measure_label} by PDU and need, compared with {benchmark_name.lower()} (%)",
                font_px=font_px)
    figure.update_layout(height=max(360, 190 + 34 * len(pdus)), clickmode="event+select", dragmode=False,
                         legend={"y": 1.0, "yanchor": "bottom", "font": {"size": font_px - 2}})
    figure.update_xaxes(side="top", title_text=None, showgrid=False, tickangle=0, fixedrange=True)
    figure.update_yaxes(title_text=None, autorange="reversed", showgrid=False, fixedrange=True)
    figure.update_layout(margin={"t": 150 + font_px})
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
