"""Layer rules import-linter cannot express: pages and the single cache bridge.

Pages are scripts, not a package, so we read their imports here.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def touches(modules: set[str], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in forbidden)


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_reach_data_only_through_components(page):
    assert touches(imported_modules(page), ("data_access", "sqlalchemy", "duckdb", "psycopg")) == []


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_every_page_draws_the_shared_filters_first(page):
    tree = ast.parse(page.read_text(encoding="utf-8"))
    statements = [
        node for node in tree.body
        if not isinstance(node, ast.Import | ast.ImportFrom)
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))  # docstring
    ]
    first = ast.unparse(statements[0])
    assert "sidebar_filters()" in first, f"{page.name} starts with {first!r}"


def test_only_the_cache_module_imports_data_access():
    offenders = [
        path.name
        for path in sorted((ROOT / "components").rglob("*.py"))
        if path.name != "cache.py" and touches(imported_modules(path), ("data_access",))
    ]
    assert offenders == []


def test_entrypoint_draws_no_widgets():
    source = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    allowed = {"set_page_config", "Page", "navigation", "run"}
    used = {node.attr for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Attribute)}
    assert used - allowed == set()
