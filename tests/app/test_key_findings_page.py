"""Key findings under AppTest, on the test dataset with signals planted in the period, on DuckDB and
PostgreSQL: the planted signals appear as findings, nothing that is not significant is worded as a
difference, each finding's link opens a view that shows it, slides step through them, the meeting pack
opens with them, and a scope too small for any finding says so."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_access.comparison_queries import need_counts_by_pdu
from data_access.engine import make_engine
from data_access.findings_queries import subgroup_counts
from data_access.load import load_frames
from data_access.queries import data_as_of
from data_access.sufficiency_queries import sufficiency_counts
from metrics.findings.comparison import need_counts_from_sufficiency
from metrics.findings.sufficiency import subgroup_shares_by_dimension
from metrics.sufficiency.benchmark import ALL_PERSONS
from metrics.sufficiency.measures import MEASURES, in_area
from metrics.sufficiency.views import need_shares, subgroup_shares
from sample_data.generate import generate_frames
from tests.app.conftest import APP_TIMEOUT_SECONDS, REPO_ROOT, open_page
from tests.sample_database import TEST_PEOPLE_COUNT, TEST_SEED, sample_in_postgres_schema
from vocabulary.definitions import SUBGROUP_DIMENSIONS, SUFFICIENCY_COUNT_COLUMNS
from vocabulary.scope import default_filters, default_period

PAGE = "pages/key_findings.py"
#: People with a drug misuse need in the period moved to one small PDU, all judged insufficient.
MOVED_PEOPLE = 200


def _in_period(frames: dict[str, pd.DataFrame]) -> pd.Series:
    referrals, needs = frames["referrals"], frames["needs"]
    as_of = max(referrals[column].max() for column in ("referral_date", "start_date", "end_date")).date()
    start, end = default_period(as_of)
    return needs["identified_date"].dt.date.between(start, end)


def planted_frames() -> tuple[dict[str, pd.DataFrame], str]:
    """The test dataset with three signals planted in the default period (not before it):

    - accommodation: four in five judged records insufficient (the least-met need);
    - ethnicity group "mixed": nine in ten judged records insufficient (the subgroup furthest below);
    - 200 people with a drug misuse need moved to the smallest PDU, where every judged record is then
      insufficient (drug misuse there is the gap finder's top cell; the PDU is significantly worse on judged
      needs sufficient, which it was not the year before).
    Returns the frames and that PDU's code.
    """
    frames = generate_frames(people_count=TEST_PEOPLE_COUNT, seed=TEST_SEED)
    needs, people = frames["needs"], frames["people"]
    now, judged = _in_period(frames), frames["needs"]["sufficiency"].notna()
    housing = needs.index[now & judged & (needs["need_code"] == "accommodation")]
    needs.loc[housing[housing % 5 != 0], "sufficiency"] = "insufficient"
    mixed = people.loc[people["ethnicity_group"] == "mixed", "person_id"]
    chosen = needs.index[now & judged & needs["person_id"].isin(mixed)]
    needs.loc[chosen[chosen % 10 != 0], "sufficiency"] = "insufficient"
    pdu = people["pdu_code"].value_counts().index[-1]
    drugs = now & judged & (needs["need_code"] == "drugs")
    moved = needs.loc[drugs & ~needs["person_id"].isin(mixed), "person_id"].drop_duplicates().iloc[:MOVED_PEOPLE]
    # Only the people move (need records follow the person's PDU); their referrals stay where they were made.
    people.loc[people["person_id"].isin(moved), "pdu_code"] = pdu
    local = people.loc[people["pdu_code"] == pdu, "person_id"]
    needs.loc[now & judged & needs["person_id"].isin(local), "sufficiency"] = "insufficient"
    return frames, pdu


@pytest.fixture(scope="module")
def planted() -> tuple[dict[str, pd.DataFrame], str, str]:
    frames, pdu = planted_frames()
    return frames, pdu, frames["pdus"].set_index("pdu_code").loc[pdu, "pdu_name"]


@pytest.fixture(scope="module")
def duckdb_url(planted, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"duckdb:///{tmp_path_factory.mktemp('findings') / 'planted.duckdb'}"
    load_frames(planted[0], url, replace=True, source="planted findings", synthetic=True)
    return url


@pytest.fixture(scope="module")
def postgresql_url(planted) -> Iterator[str]:
    with sample_in_postgres_schema(skip_reason="TEST_DATABASE_URL is not set: PostgreSQL tests skipped",
                                   frames=planted[0]) as url:
        yield url


@pytest.fixture(params=["duckdb", "postgresql"])
def planted_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def planted_app(planted_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", planted_url)
    return AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS)


def findings(at: AppTest) -> list[str]:
    """The numbered findings' sentences, in order (markdown escapes removed)."""
    boxes = sorted((block for block in _blocks(at.main) if re.fullmatch(r".*finding_\d+", _key(block))),
                   key=lambda block: int(_key(block).rsplit("_", 1)[1]))
    return [next(item.value for item in box.markdown if not item.value.startswith("###")).replace("\\", "")
            for box in boxes]


def _key(block: object) -> str:
    return getattr(getattr(block, "proto", None), "id", "") or ""


def _blocks(node: object) -> Iterator[object]:
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _blocks(child)


def links(at: AppTest) -> list[str]:
    return [button.proto.url for button in at.main.get("link_button")]


#: A difference in words: every one must be a significant one (or a significant trend).
_DIFFERENCE = re.compile(r"\b(lower|higher|worse|better|least-met|furthest below|largest gap)\b")
_SIGNIFICANT_BEFORE = re.compile(r"(significantly|getting|Significantly) $")


def test_the_planted_signals_appear_as_findings(planted_app, planted):
    _, _, pdu_name = planted
    at = open_page(planted_app, PAGE)
    assert [title.value for title in at.title] == ["Key findings"]
    found = findings(at)
    assert 5 <= len(found) <= 8, found
    assert any(text.startswith("Accommodation is the least-met need: ") for text in found), found
    assert any(text.startswith("Ethnicity group “Mixed” is the subgroup furthest below") for text in found), found
    assert any(text.startswith(f"The largest gap in a PDU is drug misuse in {pdu_name}: ") for text in found), found
    assert any(text.startswith(f"{pdu_name} is significantly worse than England and Wales on judged needs "
                               "sufficient (%): 0.0%") for text in found), found
    assert any(text.startswith("Compared with ") for text in found), found  # a planted change since last year
    assert len(links(at)) == len(found)


@pytest.mark.parametrize("narrowed", [{}, {"categories": ("accredited_programme",)}, {"genders": ("female",)}])
def test_the_comparison_need_counts_are_the_sufficiency_counts_summed(planted_url, narrowed):
    """The findings sum the Sufficiency gaps page's counts for the PDU comparisons page's need counts."""
    engine = make_engine(planted_url, read_only=True)
    filters = default_filters(data_as_of(engine)).with_changes(**narrowed)
    try:
        expected = need_counts_by_pdu(engine, filters, ((filters.period_start, filters.period_end),))
        summed = need_counts_from_sufficiency(sufficiency_counts(engine, filters, "gender"))
    finally:
        engine.dispose()
    expected = expected.sort_values("pdu_code", ignore_index=True)
    assert len(expected) > 0 and (expected["need_count"] > 0).any()
    pd.testing.assert_frame_equal(summed, expected[list(summed.columns)])


@pytest.mark.parametrize("narrowed", [{}, {"categories": ("accredited_programme",)}, {"needs": ("drugs",)},
                                      {"regions": ("N52",)}])
def test_every_dimensions_counts_in_one_pass_are_the_pages_counts(planted_url, narrowed):
    """One query split by every subgroup dimension gives each dimension's counts and subgroup shares: in
    the area shown, the subgroup shares worked out for every dimension together are those of the
    Sufficiency gaps page's own query for that dimension."""
    engine = make_engine(planted_url, read_only=True)
    filters = default_filters(data_as_of(engine)).with_changes(**narrowed)
    national = filters.with_changes(regions=(), pdus=())
    try:
        together = subgroup_counts(engine, national)
        pages = {dimension: sufficiency_counts(engine, national, dimension) for dimension in SUBGROUP_DIMENSIONS}
    finally:
        engine.dispose()
    shares = subgroup_shares_by_dimension(in_area(together, filters), MEASURES["sufficient"])
    assert list(shares) == list(SUBGROUP_DIMENSIONS)
    def per_pdu(counts: pd.DataFrame, column: str) -> pd.DataFrame:
        return (counts.groupby(["pdu_code", "region_code", column], as_index=False, sort=True, dropna=False)
                [list(SUFFICIENCY_COUNT_COLUMNS)].sum().rename(columns={column: "subgroup"}))

    for dimension, page in pages.items():
        pd.testing.assert_frame_equal(per_pdu(together, dimension), per_pdu(page, "subgroup"))
        area = in_area(page, filters)
        assert len(area) > 0
        pd.testing.assert_frame_equal(shares[dimension], subgroup_shares(area, MEASURES["sufficient"]))


def test_nothing_that_is_not_significant_is_worded_as_a_difference(planted_app):
    at = open_page(planted_app, PAGE)
    for text in findings(at):
        for match in _DIFFERENCE.finditer(text):
            before = text[:match.start()]
            significant = (_SIGNIFICANT_BEFORE.search(before) or match.group(1) in ("least-met", "furthest below",
                                                                                     "largest gap"))
            assert significant, (match.group(1), text)
            if match.group(1) == "worse" and before.endswith("getting "):
                assert "(significant over the last five quarters)" in text[match.end():match.end() + 45], text
        # The superlatives are backed by a significant comparison in the same sentence.
        if re.search(r"least-met|furthest below|largest gap", text):
            assert "significantly lower than" in text, text


def test_the_least_met_need_is_significant_by_the_pages_own_rule(planted_app, planted_url):
    engine = make_engine(planted_url, read_only=True)
    counts = sufficiency_counts(engine, default_filters(data_as_of(engine)), "ethnicity_group")
    engine.dispose()
    shares = need_shares(counts, counts, MEASURES["sufficient"], benchmark=ALL_PERSONS).set_index("need_code")
    assert shares.loc["accommodation", "comparison"] == "Significantly lower"
    at = open_page(planted_app, PAGE)
    [sentence] = [text for text in findings(at) if text.startswith("Accommodation is the least-met need")]
    assert f"{shares.loc['accommodation', 'value_pct']:.1f}% of judged accommodation needs" in sentence


def test_a_findings_link_opens_a_view_that_shows_it(planted_app, planted, planted_url, monkeypatch):
    _, pdu, pdu_name = planted
    at = open_page(planted_app, PAGE)
    gap = next(link for link, text in zip(links(at), findings(at), strict=True) if text.startswith("The largest gap"))
    path, query = urlsplit(gap).path, dict(parse_qsl(urlsplit(gap).query))
    assert (path, query) == ("./sufficiency-gaps", {"pdu": pdu, "need": "drugs", "benchmark": "england_wales"})
    monkeypatch.setenv("DATABASE_URL", planted_url)
    view = open_page(AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS),
                     "pages/sufficiency_gaps.py", **query)
    top = next(frame.value for frame in view.dataframe if "People the gap represents" in frame.value.columns).iloc[0]
    assert (top["Probation Delivery Unit"], top["Need"], top["Compared with benchmark"]) == (
        pdu_name, "Drug misuse", "Significantly lower")


def test_presentation_shows_one_finding_at_a_time_and_steps_through_them(planted_app):
    at = open_page(planted_app, PAGE, present="1")
    listed = open_page(AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS), PAGE)
    expected = findings(listed)
    assert _sentence(at) == expected[0]
    assert len(at.main.get("plotly_chart")) == 1
    at.button(key="finding_next").click().run()
    assert _sentence(at) == expected[1] and at.query_params["finding"] == "2"
    at.button(key="finding_previous").click().run()
    assert _sentence(at) == expected[0]


def _sentence(at: AppTest) -> str:
    block = next(block for block in _blocks(at.main) if _key(block).endswith("slide_sentence"))
    return block.markdown[0].value.replace("\\", "")


@pytest.mark.parametrize(("script", "topics"), [
    ("pages/sufficiency_gaps.py", r"Accommodation is|Ethnicity group|The largest gap"),
    ("pages/waiting_times.py", r"Accredited programmes:"),
    ("pages/pdu_comparisons.py", r"\d+ PDUs are significantly worse|[^,]+ is significantly worse"),
])
def test_each_slide_opens_with_its_pages_top_finding(planted_app, script, topics):
    listed = findings(open_page(planted_app, PAGE))
    own = [text for text in listed if re.match(topics, text)]
    at = open_page(AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=APP_TIMEOUT_SECONDS), script,
                   present="1")
    assert _sentence(at) == own[0]
    assert not [metric for metric in at.metric if metric.help]  # no "?" icons on a slide


def test_the_meeting_pack_opens_with_the_findings(planted_app):
    at = open_page(planted_app, PAGE)
    found = findings(at)
    at.sidebar.button(key="pack_build").click().run()
    pack = at.session_state["_meeting_pack"][1]
    first = pack.split('<section class="page"')[1]
    assert "<h2>Key findings</h2>" in first
    for text in found:
        assert html.escape(text) in first
    assert first.count('<li><p class="note finding">') == len(found)


def test_a_scope_too_small_for_any_finding_says_so(planted_app, planted):
    frames, _, _ = planted
    pdu = frames["people"]["pdu_code"].value_counts().index[-2]  # a small PDU with nothing planted
    end = default_filters(frames["referrals"]["referral_date"].max().date()).period_end
    start = end - dt.timedelta(days=30)
    at = open_page(planted_app, PAGE, pdu=pdu, need="finance", ethnicity="other",
                   **{"from": start.isoformat(), "to": end.isoformat()})
    assert findings(at) == []
    message = " ".join(item.value for item in at.info)
    assert "No finding passes the significance gate for this scope" in message
    assert "choose the PDU's region instead of the PDU" in message and "lengthen the period" in message
