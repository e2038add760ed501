"""The data contract as SQLAlchemy Core tables: one definition for DuckDB and PostgreSQL.

Constraints mirror docs/data-contract.md so the database refuses what the
validator would refuse. Secondary indexes are created on PostgreSQL only:
DuckDB's zone maps already prune date and code filters, and its ART indexes
would slow bulk loads without speeding up the aggregate queries we run. For the
same reason the data tables' primary and foreign keys are PostgreSQL's only: on
DuckDB each is an ART index too (at 5,000,000 referrals they took most of the
load's time and four fifths of the file), and the DuckDB file is only ever
written by the loader, whose validator checks every key and reference first.
NOT NULL and CHECK constraints hold on both.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    false,
)

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

metadata = MetaData()

#: The person's subgroup columns, which filters and groupings read (on ``people`` and on derived tables).
PERSON_COLUMNS: tuple[str, ...] = ("gender", "ethnicity_group", "age_band", "risk_level", "sentence_type")


def _one_of(column: str, values: tuple[str, ...], *, nullable: bool = False) -> CheckConstraint:
    allowed = ", ".join(f"'{value}'" for value in values)
    rule = f"{column} IN ({allowed})"
    if nullable:
        rule = f"{column} IS NULL OR {rule}"
    return CheckConstraint(rule, name=f"ck_{column}_allowed")


def _pg_index(name: str, table: Table, *columns: str) -> None:
    Index(name, *(table.c[column] for column in columns)).ddl_if(dialect="postgresql")


pdus = Table(
    "pdus",
    metadata,
    Column("pdu_code", Text, primary_key=True),
    Column("pdu_name", Text, nullable=False),
    Column("region_code", Text, nullable=False),
    Column("region_name", Text, nullable=False),
)

caseload = Table(
    "caseload",
    metadata,
    Column("pdu_code", Text, ForeignKey("pdus.pdu_code"), nullable=False),
    Column("month", Date, nullable=False),
    Column("people_supervised", Integer, nullable=False),
    PrimaryKeyConstraint("pdu_code", "month"),
    CheckConstraint("people_supervised >= 0", name="ck_people_supervised_non_negative"),
)

interventions = Table(
    "interventions",
    metadata,
    Column("intervention_code", Text, primary_key=True),
    Column("intervention_name", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("delivery", Text, nullable=False),
    Column("provider", Text, nullable=True),
    Column("target_group", Text, nullable=False),
    _one_of("category", CATEGORIES),
    _one_of("delivery", DELIVERY_MODES),
    _one_of("target_group", TARGET_GROUPS),
)

#: interventions.csv's ``needs`` list, one row per intervention and need.
intervention_needs = Table(
    "intervention_needs",
    metadata,
    Column("intervention_code", Text, ForeignKey("interventions.intervention_code"), nullable=False),
    Column("need_code", Text, nullable=False),
    PrimaryKeyConstraint("intervention_code", "need_code"),
    _one_of("need_code", NEEDS),
)

provision = Table(
    "provision",
    metadata,
    Column("pdu_code", Text, ForeignKey("pdus.pdu_code"), nullable=False),
    Column("intervention_code", Text, ForeignKey("interventions.intervention_code"), nullable=False),
    Column("month", Date, nullable=False),
    Column("places", Integer, nullable=False),
    PrimaryKeyConstraint("pdu_code", "intervention_code", "month"),
    CheckConstraint("places >= 0", name="ck_places_non_negative"),
)

people = Table(
    "people",
    metadata,
    Column("person_id", Text, primary_key=True),
    Column("pdu_code", Text, ForeignKey("pdus.pdu_code"), nullable=False),
    Column("gender", Text, nullable=False),
    Column("ethnicity_group", Text, nullable=False),
    Column("age_band", Text, nullable=False),
    Column("risk_level", Text, nullable=False),
    Column("sentence_type", Text, nullable=False),
    Column("sentence_end_date", Date, nullable=True),
    _one_of("gender", GENDERS),
    _one_of("ethnicity_group", ETHNICITY_GROUPS),
    _one_of("age_band", AGE_BANDS),
    _one_of("risk_level", RISK_LEVELS),
    _one_of("sentence_type", SENTENCE_TYPES),
)

needs = Table(
    "needs",
    metadata,
    Column("person_id", Text, ForeignKey("people.person_id"), nullable=False),
    Column("need_code", Text, nullable=False),
    Column("identified_date", Date, nullable=False),
    Column("sufficiency", Text, nullable=True),
    PrimaryKeyConstraint("person_id", "need_code"),
    _one_of("need_code", NEEDS),
    _one_of("sufficiency", SUFFICIENCY_VALUES, nullable=True),
)

referrals = Table(
    "referrals",
    metadata,
    Column("referral_id", Text, primary_key=True),
    Column("person_id", Text, ForeignKey("people.person_id"), nullable=False),
    Column("pdu_code", Text, ForeignKey("pdus.pdu_code"), nullable=False),
    Column("intervention_code", Text, ForeignKey("interventions.intervention_code"), nullable=False),
    Column("need_code", Text, nullable=True),
    Column("referral_date", Date, nullable=False),
    Column("start_date", Date, nullable=True),
    Column("end_date", Date, nullable=True),
    Column("outcome", Text, nullable=False),
    _one_of("need_code", NEEDS, nullable=True),
    _one_of("outcome", OUTCOMES),
    CheckConstraint("start_date IS NULL OR start_date >= referral_date", name="ck_start_after_referral"),
    CheckConstraint(
        "end_date IS NULL OR end_date >= COALESCE(start_date, referral_date)",
        name="ck_end_after_start",
    ),
    CheckConstraint(
        "(outcome = 'open' AND end_date IS NULL)"
        " OR (outcome IN ('completed', 'did_not_complete')"
        " AND start_date IS NOT NULL AND end_date IS NOT NULL)"
        " OR (outcome IN ('withdrawn', 'not_suitable') AND end_date IS NOT NULL)",
        name="ck_outcome_consistent",
    ),
)

#: One row per successful load: when, from where, and how many rows.
dataset_loads = Table(
    "dataset_loads",
    metadata,
    Column("load_id", Integer, primary_key=True, autoincrement=False),
    Column("loaded_at", DateTime, nullable=False),
    Column("source", Text, nullable=False),
    Column("mode", Text, nullable=False),
    Column("row_counts", Text, nullable=False),
    # True when the dataset folder carried a SYNTHETIC marker: the app then labels every view.
    Column("synthetic", Boolean, nullable=False, server_default=false()),
    # Added for the load history (issue 20); empty on loads recorded before. Who loaded it (when signed in),
    # the dataset's data date (latest referral, start or end date) and the load's seconds until recorded.
    Column("loaded_by", Text, nullable=True),
    Column("data_as_of", Date, nullable=True),
    Column("seconds", Float, nullable=True),
)
#: Columns added to ``dataset_loads`` after its first release: ``engine.create_schema`` adds them to older databases.
DATASET_LOADS_ADDED_COLUMNS: tuple[str, ...] = ("loaded_by", "data_as_of", "seconds")

#: Named views saved by users: a page and its query string. ``owner_email`` and ``visibility``
#: came with sign-in (issue 19): views saved before then have no owner and are shared
#: (data_access.app_store adds the two columns to older databases).
saved_views = Table(
    "saved_views",
    metadata,
    Column("name", Text, primary_key=True),
    Column("page", Text, nullable=False),
    Column("query_string", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("owner_email", Text, nullable=True),
    Column("visibility", Text, nullable=True, server_default="shared"),
)

# Secondary indexes on raw tables, each for a reader that still uses it: the first referral date
# (``queries.dataset_info``, on every page), and the check of ``referrals.person_id`` when people
# are deleted with the reference triggers on (a role that may not skip them: one index probe per
# person instead of a scan of every referral). The pages read the derived tables instead, so the
# raw tables' other indexes went (PDU, intervention and date codes on referrals, people and needs):
# at 5,000,000 referrals they cost 35 s of server CPU per load and no query used them. A PDU or an
# intervention deleted with the triggers on costs a scan of the referrals, once per deleted row.
_pg_index("ix_referrals_referral_date", referrals, "referral_date")
_pg_index("ix_referrals_person_id", referrals, "person_id")

for _table in (pdus, caseload, interventions, intervention_needs, provision, people, needs, referrals):
    _table.primary_key.ddl_if(dialect="postgresql")
    for _reference in _table.foreign_key_constraints:
        _reference.ddl_if(dialect="postgresql")

#: Tables loaded from a dataset, parents before children (load and delete order).
DATA_TABLES: tuple[Table, ...] = (
    pdus,
    caseload,
    interventions,
    intervention_needs,
    provision,
    people,
    needs,
    referrals,
)
