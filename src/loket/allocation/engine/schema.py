"""The FORMAT.md instance as typed structures: the one definition of its shape, its types and its bounds.

msgspec decodes a document straight into these structures (from JSON bytes, or from decoded Python data with
`convert`), checking every field's type on the way, in C: a string where a list belongs, a list where an id
belongs, a number out of bounds or an unknown field is refused before any Python code looks at the data. That is
what keeps the input path both strict and at the speed of a bare JSON parse (docs/decisions/0006-allocation-engine-input.md).

What a type cannot say (an id chosen twice, an unknown location, 30 February) is checked by `instance.py`; the
policy's own rules by `policy_problems` below, which the Django app uses for the desks' stored policies too.
"""

from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

INSTANCE_FORMAT = "loket-allocation/1"

# Bounds on every count: far above any real round (Flanders: 70,000 requests, 5,460 locations, ≤ 10 choices), and
# low enough that no document can make the engine run for long or use much memory.
MAX_REQUESTS = 1_000_000
MAX_LOCATIONS = 100_000
MAX_OPENINGS_PER_LOCATION = 1_000
MAX_CHOICES = 100
MAX_FLAGS = 100
MAX_PLACES = 10_000  # places of one opening
MAX_ENROLLED = 100_000  # children already in care at one location
MAX_AGE_MONTHS = 240
MAX_CLASSES = 100
MAX_CLAUSES = 100
MAX_TARIFFS = 100
MAX_TEXT = 200  # ids, flags, tariff and class names

Text = Annotated[str, Meta(min_length=1, max_length=MAX_TEXT)]
Weekday = Annotated[int, Meta(ge=1, le=7)]
Weekdays = Annotated[tuple[Weekday, ...], Meta(min_length=1, max_length=7)]
Month = Annotated[str, Meta(max_length=7)]  # YYYY-MM, checked by instance.py (each distinct value once)
Day = Annotated[str, Meta(max_length=10)]  # YYYY-MM-DD, likewise
Age = Annotated[int, Meta(ge=0, le=MAX_AGE_MONTHS)]
Seed = int | Annotated[str, Meta(min_length=1, max_length=MAX_TEXT)]


class Enrolled(Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    total: Annotated[int, Meta(ge=0, le=MAX_ENROLLED)] = 0
    reserve_eligible: Annotated[int, Meta(ge=0, le=MAX_ENROLLED)] = 0


NOBODY_ENROLLED = Enrolled()


class Opening(Struct, forbid_unknown_fields=True, gc=False):
    id: Text
    tariff: Text
    start_month: Month
    weekdays: Weekdays
    age_months: tuple[Age, Age]
    count: Annotated[int, Meta(ge=0, le=MAX_PLACES)]


class Location(Struct, forbid_unknown_fields=True, gc=False):
    id: Text
    openings: Annotated[tuple[Opening, ...], Meta(max_length=MAX_OPENINGS_PER_LOCATION)] = ()
    enrolled: Enrolled = NOBODY_ENROLLED


class Request(Struct, forbid_unknown_fields=True, gc=False):
    id: Text
    registered_at: Annotated[str, Meta(min_length=19, max_length=19)]  # YYYY-MM-DDTHH:MM:SS, see instance.py
    child_birth: Day
    start_months: tuple[Month, Month]
    weekdays: Weekdays
    tariffs: Annotated[tuple[Text, ...], Meta(min_length=1, max_length=MAX_TARIFFS)]
    choices: Annotated[tuple[Text, ...], Meta(max_length=MAX_CHOICES)]
    flags: Annotated[tuple[Text, ...], Meta(max_length=MAX_FLAGS)] = ()
    sibling_at: Annotated[tuple[Text, ...], Meta(max_length=MAX_CHOICES)] = ()


class PriorityClass(Struct, forbid_unknown_fields=True, gc=False):
    """`{"name": …, "when": [[flag, …], …]}`: a request has the class when it has every flag of one clause."""

    name: Text
    when: Annotated[
        tuple[Annotated[tuple[Text, ...], Meta(min_length=1, max_length=MAX_FLAGS)], ...],
        Meta(min_length=1, max_length=MAX_CLAUSES),
    ]


class Reserve(Struct, forbid_unknown_fields=True, gc=False):
    target_share: Annotated[float, Meta(ge=0, le=1)]
    eligible: Annotated[tuple[Text, ...], Meta(max_length=MAX_FLAGS)]
    precedence: Literal["open_first", "reserve_first"] = "open_first"


class Rule(Struct, forbid_unknown_fields=True, gc=False):
    """One tariff's rule: priority classes, highest first (a bare name is the class of that one flag)."""

    priority: Annotated[tuple[Text | PriorityClass, ...], Meta(max_length=MAX_CLASSES)] = ()
    reserve: Reserve | None = None


class Policy(Struct, forbid_unknown_fields=True, gc=False):
    rules: Annotated[dict[Text, Rule], Meta(min_length=1, max_length=MAX_TARIFFS)]
    tie_break: Literal["registered_at", "lottery"] = "registered_at"
    # An integer (FORMAT.md), or the round's secret seed as text; null while a round has not revealed it yet.
    lottery_seed: Seed | None = 0


class RoundInfo(Struct, gc=False):
    """The round's own facts. Other keys (the desk's name, say) are kept out of the way, not refused."""

    date: Day | None = None
    commitment: Annotated[str, Meta(pattern="^[0-9a-f]{64}$")] | None = None


class InstanceDocument(Struct, forbid_unknown_fields=True, gc=False):
    """A whole instance as read, before the checks of instance.py and compiling."""

    format: str
    policy: Policy
    locations: Annotated[tuple[Location, ...], Meta(max_length=MAX_LOCATIONS)]
    requests: Annotated[tuple[Request, ...], Meta(max_length=MAX_REQUESTS)]
    round: RoundInfo = msgspec.field(default_factory=RoundInfo)
