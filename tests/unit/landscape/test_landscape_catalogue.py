"""Catalogue, treemap tiles, category trend and headline figures on hand-worked frames."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from metrics.landscape.availability import available_need_pairs, available_pairs
from metrics.landscape.catalogue import catalogue, catalogue_table, search_catalogue
from metrics.landscape.gaps import gap_pair_count, pdu_need_grid
from metrics.landscape.headline import LABELS, landscape_kpis, places_per_month_total
from metrics.landscape.treemap import selected_filter, treemap_frame
from metrics.landscape.trend import monthly_by_category, trend_chart_frame, trend_table
from tests.landscape_example import (
    ACTIVITY,
    INTERVENTION_NEEDS,
    INTERVENTIONS,
    PDUS,
    PROVISION,
    REFERRED,
)

WAITS = pd.DataFrame({"intervention_code": ["AP"], "waiting_count": [12], "median_wait_weeks": [21.0]})


def _available() -> pd.DataFrame:
    return available_pairs(PROVISION, REFERRED, INTERVENTIONS, use_provision=True, genders=())


def _catalogue(activity: pd.DataFrame = ACTIVITY, need_filter: tuple[str, ...] = (),
               interventions: pd.DataFrame = INTERVENTIONS, waits: pd.DataFrame = WAITS) -> pd.DataFrame:
    return catalogue(interventions, INTERVENTION_NEEDS, _available(), PROVISION, activity, waits,
                     provision_months=2, need_filter=need_filter).set_index("intervention_code")


def test_catalogue_row_for_a_programme():
    ap = _catalogue().loc["AP"]
    assert ap["needs_addressed"] == "Thinking and behaviour; Attitudes"  # contract order
    assert ap["pdu_count"] == 1  # A2's row has no places
    assert ap["places_per_month"] == 12  # 24 places over 2 provision months
    assert (ap["referral_count"], ap["start_count"]) == (36, 20)  # A1 30 + A2 6; 20 starts
    assert ap["completion_pct"] == pytest.approx(75.0)  # 9 of 12 ended after starting
    assert (ap["waiting_count"], ap["median_wait_weeks"]) == (12, 21.0)


def test_catalogue_lists_available_or_active_interventions_only():
    extra = pd.concat([INTERVENTIONS, pd.DataFrame({
        "intervention_code": ["OLD"], "intervention_name": ["Old service"], "category": ["other_local"],
        "delivery": ["group"], "provider": [None], "target_group": ["all"]})], ignore_index=True)
    assert set(_catalogue(interventions=extra).index) == {"AP", "CRS_ACC", "WOM", "BBR", "SI"}


def test_catalogue_under_a_need_filter_keeps_interventions_addressing_it():
    only_accommodation_activity = ACTIVITY[ACTIVITY["intervention_code"] == "CRS_ACC"]
    # Referrals and waits come from the database already narrowed to the need; AP has none for it.
    rows = _catalogue(only_accommodation_activity, need_filter=("accommodation",), waits=WAITS.iloc[0:0])
    assert set(rows.index) == {"CRS_ACC", "WOM"}
    assert rows.loc["WOM", "referral_count"] == 0


def test_catalogue_table_and_search():
    table = catalogue_table(_catalogue().reset_index())
    assert table.loc[table["Intervention"] == "Structured intervention", "Provider"].item() == "Provider not recorded"
    si = table[table["Intervention"] == "Structured intervention"].iloc[0]
    assert si["Referrals"] == "<5"  # 4 referrals in B1
    assert math.isnan(si["Completion rate (%)"])  # 1 ended after starting: under 10
    assert set(search_catalogue(table, "women")["Intervention"]) == {"Women's CRS"}
    assert set(search_catalogue(table, "ACCOMMODATION crs")["Intervention"]) == {"Accommodation CRS", "Women's CRS"}
    assert len(search_catalogue(table, "  ")) == len(table)


def test_treemap_tiles_hide_small_counts_and_click_ids_parse():
    rows = pd.DataFrame({
        "intervention_code": ["AP", "BBR", "SI"], "intervention_name": ["A", "B", "S"],
        "category": ["accredited_programme", "accredited_programme", "structured_intervention"],
        "referral_count": [100, 3, 0], "places_per_month": [10.0, 2.5, 0.0],
    })
    tiles = treemap_frame(rows, measure="referrals").set_index("id")
    assert "intervention:SI" not in tiles.index  # nothing to draw
    assert tiles.loc["intervention:BBR", "size"] == 2.5 and tiles.loc["intervention:BBR", "text"] == "<5 referrals"
    # 103 is shown rounded to the nearest 5, as every count is: 105 - 100 cannot give the hidden 3 back.
    assert tiles.loc["category:accredited_programme", "text"] == "105 referrals"
    assert tiles.loc["intervention:AP", "size"] == 100.0
    assert tiles.loc["category:accredited_programme", "label"] == "Accredited programmes"
    places = treemap_frame(rows, measure="places").set_index("id")
    assert places.loc["category:accredited_programme", "text"] == "12.5 places per month"
    assert selected_filter("category:accredited_programme") == ("categories", "accredited_programme")
    assert selected_filter("intervention:AP") == ("interventions", "AP")
    assert selected_filter("") is None and selected_filter(None) is None and selected_filter("category:") is None


def test_category_trend_fills_months_and_suppresses():
    monthly = pd.DataFrame({"month": [dt.date(2024, 1, 1), dt.date(2024, 3, 1)],
                            "category": ["accredited_programme"] * 2, "referral_count": [12, 3]})
    grid = monthly_by_category(monthly, dt.date(2024, 1, 1), dt.date(2024, 3, 15))
    assert grid["referral_count"].tolist() == [12, 0, 3]  # February filled with 0
    assert trend_table(grid)["Accredited programmes"].tolist() == [10, 0, "<5"]  # 12 shown as 10
    chart = trend_chart_frame(grid)["referral_count"].tolist()
    assert chart[:2] == [10, 0] and math.isnan(chart[2])


def test_headline_figures():
    available = _available()
    grid = pdu_need_grid(available_need_pairs(available, INTERVENTION_NEEDS), PDUS,
                         ("accommodation", "relationships"))
    # Places (24 + 10 + 6 + 4 + 12 + 8) = 64 over 2 provision months = 32 a month.
    places = places_per_month_total(PROVISION, available, 2)
    assert places == 32
    kpis = landscape_kpis(available=available, places_per_month=places, referral_count=90, months=2.0,
                          gap_count=gap_pair_count(grid))
    assert [kpi.label for kpi in kpis] == list(LABELS)
    assert [kpi.value for kpi in kpis] == ["5", "3", "32.0", "45.0", "4"]


def test_headline_without_provision_and_with_few_referrals():
    assert places_per_month_total(PROVISION, _available(), 0) is None
    kpis = landscape_kpis(available=_available(), places_per_month=None, referral_count=3, months=2.0, gap_count=0)
    assert kpis[2].value == "Not loaded"
    assert kpis[3].value == "suppressed"


def test_every_definition_the_page_shows_is_in_the_definitions_document():
    from data_access.definitions_doc import read_definitions
    from metrics.landscape.headline import DEFINITION_HEADINGS

    sections = read_definitions()
    missing = [heading for heading in DEFINITION_HEADINGS if not sections.get(heading)]
    assert missing == []
