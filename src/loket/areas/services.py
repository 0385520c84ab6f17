"""Writes of areas: creating a desk from the reference data, its neighbourhoods, its texts per language, its identity
(colour and logo) and its public details. Every function takes keyword arguments and the acting person, validates,
runs in one transaction and writes an audit event; pages, management screens and commands all call these."""

import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loket.audit.services import audit_record

from . import colours
from .models import (
    CentroidSource,
    Desk,
    DeskText,
    Municipality,
    Neighbourhood,
    Postcode,
    ReferenceMunicipality,
    Region,
)

# Childcare in Flanders and the Dutch-speaking childcare of Brussels fall under the Flemish decree.
SERVED_REGIONS = (Region.FLANDERS, Region.BRUSSELS)
# What the decree leaves to the desk, and its public details; the desk administrator changes these.
DESK_SETTINGS_FIELDS = (
    "name",
    "email",
    "phone",
    "address",
    "controller",
    "dpo_name",
    "dpo_email",
    "max_choices",
    "offer_deadline_days",
    "provider_confirmation_required",
    "reconfirm_every_days",
    "reconfirm_grace_days",
    "followup_after_weeks",
    "free_places_fresh_days",
    "provider_answer_days",
    "rounds_every_weeks",
    "horizon_months",
    "earliest_offer_months",
    "retention_months",
)
TEXT_FIELDS = ("introduction", "opening_hours", "contact")
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000
LOGO_BOX = (600, 240)
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


@transaction.atomic
def desk_create(*, actor, name: str, slug: str = "", nis_codes, **details) -> Desk:
    """A new desk serving the municipalities with these NIS codes, with their postcodes from the reference data.

    Refused: an unknown code, a municipality outside Flanders and Brussels, or one another desk already serves."""
    nis_codes = sorted(set(nis_codes))
    if not nis_codes:
        raise ValidationError({"municipalities": _("Choose at least one municipality.")})
    unknown = set(details) - set(DESK_SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"desk_create() does not set {', '.join(sorted(unknown))}")
    references = list(
        ReferenceMunicipality.objects.filter(nis_code__in=nis_codes).prefetch_related("postcodes")
    )
    found = {r.nis_code for r in references}
    errors = []
    for code in nis_codes:
        if code not in found:
            errors.append(_("There is no municipality with NIS code %(code)s.") % {"code": code})
    for reference in references:
        if reference.region not in SERVED_REGIONS:
            errors.append(
                _("%(name)s is not in Flanders or Brussels: the Flemish childcare rules do not apply there.")
                % {"name": reference.name_nl}
            )
    served = dict(Municipality.objects.filter(nis_code__in=nis_codes).values_list("nis_code", "desk__name"))
    for reference in references:
        if reference.nis_code in served:
            errors.append(
                _("%(name)s is already served by %(desk)s.")
                % {"name": reference.name_nl, "desk": served[reference.nis_code]}
            )
    if errors:
        raise ValidationError({"municipalities": errors})
    slug = slugify(slug or name)[:50]
    if not slug:
        raise ValidationError({"name": _("Enter the desk's name.")})
    if Desk.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("Another desk already uses the short name %(slug)s.") % {"slug": slug}}
        )
    desk = Desk(name=name.strip(), slug=slug, **details)
    desk.full_clean()
    desk.save()
    for reference in references:
        municipality = Municipality.objects.create(
            name=reference.name_nl,
            nis_code=reference.nis_code,
            province=reference.province or "",
            desk=desk,
        )
        Postcode.objects.bulk_create(
            Postcode(
                code=postcode.code,
                place=reference.name_nl,
                municipality=municipality,
                centroid_source=CentroidSource.NONE,
            )
            for postcode in reference.postcodes.all()
        )
    audit_record(actor=actor, event="desk.created", obj=desk, desk_id=desk.pk, municipalities=nis_codes)
    return desk


@transaction.atomic
def desk_settings_change(*, desk: Desk, actor, **fields) -> Desk:
    """Change the desk's settings (`DESK_SETTINGS_FIELDS`): its name and contact details, controller and data
    protection officer, and what the decree leaves to the desk (deadlines, rhythm, retention)."""
    unknown = set(fields) - set(DESK_SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"desk_settings_change() cannot change {', '.join(sorted(unknown))}")
    desk = Desk.objects.select_for_update().get(pk=desk.pk)
    changed = sorted(name for name, value in fields.items() if getattr(desk, name) != value)
    for name in changed:
        setattr(desk, name, fields[name])
    desk.full_clean()
    desk.save()
    audit_record(actor=actor, event="desk.settings_changed", obj=desk, desk_id=desk.pk, fields=changed)
    return desk


@transaction.atomic
def desk_texts_set(*, desk: Desk, actor, language: str, **texts) -> DeskText:
    """The desk's introduction, opening hours and contact text in one language."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"desk_texts_set() cannot set {', '.join(sorted(unknown))}")
    row, _created = DeskText.objects.get_or_create(desk=desk, language=language)
    changed = sorted(name for name, value in texts.items() if getattr(row, name) != value.strip())
    for name in changed:
        setattr(row, name, texts[name].strip())
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        event="desk.settings_changed",
        obj=desk,
        desk_id=desk.pk,
        language=language,
        fields=changed,
    )
    return row


@dataclass(frozen=True)
class IdentityChange:
    desk: Desk
    colour_asked: str = ""  # the colour asked for, when it had to be darkened to pass AA


@transaction.atomic
def desk_identity_set(
    *, desk: Desk, actor, colour: str | None = None, logo=None, remove_logo: bool = False
) -> IdentityChange:
    """Set the desk's colour (darkened to the nearest shade that white text passes AA on) and logo.

    The logo is checked by its content, not its name: it must decode as a PNG, JPEG, GIF or WebP image. Loket stores a
    PNG it re-encoded itself (no scripts, no metadata), scaled to fit 600×240 px, through the default storage."""
    desk = Desk.objects.select_for_update().get(pk=desk.pk)
    changed, asked = [], ""
    if colour:
        colour = colour.strip().lower()
        Desk._meta.get_field("colour").run_validators(colour)
        readable = colours.readable_on_white(colour)
        if readable != colour:
            asked = colour
        if readable != desk.colour:
            desk.colour = readable
            changed.append("colour")
    old_logo = desk.logo
    if logo is not None:
        png = _logo_png(logo)
        name = f"desks/{desk.slug}/logo-{hashlib.sha256(png).hexdigest()[:12]}.png"
        desk.logo = default_storage.save(name, ContentFile(png))
        changed.append("logo")
    elif remove_logo and desk.logo:
        desk.logo = ""
        changed.append("logo")
    desk.save()
    if "logo" in changed and old_logo and old_logo != desk.logo:
        transaction.on_commit(lambda: default_storage.delete(old_logo))
    audit_record(actor=actor, event="desk.settings_changed", obj=desk, desk_id=desk.pk, fields=changed)
    return IdentityChange(desk=desk, colour_asked=asked)


def _logo_png(upload) -> bytes:
    from PIL import Image, UnidentifiedImageError

    data = upload.read(LOGO_MAX_BYTES + 1)
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": _("The logo is larger than 2 MB. Choose a smaller image.")})
    not_an_image = ValidationError(
        {"logo": _("This file is not a PNG, JPEG, GIF or WebP image. Choose an image file (not SVG or PDF).")}
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in LOGO_FORMATS:
                raise not_an_image
            if probe.width * probe.height > LOGO_MAX_PIXELS:
                raise ValidationError({"logo": _("The logo has too many pixels. Choose a smaller image.")})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGBA")
            image.thumbnail(LOGO_BOX)
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    return out.getvalue()


@transaction.atomic
def neighbourhoods_from_postcodes(*, desk: Desk, actor) -> int:
    """One neighbourhood per postcode of each municipality (for reports below municipality level); returns how many
    were added. Postcodes that already have a neighbourhood keep it."""
    added = 0
    for postcode in Postcode.objects.filter(
        municipality__desk=desk, neighbourhood__isnull=True
    ).select_related("municipality"):
        neighbourhood, created = Neighbourhood.objects.get_or_create(
            municipality=postcode.municipality,
            code=postcode.code,
            defaults={"name": f"{postcode.code} {postcode.municipality.name}"},
        )
        added += created
        postcode.neighbourhood = neighbourhood
        postcode.save(update_fields=["neighbourhood"])
    audit_record(actor=actor, event="desk.settings_changed", obj=desk, desk_id=desk.pk, added=added)
    return added


@dataclass(frozen=True)
class NeighbourhoodRow:
    line: int
    nis_code: str
    code: str
    name: str
    postcodes: tuple[str, ...]


def neighbourhood_rows_check(*, desk: Desk, rows: list[NeighbourhoodRow]) -> list[tuple[int, str]]:
    """Every row's problems, in plain words, as (line, message)."""
    municipalities = dict(Municipality.objects.filter(desk=desk).values_list("nis_code", "pk"))
    known_postcodes = set(
        Postcode.objects.filter(municipality__desk=desk).values_list("code", "municipality__nis_code")
    )
    problems = []
    for row in rows:
        if row.nis_code not in municipalities:
            problems.append(
                (
                    row.line,
                    _("NIS code %(code)s is not a municipality of this desk.") % {"code": row.nis_code},
                )
            )
            continue
        if not row.code or not row.name:
            problems.append((row.line, _("Give the neighbourhood both a code and a name.")))
        for postcode in row.postcodes:
            if (postcode, row.nis_code) not in known_postcodes:
                problems.append(
                    (row.line, _("Postcode %(code)s is not in this municipality.") % {"code": postcode})
                )
    return problems


@transaction.atomic
def neighbourhoods_import(*, desk: Desk, actor, rows: list[NeighbourhoodRow]) -> tuple[int, int]:
    """Create or rename the neighbourhoods in `rows` and link their postcodes; nothing is saved if a row is wrong.
    Returns (created, updated)."""
    problems = neighbourhood_rows_check(desk=desk, rows=rows)
    if problems:
        raise ValidationError([f"{line}: {message}" for line, message in problems])
    municipalities = {m.nis_code: m for m in Municipality.objects.filter(desk=desk)}
    created = updated = 0
    for row in rows:
        municipality = municipalities[row.nis_code]
        neighbourhood, was_created = Neighbourhood.objects.get_or_create(
            municipality=municipality, code=row.code, defaults={"name": row.name}
        )
        if was_created:
            created += 1
        elif neighbourhood.name != row.name:
            neighbourhood.name = row.name
            neighbourhood.save(update_fields=["name"])
            updated += 1
        if row.postcodes:
            Postcode.objects.filter(municipality=municipality, code__in=row.postcodes).update(
                neighbourhood=neighbourhood
            )
    audit_record(
        actor=actor, event="desk.settings_changed", obj=desk, desk_id=desk.pk, added=created, renamed=updated
    )
    return created, updated


def postcode_centroids_set(*, desk: Desk, centroids: dict[int, tuple[Decimal, Decimal, str]]) -> int:
    """Record where the desk's postcodes lie (computed by supply from the imported locations). Postcodes whose centroid
    was entered by hand keep it. Returns how many changed."""
    changed = 0
    for postcode in Postcode.objects.filter(municipality__desk=desk, pk__in=list(centroids)).exclude(
        centroid_source=CentroidSource.SURVEYED
    ):
        latitude, longitude, source = centroids[postcode.pk]
        if (postcode.latitude, postcode.longitude, postcode.centroid_source) != (latitude, longitude, source):
            postcode.latitude, postcode.longitude, postcode.centroid_source = latitude, longitude, source
            postcode.save(update_fields=["latitude", "longitude", "centroid_source"])
            changed += 1
    return changed
