"""Query results come back with the same values and column types on DuckDB and PostgreSQL.

DuckDB's rows are fetched column-wise through Arrow, which carries SUM of integers
as a decimal and integers in several widths; the frame must still look exactly like
the row path's (and PostgreSQL's): int64 counts, float64 where a value is missing,
``datetime.date`` dates and text as text.
"""

import datetime as dt

import pandas as pd
from sqlalchemy import Date, Integer, case, cast, func, literal, select

from data_access.result_frames import frame
from data_access.schema import referrals


def test_sums_counts_dates_text_and_gaps_have_the_row_path_types(engine):
    started = case((referrals.c.start_date.is_not(None), 1), else_=0)
    statement = (
        select(
            referrals.c.pdu_code,
            func.count().label("referral_count"),
            func.sum(started).label("start_count"),  # HUGEINT on DuckDB, NUMERIC on PostgreSQL
            cast(func.min(referrals.c.referral_date), Date).label("first_referral"),
            func.max(referrals.c.start_date).label("last_start"),
            cast(func.max(case((referrals.c.outcome == "completed", 1))), Integer).label("completed_flag"),
            literal("x").label("constant_text"),
        )
        .group_by(referrals.c.pdu_code)
        .order_by(referrals.c.pdu_code)
    )
    with engine.connect() as connection:
        result = frame(connection, statement)

    # Worked from tests/dataset_builder.py: L01 has R4 and R5 (both started, neither completed);
    # N01 has R1 (started 1 Mar, completed), R2 and R3 (not started).
    expected = pd.DataFrame({
        "pdu_code": ["L01", "N01"],
        "referral_count": [2, 3],
        "start_count": [2, 1],
        "first_referral": [dt.date(2024, 3, 1), dt.date(2024, 1, 15)],
        "last_start": [dt.date(2024, 5, 10), dt.date(2024, 3, 1)],
        "completed_flag": [float("nan"), 1.0],
        "constant_text": ["x", "x"],
    })
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)
    assert result["referral_count"].dtype == "int64" and result["start_count"].dtype == "int64"
    assert result["completed_flag"].dtype == "float64"  # an integer column with a gap, as pandas builds it from rows
    assert all(type(value) is dt.date for value in result["first_referral"])
    assert pd.api.types.is_string_dtype(result["pdu_code"]) and pd.api.types.is_string_dtype(result["constant_text"])


def test_an_empty_result_keeps_its_column_names(engine):
    statement = select(referrals.c.referral_id, referrals.c.referral_date).where(referrals.c.pdu_code == "none")
    with engine.connect() as connection:
        result = frame(connection, statement)
    assert result.empty and list(result.columns) == ["referral_id", "referral_date"]
