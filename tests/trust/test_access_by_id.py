"""Every endpoint that takes an id, called by a person allowed to take its action, with the id of an object from another
scope: another desk (desk staff), another organiser (provider staff), another partner (partner advisers), another family
(parents). It must answer 404 to GET and POST alike, and change nothing: the object's row, the number of rows of every
table and the audit trail stay as they were. The same call with the person's own object must not answer 404, so a
passing case proves the scope, not a broken address.

The cases are matched against the URL configuration: a new endpoint with an id and no case here fails the suite.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from trust_world import Side, World

from loket.accounts.access_matrix import PUBLIC, endpoints
from loket.accounts.actions import ACTIONS, PARENT, Covers
from loket.accounts.choices import Role
from loket.audit.models import AuditEvent

WITH_IDS = {e.name: e for e in endpoints() if e.has_parameters}

# Parameters that name no object of anyone's: steps of a form, queue names, report tables, file formats.
NOT_AN_OBJECT = {
    "families:desk_register_step": "a step of the registration form",
    "casework:queue": "the name of a work queue; its rows follow the scope",
    "reports:export": "the name of a report table and a format; the figures follow the scope",
    "reports:table": "the name of a report table; its rows follow the scope",
    "reports:agency_export": "a file format",
    "reports:regional_export": "a file format",
}


@dataclass(frozen=True)
class Case:
    role: str
    params: object  # (side) -> {parameter: value}
    watched: object  # (side) -> objects that must stay unchanged
    data: dict = field(
        default_factory=dict
    )  # a plausible POST: a view that ignored the scope would act on it
    variant: str = ""
    own: object = None  # (world) -> the side whose objects are the person's own (default: world.a)


def _a(world: World) -> Side:
    return world.a


def request_case(data=None, role=PARENT):
    return Case(role, lambda s: {"pk": s.request.pk}, lambda s: [s.request], data or {})


def family_case(data):
    return Case(Role.DESK_WORKER, lambda s: {"reference": s.family.reference}, lambda s: [s.family], data)


def location_case(role=Role.PROVIDER_STAFF, data=None):
    return Case(role, lambda s: {"pk": s.location.pk}, lambda s: [s.location], data or {})


def opening_case(data=None):
    return Case(Role.PROVIDER_STAFF, lambda s: {"pk": s.opening.pk}, lambda s: [s.opening], data or {})


def of(attribute: str, role: str, data=None, variant=""):
    return Case(
        role,
        lambda s: {"pk": getattr(s, attribute).pk},
        lambda s: [getattr(s, attribute)],
        data or {},
        variant,
    )


def desk_setup_case(data=None):
    return Case(Role.DESK_ADMIN, lambda s: {"slug": s.desk.slug}, lambda s: [s.desk], data or {})


WISHES = {"start_earliest": "2027-05", "weekdays": ["1", "2"]}
CASES: dict[str, list[Case]] = {
    # families: a parent and another family's request or offer
    "families:change_choices": [request_case({"choices": ["1"]})],
    "families:change_wishes": [request_case(WISHES)],
    "families:withdraw": [request_case({"reason": "other", "confirm": "1"})],
    "families:still_looking": [request_case({"answer": "yes"})],
    "families:offer_answer": [of("offer", PARENT, {"answer": "accept"})],
    "allocation:family_review": [request_case({"message": "Waarom niet?"})],
    # the desk's follow-up: a desk worker and another desk's family
    "casework:case": [family_case({})],
    "casework:note_add": [family_case({"text": "Notitie"})],
    "casework:contact_add": [family_case({"kind": "phone", "summary": "Gebeld"})],
    "casework:task_add": [family_case({"title": "Bellen", "due_on": "2030-01-01"})],
    "casework:referral_add": [family_case({"partner": "1", "need": "financial", "consent_how": "verbal"})],
    "casework:task_done": [of("task", Role.DESK_WORKER)],
    "casework:urgency": [request_case({"urgent": "on", "reason": "Dringend"}, Role.DESK_WORKER)],
    "casework:facts": [request_case({"low_income": "on"}, Role.DESK_WORKER)],
    "casework:mark_checked": [request_case({}, Role.DESK_WORKER)],
    "casework:reconfirm": [request_case({}, Role.DESK_WORKER)],
    "casework:merge": [
        Case(
            Role.DESK_WORKER,
            lambda s: {"pk": s.request.pk, "duplicate_pk": s.second_request.pk},
            lambda s: [s.request, s.second_request],
        ),
        Case(
            Role.DESK_WORKER,
            lambda s: {"pk": s.request.pk, "duplicate_pk": s.second_request.pk},
            lambda s: [s.second_request],
            variant="own request, other desk's duplicate",
            own=lambda w: w.a,
        ),
    ],
    "casework:referral_accompanied": [of("referral", Role.DESK_WORKER, {"accompanied": "1"})],
    "casework:referral_cancel": [of("referral", Role.DESK_WORKER, {"reason": "Vergissing"})],
    "casework:meeting": [of("meeting", Role.DESK_WORKER)],
    "casework:meeting_edit": [of("meeting", Role.DESK_WORKER, {"title": "Anders", "held_on": "2026-01-01"})],
    "casework:action_add": [of("meeting", Role.DESK_WORKER, {"description": "Actie", "owner": "x"})],
    "casework:action_done": [of("action", Role.DESK_WORKER)],
    # referrals seen by a partner adviser: another partner's
    "casework:partner_referral": [of("referral", Role.PARTNER_ADVISER)],
    "casework:partner_referral_accept": [of("referral", Role.PARTNER_ADVISER)],
    "casework:partner_referral_close": [of("referral", Role.PARTNER_ADVISER, {"outcome": "helped"})],
    # the social map: another desk's partner for desk staff, another partner for a partner adviser
    "network:entry": [of("partner", Role.DESK_WORKER)],
    "network:entry_edit": [
        of("partner", Role.DESK_WORKER, {"name": "Overgenomen", "kind": "job_service"}),
        of(
            "partner", Role.PARTNER_ADVISER, {"name": "Overgenomen", "kind": "job_service"}, "partner adviser"
        ),
    ],
    # allocation rounds: another desk's
    "allocation:round_detail": [of("round", Role.DESK_WORKER)],
    "allocation:round_run": [of("round", Role.DESK_WORKER)],
    "allocation:round_publish": [of("round", Role.DESK_WORKER)],
    "allocation:round_recheck": [of("round", Role.DESK_WORKER)],
    "allocation:round_progress": [of("round", Role.DESK_WORKER)],
    "allocation:round_job_retry": [of("round", Role.DESK_WORKER)],
    "allocation:round_instance": [of("round", Role.DESK_WORKER)],
    "allocation:round_result": [of("round", Role.DESK_WORKER)],
    "allocation:review_detail": [of("review", Role.DESK_WORKER, {"answer": "Zo is het."})],
    "allocation:waiting_list": [
        location_case(Role.DESK_WORKER),
        location_case(Role.PROVIDER_STAFF),
    ],
    "allocation:proposal_decide": [of("proposal", Role.PROVIDER_STAFF, {"decision": "confirm"})],
    "allocation:placement_record": [of("offer", Role.PROVIDER_STAFF, {"started_on": "2027-03-01"})],
    # the providers' portal: another organiser's location at the same desk
    "supply:location": [location_case()],
    "supply:location_edit": [
        location_case(data={"opens_at": "06:00", "closes_at": "19:00", "weekdays": ["1"]})
    ],
    "supply:location_enrolled": [location_case(data={"total": "3", "reserve_eligible": "1"})],
    "supply:opening_declare": [
        location_case(data={"tariff": "income", "start_month": "2027-04-01", "weekdays": ["1"], "count": "3"})
    ],
    "supply:location_confirm_all": [location_case()],
    "supply:location_requests": [location_case()],
    "supply:request_answer": [
        Case(
            Role.PROVIDER_STAFF,
            lambda s: {"pk": s.location.pk, "request_pk": s.request.pk},
            lambda s: [s.location, s.request],
            {"answer": "no_place"},
        ),
        Case(
            Role.PROVIDER_STAFF,
            lambda s: {"pk": s.location.pk, "request_pk": s.request.pk},
            lambda s: [s.request],
            {"answer": "no_place"},
            variant="own location, a request that did not choose it",
            own=lambda w: w.a,
        ),
    ],
    "supply:opening_change": [opening_case({"count": "5"})],
    "supply:opening_withdraw": [opening_case({"reason": "mistake"})],
    "supply:opening_confirm": [opening_case()],
    # the support desk: questions and starters routed to another partner
    "support:partner_question": [of("question", Role.PARTNER_ADVISER, {"body": "Antwoord"})],
    "support:partner_coaching": [of("question", Role.PARTNER_ADVISER, {"coaching_on": "2030-01-01"})],
    "support:partner_close": [of("question", Role.PARTNER_ADVISER, {"outcome": "answered"})],
    "support:starter": [of("starter", Role.PARTNER_ADVISER)],
    "support:partner_attachment": [
        Case(
            Role.PARTNER_ADVISER,
            lambda s: {"pk": s.question.pk, "attachment_pk": s.extra["attachment"].pk},
            lambda s: [s.extra["attachment"]],
        )
    ],
    # the desk administrator's staff screen: another desk's people
    "accounts:staff_member": [of("staff", Role.DESK_ADMIN)],
    "accounts:staff_role_give": [of("staff", Role.DESK_ADMIN, {"role": "desk_worker"})],
    "accounts:staff_role_take": [
        Case(
            Role.DESK_ADMIN,
            lambda s: {"pk": s.staff.pk, "role_pk": s.staff.roles.get().pk},
            lambda s: [s.staff, s.staff.roles.get()],
        ),
    ],
    "accounts:staff_deactivate": [of("staff", Role.DESK_ADMIN)],
    "privacy_desk:erasure_request": [
        Case(
            Role.DESK_ADMIN,
            lambda s: {"pk": s.extra["erasure"].pk},
            lambda s: [s.extra["erasure"], s.family],
            {"confirm": "on"},
        )
    ],
    "accounts:staff_reactivate": [of("staff", Role.DESK_ADMIN)],
    "accounts:staff_invitation_resend": [of("staff", Role.DESK_ADMIN)],
    # setting up a desk: a desk administrator and another desk
    "onboarding:desk": [desk_setup_case()],
    "onboarding:details": [desk_setup_case({"name": "Overgenomen", "email": "x@example.org"})],
    "onboarding:texts": [desk_setup_case({"language": "nl", "introduction": "Overgenomen"})],
    "onboarding:identity": [desk_setup_case({"colour": "#000000"})],
    "onboarding:neighbourhoods": [desk_setup_case({"from_postcodes": "1"})],
    "onboarding:locations": [desk_setup_case({"text": "x"})],
}


def other_side(world: World, case: Case) -> Side:
    """Desk staff: another desk. Provider staff, partner advisers and parents: a neighbour at the same desk (another
    organiser, partner or family), the harder case."""
    if case.variant.startswith("own "):
        return world.b
    return world.b if case.role in (Role.DESK_WORKER, Role.DESK_ADMIN) else world.c


def regional(name: str) -> bool:
    """Actions without a narrower scope (the support desk's agents) have no other scope to try."""
    endpoint = WITH_IDS[name]
    return endpoint.action is not None and ACTIONS[endpoint.action].covers == Covers.REGION


def test_every_endpoint_with_an_id_has_a_case():
    missing = sorted(
        name
        for name in WITH_IDS
        if name not in CASES and name not in PUBLIC and name not in NOT_AN_OBJECT and not regional(name)
    )
    assert missing == [], "add a case for each new endpoint that takes an id"
    assert sorted(set(CASES) - set(WITH_IDS)) == [], "a case for an endpoint that no longer exists"


def _url(route: str, params: dict) -> str:
    def value(match):
        return str(params[match.group(1)])

    return re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def _snapshot(objects) -> list:
    return [type(obj).objects.filter(pk=obj.pk).values().first() for obj in objects]


def _counts() -> dict:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.label not in ("sessions.Session",) and model._meta.managed
    }


ALL_CASES = [
    pytest.param(name, case, id=f"{name}{' (' + case.variant + ')' if case.variant else ''} as {case.role}")
    for name, cases in sorted(CASES.items())
    for case in cases
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case"), ALL_CASES)
def test_an_object_of_another_scope_answers_404_and_stays_unchanged(client, world, name, case):
    endpoint = WITH_IDS[name]
    assert case.role in ACTIONS[endpoint.action].roles, "the case's person must be allowed to take the action"
    client.force_login(world.people[case.role])

    own = (case.own or _a)(world)
    own_url = _url(endpoint.route, case.params(own))
    assert client.get(own_url).status_code != 404, f"{own_url}: the person's own object must be found"

    other = other_side(world, case)
    if case.variant.startswith("own "):  # mix the person's own object with another scope's
        mixed = {**case.params(own)}
        mixed.update({k: v for k, v in case.params(other).items() if k != next(iter(mixed))})
        url, watched = _url(endpoint.route, mixed), case.watched(other)
    else:
        url, watched = _url(endpoint.route, case.params(other)), case.watched(other)
    before, counts, events = _snapshot(watched), _counts(), AuditEvent.objects.count()

    got, posted = client.get(url), client.post(url, case.data)
    assert {got.status_code, posted.status_code} <= {404, 405} and 404 in {
        got.status_code,
        posted.status_code,
    }, (
        url,
        got.status_code,
        posted.status_code,
    )
    assert _snapshot(watched) == before
    assert AuditEvent.objects.count() == events
    assert _counts() == counts
