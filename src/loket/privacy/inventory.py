"""The data inventory: every field of every Loket model, classified. `tests/privacy` fails when a model field is
missing here (or an entry names a field that no longer exists), so nobody adds personal data without saying what it
is. docs/data-inventory.md explains why each kind is kept and for how long.

- IDENTIFYING: names a person or reaches them (name, e-mail, phone, home postcode, account, IP address)
- SPECIAL: sensitive facts about a family's situation (income, health, diploma, single parenthood, foster care) and
  free text that may hold them (reasons, notes, messages)
- CHILD: facts about a child (first name, birth or due date)
- PSEUDONYMOUS: keyed hashes and generated references that identify only together with a key or another table
- SECRET: credentials and tokens, stored hashed
- OPERATIONAL: no personal data (dates, statuses, counts, settings, ids, links to non-personal rows)

On erasure, and when the retention period ends, `privacy.services.family_anonymise` clears or generalises a family's
IDENTIFYING, SPECIAL, CHILD and PSEUDONYMOUS fields; OPERATIONAL fields stay for the statistics.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

IDENTIFYING, SPECIAL, CHILD, PSEUDONYMOUS, SECRET, OPERATIONAL = (
    "identifying",
    "special",
    "child",
    "pseudonymous",
    "secret",
    "operational",
)
PERSONAL = frozenset({IDENTIFYING, SPECIAL, CHILD, PSEUDONYMOUS, SECRET})

INVENTORY: dict[str, dict[str, str]] = {
    # api (issue 10): tokens of providers' software and the agency; answers kept for retried writes
    "api.apitoken": {
        "name": OPERATIONAL,
        "kind": OPERATIONAL,
        "organiser": OPERATIONAL,
        "prefix": OPERATIONAL,
        "token_hash": SECRET,
        "rate_limit_per_minute": OPERATIONAL,
        "created_at": OPERATIONAL,
        "created_by": IDENTIFYING,
        "last_used_at": OPERATIONAL,
        "revoked_at": OPERATIONAL,
    },
    # An answer replayed to a retried write may describe a request (age, weekdays, class); purged after a day.
    "api.idempotentwrite": {
        "token": OPERATIONAL,
        "key": OPERATIONAL,
        "request_hash": PSEUDONYMOUS,
        "status_code": OPERATIONAL,
        "content_type": OPERATIONAL,
        "body": SPECIAL,
        "created_at": OPERATIONAL,
    },
    # reports (issues 7, 16, 19): a per-request summary kept current by database triggers from the request, child,
    # family, guardian, status history, choice and merge tables, so anonymising those clears it here too
    "reports.requestsummary": {
        "request": OPERATIONAL,
        "desk_id": OPERATIONAL,
        "child_id": OPERATIONAL,
        "family_id": OPERATIONAL,
        "home_postcode": OPERATIONAL,
        "home_municipality_id": OPERATIONAL,
        "home_neighbourhood_id": OPERATIONAL,
        "registered_at": OPERATIONAL,
        "status": OPERATIONAL,
        "start_earliest": OPERATIONAL,
        "age_days": CHILD,
        "accepts_income": OPERATIONAL,
        "accepts_free": OPERATIONAL,
        "work": SPECIAL,
        "single_parent": SPECIAL,
        "low_income": SPECIAL,
        "health_or_care": SPECIAL,
        "no_diploma": SPECIAL,
        "foster": SPECIAL,
        "urgent": SPECIAL,
        "vulnerable": SPECIAL,
        "priority": SPECIAL,
        "offered": OPERATIONAL,
        "first_offer_days": OPERATIONAL,
        "placed_days": OPERATIONAL,
        "first_choice_location_id": OPERATIONAL,
        "merged": OPERATIONAL,
        "number_key": PSEUDONYMOUS,
        "name_key": IDENTIFYING,
    },
    # reports: status changes counted per desk and month (no person in it), kept by triggers
    "reports.monthlychanges": {
        "desk_id": OPERATIONAL,
        "month": OPERATIONAL,
        "to_status": OPERATIONAL,
        "changes": OPERATIONAL,
    },
    # guide (issue 4): a free-price location's day price for the price comparison
    "guide.freedayprice": {
        "location": OPERATIONAL,
        "day_price": OPERATIONAL,
        "valid_from": OPERATIONAL,
        "updated_at": OPERATIONAL,
    },
    "accounts.roleassignment": {
        "user": IDENTIFYING,
        "role": OPERATIONAL,
        "desk": OPERATIONAL,
        "organiser": OPERATIONAL,
        "location": OPERATIONAL,
        "partner": OPERATIONAL,
        "granted_at": OPERATIONAL,
    },
    "accounts.signinattempt": {
        "identity_hash": PSEUDONYMOUS,
        "ip_address": IDENTIFYING,
        "at": OPERATIONAL,
    },
    "accounts.user": {
        "password": SECRET,
        "last_login": OPERATIONAL,
        "is_superuser": OPERATIONAL,
        "email": IDENTIFYING,
        "full_name": IDENTIFYING,
        "preferred_language": OPERATIONAL,
        "is_active": OPERATIONAL,
        "is_staff": OPERATIONAL,
        "date_joined": OPERATIONAL,
        "groups": OPERATIONAL,
        "user_permissions": OPERATIONAL,
    },
    "allocation.deskpolicy": {
        "desk": OPERATIONAL,
        "effective_from": OPERATIONAL,
        "name": OPERATIONAL,
        "policy": OPERATIONAL,
        "created_at": OPERATIONAL,
        "created_by": IDENTIFYING,
    },
    "allocation.round": {
        "desk": OPERATIONAL,
        "desks": OPERATIONAL,
        "date": OPERATIONAL,
        "status": OPERATIONAL,
        "mechanism": OPERATIONAL,
        "policy_name": OPERATIONAL,
        # Request ids with birth month, start window, weekdays and priority flags: pseudonymous (ids, no names).
        "instance": PSEUDONYMOUS,
        "result": PSEUDONYMOUS,
        "explanations": PSEUDONYMOUS,
        "figures": OPERATIONAL,
        # The round's lottery: a random seed and its hash, about no one.
        "lottery_seed": OPERATIONAL,
        "lottery_commitment": OPERATIONAL,
        "seed_revealed_at": OPERATIONAL,
        "check_report": OPERATIONAL,
        "prepared_at": OPERATIONAL,
        "prepared_by": IDENTIFYING,
        "run_at": OPERATIONAL,
        "run_by": IDENTIFYING,
        "published_at": OPERATIONAL,
        "published_by": IDENTIFYING,
        # The list's counts and the round's background job (kind, status, stage, reason code, times): about no one.
        "request_count": OPERATIONAL,
        "place_count": OPERATIONAL,
        "assigned_count": OPERATIONAL,
        "job_kind": OPERATIONAL,
        "job_status": OPERATIONAL,
        "job_stage": OPERATIONAL,
        "job_error": OPERATIONAL,
        "job_token": OPERATIONAL,
        "job_queued_at": OPERATIONAL,
        "job_started_at": OPERATIONAL,
        "job_finished_at": OPERATIONAL,
        "job_by": IDENTIFYING,
        "job_seconds": OPERATIONAL,
    },
    "allocation.proposal": {
        "round": OPERATIONAL,
        "request": OPERATIONAL,
        "opening": OPERATIONAL,
        "location": OPERATIONAL,
        "rank": OPERATIONAL,
        "priority_class": SPECIAL,
        "status": OPERATIONAL,
        "decided_at": OPERATIONAL,
        "decided_by": IDENTIFYING,
        "refusal_reason": SPECIAL,
        "created_at": OPERATIONAL,
    },
    "allocation.offer": {
        "request": OPERATIONAL,
        "proposal": OPERATIONAL,
        "opening": OPERATIONAL,
        "location": OPERATIONAL,
        "kind": OPERATIONAL,
        "direct_reason": SPECIAL,
        "status": OPERATIONAL,
        "made_at": OPERATIONAL,
        "made_by": IDENTIFYING,
        "deadline": OPERATIONAL,
        "reminded_at": OPERATIONAL,
        "answered_at": OPERATIONAL,
        "answered_by": IDENTIFYING,
        "keep_waiting": OPERATIONAL,
        "decline_reason": SPECIAL,
    },
    "allocation.placement": {
        "offer": OPERATIONAL,
        "request": OPERATIONAL,
        "location": OPERATIONAL,
        "tariff": OPERATIONAL,
        "contract_start": OPERATIONAL,
        "reserve_eligible": SPECIAL,
        "recorded_at": OPERATIONAL,
        "recorded_by": IDENTIFYING,
    },
    "allocation.reviewrequest": {
        "request": OPERATIONAL,
        "round": OPERATIONAL,
        "message": SPECIAL,
        "status": OPERATIONAL,
        "asked_at": OPERATIONAL,
        "asked_by": IDENTIFYING,
        "answer": SPECIAL,
        "answered_at": OPERATIONAL,
        "answered_by": IDENTIFYING,
    },
    "areas.desk": {
        "name": OPERATIONAL,
        "slug": OPERATIONAL,
        "email": OPERATIONAL,
        "phone": OPERATIONAL,
        "address": OPERATIONAL,
        "colour": OPERATIONAL,
        "logo": OPERATIONAL,
        "controller": OPERATIONAL,
        # The data protection officer's contact is published in the privacy statement: a person reached for their job.
        "dpo_name": IDENTIFYING,
        "dpo_email": IDENTIFYING,
        "max_choices": OPERATIONAL,
        "offer_deadline_days": OPERATIONAL,
        "provider_confirmation_required": OPERATIONAL,
        "reconfirm_every_days": OPERATIONAL,
        "reconfirm_grace_days": OPERATIONAL,
        "followup_after_weeks": OPERATIONAL,
        "free_places_fresh_days": OPERATIONAL,
        "provider_answer_days": OPERATIONAL,
        "rounds_every_weeks": OPERATIONAL,
        "horizon_months": OPERATIONAL,
        "earliest_offer_months": OPERATIONAL,
        "retention_months": OPERATIONAL,
        "created_at": OPERATIONAL,
    },
    "areas.municipality": {
        "name": OPERATIONAL,
        "nis_code": OPERATIONAL,
        "province": OPERATIONAL,
        "desk": OPERATIONAL,
    },
    "areas.neighbourhood": {
        "municipality": OPERATIONAL,
        "name": OPERATIONAL,
        "code": OPERATIONAL,
    },
    "areas.postcode": {
        "code": OPERATIONAL,
        "place": OPERATIONAL,
        "municipality": OPERATIONAL,
        "neighbourhood": OPERATIONAL,
        "latitude": OPERATIONAL,
        "longitude": OPERATIONAL,
        "centroid_source": OPERATIONAL,
    },
    "areas.desktext": {
        "desk": OPERATIONAL,
        "language": OPERATIONAL,
        "introduction": OPERATIONAL,
        "opening_hours": OPERATIONAL,
        "contact": OPERATIONAL,
        "updated_at": OPERATIONAL,
    },
    # Statbel's public reference lists
    "areas.referencemunicipality": {
        "nis_code": OPERATIONAL,
        "name_nl": OPERATIONAL,
        "name_fr": OPERATIONAL,
        "name_de": OPERATIONAL,
        "region": OPERATIONAL,
        "province": OPERATIONAL,
    },
    "areas.referencepostcode": {
        "code": OPERATIONAL,
        "municipality": OPERATIONAL,
    },
    "audit.auditevent": {
        "at": OPERATIONAL,
        "actor": OPERATIONAL,
        "actor_label": IDENTIFYING,  # staff by e-mail; families and other people as `person-<id>` (audit.services)
        "event": OPERATIONAL,
        "desk": OPERATIONAL,
        "family_id": OPERATIONAL,
        "object_type": OPERATIONAL,
        "object_id": OPERATIONAL,
        "reason": SPECIAL,
        "detail": OPERATIONAL,
    },
    "core.outgoingmail": {
        "to": IDENTIFYING,
        "subject": SPECIAL,
        "body": SPECIAL,
        "html": SPECIAL,  # the same mail as HTML
        "from_email": OPERATIONAL,  # the desk's name and the installation's address
        "reply_to": OPERATIONAL,  # the desk's address
        "created_at": OPERATIONAL,
        "sent_at": OPERATIONAL,
        "attempts": OPERATIONAL,
        "last_error": IDENTIFYING,  # a relay's refusal names the address
        "bounced_at": OPERATIONAL,
        "bounce_reason": IDENTIFYING,  # the relay's reply, often with the address
    },
    "demand.child": {
        "family": OPERATIONAL,
        "first_name": CHILD,
        "birth_date": CHILD,
        "due_date": CHILD,
        "national_number_hash": PSEUDONYMOUS,
    },
    "demand.childcarerequest": {
        "desk": OPERATIONAL,
        "child": OPERATIONAL,
        "status": OPERATIONAL,
        "channel": OPERATIONAL,
        "registered_at": OPERATIONAL,
        "start_earliest": OPERATIONAL,
        "start_latest": OPERATIONAL,
        "weekdays_mask": OPERATIONAL,
        "accepts_income_tariff": OPERATIONAL,
        "accepts_free_price": OPERATIONAL,
        "work": SPECIAL,
        "single_parent": SPECIAL,
        "low_income": SPECIAL,
        "health_or_care": SPECIAL,
        "no_diploma": SPECIAL,
        "foster": SPECIAL,
        "together_key": OPERATIONAL,
        "only_together": OPERATIONAL,
        "sworn_statement_at": OPERATIONAL,
        "facts_confirmed_by": OPERATIONAL,
        "facts_confirmed_at": OPERATIONAL,
        "facts_proof_seen": SPECIAL,
        "urgent": OPERATIONAL,
        "urgency_reason": SPECIAL,
        "urgency_set_by": IDENTIFYING,
        "urgency_set_at": OPERATIONAL,
        "consent_version": OPERATIONAL,
        "consented_at": OPERATIONAL,
        "last_confirmed_at": OPERATIONAL,
        "reconfirm_asked_at": OPERATIONAL,
        "reconfirm_reminded_at": OPERATIONAL,
        "created_by": OPERATIONAL,
        "updated_at": OPERATIONAL,
        "closed_at": OPERATIONAL,
        "siblings_at": OPERATIONAL,
    },
    "demand.choice": {
        "request": OPERATIONAL,
        "location": OPERATIONAL,
        "rank": OPERATIONAL,
    },
    "demand.family": {
        "desk": OPERATIONAL,
        "reference": PSEUDONYMOUS,
        "postcode": OPERATIONAL,
        "preferred_language": OPERATIONAL,
        "access_code_hash": SECRET,
        "created_at": OPERATIONAL,
        "anonymised_at": OPERATIONAL,
    },
    "demand.guardian": {
        "family": OPERATIONAL,
        "user": IDENTIFYING,
        "first_name": IDENTIFYING,
        "last_name": IDENTIFYING,
        "email": IDENTIFYING,
        "phone": IDENTIFYING,
        "is_primary": OPERATIONAL,
    },
    # What the desk's search finds a family by (demand.search): copies of its names, phone numbers, e-mail
    # addresses, dates of birth and postcode, normalised; written again from the rows above, so gone on anonymising.
    "demand.familysearchkey": {
        "family": OPERATIONAL,
        "desk": OPERATIONAL,
        "kind": OPERATIONAL,
        "value": IDENTIFYING,
    },
    "demand.statuschange": {
        "request": OPERATIONAL,
        "from_status": OPERATIONAL,
        "to_status": OPERATIONAL,
        "at": OPERATIONAL,
        "by": OPERATIONAL,
        "reason": SPECIAL,
    },
    "families.registrationdraft": {
        "token_hash": SECRET,
        "user": IDENTIFYING,
        "mode": OPERATIONAL,
        "desk": OPERATIONAL,
        "data": SPECIAL,
        "created_at": OPERATIONAL,
        "updated_at": OPERATIONAL,
    },
    # the idempotency key of a sent registration: no personal data, deleted after a week
    "families.submittedregistration": {
        "key": OPERATIONAL,
        "family": OPERATIONAL,
        "request_ids": OPERATIONAL,
        "created_at": OPERATIONAL,
    },
    "families.signinlink": {
        "user": IDENTIFYING,
        "token_hash": SECRET,
        "created_at": OPERATIONAL,
        "expires_at": OPERATIONAL,
        "used_at": OPERATIONAL,
        "next_url": OPERATIONAL,
    },
    # casework (issue 6): desk follow-up around a family's file
    "casework.note": {
        "family": OPERATIONAL,
        "request": OPERATIONAL,
        "text": SPECIAL,
        "author": OPERATIONAL,
        "at": OPERATIONAL,
    },
    "casework.contactmoment": {
        "family": OPERATIONAL,
        "request": OPERATIONAL,
        "kind": OPERATIONAL,
        "incoming": OPERATIONAL,
        "reached": OPERATIONAL,
        "interpreter_used": OPERATIONAL,
        "interpreter_language": SPECIAL,
        "summary": SPECIAL,
        "at": OPERATIONAL,
        "by": OPERATIONAL,
    },
    "casework.task": {
        "family": OPERATIONAL,
        "request": OPERATIONAL,
        "title": SPECIAL,
        "due_on": OPERATIONAL,
        "owner": OPERATIONAL,
        "created_by": OPERATIONAL,
        "created_at": OPERATIONAL,
        "done_at": OPERATIONAL,
        "done_by": OPERATIONAL,
    },
    "casework.requestcheck": {"request": OPERATIONAL, "at": OPERATIONAL, "by": OPERATIONAL},
    "casework.requestmerge": {
        "kept": OPERATIONAL,
        "duplicate": OPERATIONAL,
        "registered_at_before": OPERATIONAL,
        "registered_at_after": OPERATIONAL,
        "at": OPERATIONAL,
        "by": OPERATIONAL,
    },
    "casework.referral": {
        "family": OPERATIONAL,
        "desk": OPERATIONAL,
        "partner": OPERATIONAL,
        "need": SPECIAL,
        "message": SPECIAL,
        "shared_name": IDENTIFYING,
        "shared_phone": IDENTIFYING,
        "shared_email": IDENTIFYING,
        "shared_language": OPERATIONAL,
        "consent_at": OPERATIONAL,
        "consent_how": SPECIAL,
        "accompanied": OPERATIONAL,
        "status": OPERATIONAL,
        "created_at": OPERATIONAL,
        "created_by": OPERATIONAL,
        "accepted_at": OPERATIONAL,
        "accepted_by": OPERATIONAL,
        "closed_at": OPERATIONAL,
        "closed_by": OPERATIONAL,
        "outcome": OPERATIONAL,
        "outcome_note": SPECIAL,
    },
    "casework.consultationmeeting": {
        "desk": OPERATIONAL,
        "held_on": OPERATIONAL,
        "title": OPERATIONAL,
        "participants": OPERATIONAL,
        "decisions": OPERATIONAL,
        "created_by": OPERATIONAL,
        "created_at": OPERATIONAL,
    },
    "casework.consultationaction": {
        "meeting": OPERATIONAL,
        "description": OPERATIONAL,
        "owner": OPERATIONAL,
        "due_on": OPERATIONAL,
        "done_at": OPERATIONAL,
    },
    "network.partner": {
        "name": OPERATIONAL,
        "kind": OPERATIONAL,
        "email": IDENTIFYING,
        "phone": IDENTIFYING,
        "website": OPERATIONAL,
        "address": OPERATIONAL,
        "description": OPERATIONAL,
        "languages": OPERATIONAL,
        "opening_hours": OPERATIONAL,
        "desks": OPERATIONAL,
        "contact_person": OPERATIONAL,
        "needs": OPERATIONAL,
        "municipalities": OPERATIONAL,
        "area_note": OPERATIONAL,
        "listed": OPERATIONAL,
        "search_tokens": OPERATIONAL,
        "updated_at": OPERATIONAL,
        "updated_by": OPERATIONAL,
    },
    "privacy.erasurerequest": {
        "family": OPERATIONAL,
        "desk": OPERATIONAL,
        "requested_at": OPERATIONAL,
        "message": SPECIAL,
        "status": OPERATIONAL,
        "handled_at": OPERATIONAL,
        "handled_by": IDENTIFYING,
    },
    "supply.location": {
        "organiser": OPERATIONAL,
        "name": OPERATIONAL,
        "agency_number": OPERATIONAL,
        "care_type": OPERATIONAL,
        "street": OPERATIONAL,
        "postcode": OPERATIONAL,
        "municipality": OPERATIONAL,
        "neighbourhood": OPERATIONAL,
        "latitude": OPERATIONAL,
        "longitude": OPERATIONAL,
        "phone": IDENTIFYING,
        "email": IDENTIFYING,
        "description": OPERATIONAL,
        "languages": OPERATIONAL,
        "licensed_capacity": OPERATIONAL,
        "age_min_months": OPERATIONAL,
        "age_max_months": OPERATIONAL,
        "weekdays_mask": OPERATIONAL,
        "opens_at": OPERATIONAL,
        "closes_at": OPERATIONAL,
        "tariff_regime": OPERATIONAL,
        "income_places": OPERATIONAL,
        "subsidy_step": OPERATIONAL,
        "enrolled_total": OPERATIONAL,
        "enrolled_reserve_eligible": OPERATIONAL,
        "enrolled_updated_at": OPERATIONAL,
        "active": OPERATIONAL,
    },
    "supply.opening": {
        "location": OPERATIONAL,
        "tariff": OPERATIONAL,
        "start_month": OPERATIONAL,
        "weekdays_mask": OPERATIONAL,
        "age_min_months": OPERATIONAL,
        "age_max_months": OPERATIONAL,
        "count": OPERATIONAL,
        "urgent_only": OPERATIONAL,
        "confirmed_at": OPERATIONAL,
        "withdrawn_at": OPERATIONAL,
        "reminded_at": OPERATIONAL,
        "created_at": OPERATIONAL,
        "created_by": OPERATIONAL,
    },
    "supply.provideranswer": {
        "request": OPERATIONAL,
        "location": OPERATIONAL,
        "answer": OPERATIONAL,
        "answered_at": OPERATIONAL,
        "answered_by": OPERATIONAL,
    },
    "supply.supplysettings": {
        "desk": OPERATIONAL,
        "providers_answer_requests": OPERATIONAL,
    },
    "supply.organiser": {
        "name": OPERATIONAL,
        "legal_form": OPERATIONAL,
        "enterprise_number": OPERATIONAL,
        "email": IDENTIFYING,
        "phone": IDENTIFYING,
        "contact_name": IDENTIFYING,
    },
}


# The support desk's fields. Questions, messages and their
# files may say something about a person's situation (SPECIAL); names, addresses and accounts identify (IDENTIFYING);
# the rest runs the desk (OPERATIONAL). The deflection counts hold no one: a day, an article and two numbers.
_O, _I, _S = OPERATIONAL, IDENTIFYING, SPECIAL


def _all(kind, *names):
    return dict.fromkeys(names, kind)


INVENTORY.update(
    {
        "support.responsetarget": _all(_O, "theme", "business_hours"),
        "support.closingday": _all(_O, "day", "reason"),
        "support.tag": _all(_O, "name"),
        "support.question": {
            **_all(
                _O,
                "reference",
                "theme",
                "channel",
                "status",
                "is_starter",
                "starter",
                "language",
                "organiser",
                "location",
                "partner",
                "assignee",
                "tags",
                "merged_into",
                "referred_at",
                "created_at",
                "created_by",
                "updated_at",
                "due_at",
                "sla_warned_at",
                "waiting_since",
                "first_answered_at",
                "closed_at",
                "outcome",
                "article",
                "coaching_on",
            ),
            **_all(_S, "subject", "body", "search_tokens"),
            **_all(_I, "asker", "asker_name", "asker_email"),
        },
        "support.message": {
            **_all(_O, "question", "author_kind", "visibility", "created_at"),
            "author": _I,
            "body": _S,
        },
        "support.attachment": {
            **_all(_O, "question", "message", "content_type", "size", "uploaded_at"),
            **_all(_S, "file", "name"),
            "uploaded_by": _I,
        },
        "support.questionview": _all(_O, "question", "user", "seen_at"),
        "support.cannedanswer": _all(
            _O, "title", "body", "theme", "retired", "updated_at", "updated_by", "search_tokens"
        ),
        "support.article": _all(
            _O,
            "slug",
            "theme",
            "tags",
            "title_nl",
            "summary_nl",
            "body_nl",
            "title_en",
            "summary_en",
            "body_en",
            "related",
            "published",
            "version",
            "helpful_count",
            "not_helpful_count",
            "reviewed_on",
            "search_tokens",
            "updated_at",
            "updated_by",
        ),
        "support.articleversion": _all(
            _O,
            "article",
            "version",
            "theme",
            "tags",
            "title_nl",
            "summary_nl",
            "body_nl",
            "title_en",
            "summary_en",
            "body_en",
            "edited_at",
            "edited_by",
        ),
        "support.deflectioncount": _all(_O, "day", "article", "opened", "asked_anyway"),
        "support.routingrule": _all(_O, "theme", "keywords", "partner", "order"),
        "support.starterstep": _all(
            _O, "order", "title", "description", "kind", "theme", "articles", "partner"
        ),
        "support.starter": {
            **_all(
                _O,
                "language",
                "status",
                "municipality_name",
                "care_plan",
                "planned_places",
                "planned_opening",
                "tariff_plan",
                "income_places",
                "legal_plan",
                "organiser_name",
                "location_name",
                "postcode",
                "licensed_capacity",
                "licence_reference",
                "opens_on",
                "organiser",
                "created_at",
                "confirmed_at",
                "opening_announced_at",
                "provider_since",
            ),
            **_all(_I, "user", "name", "email", "street"),
        },
        "support.stepdone": _all(_O, "starter", "step", "done_at", "done_by"),
        "support.eventseries": _all(_O, "title", "every_weeks"),
        "support.event": _all(
            _O,
            "title",
            "description",
            "kind",
            "theme",
            "series",
            "starts_at",
            "ends_at",
            "online",
            "join_url",
            "venue",
            "province",
            "capacity",
            "max_per_organisation",
            "needs_approval",
            "offer_hours",
            "reminder_sent_at",
            "followup_sent_at",
        ),
        "support.registration": {
            **_all(
                _O,
                "event",
                "starter",
                "organiser",
                "organisation_name",
                "status",
                "created_at",
                "offered_until",
                "attended",
                "checked_in_at",
            ),
            **_all(_I, "user", "name", "email"),
        },
        "support.eventmessage": _all(
            _O, "event", "audience", "subject", "body", "recipients", "sent_at", "sent_by"
        ),
    }
)


def loket_model_fields():
    """(model label, field name) for every concrete field of every Loket model, except the primary key."""
    from django.apps import apps

    for model in apps.get_models():
        if not model.__module__.startswith("loket."):
            continue
        for field in model._meta.get_fields():
            if getattr(field, "concrete", False) and not field.auto_created:
                yield model._meta.label_lower, field.name


def missing_from_inventory() -> list[str]:
    return sorted(f"{m}.{f}" for m, f in loket_model_fields() if f not in INVENTORY.get(m, {}))


def stale_inventory_entries() -> list[str]:
    present = set(loket_model_fields())
    return sorted(f"{m}.{f}" for m, fields in INVENTORY.items() for f in fields if (m, f) not in present)


# --- kinds of data, for the privacy statement ------------------------------------------------------------------------
# Every model with a personal field belongs to exactly one kind (tests/privacy checks it), so the statement that
# `/privacy/` renders from these can never leave a kind of personal data out. `%(months)s` is the desk's own retention
# period; `%(draft_days)s` how long an unfinished registration is kept.


@dataclass(frozen=True)
class DataKind:
    name: Promise
    models: tuple[str, ...]
    purpose: Promise
    legal_basis: Promise
    retention: Promise


PUBLIC_TASK = _(
    "A task in the public interest (GDPR article 6.1.e): article 24 of the decree of 20 April 2012 on the organisation "
    "of childcare for babies and toddlers asks the local desk to register and coordinate childcare requests."
)
DATA_KINDS = (
    DataKind(
        name=_("Your childcare request"),
        models=(
            "demand.family",
            "demand.guardian",
            "demand.familysearchkey",
            "demand.child",
            "demand.childcarerequest",
            "demand.statuschange",
            "allocation.proposal",
            "allocation.offer",
            "allocation.placement",
            "allocation.reviewrequest",
            "allocation.round",
            "reports.requestsummary",
            "privacy.erasurerequest",
        ),
        purpose=_(
            "Registering your request once for every provider of the area, applying the priority rules, making you "
            "offers and keeping you informed."
        ),
        legal_basis=_(
            "%(public_task)s The facts about your situation that give priority (work, income, single parenthood, "
            "health, foster care) are used under GDPR article 9.2.g for the same decree; anything beyond needs your "
            "consent."
        ),
        retention=_(
            "Until %(months)s months after your last request was closed. Then names, contact details and free text "
            "are erased; only anonymous figures (month of birth, municipality, dates, statuses) remain."
        ),
    ),
    DataKind(
        name=_("Follow-up by the desk"),
        models=("casework.note", "casework.contactmoment", "casework.task", "casework.referral"),
        purpose=_(
            "Personal follow-up of families who need it (urgent requests, vulnerable families) and referrals to "
            "partner organisations."
        ),
        legal_basis=_(
            "%(public_task)s A referral shares your details with a partner only with your consent."
        ),
        retention=_("Erased with your request file, %(months)s months after your last request was closed."),
    ),
    DataKind(
        name=_("A registration you have not finished"),
        models=("families.registrationdraft",),
        purpose=_("Letting you close the browser and finish your registration later."),
        legal_basis=PUBLIC_TASK,
        retention=_("Deleted %(draft_days)s days after your last change."),
    ),
    DataKind(
        name=_("Your account and signing in"),
        models=("accounts.user", "accounts.roleassignment", "accounts.signinattempt", "families.signinlink"),
        purpose=_("Signing in safely, and stopping someone who tries to guess a password."),
        legal_basis=PUBLIC_TASK,
        retention=_(
            "A parent's account is closed with the request file. Sign-in links expire after use or within a day; "
            "failed sign-in attempts are deleted after one day."
        ),
    ),
    DataKind(
        name=_("E-mails we send you"),
        models=("core.outgoingmail",),
        purpose=_("Sending confirmations, offers and reminders, and retrying when sending fails."),
        legal_basis=PUBLIC_TASK,
        retention=_("A copy is kept %(mail_days)s days after it was sent, then deleted."),
    ),
    DataKind(
        name=_("Who viewed or changed your file"),
        models=("audit.auditevent",),
        purpose=_(
            "Accountability: you and the desk can see who viewed or changed your file and when. The entries name "
            "staff members and hold file numbers, not your details."
        ),
        legal_basis=_("A legal obligation to secure personal data (GDPR articles 5.2 and 32)."),
        retention=_("Kept as long as the desk exists: it is the proof of who had access."),
    ),
    DataKind(
        name=_("Childcare providers, partner organisations and staff"),
        models=(
            "supply.organiser",
            "supply.location",
            "network.partner",
            "areas.desk",
            "allocation.deskpolicy",
            "api.apitoken",
            "api.idempotentwrite",
            "support.question",
            "support.message",
            "support.registration",
            "support.attachment",
            "support.starter",
        ),
        purpose=_(
            "The contact details of organisations and of the data protection officer, and the name of the staff "
            "member who took an action; the providers' questions to their support desk, with their files, and the "
            "track of people who start a childcare location."
        ),
        legal_basis=PUBLIC_TASK,
        retention=_(
            "As long as the organisation is listed or the person works with Loket; answers stored for a retried "
            "software request are deleted after one day."
        ),
    ),
)
