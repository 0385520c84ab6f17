"""`{% allocation_explanations childcare_request %}`: why a request has (no) offer at each of its choices, in plain
language, from the last published round that held it, and the way to ask a person to look again (GDPR art. 22).
Shows only the family's own data; the families' status page includes it for each request."""

from django import template
from django.utils.translation import gettext_lazy as _

from ..explanations import explain_request
from ..forms import ReviewForm
from ..models import ReviewRequest
from ..selectors import latest_explanation

register = template.Library()

# The engine's mechanisms (`loket allocate --mechanism`), named for a desk worker.
MECHANISM_LABELS = {
    "da": _("Deferred acceptance: the rules"),
    "fcfs": _("First come, first served"),
    "boston": _("Immediate acceptance (Boston)"),
}


@register.filter
def mechanism_label(code: str) -> str:
    return MECHANISM_LABELS.get(code, code)


@register.inclusion_tag("allocation/_explanations_body.html")
def allocation_explanations(childcare_request):
    round_, explanation = latest_explanation(childcare_request) if childcare_request else (None, None)
    tie_break = round_.tie_break if round_ else "registered_at"
    return {
        "round": round_,
        "items": explain_request(explanation, tie_break=tie_break),
        "childcare_request": childcare_request,
        "reviews": ReviewRequest.objects.filter(request=childcare_request).order_by("asked_at"),
        "review_form": ReviewForm(auto_id=f"review-{childcare_request.pk}-%s"),
    }
