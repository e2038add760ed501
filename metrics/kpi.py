"""A headline figure ready for display: label, formatted value and optional change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kpi:
    """One headline figure.

    ``label`` matches a ``## heading`` in docs/definitions.md (the app shows that
    definition as help); ``value`` and ``delta`` are already formatted and have
    disclosure control applied.
    """

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"
    definition: str | None = None
    #: "auto" draws an up/down arrow; "off" shows ``delta`` as a plain note (e.g. which need).
    delta_arrow: str = "auto"
