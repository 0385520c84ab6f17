#!/usr/bin/env python3
"""`make audit`: pip-audit of the installed (pinned) dependencies that never reports a green it did not earn.

pip-audit lists a package it could not look up (no answer from the vulnerability service, an unknown package) as
"skipped" and still says "No known vulnerabilities found". Here every installed package must have been looked up:

  exit 0  every dependency audited, no known vulnerability
  exit 1  known vulnerabilities (listed)
  exit 3  NOT AUDITED: the vulnerability data could not be reached, or some packages were skipped (listed)

.ci/run treats 3 as a loud warning, not a failure (docs/operations.md says why); `make audit` fails on both.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

NOT_AUDITED = 3


def main() -> int:
    pip_audit = os.environ.get("PIP_AUDIT") or Path(sys.executable).with_name("pip-audit")
    completed = subprocess.run(  # noqa: S603
        [str(pip_audit), "--progress-spinner", "off", "--skip-editable", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        print(completed.stderr.strip()[-2000:], file=sys.stderr)
        print("audit: NOT AUDITED: pip-audit gave no report (see its error above).", file=sys.stderr)
        return NOT_AUDITED

    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = len(dependencies) - len(skipped)

    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
            print(f"audit: {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        print(f"audit: FAILED: {len(vulnerable)} of {audited} audited packages have known vulnerabilities.")
        return 1
    if skipped or not dependencies:
        for dependency in skipped[:10]:
            print(f"audit:   skipped {dependency['name']}: {dependency['skip_reason']}", file=sys.stderr)
        if len(skipped) > 10:
            print(f"audit:   … and {len(skipped) - 10} more", file=sys.stderr)
        print(
            f"audit: NOT AUDITED: {len(skipped)} of {len(dependencies)} packages could not be looked up "
            "(is the vulnerability service reachable?). This is not a clean result.",
            file=sys.stderr,
        )
        return NOT_AUDITED
    print(f"audit: {audited} packages audited, no known vulnerabilities.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
