"""Commissioning charts: interventions ranked within their category, and the shortfall in places."""

from __future__ import annotations

import re
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from charts.landscape.subplots import axis_suffix, grid_layout
from charts.theme import BASE_FONT_PX, CATEGORY_COLOURS, DARK_GREY, ORANGE, themed_figure

#: Pixels per bar and per category heading: bars stay readable whatever their number.
BAR_PX: Final = 30
HEADING_PX: Final = 56  # at the base font size


def ranked_bars_figure(bars: pd.DataFrame, *, title: str, axis_title: str,
                       font_px: int = BASE_FONT_PX) -> go.Figure:
    """Horizontal bars, one panel per category (its heading above it), largest intervention at the top.

    ``bars``: ``metrics.landscape.ranked.ranked_bars`` output (category, heading, id, label, size, text).
    The panels are laid out as ``make_subplots`` would (``charts.landscape.subplots``) and the figure
    is built in one call: the same figure as adding and updating each panel, in a fifth of the time.
    """
    headings = list(dict.fromkeys(bars["heading"]))
    positions = bars.groupby("heading", sort=False).indices  # each heading's rows, in order
    counts = [len(positions[heading]) for heading in headings]
    bar_px = BAR_PX + max(font_px - BASE_FONT_PX, 0)
    heading_px = HEADING_PX + 3 * (font_px - BASE_FONT_PX)  # two lines of heading under the axis above
    plot_px = bar_px * len(bars) + heading_px * len(headings)
    spacing = heading_px / plot_px if len(headings) > 1 else 0.0
    layout = grid_layout(len(headings), 1, shared_xaxes=True, subplot_titles=headings, row_heights=counts,
                         vertical_spacing=spacing)
    top = max(bars["size"].max(), 1.0) if len(bars) else 1.0
    traces = []
    for row, heading in enumerate(headings, start=1):
        rows = bars.iloc[positions[heading]]
        colour = CATEGORY_COLOURS.get(rows["category"].iloc[0], DARK_GREY)
        suffix = axis_suffix(row)
        traces.append(dict(
            type="bar", x=rows["size"], y=rows["label"], orientation="h", marker={"color": colour},
            # The bar's label is the figure alone (the axis names the unit); the hover says it in full.
            text=rows["text"].str.split(" ").str[0], textposition="outside", cliponaxis=False,
            customdata=rows["text"], hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>", showlegend=False,
            xaxis=f"x{suffix}", yaxis=f"y{suffix}",
        ))
        layout[f"yaxis{suffix}"].update(autorange="reversed", automargin=True)
        layout[f"xaxis{suffix}"].update(range=[0, top * 1.3], tickformat=",", showticklabels=True)
    layout[f"xaxis{axis_suffix(len(headings))}"]["title"] = {"text": axis_title}
    # Each heading ends where the bars start, above the names.
    layout["annotations"] = [{**note, "x": 0, "xanchor": "right", "align": "right", "font": {"size": font_px}}
                             for note in layout.get("annotations", [])]
    # The headings sit left of the bars, over the names: room for their longer line (names widen it further).
    longest = max((len(line) for heading in headings for line in re.sub("<[^>]+>", "", heading.replace(
        "<br>", "\n")).split("\n")), default=0)
    return themed_figure(traces, layout, title=title, font_px=font_px,
                         finish={"height": plot_px + 170 + 3 * font_px, "bargap": 0.25,
                                 "margin": {"t": 110 + 2 * font_px, "b": 60 + font_px,
                                            "l": int(longest * font_px * 0.45) + 10}})


def shortfall_figure(rows: pd.DataFrame, *, title: str, font_px: int = BASE_FONT_PX) -> go.Figure:
    """The shortfall in places per month as horizontal bars, the largest at the top, each labelled with
    the need and PDU and its shortfall.

    ``rows``: ``metrics.landscape.shortfall.largest_shortfalls`` output (need, pdu_name, region_name,
    referrals_per_month, places_per_month, shortfall_per_month).
    """
    labels = rows["need"] + " — " + rows["pdu_name"]
    texts = [f"+{value:,.1f}" for value in rows["shortfall_per_month"]]
    bars = dict(
        type="bar",
        x=rows["shortfall_per_month"], y=labels, orientation="h", marker={"color": ORANGE},
        text=texts, textposition="outside", cliponaxis=False,
        customdata=list(zip(rows["region_name"], rows["referrals_per_month"], rows["places_per_month"])),
        hovertemplate="<b>%{y}</b> (%{customdata[0]})<br>Referrals per month: %{customdata[1]:,.1f}"
        "<br>Places per month: %{customdata[2]:,.1f}<br>Shortfall: %{x:,.1f} places per month<extra></extra>",
    )
    top = float(rows["shortfall_per_month"].max()) if len(rows) else 1.0
    bar_px = BAR_PX + max(font_px - BASE_FONT_PX, 0)
    return themed_figure([bars], title=title, font_px=font_px,
                         finish={"height": bar_px * len(rows) + 150 + 2 * font_px, "bargap": 0.25,
                                 "margin": {"t": 60 + font_px}, "showlegend": False},
                         xaxes={"title": {"text": "Referrals minus places (per month)"}, "range": [0, top * 1.2],
                                "side": "bottom"},
                         yaxes={"autorange": "reversed", "automargin": True})
