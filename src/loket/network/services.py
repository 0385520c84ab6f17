"""Writes of the directory."""

from django.db import transaction

from loket.audit.services import audit_record

from .models import Partner

ENTRY_FIELDS = (
    "name",
    "kind",
    "description",
    "contact_person",
    "phone",
    "email",
    "website",
    "address",
    "languages",
    "opening_hours",
    "area_note",
    "listed",
)


def partner_save_entry(*, partner: Partner | None, data: dict, actor, desk=None) -> Partner:
    """Create or update a directory entry. `data` holds the entry fields, `needs` (codes) and `municipalities`."""
    with transaction.atomic():
        partner = partner or Partner()
        for name in ENTRY_FIELDS:
            if name in data:
                setattr(partner, name, data[name])
        if "needs" in data:
            partner.need_codes = data["needs"]
        partner.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        created = partner.pk is None
        partner.save()
        if desk is not None:
            partner.desks.add(desk)
        if "municipalities" in data:
            partner.municipalities.set(data["municipalities"])
        audit_record(
            actor=actor,
            event="partner.created" if created else "partner.updated",
            obj=partner,
            desk_id=desk.pk if desk is not None else None,
        )
    return partner
