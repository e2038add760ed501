"""The meeting pack as one HTML file: layout and styles."""
