"""Fingertips' recent-trend test and the quarters a trend is drawn over.

The test looks at the five most recent periods. For a proportion it is the
chi-square test for trend (Cochran–Armitage, as in Altman's Practical
Statistics for Medical Research): with scores x = 1…5, numerators r,
denominators n, p̄ = Σr ÷ Σn and x̄ = Σnx ÷ Σn,
χ² = (Σrx − Σr·x̄)² ÷ (p̄(1 − p̄)(Σnx² − Σn·x̄²)). For a rate it is the score test for a
linear trend in Poisson rates (Breslow & Day): with E = Σr·n ÷ Σn,
χ² = (Σx(r − E))² ÷ (Σx²E − (ΣxE)² ÷ Σr). A trend is significant when χ² exceeds
9.5495 (99.8%, one degree of freedom) with all five points and still does, in
the same direction, when each point is dropped in turn.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

import numpy as np
import pandas as pd
from scipy.stats import chi2

from metrics.stats.comparison import Polarity
from vocabulary.definitions import CONFIDENCE_998

TREND_POINTS: Final[int] = 5
#: Three-month periods a trend chart shows (two years: the five tested and three before them).
TREND_QUARTERS: Final[int] = 8
#: χ² with one degree of freedom at 99.8%: 9.5495.
TREND_CRITICAL_CHI2: Final[float] = float(chi2.ppf(CONFIDENCE_998, 1))
NO_CHANGE: Final = "No significant change"
TrendKind = Literal["proportion", "rate"]


def proportion_trend_chi2(numerators: np.ndarray, denominators: np.ndarray, scores: np.ndarray) -> float:
    """Chi-square statistic for a linear trend in proportions (positive direction not implied)."""
    r, n, x = (np.asarray(a, dtype="float64") for a in (numerators, denominators, scores))
    total = n.sum()
    pooled = r.sum() / total
    mean_score = (n * x).sum() / total
    spread = pooled * (1 - pooled) * ((n * x**2).sum() - total * mean_score**2)
    return float(((r * x).sum() - r.sum() * mean_score) ** 2 / spread) if spread > 0 else 0.0


def rate_trend_chi2(counts: np.ndarray, denominators: np.ndarray, scores: np.ndarray) -> float:
    """Chi-square statistic for a linear trend in Poisson rates."""
    r, n, x = (np.asarray(a, dtype="float64") for a in (counts, denominators, scores))
    expected = r.sum() * n / n.sum()
    spread = (x**2 * expected).sum() - (x * expected).sum() ** 2 / r.sum() if r.sum() > 0 else 0.0
    return float((x * (r - expected)).sum() ** 2 / spread) if spread > 0 else 0.0


def _slope_sign(numerators: np.ndarray, denominators: np.ndarray, scores: np.ndarray) -> float:
    """+1 when the value rises with the score, −1 when it falls (weighted by denominators)."""
    n = np.asarray(denominators, dtype="float64")
    rates = np.asarray(numerators, dtype="float64") / n
    mean_score = (n * scores).sum() / n.sum()
    return float(np.sign((n * (scores - mean_score) * rates).sum()))


def trend_direction(numerators: np.ndarray, denominators: np.ndarray, *, kind: TrendKind) -> int:
    """+1 (increasing), −1 (decreasing) or 0 (no significant change) over the given periods."""
    statistic = proportion_trend_chi2 if kind == "proportion" else rate_trend_chi2
    r, n = np.asarray(numerators, dtype="float64"), np.asarray(denominators, dtype="float64")
    scores = np.arange(1, len(r) + 1, dtype="float64")
    subsets = [np.ones(len(r), dtype=bool)] + [np.arange(len(r)) != drop for drop in range(len(r))]
    signs = set()
    for keep in subsets:
        if statistic(r[keep], n[keep], scores[keep]) <= TREND_CRITICAL_CHI2:
            return 0
        signs.add(_slope_sign(r[keep], n[keep], scores[keep]))
    return int(signs.pop()) if len(signs) == 1 else 0


def trend_words(direction: int, polarity: Polarity) -> str:
    """The trend in Fingertips' words, e.g. "Increasing and getting worse"."""
    if direction == 0:
        return NO_CHANGE
    moving = "Increasing" if direction > 0 else "Decreasing"
    if polarity == "no_judgement":
        return moving
    better = (direction > 0) == (polarity == "high_is_good")
    return f"{moving} and getting {'better' if better else 'worse'}"


def recent_trend(
    numerators: np.ndarray,
    denominators: np.ndarray,
    *,
    kind: TrendKind | str,
    polarity: Polarity,
    min_denominator: float,
) -> str:
    """The recent trend of a series in words, or why it was not tested.

    Args:
        numerators, denominators: the series, oldest first; the last
            ``TREND_POINTS`` periods are tested.
        kind: "proportion" or "rate" (medians are not tested).
        polarity: the indicator's polarity, for "getting better/worse".
        min_denominator: periods below this make the series too small to test.
    """
    if kind not in ("proportion", "rate"):
        return "Not tested: the recent-trend test applies to proportions and rates, not medians"
    r = np.asarray(numerators, dtype="float64")[-TREND_POINTS:]
    n = np.asarray(denominators, dtype="float64")[-TREND_POINTS:]
    if len(r) < TREND_POINTS or np.isnan(r).any() or np.isnan(n).any():
        return f"Not tested: fewer than {TREND_POINTS} periods with data"
    if (n < min_denominator).any():
        return "Not tested: a recent period is below the minimum denominator"
    return trend_words(trend_direction(r, n, kind=kind), polarity)


def _month_end(month_index: int) -> dt.date:
    """The last day of the month numbered year × 12 + month − 1."""
    year, month = divmod(month_index + 1, 12)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def trend_quarters(period_end: dt.date, data_from: dt.date, *, count: int = TREND_QUARTERS) -> pd.DataFrame:
    """Three-month periods of whole calendar months, most recent last, none starting before ``data_from``.

    Definition: the latest period ends on ``period_end`` when that is a month's last
    day, otherwise on the last day of the month before (a part month is left out,
    so every period is three whole months and comparable: a part month would hold
    fewer referrals against the same caseload). Each earlier period ends on the
    month end three months before the next one's, so the periods tile without gaps.
    Examples: 30 Jun 2025 gives periods ending 30 Jun, 31 Mar, 31 Dec, 30 Sep …;
    17 Mar 2025 gives 28 Feb 2025 (1 Dec – 28 Feb), 30 Nov, 31 Aug ….

    Returns columns window (0 = oldest), start, end (dates, inclusive) and label
    (e.g. "3 months to 31 Mar 2025").
    """
    latest = period_end.year * 12 + period_end.month - 1
    if (period_end + dt.timedelta(days=1)).month == period_end.month:
        latest -= 1  # a part month: the periods end at the month end before it
    rows = [{"start": _month_end(latest - 3 * back - 3) + dt.timedelta(days=1), "end": _month_end(latest - 3 * back)}
            for back in range(count)]
    quarters = pd.DataFrame(rows[::-1], columns=["start", "end"])
    quarters = quarters[quarters["start"] >= data_from].reset_index(drop=True)
    quarters.insert(0, "window", range(len(quarters)))
    quarters["label"] = [f"3 months to {end:%-d %b %Y}" for end in quarters["end"]]
    return quarters
