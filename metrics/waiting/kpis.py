"""The Waiting times page's six headline figures, formatted with disclosure control and compared.

Statistics of a list (percentiles, shares, clearance time) follow the percentage
rule of disclosure control: they are not shown for a list of fewer than 10 people.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Final

from metrics.kpi import Kpi
from metrics.stats.disclosure import (
    SUPPRESSED_PERCENT,
    format_count,
    format_percent,
    percent_value_hidden,
    shown_count,
)
from vocabulary.definitions import MIN_DENOMINATOR_FOR_PERCENT

#: Headline labels, exactly as the headings in docs/definitions.md. Plain words: the technical names
#: (92nd percentile, clearance time) are in the definitions. "Still waiting, within target" names its
#: population so that it is not read against "Referrals started within target" (``STARTED_WITHIN_TARGET``).
WAITING_LIST: Final = "Waiting list"
MEDIAN_WAIT: Final = "Median wait (weeks)"
P92_WAIT: Final = "92% have waited at most (weeks)"
#: The same measure in a sentence or a chart's legend (the planner judges the target on it).
P92_WAIT_MEASURE: Final = "92% have waited at most"
WITHIN_TARGET: Final = "Still waiting, within target"
OVER_52_WEEKS: Final = "Waiting over 52 weeks"
CLEARANCE_TIME: Final = "Weeks to clear the list"
HEADLINE_LABELS: Final[tuple[str, ...]] = (
    WAITING_LIST, MEDIAN_WAIT, P92_WAIT, WITHIN_TARGET, OVER_52_WEEKS, CLEARANCE_TIME,
)
NOT_CLEARING: Final = "not clearing"
#: The other "within target" figure of the page: a share of referrals, not of the people still waiting.
STARTED_WITHIN_TARGET: Final = "Referrals started within target"


def within_target_note(target_weeks: int, snapshot: dt.date) -> str:
    """The one line beside "Still waiting, within target" that says which population it describes."""
    return (f"**{WITHIN_TARGET}**: of the people still on the list on {snapshot:%-d %B %Y}, the share who have "
            f"waited {target_weeks} weeks or less so far.")


def started_within_note(target_weeks: int, snapshot: dt.date) -> str:
    """The one line beside "Referrals started within target" that says which population it describes."""
    return (f"**{STARTED_WITHIN_TARGET}**: of the referrals made in the period up to {snapshot:%-d %B %Y}, the "
            f"estimated share that started within {target_weeks} weeks of referral — whether or not they are "
            "still on the list.")


def list_statistic_shown(waiting_count: float) -> bool:
    """Whether statistics of a list of ``waiting_count`` people may be shown (at least 10 people)."""
    return waiting_count >= MIN_DENOMINATOR_FOR_PERCENT


def format_weeks(value_weeks: float, waiting_count: float) -> str:
    """A wait in weeks to one decimal; "–" for an empty list, "suppressed" for a list under 10."""
    if waiting_count == 0 or math.isnan(value_weeks):
        return "–"
    return f"{value_weeks:.1f}" if list_statistic_shown(waiting_count) else SUPPRESSED_PERCENT


def format_clearance(clearance_weeks: float, waiting_count: float) -> str:
    """Clearance time in weeks to one decimal, "not clearing" with no recent starts."""
    if waiting_count == 0:
        return "0.0"
    if not list_statistic_shown(waiting_count):
        return SUPPRESSED_PERCENT
    return NOT_CLEARING if math.isinf(clearance_weeks) else f"{clearance_weeks:.1f}"


def _delta(now: float, before: float, unit: str, when: dt.date, *, decimals: int) -> tuple[str, str]:
    change = round(now - before, decimals)
    text = f"{change:+,.{decimals}f}{unit} vs {when:%-d %b %Y}"
    return text, "off" if change == 0 else "inverse"


def _count_delta(key: str, now: dict, before: dict, when: dt.date) -> tuple[str | None, str]:
    # The change between the two shown (rounded) counts: a change of the exact counts
    # beside a rounded figure would give the exact figures back.
    shown_now, shown_before = shown_count(now[key]), shown_count(before[key])
    if shown_now is None or shown_before is None:
        return None, "off"
    return _delta(shown_now, shown_before, "", when, decimals=0)


def _statistic_delta(key: str, unit: str, now: dict, before: dict, when: dt.date) -> tuple[str | None, str]:
    values = (now[key], before[key])
    shown = all(list_statistic_shown(summary["waiting_count"]) for summary in (now, before))
    if key == "within_target_pct":  # a share: its change must not give back a hidden share
        shown = shown and not any(
            percent_value_hidden(summary["within_target_pct"], summary["waiting_count"]) for summary in (now, before))
    if not shown or any(math.isnan(value) or math.isinf(value) for value in values):
        return None, "off"
    return _delta(now[key], before[key], unit, when, decimals=1)


def waiting_kpis(
    now: dict[str, float], before: dict[str, float] | None, *, before_date: dt.date | None, target_weeks: int
) -> list[Kpi]:
    """The six headline figures at T, each with its change since ``before_date`` where the data allow.

    Args:
        now, before: ``metrics.waiting.snapshot.wait_summary`` plus clearance_time_weeks, at T
            and at the comparison date (``before`` None when there is none).
        before_date: the comparison date.
        target_weeks: the target in force (named in the "Still waiting, within target" help).
    """
    def delta(key: str, unit: str = "", count: bool = False) -> tuple[str | None, str]:
        if before is None or before_date is None:
            return None, "off"
        if count:
            return _count_delta(key, now, before, before_date)
        return _statistic_delta(key, unit, now, before, before_date)

    waiting = now["waiting_count"]
    within_delta, within_colour = delta("within_target_pct", " pts")
    within_help = (
        f"Share of the people still waiting at the snapshot date who have waited {target_weeks} weeks "
        f"({7 * target_weeks} days) or less so far: the target chosen on this page. Not the same as "
        f"\"{STARTED_WITHIN_TARGET}\", which follows referrals to their start."
    )
    return [
        Kpi(WAITING_LIST, format_count(waiting), *delta("waiting_count", count=True)),
        Kpi(MEDIAN_WAIT, format_weeks(now["median_wait_weeks"], waiting), *delta("median_wait_weeks", " weeks")),
        Kpi(P92_WAIT, format_weeks(now["p92_wait_weeks"], waiting), *delta("p92_wait_weeks", " weeks")),
        Kpi(WITHIN_TARGET, format_percent(now["within_target_pct"], waiting) if waiting else "–", within_delta,
            "off" if within_colour == "off" else "normal", within_help),
        Kpi(OVER_52_WEEKS, format_count(now["over_52_weeks_count"]), *delta("over_52_weeks_count", count=True)),
        Kpi(CLEARANCE_TIME, format_clearance(now["clearance_time_weeks"], waiting),
            *delta("clearance_time_weeks", " weeks")),
    ]
