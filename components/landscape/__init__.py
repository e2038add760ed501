"""The Landscape page: data and sections."""
