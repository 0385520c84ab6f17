"""Browser tests drive Debian's Chromium through Playwright; never a downloaded browser build."""

import os
import shutil

CHROMIUM = os.environ.get("LOKET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """The browser to use. A missing browser is a failure, not a skip: CI installs it (see .ci/run)."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM}. Install Debian's package: apt-get install chromium "
            "(or set LOKET_CHROMIUM to its path)."
        )
    return CHROMIUM


def sign_in(page, live_server, email: str, password: str) -> None:
    """Sign in through the real form, in Dutch (the default language)."""
    page.goto(f"{live_server.url}/account/aanmelden/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
