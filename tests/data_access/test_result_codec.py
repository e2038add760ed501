"""The shared cache's bytes: every kind of value a loader returns comes back equal and of the same types.

Frames travel as Arrow IPC, the rest as tagged JSON, never pickle. The loaders' real
results are checked page by page in ``tests/app/test_shared_cache_results.py``; here each
kind of column and value is checked on a few hand-made rows, empty frames included.
"""

from __future__ import annotations

import datetime as dt
import decimal
import pickle

import numpy as np
import pandas as pd
import pytest

from data_access.result_codec import MAGIC, UnencodableResultError, decode_result, encode_result


def round_trip(value: object) -> object:
    return decode_result(encode_result(value))


def assert_frames_identical(decoded: pd.DataFrame, original: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(decoded, original, check_exact=True)
    for column in original.columns:
        assert [type(value) for value in decoded[column]] == [type(value) for value in original[column]], column


FRAMES = {
    "dates as datetime.date objects": pd.DataFrame(
        {"month": [dt.date(2024, 1, 1), dt.date(2024, 2, 1), None], "referral_count": [3, 4, 0]}),
    "timestamps": pd.DataFrame({"loaded_at": pd.to_datetime(["2024-05-01 10:00", "2024-06-01 11:30"])}),
    "decimals": pd.DataFrame({"places": [decimal.Decimal("1.50"), decimal.Decimal("0.25"), None]}),
    "categories": pd.DataFrame({"band": pd.Categorical(["<18w", "18-52w", "<18w"], categories=["<18w", "18-52w", ">52w"],
                                                       ordered=True)}),
    "text of Python strings": pd.DataFrame({"pdu_code": pd.Series(["N03P01", None, "N54P02"], dtype=object)}),
    "text of pandas' string type": pd.DataFrame({"pdu_code": pd.Series(["N03P01", None], dtype="str")}),
    "integers, floats with nan, booleans": pd.DataFrame(
        {"waiting_count": np.array([1, 2], dtype="int64"), "rate": [0.5, np.nan], "flag": [True, False]}),
    "nullable integers": pd.DataFrame({"count": pd.array([1, None], dtype="Int64")}),
    "a named index": pd.DataFrame({"count": [1, 2]}, index=pd.Index(["a", "b"], name="pdu_code")),
    "empty, typed as the queries type them": pd.DataFrame(
        {"pdu_code": pd.Series([], dtype=object), "wait_days": pd.Series([], dtype="int64"),
         "rate": pd.Series([], dtype="float64")}),
    "empty, no columns": pd.DataFrame(),
}


@pytest.mark.parametrize("frame", FRAMES.values(), ids=FRAMES.keys())
def test_a_frame_comes_back_with_the_same_values_and_types(frame: pd.DataFrame) -> None:
    assert_frames_identical(round_trip(frame), frame)


def test_dicts_tuples_and_scalars_come_back_as_they_went():
    value = {
        "histogram": FRAMES["dates as datetime.date objects"],
        "waiting_before_count": 12,
        "share": 0.25,
        "missing": None,
        "synthetic": True,
        "data_as_of": dt.date(2026, 10, 31),
        "loaded_at": dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC),
        "referral_dates": (dt.date(2016, 1, 1), None),
        "row_counts": {"people": 4000, "referrals": 13000},
        "places": decimal.Decimal("2.5"),
        "numpy count": np.int64(7),
        ("a", 1): ["tuple keys", "and lists"],
    }
    decoded = round_trip(value)
    assert_frames_identical(decoded.pop("histogram"), value["histogram"])
    expected = {key: item for key, item in value.items() if key != "histogram"}
    assert decoded == expected
    assert type(decoded["numpy count"]) is np.int64
    assert type(decoded["referral_dates"]) is tuple
    assert decoded["loaded_at"].tzinfo == dt.UTC


def test_nan_and_a_bare_frame_or_date_round_trip():
    assert np.isnan(round_trip(float("nan")))
    assert round_trip(dt.date(2024, 2, 29)) == dt.date(2024, 2, 29)
    assert round_trip(None) is None


class Anything:
    pass


@pytest.mark.parametrize("value", [Anything(), {"nested": [Anything()]}, b"bytes", {1, 2},
                                   pd.DataFrame({"mixed": pd.Series([1, "a"], dtype=object)})],
                         ids=["object", "nested object", "bytes", "set", "a column Arrow cannot type"])
def test_anything_else_is_refused_rather_than_pickled(value: object) -> None:
    with pytest.raises(UnencodableResultError):
        encode_result(value)


def test_the_bytes_hold_no_pickle_and_pickled_bytes_are_not_read():
    blob = encode_result({"frame": FRAMES["decimals"], "when": dt.date(2024, 1, 1)})
    assert blob.startswith(MAGIC)
    assert b"\x80\x04" not in blob[:len(MAGIC) + 1]
    with pytest.raises(ValueError, match="not a cached result"):
        decode_result(pickle.dumps({"a": 1}))


def test_damaged_bytes_raise_value_error_not_something_stranger():
    blob = encode_result({"frame": FRAMES["categories"]})
    with pytest.raises(ValueError):
        decode_result(blob[:-20])
    with pytest.raises(ValueError):
        decode_result(MAGIC + b"\x00\x00\x00\x05{bad}")
