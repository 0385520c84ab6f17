"""Reads of questions, narrowed to the person's scope: the team's queue (search, filters, sorting, paging), the counts
on an agent's home, a conversation as each reader may see it, who else has a question open, the provider panel and
the desk's figures."""

import statistics
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, Count, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.policies import Scope
from loket.core.months import add_months
from loket.core.search import filter_all
from loket.supply.selectors import organiser_panel

from ..business_time import business_seconds_between, desk_closed_days
from ..models import (
    Attachment,
    CannedAnswer,
    Channel,
    Event,
    Outcome,
    Question,
    QuestionView,
    RegistrationStatus,
    Status,
    Tag,
    Theme,
    Visibility,
)

OPEN = (Status.NEW, Status.ANSWERED, Status.REFERRED, Status.WAITING)
CLOCK_RUNS = (Status.NEW, Status.REFERRED)
PAGE_SIZE = 25
DUE_SOON = timedelta(hours=2)
PRESENCE = timedelta(minutes=5)
SORTS = {
    "due": None,  # overdue first, then what needs an answer, by due moment (see queue_page)
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "activity": ("-updated_at", "-pk"),
}
VIEWS = ("open", "mine", "unassigned", "overdue", "closed", "all")


def questions_visible_to(scope: Scope, user=None):
    questions = Question.objects.select_related("partner", "organiser", "location", "assignee")
    if scope.is_superuser or Role.SUPPORT_AGENT in scope.roles:
        return questions
    mine = Q(partner_id__in=scope.partner_ids) | Q(
        organiser_id__in=scope.organiser_ids | scope.location_organiser_ids
    )
    if user is not None and user.is_authenticated:
        mine |= Q(asker=user)
    return questions.filter(mine)


def still_open(questions):
    """Of these questions, those still waiting for someone (not closed, not merged into another)."""
    return questions.filter(status__in=OPEN, merged_into__isnull=True)


def organiser_of(user):
    """The organiser a provider's staff member asks or registers for (none for anyone else)."""
    from loket.accounts.policies import scope_of
    from loket.supply.selectors import organisers_visible_to

    scope = scope_of(user)
    own = scope.organiser_ids | scope.location_organiser_ids
    if not own:
        return None
    return organisers_visible_to(scope).filter(pk__in=own).order_by("name").first()


def question_for(scope: Scope, pk: int, user=None) -> Question:
    question = questions_visible_to(scope, user).filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def _with_urgency(questions, now):
    return questions.annotate(
        overdue=Case(
            When(Q(status__in=CLOCK_RUNS, due_at__lt=now), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        urgency=Case(
            When(status__in=CLOCK_RUNS, then=Value(0)),
            When(status=Status.ANSWERED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    )


def mark_overdue(questions, now=None):
    now = now or timezone.now()
    for question in questions:
        question.overdue = question.status in CLOCK_RUNS and question.due_at < now
    return questions


@dataclass(frozen=True)
class QueueFilter:
    view: str = "open"
    q: str = ""
    status: str = ""
    theme: str = ""
    channel: str = ""
    assignee: str = ""  # a person's id, or "none"
    tag: str = ""
    sort: str = "due"

    @classmethod
    def from_query(cls, params) -> "QueueFilter":
        def pick(name, allowed, default=""):
            value = params.get(name, default)
            return value if value in allowed else default

        assignee = params.get("assignee", "")
        return cls(
            view=pick("view", VIEWS, "open"),
            q=params.get("q", "").strip()[:200],
            status=pick("status", Status.values),
            theme=pick("theme", Theme.values),
            channel=pick("channel", Channel.values),
            assignee=assignee if assignee == "none" or assignee.isdigit() else "",
            tag=params.get("tag", "").strip()[:40],
            sort=pick("sort", SORTS, "due"),
        )

    def as_query(self, **changes) -> str:
        from urllib.parse import urlencode

        values = {**self.__dict__, **changes}
        defaults = QueueFilter().__dict__
        return urlencode({k: v for k, v in values.items() if v and v != defaults.get(k)})


def queue(questions, *, status: str = "", theme: str = "", now=None) -> list[Question]:
    """Open questions of `questions`: overdue first, then by due moment; those waiting for the asker last."""
    now = now or timezone.now()
    questions = questions.filter(status__in=OPEN)
    if status:
        questions = questions.filter(status=status)
    if theme:
        questions = questions.filter(theme=theme)
    return list(_with_urgency(questions, now).order_by("-overdue", "urgency", "due_at", "pk"))


def queue_page(
    scope: Scope, user, filters: QueueFilter, *, page: str | int = 1, now=None, per_page: int = PAGE_SIZE
):
    """One page of the team's queue with `filters`; a constant number of queries whatever the page or the size."""
    now = now or timezone.now()
    questions = questions_visible_to(scope, user).filter(merged_into__isnull=True)
    if filters.view == "closed":
        questions = questions.filter(status=Status.CLOSED)
    elif filters.view != "all":
        questions = questions.filter(status__in=OPEN)
    if filters.view == "mine":
        questions = questions.filter(assignee=user)
    elif filters.view == "unassigned":
        questions = questions.filter(assignee__isnull=True)
    elif filters.view == "overdue":
        questions = questions.filter(status__in=CLOCK_RUNS, due_at__lt=now)
    if filters.status:
        questions = questions.filter(status=filters.status)
    if filters.theme:
        questions = questions.filter(theme=filters.theme)
    if filters.channel:
        questions = questions.filter(channel=filters.channel)
    if filters.assignee == "none":
        questions = questions.filter(assignee__isnull=True)
    elif filters.assignee:
        questions = questions.filter(assignee_id=int(filters.assignee))
    if filters.tag:
        questions = questions.filter(tags__name=filters.tag)
    if filters.q:
        text = filters.q.strip()
        questions = filter_all(
            questions,
            text,
            also=Q(reference__iexact=text)
            | Q(asker_email__iexact=text)
            | Q(organiser__name__icontains=text[:100]),
        )
    questions = _with_urgency(questions, now)
    order = SORTS.get(filters.sort) or ("-overdue", "urgency", "due_at", "pk")
    questions = questions.order_by(*order).prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name"))
    )
    paginator = Paginator(questions, per_page)
    return paginator.get_page(page)


def agent_counts(user, *, now=None) -> dict[str, int]:
    """The counts on an agent's home, in one query: theirs (and those with a reply waiting for them), nobody's,
    overdue and due within two hours."""
    now = now or timezone.now()
    return Question.objects.filter(status__in=OPEN, merged_into__isnull=True).aggregate(
        mine=Count("pk", filter=Q(assignee=user)),
        mine_replied=Count("pk", filter=Q(assignee=user, status=Status.NEW, first_answered_at__isnull=False)),
        unassigned=Count("pk", filter=Q(assignee__isnull=True)),
        overdue=Count("pk", filter=Q(status__in=CLOCK_RUNS, due_at__lt=now)),
        due_soon=Count("pk", filter=Q(status__in=CLOCK_RUNS, due_at__gte=now, due_at__lt=now + DUE_SOON)),
        total=Count("pk"),
    )


AUDIENCES = {
    "asker": (Visibility.PUBLIC,),
    "partner": (Visibility.PUBLIC, Visibility.PARTNER),
    "agent": (Visibility.PUBLIC, Visibility.PARTNER, Visibility.INTERNAL),
}


def thread(question: Question, *, audience: str):
    """The messages of a question that `audience` (asker, partner or agent) may read, with their files."""
    allowed = AUDIENCES[audience]
    return (
        question.messages.filter(visibility__in=allowed)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
    )


def question_files(question: Question):
    """The files sent with the question itself (not with a message): public."""
    return question.attachments.filter(message__isnull=True).order_by("pk")


def attachment_for(question: Question, pk: int, *, audience: str) -> Attachment:
    attachment = (
        Attachment.objects.filter(question=question, pk=pk)
        .filter(Q(message__isnull=True) | Q(message__visibility__in=AUDIENCES[audience]))
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def others_working_on(question: Question, user, *, now=None) -> list:
    """The other people who have had this question open in the last few minutes."""
    now = now or timezone.now()
    return [
        view.user
        for view in QuestionView.objects.filter(question=question, seen_at__gte=now - PRESENCE)
        .exclude(user=user)
        .select_related("user")
    ]


def same_asker(question: Question, *, limit: int = 10):
    """Other open questions of the same asker: candidates to merge."""
    return (
        Question.objects.filter(asker_email__iexact=question.asker_email, merged_into__isnull=True)
        .exclude(pk=question.pk)
        .exclude(status=Status.CLOSED)
        .order_by("-created_at")[:limit]
    )


def organiser_context(organiser) -> dict:
    """The agent's provider panel: the organiser's locations with free places counted exactly as the provider's own
    portal counts them (supply's selector), how fast it answers families, and its earlier questions."""
    if organiser is None:
        return {}
    panel = organiser_panel(organiser_id=organiser.pk)
    panel["earlier_questions"] = Question.objects.filter(organiser=organiser).count()
    return panel


def canned_answers(query: str = "", *, include_retired: bool = False):
    answers = CannedAnswer.objects.select_related("updated_by")
    if not include_retired:
        answers = answers.filter(retired=False)
    return filter_all(answers, query) if query else answers


def figures(*, months: int = 12, now=None) -> dict:
    from ..knowledge.selectors import deflection

    now = now or timezone.now()
    # The last `months` calendar months, this one included, from the first of the month (local time).
    first = add_months(timezone.localdate(now), 1 - months)
    since = timezone.make_aware(datetime.combine(first, time.min))
    questions = Question.objects.filter(created_at__gte=since).exclude(outcome=Outcome.MERGED)
    theme_labels = dict(Theme.choices)
    per_month: dict = {}
    for row in (
        questions.annotate(month=TruncMonth("created_at"))
        .values("month", "theme")
        .annotate(n=Count("pk"))
        .order_by("month")
    ):
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        per_month.setdefault(month, dict.fromkeys(theme_labels, 0))[row["theme"]] = row["n"]
    answered = list(
        questions.filter(first_answered_at__isnull=False).values_list("created_at", "first_answered_at")
    )
    closed_days = desk_closed_days(since.date(), now.date()) if answered else frozenset()
    hours = [business_seconds_between(asked, first, holidays=closed_days) / 3600 for asked, first in answered]
    closed = questions.filter(status=Status.CLOSED)
    n_closed = closed.count()
    n_article = closed.filter(outcome=Outcome.ARTICLE).count()
    referrals = list(
        questions.filter(partner__isnull=False)
        .values("partner__name")
        .annotate(n=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED)))
        .order_by("-n", "partner__name")
    )
    events = list(
        Event.objects.filter(starts_at__gte=since)
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            attended=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("starts_at")
    )
    for event in events:
        event.fill_rate = round(100 * event.confirmed / event.capacity) if event.capacity else 0
    return {
        "themes": list(theme_labels.items()),
        "per_month": [
            {"month": month, "counts": [counts[t] for t in theme_labels], "total": sum(counts.values())}
            for month, counts in sorted(per_month.items())
        ],
        "answered": len(hours),
        "hours_mean": round(statistics.mean(hours), 1) if hours else None,
        "hours_median": round(statistics.median(hours), 1) if hours else None,
        "closed": n_closed,
        "closed_by_article": n_article,
        "article_share": round(100 * n_article / n_closed) if n_closed else None,
        "referrals": referrals,
        "events": events,
        "deflection": deflection(since=since.date()),
    }


def questions_from(*, user_ids, emails):
    """Questions asked by one of these accounts or from one of these addresses."""
    if not emails and not user_ids:
        return Question.objects.none()
    same = Q(asker_id__in=user_ids)
    for email in emails:
        same |= Q(asker_email__iexact=email)
    return Question.objects.filter(same)
