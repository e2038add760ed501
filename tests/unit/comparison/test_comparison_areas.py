"""Caseload and provision by window, and the sums that make regional and national benchmarks."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics.comparison.areas import NATIONAL, area_counts, monthly_by_window, pdu_counts_frame

MONTHLY = pd.DataFrame({
    "pdu_code": ["A", "A", "A", "A", "B"],
    "month": [dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1), dt.date(2024, 4, 1),
              dt.date(2024, 1, 1)],
    "people_supervised": [100, 200, 300, 400, 50],
})


def test_mean_over_overlapping_months_and_latest_month_at_the_end():
    # Window 0: 15 Jan–14 Mar overlaps January, February and March: A's mean (100+200+300)/3 = 200,
    # latest month on or before 14 March is March (300). B has only January: mean 50, latest 50.
    # Window 1: 1–30 April: A 400 and 400; B has no April, its latest month is still January.
    windows = ((dt.date(2024, 1, 15), dt.date(2024, 3, 14)), (dt.date(2024, 4, 1), dt.date(2024, 4, 30)))
    table = monthly_by_window(MONTHLY, windows, value="people_supervised").set_index(["pdu_code", "window"])
    assert table.loc[("A", 0)].tolist() == [200.0, 300.0]
    assert table.loc[("B", 0)].tolist() == [50.0, 50.0]
    assert table.loc[("A", 1)].tolist() == [400.0, 400.0]
    assert np.isnan(table.loc[("B", 1), "people_supervised_mean"])
    assert table.loc[("B", 1), "people_supervised_at_snapshot"] == 50.0


def test_no_monthly_rows_gives_an_empty_typed_frame():
    empty = monthly_by_window(MONTHLY.iloc[0:0], ((dt.date(2024, 1, 1), dt.date(2024, 1, 31)),),
                              value="places")
    assert list(empty.columns) == ["pdu_code", "window", "places_mean", "places_at_snapshot"] and empty.empty


def test_area_sums_and_pdus_missing_from_a_count_frame_count_zero():
    pdus = pd.DataFrame({"pdu_code": ["A", "B", "C"], "region_code": ["R1", "R1", "R2"]})
    flows = pd.DataFrame({"pdu_code": ["A", "C"], "window": [0, 0], "start_count": [3, 4],
                          "removed_count": [1, 2], "referral_count": [10, 20]})
    counts = pdu_counts_frame(pdus, ((dt.date(2024, 1, 1), dt.date(2024, 1, 31)),), [flows],
                              caseload=MONTHLY, places=MONTHLY.iloc[0:0].rename(columns={"people_supervised": "places"}))
    areas = area_counts(counts).set_index(["area_type", "area_code"])
    assert areas.loc[("pdu", "B"), "referral_count"] == 0
    assert areas.loc[("region", "R1"), "left_list_count"] == 4  # A: 3 + 1, B: none
    assert areas.loc[("national", NATIONAL), "referral_count"] == 30
    # C has no caseload: its referrals count in neither side of the national rate.
    assert areas.loc[("national", NATIONAL), "referral_rated_count"] == 10
    assert areas.loc[("national", NATIONAL), "supervised_mean"] == pytest.approx(150.0)
    # No provision loaded: places stay missing rather than zero.
    assert np.isnan(areas.loc[("pdu", "A"), "places_at_snapshot"])
