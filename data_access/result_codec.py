"""Query results as bytes for the shared result cache: frames as Arrow IPC, the rest as tagged JSON.

A cached query returns a frame, a scalar, or a dict or tuple holding frames and scalars
(``waiting_snapshot`` gives two frames by name, ``dataset_info`` dates and a flag). The
bytes are a short header, a JSON description of the value, then each frame as an Arrow
IPC stream. Nothing here unpickles or imports by name, so bytes from the cache can only
ever become data. Values of any other kind are refused (``UnencodableResultError``) and
stay in the process's own cache only.

Layout: ``MAGIC``, the description's length (4 bytes, big-endian), the description
(UTF-8 JSON: ``{"value": tree, "frames": [byte length, ...]}``), the frames' bytes.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
import struct

import numpy as np
import pandas as pd
import pyarrow as pa

#: Changes whenever the layout does, so old bytes are never read as new.
MAGIC = b"ILRC1"
_LENGTH = struct.Struct(">I")
_TAG = "$t"


class UnencodableResultError(TypeError):
    """A result holds a value the cache does not store (it is kept per process instead)."""


def encode_result(value: object) -> bytes:
    """Bytes for ``value``: a frame, or dicts, lists and tuples of frames and plain scalars.

    Raises:
        UnencodableResultError: something in ``value`` has no safe encoding here.
    """
    frames: list[bytes] = []
    tree = _encode(value, frames)
    description = json.dumps({"value": tree, "frames": [len(blob) for blob in frames]}).encode("utf-8")
    return b"".join([MAGIC, _LENGTH.pack(len(description)), description, *frames])


def decode_result(blob: bytes) -> object:
    """The value ``encode_result`` turned into ``blob``.

    Raises:
        ValueError: ``blob`` is not in this layout (another version, or not ours).
    """
    if not blob.startswith(MAGIC):
        raise ValueError("not a cached result of this version")
    try:
        return _decode_layout(blob)
    except (KeyError, IndexError, TypeError, struct.error, pa.ArrowException) as error:
        raise ValueError(f"a damaged cached result: {error}") from error


def _decode_layout(blob: bytes) -> object:
    start = len(MAGIC) + _LENGTH.size
    (length,) = _LENGTH.unpack_from(blob, len(MAGIC))
    description = json.loads(blob[start:start + length].decode("utf-8"))
    frames, offset = [], start + length
    for size in description["frames"]:
        frames.append(_frame_from_ipc(blob[offset:offset + size]))
        offset += size
    return _decode(description["value"], frames)


def _encode(value: object, frames: list[bytes]) -> object:
    if value is None or type(value) in (bool, str, int, float):  # not their subclasses (numpy's float64)
        return value
    if isinstance(value, str):
        return str(value)  # text of a subclass (SQLAlchemy's quoted names) comes back as plain text
    if isinstance(value, pd.DataFrame):
        frames.append(_frame_to_ipc(value))
        return {_TAG: "frame", "index": len(frames) - 1}
    if isinstance(value, list):
        return [_encode(item, frames) for item in value]
    if isinstance(value, tuple) and type(value) is tuple:
        return {_TAG: "tuple", "items": [_encode(item, frames) for item in value]}
    if isinstance(value, dict) and type(value) is dict:
        return {_TAG: "dict", "items": [[_encode(key, frames), _encode(item, frames)] for key, item in value.items()]}
    return _encode_scalar(value)


def _encode_scalar(value: object) -> dict[str, object]:
    if isinstance(value, pd.Timestamp):
        return {_TAG: "timestamp", "value": value.isoformat()}
    if isinstance(value, dt.datetime):
        return {_TAG: "datetime", "value": value.isoformat()}
    if isinstance(value, dt.date):
        return {_TAG: "date", "value": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {_TAG: "decimal", "value": str(value)}
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        return {_TAG: "numpy", "dtype": value.dtype.str, "value": value.item()}
    raise UnencodableResultError(f"the shared result cache does not store {type(value).__name__} values")


def _decode(tree: object, frames: list[pd.DataFrame]) -> object:
    if isinstance(tree, list):
        return [_decode(item, frames) for item in tree]
    if not isinstance(tree, dict):
        return tree
    tag = tree[_TAG]
    if tag == "frame":
        return frames[tree["index"]]
    if tag == "tuple":
        return tuple(_decode(item, frames) for item in tree["items"])
    if tag == "dict":
        return {_decode(key, frames): _decode(item, frames) for key, item in tree["items"]}
    return _decode_scalar(tag, tree)


def _decode_scalar(tag: str, tree: dict) -> object:
    value = tree["value"]
    if tag == "timestamp":
        return pd.Timestamp(value)
    if tag == "datetime":
        return dt.datetime.fromisoformat(value)
    if tag == "date":
        return dt.date.fromisoformat(value)
    if tag == "decimal":
        return decimal.Decimal(value)
    if tag == "numpy":
        return np.dtype(tree["dtype"]).type(value)
    raise ValueError(f"unknown tag {tag!r} in a cached result")


def _frame_to_ipc(frame: pd.DataFrame) -> bytes:
    try:
        table = pa.Table.from_pandas(frame)
    except (pa.ArrowException, TypeError, ValueError) as error:
        raise UnencodableResultError(f"a frame Arrow cannot hold: {error}") from error
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _frame_from_ipc(blob: bytes) -> pd.DataFrame:
    with pa.ipc.open_stream(pa.BufferReader(blob)) as reader:
        table = reader.read_all()
    frame = table.to_pandas()
    # Arrow text comes back as pandas' string type; a column of Python strings (object) stays one.
    for column in (table.schema.pandas_metadata or {}).get("columns", []):
        name = column.get("field_name")
        if column.get("numpy_type") == "object" and name in frame.columns and frame[name].dtype != object:
            frame[name] = pd.Series(table.column(name).to_numpy(zero_copy_only=False), index=frame.index,
                                    dtype=object)
    return frame
