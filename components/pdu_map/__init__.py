"""The PDU hex map on the PDU comparisons, Sufficiency gaps and Landscape pages (one call each), and in the pack."""
