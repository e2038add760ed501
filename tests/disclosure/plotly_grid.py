"""A Plotly figure, as the browser receives it (its JSON spec), read as one grid of figures.

Rows are the points: a month, a band, a PDU (by its category, or for a scatter of
two measures by its code or the first line of its hover). Columns are the values
drawn on each axis, named by the hover label or the axis title, and every figure
in the hover text, text and ``customdata``. A value whose text reads "<5" is a
suppressed cell; a value drawn as a number is read as the number, so a count of
1–4 plotted under a "<5" label is a count of 1–4 shown.
"""

from __future__ import annotations

import base64
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Final

import numpy as np

from tests.disclosure.hover import first_line, hover_figures, plain
from tests.disclosure.kinds import kind_of
from tests.disclosure.shown import COUNT, OTHER, Shown, read
from tests.disclosure.view import Grid

_TEMPLATE_LABEL: Final = re.compile(r"([^<>:%{}]{2,80}):\s*%\{(x|y|z|text|value|customdata(?:\[\d+\])?)[^}]*\}")
_DISPLAY: Final = re.compile(r"^(<5|[−-]?\d[\d,]*(\.\d+)?%?)$")
#: A chart of model figures (the what-if planner's projection) draws no counts of people.
_MODEL: Final = re.compile(r"projection|projected|what-if", re.IGNORECASE)
Reading = tuple[str, str, Shown]  # (row, column, figure)


def decode(array: object) -> object:
    """Plotly's typed arrays ({"dtype", "bdata", "shape"}) as lists; anything else unchanged."""
    if isinstance(array, dict) and "bdata" in array:
        values = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        if "shape" in array:
            values = values.reshape(tuple(int(part) for part in str(array["shape"]).split(",")))
        return values.tolist()
    if isinstance(array, list):
        return [decode(item) for item in array]
    return array


def _title(layout: dict, key: str) -> str:
    title = layout.get(key, {}).get("title") if isinstance(layout.get(key), dict) else None
    text = title.get("text") if isinstance(title, dict) else title
    return plain(str(text)) if text else ""


def _template_labels(template: object) -> dict[str, str]:
    """Placeholder ("y", "text", "customdata[0]") -> the label before it in a hovertemplate."""
    found = {}
    for line in re.split(r"<br\s*/?>", str(template or "")):
        for label, placeholder in _TEMPLATE_LABEL.findall(line):
            found[placeholder] = plain(label)
    return found


def _numeric(values: list) -> bool:
    present = [value for value in values if value is not None]
    return bool(present) and all(isinstance(value, int | float) and not isinstance(value, bool) for value in present)


def _at(values: object, index: int) -> object:
    return values[index] if isinstance(values, list) and index < len(values) else None


def _text_readings(row: str, prefix: str, raw: object) -> list[Reading]:
    texts = raw if isinstance(raw, list) else [raw]
    found = []
    for text in texts:
        if isinstance(text, str):
            found += [(row, f"{prefix}{label}", figure) for label, figure in hover_figures(text)]
    return found


def _value(kind: str, raw: object, text: object) -> Shown | None:
    """The figure a point shows for its value: the number drawn, or "<5" where nothing (or 0) is drawn."""
    # A point drawn as NaN is a gap in the line: it shows nothing, whatever its label says.
    drawn = None if isinstance(raw, float) and np.isnan(raw) else read(kind, raw)
    label = read(kind, text) if isinstance(text, str) and _DISPLAY.match(text.strip()) else None
    if label is not None and label.suppressed and (drawn is None or drawn.is_zero):
        return label
    return drawn if drawn is not None else label


def _trace_readings(trace: dict, layout: dict, figure_title: str) -> list[Reading]:
    kind_name = trace.get("type", "scatter")
    if kind_name == "treemap":
        return _treemap_readings(trace, figure_title)
    if kind_name == "heatmap":
        return _heatmap_readings(trace)
    x, y = decode(trace.get("x")) or [], decode(trace.get("y")) or []
    text, hover, custom = decode(trace.get("text")), decode(trace.get("hovertext")), decode(trace.get("customdata"))
    labels = _template_labels(trace.get("hovertemplate"))
    axes = {"x": _title(layout, "xaxis" + trace.get("xaxis", "x")[1:]) or trace.get("xaxis", "x"),
            "y": _title(layout, "yaxis" + trace.get("yaxis", "y")[1:]) or trace.get("yaxis", "y")}
    both = _numeric(x) and _numeric(y)
    if both:
        value_axes = ["x", "y"]
    elif kind_name == "bar":
        value_axes = ["x"] if trace.get("orientation") == "h" else ["y"]
    else:
        value_axes = ["y"] if _numeric(y) else ["x"] if _numeric(x) else []
    category = {"x": y, "y": x}[value_axes[0]] if len(value_axes) == 1 else None
    readings: list[Reading] = []
    for index in range(max(len(x), len(y))):
        point_text, point_hover, point_custom = _at(text, index), _at(hover, index), _at(custom, index)
        row = _row_key(index, category, point_custom, point_hover, point_text)
        text_used = False
        for axis in value_axes:
            name = labels.get(axis) or (labels.get("text") if len(value_axes) == 1 else None) or axes[axis]
            kind = kind_of(labels.get(axis)) if kind_of(labels.get(axis)) != OTHER else kind_of(name)
            kind = kind if kind != OTHER else kind_of(axes[axis])
            kind = OTHER if _MODEL.search(figure_title) else kind
            shown = _value(kind, _at({"x": x, "y": y}[axis], index), point_text if len(value_axes) == 1 else None)
            text_used = text_used or (isinstance(point_text, str) and bool(_DISPLAY.match(point_text.strip())))
            if shown is not None:
                readings.append((row, name, shown))
        if not text_used:
            readings += _text_readings(row, "", point_text)
        readings += _text_readings(row, "", point_hover)
        readings += _text_readings(row, "", point_custom)
    return readings


def _row_key(index: int, category: list | None, custom: object, hover: object, text: object) -> str:
    if category is not None and index < len(category) and category[index] is not None:
        return plain(str(category[index]))
    for candidate in (custom[0] if isinstance(custom, list) and custom else custom, hover, text):
        if isinstance(candidate, str) and candidate.strip():
            return first_line(candidate)
    return f"point {index + 1}"


def _treemap_readings(trace: dict, figure_title: str) -> list[Reading]:
    labels, values = decode(trace.get("labels")) or [], decode(trace.get("values")) or []
    parents = set(decode(trace.get("parents")) or [])
    ids = decode(trace.get("ids")) or labels
    measure = figure_title.split("sized by")[-1]
    readings: list[Reading] = []
    for index, label in enumerate(labels):
        row = plain(str(label))
        value = _at(values, index)
        if ids[index] not in parents:  # a parent's own value is not its total
            shown = read(kind_of(measure), value)
            if shown is not None:
                readings.append((row, "tile size", shown))
        readings += _text_readings(row, "", _at(decode(trace.get("customdata")), index))
        readings += _text_readings(row, "", _at(decode(trace.get("text")), index))
    return readings


def _heatmap_readings(trace: dict) -> list[Reading]:
    x, y = decode(trace.get("x")) or [], decode(trace.get("y")) or []
    readings: list[Reading] = []
    for name in ("customdata", "text", "hovertext"):
        rows = decode(trace.get(name)) or []
        for row_index, cells in enumerate(rows if isinstance(rows, list) else []):
            for column_index, cell in enumerate(cells if isinstance(cells, list) else [cells]):
                row = f"{plain(str(_at(y, row_index)))} · {plain(str(_at(x, column_index)))}"
                readings += _text_readings(row, "", cell)
    return readings


def _is_reference(trace: dict) -> bool:
    """Lines drawn for orientation (funnel limits, benchmarks, a diagonal), with nothing to hover."""
    return trace.get("hoverinfo") == "skip" and "text" not in str(trace.get("mode", ""))


def figure_grid(spec: dict, *, title_of: Callable[[str], str] = lambda text: text) -> Grid:
    """Every figure a chart shows, as one grid titled by the chart's title (passed through ``title_of``)."""
    layout = spec.get("layout", {})
    title = layout.get("title")
    figure_title = plain(str((title.get("text") if isinstance(title, dict) else title) or ""))
    grid = Grid(f"chart: {title_of(figure_title) or 'untitled'}", [])
    per_trace = [(trace, _trace_readings(trace, layout, figure_title))
                 for trace in spec.get("data", []) if not _is_reference(trace)]
    rows_by_column: dict[str, list[set[str]]] = defaultdict(list)
    for _, readings in per_trace:
        columns: dict[str, set[str]] = defaultdict(set)
        for row, column, _ in readings:
            columns[column].add(row)
        for column, rows in columns.items():
            rows_by_column[column].append(rows)
    clashing = {column for column, sets in rows_by_column.items()
                if any(a & b for i, a in enumerate(sets) for b in sets[i + 1:])}
    for number, (trace, readings) in enumerate(per_trace, start=1):
        trace_name = plain(str(trace.get("name") or f"trace {number}"))
        for row, column, shown in readings:
            grid.add(f"{trace_name} · {column}" if column in clashing else column, row, shown)
    grid.in_date_order()
    return grid


def count_of(grid: Grid) -> int:
    """How many count figures a grid holds (for summaries)."""
    return sum(1 for _, _, figure in grid.figures() if figure.kind == COUNT)
