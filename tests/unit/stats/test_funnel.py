"""Funnel plot control limits, worked by hand, and their agreement with the comparison labels.

The limits are θ ± z·√(θ(1 − θ)/n), kept within 0–100%, with z = 1.959964 (95%)
and 3.090232 (99.8%). Expected values below are worked by hand from that formula;
the labels are worked from the Wilson interval's closed form at x = 0
(upper = z²/(n + z²)) and from its general form.
"""


import numpy as np
import pandas as pd
import pytest

from metrics.comparison.indicators import indicator
from metrics.comparison.pdu_comparison import compare_pdus, national_value
from metrics.stats.comparison import compare_with_benchmark
from metrics.stats.funnel import (
    BETWEEN,
    INSIDE,
    OUTSIDE,
    funnel_limits_pct,
    funnel_lines,
    funnel_position,
    pooled_target_pct,
)
from metrics.stats.proportions import with_proportion

PDUS = pd.DataFrame({"pdu_code": ["A"], "pdu_name": ["Alpha"], "region_code": ["R1"], "region_name": ["One"]})


def test_hand_worked_limits_n20_thirty_percent():
    # √(0.3 × 0.7 / 20) = √0.0105 = 0.1024695.
    # 95%: 1.959964 × 0.1024695 = 0.2008365 -> 30 ∓ 20.08365 = 9.91635% and 50.08365%.
    # 99.8%: 3.090232 × 0.1024695 = 0.3166545 -> 30 − 31.66545 < 0, so 0%; and 61.66545%.
    lower95, upper95 = funnel_limits_pct(30.0, np.array([20]), confidence=0.95)
    lower998, upper998 = funnel_limits_pct(30.0, np.array([20]), confidence=0.998)
    assert lower95[0] == pytest.approx(9.91635, abs=1e-4)
    assert upper95[0] == pytest.approx(50.08365, abs=1e-4)
    assert lower998[0] == 0.0
    assert upper998[0] == pytest.approx(61.66545, abs=1e-4)


def test_hand_worked_limits_n10_ten_percent():
    # √(0.1 × 0.9 / 10) = √0.009 = 0.0948683; × 3.090232 = 0.2931652: 99.8% upper limit 39.31652%.
    _, upper998 = funnel_limits_pct(10.0, np.array([10]), confidence=0.998)
    assert upper998[0] == pytest.approx(39.31652, abs=1e-4)


def _page_path(numerator: int, denominator: int, benchmark: tuple[int, int]) -> tuple[str, str]:
    """The PDU's comparison label and funnel position, through the page's own functions."""
    counts = pd.DataFrame({
        "window": [0, 0], "area_type": ["pdu", "national"], "area_code": ["A", "E92000001"],
        "sufficient_count": [numerator, benchmark[0]], "judged_count": [denominator, benchmark[1]],
    })
    item = indicator("judged_sufficient")
    values = item.compute(counts)
    compared = compare_pdus(values, PDUS, item, benchmark="england_wales")
    position = funnel_position(compared, national_value(values), value="value", denominator="denominator")
    return compared["comparison"].iloc[0], position.iloc[0]


def test_zero_of_twenty_against_thirty_percent_is_worse_and_between_the_limits():
    # Wilson at x = 0: upper = z²/(n + z²): 3.841459/23.841459 = 16.11% (95%) and 9.549534/29.549534
    # = 32.32% (99.8%). 30% is above the 95% interval but inside the 99.8% one: "Worse".
    # Funnel: 0% is below the 95% lower limit (9.92%) and on the 99.8% lower limit (0%): between them.
    assert _page_path(0, 20, (300, 1000)) == ("Worse", BETWEEN)


def test_four_of_ten_is_now_hidden_by_disclosure_control_and_not_compared():
    # The 4/10 would give back a count of 4: the percentage rule hides it, so it is never labelled.
    assert _page_path(4, 10, (100, 1000))[0] == "Not compared"


def test_eight_of_twenty_against_ten_percent_is_significantly_better_and_outside_the_limits():
    # The 4/10 case at twice the size (4/10 itself is hidden: see above).
    # Wilson 99.8% for 8/20, z² = 9.549534: centre (0.4 + 9.549534/40)/(1 + 0.4774767) = 0.432315;
    # half-width 3.090232 × √(0.012 + 9.549534/1600)/1.4774767 = 0.280365; lower 15.20% > 10%:
    # "Significantly better". Funnel: 99.8% upper limit at n = 20 is 10% + 3.090232 × √(0.09/20)
    # = 30.73%; 40% is above it: outside.
    assert _page_path(8, 20, (100, 1000)) == ("Significantly better", OUTSIDE)


LEVEL_OF_LABEL = {"Similar": INSIDE, "Higher": BETWEEN, "Lower": BETWEEN,
                  "Significantly higher": OUTSIDE, "Significantly lower": OUTSIDE}


@pytest.mark.parametrize("target_pct", [0.0, 3.0, 10.0, 30.0, 50.0, 87.5, 100.0])
def test_the_funnel_and_the_labels_agree_everywhere(target_pct):
    # The Wilson interval is the inversion of the same score test, so every unit's position in the
    # funnel must name the level of its label, including at 0% and 100%.
    units = pd.DataFrame([(x, n) for n in (10, 11, 17, 20, 33, 60, 150) for x in range(n + 1)],
                         columns=["x", "n"])
    units = with_proportion(units, numerator="x", denominator="n", value="value").assign(benchmark=target_pct)
    labels = compare_with_benchmark(units, value="value", benchmark="benchmark", denominator="n")
    positions = funnel_position(units, target_pct, value="value", denominator="n")
    disagreeing = units.assign(label=labels, position=positions)[labels.map(LEVEL_OF_LABEL) != positions]
    assert disagreeing.empty, disagreeing[["x", "n", "label", "position"]]


def test_limits_narrow_as_the_denominator_grows_and_998_is_wider():
    lines = funnel_lines(40.0, 2000)
    assert lines["denominator"].is_monotonic_increasing
    large = lines.iloc[-1]
    assert large["lower998"] < large["lower95"] < 40.0 < large["upper95"] < large["upper998"]
    assert (lines["upper95"] - lines["lower95"]).iloc[-1] < (lines["upper95"] - lines["lower95"]).iloc[5]
    assert ((lines[["lower95", "lower998", "upper95", "upper998"]] >= 0)
            & (lines[["lower95", "lower998", "upper95", "upper998"]] <= 100)).all().all()


def test_pooled_target_and_positions():
    units = pd.DataFrame({"x": [50, 62, 38, 0], "n": [100, 100, 100, 0], "value": [50.0, 62.0, 38.0, np.nan]})
    target = pooled_target_pct(units, numerator="x", denominator="n")
    assert target == pytest.approx(150 / 300 * 100)
    positions = funnel_position(units, 50.0, value="value", denominator="n")
    # n = 100, θ = 0.5: √(0.25/100) = 0.05; 95% limits 50 ∓ 9.79982 = 40.20–59.80%,
    # 99.8% limits 50 ∓ 15.45116 = 34.55–65.45%.
    assert positions.iloc[0] == INSIDE
    assert positions.iloc[1] == BETWEEN
    assert positions.iloc[2] == BETWEEN
    assert pd.isna(positions.iloc[3])
    assert funnel_position(units.assign(value=[50.0, 65.0, 34.0, np.nan]), 50.0, value="value",
                           denominator="n").iloc[1:3].tolist() == [BETWEEN, OUTSIDE]
    assert funnel_position(units.assign(value=[50.0, 65.5, 40.1, np.nan]), 50.0, value="value",
                           denominator="n").iloc[1:3].tolist() == [OUTSIDE, BETWEEN]


def test_a_value_exactly_on_a_limit_is_inside_it():
    # θ = 0: every limit is 0, and a unit at 0% is inside (its Wilson interval starts at exactly 0).
    units = pd.DataFrame({"value": [0.0], "n": [25]})
    assert funnel_position(units, 0.0, value="value", denominator="n").iloc[0] == INSIDE
