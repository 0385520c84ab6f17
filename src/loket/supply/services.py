"""Writes of childcare supply: free places (openings) and the practical data of a location.

Every function takes keyword arguments and the acting person, runs in one transaction, validates with the model's
rules and writes an audit event. The providers' portal, the public API and the allocation app call these; their
signatures are kept stable.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.audit.events import Event
from loket.audit.services import audit_record
from loket.core import weekdays as wd
from loket.core.fields import apply_changes, only_fields, save_changes
from loket.core.months import month_start

from .location_import import (  # noqa: F401 - the import of the agency's file (docs/location-import.md) is part of supply's public writes
    enterprise_number_normalise,
    location_import_apply,
    location_import_plan,
    postcode_centroids_refresh,
)
from .models import Answer, Location, Opening, Organiser, ProviderAnswer, SupplySettings

# The practical data a provider keeps up to date itself (portal, management screens, API alike).
LOCATION_PRACTICAL_FIELDS = (
    "opens_at",
    "closes_at",
    "weekdays_mask",
    "age_min_months",
    "age_max_months",
    "phone",
    "email",
    "languages",
    "description",
)
# What the agency's licence decides: changed by the desk administrator of the location's area (`location_licence_change`).
LOCATION_LICENCE_FIELDS = (
    "name",
    "care_type",
    "organiser",
    "licensed_capacity",
    "tariff_regime",
    "income_places",
    "subsidy_step",
    "active",
)
# Where the location is: set when it is added, corrected by the installation's administrators.
LOCATION_ADDRESS_FIELDS = ("street", "postcode", "municipality", "neighbourhood", "latitude", "longitude")
ORGANISER_FIELDS = ("name", "legal_form", "enterprise_number", "email", "phone", "contact_name")
# `urgent_only`: kept for urgent care (the desk assigns it directly, from /rondes/dringend/; rounds leave it out).
OPENING_FIELDS = (
    "tariff",
    "start_month",
    "weekdays",
    "age_min_months",
    "age_max_months",
    "count",
    "urgent_only",
)


class OpeningLocked(ValidationError):
    """The opening was already put into an allocation round: it can no longer be changed or withdrawn here."""


def _desk_id(location: Location) -> int:
    return location.municipality.desk_id


def opening_in_round(opening: Opening) -> bool:
    """Whether a round uses this opening now: one of its places is held by a proposal waiting for the provider, or by
    an offer that is open, accepted or placed. Refused proposals and declined or expired offers do not count: their
    place is free again, and the provider may change or withdraw it."""
    if opening.pk is None:
        return False
    from .selectors import places_held

    return sum(places_held([opening.pk]).get(opening.pk, (0, 0))) > 0


def _check_not_in_round(opening: Opening) -> None:
    if opening_in_round(opening):
        raise OpeningLocked(
            _("An allocation round already uses these free places. Ask the desk to change them.")
        )


def _check_start_month(start_month: date, at: datetime) -> None:
    if start_month < month_start(timezone.localdate(at)):
        raise ValidationError({"start_month": _("The start month cannot be in the past.")})


@transaction.atomic
def opening_declare(
    *,
    location: Location,
    tariff: str,
    start_month: date,
    weekdays: Iterable[int],
    count: int,
    actor,
    age_min_months: int = 0,
    age_max_months: int = 36,
    urgent_only: bool = False,
    at: datetime | None = None,
) -> Opening:
    """Declare `count` identical free places at a location from `start_month` on. Declaring confirms them."""
    at = at or timezone.now()
    start_month = month_start(start_month)
    _check_start_month(start_month, at)
    opening = Opening(
        location=location,
        tariff=tariff,
        start_month=start_month,
        weekdays_mask=wd.to_mask(weekdays),
        age_min_months=age_min_months,
        age_max_months=age_max_months,
        count=count,
        urgent_only=urgent_only,
        confirmed_at=at,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    opening.full_clean()
    opening.save()
    audit_record(
        actor=actor,
        event="opening.declared",
        obj=opening,
        desk_id=_desk_id(location),
        location_id=location.pk,
        count=count,
    )
    return opening


@transaction.atomic
def opening_change(*, opening: Opening, actor, at: datetime | None = None, **changes) -> Opening:
    """Change an opening that no round has used yet (any of `OPENING_FIELDS`). Changing confirms it too."""
    unknown = set(changes) - set(OPENING_FIELDS)
    if unknown:
        raise TypeError(f"opening_change() cannot change {', '.join(sorted(unknown))}")
    at = at or timezone.now()
    opening = Opening.objects.select_for_update().select_related("location__municipality").get(pk=opening.pk)
    if opening.withdrawn_at is not None:
        raise ValidationError(_("These free places were withdrawn; declare new ones instead."))
    _check_not_in_round(opening)
    changed = []
    for name, value in changes.items():
        if name == "weekdays":
            name, value = "weekdays_mask", wd.to_mask(value)
        elif name == "start_month":
            value = month_start(value)
            if value != opening.start_month:
                _check_start_month(value, at)
        if getattr(opening, name) != value:
            setattr(opening, name, value)
            changed.append(name)
    opening.confirmed_at = at
    opening.full_clean()
    opening.save()
    audit_record(
        actor=actor,
        event="opening.changed",
        obj=opening,
        desk_id=_desk_id(opening.location),
        location_id=opening.location_id,
        fields=sorted(changed),
    )
    return opening


@transaction.atomic
def opening_withdraw(*, opening: Opening, actor, reason: str = "", at: datetime | None = None) -> Opening:
    """Withdraw free places that no round has used yet (the place was filled another way, or is gone)."""
    at = at or timezone.now()
    opening = Opening.objects.select_for_update().select_related("location__municipality").get(pk=opening.pk)
    if opening.withdrawn_at is not None:
        return opening
    _check_not_in_round(opening)
    opening.withdrawn_at = at
    opening.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=actor,
        event="opening.withdrawn",
        obj=opening,
        desk_id=_desk_id(opening.location),
        reason=reason,
        location_id=opening.location_id,
    )
    return opening


@transaction.atomic
def opening_confirm(*, opening: Opening, actor, at: datetime | None = None) -> Opening:
    """The provider says the free places are still free: they count as fresh again for the desk's rounds."""
    at = at or timezone.now()
    opening = Opening.objects.select_for_update().select_related("location__municipality").get(pk=opening.pk)
    if opening.withdrawn_at is not None:
        raise ValidationError(_("These free places were withdrawn; declare new ones instead."))
    opening.confirmed_at = at
    opening.save(update_fields=["confirmed_at"])
    audit_record(
        actor=actor,
        event="opening.confirmed",
        obj=opening,
        desk_id=_desk_id(opening.location),
        location_id=opening.location_id,
    )
    return opening


def openings_confirm_all(*, location: Location, actor, at: datetime | None = None) -> int:
    """Confirm every open free place of a location at once; returns how many openings were confirmed."""
    openings = list(Opening.objects.filter(location=location, withdrawn_at__isnull=True))
    for opening in openings:
        opening_confirm(opening=opening, actor=actor, at=at)
    return len(openings)


@transaction.atomic
def location_update(*, location: Location, actor, **fields) -> Location:
    """Update a location's practical data (`LOCATION_PRACTICAL_FIELDS`; `weekdays` may be given as day numbers)."""
    if "weekdays" in fields:
        fields["weekdays_mask"] = wd.to_mask(fields.pop("weekdays"))
    only_fields(fields, LOCATION_PRACTICAL_FIELDS, "location_update")
    return _location_change(location=location, actor=actor, fields=fields, event=Event.LOCATION_UPDATED)


def _location_change(*, location: Location, actor, fields: dict, event: str) -> Location:
    location = Location.objects.select_for_update().select_related("municipality").get(pk=location.pk)
    changed = apply_changes(location, fields)
    if location.tariff_regime != "mix":
        location.income_places = 0
    location.full_clean()
    location.save()
    audit_record(actor=actor, event=event, obj=location, desk_id=_desk_id(location), fields=changed)
    return location


@transaction.atomic
def location_set_enrolled(
    *, location: Location, total: int, reserve_eligible: int, actor, at: datetime | None = None
) -> Location:
    """Record how many children are in care now, and how many of them count for the reserve (vulnerable families)."""
    location = Location.objects.select_for_update().select_related("municipality").get(pk=location.pk)
    errors = {}
    if total < 0:
        errors["enrolled_total"] = _("Enter 0 or more.")
    elif total > location.licensed_capacity:
        errors["enrolled_total"] = _("This is more than the licensed capacity (%(capacity)s).") % {
            "capacity": location.licensed_capacity
        }
    if reserve_eligible < 0:
        errors["enrolled_reserve_eligible"] = _("Enter 0 or more.")
    elif reserve_eligible > max(total, 0):
        errors["enrolled_reserve_eligible"] = _("This cannot be more than the number of children enrolled.")
    if errors:
        raise ValidationError(errors)
    location.enrolled_total = total
    location.enrolled_reserve_eligible = reserve_eligible
    location.enrolled_updated_at = at or timezone.now()
    location.save(update_fields=["enrolled_total", "enrolled_reserve_eligible", "enrolled_updated_at"])
    audit_record(
        actor=actor,
        event="location.enrolled_set",
        obj=location,
        desk_id=_desk_id(location),
        total=total,
        reserve_eligible=reserve_eligible,
    )
    return location


def location_count_placement(*, location_id: int, reserve_eligible: bool) -> None:
    """A child placed by allocation starts at `location_id`: one more enrolled (and reserve-eligible, for a vulnerable
    family). Counted in the database, so placements recorded at the same time all count; the caller audits the
    placement."""
    Location.objects.filter(pk=location_id).update(
        enrolled_total=F("enrolled_total") + 1,
        enrolled_reserve_eligible=F("enrolled_reserve_eligible") + (1 if reserve_eligible else 0),
        enrolled_updated_at=timezone.now(),
    )


@transaction.atomic
def provider_answer_record(
    *, request, location: Location, answer: str, actor, at: datetime | None = None
) -> ProviderAnswer:
    """A provider answers a request that chose its location (where the desk lets providers answer themselves)."""
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Choose an answer.")})
    if not request.choices.filter(location=location).exists():
        raise ValidationError(_("This request did not choose this location."))
    at = at or timezone.now()
    row, _created = ProviderAnswer.objects.update_or_create(
        request=request,
        location=location,
        defaults={"answer": answer, "answered_at": at, "answered_by": actor},
    )
    audit_record(
        actor=actor,
        event="request.provider_answered",
        obj=request,
        desk_id=request.desk_id,
        family_id=request.child.family_id,
        location_id=location.pk,
        answer=answer,
    )
    return row


REMIND_DAYS_BEFORE = 5


def openings_remind_to_confirm(*, now: datetime | None = None) -> int:
    """Ask providers to confirm free places that turn stale within `REMIND_DAYS_BEFORE` days (or already are), once
    per confirmation: one mail per organiser, to its staff and its address, in each person's language. Returns the
    number of mails written. Run daily (`loket-manage remind_free_places`)."""
    from django.urls import reverse

    from loket.accounts.selectors import provider_staff_of
    from loket.core.links import public_url
    from loket.core.mail import mail_template_later

    from .selectors import fresh_days_for, fresh_since

    now = now or timezone.now()
    today = timezone.localdate(now)
    due: dict[int, list[Opening]] = {}
    candidates = Opening.objects.filter(withdrawn_at__isnull=True, location__active=True).select_related(
        "location__municipality__desk", "location__organiser"
    )
    for opening in candidates:
        if opening.reminded_at is not None and opening.reminded_at >= opening.confirmed_at:
            continue
        fresh_days = fresh_days_for(opening.location.municipality.desk)
        if opening.confirmed_at < fresh_since(fresh_days=fresh_days - REMIND_DAYS_BEFORE, on=today):
            due.setdefault(opening.location.organiser_id, []).append(opening)
    mails = 0
    for openings in due.values():
        organiser = openings[0].location.organiser
        location_ids = {o.location_id for o in openings}
        staff = provider_staff_of(organiser_id=organiser.pk, location_ids=location_ids)
        recipients = {person.email: person.preferred_language for person in staff}
        if organiser.email and organiser.email not in recipients:
            recipients[organiser.email] = "nl"
        for email, language in sorted(recipients.items()):
            mail_template_later(
                to=[email],
                language=language,
                subject_template="supply/mail/confirm_free_places_subject.txt",
                body_template="supply/mail/confirm_free_places.txt",
                context={
                    "organiser": organiser,
                    "openings": openings,
                    "today": today,
                    "desk": openings[0].location.municipality.desk,
                    "link": public_url(reverse("supply:openings")),
                },
            )
            mails += 1
        Opening.objects.filter(pk__in=[o.pk for o in openings]).update(reminded_at=now)
        audit_record(
            actor=None,
            event="opening.reminder_sent",
            obj=organiser,
            opening_ids=[o.pk for o in openings],
            recipients=len(recipients),
        )
    return mails


def staff_of(*, organiser_id: int, location_ids):
    """Provider staff of the whole organiser, or of one of these locations."""
    from django.db.models import Q

    return Q(organiser_id=organiser_id, location__isnull=True) | Q(location_id__in=location_ids)


# The licence and the register of organisers and locations (management screens)


@transaction.atomic
def location_licence_change(*, location: Location, actor, **fields) -> Location:
    """Change what the licence decides (capacity, tariff regime, subsidy step, organiser…) or, for the installation's
    administrators, the address (`LOCATION_LICENCE_FIELDS`, `LOCATION_ADDRESS_FIELDS`)."""
    only_fields(fields, LOCATION_LICENCE_FIELDS + LOCATION_ADDRESS_FIELDS, "location_licence_change")
    return _location_change(
        location=location, actor=actor, fields=fields, event=Event.LOCATION_LICENCE_CHANGED
    )


@transaction.atomic
def location_create(*, actor, **fields) -> Location:
    """Add a licensed location (every field of the licence, the address and the practical data)."""
    only_fields(
        fields,
        LOCATION_LICENCE_FIELDS + LOCATION_ADDRESS_FIELDS + LOCATION_PRACTICAL_FIELDS,
        "location_create",
    )
    location = Location(**fields)
    if location.tariff_regime != "mix":
        location.income_places = 0
    location.full_clean()
    location.save()
    audit_record(actor=actor, event=Event.LOCATION_CREATED, obj=location, desk_id=_desk_id(location))
    return location


@transaction.atomic
def organiser_create(*, actor, **fields) -> Organiser:
    only_fields(fields, ORGANISER_FIELDS, "organiser_create")
    organiser = Organiser(**fields)
    organiser.full_clean()
    organiser.save()
    audit_record(actor=actor, event=Event.ORGANISER_CREATED, obj=organiser)
    return organiser


@transaction.atomic
def organiser_change(*, organiser: Organiser, actor, **fields) -> Organiser:
    organiser, changed = save_changes(
        organiser, fields, allowed=ORGANISER_FIELDS, function="organiser_change"
    )
    audit_record(actor=actor, event=Event.ORGANISER_CHANGED, obj=organiser, fields=changed)
    return organiser


@transaction.atomic
def supply_settings_change(*, desk, actor, providers_answer_requests: bool) -> SupplySettings:
    """Whether the desk's providers answer the requests that chose them (the desk administrator decides)."""
    settings, _created = SupplySettings.objects.select_for_update().get_or_create(desk=desk)
    settings.providers_answer_requests = providers_answer_requests
    settings.save()
    audit_record(
        actor=actor,
        event=Event.SUPPLY_SETTINGS_CHANGED,
        obj=settings,
        desk_id=desk.pk,
        providers_answer_requests=providers_answer_requests,
    )
    return settings


@transaction.atomic
def provider_open(
    *,
    organiser_name: str,
    legal_form: str,
    email: str,
    contact_name: str,
    location_name: str,
    care_type: str,
    street: str,
    postcode: str,
    licensed_capacity: int,
    tariff_regime: str,
    income_places: int,
    subsidy_step: str,
    actor,
):
    """A new organiser with its first location, as a starter's licensed location opens (the support desk confirms it).
    The place on the map is the postcode's centre until the provider's data is completed; opening hours default to
    7:00–18:00 on working days."""
    from datetime import time

    from loket.areas.selectors import postcode_by_code

    place = postcode_by_code((postcode or "").strip())
    if place is None:
        raise ValidationError({"postcode": _("This postcode is not known.")})
    organiser = organiser_create(
        actor=actor,
        name=organiser_name.strip(),
        legal_form=legal_form,
        email=email,
        contact_name=contact_name,
    )
    return location_create(
        actor=actor,
        organiser=organiser,
        name=location_name.strip(),
        care_type=care_type,
        street=street.strip(),
        postcode=place,
        municipality=place.municipality,
        neighbourhood=place.neighbourhood,
        latitude=place.latitude,
        longitude=place.longitude,
        email=email,
        licensed_capacity=licensed_capacity,
        opens_at=time(7, 0),
        closes_at=time(18, 0),
        weekdays_mask=wd.to_mask(wd.WORKING_WEEK),
        tariff_regime=tariff_regime,
        income_places=income_places,
        subsidy_step=subsidy_step,
    )


def locations_enrolled_add(increments: dict[int, tuple[int, int]], *, at: datetime) -> None:
    """Children placed in a history recorded at once (`allocation.history`): add (children, of whom reserve-eligible)
    to each location's enrolled counts, with one UPDATE per distinct pair of increments, not one per location. The
    placements carry the audit events (`placement.recorded`)."""
    by_increment: dict[tuple[int, int], list[int]] = {}
    for location_id, increment in increments.items():
        by_increment.setdefault(increment, []).append(location_id)
    for (n, n_reserve), location_ids in by_increment.items():
        Location.objects.filter(pk__in=location_ids).update(
            enrolled_total=F("enrolled_total") + n,
            enrolled_reserve_eligible=F("enrolled_reserve_eligible") + n_reserve,
            enrolled_updated_at=at,
        )
