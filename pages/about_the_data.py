"""About the data: what is loaded, the data contract, and every definition."""

import pandas as pd
import streamlit as st

from components import cache
from components.blocks import page_header
from components.filters import sidebar_filters
from metrics.stats.disclosure import format_count

filters = sidebar_filters()
page_header("About the data", filters)

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
