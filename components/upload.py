"""Loading a new dataset from the browser (About the data), and the load history.

The upload goes through the command-line loader's validator (``data_access.upload`` via
``cache.load_upload``): all or nothing, and the database's data version changes when it
commits, so every open session reads the new data on its next rerun (``cache.current_engine``).
Who may upload is decided in one place, ``upload_allowed``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import access, cache
from components.blocks import download_csv
from metrics.stats.disclosure import format_count
from vocabulary.access import AuditAction, Role, has_role

_MB = 1024 * 1024
#: Session keys of the last upload's outcome (kept so a download's rerun does not lose the report).
_OUTCOME_KEY = "upload_outcome"
#: The contract's tables, in load order (file names without ".csv").
TABLES = ("pdus", "caseload", "interventions", "intervention_needs", "provision", "people", "needs", "referrals")


def upload_allowed(*, fresh: bool = False) -> bool:
    """Whether this session may load data: the one permission check for uploads.

    Everyone may in the embedded demo, which has no sign-in. With sign-in configured (issue 19),
    administrators only; ``fresh`` reads the role from the users table again, as an action must.
    """
    if not access.sign_in_configured():
        return True
    actor = access.current_actor(fresh=fresh)
    return actor is not None and has_role(actor, Role.ADMIN)


def uploader_name() -> str | None:
    """Who is loading, for the load history: the signed-in person's e-mail, else None (no sign-in)."""
    actor = access.current_actor()
    return actor.email if actor is not None else None


def _limits_text(limits: cache.UploadLimits) -> str:
    return (f"Up to **{limits.max_upload_bytes / _MB:,.0f} MB** in all; a zip may hold up to "
            f"{limits.max_zip_files} files and unpack to at most {limits.max_unzipped_bytes / _MB:,.0f} MB.")


class _Progress:
    """The loader's progress as a bar: the upload checked, each table checked and written, the summaries built."""

    def __init__(self) -> None:
        self.bar = st.progress(0.0, text="Checking the upload")
        self.seen: list[str] = []

    def __call__(self, step: str, rows_done: int, rows_total: int) -> None:
        if step in TABLES and step not in self.seen:
            self.seen.append(step)
        if step in TABLES:
            share = 0.1 + 0.7 * len(self.seen) / len(TABLES)
            self.bar.progress(share, text=f"Checking and writing {step}: {rows_done:,} rows")
        elif step.startswith("Building derived"):
            self.bar.progress(0.85, text="Building the summary tables")
        elif step.startswith("Checked"):
            self.bar.progress(0.8, text=step)


def _run_upload(files: list[object]) -> None:
    if not upload_allowed(fresh=True):  # checked again where the action happens, not only when drawing
        st.session_state[_OUTCOME_KEY] = ("failed", "Only administrators can load new data.", None)
        return
    uploaded = [cache.UploadedFile(item.name, item.getvalue()) for item in files]
    progress = _Progress()
    try:
        summary = cache.load_upload(uploaded, loaded_by=uploader_name(), progress=progress)
    except cache.DatasetInvalidError as error:
        progress.bar.empty()
        st.session_state[_OUTCOME_KEY] = ("invalid", error.total, problem_table(error))
    except cache.UploadBusyError as error:
        progress.bar.empty()
        st.session_state[_OUTCOME_KEY] = ("busy", str(error), None)
    except cache.LoadError as error:
        progress.bar.empty()
        st.session_state[_OUTCOME_KEY] = ("failed", str(error), None)
    else:
        progress.bar.progress(1.0, text="Loaded")
        access.record(AuditAction.DATA_LOAD, target=str(summary.source),
                      detail=f"browser upload; {sum(summary.dataset_rows.values())} rows in the dataset")
        rows = ", ".join(f"{format_count(summary.dataset_rows.get(name))} {name}" for name in ("people", "referrals"))
        st.session_state[_OUTCOME_KEY] = (
            "loaded", f"Loaded {summary.source} ({rows}; data as of {summary.data_as_of:%d %B %Y}) in "
                      f"{summary.seconds:.1f} s. Every page now shows the new data.", None)
        st.rerun()  # draw the page again from the new data (other sessions move on their next rerun)


def problem_table(error: cache.DatasetInvalidError) -> pd.DataFrame:
    """The validator's report as a table: file, row, column, value, rule (the first problems of each kind)."""
    return pd.DataFrame([{"file": problem.file, "row": problem.row, "column": problem.column,
                          "value": problem.value, "rule": problem.rule} for problem in error.problems],
                        columns=["file", "row", "column", "value", "rule"]).astype({"row": "Int64"})


def _show_outcome() -> None:
    outcome = st.session_state.get(_OUTCOME_KEY)
    if outcome is None:
        return
    kind, detail, table = outcome
    if kind == "loaded":
        st.success(detail, icon=":material/check_circle:")
    elif kind == "busy":
        st.warning(detail, icon=":material/hourglass_top:")
    elif kind == "failed":
        st.error(detail)
    else:
        shown = "" if len(table) == detail else f" (the first {len(table):,} are listed)"
        st.error(f"Nothing was loaded: the upload breaks the data contract in {detail:,} "
                 f"place{'s' if detail != 1 else ''}{shown}. The data already loaded are unchanged.")
        st.dataframe(table, hide_index=True, width="stretch", key="upload_report")
        download_csv(table, file_name="upload_problems.csv", key="upload_report_download",
                     label="Download the problems (CSV)")


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The load history for display: when, who, source, mode, data date, seconds, rows per table (controlled)."""
    shown = pd.DataFrame({
        "Loaded at (UTC)": pd.to_datetime(history["loaded_at"]).dt.strftime("%d %b %Y %H:%M"),
        "By": history["loaded_by"].fillna("–"),
        "Source": history["source"],
        "Mode": history["mode"],
        "Data as of": [f"{value:%d %b %Y}" if pd.notna(value) else "–" for value in history["data_as_of"]],
        "Seconds": [f"{value:.1f}" if pd.notna(value) else "–" for value in pd.to_numeric(history["seconds"],
                                                                                          errors="coerce")],
    })
    for name in TABLES:
        shown[f"{name} rows"] = [format_count(value) if pd.notna(value) else "–" for value in history[name]]
    return shown


def data_upload() -> None:
    """The "Load new data" section (when this session may upload), then the load history."""
    st.subheader("Load new data")
    if not upload_allowed():
        st.info("Only administrators can load new data.")
    else:
        limits = cache.UploadLimits.from_environment()
        st.markdown("Upload the data contract's CSV files, one .xlsx workbook (a sheet per file) or one .zip "
                    "of the CSV files. They replace the data loaded now, and only if every check passes. "
                    + _limits_text(limits))
        files = st.file_uploader("Dataset files", type=["csv", "xlsx", "zip", "txt"], accept_multiple_files=True,
                                 key="upload_files", max_upload_size=max(1, int(limits.max_upload_bytes / _MB)))
        if st.button("Check and load", key="upload_start", type="primary", disabled=not files):
            _run_upload(list(files or []))
        _show_outcome()
    st.markdown("**Load history**")
    st.dataframe(history_table(cache.load_load_history()), hide_index=True, width="stretch", key="load_history")
