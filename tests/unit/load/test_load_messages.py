"""The load benchmark's reading of Streamlit's protocol, on hand-made messages."""

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.load.links import AppPage, Link
from benchmarks.load.protocol import ViewReading, note_message, rerun_request, stream_url

WAITING = AppPage("Waiting times", "waiting-times")


def noted(*messages: ForwardMsg) -> ViewReading:
    reading = ViewReading()
    for message in messages:
        note_message(reading, message)
    return reading


def element(kind: str) -> ForwardMsg:
    message = ForwardMsg()
    if kind == "exception":
        message.delta.new_element.exception.type = "KeyError"
        message.delta.new_element.exception.message = "'region'"
    else:
        message.delta.new_element.markdown.body = "Hello"
    return message


def finished(status: int) -> ForwardMsg:
    message = ForwardMsg()
    message.script_finished = status
    return message


def test_the_request_runs_the_links_page_with_its_query_string():
    request = BackMsg.FromString(rerun_request(Link(WAITING, "region=N53"), base_url="http://127.0.0.1:8501/"))
    assert request.WhichOneof("type") == "rerun_script"
    assert request.rerun_script.page_name == "waiting-times"
    assert request.rerun_script.page_script_hash == ""
    assert request.rerun_script.query_string == "region=N53"
    assert request.rerun_script.context_info.url == "http://127.0.0.1:8501/waiting-times?region=N53"


def test_the_stream_lives_beside_the_app():
    assert stream_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert stream_url("https://example.org/") == "wss://example.org/_stcore/stream"


def test_elements_and_exception_elements_are_counted():
    reading = noted(element("markdown"), element("exception"), element("markdown"))
    assert reading.element_count == 3
    assert reading.exception_messages == ["KeyError: 'region'"]


def test_a_run_cut_short_to_rerun_is_not_the_end():
    reading = noted(finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN))
    assert not reading.finished
    note_message(reading, finished(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert reading.finished


def test_the_page_shown_is_the_one_navigation_names_last():
    first, second = ForwardMsg(), ForwardMsg()
    for message, running in ((first, "hash-overview"), (second, "hash-waiting")):
        message.navigation.app_pages.add(page_script_hash="hash-overview", url_pathname="")
        message.navigation.app_pages.add(page_script_hash="hash-waiting", url_pathname="waiting-times")
        message.navigation.page_script_hash = running
    assert noted(first).shown_page == ""
    assert noted(first, second).shown_page == "waiting-times"


def test_page_not_found_is_noticed():
    message = ForwardMsg()
    message.page_not_found.page_name = "waiting-times"
    assert noted(message).page_not_found
    assert not noted(element("markdown")).page_not_found
