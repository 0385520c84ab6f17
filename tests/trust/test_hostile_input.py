"""No 500 on any input. Every form Loket shows is found by crawling: each role signs in, opens every page of the URL
configuration it may open (and its own case, request and round pages), and every `<form method="post">` on them is
collected with its fields and their defaults (and, signed out, every public page's forms), so a new form is covered without touching this test. Hypothesis then
sends hostile values (markup, quotes, NUL, very long text, far dates, huge and negative numbers, right-to-left
overrides, emoji) into one field at a time, signed in as the role that saw the form, and checks two things: the answer
is never a server error, and a refused submission (4xx) saved nothing: every table keeps its number of rows.

`LOKET_HOSTILE_EXAMPLES` sets the number of submissions (default 100 for the forms and 50 for the API: a few minutes on a 2-core machine)."""

import json
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from trust_world import SUPERUSER

from loket.accounts.access_matrix import endpoints
from loket.accounts.actions import ACTIONS, PARENT

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("LOKET_HOSTILE_EXAMPLES", "100"))

# Forms whose purpose is to end the session or leave the app: posting to them proves nothing about input.
SKIPPED_ACTIONS = ("/account/afmelden/", "/taal/", "/beheer/logout/", "/oidc/")

HOSTILE_TEXTS = [
    "<b>unclosed <i",
    "</para><font name='x'>",
    "<script>alert(1)</script>",
    "'; DROP TABLE demand_family; --",
    '"quoted" \\ back',
    "a\x00b",
    "\x00",
    "x" * 100_000,
    "woord " * 20_000,
    "0001-01-01",
    "9999-12-31",
    "9999-12",
    "0000-00-00",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "\u202eesrever\u202c",
    "\u200f\u200e\u2066",
    "😀👨‍👩‍👧",
    "%_%",
    "",
    " ",
]
HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda d: d.isoformat()),
)


@dataclass
class Form:
    role: str
    page: str
    action: str
    fields: dict = field(default_factory=dict)  # name -> list of default values


class FormParser(HTMLParser):
    """The post forms of a page: their action and each field's default value (first option, checked boxes)."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict]] = []
        self._current = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._current = (a.get("action") or "", {})
            self.forms.append(self._current)
        if self._current is None or not a.get("name"):
            return
        fields = self._current[1]
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            fields.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                if "checked" in a or (kind == "radio" and not fields[name]):
                    fields[name].append(a.get("value") or "on")
            else:
                fields[name].append(a.get("value") or "")
        elif tag == "select":
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select and not self._current[1][self._select]:
            self._current[1][self._select].append(a.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            fields.setdefault(name, [""])

    def handle_data(self, data):
        if self._textarea and self._current is not None:
            self._current[1][self._textarea] = [data]

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


ANONYMOUS = "anonymous"


def _pages_for(role: str, world) -> list[str]:
    pages = []
    for endpoint in endpoints():
        if endpoint.has_parameters or "(" in endpoint.route:
            continue
        if endpoint.action is None:
            if role == ANONYMOUS:  # the pages anyone can open: sign-in, registration, questions, sign-ups
                pages.append(endpoint.route)
            continue
        allowed = ACTIONS[endpoint.action].roles
        if role == SUPERUSER or role in allowed:
            pages.append(endpoint.route)
    side = world.a
    own = {
        PARENT: ["/gezin/", f"/gezin/aanvraag/{side.request.pk}/wijzigen/"],
        "desk_worker": [
            reverse("casework:case", args=[side.family.reference]),
            reverse("casework:urgency", args=[side.request.pk]),
            reverse("casework:facts", args=[side.request.pk]),
        ],
        "desk_admin": [reverse("privacy_desk:erasure_request", args=[side.extra["erasure"].pk])],
    }
    return pages + own.get(role, [])


def discover(client, world) -> list[Form]:
    found: dict[tuple[str, str], Form] = {}
    client.raise_request_exception = False
    for role, person in [*world.people.items(), (ANONYMOUS, None)]:
        if person is None:
            client.logout()
        else:
            client.force_login(person)
        for page in _pages_for(role, world):
            response = client.get(page)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = FormParser()
            parser.feed(response.content.decode())
            for action, fields in parser.forms:
                target = urlsplit(urljoin(page, action)).path
                if not fields or target.startswith(SKIPPED_ACTIONS):
                    continue
                fields = {k: v for k, v in fields.items() if k != "csrfmiddlewaretoken"}
                found.setdefault((role, target), Form(role, page, target, fields))
    return list(found.values())


# A refused API call is still recorded: the audit trail's `api.called` and the stored answer a retry with the same
# Idempotency-Key gets back. Neither is part of a save.
RECORDS_OF_A_CALL = {"audit.AuditEvent", "api.IdempotentWrite"}


def _row_counts(*, ignore=frozenset()) -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in ignore
    }


def test_the_crawl_finds_the_forms_of_every_kind_of_user(client, world):
    forms = discover(client, world)
    roles = {f.role for f in forms}
    assert {PARENT, "desk_worker", "desk_admin", "provider_staff", "support_agent", ANONYMOUS} <= roles, roles
    assert len(forms) >= 30, [f.action for f in forms]


def test_hostile_values_in_any_field_never_give_a_server_error_or_half_a_save(client, world, settings):
    settings.LOKET_RATE_LIMITS = {}
    client.raise_request_exception = False
    forms = discover(client, world)
    people = world.people
    choices = [(form, name) for form in forms for name in form.fields]

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(target=st.sampled_from(choices), value=HOSTILE)
    def send(target, value):
        form, name = target
        if form.role == ANONYMOUS:
            client.logout()
        else:
            client.force_login(people[form.role])
        data = {k: v for k, v in form.fields.items() if v}
        data[name] = value
        before = _row_counts()
        response = client.post(form.action, data)
        assert response.status_code < 500, (form.role, form.action, name, value[:80])
        if 400 <= response.status_code < 500:
            assert _row_counts() == before, (form.role, form.action, name, value[:80])

    send()


# The API's writes, read from its own OpenAPI description (a new write is covered without touching this test).

HOSTILE_JSON = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=False),
    st.none(),
    st.booleans(),
    st.lists(st.sampled_from([*HOSTILE_TEXTS[:8], -1, 10**20, 0]), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


def _plausible(schema: dict, components: dict):
    """A plausible value for a JSON schema: the base each hostile value replaces one field of."""
    if "$ref" in schema:
        return _plausible(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    for key in ("allOf", "anyOf", "oneOf"):
        if key in schema:
            return _plausible(schema[key][0], components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {k: _plausible(v, components) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [_plausible(schema.get("items", {}), components)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    if schema.get("format") == "date":
        return "2027-03-01"
    return "tekst"


def api_writes(world) -> list[tuple[str, str, dict, list[str]]]:
    from loket.api.api import api

    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    ids = {"opening_id": world.a.opening.pk, "proposal_id": world.a.proposal.pk, "offer_id": world.a.offer.pk}
    writes = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in ("post", "put", "patch"):
                continue
            body = (
                operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            )
            base = _plausible(body, components) if body else {}
            url = path
            for name, value in ids.items():
                url = url.replace("{" + name + "}", str(value))
            writes.append((method, url, base, list(base) or ["_"]))
    return writes


def test_hostile_values_in_any_api_write_never_give_a_server_error_or_half_a_save(client, world):
    from loket.api.tokens import token_issue

    client.raise_request_exception = False
    _token, plain = token_issue(
        name="Hostile", kind="provider", organiser=world.a.organiser, rate_limit_per_minute=100_000
    )
    writes = api_writes(world)
    assert any(url.endswith("/openings") for _m, url, _b, _f in writes), writes
    choices = [(write, name) for write in writes for name in write[3]]

    @hypothesis_settings(
        max_examples=EXAMPLES // 2, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(target=st.sampled_from(choices), value=HOSTILE_JSON, key=st.text(min_size=1, max_size=40))
    def send(target, value, key):
        (method, url, base, _fields), name = target
        payload = dict(base)
        payload[name] = value
        before = _row_counts(ignore=RECORDS_OF_A_CALL)
        response = getattr(client, method)(
            url,
            data=json.dumps(payload),
            content_type="application/json",
            headers={
                "Authorization": f"Bearer {plain}",
                "Idempotency-Key": key.replace("\x00", "")[:200] or "k",
            },
        )
        assert response.status_code < 500, (method, url, name, repr(value)[:80], response.content[:300])
        if 400 <= response.status_code < 500:
            after = _row_counts(ignore=RECORDS_OF_A_CALL)
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, (method, url, name, repr(value)[:80], response.status_code, changed)

    send()
