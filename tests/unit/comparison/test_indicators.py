"""Every indicator of the registry on a hand-worked set of three PDUs in two regions.

PDUs A and B are in region R1, C in R2. One window: January to March 2024. C has
no caseload, so it has no rates and adds nothing to either side of its region's
or England and Wales's rates.
"""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics.comparison.areas import NATIONAL, area_counts, area_waits, pdu_counts_frame, waiting_counts
from metrics.comparison.indicators import INDICATORS, available_indicators, indicator, parse_indicator_key
from metrics.comparison.pdu_comparison import indicator_values

WINDOWS = ((dt.date(2024, 1, 1), dt.date(2024, 3, 31)),)
PDUS = pd.DataFrame({"pdu_code": ["A", "B", "C"], "pdu_name": ["Alpha", "Beta", "Gamma"],
                     "region_code": ["R1", "R1", "R2"], "region_name": ["One", "One", "Two"]})
NEEDS = pd.DataFrame({"pdu_code": ["A", "B", "C"], "window": 0, "need_count": [20, 30, 50],
                      "referred_count": [10, 12, 40], "started_count": [6, 9, 30],
                      "judged_count": [16, 24, 40], "sufficient_count": [4, 12, 30]})
FLOWS = pd.DataFrame({"pdu_code": ["A", "B", "C"], "window": 0, "referral_count": [30, 45, 60],
                      "start_count": [12, 20, 25], "removed_count": [8, 5, 25],
                      "ended_after_start_count": [10, 20, 30], "completed_count": [7, 10, 24]})
# A: waits of 10, 10, 50, 50, 84, 85, 85 and 200 days. B: four waits of 7 days. C: nobody waiting.
WAITS = pd.DataFrame({"window": 0, "pdu_code": ["A"] * 5 + ["B"], "wait_days": [10, 50, 84, 85, 200, 7],
                      "waiting_count": [2, 2, 1, 2, 1, 4]})
CASELOAD = pd.DataFrame({"pdu_code": ["A"] * 4 + ["B"] * 3,
                         "month": [dt.date(2023, 12, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1),
                                   dt.date(2024, 3, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1),
                                   dt.date(2024, 3, 1)],
                         "people_supervised": [999, 200, 300, 400, 100, 100, 100]})
PLACES = pd.DataFrame({"pdu_code": ["A", "A", "B", "C"],
                       "month": [dt.date(2024, 2, 1), dt.date(2024, 3, 1), dt.date(2024, 3, 1), dt.date(2024, 3, 1)],
                       "places": [50, 20, 3, 9]})


@pytest.fixture(scope="module")
def areas() -> tuple[pd.DataFrame, pd.DataFrame]:
    counts = pdu_counts_frame(PDUS, WINDOWS, [NEEDS, FLOWS, waiting_counts(WAITS, target_days=84)],
                              caseload=CASELOAD, places=PLACES)
    return area_counts(counts), area_waits(WAITS, PDUS)


def value_of(areas, key: str, area_type: str, area_code: str) -> pd.Series:
    values = indicator_values(indicator(key), *areas)
    row = values[(values["area_type"] == area_type) & (values["area_code"] == area_code)]
    assert len(row) == 1
    return row.iloc[0]


@pytest.mark.parametrize(
    ("key", "pdu_a", "region_one", "national"),
    [
        ("judged_sufficient", 4 / 16 * 100, 16 / 40 * 100, 46 / 80 * 100),
        ("needs_referred", 10 / 20 * 100, 22 / 50 * 100, 62 / 100 * 100),
        ("needs_started", 6 / 20 * 100, 15 / 50 * 100, 45 / 100 * 100),
        # Left the list = starts + removals: A 12 + 8 = 20, of whom 8 removed.
        ("removed_without_start", 8 / 20 * 100, 13 / 45 * 100, 38 / 95 * 100),
        ("starts_completed", 7 / 10 * 100, 17 / 30 * 100, 41 / 60 * 100),
        # Waits within 12 weeks (84 days): A 5 of 8; B 4 of 4.
        ("within_target", 5 / 8 * 100, 9 / 12 * 100, 9 / 12 * 100),
        # Caseload: mean of Jan–Mar (the window's months; December is outside) A 300, B 100.
        ("referrals_per_100", 30 / 300 * 100, 75 / 400 * 100, 75 / 400 * 100),
        # Snapshot: the latest month on or before 31 March, i.e. March: A 400, B 100.
        ("waiting_per_100", 8 / 400 * 100, 12 / 500 * 100, 12 / 500 * 100),
        ("places_per_100", 20 / 400 * 100, 23 / 500 * 100, 23 / 500 * 100),
        # A's waits in order: 10 10 50 50 | 84 85 85 200 -> (50 + 84) / 2 = 67 days = 9.571 weeks.
        # Region One adds four 7-day waits: 7 7 7 7 10 10 | 50 50 ... -> (10 + 50) / 2 = 30 days.
        ("median_wait", 67 / 7, 30 / 7, 30 / 7),
    ],
)
def test_indicator_values_by_hand(areas, key, pdu_a, region_one, national):
    assert value_of(areas, key, "pdu", "A")["value"] == pytest.approx(pdu_a)
    assert value_of(areas, key, "region", "R1")["value"] == pytest.approx(region_one)
    assert value_of(areas, key, "national", NATIONAL)["value"] == pytest.approx(national)


@pytest.mark.parametrize("key", ["referrals_per_100", "waiting_per_100", "places_per_100"])
def test_pdu_without_caseload_has_no_rate(areas, key):
    assert np.isnan(value_of(areas, key, "pdu", "C")["value"])


def test_every_value_has_ordered_limits(areas):
    for key in set(INDICATORS) - {"median_wait"}:  # A's 8 waits are too few for a 99.8% median interval
        row = value_of(areas, key, "pdu", "A")
        assert row["value_lower998"] <= row["value_lower95"] <= row["value"] <= row["value_upper95"] <= row[
            "value_upper998"], key


def test_median_wait_interval_is_the_order_statistics_in_weeks(areas):
    # n = 8 waits: the 95% interval is x(1)..x(8) = 10..200 days (n = 8: P(B <= 0) = 1/256 <= 0.025,
    # P(B <= 1) = 9/256 > 0.025).
    row = value_of(areas, "median_wait", "pdu", "A")
    assert (row["value_lower95"], row["value_upper95"]) == (pytest.approx(10 / 7), pytest.approx(200 / 7))
    assert row["denominator"] == 8 and np.isnan(row["numerator"])
    assert np.isnan(row["value_lower998"])  # n <= 9: no order statistics give 99.8% coverage


def test_registry_entries_are_complete():
    for key, item in INDICATORS.items():
        assert item.key == key
        assert item.polarity in ("high_is_good", "low_is_good", "no_judgement")
        assert item.kind in ("proportion", "rate", "median")
        assert item.name and item.short_name and item.unit and item.denominator and item.min_denominator > 0


def test_optional_files_narrow_the_indicators():
    without = {item.key for item in available_indicators(has_caseload=False, has_provision=False)}
    assert without == set(INDICATORS) - {"referrals_per_100", "waiting_per_100", "places_per_100"}
    assert "places_per_100" not in {item.key for item in available_indicators(has_caseload=True,
                                                                              has_provision=False)}


def test_people_filters_withdraw_the_rates_per_100_people_supervised():
    # Issue 11: the caseload has no person fields, so under a people filter a rate per 100 people supervised
    # would divide the group's count by everyone's caseload. Those indicators are not offered then.
    per_100 = {"referrals_per_100", "waiting_per_100", "places_per_100"}
    everything = {item.key for item in available_indicators(has_caseload=True, has_provision=True)}
    filtered = {item.key for item in available_indicators(has_caseload=True, has_provision=True,
                                                          people_filtered=True)}
    assert everything == set(INDICATORS)
    assert filtered == set(INDICATORS) - per_100
    assert all(INDICATORS[key].needs_caseload for key in per_100)


def test_unknown_indicator_is_a_clear_error():
    with pytest.raises(KeyError, match="Unknown indicator 'nope'"):
        indicator("nope")
    with pytest.raises(ValueError):
        parse_indicator_key("nope")
