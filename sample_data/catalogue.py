"""The intervention catalogue of the sample data: real programme names, fictional providers.

Accredited programmes, structured interventions and practitioner toolkits are
delivered by the Probation Service itself. Commissioned Rehabilitative Services
(CRS) are bought per region from third-sector providers, so each region has its
own six CRS services (Women's Services for women only); CFO activity hubs are
one per region. Provider names are invented. Each entry lists the OASys need
areas it addresses and a relative popularity used when choosing where a referral
goes. Building Choices is modelled as rolled out from April 2025, after which
the Thinking Skills Programme and Resolve receive fewer referrals (an
assumption for the model, giving the landscape a visible change over time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

import pandas as pd

from sample_data.geography import REGIONS


@dataclass(frozen=True)
class Intervention:
    """One row of interventions.csv plus what the model needs to use it."""

    code: str
    name: str
    category: str
    needs: tuple[str, ...]
    delivery: str
    provider: str
    target_group: str = "all"
    popularity: float = 1.0
    region_code: str = ""  # empty: available in every region


BUILDING_CHOICES_FROM: Final[dt.date] = dt.date(2025, 4, 1)
#: Referral weight of the programmes Building Choices replaces, after its roll-out.
PHASED_OUT_WEIGHT: Final[float] = 0.3
PHASED_OUT: Final[tuple[str, ...]] = ("AP-TSP", "AP-RSV")

_PS = "Probation Service"
_AP, _SI, _PT = "accredited_programme", "structured_intervention", "practitioner_toolkit"
_TB, _AT, _RE, _EW = "thinking_behaviour", "attitudes", "relationships", "emotional_wellbeing"

NATIONAL: Final[tuple[Intervention, ...]] = (
    Intervention("AP-BC", "Building Choices", _AP, (_TB, _AT, _RE, "lifestyle"), "group", _PS,
                 popularity=3.0),
    Intervention("AP-TSP", "Thinking Skills Programme", _AP, (_TB, _AT), "group", _PS,
                 popularity=2.6),
    Intervention("AP-BBR", "Building Better Relationships", _AP, (_RE, _TB, _AT), "group", _PS,
                 "men", 1.6),
    Intervention("AP-HZN", "Horizon", _AP, (_AT, _RE, _TB), "group", _PS, "men", 0.9),
    Intervention("AP-IHZ", "iHorizon", _AP, (_AT, _RE, _TB), "group", _PS, "men", 0.6),
    Intervention("AP-NMS", "New Me Strengths", _AP, (_TB, _EW), "mixed", _PS, popularity=0.4),
    Intervention("AP-LNM", "Living as New Me", _AP, (_AT, _RE), "one_to_one", _PS, "men", 0.2),
    Intervention("AP-HII", "Healthy Identity Intervention", _AP, (_AT, _TB), "one_to_one", _PS,
                 popularity=0.1),
    Intervention("AP-KZN", "Kaizen", _AP, (_AT, _TB, _RE), "mixed", _PS, "men", 0.3),
    Intervention("AP-BNM", "Becoming New Me+", _AP, (_AT, _TB, _RE), "group", _PS, "men", 0.3),
    Intervention("AP-RSV", "Resolve", _AP, (_TB, _AT, _EW), "group", _PS, "men", 0.8),
    Intervention("SI-EMO", "Stepwise: Emotions", _SI, (_EW, _TB), "one_to_one", _PS,
                 popularity=1.2),
    Intervention("SI-PSO", "Stepwise: Problem Solving", _SI, (_TB,), "one_to_one", _PS,
                 popularity=1.2),
    Intervention("SI-REL", "Stepwise: Relationships", _SI, (_RE,), "one_to_one", _PS,
                 popularity=1.0),
    Intervention("SI-DRV", "Stepwise: Driving", _SI, (_TB, _AT, "alcohol"), "group", _PS,
                 popularity=0.5),
    Intervention("SI-SUB", "Stepwise: Substance Use", _SI, ("drugs", "alcohol"), "one_to_one",
                 _PS, popularity=0.8),
    Intervention("PT-MFC", "Maps for Change", _PT, (_AT, _RE, _TB), "one_to_one", _PS, "men", 0.4),
    Intervention("PT-TCH", "Thinking and Choices toolkit", _PT, (_TB, _AT), "one_to_one", _PS,
                 popularity=1.0),
    Intervention("PT-REL", "Skills for Relationships toolkit", _PT, (_RE,), "one_to_one", _PS,
                 popularity=0.8),
    Intervention("PT-LIF", "Lifestyle and Associates toolkit", _PT, ("lifestyle", _AT),
                 "one_to_one", _PS, popularity=1.0),
    Intervention("PT-WOM", "Women's practitioner toolkit", _PT, (_EW, _RE, "lifestyle"),
                 "one_to_one", _PS, "women", 0.8),
    Intervention("OL-DRR", "Drug Rehabilitation Requirement", "other_local", ("drugs",),
                 "one_to_one", "Local treatment provider", popularity=1.0),
    Intervention("OL-ATR", "Alcohol Treatment Requirement", "other_local", ("alcohol",),
                 "one_to_one", "Local treatment provider", popularity=1.0),
    Intervention("OL-MHT", "Mental Health Treatment Requirement", "other_local", (_EW,),
                 "one_to_one", "", popularity=0.5),
)

#: (code suffix, name, needs, delivery, target group, popularity) of each region's CRS.
CRS_SERVICES: Final[tuple[tuple[str, str, tuple[str, ...], str, str, float], ...]] = (
    ("ACC", "Accommodation", ("accommodation",), "one_to_one", "all", 3.0),
    ("ETE", "Education, Training and Employment", ("ete",), "mixed", "all", 2.2),
    ("FBD", "Finance, Benefit and Debt", ("finance",), "one_to_one", "all", 2.2),
    ("DAR", "Dependency and Recovery", ("drugs", "alcohol"), "mixed", "all", 1.6),
    ("PWB", "Personal Wellbeing", (_EW, "lifestyle", _RE), "one_to_one", "all", 1.4),
    ("WOM", "Women's Services", (_EW, _RE, "lifestyle", "ete"), "mixed", "women", 3.0),
)
_CFO_NEEDS: Final[tuple[str, ...]] = ("accommodation", "ete", "finance", "lifestyle", _EW)

_PROVIDERS: Final[tuple[str, ...]] = (
    "Kestrel Lane Partnership", "Hollingate Housing Trust", "Copperbeech Futures CIC",
    "Larkspur Community Partners", "Saltmarsh Support CIC", "Millstone Works Trust",
    "Cedarbridge Recovery Partnership", "Foxglove Wellbeing CIC", "Granite Steps Trust",
    "Harbourlight Employment Services", "Northwind Money Advice", "Brackenfield Pathways",
)
_WOMEN_PROVIDERS: Final[tuple[str, ...]] = (
    "Rowan Women's Collective", "Marigold Women's Centres", "Heartwood Women's Network",
)
_CFO_PROVIDERS: Final[tuple[str, ...]] = (
    "Stridewell Group", "Pathmaker Services", "Open Lane Partnership",
)

#: Local services: (code, name, needs, delivery, provider, region code).
LOCAL: Final[tuple[tuple[str, str, tuple[str, ...], str, str, str], ...]] = (
    ("OL-HF1", "Housing First project", ("accommodation", _EW), "one_to_one",
     "Hollingate Housing Trust", "N07"),
    ("OL-HF2", "Supported lodgings scheme", ("accommodation",), "one_to_one", "", "N50"),
    ("OL-HF3", "Tenancy sustainment service", ("accommodation", "finance"), "one_to_one",
     "Brackenfield Pathways", "N58"),
    ("OL-EM1", "Construction skills academy", ("ete",), "group", "Millstone Works Trust", "N55"),
    ("OL-EM2", "Employment hub", ("ete", "finance"), "mixed", "", "N52"),
    ("OL-DB1", "Debt advice clinic", ("finance",), "one_to_one", "Northwind Money Advice", "N54"),
    ("OL-RC1", "Recovery café", ("drugs", "alcohol", "lifestyle"), "group",
     "Cedarbridge Recovery Partnership", "N51"),
    ("OL-MN1", "Peer mentoring service", ("lifestyle", _AT), "one_to_one",
     "Kestrel Lane Partnership", "N56"),
    ("OL-FL1", "Family links project", (_RE,), "mixed", "Larkspur Community Partners", "N59"),
    ("OL-VT1", "Veterans in the community", (_EW, "accommodation"), "one_to_one", "", "N03"),
    ("OL-RJ1", "Restorative justice service", (_AT, _RE), "one_to_one", "", "N57"),
    ("OL-YA1", "Young adults hub", ("lifestyle", "ete", _TB), "group",
     "Copperbeech Futures CIC", "N53"),
)


def _regional() -> list[Intervention]:
    entries: list[Intervention] = []
    for index, (code, region, _names) in enumerate(REGIONS):
        for offset, (suffix, name, needs, delivery, target, popularity) in enumerate(CRS_SERVICES):
            if suffix == "WOM":
                provider = _WOMEN_PROVIDERS[index % len(_WOMEN_PROVIDERS)]
            else:
                provider = _PROVIDERS[(2 * index + offset) % len(_PROVIDERS)]
            entries.append(Intervention(
                f"CRS-{suffix}-{code}", f"{name} (CRS, {region})",
                "commissioned_rehabilitative_service", needs, delivery, provider, target,
                popularity, code))
        entries.append(Intervention(
            f"CFO-{code}", f"CFO Activity Hub ({region})", "cfo_activity_hub", _CFO_NEEDS,
            "mixed", _CFO_PROVIDERS[index % len(_CFO_PROVIDERS)], popularity=1.2,
            region_code=code))
    return entries


def catalogue() -> tuple[Intervention, ...]:
    """Every intervention in a fixed order: national, regional (CRS, CFO), then local."""
    local = tuple(
        Intervention(code, name, "other_local", needs, delivery, provider, popularity=0.8,
                     region_code=region)
        for code, name, needs, delivery, provider, region in LOCAL
    )
    return NATIONAL + tuple(_regional()) + local


def interventions_frame(entries: tuple[Intervention, ...], need_order: tuple[str, ...]) -> (
        pd.DataFrame):
    """interventions.csv rows: needs as a ``;``-separated list in the contract's need order."""
    rows = [
        (item.code, item.name, item.category,
         ";".join(need for need in need_order if need in item.needs),
         item.delivery, item.provider or None, item.target_group)
        for item in entries
    ]
    columns = ["intervention_code", "intervention_name", "category", "needs", "delivery",
               "provider", "target_group"]
    return pd.DataFrame(rows, columns=columns)
