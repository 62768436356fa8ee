"""The core works without Qt: only ``reader/ui/`` may import PySide6.

Two checks, because each misses something the other catches:

* every core module is imported in a fresh interpreter, which then must not
  have PySide6 (or ``reader.ui``) loaded: this catches imports made indirectly
  through another module;
* the source of every module outside ``reader/ui/`` is parsed, and any import
  of PySide6 or ``reader.ui`` must sit inside a function body, where it runs
  only when called (the command that opens the window imports the UI that way).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPO_ROOT / "reader"
UI_DIR = PACKAGE_DIR / "ui"

_IMPORT_ALL_AND_REPORT = """
import importlib, json, sys
report = {"failed": {}, "qt_after": None}
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception as error:
        report["failed"][name] = f"{type(error).__name__}: {error}"
    loaded = [m for m in sys.modules if m == "PySide6" or m.startswith(("PySide6.", "reader.ui"))]
    if loaded and report["qt_after"] is None:
        report["qt_after"] = [name, sorted(loaded)[:5]]
print(json.dumps(report))
"""


def core_source_files() -> list[Path]:
    return sorted(path for path in PACKAGE_DIR.rglob("*.py") if UI_DIR not in path.parents)


def core_module_names() -> list[str]:
    """Every importable core module; ``__main__`` is left out, importing it runs the program."""
    names = []
    for path in core_source_files():
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def module_level_qt_imports(source: str, package: str) -> list[str]:
    """Imports of PySide6 or reader.ui that run when a module of ``package`` with
    ``source`` is imported; relative imports are resolved against ``package``."""
    found: list[str] = []

    def visit(node: ast.AST, inside_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, True)
                continue
            if not inside_function:
                found.extend(_qt_names(child, package))
            visit(child, inside_function)

    visit(ast.parse(source), False)
    return found


def _qt_names(node: ast.AST, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if _is_qt(alias.name)]
    if not isinstance(node, ast.ImportFrom):
        return []
    module = node.module or ""
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        module = ".".join([*base, module] if module else base)
    if _is_qt(module):
        return [module]
    # "from reader import ui" names the UI package as an imported name.
    return [f"{module}.{alias.name}" for alias in node.names if _is_qt(f"{module}.{alias.name}")]


def _is_qt(module: str) -> bool:
    return (
        module.split(".")[0] == "PySide6"
        or module == "reader.ui"
        or module.startswith("reader.ui.")
    )


def test_the_core_modules_are_found() -> None:
    names = core_module_names()
    assert "reader.paths" in names
    assert "reader.textio.reading" in names
    assert not any(name.startswith("reader.ui") for name in names)


def test_importing_every_core_module_loads_no_qt(tmp_path: Path) -> None:
    environment = dict(os.environ, PYTHONPATH=str(REPO_ROOT), READER_DATA_DIR=str(tmp_path))
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL_AND_REPORT, json.dumps(core_module_names())],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert report["qt_after"] is None, f"Qt loaded by importing {report['qt_after']}"
    assert report["failed"] == {}, "core modules that do not import"


@pytest.mark.parametrize(
    "path", core_source_files(), ids=lambda path: str(path.relative_to(REPO_ROOT))
)
def test_no_core_source_imports_qt_at_module_level(path: Path) -> None:
    package = ".".join(path.relative_to(REPO_ROOT).parent.parts)
    assert module_level_qt_imports(path.read_text(encoding="utf-8"), package) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from PySide6 import QtCore", ["PySide6"]),
        ("import PySide6.QtWidgets as widgets", ["PySide6.QtWidgets"]),
        ("from reader import ui", ["reader.ui"]),
        ("from reader.ui.app import run", ["reader.ui.app"]),
        ("class Window:\n    from PySide6.QtWidgets import QWidget", ["PySide6.QtWidgets"]),
        ("try:\n    import PySide6\nexcept ImportError:\n    pass", ["PySide6"]),
        ("def main():\n    from reader.ui.app import run\n    run()", []),
        ("async def main():\n    import PySide6", []),
        ("from reader import paths\nimport json", []),
        ("from ..ui import app", ["reader.ui"]),
        ("from .. import ui", ["reader.ui"]),
        ("from . import shared", []),
        ("from ..textio.reading import read_document", []),
    ],
)
def test_the_source_check_tells_module_level_from_function_imports(
    source: str, expected: list[str]
) -> None:
    assert module_level_qt_imports(source, package="reader.cli") == expected
