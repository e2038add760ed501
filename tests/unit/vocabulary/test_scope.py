"""Filters, the default period and the scope sentence."""

import datetime as dt

import pytest

from vocabulary.scope import Filters, default_period, describe_scope


def test_default_period_is_twelve_calendar_months_to_data_date():
    assert default_period(dt.date(2025, 3, 17)) == (dt.date(2024, 4, 1), dt.date(2025, 3, 17))
    assert default_period(dt.date(2025, 12, 31)) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_filters_reject_reversed_period_and_sort_lists():
    with pytest.raises(ValueError, match="before period_start"):
        Filters(period_start=dt.date(2025, 1, 2), period_end=dt.date(2025, 1, 1))
    filters = Filters(dt.date(2025, 1, 1), dt.date(2025, 2, 1), regions=["B", "A"])
    assert filters.regions == ("A", "B")
    assert hash(filters) == hash(Filters(dt.date(2025, 1, 1), dt.date(2025, 2, 1), regions=("A", "B")))


LABELS = {"regions": {"EM": "East Midlands", "L": "London"}, "pdus": {"P1": "Leicester"}}
PERIOD = {"period_start": dt.date(2024, 4, 1), "period_end": dt.date(2025, 3, 31)}


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({}, "England and Wales · 1 Apr 2024 – 31 Mar 2025"),
        (
            {"regions": ("EM",), "categories": ("accredited_programme",), "genders": ("female",)},
            "East Midlands · Accredited programmes · 1 Apr 2024 – 31 Mar 2025 · Female",
        ),
        ({"regions": ("EM",), "pdus": ("P1",)}, "Leicester · 1 Apr 2024 – 31 Mar 2025"),
        (
            {"needs": ("accommodation", "ete", "finance", "drugs")},
            "England and Wales · 4 needs · 1 Apr 2024 – 31 Mar 2025",
        ),
    ],
)
def test_describe_scope(changes, sentence):
    assert describe_scope(Filters(**PERIOD, **changes), LABELS) == sentence
