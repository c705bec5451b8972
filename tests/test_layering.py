"""The package's layers, read from its imports: SQL is written only inside ``store/``, and
``store/`` depends on nothing that reads from it (link, analyze, report, cli, web)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "fieldguide"
SQL_MODULES = ("sqlalchemy", "fieldguide.store.schema")
ABOVE_STORE = ("fieldguide.link", "fieldguide.analyze", "fieldguide.report", "fieldguide.cli", "fieldguide.web")


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at its top or inside a function (``from a import b``
    counts as both ``a`` and ``a.b``, since ``b`` may be a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _modules() -> list[tuple[str, Path]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    assert paths, f"no modules under {PACKAGE}"
    return [(path.relative_to(PACKAGE).as_posix(), path) for path in paths]


def test_only_store_writes_sql() -> None:
    offending = {
        where: sorted(n for n in _imports(path) if _within(n, SQL_MODULES))
        for where, path in _modules()
        if not where.startswith("store/")
    }
    assert {where: names for where, names in offending.items() if names} == {}


def test_store_imports_nothing_that_reads_from_it() -> None:
    offending = {
        where: sorted(n for n in _imports(path) if _within(n, ABOVE_STORE))
        for where, path in _modules()
        if where.startswith("store/")
    }
    assert {where: names for where, names in offending.items() if names} == {}


def test_the_checks_see_an_offending_import(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from fieldguide.link import dedupe\n    import sqlalchemy as sa\n")
    found = _imports(module)
    assert _within("fieldguide.link.dedupe", ABOVE_STORE) and "fieldguide.link.dedupe" in found
    assert any(_within(n, SQL_MODULES) for n in found)
