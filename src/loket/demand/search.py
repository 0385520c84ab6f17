"""Finding a family's file at the desk: by file number, name (of a parent or a child), phone number, e-mail address,
date of birth (or expected date) or postcode.

Each family keeps its searchable values in `FamilySearchKey`, normalised once when its rows are saved (signals in
`demand.apps` call `family_index`; bulk loads call `families_reindex`):
- names as words, lower case without accents and without function words (`core.search.words`, the one Dutch
  search's reading of words; names are not stemmed), plus the whole surname in one word ("vandenbroeck");
- phone numbers as digits in the national form ("+32 471 12 34 56" and "0471/12.34.56" are both "0471123456");
- e-mail addresses in lower case; dates as ISO dates; the postcode's four digits.

A query is read into terms of those kinds; a family must satisfy every term. Names, phone numbers and e-mail
addresses match by their start (a word being typed finds), dates and postcodes exactly. Each term is one lookup on
the (kind, value) index, so a search costs the same at 70,000 files as at 600.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from loket.core.search import plain, words

from .models import Family, FamilySearchKey

Kind = FamilySearchKey.Kind

MAX_QUERY_CHARS = 200  # a name, a number and a date fit easily; longer input is not a search
MAX_TERMS = 8
MIN_PHONE_DIGITS = 6

REFERENCE = re.compile(r"^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$")
REFERENCE_BARE = re.compile(r"^[A-Za-z2-9]{8}$")
EMAIL = re.compile(r"[^\s@]*@[^\s@]*")
DATE_DMY = re.compile(r"(?<![\d])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?![\d])")
DATE_ISO = re.compile(r"(?<![\d])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
PHONE = re.compile(r"(?<![\w])\+?\d[\d ./()-]*\d")
POSTCODE = re.compile(r"^\d{4}$")


# --- normalising -----------------------------------------------------------------------------------------------


def phone_digits(value: str) -> str:
    """A phone number as digits in the national form: "+32 471 12 34 56", "0032 471…" and "0471 12 34 56" agree."""
    text = (value or "").strip()
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0032"):
        digits = "0" + digits[4:]
    elif text.startswith("+32") or (text.startswith("32") and len(digits) in (10, 11)):
        digits = "0" + digits[2:]
    elif text.startswith("+") or digits.startswith("00"):
        digits = digits.lstrip("0")  # a foreign number: its country code and number, without the plus
    return digits


def name_words(*names: str) -> set[str]:
    found = set()
    for name in names:
        found.update(words(name))
        joined = "".join(re.findall(r"\w+", plain(name or "")))
        if len(joined) > 1 and not joined.isdigit():
            found.add(joined)
    return found


# --- keeping the keys --------------------------------------------------------------------------------------------


def key_values(family) -> set[tuple[str, str]]:
    """The (kind, value) pairs a family is found by. Reads only fields that every version of the models has, so the
    migration that fills the keys uses it too."""
    if family.anonymised_at is not None:
        return set()
    values: set[tuple[str, str]] = set()
    for guardian in family.guardians.all():
        values.update((Kind.NAME.value, w) for w in name_words(guardian.first_name, guardian.last_name))
        if guardian.phone and len(phone_digits(guardian.phone)) >= MIN_PHONE_DIGITS:
            values.add((Kind.PHONE.value, phone_digits(guardian.phone)))
        if guardian.email:
            values.add((Kind.EMAIL.value, guardian.email.strip().lower()[:254]))
    for child in family.children.all():
        values.update((Kind.NAME.value, w) for w in name_words(child.first_name))
        for day in (child.birth_date, child.due_date):
            if day:
                values.add((Kind.BIRTH.value, day.isoformat()))
    if family.postcode_id:
        values.add((Kind.POSTCODE.value, family.postcode.code))
    return {(kind, value[:254]) for kind, value in values}


def _keys_of(family: Family) -> list[FamilySearchKey]:
    return [
        FamilySearchKey(family=family, desk_id=family.desk_id, kind=kind, value=value)
        for kind, value in sorted(key_values(family))
    ]


def family_index(family_id: int) -> None:
    """Write a family's search keys again from its current rows (after any change to it, its parents or children)."""
    with transaction.atomic():
        FamilySearchKey.objects.filter(family_id=family_id).delete()
        family = (
            Family.objects.filter(pk=family_id)
            .select_related("postcode")
            .prefetch_related("guardians", "children")
            .first()
        )
        if family is not None:
            FamilySearchKey.objects.bulk_create(_keys_of(family))


def families_reindex(*, desk_ids=None, batch: int = 500) -> int:
    """Rebuild the keys of every family (of some desks): after a bulk load, or to repair. Returns the families done."""
    families = Family.objects.order_by("pk")
    if desk_ids is not None:
        families = families.filter(desk_id__in=desk_ids)
    done, last = 0, 0
    while True:
        chunk = list(
            families.filter(pk__gt=last)
            .select_related("postcode")
            .prefetch_related("guardians", "children")[:batch]
        )
        if not chunk:
            return done
        with transaction.atomic():
            FamilySearchKey.objects.filter(family__in=chunk).delete()
            FamilySearchKey.objects.bulk_create([key for family in chunk for key in _keys_of(family)])
        done += len(chunk)
        last = chunk[-1].pk


# --- reading a query ---------------------------------------------------------------------------------------------


class QueryTooLong(ValueError):
    pass


@dataclass
class ParsedQuery:
    reference: str = ""  # a file number, exactly
    terms: list[tuple[str, str]] = field(default_factory=list)  # (kind, value), every one must match

    @property
    def kinds(self) -> list[str]:
        """The kinds of what was asked for (never the values: this is what the audit trail may keep)."""
        kinds = sorted({kind for kind, _value in self.terms} | ({"reference"} if self.reference else set()))
        return kinds

    @property
    def empty(self) -> bool:
        return not self.reference and not self.terms


def _date(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse(query: str) -> ParsedQuery:
    """Read what was typed into terms. A file number with its dash is only a file number; without it ("ABCD2345")
    it is a file number or a name word."""
    text = (query or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLong
    parsed = ParsedQuery()
    if REFERENCE.match(text) or REFERENCE_BARE.match(text):
        bare = text.replace("-", "").upper()
        parsed.reference = f"{bare[:4]}-{bare[4:]}"
        if "-" in text:
            return parsed

    def take(pattern, handle):
        nonlocal text
        text = pattern.sub(lambda m: " " if handle(m) else m.group(0), text)

    def take_phones():
        """A national number has 10 digits at most: groups typed after it ("0471 12 34 56 9800") are read again."""
        nonlocal text

        def one(m):
            groups, kept = m.group(0).split(), []
            for group in groups:
                if (
                    kept
                    and phone_digits(" ".join(kept)).startswith("0")
                    and len(phone_digits(" ".join([*kept, group]))) > 10
                ):
                    break
                kept.append(group)
            digits = phone_digits(" ".join(kept))
            if len(digits) < MIN_PHONE_DIGITS:
                return m.group(0)
            parsed.terms.append((Kind.PHONE, digits))
            return " " + " ".join(groups[len(kept) :]) + " "

        text = PHONE.sub(one, text)

    def email(m):
        if "@" not in m.group(0) or len(m.group(0)) < 2:
            return False
        parsed.terms.append((Kind.EMAIL, m.group(0).lower().strip(".,;")))
        return True

    def dmy(m):
        value = _date(m.group(3), m.group(2), m.group(1))
        if value:
            parsed.terms.append((Kind.BIRTH, value))
        return bool(value)

    def iso(m):
        value = _date(m.group(1), m.group(2), m.group(3))
        if value:
            parsed.terms.append((Kind.BIRTH, value))
        return bool(value)

    take(EMAIL, email)
    take(DATE_DMY, dmy)
    take(DATE_ISO, iso)
    take_phones()
    for token in text.split():
        if POSTCODE.match(token):
            parsed.terms.append((Kind.POSTCODE, token))
    parsed.terms.extend((Kind.NAME, w) for w in dict.fromkeys(words(text)))
    parsed.terms = list(dict.fromkeys(parsed.terms))[:MAX_TERMS]
    return parsed


# --- searching ---------------------------------------------------------------------------------------------------

PREFIX_KINDS = {Kind.NAME, Kind.PHONE, Kind.EMAIL}


def _key_condition(kind: str, value: str) -> Q:
    if kind not in PREFIX_KINDS:
        return Q(kind=kind, value=value)
    if connection.vendor == "postgresql":
        return Q(kind=kind, value__startswith=value)  # LIKE 'value%' on the pattern index
    # SQLite: a range on the (binary) index; no stored value contains this high code point.
    return Q(kind=kind, value__gte=value, value__lt=value + "\U0010ffff")


def families_find(families: QuerySet[Family], parsed: ParsedQuery, *, desk_ids) -> QuerySet[Family]:
    """The families of `families` (already narrowed to the worker's scope) that match, best first: the exact file
    number, then families whose names match the typed words whole (not only their start), then the newest file.
    `desk_ids` narrows the key lookups to the worker's desks."""
    if parsed.empty:
        return families.none()
    matching = None
    if parsed.terms:
        matching = Q()
        for kind, value in parsed.terms:
            keys = FamilySearchKey.objects.filter(_key_condition(kind, value))
            if desk_ids is not None:
                keys = keys.filter(desk_id__in=desk_ids)
            matching &= Q(pk__in=keys.values("family_id"))
    condition = Q(reference=parsed.reference) if parsed.reference else Q(pk__in=[])
    if matching is not None:
        condition |= matching
    whole_names = [value for kind, value in parsed.terms if kind == Kind.NAME]
    ranked = families.filter(condition).annotate(
        is_reference=Case(
            When(reference=parsed.reference or "-", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    if whole_names:
        # An EXISTS per row rather than a count over a join: no GROUP BY, so the pager's count stays a plain count.
        whole = FamilySearchKey.objects.filter(family=OuterRef("pk"), kind=Kind.NAME, value__in=whole_names)
        ranked = ranked.annotate(whole_names=Exists(whole))
    else:
        ranked = ranked.annotate(whole_names=Value(False, output_field=BooleanField()))
    return ranked.order_by("-is_reference", "-whole_names", "-created_at", "-pk")
