"""What the allocation app holds about a family, for the family's download and for erasure (privacy registry)."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.core.preview import counted

from .models import Offer, Proposal, ReviewRequest


def export(family) -> dict:
    offers = Offer.objects.filter(request__child__family=family).select_related("location", "opening")
    return {
        _("Offers of a place"): [
            {
                _("location"): o.location.name,
                _("start"): f"{o.opening.start_month:%Y-%m}",
                _("status"): o.get_status_display(),
                _("offered at"): o.made_at,
                _("answer before"): o.deadline,
                _("answered at"): o.answered_at,
                _("reason for declining"): o.decline_reason,
            }
            for o in offers
        ],
        _("Requests for human review"): [
            {_("asked at"): r.asked_at, _("your question"): r.message, _("answer"): r.answer}
            for r in ReviewRequest.objects.filter(request__child__family=family)
        ],
    }


def anonymise(family) -> None:
    Offer.objects.filter(request__child__family=family).update(decline_reason="", direct_reason="")
    Proposal.objects.filter(request__child__family=family).update(refusal_reason="", priority_class="")
    ReviewRequest.objects.filter(request__child__family=family).update(message="", answer="")


def preview(family) -> list:
    offers = (
        Offer.objects.filter(request__child__family=family)
        .filter(~Q(decline_reason="") | ~Q(direct_reason=""))
        .count()
    )
    proposals = (
        Proposal.objects.filter(request__child__family=family)
        .filter(~Q(refusal_reason="") | ~Q(priority_class=""))
        .count()
    )
    reviews = ReviewRequest.objects.filter(request__child__family=family).count()
    return [
        *counted(
            offers,
            ngettext(
                "%(count)s offer: the reason it was given or declined.",
                "%(count)s offers: the reasons they were given or declined.",
                offers,
            ),
        ),
        *counted(
            proposals,
            ngettext(
                "%(count)s proposal: the priority group and the provider's reason.",
                "%(count)s proposals: the priority groups and the providers' reasons.",
                proposals,
            ),
        ),
        *counted(
            reviews,
            ngettext(
                "%(count)s request for human review: the question and the answer.",
                "%(count)s requests for human review: the questions and the answers.",
                reviews,
            ),
        ),
    ]
