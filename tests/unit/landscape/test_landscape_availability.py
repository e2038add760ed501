"""Availability (places, or referrals when provision is missing), target groups and the gaps, worked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from metrics.landscape.availability import (
    availability_filters,
    available_need_pairs,
    available_pairs,
    open_target_groups,
)
from metrics.landscape.gaps import availability_cells, gap_pair_count, matrix_unit, pdu_need_grid
from tests.landscape_example import INTERVENTION_NEEDS, INTERVENTIONS, PDUS, PROVISION, REFERRED, pairs
from vocabulary.scope import Filters

ALL_PLACES = {("A1", "AP"), ("A1", "CRS_ACC"), ("A1", "WOM"), ("A1", "SI"), ("A2", "BBR"), ("B1", "SI")}


def _available(genders: tuple[str, ...] = (), *, use_provision: bool = True):
    return available_pairs(PROVISION, REFERRED, INTERVENTIONS, use_provision=use_provision, genders=genders)


@pytest.mark.parametrize(
    ("genders", "expected"),
    [
        ((), ALL_PLACES),  # A2's AP row has 0 places: not available
        (("male",), ALL_PLACES - {("A1", "WOM")}),  # women-only service not available to men
        (("female",), ALL_PLACES - {("A2", "BBR")}),  # men-only programme not available to women
        (("unknown",), ALL_PLACES - {("A1", "WOM"), ("A2", "BBR")}),  # only services open to all
        (("female", "male"), ALL_PLACES),
    ],
)
def test_available_where_places_and_open_to_the_genders_in_scope(genders, expected):
    assert pairs(_available(genders)) == expected


def test_open_target_groups():
    assert open_target_groups(()) == ("all", "men", "women")
    assert open_target_groups(("male",)) == ("all", "men")
    assert open_target_groups(("unknown",)) == ("all",)


def test_fallback_counts_interventions_that_received_referrals():
    # Without provision A2's AP counts (3 referrals) although it had no places; A1's WOM does not (no referrals).
    expected = {("A1", "AP"), ("A2", "AP"), ("A2", "SI"), ("B1", "CRS_ACC")}
    assert pairs(_available(use_provision=False)) == expected


def test_availability_scope_keeps_area_interventions_and_period_but_drops_people_and_needs():
    filters = Filters(dt.date(2024, 1, 1), dt.date(2024, 3, 31), regions=("R1",), categories=("x",),
                      needs=("finance",), genders=("female",), age_bands=("18-24",))
    scope = availability_filters(filters)
    assert (scope.regions, scope.categories, scope.period_start) == (("R1",), ("x",), dt.date(2024, 1, 1))
    assert scope.needs == () and scope.genders == () and scope.age_bands == ()


def test_need_met_through_the_interventions_needs_list_in_the_fallback():
    # A2's only evidence for SI is two referrals whose own need codes are irrelevant: SI's list says it
    # addresses thinking_behaviour, so that need is met in A2.
    needs = available_need_pairs(_available(use_provision=False), INTERVENTION_NEEDS)
    a2 = needs[needs["pdu_code"] == "A2"]
    assert set(zip(a2["intervention_code"], a2["need_code"])) == {
        ("AP", "thinking_behaviour"), ("AP", "attitudes"), ("SI", "thinking_behaviour"),
    }


def test_gaps_over_every_need_and_pdu():
    # Needs met: A1 thinking_behaviour, attitudes, accommodation, emotional_wellbeing; A2 relationships;
    # B1 thinking_behaviour. 10 needs x 3 PDUs = 30 pairs, 6 met, 24 gaps.
    from vocabulary.definitions import NEEDS

    grid = pdu_need_grid(available_need_pairs(_available(), INTERVENTION_NEEDS), PDUS, NEEDS)
    assert len(grid) == 30
    assert gap_pair_count(grid) == 24
    a1_accommodation = grid[(grid["pdu_code"] == "A1") & (grid["need_code"] == "accommodation")]
    assert a1_accommodation["intervention_count"].item() == 2  # CRS_ACC and WOM


def test_gaps_for_chosen_needs_and_a_gender():
    # Needs accommodation and relationships. Everyone: gaps A1-relationships, A2-accommodation, B1 both = 4.
    needs = ("accommodation", "relationships")
    everyone = pdu_need_grid(available_need_pairs(_available(), INTERVENTION_NEEDS), PDUS, needs)
    assert gap_pair_count(everyone) == 4
    # Women only: BBR is not open to them, so A2-relationships becomes a gap too.
    women = pdu_need_grid(available_need_pairs(_available(("female",)), INTERVENTION_NEEDS), PDUS, needs)
    assert gap_pair_count(women) == 5


def test_region_cells_count_interventions_and_gap_pdus_and_mark_single_gender_provision():
    needs = ("accommodation", "relationships", "emotional_wellbeing")
    available_needs = available_need_pairs(_available(), INTERVENTION_NEEDS)
    grid = pdu_need_grid(available_needs, PDUS, needs)
    cells = availability_cells(available_needs, grid, INTERVENTIONS, unit="region_code", genders=())
    cell = cells.set_index(["need_code", "region_code"])
    assert cell.loc[("accommodation", "R1"), "intervention_codes"] == ("CRS_ACC", "WOM")
    assert cell.loc[("accommodation", "R1"), "gap_pdu_count"] == 1  # A2
    assert cell.loc[("accommodation", "R1"), "open_to"] == "everyone"
    assert cell.loc[("accommodation", "R2"), "intervention_count"] == 0
    assert cell.loc[("accommodation", "R2"), "open_to"] == ""
    assert cell.loc[("relationships", "R1"), "open_to"] == "men only"  # only BBR
    assert cell.loc[("emotional_wellbeing", "R1"), "open_to"] == "women only"  # only WOM
    men = availability_cells(available_need_pairs(_available(("male",)), INTERVENTION_NEEDS), grid,
                             INTERVENTIONS, unit="region_code", genders=("male",))
    # With only men in scope, men-only provision serves everyone in scope.
    assert men.set_index(["need_code", "region_code"]).loc[("relationships", "R1"), "open_to"] == "everyone"


def test_matrix_shows_regions_when_many_pdus():
    assert matrix_unit(30) == "pdu_code"
    assert matrix_unit(31) == "region_code"
