"""PDU comparisons: what a view depends on, the choices its pickers offer, and its shared data.

The pickers need only the indicators on offer and the PDUs' names (``ComparisonChoices``,
once per filters and data version); the sections draw from ``ComparisonData`` and the
comparisons against the benchmark, worked out once per view and data version and shared
by the sections being drawn (``view_data``, ``view_compared``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from charts.comparison_key import Family
from components import cache
from components.comparison.page import NO_PDU, ComparisonData, compared_for, comparison_data, shown
from components.presentation import font_px, page_controls
from components.replay import identity, shared_data
from components.url_state import add_notice, bind, page_setting, pop_notices
from metrics.comparison.indicators import DEFAULT_INDICATOR, INDICATORS, Indicator, parse_indicator_key
from metrics.comparison.pdu_comparison import BENCHMARKS, DEFAULT_BENCHMARK, ENGLAND_WALES, parse_benchmark
from metrics.comparison.regions import DEFAULT_UNIT, PDU_UNIT, REGION_UNIT, UNITS, parse_unit
from vocabulary.scope import Filters

#: Filters whose comparison data are kept for drawing sections not yet recorded.
MAX_SHARED_DATA = 16


@dataclass(frozen=True)
class ComparisonChoices:
    """What the pickers offer: the indicators (and those withheld), and the PDUs by code."""

    item_keys: tuple[str, ...]
    withheld_keys: tuple[str, ...]
    pdu_names: dict[str, str]
    shown_codes: tuple[str, ...]

    @property
    def items(self) -> tuple[Indicator, ...]:
        """The indicators on offer, in registry order."""
        return tuple(INDICATORS[key] for key in self.item_keys)


@shared_data
def comparison_choices(filters: Filters) -> ComparisonChoices:
    """The pickers' choices for ``filters`` (once per filters and data version), from the data the sections
    draw from (``view_data``'s, worked out once for both)."""
    data = _view_data(identity(filters), *cache.data_key(), filters)
    return ComparisonChoices(data.item_keys, data.withheld_keys, dict(zip(data.pdus["pdu_code"], data.pdus["pdu_name"])),
                             data.shown_codes)


def _parse_pdu(raw: str) -> str:
    return raw.strip()


def filters_pdu(choices: ComparisonChoices, filters: Filters) -> str:
    """The PDU chosen in the sidebar filters (the first by name when several), or ``NO_PDU``."""
    chosen = [code for code in filters.pdus if code in choices.pdu_names]
    return min(chosen, key=lambda code: choices.pdu_names[code]) if chosen else NO_PDU


def comparison_settings(choices: ComparisonChoices, filters: Filters) -> tuple[Indicator, str, str, str]:
    """Draw the unit, indicator, benchmark and PDU-of-interest pickers; return indicator, benchmark, PDU and unit.

    All four are kept in the URL (``cmp_unit``, ``cmp_indicator``, ``cmp_benchmark``, ``cmp_pdu``).
    A PDU of interest outside the filters' area is dropped with a notice. With none chosen on
    the page, the PDU chosen in the sidebar filters is the PDU of interest, so its profile and
    trend show at once. Regions are always compared with England and Wales.
    """
    page_setting("cmp_unit", DEFAULT_UNIT, parse=parse_unit)
    keys = list(choices.item_keys)
    page_setting("cmp_indicator", DEFAULT_INDICATOR, parse=parse_indicator_key)
    page_setting("cmp_benchmark", DEFAULT_BENCHMARK, parse=parse_benchmark)
    page_setting("cmp_pdu", NO_PDU, parse=_parse_pdu)
    if st.session_state["page_cmp_indicator"] not in keys:
        if st.session_state["page_cmp_indicator"] in choices.withheld_keys:
            add_notice(f"'{INDICATORS[st.session_state['page_cmp_indicator']].name}' cannot be compared under a "
                       f"people filter, so '{INDICATORS[DEFAULT_INDICATOR].name}' is shown instead.")
        st.session_state["page_cmp_indicator"] = DEFAULT_INDICATOR
    names = choices.pdu_names
    if st.session_state["page_cmp_pdu"] not in (NO_PDU, *choices.shown_codes):
        add_notice(f"PDU of interest '{names.get(st.session_state['page_cmp_pdu'], st.session_state['page_cmp_pdu'])}'"
                   " is not in the area the filters show, so none is highlighted.")
        st.session_state["page_cmp_pdu"] = NO_PDU
        page_setting("cmp_pdu", NO_PDU, parse=_parse_pdu)  # write the corrected value back to the URL
    for notice in pop_notices():  # the shared filters showed theirs already; these are this page's
        st.warning(notice, icon="⚠️")
    unit_column, indicator_column, benchmark_column, pdu_column = page_controls([2, 4, 3, 3])
    with unit_column:
        st.radio("Compare", options=list(UNITS), format_func=UNITS.__getitem__, horizontal=True,
                 help="PDUs, or the 12 regions each against England and Wales by the same rule.",
                 **bind("page_cmp_unit"))
    with indicator_column:
        st.selectbox("Indicator", options=keys, format_func=lambda key: INDICATORS[key].name,
                     **bind("page_cmp_indicator"))
    if st.session_state["page_cmp_unit"] == REGION_UNIT:
        with benchmark_column:
            st.markdown("**Compared with** England and Wales")
        return (INDICATORS[st.session_state["page_cmp_indicator"]], ENGLAND_WALES, NO_PDU, REGION_UNIT)
    from_filters = filters_pdu(choices, filters)
    with benchmark_column:
        st.selectbox("Compare each PDU with", options=list(BENCHMARKS), format_func=BENCHMARKS.__getitem__,
                     **bind("page_cmp_benchmark"))
    with pdu_column:
        options = [NO_PDU, *sorted(choices.shown_codes, key=lambda code: names[code])]
        unset = f"{names[from_filters]} (from the filters)" if from_filters else "None chosen"
        st.selectbox("PDU of interest", options=options,
                     format_func=lambda code: names.get(code, unset) if code else unset,
                     help="Highlighted in the charts; its profile and trend are shown below. "
                          "You can also click a PDU in the funnel plot. With none chosen here, "
                          "the PDU chosen in the sidebar filters is used.",
                     **bind("page_cmp_pdu"))
    return (INDICATORS[st.session_state["page_cmp_indicator"]], st.session_state["page_cmp_benchmark"],
            st.session_state["page_cmp_pdu"] or from_filters, PDU_UNIT)


def key_families(choices: ComparisonChoices, shown: Indicator | None = None) -> tuple[Family, ...]:
    """The comparison key's families: for the indicators on offer (the overview matrix shows them all), or
    only for ``shown`` (a slide shows one indicator's chart)."""
    polarities = {item.polarity for item in ((shown,) if shown else choices.items)}
    families: tuple[Family, ...] = ("judged",) if polarities - {"no_judgement"} else ()
    return (*families, "neutral") if "no_judgement" in polarities else families


@dataclass(frozen=True)
class ComparisonView:
    """Everything a view of the page depends on besides the data: what its replayed sections are keyed on."""

    filters: Filters
    item_key: str
    benchmark: str
    pdu_code: str
    presenting: bool
    unit: str = PDU_UNIT

    @property
    def item(self) -> Indicator:
        """The indicator compared."""
        return INDICATORS[self.item_key]

    @property
    def regions(self) -> bool:
        """Whether the units compared are the regions (else PDUs)."""
        return self.unit == REGION_UNIT

    @property
    def unit_name(self) -> str:
        """The units compared, plural: "PDUs" or "regions"."""
        return "regions" if self.regions else "PDUs"

    @property
    def benchmark_name(self) -> str:
        """The benchmark in words, as the bars' key and table say it."""
        return "its region" if self.benchmark != ENGLAND_WALES else BENCHMARKS[ENGLAND_WALES]

    @property
    def font_px(self) -> int:
        """Chart text size for this view."""
        return font_px(self.presenting)


# Keyed on the filters spelt out (``identity``), not on the Filters object: Streamlit hashes a dataclass
# several times more slowly, and the sections of a view ask for these a dozen times each.
@st.cache_resource(max_entries=MAX_SHARED_DATA, show_spinner=False)
def _view_data(key: str, url: str, version: str, _filters: Filters) -> ComparisonData:
    return comparison_data(_filters)


def view_data(view: ComparisonView) -> ComparisonData:
    """``comparison_data`` once per filters and data version, for the sections being drawn (never changed)."""
    return _view_data(identity(view.filters), *cache.data_key(), view.filters)


@st.cache_resource(max_entries=MAX_SHARED_DATA, show_spinner=False)
def _view_compared(key: str, url: str, version: str, _filters: Filters, _benchmark: str,
                   _unit: str) -> dict[str, pd.DataFrame]:
    return compared_for(_filters, _benchmark, _unit)


def view_compared(view: ComparisonView) -> dict[str, pd.DataFrame]:
    """Every indicator's comparison of every PDU (or region) with the view's benchmark (``compared_for``), once
    per filters, benchmark, unit and data version, shared by the sections being drawn (never changed): each
    call to ``compared_for`` copied every indicator's frame out of Streamlit's cache again."""
    key = identity((view.filters, view.benchmark, view.unit))
    return _view_compared(key, *cache.data_key(), view.filters, view.benchmark, view.unit)


def view_shown(view: ComparisonView) -> pd.DataFrame:
    """The view's indicator compared, for the PDUs the filters show (every region when comparing regions)."""
    compared = view_compared(view)[view.item_key]
    return compared.reset_index(drop=True) if view.regions else shown(compared, view_data(view))
