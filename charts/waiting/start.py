"""Waiting times charts about starting: time to start by group, % started within the target, the planner.

Groups are told apart by line style and by name at the line's end as well as by
colour; comparison results are written beside each point.
"""

from __future__ import annotations

import itertools

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.theme import (
    BASE_FONT_PX,
    CATEGORICAL,
    COMPARISON_COLOURS,
    DARK_BLUE,
    DARK_GREY,
    ORANGE,
    apply_theme,
)
from charts.waiting.figures import TARGET_COLOUR
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
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                           subplot_titles=("Started", "Left the list without starting"))
    styles = zip(itertools.cycle(CATEGORICAL), itertools.cycle(DASHES))
    for name, rows in curves.groupby("name", sort=False):
        colour, dash, width = ("#0B0C0C", "solid", 5) if name == overall else (*next(styles), 3)
        for column, col in (("started_pct", 1), ("left_pct", 2)):
            figure.add_trace(go.Scatter(
                x=rows["week"], y=rows[column], name=str(name), legendgroup=str(name), showlegend=col == 1,
                mode="lines", line={"color": colour, "dash": dash, "width": width, "shape": "hv"},
                hovertemplate=f"{name}<br>Week %{{x}}: %{{y:.1f}}%<extra></extra>",
            ), row=1, col=col)
    for col in (1, 2):
        figure.add_vline(x=target_weeks, line={"color": TARGET_COLOUR, "width": 2, "dash": "dash"}, row=1, col=col)
    figure.add_annotation(x=target_weeks, y=100, xref="x", yref="y", text=f" Target: {target_weeks} weeks",
                          showarrow=False, xanchor="left", yanchor="top", font={"color": TARGET_COLOUR})
    apply_theme(figure, title="Time to start: chance of having started, by weeks since referral (%)",
                font_px=font_px)
    figure.update_layout(height=560, legend={"y": -0.2, "yanchor": "top"})
    figure.update_xaxes(title_text="Weeks since referral", rangemode="tozero")
    figure.update_yaxes(title_text="Referrals (%)", range=[0, 100], ticksuffix="%", row=1, col=1)
    return figure


def started_within_figure(table: pd.DataFrame, *, target_weeks: int, font_px: int = BASE_FONT_PX) -> go.Figure:
    """% started within the target per group with its 95% interval, the overall value and the comparison word.

    ``table``: name, value_pct, value_pct_lower95, value_pct_upper95, comparison, benchmark_pct
    (groups to draw only; values already suppressed where needed).
    """
    figure = go.Figure()
    for comparison, rows in table.groupby("comparison", sort=False):
        figure.add_trace(go.Scatter(
            y=rows["name"], x=rows["value_pct"], mode="markers", name=str(comparison), showlegend=False,
            marker={"size": 16, "color": COMPARISON_COLOURS.get(str(comparison), DARK_GREY),
                    "line": {"color": "#0B0C0C", "width": 1.5}},
            error_x={"type": "data", "symmetric": False, "color": "#0B0C0C", "thickness": 2,
                     "array": rows["value_pct_upper95"] - rows["value_pct"],
                     "arrayminus": rows["value_pct"] - rows["value_pct_lower95"]},
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        ))
    # The value and the comparison in words, in a column of their own to the right of the scale.
    for name, value, comparison in zip(table["name"], table["value_pct"], table["comparison"]):
        figure.add_annotation(x=1.01, xref="paper", xanchor="left", y=name, yref="y", showarrow=False,
                              text=f"{value:.1f}% · {comparison}", font={"size": font_px})
    benchmark = float(table["benchmark_pct"].iloc[0]) if len(table) else 0.0
    figure.add_vline(x=benchmark, line={"color": DARK_GREY, "width": 2, "dash": "dash"},
                     annotation_text=f"All referrals {benchmark:.1f}%", annotation_position="top")
    apply_theme(figure, title=f"Referrals started within {target_weeks} weeks of referral (%, 95% interval)", font_px=font_px)
    figure.update_layout(height=max(340, 170 + 48 * table["name"].nunique()),
                         margin={"r": LABEL_MARGIN_PX + 14 * (font_px - BASE_FONT_PX)},
                         showlegend=False)  # the page's one comparison key names the colours
    figure.update_xaxes(title_text=f"Referrals started within {target_weeks} weeks (%)", range=[0, 100],
                        tickvals=list(range(0, 101, 20)), ticksuffix="%")
    figure.update_yaxes(title_text=None, autorange="reversed", categoryorder="array",
                        categoryarray=list(table["name"]))
    return figure


def planner_figure(projection: pd.DataFrame, *, target_weeks: int, font_px: int = BASE_FONT_PX) -> go.Figure:
    """Projected waiting list (top) and, against the target, the wait the target is judged on (bottom).

    The bottom panel draws only the 92nd percentile wait ("92% have waited at most"), the measure
    the planner's sentence judges the target on (``projection_verdict``): a median drawn beside the
    target line would look met when the sentence says it is not. The median is in the table.
    ``projection``: label (month), waiting_count, p92_wait_weeks, meets_target.
    """
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                           subplot_titles=("Projected waiting list",
                                           f"{P92_WAIT_MEASURE} (weeks): the target is met at or below the line"))
    figure.add_trace(go.Bar(x=projection["label"], y=shown_counts(projection["waiting_count"].round(0)).fillna(0),
                            name="Waiting list",
                            marker={"color": DARK_BLUE}, hovertemplate="%{x}: %{y:,.0f} waiting<extra></extra>"),
                     row=1, col=1)
    met = projection["meets_target"].to_numpy(dtype=bool)
    figure.add_trace(go.Scatter(
        x=projection["label"], y=projection["p92_wait_weeks"], name=P92_WAIT_MEASURE, mode="lines+markers",
        line={"color": ORANGE, "width": 3},
        # Months meeting the target get a filled circle, the others an open one: not by colour alone.
        marker={"size": 11, "symbol": ["circle" if ok else "circle-open" for ok in met], "color": ORANGE,
                "line": {"color": ORANGE, "width": 2}},
        customdata=[["meets the target" if ok else "misses the target"] for ok in met],
        hovertemplate=f"%{{x}}: {P92_WAIT_MEASURE} %{{y:.1f}} weeks (%{{customdata[0]}})<extra></extra>"),
        row=2, col=1)
    figure.add_hline(y=target_weeks, line={"color": TARGET_COLOUR, "width": 2, "dash": "dot"}, row=2, col=1,
                     annotation_text=f"Target: {target_weeks} weeks", annotation_position="top left",
                     annotation_font={"color": TARGET_COLOUR})
    apply_theme(figure, title="What-if projection for the next 12 months", font_px=font_px)
    figure.update_layout(height=620, legend={"y": -0.16, "yanchor": "top"})
    figure.update_yaxes(title_text="People (count)", rangemode="tozero", row=1, col=1)
    figure.update_yaxes(title_text="Wait (weeks)", rangemode="tozero", row=2, col=1)
    figure.update_xaxes(title_text="Month", row=2, col=1)
    return figure
