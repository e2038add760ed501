"""The load benchmark's links: pages read from dashboard.py, seeded random plans, --same."""

import pytest

from benchmarks.load.links import (
    AppPage,
    Link,
    app_pages,
    distinct_links,
    find_page,
    parse_link,
    random_links,
    region_link,
    same_links,
)

OVERVIEW = AppPage("Overview", "")
WAITING = AppPage("Waiting times", "waiting-times")
PAGES = [OVERVIEW, WAITING]


def test_pages_are_read_from_the_entrypoint_in_navigation_order():
    pages = app_pages()
    assert pages[0] == OVERVIEW  # the default page lives at "/"
    assert [page.url_path for page in pages[1:]] == [
        "key-findings", "interventions-landscape", "waiting-times", "sufficiency-gaps", "pdu-comparisons",
        "data-quality", "about",
    ]


def test_pages_without_a_url_path_take_their_file_name(tmp_path):
    entry = tmp_path / "app.py"
    entry.write_text('import streamlit as st\nst.navigation([st.Page("pages/first.py", default=True), '
                     'st.Page("pages/second.py", title="Second")])\n')
    assert app_pages(entry) == [AppPage("first", ""), AppPage("Second", "second")]


def test_a_link_path_carries_its_query_string():
    assert Link(WAITING, "region=N53").path == "/waiting-times?region=N53"
    assert Link(OVERVIEW).path == "/"
    assert region_link(WAITING, "N53") == Link(WAITING, "region=N53")
    assert region_link(WAITING, None) == Link(WAITING, "")


@pytest.mark.parametrize("name", ["Waiting times", "waiting TIMES", "waiting-times", "/waiting-times"])
def test_a_page_is_found_by_title_or_path_in_any_case(name):
    assert find_page(PAGES, name) == WAITING


def test_an_unknown_page_names_the_choices():
    with pytest.raises(ValueError, match="'Waiting times' \\(/waiting-times\\)"):
        find_page(PAGES, "Queues")


def test_same_takes_a_page_with_an_optional_query():
    assert parse_link(PAGES, "Overview") == Link(OVERVIEW, "")
    assert parse_link(PAGES, "waiting-times?region=N53&need=housing") == Link(WAITING, "region=N53&need=housing")
    assert same_links(Link(OVERVIEW), users=3, views=2) == [[Link(OVERVIEW)] * 2] * 3


def test_random_links_are_the_same_for_the_same_seed_and_differ_for_another():
    plan = random_links(PAGES, ["N53", "N57"], users=5, views=4, seed=13)
    assert plan == random_links(PAGES, ["N53", "N57"], users=5, views=4, seed=13)
    assert plan != random_links(PAGES, ["N53", "N57"], users=5, views=4, seed=14)
    assert [len(links) for links in plan] == [4] * 5
    assert {link.page for links in plan for link in links} <= set(PAGES)
    assert {link.query_string for links in plan for link in links} <= {"", "region=N53", "region=N57"}


def test_distinct_links_come_once_with_deep_links_first():
    plan = [[Link(OVERVIEW), Link(WAITING)], [Link(WAITING), Link(OVERVIEW, "region=N53")]]
    assert distinct_links(plan) == [Link(WAITING), Link(OVERVIEW), Link(OVERVIEW, "region=N53")]
