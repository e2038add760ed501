"""Landscape page charts: the category → intervention treemap, the category trend,
and provision against demand."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    BASE_FONT_PX,
    CATEGORY_COLOURS,
    DARK_BLUE,
    DARK_GREY,
    LIGHT_PURPLE,
    ORANGE,
    TEXT_COLOUR,
    TURQUOISE,
    themed_figure,
)
from metrics.landscape.tables import excess_ranks
from vocabulary.definitions import CATEGORIES

#: Tile fills light enough to need dark text (contrast of white text on them is under 4.5:1).
LIGHT_FILLS: Final[frozenset[str]] = frozenset({ORANGE, TURQUOISE, LIGHT_PURPLE})
#: Flagged groups numbered on the demand chart (and named beneath it): the largest excess of referrals over places.
NAMED_POINTS: Final = 5
#: Line dashes per category, so the trend lines differ by more than colour.
CATEGORY_DASHES: Final[dict[str, str]] = dict(
    zip(CATEGORIES, ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot"), strict=True)
)


def treemap_figure(tiles: pd.DataFrame, *, title: str, font_px: int = BASE_FONT_PX, maxdepth: int = 2,
                   layout: dict[str, object] | None = None) -> go.Figure:
    """Category → intervention treemap; every tile is labelled with its name and value.

    ``tiles``: ``metrics.landscape.treemap.treemap_frame`` output (id, label, parent, category, size, text).
    ``maxdepth``: levels shown at once (1: categories only, interventions open on a click); ``layout``: more
    layout, laid over the rest as ``update_layout`` would.
    """
    fills = [CATEGORY_COLOURS.get(code, DARK_GREY) for code in tiles["category"]]
    return themed_figure(
        [dict(
            type="treemap",
            ids=tiles["id"],
            labels=tiles["label"],
            parents=tiles["parent"],
            values=tiles["size"],
            branchvalues="remainder",
            customdata=tiles["text"],
            texttemplate="<b>%{label}</b><br>%{customdata}",
            hovertemplate="<b>%{label}</b><br>%{customdata}<br>Click to filter the page<extra></extra>",
            marker={"colors": fills, "line": {"color": "#FFFFFF", "width": 2}},
            textfont={"color": [TEXT_COLOUR if fill in LIGHT_FILLS else "#FFFFFF" for fill in fills], "size": font_px},
            pathbar={"visible": False},
            maxdepth=maxdepth,
            sort=True,
        )],
        title=title, font_px=font_px,
        finish={"height": 620, "margin": {"l": 0, "r": 0, "t": 60 + font_px, "b": 0}, **(layout or {})})


def _spread(values: list[float], min_gap: float) -> list[float]:
    """Label positions at least ``min_gap`` apart, kept in the order of ``values`` (end labels never overlap)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    placed: list[float] = [0.0] * len(values)
    floor = float("-inf")
    for index in order:
        placed[index] = max(values[index], floor + min_gap)
        floor = placed[index]
    return placed


def category_trend_figure(trend: pd.DataFrame, *, font_px: int = BASE_FONT_PX) -> go.Figure:
    """Referrals per month, one line per category, each named at its last point (no legend needed).

    ``trend``: month, category, category_name, referral_count (NaN where suppressed).
    Built in one ``go.Figure`` call (traces, names and axes as dictionaries, then the theme).
    """
    traces: list[dict[str, object]] = []
    ends: list[tuple[object, float, str]] = []
    for category, rows in trend.groupby("category", sort=False):
        name = rows["category_name"].iloc[0]
        traces.append(dict(
            type="scatter", x=rows["month"], y=rows["referral_count"], name=name, mode="lines+markers",
            line={"color": CATEGORY_COLOURS.get(category, DARK_GREY), "width": 3,
                  "dash": CATEGORY_DASHES.get(category, "solid")},
            hovertemplate=f"{name}<br>%{{x|%b %Y}}: %{{y:,}} referrals<extra></extra>",
        ))
        last = rows.dropna(subset=["referral_count"]).tail(1)
        if not last.empty:
            ends.append((last["month"].iloc[0], float(last["referral_count"].iloc[0]), name))
    top = max([value for _, value, _ in ends], default=1.0)
    notes = [{"x": month, "y": y, "text": name, "showarrow": False, "xanchor": "left", "xshift": 10,
              "font": {"size": font_px - 2}}
             for (month, _, name), y in zip(ends, _spread([value for _, value, _ in ends], top * 0.045))]
    months = pd.to_datetime(trend["month"])
    layout: dict[str, object] = {
        "xaxis": {"title": {"text": "Month of referral"}, "tickformat": "%b %Y",
                  "range": [months.min() - pd.Timedelta(days=10), months.max() + pd.Timedelta(days=10)]},
        "yaxis": {"title": {"text": "Referrals (count)"}, "rangemode": "tozero", "tickformat": ","},
    }
    if notes:
        layout["annotations"] = notes
    return themed_figure(traces, layout, title="Referrals per month by category (referrals)", font_px=font_px,
                         finish={"height": 480, "margin": {"r": 300}, "showlegend": False})


def demand_figure(demand: pd.DataFrame, *, margin_pct: float, font_px: int = BASE_FONT_PX) -> go.Figure:
    """Referrals per month against places per month, one point per group; the flagged groups furthest above
    their places numbered (``metrics.landscape.tables.largest_excess`` names them in the same order).

    ``demand``: name, places_per_month, referrals_per_month (NaN where suppressed), demand_exceeds_places.
    Built in one ``go.Figure`` call (traces and axes as dictionaries, then the theme).
    """
    names = demand["name"]
    top = float(np.nanmax([demand["places_per_month"].max(), demand["referrals_per_month"].max(), 1.0]))
    line_x = [0, top * 1.05]
    traces: list[dict[str, object]] = [
        dict(type="scatter", x=line_x, y=line_x, mode="lines", name="Referrals = places",
             line={"color": DARK_GREY, "dash": "dot"}, hoverinfo="skip"),
        dict(type="scatter", x=line_x, y=[value * (1 + margin_pct / 100) for value in line_x], mode="lines",
             name=f"Referrals {margin_pct:g}% above places", line={"color": ORANGE, "dash": "dash"},
             hoverinfo="skip"),
    ]
    # The groups furthest above their places carry a number, listed with their names under the chart:
    # names on the points collided wherever groups cluster.
    numbers = excess_ranks(demand, count=NAMED_POINTS).map(lambda rank: "" if pd.isna(rank) else f"{rank:.0f}")
    for flagged, label, colour, symbol in ((False, "Within the margin", DARK_BLUE, "circle"),
                                           (True, "Demand exceeds places", ORANGE, "diamond")):
        rows = demand["demand_exceeds_places"] == flagged
        traces.append(dict(
            type="scatter", x=demand.loc[rows, "places_per_month"], y=demand.loc[rows, "referrals_per_month"],
            mode="markers+text" if flagged else "markers", name=label,
            text=numbers[rows] if flagged else None, texttemplate="<b>%{text}</b>" if flagged else None,
            textposition="top left", customdata=names[rows], textfont={"size": font_px},
            marker={"color": colour, "symbol": symbol, "size": 12, "line": {"color": "#FFFFFF", "width": 1}},
            hovertemplate="<b>%{customdata}</b><br>Places per month: %{x:,.1f}<br>"
            "Referrals per month: %{y:,.1f}<extra></extra>",
        ))
    layout = {"xaxis": {"title": {"text": "Places per month (places)"}, "rangemode": "tozero"},
              "yaxis": {"title": {"text": "Referrals per month (referrals)"}, "rangemode": "tozero"}}
    # Room above the plot for the title and a legend of two rows.
    return themed_figure(traces, layout, title="Referrals per month against places per month", font_px=font_px,
                         finish={"height": 600, "margin": {"t": 100 + 2 * font_px}, "legend": {"y": 1.02}})
