"""No dead ends: on the demo data, every page a role may use is reached from that role's home by following links.

The pages a role may use are read from the URL configuration: the views declared (`@allowed_to`) with an action the
person may take, that take no parameter and answer a GET. The crawl starts at the landing page after sign-in and
follows only the links and search forms of the pages it receives (`<a href>`, `<form method=get>`), as a person clicking would; of the pages that take a
parameter (a case, a location) it opens one per kind, which is enough to find the pages they link to."""

import io
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from loket.accounts.access_matrix import endpoints
from loket.accounts.choices import Role
from loket.accounts.models import User
from loket.accounts.policies import scope_of
from loket.demo.build import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

STAFF_AND_PARENTS = [account.email for account in DEMO_ACCOUNTS]
NOT_A_PAGE = (".csv", ".xlsx", ".pdf", ".ics", ".json", ".png", ".svg", ".txt", ".ico", ".css", ".js")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # A link, or a search form (GET) such as the desk's search box: both are reached by a click.
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        elif (
            tag == "form"
            and (attributes.get("method") or "get").lower() == "get"
            and attributes.get("action")
        ):
            self.hrefs.append(attributes["action"])


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


# Another role's home that a person may open without holding that role: desk staff may read the policy viewers' home
# (`reports.view`), but their own way to the same figures is the reports dashboard, linked from the desk's home.
OTHER_ROLES_HOMES = {"portal:policy_home": Role.POLICY_VIEWER}


def pages_for(client, user) -> set[str]:
    """The parameter-free pages this person may open (a GET answered with 200)."""
    scope = scope_of(user)
    pages = set()
    for endpoint in endpoints():
        if endpoint.has_parameters or endpoint.action is None or not scope.may(endpoint.action):
            continue
        if endpoint.name in OTHER_ROLES_HOMES and not scope.has(OTHER_ROLES_HOMES[endpoint.name]):
            continue
        if endpoint.route.endswith(NOT_A_PAGE):
            continue
        if client.get(endpoint.route).status_code == 200:
            pages.add(endpoint.route)
    return pages


def crawl(client, start: str) -> set[str]:
    """Every path reached by following links from `start`; one page per URL name for pages that take parameters."""
    seen_paths, seen_keys, reached = set(), {start}, set()
    queue = deque([start])
    while queue:
        path = queue.popleft()
        if path in seen_paths:
            continue
        seen_paths.add(path)
        response = client.get(path, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        reached.add(path)
        reached.add(response.request["PATH_INFO"])
        for href in links_of(response.content.decode()):
            href, _ = urldefrag(href)
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site, mailto:, tel:
            if parts.path.startswith("/beheer/") or parts.path.endswith(NOT_A_PAGE):
                continue  # the management screens have their own tests (tests/trust/test_admin_grants.py)
            try:
                match = resolve(parts.path)
            except Resolver404:
                continue
            # A page about one object (or one filter of a page): one of each kind is enough to find where it leads.
            key = match.view_name if match.kwargs else parts.path
            if key in seen_keys:
                continue
            seen_keys.add(key)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            queue.append(target)
    return reached


@pytest.fixture
def demo(db):
    call_command("load_demo", "--today=2026-11-23", stdout=io.StringIO())


def test_every_page_a_role_may_use_is_reached_by_clicking_from_its_home(client, demo):
    dead_ends = {}
    for email in STAFF_AND_PARENTS:
        user = User.objects.get(email=email)
        client.force_login(user)
        pages = pages_for(client, user)
        assert pages, email  # every demo account has pages of its own
        unreached = pages - crawl(client, "/start/")
        if unreached:
            dead_ends[email] = sorted(unreached)
        client.logout()
    assert dead_ends == {}
