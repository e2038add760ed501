"""The Landscape page's queries: catalogue, provision, referral flows and need profiles.

Everything is aggregated in the database to PDU × intervention (or smaller)
grain, so only small frames return. Every referral count starts from
``scoped_referrals`` and every need count from the need-record scope
(``need_links.need_records_in_scope``, the derived need records under the shared filters), so
the shared filters mean what they mean on every other page. Provision has no
people in it: only the area, intervention and period filters apply to it. The
waiting list comes from the Waiting times page's query
(``data_access.waiting_queries.waiting_snapshot``), so both pages count it alike.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Date, Engine, Integer, and_, case, cast, distinct, func, select

from data_access.need_links import need_records_in_scope
from data_access.result_frames import frame
from data_access.schema import intervention_needs, interventions, pdus, provision
from data_access.scope import (
    area_conditions,
    intervention_conditions,
    scoped_referrals,
)
from vocabulary.definitions import NEEDS
from vocabulary.scope import Filters

INTERVENTION_COLUMNS = ("intervention_code", "intervention_name", "category", "delivery", "provider", "target_group")
ACTIVITY_COLUMNS = ("referral_count", "start_count", "completion_count", "non_completion_count", "removal_count")


def _provision_months(filters: Filters) -> object:
    """Provision months overlapping the period (months are stored as their first day)."""
    return provision.c.month.between(filters.period_start.replace(day=1), filters.period_end)


def landscape_reference(engine: Engine, filters: Filters) -> dict[str, object]:
    """The catalogue and areas in scope, and how many provision months the period has loaded.

    Returns:
        interventions (INTERVENTION_COLUMNS, category and intervention filters applied),
        intervention_needs (intervention_code, need_code for those interventions),
        pdus (pdu_code, pdu_name, region_code, region_name in the area filters) and
        provision_months (distinct months with any provision row in the period; 0 = not loaded).
    """
    chosen = select(*(interventions.c[column] for column in INTERVENTION_COLUMNS)).where(
        intervention_conditions(filters)
    )
    needs_of = (
        select(intervention_needs.c.intervention_code, intervention_needs.c.need_code)
        .join(interventions, interventions.c.intervention_code == intervention_needs.c.intervention_code)
        .where(intervention_conditions(filters))
    )
    areas = select(pdus).where(area_conditions(filters, pdus.c.pdu_code))
    months = select(func.count(distinct(provision.c.month))).where(_provision_months(filters))
    with engine.connect() as connection:
        return {
            "interventions": frame(connection, chosen.order_by(interventions.c.intervention_code)),
            "intervention_needs": frame(connection, needs_of.order_by(*needs_of.selected_columns)),
            "pdus": frame(connection, areas.order_by(pdus.c.region_code, pdus.c.pdu_code)),
            "provision_months": int(connection.execute(months).scalar() or 0),
        }


def provision_places(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Places per PDU and intervention summed over the period's provision months.

    Columns: pdu_code, intervention_code, places_count (places).
    """
    statement = (
        select(provision.c.pdu_code, provision.c.intervention_code, func.sum(provision.c.places).label("places_count"))
        .join(pdus, pdus.c.pdu_code == provision.c.pdu_code)
        .join(interventions, interventions.c.intervention_code == provision.c.intervention_code)
        .where(_provision_months(filters), area_conditions(filters, provision.c.pdu_code), intervention_conditions(filters))
        .group_by(provision.c.pdu_code, provision.c.intervention_code)
    )
    with engine.connect() as connection:
        places = frame(connection, statement)
    return places.astype({"places_count": "int64"}) if not places.empty else _empty(("places_count",))


def _empty(counts: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({"pdu_code": [], "intervention_code": [], **{name: [] for name in counts}}).astype(
        {"pdu_code": "object", "intervention_code": "object", **{name: "int64" for name in counts}}
    )


def referral_activity(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Flows in the period per PDU and intervention, for referrals in scope.

    Columns: pdu_code, intervention_code, and (each a count of referrals)
    referral_count (referred in the period), start_count (started in it),
    completion_count and non_completion_count (ended in it after starting:
    completed, or any other outcome), removal_count (ended in it without a start: withdrawn or not suitable).
    """
    rows = scoped_referrals(filters).subquery()
    start, end = filters.period_start, filters.period_end
    ended = rows.c.end_date.between(start, end)

    def count_of(condition: object, name: str) -> object:
        return func.sum(case((condition, 1), else_=0)).label(name)

    statement = select(
        rows.c.pdu_code,
        rows.c.intervention_code,
        count_of(rows.c.referral_date.between(start, end), "referral_count"),
        count_of(rows.c.start_date.between(start, end), "start_count"),
        count_of(and_(ended, rows.c.outcome == "completed"), "completion_count"),
        # Any other end after a start (did not complete, or withdrawn after starting) is not a
        # completion: the same rule as the PDU comparisons page's "Starts completed (%)".
        count_of(and_(ended, rows.c.start_date.is_not(None), rows.c.outcome != "completed"),
                 "non_completion_count"),
        count_of(and_(ended, rows.c.start_date.is_(None)), "removal_count"),
    ).group_by(rows.c.pdu_code, rows.c.intervention_code)
    with engine.connect() as connection:
        activity = frame(connection, statement)
    if activity.empty:
        return _empty(ACTIVITY_COLUMNS)
    return activity.astype({name: "int64" for name in ACTIVITY_COLUMNS})


def monthly_referrals_by_category(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Referrals in scope per calendar month of referral and category. Columns: month, category, referral_count."""
    rows = scoped_referrals(filters).subquery()
    month = cast(func.date_trunc("month", rows.c.referral_date), Date)
    statement = (
        select(month.label("month"), rows.c.category, func.count().label("referral_count"))
        .where(rows.c.referral_date.between(filters.period_start, filters.period_end))
        .group_by(month, rows.c.category)
        .order_by(month, rows.c.category)
    )
    with engine.connect() as connection:
        monthly = frame(connection, statement)
    return monthly if not monthly.empty else pd.DataFrame(columns=["month", "category", "referral_count"])


def need_profiles(engine: Engine, filters: Filters) -> pd.DataFrame:
    """People by PDU, gender and the exact set of their needs identified in the period.

    Columns: pdu_code, gender, need_mask (bit i set for NEEDS[i]), people_count (people).
    """
    records = need_records_in_scope(filters, filters.period_start, filters.period_end).subquery()
    bit = case(*((records.c.need_code == code, 1 << index) for index, code in enumerate(NEEDS)), else_=0)
    # The derived need records carry the person's PDU and gender: no join to people.
    per_person = (
        select(records.c.person_id, records.c.pdu_code, records.c.gender,
               cast(func.sum(bit), Integer).label("need_mask"))
        .group_by(records.c.person_id, records.c.pdu_code, records.c.gender)
        .subquery()
    )
    statement = select(
        per_person.c.pdu_code, per_person.c.gender, per_person.c.need_mask, func.count().label("people_count")
    ).group_by(per_person.c.pdu_code, per_person.c.gender, per_person.c.need_mask)
    with engine.connect() as connection:
        profiles = frame(connection, statement)
    if profiles.empty:
        return pd.DataFrame({"pdu_code": [], "gender": [], "need_mask": [], "people_count": []}).astype(
            {"need_mask": "int64", "people_count": "int64"})
    return profiles.astype({"need_mask": "int64", "people_count": "int64"})
