"""Two desks and, inside desk A, two organisers, two partners and two families: everything an endpoint or a management
screen can take an id of, once per side, and a person of every role working on side A.

- `w.a`: desk A, organiser A, partner A, family A (the people of `w.people` work here);
- `w.c`: the neighbours inside desk A: another organiser, partner and family (another scope for a provider, a partner
  adviser or a parent, at the same desk);
- `w.b`: desk B with its own of everything (another scope for desk staff).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from loket.accounts.actions import PARENT
from loket.accounts.choices import Role
from loket.allocation.models import DeskPolicy, Offer, Proposal, ReviewRequest, Round
from loket.allocation.policy import FLEMISH_VERSIONS
from loket.api.tokens import token_issue
from loket.audit.services import audit_record
from loket.casework.models import ConsultationAction, ConsultationMeeting, Task
from loket.casework.services import referral_create
from loket.privacy.models import ErasureRequest
from loket.supply.models import SupplySettings
from loket.support.models import (
    Attachment,
    CannedAnswer,
    Question,
    ResponseTarget,
    RoutingRule,
    Starter,
    StarterStep,
)
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_neighbourhood,
    make_opening,
    make_organiser,
    make_partner,
    make_request,
    make_user,
)

SUPERUSER = "superuser"
ROLES = [PARENT, *Role, SUPERUSER]
# Roles that reach the whole region: another desk's object is theirs too.
REGIONAL = {Role.SUPPORT_AGENT, SUPERUSER}


@dataclass
class Side:
    desk: object
    organiser: object
    location: object
    opening: object
    partner: object
    parent: object
    family: object
    request: object
    second_request: object
    task: object = None
    referral: object = None
    meeting: object = None
    action: object = None
    round: object = None
    review: object = None
    proposal: object = None
    offer: object = None
    question: object = None
    starter: object = None
    staff: object = None
    extra: dict = field(default_factory=dict)


def _side(desk, municipality, label: str) -> Side:
    now = timezone.now()
    organiser = make_organiser(name=f"Organisator {label}")
    location = make_location(organiser, municipality, name=f"Kinderdagverblijf {label}")
    opening = make_opening(location, start_month=date(2027, 3, 1), count=2)
    partner = make_partner(desk, name=f"Partner {label}")
    parent = make_user()
    family = make_family(desk, user=parent)
    request = make_request(family, locations=[location], first_name=f"Kind{label}")
    second = make_request(family, locations=[location], first_name=f"Kind{label}")
    side = Side(desk, organiser, location, opening, partner, parent, family, request, second)
    side.extra["neighbourhood"] = make_neighbourhood(municipality, name=f"Wijk {label}")
    worker = make_user(Role.DESK_WORKER, desk=desk)
    side.staff = worker
    side.task = Task.objects.create(
        family=family,
        title="Bellen",
        due_on=date.today() + timedelta(days=3),
        created_by=worker,
        created_at=now,
    )
    side.referral = referral_create(
        family=family, partner=partner, need="financial", consent_how="verbal", actor=worker
    )
    side.meeting = ConsultationMeeting.objects.create(
        desk=desk, held_on=date.today(), title=f"Overleg {label}", participants="x", created_by=worker
    )
    side.action = ConsultationAction.objects.create(meeting=side.meeting, description="Opvolgen", owner="x")
    side.round = Round.objects.create(desk=desk, date=date.today(), policy_name="Vlaams", instance={})
    side.round.desks.add(desk)
    side.review = ReviewRequest.objects.create(request=request, round=side.round, message="Waarom?")
    side.proposal = Proposal.objects.create(
        round=side.round, request=request, opening=opening, location=location, rank=1
    )
    side.offer = Offer.objects.create(
        request=second,
        opening=opening,
        location=location,
        kind=Offer.Kind.URGENT,
        status=Offer.Status.ACCEPTED,
        made_at=now,
        deadline=now + timedelta(days=10),
        answered_at=now,
    )
    side.starter = Starter.objects.create(
        name=f"Starter {label}", email=f"starter-{label.lower()}@example.org", created_at=now
    )
    side.question = Question.objects.create(
        subject=f"Vraag {label}",
        body="Hoe start ik?",
        asker_name="Starter",
        asker_email=f"starter-{label.lower()}@example.org",
        partner=partner,
        is_starter=True,
        starter=side.starter,
        created_at=now,
        due_at=now + timedelta(days=2),
    )
    side.extra["attachment"] = Attachment.objects.create(
        question=side.question,
        file=ContentFile(b"%PDF-1.4\n", name=f"plan-{label.lower()}.pdf"),
        name=f"plan-{label.lower()}.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_at=now,
    )
    return side


@dataclass
class World:
    a: Side
    b: Side
    c: Side
    people: dict


def build_world() -> World:
    desk_a, desk_b = make_desk(name="Loket A"), make_desk(name="Loket B")
    municipality_a, municipality_b = make_municipality(desk_a), make_municipality(desk_b)
    a, b, c = (
        _side(desk_a, municipality_a, "A"),
        _side(desk_b, municipality_b, "B"),
        _side(desk_a, municipality_a, "C"),
    )
    for side in (a, b):
        SupplySettings.objects.create(desk=side.desk, providers_answer_requests=True)
        side.extra["policy"] = DeskPolicy.objects.create(
            desk=side.desk,
            effective_from=date(2030, 1, 1),
            name="Eigen regels",
            policy=FLEMISH_VERSIONS[-1].policy,
        )
        side.extra["erasure"] = ErasureRequest.objects.create(family=side.family, desk=side.desk)
        side.extra["event"] = audit_record(
            actor=side.staff,
            event="case.viewed",
            obj=side.family,
            desk_id=side.desk.pk,
            family_id=side.family.pk,
        )
    people = {
        PARENT: a.parent,
        Role.DESK_WORKER: a.staff,
        Role.DESK_ADMIN: make_user(Role.DESK_ADMIN, desk=desk_a),
        Role.PROVIDER_STAFF: make_user(Role.PROVIDER_STAFF, organiser=a.organiser),
        Role.PARTNER_ADVISER: make_user(Role.PARTNER_ADVISER, partner=a.partner),
        Role.SUPPORT_AGENT: make_user(Role.SUPPORT_AGENT),
        Role.POLICY_VIEWER: make_user(Role.POLICY_VIEWER, desk=desk_a),
        SUPERUSER: make_user(is_staff=True),
    }
    people[SUPERUSER].is_superuser = True
    people[SUPERUSER].save(update_fields=["is_superuser"])
    # The support desk's settings and the API tokens belong to the whole region: one of each is enough.
    a.extra["canned"] = CannedAnswer.objects.create(title="Openingsuren", body="…")
    b.extra["canned"] = CannedAnswer.objects.create(title="Subsidies", body="…")
    a.extra["routing"] = RoutingRule.objects.create(theme="general", partner=a.partner)
    b.extra["routing"] = RoutingRule.objects.create(theme="general", partner=b.partner)
    a.extra["target"] = ResponseTarget.objects.create(theme="general", business_hours=16)
    b.extra["target"] = ResponseTarget.objects.create(theme="pedagogy", business_hours=24)
    a.extra["step"] = StarterStep.objects.create(order=1, title="Vergunning")
    b.extra["step"] = StarterStep.objects.create(order=2, title="Financiering")
    a.extra["token"] = token_issue(name="Planning A", kind="provider", organiser=a.organiser)[0]
    b.extra["token"] = token_issue(name="Planning B", kind="provider", organiser=b.organiser)[0]
    return World(a=a, b=b, c=c, people=people)


@pytest.fixture
def world(db) -> World:
    return build_world()
