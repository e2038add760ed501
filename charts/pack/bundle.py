"""The tables bundle beside the meeting pack: every table of the pack in full, as CSV files in one zip.

The pack prints short tables (``charts.pack.html.SHORT_TABLE_ROWS`` rows) and names the file
here that holds each one whole; ``definitions.csv`` holds every figure's full definition.
The tables are the pack's own, with disclosure control already applied, so the bundle shows
nothing the pack does not.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import pandas as pd

from charts.pack.html import PackCover, PackSection, section_tables

README_NAME = "README.txt"
DEFINITIONS_NAME = "definitions.csv"


def tables_bundle(cover: PackCover, sections: Sequence[PackSection]) -> bytes:
    """The zip: a README stating scope and data date, each section's tables as CSV, and the definitions."""
    buffer = io.BytesIO()
    listed: list[str] = []
    definitions: dict[str, str] = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for index, section in enumerate(sections, start=1):
            for title, file_name, table in section_tables(index, section):
                bundle.writestr(file_name, table.to_csv(index=False))
                listed.append(f"{file_name}: {section.title}: {title} ({len(table):,} rows)")
            for label, text in section.definitions.items():
                definitions.setdefault(label, text.strip())
        rows = pd.DataFrame({"Figure": list(definitions), "Definition": list(definitions.values())})
        bundle.writestr(DEFINITIONS_NAME, rows.to_csv(index=False))
        bundle.writestr(README_NAME, _readme(cover, listed))
    return buffer.getvalue()


def _readme(cover: PackCover, listed: list[str]) -> str:
    synthetic = "These figures come from synthetic sample data: no real people or services.\n" if cover.synthetic else ""
    return (
        f"{cover.title}: tables bundle\n\n{cover.scope}\nData as of {cover.data_as_of:%-d %B %Y}; "
        f"generated {cover.generated_at:%-d %B %Y at %H:%M}.\n{synthetic}{cover.disclosure_note}\n\n"
        "Every table of the meeting pack in full, one CSV file each (UTF-8, comma-separated):\n"
        + "\n".join(f"- {line}" for line in listed)
        + f"\n- {DEFINITIONS_NAME}: the definition of every figure in the pack.\n"
    )
