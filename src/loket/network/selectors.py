"""Reads of the directory, narrowed to the person's scope: desk staff see the partners of their desks, a partner
adviser sees the partners working with the same desks as their own organisation."""

from django.db.models import Q, QuerySet

from loket.accounts.policies import Scope

from .models import Need, Partner
from .search import search


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
    return (
        search(partners, query).prefetch_related("municipalities")
        if query
        else partners.prefetch_related("municipalities").order_by("name")
    )
