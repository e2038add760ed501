"""Sufficiency gaps page pieces: its settings (kept in the URL), its data, and the matrix click.

The page's one query runs with the region and PDU filters lifted (cached per
filters and subgroup dimension); the view's area and every benchmark are cut
from that national frame, so clicking through PDUs reuses the cached result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from charts.accessibility import comparison_cell_style
from components import cache
from components.blocks import csv_bytes
from components.presentation import font_px, page_controls
from components.url_state import bind, page_setting, pop_notices
from metrics.stats.follow_up import follow_up_note
from metrics.sufficiency.benchmark import BENCHMARKS, DEFAULT_BENCHMARK, benchmark_population
from metrics.sufficiency.gaps import compared_cells
from metrics.sufficiency.matrix import MATRIX_COMPARISONS, MATRIX_UNITS, PDU_ROWS, SAME_NEED
from metrics.sufficiency.measures import DEFAULT_MEASURE, MEASURES, Measure, in_area
from metrics.sufficiency.over_time import OVER_TIME_MEASURES
from vocabulary.definitions import SUBGROUP_DIMENSIONS, SUBGROUP_LABELS
from vocabulary.scope import Filters

DEFAULT_DIMENSION = "ethnicity_group"
#: Views whose data are kept for drawing sections not yet recorded (each holds the national counts).
MAX_SHARED_DATA = 16
_CLICKS = "sufficiency_rug_clicks"


@dataclass(frozen=True)
class SufficiencyData:
    """What every section draws from: counts in the area and the benchmark's counts."""

    area: pd.DataFrame
    population: pd.DataFrame
    national: pd.DataFrame
    measure: Measure
    benchmark: str
    dimension: str


def follow_up_caveat(filters: Filters) -> str:
    """The follow-up window of "Referred / Started for the need" for the filters' period, in words."""
    return follow_up_note(filters.period_end, cache.load_data_as_of())


def one_of(options: Mapping[str, object]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(raw)
        return raw

    return parse


def parse_flag(raw: str) -> bool:
    flags = {"1": True, "0": False}
    if raw not in flags:
        raise ValueError(raw)
    return flags[raw]


def flag_text(flag: bool) -> str:
    return "1" if flag else "0"


def read_page_settings() -> None:
    """Read every page setting from the link (first run) or session, and show what was dropped.

    The shared filters have already shown their notices by now, so the page's own
    are shown here, on the run that dropped them.
    """
    page_setting("measure", DEFAULT_MEASURE, parse=one_of(MEASURES))
    page_setting("benchmark", DEFAULT_BENCHMARK, parse=one_of(BENCHMARKS))
    dimension_setting()
    page_setting("gap_split", False, parse=parse_flag, serialise=flag_text)
    page_setting("rug_compare", SAME_NEED, parse=one_of(MATRIX_COMPARISONS))
    page_setting("rug_unit", PDU_ROWS, parse=one_of(MATRIX_UNITS))
    page_setting("rug_all", False, parse=parse_flag, serialise=flag_text)
    page_setting("gap_unit", PDU_ROWS, parse=one_of(MATRIX_UNITS))
    page_setting("trend_measure", "sufficient", parse=one_of({key: MEASURES[key] for key in OVER_TIME_MEASURES}))
    for notice in pop_notices():
        st.warning(notice, icon="⚠️")


def measure_and_benchmark() -> tuple[str, str]:
    """Draw the measure and benchmark pickers; return their keys."""
    read_page_settings()
    left, right, _ = page_controls([3, 3, 2])
    with left:
        st.selectbox("Measure (subgroups, PDU matrix, gap finder)", options=list(MEASURES),
                     format_func=lambda key: MEASURES[key].label, **bind("page_measure"))
    with right:
        st.selectbox("Compare with", options=list(BENCHMARKS), format_func=BENCHMARKS.__getitem__,
                     help="All people selected: the same need across everyone the filters cover. Region: the "
                          "same need in the PDU's region. England and Wales: the same need, same filters, "
                          "every region.",
                     **bind("page_benchmark"))
    return st.session_state["page_measure"], st.session_state["page_benchmark"]


def dimension_setting() -> str:
    """The subgroup dimension in force, kept in the URL as ``subgroup`` (its picker is drawn later)."""
    return page_setting("subgroup", DEFAULT_DIMENSION, parse=one_of(SUBGROUP_DIMENSIONS))


def dimension_picker() -> str:
    """Draw the subgroup dimension picker; return the dimension."""
    dimension_setting()
    place, _ = page_controls([1, 2])
    place.selectbox("Split people by", options=list(SUBGROUP_DIMENSIONS), format_func=SUBGROUP_LABELS.__getitem__,
                 **bind("page_subgroup"))
    return st.session_state["page_subgroup"]


def split_gaps_by_subgroup(dimension: str) -> bool:
    """The gap finder's "split by subgroup" switch, kept in the URL as ``gap_split``."""
    page_setting("gap_split", False, parse=parse_flag, serialise=flag_text)
    [place] = page_controls(1)
    place.toggle(f"Split each cell by {SUBGROUP_LABELS[dimension].lower()}", **bind("page_gap_split"))
    return bool(st.session_state["page_gap_split"])


def gap_unit_picker() -> str:
    """The gap finder's rows, PDUs or regions, kept in the URL as ``gap_unit``."""
    page_setting("gap_unit", PDU_ROWS, parse=one_of(MATRIX_UNITS))
    [place] = page_controls(1)
    place.radio("Gap finder rows", options=list(MATRIX_UNITS), format_func=MATRIX_UNITS.get, horizontal=True,
                **bind("page_gap_unit"))
    return st.session_state["page_gap_unit"]


def sufficiency_data(filters: Filters, measure_key: str, benchmark: str, dimension: str) -> SufficiencyData:
    """Counts for the view's area and for its benchmark, from one cached national query."""
    national = cache.load_sufficiency_counts(filters.with_changes(regions=(), pdus=()), dimension)
    return SufficiencyData(
        area=in_area(national, filters),
        population=benchmark_population(national, filters, benchmark),
        national=national,
        measure=MEASURES[measure_key],
        benchmark=benchmark,
        dimension=dimension,
    )


@dataclass(frozen=True)
class SufficiencyView:
    """Everything a view of the page depends on besides the data: what its replayed sections are keyed on."""

    filters: Filters
    measure_key: str
    benchmark: str
    dimension: str
    presenting: bool

    @property
    def font_px(self) -> int:
        """Chart text size for this view."""
        return font_px(self.presenting)


@st.cache_resource(max_entries=MAX_SHARED_DATA, show_spinner=False)
def _view_data(view: SufficiencyView, url: str, version: str) -> SufficiencyData:
    return sufficiency_data(view.filters, view.measure_key, view.benchmark, view.dimension)


def view_data(view: SufficiencyView) -> SufficiencyData:
    """``sufficiency_data`` once per view and data version, for the sections being drawn (never changed)."""
    return _view_data(view, *cache.data_key())


@st.cache_resource(max_entries=MAX_SHARED_DATA, show_spinner=False)
def _pdu_need_cells(view: SufficiencyView, url: str, version: str) -> pd.DataFrame:
    data = view_data(view)
    return compared_cells(data.area, data.population, data.measure, benchmark=data.benchmark)


def pdu_need_cells(view: SufficiencyView) -> pd.DataFrame:
    """Every PDU × need cell of the view against its benchmark (``compared_cells``), worked out once per
    view and data version for the sections being drawn: the gap finder's cells by PDU, and the matrix's
    when each cell is compared with the same need (never change what it returns)."""
    return _pdu_need_cells(view, *cache.data_key())


def nothing_in_scope(data: SufficiencyData) -> bool:
    """Say so, and return True, when no need record matches the filters."""
    if data.area["need_count"].sum() > 0:
        return False
    st.info("No need records match these filters in this period. Widen the filters or the period.", icon="ℹ️")
    return True


def rug_key() -> str:
    """The matrix chart's key; it changes after each applied click so the old selection is dropped."""
    return f"sufficiency_rug_{st.session_state.get(_CLICKS, 0)}"


def show_table(table: pd.DataFrame, *, max_height_px: int = 460) -> bytes:
    """A table (disclosure control already applied) with its comparison column coloured; returns its CSV
    (for the download button the page draws after it)."""
    styled = table.style.map(comparison_cell_style, subset=["Compared with benchmark"]).format(precision=1, na_rep="–")
    height_px = min(max_height_px, 40 + 35 * len(table))
    st.dataframe(styled, width="stretch", hide_index=True, height=height_px)
    return csv_bytes(table)
