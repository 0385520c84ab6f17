"""The registration's question pages, one group of questions per page, plus the forms of the status page.

Every question says why it is asked and who sees the answer (in its hint). Error messages say what to do."""

import re
import secrets
from dataclasses import dataclass
from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from loket.accounts.selectors import person_by_email
from loket.areas.selectors import postcode_by_code
from loket.core.months import add_months, months_between
from loket.core.weekdays import WEEKDAY_NAMES
from loket.demand.choices import Channel
from loket.demand.identity import national_number_hash
from loket.demand.priority import FACT_LABELS
from loket.demand.selectors import national_number_registered

MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
MONTH_RE_EU = re.compile(r"^\s*(\d{1,2})[/.-](\d{4})\s*$")


class MonthField(forms.CharField):
    """A month (YYYY-MM). Browsers with a month picker show one; others get a plain text box.

    Bounded to the years a childcare start can fall in, so that no month arithmetic downstream ever leaves the
    calendar (`9999-12` plus two years, `0001-01` minus a month)."""

    FIRST_YEAR, LAST_YEAR = 2000, 2100
    widget = forms.TextInput(attrs={"type": "month", "inputmode": "numeric"})
    default_error_messages = {
        "invalid": _("Enter a month as year and month, for example 2027-03."),
        "out_of_range": _("Enter a month in the coming years, for example 2027-03."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if len(value) > 20:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        match = MONTH_RE.match(value)
        if match:
            year, month = int(match[1]), int(match[2])
        else:
            match = MONTH_RE_EU.match(value)
            if not match:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            month, year = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.FIRST_YEAR <= year <= self.LAST_YEAR:
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return date(year, month, 1)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label=_("What is your postcode?"),
        help_text=_(
            "We use it to find your local childcare desk and the childcare near your home. The desk sees it."
        ),
        max_length=10,
        error_messages={"required": _("Enter your postcode, for example 9800.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, desk=None, **kwargs):
        self.desk = desk
        super().__init__(*args, **kwargs)

    def clean_postcode(self):
        code = re.sub(r"\D", "", self.cleaned_data["postcode"])
        if len(code) != 4:
            raise ValidationError(_("A Belgian postcode has 4 digits, for example 9800."))
        postcode = postcode_by_code(code, desk=self.desk)
        if postcode is None:
            raise ValidationError(
                _(
                    "This desk does not serve postcode %(code)s. Ask the childcare desk of your own municipality."
                ),
                params={"code": code},
            )
        self.postcode_obj = postcode
        return code


class ChildrenCountForm(forms.Form):
    count = forms.TypedChoiceField(
        label=_("How many children do you want to register?"),
        help_text=_(
            "Twins, or brothers and sisters who need childcare from the same time, can be registered together."
        ),
        choices=[
            ("1", _("One child")),
            ("2", _("Two children (for example twins)")),
            ("3", _("Three children")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how many children you want to register.")},
    )
    together = forms.BooleanField(
        label=_("Only a place for all of them together"),
        help_text=_(
            "Only if you register two or three children. The children then keep the same choices, days and start, "
            "and the desk knows you want a place for all of them at the same location."
        ),
        required=False,
    )


class ChildrenForm(forms.Form):
    """The child or children: born (date of birth) or expected (due date); national register number optional."""

    def __init__(self, *args, count: int = 1, registered_elsewhere_blocks: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count
        # At the desk a child already registered is a warning on the check page (with a link to that file), not a
        # dead end: the worker decides.
        self.registered_elsewhere_blocks = registered_elsewhere_blocks
        for n in range(1, count + 1):
            self.fields[f"c{n}_first_name"] = forms.CharField(
                label=_("First name"),
                help_text=_("Leave empty if the child is not born yet."),
                required=False,
                max_length=100,
            )
            self.fields[f"c{n}_born"] = forms.ChoiceField(
                label=_("Is the child born?"),
                choices=[("yes", _("Yes")), ("no", _("No, we are expecting the child"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Say whether the child is born.")},
            )
            self.fields[f"c{n}_date"] = forms.DateField(
                label=_("Date of birth, or expected date of birth"),
                help_text=_("The age decides which places fit. Providers see the age, not the date."),
                widget=DATE_WIDGET,
                error_messages={
                    "required": _("Enter the date of birth or the expected date of birth."),
                    "invalid": _("Enter a real date, for example 2026-09-14."),
                },
            )
            self.fields[f"c{n}_national_number"] = forms.CharField(
                label=_("National register number (optional)"),
                help_text=_(
                    "Only to make sure the same child is not registered twice. We never store the number itself."
                ),
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            )

    def groups(self):
        return [
            {
                "n": n,
                "fields": [
                    self[f"c{n}_first_name"],
                    self[f"c{n}_born"],
                    self[f"c{n}_date"],
                    self[f"c{n}_national_number"],
                ],
            }
            for n in range(1, self.count + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        hashes = []
        for n in range(1, self.count + 1):
            born, when = cleaned.get(f"c{n}_born"), cleaned.get(f"c{n}_date")
            if born == "yes" and when:
                if when > today:
                    self.add_error(f"c{n}_date", _("A date of birth cannot be in the future."))
                elif when < add_months(today, -48):
                    self.add_error(
                        f"c{n}_date",
                        _("Childcare for babies and toddlers is for children under 3. Check the date."),
                    )
            elif born == "no" and when and (when < today.replace(day=1) or when > add_months(today, 10)):
                self.add_error(
                    f"c{n}_date",
                    _("An expected date of birth lies in the coming 9 months. Check the date."),
                )
            number = cleaned.get(f"c{n}_national_number")
            if number:
                try:
                    digest = national_number_hash(number)
                except ValidationError as error:
                    self.add_error(f"c{n}_national_number", error)
                else:
                    if digest in hashes or (
                        self.registered_elsewhere_blocks and national_number_registered(digest)
                    ):
                        self.add_error(
                            f"c{n}_national_number",
                            _(
                                "This child is already registered. Sign in to follow that request, or call the desk."
                            ),
                        )
                    hashes.append(digest)
        return cleaned


# A start can be asked for at most this many months ahead; childcare for babies and toddlers ends at age 3.
MAX_MONTHS_AHEAD = 36
CHILDCARE_AGE_LIMIT_MONTHS = 36


def first_month_after_birth(day: date) -> date:
    """The first start month on or after a (expected) birth: the month itself when born on its first day."""
    return day if day.day == 1 else add_months(day, 1)


@dataclass(frozen=True)
class ChildDates:
    """What the start and the choices are checked against: the date of birth, or the expected date."""

    day: date
    born: bool

    def age_months_on(self, month: date) -> int:
        return months_between(self.day, month)

    def fits(self, location, earliest: date, latest: date) -> bool:
        """Whether the location takes the child at some start month between `earliest` and `latest`."""
        youngest, oldest = self.age_months_on(earliest), self.age_months_on(latest)
        return oldest >= location.age_min_months and youngest <= location.age_max_months

    @classmethod
    def of_draft(cls, kind_answers: dict, count: int) -> list["ChildDates"]:
        found = []
        for n in range(1, count + 1):
            when = kind_answers.get(f"c{n}_date")
            if when:
                found.append(cls(date.fromisoformat(when), kind_answers.get(f"c{n}_born") == "yes"))
        return found

    @classmethod
    def of_child(cls, child) -> list["ChildDates"]:
        when = child.birth_date or child.due_date
        return [cls(when, child.birth_date is not None)] if when else []


TARIFF_CHOICES = [
    ("income", _("Income-related price: you pay according to your income")),
    ("free", _("Free price: the provider sets the price")),
]


class CareForm(forms.Form):
    start_earliest = MonthField(
        label=_("From which month do you need childcare?"),
        help_text=_("For example 2027-03. Register early: from pregnancy on is fine."),
        error_messages={"required": _("Enter the month from which you need childcare.")},
    )
    start_latest = MonthField(
        label=_("What is the latest month it may start?"),
        help_text=_("We look for places that start between these two months."),
        error_messages={"required": _("Enter the latest month the childcare may start.")},
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On which days do you need childcare?"),
        help_text=_("Providers see the days, so they can tell whether they have a place."),
        choices=[(str(day), name) for day, name in WEEKDAY_NAMES.items() if day <= 6],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )
    tariffs = forms.MultipleChoiceField(
        label=_("Which prices do you accept?"),
        help_text=_("Choosing both gives you more chances. The price calculator shows what you would pay."),
        choices=TARIFF_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of price.")},
    )

    def __init__(self, *args, children=(), locations=(), **kwargs):
        """`children`: the `ChildDates` of the children the start is for (so a start before a birth is refused);
        `locations`: the locations already chosen (so a start at an age one of them does not take is refused)."""
        super().__init__(*args, **kwargs)
        self.children = list(children)
        self.chosen_locations = list(locations)

    def clean(self):
        cleaned = super().clean()
        earliest, latest = cleaned.get("start_earliest"), cleaned.get("start_latest")
        this_month = timezone.localdate().replace(day=1)
        if earliest and earliest < this_month:
            self.add_error(
                "start_earliest", _("The start cannot be in the past. Choose this month or later.")
            )
        elif earliest and earliest > add_months(this_month, MAX_MONTHS_AHEAD):
            self.add_error(
                "start_earliest",
                _("Choose a start within the next three years. You can register again later."),
            )
        if earliest and latest and latest < earliest:
            self.add_error("start_latest", _("The latest start must not be before the earliest start."))
        if earliest and latest and latest > add_months(earliest, 24):
            self.add_error("start_latest", _("Choose a latest start at most two years after the earliest."))
        if earliest and not self.errors.get("start_earliest"):
            for child in self.children:
                if not child.born and earliest < child.day:
                    self.add_error(
                        "start_earliest",
                        _(
                            "Childcare cannot start before the birth. The child is expected on %(date)s: "
                            "choose %(month)s or later."
                        )
                        % {
                            "date": date_format(child.day, "DATE_FORMAT"),
                            "month": date_format(first_month_after_birth(child.day), "YEAR_MONTH_FORMAT"),
                        },
                    )
                    break
                if child.age_months_on(earliest) >= CHILDCARE_AGE_LIMIT_MONTHS:
                    self.add_error(
                        "start_earliest",
                        _(
                            "Childcare for babies and toddlers is for children under 3. Choose an earlier start."
                        ),
                    )
                    break
        if earliest and latest and not self.errors:
            for location in self.chosen_locations:
                if not all(child.fits(location, earliest, latest) for child in self.children):
                    self.add_error(
                        "start_latest",
                        _(
                            "%(location)s takes children from %(min)s to %(max)s months old: at these months "
                            "your child is not that age. Change the months, or change your choices first."
                        )
                        % {
                            "location": location.name,
                            "min": location.age_min_months,
                            "max": location.age_max_months,
                        },
                    )
                    break
        return cleaned


class AddChoiceForm(forms.Form):
    location = forms.TypedChoiceField(
        label=_("Add a location"),
        help_text=_("Your first choice is the one you want most. You can change the order later."),
        coerce=int,
        required=False,
    )

    def __init__(self, *args, locations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", _("Choose a location"))] + [
            (loc.pk, f"{loc.name} ({loc.municipality.name})") for loc in locations
        ]


def choices_press(
    action: str, *, selected: str, chosen: list[int], locations, by_pk: dict, max_choices: int, fits, form
) -> list[int]:
    """One press of the ranked choices' buttons, in the registration and when the family changes its choices later:
    `add` or `add:<pk>` (without a pk, the location `selected` in the list), `up:<pk>`, `down:<pk>`, `remove:<pk>`.
    Returns the new list; a refused addition leaves it as it was, with the reason on `form`'s location field.
    `locations` are those the family may choose from (an added one goes into `by_pk`); `fits(location)` says whether
    the children are of the location's ages at the start they asked for."""
    verb, _sep, arg = action.partition(":")
    chosen = list(chosen)
    if verb == "add":
        wanted = arg or selected
        location = locations.filter(pk=int(wanted)).first() if wanted.isdigit() and len(wanted) < 12 else None
        if location is None:
            form.add_error("location", _("Choose a location from the list, then press Add."))
        elif location.pk in chosen:
            pass  # added twice (a double click): nothing to do
        elif len(chosen) >= max_choices:
            form.add_error(
                "location",
                ngettext(
                    "You can choose at most %(max)d location. Remove it first.",
                    "You can choose at most %(max)d locations. Remove one first.",
                    max_choices,
                )
                % {"max": max_choices},
            )
        elif not fits(location):
            form.add_error(
                "location",
                _(
                    "%(location)s takes children from %(min)s to %(max)s months old: at the start you "
                    "asked for, your child is not that age. Choose another location, or change the months."
                )
                % {"location": location.name, "min": location.age_min_months, "max": location.age_max_months},
            )
        else:
            chosen.append(location.pk)
            by_pk[location.pk] = location
    elif verb in ("up", "down", "remove") and arg.isdigit() and int(arg) in chosen:
        pk = int(arg)
        i = chosen.index(pk)
        if verb == "remove":
            chosen.remove(pk)
        elif verb == "up" and i > 0:
            chosen[i - 1], chosen[i] = chosen[i], chosen[i - 1]
        elif verb == "down" and i < len(chosen) - 1:
            chosen[i + 1], chosen[i] = chosen[i], chosen[i + 1]
    return chosen


class ChoiceFilterForm(forms.Form):
    """Filters of the choice step's location list (a GET form: the list is a page anyone may reload or share)."""

    afstand = forms.TypedChoiceField(
        label=_("Distance from your home"),
        choices=[("", _("Any distance"))]
        + [(str(km), _("Up to %(km)s km") % {"km": km}) for km in (2, 5, 10, 20)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    prijs = forms.MultipleChoiceField(
        label=_("Price"),
        choices=[
            ("income", _("Income-related price (or mixed)")),
            ("free", _("Free price (or mixed)")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mijn_dagen = forms.BooleanField(label=_("Only locations open on all my days"), required=False)
    # Marks a submitted filter form, so that an unticked box means "off" and not "not yet chosen".
    filter = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, accepted=(), **kwargs):
        submitted = data is not None and data.get("filter")
        super().__init__(
            data if submitted else None,
            initial={"prijs": list(accepted), "mijn_dagen": True, "filter": "1"},
            **kwargs,
        )
        self.accepted = list(accepted)

    def filters(self) -> dict:
        if self.is_bound and self.is_valid():
            return {
                "max_km": self.cleaned_data["afstand"],
                "tariffs": frozenset(self.cleaned_data["prijs"]),
                "my_days": self.cleaned_data["mijn_dagen"],
            }
        return {"max_km": None, "tariffs": frozenset(self.accepted), "my_days": True}


FACT_HINTS = {
    "work": _("Working, looking for work, a job-oriented training, civic integration or Dutch lessons."),
    "single_parent": _("You raise the child alone."),
    "low_income": _("The joint taxable income of you and your partner is below the yearly threshold."),
    "health_or_care": _("For example a disability, an illness, or a social worker's advice."),
    "no_diploma": _("Neither you nor your partner finished secondary school."),
    "foster": _("The child lives with you as a foster child."),
}


class FactsForm(forms.Form):
    """The facts the priority rules use. Sworn statement at the end; the desk may ask for proof."""

    work = forms.BooleanField(required=False, label=FACT_LABELS["work"], help_text=FACT_HINTS["work"])
    single_parent = forms.BooleanField(
        required=False, label=FACT_LABELS["single_parent"], help_text=FACT_HINTS["single_parent"]
    )
    low_income = forms.BooleanField(
        required=False, label=FACT_LABELS["low_income"], help_text=FACT_HINTS["low_income"]
    )
    health_or_care = forms.BooleanField(
        required=False, label=FACT_LABELS["health_or_care"], help_text=FACT_HINTS["health_or_care"]
    )
    no_diploma = forms.BooleanField(
        required=False, label=FACT_LABELS["no_diploma"], help_text=FACT_HINTS["no_diploma"]
    )
    foster = forms.BooleanField(required=False, label=FACT_LABELS["foster"], help_text=FACT_HINTS["foster"])
    sibling_location = forms.TypedChoiceField(
        label=_("Does a brother or sister already go to a childcare location here?"),
        help_text=_("Brothers and sisters get priority at the same location."),
        coerce=int,
        required=False,
        empty_value=None,
    )

    FACTS = ("work", "single_parent", "low_income", "health_or_care", "no_diploma", "foster")

    def __init__(self, *args, locations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sibling_location"].choices = [("", _("No"))] + [
            (loc.pk, f"{loc.name} ({loc.municipality.name})") for loc in locations
        ]

    def fact_fields(self):
        return [self[name] for name in self.FACTS]


LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class ContactForm(forms.Form):
    """The parent's contact details on the website: an e-mail address is needed to sign in later."""

    first_name = forms.CharField(
        label=_("Your first name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Enter your first name.")},
    )
    last_name = forms.CharField(
        label=_("Your last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Enter your last name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send offers and sign-in links here. Only the desk sees it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.be."),
        },
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        help_text=_("The desk calls you when a place is found and you do not answer by e-mail."),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("In which language do you want our messages?"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a language.")},
    )
    sign_in = forms.ChoiceField(
        label=_("How do you want to sign in later?"),
        choices=[
            ("link", _("With a link we send by e-mail (nothing to remember)")),
            ("password", _("With a password")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to sign in.")},
    )
    password = forms.CharField(
        label=_("Password (only if you chose a password)"),
        help_text=_("At least 10 characters."),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if person_by_email(email) is not None:
            raise ValidationError(
                _(
                    "There is already an account with this e-mail address. Sign in first with a link by e-mail, "
                    "then register your child."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sign_in") == "password":
            password = cleaned.get("password")
            if not password:
                self.add_error("password", _("Choose a password, or choose to sign in with a link."))
            else:
                try:
                    validate_password(password)
                except ValidationError as error:
                    self.add_error("password", error)
        return cleaned


class DeskContactForm(forms.Form):
    """Contact details taken down by a desk worker: a phone number is enough."""

    first_name = forms.CharField(
        label=_("Parent's first name"),
        max_length=100,
        error_messages={"required": _("Enter the first name.")},
    )
    last_name = forms.CharField(
        label=_("Parent's last name"), max_length=100, error_messages={"required": _("Enter the last name.")}
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address like name@example.be.")},
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language for messages"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(
        label=_("How did the family reach the desk?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.WEB],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the family reached the desk.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email and person_by_email(email) is not None:
            raise ValidationError(
                _(
                    "This e-mail address already has an account: look the family up instead of registering again."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not (cleaned.get("phone") or "").strip()
            and "email" not in self.errors
        ):
            self.add_error(
                "phone", _("Enter a phone number or an e-mail address, so the desk can reach the family.")
            )
        return cleaned


SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def submission_key_of(data) -> str:
    """The well-formed idempotency key of a posted check page, or ""."""
    value = data.get("submission_key") or ""
    return value if SUBMISSION_KEY.fullmatch(value) else ""


class SubmissionKeyField(forms.CharField):
    """The check page's idempotency key: a new random key each time the page is shown, sent back with the form, so a
    submit that is repeated (pressed twice, retried after an error) registers the family once. A page without it
    (an old page still open) registers as before; a malformed one is ignored rather than refusing the family."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False, max_length=64, initial=new_submission_key, widget=forms.HiddenInput, **kwargs
        )

    def clean(self, value):
        value = super().clean(value)
        return value if SUBMISSION_KEY.fullmatch(value or "") else ""


class ConfirmForm(forms.Form):
    submission_key = SubmissionKeyField()
    sworn = forms.BooleanField(
        label=_("I declare on my honour that my answers are true and complete."),
        help_text=_("The desk may ask for proof of the facts that give priority. Proof is seen, never kept."),
        error_messages={"required": _("Confirm that your answers are true.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that the desk uses these data to find childcare, as the privacy text says."),
        error_messages={
            "required": _("Agree to the privacy text, otherwise we cannot register your request.")
        },
    )


class DeskConfirmForm(forms.Form):
    submission_key = SubmissionKeyField()
    sworn = forms.BooleanField(
        label=_("The parent declared on their honour that the answers are true and complete."),
        error_messages={"required": _("Confirm the parent's sworn statement.")},
    )
    consent = forms.BooleanField(
        label=_("The parent agreed to the privacy text (read out or handed over)."),
        error_messages={"required": _("Confirm the parent's consent.")},
    )
    urgent = forms.BooleanField(
        label=_("Urgent: the family needs a place soon"),
        help_text=_(
            "Urgent requests come first in the desk's queue and can get the places kept for urgent care."
        ),
        required=False,
    )
    urgency_reason = forms.CharField(
        label=_("Reason for urgency"),
        help_text=_("Facts only, for colleagues: for example a training that starts in three weeks."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    register_anyway = forms.BooleanField(
        label=_("I checked: this is not the same child. Register anyway."),
        required=False,
    )

    def __init__(self, *args, duplicates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = list(duplicates)
        if not self.duplicates:
            del self.fields["register_anyway"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("urgent") and not (cleaned.get("urgency_reason") or "").strip():
            self.add_error("urgency_reason", _("Give the reason, so colleagues understand the decision."))
        if self.duplicates and not cleaned.get("register_anyway"):
            self.add_error(
                "register_anyway",
                _(
                    "This child may already be registered: open the file shown above, or confirm that it is "
                    "another child."
                ),
            )
        return cleaned


# The same questions asked by a desk worker about the family: one wizard, the wording of the desk channel.
DESK_WORDING = {
    "postcode": {
        "label": _("Postcode of the family"),
        "help_text": _("It must lie in this desk's area; it decides which locations are near."),
        "error_messages": {"required": _("Enter the family's postcode, for example 9800.")},
    },
    "count": {
        "label": _("How many children does the family register?"),
        "help_text": _("Twins, or brothers and sisters who need childcare from the same time, go together."),
        "error_messages": {"required": _("Choose how many children the family registers.")},
    },
    "start_earliest": {
        "label": _("From which month does the family need childcare?"),
        "help_text": _("For example 2027-03."),
    },
    "start_latest": {
        "label": _("Latest month the childcare may start"),
        "help_text": _("The desk looks for places that start between these two months."),
    },
    "weekdays": {"label": _("Days the family needs childcare")},
    "tariffs": {
        "label": _("Prices the family accepts"),
        "help_text": _("Both gives more chances. The price calculator shows what the family would pay."),
    },
    "work": {
        "help_text": _(
            "A parent works, looks for work, follows a job-oriented training, civic integration or Dutch lessons."
        )
    },
    "single_parent": {"help_text": _("The parent raises the child alone.")},
    "low_income": {"help_text": _("The parents' joint taxable income is below the yearly threshold.")},
    "no_diploma": {"help_text": _("Neither parent finished secondary school.")},
    "foster": {"help_text": _("The child lives with the family as a foster child.")},
}


def speak_to_worker(form) -> None:
    """Put a wizard page's questions in the desk worker's words ("Postcode of the family", not "What is your
    postcode?"); the fields, their checks and what is stored stay the same."""
    for name, words in DESK_WORDING.items():
        field = form.fields.get(name)
        if field is None:
            continue
        for attribute, value in words.items():
            if attribute == "error_messages":
                field.error_messages = {**field.error_messages, **value}
            else:
                setattr(field, attribute, value)


# Status page


class WishesForm(CareForm):
    pass


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you stop? (optional)"),
        help_text=_("For example: we found childcare ourselves. It helps the desk improve."),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline this place?"),
        help_text=_("Your request keeps its place in line for your other choices."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a short reason, for example: too far from work.")},
    )


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.be."),
        },
    )


class AccessCodeForm(forms.Form):
    reference = forms.CharField(
        label=_("File number"),
        help_text=_("On the paper from the desk, for example ABCD-2345."),
        max_length=12,
        error_messages={"required": _("Enter your file number.")},
    )
    code = forms.CharField(
        label=_("Access code"),
        max_length=14,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter your access code.")},
    )
