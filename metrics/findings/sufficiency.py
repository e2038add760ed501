"""Findings from the Sufficiency gaps page: the least-met need, the gap finder's top cell and the
subgroup furthest below all people in scope. Inputs are the page's own frames."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from metrics.findings.model import TESTED, Finding
from metrics.findings.wording import count_text, lower_first, share_text
from metrics.stats.comparison import NOT_COMPARED
from metrics.stats.disclosure import format_percent
from metrics.sufficiency.benchmark import SIGNIFICANTLY_LOWER, with_benchmark
from metrics.sufficiency.gaps import people_gap_count
from metrics.sufficiency.measures import Measure, measure_table
from metrics.sufficiency.views import UNKNOWN, subgroup_shares
from vocabulary.definitions import SUBGROUP_DIMENSIONS, SUBGROUP_LABELS, SUFFICIENCY_COUNT_COLUMNS, code_label


def dimension_totals(counts: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """One subgroup dimension's counts per value, over every PDU of ``counts``.

    Args:
        counts: need records per PDU and combination of subgroup values
            (``data_access.findings_queries.subgroup_counts``), already cut to the area shown.
        dimension: a key of ``SUBGROUP_DIMENSIONS``.

    Returns:
        One row per subgroup value (missing values kept, as the database's groups are) with the summed
        counts: what ``subgroup_shares`` reads of the page's counts for the dimension (it sums each
        value's rows over the PDUs and needs, and every row for the benchmark), in one grouping.
    """
    grouped = counts.groupby(dimension, as_index=False, sort=True, dropna=False)
    return grouped[list(SUFFICIENCY_COUNT_COLUMNS)].sum().rename(columns={dimension: "subgroup"})


def subgroup_shares_by_dimension(counts: pd.DataFrame, measure: Measure) -> dict[str, pd.DataFrame]:
    """``subgroup_shares(dimension_totals(counts, dimension), measure)`` for every subgroup dimension.

    Args:
        counts: need records per PDU and combination of subgroup values, cut to the area shown.
        measure: the measure compared.

    The five dimensions' totals are stacked and go through one ``measure_table`` and one
    ``with_benchmark`` (every dimension's benchmark is the same: all the need records of ``counts``),
    then are split again and labelled and ordered as ``subgroup_shares`` does: one pass of the
    interval arithmetic instead of ten. Every step works row by row, so each frame equals the page's.
    """
    if counts.empty:
        return {dimension: subgroup_shares(dimension_totals(counts, dimension), measure)
                for dimension in SUBGROUP_DIMENSIONS}
    stacked = pd.concat([dimension_totals(counts, dimension).assign(dimension=dimension)
                         for dimension in SUBGROUP_DIMENSIONS], ignore_index=True)
    table = measure_table(stacked, measure, ["dimension", "subgroup"])
    compared = with_benchmark(table, counts, measure)
    compared["label"] = compared["subgroup"].map(code_label)
    compared["is_unknown"] = compared["subgroup"] == UNKNOWN
    shares = {}
    for dimension, rows in compared.groupby("dimension", sort=False):
        rows = rows.drop(columns="dimension").sort_values(["is_unknown", "subgroup"], kind="stable")
        shares[dimension] = rows.drop(columns="is_unknown").reset_index(drop=True)
    return {dimension: shares[dimension] for dimension in SUBGROUP_DIMENSIONS}


def _gap_people(row: pd.Series) -> int:
    return int(people_gap_count(row["numerator_count"], row["denominator_count"], row["benchmark_pct"]))


def _benchmark_text(row: pd.Series) -> str | None:
    text = format_percent(row["benchmark_pct"], row["benchmark_denominator_count"])
    return None if text in ("suppressed", "–") else text


def least_met_need(shares: pd.DataFrame) -> Finding | None:
    """The need with the lowest judged-sufficient share among those significantly lower than all needs.

    Args:
        shares: ``metrics.sufficiency.views.need_shares`` for judged sufficient against all people in
            scope (each need compared with all needs together), as the page's "By need" chart.

    Returns:
        None when no need is significantly lower (benchmark above its 99.8% interval).
    """
    lower = shares[shares["comparison"] == SIGNIFICANTLY_LOWER].sort_values(["value_pct", "need_code"])
    if lower.empty:
        return None
    row = lower.iloc[0]
    compared = shares[shares["comparison"] != NOT_COMPARED].sort_values(["value_pct", "need_code"])
    shown, benchmark = share_text(row), _benchmark_text(row)
    if shown is None or benchmark is None:
        return None
    need = code_label(row["need_code"])
    lead = ("the least-met need" if compared.iloc[0]["need_code"] == row["need_code"]
            else "met significantly less often than needs overall")
    sentence = (f"{need} is {lead}: {shown[0]} of judged {lower_first(need)} needs were judged sufficient "
                f"({shown[1]}), significantly lower than {benchmark} for all needs; "
                f"{count_text(row['denominator_count'])} people had a judged {lower_first(need)} need.")
    return Finding("need", sentence, _gap_people(row), TESTED, "sufficiency", subject=(str(row["need_code"]),))


def largest_gap_cell(gaps: pd.DataFrame, *, pdu_names: Mapping[str, str], benchmark: str,
                     benchmark_words: str) -> Finding | None:
    """The gap finder's first cell: the PDU and need furthest below the benchmark in people.

    Args:
        gaps: ``metrics.sufficiency.gaps.find_gaps`` for judged sufficient (already only cells
            significantly lower than the benchmark, ranked by the people the gap represents).
        pdu_names: PDU code -> name.
        benchmark: the benchmark key the gaps were found against (kept in the link).
        benchmark_words: the benchmark mid-sentence, e.g. "England and Wales, same need".
    """
    if gaps.empty:
        return None
    row = gaps.iloc[0]
    shown, bench = share_text(row), _benchmark_text(row)
    if shown is None or bench is None:
        return None
    pdu, need = pdu_names.get(row["pdu_code"], row["pdu_code"]), code_label(row["need_code"])
    people = _gap_people(row)
    sentence = (f"The largest gap in a PDU is {lower_first(need)} in {pdu}: {shown[0]} of "
                f"{count_text(row['denominator_count'])} judged needs were judged sufficient ({shown[1]}), "
                f"significantly lower than {bench} for {benchmark_words}; at that rate about "
                f"{count_text(people)} more people would have had sufficient help.")
    return Finding("gap", sentence, people, TESTED, "sufficiency",
                   narrow=(("pdus", (str(row["pdu_code"]),)), ("needs", (str(row["need_code"]),))),
                   settings=(("benchmark", benchmark),), subject=(str(row["pdu_code"]), str(row["need_code"])))


def _subgroup_candidates(shares_by_dimension: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    frames = [shares.assign(dimension=dimension, dimension_order=list(SUBGROUP_DIMENSIONS).index(dimension))
              for dimension, shares in shares_by_dimension.items()]
    if not frames:
        return pd.DataFrame()
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[(rows["comparison"] == SIGNIFICANTLY_LOWER) & (rows["subgroup"] != UNKNOWN)]
    rows = rows.assign(shortfall=rows["benchmark_pct"] - rows["value_pct"])
    return rows.sort_values(["shortfall", "denominator_count", "dimension_order", "subgroup"],
                            ascending=[False, False, True, True], kind="stable")


def furthest_subgroup(shares_by_dimension: Mapping[str, pd.DataFrame]) -> Finding | None:
    """The subgroup value furthest below all people in scope, of those significantly lower.

    Args:
        shares_by_dimension: per subgroup dimension, ``metrics.sufficiency.views.subgroup_shares`` for
            judged sufficient (each value against the all-persons value), as the page's "By subgroup".

    "Unknown" values take no part. Ties: the larger group, then dimension order, then code.
    """
    rows = _subgroup_candidates(shares_by_dimension)
    if rows.empty:
        return None
    row = rows.iloc[0]
    shown, bench = share_text(row), _benchmark_text(row)
    if shown is None or bench is None:
        return None
    dimension = str(row["dimension"])
    sentence = (f"{SUBGROUP_LABELS[dimension]} “{code_label(row['subgroup'])}” is the subgroup furthest below "
                f"all people selected: {shown[0]} of its {count_text(row['denominator_count'])} judged needs "
                f"were judged sufficient ({shown[1]}), significantly lower than {bench} for everyone.")
    return Finding("subgroup", sentence, _gap_people(row), TESTED, "sufficiency",
                   settings=(("subgroup", dimension),), subject=(dimension, str(row["subgroup"])))
