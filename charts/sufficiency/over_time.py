"""Sufficiency over time: a measure's share by quarter for the scope (with 95% whiskers) and for
England and Wales (dashed, with its own whiskers), quarters without full follow-up shaded and hollow."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import BASE_FONT_PX, DARK_BLUE, DARK_GREY, apply_theme
from metrics.stats.disclosure import format_percent, percent_hidden

RANGE_GREY = "#D9D9D9"


def _hover(series: pd.DataFrame, name: str) -> list[str]:
    """Hover text per quarter: the share and its interval through disclosure control. No counts: beside
    another area's share at the same quarter they would invite reading one area's share on the other's
    count (the table gives each area's counts on its own row)."""
    return [
        f"{row.label}<br>{name}: {format_percent(row.value_pct, row.denominator_count)}"
        f"<br>95% CI {format_percent(row.value_pct_lower95, row.denominator_count, numerator=row.numerator_count)}"
        f" to {format_percent(row.value_pct_upper95, row.denominator_count, numerator=row.numerator_count)}"
        for row in series.itertuples(index=False)
    ]


def _line(series: pd.DataFrame, name: str, colour: str, dash: str) -> list[go.Scatter]:
    """One area's line and markers with 95% whiskers; hidden values are not drawn; incomplete quarters hollow."""
    hidden = percent_hidden(series["value_pct"].astype("float64"), series["denominator_count"].astype("float64"))
    shown = series.assign(**{column: series[column].where(~hidden) for column in series.columns
                             if column.startswith("value_pct")})
    ends = pd.to_datetime(shown["end"])
    complete = shown["follow_up_complete"].astype(bool).to_numpy()
    whiskers = {"type": "data", "symmetric": False, "color": colour, "thickness": 1.5,
                "array": shown["value_pct_upper95"] - shown["value_pct"],
                "arrayminus": shown["value_pct"] - shown["value_pct_lower95"]}
    hover = _hover(series, name)
    traces = [go.Scatter(x=ends, y=shown["value_pct"].where(complete), mode="lines+markers", name=name,
                         line={"color": colour, "width": 3, "dash": dash}, marker={"size": 9}, error_y=whiskers,
                         hovertext=hover, hoverinfo="text")]
    if not complete.all():
        traces.append(go.Scatter(
            x=ends[~complete], y=shown["value_pct"][~complete], mode="markers",
            name=f"{name}: follow-up not complete (not tested)",
            marker={"size": 9, "symbol": "circle-open", "color": colour, "line": {"width": 2}},
            error_y={**whiskers, "array": whiskers["array"][~complete], "arrayminus": whiskers["arrayminus"][~complete]},
            hovertext=[text for text, done in zip(hover, complete) if not done], hoverinfo="text"))
    return traces


def quarterly_share_figure(series: pd.DataFrame, *, measure_label: str, area_names: dict[str, str],
                           font_px: int = BASE_FONT_PX) -> go.Figure:
    """The measure by quarter for each area in ``area_names`` (scope first, in dark blue; England and
    Wales in dark grey, dashed). ``series`` comes from ``metrics.sufficiency.over_time.quarterly_series``."""
    figure = go.Figure()
    styles = [(DARK_BLUE, "solid"), (DARK_GREY, "dash")]
    for (area, name), (colour, dash) in zip(area_names.items(), styles, strict=False):
        figure.add_traces(_line(series[series["area"] == area].reset_index(drop=True), name, colour, dash))
    incomplete = series.loc[~series["follow_up_complete"].astype(bool), "end"]
    if not incomplete.empty:
        ends = pd.to_datetime(series["end"])
        figure.add_vrect(x0=pd.to_datetime(incomplete).min() - pd.Timedelta(days=45),
                         x1=ends.max() + pd.Timedelta(days=45), fillcolor=RANGE_GREY, opacity=0.35, line_width=0,
                         layer="below", annotation_text="Follow-up not complete", annotation_position="top left",
                         annotation_font_size=font_px - 4)
    apply_theme(figure, title=f"{measure_label} by quarter (%, 95% CI)", font_px=font_px)
    figure.update_layout(height=480, margin={"b": 130},
                         legend={"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0})
    ends = pd.to_datetime(series["end"].drop_duplicates())
    figure.update_xaxes(title_text="Three months ending", tickformat="%b %Y", tickvals=ends)
    figure.update_yaxes(title_text=f"{measure_label} (%)", rangemode="tozero")
    return figure
