"""The family's own privacy page: who viewed the file, download everything, ask for erasure."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from loket.accounts.policies import allowed_to
from loket.areas.selectors import desk_for_public_page, desks_in_reach
from loket.demand.selectors import families_visible_to

from . import services
from .forms import ErasureConfirmForm, ErasureForm
from .models import ErasureRequest
from .pdf import export_pdf


def _own_family(request):
    return get_object_or_404(families_visible_to(request.scope), pk__in=request.scope.family_ids)


@allowed_to("family.home")
def my_data(request):
    family = _own_family(request)
    return render(
        request,
        "privacy/my_data.html",
        {
            "family": family,
            "viewers": services.family_viewers(family=family),
            "form": ErasureForm(),
            "erasure_requests": family.erasure_requests.all(),
        },
    )


@allowed_to("family.home")
def download_json(request):
    family = _own_family(request)
    sections = services.family_export(family=family, actor=request.user)
    response = HttpResponse(
        json.dumps(
            {str(k): v for k, v in sections.items()}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        ),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="loket-{family.reference}.json"'
    return response


@allowed_to("family.home")
def download_pdf(request):
    family = _own_family(request)
    # One transaction: a download that fails is not recorded as exported.
    with transaction.atomic():
        sections = services.family_export(family=family, actor=request.user)
        pdf = export_pdf(
            sections=sections,
            title=_("Your data at Loket — file %(reference)s") % {"reference": family.reference},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="loket-{family.reference}.pdf"'
    return response


@require_POST
@allowed_to("family.home")
def ask_erasure(request):
    family = _own_family(request)
    form = ErasureForm(request.POST)
    if form.is_valid():
        services.erasure_request_create(
            family=family, actor=request.user, message=form.cleaned_data["message"]
        )
        messages.success(request, _("We received your request. The desk answers within one month."))
        return redirect("privacy:my_data")
    return render(
        request,
        "privacy/my_data.html",
        {
            "family": family,
            "form": form,
            "viewers": services.family_viewers(family=family),
            "erasure_requests": family.erasure_requests.all(),
        },
    )


@require_GET
def statement(request):
    """The privacy statement of the desk the page speaks for, generated from its settings and the data inventory."""
    desk = desk_for_public_page(request)
    return render(
        request,
        "privacy/statement.html",
        {
            "desk": desk,
            "desks": desks_in_reach() if desk is None else (),
            "kinds": services.data_kinds_for(desk=desk),
        },
    )


# --- the desk administrator: erasure requests, a preview of what will be wiped, and the confirmation -----------------


def _erasures(request):
    return ErasureRequest.objects.filter(
        desk_id__in=request.scope.desk_ids_for("privacy.erasure")
    ).select_related("family", "desk", "handled_by")


@allowed_to("privacy.erasure")
def erasure_requests(request):
    erasures = _erasures(request)
    page = Paginator(erasures, 50).get_page(request.GET.get("pagina"))
    return render(request, "privacy/erasure_requests.html", {"page": page})


@allowed_to("privacy.erasure")
def erasure_request(request, pk: int):
    """The preview (counts per kind, in plain words) and, after the administrator confirms, the erasure itself."""
    erasure = get_object_or_404(_erasures(request), pk=pk)
    form = ErasureConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and erasure.status == ErasureRequest.Status.RECEIVED and form.is_valid():
        try:
            services.erasure_request_carry_out(erasure=erasure, actor=request.user)
        except ValueError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The family's data has been erased."))
            return redirect("privacy_desk:erasure_requests")
    return render(
        request,
        "privacy/erasure_request.html",
        {
            "erasure": erasure,
            "form": form,
            "preview": services.erasure_preview(family=erasure.family)
            if erasure.status == ErasureRequest.Status.RECEIVED
            else [],
            "blocker": services.erasure_blocker(erasure.family),
        },
        status=400 if form.errors else 200,
    )
