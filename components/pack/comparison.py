"""The PDU comparisons page's part of the meeting pack (see components/pack/sections.py).

It gathers what components/comparison/sections.py and comparison_trend.py draw,
through the same functions, for the indicator, benchmark and PDU of interest in force.
"""

from __future__ import annotations

import pandas as pd

from charts.comparison.figures import comparison_bar_figure, funnel_figure
from charts.comparison.profile import spine_figure, trend_figure
from charts.pack.html import PackChart, PackSection
from components.comparison.headline import headline_kpis
from components.comparison.matrix import styled_matrix
from components.comparison.page import (
    NO_PDU,
    ComparisonData,
    compared_for,
    comparison_data,
    funnel_caption,
    funnel_centre,
    people_filter_note,
    shown,
)
from components.comparison.trend import trend_values
from components.comparison.view import ComparisonView
from components.pack.common import definitions_of, page_setting_in_force
from components.pdu_map.comparison import comparison_map_chart
from metrics.comparison.bar_rows import bar_rows
from metrics.comparison.indicators import DEFAULT_INDICATOR, INDICATORS, PAGE_DEFINITIONS, Indicator
from metrics.comparison.pdu_comparison import BENCHMARKS, DEFAULT_BENCHMARK, ENGLAND_WALES
from metrics.comparison.spine import spine_rows
from metrics.comparison.tables import (
    comparison_table,
    format_value,
    funnel_table,
    spine_table,
)
from metrics.comparison.trend import follow_up_trend_note, trend_frame, trend_table, trend_words
from metrics.stats.follow_up import follow_up_note
from metrics.stats.funnel import funnel_lines, funnel_position
from vocabulary.scope import Filters

#: PDUs at each end of the ranked bars the pack draws (all of them are in the chart's table).
END_ROWS = 10


def _ends_caption(compared: pd.DataFrame, drawn: pd.DataFrame) -> str | None:
    """Says so when the chart draws fewer PDUs than were compared (the 10 best and 10 worst); else None."""
    current = compared[compared["window"] == 0].dropna(subset=["value"])
    shown = drawn["pdu_code"].nunique() if "pdu_code" in drawn else len(drawn)
    if shown >= len(current):
        return None
    return (f"The {END_ROWS} PDUs with the highest values and the {END_ROWS} with the lowest, of {len(current):,}; "
            "the chart's table has every PDU.")


def _funnel(compared: pd.DataFrame, item: Indicator, pdu_code: str, centre: tuple[float, str]) -> list[PackChart]:
    units = compared[compared["window"] == 0].dropna(subset=["value"])
    if item.kind != "proportion" or units.empty:
        return []
    target, centre_name = centre
    units = units.assign(funnel_position=funnel_position(units, target, value="value", denominator="denominator"))
    lines = funnel_lines(target, float(units["denominator"].max()), min_denominator=float(units["denominator"].min()))
    table = funnel_table(units, item)
    figure = funnel_figure(units, lines, item, pdu_of_interest=pdu_code or None, centre_name=centre_name)
    return [PackChart(figure, table, caption=funnel_caption(centre))]


def _pdu_of_interest(filters: Filters, data: ComparisonData, compared: dict[str, pd.DataFrame], item: Indicator,
                     benchmark: str, pdu_code: str) -> list[PackChart]:
    if not pdu_code:
        return []
    pdu = data.pdus.set_index("pdu_code").loc[pdu_code]
    spine = spine_rows(data.items, compared, data.national, pdu_code)
    texts = [format_value(value, each, suppressed=hidden, short=True)
             for each, value, hidden in zip(data.items, spine["value"], spine["suppressed"], strict=True)]
    charts = [PackChart(spine_figure(spine, pdu_name=pdu["pdu_name"], value_texts=texts),
                        spine_table(spine, data.items, pdu_name=pdu["pdu_name"]))]
    if data.quarters.empty:
        return charts
    values, area = trend_values(filters, data, item, pdu_code, benchmark)
    series = trend_frame(values, data.quarters, item, pdu_code=pdu_code, benchmark_type=area[0],
                         benchmark_code=area[1], data_as_of=data.data_as_of)
    name = BENCHMARKS[ENGLAND_WALES] if benchmark == ENGLAND_WALES else pdu["region_name"]
    caption = " ".join(filter(None, (f"Recent trend for {pdu['pdu_name']}: {trend_words(series, item)}.",
                                     follow_up_trend_note(series, item))))
    charts.append(PackChart(trend_figure(series, item, pdu_name=pdu["pdu_name"], benchmark_name=name),
                            trend_table(series, item, pdu_name=pdu["pdu_name"], benchmark_name=name),
                            caption=caption))
    return charts


def _settings(data: ComparisonData) -> tuple[Indicator, str, str]:
    """The page's pickers as the session holds them, corrected as the page corrects them."""
    key = page_setting_in_force("cmp_indicator", DEFAULT_INDICATOR)
    key = key if key in {each.key for each in data.items} else DEFAULT_INDICATOR
    pdu_code = page_setting_in_force("cmp_pdu", NO_PDU)
    return INDICATORS[key], page_setting_in_force("cmp_benchmark", DEFAULT_BENCHMARK, allowed=BENCHMARKS), (
        pdu_code if pdu_code in data.shown_codes else NO_PDU)


def comparison_section(filters: Filters) -> PackSection:
    """PDU comparisons: bars against the benchmark, funnel, the PDU of interest, and the overview matrix."""
    data = comparison_data(filters)
    item, benchmark, pdu_code = _settings(data)
    benchmark_name = "its region" if benchmark != ENGLAND_WALES else BENCHMARKS[ENGLAND_WALES]
    compared = compared_for(filters, benchmark)
    in_scope = shown(compared[item.key], data)
    drawn = bar_rows(in_scope, item, area_chosen=bool(filters.regions or filters.pdus), show_all=False,
                     pdu_of_interest=pdu_code or None)  # as the page: the 10 best and 10 worst, or the area's
    bars = PackChart(comparison_bar_figure(drawn, item, benchmark_name=benchmark_name,
                                           pdu_of_interest=pdu_code or None, label_values=True),
                     comparison_table(in_scope, item, benchmark_name=benchmark_name), caption=_ends_caption(in_scope, drawn))
    names = dict(zip(data.pdus["pdu_code"], data.pdus["pdu_name"]))
    _, matrix = styled_matrix(data, {key: shown(frame, data) for key, frame in compared.items()})
    view = ComparisonView(filters, item.key, benchmark, pdu_code, presenting=False)
    return PackSection(
        "PDU comparisons",
        kpis=headline_kpis(view),
        settings=[f"Indicator: {item.name}", f"Compared with: {BENCHMARKS[benchmark]}",
                  f"PDU of interest: {names.get(pdu_code, 'none chosen')}"],
        charts=[bars, comparison_map_chart(compared[item.key], in_scope, item, benchmark_name=benchmark_name,
                                           pdu_code=pdu_code or None, zoomed=bool(filters.regions or filters.pdus)),
                *_funnel(in_scope, item, pdu_code, funnel_centre(data, compared[item.key], item, benchmark)),
                *_pdu_of_interest(filters, data, compared, item, benchmark, pdu_code)],
        full_tables=[("Overview matrix: every indicator for every PDU shown", matrix)],
        notes=[note for note in (people_filter_note(data),
                                 follow_up_note(filters.period_end, data.data_as_of) if item.follow_up else None)
               if note],
        definitions=definitions_of([*(each.name for each in data.items), *PAGE_DEFINITIONS]),
    )
