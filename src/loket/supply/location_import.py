"""Importing an area's licensed locations from the regional agency's file (format: docs/location-import.md).

`location_import_plan` is the dry run: it reads every row, says in plain words what is wrong with it, and what would be
created or changed. `location_import_apply` writes the rows without errors (the others are skipped and listed), keyed
by the agency's file number, so importing an updated file again updates and never duplicates. Each created or changed
location and organiser gets an audit event, and the whole import one more.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.areas.choices import CentroidSource
from loket.areas.selectors import postcodes_of_desk
from loket.areas.services import postcode_centroids_set
from loket.audit.services import audit_record
from loket.core import weekdays as wd
from loket.core.csv_input import read_rows

from .models import CareType, LegalForm, Location, Organiser, SubsidyStep, TariffRegime

COLUMNS = {
    "file_number": gettext_lazy("agency file number"),
    "organiser": gettext_lazy("organiser"),
    "enterprise_number": gettext_lazy("enterprise number"),
    "legal_form": gettext_lazy("legal form"),
    "name": gettext_lazy("name"),
    "care_type": gettext_lazy("type of care"),
    "street": gettext_lazy("street and number"),
    "postcode": gettext_lazy("postcode"),
    "latitude": gettext_lazy("latitude"),
    "longitude": gettext_lazy("longitude"),
    "capacity": gettext_lazy("licensed capacity"),
    "age_from_months": gettext_lazy("youngest age (months)"),
    "age_to_months": gettext_lazy("oldest age (months)"),
    "days": gettext_lazy("opening days"),
    "opens_at": gettext_lazy("opens at"),
    "closes_at": gettext_lazy("closes at"),
    "tariff_regime": gettext_lazy("tariff regime"),
    "income_places": gettext_lazy("income-related places"),
    "subsidy_step": gettext_lazy("subsidy step"),
    "phone": gettext_lazy("phone number"),
    "email": gettext_lazy("e-mail address"),
}
OPTIONAL = ("income_places", "phone", "email", "legal_form", "nis_code")
REQUIRED = tuple(name for name in COLUMNS if name not in OPTIONAL)
DAY_WORDS = {
    **{w: 1 for w in ("1", "ma", "maandag", "mon", "monday")},
    **{w: 2 for w in ("2", "di", "dinsdag", "tue", "tuesday")},
    **{w: 3 for w in ("3", "wo", "woensdag", "wed", "wednesday")},
    **{w: 4 for w in ("4", "do", "donderdag", "thu", "thursday")},
    **{w: 5 for w in ("5", "vr", "vrijdag", "fri", "friday")},
    **{w: 6 for w in ("6", "za", "zaterdag", "sat", "saturday")},
    **{w: 7 for w in ("7", "zo", "zondag", "sun", "sunday")},
}
TARIFF_WORDS = {
    "income": TariffRegime.INCOME,
    "ikt": TariffRegime.INCOME,
    "inkomenstarief": TariffRegime.INCOME,
    "free": TariffRegime.FREE,
    "vrije prijs": TariffRegime.FREE,
    "mix": TariffRegime.MIX,
}
CARE_WORDS = {
    "group": CareType.GROUP,
    "groepsopvang": CareType.GROUP,
    "family": CareType.FAMILY,
    "gezinsopvang": CareType.FAMILY,
}
# Belgium, with a margin: a point outside it is a swapped or mistyped coordinate.
LATITUDES = (Decimal("49.4"), Decimal("51.6"))
LONGITUDES = (Decimal("2.5"), Decimal("6.5"))


def enterprise_number_normalise(value: str) -> str | None:
    """'0123.456.749', 'BE 0123 456 749' or '123456749' as '0123.456.749' when its check digits are right (KBO: the
    last two digits are 97 minus the first eight modulo 97), else None."""
    digits = re.sub(r"\D", "", value.upper().removeprefix("BE"))
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10 or digits[0] not in "01":
        return None
    if 97 - int(digits[:8]) % 97 != int(digits[8:]):
        return None
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


@dataclass
class RowPlan:
    line: int
    file_number: str
    name: str
    action: str = ""  # "create", "update", "unchanged" or "error"
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, before, after)
    errors: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    organiser: dict = field(default_factory=dict)
    location: Location | None = None


@dataclass
class ImportPlan:
    rows: list[RowPlan]
    digest: str
    new_organisers: list[str] = field(default_factory=list)
    not_in_file: list[Location] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def rows_to_show(self) -> list[RowPlan]:
        """Rows with errors first (they need work), then changes, then new locations; unchanged rows are left out."""
        order = {"error": 0, "update": 1, "create": 2}
        return sorted((r for r in self.rows if r.action in order), key=lambda r: (order[r.action], r.line))

    @property
    def count_create(self) -> int:
        return self.count("create")

    @property
    def count_update(self) -> int:
        return self.count("update")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def count_error(self) -> int:
        return self.count("error")

    @property
    def to_write(self) -> int:
        return self.count("create") + self.count("update")


def location_import_plan(*, desk, text: str) -> ImportPlan:
    """The dry run: what importing `text` (the CSV file) into `desk` would do, row by row. Writes nothing."""
    rows = read_rows(text, required=REQUIRED)
    postcodes = defaultdict(list)
    for postcode in postcodes_of_desk(desk=desk):
        postcodes[postcode.code].append(postcode)
    numbers = [row.get("file_number", "") for _line, row in rows]
    existing = {
        loc.agency_number: loc
        for loc in Location.objects.filter(agency_number__in=[n for n in numbers if n]).select_related(
            "organiser", "municipality", "postcode", "neighbourhood"
        )
    }
    organisers = {o.enterprise_number: o for o in Organiser.objects.exclude(enterprise_number="")}
    plan = ImportPlan(rows=[], digest=hashlib.sha256(text.encode()).hexdigest()[:12])
    seen: dict[str, int] = {}
    organiser_names: dict[
        str, tuple[str, int]
    ] = {}  # enterprise number -> (name, line) as first met in the file
    new_organisers: dict[str, str] = {}
    for line, raw in rows:
        row = RowPlan(line=line, file_number=raw.get("file_number", ""), name=raw.get("name", ""))
        _parse(row, raw, postcodes)
        if row.file_number in seen:
            row.errors.append(
                _("The agency file number %(number)s is also on line %(line)s: each location once.")
                % {"number": row.file_number, "line": seen[row.file_number]}
            )
        elif row.file_number:
            seen[row.file_number] = line
        location = existing.get(row.file_number)
        if location is not None and location.municipality.desk_id != desk.pk:
            row.errors.append(
                _("File number %(number)s belongs to a location of another desk (%(name)s).")
                % {"number": row.file_number, "name": location.name}
            )
        if not row.errors:
            number, name = row.organiser["enterprise_number"], row.organiser["name"]
            first_name, first_line = organiser_names.setdefault(number, (name, line))
            if first_name != name:
                row.errors.append(
                    _(
                        "Enterprise number %(number)s is called “%(other)s” on line %(line)s: one organiser, one name."
                    )
                    % {"number": number, "other": first_name, "line": first_line}
                )
        if not row.errors:
            _check_model_rules(row, location)
        if row.errors:
            row.action = "error"
        else:
            organiser = organisers.get(row.organiser["enterprise_number"])
            if organiser is None:
                new_organisers.setdefault(row.organiser["enterprise_number"], row.organiser["name"])
            elif organiser.name != row.organiser["name"]:
                row.changes.append((str(COLUMNS["organiser"]), organiser.name, row.organiser["name"]))
            row.location = location
            if location is None:
                row.action = "create"
            else:
                row.changes += _differences(location, row.values)
                row.action = "update" if row.changes else "unchanged"
        plan.rows.append(row)
    plan.new_organisers = sorted(new_organisers.values())
    plan.not_in_file = list(
        Location.objects.filter(municipality__desk=desk, active=True)
        .exclude(agency_number__in=list(seen))
        .order_by("name")
    )
    return plan


def _parse(row: RowPlan, raw: dict[str, str], postcodes) -> None:
    errors = row.errors

    def need(name: str) -> str:
        value = raw.get(name, "")
        if not value:
            errors.append(_("%(column)s is empty.") % {"column": str(COLUMNS[name]).capitalize()})
        return value

    def whole(name: str, default: int | None = None) -> int | None:
        value = raw.get(name, "")
        if not value and default is not None:
            return default
        if not value:
            need(name)
            return None
        if not value.isdigit():
            errors.append(
                _("%(column)s must be a whole number, not “%(value)s”.")
                % {"column": str(COLUMNS[name]).capitalize(), "value": value}
            )
            return None
        return int(value)

    def coordinate(name: str, bounds) -> Decimal | None:
        value = need(name).replace(",", ".")
        if not value:
            return None
        try:
            number = Decimal(value).quantize(Decimal("0.00001"))
        except InvalidOperation:
            errors.append(
                _("%(column)s must be a number such as 51.05432, not “%(value)s”.")
                % {"column": str(COLUMNS[name]).capitalize(), "value": value}
            )
            return None
        if not bounds[0] <= number <= bounds[1]:
            errors.append(
                _(
                    "%(column)s %(value)s is not in Belgium: check that latitude and longitude are not swapped."
                )
                % {"column": str(COLUMNS[name]).capitalize(), "value": value}
            )
            return None
        return number

    def clock(name: str) -> time | None:
        value = need(name)
        match = re.fullmatch(r"(\d{1,2})[:.hu](\d{2})", value)
        if value and (not match or int(match[1]) > 23 or int(match[2]) > 59):
            errors.append(
                _("%(column)s must be a time such as 07:30, not “%(value)s”.")
                % {"column": str(COLUMNS[name]).capitalize(), "value": value}
            )
            return None
        return time(int(match[1]), int(match[2])) if match else None

    need("file_number")
    need("name")
    street = need("street")
    organiser_name = need("organiser")
    enterprise = need("enterprise_number")
    enterprise_number = enterprise_number_normalise(enterprise) if enterprise else None
    if enterprise and enterprise_number is None:
        errors.append(
            _(
                "Enterprise number %(value)s is not valid: it has ten digits (0123.456.749) and its last two are a "
                "check on the first eight. Check it in the Crossroads Bank for Enterprises (KBO)."
            )
            % {"value": enterprise}
        )
    legal_form = raw.get("legal_form", "") or LegalForm.NON_PROFIT
    if legal_form not in LegalForm.values:
        errors.append(
            _("Legal form “%(value)s” is unknown: use one of %(choices)s.")
            % {"value": legal_form, "choices": ", ".join(LegalForm.values)}
        )
    care_type = CARE_WORDS.get(need("care_type").lower())
    if raw.get("care_type") and care_type is None:
        errors.append(_("Type of care must be “group” or “family” (groepsopvang or gezinsopvang)."))
    code = need("postcode")
    postcode = None
    if code:
        matches = postcodes.get(code, [])
        nis = raw.get("nis_code", "")
        if nis:
            matches = [p for p in matches if p.municipality.nis_code == nis]
        if not matches:
            errors.append(_("Postcode %(code)s is not in this desk's municipalities.") % {"code": code})
        else:
            postcode = matches[0]
    latitude = coordinate("latitude", LATITUDES)
    longitude = coordinate("longitude", LONGITUDES)
    capacity = whole("capacity")
    if capacity == 0:
        errors.append(_("The licensed capacity must be at least 1."))
    age_min = whole("age_from_months")
    age_max = whole("age_to_months")
    days_text = need("days")
    days = _days(days_text)
    if days_text and days is None:
        errors.append(
            _("Opening days “%(value)s” are not clear: write them as ma,di,wo,do,vr or ma-vr.")
            % {"value": days_text}
        )
    opens_at, closes_at = clock("opens_at"), clock("closes_at")
    regime_text = need("tariff_regime")
    regime = TARIFF_WORDS.get(regime_text.lower())
    if regime_text and regime is None:
        errors.append(
            _("Tariff regime must be income, free or mix, not “%(value)s”.") % {"value": regime_text}
        )
    income_places = whole("income_places", default=0)
    if regime == TariffRegime.MIX and not raw.get("income_places"):
        errors.append(_("A mix needs the number of income-related places (income_places)."))
    step = need("subsidy_step").upper()
    if step and step not in SubsidyStep.values:
        errors.append(
            _("Subsidy step must be one of %(choices)s, not “%(value)s”.")
            % {"choices": ", ".join(SubsidyStep.values), "value": step}
        )
    email = raw.get("email", "")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        errors.append(_("E-mail address “%(value)s” is not valid.") % {"value": email})
    if errors:
        return
    row.organiser = {"name": organiser_name, "enterprise_number": enterprise_number, "legal_form": legal_form}
    row.values = {
        "name": row.name,
        "care_type": care_type,
        "street": street,
        "postcode": postcode,
        "municipality": postcode.municipality,
        "neighbourhood": postcode.neighbourhood,
        "latitude": latitude,
        "longitude": longitude,
        "licensed_capacity": capacity,
        "age_min_months": age_min,
        "age_max_months": age_max,
        "weekdays_mask": wd.to_mask(days),
        "opens_at": opens_at,
        "closes_at": closes_at,
        "tariff_regime": regime,
        "income_places": income_places if regime == TariffRegime.MIX else 0,
        "subsidy_step": step,
        "phone": raw.get("phone", ""),
        "email": email,
        "active": True,
    }


def _days(text: str) -> tuple[int, ...] | None:
    days: set[int] = set()
    for part in re.split(r"[,;/\s]+", text.strip().lower()):
        if not part:
            continue
        if "-" in part:
            first, _dash, last = part.partition("-")
            if first not in DAY_WORDS or last not in DAY_WORDS or DAY_WORDS[first] > DAY_WORDS[last]:
                return None
            days.update(range(DAY_WORDS[first], DAY_WORDS[last] + 1))
        elif part in DAY_WORDS:
            days.add(DAY_WORDS[part])
        else:
            return None
    return tuple(sorted(days)) or None


def _check_model_rules(row: RowPlan, location: Location | None) -> None:
    """The location's own rules (childminders at most 8, a mix's split, closing after opening, ages in order)."""
    probe = Location(organiser=Organiser(name="-"), **row.values)
    if location is not None:
        probe.enrolled_total = location.enrolled_total
        probe.enrolled_reserve_eligible = location.enrolled_reserve_eligible
    try:
        probe.clean()
        if probe.age_min_months > probe.age_max_months:
            raise ValidationError(_("The youngest age is above the oldest age."))
        if probe.age_max_months > 72:
            raise ValidationError(_("The oldest age can be at most 72 months."))
    except ValidationError as error:
        row.errors.extend(str(message) for message in error.messages)


def _display(value) -> str:
    if value is None:
        return ""
    return str(value)


def _differences(location: Location, values: dict) -> list[tuple[str, str, str]]:
    changes = []
    for name, new in values.items():
        old = getattr(location, name)
        if name in ("municipality", "neighbourhood"):
            continue  # follow from the postcode
        if old != new:
            label = str(Location._meta.get_field(name).verbose_name)
            if name == "weekdays_mask":
                changes.append((label, wd.label(old), wd.label(new)))
            elif name == "postcode":  # shown as the code the file holds, not as the place's name
                changes.append((label, getattr(old, "code", ""), getattr(new, "code", "")))
            else:
                changes.append((label, _display(old), _display(new)))
    return changes


@transaction.atomic
def location_import_apply(*, desk, text: str, actor) -> ImportPlan:
    """Import the rows without errors (checked again now: the file or the data may have changed since the dry run)."""
    plan = location_import_plan(desk=desk, text=text)
    organisers = {o.enterprise_number: o for o in Organiser.objects.exclude(enterprise_number="")}
    for row in plan.rows:
        if row.action not in ("create", "update"):
            continue
        organiser = _organiser_for(row.organiser, organisers, actor=actor, desk=desk)
        location = row.location or Location(agency_number=row.file_number)
        for name, value in row.values.items():
            setattr(location, name, value)
        location.organiser = organiser
        # The plan already applied the location's rules and the file-wide checks; the related rows were just read from
        # the database, and the database enforces the check and unique constraints itself. Django's own constraint
        # validation would cost four queries a row (most of an import's time).
        location.full_clean(
            exclude=["organiser", "postcode", "municipality", "neighbourhood"], validate_constraints=False
        )
        location.save()
        audit_record(
            actor=actor,
            event="location.imported",
            obj=location,
            desk_id=desk.pk,
            created=row.action == "create",
            fields=sorted(label for label, _old, _new in row.changes),
        )
    centroids = postcode_centroids_refresh(desk=desk)
    audit_record(
        actor=actor,
        event="locations.imported",
        obj=desk,
        desk_id=desk.pk,
        file=plan.digest,
        created=plan.count("create"),
        updated=plan.count("update"),
        unchanged=plan.count("unchanged"),
        skipped=plan.count("error"),
        centroids=centroids,
    )
    return plan


def _organiser_for(values: dict, organisers: dict, *, actor, desk) -> Organiser:
    organiser = organisers.get(values["enterprise_number"])
    if organiser is None:
        organiser = Organiser(**values)
        organiser.full_clean()
        organiser.save()
        organisers[organiser.enterprise_number] = organiser
        audit_record(actor=actor, event="organiser.imported", obj=organiser, desk_id=desk.pk, created=True)
    elif organiser.name != values["name"]:
        organiser.name = values["name"]
        organiser.save(update_fields=["name"])
        audit_record(actor=actor, event="organiser.imported", obj=organiser, desk_id=desk.pk, fields=["name"])
    return organiser


def postcode_centroids_refresh(*, desk) -> int:
    """Place each of the desk's postcodes at the mean of its active locations, or, without any, at the mean of its
    municipality's; postcodes entered by hand keep their point. Returns how many changed."""
    by_postcode, by_municipality = defaultdict(list), defaultdict(list)
    for postcode_id, municipality_id, lat, lon in Location.objects.filter(
        municipality__desk=desk, active=True
    ).values_list("postcode_id", "municipality_id", "latitude", "longitude"):
        by_postcode[postcode_id].append((lat, lon))
        by_municipality[municipality_id].append((lat, lon))
    centroids = {}
    for postcode_id, municipality_id in postcodes_of_desk(desk=desk).values_list("pk", "municipality_id"):
        if by_postcode[postcode_id]:
            points, source = by_postcode[postcode_id], CentroidSource.LOCATIONS
        elif by_municipality[municipality_id]:
            points, source = by_municipality[municipality_id], CentroidSource.MUNICIPALITY
        else:
            continue
        lat = (sum(p[0] for p in points) / len(points)).quantize(Decimal("0.00001"))
        lon = (sum(p[1] for p in points) / len(points)).quantize(Decimal("0.00001"))
        centroids[postcode_id] = (lat, lon, source)
    return postcode_centroids_set(desk=desk, centroids=centroids)
