"""Sufficiency over time on hand-worked quarters: values and Wilson limits, the recent-trend test against
hand-worked chi-square values (and statsmodels' linear-by-linear test), follow-up, disclosure control."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.contingency_tables import Table

from charts.sufficiency.over_time import quarterly_share_figure
from metrics.stats.trend import proportion_trend_chi2, trend_quarters
from metrics.sufficiency.measures import MEASURES
from metrics.sufficiency.over_time import (
    NATIONAL,
    SCOPE,
    area_totals,
    quarterly_series,
    quarterly_table,
    series_trend,
)
from tests.unit.sufficiency.test_sufficiency import COUNTS, counts_frame

JUDGED, REFERRED = MEASURES["sufficient"], MEASURES["referred"]
#: Seven quarters: 1 Jan 2024 – 30 Sep 2025 (the last ends 30 Sep 2025).
QUARTERS = trend_quarters(dt.date(2025, 9, 30), dt.date(2024, 1, 1))


def quarter_counts(sufficient: list[int], judged: list[int], *, area: str = NATIONAL,
                   referred: list[int] | None = None) -> pd.DataFrame:
    """One row per quarter (the last ``len(sufficient)`` quarters) with need records = judged."""
    first = len(QUARTERS) - len(sufficient)
    rows = [("P1", "R1", "ete", "white", n, referred[i] if referred else 0, 0, 0, n, r)
            for i, (r, n) in enumerate(zip(sufficient, judged, strict=True))]
    return counts_frame(*rows).assign(window=range(first, len(QUARTERS)), area=area)


def test_seven_quarters_tile_back_from_the_period_end() -> None:
    assert list(QUARTERS["label"]) == [f"3 months to {end}" for end in (
        "31 Mar 2024", "30 Jun 2024", "30 Sep 2024", "31 Dec 2024", "31 Mar 2025", "30 Jun 2025", "30 Sep 2025")]


def test_values_and_limits_per_quarter_match_published_wilson_values() -> None:
    series = quarterly_series(quarter_counts([81], [263]), QUARTERS, JUDGED, data_as_of=dt.date(2026, 1, 1))
    latest = series.iloc[-1]
    assert latest["value_pct"] == pytest.approx(81 / 263 * 100)
    # Newcombe (1998) Stat Med 17:857, Table I: 81/263 -> 0.2553 to 0.3662.
    assert (latest["value_pct_lower95"], latest["value_pct_upper95"]) == (
        pytest.approx(25.53, abs=0.01), pytest.approx(36.62, abs=0.01))
    assert series["numerator_count"].iloc[0] == 0 and np.isnan(series["value_pct"].iloc[0])  # no records: no value


def test_a_steady_rise_is_increasing_against_the_hand_worked_chi_square() -> None:
    # 10, 15, 20, 25, 30 of 50: p̄ = 100/250 = 0.4, x̄ = 3, Σrx = 350, Σnx² − Σn·x̄² = 2750 − 2250 = 500,
    # χ² = (350 − 300)² ÷ (0.24 × 500) = 20.83; without each point in turn 10.10, 17.90, 20.83, 18.67, 10.99.
    r, n = np.array([10, 15, 20, 25, 30]), np.array([50] * 5)
    assert proportion_trend_chi2(r, n, np.arange(1, 6)) == pytest.approx(2500 / 120)
    # statsmodels' linear-by-linear association M² = (N − 1) r²; Cochran–Armitage's χ² = N r² = M² × N ÷ (N − 1).
    ordinal = Table(np.column_stack([r, n - r])).test_ordinal_association(row_scores=np.arange(1, 6),
                                                                        col_scores=np.array([1, 0]))
    assert proportion_trend_chi2(r, n, np.arange(1, 6)) == pytest.approx(ordinal.zscore**2 * 250 / 249)
    series = quarterly_series(quarter_counts(list(r), list(n)), QUARTERS, JUDGED, data_as_of=dt.date(2026, 1, 1))
    assert series_trend(series, JUDGED) == "Increasing"


def test_a_rise_that_rests_on_one_point_is_no_significant_change() -> None:
    # Of 100 each: χ² = 15.6 with all five, but 8.66 without the last point (below 9.5495).
    series = quarterly_series(quarter_counts([10, 15, 20, 25, 30], [100] * 5), QUARTERS, JUDGED,
                              data_as_of=dt.date(2026, 1, 1))
    assert series_trend(series, JUDGED) == "No significant change"


def test_referred_leaves_quarters_without_full_follow_up_out_of_the_test() -> None:
    # Data date 1 Jan 2026: quarters ending after 3 Jul 2025 (182 days before) lack full follow-up.
    counts = quarter_counts([0] * 7, [50] * 7, referred=[10, 15, 20, 25, 30, 0, 0])
    series = quarterly_series(counts, QUARTERS, REFERRED, data_as_of=dt.date(2026, 1, 1))
    assert list(series["follow_up_complete"]) == [True] * 6 + [False]
    # Tested: the five complete quarters before the last, i.e. 15, 20, 25, 30, 0 -> not a steady rise.
    assert series_trend(series, REFERRED) == "No significant change"
    early = quarterly_series(counts, QUARTERS, REFERRED, data_as_of=dt.date(2025, 6, 1))
    assert series_trend(early, REFERRED).startswith("Not tested: fewer than 5 three-month periods")


def test_table_and_chart_hide_small_numbers() -> None:
    counts = pd.concat([quarter_counts([3, 40], [8, 80], area=SCOPE), quarter_counts([30, 400], [80, 800])])
    series = quarterly_series(counts, QUARTERS, JUDGED, data_as_of=dt.date(2026, 1, 1))
    names = {SCOPE: "Avonford", NATIONAL: "England and Wales"}
    table = quarterly_table(series, JUDGED, names).set_index(["Area", "Quarter"])
    small = table.loc[("Avonford", "3 months to 30 Jun 2025")]
    assert (small["Judged sufficient"], small["Judged"]) == ("<5", "10")  # 3 of 8
    assert pd.isna(small["Judged sufficient (%)"]) and pd.isna(small["95% lower (%)"])
    assert table.loc[("Avonford", "3 months to 30 Sep 2025"), "Judged sufficient (%)"] == 50.0
    figure = quarterly_share_figure(series, measure_label="Judged sufficient", area_names=names)
    scope_line = figure.data[0]
    assert scope_line.name == "Avonford" and pd.isna(scope_line.y[-2]) and scope_line.y[-1] == 50.0
    assert "Avonford: suppressed" in scope_line.hovertext[-2]
    # No counts in the hover: the table gives them, one area to a row.
    assert not any(" of " in text for trace in figure.data for text in (trace.hovertext or ()))
    assert figure.data[1].line.dash == "dash"


@pytest.mark.parametrize("key", ["sufficient", "referred", "started"])
def test_a_quarters_totals_give_the_same_series_as_its_rows(key: str) -> None:
    # Quarters 2 and 5 hold rows for England and Wales and the scope, quarter 4 for England and Wales only,
    # the others none: the series from each quarter's one total per area must equal the series from its rows.
    empty = COUNTS.iloc[:0]
    by_quarter = {2: (COUNTS, COUNTS[COUNTS["pdu_code"] == "A1"]), 4: (COUNTS.iloc[1:], empty),
                  5: (COUNTS.iloc[:2], COUNTS.iloc[:1])}
    rows, totals = [], []
    for window, (national, scope) in by_quarter.items():
        for counts, area in ((national, NATIONAL), (scope, SCOPE)):
            rows.append(counts.assign(window=window, area=area))
            totals.append(area_totals(counts, window=window, area=area))
    assert len(pd.concat(totals)) == 5
    from_rows, from_totals = (quarterly_series(pd.concat(frames, ignore_index=True), QUARTERS, MEASURES[key],
                                               data_as_of=dt.date(2025, 6, 1)) for frames in (rows, totals))
    pd.testing.assert_frame_equal(from_totals, from_rows, check_exact=True)
