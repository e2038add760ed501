"""The PDU comparisons page's server-side work without Streamlit, step by step, for timing.

It calls the same query, metric, table and chart functions as the page, in the same
order, and keeps query results in a dictionary keyed by the query's arguments, as
the app's cache does: so switching the indicator re-runs only the queries the new
indicator's trend needs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from charts.comparison.figures import comparison_bar_figure, funnel_figure
from charts.comparison.profile import spine_figure, trend_figure
from data_access import comparison_queries as queries
from data_access import comparison_waiting_queries as waiting
from data_access.engine import make_engine
from data_access.queries import data_as_of, dataset_info, filter_options
from metrics.comparison.areas import NATIONAL, area_counts, area_waits, pdu_counts_frame
from metrics.comparison.indicators import INDICATORS, available_indicators
from metrics.comparison.pdu_comparison import compare_pdus, indicator_values, national_value
from metrics.comparison.spine import spine_rows
from metrics.comparison.tables import comparison_table, matrix_tables, spine_table
from metrics.comparison.trend import trend_frame, trend_table, trend_words
from metrics.stats.funnel import funnel_lines, funnel_position, pooled_target_pct
from metrics.stats.trend import trend_quarters
from vocabulary.definitions import DEFAULT_WAIT_TARGET_WEEKS
from vocabulary.scope import Filters, default_filters

TARGET_DAYS = 7 * DEFAULT_WAIT_TARGET_WEEKS


class PageWork:
    """One database's page work, with a query cache and time per step."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url, read_only=url.startswith("duckdb"))
        self.base = default_filters(data_as_of(self.engine))
        self.pdus = filter_options(self.engine)["pdus"]
        info = dataset_info(self.engine)
        self.data_from, self.data_as_of = info["data_from"], info["data_as_of"]
        self.cache: dict[tuple, Any] = {}
        self.steps: dict[str, float] = {}

    def close(self) -> None:
        """Release the engine."""
        self.engine.dispose()

    def _timed(self, step: str, call: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        value = call()
        self.steps[step] = self.steps.get(step, 0.0) + time.perf_counter() - started
        return value

    def _query(self, query: Callable[..., Any], *args: Any) -> Any:
        key = (query.__name__, *args)
        if key not in self.cache:
            self.cache[key] = self._timed(f"query: {query.__name__}", lambda: query(self.engine, *args))
        return self.cache[key]

    def _windows(self, filters: Filters) -> tuple[tuple, pd.DataFrame]:
        quarters = trend_quarters(filters.period_end, self.data_from)
        windows = ((filters.period_start, filters.period_end), *zip(quarters["start"], quarters["end"], strict=True))
        return tuple(windows), quarters

    def _values(self, filters: Filters) -> tuple[tuple, dict[str, pd.DataFrame]]:
        """As ``components.comparison.page._assembled``: one query per table for the period and the quarters."""
        windows, _ = self._windows(filters)
        ends = tuple(end for _, end in windows)
        first, last = min(start for start, _ in windows).replace(day=1), filters.period_end.replace(day=1)
        parts = [self._query(queries.need_counts_by_pdu, filters, windows),
                 self._query(queries.referral_flows_by_pdu, filters, windows),
                 self._query(waiting.waiting_counts_by_pdu, filters, ends, TARGET_DAYS)]
        caseload = self._query(queries.caseload_by_month, first, last)
        places = self._query(queries.places_by_month, filters, first, last)
        histogram = self._query(waiting.waiting_histogram_by_pdu, filters, filters.period_end)
        key = ("values", filters)
        if key not in self.cache:
            def compute() -> tuple[tuple, dict[str, pd.DataFrame]]:
                counts = area_counts(pdu_counts_frame(self.pdus, windows, parts, caseload=caseload, places=places))
                waits = area_waits(histogram, self.pdus)
                items = available_indicators(has_caseload=True, has_provision=True)
                return items, {item.key: indicator_values(item, counts, waits) for item in items}

            self.cache[key] = self._timed("metrics: every indicator, every area and window", compute)
        return self.cache[key]

    def _trend(self, filters: Filters, key: str, pdu_code: str, benchmark: str,
               values: dict[str, pd.DataFrame]) -> None:
        item = INDICATORS[key]
        _, quarters = self._windows(filters)
        snapshots = tuple(quarters["end"])
        region = self.pdus.set_index("pdu_code").loc[pdu_code, "region_code"]
        area = ("national", NATIONAL) if benchmark == "england_wales" else ("region", region)
        if item.source == "waits":
            members = () if benchmark == "england_wales" else tuple(
                self.pdus.loc[self.pdus["region_code"] == region, "pdu_code"])
            own = self._query(waiting.pooled_waiting_histogram, filters, snapshots, (pdu_code,))
            scope = self._query(waiting.pooled_waiting_histogram, filters, snapshots, members)
            trend = self._timed("metrics: median trend", lambda: item.compute(pd.concat(
                [own.assign(area_type="pdu", area_code=pdu_code), scope.assign(area_type=area[0], area_code=area[1])],
                ignore_index=True)))
        else:
            trend = values[key][values[key]["window"] >= 1].assign(window=lambda rows: rows["window"] - 1)
        series = trend_frame(trend, quarters, item, pdu_code=pdu_code, benchmark_type=area[0], benchmark_code=area[1],
                             data_as_of=self.data_as_of)
        self._timed("tables and charts: trend", lambda: (
            trend_words(series, item), trend_table(series, item, pdu_name="p", benchmark_name="b"),
            trend_figure(series, item, pdu_name="p", benchmark_name="b").to_json()))

    def page(self, filters: Filters, key: str, benchmark: str, pdu_code: str) -> float:
        """Seconds for everything the page computes for these settings (cached queries reused)."""
        started = time.perf_counter()
        items, values = self._values(filters)
        if ("compared", filters, benchmark) not in self.cache:
            self.cache[("compared", filters, benchmark)] = self._timed("metrics: compare every indicator", lambda: {
                item.key: compare_pdus(values[item.key], self.pdus, item, benchmark=benchmark) for item in items})
        compared = self.cache[("compared", filters, benchmark)]
        item = INDICATORS[key]
        self._timed("tables and charts: compare, funnel, profile, matrix", lambda: self._draw(
            items, compared, values, item, pdu_code))
        self._trend(filters, key, pdu_code, benchmark, values)
        return time.perf_counter() - started

    def _draw(self, items: tuple, compared: dict[str, pd.DataFrame], values: dict[str, pd.DataFrame], item: Any,
              pdu_code: str) -> None:
        rows = compared[item.key]
        comparison_table(rows, item, benchmark_name="b")
        comparison_bar_figure(rows, item, benchmark_name="b", pdu_of_interest=pdu_code).to_json()
        if item.kind == "proportion":
            units = rows.dropna(subset=["value"])
            target = pooled_target_pct(units, numerator="numerator", denominator="denominator")
            units = units.assign(funnel_position=funnel_position(units, target, value="value",
                                                                 denominator="denominator"))
            lines = funnel_lines(target, float(units["denominator"].max()),
                                 min_denominator=float(units["denominator"].min()))
            funnel_figure(units, lines, item, pdu_of_interest=pdu_code).to_json()
        national = {key: national_value(frame) for key, frame in values.items()}  # window 0: the period
        spine = spine_rows(items, compared, national, pdu_code)
        spine_table(spine, items, pdu_name="p")
        spine_figure(spine, pdu_name="p", value_texts=["x"] * len(spine)).to_json()
        matrix_tables(items, compared, list(self.pdus["pdu_code"]))
