"""The registration as a series of question pages. The same pages serve a parent on the website and a desk worker
registering a family on its behalf (`mode`); answers are kept server-side in a `RegistrationDraft` after every page,
so going back, closing the browser or coming back tomorrow loses nothing."""

import secrets
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from loket.accounts.policies import scope_of
from loket.areas.selectors import desks_in_reach, postcode_by_pk
from loket.core.ratelimit import RateLimit
from loket.core.weekdays import WEEKDAY_NAMES
from loket.demand.choices import Channel
from loket.demand.priority import FACT_LABELS
from loket.demand.selectors import family_with_desk
from loket.demand.services import NewRequest
from loket.supply.selectors import locations_of_desk, locations_with_ids

from . import forms
from .models import RegistrationDraft, token_hash
from .services import ChildToRegister, Contact, Registration, registration_sent, registration_submit

REGISTRATION_LIMIT = RateLimit("families.registration", per_address=10, per_key=3, window=3600)

COOKIE = "loket_draft"


def _month(value) -> date | None:
    if not value:
        return None
    year, month = str(value).split("-")[:2]
    return date(int(year), int(month), 1)


COOKIE_DAYS = 30
WEB, DESK = RegistrationDraft.Mode.WEB, RegistrationDraft.Mode.DESK

STEP_TITLES = {
    "woonplaats": _("Where you live"),
    "kinderen": _("Your children"),
    "kind": _("About the child"),
    "opvang": _("When and which days"),
    "keuzes": _("Your choices"),
    "voorrang": _("Your situation"),
    "contact": _("How we reach you"),
    "controle": _("Check and send"),
}
ALL_STEPS = tuple(STEP_TITLES)
# The same pages at the desk: the worker registers the family, so the titles speak about the family.
DESK_STEP_TITLES = {
    "woonplaats": _("Where the family lives"),
    "kinderen": _("The family's children"),
    "kind": _("About the child"),
    "opvang": _("When and which days"),
    "keuzes": _("The family's choices"),
    "voorrang": _("The family's situation"),
    "contact": _("How to reach the family"),
    "controle": _("Check and register"),
}


def choice_search_context(
    request, *, desk_id, origin, children, earliest, latest, weekdays, accepted_tariffs, chosen
) -> dict:
    """The choice list's filter form (from the query string) and one page of the desk's locations the family may
    add, nearest first: for the registration's choice step and for changing choices later."""
    from loket.core.weekdays import to_mask

    from .selectors import ChoiceFilters, choosable_locations

    form = forms.ChoiceFilterForm(request.GET, accepted=accepted_tariffs)
    filters = form.filters()
    youngest = oldest = None
    if children and earliest and latest:
        youngest = min(child.age_months_on(earliest) for child in children)
        oldest = max(child.age_months_on(latest) for child in children)
    page_number = request.GET.get("pagina", "1")
    found = choosable_locations(
        desk_id=desk_id,
        origin=origin,
        filters=ChoiceFilters(
            max_km=filters["max_km"],
            tariffs=filters["tariffs"],
            weekdays_mask=to_mask(weekdays) if filters["my_days"] and weekdays else 0,
            youngest_months=youngest,
            oldest_months=oldest,
        ),
        exclude_ids=chosen,
        latest_start=latest,
        page=int(page_number) if page_number.isdigit() and len(page_number) < 6 else 1,
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return {
        "filter_form": form,
        "results": found,
        "origin": origin,
        "query": query.urlencode(),
        "age_range": (youngest, oldest),
    }


def _month(value: str) -> date:
    year, month = value.split("-")[:2]
    return date(int(year), int(month), 1)


def registration_from_draft(draft: RegistrationDraft) -> Registration:
    """The typed registration a finished draft describes: the one place that knows the wizard's pages and fields."""
    data = draft.data
    steps = data["steps"]
    contact = steps.get("contact", {})
    care = steps["opvang"]
    facts = steps["voorrang"]
    children = steps["kind"]
    at_desk = draft.mode == DESK
    sibling = facts.get("sibling_location")
    return Registration(
        postcode_id=data.get("postcode_id"),
        guardian=Contact(
            first_name=contact.get("first_name", ""),
            last_name=contact.get("last_name", ""),
            email=contact.get("email") or "",
            phone=contact.get("phone") or "",
            preferred_language=contact.get("preferred_language") or "",
            password_hash=(contact.get("password_hash") or "")
            if contact.get("sign_in") == "password"
            else "",
        ),
        children=tuple(
            ChildToRegister(
                first_name=children.get(f"c{n}_first_name") or "",
                born=children[f"c{n}_born"] == "yes",
                date=date.fromisoformat(children[f"c{n}_date"]),
                national_number=children.get(f"c{n}_national_number") or "",
            )
            for n in range(1, int(steps["kinderen"]["count"]) + 1)
        ),
        request=NewRequest(
            start_earliest=_month(care["start_earliest"]),
            start_latest=_month(care["start_latest"]),
            weekdays=tuple(int(d) for d in care["weekdays"]),
            location_ids=tuple(int(pk) for pk in data.get("choices", [])),
            accepts_income_tariff="income" in care["tariffs"],
            accepts_free_price="free" in care["tariffs"],
            **{name: bool(facts.get(name)) for name in forms.FactsForm.FACTS},
            sibling_location_ids=(int(sibling),) if sibling else (),
            channel=contact.get("channel", Channel.WEB) if at_desk else Channel.WEB,
            only_together=int(steps["kinderen"]["count"]) > 1 and bool(steps["kinderen"].get("together")),
        ),
        desk=draft.desk if at_desk else None,
    )


class Wizard:
    def __init__(self, request, mode: str):
        self.request = request
        self.mode = mode
        self.new_token = None
        self.family = None
        if mode == WEB and request.user.is_authenticated:
            family_ids = scope_of(request.user).family_ids
            if family_ids:
                self.family = family_with_desk(next(iter(family_ids)))

    @property
    def url_prefix(self) -> str:
        return "families:desk_register" if self.mode == DESK else "families:register"

    def title(self, step: str):
        return (DESK_STEP_TITLES if self.mode == DESK else STEP_TITLES)[step]

    def step_url(self, step: str) -> str:
        return reverse(f"{self.url_prefix}_step", args=[step])

    def steps(self) -> list[str]:
        if self.family is not None:
            return [s for s in ALL_STEPS if s not in ("woonplaats", "contact")]
        return list(ALL_STEPS)

    # The draft

    def _owner_filter(self):
        if self.mode == DESK:
            return {"user": self.request.user, "mode": DESK}
        if self.family is not None:
            return {"user": self.request.user, "mode": WEB}
        token = self.request.COOKIES.get(COOKIE, "")
        return {"token_hash": token_hash(token), "user": None, "mode": WEB} if token else None

    def draft(self, create: bool = False) -> RegistrationDraft | None:
        owner = self._owner_filter()
        found = RegistrationDraft.objects.filter(**owner).first() if owner else None
        if found is None and create:
            token = secrets.token_urlsafe(32)
            desk = None
            if self.mode == DESK:
                desk = desks_in_reach(self.request.scope.desk_ids).order_by("pk").first()
                if desk is None:  # a superuser without a desk: the first desk
                    desk = desks_in_reach().order_by("pk").first()
            elif self.family is not None:
                desk = self.family.desk
            found = RegistrationDraft.objects.create(
                token_hash=token_hash(token),
                user=self.request.user if (self.mode == DESK or self.family is not None) else None,
                mode=self.mode,
                desk=desk,
                data={"steps": {}, "choices": []},
            )
            if self.mode == WEB and self.family is None:
                self.new_token = token
        return found

    def finish_response(self, response):
        if self.new_token:
            response.set_cookie(
                COOKIE,
                self.new_token,
                max_age=COOKIE_DAYS * 24 * 3600,
                httponly=True,
                samesite="Lax",
                secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
            )
        return response

    # Locations the family may choose: the active ones of the draft's desk.

    def locations(self, draft):
        if draft.desk_id is None:
            return locations_with_ids(())
        return (
            locations_of_desk(desk=draft.desk_id)
            .select_related("municipality")
            .order_by("municipality__name", "name")
        )

    def children(self, draft) -> list:
        steps = draft.data["steps"]
        return forms.ChildDates.of_draft(
            steps.get("kind", {}), int(steps.get("kinderen", {}).get("count", 1))
        )

    # One page

    def form_for(self, step: str, draft, data=None):
        form = self._form_for(step, draft, data)
        if self.mode == DESK:
            forms.speak_to_worker(form)
        return form

    def _form_for(self, step: str, draft, data=None):
        answers = draft.data["steps"].get(step, {})
        initial = dict(answers)
        initial.pop("password_hash", None)
        kwargs = {"data": data, "initial": initial}
        if step == "woonplaats":
            return forms.PostcodeForm(desk=draft.desk if self.mode == DESK else None, **kwargs)
        if step == "kinderen":
            return forms.ChildrenCountForm(**kwargs)
        if step == "kind":
            count = int(draft.data["steps"].get("kinderen", {}).get("count", 1))
            return forms.ChildrenForm(count=count, registered_elsewhere_blocks=self.mode != DESK, **kwargs)
        if step == "opvang":
            if not answers:
                initial["tariffs"] = ["income", "free"]
            chosen = draft.data.get("choices", [])
            return forms.CareForm(
                children=self.children(draft),
                locations=locations_with_ids(chosen) if chosen else (),
                **kwargs,
            )
        if step == "voorrang":
            return forms.FactsForm(locations=self.locations(draft), **kwargs)
        if step == "contact":
            if not answers:
                initial["preferred_language"] = self.request.LANGUAGE_CODE
                initial["sign_in"] = "link"
            form_class = forms.DeskContactForm if self.mode == DESK else forms.ContactForm
            return form_class(**kwargs)
        if step == "controle":
            if self.mode == DESK:
                return forms.DeskConfirmForm(duplicates=self.likely_duplicates(draft), **kwargs)
            return forms.ConfirmForm(**kwargs)
        raise Http404

    def first_unanswered(self, draft, before: str | None = None) -> str | None:
        steps = self.steps()
        limit = steps.index(before) if before else len(steps)
        for step in steps[:limit]:
            if step == "controle":
                continue
            if step not in draft.data["steps"]:
                return step
        return None

    def handle(self, step: str):
        steps = self.steps()
        if step not in steps:
            raise Http404
        if step == "controle" and self.request.method == "POST":
            replayed = registration_sent(forms.submission_key_of(self.request.POST))
            if replayed is not None:
                # The same submit again (its answer was lost, or it was pressed twice): the registration it made.
                return self.registered_response(replayed)
        draft = self.draft(create=True)
        missing = self.first_unanswered(draft, before=step)
        if missing:
            return self.finish_response(redirect(self.step_url(missing)))
        if step == "keuzes":
            return self.finish_response(self.choices_page(draft))
        request = self.request
        form = self.form_for(step, draft, data=request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            if step == "controle":
                return self.submit(draft, form)
            self.save_answers(draft, step, form)
            if request.POST.get("back_to") == "controle" and not self.first_unanswered(
                draft, before="controle"
            ):
                return redirect(self.step_url("controle"))
            return self.finish_response(redirect(self.step_url(steps[steps.index(step) + 1])))
        context = self.context(draft, step)
        context["form"] = form
        if step == "controle":
            context["summary"] = self.summary(draft)
            context["duplicates"] = getattr(form, "duplicates", [])
        status = 400 if request.method == "POST" else 200
        return self.finish_response(render(request, f"families/register/{step}.html", context, status=status))

    def context(self, draft, step):
        steps = self.steps()
        index = steps.index(step)
        return {
            "mode": self.mode,
            "step": step,
            "step_title": self.title(step),
            "step_number": index + 1,
            "step_count": len(steps),
            "back_url": self.step_url(steps[index - 1]) if index else reverse(self.url_prefix),
            "back_to": self.request.GET.get("wijzig") and "controle",
            "desk": draft.desk,
        }

    def save_answers(self, draft, step, form):
        stored = {}
        for name, value in form.cleaned_data.items():
            if name == "password":
                continue
            if isinstance(value, date):
                value = (
                    value.strftime("%Y-%m")
                    if isinstance(form.fields[name], forms.MonthField)
                    else value.isoformat()
                )
            elif isinstance(value, list | tuple):
                value = [str(v) for v in value]
            elif value is not None and not isinstance(value, bool | str):
                value = str(value)
            stored[name] = value
        if step == "contact" and form.cleaned_data.get("sign_in") == "password":
            stored["password_hash"] = make_password(form.cleaned_data["password"])
        data = draft.data
        if step == "woonplaats":
            postcode = form.postcode_obj
            data["postcode_id"] = postcode.pk
            if self.mode == WEB and draft.desk_id != postcode.municipality.desk_id:
                draft.desk_id = postcode.municipality.desk_id
                data["choices"] = []  # another desk's locations
                data["steps"].pop("keuzes", None)
        if step == "kinderen" and data["steps"].get("kinderen", {}).get("count") != stored["count"]:
            data["steps"].pop("kind", None)
        data["steps"][step] = stored
        if step == "kind" and "opvang" in data["steps"]:
            # A changed (expected) birth date may put the chosen start before the birth: ask the months again.
            care = forms.CareForm(
                data=self._as_form_data(data["steps"]["opvang"]), children=self.children(draft)
            )
            if not care.is_valid():
                data["steps"].pop("opvang")
        draft.data = data
        draft.save()

    @staticmethod
    def _as_form_data(answers: dict):
        from django.http import QueryDict

        data = QueryDict(mutable=True)
        for name, value in answers.items():
            if isinstance(value, list):
                data.setlist(name, value)
            elif value is not None:
                data[name] = value
        return data

    def choice_search(self, draft, chosen: list[int]):
        """The filter form (from the query string) and one page of locations to add, nearest first."""
        steps = draft.data["steps"]
        care = steps.get("opvang", {})
        origin = None
        if draft.data.get("postcode_id"):
            origin = postcode_by_pk(draft.data["postcode_id"])
        elif self.family is not None:
            origin = self.family.postcode
        return choice_search_context(
            self.request,
            desk_id=draft.desk_id,
            origin=origin,
            children=self.children(draft),
            earliest=_month(care.get("start_earliest")),
            latest=_month(care.get("start_latest")),
            weekdays=[int(d) for d in care.get("weekdays", [])],
            accepted_tariffs=care.get("tariffs") or (),
            chosen=chosen,
        )

    def fits_the_children(self, draft, location) -> bool:
        care = draft.data["steps"].get("opvang", {})
        earliest, latest = _month(care.get("start_earliest")), _month(care.get("start_latest"))
        if not (earliest and latest):
            return True
        return all(child.fits(location, earliest, latest) for child in self.children(draft))

    # The ranked choices: move up/down and remove are buttons (no JavaScript needed); htmx swaps just the list.
    # Locations are added from a list nearest to the family first, filtered on the server and paged.

    def choices_page(self, draft):
        request = self.request
        desk_locations = self.locations(draft)
        chosen_ids = [int(pk) for pk in draft.data.get("choices", [])]
        by_pk = desk_locations.in_bulk(chosen_ids)
        chosen = [pk for pk in chosen_ids if pk in by_pk]
        max_choices = draft.desk.max_choices if draft.desk else 5
        add_form = forms.AddChoiceForm(data=request.POST if request.method == "POST" else None, locations=())
        status = 200
        back_query = request.GET.urlencode()
        if request.method == "POST":
            action = request.POST.get("action", "")
            verb = action.partition(":")[0]
            add_form.is_valid()
            add_form.errors.clear()
            chosen = forms.choices_press(
                action,
                selected=request.POST.get("location", ""),
                chosen=chosen,
                locations=desk_locations,
                by_pk=by_pk,
                max_choices=max_choices,
                fits=lambda location: self.fits_the_children(draft, location),
                form=add_form,
            )
            if verb == "next":
                if not chosen:
                    add_form.add_error(
                        "location",
                        _("Choose at least one location. Your first choice is the one you want most."),
                    )
                else:
                    draft.data["steps"]["keuzes"] = {"count": str(len(chosen))}
            draft.data["choices"] = chosen
            if not chosen:
                draft.data["steps"].pop("keuzes", None)
            draft.save()
            if add_form.errors:
                status = 400
            elif verb == "next":
                steps = self.steps()
                if request.POST.get("back_to") == "controle":
                    return redirect(self.step_url("controle"))
                return redirect(self.step_url(steps[steps.index("keuzes") + 1]))
            elif not request.headers.get("HX-Request"):
                query = request.GET.copy()
                if request.POST.get("back_to"):
                    query["wijzig"] = "1"
                anchor = "#keuzes" if verb != "add" else "#gekozen"
                return redirect(self.step_url("keuzes") + (f"?{query.urlencode()}" if query else "") + anchor)
        context = self.context(draft, "keuzes")
        context.update(
            form=add_form,
            chosen=[by_pk[pk] for pk in chosen],
            max_choices=max_choices,
            can_add=len(chosen) < max_choices,
            back_query=back_query,
            **self.choice_search(draft, chosen),
        )
        return render(request, "families/register/keuzes.html", context, status=status)

    def summary(self, draft):
        """The answers, page by page, for the check page (with a link to change each)."""
        steps = draft.data["steps"]
        locations = locations_with_ids(draft.data.get("choices", [])).in_bulk()
        rows = []

        def add(step, label, value, *, ranked=False, ltr=False):
            entries = value if isinstance(value, list) else None
            rows.append(
                {
                    "step": step,
                    "label": label,
                    "value": "" if entries is not None else value,
                    "entries": entries,
                    "ranked": ranked,  # a numbered list (the choices); other lists are bullets
                    "ltr": ltr,  # numbers and addresses stay left to right inside Arabic text
                    "url": self.step_url(step) + "?wijzig=1",
                }
            )

        def month(value: str) -> str:
            year, number = value.split("-")
            return date_format(date(int(year), int(number), 1), "YEAR_MONTH_FORMAT")

        if "woonplaats" in steps:
            add("woonplaats", _("Postcode"), steps["woonplaats"]["postcode"], ltr=True)
        kind = steps.get("kind", {})
        for n in range(1, int(steps.get("kinderen", {}).get("count", 1)) + 1):
            born = kind.get(f"c{n}_born") == "yes"
            name = kind.get(f"c{n}_first_name") or _("Expected child")
            when = date.fromisoformat(kind[f"c{n}_date"]) if kind.get(f"c{n}_date") else None
            value = (_("%(name)s, born on %(date)s") if born else _("%(name)s, expected on %(date)s")) % {
                "name": name,
                "date": date_format(when, "DATE_FORMAT") if when else "",
            }
            add(
                "kind",
                _("Child %(n)d") % {"n": n} if int(steps["kinderen"]["count"]) > 1 else _("Child"),
                value,
            )
        if int(steps.get("kinderen", {}).get("count", 1)) > 1:
            add(
                "kinderen",
                _("Only a place for all of them together"),
                _("Yes") if steps["kinderen"].get("together") else _("No"),
            )
        care = steps.get("opvang", {})
        if care:
            add(
                "opvang",
                _("Start between"),
                f"{month(care['start_earliest'])} – {month(care['start_latest'])}",
            )
            add("opvang", _("Days"), ", ".join(str(WEEKDAY_NAMES[int(d)]) for d in care["weekdays"]))
            add(
                "opvang",
                _("Prices the family accepts") if self.mode == DESK else _("Prices you accept"),
                [str(label) for key, label in forms.TARIFF_CHOICES if key in care["tariffs"]],
            )
        add(
            "keuzes",
            self.title("keuzes"),
            [locations[pk].name for pk in draft.data.get("choices", []) if pk in locations],
            ranked=True,
        )
        facts = steps.get("voorrang", {})
        applies = [str(FACT_LABELS[name]) for name in forms.FactsForm.FACTS if facts.get(name)]
        add("voorrang", self.title("voorrang"), applies or [str(_("None of these"))])
        contact = steps.get("contact")
        if contact:
            add("contact", _("Name"), f"{contact['first_name']} {contact['last_name']}")
            add("contact", _("E-mail address"), contact.get("email") or "–", ltr=True)
            add("contact", _("Phone number"), contact.get("phone") or "–", ltr=True)
            add("contact", _("Language"), dict(settings.LANGUAGES).get(contact.get("preferred_language"), ""))
        return rows

    def likely_duplicates(self, draft) -> list:
        """At the desk, before saving: open requests of the desk that look like a child of this draft (the same
        national number, or first name and date with a parent of the same name, phone or e-mail)."""
        from loket.demand.identity import national_number_hash
        from loket.demand.selectors import likely_registered

        steps = draft.data["steps"]
        kind = steps.get("kind", {})
        children = []
        for n in range(1, int(steps.get("kinderen", {}).get("count", 1)) + 1):
            number = kind.get(f"c{n}_national_number") or ""
            children.append(
                {
                    "first_name": kind.get(f"c{n}_first_name") or "",
                    "date": kind.get(f"c{n}_date"),
                    "national_number_hash": national_number_hash(number) if number else "",
                }
            )
        return list(
            likely_registered(desk_ids=[draft.desk_id], children=children, guardian=steps.get("contact", {}))
        )

    def submit(self, draft, form=None):
        request = self.request
        missing = self.first_unanswered(draft, before="controle")
        if missing:
            return redirect(self.step_url(missing))
        if self.mode == WEB:
            # Every registration mails the family: a few per address and per e-mail an hour (settings, operations.md).
            email = draft.data.get("steps", {}).get("contact", {}).get("email") or None
            wait = REGISTRATION_LIMIT.attempt(request, key=email)
            if wait:
                # The answers stay in the draft: the parent sends the same page again later.
                messages.error(request, REGISTRATION_LIMIT.message(wait))
                return redirect(self.step_url("controle"))
        result = registration_submit(
            registration=registration_from_draft(draft),
            draft=draft,
            actor=request.user if request.user.is_authenticated else None,
            family=self.family,
            urgency_reason=(
                form.cleaned_data["urgency_reason"].strip()
                if self.mode == DESK and form is not None and form.cleaned_data.get("urgent")
                else ""
            ),
            submission_key=form.cleaned_data.get("submission_key", "") if form is not None else "",
        )
        return self.registered_response(result)

    def registered_response(self, result):
        """The done page of a registration. A repeated submit (`result.replayed`) shows the same file number, but
        signs nobody in: only the submit that made the account does."""
        request = self.request
        request.session["registered"] = {
            "reference": result.family.reference,
            "requests": [r.pk for r in result.requests],
            "access_code": result.access_code,
        }
        if self.mode == WEB and self.family is None and result.user is not None and not result.replayed:
            login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
            request.session["registered"] = {
                "reference": result.family.reference,
                "requests": [r.pk for r in result.requests],
                "access_code": "",
            }
        response = redirect(reverse(f"{self.url_prefix}_done"))
        if self.mode == WEB:
            response.delete_cookie(COOKIE)
        return response
