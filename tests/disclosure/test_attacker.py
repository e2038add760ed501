"""The attacker can fail: hand-made views that leak by each relation are caught, and the same views
rounded as the policy says are not.

Each leaky view is the shape of a leak the review found (issue 11); the attacker
first studies a "large area" view of the same tables, where every count is shown,
as it studies England and Wales before the sweep. The leaky views use counts that
are not multiples of 5 where a figure must be exact: the attacker reads a multiple
of 5 as possibly rounded, as the policy allows.
"""

from __future__ import annotations

import pytest

from tests.disclosure.attack import COMPLEMENT, SERIES, SHARE, SMALL_SHOWN, TOTAL, UNROUNDED, attack
from tests.disclosure.collect_app import headline_grid
from tests.disclosure.plotly_grid import figure_grid
from tests.disclosure.relations import Book
from tests.disclosure.shown import read_count, read_percent
from tests.disclosure.tables import table_grid
from tests.disclosure.view import View

MONTHS = ["2025-01-01", "2025-02-01", "2025-03-01"]
BANDS = ["Weeks waited", "People waiting"]
COMPARED = ["PDU", "Value (%)", "Need records judged sufficient", "Need records with a judgement"]
STARTED = ["Intervention", "Referrals", "Started", "Not started"]


def trend_figure(listed: list, added: list, started: list, removed: list) -> dict:
    """A waiting-trend chart as the browser gets it: counts as data, their labels as text ("<5")."""
    def trace(name: str, values: list, axis: str) -> dict:
        labels = [value if isinstance(value, str) else f"{value:,}" for value in values]
        drawn = [None if isinstance(value, str) else value for value in values]
        return {"type": "bar" if axis == "2" else "scatter", "name": name, "x": MONTHS[:len(values)], "y": drawn,
                "text": labels, "hovertemplate": f"%{{x|%b %Y}}<br>{name}: %{{text}}<extra></extra>",
                "xaxis": f"x{axis}".rstrip("1"), "yaxis": f"y{axis}".rstrip("1")}
    return {"data": [trace("Waiting at month end", listed, "1"), trace("Additions", added, "2"),
                     trace("Starts", started, "2"), trace("Removals", removed, "2")],
            "layout": {"title": {"text": "Waiting list and flows per month (count)"},
                       "yaxis": {"title": {"text": "People (count)"}}, "yaxis2": {"title": {"text": "Referrals (count)"}}}}


def referrals_figure(values: list, labels: list | None = None) -> dict:
    trace = {"type": "scatter", "name": "Referrals", "x": MONTHS[:len(values)], "y": values,
             "hovertemplate": "%{x|%b %Y}<br>Referrals: %{y:,}<extra></extra>"}
    if labels:
        trace["text"], trace["hovertemplate"] = labels, "%{x|%b %Y}<br>Referrals: %{text}<extra></extra>"
    return {"data": [trace], "layout": {"title": {"text": "Referrals per month (count)"},
                                       "yaxis": {"title": {"text": "Referrals (count)"}}}}


def view(name: str, *grids) -> View:
    shown = View(name)
    for grid in grids:
        shown.add(grid)
    return shown


def bands(rows: list[list], total: str) -> View:
    return view("bands", table_grid(BANDS, rows, source="table"), headline_grid([("Waiting list", total)]))


#: Each case: relation, what the attacker studies first (a large area), the leaky view, the same view rounded.
CASES = {
    "total minus parts": (TOTAL, [bands([["0–4", "600"], ["4–8", "400"], ["8–12", "200"]], "1,200"),
                                  bands([["0–4", "350"], ["4–8", "250"], ["8–12", "150"]], "750")],
                          bands([["0–4", "12"], ["4–8", "7"], ["8–12", "<5"]], "22"),   # 22 − 19 = 3
                          bands([["0–4", "10"], ["4–8", "5"], ["8–12", "<5"]], "20")),
    "change of a series": (SERIES, [view("trend", figure_grid(trend_figure([300, 310, 305], [60, 70, 55],
                                                                            [40, 45, 45], [10, 15, 15])))],
                           view("trend", figure_grid(trend_figure([14, 19], [6, 6], [0, 0], [0, "<5"]))),  # 14+6−19
                           view("trend", figure_grid(trend_figure([15, 20], [5, 5], [0, 0], [0, "<5"])))),
    "percentage × denominator": (SHARE, [view("compare", table_grid(COMPARED, [["A", "25.0", "10", "40"],
                                                                               ["B", "40.0", "20", "50"]],
                                                                    source="table"))],
                                 view("compare", table_grid(COMPARED, [["C", "36.4", "<5", "11"]], source="table")),
                                 view("compare", table_grid(COMPARED, [["C", "–", "<5", "10"]], source="table"))),
    "complement": (COMPLEMENT, [view("started", table_grid(STARTED, [["A", "400", "300", "100"], ["B", "250", "200", "50"]],
                                                           source="table"))],
                   view("started", table_grid(STARTED, [["C", "23", "21", "<5"]], source="table")),  # 23 − 21
                   view("started", table_grid(STARTED, [["C", "25", "20", "<5"]], source="table"))),
    "raw count in a chart": (SMALL_SHOWN, [], view("chart", figure_grid(referrals_figure([3, 7, 0]))),
                             view("chart", figure_grid(referrals_figure([None, 5, 0], ["<5", "5", "0"])))),
}


def studied(views: list[View]) -> Book:
    book = Book()
    for large in views:
        book.study(large)
    return book


@pytest.mark.parametrize("case", list(CASES))
def test_the_attacker_catches_each_kind_of_leak(case):
    kind, large, leaky, _ = CASES[case]
    found = attack(leaky, studied(large)).by_kind()
    assert found[kind] >= 1, found


@pytest.mark.parametrize("case", list(CASES))
def test_the_same_view_rounded_as_the_policy_says_does_not_leak(case):
    _, large, _, safe = CASES[case]
    outcome = attack(safe, studied(large))
    assert outcome.leaks == []
    assert outcome.attacked >= 1


def test_derived_values_are_named():
    _, large, leaky, _ = CASES["change of a series"]
    (leak,) = [leak for leak in attack(leaky, studied(large)).leaks if leak.kind == SERIES]
    assert (leak.column, leak.row, leak.detail.split(",")[0]) == ("Removals", "2025-02-01", "= 1")


def test_a_count_that_is_not_a_multiple_of_5_is_a_leak():
    found = attack(view("plain", headline_grid([("Referrals", "13"), ("Starts", "15")])), Book()).by_kind()
    assert found == {UNROUNDED: 1}


def test_a_relation_seen_to_fail_is_not_believed():
    """A column that once did not add up to the total is not used against it."""
    misleading = bands([["0–4", "600"], ["4–8", "400"], ["8–12", "200"]], "1,500")
    _, large, leaky, _ = CASES["total minus parts"]
    assert attack(leaky, studied([*large, misleading])).by_kind()[TOTAL] == 0


def test_a_relation_seen_only_among_small_numbers_is_not_believed():
    """Small counts agree by chance, more so when rounded: they are no evidence of a relation."""
    # (Within rounding, 5 + 5 + 5 may be 15, and so may 10 + 5 + 0.)
    small = [bands([["0–4", "5"], ["4–8", "5"], ["8–12", "5"]], "15"),
             bands([["0–4", "10"], ["4–8", "5"], ["8–12", "0"]], "15")]
    _, _, leaky, _ = CASES["total minus parts"]
    assert attack(leaky, studied(small)).by_kind()[TOTAL] == 0


@pytest.mark.parametrize(("text", "low", "high"), [
    ("<5", 1, 4), ("0", 0, 0), ("5", 5, 7), ("10", 8, 12), ("1,235", 1233, 1237), ("13", 13, 13),
])
def test_a_shown_count_stands_for_the_values_the_policy_allows(text, low, high):
    figure = read_count(text)
    assert (figure.low, figure.high) == (low, high)


def test_a_percentage_is_known_to_its_printed_decimals():
    printed, drawn = read_percent("36.4%"), read_percent(4 / 11 * 100)
    assert (printed.low, printed.high) == pytest.approx((36.35, 36.45))
    assert drawn.high - drawn.low < 1e-6
