"""Overview: the headline picture for the filtered scope."""

from components.blocks import DISCLOSURE_CONTROL, data_panel, definitions_expander, page_header
from components.filters import sidebar_filters
from components.findings.headline import slide_sentence
from components.overview import TREND_KEY, headline, trend_chart
from components.presentation import is_presenting
from components.quality.link import quality_caveat

filters = sidebar_filters()
slot = page_header(
    "Overview",
    filters,
    lead="Who was referred to interventions, who started, and who is still waiting — for the filters in the sidebar.",
)

presenting = is_presenting()
labels = headline(filters, presenting)
data_panel(trend_chart(filters, presenting), key=TREND_KEY, file_name="referrals_and_starts_by_month.csv")
slide_sentence(slot, filters, "overview")

quality_caveat("duplicates")
definitions_expander([*labels, DISCLOSURE_CONTROL])
