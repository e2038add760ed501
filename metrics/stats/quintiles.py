"""Quintiles: where each area's value falls among all areas, for indicators with no better or worse.

Fingertips colours its maps of such indicators by quintile rather than by comparison.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

QUINTILE_LABELS: Final[tuple[str, ...]] = (
    "Lowest fifth", "Second fifth", "Middle fifth", "Fourth fifth", "Highest fifth",
)
NO_VALUE: Final = "No value"


def quintile_numbers(values: pd.Series) -> pd.Series:
    """Quintile of each value among the values present: 1 (lowest fifth) to 5 (highest fifth).

    Definition: rank the n values present from lowest to highest, tied values taking the
    lowest rank of their tie (rank 1 to n); quintile = floor(5 × (rank − 1) ÷ n) + 1.
    With 10 values, the two lowest are quintile 1 and the two highest quintile 5.
    Unit: quintile number (1–5); missing values (suppressed or no data) stay missing.
    """
    present = values.dropna()
    ranks = present.rank(method="min").to_numpy()
    numbers = np.floor(5 * (ranks - 1) / len(present)).astype("int64") + 1 if len(present) else ranks
    return pd.Series(numbers, index=present.index, dtype="Int64").reindex(values.index)


def quintile_labels(values: pd.Series) -> pd.Series:
    """``quintile_numbers`` in words ("Lowest fifth" … "Highest fifth"; "No value" where missing)."""
    numbers = quintile_numbers(values)
    return numbers.map(lambda number: NO_VALUE if pd.isna(number) else QUINTILE_LABELS[int(number) - 1]).astype(object)
