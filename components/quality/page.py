"""The Data quality page's one setting, the measure shown by PDU, kept in the URL as ``quality``."""

from __future__ import annotations

from components.url_state import page_setting
from metrics.quality.measures import MEASURES, MEASURES_BY_KEY

DEFAULT_MEASURE = MEASURES[1].key  # need records without a judgement: the issue's own example
#: Session key of the measure shown (a link from another page sets it before switching page).
MEASURE_KEY = "page_quality"


def _measure_key(raw: str) -> str:
    if raw not in MEASURES_BY_KEY:
        raise ValueError(raw)
    return raw


def chosen_measure() -> str:
    """The measure's key from the URL or this session (default: need records without a judgement)."""
    return page_setting("quality", DEFAULT_MEASURE, parse=_measure_key)
