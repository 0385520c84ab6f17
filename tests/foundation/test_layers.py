"""The apps' layers (issue 15): the import-linter contracts in `.importlinter` hold (an app imports only the apps
below it, no two apps import each other even inside a function, the allocation engine stays free of Django), and the
picture in docs/architecture.md shows the same layers in the same order."""

import configparser
import re
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / ".importlinter"


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
    assert len(blocks) == 2
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
