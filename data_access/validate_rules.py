"""Rules that look across rows or files: one row per key, references, referral dates and outcomes.

Each rule skips values already reported by the column checks (empty or
unparsable), so one mistake is reported once.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_access.contract import REFERENCES, FileSpec
from data_access.problems import ProblemLog
from vocabulary.definitions import OUTCOMES, REMOVAL_OUTCOMES, STARTED_OUTCOMES


def is_in(values: pd.Series, allowed: pd.Series) -> pd.Series:
    """Whether each value occurs in ``allowed`` (hash lookup in Arrow: fast on a million rows)."""
    found = pc.is_in(pa.array(values, type=pa.string()), value_set=pa.array(allowed.unique(), type=pa.string()))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index)


def check_keys(rows: pd.DataFrame, spec: FileSpec, label: str, log: ProblemLog) -> None:
    """One row per key: report every row whose key already appeared on an earlier row."""
    keys = rows.loc[:, list(spec.key)]
    complete = (keys != "").all(axis=1)
    repeated = keys.duplicated(keep="first") & complete
    if not repeated.any():
        return
    involved = keys.loc[keys.duplicated(keep=False) & complete]
    first_rows = involved.index.to_series().groupby([involved[name] for name in spec.key]).transform("min")
    details = "first on row " + first_rows.astype(str)
    shown = keys.loc[repeated].agg(", ".join, axis=1).reindex(rows.index)
    words = " + ".join(spec.key)
    rule = f"{words} must be unique: another row has the same value" + ("s" if len(spec.key) > 1 else "")
    log.add_rows(label, repeated, words, rule, shown, details.reindex(rows.index))


def check_references(frames: dict[str, pd.DataFrame], labels: dict[str, str], log: ProblemLog) -> None:
    """Every code that points at another file (pdu_code, person_id, intervention_code) exists there."""
    for reference in REFERENCES:
        if reference.file not in frames or reference.parent_file not in frames:
            continue
        values = frames[reference.file][reference.column]
        parents = frames[reference.parent_file][reference.parent_column]
        broken = (values != "") & ~is_in(values, parents)
        rule = f"must be one of the {reference.parent_column} values in {labels[reference.parent_file]}"
        log.add_rows(labels[reference.file], broken, reference.column, rule, values)


def check_referrals(typed: pd.DataFrame, text: pd.DataFrame, label: str, log: ProblemLog) -> None:
    """Dates in order (referral <= start <= end) and dates consistent with the outcome."""
    referral, start, end = typed["referral_date"], typed["start_date"], typed["end_date"]
    log.add_rows(label, start < referral, "start_date", "start_date must not be before referral_date",
                 text["start_date"], "referral_date " + text["referral_date"])
    log.add_rows(label, end < start, "end_date", "end_date must not be before start_date",
                 text["end_date"], "start_date " + text["start_date"])
    log.add_rows(label, start.isna() & (text["start_date"] == "") & (end < referral), "end_date",
                 "end_date must not be before referral_date", text["end_date"],
                 "referral_date " + text["referral_date"])
    _check_outcomes(text, label, log)


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
