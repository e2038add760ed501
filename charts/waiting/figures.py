"""Waiting times charts: the shape of the list, its monthly trend, and the list by programme and PDU.

Charts draw the frames they are given. Counts are drawn as shown (rounded to the
nearest 5); suppressed bars are drawn as 0 and suppressed line points left out,
and both read "<5" in labels and hover text; statistics of small lists are not drawn.
"""

from __future__ import annotations

import copy
import functools

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.theme import BASE_FONT_PX, DARK_BLUE, DARK_GREY, DARK_PINK, ORANGE, TURQUOISE, apply_theme
from metrics.stats.disclosure import HIDDEN_COUNT, SUPPRESSED_COUNT, format_count, shown_counts

TARGET_COLOUR = DARK_PINK
#: White stripes over the bar's colour: tells bars apart without colour.
STRIPES = {"fgcolor": "#FFFFFF", "solidity": 0.25, "fillmode": "overlay"}


@functools.cache
def _grid(**options: object) -> dict[str, object]:
    layout = make_subplots(**options).layout.to_plotly_json()
    layout.pop("template", None)
    return layout


def subplot_grid(**options: object) -> dict[str, object]:
    """The layout ``make_subplots(**options)`` gives (axes, their domains and the subplot titles), as a new
    dictionary: worked out once per options (hashable values), which took about a third of a figure's time.

    A trace drawn in row r, column c names its axes itself (``xaxis="x2"``, ``yaxis="y2"``), as
    ``add_trace(row=r, col=c)`` would, and so do shapes and annotations.
    """
    return copy.deepcopy(_grid(**options))


def wait_bands_figure(bands: pd.DataFrame, *, target_weeks: int, font_px: int = BASE_FONT_PX) -> go.Figure:
    """People waiting by band of weeks waited, with the target marked.

    ``bands``: band, lower_weeks, waiting_count_plotted, waiting_count_label (see
    ``metrics.waiting.views.with_count_labels``), in band order.
    """
    within = bands["lower_weeks"] < target_weeks
    bars = go.Bar(
        x=bands["band"], y=bands["waiting_count_plotted"], text=bands["waiting_count_label"],
        textposition="outside", cliponaxis=False,
        marker={"color": [DARK_BLUE if inside else ORANGE for inside in within],
                "pattern": {"shape": ["" if inside else "/" for inside in within], **STRIPES}},
        hovertext=[f"Waited {band} weeks: {label} people" for band, label in
                   zip(bands["band"], bands["waiting_count_label"])],
        hoverinfo="text", showlegend=False,
    )
    band_weeks = float(bands["lower_weeks"].iloc[1] - bands["lower_weeks"].iloc[0])
    position = min(target_weeks / band_weeks, len(bands) - 1) - 0.5
    # The target line and its label, as add_vline and add_annotation would write them (in one go: faster).
    figure = go.Figure(data=[bars], layout={
        "shapes": [{"type": "line", "line": {"color": TARGET_COLOUR, "width": 3, "dash": "dash"}, "x0": position,
                    "x1": position, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"}],
        "annotations": [{"x": position, "y": 1.02, "yref": "paper", "text": f"Target: {target_weeks} weeks",
                         "showarrow": False, "xanchor": "left", "font": {"color": TARGET_COLOUR, "size": font_px}}],
    })
    apply_theme(figure, title="Shape of the list: people waiting by weeks waited (count)", font_px=font_px)
    figure.update_layout(
        xaxis={"title": {"text": "Weeks waited at the snapshot date (striped bars: beyond the target)"}},
        yaxis={"title": {"text": "People waiting (count)"}, "rangemode": "tozero"}, margin={"t": 90 + font_px})
    return figure


def waiting_trend_figure(trend: pd.DataFrame, *, font_px: int = BASE_FONT_PX) -> go.Figure:
    """The list at each month end (top) and the month's additions, starts and removals (bottom).

    ``trend``: month plus, for waiting_end_count, additions_count, starts_count and
    removals_count, the ``_plotted`` and ``_label`` columns of ``with_count_labels``.
    """
    layout = subplot_grid(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12, row_heights=(0.45, 0.55),
                          subplot_titles=("Waiting list at month end", "Flows in the month"))
    traces = [go.Scatter(
        # A suppressed month-end list is a gap in the line, not a dip to zero.
        x=trend["month"], y=trend["waiting_end_count_plotted"].where(
            ~trend["waiting_end_count_label"].isin([SUPPRESSED_COUNT, HIDDEN_COUNT])),
        name="Waiting list", mode="lines+markers",
        line={"color": DARK_BLUE, "width": 3}, text=trend["waiting_end_count_label"],
        hovertemplate="%{x|%b %Y}<br>Waiting at month end: %{text}<extra></extra>", xaxis="x", yaxis="y",
    )]
    for column, name, colour, pattern in (
        ("additions_count", "Additions (referrals)", DARK_GREY, ""),
        ("starts_count", "Starts", TURQUOISE, "/"),
        ("removals_count", "Removals without start", ORANGE, "."),
    ):
        traces.append(go.Bar(
            x=trend["month"], y=trend[f"{column}_plotted"], name=name, text=trend[f"{column}_label"],
            marker={"color": colour, "pattern": {"shape": pattern, **STRIPES}}, textposition="none",
            hovertemplate=f"%{{x|%b %Y}}<br>{name}: %{{text}}<extra></extra>", xaxis="x2", yaxis="y2",
        ))
    figure = go.Figure(data=traces, layout=layout)
    apply_theme(figure, title="Waiting list and flows per month (count)", font_px=font_px)
    figure.update_layout(
        barmode="group", height=620, legend={"y": -0.12, "yanchor": "top"},
        xaxis={"tickformat": "%b %Y"}, xaxis2={"tickformat": "%b %Y", "title": {"text": "Month"}},
        yaxis={"title": {"text": "People (count)"}, "rangemode": "tozero"},
        yaxis2={"title": {"text": "Referrals (count)"}, "rangemode": "tozero"},
    )
    return figure


def programme_bars_figure(programmes: pd.DataFrame, *, font_px: int = BASE_FONT_PX) -> go.Figure:
    """Waiting list per programme, largest first; click a bar to narrow the tables below.

    ``programmes``: intervention_code, name, waiting_count_plotted, waiting_count_label,
    median_text (the median wait as shown).
    """
    ordered = programmes.sort_values("waiting_count_plotted", ascending=True, kind="stable")
    figure = go.Figure(go.Bar(
        y=ordered["name"], x=ordered["waiting_count_plotted"], orientation="h", marker={"color": DARK_BLUE},
        text=ordered["waiting_count_label"], textposition="outside", cliponaxis=False,
        customdata=ordered[["intervention_code"]].to_numpy(),
        hovertext=[f"{name}<br>Waiting: {count}<br>Median wait: {median} weeks" for name, count, median in
                   zip(ordered["name"], ordered["waiting_count_label"], ordered["median_text"])],
        hoverinfo="text", showlegend=False,
    ))
    apply_theme(figure, title="Waiting list by intervention (people)", font_px=font_px)
    # Room to the right of the longest bar for its label.
    figure.update_layout(height=max(320, 120 + 44 * len(ordered)), clickmode="event+select",
                         margin={"r": 70 + 4 * (font_px - BASE_FONT_PX)})
    figure.update_xaxes(title_text="People waiting (count)", rangemode="tozero")
    figure.update_yaxes(title_text=None)
    return figure


def pdu_scatter_figure(pdus: pd.DataFrame, *, target_weeks: int, font_px: int = BASE_FONT_PX) -> go.Figure:
    """Each PDU's waiting list against its median wait; click a point to narrow the tables below.

    ``pdus``: pdu_code, name, region, waiting_count, median_wait_weeks, p92_wait_weeks
    (only PDUs whose statistics may be shown).
    """
    points = go.Scatter(
        x=shown_counts(pdus["waiting_count"]), y=pdus["median_wait_weeks"], mode="markers",
        marker={"color": DARK_BLUE, "size": 13, "line": {"color": "#FFFFFF", "width": 1}},
        customdata=pdus[["pdu_code"]].to_numpy(),
        hovertext=[f"{name} ({region})<br>Waiting: {format_count(count)}<br>Median wait: {median:.1f} weeks<br>"
                   f"92% have waited at most: {p92:.1f} weeks" for name, region, count, median, p92 in
                   zip(pdus["name"], pdus["region"], pdus["waiting_count"], pdus["median_wait_weeks"],
                       pdus["p92_wait_weeks"])],
        hoverinfo="text", showlegend=False,
    )
    # The target line and its label, as add_hline would write them (in one go: faster).
    figure = go.Figure(data=[points], layout={
        "shapes": [{"type": "line", "line": {"color": TARGET_COLOUR, "width": 2, "dash": "dash"}, "x0": 0, "x1": 1,
                    "xref": "x domain", "y0": target_weeks, "y1": target_weeks, "yref": "y"}],
        "annotations": [{"bgcolor": "rgba(255,255,255,0.85)", "font": {"color": TARGET_COLOUR}, "showarrow": False,
                         "text": f"Target: {target_weeks} weeks", "x": 1, "xanchor": "right", "xref": "x domain",
                         "y": target_weeks, "yanchor": "bottom", "yref": "y"}],
    })
    apply_theme(figure, title="PDUs: waiting list and median wait", font_px=font_px)
    figure.update_layout(height=460, clickmode="event+select",
                         xaxis={"title": {"text": "People waiting (count)"}, "rangemode": "tozero"},
                         yaxis={"title": {"text": "Median wait (weeks)"}, "rangemode": "tozero"})
    return figure
