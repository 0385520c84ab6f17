#!/usr/bin/env python3
"""CI: every translation catalogue compiles, has no fuzzy entry, and its committed .mo says what its .po says.

The .mo files are committed (running Loket needs no gettext tools), so a .po edited without recompiling would ship
translations nobody sees. File times say nothing in a fresh clone, so each .po is compiled afresh with msgfmt (which
fails on a broken catalogue: bad placeholders, syntax) and the result is compared, message by message, with the
committed .mo. Fix: `loket-manage compilemessages --ignore '.venv/*'` and commit the .mo.
"""

import gettext
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def catalogue(mo: Path) -> dict:
    with mo.open("rb") as handle:
        messages = dict(gettext.GNUTranslations(handle)._catalog)
    messages.pop("", None)  # the header (dates, generator) may differ harmlessly
    return messages


def fuzzy_entries(po: Path) -> int:
    """Fuzzy entries other than the header's (msgfmt leaves them out: the text would silently stay untranslated)."""
    count, in_header = 0, True
    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid ") and line != 'msgid ""':
            in_header = False
        if line.startswith("#,") and "fuzzy" in line:
            count += 0 if in_header else 1
    return count


def main() -> int:
    problems = []
    catalogues = sorted(p for p in (ROOT / "src").rglob("LC_MESSAGES/*.po"))
    with tempfile.TemporaryDirectory() as tmp:
        for po in catalogues:
            name = po.relative_to(ROOT)
            compiled = Path(tmp) / "check.mo"
            result = subprocess.run(  # noqa: S603
                ["msgfmt", "--check", "-o", str(compiled), str(po)],  # noqa: S607
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                problems.append(f"{name}: does not compile:\n{result.stderr.strip()}")
                continue
            fuzzy = fuzzy_entries(po)
            if fuzzy:
                problems.append(f"{name}: {fuzzy} fuzzy entr{'y' if fuzzy == 1 else 'ies'} (translate and unmark)")
            mo = po.with_suffix(".mo")
            if not mo.exists():
                problems.append(f"{name}: no compiled {mo.name} committed")
            elif catalogue(mo) != catalogue(compiled):
                problems.append(f"{name}: the committed {mo.name} is out of date (recompile and commit it)")
    for problem in problems:
        print(f"translations: {problem}", file=sys.stderr)
    if problems:
        print(f"translations: FAILED ({len(problems)} of {len(catalogues)} catalogues)", file=sys.stderr)
        return 1
    print(f"translations: {len(catalogues)} catalogues compile, none fuzzy, every .mo current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
