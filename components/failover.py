"""A view survives the death of the app process that served it (``make serve``, issue 15).

When a worker dies, the browser reconnects through HAProxy to a live worker, which has
never seen the session. Streamlit 1.67's browser code asks the server for a fresh run on
reconnecting only if the page was running, or has a fragment that reruns on a timer;
otherwise it assumes the server resumed the session and leaves the old, now lifeless page
on screen. So every page carries one such fragment: it draws nothing, its timer is too long
ever to fire in a working day, and its presence makes a reconnection run the page again
from the browser's URL and widgets, on whichever worker now holds the session.
``tests/e2e/test_failover_journey.py`` fails if a Streamlit upgrade changes this.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

#: Never due in practice; what matters is that the page has a timed fragment at all.
RERUN_EVERY = dt.timedelta(hours=12)


@st.fragment(run_every=RERUN_EVERY)
def _rerun_after_reconnecting() -> None:
    """Draws nothing: see the module notes."""


def rerun_after_reconnecting() -> None:
    """Have the browser run the page afresh whenever its connection to the app is re-established."""
    _rerun_after_reconnecting()
