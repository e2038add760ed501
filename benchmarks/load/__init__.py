"""Load benchmark (issue 13): many sessions at once over Streamlit's websocket; run ``python -m benchmarks.load``."""
