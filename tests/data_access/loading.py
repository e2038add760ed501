"""Helpers for the load tests: dataset folders and database snapshots on either backend."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from data_access.engine import data_version, make_engine
from data_access.schema import DATA_TABLES, dataset_loads, saved_views
from tests.dataset_builder import Rows, valid_rows, write_csv_dataset

Snapshot = dict[str, list[tuple]]


def snapshot(url: str, tables: tuple = DATA_TABLES) -> Snapshot:
    """Every row of the given tables, sorted. Opens and closes its own engine: an engine
    left open would keep an old DuckDB file in the process's instance cache."""
    engine = make_engine(url, read_only=True)
    try:
        with engine.connect() as connection:
            return {table.name: sorted(map(tuple, connection.execute(select(table))), key=repr)
                    for table in tables}
    finally:
        engine.dispose()


def version(url: str) -> str:
    """The database's data version, as the app's caches see it."""
    engine = make_engine(url, read_only=True)
    try:
        return data_version(engine)
    finally:
        engine.dispose()


def load_history(url: str) -> list[tuple]:
    """(load_id, mode, row_counts as a dict, synthetic) per recorded load, oldest first."""
    engine = make_engine(url, read_only=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(dataset_loads.c.load_id, dataset_loads.c.mode, dataset_loads.c.row_counts,
                       dataset_loads.c.synthetic).order_by(dataset_loads.c.load_id)
            ).all()
    finally:
        engine.dispose()
    return [(load_id, mode, json.loads(counts), bool(synthetic)) for load_id, mode, counts, synthetic in rows]


def saved_view_names(url: str) -> list[str]:
    """Names of the saved views."""
    return [row[0] for row in snapshot(url, (saved_views,))["saved_views"]]


def changed_rows() -> Rows:
    """The valid dataset with one referral changed, one removed, one added, one person moved
    and one intervention's needs changed."""
    rows = valid_rows()
    rows["referrals"][1].update(start_date="2024-02-01", end_date="2024-05-01", outcome="completed")
    del rows["referrals"][4]
    rows["referrals"].append({
        "referral_id": "R6", "person_id": "P2", "pdu_code": "L01", "intervention_code": "CRS_ACC",
        "need_code": "accommodation", "referral_date": "2024-06-03", "start_date": "", "end_date": "",
        "outcome": "open",
    })
    rows["people"][1]["pdu_code"] = "L01"
    rows["interventions"][0]["needs"] = "attitudes"
    return rows


def dataset(tmp_path: Path, name: str, rows: Rows | None = None) -> Path:
    """Write a dataset folder under ``tmp_path``."""
    return write_csv_dataset(tmp_path / name, rows)


def leftover_files(url: str) -> list[str]:
    """Files beside a DuckDB database other than the database and the loader's lock."""
    if not url.startswith("duckdb"):
        return []
    path = Path(url.removeprefix("duckdb:///"))
    return sorted(item.name for item in path.parent.iterdir()
                  if item.name not in (path.name, path.name + ".load-lock") and "duckdb" in item.name)
