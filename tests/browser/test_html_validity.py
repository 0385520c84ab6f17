"""0 errors from the W3C Nu HTML checker on every page the browser tests visited (issue 20).

The browser fixture saves each HTML document the test server sent (loket.testing.html_check); this test runs last and
checks them all in one batch. Run alone, no browser test has visited anything yet, so it visits the public pages itself.
"""

from urllib.parse import urlsplit

import pytest

from loket.testing.html_check import check

pytestmark = [pytest.mark.browser, pytest.mark.last, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = ["/", "/hoe-werkt-het/", "/wat-kost-het/", "/kinderopvang/zoeken/", "/account/aanmelden/"]


def test_every_page_the_browser_tests_visited_is_valid_html(visited_pages, page, live_server):
    if not visited_pages.urls:
        for path in PUBLIC_PAGES:
            page.goto(live_server.url + path)
    assert visited_pages.urls, "no page was saved: the page collector is not hooked into the browser contexts"
    errors = check(visited_pages.folder, visited_pages.urls)
    # The same mistake on the same page, seen in several tests, is reported once (with its first example).
    distinct = {}
    for error in errors:
        distinct.setdefault((urlsplit(error.url).path, error.message), error)
    assert errors == [], (
        f"{len(errors)} HTML errors ({len(distinct)} distinct) on {len({e.url for e in errors})} of "
        f"{len(visited_pages.urls)} pages:\n" + "\n".join(map(str, distinct.values()))
    )
