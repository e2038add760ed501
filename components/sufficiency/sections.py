"""The sections of the Sufficiency gaps page: headline, by need, by subgroup and the gap finder (the
PDU × need matrix is in ``components.sufficiency.matrix``). Each draws its charts and tables, with disclosure control applied, from
``SufficiencyData``: once per view (``SufficiencyView``) and data version, replayed after
(``components.replay``); pickers, the clickable matrix, data panels and downloads are live.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.sufficiency.figures import cascade_figure, share_bars_figure
from components.blocks import (
    caveat_note,
    chart,
    data_panel,
    disclosure_note,
    download_csv,
    kpi_row,
    scope_labels,
    short_definition,
)
from components.presentation import fit_to_slide
from components.replay import replayed, shared_data
from components.sufficiency.over_time import start_loading_quarters
from components.sufficiency.page import (
    SufficiencyView,
    dimension_picker,
    follow_up_caveat,
    gap_unit_picker,
    nothing_in_scope,
    pdu_need_cells,
    show_table,
    split_gaps_by_subgroup,
    view_data,
)
from metrics.stats.disclosure import format_count, format_percent
from metrics.sufficiency.benchmark import ALL_PERSONS, BENCHMARKS, benchmark_name, need_benchmark_match
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.headline import LEAST_MET_NEED, least_met_sentence, sufficiency_kpis
from metrics.sufficiency.matrix import REGION_ROWS, SAME_NEED, matrix_benchmark_name
from metrics.sufficiency.measures import MEASURES, not_judged_count
from metrics.sufficiency.tables import cascade_table, compared_table
from metrics.sufficiency.views import (
    cascade_in_order,
    need_by_subgroup,
    need_shares,
    subgroup_shares,
    unknown_share,
)
from vocabulary.definitions import SUBGROUP_LABELS


def least_met_line(area: pd.DataFrame) -> None:
    """The least-met need and its shortfall against all needs, in a box of its own with its definition."""
    with st.container(border=True, key="sufficiency_least_met"):
        st.markdown(f"{LEAST_MET_NEED}: {least_met_sentence(area)}", help=short_definition(LEAST_MET_NEED))


@replayed
def headline(view: SufficiencyView) -> bool:
    """The headline figures and the page's caveats; returns whether any need record is in scope (else says so).

    The first section drawn: for a view not seen before it starts the over-time section's query too.
    """
    start_loading_quarters(view.filters)
    data = view_data(view)
    kpi_row(sufficiency_kpis(data.area), presenting=view.presenting)
    if not view.presenting:  # on a slide the sentence above the figures already names the least-met need
        least_met_line(data.area)
    caveat_note(
        "A referral addresses a need when its need code is that need, or, with no need code, when its intervention "
        "addresses it; it counts if made no more than 90 days before the need was identified. The "
        "intervention and category filters narrow which referrals count; they do not remove need records."
    )
    disclosure_note()
    caveat_note(follow_up_caveat(view.filters))
    return not nothing_in_scope(data)


@shared_data
def judged_by_need(view: SufficiencyView) -> pd.DataFrame:
    """Judged sufficient by need against the benchmark, worst first (``need_shares``): the chart's bars and
    the cascade's order, worked out once."""
    data = view_data(view)
    return need_shares(data.area, data.population, MEASURES["sufficient"], benchmark=data.benchmark)


@replayed
def _by_need_chart(view: SufficiencyView) -> pd.DataFrame:
    if not view.presenting:  # on a slide the chart's own title says it
        st.subheader("By need")
    data, judged = view_data(view), MEASURES["sufficient"]
    shares = judged_by_need(view)
    same_need = bool(need_benchmark_match(data.benchmark))
    name = benchmark_name(data.benchmark, same_need=same_need)
    figure = share_bars_figure(shares, title="Judged sufficient by need, worst first (% of judged need records, 95% CI)",
                               value_title="Judged sufficient", benchmark_name=name, font_px=view.font_px)
    chart(fit_to_slide(figure, view.presenting), key="sufficiency_by_need",
          caption=f"Black tick: {benchmark_name(data.benchmark, same_need=same_need, in_sentence=True)}. "
                  "The word beside each bar compares the need with it.")
    return compared_table(shares, judged, names=scope_labels())


@replayed
def _cascade_chart(view: SufficiencyView) -> pd.DataFrame:
    data = view_data(view)
    caveat_note(
        f"{format_count(not_judged_count(data.area))} need records have no sufficiency judgement: they are left "
        "out of the judged-sufficient denominator and counted here."
    )
    cascade = cascade_in_order(data.area, list(judged_by_need(view)["need_code"]))
    chart(cascade_figure(cascade, font_px=view.font_px), key="sufficiency_cascade")
    return cascade_table(cascade)


def by_need_section(view: SufficiencyView) -> None:
    """Judged sufficient by need against the benchmark (worst first), then the cascade in the same order."""
    data_panel(_by_need_chart(view), key="sufficiency_by_need", file_name="judged_sufficient_by_need.csv")
    data_panel(_cascade_chart(view), key="sufficiency_cascade", file_name="sufficiency_cascade_by_need.csv")


@replayed
def _subgroup_chart(view: SufficiencyView) -> pd.DataFrame:
    data, label = view_data(view), SUBGROUP_LABELS[view.dimension]
    shares = subgroup_shares(data.area, data.measure)
    chart(share_bars_figure(shares, title=f"{data.measure.label} by {label.lower()} (%, 95% CI)",
                            value_title=data.measure.label, benchmark_name=BENCHMARKS[ALL_PERSONS],
                            font_px=view.font_px),
          key="sufficiency_by_subgroup", caption="Black tick: all people selected. Each subgroup is compared with it.")
    return compared_table(shares, data.measure, names=scope_labels(), dimension=view.dimension)


@replayed
def _need_by_subgroup(view: SufficiencyView) -> bytes:
    data, label = view_data(view), SUBGROUP_LABELS[view.dimension]
    unknown, total = unknown_share(data.area)
    caveat_note(
        f"{label} is unknown for {format_count(unknown)} of {format_count(total)} need records "
        f"({format_percent(unknown / total * 100 if total else None, total)}); they are shown as \"Unknown\", "
        "not left out."
    )
    st.markdown(f"**{data.measure.label} by need and {label.lower()}**, each compared with the need's value "
                "for all people selected")
    return show_table(compared_table(need_by_subgroup(data.area, data.measure), data.measure, names=scope_labels(),
                                     dimension=view.dimension), max_height_px=420)


def subgroup_section(view: SufficiencyView) -> None:
    """The chosen measure per subgroup value against the all-persons value, and need × subgroup."""
    st.subheader("By subgroup")
    dimension_picker()
    key = view.measure_key
    data_panel(_subgroup_chart(view), key="sufficiency_by_subgroup", file_name=f"{key}_by_{view.dimension}.csv")
    download_csv(_need_by_subgroup(view), file_name=f"{key}_by_need_and_{view.dimension}.csv",
                 key="sufficiency_need_subgroup_download")


@replayed
def _gap_finder_lead(view: SufficiencyView, unit: str) -> None:
    regions = unit == REGION_ROWS
    compared = matrix_benchmark_name(view.benchmark, comparison=SAME_NEED, unit=unit)
    st.markdown(f"{'Region' if regions else 'PDU'} × need cells whose **{MEASURES[view.measure_key].label.lower()}** "
                f"share is significantly below **{compared}** (benchmark outside the cell's 99.8% interval), ranked "
                "by how many more people would have it at the benchmark rate.")


@replayed
def _gaps(view: SufficiencyView, split: bool, unit: str) -> bytes | None:
    data = view_data(view)
    gaps = find_gaps(pdu_need_cells(view) if not split and unit != REGION_ROWS else compared_cells(
        data.area, data.population, data.measure, benchmark=data.benchmark, by_subgroup=split,
        regions=unit == REGION_ROWS, national=data.national))
    if gaps.empty:
        st.success("No cell is significantly below the benchmark at 99.8%.")
        return None
    st.markdown(f"**{len(gaps):,}** cells; together the gaps represent "
                f"**{format_count(gaps['people_gap_count'].sum())}** people.")
    return show_table(compared_table(gaps, data.measure, names=scope_labels(),
                                     dimension=data.dimension if split else None,
                                     extra=("rank", "shortfall_pct_points", "people_gap_count")))


def gap_finder_section(view: SufficiencyView) -> None:
    """Cells significantly below the benchmark at 99.8%, largest gap in people first, PDUs or regions."""
    st.subheader("Gap finder")
    unit = gap_unit_picker()
    _gap_finder_lead(view, unit)
    found = _gaps(view, split_gaps_by_subgroup(view.dimension), unit)
    if found is not None:
        download_csv(found, file_name=f"{view.measure_key}_gap_finder_by_{unit}.csv", key="sufficiency_gaps_download")
