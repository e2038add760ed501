"""The data-quality bar chart draws what it is given, with the comparison's colours and words."""

from __future__ import annotations

import pandas as pd

from charts.quality.figures import quality_bar_figure
from charts.theme import COMPARISON_COLOURS


def _rows() -> pd.DataFrame:
    return pd.DataFrame({
        "pdu_name": ["A", "B", "C"], "value_pct": [30.0, 10.0, float("nan")],
        "value_pct_lower95": [21.9, 5.5, float("nan")], "value_pct_upper95": [39.6, 17.4, float("nan")],
        "benchmark_pct": [16.7] * 3, "comparison": ["Significantly worse", "Similar", "Not compared"]})


def test_bars_are_coloured_and_named_by_comparison_and_hidden_shares_are_not_drawn():
    figure = quality_bar_figure(_rows(), title="Need records without a judgement (%)")
    bars = {trace.name: trace for trace in figure.data}
    assert set(bars) == {"Significantly worse", "Similar"}
    assert bars["Significantly worse"].marker.color == COMPARISON_COLOURS["Significantly worse"]
    assert list(bars["Significantly worse"].x) == [30.0]
    assert "Significantly worse" in bars["Significantly worse"].hovertext[0]
    assert figure.layout.shapes[0].x0 == 16.7  # England and Wales


def test_presentation_text_is_larger():
    figure = quality_bar_figure(_rows(), title="t", font_px=24)
    assert figure.layout.font.size == 24 and figure.layout.annotations[0].font.size == 24
