"""The sections of the Sufficiency gaps page: by need, by subgroup, the PDU × need matrix and
the gap finder. Each draws its charts and tables, with disclosure control applied, from
``SufficiencyData``.
"""

from __future__ import annotations

import streamlit as st

from charts.sufficiency.figures import cascade_figure, share_bars_figure, tartan_rug_figure
from components.blocks import caveat_note, chart_card
from components.presentation import chart_font_px
from components.sufficiency.page import (
    SufficiencyData,
    apply_rug_click,
    dimension_picker,
    rug_key,
    show_table,
    split_gaps_by_subgroup,
)
from metrics.stats.disclosure import format_count, format_percent
from metrics.sufficiency.benchmark import benchmark_name, need_benchmark_match
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.measures import MEASURES, not_judged_count
from metrics.sufficiency.tables import cascade_table, compared_table
from metrics.sufficiency.views import (
    cascade_in_order,
    need_by_subgroup,
    need_shares,
    rug_cells,
    subgroup_shares,
    unknown_share,
)
from vocabulary.definitions import SUBGROUP_LABELS

Names = dict[str, dict[str, str]]


def by_need_section(data: SufficiencyData, names: Names) -> None:
    """Judged sufficient by need against the benchmark (worst first), then the cascade in the same order."""
    st.subheader("By need")
    judged = MEASURES["sufficient"]
    shares = need_shares(data.area, data.population, judged, benchmark=data.benchmark)
    same_need = bool(need_benchmark_match(data.benchmark))
    name = benchmark_name(data.benchmark, same_need=same_need)
    chart_card(
        share_bars_figure(shares, title="Judged sufficient by need, worst first (% of judged need records, 95% CI)",
                          value_title="Judged sufficient", benchmark_name=name, font_px=chart_font_px()),
        compared_table(shares, judged, names=names),
        key="sufficiency_by_need", file_name="judged_sufficient_by_need.csv",
        caption=f"Black tick: {benchmark_name(data.benchmark, same_need=same_need, in_sentence=True)}. "
                "The word beside each bar compares the need with it.",
    )
    caveat_note(
        f"{format_count(not_judged_count(data.area))} need records have no sufficiency judgement: they are left "
        "out of the judged-sufficient denominator and counted here."
    )
    cascade = cascade_in_order(data.area, list(shares["need_code"]))
    chart_card(cascade_figure(cascade, font_px=chart_font_px()), cascade_table(cascade), key="sufficiency_cascade",
               file_name="sufficiency_cascade_by_need.csv")


def subgroup_section(data: SufficiencyData, names: Names) -> None:
    """The chosen measure per subgroup value against the all-persons value, and need × subgroup."""
    st.subheader("By subgroup")
    left, _ = st.columns([1, 2])
    with left:
        dimension = dimension_picker()
    label = SUBGROUP_LABELS[dimension]
    shares = subgroup_shares(data.area, data.measure)
    chart_card(
        share_bars_figure(shares, title=f"{data.measure.label} by {label.lower()} (%, 95% CI)",
                          value_title=data.measure.label, benchmark_name="All people in scope",
                          font_px=chart_font_px()),
        compared_table(shares, data.measure, names=names, dimension=dimension),
        key="sufficiency_by_subgroup", file_name=f"{data.measure.key}_by_{dimension}.csv",
        caption="Black tick: all people in scope. Each group is compared with it.",
    )
    unknown, total = unknown_share(data.area)
    caveat_note(
        f"{label} is unknown for {format_count(unknown)} of {format_count(total)} need records "
        f"({format_percent(unknown / total * 100 if total else None, total)}); they are shown as \"Unknown\", "
        "not left out."
    )
    st.markdown(f"**{data.measure.label} by need and {label.lower()}**, each compared with the need's value "
                "for all people in scope")
    show_table(compared_table(need_by_subgroup(data.area, data.measure), data.measure, names=names,
                              dimension=dimension),
               key="sufficiency_need_subgroup", file_name=f"{data.measure.key}_by_need_and_{dimension}.csv",
               max_height_px=420)


def rug_section(data: SufficiencyData, names: Names) -> None:
    """The PDU × need matrix; clicking a cell filters the page to that PDU and need."""
    st.subheader("PDU × need matrix")
    cells = rug_cells(data.area, data.population, data.measure, benchmark=data.benchmark,
                      pdu_names=names.get("pdus", {}))
    event = chart_card(
        tartan_rug_figure(cells, measure_label=data.measure.label, font_px=chart_font_px(),
                          benchmark_name=benchmark_name(data.benchmark, in_sentence=True)),
        compared_table(cells, data.measure, names=names),
        key=rug_key(), file_name=f"{data.measure.key}_by_pdu_and_need.csv", on_select="rerun",
        caption="Cells on fewer than 10 people show \"–\" and are not compared. Click a cell to set the PDU "
                "and need filters.",
    )
    apply_rug_click(event)


def gap_finder_section(data: SufficiencyData, names: Names) -> None:
    """Cells significantly below the benchmark at 99.8%, largest gap in people first."""
    st.subheader("Gap finder")
    st.markdown(f"PDU × need cells whose **{data.measure.label.lower()}** share is significantly below "
                f"**{benchmark_name(data.benchmark, in_sentence=True)}** (benchmark outside the cell's 99.8% interval), "
                "ranked by how many more people would have it at the benchmark rate.")
    split = split_gaps_by_subgroup(data.dimension)
    cells = compared_cells(data.area, data.population, data.measure, benchmark=data.benchmark, by_subgroup=split)
    gaps = find_gaps(cells)
    if gaps.empty:
        st.success("No cell is significantly below the benchmark at 99.8%.")
        return
    st.markdown(f"**{len(gaps):,}** cells; together the gaps represent "
                f"**{format_count(gaps['people_gap_count'].sum())}** people.")
    table = compared_table(gaps, data.measure, names=names, dimension=data.dimension if split else None,
                           extra=("rank", "shortfall_pct_points", "people_gap_count"))
    show_table(table, key="sufficiency_gaps", file_name=f"{data.measure.key}_gap_finder.csv")
