"""The Sufficiency gaps findings on hand-built counts, through the page's own frames.

Expected values are worked by hand: Wilson intervals from the formula
(p + z²/2n ± z√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n) with z = 1.959964 (95%) and 3.090232 (99.8%).
"""

from __future__ import annotations

import pandas as pd

from metrics.findings.sufficiency import furthest_subgroup, largest_gap_cell, least_met_need
from metrics.sufficiency.benchmark import ALL_PERSONS, ENGLAND_WALES
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.measures import MEASURES
from metrics.sufficiency.views import need_shares, subgroup_shares

COLUMNS = ["pdu_code", "region_code", "need_code", "subgroup", "need_count", "referred_count",
           "started_count", "completed_count", "judged_count", "sufficient_count"]
JUDGED = MEASURES["sufficient"]


def counts(*rows: tuple) -> pd.DataFrame:
    """Rows of (pdu, need, subgroup, judged, sufficient); the other counts do not matter here."""
    return pd.DataFrame([(pdu, "R1", need, group, judged, 0, 0, 0, judged, sufficient)
                         for pdu, need, group, judged, sufficient in rows], columns=COLUMNS)


def shares_of(area: pd.DataFrame) -> pd.DataFrame:
    return need_shares(area, area, JUDGED, benchmark=ALL_PERSONS)


def test_a_need_significantly_below_all_needs_is_the_least_met_need():
    # Accommodation 30 of 100 = 30.0%, 95% CI 21.9–39.6%, 99.8% CI 18.1–45.4%.
    # All needs: (30 + 600) / 1100 = 57.3%, above the 99.8% interval: significantly lower.
    area = counts(("P1", "accommodation", "white", 100, 30), ("P1", "finance", "white", 1000, 600))
    finding = least_met_need(shares_of(area))
    assert finding.sentence == (
        "Accommodation is the least-met need: 30.0% of judged accommodation needs were judged sufficient "
        "(95% CI 21.9–39.6%), significantly lower than 57.3% for all needs; 100 people had a judged "
        "accommodation need.")
    # People the gap represents: 57.27% × 100 − 30 = 27.3, rounded to 27; tested at 99.8%: evidence 2.
    assert (finding.people_count, finding.evidence, finding.importance) == (27, 2, 54)
    assert finding.page == "sufficiency" and finding.narrow == () and finding.subject == ("accommodation",)


def test_a_need_outside_only_the_95_percent_interval_is_not_called_a_difference():
    # 45 of 100: 95% CI 35.6–54.8% excludes 58.6% ("Lower"), but the 99.8% CI 30.7–60.1% holds it.
    area = counts(("P1", "accommodation", "white", 100, 45), ("P1", "finance", "white", 1000, 600))
    assert shares_of(area).loc[0, "comparison"] == "Lower"
    assert least_met_need(shares_of(area)) is None


def test_a_need_within_both_intervals_gives_no_finding():
    area = counts(("P1", "accommodation", "white", 100, 50), ("P1", "finance", "white", 1000, 600))
    assert least_met_need(shares_of(area)) is None


def test_a_lowest_need_that_is_not_significant_does_not_take_the_title():
    # All needs: (30 + 600 + 5) / 1120 = 56.7%. Drugs 5 of 20 = 25.0% is the lowest, but its 99.8% CI
    # (7.2–59.0%) holds 56.7% (only its 95% CI, 11.2–46.9%, excludes it: "Lower"); accommodation 30 of 100
    # (99.8% CI 18.1–45.4%) is significantly lower, so it is the finding, but not "the least-met need".
    area = counts(("P1", "accommodation", "white", 100, 30), ("P1", "finance", "white", 1000, 600),
                  ("P1", "drugs", "white", 20, 5))
    shares = shares_of(area).set_index("need_code")
    assert (shares.loc["drugs", "comparison"], shares.loc["accommodation", "comparison"]) == (
        "Lower", "Significantly lower")
    finding = least_met_need(shares_of(area))
    assert finding.sentence.startswith(
        "Accommodation is met significantly less often than needs overall: 30.0% of judged accommodation needs "
        "were judged sufficient (95% CI 21.9–39.6%), significantly lower than 56.7% for all needs")


def test_a_finding_whose_figure_disclosure_control_hides_is_left_out():
    # 3 of 100 judged sufficient is significantly lower, but a numerator of 1–4 hides the percentage.
    area = counts(("P1", "accommodation", "white", 100, 3), ("P1", "finance", "white", 1000, 600))
    assert shares_of(area).loc[0, "comparison"] == "Significantly lower"
    assert least_met_need(shares_of(area)) is None


def test_counts_in_the_sentence_are_rounded_to_five():
    # 233 judged, 70 sufficient (30.0%): 233 is shown as 235.
    area = counts(("P1", "accommodation", "white", 233, 70), ("P1", "finance", "white", 1000, 600))
    assert least_met_need(shares_of(area)).sentence.endswith("; 235 people had a judged accommodation need.")


def gap_cells(*rows: tuple) -> pd.DataFrame:
    area = counts(*rows)
    return find_gaps(compared_cells(area, area, JUDGED, benchmark=ENGLAND_WALES))


def test_the_gap_finders_first_cell_with_its_people_and_link():
    # Same need (accommodation) in England and Wales: (10 + 600) / 1040 = 58.65%. P2 has 10 of 40 = 25.0%,
    # 95% CI 14.2–40.2%, 99.8% CI 10.5–48.6%: significantly lower. Gap: 58.65% × 40 − 10 = 13.5 -> 13 people,
    # shown rounded to the nearest 5: 15.
    cells = gap_cells(("P1", "accommodation", "white", 1000, 600), ("P2", "accommodation", "white", 40, 10))
    finding = largest_gap_cell(cells, pdu_names={"P2": "Poole"}, benchmark=ENGLAND_WALES,
                               benchmark_words="England and Wales, same need")
    assert finding.sentence == (
        "The largest gap in a PDU is accommodation in Poole: 25.0% of 40 judged needs were judged sufficient "
        "(95% CI 14.2–40.2%), significantly lower than 58.7% for England and Wales, same need; at that rate "
        "about 15 more people would have had sufficient help.")
    assert finding.people_count == 13
    assert finding.narrow == (("pdus", ("P2",)), ("needs", ("accommodation",)))
    assert finding.settings == (("benchmark", ENGLAND_WALES),)


def test_the_subgroup_furthest_below_is_chosen_across_dimensions():
    # Ethnicity: black 30 of 100 (30.0%) against (30 + 600) / 1100 = 57.3%: 27.3 points below.
    # Gender: female 60 of 150 (40.0%) against 660 / 1150 = 57.4%: 17.4 points below. Both significant.
    ethnicity = counts(("P1", "finance", "black", 100, 30), ("P1", "finance", "white", 1000, 600),
                       ("P1", "finance", "unknown", 40, 0))
    gender = counts(("P1", "finance", "female", 150, 60), ("P1", "finance", "male", 1000, 600))
    by_dimension = {"gender": subgroup_shares(gender, JUDGED),
                    "ethnicity_group": subgroup_shares(ethnicity.iloc[:2], JUDGED)}
    finding = furthest_subgroup(by_dimension)
    assert finding.sentence == (
        "Ethnicity group “Black” is the subgroup furthest below all people selected: 30.0% of its 100 judged "
        "needs were judged sufficient (95% CI 21.9–39.6%), significantly lower than 57.3% for everyone.")
    assert finding.settings == (("subgroup", "ethnicity_group"),)


def test_unknown_subgroups_take_no_part():
    # "unknown" 0 of 40 is far below, but unknown is a recording gap, not a group of people.
    area = counts(("P1", "finance", "unknown", 40, 0), ("P1", "finance", "white", 1000, 600))
    assert furthest_subgroup({"ethnicity_group": subgroup_shares(area, JUDGED)}) is None


def test_equal_shortfalls_go_to_the_larger_group():
    # Two groups each 30% against the same all-persons value; the one with 200 records wins.
    area = counts(("P1", "finance", "asian", 100, 30), ("P1", "finance", "black", 200, 60),
                  ("P1", "finance", "white", 2000, 1200))
    finding = furthest_subgroup({"ethnicity_group": subgroup_shares(area, JUDGED)})
    assert "“Black”" in finding.sentence
