"""The frames the finding rules read, made by the pages' own data and metric functions with the
pages' default settings (judged sufficient; accredited programmes; the default target)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import cache
from components.comparison.page import ComparisonData, compared_for, comparison_data, shown
from components.replay import shared_data
from components.sufficiency.page import DEFAULT_DIMENSION, sufficiency_data
from metrics.comparison.pdu_comparison import ENGLAND_WALES, REGION
from metrics.sufficiency.benchmark import ALL_PERSONS
from metrics.sufficiency.gaps import compared_cells, find_gaps
from metrics.sufficiency.measures import MEASURES
from metrics.sufficiency.views import need_shares, subgroup_shares
from vocabulary.definitions import SUBGROUP_DIMENSIONS
from vocabulary.scope import Filters

JUDGED = MEASURES["sufficient"]


def area_benchmark(filters: Filters) -> str:
    """What a PDU is compared with in the findings: England and Wales for the national scope, else its own
    region (the key is the same on the Sufficiency gaps and PDU comparisons pages)."""
    return REGION if filters.regions or filters.pdus else ENGLAND_WALES


@dataclass(frozen=True)
class SufficiencyFrames:
    """The Sufficiency gaps page's frames for judged sufficient.

    ``shares``: each need against all needs ("By need"); ``cells``: every PDU × need against
    ``area_benchmark`` and ``gaps`` those significantly lower (the gap finder); ``by_dimension``: each
    subgroup value against all people in scope ("By subgroup"), for every subgroup dimension.
    """

    shares: pd.DataFrame
    cells: pd.DataFrame
    gaps: pd.DataFrame
    by_dimension: dict[str, pd.DataFrame]


def _load_every_dimension(filters: Filters) -> None:
    """The page's national counts for every subgroup dimension, queried side by side (then cached)."""
    national = filters.with_changes(regions=(), pdus=())
    cache.load_together({dimension: (lambda dimension=dimension: cache.load_sufficiency_counts(national, dimension))
                         for dimension in SUBGROUP_DIMENSIONS})


@shared_data
def sufficiency_frames(filters: Filters) -> SufficiencyFrames | None:
    """The frames for ``filters`` (None when no need record is in scope)."""
    _load_every_dimension(filters)
    default = sufficiency_data(filters, JUDGED.key, ALL_PERSONS, DEFAULT_DIMENSION)
    if default.area["need_count"].sum() == 0:
        return None
    benchmark = area_benchmark(filters)
    gap_data = sufficiency_data(filters, JUDGED.key, benchmark, DEFAULT_DIMENSION)
    cells = compared_cells(gap_data.area, gap_data.population, JUDGED, benchmark=benchmark)
    by_dimension = {
        dimension: subgroup_shares(sufficiency_data(filters, JUDGED.key, ALL_PERSONS, dimension).area, JUDGED)
        for dimension in SUBGROUP_DIMENSIONS
    }
    return SufficiencyFrames(need_shares(default.area, default.population, JUDGED, benchmark=ALL_PERSONS),
                             cells, find_gaps(cells), by_dimension)


@dataclass(frozen=True)
class ComparisonFrames:
    """The PDU comparisons page's data and every indicator's comparison of the PDUs in scope."""

    data: ComparisonData
    benchmark: str
    in_scope: dict[str, pd.DataFrame]


def comparison_frames(filters: Filters) -> ComparisonFrames:
    """Every indicator compared for the PDUs the filters show, against ``area_benchmark``."""
    data, benchmark = comparison_data(filters), area_benchmark(filters)
    compared = compared_for(filters, benchmark)
    return ComparisonFrames(data, benchmark, {key: shown(frame, data) for key, frame in compared.items()})
