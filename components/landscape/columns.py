"""Column widths and short headings for the Landscape page's tables, so the columns that matter are in
view at 1280 px and long text wraps (``st.dataframe`` column_config; the full heading is the tooltip and
stays the CSV's heading)."""

from __future__ import annotations

from typing import Final

import streamlit as st

#: Rows tall enough for three lines of wrapped text.
WRAPPED_ROW_PX: Final = 66


def _number(label: str, full: str, width: int = 90, *, decimals: int | None = None) -> object:
    """A number column; ``decimals`` for rates (counts keep their own formatting, "<5" included)."""
    number_format = None if decimals is None else f"%.{decimals}f"
    return st.column_config.NumberColumn(label, width=width, help=full, format=number_format)


def _text(label: str | None = None, width: int = 180, help: str | None = None) -> object:
    return st.column_config.TextColumn(label, width=width, help=help)


#: "Where can this need be met here?" (the gap finder): what is available where first.
AVAILABILITY_COLUMNS: Final = {
    "Need": _text(width=130),
    "Area": _text(width=130),
    "Interventions available": _number("Available", "Interventions available", 80),
    "PDUs with no provision for the need": _number("PDUs, gap", "PDUs with no provision for the need", 80),
    "Interventions": _text(width=330),
    "Open to": _text(width=90),
    "PDUs in area": _number("PDUs", "PDUs in area", 60),
    "Longest programme median wait (weeks)": _number("Programme wait (wks)",
                                                     "Longest programme median wait (weeks)", 150, decimals=1),
    "Long programme wait, alternative available": _text("★ alternative", 110,
                                                        "Long programme wait, alternative available"),
}
AVAILABILITY_ORDER: Final = tuple(AVAILABILITY_COLUMNS)
#: "Provision against demand".
DEMAND_COLUMNS: Final = {
    "Group": _text(width=200),
    "Places per month": _number("Places a month", "Places per month", 105, decimals=1),
    "Referrals": _number("Referrals", "Referrals", 80),
    "Referrals per month": _number("Referrals a month", "Referrals per month", 125, decimals=1),
    "Starts": _number("Starts", "Starts", 70),
    "Starts per month": _number("Starts a month", "Starts per month", 110, decimals=1),
    "People with the need": _number("People with need", "People with the need", 110),
    "Utilisation (%)": _number("Utilisation %", "Utilisation (%)", 100, decimals=1),
    "Places per 100 people with the need": _number("Places per 100", "Places per 100 people with the need", 110, decimals=1),
    "Demand exceeds places": _text("Demand > places", 110, "Demand exceeds places"),
}
#: The shortfall in places by need and PDU.
SHORTFALL_COLUMNS: Final = {
    "Need": _text(width=170),
    "PDU": _text(width=180),
    "Region": _text(width=150),
    "Shortfall in places per month": _number("Shortfall a month", "Shortfall in places per month", 125, decimals=1),
    "Referrals per month": _number("Referrals a month", "Referrals per month", 125, decimals=1),
    "Places per month": _number("Places a month", "Places per month", 105, decimals=1),
    "Interventions available": _number("Available", "Interventions available", 80),
}
#: The ranked bars' data.
RANKED_COLUMNS: Final = {"Category": _text(width=320), "Intervention": _text(width=320)}
#: Providers compared within their group.
PROVIDER_COLUMNS: Final = {
    "Provider": _text(width=190),
    "Where it operates (regions)": _text(width=220),
    "PDUs": _number("PDUs", "PDUs where the provider's interventions are available", 60),
    "Referrals": _number("Referrals", "Referrals", 80),
    "Starts": _number("Starts", "Starts", 70),
    "Waiting now": _number("Waiting", "Waiting now", 70),
    "Median wait (weeks)": _number("Median wait (wks)", "Median wait of those waiting now (weeks)", 125, decimals=1),
    "Completion rate (%)": _number("Completion %", "Completion rate (%)", 105, decimals=1),
    "Completion rate compared with the group": _text("Completion compared", 160,
                                                     "Completion rate compared with all providers of the same kind"),
    "Removed without start (%)": _number("Removed, no start %", "Removed without start (%)", 140, decimals=1),
    "Removed without start compared with the group": _text(
        "Removal compared", 160, "Removed without start compared with all providers of the same kind"),
}
