"""The management screens (`/beheer/`) are one more door to the same services: provider staff reach only their own
locations and only the practical fields; the desk administrator decides the licence facts of their area and cannot add
a desk; every choice list is narrowed to the person's scope; a save writes the portal's audit event, and a refusal of
the service shows its own message while nothing is saved."""

import json
from datetime import date

import pytest
from django.contrib import admin
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from trust_world import SUPERUSER

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment, User
from loket.audit.models import AuditEvent
from loket.core.admin_site import ScopedAdmin
from loket.supply.models import Location, Opening, Organiser
from loket.testing.factories import make_opening

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def add_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def form_data(response) -> dict:
    """The values of the change form as the browser would post them (editable fields only)."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        value = field.prepare_value(value)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
    return data


def events(name: str):
    return AuditEvent.objects.filter(event=name)


# Provider staff


def test_provider_staff_change_the_practical_data_of_their_location_with_the_portals_event(client, world):
    client.force_login(world.people[Role.PROVIDER_STAFF])
    page = client.get(change_url(world.a.location))
    form = page.context["adminform"].form
    assert set(form.fields) == {
        "opens_at", "closes_at", "weekdays_mask", "age_min_months", "age_max_months",
        "phone", "email", "languages", "description",
    }  # fmt: skip
    data = form_data(page) | {
        "languages": "Nederlands, Frans",
        "licensed_capacity": "99",
        "subsidy_step": "0",
    }
    response = client.post(change_url(world.a.location), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    location = Location.objects.get(pk=world.a.location.pk)
    assert location.languages == "Nederlands, Frans"
    assert (location.licensed_capacity, location.subsidy_step) == (
        18,
        "2B",
    )  # posted, but not theirs to change
    event = events("location.updated").get()
    assert event.actor == world.people[Role.PROVIDER_STAFF] and event.detail["fields"] == ["languages"]


def test_provider_staff_do_not_reach_another_organisers_location(client, world):
    client.force_login(world.people[Role.PROVIDER_STAFF])
    for other in (world.c.location, world.b.location):
        assert client.get(change_url(other)).status_code == 302  # "does not exist"
        client.post(change_url(other), {"languages": "Overgenomen"})
        assert Location.objects.get(pk=other.pk).languages == ""
    listing = client.get(reverse("admin:supply_location_changelist")).content.decode()
    assert world.a.location.name in listing and world.c.location.name not in listing


def test_provider_staff_cannot_add_organisers_or_locations(client, world):
    client.force_login(world.people[Role.PROVIDER_STAFF])
    assert client.get(add_url(Organiser)).status_code == 403
    assert client.post(add_url(Organiser), {"name": "Nieuw", "legal_form": "vzw"}).status_code == 403
    assert client.get(add_url(Location)).status_code == 403
    assert not Organiser.objects.filter(name="Nieuw").exists()


def test_free_places_are_declared_only_at_their_own_locations(client, world):
    client.force_login(world.people[Role.PROVIDER_STAFF])
    page = client.get(add_url(Opening))
    choices = set(page.context["adminform"].form.fields["location"].queryset)
    assert choices == {world.a.location}
    declared = {
        "tariff": "income",
        "start_month": "2030-03-01",
        "weekdays_mask": ["1", "2"],
        "age_min_months": "0",
        "age_max_months": "36",
        "count": "2",
    }
    refused = client.post(add_url(Opening), declared | {"location": world.c.location.pk})
    assert refused.status_code == 200 and "location" in refused.context["adminform"].form.errors
    assert not Opening.objects.filter(location=world.c.location, start_month=date(2030, 3, 1)).exists()
    assert client.post(add_url(Opening), declared | {"location": world.a.location.pk}).status_code == 302
    opening = Opening.objects.get(location=world.a.location, start_month=date(2030, 3, 1))
    assert opening.weekdays == (1, 2) and opening.count == 2
    assert events("opening.declared").get().object_id == str(opening.pk)


def free_places(location, **kw):
    """Free places that no round uses yet."""
    return make_opening(location, start_month=date(2030, 1, 1), count=2, **kw)


def test_a_withdrawn_opening_is_refused_with_the_services_message_and_nothing_is_saved(client, world):
    opening = free_places(world.a.location, withdrawn_at=timezone.now())
    client.force_login(world.people[Role.PROVIDER_STAFF])
    page = client.get(change_url(opening))
    response = client.post(change_url(opening), form_data(page) | {"count": "5"})
    assert response.status_code == 200
    with translation.override("nl"):
        assert (
            str(_("These free places were withdrawn; declare new ones instead.")) in response.content.decode()
        )
    assert Opening.objects.get(pk=opening.pk).count == 2
    assert not events("opening.changed").exists()


def test_changing_free_places_writes_the_portals_event(client, world):
    opening = free_places(world.a.location)
    client.force_login(world.people[Role.PROVIDER_STAFF])
    page = client.get(change_url(opening))
    assert client.post(change_url(opening), form_data(page) | {"count": "3"}).status_code == 302
    assert Opening.objects.get(pk=opening.pk).count == 3
    assert events("opening.changed").get().detail["fields"] == ["count"]


def test_the_opening_form_lists_no_accounts(client, world):
    client.force_login(world.people[Role.PROVIDER_STAFF])
    page = client.get(change_url(world.a.opening)).content.decode()
    assert 'name="created_by"' not in page
    for person in User.objects.exclude(full_name=""):
        assert person.full_name not in page


def test_withdrawing_from_the_list_goes_through_the_service(client, world):
    mine, in_a_round, theirs = free_places(world.a.location), world.a.opening, free_places(world.c.location)
    client.force_login(world.people[Role.PROVIDER_STAFF])
    response = client.post(
        reverse("admin:supply_opening_changelist"),
        {"action": "withdraw", "_selected_action": [mine.pk, in_a_round.pk, theirs.pk]},
        follow=True,
    )
    assert Opening.objects.get(pk=mine.pk).withdrawn_at is not None
    assert (
        Opening.objects.get(pk=in_a_round.pk).withdrawn_at is None
    )  # refused by the service, with its reason
    assert Opening.objects.get(pk=theirs.pk).withdrawn_at is None  # not theirs: not even selectable
    assert events("opening.withdrawn").count() == 1
    with translation.override("nl"):
        refusal = str(_("An allocation round already uses these free places. Ask the desk to change them."))
    assert refusal in response.content.decode()


# The desk administrator


def test_the_desk_administrator_decides_the_licence_facts_of_their_area(client, world):
    admin_a = world.people[Role.DESK_ADMIN]
    client.force_login(admin_a)
    page = client.get(change_url(world.a.location))
    form = page.context["adminform"].form
    assert {"licensed_capacity", "tariff_regime", "subsidy_step", "organiser"} <= set(form.fields)
    assert "languages" not in form.fields  # the provider's
    assert set(form.fields["organiser"].queryset) == {
        world.a.organiser,
        world.c.organiser,
    }  # the area's organisers
    response = client.post(change_url(world.a.location), form_data(page) | {"licensed_capacity": "24"})
    assert response.status_code == 302
    assert Location.objects.get(pk=world.a.location.pk).licensed_capacity == 24
    assert events("location.licence_changed").get().detail["fields"] == ["licensed_capacity"]
    assert client.get(change_url(world.b.location)).status_code == 302  # another desk's: not found


def test_the_services_refusal_lands_on_its_field(client, world):
    client.force_login(world.people[Role.DESK_ADMIN])
    page = client.get(change_url(world.a.location))
    response = client.post(
        change_url(world.a.location), form_data(page) | {"tariff_regime": "mix", "income_places": "40"}
    )
    assert response.status_code == 200
    assert "income_places" in response.context["adminform"].form.errors
    assert Location.objects.get(pk=world.a.location.pk).tariff_regime == "income"


def test_a_desk_administrator_cannot_create_a_desk_or_touch_another(client, world):
    client.force_login(world.people[Role.DESK_ADMIN])
    assert client.get(reverse("admin:areas_desk_add")).status_code == 403
    assert (
        client.post(reverse("admin:areas_desk_add"), {"name": "Eigen loket", "slug": "eigen"}).status_code
        == 403
    )
    assert client.get(change_url(world.b.desk)).status_code == 302
    page = client.get(change_url(world.a.desk))
    assert "slug" not in page.context["adminform"].form.fields
    assert (
        client.post(change_url(world.a.desk), form_data(page) | {"offer_deadline_days": "7"}).status_code
        == 302
    )
    assert events("desk.settings_changed").get().detail["fields"] == ["offer_deadline_days"]


def test_rules_in_force_stay_and_new_rules_start_today_or_later(client, world):
    client.force_login(world.people[Role.DESK_ADMIN])
    policy = world.a.extra["policy"]
    page = client.get(add_url(type(policy)))
    assert set(page.context["adminform"].form.fields["desk"].queryset) == {world.a.desk}
    data = {
        "desk": world.a.desk.pk,
        "effective_from": "2020-01-01",
        "name": "Terugwerkend",
        "policy": json.dumps(policy.policy),
    }
    response = client.post(add_url(type(policy)), data)
    assert response.status_code == 200
    with translation.override("nl"):
        assert str(_("New rules take effect from today or a later date.")) in response.content.decode()
    assert client.post(add_url(type(policy)), data | {"effective_from": "2031-01-01"}).status_code == 302
    assert events("desk_policy.saved").count() == 1


# Every choice list, every screen, every role


@pytest.mark.parametrize("role", [Role.DESK_WORKER, Role.DESK_ADMIN, Role.PROVIDER_STAFF, Role.SUPPORT_AGENT])
def test_no_choice_list_offers_anything_outside_the_persons_scope(rf, world, role):
    person = world.people[role]
    foreign = {
        *(
            getattr(world.b, name)
            for name in ("desk", "organiser", "location", "partner", "family", "request")
        ),
        world.c.location,
        world.b.location.municipality,
        world.b.location.postcode,
    }
    request = rf.get("/")
    request.user = person
    problems = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, ScopedAdmin):
            continue
        targets = [None] if model_admin.has_add_permission(request) else []
        targets += [
            o for o in model_admin.get_queryset(request)[:3] if model_admin.has_change_permission(request, o)
        ]
        for obj in targets:
            form = model_admin.get_form(request, obj, change=obj is not None)
            for name, field in form.base_fields.items():
                if not isinstance(field, ModelChoiceField | ModelMultipleChoiceField):
                    continue
                offered = set(field.queryset)
                if field.queryset.model is User:
                    problems.append((model._meta.label, name, "lists accounts"))
                leaked = offered & foreign
                if role != Role.SUPPORT_AGENT and leaked:
                    problems.append((model._meta.label, name, sorted(map(str, leaked))))
    assert problems == []


def test_superusers_add_organisers_through_the_service(client, world):
    client.force_login(world.people[SUPERUSER])
    response = client.post(add_url(Organiser), {"name": "Vzw Nieuw", "legal_form": "vzw"})
    assert response.status_code == 302
    organiser = Organiser.objects.get(name="Vzw Nieuw")
    assert events("organiser.created").get().object_id == str(organiser.pk)


def test_the_desks_trail_reads_in_plain_words(client, world):
    client.force_login(world.people[Role.DESK_ADMIN])
    response = client.get(reverse("admin:audit_auditevent_changelist"))
    assert {event.desk_id for event in response.context["cl"].result_list} == {world.a.desk.pk}
    assert "bekeek het dossier" in response.content.decode()  # Dutch, the staff's default language


def test_superusers_give_roles_in_any_scope_through_the_services(client, world):
    person = world.a.staff
    client.force_login(world.people[SUPERUSER])
    page = client.get(change_url(person))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-INITIAL_FORMS": "1",
            f"{prefix}-0-id": str(person.roles.get().pk),
            f"{prefix}-0-user": str(person.pk),
            f"{prefix}-1-role": Role.PROVIDER_STAFF,
            f"{prefix}-1-organiser": str(world.b.organiser.pk),
            f"{prefix}-1-user": str(person.pk),
        }
    )
    response = client.post(change_url(person), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert person.roles.filter(role=Role.PROVIDER_STAFF, organiser=world.b.organiser).exists()
    granted = events("account.role_granted").get()
    assert granted.detail == {"role": "provider_staff", "organiser_id": world.b.organiser.pk}
    # A role that breaks its rule (provider staff without an organiser) is refused on the form; nothing is saved.
    data[f"{prefix}-TOTAL_FORMS"] = "3"
    data[f"{prefix}-INITIAL_FORMS"] = "2"
    data[f"{prefix}-1-id"] = str(person.roles.get(role=Role.PROVIDER_STAFF).pk)
    data.update({f"{prefix}-2-role": Role.PARTNER_ADVISER, f"{prefix}-2-user": str(person.pk)})
    refused = client.post(change_url(person), data)
    assert refused.status_code == 200
    assert person.roles.count() == 2


def test_superusers_invite_accounts_instead_of_setting_passwords(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.people[SUPERUSER])
    page = client.get(add_url(User))
    assert set(page.context["adminform"].form.fields) == {"email", "full_name", "preferred_language"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            add_url(User),
            form_data(page)
            | {"email": "nieuw@agentschap.example", "full_name": "Nieuw", "preferred_language": "nl"},
        )
    assert response.status_code == 302
    person = User.objects.get(email="nieuw@agentschap.example")
    assert not person.has_usable_password()
    assert events("account.invited").get().object_id == str(person.pk)


def test_a_desk_administrator_sees_only_their_desks_roles_of_a_person(client, world):
    person = world.a.staff
    RoleAssignment.objects.create(user=person, role=Role.PROVIDER_STAFF, organiser=world.b.organiser)
    client.force_login(world.people[Role.DESK_ADMIN])
    page = client.get(change_url(person))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # read here; managed on the staff page
    assert world.b.organiser.name not in page.content.decode()
