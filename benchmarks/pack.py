"""Meeting pack benchmark: a national pack at ~1,000,000 referrals, on a cache miss.

For DuckDB and PostgreSQL it opens the Overview with AppTest, drops every cached
result, clicks "Build meeting pack" and prints the seconds the build took (as the
app reports it), the whole rerun's seconds (the Overview's own queries, also cold,
included), the pack's size, and, where Chromium is installed, a PDF's print time and
printed pages (budget: 20 at national scope, ``tests/app/test_meeting_pack_print.py``).
Target: under 20 s. Run: ``python -m benchmarks.pack``.
"""

from __future__ import annotations

import argparse
import re
import time

import streamlit as st
from sqlalchemy import func, select

from benchmarks.apptest_timing import open_app
from benchmarks.dataset import add_scale_arguments, apply_scale_arguments, benchmark_database_urls
from data_access.engine import make_engine
from data_access.pdf import html_to_pdf, pdf_unavailable_reason
from data_access.schema import referrals

TARGET_SECONDS = 20.0


def _walk(node: object) -> list:
    """Every block and element under ``node`` in AppTest's tree."""
    found = []
    for child in getattr(node, "children", {}).values():
        found += [child, *_walk(child)]
    return found


def build_cold(url: str) -> tuple[float, float, str]:
    """(build seconds reported by the app, whole rerun seconds, pack HTML) with every cache cleared."""
    app = open_app(url, "pages/overview.py")
    st.cache_data.clear()
    started = time.perf_counter()
    app.sidebar.button(key="pack_build").click().run()
    rerun_seconds = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(app.exception[0].message)
    labels = [str(status.proto.label) for status in _walk(app.sidebar) if status.type == "status"]
    reported = next(float(match.group(1)) for label in labels if (match := re.search(r"built in ([\d.]+) s", label)))
    return reported, rerun_seconds, app.session_state["_meeting_pack"][1]


def _referral_count(url: str) -> int:
    """Rows in referrals, read-only (other benchmarks may be reading the same DuckDB file)."""
    engine = make_engine(url, read_only=True)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(referrals)).scalar() or 0
    engine.dispose()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    add_scale_arguments(parser)
    apply_scale_arguments(parser.parse_args())
    urls = benchmark_database_urls()
    counts = {backend: _referral_count(url) for backend, url in urls.items()}
    for backend, url in urls.items():
        build_seconds, rerun_seconds, page = build_cold(url)
        verdict = "within" if build_seconds < TARGET_SECONDS else "OVER"
        print(f"{backend}: {counts[backend]:,} referrals, national scope, cache miss")
        print(f"  pack built in {build_seconds:.1f} s ({verdict} the {TARGET_SECONDS:.0f} s target); "
              f"whole rerun with the Overview also cold {rerun_seconds:.1f} s; HTML {len(page) / 1e6:.1f} MB")
        if pdf_unavailable_reason() is None:
            started = time.perf_counter()
            pdf = html_to_pdf(page)
            pages = max(int(count) for count in re.findall(rb"/Count (\d+)", pdf))
            print(f"  PDF printed in {time.perf_counter() - started:.1f} s ({len(pdf) / 1e6:.1f} MB, {pages} pages)")


if __name__ == "__main__":
    main()
