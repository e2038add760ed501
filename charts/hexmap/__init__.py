"""The PDU hex map: PDU shapes built from district hexes (``shapes``), matched to the data's PDUs
(``matching``) and drawn with Plotly shapes only (``figure``)."""
