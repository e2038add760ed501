"""Each topic's findings for a scope, worked out once per filters and data version for everyone
(``components.replay.shared_data``), and the ranked list of key findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from components import cache
from components.findings.frames import (
    ComparisonFrames,
    SufficiencyShares,
    area_benchmark,
    comparison_frames,
    sufficiency_frames,
    sufficiency_shares,
    waiting_now,
    within_target_values,
)
from components.landscape.sections import area_names
from components.replay import shared_data
from components.waiting.page import DEFAULT_CATEGORY, WaitingSettings, category_choices
from metrics.comparison.areas import NATIONAL
from metrics.comparison.indicators import INDICATORS
from metrics.comparison.pdu_comparison import BENCHMARKS, ENGLAND_WALES
from metrics.findings.changes import (
    Compared,
    changed_keys,
    changes_since,
    comparison_labels,
    need_comparisons,
    pdu_comparisons,
    subgroup_comparisons,
)
from metrics.findings.comparison import worse_pdus
from metrics.findings.landscape import demand_finding, referrals_against_places
from metrics.findings.model import Finding
from metrics.findings.ranking import ranked
from metrics.findings.sufficiency import furthest_subgroup, largest_gap_cell, least_met_need
from metrics.findings.waiting import area_trend, waits_finding
from metrics.landscape.model import build_landscape
from metrics.landscape.tables import demand_chart_frame
from metrics.landscape.utilisation import DEFAULT_DEMAND_MARGIN_PCT, GROUPINGS
from metrics.sufficiency.benchmark import benchmark_name
from vocabulary.definitions import CATEGORY_LABELS, DEFAULT_WAIT_TARGET_WEEKS
from vocabulary.scope import Filters

Findings = tuple[Finding, ...]


@shared_data
def sufficiency_findings(filters: Filters) -> Findings:
    """The least-met need, the gap finder's top cell and the subgroup furthest below."""
    frames = sufficiency_frames(filters)
    if frames is None:
        return ()
    benchmark = area_benchmark(filters)
    words = benchmark_name(benchmark, in_sentence=True)
    gap = largest_gap_cell(frames.gaps, pdu_names=_pdu_names(), benchmark=benchmark,
                           benchmark_words=words if benchmark == ENGLAND_WALES else f"the {words}")
    found = (least_met_need(frames.shares), gap, furthest_subgroup(frames.by_dimension))
    return tuple(finding for finding in found if finding is not None)


def _pdu_names() -> dict[str, str]:
    pdus = cache.load_filter_options()["pdus"]
    return dict(zip(pdus["pdu_code"], pdus["pdu_name"]))


def waiting_settings_for(filters: Filters) -> WaitingSettings | None:
    """The Waiting times page's default settings for ``filters`` (None: accredited programmes are filtered out)."""
    if DEFAULT_CATEGORY not in category_choices(filters):
        return None
    info = cache.load_dataset_info()
    snapshot = min(max(filters.period_end, info["data_from"]), info["data_as_of"])
    return WaitingSettings(DEFAULT_CATEGORY, snapshot, DEFAULT_WAIT_TARGET_WEEKS)


def _scope_area(filters: Filters) -> tuple[str, str] | None:
    """The one area the filters show, as the comparison data name it (None for several areas)."""
    if len(filters.pdus) == 1:
        return "pdu", filters.pdus[0]
    if not filters.pdus and len(filters.regions) == 1:
        return "region", filters.regions[0]
    return ("national", NATIONAL) if not filters.pdus and not filters.regions else None


def _within_target_trend(filters: Filters) -> str | None:
    values = within_target_values(filters)
    area = _scope_area(filters)
    if values is None or area is None:
        return None
    return area_trend(values, INDICATORS["within_target"], area_type=area[0], area_code=area[1])


@shared_data
def waiting_findings(filters: Filters) -> Findings:
    """The programme list against the target, its trend and whether it will clear."""
    settings = waiting_settings_for(filters)
    if settings is None:
        return ()
    # The list now and the trend's quarters come from separate queries: side by side.
    loaded = cache.load_together({"now": lambda: waiting_now(filters, settings),
                                  "trend": lambda: _within_target_trend(filters)})
    now = loaded["now"]
    finding = waits_finding(now.summary, category_label=CATEGORY_LABELS[settings.category],
                            snapshot=settings.snapshot, target_weeks=settings.target_weeks,
                            trend=loaded["trend"], projection=now.projection)
    return () if finding is None else (finding,)


@shared_data
def comparison_findings(filters: Filters) -> Findings:
    """For each judged indicator, the PDUs in scope significantly worse than their benchmark."""
    frames = comparison_frames(filters)
    words = BENCHMARKS[ENGLAND_WALES] if frames.benchmark == ENGLAND_WALES else None
    found = (worse_pdus(frames.in_scope[item.key], item, benchmark=frames.benchmark, benchmark_words=words)
             for item in frames.items)
    return tuple(finding for finding in found if finding is not None)


def _not_read() -> pd.DataFrame:
    raise AssertionError("the findings read no waiting list, need profiles or monthly referrals of the Landscape")


@shared_data
def landscape_findings(filters: Filters) -> Findings:
    """Where referrals exceed places: by PDU, or by intervention when the scope is one PDU.

    From the Landscape page's cached queries for its catalogue, activity and provision (shared with it),
    not its whole ``shared_landscape``: the flag reads referrals and places alone
    (``metrics.findings.landscape.referrals_against_places``). Without provision nothing is flagged.
    """
    loaded = cache.load_together({
        "activity": lambda: cache.load_referral_activity(filters),
        "reference": lambda: cache.load_landscape_reference(filters),
        "provision": lambda: cache.load_provision_places(filters),
    })
    reference, activity = loaded["reference"], loaded["activity"]
    if int(reference["provision_months"]) <= 0:
        return ()
    # The page's availability (``referred`` is read only without provision, which returned above).
    landscape = build_landscape(filters, reference=reference, provision=loaded["provision"], activity=activity,
                                referred=activity, histogram=_not_read, profiles=_not_read, monthly=_not_read,
                                snapshot=filters.period_end)
    grouping = "pdu" if len(landscape.pdus) > 1 else "intervention"
    by = GROUPINGS[grouping][0]
    demand = referrals_against_places(activity, landscape.provision, landscape.available_in_scope(),
                                      landscape.interventions, by=by, months=landscape.months,
                                      provision_months=landscape.provision_months,
                                      margin_pct=DEFAULT_DEMAND_MARGIN_PCT)
    rows = demand_chart_frame(demand, by=by, names=area_names(landscape, by))
    finding = demand_finding(rows, groups="PDUs" if grouping == "pdu" else "interventions", grouping=grouping,
                             months=landscape.months, margin_pct=DEFAULT_DEMAND_MARGIN_PCT)
    return () if finding is None else (finding,)


@dataclass(frozen=True)
class PeriodFrames:
    """What the comparisons of one period are read from: the PDU comparisons and the sufficiency shares."""

    pdus: ComparisonFrames
    needs: SufficiencyShares | None


def period_frames(filters: Filters) -> PeriodFrames:
    """The frames one period's comparisons are read from (the shares alone: the gap finder's cells take no
    part in the changes)."""
    loaded = cache.load_together({"pdus": lambda: comparison_frames(filters), "needs": lambda: sufficiency_shares(filters)})
    return PeriodFrames(loaded["pdus"], loaded["needs"])


def _labels(compared: PeriodFrames) -> dict[tuple[str, ...], str]:
    needs, pdus = compared.needs, compared.pdus
    return comparison_labels(None if needs is None else needs.shares, {} if needs is None else needs.by_dimension,
                             pdus.in_scope, pdus.items)


def comparisons(compared: PeriodFrames, keys: frozenset[tuple[str, ...]] | None = None) -> tuple[Compared, ...]:
    """Every comparison the findings gate on in one period (for "what changed since"); only ``keys`` when given."""
    frames, pdus = compared.needs, compared.pdus
    words = BENCHMARKS[ENGLAND_WALES] if pdus.benchmark == ENGLAND_WALES else "its region"
    # With ``keys``, only the frames that hold one of them are read.
    items = pdus.items if keys is None else tuple(item for item in pdus.items
                                                  if any(key[:2] == ("pdu", item.key) for key in keys))
    found = pdu_comparisons(pdus.in_scope, items, benchmark=pdus.benchmark, benchmark_words=words, keys=keys)
    if frames is not None:
        by_dimension = frames.by_dimension if keys is None else {
            dimension: shares for dimension, shares in frames.by_dimension.items()
            if any(key[:2] == ("subgroup", dimension) for key in keys)}
        needs = [] if keys is not None and not any(key[0] == "need" for key in keys) else \
            need_comparisons(frames.shares, keys)
        found = [*needs, *subgroup_comparisons(by_dimension, keys), *found]
    return tuple(found)


def since_words(start: dt.date, end: dt.date) -> str:
    """A comparison period in words, as the scope strip writes periods."""
    return f"{start:%-d %b %Y} – {end:%-d %b %Y}"


@shared_data
def change_findings(filters: Filters, since_start: dt.date, since_end: dt.date) -> Findings:
    """Comparisons whose significance or direction changed since the comparison period."""
    earlier = filters.with_changes(period_start=since_start, period_end=since_end)
    # The two periods side by side: the comparison period's queries need not wait for this period's work.
    found = cache.load_together({"then": lambda: period_frames(earlier), "now": lambda: period_frames(filters)})
    # Which comparisons changed is read from their labels; only those are worded, in both periods.
    changed = changed_keys(_labels(found["now"]), _labels(found["then"]))
    return tuple(changes_since(comparisons(found["now"], changed), comparisons(found["then"], changed),
                               since=since_words(since_start, since_end)))


#: Each page's topics, gathered by one function (its key is the Finding's ``page``).
PAGE_TOPICS: dict[str, Callable[[Filters], Findings]] = {
    "sufficiency": sufficiency_findings,
    "waiting": waiting_findings,
    "comparison": comparison_findings,
    "landscape": landscape_findings,
}


@shared_data
def key_findings(filters: Filters, since_start: dt.date | None, since_end: dt.date | None) -> Findings:
    """The ranked key findings for the filters (``since``: the comparison period, None for none)."""
    calls: dict[str, Callable[[], Findings]] = {}
    if since_start is not None and since_end is not None:  # first: it gathers two periods, the longest wait
        calls["change"] = lambda: change_findings(filters, since_start, since_end)
    # Then the topics with queries of their own; the sufficiency and PDU comparison topics last: they read
    # the period's frames that the changes are already working out, so they would only wait for them
    # while holding one of the loader threads (``cache.LOADER_THREADS``) that the others could use.
    started = sorted(PAGE_TOPICS, key=lambda page: page in ("sufficiency", "comparison"))
    calls.update({page: (lambda gather=PAGE_TOPICS[page]: gather(filters)) for page in started})
    gathered = cache.load_together(calls)
    return tuple(ranked(finding for found in gathered.values() for finding in found))  # ordered by their keys


def page_finding(filters: Filters, page: str) -> Finding | None:
    """The most important finding of one page's topics (what its slide opens with)."""
    found = ranked(PAGE_TOPICS[page](filters), limit=1)
    return found[0] if found else None
