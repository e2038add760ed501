"""Which funnel-plot points are labelled, and with what number: only those outside the 99.8% limits.

Names printed beside points overprint one another; a short number beside each point
outside the 99.8% limits, with a numbered key under the chart, does not. Numbers run
from the highest value down, so the key reads in the order of the points on the chart.
"""

from __future__ import annotations

import pandas as pd

from metrics.stats.funnel import OUTSIDE


def funnel_numbers(units: pd.DataFrame) -> pd.Series:
    """For each unit, its number in the chart's key (1, 2, … from the highest value) or <NA> when unlabelled.

    ``units``: rows with ``value``, ``pdu_name`` and ``funnel_position`` (``metrics.stats.funnel``).
    Only units outside the 99.8% limits are numbered; ties in value go by name.
    """
    outside = units[(units["funnel_position"] == OUTSIDE) & units["value"].notna()]
    ordered = outside.sort_values(["value", "pdu_name"], ascending=[False, True], kind="stable")
    numbers = pd.Series(range(1, len(ordered) + 1), index=ordered.index, dtype="Int64")
    return numbers.reindex(units.index)
