"""The PDU comparisons page's headline figures: the benchmark's value and how many PDUs in scope differ
from it at the 99.8% level (the page's alarm level). PDUs are areas, not people: nothing is rounded."""

from __future__ import annotations

import math

import pandas as pd

from metrics.comparison.indicators import Indicator
from metrics.comparison.tables import format_value
from metrics.kpi import Kpi
from metrics.stats.comparison import NOT_COMPARED


def difference_labels(item: Indicator) -> tuple[str, str]:
    """The two labels the headline counts: ("Significantly worse", "Significantly better"), or lower and
    higher for an indicator with no judgement."""
    if item.polarity == "no_judgement":
        return "Significantly lower", "Significantly higher"
    return "Significantly worse", "Significantly better"


def comparison_kpis(compared: pd.DataFrame, item: Indicator, *, benchmark_name: str,
                    benchmark_value: float | None, units: str = "PDUs") -> list[Kpi]:
    """The benchmark's value, the PDUs compared, and those significantly worse and better (or lower and higher).

    Args:
        compared: ``compare_pdus`` rows for the PDUs in scope.
        item: the indicator.
        benchmark_name: what the PDUs are compared with ("England and Wales", a region's name, "Their regions").
        benchmark_value: its value, or None when the PDUs shown have different benchmarks.
        units: what the rows are, plural ("PDUs", or "Regions" for regions as the unit).
    """
    rows = compared[compared["window"] == 0]
    labels = rows["comparison"].astype(str)
    shown = benchmark_value is not None and math.isfinite(benchmark_value)
    low, high = difference_labels(item)
    return [
        Kpi(benchmark_name, format_value(benchmark_value, item) if shown else "each PDU's own",
            definition=f"The benchmark: {item.name.lower()} on the same filtered data."),
        Kpi(f"{units} compared", f"{int((labels != NOT_COMPARED).sum())}", delta=f"of {len(rows)} selected",
            delta_color="off", delta_arrow="off", definition=f"{units} selected with enough people to be compared (a "
                       "denominator of 10 or more and a value disclosure control does not hide)."),
        *(Kpi(f"{units} {label.lower()}", f"{int((labels == label).sum())}",
              definition=f"{units} labelled “{label}”: the benchmark lies outside their 99.8% interval.")
          for label in (low, high)),
    ]
