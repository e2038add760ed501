"""The data a load run reads: the benchmark dataset on either backend, its regions and size."""

from __future__ import annotations

from sqlalchemy import func, select

from benchmarks.dataset import build, duckdb_url, is_built, postgres_url
from data_access.engine import make_engine
from data_access.queries import filter_options
from data_access.schema import referrals


def dataset_url(backend: str) -> str:
    """The 1,000,000-referral benchmark dataset on ``backend``, built first if absent (minutes)."""
    url = duckdb_url() if backend == "duckdb" else postgres_url()
    if not is_built(url):
        print(f"Building the benchmark dataset in {backend} (once; a few minutes)...", flush=True)
        build({backend: url})
    return url


def describe_dataset(url: str) -> tuple[list[str], int]:
    """The region codes the links pick from, and the referral count to print beside the figures.

    Read-only, and before the app starts, so it never contends with the app for the file.
    """
    engine = make_engine(url, read_only=True)
    try:
        region_codes = filter_options(engine)["regions"]["region_code"].tolist()
        with engine.connect() as connection:
            referral_count = connection.execute(select(func.count()).select_from(referrals)).scalar() or 0
    finally:
        engine.dispose()
    return region_codes, int(referral_count)
