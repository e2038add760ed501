"""Check a dataset against the data contract and turn its text into typed tables.

Every rule is checked on whole columns at once (pandas), so a million
referrals validate in seconds. All problems are collected before raising
``DatasetInvalidError``; nothing is written unless there are none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from data_access.contract import FILES_BY_NAME, LIST_SEPARATOR, ColumnSpec
from data_access.problems import ProblemLog
from data_access.read import RawDataset
from data_access.schema import DATA_TABLES
from data_access.validate_rules import check_keys, check_references, check_referrals

_MONTH = r"\d{4}-\d{2}"
_DATE = r"\d{4}-\d{2}-\d{2}"
#: Largest whole number the database's integer columns hold.
MAX_INTEGER = 2_147_483_647


@dataclass
class ValidDataset:
    """A dataset that meets the contract, as typed tables ready to load.

    Attributes:
        tables: table name -> rows with the table's columns (dates as
            datetime64, whole numbers as int64, empty text as missing), in
            ``DATA_TABLES`` order; absent optional files are left out.
        source: where the dataset came from.
        warnings: what the reader ignored.
        synthetic: whether the dataset is marked as synthetic.
    """

    tables: dict[str, pd.DataFrame]
    source: str
    warnings: list[str] = field(default_factory=list)
    synthetic: bool = False

    @property
    def row_counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: len(rows) for name, rows in self.tables.items()}

    def referral_date_range(self) -> tuple[dt.date, dt.date]:
        """First referral date and the latest referral, start or end date ("data as of")."""
        referrals = self.tables["referrals"]
        latest = max(referrals[column].max() for column in ("referral_date", "start_date", "end_date")
                     if referrals[column].notna().any())
        return referrals["referral_date"].min().date(), latest.date()


def validate_dataset(raw: RawDataset) -> ValidDataset:
    """Check every rule of the contract and return the typed tables.

    Raises:
        DatasetInvalidError: listing every problem (file, row, column, value, rule).
    """
    log = ProblemLog()
    typed: dict[str, pd.DataFrame] = {}
    for name, rows in raw.frames.items():
        spec = FILES_BY_NAME[name]
        label = raw.labels[name]
        typed[name] = pd.DataFrame(
            {column.name: parse_column(rows[column.name], column, label, log) for column in spec.columns},
            index=rows.index,
        )
        check_keys(rows, spec, label, log)
    check_references(raw.frames, raw.labels, log)
    check_referrals(typed["referrals"], raw.frames["referrals"], raw.labels["referrals"], log)
    log.raise_if_any()
    return ValidDataset(_tables(typed), raw.source, list(raw.warnings), raw.synthetic)


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


def _tables(typed: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Arrange the parsed files as database tables (the needs list becomes intervention_needs)."""
    interventions = typed["interventions"]
    need_items = interventions["needs"].fillna("").str.split(LIST_SEPARATOR).explode().str.strip()
    typed["intervention_needs"] = (
        pd.DataFrame({
            "intervention_code": interventions.loc[need_items.index, "intervention_code"].to_numpy(),
            "need_code": need_items.to_numpy(),
        })
        .loc[lambda pairs: pairs["need_code"].ne("")]
        .drop_duplicates()
    )
    return {
        table.name: typed[table.name].loc[:, [column.name for column in table.columns]]
        for table in DATA_TABLES
        if table.name in typed
    }
