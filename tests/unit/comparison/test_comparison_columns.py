"""The column-wise comparison gives exactly the labels of the scalar rule, row by row."""

import itertools

import numpy as np
import pandas as pd
import pytest

from metrics.stats.comparison import compare_one, compare_with_benchmark

LIMITS = {"value_lower95": 40.0, "value_upper95": 50.0, "value_lower998": 35.0, "value_upper998": 55.0}
# Benchmarks on and either side of every limit, plus a missing one.
BENCHMARKS = (30.0, 34.99, 35.0, 37.0, 39.99, 40.0, 45.0, 50.0, 50.01, 55.0, 55.01, 60.0, np.nan)
DENOMINATORS = (9, 10, 100, np.nan)


@pytest.mark.parametrize("polarity", ["high_is_good", "low_is_good", "no_judgement"])
def test_columns_match_scalar_rule(polarity):
    rows = pd.DataFrame(
        [{"benchmark": level, "denominator": count, **LIMITS}
         for level, count in itertools.product(BENCHMARKS, DENOMINATORS)]
    )
    labels = compare_with_benchmark(rows, value="value", benchmark="benchmark", polarity=polarity)
    expected = [
        compare_one(benchmark=row.benchmark, lower95=40.0, upper95=50.0, lower998=35.0, upper998=55.0,
                    denominator=row.denominator, polarity=polarity)
        for row in rows.itertuples()
    ]
    assert labels.tolist() == expected


def test_missing_limit_in_one_row_only_affects_that_row():
    rows = pd.DataFrame([{"benchmark": 30.0, "denominator": 50, **LIMITS},
                         {"benchmark": 30.0, "denominator": 50, **LIMITS, "value_lower95": None}])
    labels = compare_with_benchmark(rows, value="value", benchmark="benchmark", polarity="high_is_good")
    assert labels.tolist() == ["Significantly better", "Not compared"]


def test_keeps_the_table_index():
    rows = pd.DataFrame([{"benchmark": 45.0, "denominator": 50, **LIMITS}], index=[7])
    assert compare_with_benchmark(rows, value="value", benchmark="benchmark").index.tolist() == [7]
