"""The sweep: every scope in ``scopes.py`` rendered through AppTest (and its meeting pack built),
every figure collected and attacked. A scope fails on any leak; the session summary says how
many suppressed cells were tried.

Run it alone with ``pytest -m disclosure``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.disclosure.attack import Leak, Outcome, attack
from tests.disclosure.ledger import LEDGER
from tests.disclosure.relations import Study
from tests.disclosure.render import Scope, render
from tests.disclosure.scopes import postgres_scopes, sweep_scopes, with_period

pytestmark = pytest.mark.disclosure
#: Leaks listed in a failure message (the rest are counted).
SHOWN_LEAKS = 15


def _report(leaks: list[Leak]) -> str:
    kinds: dict[str, int] = {}
    for leak in leaks:
        kinds[leak.kind] = kinds.get(leak.kind, 0) + 1
    counted = "; ".join(f"{count} × {kind}" for kind, count in sorted(kinds.items()))
    examples = "\n".join(f"  {leak}" for leak in leaks[:SHOWN_LEAKS])
    return f"{len(leaks)} leak(s): {counted}\n{examples}"


def sweep(scope: Scope, study: Study, title_of: Callable[[str], str]) -> list[Outcome]:
    """Render ``scope`` (unless the attacker studied it already), attack each view, record the tally,
    and fail on any leak."""
    started = time.perf_counter()
    views = study.views.get(scope.id) or render(scope, title_of=title_of)
    outcomes = [attack(view, study.book) for view in views]
    notes = [note for view in views for note in view.notes]
    LEDGER.record(outcomes, seconds=time.perf_counter() - started, notes=notes)
    assert views and any(view.grids for view in views), f"{scope.id}: nothing was collected ({notes})"
    leaks = [leak for outcome in outcomes for leak in outcome.leaks]
    if leaks:  # pytest.fail, not assert: an assertion would print every leak's repr as well
        pytest.fail(_report(leaks), pytrace=False)
    return outcomes


@pytest.mark.parametrize("scope", sweep_scopes(), ids=lambda scope: scope.id)
def test_no_suppressed_count_can_be_read_or_worked_out(scope, study, area_titles, data_date,
                                                       disclosure_database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", disclosure_database_url)
    sweep(with_period(scope, data_date), study, area_titles)


@pytest.mark.parametrize("scope", postgres_scopes(), ids=lambda scope: scope.id)
def test_no_suppressed_count_can_be_read_or_worked_out_on_postgresql(scope, postgres_database_url, study,
                                                                     area_titles, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", postgres_database_url)
    sweep(scope, study, area_titles)


def test_the_collector_reaches_every_kind_of_output(study):
    """Headline figures, tables, CSV downloads, charts, sentences and the pack's tables, charts and
    headline figures are all read (a collector that silently missed one would pass every scope)."""
    views = study.views["all"]
    kinds = {grid.title.split(":")[0] for view in views for grid in view.grids}
    assert {"headline figures", "table", "csv", "chart", "text", "pack table", "pack chart"} <= kinds
    assert any("meeting pack" in view.name and view.grids for view in views)
    assert not [note for view in views for note in view.notes if "not captured" in note]


def test_the_collector_reads_the_key_findings_sentences(study):
    """The findings' sentences are attacked, on the page and in the pack's first section (a finding is
    prose with counts and percentages in it, the newest place a small count could slip out)."""
    views = {view.name: view for view in study.views["all"]}
    for name in ("all · Key findings", "all · meeting pack › Key findings"):
        texts = [grid for grid in views[name].grids if grid.title.startswith("text:") and grid.columns]
        assert len(texts) >= 5, (name, [grid.title for grid in views[name].grids])
