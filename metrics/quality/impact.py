"""Impact on the figures: for each headline figure of the other pages, the share of its denominator that
a data-quality problem touches, in a sentence.

Read from ``rates.scope_summary`` (the PDUs selected); percentages follow disclosure control
(``format_percent``), so a share on a small or nearly complete denominator reads "suppressed".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from metrics.stats.disclosure import SUPPRESSED_PERCENT, format_percent


@dataclass(frozen=True)
class Impact:
    """A headline figure, the pages that show it, the measure that qualifies it and what it means.

    ``sentence`` holds ``{share}`` (the measure's share) and may hold ``{rest}`` (its complement).
    """

    figure: str
    pages: str
    measure_key: str
    sentence: str


IMPACTS: Final[tuple[Impact, ...]] = (
    Impact("Needs judged sufficient", "Overview, Sufficiency gaps, PDU comparisons", "unjudged",
           "{share} of need records selected have no sufficiency judgement, so 'Judged sufficient' describes "
           "{rest} of them."),
    Impact("Referrals", "Overview, Landscape, PDU comparisons", "duplicates",
           "{share} of referrals made in the period look like a second keying of another referral, so referral "
           "counts may be too high by up to that share."),
    Impact("Referred for the need", "Sufficiency gaps, PDU comparisons", "no_need_code",
           "{share} of referrals have no need code: they count for a need only through the needs their "
           "intervention addresses."),
    Impact("Waiting list", "Overview, Waiting times, PDU comparisons", "stale",
           "{share} of referrals open with no start and no end were made over a year before the period's end; "
           "if they are closed cases never updated, the list and its waits are overstated."),
    Impact("Breakdowns by ethnicity group", "Sufficiency gaps, Waiting times", "ethnicity",
           "{share} of people referred have ethnicity unknown, so breakdowns by ethnicity describe {rest} "
           "of them."),
    Impact("Data as of", "Every page", "future",
           "{share} of referrals and need records have a date after the day the data were loaded; 'Data as of' "
           "and the default period follow the latest date, so a mistyped year moves them."),
    Impact("Referrals and places per 100 people supervised", "PDU comparisons", "caseload",
           "{share} of PDU months in the period have no caseload loaded, so those PDUs' rates rest on fewer "
           "months."),
)


def _shares(row: pd.Series) -> tuple[str, str]:
    numerator, denominator = float(row["numerator"]), float(row["denominator"])
    if denominator == 0:
        return "–", "–"
    value = row["value_pct"]
    if not row["people"]:
        return f"{value:.1f}%", f"{100 - value:.1f}%"
    share = format_percent(value, denominator, numerator=numerator)
    rest = format_percent(100 - value, denominator, numerator=denominator - numerator)
    return share, rest


def impact_table(summary: pd.DataFrame, *, pdus_without_provision: int) -> pd.DataFrame:
    """One row per headline figure: Figure, Shown on, Share affected, What it means.

    ``summary`` is ``rates.scope_summary``'s table; ``pdus_without_provision`` the number of PDUs in
    scope that made referrals with no provision loaded (PDUs, not people), which qualifies "Places per month".
    """
    by_key = summary.set_index("key")
    rows = []
    for impact in IMPACTS:
        share, rest = _shares(by_key.loc[impact.measure_key])
        if share == "–":
            meaning = "Nothing selected to check."
        elif share == SUPPRESSED_PERCENT:
            meaning = "The share is hidden: too few records selected to show it safely."
        else:
            meaning = impact.sentence.format(share=share, rest=rest)
        rows.append({"Figure": impact.figure, "Shown on": impact.pages, "Share affected": share,
                     "What it means": meaning})
    places = (f"{pdus_without_provision} PDU{'s' if pdus_without_provision != 1 else ''} in scope made referrals "
              "but have no provision loaded: their places read as none." if pdus_without_provision
              else "Every PDU selected that made referrals has provision loaded.")
    rows.append({"Figure": "Places per month", "Shown on": "Landscape, PDU comparisons",
                 "Share affected": f"{pdus_without_provision} PDUs", "What it means": places})
    return pd.DataFrame(rows)
