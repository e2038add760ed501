"""The one significance engine behind every view: Fingertips' comparison with a benchmark.

Single overlap at two levels: the benchmark inside the unit's 95% interval ->
Similar; outside 95% but inside 99.8% -> Better/Worse (or Higher/Lower); outside
99.8% -> Significantly better/worse (or higher/lower). Units under the minimum
denominator, or without a value, are "Not compared".
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
import pandas as pd

from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT

Polarity = Literal["high_is_good", "low_is_good", "no_judgement"]

NOT_COMPARED: Final = "Not compared"
SIMILAR: Final = "Similar"
JUDGED_LABELS: Final[tuple[str, ...]] = (
    "Significantly better",
    "Better",
    SIMILAR,
    "Worse",
    "Significantly worse",
    NOT_COMPARED,
)
NEUTRAL_LABELS: Final[tuple[str, ...]] = (
    "Significantly higher",
    "Higher",
    SIMILAR,
    "Lower",
    "Significantly lower",
    NOT_COMPARED,
)


def _direction_word(higher: bool, polarity: Polarity) -> str:
    if polarity == "no_judgement":
        return "higher" if higher else "lower"
    good = higher if polarity == "high_is_good" else not higher
    return "better" if good else "worse"


def compare_one(
    *,
    benchmark: float,
    lower95: float,
    upper95: float,
    lower998: float,
    upper998: float,
    denominator: float,
    polarity: Polarity = "no_judgement",
    min_denominator: float = MIN_DENOMINATOR_FOR_PERCENT,
) -> str:
    """Label one unit against a benchmark by the single-overlap rule."""
    values = (benchmark, lower95, upper95, lower998, upper998, denominator)
    if any(value is None or np.isnan(value) for value in values) or denominator < min_denominator:
        return NOT_COMPARED
    if lower95 <= benchmark <= upper95:
        return SIMILAR
    higher = benchmark < lower95
    word = _direction_word(higher, polarity)
    if lower998 <= benchmark <= upper998:
        return word.capitalize()
    return f"Significantly {word}"


def compare_with_benchmark(
    table: pd.DataFrame,
    *,
    value: str = "value_pct",
    benchmark: str = "benchmark_pct",
    denominator: str = "denominator",
    polarity: Polarity = "no_judgement",
    min_denominator: float = MIN_DENOMINATOR_FOR_PERCENT,
) -> pd.Series:
    """Comparison label for every row of ``table`` (the rule of ``compare_one``, on whole columns).

    ``table`` holds ``value`` with its ``<value>_lower95/_upper95/_lower998/_upper998``
    limits (as made by ``metrics.stats.proportions.with_proportion``), a ``benchmark``
    column and a ``denominator`` column.
    """
    def column(name: str) -> np.ndarray:
        return pd.to_numeric(table[name], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)

    level = column(benchmark)
    lower95, upper95 = column(f"{value}_lower95"), column(f"{value}_upper95")
    lower998, upper998 = column(f"{value}_lower998"), column(f"{value}_upper998")
    count = column(denominator)
    stacked = np.vstack([level, lower95, upper95, lower998, upper998, count])
    missing = np.isnan(stacked).any(axis=0) | (np.nan_to_num(count, nan=0.0) < min_denominator)
    higher = level < lower95
    if polarity == "no_judgement":
        word = np.where(higher, "higher", "lower")
    else:
        good = higher if polarity == "high_is_good" else ~higher
        word = np.where(good, "better", "worse")
    labels = np.where(
        (lower998 <= level) & (level <= upper998),
        np.char.capitalize(word.astype(str)),
        np.char.add("Significantly ", word.astype(str)),
    )
    labels = np.where((lower95 <= level) & (level <= upper95), SIMILAR, labels)
    labels = np.where(missing, NOT_COMPARED, labels)
    return pd.Series(labels, index=table.index, dtype="object", name="comparison")
