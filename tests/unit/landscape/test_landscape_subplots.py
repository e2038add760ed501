"""``charts.landscape.subplots.grid_layout`` lays out subplots exactly as ``make_subplots`` does."""

from __future__ import annotations

import pytest
from plotly.subplots import make_subplots

from charts.landscape.subplots import grid_layout


def _made(**arguments: object) -> dict[str, object]:
    layout = make_subplots(**arguments).layout.to_plotly_json()
    layout.pop("template", None)
    return layout


@pytest.mark.parametrize("arguments", [
    {"rows": 1, "cols": 1, "shared_xaxes": True, "subplot_titles": ["Only"], "row_heights": [4],
     "vertical_spacing": 0.0},
    {"rows": 6, "cols": 1, "shared_xaxes": True, "subplot_titles": list("abcdef"), "row_heights": [10, 10, 7, 3, 1, 10],
     "vertical_spacing": 56 / (30 * 41 + 56 * 6)},
    {"rows": 5, "cols": 1, "shared_xaxes": True, "subplot_titles": ["a", "", "c", "d", "e"], "row_heights": [3, 1, 2, 1, 9],
     "vertical_spacing": 0.07},
    {"rows": 3, "cols": 1, "subplot_titles": ["one", "two", "three"]},
    {"rows": 1, "cols": 2, "shared_yaxes": True, "horizontal_spacing": 0.05},
    {"rows": 2, "cols": 3, "shared_xaxes": True, "shared_yaxes": True},
    {"rows": 4, "cols": 2},
])
def test_grid_layout_is_make_subplots_layout(arguments: dict[str, object]) -> None:
    assert grid_layout(**arguments) == _made(**arguments)


def test_grid_layout_matches_make_subplots_over_many_bar_counts() -> None:
    for rows in range(1, 8):
        for first in range(1, 11):
            heights = [(first * (row + 3)) % 10 + 1 for row in range(rows)]
            spacing = 56 / (30 * sum(heights) + 56 * rows) if rows > 1 else 0.0
            arguments = {"rows": rows, "cols": 1, "shared_xaxes": True, "row_heights": heights,
                         "vertical_spacing": spacing, "subplot_titles": [f"Heading {row}" for row in range(rows)]}
            assert grid_layout(**arguments) == _made(**arguments), arguments
