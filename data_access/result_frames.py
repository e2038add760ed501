"""Query results as pandas frames, with the same column types on DuckDB and PostgreSQL.

On DuckDB the rows are fetched column-wise through Arrow: a 37,000-row result takes
about 5 ms instead of about 90 ms through Python tuples. Arrow's types are then
brought to what the row path gives, so callers and tests see one set of types:

- every integer (and DuckDB's HUGEINT sums, which Arrow carries as decimals with
  no fractional digits) becomes int64, or float64 where a value is missing;
- other decimals become float64;
- dates stay ``datetime.date`` objects and text becomes pandas' string type.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pyarrow as pa
from sqlalchemy import Connection, CursorResult, Select


def frame(connection: Connection, statement: Select) -> pd.DataFrame:
    """Run ``statement`` and return its rows as a DataFrame with the selected column names."""
    rows = connection.execute(statement)
    if connection.dialect.name == "duckdb":
        return _arrow_frame(rows)
    # The driver's own tuples: pandas builds a frame from SQLAlchemy Row objects several times more
    # slowly (about 0.3 s instead of 0.04 s for a 34,000-row wait histogram), and even turning Rows
    # into tuples cost 0.2 s of a 0.6 s query returning 68,000 rows at 5,000,000 referrals.
    # psycopg already gives the Python types SQLAlchemy would (dates, Decimals, str, int).
    return pd.DataFrame(rows.cursor.fetchall(), columns=list(rows.keys()))


def _arrow_frame(rows: CursorResult) -> pd.DataFrame:
    with warnings.catch_warnings():
        # DuckDB notes that a DB-API cursor copies the rows once more in C++; still far cheaper than tuples.
        warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)
        table = rows.cursor.to_arrow_table()
    columns = [_row_path_type(column) for column in table.columns]
    return pa.table(columns, names=list(rows.keys())).to_pandas()


def _row_path_type(column: pa.ChunkedArray) -> pa.ChunkedArray:
    kind = column.type
    if pa.types.is_decimal(kind):
        return column.cast(pa.int64() if kind.scale == 0 else pa.float64())
    if pa.types.is_integer(kind) and kind != pa.int64():
        return column.cast(pa.int64())
    if pa.types.is_floating(kind) and kind != pa.float64():
        return column.cast(pa.float64())
    return column
