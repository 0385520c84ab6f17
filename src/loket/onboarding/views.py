"""Desk onboarding: the regional agency (or an installation administrator) starts a desk for one or more municipalities
from the reference data, imports its locations and invites its first administrator; the desk administrator then keeps
the desk's texts, identity and details. Views are thin: the areas, supply, allocation and accounts services write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from loket.accounts.choices import Role
from loket.accounts.policies import allowed_to
from loket.accounts.selectors import people_with_role
from loket.accounts.services import staff_invite
from loket.allocation.policy import policy_for_desk
from loket.allocation.services import desk_policy_create
from loket.areas import selectors as areas
from loket.areas import services as desks
from loket.core.csv_input import decode_upload, read_rows
from loket.core.uploads import accepts_upload
from loket.supply import services as supply
from loket.supply.forms import attach_errors
from loket.supply.location_import import COLUMNS
from loket.supply.selectors import location_counts_by_desk, locations_of_desk

from . import forms
from .policies import desk_for_setup, is_agency, require_agency


@allowed_to("onboarding.create_desk")
def desk_list(request):
    require_agency(request.scope)
    rows = list(areas.desks_with_municipality_count())
    locations = location_counts_by_desk()
    for desk in rows:
        desk.n_locations = locations.get(desk.pk, 0)
    return render(request, "onboarding/desk_list.html", {"desks": rows})


@allowed_to("onboarding.create_desk")
@require_http_methods(["GET", "POST"])
def desk_new(request):
    require_agency(request.scope)
    references = areas.reference_municipalities_unserved()
    form = forms.DeskCreateForm(request.POST or None, references=references)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                desk = desks.desk_create(
                    actor=request.user,
                    nis_codes=data["municipalities"],
                    **{f: data[f] for f in forms.DETAIL_FIELDS if f != "name"},
                    name=data["name"],
                )
                desk_policy_create(desk=desk, actor=request.user, effective_from=data["policy_from"])
                if data["neighbourhoods_from_postcodes"]:
                    desks.neighbourhoods_from_postcodes(desk=desk, actor=request.user)
        except ValidationError as error:
            attach_errors(form, error, renames={"slug": "name"})
        else:
            messages.success(request, _("The desk %(name)s was created.") % {"name": desk.name})
            return redirect("onboarding:desk", slug=desk.slug)
    return render(request, "onboarding/desk_new.html", {"form": form})


@allowed_to("onboarding.set_up_desk")
def desk_setup(request, slug):
    desk = desk_for_setup(request, slug)
    texts = areas.desk_texts_by_language(desk=desk)

    context = {
        "desk": desk,
        "agency": is_agency(request.scope),
        "municipalities": desk.municipalities.annotate(n_postcodes=Count("postcodes")).order_by("name"),
        "n_neighbourhoods": areas.neighbourhoods_of_desks([desk.pk]).count(),
        "n_locations": locations_of_desk(desk=desk).count(),
        **areas.desk_postcode_counts(desk=desk),
        "policy": policy_for_desk(desk, timezone.localdate()),
        "text_languages": [code for code, row in texts.items() if row.opening_hours or row.introduction],
        "admins": people_with_role(Role.DESK_ADMIN, desk_id=desk.pk),
    }
    return render(request, "onboarding/desk_setup.html", context)


@allowed_to("onboarding.set_up_desk")
@require_http_methods(["GET", "POST"])
def desk_details(request, slug):
    desk = desk_for_setup(request, slug)
    initial = {f: getattr(desk, f) for f in forms.DETAIL_FIELDS}
    form = forms.DeskDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            desks.desk_settings_change(desk=desk, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The desk's details were saved."))
            return redirect("onboarding:desk", slug=desk.slug)
    return render(request, "onboarding/desk_details.html", {"desk": desk, "form": form})


@allowed_to("onboarding.set_up_desk")
@require_http_methods(["GET", "POST"])
def desk_texts(request, slug):
    desk = desk_for_setup(request, slug)
    form = forms.DeskTextsForm(request.POST or None, initial_texts=areas.desk_texts_by_language(desk=desk))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for code, _name, _fields in form.languages:
                desks.desk_texts_set(desk=desk, actor=request.user, language=code, **form.texts(code))
        messages.success(request, _("The desk's texts were saved."))
        return redirect("onboarding:desk", slug=desk.slug)
    return render(request, "onboarding/desk_texts.html", {"desk": desk, "form": form})


@accepts_upload
@allowed_to("onboarding.set_up_desk")
@require_http_methods(["GET", "POST"])
def desk_identity(request, slug):
    desk = desk_for_setup(request, slug)
    form = forms.DeskIdentityForm(
        request.POST or None, request.FILES or None, initial={"colour": desk.colour}
    )
    if request.method == "POST" and form.is_valid():
        try:
            change = desks.desk_identity_set(
                desk=desk,
                actor=request.user,
                colour=form.cleaned_data["colour"],
                logo=form.cleaned_data["logo"],
                remove_logo=form.cleaned_data["remove_logo"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if change.colour_asked:
                messages.info(
                    request,
                    _(
                        "White text is hard to read on %(asked)s, so the desk uses the darker %(used)s "
                        "(contrast at least 4.5:1)."
                    )
                    % {"asked": change.colour_asked, "used": change.desk.colour},
                )
            messages.success(request, _("The desk's colour and logo were saved."))
            return redirect("onboarding:desk", slug=desk.slug)
    return render(request, "onboarding/desk_identity.html", {"desk": desk, "form": form})


@accepts_upload
@allowed_to("onboarding.set_up_desk")
@require_http_methods(["GET", "POST"])
def neighbourhoods(request, slug):
    desk = desk_for_setup(request, slug)
    form = forms.CsvFileForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and "from_postcodes" in request.POST:
        added = desks.neighbourhoods_from_postcodes(desk=desk, actor=request.user)
        messages.success(
            request,
            ngettext("%(n)s neighbourhood was added.", "%(n)s neighbourhoods were added.", added)
            % {"n": added},
        )
        return redirect("onboarding:neighbourhoods", slug=desk.slug)
    if request.method == "POST" and form.is_valid():
        try:
            rows = [
                desks.NeighbourhoodRow(
                    line=line,
                    nis_code=row["nis_code"],
                    code=row["code"],
                    name=row["name"],
                    postcodes=tuple(row.get("postcodes", "").split()),
                )
                for line, row in read_rows(
                    decode_upload(form.cleaned_data["file"]), required=("nis_code", "code", "name")
                )
            ]
            created, updated = desks.neighbourhoods_import(desk=desk, actor=request.user, rows=rows)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _("%(created)s neighbourhoods added, %(updated)s renamed.")
                % {"created": created, "updated": updated},
            )
            return redirect("onboarding:neighbourhoods", slug=desk.slug)
    listed = areas.neighbourhoods_of_desks([desk.pk]).annotate(n_postcodes=Count("postcodes"))
    return render(
        request,
        "onboarding/neighbourhoods.html",
        {"desk": desk, "form": form, "problems": problems, "neighbourhoods": listed},
    )


@accepts_upload
@allowed_to("onboarding.set_up_desk")
@require_http_methods(["GET", "POST"])
def locations_import(request, slug):
    """Upload → dry run (nothing saved) → import. The checked file travels back with the confirmation and is checked
    again before anything is written."""
    desk = desk_for_setup(request, slug)
    context = {"desk": desk, "columns": COLUMNS, "form": forms.CsvFileForm()}
    if request.method == "POST" and "text" in request.POST:
        confirm = forms.ConfirmImportForm(request.POST)
        if confirm.is_valid():
            try:
                plan = supply.location_import_apply(
                    desk=desk, text=confirm.cleaned_data["text"], actor=request.user
                )
            except ValidationError as error:
                context["problems"] = error.messages
            else:
                return render(request, "onboarding/locations_done.html", {"desk": desk, "plan": plan})
    elif request.method == "POST":
        form = forms.CsvFileForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            try:
                text = decode_upload(form.cleaned_data["file"])
                context["plan"] = supply.location_import_plan(desk=desk, text=text)
                context["text"] = text
            except ValidationError as error:
                form.add_error("file", error)
    return render(request, "onboarding/locations_import.html", context)


@allowed_to("onboarding.create_desk")
@require_http_methods(["GET", "POST"])
def invite_admin(request, slug):
    require_agency(request.scope)
    desk = desk_for_setup(request, slug)
    form = forms.InviteForm(request.POST or None, initial={"language": "nl"})
    if request.method == "POST" and form.is_valid():
        staff_invite(
            actor=request.user,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=Role.DESK_ADMIN,
            desk=desk,
            preferred_language=form.cleaned_data["language"],
        )
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("onboarding:desk", slug=desk.slug)
    return render(request, "onboarding/invite_admin.html", {"desk": desk, "form": form})
