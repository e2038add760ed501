"""The indicator registry: every measure the PDU comparison page can compare areas on.

Each indicator says what it measures (its ``name`` equals a heading in
docs/definitions.md, where its full definition lives), its unit, its polarity
(high is good, low is good, or no judgement), its type, its numerator and
denominator, the smallest denominator worth comparing, and the function that
computes it for every area from the counts the database returns. Definitions
follow the Waiting times and Sufficiency gaps pages so that the same measure
gives the same number everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from metrics.comparison.indicator_compute import median_wait_weeks, proportion_of, rate_per_100_of
from metrics.stats.comparison import Polarity
from vocabulary.definitions import DEFAULT_WAIT_TARGET_WEEKS, MIN_DENOMINATOR_FOR_PERCENT, NEED_FOLLOW_UP_DAYS

IndicatorKind = Literal["proportion", "rate", "median"]
#: Which input an indicator is computed from: area counts, or the histogram of waits.
IndicatorSource = Literal["counts", "waits"]
#: Which database query an indicator's counts come from (so a trend loads only what it needs).
IndicatorFamily = Literal["needs", "flows", "waiting"]


@dataclass(frozen=True)
class Indicator:
    """One comparable measure.

    ``compute`` takes the area counts frame (or, for ``source == "waits"``, the
    wait histogram) and returns one row per area and window with ``numerator``,
    ``denominator``, ``value`` and ``value_lower95/_upper95/_lower998/_upper998``.
    ``follow_up`` marks the need-record measures counted within the follow-up
    window (``metrics.stats.follow_up``): periods without full follow-up are not trend-tested.
    """

    key: str
    name: str
    short_name: str
    unit: str
    polarity: Polarity
    kind: IndicatorKind
    numerator: str
    denominator: str
    min_denominator: int
    source: IndicatorSource
    compute: Callable[[pd.DataFrame], pd.DataFrame]
    family: IndicatorFamily
    needs_caseload: bool = False
    needs_provision: bool = False
    follow_up: bool = False


_PEOPLE_SUPERVISED = "People supervised"
_WAITING = "Accredited programme referrals waiting"


def _indicators() -> tuple[Indicator, ...]:
    common = {"min_denominator": MIN_DENOMINATOR_FOR_PERCENT, "source": "counts"}
    return (
        Indicator(key="judged_sufficient", name="Judged needs sufficient (%)", short_name="Needs sufficient",
                  unit="%", polarity="high_is_good", kind="proportion", family="needs",
                  numerator="Need records judged sufficient", denominator="Need records with a judgement",
                  compute=proportion_of("sufficient_count", "judged_count"), **common),
        Indicator(key="needs_referred", name="Need records referred (%)", short_name="Needs referred",
                  unit="%", polarity="high_is_good", kind="proportion", family="needs",
                  numerator=f"Referred within {NEED_FOLLOW_UP_DAYS} days of the need", denominator="Need records",
                  compute=proportion_of("referred_count", "need_count"), follow_up=True, **common),
        Indicator(key="needs_started", name="Need records started (%)", short_name="Needs started",
                  unit="%", polarity="high_is_good", kind="proportion", family="needs",
                  numerator=f"Started within {NEED_FOLLOW_UP_DAYS} days of the need", denominator="Need records",
                  compute=proportion_of("started_count", "need_count"), follow_up=True, **common),
        Indicator(key="waiting_per_100", name="Waiting list per 100 people supervised",
                  short_name="Waiting per 100", unit="per 100 people supervised", polarity="low_is_good", kind="rate",
                  family="waiting", numerator=_WAITING, denominator=_PEOPLE_SUPERVISED, needs_caseload=True,
                  compute=rate_per_100_of("waiting_rated_count", "supervised_at_snapshot"), **common),
        Indicator(key="median_wait", name="Median wait of those waiting (weeks)", short_name="Median wait",
                  unit="weeks", polarity="low_is_good", kind="median", family="waiting",
                  numerator="–", denominator=_WAITING, compute=median_wait_weeks,
                  **{**common, "source": "waits"}),
        Indicator(key="within_target", name="Waiting within target (%)", short_name="Within target",
                  unit="%", polarity="high_is_good", kind="proportion", family="waiting",
                  numerator=f"Waiting {DEFAULT_WAIT_TARGET_WEEKS} weeks or less", denominator=_WAITING,
                  compute=proportion_of("within_target_count", "waiting_count"), **common),
        Indicator(key="starts_completed", name="Starts completed (%)", short_name="Starts completed",
                  unit="%", polarity="high_is_good", kind="proportion", family="flows",
                  numerator="Completed", denominator="Ended after starting",
                  compute=proportion_of("completed_count", "ended_after_start_count"), **common),
        Indicator(key="removed_without_start", name="Referrals removed without starting (%)",
                  short_name="Removed unstarted", unit="%", polarity="low_is_good", kind="proportion",
                  family="flows", numerator="Removed without starting",
                  denominator="Left the list (started or removed)",
                  compute=proportion_of("removed_count", "left_list_count"), **common),
        Indicator(key="referrals_per_100", name="Referrals per 100 people supervised",
                  short_name="Referrals per 100", unit="per 100 people supervised", polarity="no_judgement", kind="rate",
                  family="flows", numerator="Referrals made", denominator="People supervised (monthly mean)",
                  needs_caseload=True, compute=rate_per_100_of("referral_rated_count", "supervised_mean"),
                  **common),
        Indicator(key="places_per_100", name="Places per 100 people supervised", short_name="Places per 100",
                  unit="per 100 people supervised", polarity="high_is_good", kind="rate", family="flows",
                  numerator="Places available", denominator=_PEOPLE_SUPERVISED, needs_caseload=True,
                  needs_provision=True, compute=rate_per_100_of("places_rated_count", "supervised_at_snapshot"),
                  **common),
    )


#: Headings in docs/definitions.md the page shows besides its indicators'.
PAGE_DEFINITIONS: Final[tuple[str, ...]] = (
    "PDU comparisons headline figures", "Compared with benchmark", "Comparison key", "PDUs shown in the bar chart",
    "Regions as the unit of comparison", "Funnel plot", "PDU profile", "Recent trend", "Follow-up window",
    "Disclosure control",
)

#: Every indicator, keyed by its stable key (used in URLs).
INDICATORS: Final[dict[str, Indicator]] = {indicator.key: indicator for indicator in _indicators()}
DEFAULT_INDICATOR: Final = "judged_sufficient"


def indicator(key: str) -> Indicator:
    """The indicator with ``key``; a clear error for an unknown key."""
    try:
        return INDICATORS[key]
    except KeyError:
        raise KeyError(f"Unknown indicator {key!r}: use one of {sorted(INDICATORS)}") from None


def parse_indicator_key(raw: str) -> str:
    """A URL value as an indicator key (ValueError when there is no such indicator)."""
    if raw not in INDICATORS:
        raise ValueError(f"no indicator {raw!r}")
    return raw


def available_indicators(*, has_caseload: bool, has_provision: bool, people_filtered: bool = False) -> tuple[
        Indicator, ...]:
    """The indicators the loaded data can support (caseload and provision files are optional).

    With ``people_filtered`` (a gender, ethnicity, age band, risk or sentence type
    filter in force) the "per 100 people supervised" indicators are left out: the
    caseload is a count of everyone supervised per PDU and month, with no person
    fields, so it cannot be narrowed to the people the numerator counts.
    """
    return tuple(
        item for item in INDICATORS.values()
        if (has_caseload or not item.needs_caseload) and (has_provision or not item.needs_provision)
        and not (people_filtered and item.needs_caseload)
    )
