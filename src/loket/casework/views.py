"""Desk follow-up pages: queues, the case of one family, referrals (desk and partner side), the local consultation.
Views are thin: they narrow to the scope, validate a form and call a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.accounts.policies import allowed_to
from loket.audit.services import audit_record
from loket.demand.lifecycle import OPEN_STATUSES
from loket.demand.services import PRIORITY_FACTS, request_set_urgency

from . import forms, selectors, services
from .models import ConsultationAction, ReferralStatus, Task


def _family(request, reference):
    return get_object_or_404(selectors.families_of(request.scope), reference=reference)


def _request(request, pk):
    return get_object_or_404(selectors.requests_of(request.scope), pk=pk)


def _case_url(family) -> str:
    return reverse("casework:case", args=[family.reference])


def _desk_register_url() -> str:
    """The families app's registration at the desk (on a family's behalf), when it is installed."""
    try:
        return reverse("families:desk_register")
    except NoReverseMatch:
        return ""


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_page(request, *, form, title, submit, back_url, intro="", family=None, danger=False):
    return render(
        request,
        "casework/form_page.html",
        {
            "form": form,
            "title": title,
            "submit": submit,
            "back_url": back_url,
            "intro": intro,
            "family": family,
            "danger": danger,
        },
    )


# --- queues ---------------------------------------------------------------------------------------------------


@allowed_to("casework.work")
def queues(request):
    desks, desk = selectors.desk_chosen(request.scope, request.GET.get("desk"))
    queues_ = selectors.queue_counts(desk=desk) if desk else []
    return render(request, "casework/queues.html", {"desks": desks, "desk": desk, "queues": queues_})


@allowed_to("casework.work")
def queue(request, slug):
    if slug not in selectors.QUEUE_BY_SLUG:
        raise Http404
    desks, desk = selectors.desk_chosen(request.scope, request.GET.get("desk"))
    if desk is None:
        raise Http404
    rows = selectors.queue_requests(desk=desk, slug=slug)
    total = rows.count()
    return render(
        request,
        "casework/queue.html",
        {
            "desk": desk,
            "desks": desks,
            "queue": selectors.QUEUE_BY_SLUG[slug],
            "rows": rows[:200],
            "total": total,
            "slug": slug,
        },
    )


@allowed_to("casework.work")
def tasks(request):
    desks = selectors.desks_of(request.scope)
    mine = selectors.tasks_due(desks=desks, owner=request.user)
    others = selectors.tasks_due(desks=desks).exclude(owner=request.user)
    return render(request, "casework/tasks.html", {"mine": mine, "others": others})


# --- search ---------------------------------------------------------------------------------------------------

SEARCH_PAGE_SIZE = 20


@allowed_to("casework.work")
def search(request):
    """The search box on every desk page: a family's file by number, name, phone, e-mail, date of birth or postcode,
    only among the worker's desks. Each search is audited by what kinds of things were looked for, never the words."""
    form = forms.CaseSearchForm(request.GET if "q" in request.GET else None)
    page = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        parsed = form.parsed
        paginator = Paginator(selectors.case_search(request.scope, parsed), SEARCH_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("pagina"))
        desk_ids = sorted(request.scope.desk_ids)
        audit_record(
            actor=request.user,
            event="case.searched",
            desk_id=desk_ids[0] if len(desk_ids) == 1 else None,
            kinds=parsed.kinds,
            results=paginator.count,
            page=page.number,
        )
        rows = list(page.object_list)
        if parsed.reference and paginator.count == 1 and rows[0].reference == parsed.reference:
            return redirect(_case_url(rows[0]))  # the file number typed: straight to the file
        page.rows = rows
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "casework/search.html", {"form": form, "page": page}, status=status)


# --- the case -------------------------------------------------------------------------------------------------


@allowed_to("casework.work")
def case(request, reference):
    family = _family(request, reference)
    requests = list(
        selectors.requests_of(request.scope)
        .filter(child__family=family)
        .select_related("child", "facts_confirmed_by", "urgency_set_by")
        .prefetch_related("choices__location")
        .order_by("registered_at")
    )
    for r in requests:
        r.possible_duplicates = (
            list(selectors.possible_duplicates(request=r)) if r.status in OPEN_STATUSES else []
        )
        r.is_checked = hasattr(r, "desk_check") or r.facts_confirmed_at is not None
    audit_record(
        actor=request.user, event="case.viewed", obj=family, desk_id=family.desk_id, family_id=family.pk
    )
    return render(
        request,
        "casework/case.html",
        {
            "family": family,
            "guardians": family.guardians.all(),
            "requests": requests,
            "timeline": selectors.case_timeline(family=family),
            "offers": selectors.offers_of(family=family),
            "open_tasks": family.case_tasks.filter(done_at__isnull=True).select_related("owner"),
            "referrals": family.referrals.select_related("partner"),
            "open_statuses": OPEN_STATUSES,
            "register_url": _desk_register_url(),
        },
    )


def _family_form(request, reference, form_class, *, title, submit, save, setup=None, intro=""):
    family = _family(request, reference)
    form = form_class(request.POST or None)
    if "request" in form.fields:
        form.set_requests(selectors.requests_of(request.scope).filter(child__family=family))
    if setup:
        setup(form, family)
    if request.method == "POST" and form.is_valid():
        try:
            save(family, form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_case_url(family))
    return _form_page(
        request, form=form, title=title, submit=submit, back_url=_case_url(family), family=family, intro=intro
    )


@allowed_to("casework.work")
def note_add(request, reference):
    return _family_form(
        request,
        reference,
        forms.NoteForm,
        title=_("Add a note"),
        submit=_("Save the note"),
        save=lambda family, data: services.note_add(
            family=family, request=data["request"], text=data["text"], actor=request.user
        ),
    )


@allowed_to("casework.work")
def contact_add(request, reference):
    return _family_form(
        request,
        reference,
        forms.ContactForm,
        title=_("Log a contact moment"),
        submit=_("Save the contact"),
        save=lambda family, data: services.contact_log(family=family, actor=request.user, **data),
    )


@allowed_to("casework.work")
def task_add(request, reference):
    return _family_form(
        request,
        reference,
        forms.TaskForm,
        title=_("Add a task"),
        submit=_("Save the task"),
        setup=lambda form, family: form.set_owners(family.desk_id, preset=request.user),
        save=lambda family, data: services.task_add(family=family, actor=request.user, **data),
    )


@require_POST
@allowed_to("casework.work")
def task_done(request, pk):
    task = get_object_or_404(Task.objects.filter(family__in=selectors.families_of(request.scope)), pk=pk)
    services.task_complete(task=task, actor=request.user)
    messages.success(request, _("Task marked as done."))
    if request.POST.get("next") == reverse("casework:tasks"):
        return redirect("casework:tasks")
    return redirect(_case_url(task.family))


@allowed_to("casework.work")
def referral_add(request, reference):
    def save(family, data):
        services.referral_create(
            family=family,
            partner=data["partner"],
            need=data["need"],
            message=data["message"],
            share_contact=data["share_contact"],
            accompanied=data["accompanied"],
            consent_how=data["consent_how"],
            actor=request.user,
        )

    return _family_form(
        request,
        reference,
        forms.ReferralForm,
        title=_("Refer to a partner organisation"),
        submit=_("Send the referral"),
        setup=lambda form, family: form.set_partners(family.desk_id),
        save=save,
        intro=_(
            "The partner sees the need, your message and, if the family agrees, the parent's contact details. "
            "It never sees the childcare request or this file."
        ),
    )


# --- one request ------------------------------------------------------------------------------------------------


@allowed_to("casework.work")
def urgency(request, pk):
    childcare_request = _request(request, pk)
    family = childcare_request.child.family
    form = forms.UrgencyForm(request.POST or None)
    setting = not childcare_request.urgent
    if request.method == "POST" and form.is_valid():
        try:
            request_set_urgency(
                request=childcare_request,
                urgent=setting,
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Marked urgent.") if setting else _("Urgency lifted."))
            return redirect(_case_url(family))
    return _form_page(
        request,
        form=form,
        title=_("Mark this request urgent") if setting else _("Lift the urgency"),
        submit=_("Mark urgent") if setting else _("Lift the urgency"),
        back_url=_case_url(family),
        family=family,
        intro=_("An urgent request comes first in the desk's urgent queue.") if setting else "",
    )


@allowed_to("casework.work")
def facts(request, pk):
    childcare_request = _request(request, pk)
    family = childcare_request.child.family
    initial = {name: getattr(childcare_request, name) for name in PRIORITY_FACTS}
    initial["proof_seen"] = childcare_request.facts_proof_seen
    form = forms.FactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        proof_seen = data.pop("proof_seen")
        try:
            services.request_confirm_facts(
                request=childcare_request, facts=data, proof_seen=proof_seen, actor=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Priority facts confirmed."))
            return redirect(_case_url(family))
    return _form_page(
        request,
        form=form,
        title=_("Confirm the priority facts"),
        submit=_("Confirm"),
        back_url=_case_url(family),
        family=family,
        intro=_("Tick the facts you saw proof of. Proof is seen, never stored: write down where you saw it."),
    )


@require_POST
@allowed_to("casework.work")
def mark_checked(request, pk):
    childcare_request = _request(request, pk)
    services.request_mark_checked(request=childcare_request, actor=request.user)
    messages.success(request, _("Request marked as checked."))
    return redirect(_case_url(childcare_request.child.family))


@require_POST
@allowed_to("casework.work")
def reconfirm(request, pk):
    childcare_request = _request(request, pk)
    try:
        services.request_confirm_still_looking(request=childcare_request, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Recorded: the family is still looking."))
    return redirect(_case_url(childcare_request.child.family))


@allowed_to("casework.work")
def merge(request, pk, duplicate_pk):
    kept = _request(request, pk)
    duplicate = _request(request, duplicate_pk)
    family = kept.child.family
    form = forms.MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.requests_merge(kept=kept, duplicate=duplicate, actor=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The duplicate registration was merged."))
            return redirect(_case_url(family))
    earliest = min(kept.registered_at, duplicate.registered_at)
    return render(
        request,
        "casework/merge.html",
        {"form": form, "kept": kept, "duplicate": duplicate, "family": family, "earliest": earliest},
    )


# --- referrals: the desk's side -------------------------------------------------------------------------------


@allowed_to("casework.work")
def referrals(request):
    rows = selectors.referrals_for_desk(request.scope)
    status = request.GET.get("status", "")
    if status in ReferralStatus.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "casework/referrals.html",
        {"referrals": rows[:300], "statuses": ReferralStatus.choices, "status": status},
    )


@require_POST
@allowed_to("casework.work")
def referral_accompanied(request, pk):
    referral = get_object_or_404(selectors.referrals_for_desk(request.scope), pk=pk)
    services.referral_mark_accompanied(
        referral=referral, accompanied=request.POST.get("accompanied") == "1", actor=request.user
    )
    messages.success(request, _("Saved."))
    return redirect(_case_url(referral.family))


@allowed_to("casework.work")
def referral_cancel(request, pk):
    referral = get_object_or_404(selectors.referrals_for_desk(request.scope), pk=pk)
    form = forms.ReferralCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_cancel(
                referral=referral, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Referral cancelled."))
            return redirect(_case_url(referral.family))
    return _form_page(
        request,
        form=form,
        title=_("Cancel the referral"),
        submit=_("Cancel the referral"),
        back_url=_case_url(referral.family),
        family=referral.family,
        danger=True,
    )


# --- referrals: the partner's side ----------------------------------------------------------------------------


@allowed_to("referral.partner")
def partner_referrals(request):
    rows = selectors.partner_referral_order(selectors.referrals_for_partner(request.scope))
    return render(request, "casework/partner_referrals.html", {"referrals": rows[:300]})


@allowed_to("referral.partner")
def partner_referral(request, pk):
    referral = get_object_or_404(selectors.referrals_for_partner(request.scope), pk=pk)
    audit_record(
        actor=request.user,
        event="referral.viewed",
        obj=referral,
        desk_id=referral.desk_id,
        family_id=referral.family_id,
        partner=referral.partner_id,
    )
    return render(
        request,
        "casework/partner_referral.html",
        {"referral": referral, "close_form": forms.ReferralCloseForm()},
    )


@require_POST
@allowed_to("referral.partner")
def partner_referral_accept(request, pk):
    referral = get_object_or_404(selectors.referrals_for_partner(request.scope), pk=pk)
    try:
        services.referral_accept(referral=referral, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You accepted the referral. The desk sees this."))
    return redirect("casework:partner_referral", pk=referral.pk)


@allowed_to("referral.partner")
def partner_referral_close(request, pk):
    referral = get_object_or_404(selectors.referrals_for_partner(request.scope), pk=pk)
    form = forms.ReferralCloseForm(request.POST or None)
    back = reverse("casework:partner_referral", args=[referral.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_close(
                referral=referral,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The referral is closed. The desk sees the outcome."))
            return redirect(back)
    return _form_page(
        request, form=form, title=_("Close the referral"), submit=_("Close the referral"), back_url=back
    )


# --- local consultation -----------------------------------------------------------------------------------------


@allowed_to("consultation.manage")
def meetings(request):
    return render(request, "casework/meetings.html", {"meetings": selectors.meetings_of(request.scope)[:100]})


@allowed_to("consultation.manage")
def meeting_new(request):
    desks = selectors.desks_of(request.scope)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        desk = desks.filter(pk=request.POST.get("desk")).first() or desks.first()
        if desk is None:
            raise Http404
        meeting = services.meeting_record(desk=desk, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Meeting recorded. Add the follow-up actions below."))
        return redirect("casework:meeting", pk=meeting.pk)
    return _form_page(
        request,
        form=form,
        title=_("Record a meeting of the local consultation"),
        submit=_("Save the meeting"),
        back_url=reverse("casework:meetings"),
    )


@allowed_to("consultation.manage")
def meeting(request, pk):
    meeting = get_object_or_404(selectors.meetings_of(request.scope), pk=pk)
    return render(
        request,
        "casework/meeting.html",
        {"meeting": meeting, "actions": meeting.actions.all(), "action_form": forms.ActionForm()},
    )


@allowed_to("consultation.manage")
def meeting_edit(request, pk):
    meeting = get_object_or_404(selectors.meetings_of(request.scope), pk=pk)
    initial = {f: getattr(meeting, f) for f in ("held_on", "title", "participants", "decisions")}
    form = forms.MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("casework:meeting", pk=meeting.pk)
    return _form_page(
        request,
        form=form,
        title=_("Change the meeting"),
        submit=_("Save"),
        back_url=reverse("casework:meeting", args=[meeting.pk]),
    )


@allowed_to("consultation.manage")
def action_add(request, pk):
    meeting = get_object_or_404(selectors.meetings_of(request.scope), pk=pk)
    form = forms.ActionForm(request.POST or None)
    back = reverse("casework:meeting", args=[meeting.pk])
    if request.method == "POST" and form.is_valid():
        services.action_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Follow-up action added."))
        return redirect(back)
    return _form_page(request, form=form, title=_("Add a follow-up action"), submit=_("Add"), back_url=back)


@require_POST
@allowed_to("consultation.manage")
def action_done(request, pk):
    action = get_object_or_404(
        ConsultationAction.objects.filter(meeting__in=selectors.meetings_of(request.scope)), pk=pk
    )
    services.action_complete(action=action, actor=request.user)
    messages.success(request, _("Follow-up action marked as done."))
    return redirect("casework:meeting", pk=action.meeting_id)
