"""Measures that two pages show must agree: the same referrals, the same rule.

Worked by hand on the builder's dataset with R4 changed to "withdrawn after starting"
(started 1 March 2024, ended 1 April 2024): it ended after starting and was not
completed, so both pages count it in the denominator and not in the numerator.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_access.comparison_queries import referral_flows_by_pdu
from data_access.engine import make_engine
from data_access.landscape_queries import referral_activity
from data_access.load import load_frames
from tests.dataset_builder import valid_rows
from vocabulary.scope import Filters

PERIOD = Filters(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 6, 30))


@pytest.fixture
def engine(database_url):
    rows = valid_rows()
    withdrawn = next(row for row in rows["referrals"] if row["referral_id"] == "R4")
    withdrawn["outcome"] = "withdrawn"
    load_frames({name: pd.DataFrame(records) for name, records in rows.items()},
                database_url, replace=True)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_completion_rate_denominator_is_the_same_on_landscape_and_pdu_comparisons(engine):
    activity = referral_activity(engine, PERIOD)
    flows = referral_flows_by_pdu(engine, PERIOD, ((PERIOD.period_start, PERIOD.period_end),))
    # R1 completed (ended 20 June); R4 withdrawn after starting (ended 1 April).
    assert int(activity["completion_count"].sum()) == int(flows["completed_count"].sum()) == 1
    ended_after_start = int(activity["completion_count"].sum() + activity["non_completion_count"].sum())
    assert ended_after_start == int(flows["ended_after_start_count"].sum()) == 2
