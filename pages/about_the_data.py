"""About the data: sources, coverage, caveats, definitions, protection, contact; the data contract last."""

from components.about import about_the_data
from components.blocks import page_header
from components.filters import sidebar_filters
from components.upload import data_upload

filters = sidebar_filters()
page_header("About the data", filters, lead="Where the figures come from, what they cover, what to be careful "
            "about, and whom to ask.")
about_the_data()
data_upload()
