"""The frames the finding rules read, made by the pages' own data and metric functions with the
pages' default settings (judged sufficient; accredited programmes; the default target)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import cache
from components.comparison.page import TARGET_DAYS, month_start, national_filters, page_windows
from components.replay import shared_data
from components.sufficiency.page import DEFAULT_DIMENSION, sufficiency_data
from components.waiting.page import WaitingSettings, snapshot_at, waiting_scope
from metrics.comparison.areas import area_counts, area_waits, pdu_counts_frame
from metrics.comparison.indicators import INDICATORS, Indicator, available_indicators
from metrics.comparison.pdu_comparison import (
    ENGLAND_WALES,
    REGION,
    compare_pdus_together,
    indicator_values_together,
)
from metrics.findings.comparison import need_counts_from_sufficiency
from metrics.findings.sufficiency import subgroup_shares_by_dimension
from metrics.sufficiency.benchmark import ALL_PERSONS
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.measures import MEASURES, in_area
from metrics.sufficiency.views import need_shares
from metrics.waiting.flows import clearance_time_weeks
from metrics.waiting.kpis import list_statistic_shown
from metrics.waiting.planner import life_table, monthly_rate
from metrics.waiting.projection import project_waiting_list
from metrics.waiting.snapshot import wait_summary
from vocabulary.scope import Filters

JUDGED = MEASURES["sufficient"]


def area_benchmark(filters: Filters) -> str:
    """What a PDU is compared with in the findings: England and Wales for the national scope, else its own
    region (the key is the same on the Sufficiency gaps and PDU comparisons pages)."""
    return REGION if filters.regions or filters.pdus else ENGLAND_WALES


@dataclass(frozen=True)
class SufficiencyShares:
    """The Sufficiency gaps page's shares for judged sufficient that "what changed since" compares.

    ``shares``: each need against all needs ("By need"); ``by_dimension``: each subgroup value against
    all people in scope ("By subgroup"), for every subgroup dimension.
    """

    shares: pd.DataFrame
    by_dimension: dict[str, pd.DataFrame]


@shared_data
def sufficiency_shares(filters: Filters) -> SufficiencyShares | None:
    """The shares for ``filters`` (None when no need record is in scope): all the comparison period needs.

    The page's national counts for its default dimension give the need shares; every dimension's
    subgroup shares come from one query split by all five dimensions at once
    (``cache.load_findings_subgroup_counts``), summed per dimension over the area's rows
    (``metrics.findings.sufficiency.dimension_totals``): the same counts the page's query for each
    dimension gives, for one pass over the need records instead of five.
    """
    national = filters.with_changes(regions=(), pdus=())
    loaded = cache.load_together({
        "subgroups": lambda: cache.load_findings_subgroup_counts(national),
        "default": lambda: cache.load_sufficiency_counts(national, DEFAULT_DIMENSION),
    })
    default = sufficiency_data(filters, JUDGED.key, ALL_PERSONS, DEFAULT_DIMENSION)
    if default.area["need_count"].sum() == 0:
        return None
    subgroups = in_area(loaded["subgroups"], filters)
    by_dimension = subgroup_shares_by_dimension(subgroups, JUDGED)
    return SufficiencyShares(need_shares(default.area, default.population, JUDGED, benchmark=ALL_PERSONS),
                             by_dimension)


@dataclass(frozen=True)
class SufficiencyFrames:
    """The Sufficiency gaps page's frames for judged sufficient.

    ``shares`` and ``by_dimension``: as ``SufficiencyShares``; ``cells``: every PDU × need against
    ``area_benchmark`` and ``gaps`` those significantly lower (the gap finder).
    """

    shares: pd.DataFrame
    cells: pd.DataFrame
    gaps: pd.DataFrame
    by_dimension: dict[str, pd.DataFrame]


@shared_data
def sufficiency_frames(filters: Filters) -> SufficiencyFrames | None:
    """``sufficiency_shares`` and the gap finder's cells for ``filters`` (None when no need record is in
    scope); the cells come from the page's national counts for its default dimension."""
    shares = sufficiency_shares(filters)
    if shares is None:
        return None
    benchmark = area_benchmark(filters)
    gap_data = sufficiency_data(filters, JUDGED.key, benchmark, DEFAULT_DIMENSION)
    cells = compared_cells(gap_data.area, gap_data.population, JUDGED, benchmark=benchmark)
    return SufficiencyFrames(shares.shares, cells, find_gaps(cells), shares.by_dimension)


@dataclass(frozen=True)
class ComparisonFrames:
    """Every indicator's comparison of the PDUs the filters show, in the period alone (window 0).

    ``item_keys``: the indicators the data support under the filters (as the PDU comparisons page offers
    them) that have a better and a worse direction, the only ones the rules judge; ``in_scope``: per indicator key, ``compare_pdus`` rows against ``benchmark`` for the PDUs shown.
    """

    item_keys: tuple[str, ...]
    benchmark: str
    in_scope: dict[str, pd.DataFrame]

    @property
    def items(self) -> tuple[Indicator, ...]:
        """The indicators, in registry order."""
        return tuple(INDICATORS[key] for key in self.item_keys)


def need_counts_by_pdu(national: Filters) -> pd.DataFrame:
    """The PDU comparisons page's need counts for the period alone (``load_comparison_need_counts`` with
    window 0), summed from the Sufficiency gaps page's national counts, which the findings load anyway
    (``metrics.findings.comparison.need_counts_from_sufficiency``): one query fewer per period."""
    return need_counts_from_sufficiency(cache.load_sufficiency_counts(national, DEFAULT_DIMENSION))


def _months(national: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Caseload and places by month over the PDU comparisons page's months for the filters (its own cached
    queries): a window's mean caseload and its latest month on or before the window's end are then the page's."""
    windows, _ = page_windows(national)
    first, last = month_start(min(start for start, _ in windows)), month_start(national.period_end)
    return cache.load_comparison_caseload(first, last), cache.load_comparison_places(national, first, last)


@shared_data
def _period_values(national: Filters) -> tuple[tuple[str, ...], dict[str, pd.DataFrame]]:
    """The judged indicators the data support and each one's values for every area, in the period only.

    The PDU comparisons page computes every window (the period and the trend's quarters) at once;
    the findings read the period alone, so only window 0 is asked for, from the page's own queries
    (each window is counted on its own, so window 0's values are the page's) and metric functions.
    """
    pdus = cache.load_filter_options()["pdus"]
    windows = ((national.period_start, national.period_end),)
    calls = {
        "needs": lambda: need_counts_by_pdu(national),
        "flows": lambda: cache.load_comparison_flows(national, windows),
        "waiting": lambda: cache.load_comparison_waiting_counts(national, (national.period_end,), TARGET_DAYS),
        "histogram": lambda: cache.load_comparison_waiting_histogram(national, national.period_end),
        "months": lambda: _months(national),
    }
    loaded = cache.load_together(calls)
    caseload, places = loaded["months"]
    counts = area_counts(pdu_counts_frame(pdus, windows, [loaded["needs"], loaded["flows"], loaded["waiting"]],
                                          caseload=caseload, places=places))
    waits = area_waits(loaded["histogram"], pdus)
    supported = {"has_caseload": bool(counts["supervised_mean"].notna().any()),
                 "has_provision": bool(counts["places_at_snapshot"].notna().any())}
    # Only indicators with a better and a worse direction: the rules judge no other (``worse_pdus``,
    # ``pdu_comparisons``), so the others are neither computed nor compared.
    items = [item for item in available_indicators(**supported, people_filtered=national.restricts_people)
             if item.polarity != "no_judgement"]
    return tuple(item.key for item in items), indicator_values_together(items, counts, waits)


def _shown_codes(filters: Filters, pdus: pd.DataFrame) -> pd.Series:
    """The PDUs the filters show (as ``components.comparison.page.comparison_data`` chooses them)."""
    if filters.regions:
        pdus = pdus[pdus["region_code"].isin(filters.regions)]
    if filters.pdus:
        pdus = pdus[pdus["pdu_code"].isin(filters.pdus)]
    return pdus["pdu_code"]


@shared_data
def comparison_frames(filters: Filters) -> ComparisonFrames:
    """Every indicator compared for the PDUs the filters show, against ``area_benchmark``, in the period:
    the rows of the PDU comparisons page's comparison (window 0) for those PDUs."""
    keys, values = _period_values(national_filters(filters))
    pdus, benchmark = cache.load_filter_options()["pdus"], area_benchmark(filters)
    codes = _shown_codes(filters, pdus)
    compared = compare_pdus_together(values, pdus, [INDICATORS[key] for key in keys], benchmark=benchmark)
    if not filters.regions and not filters.pdus:  # every PDU is shown: nothing to cut
        return ComparisonFrames(keys, benchmark, compared)
    in_scope = {key: rows[rows["pdu_code"].isin(codes)].reset_index(drop=True) for key, rows in compared.items()}
    return ComparisonFrames(keys, benchmark, in_scope)


_NO_MONTHS = pd.DataFrame({"pdu_code": pd.Series(dtype="object"), "month": pd.Series(dtype="object"),
                           "value": pd.Series(dtype="float64")})


@shared_data
def within_target_values(filters: Filters) -> pd.DataFrame | None:
    """"Waiting within target (%)" for every area in the PDU comparisons page's windows (0 the period,
    1 onwards the trend's quarters), from the page's waiting counts; None when the page does not offer it."""
    national = national_filters(filters)
    keys, _ = _period_values(national)
    if "within_target" not in keys:
        return None
    windows, _ = page_windows(national)
    part = cache.load_comparison_waiting_counts(national, tuple(end for _, end in windows), TARGET_DAYS)
    # The share reads the waiting counts alone: no caseload or places (they only add other columns).
    counts = area_counts(pdu_counts_frame(cache.load_filter_options()["pdus"], windows, [part],
                                          caseload=_NO_MONTHS.rename(columns={"value": "people_supervised"}),
                                          places=_NO_MONTHS.rename(columns={"value": "places"})))
    return INDICATORS["within_target"].compute(counts)


@dataclass(frozen=True)
class WaitingNow:
    """The Waiting times page's list at its snapshot date for the default settings.

    ``histogram`` and ``summary``: the list and its headline summary (``wait_summary`` with the recent
    starts and ``clearance_time_weeks``), as the page's ``waiting_data(...).now``; ``projection``: the
    planner's projection at recent rates with no change (``projection_for(view, 0.0, 0)``), None when
    fewer than 10 wait.
    """

    histogram: pd.DataFrame
    summary: dict[str, float]
    projection: pd.DataFrame | None


@shared_data
def waiting_now(filters: Filters, settings: WaitingSettings) -> WaitingNow:
    """The list at the snapshot date, its summary and projection: what the waits finding and its slide read.

    The same cached queries and metric functions as the Waiting times page (``waiting_data``,
    ``recent_totals`` and ``projection_for``), without the list at the comparison date a year
    earlier, which the finding does not read (one snapshot query fewer).
    """
    scope = waiting_scope(filters, settings.category)
    # The planner's events are asked for with the list, side by side (unread when fewer than 10 wait).
    events_loaded = cache.start_loading({"events": lambda: cache.load_time_to_start_events(
        scope, settings.snapshot, "intervention_code")})["events"]
    current = snapshot_at(scope, settings.snapshot)
    histogram, recent = current["histogram"], current["recent"]
    summary = wait_summary(histogram, target_weeks=settings.target_weeks)
    summary["recent_starts_count"] = int(recent["recent_starts_count"].sum())
    summary["clearance_time_weeks"] = clearance_time_weeks(summary["waiting_count"], summary["recent_starts_count"])
    if not list_statistic_shown(summary["waiting_count"]):
        return WaitingNow(histogram, summary, None)
    totals = recent[["recent_additions_count", "recent_starts_count", "recent_removals_count"]].sum()
    additions, starts, removals = (monthly_rate(totals[name]) for name in totals.index)
    events = events_loaded()
    chances = life_table(events.groupby(["duration_days", "event"], as_index=False)["referral_count"].sum())
    projection = project_waiting_list(histogram, chances, additions_per_month=additions, starts_per_month=starts,
                                      removals_per_month=removals, target_weeks=settings.target_weeks)
    snapshot = pd.Timestamp(settings.snapshot)
    projection["label"] = ["Now"] + [
        f"{snapshot + pd.DateOffset(months=month):%b %y}" for month in projection["month"].iloc[1:]]
    return WaitingNow(histogram, summary, projection)
