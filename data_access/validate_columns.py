"""Check one batch of a file column by column, and give its rows typed as the database stores them.

Each rule runs on a whole column of the batch at once (pandas over Arrow strings);
dates take Arrow's strict ISO parse and fall back to the rule-by-rule path only in
a batch where that parse fails, so that each broken value is still named.
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


def parse_column(values: pd.Series, column: ColumnSpec, label: str, log: ProblemLog) -> pd.Series:
    """Parse one column of text by its kind, reporting each value that breaks a rule.

    Returns:
        The typed values (missing where empty); broken values are returned as
        missing too, but the caller raises before they could be used.
    """
    if column.default is not None:
        values = values.mask(values == "", column.default)
    present = values != ""
    if column.required:
        log.add_rows(label, ~present, column.name, "a value is required", values)
    if column.kind == "enum":
        broken = present & ~values.isin(column.allowed)
        log.add_rows(label, broken, column.name, f"must be one of: {', '.join(column.allowed)}", values)
    elif column.kind == "list":
        _check_list(values, column, label, log)
    elif column.kind in ("month", "date"):
        return _parse_dates(values, present, column, label, log)
    elif column.kind == "integer":
        return _parse_integers(values, present, column, label, log)
    return values.mask(~present)


def _check_list(values: pd.Series, column: ColumnSpec, label: str, log: ProblemLog) -> None:
    items = values.str.split(LIST_SEPARATOR).explode().str.strip()
    unknown = items.ne("") & ~items.isin(column.allowed)
    broken = unknown.groupby(level=0).any().reindex(values.index, fill_value=False)
    rule = f"each code must be one of: {', '.join(column.allowed)} (separated by '{LIST_SEPARATOR}')"
    log.add_rows(label, broken, column.name, rule, values)


def _parse_dates(
    values: pd.Series, present: pd.Series, column: ColumnSpec, label: str, log: ProblemLog
) -> pd.Series:
    if column.kind == "date":
        try:  # Arrow accepts exactly YYYY-MM-DD with a real day, as the rule below does
            dates = pc.cast(pa.array(values.where(present), type=pa.string()), pa.date32())
            return pd.Series(dates.to_pandas(date_as_object=False).to_numpy(), index=values.index)
        except pa.ArrowInvalid:
            pass  # some value is broken: find and name each one
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
    values: pd.Series, present: pd.Series, column: ColumnSpec, label: str, log: ProblemLog
) -> pd.Series:
    digits = values.str.fullmatch(r"\d{1,10}")
    numbers = pd.to_numeric(values.where(digits, "0")).astype("int64")
    broken = present & (~digits | (numbers > MAX_INTEGER))
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


def arrow_rows(rows: pd.DataFrame, table: Table) -> pa.Table:
    """The typed rows as Arrow with the table's columns and types (dates as date32, missing as null)."""
    arrays = []
    for column in table.columns:
        values = pa.array(rows[column.name], from_pandas=True)
        if isinstance(column.type, Date):
            values = values.cast(pa.date32())
        elif isinstance(column.type, Integer):
            values = values.cast(pa.int64())
        else:
            values = values.cast(pa.string())
        arrays.append(values)
    return pa.table(arrays, names=[column.name for column in table.columns])
