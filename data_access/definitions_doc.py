"""Read docs/definitions.md: the one home of every measure's definition.

The app shows the same text beside each figure, so the page and the document
cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

DEFINITIONS_PATH = Path(__file__).resolve().parent.parent / "docs" / "definitions.md"


def read_definitions(path: Path = DEFINITIONS_PATH) -> dict[str, str]:
    """Return ``{heading: body}`` for every ``## heading`` in the definitions document."""
    sections: dict[str, str] = {}
    heading: str | None = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            if heading is not None:
                sections[heading] = "\n".join(lines).strip()
            heading, lines = line[3:].strip(), []
        elif heading is not None:
            lines.append(line)
    if heading is not None:
        sections[heading] = "\n".join(lines).strip()
    return sections


def read_document(name: str) -> str:
    """The markdown text of ``docs/<name>.md`` (for the About page)."""
    path = DEFINITIONS_PATH.parent / f"{name}.md"
    return path.read_text(encoding="utf-8")
