"""Rules that look across columns or rows: one row per key, referral dates and outcomes.

Each rule skips values already reported by the column checks (empty or
unparsable), so one mistake is reported once.
"""

from __future__ import annotations

import pandas as pd

from data_access.contract import FileSpec
from data_access.problems import ProblemLog
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


def check_referrals(typed: pd.DataFrame, text: pd.DataFrame, label: str, log: ProblemLog) -> None:
    """Dates in order (referral <= start <= end) and dates consistent with the outcome."""
    referral, start, end = typed["referral_date"], typed["start_date"], typed["end_date"]
    _dates_out_of_order(log, label, start < referral, "start_date", "referral_date", text)
    _dates_out_of_order(log, label, end < start, "end_date", "start_date", text)
    _dates_out_of_order(log, label, start.isna() & (text["start_date"] == "") & (end < referral), "end_date",
                        "referral_date", text)
    _check_outcomes(text, label, log)


def _dates_out_of_order(log: ProblemLog, label: str, broken: pd.Series, column: str, earlier: str,
                        text: pd.DataFrame) -> None:
    if broken.any():  # the details name the other date; built only when needed (millions of rows)
        log.add_rows(label, broken, column, f"{column} must not be before {earlier}", text[column],
                     f"{earlier} " + text[earlier])


def _check_outcomes(text: pd.DataFrame, label: str, log: ProblemLog) -> None:
    outcome = text["outcome"]
    has_start, has_end = text["start_date"] != "", text["end_date"] != ""
    log.add_rows(label, (outcome == "open") & has_end, "end_date",
                 "an open referral must not have an end_date", text["end_date"])
    for value in OUTCOMES:
        chosen = outcome == value
        if value in STARTED_OUTCOMES:
            log.add_rows(label, chosen & ~has_start, "start_date",
                         f"outcome {value} needs a start_date", text["start_date"])
        if value in STARTED_OUTCOMES + REMOVAL_OUTCOMES:
            log.add_rows(label, chosen & ~has_end, "end_date",
                         f"outcome {value} needs an end_date", text["end_date"])
