"""Every management screen × every role: the list, the add form, an object's page in the person's own scope and in
another desk's, and the delete page answer exactly what the screen's registry actions grant (`docs/access.md`)."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_q.models import OrmQ, Schedule, Task
from trust_world import REGIONAL, ROLES, SUPERUSER

from loket.accounts.actions import ACTIONS
from loket.core.admin_site import ScopedAdmin

SCREENS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)

# The object of each screen on a side of the world (side A is the people's own, side B another desk's).
OBJECT_OF = {
    "accounts.User": lambda side: side.staff,
    "allocation.DeskPolicy": lambda side: side.extra["policy"],
    "allocation.Round": lambda side: side.round,
    "api.ApiToken": lambda side: side.extra["token"],
    "areas.Desk": lambda side: side.desk,
    "areas.Municipality": lambda side: side.location.municipality,
    "areas.Neighbourhood": lambda side: side.extra["neighbourhood"],
    "areas.Postcode": lambda side: side.location.postcode,
    "audit.AuditEvent": lambda side: side.extra["event"],
    "demand.ChildcareRequest": lambda side: side.request,
    "demand.Family": lambda side: side.family,
    "network.Partner": lambda side: side.partner,
    "privacy.ErasureRequest": lambda side: side.extra["erasure"],
    "supply.Location": lambda side: side.location,
    "supply.Opening": lambda side: side.opening,
    "supply.Organiser": lambda side: side.organiser,
    "supply.SupplySettings": lambda side: side.desk.supply_settings,
    "support.CannedAnswer": lambda side: side.extra["canned"],
    "support.ResponseTarget": lambda side: side.extra["target"],
    "support.RoutingRule": lambda side: side.extra["routing"],
    "support.StarterStep": lambda side: side.extra["step"],
    "support.Starter": lambda side: side.starter,
}


def _other_tools(world):
    """Objects of the screens that come with Django's libraries (task queue, second factor): theirs only for the
    installation's administrators."""
    now = timezone.now()
    done = {"func": "loket.core.mail.deliver", "started": now, "stopped": now + timedelta(seconds=1)}
    return {
        "django_q.Schedule": Schedule.objects.create(name="retry_mail", func="loket.core.mail.retry_unsent"),
        "django_q.Success": Task.objects.create(id="a" * 32, name="ok", success=True, **done),
        "django_q.Failure": Task.objects.create(id="b" * 32, name="failed", success=False, **done),
        "django_q.OrmQ": OrmQ.objects.create(key="default", payload="x"),
        "otp_totp.TOTPDevice": TOTPDevice.objects.create(user=world.people[SUPERUSER], name="phone"),
    }


def _may(role, name) -> bool:
    return name is not None and (role == SUPERUSER or role in ACTIONS[name].roles)


def expected(model_admin, role, request) -> dict:
    if not isinstance(model_admin, ScopedAdmin):
        # The libraries' own screens: what the library allows, to the installation's administrators only.
        own = role == SUPERUSER
        return {
            "list": own,
            "add": own and model_admin.has_add_permission(request),
            "change": own and model_admin.has_change_permission(request),
            "delete": own and model_admin.has_delete_permission(request),
            "other": own,
        }
    change = any(_may(role, action) for action in model_admin.change_actions)
    view = _may(role, model_admin.view_action) or change
    return {
        "list": view,
        "add": _may(role, model_admin.add_action),
        "change": change,
        "delete": _may(role, model_admin.delete_action),
        "other": view and role in REGIONAL,
    }


def test_every_screen_has_its_objects_here():
    loket_screens = {m._meta.label for m, a in SCREENS if isinstance(a, ScopedAdmin)}
    assert loket_screens == set(OBJECT_OF), "add the new screen's objects to OBJECT_OF and trust_world"
    assert all(isinstance(a, ScopedAdmin) for m, a in SCREENS if m.__module__.startswith("loket.")), (
        "every Loket screen derives from ScopedAdmin"
    )


def test_admin_use_is_exactly_the_roles_with_a_screen():
    roles_with_a_screen = set()
    for _model, model_admin in SCREENS:
        if isinstance(model_admin, ScopedAdmin):
            for name in (model_admin.view_action, model_admin.add_action, *model_admin.change_actions):
                if name:
                    roles_with_a_screen |= ACTIONS[name].roles
    assert ACTIONS["admin.use"].roles == roles_with_a_screen


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=str)
def test_each_role_gets_what_the_grants_say_on_every_screen(client, rf, world, role):
    person = world.people[role]
    request = rf.get("/")
    request.user = person
    client.force_login(person)
    site_open = person.is_staff and (role == SUPERUSER or role in ACTIONS["admin.use"].roles)
    others = _other_tools(world)
    problems = []
    for model, model_admin in SCREENS:
        label, prefix = model._meta.label, f"admin:{model._meta.app_label}_{model._meta.model_name}"
        want = expected(model_admin, role, request)
        own = OBJECT_OF[label](world.a) if label in OBJECT_OF else others[label]
        other = OBJECT_OF[label](world.b) if label in OBJECT_OF else others[label]
        pages = {
            "list": reverse(f"{prefix}_changelist"),
            "add": reverse(f"{prefix}_add"),
            "change": reverse(f"{prefix}_change", args=[own.pk]),
            "delete": reverse(f"{prefix}_delete", args=[own.pk]),
            "other": reverse(f"{prefix}_change", args=[other.pk]),
        }
        got = {name: client.get(url) for name, url in pages.items()}
        if not site_open:
            wrong = {
                n: r.status_code for n, r in got.items() if not (r.status_code == 302 and "/login/" in r.url)
            }
            if wrong:
                problems.append((label, "site should be closed", wrong))
            continue
        seen = want["list"]
        checks = {
            "list": 200 if seen else 403,
            "add": 200 if want["add"] else 403,
            "change": 200 if seen else 403,
            "delete": 200 if want["delete"] else 403,
            "other": 200 if want["other"] else (302 if seen else 403),
        }
        if label not in OBJECT_OF and role == SUPERUSER:
            checks["other"] = 200  # the same object: these screens have no scopes
        for name, status in checks.items():
            if got[name].status_code != status:
                problems.append((label, name, got[name].status_code, "expected", status))
        if seen:
            can_save = 'name="_save"' in got["change"].content.decode()
            if can_save != want["change"]:
                problems.append((label, "change form offered" if can_save else "change form missing"))
    assert problems == [], problems
