"""Reads of areas: the reference municipalities a new desk may serve, a desk's texts in a language, and which desk a
public page speaks for."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

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


def postcode_by_code(code: str, *, desk=None) -> Postcode | None:
    """The postcode (with its municipality and desk), or None when it is not known (or, with `desk`, not in the desk's
    municipalities). A code shared by several places gives the first one recorded."""
    found = Postcode.objects.filter(code=code).select_related("municipality__desk", "neighbourhood")
    if desk is not None:
        found = found.filter(municipality__desk=desk)
    return found.order_by("pk").first()


# --- For the pages, the desk apps and the guide: desks, municipalities and postcodes (other apps read areas here) --


def desks_with_municipality_count() -> QuerySet[Desk]:
    """Every desk by name, with how many municipalities it serves (`n_municipalities`)."""
    return Desk.objects.annotate(n_municipalities=Count("municipalities", distinct=True)).order_by(
        "name", "pk"
    )


def municipalities_with_ids(ids) -> QuerySet[Municipality]:
    """These municipalities by name; `ids` may be a subquery (e.g. the municipalities that have active locations)."""
    return Municipality.objects.filter(pk__in=ids).order_by("name", "pk")


def neighbourhoods_with_ids(ids) -> QuerySet[Neighbourhood]:
    """These neighbourhoods (with their municipality) by municipality and name; `ids` may be a subquery."""
    return (
        Neighbourhood.objects.filter(pk__in=ids)
        .select_related("municipality")
        .order_by("municipality__name", "name", "pk")
    )


def postcode_by_pk(pk: int) -> Postcode | None:
    """The postcode with its municipality and desk, or None when it is not known."""
    return Postcode.objects.select_related("municipality__desk").filter(pk=pk).first()


def postcodes_placed() -> QuerySet[Postcode]:
    """Postcodes with a centroid, with their municipality. A new desk's postcodes have none until its locations are
    imported: there is nothing to measure a distance from yet."""
    return Postcode.objects.filter(latitude__isnull=False, longitude__isnull=False).select_related(
        "municipality"
    )


def postcodes_of_desk(*, desk) -> QuerySet[Postcode]:
    """The postcodes of the municipalities a desk serves, with their municipality."""
    return Postcode.objects.filter(municipality__desk=desk).select_related("municipality")


def desk_postcode_counts(*, desk) -> dict[str, int]:
    """How many postcodes a desk's municipalities have, and how many of them have a centroid (one query)."""
    counts = Postcode.objects.filter(municipality__desk=desk).aggregate(
        postcodes=Count("pk"), postcodes_placed=Count("pk", filter=Q(latitude__isnull=False))
    )
    return {"postcodes": counts["postcodes"] or 0, "postcodes_placed": counts["postcodes_placed"] or 0}
