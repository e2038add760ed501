"""About the data page: what is loaded, the data contract and every definition, drawn once per data
version and replayed (``components.replay``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cache
from components.replay import replayed
from metrics.stats.disclosure import format_count


@replayed
def about_the_data() -> None:
    """What is loaded (rows per table, dates, the last load), then the data contract and the definitions."""
    summary = cache.load_dataset_summary()
    info = cache.load_dataset_info()
    st.subheader("What is loaded")
    left, right = st.columns([2, 3])
    with left:
        rows = pd.DataFrame(
            {"Table": list(summary["row_counts"]), "Rows": [format_count(n) for n in summary["row_counts"].values()]}
        )
        st.dataframe(rows, hide_index=True, width="stretch")
    with right:
        first, last = summary["referral_dates"]
        load = summary["latest_load"]
        st.markdown(
            f"- **Data as of:** {info['data_as_of']:%d %B %Y} (latest referral, start or end date)\n"
            f"- **Referral dates:** {first:%d %B %Y} to {last:%d %B %Y}\n"
            + (
                f"- **Last loaded:** {load['loaded_at']:%d %B %Y %H:%M} from `{load['source']}` ({load['mode']})\n"
                if load
                else "- **Last loaded:** not recorded\n"
            )
            + ("- **Synthetic sample data:** yes — no real people or services\n" if info["synthetic"] else "")
        )

    contract_tab, definitions_tab = st.tabs(["Data contract", "Definitions"])
    with contract_tab:
        st.markdown(cache.load_document("data-contract"))
    with definitions_tab:
        for heading, text in cache.load_definitions().items():
            with st.expander(heading):
                st.markdown(text)
