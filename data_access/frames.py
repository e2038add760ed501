"""Turn in-memory DataFrames (e.g. from the sample generator) into the text a dataset file holds.

Frames are validated by exactly the same rules as files, so they are first
written out as text: dates as YYYY-MM-DD (YYYY-MM in ``month`` columns), whole
numbers without decimals, missing values as empty text.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_access.contract import FILES_BY_NAME
from data_access.problems import Problem, ProblemLog
from data_access.read import RawDataset, keep_file


def raw_from_frames(frames: dict[str, pd.DataFrame], source: str) -> RawDataset:
    """Build a ``RawDataset`` from frames keyed by file name (``referrals`` or ``referrals.csv``).

    Row numbers in problems are those the frame would have as a CSV file
    (first row = row 2).

    Raises:
        DatasetInvalidError: if a required frame or column is missing, or a name is unknown.
    """
    log = ProblemLog()
    raw = RawDataset({}, {}, source)
    named = {key.strip().lower().removesuffix(".csv"): frame for key, frame in frames.items()}
    for name in sorted(set(named) - set(FILES_BY_NAME)):
        raw.warnings.append(f"{name} is not part of the data contract and was ignored.")
    for spec in FILES_BY_NAME.values():
        if spec.name not in named:
            if spec.required:
                log.add(Problem(spec.name, None, None, None, "required table is missing"))
            continue
        frame = named[spec.name]
        text = pd.DataFrame(
            {str(column): as_text(frame[column], month=str(column).strip().lower() == "month")
             for column in frame.columns},
            index=pd.RangeIndex(2, len(frame) + 2),
        )
        keep_file(raw, spec, spec.name, text, log)
    log.raise_if_any()
    return raw


def as_text(values: pd.Series, *, month: bool = False) -> pd.Series:
    """One column as trimmed text (``str`` dtype) with missing values as empty strings."""
    values = values.reset_index(drop=True)
    if pd.api.types.is_datetime64_any_dtype(values):
        text = _datetime_text(values, month=month)
    elif pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values):
        text = values.astype("string")
    elif pd.api.types.is_float_dtype(values):
        whole = values.notna() & (values % 1 == 0)
        text = values.astype("string").mask(whole, values.where(whole).astype("Int64").astype("string"))
    elif values.dtype == object and values.map(lambda item: isinstance(item, dt.date)).any():
        text = values.map(lambda item: _date_text(item, "%Y-%m" if month else "%Y-%m-%d"))
    else:
        text = values.astype("string")
    return text.fillna("").astype("str").str.strip().set_axis(pd.RangeIndex(2, len(values) + 2))


def _datetime_text(values: pd.Series, *, month: bool) -> pd.Series:
    """Dates as text through Arrow (a fraction of a second for a million rows; strftime takes seconds).

    A time of day other than midnight is kept, so the validator reports it; in a
    month column the first of a month becomes YYYY-MM.
    """
    stamps = pa.array(values, from_pandas=True)
    text = stamps.cast(pa.date32(), safe=False).cast(pa.string())
    if month:
        text = pc.if_else(pc.equal(pc.day(stamps), 1), pc.utf8_slice_codeunits(text, 0, 7), text)
    timed = pc.not_equal(stamps, pc.floor_temporal(stamps, unit="day"))
    if pc.any(timed).as_py():
        text = pc.if_else(timed, pc.strftime(stamps, format="%Y-%m-%d %H:%M"), text)
    return text.to_pandas()


def _date_text(item: object, date_format: str) -> object:
    if item is None or item is pd.NaT:
        return None
    if isinstance(item, dt.date):
        return item.strftime(date_format)
    return item
