"""The derived tables' definitions, on the contract's metadata so ``create_schema`` makes them too.

They are not part of the data contract: users never supply them. Every load
rebuilds them from the raw tables inside the same transaction (``build.py``), so
readers never see raw and derived rows out of step. They have no keys or
constraints (the build is their only writer, and an index would only slow it);
each states its grain. docs/architecture.md lists which pages read which table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, Table, Text

from data_access.schema import PERSON_COLUMNS, metadata

#: Grain: need record (person_id, need_code) × intervention_code × referral_pdu_code.
#: A need record and the referrals of one intervention from one referring PDU that address it
#: within the follow-up window (``data_access.need_links``). Only linked pairs have a row, so
#: ``referred`` is always 1; ``started`` and ``completed`` are 0 or 1 over those referrals.
need_referral_links = Table(
    "need_referral_links",
    metadata,
    Column("person_id", Text, nullable=False),
    Column("need_code", Text, nullable=False),
    Column("intervention_code", Text, nullable=False),
    Column("referral_pdu_code", Text, nullable=False),
    Column("identified_date", Date, nullable=False),
    Column("referred", Integer, nullable=False),
    Column("started", Integer, nullable=False),
    Column("completed", Integer, nullable=False),
)
Index("ix_need_referral_links_identified_date",
      need_referral_links.c.identified_date).ddl_if(dialect="postgresql")

#: Grain: need record (person_id, need_code), every one. The record with its person's PDU,
#: region and subgroups, and its flags over referrals of any intervention and referring PDU
#: (``need_referral_links``' maximum per record; 0 when none is linked). The need queries read
#: records from it instead of joining needs, people and PDUs, and views with no intervention,
#: category or referring-PDU restriction read its flags too.
need_records_linked = Table(
    "need_records_linked",
    metadata,
    Column("person_id", Text, nullable=False),
    Column("need_code", Text, nullable=False),
    Column("identified_date", Date, nullable=False),
    Column("sufficiency", Text, nullable=True),
    Column("pdu_code", Text, nullable=False),
    Column("region_code", Text, nullable=False),
    *(Column(name, Text, nullable=False) for name in PERSON_COLUMNS),
    Column("referred", Integer, nullable=False),
    Column("started", Integer, nullable=False),
    Column("completed", Integer, nullable=False),
)
Index("ix_need_records_linked_identified_date",
      need_records_linked.c.identified_date).ddl_if(dialect="postgresql")

#: Grain: referral, every one. The referral with what filters and groupings read from other tables:
#: its PDU's region, its intervention's category, and the person's subgroups and sentence end
#: date. Every referral query starts from it (``scope.scoped_referrals``), so none joins people,
#: PDUs or interventions: at a million referrals joining people alone was half of a query's time.
#: Stored in (category, referral_date) order, so a category's rows are contiguous and DuckDB's
#: zone maps skip the others (the Waiting times page reads accredited programmes only).
referral_facts = Table(
    "referral_facts",
    metadata,
    Column("referral_id", Text, nullable=False),
    Column("person_id", Text, nullable=False),
    Column("pdu_code", Text, nullable=False),
    Column("intervention_code", Text, nullable=False),
    Column("need_code", Text, nullable=True),
    Column("referral_date", Date, nullable=False),
    Column("start_date", Date, nullable=True),
    Column("end_date", Date, nullable=True),
    Column("outcome", Text, nullable=False),
    Column("region_code", Text, nullable=False),
    Column("category", Text, nullable=False),
    *(Column(name, Text, nullable=False) for name in PERSON_COLUMNS),
    Column("sentence_end_date", Date, nullable=True),
)
Index("ix_referral_facts_category_referral_date",
      referral_facts.c.category, referral_facts.c.referral_date).ddl_if(dialect="postgresql")

#: Derived tables in build order (a later one may be built from an earlier one).
DERIVED_TABLES: tuple[Table, ...] = (referral_facts, need_referral_links, need_records_linked)
