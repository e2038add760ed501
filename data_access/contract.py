"""The data contract as the validator sees it: files, columns, value kinds, keys and references.

``docs/data-contract.md`` describes the same contract for people; ``schema.py``
holds the database tables it is loaded into. Column names here are the
normalised names (lower case, trimmed) that ``read.py`` produces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vocabulary.definitions import (
    AGE_BANDS,
    CATEGORIES,
    DELIVERY_MODES,
    ETHNICITY_GROUPS,
    GENDERS,
    NEEDS,
    OUTCOMES,
    RISK_LEVELS,
    SENTENCE_TYPES,
    SUFFICIENCY_VALUES,
    TARGET_GROUPS,
)

ValueKind = Literal["text", "enum", "list", "month", "date", "integer"]

#: Separator between need codes in interventions.csv's ``needs`` column.
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a contract file.

    Attributes:
        name: normalised column name.
        kind: how values are parsed: free text, one of ``allowed``, a
            ``;``-separated list of ``allowed`` codes, a YYYY-MM month, a
            YYYY-MM-DD date or a whole number >= 0.
        required: whether every row needs a value (after ``default`` is applied).
        column_optional: whether the whole column may be left out of the file.
        allowed: the permitted codes for ``enum`` and ``list`` columns.
        default: the value an empty cell stands for.
    """

    name: str
    kind: ValueKind = "text"
    required: bool = True
    column_optional: bool = False
    allowed: tuple[str, ...] = ()
    default: str | None = None


@dataclass(frozen=True)
class FileSpec:
    """One file of a dataset (one sheet of a workbook)."""

    name: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    required: bool = True

    @property
    def file_name(self) -> str:
        """The CSV file name, e.g. ``referrals.csv``."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every contract column of the file, in contract order."""
        return tuple(column.name for column in self.columns)


@dataclass(frozen=True)
class Reference:
    """A column whose values must appear in another file's key column."""

    file: str
    column: str
    parent_file: str
    parent_column: str


def _code(name: str) -> ColumnSpec:
    return ColumnSpec(name)


def _enum(name: str, allowed: tuple[str, ...], **options: object) -> ColumnSpec:
    return ColumnSpec(name, "enum", allowed=allowed, **options)  # type: ignore[arg-type]


FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "pdus",
        (_code("pdu_code"), _code("pdu_name"), _code("region_code"), _code("region_name")),
        key=("pdu_code",),
    ),
    FileSpec(
        "caseload",
        (_code("pdu_code"), ColumnSpec("month", "month"), ColumnSpec("people_supervised", "integer")),
        key=("pdu_code", "month"),
        required=False,
    ),
    FileSpec(
        "interventions",
        (
            _code("intervention_code"),
            _code("intervention_name"),
            _enum("category", CATEGORIES),
            ColumnSpec("needs", "list", required=False, allowed=NEEDS),
            _enum("delivery", DELIVERY_MODES),
            ColumnSpec("provider", required=False, column_optional=True),
            _enum("target_group", TARGET_GROUPS, column_optional=True, default="all"),
        ),
        key=("intervention_code",),
    ),
    FileSpec(
        "provision",
        (
            _code("pdu_code"),
            _code("intervention_code"),
            ColumnSpec("month", "month"),
            ColumnSpec("places", "integer"),
        ),
        key=("pdu_code", "intervention_code", "month"),
        required=False,
    ),
    FileSpec(
        "people",
        (
            _code("person_id"),
            _code("pdu_code"),
            _enum("gender", GENDERS),
            _enum("ethnicity_group", ETHNICITY_GROUPS),
            _enum("age_band", AGE_BANDS),
            _enum("risk_level", RISK_LEVELS),
            _enum("sentence_type", SENTENCE_TYPES),
            ColumnSpec("sentence_end_date", "date", required=False, column_optional=True),
        ),
        key=("person_id",),
    ),
    FileSpec(
        "needs",
        (
            _code("person_id"),
            _enum("need_code", NEEDS),
            ColumnSpec("identified_date", "date"),
            _enum("sufficiency", SUFFICIENCY_VALUES, required=False),
        ),
        key=("person_id", "need_code"),
    ),
    FileSpec(
        "referrals",
        (
            _code("referral_id"),
            _code("person_id"),
            _code("pdu_code"),
            _code("intervention_code"),
            _enum("need_code", NEEDS, required=False),
            ColumnSpec("referral_date", "date"),
            ColumnSpec("start_date", "date", required=False),
            ColumnSpec("end_date", "date", required=False),
            _enum("outcome", OUTCOMES),
        ),
        key=("referral_id",),
    ),
)

FILES_BY_NAME: dict[str, FileSpec] = {spec.name: spec for spec in FILES}

REFERENCES: tuple[Reference, ...] = (
    Reference("caseload", "pdu_code", "pdus", "pdu_code"),
    Reference("provision", "pdu_code", "pdus", "pdu_code"),
    Reference("provision", "intervention_code", "interventions", "intervention_code"),
    Reference("people", "pdu_code", "pdus", "pdu_code"),
    Reference("needs", "person_id", "people", "person_id"),
    Reference("referrals", "person_id", "people", "person_id"),
    Reference("referrals", "pdu_code", "pdus", "pdu_code"),
    Reference("referrals", "intervention_code", "interventions", "intervention_code"),
)
