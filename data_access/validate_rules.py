"""Rules that look across columns or rows: one row per key, referral dates and outcomes.

Each rule skips values already reported by the column checks (empty or
unparsable), so one mistake is reported once.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_access.contract import FileSpec
from data_access.problems import ProblemLog
from data_access.validate_columns import report, text_of
from vocabulary.definitions import OUTCOMES, REMOVAL_OUTCOMES, STARTED_OUTCOMES


def report_repeated_keys(keys: pd.DataFrame, spec: FileSpec, label: str, log: ProblemLog) -> None:
    """Report every row whose key already appeared on an earlier row.

    Args:
        keys: the key columns as text, indexed by row number, in file order: every
            complete key of the file, or only the rows that take part in a repeat.
        spec: the file's contract (its key columns).
        label: the file's name in problems.
        log: where problems go.
    """
    complete = (keys != "").all(axis=1)
    repeated = keys.duplicated(keep="first") & complete
    if not repeated.any():
        return
    involved = keys.loc[keys.duplicated(keep=False) & complete]
    first_rows = involved.index.to_series().groupby([involved[name] for name in spec.key]).transform("min")
    details = "first on row " + first_rows.astype(str)
    shown = keys.loc[repeated].agg(", ".join, axis=1).reindex(keys.index)
    words = " + ".join(spec.key)
    rule = f"{words} must be unique: another row has the same value" + ("s" if len(spec.key) > 1 else "")
    log.add_rows(label, repeated, words, rule, shown, details.reindex(keys.index))


def check_referrals(typed: dict[str, pa.Array], rows: pd.DataFrame, label: str, log: ProblemLog) -> None:
    """Dates in order (referral <= start <= end) and dates consistent with the outcome."""
    text = {name: text_of(rows[name]) for name in ("referral_date", "start_date", "end_date", "outcome")}
    referral, start, end = typed["referral_date"], typed["start_date"], typed["end_date"]
    _out_of_order(log, label, rows.index, pc.less(start, referral), "start_date", "referral_date", text)
    _out_of_order(log, label, rows.index, pc.less(end, start), "end_date", "start_date", text)
    no_start = pc.and_(pc.is_null(start), pc.equal(text["start_date"], ""))
    _out_of_order(log, label, rows.index, pc.and_(no_start, pc.less(end, referral)), "end_date", "referral_date",
                  text)
    _check_outcomes(text, rows.index, label, log)


def _out_of_order(log: ProblemLog, label: str, rows: pd.Index, broken: pa.Array, column: str, earlier: str,
                  text: dict[str, pa.Array]) -> None:
    if pc.any(broken).as_py():  # the details name the other date; built only when needed
        details = pc.binary_join_element_wise(pa.scalar(f"{earlier} ", pa.large_string()), text[earlier],
                                              pa.scalar("", pa.large_string()))
        report(log, label, broken, rows, column, f"{column} must not be before {earlier}", text[column], details)


def _check_outcomes(text: dict[str, pa.Array], rows: pd.Index, label: str, log: ProblemLog) -> None:
    outcome = text["outcome"]
    has_start, has_end = pc.not_equal(text["start_date"], ""), pc.not_equal(text["end_date"], "")
    report(log, label, pc.and_(pc.equal(outcome, "open"), has_end), rows, "end_date",
           "an open referral must not have an end_date", text["end_date"])
    for value in OUTCOMES:
        chosen = pc.equal(outcome, value)
        if value in STARTED_OUTCOMES:
            report(log, label, pc.and_(chosen, pc.invert(has_start)), rows, "start_date",
                   f"outcome {value} needs a start_date", text["start_date"])
        if value in STARTED_OUTCOMES + REMOVAL_OUTCOMES:
            report(log, label, pc.and_(chosen, pc.invert(has_end)), rows, "end_date",
                   f"outcome {value} needs an end_date", text["end_date"])
