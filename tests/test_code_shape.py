"""The code stays readable in small rooms: modules, functions and module docstrings short
enough to hold in one's head (STYLE.md). Migrations are history and are left out."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", ".devdata", "migrations", "node_modules", ".git"}
MODULE_LINES, FUNCTION_LINES, DOCSTRING_LINES = 400, 50, 8
LONG_ON_PURPOSE = {"agencies/reference_data.py"}  # the reference data, as data
FUNCTIONS_MAY_RUN_LONG = ("bench/", "tests/")


def modules() -> list[Path]:
    return sorted(
        path for path in ROOT.rglob("*.py") if not SKIPPED & set(path.relative_to(ROOT).parts)
    )


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_runs_over_400_lines() -> None:
    long = {
        name(path): lines
        for path in modules()
        if (lines := path.read_text().count("\n")) > MODULE_LINES
        and name(path) not in LONG_ON_PURPOSE
    }
    assert not long


def test_no_function_runs_over_50_lines_outside_bench_and_tests() -> None:
    long = []
    for path in modules():
        if name(path).startswith(FUNCTIONS_MAY_RUN_LONG):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > FUNCTION_LINES:
                    long.append(f"{name(path)}:{node.lineno} {node.name}")
    assert not long


def test_module_docstrings_say_what_the_module_holds_in_a_few_lines() -> None:
    long = {
        name(path): len(doc.strip().splitlines())
        for path in modules()
        if (doc := ast.get_docstring(ast.parse(path.read_text()), clean=False))
        and len(doc.strip().splitlines()) > DOCSTRING_LINES
    }
    assert not long
