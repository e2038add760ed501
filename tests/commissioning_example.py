"""A small dataset for the Landscape page's commissioning view, with its figures worked by hand.

Two PDUs in one region (Alpha and Beta, North), three interventions:

    ACC-X  Accommodation (X), a CRS for accommodation by X Housing: places in Alpha, 10 a month
    ACC-Y  Accommodation (Y), a CRS for accommodation by Y Homes: places in Beta, 5 a month
    TSP    Thinking Skills, an accredited programme for thinking and behaviour: places in Beta, 8 a month

Provision is loaded for January to March 2025 and the period is 1 January to 31 March 2025:
90 days = 90 ÷ 30.4375 = 2.95688 months. Referrals (all made on 5 January 2025, every count a
multiple of 5 so the shown figures are the exact ones):

    Alpha: ACC-X 60 (25 started 20 Jan and ended 31 Mar: 20 completed, 5 did not; 35 still waiting)
           TSP 20 (all still waiting)
    Beta:  ACC-Y 30 (25 started and ended as ACC-X: 5 completed, 20 did not; 5 still waiting)
           TSP 10 (all still waiting)

Shortfall in places per month (referrals per month − places per month):
    Accommodation, Alpha: 60 ÷ 2.95688 − 10 = 20.2917 − 10 = +10.29
    Thinking and behaviour, Alpha: 20 ÷ 2.95688 − 0 = +6.76 (TSP has no place in Alpha)
    Accommodation, Beta: 30 ÷ 2.95688 − 5 = 10.1458 − 5 = +5.15
    Thinking and behaviour, Beta: 10 ÷ 2.95688 − 8 = 3.3819 − 8 = −4.62 (spare places)
Needs with no local provision: 10 needs × 2 PDUs = 20 pairs, less accommodation in Alpha (ACC-X) and
accommodation and thinking and behaviour in Beta: 17; thinking and behaviour lacks provision in Alpha only.

Providers of accommodation CRS, compared with each other only: completion X 20 of 25 = 80%, Y 5 of 25 =
20%, together 25 of 50 = 50%. Wilson 95% for 20 of 25 (z = 1.96): centre 0.8768 ÷ 1.1537 = 0.7600,
half-width 1.6990 × 0.08909 = 0.1514: 60.9%–91.1%, 50% below it; 99.8% (z = 3.0902): centre 0.7171,
half-width 0.2261: 49.1%–94.3%, 50% inside it. So X is "Better" (not "Significantly better") and Y,
the mirror image, "Worse". At 31 March X has 35 waiting, each 85 days: median 85 ÷ 7 = 12.1 weeks;
Y has 5 waiting, too few for a median.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

PERIOD = {"from": "2025-01-01", "to": "2025-03-31"}
MONTHS = 90 / 30.4375
REFERRED = dt.date(2025, 1, 5)
STARTED = dt.date(2025, 1, 20)
ENDED = dt.date(2025, 3, 31)


def _referrals() -> list[tuple[str, str, str, str | None, str | None, str]]:
    """(pdu_code, intervention_code, need_code, start, end, outcome) per referral."""
    rows: list[tuple[str, str, str, str | None, str | None, str]] = []

    def add(pdu: str, code: str, need: str, completed: int, not_completed: int, waiting: int) -> None:
        rows.extend([(pdu, code, need, str(STARTED), str(ENDED), "completed")] * completed)
        rows.extend([(pdu, code, need, str(STARTED), str(ENDED), "did_not_complete")] * not_completed)
        rows.extend([(pdu, code, need, None, None, "open")] * waiting)

    add("A", "ACC-X", "accommodation", 20, 5, 35)
    add("A", "TSP", "thinking_behaviour", 0, 0, 20)
    add("B", "ACC-Y", "accommodation", 5, 20, 5)
    add("B", "TSP", "thinking_behaviour", 0, 0, 10)
    return rows


def commissioning_frames() -> dict[str, pd.DataFrame]:
    """The dataset as the loader's frames, keyed by file name."""
    referrals = _referrals()
    ids = [f"P{index:03d}" for index in range(1, len(referrals) + 1)]
    months = ["2025-01", "2025-02", "2025-03"]
    places = [("A", "ACC-X", 10), ("B", "ACC-Y", 5), ("B", "TSP", 8)]
    return {
        "pdus": pd.DataFrame({"pdu_code": ["A", "B"], "pdu_name": ["Alpha", "Beta"], "region_code": ["N", "N"],
                              "region_name": ["North", "North"]}),
        "caseload": pd.DataFrame([(pdu, month, 100) for pdu in ("A", "B") for month in months],
                                 columns=["pdu_code", "month", "people_supervised"]),
        "interventions": pd.DataFrame({
            "intervention_code": ["ACC-X", "ACC-Y", "TSP"],
            "intervention_name": ["Accommodation (X)", "Accommodation (Y)", "Thinking Skills"],
            "category": ["commissioned_rehabilitative_service", "commissioned_rehabilitative_service",
                         "accredited_programme"],
            "needs": ["accommodation", "accommodation", "thinking_behaviour"],
            "delivery": ["one_to_one", "one_to_one", "group"],
            "provider": ["X Housing", "Y Homes", "Probation Service"],
            "target_group": ["all", "all", "all"],
        }),
        "provision": pd.DataFrame([(pdu, code, month, count) for pdu, code, count in places for month in months],
                                  columns=["pdu_code", "intervention_code", "month", "places"]),
        "people": pd.DataFrame({
            "person_id": ids, "pdu_code": [row[0] for row in referrals], "gender": "male",
            "ethnicity_group": "white", "age_band": "25-34", "risk_level": "medium",
            "sentence_type": "community_order", "sentence_end_date": pd.Timestamp("2026-01-01"),
        }),
        "needs": pd.DataFrame({"person_id": ids, "need_code": [row[2] for row in referrals],
                               "identified_date": pd.Timestamp("2025-01-02"), "sufficiency": ""}),
        "referrals": pd.DataFrame({
            "referral_id": [f"R{index:03d}" for index in range(1, len(referrals) + 1)],
            "person_id": ids,
            "pdu_code": [row[0] for row in referrals],
            "intervention_code": [row[1] for row in referrals],
            "need_code": [row[2] for row in referrals],
            "referral_date": pd.Timestamp(REFERRED),
            "start_date": pd.to_datetime([row[3] for row in referrals]),
            "end_date": pd.to_datetime([row[4] for row in referrals]),
            "outcome": [row[5] for row in referrals],
        }),
    }
