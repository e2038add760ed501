"""Key findings' one query of their own: need records counted by every subgroup dimension at once.

The findings compare each subgroup value of every dimension (gender, ethnicity group, age band, risk
level, sentence type) with all people in scope, for the period and for the comparison period. The
Sufficiency gaps page asks ``sufficiency_queries.sufficiency_counts`` for one dimension at a time
(split by need too, which its charts read); for the findings that is ten scans of the need records
per view. This query makes one pass instead, grouped by PDU and all five dimensions together (no
need), with the same need records, link flags and counts, so each dimension's per-PDU counts are sums
of its rows (``metrics.findings.sufficiency.dimension_totals``).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, Select, select

from data_access.need_links import linked_need_records
from data_access.result_frames import frame
from data_access.schema import pdus
from data_access.sufficiency_queries import _count_columns, _link_conditions
from vocabulary.definitions import SUBGROUP_DIMENSIONS
from vocabulary.definitions import SUFFICIENCY_COUNT_COLUMNS as COUNT_COLUMNS
from vocabulary.scope import Filters

GROUP_COLUMNS: tuple[str, ...] = ("pdu_code", "region_code", *SUBGROUP_DIMENSIONS)


def subgroup_counts_statement(filters: Filters) -> Select:
    """The aggregate behind ``subgroup_counts``: ``sufficiency_counts_statement`` grouped by every dimension.

    Grouped by PDU and the five dimensions, the region read from pdus afterwards (need_records_linked takes
    its region from pdus by the person's PDU, so a PDU has one), as ``window_counts_statement`` does: each
    text key multiplies PostgreSQL's guess of the groups (about 935,000 for some 55,000 at 5,000,000
    referrals), and past work_mem it sorts the need records instead of hashing them.
    """
    linked = linked_need_records(filters, filters.period_start, filters.period_end,
                                 carried=("pdu_code", *SUBGROUP_DIMENSIONS, "sufficiency"),
                                 link_conditions=_link_conditions(filters))
    keys = [linked.c.pdu_code, *(linked.c[name] for name in SUBGROUP_DIMENSIONS)]
    counted = select(*keys, *_count_columns(linked)).group_by(*keys).subquery()
    return (select(counted.c.pdu_code, pdus.c.region_code, *(counted.c[name] for name in SUBGROUP_DIMENSIONS),
                   *(counted.c[name] for name in COUNT_COLUMNS))
            .select_from(counted.join(pdus, pdus.c.pdu_code == counted.c.pdu_code)))


def subgroup_counts(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Need records per PDU and combination of the five subgroup values, with the Sufficiency gaps page's
    counts (``sufficiency_queries.sufficiency_counts``: referred, started and completed within the
    follow-up window, judged and judged sufficient), for the same need records and linked referrals.

    Returns:
        One row per (pdu_code, region_code, gender, ethnicity_group, age_band, risk_level, sentence_type)
        with integer columns ``COUNT_COLUMNS``; no rows when nothing is in scope.
    """
    with engine.connect() as connection:
        counts = frame(connection, subgroup_counts_statement(filters))
    if counts.empty:
        return pd.DataFrame({column: pd.Series(dtype="object") for column in GROUP_COLUMNS}).assign(
            **{column: pd.Series(dtype="int64") for column in COUNT_COLUMNS}
        )
    return counts.astype({column: "int64" for column in COUNT_COLUMNS})
