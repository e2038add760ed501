"""Dump every page's figures, tables and chart specs, to compare two versions of the code.

Run: ``python -m tests.page_outputs DATABASE_URL OUT_DIR``, once with the old code and once
with the new, then ``diff -r`` the two folders: identical folders mean every headline
figure, table and chart is unchanged. Each page in ``pages/`` is run through AppTest in
three scopes (national, one PDU, one region); per run it writes the metrics (label,
value, delta), each dataframe as CSV and each Plotly chart's JSON spec.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO_ROOT = Path(__file__).resolve().parents[1]
SCOPES: dict[str, dict[str, str]] = {
    "national": {}, "pdu_N03P01": {"pdu": "N03P01"}, "region_N52": {"region": "N52"},
    # Filters on the person, the need and the intervention category, which every query narrows by.
    "need_female_N52": {"region": "N52", "need": "accommodation", "gender": "female"},
    "category_white": {"category": "accredited_programme", "ethnicity": "white"},
}


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
            app.switch_page(page)
            app.run()
            dump_run(app, out_dir / Path(page).stem / scope)
            print(f"{page} {scope}: {len(app.metric)} metrics, {len(app.dataframe)} tables, "
                  f"{len(app.get('plotly_chart'))} charts, {len(app.exception)} exceptions")


if __name__ == "__main__":
    dump_pages(sys.argv[1], Path(sys.argv[2]))
