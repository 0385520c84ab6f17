"""`core` is the ground the apps stand on: it imports no domain app, also not inside a function. What core needs
from the domains is inverted: the role homes and the menu live in `loket.portal`, which may import every app."""

import ast
from pathlib import Path

import loket.core

CORE = Path(loket.core.__file__).parent
# The other apps of the ground floor (docs/architecture.md): core may use the policy table of accounts.
GROUND = {"core", "accounts"}


def loket_imports(path: Path) -> set[str]:
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        apps |= {name.split(".")[1] for name in names if name.startswith("loket.") and name.count(".") >= 1}
    return apps


def test_core_imports_no_domain_app():
    found = {
        str(path.relative_to(CORE)): sorted(loket_imports(path) - GROUND)
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts
    }
    assert {path: apps for path, apps in found.items() if apps} == {}


def test_the_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from loket.casework.selectors import queue_counts\n", encoding="utf-8")
    assert loket_imports(module) == {"casework"}
