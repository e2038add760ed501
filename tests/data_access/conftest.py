"""Data-access fixtures shared by modules that test against the hand-worked dataset.

Modules with a dataset of their own define their own ``engine`` fixture, which
takes precedence over this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from data_access.engine import make_engine
from data_access.load import load_dataset
from tests.dataset_builder import write_csv_dataset


@pytest.fixture
def engine(database_url: str, tmp_path: Path) -> Iterator[Engine]:
    """tests/dataset_builder.py's hand-worked dataset loaded into each backend."""
    load_dataset(write_csv_dataset(tmp_path / "dataset"), database_url, replace=True)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()
