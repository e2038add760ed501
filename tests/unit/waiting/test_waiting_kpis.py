"""Headline figures: labels, formats, disclosure control and changes, by hand."""

from __future__ import annotations

import datetime as dt
import math

from metrics.waiting.kpis import HEADLINE_LABELS, waiting_kpis

BEFORE_DATE = dt.date(2023, 6, 30)


def _summary(**values: float) -> dict[str, float]:
    base = {"waiting_count": 120, "median_wait_weeks": 6.04, "p92_wait_weeks": 20.0, "within_target_count": 90,
            "within_target_pct": 75.0, "over_52_weeks_count": 7, "clearance_time_weeks": 10.0}
    return base | values


def _values(kpis) -> dict[str, tuple[str, str | None]]:
    return {kpi.label: (kpi.value, kpi.delta) for kpi in kpis}


def test_the_six_labels_are_plain_words_and_name_their_population():
    kpis = waiting_kpis(_summary(), None, before_date=None, target_weeks=12)
    assert [kpi.label for kpi in kpis] == [
        "Waiting list", "Median wait (weeks)", "92% have waited at most (weeks)", "Still waiting, within target",
        "Waiting over 52 weeks", "Weeks to clear the list",
    ] == list(HEADLINE_LABELS)


def test_values_and_changes_since_a_year_earlier():
    before = _summary(waiting_count=100, median_wait_weeks=5.0, within_target_pct=80.0, over_52_weeks_count=7,
                      clearance_time_weeks=math.inf)
    kpis = waiting_kpis(_summary(), before, before_date=BEFORE_DATE, target_weeks=12)
    values = _values(kpis)
    assert values["Waiting list"] == ("120", "+20 vs 30 Jun 2023")
    assert values["Median wait (weeks)"] == ("6.0", "+1.0 weeks vs 30 Jun 2023")
    assert values["Still waiting, within target"] == ("75.0%", "-5.0 pts vs 30 Jun 2023")
    assert values["Waiting over 52 weeks"] == ("5", "+0 vs 30 Jun 2023")  # 7 is shown as 5
    assert values["Weeks to clear the list"] == ("10.0", None)  # a year earlier it was not clearing
    colours = {kpi.label: kpi.delta_color for kpi in kpis}
    assert colours["Waiting list"] == "inverse" and colours["Still waiting, within target"] == "normal"
    assert colours["Waiting over 52 weeks"] == "off"


def test_no_recent_starts_is_not_clearing():
    values = _values(waiting_kpis(_summary(clearance_time_weeks=math.inf), None, before_date=None,
                                  target_weeks=12))
    assert values["Weeks to clear the list"] == ("not clearing", None)


def test_a_single_waiter_is_suppressed():
    single = _summary(waiting_count=1, median_wait_weeks=3.0, p92_wait_weeks=3.0, within_target_count=1,
                      within_target_pct=100.0, over_52_weeks_count=0, clearance_time_weeks=0.5)
    values = _values(waiting_kpis(single, _summary(), before_date=BEFORE_DATE, target_weeks=12))
    assert values["Waiting list"] == ("<5", None)
    assert values["Median wait (weeks)"] == ("suppressed", None)
    assert values["Still waiting, within target"] == ("suppressed", None)
    assert values["Waiting over 52 weeks"][0] == "0"
    assert values["Weeks to clear the list"] == ("suppressed", None)


def test_an_empty_list():
    empty = _summary(waiting_count=0, median_wait_weeks=math.nan, p92_wait_weeks=math.nan, within_target_count=0,
                     within_target_pct=math.nan, over_52_weeks_count=0, clearance_time_weeks=0.0)
    values = _values(waiting_kpis(empty, None, before_date=None, target_weeks=12))
    assert values["Waiting list"][0] == "0"
    assert values["Median wait (weeks)"][0] == "–" and values["Still waiting, within target"][0] == "–"


def test_within_target_help_names_the_target():
    kpis = waiting_kpis(_summary(), None, before_date=None, target_weeks=8)
    assert "8 weeks (56 days)" in kpis[3].definition


def test_a_change_in_a_count_is_the_change_between_the_shown_counts():
    # 123 and 118 are shown as 125 and 120: the change shown is +5, not the exact +5 by chance but
    # by rule (126 against 118 is shown as 125 against 120, +5, where the exact change is +8).
    before = _summary(waiting_count=118, within_target_pct=80.0)
    values = _values(waiting_kpis(_summary(waiting_count=126), before, before_date=BEFORE_DATE, target_weeks=12))
    assert values["Waiting list"] == ("125", "+5 vs 30 Jun 2023")


def test_no_change_in_a_share_is_shown_when_either_share_is_hidden():
    # 8 of 10 within the target a year ago: the 2 over it are a count of 1-4, so that share is hidden,
    # and a change from it would give it back.
    before = _summary(waiting_count=10, within_target_pct=80.0)
    values = _values(waiting_kpis(_summary(), before, before_date=BEFORE_DATE, target_weeks=12))
    assert values["Still waiting, within target"] == ("75.0%", None)
