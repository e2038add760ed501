"""The load history: every successful load, newest first, as the About the data page shows it."""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import Engine, select

from data_access.engine import table_columns
from data_access.result_frames import frame
from data_access.schema import DATA_TABLES, dataset_loads

#: Loads listed, newest first.
HISTORY_ROWS = 50


def load_history(engine: Engine, *, limit: int = HISTORY_ROWS) -> pd.DataFrame:
    """The latest ``limit`` loads: load_id, loaded_at, loaded_by, source, mode, data_as_of, seconds,
    and the dataset's rows per contract table (one integer column per table, empty where the dataset
    had no such file). Columns a database from an older version lacks come back empty."""
    present = table_columns(engine, dataset_loads.name)
    wanted = ("load_id", "loaded_at", "loaded_by", "source", "mode", "data_as_of", "seconds", "row_counts")
    with engine.connect() as connection:
        loads = frame(connection, select(*(dataset_loads.c[name] for name in wanted if name in present))
                      .order_by(dataset_loads.c.load_id.desc()).limit(limit))
    for name in wanted:
        if name not in loads.columns:
            loads[name] = None
    rows = [json.loads(text) if text else {} for text in loads["row_counts"]]
    for table in DATA_TABLES:
        loads[table.name] = pd.array([counts.get(table.name) for counts in rows], dtype="Int64")
    return loads.drop(columns="row_counts")[[*wanted[:-1], *(table.name for table in DATA_TABLES)]]
