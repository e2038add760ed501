"""Open one link the way a new browser tab does, over Streamlit's own websocket, and time it.

A tab connects to ``/_stcore/stream`` (subprotocol "streamlit") and sends a ``BackMsg``
whose ``rerun_script`` ``ClientState`` carries the link's query string and page name (its
URL path; the page hash is empty, as a new tab does not know it). The server answers with
``ForwardMsg``s: ``new_session``, ``navigation`` (which page runs), ``delta``s (the
elements), perhaps ``page_not_found``, and ``script_finished`` when the run ends. A run
cut short by ``st.rerun()`` finishes "early for rerun" and the rerun follows, so a view
lasts until a final status.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.load.links import Link

STREAM_PATH = "/_stcore/stream"
SUBPROTOCOL = "streamlit"
FINAL_STATUSES = frozenset({ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR})


def stream_url(base_url: str) -> str:
    """The websocket address of the app at ``base_url`` ("http://127.0.0.1:8501")."""
    return base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1).rstrip("/") + STREAM_PATH


def rerun_request(link: Link, *, base_url: str) -> bytes:
    """The serialised ``BackMsg`` a new tab sends to run ``link``'s page with its query string."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = link.query_string
    state.page_name = link.page.url_path
    state.page_script_hash = ""
    state.context_info.timezone = "Europe/London"
    state.context_info.locale = "en-GB"
    state.context_info.url = base_url.rstrip("/") + link.path
    return message.SerializeToString()


@dataclass
class ViewReading:
    """What the server sent for one view, noted message by message."""

    element_count: int = 0
    exception_messages: list[str] = field(default_factory=list)
    page_not_found: bool = False
    shown_page: str | None = None  # URL path of the page the last navigation message names
    finish_status: int | None = None

    @property
    def finished(self) -> bool:
        """Whether the run has ended for good (not merely to rerun)."""
        return self.finish_status in FINAL_STATUSES


def note_message(reading: ViewReading, message: ForwardMsg) -> None:
    """Update ``reading`` with one ``ForwardMsg``: elements, exceptions, page, end of run."""
    kind = message.WhichOneof("type")
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        reading.element_count += 1
        element = message.delta.new_element
        if element.WhichOneof("type") == "exception":
            reading.exception_messages.append(f"{element.exception.type}: {element.exception.message}")
    elif kind == "page_not_found":
        reading.page_not_found = True
    elif kind == "navigation":
        paths = {page.page_script_hash: page.url_pathname for page in message.navigation.app_pages}
        reading.shown_page = paths.get(message.navigation.page_script_hash)
    elif kind == "script_finished":
        reading.finish_status = message.script_finished


@dataclass(frozen=True)
class ViewResult:
    """One view: the link, how long until its script finished, and what it showed."""

    link: Link
    seconds: float  # from connecting to the final script_finished (or to the failure)
    first_element_seconds: float | None
    reading: ViewReading
    timed_out: bool = False
    failure: str | None = None  # the connection or protocol failed

    @property
    def failed(self) -> bool:
        """A view a person would call broken: an exception, no finish, or the wrong page."""
        return bool(
            self.failure
            or self.timed_out
            or self.reading.exception_messages
            or self.reading.finish_status != ForwardMsg.FINISHED_SUCCESSFULLY
            or self.reading.shown_page != self.link.page.url_path
        )


async def open_view(base_url: str, link: Link, *, timeout_seconds: float) -> ViewResult:
    """Open ``link`` in a new session and read until its script finishes (or ``timeout_seconds``)."""
    reading, first_element, finished_at, failure = ViewReading(), None, None, None
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_seconds):
            async with websockets.connect(
                stream_url(base_url), subprotocols=[SUBPROTOCOL], max_size=None, close_timeout=5
            ) as socket:
                await socket.send(rerun_request(link, base_url=base_url))
                async for data in socket:
                    note_message(reading, ForwardMsg.FromString(data))
                    if first_element is None and reading.element_count:
                        first_element = time.perf_counter() - started
                    if reading.finished:
                        finished_at = time.perf_counter() - started
                        break
        if not reading.finished:
            failure = "the server closed the connection before the script finished"
    except TimeoutError:
        pass  # a view that finished and then took long to close still counts as finished
    except (OSError, websockets.WebSocketException) as error:
        if not reading.finished:
            failure = f"{type(error).__name__}: {error}"
    timed_out = failure is None and not reading.finished
    seconds = finished_at if finished_at is not None else time.perf_counter() - started
    return ViewResult(link, seconds, first_element, reading, timed_out, failure)
