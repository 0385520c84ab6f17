"""Every action a person can take in Loket, the roles allowed to take it and the kind of object it covers: declared here
and nowhere else.

`@allowed_to("…")` on a view, `Scope.may`, and the management screens' permissions (`core.admin_site`) all read this
table; `docs/access.md` is generated from it (`loket-manage access_table`) and a test fails when the two differ.

*Covers* says what the action reaches, and so how a person's scope narrows it:
- desk: a desk's own work and settings (its rounds, figures, consultations, staff); the person's desks;
- family: a family's file and requests; for desk staff the families of their desks, for a parent their own family;
- organiser / location: an organiser, or the locations of the organisers (or single locations) a provider works for,
  for desk staff the locations in their desks' area;
- partner: a partner organisation's entry, referrals and questions; for a partner adviser their own organisation;
- region: no narrower scope exists (the providers' support desk, the regional agency's figures, the installation).
An action with no roles is for the installation's administrators (superusers) only.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Role

PARENT = "parent"  # not an assignment: a person is a parent when their account belongs to a family's guardian
AGENCY = "agency"  # not an assignment either: a policy viewer without a desk is the regional agency


class Covers(models.TextChoices):
    DESK = "desk", _("desk")
    FAMILY = "family", _("family")
    ORGANISER = "organiser", _("organiser")
    LOCATION = "location", _("location")
    PARTNER = "partner", _("partner organisation")
    REGION = "region", _("whole region")


@dataclass(frozen=True)
class Action:
    name: str
    roles: frozenset[str]
    covers: Covers
    description: str


DESK = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN})
DESK_ADMIN = frozenset({Role.DESK_ADMIN})
PROVIDER = frozenset({Role.PROVIDER_STAFF})
PARTNER = frozenset({Role.PARTNER_ADVISER})
AGENT = frozenset({Role.SUPPORT_AGENT})
FAMILY = frozenset({PARENT})
SUPERUSERS_ONLY: frozenset[str] = frozenset()


def _actions(*declared: Action) -> dict[str, Action]:
    table: dict[str, Action] = {}
    for action in declared:
        if action.name in table:
            raise ValueError(f"Action {action.name!r} is declared twice.")
        table[action.name] = action
    return table


ACTIONS: dict[str, Action] = _actions(
    # families
    Action("family.home", FAMILY, Covers.FAMILY, "see the family's requests, offers and status"),
    Action(
        "family.change_request",
        FAMILY,
        Covers.FAMILY,
        "change choices, days or start; withdraw; answer an offer",
    ),
    Action(
        "allocation.family_review", FAMILY, Covers.FAMILY, "ask for a human review of an allocation decision"
    ),
    # the desk's work
    Action("desk.home", DESK, Covers.DESK, "the desk's home page and queue counts"),
    Action(
        "families.register_on_behalf", DESK, Covers.DESK, "register a family at the desk (phone, walk-in)"
    ),
    Action(
        "casework.work",
        DESK,
        Covers.FAMILY,
        "case view, notes, contacts, tasks, urgency, priority facts, merge",
    ),
    Action("consultation.manage", DESK, Covers.DESK, "record local consultations and their actions"),
    Action(
        "allocation.rounds",
        DESK,
        Covers.DESK,
        "prepare, simulate, run, publish and download allocation rounds",
    ),
    Action("allocation.urgent", DESK, Covers.FAMILY, "give an urgent-care place between rounds"),
    Action("allocation.reviews", DESK, Covers.FAMILY, "answer families' requests for a review"),
    Action(
        "supply.desk_follow_up",
        DESK,
        Covers.DESK,
        "see stale free places and unanswered requests of the area",
    ),
    Action(
        "support.signal", DESK, Covers.ORGANISER, "signal a provider that needs support to the support desk"
    ),
    Action(
        "network.directory", DESK | PARTNER, Covers.PARTNER, "read the social map (directory of partners)"
    ),
    Action("network.add", DESK, Covers.DESK, "add a partner organisation to the desk's directory"),
    Action(
        "network.edit", DESK | PARTNER, Covers.PARTNER, "change a directory entry (a partner: only its own)"
    ),
    Action("network.edit_own", PARTNER, Covers.PARTNER, "a partner adviser's shortcut to their own entry"),
    # the desk administrator
    Action(
        "desk.staff", DESK_ADMIN, Covers.DESK, "invite staff, give and take roles at the desk, deactivate"
    ),
    Action(
        "desk.settings",
        DESK_ADMIN,
        Covers.DESK,
        "change the desk's settings, priority rules, provider settings",
    ),
    Action(
        "desk.view_settings",
        DESK,
        Covers.DESK,
        "read the desk's settings, area, directory and priority rules in the management screens",
    ),
    Action(
        "desk.view_requests", DESK, Covers.FAMILY, "inspect requests and families in the management screens"
    ),
    Action("audit.view", DESK_ADMIN, Covers.DESK, "read the desk's audit trail"),
    Action("privacy.erasure", DESK_ADMIN, Covers.FAMILY, "carry out a family's request to erase its data"),
    Action(
        "supply.licence",
        DESK_ADMIN,
        Covers.LOCATION,
        "change licence facts: capacity, tariff regime, subsidy step",
    ),
    # providers
    Action("provider.home", PROVIDER, Covers.ORGANISER, "the provider's home: their locations"),
    Action(
        "supply.manage",
        PROVIDER,
        Covers.LOCATION,
        "practical data, children in care, declare and keep free places",
    ),
    Action("supply.requests", PROVIDER, Covers.LOCATION, "the requests that chose a location; answer them"),
    Action(
        "allocation.proposals", PROVIDER, Covers.LOCATION, "confirm or refuse proposals; record placements"
    ),
    Action("allocation.waiting_list", DESK | PROVIDER, Covers.LOCATION, "a location's waiting list"),
    Action(
        "supply.view", DESK | PROVIDER | AGENT, Covers.LOCATION, "read organisers, locations and free places"
    ),
    Action(
        "support.my_questions",
        PROVIDER,
        Covers.ORGANISER,
        "the organiser's own questions to the support desk",
    ),
    # partners
    Action("partner.home", PARTNER, Covers.PARTNER, "the partner adviser's home"),
    Action(
        "referral.partner", PARTNER, Covers.PARTNER, "read, accept and close referrals to their organisation"
    ),
    Action("support.partner", PARTNER, Covers.PARTNER, "support questions routed to their organisation"),
    Action(
        "support.follow_starters",
        AGENT | PARTNER,
        Covers.PARTNER,
        "follow starters' checklists (a partner: its own)",
    ),
    # the providers' support desk (regional)
    Action("support.home", AGENT, Covers.REGION, "the support desk's home"),
    Action("support.agent", AGENT, Covers.REGION, "the question queue, answers, referrals, events, figures"),
    Action(
        "support.edit_articles", AGENT | PARTNER, Covers.REGION, "write and change knowledge base articles"
    ),
    Action(
        "support.settings",
        AGENT,
        Covers.REGION,
        "canned answers, routing rules, response targets, starter steps",
    ),
    # figures
    Action(
        "reports.view",
        DESK | {Role.POLICY_VIEWER},
        Covers.DESK,
        "the supply and demand dashboard of the desk",
    ),
    Action("reports.export", DESK | {Role.POLICY_VIEWER}, Covers.DESK, "download figures (CSV, XLSX, PDF)"),
    Action(
        "reports.regional",
        frozenset({Role.POLICY_VIEWER}),
        Covers.REGION,
        "figures across desks (the agency)",
    ),
    # the management screens themselves, and what only the installation's administrators do
    Action(
        "admin.use",
        DESK | PROVIDER | AGENT,
        Covers.REGION,
        "open the management screens (/beheer/); each screen then needs its own action",
    ),
    # starting and setting up desks (onboarding)
    Action(
        "onboarding.create_desk",
        frozenset({AGENCY}),
        Covers.REGION,
        "start a desk for municipalities, import its locations, invite its first administrator",
    ),
    Action(
        "onboarding.set_up_desk",
        frozenset({AGENCY, Role.DESK_ADMIN}),
        Covers.DESK,
        "keep a desk's texts, colour, logo, details, neighbourhoods and locations up to date",
    ),
    Action(
        "installation.manage",
        SUPERUSERS_ONLY,
        Covers.REGION,
        "create desks, organisers, locations and accounts",
    ),
    Action("api.tokens", SUPERUSERS_ONLY, Covers.REGION, "create and revoke API tokens"),
)


def action(name: str) -> Action:
    try:
        return ACTIONS[name]
    except KeyError:
        raise KeyError(
            f"Unknown action {name!r}: declare it in loket.accounts.actions.ACTIONS first."
        ) from None
