"""Every mail Loket sends, in every language: triggered through the service that sends it, read from the outbox.

For each mail type × language: both parts are there; the text part has names as typed (no HTML entities); the HTML
part is well-formed, in the language and direction of the reader, with the desk's name and colour; the action link is
on the public host, resolves to the right view, and leads the recipient to the right page. `MAIL_TYPES` is the one
list of mail types: a template under */mail/ that it does not cover fails `test_every_mail_template_is_covered`.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail as django_mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import resolve
from django.utils import timezone

from loket.accounts.choices import Role
from loket.allocation.models import Offer, Proposal
from loket.core.models import OutgoingMail
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_opening,
    make_organiser,
    make_postcode,
    make_request,
    make_user,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en", "fr", "ar"]
ROUND_DATE = date(2026, 11, 23)
DESK_NAME = "Loket 't Stad & Omstreken"
LOCATION_NAME = "'t Rakkertje"
ORGANISER_NAME = "D'Hooghe & Zonen"
ENTITIES = ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;", "&quot;")
SRC = Path(__file__).resolve().parents[2] / "src" / "loket"


@dataclass
class Sent:
    mail: OutgoingMail
    view: str  # the view the mail's action link leads to
    person: object = None  # who follows it (signed in), when the page needs an account
    one_time: bool = (
        False  # a one-time sign-in link: following it signs the person in and lands on `lands_on`
    )
    lands_on: str = ""  # the view a one-time link lands on after signing in


@dataclass
class World:
    desk: object
    municipality: object
    location: object
    organiser: object
    opening: object
    provider: object
    worker: object
    parent: object
    family: object
    request: object


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    desk = make_desk(name=DESK_NAME, email="loket@stad.example", phone="09 123 45 67", colour="#7a1f5c")
    municipality = make_municipality(desk, name="Stad")
    postcode = make_postcode(municipality, code="9800", place="Stad")
    organiser = make_organiser(name=ORGANISER_NAME, email="dhooghe@example.org")
    location = make_location(organiser, municipality, postcode=postcode, name=LOCATION_NAME)
    opening = make_opening(location, start_month=date(2027, 3, 1), count=2)
    provider = make_user(Role.PROVIDER_STAFF, organiser=organiser)
    parent = make_user()
    family = make_family(desk, user=parent)
    guardian = family.guardians.get()
    guardian.email = parent.email
    guardian.save()
    registered = timezone.make_aware(datetime(2026, 6, 1, 9, 0))
    request = make_request(family, locations=[location], work=True, registered_at=registered)
    return World(
        desk=desk,
        municipality=municipality,
        location=location,
        organiser=organiser,
        opening=opening,
        provider=provider,
        worker=make_user(Role.DESK_WORKER, desk=desk),
        parent=parent,
        family=family,
        request=request,
    )


def speaks(world, language):
    """Everyone in this world reads `language`."""
    for person in (world.provider, world.worker, world.parent):
        person.preferred_language = language
        person.save(update_fields=["preferred_language"])
    world.family.preferred_language = language
    world.family.save(update_fields=["preferred_language"])


def last_mail(to: str) -> OutgoingMail:
    return OutgoingMail.objects.filter(to__icontains=f'"{to}"').order_by("-pk").first()


# --- the triggers: each sends one mail type through the service that sends it ---------------------------------------


def _offer(world, *, confirm=True):
    """A published round proposes the child for the free place; the provider confirms it (the family's offer)."""
    from loket.allocation.offers import offer_confirm
    from loket.allocation.services import round_prepare, round_publish, round_run

    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    round_publish(round=round_, actor=world.worker)
    proposal = Proposal.objects.get(request=world.request)
    return offer_confirm(proposal=proposal, actor=world.provider) if confirm else proposal


def family_offer(world, client):
    _offer(world)
    return Sent(
        last_mail(world.parent.email), "families:sign_in_link", world.parent, True, "families:offer_answer"
    )


def family_reminder(world, client):
    from loket.allocation.offers import offers_process

    offer = _offer(world)
    Offer.objects.filter(pk=offer.pk).update(deadline=timezone.now() + timedelta(days=2))
    assert offers_process()["reminded"] == 1
    return Sent(
        last_mail(world.parent.email), "families:sign_in_link", world.parent, True, "families:offer_answer"
    )


def family_accepted(world, client):
    from loket.allocation.offers import offer_accept

    offer_accept(offer=_offer(world), actor=world.parent)
    return Sent(last_mail(world.parent.email), "families:sign_in")


def family_declined(world, client):
    from loket.allocation.offers import offer_decline

    offer_decline(offer=_offer(world), actor=world.parent, reason="te ver")
    return Sent(last_mail(world.parent.email), "families:sign_in")


def family_expired(world, client):
    from loket.allocation.offers import offer_expire

    offer_expire(offer=_offer(world))
    return Sent(last_mail(world.parent.email), "families:sign_in")


def provider_proposal(world, client):
    _offer(world, confirm=False)
    return Sent(last_mail(world.provider.email), "allocation:proposals", world.provider)


def provider_accepted(world, client):
    from loket.allocation.offers import offer_accept

    offer_accept(offer=_offer(world), actor=world.parent)
    return Sent(last_mail(world.provider.email), "allocation:proposals", world.provider)


def provider_declined(world, client):
    from loket.allocation.offers import offer_decline

    offer_decline(offer=_offer(world), actor=world.parent, reason="te ver")
    return Sent(last_mail(world.provider.email), "allocation:proposals", world.provider)


def provider_expired(world, client):
    from loket.allocation.offers import offer_expire

    offer_expire(offer=_offer(world))
    return Sent(last_mail(world.provider.email), "allocation:proposals", world.provider)


def provider_urgent(world, client):
    from loket.allocation.offers import urgent_assign
    from loket.demand.models import ChildcareRequest
    from loket.supply.models import Opening

    Opening.objects.filter(pk=world.opening.pk).update(urgent_only=True)
    ChildcareRequest.objects.filter(pk=world.request.pk).update(urgent=True)
    world.request.refresh_from_db()
    urgent_assign(request=world.request, opening=world.opening, actor=world.worker, reason="crisis")
    return Sent(last_mail(world.provider.email), "allocation:proposals", world.provider)


def families_sign_in(world, client):
    from loket.families.services import sign_in_link_send

    assert sign_in_link_send(email=world.parent.email, next_url="/gezin/")
    return Sent(
        last_mail(world.parent.email), "families:sign_in_link", world.parent, True, "portal:family_home"
    )


def _waiting_since(world, days):
    from loket.demand.models import ChildcareRequest

    ChildcareRequest.objects.filter(pk=world.request.pk).update(
        last_confirmed_at=timezone.now() - timedelta(days=days),
        registered_at=timezone.now() - timedelta(days=days),
    )


def families_reconfirm(world, client):
    from loket.families.services import reconfirmations_run

    _waiting_since(world, 400)
    assert reconfirmations_run()["asked"] == 1
    return Sent(last_mail(world.family.guardians.get().email), "families:sign_in")


def families_reminder(world, client):
    from loket.families.services import reconfirmations_run

    _waiting_since(world, 400)
    reconfirmations_run()
    assert reconfirmations_run(now=timezone.now() + timedelta(days=60))["reminded"] == 1
    return Sent(last_mail(world.family.guardians.get().email), "families:sign_in")


def families_expired(world, client):
    from loket.families.services import reconfirmations_run

    _waiting_since(world, 400)
    reconfirmations_run()
    reconfirmations_run(now=timezone.now() + timedelta(days=60))
    assert reconfirmations_run(now=timezone.now() + timedelta(days=120))["expired"] == 1
    return Sent(last_mail(world.family.guardians.get().email), "families:sign_in")


def families_registered(world, client):
    """A parent registers on the website (the question pages), in their language."""
    base = "/gezin/aanvraag/stap/"
    month = (date.today().replace(day=1) + timedelta(days=100)).strftime("%Y-%m")
    later = (date.today().replace(day=1) + timedelta(days=200)).strftime("%Y-%m")
    language = world.family.preferred_language
    steps = [
        ("woonplaats/", {"postcode": "9800"}),
        ("kinderen/", {"count": "1"}),
        ("kind/", {"c1_first_name": "Lotte", "c1_born": "yes", "c1_date": "2026-06-01"}),
        (
            "opvang/",
            {"start_earliest": month, "start_latest": later, "weekdays": ["1", "2"], "tariffs": ["income"]},
        ),
    ]
    for path, data in steps:
        assert client.post(base + path, data).status_code == 302, path
    client.post(base + "keuzes/", {"action": "add", "location": str(world.location.pk)})
    assert client.post(base + "keuzes/", {"action": "next"}).status_code == 302
    assert client.post(base + "voorrang/", {"work": "on"}).status_code == 302
    contact = {
        "first_name": "Sara",
        "last_name": "D'Hooghe",
        "email": "sara@example.org",
        "phone": "+32 470 12 34 56",
        "preferred_language": language,
        "sign_in": "link",
    }
    assert client.post(base + "contact/", contact).status_code == 302
    client.post(base + "controle/", {"sworn": "on", "consent": "on"})
    client.logout()
    return Sent(last_mail("sara@example.org"), "families:sign_in")


def supply_confirm_free_places(world, client):
    from loket.supply.models import Opening
    from loket.supply.services import openings_remind_to_confirm

    Opening.objects.filter(pk=world.opening.pk).update(confirmed_at=timezone.now() - timedelta(days=200))
    assert openings_remind_to_confirm() >= 1
    return Sent(last_mail(world.provider.email), "supply:openings", world.provider)


def accounts_invitation(world, client):
    from loket.accounts.services import staff_invite

    language = world.worker.preferred_language
    staff_invite(
        desk=world.desk,
        email="nieuw@stad.example",
        full_name="Nieuwe Collega",
        preferred_language=language,
        role=Role.DESK_WORKER,
        actor=world.worker,
    )
    return Sent(last_mail("nieuw@stad.example"), "accounts:invitation")


def accounts_password_reset(world, client):
    world.worker.set_password("een-oud-wachtwoord-42")
    world.worker.save()
    assert client.post("/account/wachtwoord-vergeten/", {"email": world.worker.email}).status_code == 302
    return Sent(last_mail(world.worker.email), "accounts:password_reset_confirm")


def _question(world, language):
    from loket.support.services import question_ask

    return question_ask(
        subject="Vraag van 't Rakkertje & co",
        body="Hoe werkt het?",
        name=ORGANISER_NAME,
        email="vraag@example.org",
        actor=None,
        language=language,
    )


def support_question(world, client):
    _question(world, world.worker.preferred_language)
    return Sent(last_mail("vraag@example.org"), "support:follow")


def support_staff(world, client):
    agent = make_user(Role.SUPPORT_AGENT, email="agent@voorzet.example")
    agent.preferred_language = world.worker.preferred_language
    agent.save()
    settings.LOKET_SUPPORT_TEAM_EMAIL = ""
    _question(world, "nl")
    return Sent(last_mail(agent.email), "support:question", agent)


def support_event(world, client):
    from loket.support.models import Event
    from loket.support.services import registration_create

    start = timezone.now() + timedelta(days=10)
    event = Event.objects.create(
        title="Netwerkmoment 't Rakkertje & co",
        capacity=10,
        venue="Zaal De Leie",
        province="VOV",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    registration_create(event=event, name=ORGANISER_NAME, email=world.provider.email, actor=world.provider)
    return Sent(last_mail(world.provider.email), "support:registration")


def support_starter(world, client):
    from loket.support.services import starter_sign_up

    starter_sign_up(
        name=ORGANISER_NAME, email="starter@example.org", language=world.parent.preferred_language
    )
    return Sent(last_mail("starter@example.org"), "support:starter_link")


MAIL_TYPES = {
    "allocation/mail/family_offer.txt": family_offer,
    "allocation/mail/family_reminder.txt": family_reminder,
    "allocation/mail/family_accepted.txt": family_accepted,
    "allocation/mail/family_declined.txt": family_declined,
    "allocation/mail/family_expired.txt": family_expired,
    "allocation/mail/provider_proposal.txt": provider_proposal,
    "allocation/mail/provider_accepted.txt": provider_accepted,
    "allocation/mail/provider_declined.txt": provider_declined,
    "allocation/mail/provider_expired.txt": provider_expired,
    "allocation/mail/provider_urgent.txt": provider_urgent,
    "families/mail/sign_in_body.txt": families_sign_in,
    "families/mail/reconfirm_body.txt": families_reconfirm,
    "families/mail/reminder_body.txt": families_reminder,
    "families/mail/expired_body.txt": families_expired,
    "families/mail/registered_body.txt": families_registered,
    "supply/mail/confirm_free_places.txt": supply_confirm_free_places,
    "accounts/mail/invitation.txt": accounts_invitation,
    "accounts/mail/password_reset.txt": accounts_password_reset,
    "support/mail/question_body.txt": support_question,
    "support/mail/staff_body.txt": support_staff,
    "support/mail/event_body.txt": support_event,
    "support/mail/starter_body.txt": support_starter,
}


def test_every_mail_template_is_covered():
    templates = {
        str(p.relative_to(p.parents[3])).split("templates/", 1)[1]
        for p in SRC.glob("*/templates/*/mail/*.txt")
        if not p.name.endswith("_subject.txt")
    }
    assert templates == set(MAIL_TYPES), "a mail template without a test (or a test without a template)"


def test_no_mail_template_switches_escaping_itself():
    """The renderer decides: off for the text part, on for the HTML part. A template that turns it off would let
    names into the HTML part unescaped."""
    for path in SRC.glob("*/templates/*/mail/*.txt"):
        assert "autoescape" not in path.read_text(), path


# --- checking one mail ------------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balance(HTMLParser):
    """Well-formed: every element closed, in order; collects the action buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.buttons, self.lang, self.dir = [], [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang, self.dir = attrs.get("lang"), attrs.get("dir")
        if tag == "a" and "mail-button" in (attrs.get("class") or ""):
            self.buttons.append(attrs["href"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", sorted(MAIL_TYPES))
def test_mail(template, language, world, client, django_capture_on_commit_callbacks, settings):
    speaks(world, language)
    with django_capture_on_commit_callbacks(execute=True):
        sent = MAIL_TYPES[template](world, client)
    mail = sent.mail
    assert mail is not None, "no mail written"

    # Sent as multipart/alternative, from the desk, replies to the desk.
    message = next(m for m in reversed(django_mail.outbox) if m.to == mail.to and m.subject == mail.subject)
    assert message.body == mail.body and list(message.alternatives[0]) == [mail.html, "text/html"]
    assert message.from_email == (mail.from_email or settings.DEFAULT_FROM_EMAIL)
    assert message.reply_to == mail.reply_to

    # The text part: names as typed, no entities, no HTML.
    assert not any(entity in mail.body for entity in ENTITIES), mail.body
    assert not any(entity in mail.subject for entity in ENTITIES), mail.subject
    assert "<a " not in mail.body and "<p" not in mail.body
    assert "\ue000" not in mail.body and "\ue000" not in mail.html

    # The HTML part: well-formed, in the reader's language and direction, the desk's frame.
    check = Balance()
    check.feed(mail.html)
    check.close()
    assert not check.errors and check.stack == [], (check.errors, check.stack)
    assert check.lang == language and check.dir == ("rtl" if language == "ar" else "ltr")
    if template.startswith(("allocation/", "families/", "supply/")):
        assert "Loket &#x27;t Stad &amp; Omstreken" in mail.html  # escaped in HTML, once
        assert "#7a1f5c" in mail.html
        assert mail.from_email.startswith("Loket 't Stad & Omstreken <") and mail.reply_to == [
            "loket@stad.example"
        ]
    assert "&amp;amp;" not in mail.html and "&amp;#x27;" not in mail.html  # never escaped twice

    # The action: one button, the same address in the text part, on the public host, resolving to the right view.
    assert len(check.buttons) >= 1
    link = unescape(check.buttons[0])
    assert link in mail.body
    assert link.startswith(settings.LOKET_PUBLIC_URL + "/")
    parts = urlsplit(link)
    match = resolve(parts.path)
    assert f"{match.namespace}:{match.url_name}" == sent.view
    for url in re.findall(r"https?://\S+", mail.body):
        assert url.startswith(settings.LOKET_PUBLIC_URL), url

    # Following it leads the recipient to the right page.
    client.logout()
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    if sent.one_time:
        assert client.get(target).status_code == 200  # a button to confirm (mail scanners must not use it up)
        landed = client.post(target)
        assert landed.status_code == 302
        match = resolve(urlsplit(landed.url).path)
        assert f"{match.namespace}:{match.url_name}" == sent.lands_on
        page = client.get(landed.url)
        assert page.status_code == 200 and page.wsgi_request.user == sent.person
        if sent.lands_on == "families:offer_answer":
            assert LOCATION_NAME in unescape(page.content.decode())
        assert client.post(target).status_code == 410  # once
        return
    if sent.person is not None:
        assert client.get(target).status_code == 302  # signed out: to the sign-in page first
        client.force_login(sent.person)
    response = client.get(target, follow=True)
    assert response.status_code == 200, (target, response.redirect_chain)


def test_texts_differ_per_language(world, client, django_capture_on_commit_callbacks):
    """The offer mail comes in the family's language: four languages, four texts."""
    texts = set()
    for language in LANGUAGES:
        speaks(world, language)
        with django_capture_on_commit_callbacks(execute=True):
            mail = family_offer(world, client).mail
        texts.add(re.sub(r"https?://\S+", "", mail.body))
        Offer.objects.all().delete()
        Proposal.objects.all().delete()
        world.request.refresh_from_db()
        from loket.demand.models import ChildcareRequest

        ChildcareRequest.objects.filter(pk=world.request.pk).update(status="registered")
    assert len(texts) == 4


def test_the_offer_link_expires_with_the_offer(world, django_capture_on_commit_callbacks):
    """The one-time link lasts until the offer's deadline, or the sign-in link's usual hour when that is earlier."""
    from loket.families.models import SignInLink
    from loket.families.services import SIGN_IN_LINK_MINUTES

    offer = _offer(world)
    link = SignInLink.objects.get(user=world.parent)
    assert link.next_url == f"/gezin/aanbod/{offer.pk}/"
    assert abs((link.expires_at - timezone.now()) - timedelta(minutes=SIGN_IN_LINK_MINUTES)) < timedelta(
        minutes=1
    )

    from loket.allocation.offers import _mail_family

    Offer.objects.filter(pk=offer.pk).update(deadline=timezone.now() + timedelta(minutes=20))
    offer.refresh_from_db()
    _mail_family(offer, "reminder")
    newest = SignInLink.objects.filter(user=world.parent).latest("pk")
    assert newest.expires_at == offer.deadline


def test_a_guardian_without_an_account_gets_the_sign_in_page_that_leads_to_the_offer(world):
    guardian = world.family.guardians.get()
    guardian.user = None
    guardian.save()
    offer = _offer(world)
    mail = last_mail(guardian.email)
    assert f"/gezin/aanmelden/?next=%2Fgezin%2Faanbod%2F{offer.pk}%2F" in mail.body
    assert "/gezin/aanmelden/link/" not in mail.body


def test_mail_preview_shows_the_newest_mail(world, capsys):
    from loket.families.services import sign_in_link_send

    sign_in_link_send(email=world.parent.email)
    mail = OutgoingMail.objects.latest("pk")
    call_command("mail_preview")
    text = capsys.readouterr().out
    assert (
        f"Subject: {mail.subject}" in text
        and "From: Loket 't Stad & Omstreken <" in text
        and mail.body in text
    )
    call_command("mail_preview", "--id", str(mail.pk), "--html")
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_the_deployment_check_warns_when_mail_links_would_lead_to_this_machine(settings):
    from loket.core.checks import public_url_check

    settings.LOKET_PUBLIC_URL = "http://127.0.0.1:8000"
    assert [w.id for w in public_url_check(None)] == ["loket.W001"]
    settings.LOKET_PUBLIC_URL = "https://loket.deinze.be"
    assert public_url_check(None) == []
