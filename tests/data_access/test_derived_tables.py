"""Derived tables hold exactly what their rule gives from the raw rows, recomputed here in pandas.

The loader builds them with SQL (``data_access/derived``); this test works each one
out again from the raw tables, independently, on DuckDB and PostgreSQL, after a
replacing load and after an upsert that changes referrals.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from data_access.derived.tables import (
    DERIVED_TABLES,
    need_records_linked,
    need_referral_links,
    referral_facts,
)
from data_access.engine import make_engine
from data_access.load import load_frames
from data_access.schema import intervention_needs, interventions, needs, pdus, people, referrals
from sample_data.generate import generate_frames
from vocabulary.definitions import ADDRESSING_LOOKBACK_DAYS, NEED_FOLLOW_UP_DAYS


def _read(connection: object, table: object) -> pd.DataFrame:
    return pd.DataFrame(connection.execute(select(table)).mappings().all(),
                        columns=[column.name for column in table.columns])


def _links_from_raw(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """need_referral_links worked out in pandas from the raw tables."""
    refs = raw["referrals"]
    direct = refs[refs["need_code"].notna()]
    via = refs[refs["need_code"].isna()].drop(columns="need_code").merge(raw["intervention_needs"],
                                                                          on="intervention_code")
    pairs = pd.concat([direct, via], ignore_index=True).merge(raw["needs"], on=["person_id", "need_code"])
    deadline = pairs["identified_date"].map(lambda day: day + dt.timedelta(days=NEED_FOLLOW_UP_DAYS))
    earliest = pairs["identified_date"].map(lambda day: day - dt.timedelta(days=ADDRESSING_LOOKBACK_DAYS))
    pairs = pairs[(pairs["referral_date"] >= earliest) & (pairs["referral_date"] <= deadline)].copy()
    started = pairs["start_date"].notna() & (pairs["start_date"] <= deadline[pairs.index])
    pairs["started"] = started.astype(int)
    pairs["completed"] = (started & (pairs["outcome"] == "completed")).astype(int)
    pairs = pairs.rename(columns={"pdu_code": "referral_pdu_code"}).assign(referred=1)
    keys = ["person_id", "need_code", "intervention_code", "referral_pdu_code", "identified_date"]
    return pairs.groupby(keys, as_index=False)[["referred", "started", "completed"]].max()


def _records_from_raw(raw: dict[str, pd.DataFrame], links: pd.DataFrame) -> pd.DataFrame:
    """need_records_linked worked out in pandas: every need record, its person's context, its flags."""
    flags = ["referred", "started", "completed"]
    per_record = links.groupby(["person_id", "need_code"], as_index=False)[flags].max()
    records = (raw["needs"].merge(raw["people"], on="person_id")
               .merge(raw["pdus"][["pdu_code", "region_code"]], on="pdu_code")
               .merge(per_record, on=["person_id", "need_code"], how="left"))
    return records.fillna({flag: 0 for flag in flags}).astype({flag: "int64" for flag in flags})


def _facts_from_raw(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """referral_facts worked out in pandas: each referral with its region, category and person's context."""
    people_context = raw["people"].drop(columns="pdu_code")
    return (raw["referrals"].merge(raw["pdus"][["pdu_code", "region_code"]], on="pdu_code")
            .merge(raw["interventions"][["intervention_code", "category"]], on="intervention_code")
            .merge(people_context, on="person_id"))


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return sorted(map(tuple, frame[columns].astype(object).itertuples(index=False)), key=repr)


def _assert_derived_match_raw(url: str) -> None:
    engine = make_engine(url, read_only=url.startswith("duckdb"))
    try:
        with engine.connect() as connection:
            raw = {table.name: _read(connection, table) for table in (referrals, needs, intervention_needs, people, pdus, interventions)}
            stored = {table.name: _read(connection, table) for table in DERIVED_TABLES}
    finally:
        engine.dispose()
    links = _links_from_raw(raw)
    expected = {need_referral_links.name: links, need_records_linked.name: _records_from_raw(raw, links),
                referral_facts.name: _facts_from_raw(raw)}
    assert set(expected) == set(stored), "every derived table is recomputed here"
    for name, rows in expected.items():
        columns = list(stored[name].columns)
        assert len(rows) > 0, name
        assert _rows(stored[name], columns) == _rows(rows, columns), name


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return generate_frames(people_count=600, seed=5)


def test_derived_tables_match_their_raw_rows_after_a_replacing_load(database_url, frames):
    load_frames(frames, database_url, replace=True)
    _assert_derived_match_raw(database_url)


def test_an_upsert_rebuilds_the_derived_tables_from_every_row(database_url, frames):
    load_frames(frames, database_url, replace=True)
    changed = frames["referrals"].head(200).copy()
    # Referrals that never started, removed on the day they were made: links may drop their started flags.
    changed = changed.assign(start_date=None, end_date=changed["referral_date"], outcome="withdrawn")
    load_frames({**frames, "referrals": changed}, database_url, replace=False)
    _assert_derived_match_raw(database_url)


def test_a_database_without_its_derived_tables_says_how_to_build_them_and_the_cli_does(database_url):
    from sqlalchemy import inspect

    from data_access.derived.build import main as build_main
    from data_access.engine import DatabaseMissingError
    from data_access.queries import dataset_info

    load_frames(generate_frames(people_count=120, seed=5), database_url, replace=True, source="old", synthetic=True)
    engine = make_engine(database_url)
    with engine.begin() as connection:  # as a database loaded before the derived tables existed
        for table in DERIVED_TABLES:
            table.drop(connection)
    with pytest.raises(DatabaseMissingError, match="python -m data_access.derived.build"):
        dataset_info(engine)
    engine.dispose()
    assert build_main([database_url, "--if-missing"]) == 0
    engine = make_engine(database_url)
    assert all(inspect(engine).has_table(table.name) for table in DERIVED_TABLES)
    assert dataset_info(engine)["data_as_of"] is not None
    engine.dispose()


# The swap is PostgreSQL's (DuckDB loads build a new file and swap the file), so only that database.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_postgresql_rebuild_swaps_in_new_tables_with_their_index_and_grants(database_url, frames):
    """PostgreSQL builds the derived tables under build names and swaps them in: the live names
    end with the rows, the index and what other roles were granted, and no build table is left."""
    from sqlalchemy import inspect

    load_frames(frames, database_url, replace=True)
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DO $$ BEGIN CREATE ROLE derived_reader NOLOGIN; "
                                   "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        connection.exec_driver_sql("GRANT SELECT ON referral_facts TO derived_reader")
    load_frames(frames, database_url, replace=True)
    try:
        with engine.connect() as connection:
            granted = connection.exec_driver_sql(
                "SELECT has_table_privilege('derived_reader', 'referral_facts', 'SELECT')").scalar_one()
            names = set(inspect(connection).get_table_names())
            indexes = {index["name"] for table in DERIVED_TABLES for index in inspect(connection).get_indexes(table.name)}
        assert granted
        assert not {name for name in names if name.endswith("__build")}
        assert indexes == {index.name for table in DERIVED_TABLES for index in table.indexes}
        _assert_derived_match_raw(database_url)
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql("REVOKE ALL ON referral_facts FROM derived_reader")
            connection.exec_driver_sql("DROP ROLE derived_reader")
        engine.dispose()


# The stored order is PostgreSQL's build (DuckDB's is its own ORDER BY), so only that database.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_postgresql_stores_referral_facts_in_category_then_referral_date_order(database_url, frames):
    """The build sorts by one integer standing for (category, referral_date): read in storage order
    (ctid), the rows must come out sorted by the two columns themselves."""
    load_frames(frames, database_url, replace=True)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.exec_driver_sql(
                "SELECT category, referral_date FROM referral_facts ORDER BY ctid").all()
    finally:
        engine.dispose()
    assert len({category for category, _ in stored}) > 1
    assert stored == sorted(stored)
