"""Reads of childcare requests, always narrowed to what the person may see."""

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Subquery

from loket.accounts.policies import Scope

from .lifecycle import OPEN_STATUSES, WAITING_STATUSES, Status
from .models import Child, ChildcareRequest, Choice, Family, Guardian, StatusChange
from .priority import vulnerable_condition


def counted_requests() -> QuerySet[ChildcareRequest]:
    """The requests every count starts from: a duplicate registration merged into another request is not a request
    of its own (the kept request counts for both). The reports' summary marks the same rows `merged`."""
    return ChildcareRequest.objects.filter(merges_as_duplicate__isnull=True)


def family_id_of_user(user) -> int | None:
    """The family a parent's account belongs to (accounts asks this through the reader demand registers)."""
    return Guardian.objects.filter(user=user).values_list("family_id", flat=True).first()


def request_locked(pk: int) -> ChildcareRequest:
    """A request (with its desk), locked for the rest of the transaction."""
    return ChildcareRequest.objects.select_for_update().select_related("desk").get(pk=pk)


def chosen_location_ids(request: ChildcareRequest) -> list[int]:
    """The locations a request chose, first choice first."""
    return list(request.choices.order_by("rank").values_list("location_id", flat=True))


def requests_waiting() -> QuerySet[ChildcareRequest]:
    """Every request still waiting for a place, with its desk and family."""
    return ChildcareRequest.objects.filter(status__in=WAITING_STATUSES).select_related(
        "desk", "child__family"
    )


def requests_visible_to(scope: Scope) -> QuerySet[ChildcareRequest]:
    """Desk staff see their desks' requests; parents their own family's. Providers and partners do not read
    requests here: they get narrower views of their own (only the fields they need)."""
    qs = ChildcareRequest.objects.select_related("child__family", "desk")
    if scope.is_superuser:
        return qs
    if scope.desk_ids:
        return qs.filter(desk_id__in=scope.desk_ids) | qs.filter(child__family_id__in=scope.family_ids)
    if scope.family_ids:
        return qs.filter(child__family_id__in=scope.family_ids)
    return qs.none()


def families_visible_to(scope: Scope) -> QuerySet[Family]:
    qs = Family.objects.all()
    if scope.is_superuser:
        return qs
    if scope.desk_ids:
        return qs.filter(desk_id__in=scope.desk_ids) | qs.filter(pk__in=scope.family_ids)
    return qs.filter(pk__in=scope.family_ids)


def status_counts(*, desk_ids) -> dict[str, int]:
    from django.db.models import Count

    rows = counted_requests().filter(desk_id__in=desk_ids).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def status_changes() -> QuerySet[StatusChange]:
    """Every move of every request from one status to another (the reports count them by month and reason)."""
    return StatusChange.objects.all()


def likely_registered(*, desk_ids, children, guardian: dict) -> QuerySet[ChildcareRequest]:
    """Open requests at these desks that look like a child about to be registered again: the same national-number
    hash, or the same first name and date of birth (or expected date) with a parent of the same last name, phone
    number or e-mail address. `children` are dicts with first_name, date and national_number_hash."""
    from django.db.models import Q

    from .lifecycle import OPEN_STATUSES
    from .search import phone_digits

    parent = Q()
    if guardian.get("last_name"):
        parent |= Q(child__family__guardians__last_name__iexact=guardian["last_name"].strip())
    if guardian.get("email"):
        parent |= Q(child__family__guardians__email__iexact=guardian["email"].strip())
    digits = phone_digits(guardian.get("phone") or "")
    if len(digits) >= 6:
        parent |= Q(child__family__search_keys__kind="phone", child__family__search_keys__value=digits)
    same = Q()
    for child in children:
        if child.get("national_number_hash"):
            same |= Q(child__national_number_hash=child["national_number_hash"])
        if child.get("first_name") and child.get("date") and parent:
            same |= (
                Q(child__first_name__iexact=child["first_name"].strip())
                & (Q(child__birth_date=child["date"]) | Q(child__due_date=child["date"]))
                & parent
            )
    if not same:
        return ChildcareRequest.objects.none()
    matching = ChildcareRequest.objects.filter(same, desk_id__in=desk_ids, status__in=OPEN_STATUSES)
    return (
        ChildcareRequest.objects.filter(pk__in=matching.values("pk"))
        .select_related("child__family")
        .order_by("registered_at", "pk")
    )


# --- figures for the role homes (loket.portal) ----------------------------------------------------------------------


def desk_request_figures(*, desk) -> dict:
    """A desk's requests by status (every status, in the lifecycle's order), and the urgent and vulnerable ones still
    open. Merged duplicates count nowhere."""
    requests = counted_requests().filter(desk=desk)
    by_status = dict(requests.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    open_requests = requests.filter(status__in=OPEN_STATUSES)
    return {
        "statuses": [(Status(s).label, by_status.get(s, 0), s) for s in Status.values],
        "total": sum(by_status.values()),
        "urgent_open": open_requests.filter(urgent=True).count(),
        "vulnerable_open": open_requests.filter(vulnerable_condition()).count(),
    }


def recent_requests(*, desk_ids, limit: int = 15) -> QuerySet[ChildcareRequest]:
    return (
        ChildcareRequest.objects.filter(desk_id__in=desk_ids)
        .select_related("child__family")
        .order_by("-registered_at")[:limit]
    )


def open_choice_counts(*, location_ids) -> dict[int, tuple[int, int]]:
    """Per location: how many open requests chose it, and how many as their first choice (one query)."""
    rows = (
        Choice.objects.filter(location_id__in=location_ids, request__status__in=OPEN_STATUSES)
        .values("location_id")
        .annotate(n=Count("pk", distinct=True), first=Count("pk", filter=Q(rank=1), distinct=True))
    )
    return {row["location_id"]: (row["n"], row["first"]) for row in rows}


# --- a family's file, for its privacy rights (loket.privacy) ---------------------------------------------------------


def guardians_of(family) -> QuerySet[Guardian]:
    return Guardian.objects.filter(family=family)


def child_first_names(family) -> list[str]:
    return list(Child.objects.filter(family=family).values_list("first_name", flat=True))


def family_has_open_request(family) -> bool:
    return ChildcareRequest.objects.filter(child__family=family, status__in=OPEN_STATUSES).exists()


def families_all_closed() -> QuerySet[Family]:
    """Families not yet anonymised that have requests and none of them open, each with when the last one closed
    (`last_closed`) and its desk."""
    return (
        Family.objects.filter(anonymised_at__isnull=True)
        .exclude(children__requests__status__in=OPEN_STATUSES)
        .annotate(last_closed=Max("children__requests__closed_at"))
        .filter(last_closed__isnull=False)
        .select_related("desk")
    )


# --- for the apps above demand: allocation's rounds and waiting lists, the desk's follow-up (casework), the API -----


def requests_of_desks(desk_ids=None) -> QuerySet[ChildcareRequest]:
    """The requests of these desks (of every desk for None), with the child's family and the desk."""
    qs = ChildcareRequest.objects.select_related("child__family", "desk")
    return qs if desk_ids is None else qs.filter(desk_id__in=desk_ids)


def requests_of_families(family_ids) -> QuerySet[ChildcareRequest]:
    """The requests of these families (a parent's own), with the child and the desk."""
    return ChildcareRequest.objects.filter(child__family_id__in=list(family_ids)).select_related(
        "child", "desk"
    )


def families_of_desks(desk_ids=None) -> QuerySet[Family]:
    """The families of these desks (of every desk for None) whose file is not anonymised."""
    qs = Family.objects.filter(anonymised_at__isnull=True)
    return qs if desk_ids is None else qs.filter(desk_id__in=desk_ids)


def with_children_and_requests(families: QuerySet[Family]) -> QuerySet[Family]:
    """`families` with what a list of families shows: the postcode, the guardians, and each child's requests in the
    order they were registered (a fixed number of queries for the whole list)."""
    requests = Prefetch("requests", queryset=ChildcareRequest.objects.order_by("registered_at", "pk"))
    return families.select_related("postcode").prefetch_related(
        "guardians", Prefetch("children", queryset=Child.objects.prefetch_related(requests))
    )


def choice_rank(*, request, location) -> Subquery:
    """The rank a request gave a location (None when it did not choose it), for another app's query: `request` and
    `location` are expressions, such as `OuterRef("request_id")`."""
    return Subquery(Choice.objects.filter(request_id=request, location_id=location).values("rank")[:1])


# --- For the providers' portal (loket.supply): the requests that chose a location, while they wait -----------------


def requests_waiting_at(*, location_ids) -> QuerySet[ChildcareRequest]:
    """Waiting requests that chose one of these locations (each once), with child and desk, in order of
    registration."""
    return (
        ChildcareRequest.objects.filter(
            status__in=WAITING_STATUSES, choices__location_id__in=list(location_ids)
        )
        .distinct()
        .select_related("child", "desk")
        .order_by("registered_at", "pk")
    )


def choices_waiting(*, desk_ids, location_ids=None) -> QuerySet[Choice]:
    """The choices of waiting requests at these desks (and of these locations, when given), with request and desk.
    `desk_ids` and `location_ids` may be subqueries."""
    choices = Choice.objects.filter(request__status__in=WAITING_STATUSES, request__desk_id__in=desk_ids)
    if location_ids is not None:
        choices = choices.filter(location_id__in=location_ids)
    return choices.select_related("request__desk")


def sibling_locations_waiting(*, desk_ids) -> QuerySet:
    """Flat `(request id, location id)` rows: where a brother or sister of a waiting request at these desks already
    goes. Rows, not objects: a round's instance reads these for every waiting request of the area."""
    return (
        ChildcareRequest.siblings_at.through.objects.filter(
            childcarerequest__desk_id__in=desk_ids, childcarerequest__status__in=WAITING_STATUSES
        )
        .values_list("childcarerequest_id", "location_id")
        .order_by()
    )


def requests_with_ids(ids) -> QuerySet[ChildcareRequest]:
    """These requests with child and desk, in the order they were made."""
    return ChildcareRequest.objects.filter(pk__in=list(ids)).select_related("child", "desk").order_by("pk")


# --- For the families' desk (loket.families): a family by its reference or id, children registered together --------


def family_with_desk(pk: int) -> Family:
    """The family with its desk; raises Family.DoesNotExist."""
    return Family.objects.select_related("desk").get(pk=pk)


def family_by_reference(reference: str) -> Family | None:
    """The family with this file number, unless its data was erased."""
    return Family.objects.filter(reference=reference, anonymised_at__isnull=True).first()


def requests_registered_with(
    request: ChildcareRequest, *, open_only: bool = False
) -> QuerySet[ChildcareRequest]:
    """The other requests of the children registered together with this one (twins, siblings): their choices and
    wishes stay in step. None when it was registered alone."""
    if not request.together_key:
        return ChildcareRequest.objects.none()
    others = ChildcareRequest.objects.filter(
        together_key=request.together_key, child__family_id=request.child.family_id
    ).exclude(pk=request.pk)
    return others.filter(status__in=OPEN_STATUSES) if open_only else others


def national_number_registered(national_number_hash: str) -> bool:
    """Whether a child with this national-number hash has an open request (at any desk)."""
    return ChildcareRequest.objects.filter(
        child__national_number_hash=national_number_hash, status__in=OPEN_STATUSES
    ).exists()


def waiting_requests_per_location(location_ids) -> dict[int, int]:
    """For each of these locations, how many waiting requests chose it (counted in the database)."""
    rows = (
        Choice.objects.filter(location_id__in=list(location_ids), request__status__in=WAITING_STATUSES)
        .values("location_id")
        .annotate(n=Count("request_id", distinct=True))
        .values_list("location_id", "n")
        .order_by()
    )
    return dict(rows)


def request_rows(ids) -> dict[int, dict]:
    """pk -> the fields a bulk history needs (status, start_earliest, the child's family) of these requests, as rows."""
    rows = ChildcareRequest.objects.filter(pk__in=list(ids)).values(
        "pk", "status", "start_earliest", "child__family_id"
    )
    return {row["pk"]: row for row in rows}
