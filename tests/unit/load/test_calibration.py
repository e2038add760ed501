"""The benchmarks' calibration does the same work on every machine, so its time compares machines."""

import numpy as np

from benchmarks.calibration import GROUPS, ROWS, SEED, calibration_line, calibration_ms, workload


def test_workload_totals_every_row_once():
    # Worked out apart from the workload's pandas: the merged group totals add up to the sum of the
    # counts drawn (the same generator, the codes drawn first, then the counts), so no row is lost
    # or counted twice by the group-by and the left merge over every code.
    generator = np.random.default_rng(SEED)
    generator.integers(0, GROUPS, ROWS)
    expected = int(generator.integers(0, 10, ROWS).sum())
    assert workload() == expected
    assert workload() == expected  # and the same on a second run: nothing depends on state


def test_calibration_is_a_positive_time_and_is_printed_in_milliseconds():
    milliseconds = calibration_ms(repeats=1)
    assert 0 < milliseconds < 60_000
    assert calibration_line(1234.4).startswith("Calibration (fixed pandas and Plotly work, benchmarks/calibration.py): "
                                               "1,234 ms on this machine now")
