"""About the data page, drawn once per data version and replayed (``components.replay``).

It opens with what a reader of the figures needs: where the data come from, what they
cover and up to when, what to be careful about, how the figures are protected, whom to
ask, and every definition. The data contract (file formats, the loader's
command line and exit codes, the database) is for whoever loads the data, so it comes
last, folded away in a technical appendix.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cache, site
from components.replay import replayed
from metrics.stats.disclosure import format_count

#: Each loaded table in words: what one row is, and where it comes from.
SOURCES: dict[str, str] = {
    "referrals": "Referrals of people on probation to interventions, with their start, end and outcome",
    "needs": "Needs identified in OASys assessments (one row per person and need), with the practitioner's "
             "judgement of whether interventions were sufficient",
    "people": "People on probation (pseudonymised): their PDU, and the gender, ethnicity, age, risk and sentence "
              "the subgroup filters use",
    "interventions": "The catalogue of interventions: accredited programmes, toolkits and commissioned services, "
                     "with their provider and category",
    "intervention_needs": "Which needs each intervention in the catalogue addresses",
    "pdus": "Probation Delivery Units and their regions",
    "caseload": "People supervised per PDU and month (optional: rates per 100 people supervised need it)",
    "provision": "Places per intervention, PDU and month (optional: the Landscape's places and demand need it)",
}
QUALITY_CAVEATS = (
    "**Sufficiency is a judgement.** \"Judged sufficient\" is the practitioner's judgement recorded in the case, "
    "not an outcome measure; need records without a judgement are left out of the shares.",
    "**Recent months are not yet complete for follow-up measures.** A need counts as referred, started or "
    "completed only within 182 days of being identified, so the latest six months read lower than they will "
    "(the pages say from which date; see \"Follow-up window\").",
    "**The waiting list counts everyone still waiting**, as NHS referral-to-treatment statistics do, not only "
    "those who started: a list's median wait is not the wait of those who started.",
    "**Small numbers are hidden or rounded** (see \"How the figures are protected\" below), so totals of rounded "
    "figures may differ from the rounded total by a few.",
    "**Optional files.** Without caseload, rates per 100 people supervised are not shown; without provision, the "
    "Landscape shows referrals in place of places and says so.",
)


def about_the_data() -> None:
    """The reader's sections first, then the technical appendix (contact: this installation's setting)."""
    _about(site.contact())


@replayed
def _about(contact: str | None) -> None:
    summary = cache.load_dataset_summary()
    info = cache.load_dataset_info()
    _sources(summary)
    _coverage(summary, info)
    st.subheader("Quality caveats")
    st.markdown("\n".join(f"- {caveat}" for caveat in QUALITY_CAVEATS))
    st.subheader("How the figures are protected")
    st.markdown(cache.load_definitions()["Disclosure control"])
    _contact(contact)
    _definitions()  # last of the reader's sections: a long list of folded definitions
    _technical_appendix(summary)


def _sources(summary: dict[str, object]) -> None:
    st.subheader("Where the data come from")
    loaded = [name for name in SOURCES if summary["row_counts"].get(name)]
    missing = [name for name in ("caseload", "provision") if name not in loaded]
    st.markdown(
        "Probation case records of England and Wales, extracted and loaded as one dataset:\n"
        + "\n".join(f"- {SOURCES[name]}." for name in loaded)
        + ("\n\nNot loaded: " + ", ".join(missing) + "." if missing else "")
    )


def _coverage(summary: dict[str, object], info: dict[str, object]) -> None:
    st.subheader("Coverage and data date")
    first, last = summary["referral_dates"]
    identified_first, identified_last = summary["identified_dates"]
    counts = summary["row_counts"]
    loaded = f"{info['loaded_at']:%-d %B %Y}" if info.get("loaded_at") else "not recorded"
    left, right = st.columns([3, 2])
    left.markdown(
        f"- **Data as of:** {info['data_as_of']:%-d %B %Y} (the latest referral, start or end date)\n"
        f"- **Referrals made:** {first:%-d %B %Y} to {last:%-d %B %Y}\n"
        f"- **Needs identified:** {identified_first:%-d %B %Y} to {identified_last:%-d %B %Y}\n"
        f"- **Area:** England and Wales, {counts['pdus']:,} Probation Delivery Units\n"
        f"- **Last loaded:** {loaded}"
    )
    rows = pd.DataFrame({"Table": list(counts), "Rows": [format_count(n) for n in counts.values()]})
    right.dataframe(rows, hide_index=True, width="stretch")
    right.caption("Rows loaded per table, rounded to the nearest 5 like every count.")


def _definitions() -> None:
    st.subheader("Definitions")
    st.caption("Every figure on every page, defined once; each page shows the same text beside its numbers.")
    for heading, text in cache.load_definitions().items():
        with st.expander(heading):
            st.markdown(text)


def _contact(person: str | None) -> None:
    st.subheader("Contact")
    if person:
        st.markdown(f"Questions about the data or the figures: {person}")
    else:
        st.markdown(f"No contact is set for this installation: whoever runs it names one in the "
                    f"`{site.CONTACT_SETTING}` setting (see docs/deployment.md).")


def _technical_appendix(summary: dict[str, object]) -> None:
    st.subheader("Technical appendix")
    load = summary["latest_load"]
    with st.expander("The data contract: files, columns, loading from the command line, exit codes, database"):
        if load:
            st.markdown(f"Last load: {load['loaded_at']:%d %B %Y %H:%M} from `{load['source']}` ({load['mode']}).")
        st.markdown(cache.load_document("data-contract"))
