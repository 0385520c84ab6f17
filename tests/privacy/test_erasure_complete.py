"""Erasure that a test proves complete: a family whose every text carries a unique canary goes through registration,
casework, a referral, an offer, a review request and a support question from the same address; the desk
administrator erases it on the erasure page, and then every column of every table (and the task queue's payloads,
the sessions and the cache) is scanned for the canaries. Zero hits, while the anonymous figures stay the same."""

import base64
import contextlib
import pickle
import zlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from loket.accounts.choices import Role
from loket.allocation.offers import offer_decline, urgent_assign
from loket.allocation.services import review_request_create
from loket.audit.models import AuditEvent
from loket.casework.models import ContactKind
from loket.casework.services import contact_log, note_add, referral_create, task_add
from loket.demand.lifecycle import Status
from loket.demand.models import ChildcareRequest, Family
from loket.demand.services import request_change_status, request_set_urgency
from loket.families.services import sign_in_link_send
from loket.network.choices import Need
from loket.privacy.models import ErasureRequest
from loket.reports.filters import AGE_BANDS
from loket.reports.models import RequestSummary
from loket.support.questions.services import question_ask
from loket.testing.factories import (
    DEFAULT_PASSWORD,
    make_desk,
    make_location,
    make_municipality,
    make_opening,
    make_partner,
    make_postcode,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

WIZARD = "/gezin/aanvraag/stap/"


def next_month(months: int) -> str:
    today = date.today()
    index = today.year * 12 + today.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# One canary per kind of text; each is unlikely anywhere else. Letters only, so every form accepts them.
CANARY = {
    "guardian_first": "Qzvorafirst",
    "guardian_last": "Qzvoralast",
    "child": "Qzvochild",
    "email": "qzvo.mail@example.org",
    "phone": "470 98 76 54",
    "note": "Qzvo note about the family",
    "contact": "Qzvo contact summary",
    "interpreter": "Qzvolanguage",
    "task": "Qzvo task title",
    "urgency": "Qzvo urgency reason",
    "direct": "Qzvo direct reason",
    "decline": "Qzvo decline reason",
    "withdrawal": "Qzvo withdrawal reason",
    "consent": "Qzvo consent how",
    "referral": "Qzvo referral message",
    "review": "Qzvo review question",
    "question_subject": "Qzvo support subject",
    "question_body": "Qzvo support body",
    "question_name": "Qzvoasker Qzvoraname",
    "erasure": "Qzvo erasure message",
}
# What a scan looks for: the canaries, and the phone number's digits however a form writes them.
NEEDLES = [value.lower() for value in CANARY.values()] + ["987654", "qzvo"]


@pytest.fixture
def area(db):
    desk = make_desk(name="Loket Deinze-Zulte", max_choices=3)
    municipality = make_municipality(desk, name="Deinze")
    postcode = make_postcode(municipality, code="9800", place="Deinze")
    locations = [
        make_location(municipality=municipality, postcode=postcode, name=name)
        for name in ("Kinderdagverblijf De Vlinder", "Het Kabouterhuis")
    ]
    return {"desk": desk, "locations": locations}


def _register(client, area):
    assert client.post(WIZARD + "woonplaats/", {"postcode": "9800"}).status_code == 302
    assert client.post(WIZARD + "kinderen/", {"count": "1"}).status_code == 302
    child = {"c1_first_name": CANARY["child"], "c1_born": "yes", "c1_date": "2026-06-17"}
    assert client.post(WIZARD + "kind/", child).status_code == 302
    care = {"start_earliest": next_month(3), "start_latest": next_month(6), "weekdays": ["1", "2", "4"]}
    assert client.post(WIZARD + "opvang/", care | {"tariffs": ["income", "free"]}).status_code == 302
    for location in area["locations"][:2]:
        client.post(WIZARD + "keuzes/", {"action": "add", "location": str(location.pk)})
    assert client.post(WIZARD + "keuzes/", {"action": "next"}).status_code == 302
    assert client.post(WIZARD + "voorrang/", {"work": "on", "low_income": "on"}).status_code == 302
    contact = {
        "first_name": CANARY["guardian_first"],
        "last_name": CANARY["guardian_last"],
        "email": CANARY["email"],
        "phone": "+32 " + CANARY["phone"],
        "preferred_language": "nl",
        "sign_in": "link",
    }
    assert client.post(WIZARD + "contact/", contact).status_code == 302
    assert client.post(WIZARD + "controle/", {"sworn": "on", "consent": "on"}).status_code == 302
    return ChildcareRequest.objects.get(child__first_name=CANARY["child"])


def _decoded(value) -> list[str]:
    """A stored value as text, and what hides inside it: signed and compressed session data, pickles."""
    texts = []
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        texts.append(value.decode("latin-1"))
        # Our own test database's payloads (task queue, cache): unpickling them is what the app does too.
        for attempt in (pickle.loads, lambda b: pickle.loads(zlib.decompress(b))):  # noqa: S301
            with contextlib.suppress(Exception):
                texts.append(repr(attempt(value)))
    elif value is not None:
        texts.append(str(value))
    for text in list(texts):
        for part in text.replace(":", ".").split("."):
            if len(part) < 16:
                continue
            try:
                raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
            except Exception:  # noqa: S112 - not base64
                continue
            for inflate in (lambda b: b, zlib.decompress):
                with contextlib.suppress(Exception):
                    texts.append(inflate(raw).decode("utf-8", "replace"))
    return texts


def _scan() -> list[str]:
    """Every column of every table in the database, every model read through the ORM (which unpickles the task
    queue's payloads), every session and every cache entry: where a canary still sits."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - own table names
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    for text in _decoded(value):
                        found = [n for n in NEEDLES if n in text.lower()]
                        if found:
                            hits.append(f"{table}.{column}: {found}")
    for model in apps.get_models():
        for obj in model._default_manager.all():
            for field in model._meta.concrete_fields:
                value = getattr(obj, field.attname, None)
                text = repr(value)
                if model._meta.label == "django_q.OrmQ" and field.name == "payload":
                    text = repr(obj.task())
                found = [n for n in NEEDLES if n in text.lower()]
                if found:
                    hits.append(f"{model._meta.label}.{field.name}: {found}")
    from django.contrib.sessions.models import Session

    for session in Session.objects.all():
        text = repr(session.get_decoded())
        if any(n in text.lower() for n in NEEDLES):
            hits.append(f"session {session.pk}")
    for alias in ("default",):
        store = getattr(caches[alias], "_cache", {})
        for key, value in list(store.items()):
            for text in [key, *_decoded(value)]:
                if any(n in str(text).lower() for n in NEEDLES):
                    hits.append(f"cache {key}")
    return sorted(set(hits))


def _figures(desk) -> list[dict]:
    """The anonymous figures: the reports' summary rows without the name key (which exists to find duplicates), the
    age as the reports' age band (the day of birth is gone; the band must not change)."""
    rows = list(RequestSummary.objects.filter(desk_id=desk.pk).order_by("pk").values())
    for row in rows:
        del row["name_key"]
        age = row.pop("age_days")
        row["age_band"] = [
            k for k, (_l, low, high) in AGE_BANDS.items() if age >= low and (high is None or age < high)
        ]
    return rows


def test_an_erased_family_leaves_no_trace_in_any_table(client, area, settings):
    settings.LOKET_RATE_LIMITS = {}
    desk = area["desk"]
    worker = make_user(Role.DESK_WORKER, desk=desk)
    admin = make_user(Role.DESK_ADMIN, desk=desk)

    # Registration on the public wizard; the parent is signed in and asks a sign-in link later as well.
    request = _register(client, area)
    family = request.child.family
    parent = family.guardians.get().user
    assert sign_in_link_send(email=CANARY["email"])

    # Casework: a note, a contact with an interpreter, a task, urgency, a referral.
    note_add(family=family, text=CANARY["note"], actor=worker)
    contact_log(
        family=family,
        kind=ContactKind.PHONE,
        summary=CANARY["contact"],
        interpreter_language=CANARY["interpreter"],
        actor=worker,
    )
    task_add(
        family=family,
        title=CANARY["task"],
        due_on=date.today() + timedelta(days=3),
        owner=worker,
        actor=worker,
    )
    request_set_urgency(request=request, urgent=True, reason=CANARY["urgency"], actor=worker)
    referral_create(
        family=family,
        partner=make_partner(desk),
        need=Need.PARENTING,
        consent_how=CANARY["consent"],
        message=CANARY["referral"],
        actor=worker,
    )

    # An urgent place offered with a reason, declined by the family with a reason; a request for human review.
    opening = make_opening(area["locations"][0], start_month=request.start_earliest, urgent_only=True)
    offer = urgent_assign(request=request, opening=opening, actor=worker, reason=CANARY["direct"])
    offer_decline(offer=offer, actor=parent, reason=CANARY["decline"])
    review_request_create(request=request, actor=parent, message=CANARY["review"])

    # A support question sent from the same address, without an account.
    question_ask(
        subject=CANARY["question_subject"],
        body=CANARY["question_body"],
        name=CANARY["question_name"],
        email=CANARY["email"].upper(),
        actor=None,
    )

    # The parent pages through its own file (sessions, cached pages), asks for erasure; the desk withdraws the request.
    assert client.get("/gezin/").status_code == 200
    assert client.get("/gezin/mijn-gegevens/").status_code == 200
    client.post("/gezin/mijn-gegevens/wissen/", {"message": CANARY["erasure"]})
    request_change_status(request=request, to=Status.WITHDRAWN, actor=worker, reason=CANARY["withdrawal"])

    before = _scan()
    assert len(before) > 10, before  # the scan finds what is there
    figures = _figures(desk)

    # The desk administrator previews the erasure and confirms it, on the erasure page.
    erasure = ErasureRequest.objects.get(family=family)
    client.logout()
    client.login(username=admin.email, password=DEFAULT_PASSWORD)
    page = client.get(f"/loket/wissen/{erasure.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    for words in ("1 notitie", "1 contactmoment", "1 taak", "1 doorverwijzing", "1 vraag aan de helpdesk"):
        assert words in text, words
    assert client.post(f"/loket/wissen/{erasure.pk}/", {"confirm": "on"}).status_code == 302

    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.DONE
    assert _scan() == []
    assert _figures(desk) == figures
    # The audit trail still says what happened, with a pseudonymous id for the family's own actions.
    own = AuditEvent.objects.filter(actor_id=parent.pk)
    assert own.exists() and all(e.actor_label == f"person-{parent.pk}" for e in own)
    assert Family.objects.get(pk=family.pk).anonymised_at is not None
    assert timezone.now() - erasure.handled_at < timedelta(minutes=5)


@pytest.mark.parametrize(
    "born", ["2026-06-01", "2026-06-02", "2026-06-17", "2026-06-30", "2025-06-01", "2025-05-31"]
)
def test_the_month_of_birth_keeps_the_childs_age_band(born):
    from datetime import date as day

    from loket.demand.ages import age_bands
    from loket.demand.privacy import month_only

    born = day.fromisoformat(born)
    starts = [day(2027, 6, 1), day(2027, 9, 1)]
    kept = month_only(born, starts)
    assert (kept.year, kept.month) == (born.year, born.month)
    assert age_bands(kept, starts) == age_bands(born, starts)
