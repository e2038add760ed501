"""The chart theme sets every text size it is asked for (presentation mode relies on it)."""

import plotly.graph_objects as go

from charts.theme import PRESENTATION_FONT_PX, apply_theme


def test_every_chart_text_takes_the_requested_size():
    figure = apply_theme(go.Figure(go.Bar(x=["A"], y=[1])), title="Referrals (count)", font_px=PRESENTATION_FONT_PX)
    layout = figure.layout
    assert PRESENTATION_FONT_PX - 4 >= 20  # builders' secondary labels are at most 4 px smaller
    assert layout.font.size == PRESENTATION_FONT_PX
    assert layout.title.font.size == PRESENTATION_FONT_PX + 4
    assert layout.hoverlabel.font.size == PRESENTATION_FONT_PX
    assert layout.legend.font.size == PRESENTATION_FONT_PX
    for axis in (layout.xaxis, layout.yaxis):
        # Explicit, because Streamlit's chart theme would otherwise shrink tick labels.
        assert axis.tickfont.size == PRESENTATION_FONT_PX
        assert axis.title.font.size == PRESENTATION_FONT_PX


def test_subplot_titles_and_legend_titles_are_not_smaller_than_chart_text():
    from plotly.subplots import make_subplots

    figure = make_subplots(rows=1, cols=2, subplot_titles=("Waiting list", "Flows"))  # plotly fixes these at 16 px
    figure.add_annotation(text="Deliberately large", font={"size": 40}, x=0, y=0)
    figure.update_layout(legend={"title": {"text": "Compared with"}})
    apply_theme(figure, title="Waits (count)", font_px=PRESENTATION_FONT_PX)
    sizes = [note.font.size for note in figure.layout.annotations]
    assert sizes == [PRESENTATION_FONT_PX, PRESENTATION_FONT_PX, 40]
    assert figure.layout.legend.title.font.size == PRESENTATION_FONT_PX
