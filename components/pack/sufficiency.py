"""The Sufficiency gaps page's part of the meeting pack (see components/pack/sections.py)."""

from __future__ import annotations

from charts.pack.html import PackChart, PackSection
from charts.sufficiency.figures import cascade_figure, share_bars_figure
from components.blocks import scope_labels
from components.pack.common import TOP_ROWS, definitions_of, page_setting_in_force
from components.sufficiency.page import DEFAULT_DIMENSION, follow_up_caveat, sufficiency_data
from metrics.sufficiency.benchmark import BENCHMARKS, DEFAULT_BENCHMARK, benchmark_name, need_benchmark_match
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.headline import least_met_kpi, sufficiency_kpis
from metrics.sufficiency.measures import DEFAULT_MEASURE, MEASURES
from metrics.sufficiency.tables import cascade_table, compared_table
from metrics.sufficiency.views import cascade_in_order, need_shares, subgroup_shares
from vocabulary.definitions import SUBGROUP_LABELS
from vocabulary.scope import Filters

#: The Sufficiency gaps page's definitions list (pages/sufficiency_gaps.py).
SUFFICIENCY_DEFINITIONS = (
    "Needs identified", "Judged sufficient", "Referred for the need", "Started for the need",
    "Completed for the need", "Least-met need against all needs", "Need record", "Addressing referral", "Follow-up window",
    "Sufficiency benchmark", "Comparison with the benchmark", "Gap finder", "People the gap represents",
    "Disclosure control",
)


def sufficiency_section(filters: Filters) -> PackSection:
    """Sufficiency gaps: headline figures, judged sufficient by need, the cascade, the subgroups, top gaps."""
    measure_key = page_setting_in_force("measure", DEFAULT_MEASURE, allowed=MEASURES)
    benchmark = page_setting_in_force("benchmark", DEFAULT_BENCHMARK, allowed=BENCHMARKS)
    dimension = page_setting_in_force("subgroup", DEFAULT_DIMENSION, allowed=SUBGROUP_LABELS)
    data = sufficiency_data(filters, measure_key, benchmark, dimension)
    names = scope_labels()
    judged = MEASURES["sufficient"]
    shares = need_shares(data.area, data.population, judged, benchmark=benchmark)
    name = benchmark_name(benchmark, same_need=bool(need_benchmark_match(benchmark)))
    by_need = share_bars_figure(shares, title="Judged sufficient by need, worst first (% of judged need records, 95% CI)",
                                value_title="Judged sufficient", benchmark_name=name)
    cascade = cascade_in_order(data.area, list(shares["need_code"]))
    label = SUBGROUP_LABELS[dimension]
    groups = subgroup_shares(data.area, data.measure)
    by_group = share_bars_figure(groups, title=f"{data.measure.label} by {label.lower()} (%, 95% CI)",
                                 value_title=data.measure.label, benchmark_name="All people selected")
    gaps = find_gaps(compared_cells(data.area, data.population, data.measure, benchmark=benchmark, by_subgroup=False))
    gap_table = compared_table(gaps.head(TOP_ROWS), data.measure, names=names,
                               extra=("rank", "shortfall_pct_points", "people_gap_count"))
    return PackSection(
        "Sufficiency gaps",
        kpis=[*sufficiency_kpis(data.area), least_met_kpi(data.area)],
        settings=[f"Measure: {data.measure.label}", f"Compared with: {BENCHMARKS[benchmark]}", f"Subgroups: {label}"],
        charts=[
            PackChart(by_need, compared_table(shares, judged, names=names)),
            PackChart(cascade_figure(cascade), cascade_table(cascade)),
            PackChart(by_group, compared_table(groups, data.measure, names=names, dimension=dimension)),
        ],
        tables=[(f"Gap finder: the {min(len(gaps), TOP_ROWS)} largest of {len(gaps):,} significant gaps", gap_table)],
        notes=[follow_up_caveat(filters)],
        definitions=definitions_of(SUFFICIENCY_DEFINITIONS),
    )
