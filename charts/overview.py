"""Overview page charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import BASE_FONT_PX, DARK_BLUE, TEXT_COLOUR, TURQUOISE, apply_theme
from metrics.stats.disclosure import format_count, shown_counts


def referrals_and_starts_figure(monthly: pd.DataFrame, *, font_px: int = BASE_FONT_PX,
                                label_values: bool = False) -> go.Figure:
    """Lines of referrals and starts per month.

    ``monthly``: one row per month with columns month, referral_count, start_count.
    Points are the counts as shown (rounded to the nearest 5); a suppressed month (1–4)
    is a gap in its line and reads "<5" in the hover. With ``label_values`` (a slide: a room
    cannot hover) each point's count is written beside it, referrals above and starts below.
    """
    figure = go.Figure()
    for column, name, colour, dash, place in (
        ("referral_count", "Referrals", DARK_BLUE, "solid", "top center"),
        ("start_count", "Starts", TURQUOISE, "dash", "bottom center"),
    ):
        figure.add_trace(
            go.Scatter(
                x=monthly["month"],
                y=shown_counts(monthly[column]),
                text=[format_count(value) for value in monthly[column]],
                name=name,
                mode="lines+markers+text" if label_values else "lines+markers",
                textposition=place, textfont={"color": TEXT_COLOUR, "size": font_px - 4}, cliponaxis=False,
                line={"color": colour, "width": 3, "dash": dash},
                hovertemplate=f"%{{x|%b %Y}}<br>{name}: %{{text}}<extra></extra>",
            )
        )
    apply_theme(figure, title="Referrals and starts per month (count)", font_px=font_px)
    figure.update_xaxes(title_text="Month", tickformat="%b %Y")
    figure.update_yaxes(title_text="Referrals or starts (count)", rangemode="tozero", tickformat=",")
    return figure
