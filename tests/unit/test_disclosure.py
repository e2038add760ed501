"""Disclosure control: small counts and percentages on small denominators."""

import numpy as np
import pandas as pd
import pytest

from metrics.disclosure import format_count, format_percent, suppress_table


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (1234, "1,234"), (None, "–"), (float("nan"), "–")],
)
def test_format_count(count, shown):
    assert format_count(count) == shown


@pytest.mark.parametrize(
    ("value", "denominator", "shown"),
    [(50.0, 9, "suppressed"), (50.0, 10, "50.0%"), (12.345, 200, "12.3%"), (None, 50, "–")],
)
def test_format_percent(value, denominator, shown):
    assert format_percent(value, denominator) == shown


def test_suppress_table_hides_counts_and_percentages_with_their_limits():
    table = pd.DataFrame(
        {
            "pdu": ["A", "B", "C"],
            "people": [3, 12, 0],
            "value_pct": [33.3, 50.0, np.nan],
            "value_pct_lower95": [5.0, 25.0, np.nan],
            "denominator": [9, 12, 0],
        }
    )
    safe = suppress_table(table, count_columns=("people",), percent_columns={"value_pct": "denominator"})
    assert safe["people"].tolist() == ["<5", 12, 0]
    assert np.isnan(safe.loc[0, "value_pct"]) and np.isnan(safe.loc[0, "value_pct_lower95"])
    assert safe.loc[1, "value_pct"] == 50.0
    assert table.loc[0, "people"] == 3  # original untouched
