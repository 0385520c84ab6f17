"""`{% allocation_explanations childcare_request %}`: why a request has (no) offer at each of its choices, in plain
language, from the last published round that held it. Shows only the family's own data."""

from django import template

from ..explanations import explain_request
from ..selectors import latest_explanation

register = template.Library()


@register.inclusion_tag("allocation/_explanations_body.html")
def allocation_explanations(childcare_request):
    round_, explanation = latest_explanation(childcare_request) if childcare_request else (None, None)
    tie_break = round_.instance["policy"].get("tie_break", "registered_at") if round_ else "registered_at"
    return {
        "round": round_,
        "items": explain_request(explanation, tie_break=tie_break),
        "childcare_request": childcare_request,
    }
