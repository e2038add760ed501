"""The meeting pack, in the sidebar: build it with progress, download the HTML, print a PDF, and
download the tables bundle (every table in full, as CSV files in a zip).

A pack is built for the filters and page settings in force and kept for the
session as (signature, HTML, tables bundle); when the filters or settings change,
or new data are loaded, it must be built again.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from charts.pack.bundle import tables_bundle
from charts.pack.html import PackCover, PackSection, pack_html
from components import access, cache, navigation
from components.blocks import scope_labels, short_definition
from vocabulary.access import AuditAction
from vocabulary.scope import Filters, describe_scope

_PACK_KEY = "_meeting_pack"
_PDF_KEY = "_meeting_pack_pdf"
Progress = Callable[[str, float], None]
#: Pages gathered at once. The database does the work; more workers only queue on its cores.
PACK_WORKERS = 3


def _sections(filters: Filters, progress: Progress, failed: list[str]) -> list[PackSection]:
    """Each page's section, gathered side by side: most of the time is spent waiting on the database."""
    # Imported on use: the section builders import every page's components, which may
    # themselves import the sidebar filters that draw this panel.
    from components.pack.sections import FIRST_SECTION, SECTION_BUILDERS

    paths = [navigation.page_path(page) for page in navigation.all_pages()] or list(SECTION_BUILDERS)
    paths = sorted((path for path in paths if path in SECTION_BUILDERS), key=lambda path: path != FIRST_SECTION)
    context = get_script_run_ctx()  # workers read this session's settings and share its caches

    def attach() -> None:
        add_script_run_ctx(threading.current_thread(), context)

    with ThreadPoolExecutor(max_workers=PACK_WORKERS, initializer=attach) as pool:
        futures = {pool.submit(SECTION_BUILDERS[path], filters): path for path in paths}
        for done, future in enumerate(as_completed(futures), start=1):
            progress(f"Gathered {_title(futures[future])}", done / (len(paths) + 1))
        return [_section_or_failure(future, _title(path), failed) for future, path in futures.items()]


def _title(path: str) -> str:
    page = navigation.page_at(path)
    return page.title if page else path


def _section_or_failure(future: Future[PackSection], title: str, failed: list[str]) -> PackSection:
    """The page's section; if gathering it failed, a section that says so (the rest of the pack still builds)."""
    error = future.exception()
    if error is None:
        return future.result()
    failed.append(title)
    st.error(f"The meeting pack could not gather the {title} page: {type(error).__name__}: {error}")
    return PackSection(title, notes=[f"This page's figures could not be gathered ({type(error).__name__}: "
                                     f"{error}). Open the page in the dashboard to see them."])


def build_pack(
    filters: Filters, *, progress: Progress | None = None, generated_at: dt.datetime | None = None,
    failed: list[str] | None = None,
) -> tuple[str, bytes]:
    """The whole pack as HTML (cover, then each page's section in navigation order) and its tables bundle.

    Pages whose figures could not be gathered are appended to ``failed``.
    """
    report = progress or (lambda step, fraction: None)
    info = cache.load_dataset_info()
    cover = PackCover(
        scope=describe_scope(filters, scope_labels()),
        data_as_of=info["data_as_of"],
        generated_at=generated_at or dt.datetime.now().replace(microsecond=0),
        synthetic=bool(info["synthetic"]),
        disclosure_note=short_definition("Disclosure control"),
    )
    sections = _sections(filters, report, failed if failed is not None else [])
    report("Assembling the pack", len(sections) / (len(sections) + 1))
    return pack_html(cover, sections), tables_bundle(cover, sections)


def _signature(filters: Filters) -> tuple:
    settings = sorted((key, repr(value)) for key, value in st.session_state.items() if str(key).startswith("page_"))
    return filters, cache.current_engine()[1], tuple(settings)


def _build_with_progress(filters: Filters) -> tuple[str, bytes]:
    with st.status("Building the meeting pack…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        started = time.perf_counter()
        failed: list[str] = []
        built = build_pack(filters, progress=lambda step, fraction: bar.progress(fraction, text=step), failed=failed)
        bar.progress(1.0, text="Done")
        seconds = time.perf_counter() - started
        if failed:  # stay open so the error is read
            status.update(label=f"Meeting pack built in {seconds:.1f} s without {', '.join(failed)}", state="error")
        else:
            status.update(label=f"Meeting pack built in {seconds:.1f} s", state="complete", expanded=False)
    return built


def _pdf_controls(signature: tuple, page: str) -> None:
    reason = cache.pdf_unavailable_reason()
    if reason:
        st.caption(f"**PDF unavailable.** {reason}")
        return
    stored = st.session_state.get(_PDF_KEY)
    if st.button("Make a PDF of the pack", key="pack_pdf", use_container_width=True):
        with st.spinner("Printing the pack to PDF…"):
            try:
                stored = (signature, cache.html_to_pdf(page))
            except cache.PdfUnavailableError as error:
                st.error(str(error))
                return
        st.session_state[_PDF_KEY] = stored
    if stored and stored[0] == signature:
        st.download_button("Download meeting pack (PDF)", stored[1], file_name=_file_name("pdf"),
                           mime="application/pdf", key="pack_pdf_download",
                           on_click=access.on_download(AuditAction.PACK_DOWNLOAD, _file_name("pdf"), "ignore"),
                           use_container_width=True)


def _file_name(extension: str) -> str:
    return f"meeting-pack-{dt.date.today():%Y-%m-%d}.{extension}"


def meeting_pack_panel(filters: Filters) -> None:
    """Build the pack for the view in force; then download it as HTML (and PDF where possible)."""
    with st.expander("Meeting pack"):
        st.caption("Key findings, headline figures, main charts and short tables for the filters in force: "
                   "one HTML file that opens offline and prints to 20 pages at most. Full tables come as CSV.")
        signature = _signature(filters)
        stored = st.session_state.get(_PACK_KEY)
        if st.button("Build meeting pack", key="pack_build", use_container_width=True):
            stored = (signature, *_build_with_progress(filters))
            st.session_state[_PACK_KEY] = stored
            st.session_state.pop(_PDF_KEY, None)
        if stored and stored[0] == signature:
            st.download_button("Download meeting pack", stored[1].encode("utf-8"), file_name=_file_name("html"),
                               mime="text/html", key="pack_download", type="primary",
                               on_click=access.on_download(AuditAction.PACK_DOWNLOAD, _file_name("html"), "ignore"),
                               use_container_width=True)
            st.download_button("Download full tables (CSV, zip)", stored[2], file_name=_file_name("zip"),
                               mime="application/zip", key="pack_tables_download",
                               on_click=access.on_download(AuditAction.PACK_DOWNLOAD, _file_name("zip"), "ignore"),
                               use_container_width=True)
            _pdf_controls(signature, stored[1])
        elif stored:
            st.caption("The filters, settings or data changed since the pack was built: build it again.")
