"""Check one batch of a file column by column, and give its values typed as the database stores them.

Each rule runs on a whole column of the batch at once, in Arrow; only where a rule
is broken are the rows turned into problems (``report``), so a clean batch of
200,000 rows is checked in milliseconds. Dates take Arrow's strict ISO parse and
fall back to the rule-by-rule path only in a batch where that parse fails, so that
each broken value is still named. The small files' lists, months and whole numbers
keep the pandas path.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Date, Integer, Table

from data_access.contract import LIST_SEPARATOR, ColumnSpec
from data_access.problems import ProblemLog

_MONTH = r"\d{4}-\d{2}"
_DATE = r"\d{4}-\d{2}-\d{2}"
#: Largest whole number the database's integer columns hold.
MAX_INTEGER = 2_147_483_647


def text_of(values: pd.Series) -> pa.Array:
    """A column of text as one Arrow array (no copy for pandas' Arrow-backed strings)."""
    text = pa.array(values, type=pa.large_string(), from_pandas=True)
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text


def report(log: ProblemLog, label: str, broken: pa.Array, rows: pd.Index, column: str, rule: str,
           shown: pa.Array | None, details: pa.Array | None = None) -> None:
    """Record one problem per row where ``broken`` is true (false or missing: no problem)."""
    if not pc.any(broken).as_py():
        return
    flags = pd.Series(pc.fill_null(broken, False).to_numpy(zero_copy_only=False), index=rows)
    log.add_rows(label, flags, column, rule, _series(shown, rows), _series(details, rows))


def _series(values: pa.Array | None, rows: pd.Index) -> pd.Series | None:
    return None if values is None else pd.Series(values.to_pylist(), index=rows)


def parse_column(values: pd.Series, column: ColumnSpec, label: str, log: ProblemLog) -> pa.Array:
    """Parse one column of text by its kind, reporting each value that breaks a rule.

    Returns:
        The typed values (null where empty); broken values are returned as null
        too, but the caller raises before they could be used.
    """
    text = text_of(values)
    if column.default is not None:
        text = pc.if_else(pc.equal(text, ""), column.default, text)
    present = pc.not_equal(text, "")
    if column.required:
        report(log, label, pc.invert(present), values.index, column.name, "a value is required", text)
    if column.kind == "enum":
        broken = pc.and_(present, pc.invert(pc.is_in(text, value_set=pa.array(column.allowed, pa.large_string()))))
        report(log, label, broken, values.index, column.name, f"must be one of: {', '.join(column.allowed)}", text)
    elif column.kind == "list":
        _check_list(values, column, label, log)
    elif column.kind == "date":
        return _parse_dates(values, text, present, column, label, log)
    elif column.kind == "month":
        return _from_pandas(_parse_slowly(values, present, column, label, log), pa.date32())
    elif column.kind == "integer":
        return _from_pandas(_parse_integers(values, present, column, label, log), pa.int64())
    return pc.if_else(present, text, pa.scalar(None, pa.large_string()))


def _from_pandas(values: pd.Series, kind: pa.DataType) -> pa.Array:
    return pa.array(values, from_pandas=True).cast(kind)


def _check_list(values: pd.Series, column: ColumnSpec, label: str, log: ProblemLog) -> None:
    items = values.str.split(LIST_SEPARATOR).explode().str.strip()
    unknown = items.ne("") & ~items.isin(column.allowed)
    broken = unknown.groupby(level=0).any().reindex(values.index, fill_value=False)
    rule = f"each code must be one of: {', '.join(column.allowed)} (separated by '{LIST_SEPARATOR}')"
    log.add_rows(label, broken, column.name, rule, values)


def _parse_dates(values: pd.Series, text: pa.Array, present: pa.Array, column: ColumnSpec, label: str,
                 log: ProblemLog) -> pa.Array:
    try:  # Arrow accepts exactly YYYY-MM-DD with a real day, as the rule does
        return pc.cast(pc.if_else(present, text, pa.scalar(None, pa.large_string())), pa.date32())
    except pa.ArrowInvalid:  # some value is broken: find and name each one
        return _from_pandas(_parse_slowly(values, pd.Series(present.to_numpy(zero_copy_only=False),
                                                            index=values.index), column, label, log),
                            pa.date32())


def _parse_slowly(values: pd.Series, present: pa.Array | pd.Series, column: ColumnSpec, label: str,
                  log: ProblemLog) -> pd.Series:
    if isinstance(present, pa.Array):
        present = pd.Series(present.to_numpy(zero_copy_only=False), index=values.index)
    if column.kind == "month":
        shaped = values.str.fullmatch(_MONTH)
        parsed = pd.to_datetime(values.where(shaped) + "-01", format="%Y-%m-%d", errors="coerce")
        rule = "must be a month in the form YYYY-MM (e.g. 2024-03)"
    else:
        shaped = values.str.fullmatch(_DATE)
        parsed = pd.to_datetime(values.where(shaped), format="%Y-%m-%d", errors="coerce")
        rule = "must be a real date in the form YYYY-MM-DD (e.g. 2024-03-31)"
    log.add_rows(label, present & parsed.isna(), column.name, rule, values)
    return parsed


def _parse_integers(
    values: pd.Series, present: pa.Array, column: ColumnSpec, label: str, log: ProblemLog
) -> pd.Series:
    present_rows = pd.Series(present.to_numpy(zero_copy_only=False), index=values.index)
    digits = values.str.fullmatch(r"\d{1,10}")
    numbers = pd.to_numeric(values.where(digits, "0")).astype("int64")
    broken = present_rows & (~digits | (numbers > MAX_INTEGER))
    log.add_rows(label, broken, column.name, f"must be a whole number from 0 to {MAX_INTEGER:,}", values)
    return numbers


def need_pairs(interventions: pd.DataFrame) -> pd.DataFrame:
    """interventions.csv's ``needs`` lists as (intervention_code, need_code) rows, each pair once."""
    need_items = interventions["needs"].fillna("").str.split(LIST_SEPARATOR).explode().str.strip()
    return (
        pd.DataFrame({
            "intervention_code": interventions.loc[need_items.index, "intervention_code"].to_numpy(),
            "need_code": need_items.to_numpy(),
        })
        .loc[lambda pairs: pairs["need_code"].ne("")]
        .drop_duplicates()
    )


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow types the writers take for a table's columns."""
    kinds = {Date: pa.date32(), Integer: pa.int64()}
    return pa.schema([(column.name, next((kind for base, kind in kinds.items() if isinstance(column.type, base)),
                                         pa.large_string())) for column in table.columns])


def typed_rows(rows: pd.DataFrame, table: Table) -> pa.Table:
    """Typed rows held in pandas (a few, such as the needs lists' pairs) as the writers take them."""
    return pa.Table.from_pandas(rows.loc[:, [column.name for column in table.columns]],
                                schema=arrow_schema(table), preserve_index=False)
