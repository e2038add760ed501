"""Waiting times page pieces: its settings (kept in the URL) and the data every section draws from.

Settings: the category measured (``wait_category``), the snapshot date T
(``snapshot``) and the target in weeks (``target``). The snapshot's default
follows the period's end until the user picks a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import cache
from components.presentation import font_px, is_presenting, page_controls
from components.url_state import bind, page_setting, pop_notices
from metrics.waiting.flows import clearance_time_weeks, comparison_date
from metrics.waiting.kpis import HEADLINE_LABELS
from metrics.waiting.snapshot import wait_summary
from vocabulary.definitions import CATEGORIES, CATEGORY_LABELS, DEFAULT_WAIT_TARGET_WEEKS
from vocabulary.scope import Filters

DEFAULT_CATEGORY = "accredited_programme"
MAX_TARGET_WEEKS = 104
#: What time to start may be compared across (the ``compare`` setting), with its label.
COMPARE_OPTIONS = {
    "intervention_code": "Intervention", "region_code": "Region", "ethnicity_group": "Ethnicity group",
    "gender": "Gender", "age_band": "Age band", "risk_level": "Risk level",
}
DEFAULT_COMPARE = "intervention_code"
#: Views whose lists are kept for the sections being drawn (each holds two wait histograms).
MAX_SHARED_DATA = 16
#: Every definition the page shows (headings of docs/definitions.md), in page order.
WAITING_DEFINITIONS = (
    "Waiting times scope", "Snapshot date", "Waiting at the snapshot date", *HEADLINE_LABELS,
    "Weeks waited bands", "Additions, starts and removals", "Time to start", "Referrals started within target",
    "At risk of not starting before the sentence ends", "What-if capacity planner", "Completed waits",
    "Disclosure control",
)


@dataclass(frozen=True)
class WaitingSettings:
    """The page's settings in force."""

    category: str
    snapshot: dt.date
    target_weeks: int


@dataclass(frozen=True)
class WaitingView:
    """Everything a view of the page depends on besides the data: what its replayed sections are keyed on."""

    filters: Filters
    settings: WaitingSettings
    presenting: bool

    @property
    def font_px(self) -> int:
        """Chart text size for this view."""
        return font_px(self.presenting)

    @property
    def scope(self) -> Filters:
        """The referrals every figure counts (``waiting_scope``)."""
        return waiting_scope(self.filters, self.settings.category)


@dataclass(frozen=True)
class WaitingData:
    """The list at T and at the comparison date, for the page's scope."""

    scope: Filters
    settings: WaitingSettings
    histogram: pd.DataFrame
    recent: pd.DataFrame
    now: dict[str, float]
    before_date: dt.date | None
    before: dict[str, float] | None


def _one_of(allowed: tuple[str, ...]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(raw)
        return raw

    return parse


def _date_between(first: dt.date, last: dt.date) -> Callable[[str], dt.date]:
    def parse(raw: str) -> dt.date:
        day = dt.date.fromisoformat(raw)
        if not first <= day <= last:
            raise ValueError(raw)
        return day

    return parse


def _target(raw: str) -> int:
    weeks = int(raw)
    if not 1 <= weeks <= MAX_TARGET_WEEKS:
        raise ValueError(raw)
    return weeks


def category_choices(filters: Filters) -> list[str]:
    """Categories the page may measure: those the sidebar's category and intervention filters allow."""
    allowed = set(filters.categories or CATEGORIES)
    if filters.interventions:
        catalogue = cache.load_filter_options()["interventions"]
        picked = catalogue[catalogue["intervention_code"].isin(filters.interventions)]
        allowed &= set(picked["category"])
    return [code for code in CATEGORIES if code in allowed] or [DEFAULT_CATEGORY]


def _category_picker(filters: Filters) -> str:
    choices = category_choices(filters)
    page_setting("wait_category", DEFAULT_CATEGORY, parse=_one_of(CATEGORIES))
    if st.session_state["page_wait_category"] not in choices:
        st.session_state["page_wait_category"] = DEFAULT_CATEGORY if DEFAULT_CATEGORY in choices else choices[0]
    page_setting("wait_category", DEFAULT_CATEGORY, parse=_one_of(CATEGORIES))
    st.selectbox("Waiting list for", options=choices, format_func=CATEGORY_LABELS.__getitem__,
                 help="One category at a time: a list mixing programmes of very different lengths and "
                      "targets hides long waits for the scarce ones. The sidebar's category and intervention "
                      "filters limit the choice.", **bind("page_wait_category"))
    return st.session_state["page_wait_category"]


def _snapshot_picker(default: dt.date, first: dt.date, last: dt.date) -> dt.date:
    chosen = page_setting("snapshot", None, parse=_date_between(first, last),
                          serialise=lambda day: day.isoformat() if day else "")
    # Until the user picks a date the widget shows the default, which follows the period's end.
    st.session_state["w_page_snapshot"] = min(max(chosen or default, first), last)
    st.date_input("Snapshot date (T)", min_value=first, max_value=last, format="DD/MM/YYYY",
                  key="w_page_snapshot", on_change=_keep_snapshot,
                  help="The date the list is measured at. Default: the period's end, or the latest date in "
                       "the data if earlier.")
    return st.session_state["w_page_snapshot"]


def _keep_snapshot() -> None:
    st.session_state["page_snapshot"] = st.session_state["w_page_snapshot"]


def compare_setting() -> str:
    """What time to start is compared across, kept in the URL as ``compare`` (picker drawn in its section)."""
    return page_setting("compare", DEFAULT_COMPARE, parse=_one_of(tuple(COMPARE_OPTIONS)))


def waiting_settings(filters: Filters) -> WaitingSettings:
    """Draw the page's pickers in one row; return the settings in force.

    Settings from the link that do not parse are dropped with a notice shown here
    (the shared filters have already shown theirs).
    """
    info = cache.load_dataset_info()
    first, last = info["data_from"], info["data_as_of"]
    page_setting("target", DEFAULT_WAIT_TARGET_WEEKS, parse=_target)
    compare_setting()
    left, middle, right = page_controls([3, 2, 2])
    with left:
        category = _category_picker(filters)
    with middle:
        snapshot = _snapshot_picker(min(filters.period_end, last), first, last)
    with right:
        st.number_input("Target (weeks)", min_value=1, max_value=MAX_TARGET_WEEKS, step=1,
                        help="Waits up to this many weeks count as within the target.", **bind("page_target"))
    if not is_presenting():  # a footnote: a room does not read it
        st.caption("One category at a time (default: accredited programmes): a list mixing programmes of very "
                   "different lengths hides long waits for the scarce ones. The sidebar's category and intervention "
                   "filters limit the choice; every other sidebar filter applies.")
    for notice in pop_notices():
        st.warning(notice, icon="⚠️")
    return WaitingSettings(category, snapshot, int(st.session_state["page_target"]))


def _summary(histogram: pd.DataFrame, recent: pd.DataFrame, target_weeks: int) -> dict[str, float]:
    summary = wait_summary(histogram, target_weeks=target_weeks)
    summary["recent_starts_count"] = int(recent["recent_starts_count"].sum())
    summary["clearance_time_weeks"] = clearance_time_weeks(summary["waiting_count"], summary["recent_starts_count"])
    return summary


def waiting_scope(filters: Filters, category: str) -> Filters:
    """The shared filters with the page's category: the referrals every figure counts."""
    return filters.with_changes(categories=(category,))


def snapshot_at(scope: Filters, day: dt.date) -> dict[str, pd.DataFrame]:
    """The list at ``day`` (cached independently of the period, which a snapshot does not use)."""
    return cache.load_waiting_snapshot(scope.with_changes(period_start=day, period_end=day), day)


def waiting_data(filters: Filters, settings: WaitingSettings) -> WaitingData:
    """The list at T and at the comparison date (a year earlier, else 13 weeks earlier, if in the data).

    Worked out once per filters, settings and data version and shared by the sections being drawn
    (every section of the page reads it; never change what it returns): the two lists' summaries
    were worked out again for each of them. The two lists are read side by side.
    """
    return _shared_waiting_data(filters, settings, *cache.data_key())


@st.cache_resource(max_entries=MAX_SHARED_DATA, show_spinner=False)
def _shared_waiting_data(filters: Filters, settings: WaitingSettings, url: str, version: str) -> WaitingData:
    return _waiting_data(filters, settings)


def _waiting_data(filters: Filters, settings: WaitingSettings) -> WaitingData:
    scope = waiting_scope(filters, settings.category)
    before_date = comparison_date(settings.snapshot, cache.load_dataset_info()["data_from"])
    lists = cache.start_loading({"current": lambda: snapshot_at(scope, settings.snapshot)} | (
        {"earlier": lambda: snapshot_at(scope, before_date)} if before_date is not None else {}))
    current = lists["current"]()
    before = None
    if before_date is not None:
        earlier = lists["earlier"]()
        before = _summary(earlier["histogram"], earlier["recent"], settings.target_weeks)
    return WaitingData(
        scope=scope, settings=settings, histogram=current["histogram"], recent=current["recent"],
        now=_summary(current["histogram"], current["recent"], settings.target_weeks),
        before_date=before_date, before=before,
    )


def start_view_loads(view: WaitingView) -> None:
    """Start the queries of the page's later sections side by side, so they answer while the first
    sections are drawn: the monthly flows, time to start by intervention (the planner's, and the time to
    start chart's by default) and completed waits. Each lands in its loader's cache; a section asking
    for one still running waits for it. Called by the first section drawn for a view not seen before.
    """
    scope, snapshot = view.scope, view.settings.snapshot
    cache.start_loading({
        "flows": lambda: cache.load_waiting_flows(scope),
        "events": lambda: cache.load_time_to_start_events(scope, snapshot, DEFAULT_COMPARE),
        "completed": lambda: cache.load_completed_waits(scope),
    })
