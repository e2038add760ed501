"""What the PDU hex map adds to each page that shows it (issue 18).

Run: ``python -m benchmarks.pdu_map [--scale 1m|5m | --people N] [--backend duckdb|postgresql]
[--repeats N]``. Prints:

- building the shapes: reading ``reference/hexmap`` and building every PDU's shape, done once
  per process (``components.cache.load_pdu_shapes``), never per rerun;
- for PDU comparisons, Sufficiency gaps and Landscape: the page's AppTest rerun for a period
  end not seen before (every query of the page misses the cache, as in ``benchmarks.pages``),
  and how much of it the map's call took; then the same view rerun (cache hit), where the map
  is its shared figure sent again; medians of ``--repeats``;
- the size of the map's figure as sent to the browser (JSON).

The map's time is measured around the page's one call (``comparison_map`` etc.), so it
counts what the map adds: its own data (the page's other sections share the rest), the
figure and sending it. Figures depend on what else the machine is doing: the load
average is printed with them.
"""

from __future__ import annotations

import importlib
import json
import statistics
import time
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from benchmarks.apptest_timing import benchmark_arguments, chosen_backends, open_app, time_run
from benchmarks.pages import new_period_end
from charts.hexmap.figure import PDU_SHAPE
from charts.hexmap.shapes import build_pdu_shapes
from data_access.hexmap_reference import read_hex_reference

#: (page title, script, query parameters, module and function of the page's map call).
PAGES: tuple[tuple[str, str, dict[str, str], str, str], ...] = (
    ("PDU comparisons", "pages/pdu_comparisons.py", {"cmp_pdu": "N52P07"}, "components.pdu_map.comparison",
     "comparison_map"),
    ("Sufficiency gaps", "pages/sufficiency_gaps.py", {}, "components.pdu_map.sufficiency", "sufficiency_map"),
    ("Landscape", "pages/landscape.py", {}, "components.pdu_map.landscape", "landscape_map"),
)


def shapes_build_ms(repeats: int) -> float:
    """Median milliseconds to read the reference files and build the shapes."""
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        reference = read_hex_reference()
        build_pdu_shapes(reference.hexes, reference.pdu_districts, reference.shared_hexes)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def timing_calls(module_name: str, function: str, seconds: list[float]) -> Callable[[], None]:
    """Wrap the page's map call so each call's seconds are appended to ``seconds``; returns the undo."""
    module = importlib.import_module(module_name)
    original = getattr(module, function)

    def timed(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            seconds.append(time.perf_counter() - started)

    setattr(module, function, timed)
    return lambda: setattr(module, function, original)


def map_json_bytes(app: AppTest) -> int:
    """Bytes of the map's figure spec as sent to the browser."""
    specs = [chart.proto.spec for chart in app.get("plotly_chart")]
    return next(len(spec.encode("utf-8")) for spec in specs
                if any(isinstance(trace.get("meta"), dict) and trace["meta"].get("kind") == PDU_SHAPE
                       for trace in json.loads(spec)["data"]))


def time_page(url: str, page: str, query: dict[str, str], target: tuple[str, str], repeats: int) -> dict[str, float]:
    """Medians (ms) of the page and of its map, cache miss and cache hit, and the map's JSON size."""
    seconds: list[float] = []
    undo = timing_calls(*target, seconds)
    try:
        app = open_app(url, page, **query)
        miss, miss_map, hit, hit_map = [], [], [], []
        for _ in range(repeats):
            miss.append(time_run(app, new_period_end(1)))
            miss_map.append(seconds[-1])
            hit.append(time_run(app))
            hit_map.append(seconds[-1])
        size = map_json_bytes(app)
    finally:
        undo()
    ms = {name: statistics.median(runs) * 1000 for name, runs in
          (("page_miss", miss), ("map_miss", miss_map), ("page_hit", hit), ("map_hit", hit_map))}
    return {**ms, "json_bytes": size}


def main() -> None:
    args = benchmark_arguments(__doc__, repeats_help="views not seen before, per page (median reported)")
    print(f"Building the PDU shapes (once per process): median {shapes_build_ms(args.repeats):,.1f} ms")
    for _, url in chosen_backends(args):
        for title, page, query, *target in PAGES:
            figures = time_page(url, page, query, (target[0], target[1]), args.repeats)
            print(f"  {title:<17} cache miss: page {figures['page_miss']:6,.0f} ms, map {figures['map_miss']:5,.0f} ms "
                  f"({figures['map_miss'] / figures['page_miss']:.0%});  cache hit: page {figures['page_hit']:5,.0f} ms, "
                  f"map {figures['map_hit']:4,.0f} ms;  map JSON {figures['json_bytes'] / 1024:,.0f} KiB")


if __name__ == "__main__":
    main()
