"""Everything the Landscape page shows, derived once from the frames its queries return.

``build_landscape`` applies the availability rule and keeps the inputs side by
side; the page's sections and tests then ask the same object for the same
figures, so a headline and the table beneath it cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import pandas as pd

from metrics.kpi import Kpi
from metrics.landscape.availability import available_need_pairs, available_pairs
from metrics.landscape.catalogue import catalogue
from metrics.landscape.gaps import availability_cells, gap_pair_count, matrix_unit, pdu_need_grid
from metrics.landscape.headline import landscape_kpis, places_per_month_total
from metrics.landscape.provider_groups import compared_providers, provider_groups
from metrics.landscape.shortfall import need_pdu_shortfall, no_provision_by_need
from metrics.landscape.treemap import treemap_frame
from metrics.landscape.utilisation import demand_by, period_months, with_utilisation
from metrics.landscape.waits import cell_details, current_waits
from vocabulary.definitions import NEEDS
from vocabulary.scope import Filters

T = TypeVar("T")
#: A query result, or a call that waits for one still being fetched: the page starts its
#: slower queries in the background and draws the sections that do not need them meanwhile.
FrameOrWait = pd.DataFrame | Callable[[], pd.DataFrame]


@dataclass(frozen=True)
class Landscape:
    """The page's inputs (query results) and the availability derived from them.

    Attributes:
        filters: the view's filters.
        interventions, intervention_needs, pdus: the catalogue and areas in scope.
        provision_months: provision months loaded for the period (0: fall back to referrals).
        provision: places_count per (pdu_code, intervention_code).
        activity: flows per (pdu_code, intervention_code) for referrals in scope.
        histogram_source: people waiting at ``snapshot`` per (pdu_code, intervention_code, wait_days),
            or a call that waits for them (read them through ``histogram``).
        profiles_source, monthly_source: need profiles per (pdu_code, gender, need_mask) and
            referrals per month and category, or calls that wait for them (read them
            through ``profiles`` and ``monthly``).
        snapshot: the waiting-list date T.
        available: available (pdu_code, intervention_code) pairs.
    """

    filters: Filters
    interventions: pd.DataFrame
    intervention_needs: pd.DataFrame
    pdus: pd.DataFrame
    provision_months: int
    provision: pd.DataFrame
    activity: pd.DataFrame
    histogram_source: FrameOrWait
    profiles_source: FrameOrWait
    monthly_source: FrameOrWait
    snapshot: dt.date
    available: pd.DataFrame
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def _remember(self, name: str, compute: Callable[[], T]) -> T:
        """Work a derived frame out once per page run (several sections use the same one)."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]  # type: ignore[return-value]

    @property
    def histogram(self) -> pd.DataFrame:
        """People waiting at ``snapshot`` per (pdu_code, intervention_code, wait_days) (the Waiting times
        page's ``waiting_snapshot`` histogram); the headline and the gaps are drawn before it is needed."""
        return self._remember("histogram", lambda: _resolved(self.histogram_source))

    @property
    def profiles(self) -> pd.DataFrame:
        """People per (pdu_code, gender, need_mask) (``data_access.landscape_queries.need_profiles``)."""
        return self._remember("profiles", lambda: _resolved(self.profiles_source))

    @property
    def monthly(self) -> pd.DataFrame:
        """Referrals per month and category (``data_access.landscape_queries.monthly_referrals_by_category``)."""
        return self._remember("monthly", lambda: _resolved(self.monthly_source))

    @property
    def uses_provision(self) -> bool:
        """Whether availability comes from provision (True) or falls back to referrals (False)."""
        return self.provision_months > 0

    @property
    def months(self) -> float:
        """The period's length in average months."""
        return period_months(self.filters.period_start, self.filters.period_end)

    @property
    def needs_in_scope(self) -> tuple[str, ...]:
        """The need filter, or every need."""
        return tuple(code for code in NEEDS if code in self.filters.needs) or NEEDS

    def available_in_scope(self) -> pd.DataFrame:
        """Available pairs whose intervention addresses a need in scope (all of them without a need filter)."""
        if not self.filters.needs:
            return self.available
        addressing = self.intervention_needs.loc[
            self.intervention_needs["need_code"].isin(self.filters.needs), "intervention_code"
        ]
        return self._remember("available_in_scope", lambda: self.available[
            self.available["intervention_code"].isin(addressing)].reset_index(drop=True))

    def available_needs(self) -> pd.DataFrame:
        """(pdu_code, intervention_code, need_code) for every available intervention and need it addresses."""
        return self._remember("available_needs", lambda: available_need_pairs(self.available, self.intervention_needs))

    def need_grid(self) -> pd.DataFrame:
        """Interventions available per need × PDU in scope (see ``metrics.landscape.gaps.pdu_need_grid``)."""
        return self._remember("need_grid", lambda: pdu_need_grid(self.available_needs(), self.pdus, self.needs_in_scope))

    def waits(self, by: list[str]) -> pd.DataFrame:
        """Waiting list and median wait per group of ``by`` (see ``metrics.landscape.waits``);
        ``by`` may include region_code."""
        histogram = self.histogram
        if "region_code" in by and "region_code" not in histogram.columns:
            histogram = histogram.merge(self.pdus[["pdu_code", "region_code"]], on="pdu_code")
        return self._remember(f"waits:{','.join(by)}", lambda: current_waits(histogram, by))

    @property
    def matrix_unit(self) -> str:
        """The availability matrix's columns: "pdu_code", or "region_code" when many PDUs are in scope."""
        return matrix_unit(len(self.pdus))

    def availability_details(self) -> pd.DataFrame:
        """The availability matrix's cells per need and ``matrix_unit``, with hover text and the
        long-programme-wait flag (``metrics.landscape.gaps.availability_cells`` and
        ``metrics.landscape.waits.cell_details``)."""
        unit = self.matrix_unit
        return self._remember("availability_details", lambda: cell_details(
            availability_cells(self.available_needs(), self.need_grid(), self.interventions, unit=unit,
                               genders=self.filters.genders),
            self.waits([unit, "intervention_code"]), self.interventions, unit=unit,
        ))

    def demand(self, by: str, *, margin_pct: float) -> pd.DataFrame:
        """Provision against demand per group ``by`` with utilisation and the demand flag
        (``metrics.landscape.utilisation.demand_by`` and ``with_utilisation``). Worked out once per
        grouping and margin: the chart, its table and the sentence beneath it share one frame."""
        groups = self._remember(f"demand_by:{by}", lambda: demand_by(
            self.activity, self.provision, self.available_in_scope(), self.interventions,
            self.intervention_needs, self.profiles, by=by, months=self.months,
            provision_months=self.provision_months))
        return self._remember(f"demand:{by}:{margin_pct!r}", lambda: with_utilisation(groups, margin_pct=margin_pct))

    def catalogue(self) -> pd.DataFrame:
        """The catalogue rows (see ``metrics.landscape.catalogue.catalogue``)."""
        return self._remember("catalogue", lambda: catalogue(
            self.interventions, self.intervention_needs, self.available, self.provision, self.activity,
            self.waits(["intervention_code"]), provision_months=self.provision_months,
            need_filter=self.filters.needs,
        ))

    def tiles(self, measure: str) -> pd.DataFrame:
        """The catalogue as treemap tiles sized by ``measure`` (``metrics.landscape.treemap.treemap_frame``);
        the ranked bars, the treemap and its table share them."""
        return self._remember(f"tiles:{measure}", lambda: treemap_frame(self.catalogue(), measure=measure))

    def shortfall(self) -> pd.DataFrame:
        """Referrals and places per month per need × PDU in scope, and the shortfall
        (``metrics.landscape.shortfall.need_pdu_shortfall``)."""
        return self._remember("shortfall", lambda: need_pdu_shortfall(
            self.activity, self.provision, self.available, self.intervention_needs, self.pdus,
            needs=self.needs_in_scope, months=self.months, provision_months=self.provision_months))

    def no_provision(self) -> pd.DataFrame:
        """The needs with no local provision and the PDUs where (``metrics.landscape.shortfall.no_provision_by_need``)."""
        return self._remember("no_provision", lambda: no_provision_by_need(self.need_grid(), self.pdus))

    def compared_providers(self) -> pd.DataFrame:
        """Providers compared within their group (``metrics.landscape.provider_groups.compared_providers``)."""
        return self._remember("compared_providers", lambda: compared_providers(
            self.activity, self.histogram, self.available,
            provider_groups(self.interventions, self.intervention_needs), self.pdus))

    def kpis(self) -> list[Kpi]:
        """The five headline figures."""
        available = self.available_in_scope()
        return landscape_kpis(
            available=available,
            places_per_month=places_per_month_total(self.provision, available, self.provision_months),
            referral_count=int(self.activity["referral_count"].sum()),
            months=self.months,
            gap_count=gap_pair_count(self.need_grid()),
        )


def _resolved(source: FrameOrWait) -> pd.DataFrame:
    return source if isinstance(source, pd.DataFrame) else source()


def build_landscape(
    filters: Filters,
    *,
    reference: dict[str, object],
    provision: pd.DataFrame,
    activity: pd.DataFrame,
    referred: pd.DataFrame,
    histogram: FrameOrWait,
    profiles: FrameOrWait,
    monthly: FrameOrWait,
    snapshot: dt.date,
) -> Landscape:
    """Put the query results together and work out availability.

    ``reference`` is ``data_access.landscape_queries.landscape_reference``'s
    result; ``referred`` is the referral activity for the availability scope
    (``metrics.landscape.availability.availability_filters``), used only when no
    provision is loaded for the period. ``histogram``, ``profiles`` and ``monthly`` may be calls
    that wait for a query still running; they are made when first needed.
    """
    interventions = reference["interventions"]
    provision_months = int(reference["provision_months"])
    available = available_pairs(
        provision, referred, interventions, use_provision=provision_months > 0, genders=filters.genders
    )
    return Landscape(
        filters=filters,
        interventions=interventions,
        intervention_needs=reference["intervention_needs"],
        pdus=reference["pdus"],
        provision_months=provision_months,
        provision=provision,
        activity=activity,
        histogram_source=histogram,
        profiles_source=profiles,
        monthly_source=monthly,
        snapshot=snapshot,
        available=available,
    )
