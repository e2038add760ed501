"""Waiting times charts about starting: time to start by group, % started within the target, the planner.

Groups are told apart by line style and by name at the line's end as well as by
colour; comparison results are written beside each point.
"""

from __future__ import annotations

import itertools

import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    BASE_FONT_PX,
    CATEGORICAL,
    COMPARISON_COLOURS,
    DARK_BLUE,
    DARK_GREY,
    ORANGE,
    apply_theme,
)
from charts.waiting.figures import TARGET_COLOUR, subplot_grid
from metrics.stats.disclosure import shown_counts
from metrics.waiting.kpis import P92_WAIT_MEASURE

DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
#: Room (px) to the right of the scale for the words beside each point.
LABEL_MARGIN_PX = 250


def time_to_start_figure(curves: pd.DataFrame, *, target_weeks: int, overall: str,
                         font_px: int = BASE_FONT_PX) -> go.Figure:
    """Cumulative % started (left) and % left without starting (right) by weeks since referral, per group.

    ``curves``: name (group label), week, started_pct, left_pct; NaN where unknown. The
    group named ``overall`` is drawn as a thick black line; the others by colour and dash.
    """
    layout = subplot_grid(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                          subplot_titles=("Started", "Left the list without starting"))
    traces = []
    styles = zip(itertools.cycle(CATEGORICAL), itertools.cycle(DASHES))
    for name, rows in curves.groupby("name", sort=False):
        colour, dash, width = ("#0B0C0C", "solid", 5) if name == overall else (*next(styles), 3)
        for column, axis in (("started_pct", ""), ("left_pct", "2")):
            traces.append(go.Scatter(
                x=rows["week"], y=rows[column], name=str(name), legendgroup=str(name), showlegend=axis == "",
                mode="lines", line={"color": colour, "dash": dash, "width": width, "shape": "hv"},
                hovertemplate=f"{name}<br>Week %{{x}}: %{{y:.1f}}%<extra></extra>", xaxis=f"x{axis}", yaxis=f"y{axis}",
            ))
    # The target in both panels (add_vline leaves out panels with no line) and its label in the first, as
    # add_vline and add_annotation would write them.
    layout["shapes"] = [{"type": "line", "line": {"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
                         "x0": target_weeks, "x1": target_weeks, "xref": f"x{panel}", "y0": 0, "y1": 1,
                         "yref": f"y{panel} domain"} for panel in ("", "2") if traces]
    layout["annotations"].append({"x": target_weeks, "y": 100, "xref": "x", "yref": "y",
                                  "text": f" Target: {target_weeks} weeks", "showarrow": False,
                                  "xanchor": "left", "yanchor": "top", "font": {"color": TARGET_COLOUR}})
    figure = go.Figure(data=traces, layout=layout)
    apply_theme(figure, title="Time to start: chance of having started, by weeks since referral (%)",
                font_px=font_px)
    axis_title = {"title": {"text": "Weeks since referral"}, "rangemode": "tozero"}
    figure.update_layout(height=560, legend={"y": -0.2, "yanchor": "top"}, xaxis=axis_title, xaxis2=axis_title,
                         yaxis={"title": {"text": "Referrals (%)"}, "range": [0, 100], "ticksuffix": "%"})
    return figure


def started_within_figure(table: pd.DataFrame, *, target_weeks: int, font_px: int = BASE_FONT_PX) -> go.Figure:
    """% started within the target per group with its 95% interval, the overall value and the comparison word.

    ``table``: name, value_pct, value_pct_lower95, value_pct_upper95, comparison, benchmark_pct
    (groups to draw only; values already suppressed where needed).
    """
    traces = [
        go.Scatter(
            y=rows["name"], x=rows["value_pct"], mode="markers", name=str(comparison), showlegend=False,
            marker={"size": 16, "color": COMPARISON_COLOURS.get(str(comparison), DARK_GREY),
                    "line": {"color": "#0B0C0C", "width": 1.5}},
            error_x={"type": "data", "symmetric": False, "color": "#0B0C0C", "thickness": 2,
                     "array": rows["value_pct_upper95"] - rows["value_pct"],
                     "arrayminus": rows["value_pct"] - rows["value_pct_lower95"]},
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
        for comparison, rows in table.groupby("comparison", sort=False)
    ]
    benchmark = float(table["benchmark_pct"].iloc[0]) if len(table) else 0.0
    # The value and the comparison in words, in a column of their own to the right of the scale; then the
    # overall value's line and its label, as add_annotation and add_vline would write them (one at a time
    # they re-checked every annotation already added: most of the figure's time).
    annotations = [
        {"x": 1.01, "xref": "paper", "xanchor": "left", "y": name, "yref": "y", "showarrow": False,
         "text": f"{value:.1f}% · {comparison}", "font": {"size": font_px}}
        for name, value, comparison in zip(table["name"], table["value_pct"], table["comparison"])
    ]
    annotations.append({"showarrow": False, "text": f"All referrals {benchmark:.1f}%", "x": benchmark,
                        "xanchor": "center", "xref": "x", "y": 1, "yanchor": "bottom", "yref": "y domain"})
    overall_line = {"type": "line", "line": {"color": DARK_GREY, "width": 2, "dash": "dash"}, "x0": benchmark,
                    "x1": benchmark, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"}
    figure = go.Figure(data=traces, layout={"annotations": annotations, "shapes": [overall_line]})
    apply_theme(figure, title=f"Referrals started within {target_weeks} weeks of referral (%, 95% interval)", font_px=font_px)
    figure.update_layout(
        height=max(340, 170 + 48 * table["name"].nunique()),
        margin={"r": LABEL_MARGIN_PX + 14 * (font_px - BASE_FONT_PX)},
        showlegend=False,  # the page's one comparison key names the colours
        xaxis={"title": {"text": f"Referrals started within {target_weeks} weeks (%)"}, "range": [0, 100],
               "tickvals": list(range(0, 101, 20)), "ticksuffix": "%"},
        yaxis={"title": {"text": None}, "autorange": "reversed", "categoryorder": "array",
               "categoryarray": list(table["name"])},
    )
    return figure


def planner_figure(projection: pd.DataFrame, *, target_weeks: int, font_px: int = BASE_FONT_PX) -> go.Figure:
    """Projected waiting list (top) and, against the target, the wait the target is judged on (bottom).

    The bottom panel draws only the 92nd percentile wait ("92% have waited at most"), the measure
    the planner's sentence judges the target on (``projection_verdict``): a median drawn beside the
    target line would look met when the sentence says it is not. The median is in the table.
    ``projection``: label (month), waiting_count, p92_wait_weeks, meets_target.
    """
    layout = subplot_grid(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                          subplot_titles=("Projected waiting list",
                                          f"{P92_WAIT_MEASURE} (weeks): the target is met at or below the line"))
    met = projection["meets_target"].to_numpy(dtype=bool)
    traces = [
        go.Bar(x=projection["label"], y=shown_counts(projection["waiting_count"].round(0)).fillna(0),
               name="Waiting list", marker={"color": DARK_BLUE},
               hovertemplate="%{x}: %{y:,.0f} waiting<extra></extra>", xaxis="x", yaxis="y"),
        go.Scatter(
            x=projection["label"], y=projection["p92_wait_weeks"], name=P92_WAIT_MEASURE, mode="lines+markers",
            line={"color": ORANGE, "width": 3},
            # Months meeting the target get a filled circle, the others an open one: not by colour alone.
            marker={"size": 11, "symbol": ["circle" if ok else "circle-open" for ok in met], "color": ORANGE,
                    "line": {"color": ORANGE, "width": 2}},
            customdata=[["meets the target" if ok else "misses the target"] for ok in met],
            hovertemplate=f"%{{x}}: {P92_WAIT_MEASURE} %{{y:.1f}} weeks (%{{customdata[0]}})<extra></extra>",
            xaxis="x2", yaxis="y2"),
    ]
    # The target across the bottom panel and its label, as add_hline would write them.
    layout["shapes"] = [{"type": "line", "line": {"color": TARGET_COLOUR, "width": 2, "dash": "dot"},
                         "x0": 0, "x1": 1, "xref": "x2 domain", "y0": target_weeks, "y1": target_weeks, "yref": "y2"}]
    layout["annotations"].append({"showarrow": False, "text": f"Target: {target_weeks} weeks", "x": 0,
                                  "xanchor": "left", "xref": "x2 domain", "y": target_weeks, "yanchor": "bottom",
                                  "yref": "y2", "font": {"color": TARGET_COLOUR}})
    figure = go.Figure(data=traces, layout=layout)
    apply_theme(figure, title="What-if projection for the next 12 months", font_px=font_px)
    figure.update_layout(height=620, legend={"y": -0.16, "yanchor": "top"},
                         yaxis={"title": {"text": "People (count)"}, "rangemode": "tozero"},
                         yaxis2={"title": {"text": "Wait (weeks)"}, "rangemode": "tozero"},
                         xaxis2={"title": {"text": "Month"}})
    return figure
