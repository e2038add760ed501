"""Current waits beside availability, the long-programme-wait flag, and the page model's fallback."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from metrics.landscape.availability import available_need_pairs, available_pairs
from metrics.landscape.gaps import availability_cells, pdu_need_grid
from metrics.landscape.model import build_landscape
from metrics.landscape.waits import cell_details, current_waits, snapshot_date
from tests.landscape_example import (
    ACTIVITY,
    INTERVENTION_NEEDS,
    INTERVENTIONS,
    PDUS,
    PROVISION,
    REFERRED,
    profiles,
)
from vocabulary.scope import Filters

# A1's AP list: 6 people waiting 140 days and 6 waiting 154 -> median (140 + 154) / 2 = 147 days = 21 weeks.
# A1's SI list: 3 people waiting 7 days -> too few for a median.
HISTOGRAM = pd.DataFrame(
    [("A1", "AP", 140, 6), ("A1", "AP", 154, 6), ("A1", "SI", 7, 3)],
    columns=["pdu_code", "intervention_code", "wait_days", "waiting_count"],
)


def test_snapshot_is_the_period_end_or_the_data_date_when_earlier():
    assert snapshot_date(dt.date(2025, 3, 31), dt.date(2025, 3, 17)) == dt.date(2025, 3, 17)
    assert snapshot_date(dt.date(2024, 12, 31), dt.date(2025, 3, 17)) == dt.date(2024, 12, 31)


def test_current_waits_hides_medians_of_short_lists():
    waits = current_waits(HISTOGRAM, ["pdu_code", "intervention_code"]).set_index("intervention_code")
    assert waits.loc["AP", "waiting_count"] == 12
    assert waits.loc["AP", "median_wait_weeks"] == 21.0
    assert waits.loc["SI", "waiting_count"] == 3
    assert math.isnan(waits.loc["SI", "median_wait_weeks"])


def test_cells_flag_long_programme_waits_where_an_alternative_is_available():
    available = available_pairs(PROVISION, REFERRED, INTERVENTIONS, use_provision=True, genders=())
    needs = available_need_pairs(available, INTERVENTION_NEEDS)
    grid = pdu_need_grid(needs, PDUS, ("thinking_behaviour", "attitudes"))
    cells = availability_cells(needs, grid, INTERVENTIONS, unit="pdu_code", genders=())
    waits = current_waits(HISTOGRAM, ["pdu_code", "intervention_code"])
    details = cell_details(cells, waits, INTERVENTIONS, unit="pdu_code").set_index(["need_code", "pdu_code"])
    # A1 thinking and behaviour: AP waits a median 21 weeks (> 12) and SI (structured) is available -> flagged.
    a1 = details.loc[("thinking_behaviour", "A1")]
    assert a1["long_wait_alternative"] and a1["programme_wait_weeks"] == 21.0 and a1["alternative_count"] == 1
    assert a1["hover"] == ("A programme: 10 waiting, median 21.0 weeks<br>"  # 12 shown rounded to 5
                           "Structured intervention: <5 waiting, median not shown (under 10)")
    # A1 attitudes: only AP addresses it, no alternative -> not flagged.
    assert not details.loc[("attitudes", "A1"), "long_wait_alternative"]
    # B1: SI only, nobody waiting, no programme; A2: a gap.
    assert details.loc[("thinking_behaviour", "B1"), "hover"] == "Structured intervention: nobody waiting"
    assert details.loc[("thinking_behaviour", "A2"), "hover"] == "No intervention available: a gap"
    assert not details.loc[("thinking_behaviour", "A2"), "long_wait_alternative"]


def _landscape(provision_months: int, filters: Filters):
    reference = {"interventions": INTERVENTIONS, "intervention_needs": INTERVENTION_NEEDS, "pdus": PDUS,
                 "provision_months": provision_months}
    return build_landscape(
        filters, reference=reference, provision=PROVISION if provision_months else PROVISION.iloc[0:0],
        activity=ACTIVITY, referred=REFERRED, histogram=HISTOGRAM, profiles=profiles(),
        monthly=pd.DataFrame(columns=["month", "category", "referral_count"]), snapshot=filters.period_end,
    )


def test_model_falls_back_to_referrals_when_no_provision_is_loaded():
    filters = Filters(dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    landscape = _landscape(0, filters)
    assert not landscape.uses_provision
    assert set(zip(landscape.available["pdu_code"], landscape.available["intervention_code"])) == {
        ("A1", "AP"), ("A2", "AP"), ("A2", "SI"), ("B1", "CRS_ACC")}
    values = {kpi.label: kpi.value for kpi in landscape.kpis()}
    # 3 interventions (AP, SI, CRS_ACC) in 3 PDUs; 90 referrals over 91 days = 2.9897 months -> 30.1 a month;
    # needs met: A1 TB, AT; A2 TB, AT; B1 accommodation -> 30 - 5 = 25 gaps.
    assert values == {"Interventions available": "3", "PDUs covered": "3", "Places per month": "Not loaded",
                      "Referrals per month": "30.1", "Needs with no local provision": "25"}


def test_model_need_filter_narrows_the_headline_to_interventions_addressing_it():
    filters = Filters(dt.date(2024, 1, 1), dt.date(2024, 3, 31), needs=("accommodation",))
    values = {kpi.label: kpi.value for kpi in _landscape(2, filters).kpis()}
    # CRS_ACC and WOM, both in A1 only; places (10 + 6) / 2 = 8; gaps: A2 and B1.
    assert values["Interventions available"] == "2"
    assert values["PDUs covered"] == "1"
    assert values["Places per month"] == "8.0"
    assert values["Needs with no local provision"] == "2"


def test_current_waits_medians_equal_numpy_on_the_expanded_lists():
    # Three lists given as histograms; numpy's default (linear) median of the expanded list is the reference.
    lists = {("P", "X"): {3: 4, 10: 5, 40: 2}, ("P", "Y"): {0: 10, 70: 1}, ("Q", "X"): {14: 6, 15: 6}}
    rows = [(pdu, code, days, count) for (pdu, code), waits in lists.items() for days, count in waits.items()]
    histogram = pd.DataFrame(rows, columns=["pdu_code", "intervention_code", "wait_days", "waiting_count"])
    waits = current_waits(histogram.sample(frac=1, random_state=1), ["pdu_code", "intervention_code"])
    for (pdu, code), listed in lists.items():
        expanded = np.repeat(list(listed), list(listed.values()))
        row = waits[(waits["pdu_code"] == pdu) & (waits["intervention_code"] == code)].iloc[0]
        assert row["waiting_count"] == len(expanded)
        assert row["median_wait_weeks"] == pytest.approx(np.percentile(expanded, 50) / 7)
