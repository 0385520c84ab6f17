"""The browsable documentation: Swagger UI from our own static files, working under the CSP (no inline script)."""

import re

import pytest

from loket.api.views import DOCS_CSP


@pytest.mark.django_db
def test_docs_page_loads_only_local_assets_and_no_inline_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(("/", "data:")) for s in sources), sources
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in sources
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None  # every script is a file
    csp = response["Content-Security-Policy"]
    assert csp == DOCS_CSP and "script-src 'self';" in csp and "unsafe" not in csp


@pytest.mark.django_db
def test_other_api_urls_keep_the_strict_policy(client):
    response = client.get("/api/v1/open/locations")
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_the_operations_without_csp_violations(page, live_server):
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(live_server.url + "/api/v1/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 10
    assert page.get_by_text("/api/v1/provider/openings").first.is_visible()
    # Open an operation: its parameters, responses and examples (syntax-highlighted) render too.
    page.locator(".opblock-summary").first.click()
    page.locator(".responses-wrapper").first.wait_for()
    page.locator(".highlight-code, .microlight").first.wait_for()
    assert problems == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_page_passes_axe_with_an_operation_open(page, live_server):
    """Swagger UI's own colours fail WCAG AA contrast in many places; Loket's theme (api/docs-theme.css) fixes them."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(live_server.url + "/api/v1/docs/")
    page.locator(".opblock").first.wait_for()
    page.locator(".opblock-summary").first.click()
    page.locator(".responses-wrapper").first.wait_for()
    page.locator(".highlight-code, .microlight").first.wait_for()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    violations = Axe().run(page, options=options).response["violations"]
    found = [
        f"{v['id']} ({len(v['nodes'])}x): " + "; ".join(n["target"][0] for n in v["nodes"][:6])
        for v in violations
    ]
    assert not found, "\n".join(found)
