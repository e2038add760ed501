"""The availability matrix (need × area) and the provider outcomes chart."""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from charts.landscape.subplots import axis_suffix, grid_layout
from charts.theme import BASE_FONT_PX, COMPARISON_COLOURS, DARK_BLUE, DARK_GREY, themed_figure
from vocabulary.definitions import code_label

GAP_COLOUR: Final = "#F9D2C0"  # light orange: a gap, always also labelled "Gap"
COUNT_SCALE: Final = [[0.0, "#E8EEF4"], [1.0, DARK_BLUE]]
ALERT_MARK: Final = "★"
#: Marker shapes for comparison labels, so the judgement is never carried by colour alone.
COMPARISON_SYMBOLS: Final[dict[str, str]] = {
    "Significantly better": "triangle-up", "Better": "triangle-up-open", "Similar": "circle",
    "Worse": "triangle-down-open", "Significantly worse": "triangle-down", "Significantly higher": "triangle-up",
    "Higher": "triangle-up-open", "Lower": "triangle-down-open", "Significantly lower": "triangle-down",
    "Not compared": "circle-open",
}


def _wrapped(name: str, width: int = 11) -> str:
    """An area name broken over lines of about ``width`` characters, so column labels stay level."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


def _cell_text(row: pd.Series | dict[str, object], unit: str) -> str:
    """The count, M / W when only men's or women's interventions meet the need, ★ for a long programme
    wait with an alternative, and a region's PDUs with a gap on a second line (a cell is narrow)."""
    if row["intervention_count"] == 0:
        return "Gap"
    text = str(row["intervention_count"])
    if row["open_to"] not in ("", "everyone"):
        text += f" {row['open_to'][0].upper()}"
    if row["long_wait_alternative"]:
        text += f" {ALERT_MARK}"
    if unit == "region_code" and row["gap_pdu_count"]:
        text += f"<br>{row['gap_pdu_count']} gap"
    return text


#: Above this many columns the area names are slanted instead of wrapped, so neighbours cannot collide.
MAX_LEVEL_COLUMNS: Final = 8


def availability_figure(details: pd.DataFrame, *, unit: str, unit_names: dict[str, str],
                        font_px: int = BASE_FONT_PX) -> go.Figure:
    """Heatmap of interventions available per need (rows) and area (columns); gaps labelled "Gap".

    ``details``: ``metrics.landscape.waits.cell_details`` output for the unit ("pdu_code" or "region_code").
    Built in one ``go.Figure`` call (the traces and axes as dictionaries, then the theme).
    """
    names = details[unit].map(lambda code: unit_names.get(code, code))
    slanted = details[unit].nunique() > MAX_LEVEL_COLUMNS
    cells = details.assign(
        need=details["need_code"].map(code_label),
        area=names if slanted else names.map(_wrapped),
        label=[_cell_text(row, unit) for row in _cell_rows(details)],
    )
    cells["hover"] = ("<b>" + cells["need"] + " · " + names + "</b><br>" + cells["intervention_count"].astype(str)
                      + " interventions available<br>" + cells["hover"])
    z = cells.pivot(index="need", columns="area", values="intervention_count")
    rows = [_wrapped(need, width=22) for need in z.index]  # long need names on two lines: more room for cells
    text = cells.pivot(index="need", columns="area", values="label").reindex_like(z)
    hover = cells.pivot(index="need", columns="area", values="hover").reindex_like(z)
    gaps = z.where(z == 0)
    textfont = {"size": max(font_px - 3, 11)}
    traces = [
        dict(
            type="heatmap", z=z.where(z > 0).values, x=list(z.columns), y=rows, text=text.values,
            customdata=hover.values,
            # Every cell prints its count, so the shade needs no colour bar (which took a sixth of the width).
            texttemplate="%{text}", colorscale=COUNT_SCALE, zmin=0, xgap=2, ygap=2, hoverongaps=False,
            showscale=False, hovertemplate="%{customdata}<extra></extra>", textfont=textfont,
        ),
        dict(
            type="heatmap", z=(gaps + 1).values, x=list(z.columns), y=rows, text=text.where(z == 0, "").values,
            customdata=hover.values,
            texttemplate="%{text}", colorscale=[[0, GAP_COLOUR], [1, GAP_COLOUR]], showscale=False, xgap=2, ygap=2,
            hoverongaps=False,
            hovertemplate="%{customdata}<extra></extra>", textfont=textfont,
        ),
    ]
    longest = max((len(str(name)) for name in z.columns), default=0)
    layout = {
        "xaxis": {"side": "bottom", "tickangle": -40 if slanted else 0, "showgrid": False},
        "yaxis": {"autorange": "reversed", "showgrid": False},
        "height": 200 + 52 * len(z.index) + (int(longest * font_px * 0.42) if slanted else 60),
    }
    return themed_figure(traces, layout, title="Interventions available per need (interventions; Gap = none)",
                         font_px=font_px)


def _cell_rows(details: pd.DataFrame) -> list[dict[str, object]]:
    """The cells' fields ``_cell_text`` reads, one dictionary per row (``iterrows`` cost 5 ms for 120 cells)."""
    columns = ["intervention_count", "open_to", "long_wait_alternative", "gap_pdu_count"]
    return [dict(zip(columns, values)) for values in zip(*(details[column].tolist() for column in columns))]


def providers_figure(providers: pd.DataFrame, *, font_px: int = BASE_FONT_PX,
                     benchmark_name: str = "all providers") -> go.Figure:
    """Completion and removal-without-start rates per provider with Wilson 95% intervals.

    ``providers``: ``metrics.landscape.providers.provider_outcomes`` output with
    suppressed rates already NaN. The comparison with all providers (dotted
    line) is carried by the marker's colour, its shape and the hover's words; the page's one
    comparison key (``charts.comparison_key``) names the colours. Built in one ``go.Figure`` call
    on ``make_subplots``' grid (``charts.landscape.subplots``); as ``add_vline`` does, a panel with
    no rate drawn gets no dotted line.
    """
    panels = (("completion", "Completion rate (%)"), ("removal", "Removed without start (%)"))
    layout = grid_layout(1, 2, shared_yaxes=True, horizontal_spacing=0.05)
    order = providers.sort_values("referral_count")["provider"].tolist()
    traces: list[dict[str, object]] = []
    shapes: list[dict[str, object]] = []
    for column, (name, title) in enumerate(panels, start=1):
        value, suffix, drawn = f"{name}_pct", axis_suffix(column), len(traces)
        for label, rows in providers.dropna(subset=[value]).groupby(f"{name}_comparison", sort=False):
            traces.append(dict(
                type="scatter", x=rows[value], y=rows["provider"], mode="markers", name=label, legendgroup=label,
                showlegend=False,  # the page's one key names the colours
                error_x={"type": "data", "symmetric": False, "array": rows[f"{value}_upper95"] - rows[value],
                         "arrayminus": rows[value] - rows[f"{value}_lower95"], "color": DARK_GREY, "thickness": 2},
                marker={"size": 13, "color": COMPARISON_COLOURS.get(label, "#FFFFFF"),
                        "symbol": COMPARISON_SYMBOLS.get(label, "circle"), "line": {"color": DARK_GREY, "width": 1.5}},
                hovertemplate="<b>%{y}</b><br>" + title + f": %{{x:.1f}}<br>{label} than {benchmark_name}<extra></extra>",
                xaxis=f"x{suffix}", yaxis=f"y{suffix}",
            ))
        benchmark = providers[f"{name}_benchmark"].iloc[0] if len(providers) else float("nan")
        axis_title = f"{title}, 95% interval"
        if pd.notna(benchmark):
            if len(traces) > drawn:
                shapes.append({"type": "line", "x0": benchmark, "x1": benchmark, "xref": f"x{suffix}", "y0": 0,
                               "y1": 1, "yref": f"y{suffix} domain", "line": {"color": DARK_GREY, "dash": "dot"}})
            axis_title += f"<br>dotted line ({benchmark:.1f}%):<br>{benchmark_name}"
        layout[f"xaxis{suffix}"].update(title={"text": axis_title}, range=[0, 100])
        layout[f"yaxis{suffix}"].update(categoryorder="array", categoryarray=order)
    if shapes:
        layout["shapes"] = shapes
    return themed_figure(traces, layout, title="Provider outcomes with 95% confidence intervals (percent)",
                         font_px=font_px, finish={"height": 260 + 30 * max(len(order), 4),
                                                  "margin": {"t": 100 + 2 * font_px}, "showlegend": False})
