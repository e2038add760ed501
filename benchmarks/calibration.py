"""How fast this machine runs the kind of work a page does, printed beside every page benchmark.

Two sessions on machines of the same kind measured the same code 1.5–2.5 times apart (5 December
2026), while the loader ran faster on the slower one: page timings from different machines or days
cannot be put side by side on their own. The calibration is a fixed piece of the work a cache miss
does in Python (a pandas group-by and merge over 400,000 rows, and a Plotly figure of 40 traces
turned into JSON), timed on the spot, single-threaded: a run whose calibration took 1.5 times as
long ran on a machine about 1.5 times slower for the pages' Python part. It says nothing of the
databases' own speed.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import pandas as pd
import plotly.graph_objects as go

ROWS = 400_000
GROUPS = 1_000
TRACES = 40
POINTS = 250
SEED = 14


def workload() -> float:
    """Do the fixed work once; return the sum of the merged group totals (the same on every machine)."""
    generator = np.random.default_rng(SEED)
    codes = np.array([f"P{number:04d}" for number in range(GROUPS)], dtype=object)
    rows = pd.DataFrame({"pdu_code": codes[generator.integers(0, GROUPS, ROWS)],
                         "count": generator.integers(0, 10, ROWS)})
    totals = rows.groupby("pdu_code", as_index=False)["count"].sum()
    names = pd.DataFrame({"pdu_code": codes, "name": [f"Area {code}" for code in codes]})
    merged = names.merge(totals, on="pdu_code", how="left").fillna({"count": 0})
    figure = go.Figure([go.Scatter(x=np.arange(POINTS), y=generator.random(POINTS), name=f"trace {index}")
                        for index in range(TRACES)])
    figure.update_layout(title="calibration", height=400)
    figure.to_json()
    return float(merged["count"].sum())


def calibration_ms(repeats: int = 3) -> float:
    """Median milliseconds of ``repeats`` runs of ``workload`` (after one run to warm the imports)."""
    workload()
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        workload()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def calibration_line(milliseconds: float) -> str:
    """The line benchmarks print: the calibration's time, to compare runs on different machines."""
    return (f"Calibration (fixed pandas and Plotly work, benchmarks/calibration.py): {milliseconds:,.0f} ms "
            "on this machine now; compare page timings across machines or days only in proportion to it")
