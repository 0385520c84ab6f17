"""The directory of the local network ("sociale kaart"): search, filter by need, edit."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from loket.accounts.policies import allowed_to
from loket.areas.selectors import desks_in_reach, municipalities_of_desks

from . import selectors, services
from .forms import DirectorySearchForm, PartnerEntryForm


def _desks(scope):
    return desks_in_reach(None if scope.is_superuser else scope.desk_ids)


@allowed_to("network.directory")
def directory(request):
    form = DirectorySearchForm(request.GET or None)
    query, need = "", ""
    if form.is_valid():
        query, need = form.cleaned_data["q"], form.cleaned_data["need"]
    partners = selectors.directory(scope=request.scope, query=query, need=need)
    editable = set(selectors.partners_editable_by(request.scope).values_list("pk", flat=True))
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "partners": partners,
            "editable": editable,
            "searched": bool(query or need),
            "may_add": request.scope.may("network.add"),
        },
    )


@allowed_to("network.directory")
def entry(request, pk):
    partner = get_object_or_404(selectors.partners_visible_to(request.scope), pk=pk)
    may_edit = selectors.partners_editable_by(request.scope).filter(pk=pk).exists()
    return render(request, "network/entry.html", {"partner": partner, "may_edit": may_edit})


def _edit(request, partner, *, desk=None):
    area_desks = [desk] if desk else list(partner.desks.all())
    municipalities = municipalities_of_desks([d.pk for d in area_desks])
    initial = PartnerEntryForm.initial_for(partner) if partner else {"listed": True}
    form = PartnerEntryForm(request.POST or None, initial=initial, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        partner = services.partner_save_entry(
            partner=partner, data=form.cleaned_data, actor=request.user, desk=desk
        )
        messages.success(request, _("The directory entry is saved."))
        return redirect("casework:network:entry", pk=partner.pk)
    back = (
        reverse("casework:network:entry", args=[partner.pk])
        if partner
        else reverse("casework:network:directory")
    )
    return render(request, "network/entry_form.html", {"form": form, "partner": partner, "back_url": back})


@allowed_to("network.add")
def entry_new(request):
    desks = _desks(request.scope)
    desk = desks.filter(pk=request.GET.get("desk") or request.POST.get("desk") or 0).first() or desks.first()
    if desk is None:
        raise Http404
    return _edit(request, None, desk=desk)


@allowed_to("network.edit")
def entry_edit(request, pk):
    partner = get_object_or_404(selectors.partners_editable_by(request.scope), pk=pk)
    return _edit(request, partner)


@allowed_to("network.edit_own")
def my_entry(request):
    own = sorted(request.scope.partner_ids)
    if not own:
        raise Http404
    return redirect("casework:network:entry_edit", pk=own[0])
