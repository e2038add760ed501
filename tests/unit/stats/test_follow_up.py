"""The follow-up window of the need-record measures: which periods have had all of it, in words."""

import datetime as dt

from metrics.stats.follow_up import follow_up_note, has_full_follow_up, last_fully_followed_date


def test_last_fully_followed_date_is_182_days_before_the_data_date():
    # From 30 September 2024 to 31 March 2025: 31 + 30 + 31 + 31 + 28 + 31 = 182 days.
    assert last_fully_followed_date(dt.date(2025, 3, 31)) == dt.date(2024, 9, 30)
    # 2024 is a leap year: from 1 September 2023 to 1 March 2024 is 30 + 31 + 30 + 31 + 31 + 29 = 182 days.
    assert last_fully_followed_date(dt.date(2024, 3, 1)) == dt.date(2023, 9, 1)


def test_periods_have_full_follow_up_up_to_that_date():
    ends = [dt.date(2024, 9, 29), dt.date(2024, 9, 30), dt.date(2024, 10, 1)]
    assert has_full_follow_up(ends, dt.date(2025, 3, 31)).tolist() == [True, True, False]
    assert has_full_follow_up(ends, None).tolist() == [False, False, False]


def test_note_names_the_records_still_in_follow_up_only_when_the_period_has_some():
    recent = follow_up_note(dt.date(2025, 3, 31), dt.date(2025, 3, 31))
    assert "within 182 days (26 weeks)" in recent
    assert "identified after 30 September 2024" in recent and "31 March 2025" in recent
    older = follow_up_note(dt.date(2024, 9, 30), dt.date(2025, 3, 31))
    assert "within 182 days" in older and "identified after" not in older
