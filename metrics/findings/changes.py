"""What changed since a comparison period: comparisons whose significance or direction changed.

Each page comparison the findings gate on (every need against all needs, every subgroup against all
people in scope, every PDU in scope against its benchmark on each judged indicator) is reduced to a
``Compared`` record for each period; ``changes_since`` keeps those whose state (significantly
higher/better, not significantly different, significantly lower/worse) differs.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from metrics.comparison.indicators import Indicator
from metrics.comparison.tables import format_value
from metrics.findings.comparison import gap_people
from metrics.findings.model import TESTED, Finding
from metrics.findings.wording import count_text, direction, hidden, lower_first, share_text
from metrics.stats.comparison import NOT_COMPARED
from metrics.stats.disclosure import format_percent
from metrics.sufficiency.gaps import people_gap_count
from metrics.sufficiency.views import UNKNOWN
from vocabulary.definitions import SUBGROUP_LABELS, code_label


@dataclass(frozen=True)
class Compared:
    """One comparison in one period, as shown: what, against what, its label, value and benchmark."""

    key: tuple[str, ...]
    what: str
    against: str
    label: str
    value: str
    benchmark: str
    concerns: str
    people_count: int
    page: str
    settings: tuple[tuple[str, str], ...] = ()
    subject: tuple[str, ...] = ()


def _shares_compared(row: Mapping[str, Any], key: tuple[str, ...], what: str, against: str, concerns: str,
                     settings: tuple[tuple[str, str], ...], subject: tuple[str, ...]) -> Compared | None:
    shown = share_text(row)
    bench = format_percent(row["benchmark_pct"], row["benchmark_denominator_count"])
    if row["comparison"] == NOT_COMPARED or shown is None or hidden(bench):
        return None
    gap = abs(people_gap_count(row["numerator_count"], row["denominator_count"], row["benchmark_pct"]))
    return Compared(key, what, against, str(row["comparison"]), shown[0], bench, concerns, int(gap),
                    "sufficiency", settings, subject)


#: A comparison's key: ("need", need), ("subgroup", dimension, value) or ("pdu", indicator, pdu).
Key = tuple[str, ...]


def need_comparisons(shares: pd.DataFrame, keys: Collection[Key] | None = None) -> list[Compared]:
    """Each need against all needs (``need_shares`` against all people in scope); only those of ``keys``
    when given."""
    found = []
    if keys is not None:
        shares = shares[np.array([("need", str(code)) in keys for code in shares["need_code"]], dtype=bool)]
    for row in shares.to_dict("records"):
        need = lower_first(code_label(row["need_code"]))
        found.append(_shares_compared(row, ("need", str(row["need_code"])), f"the share judged sufficient for {need} needs",
                                      "all needs", f"{count_text(row['denominator_count'])} judged {need} needs",
                                      (), (str(row["need_code"]),)))
    return [item for item in found if item is not None]


def subgroup_comparisons(shares_by_dimension: Mapping[str, pd.DataFrame],
                         keys: Collection[Key] | None = None) -> list[Compared]:
    """Each subgroup value (not "unknown") against all people in scope (``subgroup_shares``); only those
    of ``keys`` when given."""
    found = []
    for dimension, shares in shares_by_dimension.items():
        shares = shares[shares["subgroup"] != UNKNOWN]
        if keys is not None:
            shares = shares[np.array([("subgroup", dimension, str(value)) in keys for value in shares["subgroup"]],
                                    dtype=bool)]
        for row in shares.to_dict("records"):
            what = (f"the share judged sufficient for {lower_first(SUBGROUP_LABELS[dimension])} "
                    f"“{code_label(row['subgroup'])}”")
            found.append(_shares_compared(row, ("subgroup", dimension, str(row["subgroup"])), what,
                                          "all people selected", f"{count_text(row['denominator_count'])} judged needs",
                                          (("subgroup", dimension),), (dimension, str(row["subgroup"]))))
    return [item for item in found if item is not None]


_PDU_COLUMNS = ("pdu_code", "pdu_name", "comparison", "value", "numerator", "denominator", "benchmark")


def _records(rows: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """The rows as dicts of ``columns``, with Python values (as ``iterrows`` gives for mixed-type frames)."""
    values = [rows[name].tolist() for name in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def pdu_comparisons(compared: Mapping[str, pd.DataFrame], items: Sequence[Indicator], *, benchmark: str,
                    benchmark_words: str, keys: Collection[Key] | None = None) -> list[Compared]:
    """Each PDU in scope against its benchmark on each judged indicator (``compare_pdus`` rows); only
    those of ``keys`` when given.

    Rows are read as plain dicts of the columns used (each column's ``tolist()``: the same Python
    values ``iterrows`` gives for these mixed-type frames) rather than a Series each: a thousand rows
    took about 0.2 s as Series.
    """
    found = []
    for item in items:
        if item.polarity == "no_judgement" or item.key not in compared:
            continue
        rows = compared[item.key]
        rows = rows[(rows["window"] == 0) & (rows["comparison"] != NOT_COMPARED)]
        if keys is not None:
            rows = rows[np.array([("pdu", item.key, str(code)) in keys for code in rows["pdu_code"]], dtype=bool)]
        for row in _records(rows, _PDU_COLUMNS):
            value = (format_percent(row["value"], row["denominator"], numerator=row["numerator"])
                     if item.kind == "proportion" else format_value(row["value"], item))
            bench = format_value(row["benchmark"], item)
            found.append(Compared(
                ("pdu", item.key, str(row["pdu_code"])), f"{row['pdu_name']}'s {lower_first(item.name)}",
                benchmark_words, str(row["comparison"]), value, bench,
                f"{count_text(row['denominator'])} {item.denominator.lower()}", gap_people(row, item), "comparison",
                (("cmp_indicator", item.key), ("cmp_benchmark", benchmark), ("cmp_pdu", str(row["pdu_code"]))),
                (item.key, str(row["pdu_code"]))))
    return found


def comparison_labels(shares: pd.DataFrame | None, shares_by_dimension: Mapping[str, pd.DataFrame],
                      compared: Mapping[str, pd.DataFrame], items: Sequence[Indicator]) -> dict[Key, str]:
    """Every comparison's label by key, for the rows ``need_comparisons``, ``subgroup_comparisons`` and
    ``pdu_comparisons`` read (before their disclosure checks, which can only leave a comparison out).

    Which comparisons changed direction between two periods is read from these labels first, so that
    the sentences' figures are formatted only for those (``changed_keys``).
    """
    labels: dict[Key, str] = {}
    if shares is not None:
        labels.update({("need", str(code)): str(label)
                       for code, label in zip(shares["need_code"].tolist(), shares["comparison"].tolist(), strict=True)})
    for dimension, rows in shares_by_dimension.items():
        labels.update({("subgroup", dimension, str(value)): str(label)
                       for value, label in zip(rows["subgroup"].tolist(), rows["comparison"].tolist(), strict=True)
                       if value != UNKNOWN})
    for item in items:
        if item.polarity == "no_judgement" or item.key not in compared:
            continue
        rows = compared[item.key]
        labels.update({("pdu", item.key, str(code)): str(label) for code, label, window in zip(
            rows["pdu_code"].tolist(), rows["comparison"].tolist(), rows["window"].tolist(), strict=True)
            if window == 0 and label != NOT_COMPARED})
    return labels


def changed_keys(now: Mapping[Key, str], then: Mapping[Key, str]) -> frozenset[Key]:
    """The keys in both periods whose label's direction differs (what ``changes_since`` can report)."""
    return frozenset(key for key, label in now.items() if key in then and direction(label) != direction(then[key]))


def _state(label: str, *, against: str | None = None) -> str:
    """A comparison's state in words: "significantly lower than all needs", "not significantly different"."""
    if direction(label) == 0:
        return "not significantly different" + (f" from {against}" if against else "")
    return lower_first(label) + (f" than {against}" if against else "")


def changes_since(now: Sequence[Compared], then: Sequence[Compared], *, since: str) -> list[Finding]:
    """Findings for the comparisons whose state changed between ``then`` and ``now``.

    Args:
        now, then: the comparisons in the period in force and in the comparison period.
        since: the comparison period in words, e.g. "1 Nov 2024 – 31 Oct 2025".

    A change is a different direction at the 99.8% level: not significant ↔ significant, or
    significant one way ↔ the other. Comparisons missing or not compared in either period are left out.
    """
    before = {item.key: item for item in then}
    found = []
    for item in now:
        earlier = before.get(item.key)
        if earlier is None or direction(item.label) == direction(earlier.label):
            continue
        sentence = (f"Compared with {since}, {item.what} has changed: now {_state(item.label, against=item.against)} "
                    f"({item.value} against {item.benchmark}), then {_state(earlier.label)} "
                    f"({earlier.value} against {earlier.benchmark}); {item.concerns} now.")
        people = item.people_count if direction(item.label) else earlier.people_count
        found.append(Finding("change", sentence, people, TESTED, item.page, settings=item.settings,
                             subject=item.key))
    return found
