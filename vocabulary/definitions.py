"""The data contract's vocabulary: enumerations, labels and constants with units.

Every other layer takes its column names, codes and analytical constants from
here, so that a code such as ``accommodation`` or a threshold such as the
suppression limit is spelt once.
"""

from __future__ import annotations

from typing import Final

CATEGORY_LABELS: Final[dict[str, str]] = {
    "accredited_programme": "Accredited programmes",
    "structured_intervention": "Structured interventions",
    "practitioner_toolkit": "Practitioner toolkits",
    "commissioned_rehabilitative_service": "Commissioned Rehabilitative Services",
    "cfo_activity_hub": "CFO activity hubs",
    "other_local": "Other local services",
}
CATEGORIES: Final[tuple[str, ...]] = tuple(CATEGORY_LABELS)

NEED_LABELS: Final[dict[str, str]] = {
    "accommodation": "Accommodation",
    "ete": "Education, training and employment",
    "finance": "Finance",
    "relationships": "Relationships",
    "lifestyle": "Lifestyle and associates",
    "drugs": "Drug misuse",
    "alcohol": "Alcohol misuse",
    "emotional_wellbeing": "Emotional wellbeing",
    "thinking_behaviour": "Thinking and behaviour",
    "attitudes": "Attitudes",
}
NEEDS: Final[tuple[str, ...]] = tuple(NEED_LABELS)

DELIVERY_MODES: Final[tuple[str, ...]] = ("group", "one_to_one", "mixed")
TARGET_GROUPS: Final[tuple[str, ...]] = ("all", "women", "men")

GENDERS: Final[tuple[str, ...]] = ("female", "male", "unknown")
ETHNICITY_GROUPS: Final[tuple[str, ...]] = ("asian", "black", "mixed", "white", "other", "unknown")
AGE_BANDS: Final[tuple[str, ...]] = ("18-24", "25-34", "35-49", "50+", "unknown")
RISK_LEVELS: Final[tuple[str, ...]] = ("low", "medium", "high", "very_high", "unknown")
SENTENCE_TYPES: Final[tuple[str, ...]] = (
    "community_order",
    "suspended_sentence_order",
    "licence",
    "post_sentence_supervision",
    "unknown",
)
SUFFICIENCY_VALUES: Final[tuple[str, ...]] = ("sufficient", "insufficient")

OUTCOMES: Final[tuple[str, ...]] = (
    "open",
    "completed",
    "did_not_complete",
    "withdrawn",
    "not_suitable",
)
#: Outcomes that require a start and an end date.
STARTED_OUTCOMES: Final[tuple[str, ...]] = ("completed", "did_not_complete")
#: Outcomes that stop the clock; with no start date they are removals without start.
REMOVAL_OUTCOMES: Final[tuple[str, ...]] = ("withdrawn", "not_suitable")

#: Person-level subgroup dimensions offered by filters and breakdowns.
SUBGROUP_DIMENSIONS: Final[dict[str, tuple[str, ...]]] = {
    "gender": GENDERS,
    "ethnicity_group": ETHNICITY_GROUPS,
    "age_band": AGE_BANDS,
    "risk_level": RISK_LEVELS,
    "sentence_type": SENTENCE_TYPES,
}
SUBGROUP_LABELS: Final[dict[str, str]] = {
    "gender": "Gender",
    "ethnicity_group": "Ethnicity group",
    "age_band": "Age band",
    "risk_level": "Risk level",
    "sentence_type": "Sentence type",
}

#: The counts the sufficiency query returns per (PDU, region, need, subgroup), named once (need records).
SUFFICIENCY_COUNT_COLUMNS: Final[tuple[str, ...]] = (
    "need_count",
    "referred_count",
    "started_count",
    "completed_count",
    "judged_count",
    "sufficient_count",
)

#: Disclosure control: counts from 1 to this value are shown as "<5".
SUPPRESS_COUNT_BELOW: Final[int] = 5
#: Disclosure control: no percentage is shown on a denominator below this (people).
MIN_DENOMINATOR_FOR_PERCENT: Final[int] = 10
#: Every count of people or their records is shown rounded to the nearest multiple of this (people).
ROUND_COUNTS_TO: Final[int] = 5

#: A referral counts for a need record when made on or after identified_date minus this many days.
ADDRESSING_LOOKBACK_DAYS: Final[int] = 90
#: Follow-up window, in days (26 weeks): a need record counts as referred (started) only when an
#: addressing referral was made (started) no later than identified_date plus this many days, so every
#: need record has the same time to be referred whatever its date. A need record has had full follow-up
#: when identified_date plus this many days is on or before the data date.
NEED_FOLLOW_UP_DAYS: Final[int] = 182

#: Data quality: a referral is a likely duplicate when the same person was referred to the same
#: intervention this many days before it or fewer (the double keying the Inspectorate describes).
DUPLICATE_WINDOW_DAYS: Final[int] = 14
#: Data quality: a referral with no start and no end is stale when referred more than this many days
#: before the period's end.
STALE_OPEN_DAYS: Final[int] = 365
#: The counts the data-quality query returns per PDU, named once (people, referrals, need records,
#: provision rows and caseload months, as each name says).
QUALITY_COUNT_COLUMNS: Final[tuple[str, ...]] = (
    "people_count",
    "ethnicity_unknown_count",
    "referral_count",
    "no_need_code_count",
    "via_intervention_count",
    "duplicate_count",
    "open_unstarted_count",
    "stale_count",
    "dated_referral_count",
    "future_referral_count",
    "dated_need_count",
    "future_need_count",
    "need_count",
    "unjudged_count",
    "provision_row_count",
    "caseload_month_count",
)

#: Confidence levels used throughout (two-sided), as fractions.
CONFIDENCE_95: Final[float] = 0.95
CONFIDENCE_998: Final[float] = 0.998

#: Default length of the period when none is chosen, in calendar months.
DEFAULT_PERIOD_MONTHS: Final[int] = 12

#: Waiting times: the default waiting-time target, in weeks (users can change it on the page).
DEFAULT_WAIT_TARGET_WEEKS: Final[int] = 12
#: Waiting times: recent flows (starts for clearance time, rates for the planner) look back this many weeks.
RECENT_FLOW_WEEKS: Final[int] = 13
#: Usual length of an intervention of each category, in weeks: someone waiting whose sentence
#: ends sooner than this after the snapshot date is at risk of not starting (or finishing) in time.
USUAL_LENGTH_WEEKS: Final[dict[str, int]] = {
    "accredited_programme": 16,
    "structured_intervention": 6,
    "practitioner_toolkit": 4,
    "commissioned_rehabilitative_service": 12,
    "cfo_activity_hub": 12,
    "other_local": 8,
}


def code_label(code: str | None) -> str:
    """Return a readable label for any contract code (need, category, enum value)."""
    if code is None or code == "":
        return "Not recorded"
    for labels in (NEED_LABELS, CATEGORY_LABELS):
        if code in labels:
            return labels[code]
    return code.replace("_", " ").capitalize()
