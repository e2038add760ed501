"""Generate the synthetic sample dataset in data-contract form, and write it as CSV.

Usage: ``python -m sample_data.generate --out DIR [--people N] [--seed S]``.

Everything is drawn with one seeded numpy generator in a fixed order, as whole
arrays (no per-person or per-referral Python loops), so the same seed, size and
as-of date give byte-identical files, and 300,000 people (about 1,000,000
referrals and 2,000,000 need records) take well under a minute. The model and
its calibration are described in the module docstrings of this package and in
docs/sample-data.md; PLANTED_SIGNALS lists the deliberately worse PDUs and
programmes. The data is synthetic: the place and programme names are real, the
people, numbers and providers are not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from sample_data.catalogue import catalogue, interventions_frame
from sample_data.geography import pdu_table
from sample_data.outcomes import CATEGORY_TIMING, OUTCOME_CODES, draw_outcomes, wait_factors
from sample_data.people import draw_needs, draw_people, people_frame, person_ids
from sample_data.provision import caseload_frame, offered_matrix, provision_frame
from sample_data.referrals import Referrals, draw_referrals
from sample_data.signals import PLANTED_SIGNALS
from sample_data.sufficiency import judge_sufficiency, needs_frame
from sample_data.timeline import NO_DATE, Window, to_datetime64
from vocabulary.definitions import NEEDS

__all__ = ["PLANTED_SIGNALS", "generate_frames", "write_dataset"]

FRAME_NAMES: Final[tuple[str, ...]] = (
    "pdus", "caseload", "interventions", "provision", "people", "needs", "referrals")
#: Share of referrals recorded without a need_code (the intervention's needs apply).
BLANK_NEED_SHARE: Final[float] = 0.08
DEFAULT_AS_OF: Final[dt.date] = dt.date(2026, 10, 31)


def _referrals_frame(rng: np.random.Generator, referrals: Referrals, dates: tuple[
        np.ndarray, np.ndarray, np.ndarray], person_id: np.ndarray, pdu_code: np.ndarray,
        item_code: np.ndarray) -> pd.DataFrame:
    """referrals.csv rows in date order, numbered R0000001 onwards in that order."""
    start, end, outcome = dates
    order = np.lexsort((referrals.item, referrals.person, referrals.referral_date))
    need_code = np.array(NEEDS, dtype=object)[referrals.need]
    need_code[rng.random(len(need_code)) < BLANK_NEED_SHARE] = None
    return pd.DataFrame({
        "referral_id": np.char.add("R", np.char.zfill(np.arange(1, len(order) + 1).astype(str), 7)),
        "person_id": person_id[referrals.person[order]],
        "pdu_code": pdu_code[order],
        "intervention_code": item_code[referrals.item[order]],
        "need_code": need_code[order],
        "referral_date": to_datetime64(referrals.referral_date[order]),
        "start_date": to_datetime64(start[order]),
        "end_date": to_datetime64(end[order]),
        "outcome": np.array(OUTCOME_CODES)[outcome[order]],
    })


def _subset(referrals: Referrals, keep: np.ndarray) -> Referrals:
    return Referrals(*(getattr(referrals, name)[keep] for name in Referrals.__dataclass_fields__))


def _start_counts(pdu: np.ndarray, item: np.ndarray, start: np.ndarray, window: Window,
                  shape: tuple[int, int]) -> np.ndarray:
    """PDU x intervention count of starts on or after the window opens."""
    in_window = start >= window.history_start
    cell = pdu[in_window] * shape[1] + item[in_window]
    return np.bincount(cell, minlength=shape[0] * shape[1]).reshape(shape)


def generate_frames(people_count: int = 60_000, seed: int = 2024,
                    as_of: dt.date = DEFAULT_AS_OF) -> dict[str, pd.DataFrame]:
    """Draw a whole synthetic dataset.

    Args:
        people_count: number of people (rows of people.csv).
        seed: seed of the random generator; the same seed gives the same dataset.
        as_of: last day of the data; three years of activity end here.

    Returns:
        Frames named as in FRAME_NAMES with the contract's CSV columns; dates as
        datetime64 (NaT when empty), months as ``YYYY-MM`` strings.
    """
    rng = np.random.default_rng(seed)
    window, pdus, entries = Window.ending(as_of), pdu_table(), catalogue()
    offered = offered_matrix(rng, entries, pdus)
    cohort = draw_people(rng, people_count, pdus, window)
    needs = draw_needs(rng, cohort, window)
    referrals = draw_referrals(rng, cohort, needs, entries, offered, window)
    pdu = cohort.pdu[referrals.person]
    category = np.array([list(CATEGORY_TIMING).index(item.category) for item in entries])
    factor = wait_factors(rng, pdus, entries, pdu, referrals.item, referrals.referral_date, window)
    start, end, outcome = draw_outcomes(rng, referrals.referral_date, category[referrals.item],
                                        factor, cohort.sentence_end[referrals.person], window)
    referred = np.bincount(referrals.record, minlength=len(needs.need)) > 0
    started = np.bincount(referrals.record[start != NO_DATE], minlength=len(needs.need)) > 0
    sufficiency = judge_sufficiency(rng, needs, cohort, pdus, referred, started, window)
    keep = (end == NO_DATE) | (end >= window.history_start)
    start_counts = _start_counts(pdu, referrals.item, start, window, (len(pdus), len(entries)))
    person_id = person_ids(np.arange(people_count))
    pdu_codes = pdus["pdu_code"].to_numpy()
    item_codes = np.array([item.code for item in entries])
    return {
        "pdus": pdus.drop(columns="size_weight"),
        "caseload": caseload_frame(rng, pdus, window, people_count),
        "interventions": interventions_frame(entries, NEEDS),
        "provision": provision_frame(rng, entries, pdus, offered, window, start_counts),
        "people": people_frame(cohort, pdu_codes, person_id),
        "needs": needs_frame(needs, sufficiency, person_id),
        "referrals": _referrals_frame(
            rng, _subset(referrals, keep), (start[keep], end[keep], outcome[keep]),
            person_id, pdu_codes[pdu[keep]], item_codes),
    }


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ``YYYY-MM-DD`` text (empty for NaT) so the written form is fixed."""
    ready = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            days = frame[column].to_numpy().astype("datetime64[D]")
            text = np.datetime_as_string(days, unit="D").astype(object)
            text[np.isnat(days)] = None
            ready[column] = text
    return ready


def write_dataset(frames: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Write each frame as ``<name>.csv`` (UTF-8, header, ``\\n`` line ends) in ``out_dir``.

    Each file is written beside its final name and then renamed, so an
    interrupted run never leaves a half-written CSV under a dataset's name.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        target = out_dir / f"{name}.csv"
        partial = out_dir / f".{name}.csv.partial"
        _csv_ready(frame).to_csv(partial, index=False, lineterminator="\n", encoding="utf-8")
        os.replace(partial, target)
    # The loader reads this marker and the app then labels every view as synthetic.
    (out_dir / "SYNTHETIC").write_text(
        "This dataset is synthetic: generated by sample_data.generate, not real people or services.\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: generate a dataset and write it, reporting rows and timings."""
    parser = argparse.ArgumentParser(description="Write the synthetic sample dataset as CSV.")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the CSVs to")
    parser.add_argument("--people", type=int, default=60_000, help="number of people")
    parser.add_argument("--seed", type=int, default=2024, help="random seed")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=DEFAULT_AS_OF,
                        help="last date of the data, YYYY-MM-DD")
    args = parser.parse_args(argv)
    if args.people < 1:
        parser.error("--people must be at least 1")
    began = time.perf_counter()
    frames = generate_frames(args.people, args.seed, args.as_of)
    generated = time.perf_counter()
    write_dataset(frames, args.out)
    written = time.perf_counter()
    print(f"Synthetic sample data (seed {args.seed}, {args.people:,} people, as of {args.as_of})")
    for name, frame in frames.items():
        print(f"  {args.out / (name + '.csv')}: {len(frame):,} rows")
    print(f"Generated in {generated - began:.1f} s, written in {written - generated:.1f} s, "
          f"total {written - began:.1f} s")


if __name__ == "__main__":
    main()
