"""Sufficiency gaps charts: the cascade by need, shares with intervals against a benchmark, and
the PDU × need "tartan rug". Every comparison colour comes with a word or a symbol.

Charts draw the frames they are given; values on a denominator under the
disclosure minimum are not drawn and read "suppressed" in hover text.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.sufficiency.rug import tartan_rug_figure
from charts.theme import BASE_FONT_PX, COMPARISON_COLOURS, DARK_BLUE, DARK_GREY, TURQUOISE, apply_theme
from metrics.stats.disclosure import format_count, format_percent, percent_hidden

__all__ = ["cascade_figure", "share_bars_figure", "tartan_rug_figure"]

#: Stage, legend name, colour and fill pattern (the pattern tells stages apart without colour).
STAGES: tuple[tuple[str, str, str, str], ...] = (
    ("referred", "Referred", DARK_BLUE, ""),
    ("started", "Started", TURQUOISE, "/"),
    ("completed", "Completed", DARK_GREY, "."),
)
#: Room beside the bars for "100.0% · Significantly higher", in characters (times the font size in px).
LABEL_MARGIN_CHARS = 18


def _shown(values: pd.Series, denominators: pd.Series, estimates: pd.Series | None = None) -> pd.Series:
    """Values with those the percentage rule hides blanked (nothing is drawn for them).

    ``estimates``: the percentages whose numerator decides, when ``values`` are their limits.
    """
    hidden = percent_hidden((values if estimates is None else estimates).astype("float64"),
                            denominators.astype("float64"))
    return values.where(~hidden)


def _bar_height_px(rows: int) -> int:
    return max(320, 140 + 56 * rows)


def cascade_figure(cascade: pd.DataFrame, *, font_px: int = BASE_FONT_PX) -> go.Figure:
    """Referred, started and completed as a share of need records, one group of bars per need.

    ``cascade``: rows in display order with ``need`` (label), ``need_count`` and, per
    stage, ``<stage>_count``, ``<stage>_pct`` and its 95% limits.
    """
    traces = []
    for stage, name, colour, pattern in STAGES:
        values = _shown(cascade[f"{stage}_pct"], cascade["need_count"])
        texts = [format_percent(value, total) for value, total in zip(cascade[f"{stage}_pct"], cascade["need_count"])]
        hover = [
            f"{need}<br>{name}: {text}<br>{format_count(count)} of {format_count(total)} need records"
            for need, text, count, total in zip(cascade["need"], texts, cascade[f"{stage}_count"], cascade["need_count"])
        ]
        traces.append(go.Bar(
            y=cascade["need"], x=values, name=name, orientation="h",
            marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "#FFFFFF", "solidity": 0.2,
                                                   "fillmode": "overlay"}},
            error_x={"type": "data", "symmetric": False, "color": "#0B0C0C", "thickness": 1.5,
                     "array": _shown(cascade[f"{stage}_pct_upper95"], cascade["need_count"],
                                     cascade[f"{stage}_pct"]) - values,
                     "arrayminus": values - _shown(cascade[f"{stage}_pct_lower95"], cascade["need_count"],
                                                   cascade[f"{stage}_pct"])},
            text=[f"{name} {text}" for text in texts], textposition="inside", insidetextanchor="start",
            textfont={"color": "#FFFFFF"}, hovertext=hover, hoverinfo="text",
        ))
    # Built in one go and laid out in one update: Plotly's one-at-a-time methods were most of its time.
    figure = go.Figure(data=traces)
    apply_theme(figure, title="Referred, started and completed for the need (% of need records, 95% CI)",
                font_px=font_px)
    figure.update_layout(barmode="group", height=_bar_height_px(len(cascade) * 2), bargap=0.2,
                         uniformtext={"minsize": font_px - 4, "mode": "hide"}, legend={"traceorder": "normal"},
                         xaxis={"title": {"text": "Need records (%)"}, "range": [0, 100], "ticksuffix": "%"},
                         yaxis={"title": {"text": None}, "autorange": "reversed", "categoryorder": "array",
                                "categoryarray": list(cascade["need"])})
    return figure


def _share_hover(shares: pd.DataFrame, texts: list[str], benchmark_name: str) -> list[str]:
    """Hover text per bar: value and word, 95% interval, counts and benchmark (disclosure applied)."""
    return [
        f"{label}<br>{text}<br>95% CI {format_percent(low, total, numerator=count)} to "
        f"{format_percent(high, total, numerator=count)}"
        f"<br>{format_count(count)} of {format_count(total)}<br>{benchmark_name}: {format_percent(bench, bench_total)}"
        for label, text, low, high, count, total, bench, bench_total in zip(
            shares["label"], texts, shares["value_pct_lower95"], shares["value_pct_upper95"],
            shares["numerator_count"], shares["denominator_count"], shares["benchmark_pct"],
            shares["benchmark_denominator_count"])
    ]


def _share_bar(shares: pd.DataFrame, value_title: str, hover: list[str]) -> go.Bar:
    """Bars coloured by their comparison, with 95% whiskers; suppressed values are not drawn."""
    values = _shown(shares["value_pct"], shares["denominator_count"])
    return go.Bar(
        y=shares["label"], x=values, orientation="h", name=value_title,
        marker={"color": [COMPARISON_COLOURS.get(word, "#FFFFFF") for word in shares["comparison"]],
                "line": {"color": DARK_GREY, "width": 1}},
        error_x={"type": "data", "symmetric": False, "color": "#0B0C0C", "thickness": 2,
                 "array": _shown(shares["value_pct_upper95"], shares["denominator_count"], shares["value_pct"])
                 - values,
                 "arrayminus": values - _shown(shares["value_pct_lower95"], shares["denominator_count"],
                                               shares["value_pct"])},
        hovertext=hover, hoverinfo="text", showlegend=False,
    )


def share_bars_figure(
    shares: pd.DataFrame,
    *,
    title: str,
    value_title: str,
    benchmark_name: str,
    font_px: int = BASE_FONT_PX,
) -> go.Figure:
    """One horizontal bar per row with its 95% interval, the benchmark and the comparison word.

    ``shares``: rows in display order with ``label``, ``value_pct`` and its
    95% limits, ``numerator_count``, ``denominator_count``, ``benchmark_pct``,
    ``benchmark_denominator_count`` and ``comparison``. Bars are coloured by the
    comparison and labelled with it in the right margin (bold when significant).
    """
    texts = [f"{format_percent(value, total)} · {word}"
             for value, total, word in zip(shares["value_pct"], shares["denominator_count"], shares["comparison"])]
    # Built in one go and laid out in one update: Plotly's one-at-a-time methods were most of its time.
    figure = go.Figure(data=[_share_bar(shares, value_title, _share_hover(shares, texts, benchmark_name)), go.Scatter(
        y=shares["label"], x=_shown(shares["benchmark_pct"], shares["benchmark_denominator_count"]),
        mode="markers", name=benchmark_name,
        marker={"symbol": "line-ns-open", "size": 34, "color": "#0B0C0C", "line": {"width": 4, "color": "#0B0C0C"}},
        hovertemplate=f"{benchmark_name} (%): %{{x:.1f}}%<extra></extra>",
    )])
    apply_theme(figure, title=title, font_px=font_px)
    figure.update_layout(
        height=_bar_height_px(len(shares)), showlegend=True, margin={"r": LABEL_MARGIN_CHARS * font_px},
        annotations=[
            {"x": 1.0, "xref": "paper", "xanchor": "left", "xshift": 12, "y": label, "yref": "y",
             "showarrow": False, "align": "left", "text": f"<b>{text}</b>" if word.startswith("Significantly") else text}
            for label, text, word in zip(shares["label"], texts, shares["comparison"])
        ],
        xaxis={"title": {"text": f"{value_title} (%)"}, "range": [0, 100], "ticksuffix": "%"},
        yaxis={"title": {"text": None}, "autorange": "reversed", "categoryorder": "array",
               "categoryarray": list(shares["label"])},
    )
    return figure
