"""The scope of a view: a frozen set of filter values shared by every layer.

A ``Filters`` value is what the sidebar produces, what the URL encodes, what the
cache keys on and what the queries translate into SQL. An empty tuple means
"no restriction" for that dimension.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from vocabulary.definitions import DEFAULT_PERIOD_MONTHS, code_label


@dataclass(frozen=True)
class Filters:
    """Filter values for one view; hashable so it can key caches."""

    period_start: dt.date
    period_end: dt.date
    regions: tuple[str, ...] = ()
    pdus: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    ethnicity_groups: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    risk_levels: tuple[str, ...] = ()
    sentence_types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.period_end < self.period_start:
            raise ValueError(
                f"period_end {self.period_end} is before period_start {self.period_start}"
            )
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, list):
                object.__setattr__(self, item.name, tuple(sorted(value)))

    def with_changes(self, **changes: object) -> Filters:
        """Return a copy with some values replaced (lists become sorted tuples)."""
        return replace(self, **changes)

    @property
    def person_filters(self) -> dict[str, tuple[str, ...]]:
        """Person-level restrictions keyed by their people.csv column name."""
        return {
            "gender": self.genders,
            "ethnicity_group": self.ethnicity_groups,
            "age_band": self.age_bands,
            "risk_level": self.risk_levels,
            "sentence_type": self.sentence_types,
        }

    @property
    def restricts_people(self) -> bool:
        """Whether any person-level filter (gender, ethnicity, age band, risk, sentence type) is in force."""
        return any(self.person_filters.values())


#: Names of the tuple-valued fields, in sidebar order.
LIST_FIELDS: tuple[str, ...] = tuple(
    item.name for item in fields(Filters) if item.name not in ("period_start", "period_end")
)


def default_period(data_as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The default period: the 12 calendar months up to and including ``data_as_of``'s month.

    Example: data as of 2025-03-17 gives 2024-04-01 to 2025-03-17.
    """
    month_index = data_as_of.year * 12 + data_as_of.month - 1 - (DEFAULT_PERIOD_MONTHS - 1)
    start = dt.date(month_index // 12, month_index % 12 + 1, 1)
    return start, data_as_of


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length that ends the day before ``start``.

    Example: 1 Nov 2025 – 31 Oct 2026 (365 days) gives 1 Nov 2024 – 31 Oct 2025.
    """
    length = end - start
    before = start - dt.timedelta(days=1)
    return before - length, before


def default_filters(data_as_of: dt.date) -> Filters:
    """Filters with the default period and no other restriction."""
    start, end = default_period(data_as_of)
    return Filters(period_start=start, period_end=end)


def _describe_list(codes: tuple[str, ...], labels: dict[str, str], *, many: str) -> str | None:
    if not codes:
        return None
    names = [labels.get(code) or code_label(code) for code in codes]
    return ", ".join(names) if len(names) <= 3 else f"{len(names)} {many}"


def describe_scope(filters: Filters, labels: dict[str, dict[str, str]]) -> str:
    """The scope in words, e.g. "East Midlands · Accredited programmes · Apr 2024 – Mar 2025 · Women".

    Args:
        filters: the view's filters.
        labels: per ``Filters`` list field, code -> display name (codes without
            a name get their contract label, e.g. "Accredited programmes").

    Returns:
        Parts joined by " · ": area (or "England and Wales"), interventions,
        needs, period, then any people restrictions.
    """
    def part(field: str, many: str) -> str | None:
        return _describe_list(getattr(filters, field), labels.get(field, {}), many=many)

    area = part("pdus", "PDUs") or part("regions", "regions") or "England and Wales"
    period = f"{filters.period_start:%-d %b %Y} – {filters.period_end:%-d %b %Y}"
    pieces = [
        area,
        part("interventions", "interventions") or part("categories", "categories"),
        part("needs", "needs"),
        period,
        *(part(field, field.replace("_", " ")) for field in
          ("genders", "ethnicity_groups", "age_bands", "risk_levels", "sentence_types")),
    ]
    return " · ".join(piece for piece in pieces if piece)
