"""The Overview's change on the same period a year earlier, worked out by hand (issue 17)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics.overview import overview_kpis, same_period_a_year_earlier

NOW = {"people_count": 1_234, "referral_count": 4_072, "start_count": 3_131, "completion_count": 3,
       "waiting_count": 300, "judged_count": 200, "sufficient_count": 94}
BEFORE = {"people_count": 1_101, "referral_count": 3_998, "start_count": 2_000, "completion_count": 40,
          "waiting_count": 312, "judged_count": 100, "sufficient_count": 50}


def _shown(kpis) -> dict[str, tuple[str, str | None, str]]:
    return {kpi.label: (kpi.value, kpi.delta, kpi.delta_color) for kpi in kpis}


def test_changes_are_between_the_figures_as_shown():
    shown = _shown(overview_kpis(NOW, None, BEFORE))
    # 1,234 is shown as 1,235 and 1,101 as 1,100: +135, not the exact +133.
    assert shown["People"] == ("1,235", "+135 vs last year", "off")
    assert shown["Referrals"] == ("4,070", "+70 vs last year", "off")  # 4,070 − 4,000
    assert shown["Starts"] == ("3,130", "+1,130 vs last year", "off")
    # 94 of 200 = 47.0% against 50 of 100 = 50.0%: −3.0 points, and a lower share is worse.
    assert shown["Needs judged sufficient"] == ("47.0%", "-3.0 pts vs last year", "normal")
    # 300 against 312 shown as 310: 10 fewer waiting, drawn as an improvement (inverse).
    assert shown["Accredited programme waiting list"] == ("300", "-10 vs last year", "inverse")


def test_no_change_is_shown_beside_a_hidden_figure_or_against_one():
    shown = _shown(overview_kpis(NOW, None, BEFORE))
    assert shown["Completions"] == ("<5", None, "off")  # 3 now: a change would give back the 3
    few_judged = BEFORE | {"judged_count": 8, "sufficient_count": 4}  # under 10 a year earlier
    assert _shown(overview_kpis(NOW, None, few_judged))["Needs judged sufficient"] == ("47.0%", None, "off")
    # 8 referrals in two months of 4: the total beside the months would pin them (secondary
    # suppression), so it is hidden, and so is its change.
    monthly = pd.DataFrame({"month": ["2025-01-01", "2025-02-01"], "referral_count": [4, 4],
                            "start_count": [1_500, 1_631]})
    few = NOW | {"referral_count": 8}
    assert _shown(overview_kpis(few, monthly, BEFORE))["Referrals"] == ("hidden", None, "off")


def test_an_unchanged_figure_and_no_comparison():
    assert _shown(overview_kpis(NOW, None, NOW | {"people_count": 1_236}))["People"] == (
        "1,235", "+0 vs last year", "off")
    assert all(kpi.delta is None for kpi in overview_kpis(NOW, None, None))


def test_the_earlier_period_is_the_same_dates_a_year_before():
    data_from = dt.date(2022, 1, 1)
    assert same_period_a_year_earlier(dt.date(2025, 11, 1), dt.date(2026, 10, 31), data_from) == (
        dt.date(2024, 11, 1), dt.date(2025, 10, 31))
    assert same_period_a_year_earlier(dt.date(2024, 2, 29), dt.date(2024, 12, 31), data_from) == (
        dt.date(2023, 2, 28), dt.date(2023, 12, 31))
    # The data start 2 days after the earlier period would: no comparison rather than a part-period.
    assert same_period_a_year_earlier(dt.date(2023, 1, 1), dt.date(2023, 6, 30), dt.date(2022, 1, 3)) is None
