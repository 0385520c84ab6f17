"""Valid HTML on every page the browser tests visit: the W3C Nu HTML checker (vnu.jar) over the pages they loaded.

The browser tests save each HTML document Chromium receives from the test server (not the DOM after scripts: the
checker judges what the server sent). One test, run last, hands them all to the checker in one batch (one JVM start)
and fails on any error.

vnu.jar comes from the npm registry (package `vnu-jar`, pinned below) into a cache outside the repository (32 MB),
installed with npm on first use; it runs on Java (Debian's `default-jre-headless`, installed by `.ci/run`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

VNU_VERSION = "26.9.27"
_CACHE_ROOT = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "loket"


def vnu_jar() -> Path:
    """The checker's jar, installed from the npm registry into the cache when missing. Missing tools fail loudly."""
    if os.environ.get("LOKET_VNU_JAR"):
        return Path(os.environ["LOKET_VNU_JAR"])
    prefix = _CACHE_ROOT / f"vnu-jar-{VNU_VERSION}"
    jar = prefix / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if jar.exists():
        return jar
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed once to fetch the HTML checker (vnu-jar): apt-get install npm")
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        [npm, "install", "--prefix", str(prefix), "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
         "--ignore-scripts", f"vnu-jar@{VNU_VERSION}"],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    if not jar.exists():
        raise RuntimeError(f"npm installed vnu-jar@{VNU_VERSION} but {jar} is missing")
    return jar


def java() -> str:
    path = shutil.which("java")
    if path is None:
        raise RuntimeError("Java is needed to run the HTML checker: apt-get install default-jre-headless")
    return path


@dataclass
class PageCollector:
    """The HTML documents the browser tests received from the test server, one file per distinct content."""

    folder: Path
    urls: dict[str, str] = field(default_factory=dict)  # file name -> URL it came from
    _seen: set[str] = field(default_factory=set)

    def watch(self, context) -> None:
        """Save every HTML document a Playwright browser context receives from a local server."""
        context.on("response", self._save)

    def _save(self, response) -> None:
        try:
            request = response.request
            if request.resource_type != "document" or not 200 <= response.status < 300:
                return
            if urlsplit(response.url).hostname not in {"localhost", "127.0.0.1", "::1"}:
                return
            if not response.headers.get("content-type", "").startswith("text/html"):
                return
            body = response.body()
        except Exception:  # a page that closed before its body arrived has nothing to check
            return
        digest = hashlib.sha1(body).hexdigest()[:16]  # noqa: S324 — a name, not a security measure
        if digest in self._seen:
            return
        self._seen.add(digest)
        path = urlsplit(response.url).path
        name = f"{re.sub(r'[^A-Za-z0-9]+', '_', path).strip('_') or 'home'}-{digest}.html"
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(body)
        self.urls[name] = response.url.split("?")[0] + ("?…" if "?" in response.url else "")


@dataclass(frozen=True)
class HtmlError:
    url: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"{self.url}:{self.line}" if self.line else self.url
        return f"{where}: {self.message}  «{self.extract.strip()[:120]}»"


def check(folder: Path, urls: dict[str, str]) -> list[HtmlError]:
    """Run the checker over every saved page in one batch; return its errors (warnings are not failures)."""
    files = sorted(folder.glob("*.html"))
    if not files:
        return []
    completed = subprocess.run(  # noqa: S603
        [java(), "-Xss2m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    report = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        name = Path(urlsplit(message.get("url", "")).path).name
        errors.append(
            HtmlError(
                url=urls.get(name, name),
                line=message.get("lastLine"),
                message=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return errors
