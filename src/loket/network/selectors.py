"""Reads of the directory, narrowed to the person's scope: desk staff see the partners of their desks, a partner
adviser sees the partners working with the same desks as their own organisation."""

from django.db.models import Q, QuerySet

from loket.accounts.policies import Scope
from loket.core.search import filter_all

from .models import Need, Partner

# The fields PostgreSQL's own `dutch` full-text search ranks on, besides the stored stems (see loket.core.search).
SEARCHED_ON_POSTGRESQL = (("name", "A"), ("description", "B"), ("area_note", "B"), ("languages", "B"))


def partners_visible_to(scope: Scope) -> QuerySet[Partner]:
    if scope.is_superuser:
        return Partner.objects.all()
    desk_ids = set(scope.desk_ids)
    if scope.partner_ids:
        desk_ids |= set(
            Partner.desks.through.objects.filter(partner_id__in=scope.partner_ids).values_list(
                "desk_id", flat=True
            )
        )
    return Partner.objects.filter(Q(desks__in=desk_ids) | Q(pk__in=scope.partner_ids)).distinct()


def partners_editable_by(scope: Scope) -> QuerySet[Partner]:
    """Desk staff edit the entries of their desks' partners; a partner adviser only their own organisation's."""
    if scope.is_superuser:
        return Partner.objects.all()
    return Partner.objects.filter(Q(desks__in=scope.desk_ids) | Q(pk__in=scope.partner_ids)).distinct()


def directory(*, scope: Scope, query: str = "", need: str = "") -> QuerySet[Partner]:
    partners = partners_visible_to(scope).filter(listed=True)
    if need in Need.values:
        partners = partners.filter(needs__contains=f"|{need}|")
    partners = Partner.objects.filter(pk__in=partners.values("pk"))
    if query:
        partners = filter_all(partners, query, pg_fields=SEARCHED_ON_POSTGRESQL)
    return partners.prefetch_related("municipalities")


def partners_of_kinds(kinds, *, also_ids=()) -> QuerySet[Partner]:
    """Partners of the given kinds (and the partners `also_ids`), by name: for another app's choice lists."""
    return Partner.objects.filter(Q(kind__in=list(kinds)) | Q(pk__in=list(also_ids))).order_by("name")


def partners_with_desks(partner_ids) -> QuerySet[Partner]:
    """The partner organisations a partner adviser works for, with the desks they serve."""
    return Partner.objects.filter(pk__in=partner_ids).prefetch_related("desks")


def partners_of_desk(desk_id: int) -> QuerySet[Partner]:
    """The partner organisations working with a desk, by name: where its workers may refer a family."""
    return Partner.objects.filter(desks=desk_id).order_by("name")
