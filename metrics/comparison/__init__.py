"""PDU comparisons: indicators, their values per area, comparison tables, trends and spine charts."""
