"""`make audit` never reports a green it did not earn (issue 19): pip-audit lists packages it could not look up as
skipped and still says "No known vulnerabilities found"; .ci/audit.py turns that into exit 3, "NOT AUDITED"."""

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parents[2] / ".ci" / "audit.py"


def _run(tmp_path, dependencies) -> subprocess.CompletedProcess:
    fake = tmp_path / "pip-audit"
    fake.write_text(
        f"#!/bin/sh\ncat <<'EOF'\n{json.dumps({'dependencies': dependencies, 'fixes': []})}\nEOF\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return subprocess.run(
        [sys.executable, str(AUDIT)], env={"PIP_AUDIT": str(fake)}, capture_output=True, text=True, timeout=60
    )


CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}


@pytest.mark.parametrize(
    ("dependencies", "code", "says"),
    [
        ([CLEAN], 0, "1 packages audited, no known vulnerabilities"),
        (
            [
                CLEAN,
                {
                    "name": "whitenoise",
                    "skip_reason": "Dependency not found on PyPI and could not be audited",
                },
            ],
            3,
            "NOT AUDITED: 1 of 2 packages could not be looked up",
        ),
        ([], 3, "NOT AUDITED"),
        (
            [CLEAN, {"name": "x", "version": "1.0", "vulns": [{"id": "PYSEC-1", "fix_versions": ["1.1"]}]}],
            1,
            "x 1.0: PYSEC-1 (fixed in 1.1)",
        ),
    ],
)
def test_audit_exit_codes(tmp_path, dependencies, code, says):
    result = _run(tmp_path, dependencies)
    assert result.returncode == code
    assert says in result.stdout + result.stderr
