"""What changed since a comparison period, the ranking of findings, and the wording helpers."""

from __future__ import annotations

import pandas as pd

from metrics.comparison.indicators import INDICATORS
from metrics.findings.changes import Compared, changed_keys, changes_since, comparison_labels, pdu_comparisons
from metrics.findings.model import DESCRIBED, TESTED, Finding
from metrics.findings.ranking import ranked
from metrics.findings.wording import count_text, direction, is_significant, listed


def compared(label: str, value: str = "40.0%", people: int = 10, key: tuple[str, ...] = ("need", "drugs")) -> Compared:
    return Compared(key, "the share judged sufficient for drug misuse needs", "all needs", label, value, "50.0%",
                    "100 judged drug misuse needs", people, "sufficiency", (), ("drugs",))


def test_becoming_significantly_lower_is_a_change():
    [finding] = changes_since([compared("Significantly lower", "30.0%", people=20)], [compared("Similar", "48.0%")],
                              since="1 Nov 2024 – 31 Oct 2025")
    assert finding.sentence == (
        "Compared with 1 Nov 2024 – 31 Oct 2025, the share judged sufficient for drug misuse needs has changed: "
        "now significantly lower than all needs (30.0% against 50.0%), then not significantly different "
        "(48.0% against 50.0%); 100 judged drug misuse needs now.")
    assert (finding.topic, finding.people_count, finding.evidence) == ("change", 20, TESTED)


def test_no_longer_significant_uses_the_gap_then_and_a_reversal_is_a_change():
    [gone] = changes_since([compared("Lower", people=3)], [compared("Significantly lower", people=25)], since="x")
    assert "now not significantly different from all needs" in gone.sentence and gone.people_count == 25
    [reversed_] = changes_since([compared("Significantly higher")], [compared("Significantly lower")], since="x")
    assert "now significantly higher than all needs" in reversed_.sentence
    assert "then significantly lower (" in reversed_.sentence


def test_the_same_state_or_a_comparison_missing_in_either_period_is_no_change():
    # "Lower" (95% only) and "Similar" are the same state at the 99.8% gate.
    assert changes_since([compared("Lower")], [compared("Similar")], since="x") == []
    assert changes_since([compared("Significantly lower")], [compared("Significantly lower")], since="x") == []
    assert changes_since([compared("Significantly lower")], [compared("Similar", key=("need", "ete"))],
                         since="x") == []


def test_pdu_comparisons_leave_out_indicators_without_judgement_and_pdus_not_compared():
    rows = pd.DataFrame({"pdu_code": ["A", "B"], "pdu_name": ["Ashby", "Barton"], "window": [0, 0],
                         "comparison": ["Significantly worse", "Not compared"], "value": [30.0, float("nan")],
                         "numerator": [60, 2], "denominator": [200, 8], "benchmark": [50.0, 50.0]})
    items = [INDICATORS["judged_sufficient"], INDICATORS["referrals_per_100"]]
    found = pdu_comparisons({"judged_sufficient": rows, "referrals_per_100": rows}, items,
                            benchmark="england_wales", benchmark_words="England and Wales")
    assert [(item.key, item.value, item.benchmark, item.people_count) for item in found] == [
        (("pdu", "judged_sufficient", "A"), "30.0%", "50.0%", 40)]
    assert found[0].what == "Ashby's judged needs sufficient (%)"


def finding(topic: str, people: int, evidence: int = TESTED, sentence: str = "s") -> Finding:
    return Finding(topic, sentence, people, evidence, "sufficiency")


def test_findings_are_ordered_by_people_times_evidence():
    order = ranked([finding("need", 100), finding("waits", 150, DESCRIBED), finding("pdus", 90)])
    # 100 × 2 = 200, 150 × 1 = 150, 90 × 2 = 180.
    assert [item.topic for item in order] == ["need", "pdus", "waits"]


def test_ties_go_by_topic_order_then_sentence():
    order = ranked([finding("pdus", 50, sentence="b"), finding("pdus", 50, sentence="a"), finding("need", 50)])
    assert [(item.topic, item.sentence) for item in order] == [("need", "s"), ("pdus", "a"), ("pdus", "b")]


def test_every_topic_keeps_its_best_finding_when_one_topic_has_many():
    many = [finding("pdus", 1000 - index, sentence=f"p{index}") for index in range(10)]
    order = ranked([*many, finding("demand", 1, DESCRIBED), finding("gap", 2)], limit=8)
    assert len(order) == 8
    assert [item.topic for item in order[-2:]] == ["gap", "demand"]  # 2 × 2 = 4 and 1 × 1 = 1, last
    assert [item.sentence for item in order[:6]] == [f"p{index}" for index in range(6)]


def test_wording_helpers():
    assert is_significant("Significantly worse") and not is_significant("Worse") and not is_significant(None)
    assert (direction("Significantly lower"), direction("Significantly better"), direction("Higher")) == (-1, 1, 0)
    assert (count_text(3), count_text(1232), count_text(0)) == ("fewer than 5", "1,230", "0")
    assert listed(["A"]) == "A" and listed(["A", "B"]) == "A and B"
    assert listed(["A", "B", "C", "D", "E"]) == "A, B, C and 2 more"


def test_only_comparisons_whose_direction_changed_are_worded_in_either_period():
    def shares(label: str) -> pd.DataFrame:
        return pd.DataFrame({"need_code": ["drugs", "ete"], "comparison": [label, "Similar"]})

    def by_dimension(label: str) -> dict[str, pd.DataFrame]:
        return {"gender": pd.DataFrame({"subgroup": ["female", "unknown"], "comparison": [label, label]})}

    def rows(label: str) -> pd.DataFrame:
        return pd.DataFrame({"pdu_code": ["A", "B"], "pdu_name": ["Ashby", "Barton"], "window": [0, 0],
                             "comparison": [label, "Not compared"], "value": [30.0, float("nan")],
                             "numerator": [60, 2], "denominator": [200, 8], "benchmark": [50.0, 50.0]})

    def compared(judged: str, referred: str) -> dict[str, pd.DataFrame]:
        return {"judged_sufficient": rows(judged), "needs_referred": rows(referred),
                "referrals_per_100": rows("Significantly higher")}

    items = [INDICATORS[key] for key in ("judged_sufficient", "needs_referred", "referrals_per_100")]
    now = comparison_labels(shares("Significantly lower"), by_dimension("Lower"),
                            compared("Significantly worse", "Similar"), items)
    then = comparison_labels(shares("Similar"), by_dimension("Significantly lower"),
                             compared("Significantly worse", "Better"), items)
    # "unknown" subgroups, PDUs not compared and indicators without judgement have no label.
    assert set(now) == {("need", "drugs"), ("need", "ete"), ("subgroup", "gender", "female"),
                        ("pdu", "judged_sufficient", "A"), ("pdu", "needs_referred", "A")}
    # "Similar", "Lower" and "Better" are one state at the 99.8% gate.
    changed = changed_keys(now, then)
    assert changed == {("need", "drugs"), ("subgroup", "gender", "female")}
    arguments = {"benchmark": "england_wales", "benchmark_words": "England and Wales"}
    assert pdu_comparisons(compared("Significantly worse", "Similar"), items, **arguments, keys=changed) == []
    every = pdu_comparisons(compared("Significantly worse", "Similar"), items, **arguments)
    chosen = pdu_comparisons(compared("Significantly worse", "Similar"), items, **arguments,
                             keys={("pdu", "needs_referred", "A")})
    assert [item.key for item in every] == [("pdu", "judged_sufficient", "A"), ("pdu", "needs_referred", "A")]
    assert chosen == every[1:]
