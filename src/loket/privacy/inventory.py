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
    "areas.desk": {
        "name": OPERATIONAL,
        "slug": OPERATIONAL,
        "email": OPERATIONAL,
        "phone": OPERATIONAL,
        "address": OPERATIONAL,
        "opening_hours": OPERATIONAL,
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
    },
    "audit.auditevent": {
        "at": OPERATIONAL,
        "actor": OPERATIONAL,
        "actor_label": IDENTIFYING,
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
        "created_at": OPERATIONAL,
        "sent_at": OPERATIONAL,
        "attempts": OPERATIONAL,
        "last_error": OPERATIONAL,
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
    "demand.statuschange": {
        "request": OPERATIONAL,
        "from_status": OPERATIONAL,
        "to_status": OPERATIONAL,
        "at": OPERATIONAL,
        "by": OPERATIONAL,
        "reason": SPECIAL,
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
        "created_at": OPERATIONAL,
        "created_by": OPERATIONAL,
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


def personal_fields(model_label: str) -> dict[str, str]:
    return {f: c for f, c in INVENTORY.get(model_label, {}).items() if c in PERSONAL}
