"""Assemble per-PDU counts into area frames: every PDU, every region and England and Wales.

The database returns counts per PDU and window; benchmarks add them up, so a
region's or the nation's value is computed from its own numerator and
denominator (never an average of PDU values). Caseload and provision are
monthly: a window uses the mean caseload of the months it overlaps, and a
snapshot (the window's end) uses the latest month on or before it.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from metrics.comparison.indicator_compute import AREA_KEYS

NATIONAL: Final = "E92000001"
NATIONAL_NAME: Final = "England and Wales"
#: Rate numerators counted only where the PDU has a caseload figure, so that a PDU
#: without one adds to neither side of its region's or the nation's rate.
RATED_NUMERATORS: Final[dict[str, tuple[str, str]]] = {
    "waiting_rated_count": ("waiting_count", "supervised_at_snapshot"),
    "referral_rated_count": ("referral_count", "supervised_mean"),
    "places_rated_count": ("places_at_snapshot", "supervised_at_snapshot"),
}


def _monthly_matrices(monthly: pd.DataFrame, windows: tuple[tuple[object, object], ...], *, value: str) -> tuple[
        pd.Index, np.ndarray, np.ndarray]:
    """``monthly_by_window``'s figures as PDU × window arrays: the PDU codes (sorted), the mean over the
    months overlapping each window and the value in the latest month on or before its end (NaN: no such
    month; no month overlapping gives a NaN mean).

    Worked out with numpy on a few thousand monthly rows: a month overlaps a window when its first day is
    on or before the window's end and its last day on or after the window's start. Counts are whole
    numbers, so their sums are exact and the means equal pandas' group means; among rows for the same
    PDU and month the later row is the latest, as a stable sort by month gives.
    """
    codes, pdu_codes = pd.factorize(monthly["pdu_code"], sort=True)
    days = pd.to_datetime(monthly["month"]).to_numpy().astype("datetime64[D]")
    order = np.argsort(days, kind="stable")
    codes, days = codes[order], days[order]
    amounts = monthly[value].to_numpy("float64")[order]
    last_days = (days.astype("datetime64[M]") + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    size = (len(pdu_codes), len(windows))
    means, latest = np.full(size, np.nan), np.full(size, np.nan)
    rows = np.arange(len(days))
    for window, (start, end) in enumerate(windows):
        so_far = days <= np.datetime64(pd.Timestamp(end).date(), "D")
        overlapping = so_far & (last_days >= np.datetime64(pd.Timestamp(start).date(), "D"))
        totals = np.bincount(codes[overlapping], weights=amounts[overlapping], minlength=size[0])
        months = np.bincount(codes[overlapping], minlength=size[0])
        means[:, window] = np.where(months > 0, totals / np.maximum(months, 1), np.nan)
        last_row = np.full(size[0], -1)
        np.maximum.at(last_row, codes[so_far], rows[so_far])
        latest[:, window] = np.where(last_row >= 0, amounts[np.maximum(last_row, 0)], np.nan)
    return pdu_codes, means, latest


def _whole_numbers(monthly: pd.DataFrame, value: str) -> bool:
    return pd.api.types.is_integer_dtype(monthly[value].dtype)


def _monthly_by_window_in_pandas(monthly: pd.DataFrame, windows: tuple[tuple[object, object], ...], *,
                                 value: str) -> pd.DataFrame:
    """``monthly_by_window`` for values that are not whole numbers (or may be missing)."""
    columns = ["pdu_code", "window", f"{value}_mean", f"{value}_at_snapshot"]
    ordered = monthly.assign(month=pd.to_datetime(monthly["month"])).sort_values("month", kind="stable")
    spans = pd.DataFrame({"window": range(len(windows)),
                          "start": pd.to_datetime([start for start, _ in windows]),
                          "end": pd.to_datetime([end for _, end in windows])})
    # Every month against every window at once (months × windows rows: a few tens of thousands).
    pairs = ordered.merge(spans, how="cross")
    first_days = pairs["month"]
    so_far = pairs[first_days <= pairs["end"]]
    overlapping = so_far[first_days[so_far.index] + pd.offsets.MonthEnd(0) >= so_far["start"]]
    means = overlapping.groupby(["pdu_code", "window"], sort=False)[value].mean().rename(f"{value}_mean")
    latest = (so_far.drop_duplicates(["pdu_code", "window"], keep="last").set_index(["pdu_code", "window"])[value]
              .astype("float64").rename(f"{value}_at_snapshot"))
    joined = pd.concat([means, latest], axis=1).reset_index()
    return joined.sort_values(["window", "pdu_code"], kind="stable", ignore_index=True)[columns]


def monthly_by_window(monthly: pd.DataFrame, windows: tuple[tuple[object, object], ...], *, value: str) -> (
        pd.DataFrame):
    """Per (pdu_code, window): the mean of ``value`` over months overlapping the window
    (``<value>_mean``) and its value in the latest month on or before the window's end
    (``<value>_at_snapshot``). ``monthly`` has pdu_code, month (first day), ``value``.

    One row per PDU and window with a month on or before the window's end, by window then PDU.
    """
    columns = ["pdu_code", "window", f"{value}_mean", f"{value}_at_snapshot"]
    if monthly.empty:
        return pd.DataFrame({name: pd.Series(dtype="object" if name == "pdu_code" else "float64")
                             for name in columns})
    if not _whole_numbers(monthly, value):
        return _monthly_by_window_in_pandas(monthly, windows, value=value)
    pdu_codes, means, latest = _monthly_matrices(monthly, windows, value=value)
    present = ~np.isnan(latest.T)  # window × PDU, the order of the rows
    windows_of, pdus_of = np.nonzero(present)
    return pd.DataFrame({"pdu_code": pdu_codes[pdus_of], "window": windows_of.astype("int64"),
                         columns[2]: means.T[present], columns[3]: latest.T[present]})[columns]


def _on_grid(monthly: pd.DataFrame, windows: tuple[tuple[object, object], ...], value: str,
             grid_codes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``monthly_by_window``'s two figures for each row of a PDU × window grid (PDU by PDU, windows
    in order within each), NaN where the PDU has none."""
    size = len(grid_codes)
    if monthly.empty:
        return np.full(size, np.nan), np.full(size, np.nan)
    if not _whole_numbers(monthly, value):
        table = _monthly_by_window_in_pandas(monthly, windows, value=value)
        keyed = table.set_index(["pdu_code", "window"])
        keys = pd.MultiIndex.from_arrays([grid_codes.to_numpy(), np.tile(np.arange(len(windows)),
                                                                        size // max(len(windows), 1))])
        found = keyed.reindex(keys)
        return found[f"{value}_mean"].to_numpy("float64"), found[f"{value}_at_snapshot"].to_numpy("float64")
    pdu_codes, means, latest = _monthly_matrices(monthly, windows, value=value)
    row = pdu_codes.get_indexer(grid_codes.iloc[::max(len(windows), 1)])
    known = row >= 0
    missing = np.full((len(row), len(windows)), np.nan)
    return (np.where(known[:, None], means[np.maximum(row, 0)], missing).ravel(),
            np.where(known[:, None], latest[np.maximum(row, 0)], missing).ravel())


def pdu_counts_frame(
    pdus: pd.DataFrame,
    windows: tuple[tuple[object, object], ...],
    counts: list[pd.DataFrame],
    *,
    caseload: pd.DataFrame,
    places: pd.DataFrame,
) -> pd.DataFrame:
    """One row per PDU and window with every count the indicators use.

    Args:
        pdus: pdu_code and region_code of every PDU.
        windows: the (start, end) dates the counts were made for.
        counts: frames keyed by (pdu_code, window) with integer count columns;
            a PDU missing from one has zero of those counts.
        caseload: pdu_code, month, people_supervised (may be empty).
        places: pdu_code, month, places (may be empty).

    Returns:
        pdu_code, region_code, window, the counts, supervised_mean,
        supervised_at_snapshot, places_at_snapshot (NaN where no caseload or
        provision was loaded), and the ``RATED_NUMERATORS``.
    """
    size = len(windows)
    grid = pdus[["pdu_code", "region_code"]].iloc[np.repeat(np.arange(len(pdus)), size)].reset_index(drop=True)
    grid["window"] = np.tile(np.arange(size, dtype="int64"), len(pdus))
    keys = pd.MultiIndex.from_arrays([grid["pdu_code"], grid["window"]])
    for part in counts:
        columns = part.columns.drop(["pdu_code", "window"])
        found = part.set_index(["pdu_code", "window"])[columns].reindex(keys)
        for name in columns:
            grid[name] = found[name].fillna(0).to_numpy()
    grid["supervised_mean"], grid["supervised_at_snapshot"] = _on_grid(caseload, windows, "people_supervised",
                                                                       grid["pdu_code"])
    grid["places_at_snapshot"] = _on_grid(places, windows, "places", grid["pdu_code"])[1]
    if len(places):
        grid["places_at_snapshot"] = grid["places_at_snapshot"].fillna(0)
    if {"start_count", "removed_count"} <= set(grid.columns):
        # Everyone who left the waiting list in the window: by starting, or removed without a start.
        grid["left_list_count"] = grid["start_count"] + grid["removed_count"]
    for rated, (numerator, denominator) in RATED_NUMERATORS.items():
        if numerator not in grid.columns:
            continue
        grid[rated] = np.where(grid[denominator].notna(), grid[numerator], 0)
    return grid


def area_counts(pdu_counts: pd.DataFrame) -> pd.DataFrame:
    """PDU counts plus their sums per region and for England and Wales, keyed by ``AREA_KEYS``.

    Denominators missing for a PDU count as zero in the sums; a sum over areas
    with none at all stays missing.
    """
    value_columns = [name for name in pdu_counts.columns if name not in ("pdu_code", "region_code", "window")]
    pdu_rows = pdu_counts.assign(area_type="pdu", area_code=pdu_counts["pdu_code"])
    region_rows = pdu_counts.groupby(["window", "region_code"], as_index=False)[value_columns].sum(min_count=1)
    region_rows = region_rows.assign(area_type="region", area_code=region_rows["region_code"])
    national_rows = pdu_counts.groupby("window", as_index=False)[value_columns].sum(min_count=1)
    national_rows = national_rows.assign(area_type="national", area_code=NATIONAL)
    columns = [*AREA_KEYS, *value_columns]
    return pd.concat([part[columns] for part in (pdu_rows, region_rows, national_rows)], ignore_index=True)


def area_waits(histogram: pd.DataFrame, pdus: pd.DataFrame) -> pd.DataFrame:
    """A per-PDU wait histogram (window, pdu_code, wait_days, waiting_count) pooled to every area."""
    keys = ["window", "wait_days"]
    with_region = histogram.merge(pdus[["pdu_code", "region_code"]], on="pdu_code", how="inner")
    pdu_rows = with_region.assign(area_type="pdu", area_code=with_region["pdu_code"])
    region_rows = with_region.groupby(["region_code", *keys], as_index=False)["waiting_count"].sum()
    region_rows = region_rows.assign(area_type="region", area_code=region_rows["region_code"])
    national_rows = with_region.groupby(keys, as_index=False)["waiting_count"].sum()
    national_rows = national_rows.assign(area_type="national", area_code=NATIONAL)
    columns = [*AREA_KEYS, "wait_days", "waiting_count"]
    return pd.concat([part[columns] for part in (pdu_rows, region_rows, national_rows)], ignore_index=True)


def waiting_counts(histogram: pd.DataFrame, *, target_days: int) -> pd.DataFrame:
    """From a wait histogram, per (pdu_code, window): waiting_count and within_target_count
    (waits of ``target_days`` or less)."""
    within = histogram["waiting_count"].where(histogram["wait_days"] <= target_days, 0)
    counts = histogram.assign(within_target_count=within).groupby(["pdu_code", "window"], as_index=False)[
        ["waiting_count", "within_target_count"]].sum()
    return counts.astype({"waiting_count": "int64", "within_target_count": "int64"})
