"""The chart theme sets every text size it is asked for (presentation mode relies on it)."""

import plotly.graph_objects as go

from charts.theme import PRESENTATION_FONT_PX, apply_theme


def test_every_chart_text_takes_the_requested_size():
    figure = apply_theme(go.Figure(go.Bar(x=["A"], y=[1])), title="Referrals (count)", font_px=PRESENTATION_FONT_PX)
    layout = figure.layout
    assert PRESENTATION_FONT_PX >= 18
    assert layout.font.size == PRESENTATION_FONT_PX
    assert layout.title.font.size == PRESENTATION_FONT_PX + 4
    assert layout.hoverlabel.font.size == PRESENTATION_FONT_PX
    assert layout.legend.font.size == PRESENTATION_FONT_PX
    for axis in (layout.xaxis, layout.yaxis):
        # Explicit, because Streamlit's chart theme would otherwise shrink tick labels.
        assert axis.tickfont.size == PRESENTATION_FONT_PX
        assert axis.title.font.size == PRESENTATION_FONT_PX
