"""The desk administrator's staff screen: invite a colleague by e-mail (a one-time link on the real host), give and take
roles within the desk, deactivate and reactivate; never another desk's people, never a desk without an administrator."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment, User
from loket.accounts.policies import scope_of
from loket.audit.models import AuditEvent
from loket.testing.factories import make_desk, make_family, make_organiser, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def desks():
    desk, other = make_desk(name="Loket Noord"), make_desk(name="Loket Zuid")
    admin = make_user(Role.DESK_ADMIN, desk=desk, email="beheer@noord.example")
    return desk, other, admin


def invite(client, desk, **data):
    form = {
        "email": "nieuw@noord.example",
        "full_name": "Nieuwe Collega",
        "preferred_language": "nl",
        "role": Role.DESK_WORKER,
        "desk": desk.pk,
    }
    with_outbox = client.post(reverse("accounts:staff_invite"), form | data, HTTP_HOST="loket.intern.example")
    return with_outbox


def invitation_link(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(r"https?://\S+/account/uitnodiging/\S+/", message.body).group(0)


def test_an_invited_colleague_chooses_a_password_and_works_at_once(
    client, desks, django_capture_on_commit_callbacks, settings
):
    settings.LOKET_PUBLIC_URL = "https://loket.deinze.example"
    desk, _other, admin = desks
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, desk)
    person = User.objects.get(email="nieuw@noord.example")
    assert response.status_code == 302 and response.url == reverse("accounts:staff_member", args=[person.pk])
    assert not person.has_usable_password() and person.is_staff
    assert RoleAssignment.objects.filter(user=person, desk=desk, role=Role.DESK_WORKER).exists()
    link = invitation_link(person.email)
    # The public host, not the internal one the admin works on (the request came in on loket.intern.example).
    assert link.startswith("https://loket.deinze.example/account/uitnodiging/")
    assert {"account.invited", "account.role_granted"} <= set(
        AuditEvent.objects.values_list("event", flat=True)
    )

    client.logout()
    page = client.get(link, follow=True)
    assert page.status_code == 200 and "new_password1" in page.content.decode()
    chosen = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"new_password1": "Zonnebloem-Akker-42", "new_password2": "Zonnebloem-Akker-42"},
        follow=True,
    )
    assert chosen.redirect_chain[-1][0] == reverse("portal:desk_home")  # signed in, on the desk's home
    person.refresh_from_db()
    assert person.check_password("Zonnebloem-Akker-42")
    assert AuditEvent.objects.filter(event="account.invitation_accepted", actor=person).exists()
    # The link worked once.
    client.logout()
    assert "new_password1" not in client.get(link, follow=True).content.decode()


def test_the_invitation_mail_is_in_the_invitees_language(client, desks, django_capture_on_commit_callbacks):
    desk, _other, admin = desks
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, desk, email="en@noord.example", preferred_language="en")
    message = next(m for m in mail.outbox if "en@noord.example" in m.to)
    assert "Choose your password with this link" in message.body


def test_an_existing_account_gets_the_role_without_a_new_account(
    client, desks, django_capture_on_commit_callbacks
):
    desk, other, admin = desks
    colleague = make_user(Role.DESK_WORKER, desk=other, email="ook@zuid.example")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, desk, email="OOK@zuid.example")
    assert User.objects.filter(email__iexact="ook@zuid.example").count() == 1
    assert set(colleague.roles.values_list("desk_id", flat=True)) == {desk.pk, other.pk}
    message = next(m for m in mail.outbox if colleague.email in m.to)
    assert "/account/uitnodiging/" not in message.body  # they already have a password


def test_bad_input_gets_a_clear_message_and_nothing_is_created(client, desks):
    desk, _other, admin = desks
    client.force_login(admin)
    response = invite(client, desk, email="geen-adres", role="support_agent")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "role"}
    assert not User.objects.filter(full_name="Nieuwe Collega").exists()


def test_roles_are_given_and_taken_within_the_desk(client, desks):
    desk, other, admin = desks
    worker = make_user(Role.DESK_WORKER, desk=desk)
    client.force_login(admin)
    page = client.get(reverse("accounts:staff_member", args=[worker.pk]))
    assert set(dict(page.context["form"].fields["desk"].choices)) == {desk.pk}
    client.post(
        reverse("accounts:staff_role_give", args=[worker.pk]), {"role": Role.POLICY_VIEWER, "desk": desk.pk}
    )
    assert worker.roles.filter(role=Role.POLICY_VIEWER, desk=desk).exists()
    # Another desk is not a choice, posted or not.
    response = client.post(
        reverse("accounts:staff_role_give", args=[worker.pk]), {"role": Role.DESK_ADMIN, "desk": other.pk}
    )
    assert response.status_code == 400 and not worker.roles.filter(desk=other).exists()
    viewer = worker.roles.get(role=Role.POLICY_VIEWER)
    client.post(reverse("accounts:staff_role_take", args=[worker.pk, viewer.pk]))
    assert not worker.roles.filter(role=Role.POLICY_VIEWER).exists()
    assert set(AuditEvent.objects.values_list("event", flat=True)) >= {
        "account.role_granted",
        "account.role_revoked",
    }


def test_a_desk_keeps_an_administrator(client, desks):
    _desk, _other, admin = desks
    client.force_login(admin)
    own_role = admin.roles.get()
    response = client.post(reverse("accounts:staff_role_take", args=[admin.pk, own_role.pk]), follow=True)
    assert admin.roles.filter(pk=own_role.pk).exists()
    with translation.override("nl"):
        refusal = _("A desk needs at least one active administrator. Give someone else this role first.")
    assert refusal in response.content.decode()


def test_deactivating_ends_signing_in_and_can_be_undone(client, desks):
    desk, _other, admin = desks
    worker = make_user(Role.DESK_WORKER, desk=desk)
    client.force_login(admin)
    client.post(reverse("accounts:staff_deactivate", args=[worker.pk]))
    worker.refresh_from_db()
    assert not worker.is_active and scope_of(worker).roles == frozenset()
    listing = client.get(reverse("accounts:staff_list")).content.decode()
    assert worker.email in listing  # still listed, as deactivated, to reactivate
    client.post(reverse("accounts:staff_reactivate", args=[worker.pk]))
    worker.refresh_from_db()
    assert worker.is_active


def test_an_account_that_works_elsewhere_is_not_switched_off_from_one_desk(client, desks):
    desk, _other, admin = desks
    shared = make_user(Role.DESK_WORKER, desk=desk)
    RoleAssignment.objects.create(user=shared, role=Role.PROVIDER_STAFF, organiser=make_organiser())
    parent_and_worker = make_user(Role.DESK_WORKER, desk=desk)
    make_family(desk, user=parent_and_worker)
    client.force_login(admin)
    for person in (shared, parent_and_worker, admin):
        client.post(reverse("accounts:staff_deactivate", args=[person.pk]))
        person.refresh_from_db()
        assert person.is_active


def test_another_desks_people_are_not_found(client, desks):
    _desk, other, admin = desks
    theirs = make_user(Role.DESK_WORKER, desk=other)
    client.force_login(admin)
    assert client.get(reverse("accounts:staff_member", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("accounts:staff_deactivate", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active
    assert theirs.email not in client.get(reverse("accounts:staff_list")).content.decode()


def test_the_staff_list_pages_and_searches(client, desks):
    desk, _other, admin = desks
    for n in range(30):
        make_user(Role.DESK_WORKER, desk=desk, email=f"collega{n:02d}@noord.example")
    client.force_login(admin)
    first = client.get(reverse("accounts:staff_list"))
    assert len(first.context["page"].object_list) == 25 and first.context["page"].paginator.num_pages == 2
    found = client.get(reverse("accounts:staff_list"), {"q": "collega07"})
    assert [p.email for p in found.context["page"]] == ["collega07@noord.example"]


def test_the_desk_home_links_to_the_staff_screen_for_administrators_only(client, desks):
    desk, _other, admin = desks
    client.force_login(admin)
    assert reverse("accounts:staff_list") in client.get(reverse("portal:desk_home")).content.decode()
    client.force_login(make_user(Role.DESK_WORKER, desk=desk))
    assert reverse("accounts:staff_list") not in client.get(reverse("portal:desk_home")).content.decode()
    assert client.get(reverse("accounts:staff_list")).status_code == 403
