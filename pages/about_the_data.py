"""About the data: what is loaded, the data contract, and every definition."""

from components.about import about_the_data
from components.blocks import page_header
from components.filters import sidebar_filters
from components.upload import data_upload

filters = sidebar_filters()
page_header("About the data", filters)
about_the_data()
data_upload()
