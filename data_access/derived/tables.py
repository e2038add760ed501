"""The derived tables' definitions, on the contract's metadata so ``create_schema`` makes them too.

They are not part of the data contract: users never supply them. Every load
rebuilds them from the raw tables inside the same transaction (``build.py``), so
readers never see raw and derived rows out of step. They have no keys or
constraints (the build is their only writer, and an index would only slow it);
each states its grain. docs/architecture.md lists which pages read which table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, Table, Text

from data_access.schema import metadata

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

#: Grain: need record (person_id, need_code) with at least one linked referral, of any
#: intervention and referring PDU: ``need_referral_links`` with each flag's maximum. Views with no
#: intervention, category or referring-PDU restriction read it without aggregating.
need_record_links = Table(
    "need_record_links",
    metadata,
    Column("person_id", Text, nullable=False),
    Column("need_code", Text, nullable=False),
    Column("identified_date", Date, nullable=False),
    Column("referred", Integer, nullable=False),
    Column("started", Integer, nullable=False),
    Column("completed", Integer, nullable=False),
)
Index("ix_need_record_links_identified_date",
      need_record_links.c.identified_date).ddl_if(dialect="postgresql")

#: Derived tables in build order (a later one may be built from an earlier one).
DERIVED_TABLES: tuple[Table, ...] = (need_referral_links, need_record_links)
