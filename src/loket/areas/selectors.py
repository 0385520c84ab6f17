"""Reads of areas: the reference municipalities a new desk may serve, a desk's texts in a language, and which desk a
public page speaks for."""

from dataclasses import dataclass

from django.db.models import QuerySet

from . import colours
from .models import Desk, DeskText, Municipality, Neighbourhood, Postcode, ReferenceMunicipality
from .services import SERVED_REGIONS

# A text missing in the reader's language is shown in English, else in Dutch (marked with its own language).
TEXT_FALLBACK = ("en", "nl")
SESSION_KEY = "loket_desk"


def reference_municipalities_unserved() -> QuerySet[ReferenceMunicipality]:
    """Municipalities of Flanders and Brussels that no desk serves yet, by province and name."""
    served = Municipality.objects.values("nis_code")
    return (
        ReferenceMunicipality.objects.filter(region__in=SERVED_REGIONS)
        .exclude(nis_code__in=served)
        .order_by("province", "name_nl")
    )


@dataclass(frozen=True)
class LocalText:
    text: str
    language: str  # the language the text is written in, for the element's lang attribute


@dataclass(frozen=True)
class DeskTexts:
    introduction: LocalText | None
    opening_hours: LocalText | None
    contact: LocalText | None


def desk_texts(*, desk: Desk, language: str) -> DeskTexts:
    rows = {row.language: row for row in DeskText.objects.filter(desk=desk)}
    return texts_from_rows(rows, language)


def texts_from_rows(rows: dict[str, DeskText], language: str) -> DeskTexts:
    order = [language, *(code for code in TEXT_FALLBACK if code != language)]

    def pick(field: str) -> LocalText | None:
        for code in order:
            text = getattr(rows.get(code), field, "")
            if text:
                return LocalText(text, code)
        return None

    return DeskTexts(pick("introduction"), pick("opening_hours"), pick("contact"))


def desk_texts_by_language(*, desk: Desk) -> dict[str, DeskText]:
    return {row.language: row for row in DeskText.objects.filter(desk=desk)}


def desk_get(*, slug: str) -> Desk | None:
    return Desk.objects.filter(slug=slug).first()


def desk_for_public_page(request) -> Desk | None:
    """The desk a public page speaks for: the one named in `?loket=`, else the one the visitor chose earlier (kept in
    the session), else the only desk of the installation. None when several desks share the site and none is chosen."""
    slug = request.GET.get("loket") or request.session.get(SESSION_KEY)
    if slug:
        desk = desk_get(slug=str(slug)[:50])
        if desk is not None:
            return desk
    desks = list(Desk.objects.order_by("pk")[:2])
    return desks[0] if len(desks) == 1 else None


def desk_remember(request, desk: Desk) -> None:
    request.session[SESSION_KEY] = desk.slug


def desk_palette(desk: Desk) -> dict[str, str]:
    colour = colours.readable_on_white(desk.colour)
    return {"primary": colour, "hover": colours.hover_shade(colour)}


# --- For the reports: desks, municipalities and neighbourhoods in reach, and their names ---------------------------


def desks_in_reach(desk_ids=None) -> QuerySet[Desk]:
    """The desks with these ids (every desk for None), by name."""
    qs = Desk.objects.order_by("name", "pk")
    return qs if desk_ids is None else qs.filter(pk__in=desk_ids)


def municipalities_of_desks(desk_ids=None) -> QuerySet[Municipality]:
    qs = Municipality.objects.order_by("name", "pk")
    return qs if desk_ids is None else qs.filter(desk_id__in=desk_ids)


def neighbourhoods_of_desks(desk_ids=None) -> QuerySet[Neighbourhood]:
    qs = Neighbourhood.objects.select_related("municipality").order_by("municipality__name", "name", "pk")
    return qs if desk_ids is None else qs.filter(municipality__desk_id__in=desk_ids)


def municipality_names(ids) -> dict[int, str]:
    return dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name"))


def municipalities_by_pk(ids) -> dict[int, Municipality]:
    return Municipality.objects.in_bulk(ids)


def neighbourhood_names(ids) -> dict[int, str]:
    return dict(Neighbourhood.objects.filter(pk__in=ids).values_list("pk", "name"))


def desk_names(ids) -> dict[int, str]:
    return dict(Desk.objects.filter(pk__in=ids).values_list("pk", "name"))


def postcode_by_code(code: str) -> Postcode | None:
    """The postcode (with its municipality), or None when it is not known."""
    return Postcode.objects.filter(code=code).select_related("municipality", "neighbourhood").first()
