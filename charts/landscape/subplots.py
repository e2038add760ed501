"""Subplot grids as plain layout dictionaries, for figures built in one ``go.Figure`` call.

``grid_layout`` gives the axes (and subplot titles) that ``plotly.subplots.make_subplots``
puts in a figure's layout for a grid of x-y subplots started at the top left, with the
same arithmetic, so a figure built from it is identical to one built with
``make_subplots`` and ``add_trace(row=, col=)``. ``make_subplots`` builds and validates a
figure object (about 13 ms for six rows) that the page then updates row by row; the
dictionary costs well under a millisecond and is validated once with the rest of the
figure. ``tests/unit/landscape/test_landscape_subplots.py`` compares the two.
"""

from __future__ import annotations

from collections.abc import Sequence

#: ``make_subplots``' font for subplot titles.
TITLE_FONT_PX = 16


def axis_suffix(index: int) -> str:
    """The suffix of the ``index``-th subplot's axes (1-based, counted along rows): "", "2", "3", …"""
    return str(index) if index > 1 else ""


def _checked_spacing(count: int, spacing: float, name: str) -> None:
    if spacing < 0 or spacing > 1:
        raise ValueError(f"{name} spacing must be between 0 and 1.")
    if count > 1 and spacing > 1.0 / float(count - 1):
        raise ValueError(f"{name} spacing cannot be greater than 1 / ({count} - 1).")


def grid_layout(
    rows: int,
    cols: int,
    *,
    shared_xaxes: bool = False,
    shared_yaxes: bool = False,
    row_heights: Sequence[float] | None = None,
    vertical_spacing: float | None = None,
    horizontal_spacing: float | None = None,
    subplot_titles: Sequence[str] | None = None,
) -> dict[str, object]:
    """The layout entries ``make_subplots(rows, cols, ...)`` sets with these arguments (its other
    arguments at their defaults): ``xaxis``/``yaxis``, ``xaxis2``/``yaxis2``, … with their domains,
    anchors and shared-axis ``matches``, and ``annotations`` for the titles (when any is given).

    Subplot (row r, column c), both 1-based, uses the axes ``axis_suffix((r - 1) * cols + c)``.
    """
    if horizontal_spacing is None:
        horizontal_spacing = 0.2 / cols
    _checked_spacing(cols, horizontal_spacing, "Horizontal")
    if vertical_spacing is None:
        vertical_spacing = 0.5 / rows if subplot_titles is not None else 0.3 / rows
    _checked_spacing(rows, vertical_spacing, "Vertical")
    titles = list(subplot_titles) if subplot_titles is not None else [""] * rows * cols

    widths = [(1.0 - horizontal_spacing * (cols - 1)) / cols] * cols
    if row_heights is None:
        heights = [(1.0 - vertical_spacing * (rows - 1)) / rows] * rows
    else:
        if len(row_heights) != rows:
            raise ValueError("row_heights must give one height per row")
        cum_sum = float(sum(row_heights))
        heights = [(1.0 - vertical_spacing * (rows - 1)) * (h / cum_sum) for h in row_heights]
        heights = list(reversed(heights))  # rows are laid out from the bottom of the figure
    # Start of each cell, the bottom row first (as make_subplots' grid for start_cell="top-left").
    grid = [[(sum(widths[:c]) + c * horizontal_spacing, sum(heights[:r]) + r * vertical_spacing)
             for c in range(cols)] for r in range(rows)[::-1]]

    layout: dict[str, object] = {}
    domains: list[tuple[list[float], list[float]]] = []
    for r in range(rows):
        for c in range(cols):
            x_domain = [grid[r][c][0] + 0.0, grid[r][c][0] + widths[c] - 0.0]
            y_start = grid[r][c][1] + 0.0
            y_end = grid[r][c][1] + heights[-1 - r] - 0.0
            y_domain = [_clamped(y_start), _clamped(y_end)]
            suffix = axis_suffix(r * cols + c + 1)
            layout[f"xaxis{suffix}"] = {"domain": x_domain, "anchor": f"y{suffix}"}
            layout[f"yaxis{suffix}"] = {"domain": y_domain, "anchor": f"x{suffix}"}
            domains.append((x_domain, y_domain))
    if shared_xaxes:  # each column's axes follow its bottom row's, which alone keeps tick labels
        for c in range(cols):
            first = axis_suffix((rows - 1) * cols + c + 1)
            for r in range(rows - 2, -1, -1):
                layout[f"xaxis{axis_suffix(r * cols + c + 1)}"].update(matches=f"x{first}", showticklabels=False)
    if shared_yaxes:  # each row's axes follow its first column's, which alone keeps tick labels
        for r in range(rows - 1, -1, -1):
            first = axis_suffix(r * cols + 1)
            for c in range(1, cols):
                layout[f"yaxis{axis_suffix(r * cols + c + 1)}"].update(matches=f"y{first}", showticklabels=False)
    font = {"size": TITLE_FONT_PX}
    notes = [
        {"y": y_domain[1], "xref": "paper", "x": sum(x_domain) / 2.0, "yref": "paper", "text": title,
         "showarrow": False, "font": font, "xanchor": "center", "yanchor": "bottom"}
        for title, (x_domain, y_domain) in zip(titles, domains) if title
    ]
    if notes:
        layout["annotations"] = notes
    return layout


def _clamped(position: float) -> float:
    """A domain end within [0, 1], rounding off floating-point error just outside it (as make_subplots)."""
    if position < 0.0:
        if position > -0.01:
            return 0.0
        raise ValueError("subplot domain below 0")
    if position > 1.0:
        if position < 1.01:
            return 1.0
        raise ValueError("subplot domain above 1")
    return position
