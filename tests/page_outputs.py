"""Dump every page's figures, tables, chart specs and words, to compare two versions of the code.

Run: ``python -m tests.page_outputs DATABASE_URL OUT_DIR``, once with the old code and once
with the new, then ``diff -r`` the two folders: identical folders mean every headline
figure, table, chart and sentence is unchanged. Each page in the navigation is run through
AppTest in five scopes (national, one PDU, one region, and two with person, need and
category filters); per run it writes the metrics (label, value, delta), each dataframe as
CSV, each Plotly chart's JSON spec and the text of every title, paragraph and caption.

``python -m tests.page_outputs DATABASE_URL --write-golden`` records a digest of each of
those files for the test dataset in ``tests/golden/page_outputs.json``;
``tests/app/test_figures_unchanged.py`` compares every later version with it, on DuckDB and
PostgreSQL (speed work must leave every figure as it was). Rewrite the digests only for a
change meant to alter what the pages show, and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLDEN = REPO_ROOT / "tests" / "golden" / "page_outputs.json"
#: What differs between two loads of the same data and is not a figure: the load's own record. The pages
#: write the load's day (and time) with the month in full ("4 December 2026 23:21"); periods and data
#: dates are written with the month shortened ("1 Nov 2025"), so they are still compared.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_LOAD_TIME = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}(?: \d{{2}}:\d{{2}})?\b")
_LOAD_HISTORY = "about_the_data/{scope}/dataframe_01.csv"
SCOPES: dict[str, dict[str, str]] = {
    "national": {}, "pdu_N03P01": {"pdu": "N03P01"}, "region_N52": {"region": "N52"},
    # Filters on the person, the need and the intervention category, which every query narrows by.
    "need_female_N52": {"region": "N52", "need": "accommodation", "gender": "female"},
    "category_white": {"category": "accredited_programme", "ethnicity": "white"},
}


#: Elements whose words carry figures too (Key findings' sentences, captions under charts).
TEXT_ELEMENTS: tuple[str, ...] = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def page_paths() -> list[str]:
    """Every page script, as AppTest's switch_page names them."""
    return sorted(f"pages/{path.name}" for path in (REPO_ROOT / "pages").glob("*.py"))


def dump_run(app: AppTest, out: Path) -> None:
    """Write the run's metrics, dataframes and chart specs under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    metrics = [{"label": metric.label, "value": metric.value, "delta": metric.delta} for metric in app.metric]
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, default=str))
    for index, table in enumerate(app.dataframe):
        table.value.to_csv(out / f"dataframe_{index:02d}.csv", index=False)
    for index, chart in enumerate(app.get("plotly_chart")):
        spec = json.loads(chart.proto.spec)
        (out / f"chart_{index:02d}.json").write_text(json.dumps(spec, indent=1, sort_keys=True))
    texts = [f"{kind}: {element.value}" for kind in TEXT_ELEMENTS for element in app.get(kind)]
    (out / "texts.txt").write_text("\n".join(texts))
    (out / "exceptions.txt").write_text("\n".join(item.message for item in app.exception))


def dump_pages(database_url: str, out_dir: Path) -> None:
    """Run every page in every scope against ``database_url`` and dump each run."""
    os.environ["DATABASE_URL"] = database_url
    for page in page_paths():
        for scope, query in SCOPES.items():
            app = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=300)
            for key, value in query.items():
                app.query_params[key] = value
            app.run()
            try:
                app.switch_page(page)
            except ValueError:  # an administrator's page, registered only with sign-in on: no figures
                print(f"{page}: not in the navigation without sign-in, skipped")
                break
            app.run()
            dump_run(app, out_dir / Path(page).stem / scope)
            print(f"{page} {scope}: {len(app.metric)} metrics, {len(app.dataframe)} tables, "
                  f"{len(app.get('plotly_chart'))} charts, {len(app.exception)} exceptions")


def digests(out_dir: Path) -> dict[str, str]:
    """SHA-256 of every dumped file under ``out_dir`` (relative path -> hex digest), with the
    day and time of the load masked and the load history left out: they change with every load."""
    history = {_LOAD_HISTORY.format(scope=scope) for scope in SCOPES}
    result: dict[str, str] = {}
    for path in sorted(out_dir.rglob("*")):
        name = path.relative_to(out_dir).as_posix()
        if path.is_file() and name not in history:
            content = _LOAD_TIME.sub("<load time>", path.read_text())
            result[name] = hashlib.sha256(content.encode()).hexdigest()
    return result


def changed_outputs(recorded: dict[str, str], now: dict[str, str]) -> list[str]:
    """Files whose digest differs, or that exist on one side only, each with what happened."""
    lines = [f"changed: {name}" for name in sorted(recorded.keys() & now.keys()) if recorded[name] != now[name]]
    lines += [f"missing now: {name}" for name in sorted(recorded.keys() - now.keys())]
    lines += [f"new: {name}" for name in sorted(now.keys() - recorded.keys())]
    return lines


if __name__ == "__main__":
    if sys.argv[2:] == ["--write-golden"]:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            dump_pages(sys.argv[1], Path(folder))
            GOLDEN.parent.mkdir(exist_ok=True)
            GOLDEN.write_text(json.dumps(digests(Path(folder)), indent=1, sort_keys=True) + "\n")
        print(f"wrote {GOLDEN}")
    else:
        dump_pages(sys.argv[1], Path(sys.argv[2]))
