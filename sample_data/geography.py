"""The probation map of England and Wales used by the synthetic sample data.

Twelve probation regions, each with its Probation Delivery Units (PDUs) named
after the local areas they cover: 108 PDUs, London with 18 and Kent, Surrey and
Sussex with 5. Region codes follow the style of the case-management system's
probation area codes; PDU codes are the region code plus a two-digit number.
Names are real places; every number attached to them in the sample is synthetic.

Each PDU has a fixed relative size (mean 1.0, from about 0.5 to 1.9), the same
for every seed, so the map and its caseloads stay recognisable across datasets:
at full scale (240,000 people supervised nationally) a PDU supervises on average
about 2,200 people. Each region has its own ethnicity mix (London is far more
diverse than Wales), a modelling assumption loosely shaped like the population.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

#: (region_code, region_name, PDU names in the region)
REGIONS: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("N54", "North East", (
        "County Durham and Darlington", "Gateshead and South Tyneside", "Newcastle upon Tyne",
        "North Tyneside and Northumberland", "Redcar, Cleveland and Middlesbrough",
        "Stockton and Hartlepool", "Sunderland")),
    ("N51", "North West", (
        "Blackburn with Darwen", "Blackpool", "Central Lancashire", "Cheshire East",
        "Cheshire West", "Cumbria", "East Lancashire", "Halton and Warrington",
        "Knowsley and St Helens", "Liverpool", "Sefton", "Wirral")),
    ("N50", "Greater Manchester", (
        "Bolton", "Bury and Rochdale", "Manchester North", "Manchester South", "Oldham",
        "Salford", "Stockport", "Tameside", "Trafford", "Wigan")),
    ("N55", "Yorkshire and the Humber", (
        "Barnsley and Rotherham", "Bradford and Calderdale", "Doncaster", "Hull and East Riding",
        "Kirklees", "Leeds", "North and North East Lincolnshire", "Sheffield", "Wakefield",
        "York and North Yorkshire")),
    ("N03", "Wales", (
        "Cardiff and the Vale", "Cwm Taf Morgannwg", "Dyfed-Powys", "Gwent", "North Wales",
        "Swansea, Neath and Port Talbot")),
    ("N52", "West Midlands", (
        "Birmingham Central and South", "Birmingham North, East and Solihull", "Coventry",
        "Dudley and Sandwell", "Herefordshire, Shropshire and Telford", "Staffordshire",
        "Stoke-on-Trent", "Walsall and Wolverhampton", "Warwickshire", "Worcestershire")),
    ("N53", "East Midlands", (
        "Derby City", "Derbyshire", "Leicester City", "Leicestershire and Rutland",
        "Lincolnshire", "Northamptonshire", "Nottingham City", "Nottinghamshire")),
    ("N58", "South West", (
        "Bristol and South Gloucestershire", "Cornwall and Isles of Scilly", "Devon and Torbay",
        "Dorset", "Gloucestershire", "Plymouth", "Somerset and Bath", "Swindon and Wiltshire")),
    ("N59", "South Central", (
        "Buckinghamshire and Milton Keynes", "East Berkshire", "Hampshire North and East",
        "Oxfordshire", "Portsmouth and the Isle of Wight", "Reading and West Berkshire",
        "Southampton, Eastleigh and New Forest")),
    ("N56", "East of England", (
        "Bedfordshire", "Cambridgeshire and Peterborough", "Essex North", "Essex South",
        "Hertfordshire", "Norfolk", "Suffolk")),
    ("N07", "London", (
        "Barking, Dagenham and Havering", "Barnet and Harrow", "Brent", "Camden and Islington",
        "Croydon", "Ealing and Hillingdon", "Enfield and Haringey", "Greenwich and Bexley",
        "Hackney and City", "Hammersmith, Fulham, Kensington, Chelsea and Westminster",
        "Hounslow and Richmond", "Lambeth", "Lewisham and Bromley", "Newham",
        "Redbridge and Waltham Forest", "Southwark", "Tower Hamlets",
        "Wandsworth, Merton, Kingston and Sutton")),
    ("N57", "Kent, Surrey and Sussex", (
        "Kent East", "Kent North and Medway", "Kent West", "Surrey", "Sussex")),
)

#: People supervised nationally at full scale (about 2,200 per PDU).
FULL_SCALE_CASELOAD: Final[int] = 240_000

#: Ethnicity mix of people on probation by region, in ETHNICITY_ORDER.
ETHNICITY_ORDER: Final[tuple[str, ...]] = ("white", "black", "asian", "mixed", "other", "unknown")
_DEFAULT_MIX: Final[tuple[float, ...]] = (0.85, 0.03, 0.04, 0.03, 0.01, 0.04)
_REGION_MIX: Final[dict[str, tuple[float, ...]]] = {
    "N07": (0.46, 0.24, 0.13, 0.09, 0.05, 0.03),
    "N52": (0.70, 0.08, 0.12, 0.05, 0.02, 0.03),
    "N50": (0.74, 0.06, 0.10, 0.05, 0.02, 0.03),
    "N55": (0.79, 0.03, 0.09, 0.04, 0.01, 0.04),
    "N53": (0.79, 0.05, 0.07, 0.04, 0.01, 0.04),
    "N56": (0.82, 0.06, 0.03, 0.04, 0.01, 0.04),
    "N59": (0.80, 0.05, 0.06, 0.04, 0.01, 0.04),
    "N57": (0.84, 0.04, 0.03, 0.04, 0.01, 0.04),
    "N03": (0.90, 0.02, 0.02, 0.02, 0.01, 0.03),
    "N54": (0.91, 0.01, 0.02, 0.02, 0.01, 0.03),
}

_SIZE_SEED: Final[int] = 108


def pdu_table() -> pd.DataFrame:
    """All PDUs in a fixed order with codes, names, region and relative size.

    Returns:
        One row per PDU: pdu_code, pdu_name, region_code, region_name, size_weight
        (relative caseload, mean 1.0; fixed, independent of the dataset's seed).
    """
    rows = [
        (f"{code}P{number:02d}", name, code, region)
        for code, region, names in REGIONS
        for number, name in enumerate(names, start=1)
    ]
    pdus = pd.DataFrame(rows, columns=["pdu_code", "pdu_name", "region_code", "region_name"])
    size_rng = np.random.default_rng(_SIZE_SEED)
    joined_areas = pdus["pdu_name"].str.contains(" and |,", regex=True).to_numpy()
    weight = size_rng.lognormal(0.0, 0.28, len(pdus)) * np.where(joined_areas, 1.25, 1.0)
    pdus["size_weight"] = weight / weight.mean()
    return pdus


def pdu_code_for(pdu_name: str) -> str:
    """The code of the PDU with this exact name.

    Raises:
        KeyError: if no PDU has that name.
    """
    for code, _region, names in REGIONS:
        if pdu_name in names:
            return f"{code}P{names.index(pdu_name) + 1:02d}"
    raise KeyError(f"no PDU named {pdu_name!r}")


def ethnicity_mix(region_codes: np.ndarray) -> np.ndarray:
    """Ethnicity probabilities (columns in ETHNICITY_ORDER) for each region code given."""
    return np.array([_REGION_MIX.get(code, _DEFAULT_MIX) for code in region_codes])
