"""The apps' layers (issue 15): the import-linter contracts in `.importlinter` hold (an app imports only the apps
below it, no two apps import each other even inside a function, the allocation engine stays free of Django), and the
picture in docs/architecture.md shows the same layers in the same order; and no app reads another app's models
instead of its selectors."""

import ast
import configparser
import re
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / ".importlinter"
SRC = ROOT / "src" / "loket"


def _contract(name: str) -> configparser.SectionProxy:
    config = configparser.ConfigParser()
    config.read(CONTRACTS)
    return config[f"importlinter:contract:{name}"]


def _layers() -> list[list[str]]:
    lines = [line.strip() for line in _contract("layers")["layers"].splitlines() if line.strip()]
    return [[name.strip().strip("()") for name in re.split(r"[|:]", line)] for line in lines]


def test_the_import_contracts_hold(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    exit_code = lint_imports(config_filenames=(str(CONTRACTS),), no_cache=True, no_logo=True)
    assert exit_code == 0, capsys.readouterr().out


def test_every_ignored_import_says_why():
    # configparser drops comments, so the file is read as text: each section's `ignore_imports` block, line by line.
    text = CONTRACTS.read_text()
    blocks = re.findall(r"^ignore_imports =\n((?:[ \t]+.*\n)+)", text, flags=re.MULTILINE)
    for block in blocks:
        reason = None
        for line in (line.strip() for line in block.splitlines()):
            if line.startswith("#"):
                reason = line
            elif line:
                assert reason, f"{line} is ignored without a comment saying why"


def test_the_architecture_picture_shows_the_contracts_layers():
    text = (ROOT / "docs" / "architecture.md").read_text()
    picture = text.split("<!-- layers -->")[1].split("<!-- /layers -->")[0]
    rows = [line.split("│")[1] for line in picture.splitlines() if line.strip().startswith("│")]
    shown = [re.findall(r"[a-z]+", row) for row in rows]
    assert [sorted(names) for names in shown if names] == [sorted(layer) for layer in _layers()]


def _reads_of_other_apps_models() -> set[str]:
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        app = relative.split("/")[0]
        if "/" not in relative or app in ("demo", "testing", "conf") or "/migrations/" in relative:
            continue
        if (
            relative.endswith("models.py") or "/models/" in relative
        ):  # a ForeignKey names the other app's model
            continue
        tree = ast.parse(path.read_text())
        type_only = {
            id(node)
            for branch in ast.walk(tree)
            if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
            for node in ast.walk(branch)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and (node.module or "").startswith("loket.")
                and node.module.endswith(".models")
                and node.module.split(".")[1] != app
                and id(node) not in type_only
            ):
                found.add(f"{relative} -> {node.module}")
    return found


def test_no_app_reads_another_apps_models():
    """Reads go through the owning app's selectors, writes through its services; an enumeration comes from its
    `choices.py`; a model named only as a type is imported under TYPE_CHECKING."""
    found = sorted(_reads_of_other_apps_models())
    assert not found, "read these through the other app's selectors.py: " + ", ".join(found)
