"""The scopes the sweep attacks, chosen so that the whole sweep runs in about four minutes.

Every PDU gets the Overview and Waiting times (the pages with monthly series,
where small counts are commonest) and Key findings (sentences with counts in them); a fixed sample of PDUs gets every page and
the meeting pack, and the heavier combinations (PDU × category, PDU × ethnicity
group, one month); every region gets every page, England and Wales every page
and the pack, and the PDU comparisons page for every indicator (it ranks every
PDU). The attacker first studies England and Wales and the regions,
where most counts are shown, to learn which figures add up (``training_scopes``).
"""

from __future__ import annotations

import datetime as dt
from itertools import cycle
from typing import Final

from metrics.comparison.indicators import INDICATORS
from sample_data.geography import pdu_table
from tests.disclosure.render import Scope
from vocabulary.definitions import CATEGORIES, ETHNICITY_GROUPS

#: Key findings write counts and percentages into sentences for every scope, small ones above all.
EVERY_PDU_PAGES: Final = ("Overview", "Key findings", "Waiting times")
#: Pages that change with the person and category filters (About the data and the
#: PDU comparisons' benchmarks do not narrow to them).
FILTERED_PAGES: Final = ("Overview", "Key findings", "Landscape", "Waiting times", "Sufficiency gaps")
#: Every SAMPLE_STEP-th PDU in the fixed PDU order (12 of 108) gets the heavier combinations.
SAMPLE_STEP: Final = 9
ONE_MONTH: Final = "one-month"


def _pdus() -> list[str]:
    return list(pdu_table()["pdu_code"])


def _regions() -> list[str]:
    return list(dict.fromkeys(pdu_table()["region_code"]))


def training_scopes() -> list[Scope]:
    """England and Wales (every page and the pack, and each category's Overview and Waiting times) and
    every region (every page): where the attacker learns, and scopes attacked in their own right.
    The categories give the waiting list's bands, which add up to the list, enough chances to be
    seen whole."""
    return ([Scope("all", pack=True)]
            + [Scope(f"all-category-{category}", {"category": category}, pages=EVERY_PDU_PAGES)
               for category in CATEGORIES]
            + [Scope(f"region-{code}", {"region": code}) for code in _regions()])


def sampled_pdus() -> list[str]:
    return _pdus()[::SAMPLE_STEP]


def sweep_scopes() -> list[Scope]:
    """Every scope attacked, each one test."""
    sample = sampled_pdus()
    groups = [group for group in ETHNICITY_GROUPS if group != "unknown"]
    scopes = [Scope(f"pdu-{code}", {"pdu": code}, pages=EVERY_PDU_PAGES) for code in _pdus() if code not in sample]
    scopes += [Scope(f"pdu-{code}-every-page", {"pdu": code}, pack=True) for code in sample]
    scopes += [Scope(f"pdu-{code}-category-{category}", {"pdu": code, "category": category}, pages=FILTERED_PAGES)
               for code, category in zip(sample, cycle(CATEGORIES))]
    scopes += [Scope(f"pdu-{code}-ethnicity-{group}", {"pdu": code, "ethnicity": group}, pages=FILTERED_PAGES)
               for code, group in zip(sample[::2], cycle(groups))]
    scopes += [Scope(f"pdu-{code}-{ONE_MONTH}", {"pdu": code}, pages=FILTERED_PAGES) for code in sample[1::2]]
    scopes += training_scopes()
    scopes += [Scope(f"all-compare-{key}", {"cmp_indicator": key}, pages=("PDU comparisons",)) for key in INDICATORS]
    # Regions as the unit: the 12 regions' counts beside every PDU's (a region is its PDUs' sum).
    scopes += [Scope(f"all-compare-regions-{key}", {"cmp_indicator": key, "cmp_unit": "region"},
                     pages=("PDU comparisons",)) for key in ("judged_sufficient", "within_target")]
    return scopes


def postgres_scopes() -> list[Scope]:
    """A smaller sweep for PostgreSQL: a few sampled PDUs on every page, with the pack."""
    return [Scope(f"postgres-pdu-{code}", {"pdu": code}, pack=True) for code in sampled_pdus()[:4]]


def with_period(scope: Scope, data_as_of: dt.date) -> Scope:
    """``scope`` with its period filled in: a one-month scope covers the last whole month of the data."""
    if not scope.id.endswith(ONE_MONTH):
        return scope
    last = data_as_of.replace(day=1) - dt.timedelta(days=1)
    period = {"from": last.replace(day=1).isoformat(), "to": last.isoformat()}
    return Scope(scope.id, scope.query | period, scope.pages, scope.pack)
