"""Reading a FORMAT.md instance: one path, strict and fast, from JSON text or decoded data to flat integer tables.

1. **Types** (`schema.py`): msgspec decodes the document into typed structures and refuses, at the first wrong
   field, anything of the wrong type, out of bounds or unknown. The message names the item (`request R7.flags:
   expected a list, not text`).
2. **Meaning**: what a type cannot say (a duplicate id, an unknown location or tariff, 30 February, a window that
   ends before it starts, a seed that does not match the round's commitment). Every such problem is reported, each
   naming its item. Requests share a handful of months, birth dates, weekday patterns, tariffs and flag sets, so
   each distinct value is checked and converted once.
3. **Compiling**: ids become list positions, months integers, weekdays bit masks and priority classes one integer
   key per (request, opening), so the mechanisms only compare ints.

Nothing is half-done: bad input raises InstanceError before any result exists.
"""

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

import msgspec

from . import lottery
from .schema import INSTANCE_FORMAT, MAX_TEXT, InstanceDocument, Policy, PriorityClass, Rule

TIE_BREAKS = ("registered_at", "lottery")
PRECEDENCES = ("open_first", "reserve_first")
SIBLING = "sibling"
OPEN_FIRST, RESERVE_FIRST = 1, 2  # an opening without reserved places has precedence 0

_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_LOCAL_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d", re.ASCII)
_LOCAL_DATETIMES = re.compile(r"(?:\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\n|$))*", re.ASCII)
_MAX_ERRORS = 20


class InstanceError(ValueError):
    """The instance cannot be used; `problems` lists every problem found, each naming its item."""

    def __init__(self, problems: list[str]):
        # One line per problem, whatever ids and field names the document holds.
        self.problems = problems = [_printable(problem) for problem in problems]
        more = "" if len(problems) <= _MAX_ERRORS else f"\n… and {len(problems) - _MAX_ERRORS} more"
        super().__init__("\n".join(problems[:_MAX_ERRORS]) + more)


def _printable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode() for c in text
    )


@dataclass(frozen=True, slots=True)
class CompiledClass:
    name: str
    clauses: tuple[frozenset[str], ...]  # the request has the class when it has every flag of one clause


@dataclass(frozen=True, slots=True)
class TariffRule:
    name: str
    classes: tuple[CompiledClass, ...]
    reserve_share: Decimal | None
    reserve_flags: frozenset[str]
    precedence: int  # OPEN_FIRST or RESERVE_FIRST

    def class_name(self, index: int) -> str | None:
        return self.classes[index].name if index < len(self.classes) else None


class Instance:
    """A validated instance in flat tables; requests and openings are numbered in instance order. `document` is
    the typed document it was read from."""

    __slots__ = (
        "by_rank",
        "document",
        "location_ids",
        "location_openings",
        "opening_age",
        "opening_count",
        "opening_ids",
        "opening_location",
        "opening_precedence",
        "opening_reserved",
        "opening_start",
        "opening_tariff",
        "opening_weekdays",
        "pref_keys",
        "prefs",
        "request_class",
        "request_flags",
        "request_ids",
        "request_siblings",
        "request_terms",
        "reserve_eligible",
        "tariff_index",
        "tariffs",
        "tie_break",
        "tie_rank",
    )

    def key_request(self, key: int) -> int:
        """The request behind a priority key (keys are class × n + tie-break rank)."""
        return self.by_rank[key % len(self.request_ids)]

    def key_class(self, key: int) -> int:
        return key // len(self.request_ids)

    def class_at(self, request: int, opening: int) -> int:
        sibling = self.opening_location[opening] in self.request_siblings.get(request, ())
        return self.request_class[request][self.opening_tariff[opening]][sibling]

    def preference_rank(self, request: int, opening: int) -> int:
        """The rank (0 = first) the request gave the opening's location."""
        return self.document.requests[request].choices.index(
            self.location_ids[self.opening_location[opening]]
        )

    def key_at(self, request: int, opening: int) -> int:
        return self.class_at(request, opening) * len(self.request_ids) + self.tie_rank[request]

    def eligible_for_reserve(self, request: int, opening: int) -> bool:
        return self.reserve_eligible[self.opening_tariff[opening]][request]


# --- reading ------------------------------------------------------------------------------------------------------


def parse(document, *, seed=None) -> Instance:
    """Read, check and compile an instance: JSON text (bytes or str) or the same data already decoded (a dict).
    `seed` replaces the policy's `lottery_seed` (the seed a round reveals after its run). Raises InstanceError
    naming every bad item."""
    with without_garbage_collection():
        typed = read(document)
        if seed is not None:
            if not (type(seed) is int or (isinstance(seed, str) and 0 < len(seed) <= MAX_TEXT)):
                raise InstanceError([f"seed: must be a whole number or text of 1 to {MAX_TEXT} characters"])
            typed.policy.lottery_seed = seed
        return _check_and_compile(typed, document)


def read(document) -> InstanceDocument:
    """The document with every field's type and bound checked (step 1), or InstanceError naming the first bad one."""
    try:
        if isinstance(document, bytes | bytearray | memoryview | str):
            return msgspec.json.decode(document, type=InstanceDocument)
        return msgspec.convert(document, InstanceDocument)
    except msgspec.ValidationError as error:
        raise InstanceError([_type_problem(str(error), document)]) from None
    except msgspec.DecodeError as error:
        raise InstanceError([f"instance: not valid JSON ({_lower(str(error))})"]) from None
    except UnicodeDecodeError:
        raise InstanceError(["instance: not valid JSON (the text is not UTF-8)"]) from None
    except RecursionError:
        raise InstanceError(["instance: nested too deeply"]) from None


@contextmanager
def without_garbage_collection():
    """Reading creates hundreds of thousands of small containers and no cycles; Python's cycle collector would walk
    all of them again and again (measured: it makes decoding a Flanders-sized instance five times slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_TYPE_WORDS = {
    "array": "a list",
    "object": "an object",
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "null": "null",
    "str | object": "text or an object",
}
_AT = re.compile(r"^(.*?)(?: - at `\$(.*)`)?$", re.DOTALL)
_STEP = re.compile(r"\.(\w+)|\[(\d+|\.\.\.)\]")
_ITEMS = {"requests": "request", "locations": "location", "openings": "opening"}


def _type_problem(message: str, document, prefix: str = "") -> str:
    """msgspec's message about the first wrong field, in the engine's words, naming the item by its id."""
    text, path = _AT.match(message).groups()
    if not path and not prefix and text.startswith("Expected `object`, got"):
        got = _TYPE_WORDS.get(text.rsplit("`", 2)[-2], "something else")
        return f"instance: must be a JSON object, not {got}"
    if text.startswith("Invalid enum value"):
        allowed = TIE_BREAKS if (path or "").endswith("tie_break") else PRECEDENCES
        text = f"{text.removeprefix('Invalid enum value ')} is not one of {', '.join(allowed)}"
    text = re.sub(r"`([^`]+)`", lambda m: _TYPE_WORDS.get(m[1], f"'{m[1]}'"), _lower(text))
    where, value = _where(prefix + (path or ""), document)
    if isinstance(value, str | int) and not isinstance(value, bool) and " got " not in text:
        shown = repr(value)
        text += f", not {shown if len(shown) <= 40 else shown[:37] + '…'}"
    return f"{where}: {text}"


def _where(path: str, document) -> tuple[str, object]:
    """`.requests[3].flags` → `request R4.flags` (`requests[3].flags` when the id cannot be read), and the value
    found there (None when it cannot be read)."""
    plain = document if isinstance(document, dict) else _loose(document)
    steps = [name or (int(index) if index.isdigit() else index) for name, index in _STEP.findall(path)]
    named, rest_from, node = None, 0, plain
    for depth, step in enumerate(steps):
        node = _child(node, step)
        parent = steps[depth - 1] if depth else None
        if isinstance(step, int) and parent in _ITEMS:
            label = node.get("id") if isinstance(node, dict) else None
            if isinstance(label, str) and 0 < len(label) <= MAX_TEXT:
                named = f"{_ITEMS[parent]} {label}"
            else:
                named = _path(steps[: depth + 1])
            rest_from = depth + 1
        elif step == "..." and parent == "rules":
            named, rest_from = _failing_rule(plain), depth + 1
    rest = _path(steps[rest_from:])
    if named is None:
        return rest or "instance", node
    return named + ("." + rest if rest else ""), node


def _path(steps) -> str:
    return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps).lstrip(".")


def _child(node, step):
    try:
        return node[step]
    except (KeyError, IndexError, TypeError):
        return None


def _failing_rule(plain) -> str:
    """msgspec says `rules[...]` for a dict value: find the tariff whose rule is wrong."""
    rules = _child(_child(plain, "policy"), "rules")
    for name, rule in rules.items() if isinstance(rules, dict) else ():
        try:
            msgspec.convert(rule, Rule)
        except msgspec.ValidationError:
            return f"policy.rules.{name}"
    return "policy.rules"


def _loose(document):
    """The document decoded without types, only to name an item in a message; None when even that fails. Python's
    own decoder, told to leave out huge integers, reads what msgspec refused for a number out of range."""
    import json

    try:
        return json.loads(document, parse_int=lambda digits: int(digits) if len(digits) <= 40 else None)
    except (ValueError, RecursionError):
        return None


def _lower(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


# --- checking the meaning and compiling ----------------------------------------------------------------------------


def month_index(text: str) -> int | None:
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def _day(text: str) -> date | None:
    if not _DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _birth_month(text: str) -> int | None:
    """Whole months of age on the 1st of a month M is M minus this: not yet a month older on the 1st unless born
    on a 1st."""
    birth = _day(text)
    return None if birth is None else birth.year * 12 + birth.month - 1 + (birth.day > 1)


def _weekday_mask(days: tuple[int, ...]) -> int | None:
    mask = 0
    for day in days:
        mask |= 1 << day
    return mask if mask.bit_count() == len(days) else None  # None: a day listed twice


def reserved_places(share: Decimal, enrolled_total: int, enrolled_eligible: int, places: int) -> int:
    """ceil(share × (enrolled + P)) − enrolled eligible, clamped to [0, P], computed exactly in decimals."""
    target = (share * (enrolled_total + places)).to_integral_value(rounding=ROUND_CEILING)
    return max(0, min(places, int(target) - enrolled_eligible))


def compile_policy(policy: Policy, problems: list[str]) -> list[TariffRule]:
    """The policy's rules per tariff; what a type cannot say (a class listed twice) goes to `problems`."""
    rules = []
    for name, rule in policy.rules.items():
        where = f"policy.rules.{name}"
        classes, seen = [], set()
        for i, item in enumerate(rule.priority):
            if isinstance(item, PriorityClass):
                cls = CompiledClass(item.name, tuple(frozenset(clause) for clause in item.when))
            else:
                cls = CompiledClass(item, (frozenset([item]),))
            if cls.name in seen:
                problems.append(f"{where}.priority[{i}]: class {cls.name!r} is listed twice")
            seen.add(cls.name)
            classes.append(cls)
        share, flags, precedence = None, frozenset(), OPEN_FIRST
        if rule.reserve is not None:
            raw = rule.reserve.target_share
            # The JSON number exactly: 0.2 is 0.2, not 0.200000000000000011102230246251565.
            share = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
            flags = frozenset(rule.reserve.eligible)
            precedence = OPEN_FIRST if rule.reserve.precedence == "open_first" else RESERVE_FIRST
        rules.append(TariffRule(name, tuple(classes), share, flags, precedence))
    return rules


def policy_problems(policy) -> list[str]:
    """Every problem of a FORMAT.md `policy` object (decoded JSON), each naming its field; [] when it is valid.
    The one validator of the policy format: the engine reads instances with it, the app checks stored policies."""
    try:
        typed = msgspec.convert(policy, Policy)
    except msgspec.ValidationError as error:
        return [_type_problem(str(error), {"policy": policy}, prefix=".policy")]
    problems: list[str] = []
    compile_policy(typed, problems)
    return problems


def _check_and_compile(doc: InstanceDocument, source) -> Instance:
    problems: list[str] = []
    if doc.format != INSTANCE_FORMAT:
        problems.append(f"format: expected {INSTANCE_FORMAT!r}, not {doc.format!r}")
    if doc.round.date is not None and _day(doc.round.date) is None:
        problems.append(f"round.date: {doc.round.date!r} is not a date (YYYY-MM-DD)")
    policy = doc.policy
    rules = compile_policy(policy, problems)
    tariff_index = {rule.name: i for i, rule in enumerate(rules)}
    known_tariffs = ", ".join(sorted(tariff_index))
    seed = policy.lottery_seed
    if seed is None and policy.tie_break == "lottery":
        problems.append(
            "policy.lottery_seed: the round's seed is not revealed yet (it is shown once the round has run; "
            "give it with --seed)"
        )
    elif (
        seed is not None
        and doc.round.commitment is not None
        and lottery.commitment(source, seed) != doc.round.commitment
    ):
        problems.append(
            "round.commitment: the seed does not match the commitment the round published before its run"
        )

    # Locations and their openings.
    location_ids = [loc.id for loc in doc.locations]
    location_index = {lid: i for i, lid in enumerate(location_ids)}
    if len(location_index) != len(location_ids):
        problems.extend(f"location {lid}: duplicate location id" for lid in _duplicates(location_ids))
    location_enrolled = []
    opening_rows = []  # (id, location, tariff, start, weekdays, (lo, hi), count)
    opening_seen: set[str] = set()
    for li, loc in enumerate(doc.locations):
        total, eligible = loc.enrolled.total, loc.enrolled.reserve_eligible
        if eligible > total:
            problems.append(
                f"location {loc.id}.enrolled: reserve_eligible ({eligible}) exceeds total ({total})"
            )
        location_enrolled.append((total, eligible))
        for op in loc.openings:
            where = f"opening {op.id}"
            if op.id in opening_seen:
                problems.append(f"{where}: duplicate opening id")
                continue
            opening_seen.add(op.id)
            tariff = tariff_index.get(op.tariff)
            if tariff is None:
                problems.append(
                    f"{where}.tariff: unknown tariff {op.tariff!r} (the policy has {known_tariffs})"
                )
            start = month_index(op.start_month)
            if start is None:
                problems.append(f"{where}.start_month: {op.start_month!r} is not a month (YYYY-MM)")
            weekdays = _weekday_mask(op.weekdays)
            if weekdays is None:
                problems.append(f"{where}.weekdays: a weekday is listed twice")
            if op.age_months[0] > op.age_months[1]:
                problems.append(f"{where}.age_months: lowest first, not {list(op.age_months)}")
            opening_rows.append((op.id, li, tariff, start, weekdays, op.age_months, op.count))

    requests = doc.requests
    request_ids = [r.id for r in requests]
    n = len(request_ids)
    if len(set(request_ids)) != n:
        problems.extend(f"request {rid}: duplicate request id" for rid in _duplicates(request_ids))
    registered = [r.registered_at for r in requests]
    if not _registered_times_valid(registered):
        for r in requests:
            if not _LOCAL_DATETIME.fullmatch(r.registered_at) or _day(r.registered_at[:10]) is None:
                problems.append(
                    f"request {r.id}.registered_at: {r.registered_at!r} is not a local date and time "
                    "(YYYY-MM-DDTHH:MM:SS)"
                )
    if problems:  # the tables below need sound ids, tariffs and months
        _problems_of_requests(requests, location_index, tariff_index, known_tariffs, problems)
        raise InstanceError(problems)

    tie_break = policy.tie_break
    if tie_break == "lottery":
        order = lottery.draw_order(seed, request_ids)
    else:
        # Fixed-width times: concatenated with the id, one string sorts by time, then id.
        keys = [t + rid for t, rid in zip(registered, request_ids, strict=True)]
        order = sorted(range(n), key=keys.__getitem__)
    tie_rank = [0] * n
    for rank, i in enumerate(order):
        tie_rank[i] = rank

    inst = Instance()
    inst.document = doc
    inst.tie_break = tie_break
    inst.tariffs = rules
    inst.tariff_index = tariff_index
    inst.location_ids = location_ids
    inst.request_ids = request_ids
    inst.tie_rank = tie_rank
    inst.by_rank = order
    _compile_openings(inst, opening_rows, location_enrolled)
    _compile_requests(inst, location_index, problems)
    if problems:
        raise InstanceError(problems)
    return inst


def _duplicates(ids: list[str]) -> list[str]:
    seen, twice = set(), {}
    for i in ids:
        if i in seen:
            twice[i] = None
        seen.add(i)
    return list(twice)


def _registered_times_valid(registered: list[str]) -> bool:
    """All registration times at once: one shape check over the joined text (each is exactly 19 characters, so
    a line break inside one cannot pass), then each distinct day."""
    if not _LOCAL_DATETIMES.fullmatch("\n".join(registered)):
        return False
    return all(_day(day) is not None for day in {t[:10] for t in registered})


def _compile_openings(inst: Instance, opening_rows, location_enrolled) -> None:
    inst.opening_ids = [row[0] for row in opening_rows]
    inst.opening_location = [row[1] for row in opening_rows]
    inst.opening_tariff = [row[2] for row in opening_rows]
    inst.opening_start = [row[3] for row in opening_rows]
    inst.opening_weekdays = [row[4] for row in opening_rows]
    inst.opening_age = [row[5] for row in opening_rows]
    inst.opening_count = [row[6] for row in opening_rows]

    # Reserved places per location and tariff, spread over that tariff's openings in instance order.
    n_open = len(opening_rows)
    inst.opening_reserved = [0] * n_open
    inst.opening_precedence = [0] * n_open
    by_location_tariff: dict[tuple[int, int], list[int]] = {}
    for o in range(n_open):
        by_location_tariff.setdefault((inst.opening_location[o], inst.opening_tariff[o]), []).append(o)
    for (loc, t), members in by_location_tariff.items():
        rule = inst.tariffs[t]
        if rule.reserve_share is None:
            continue
        total, eligible = location_enrolled[loc]
        places = sum(inst.opening_count[o] for o in members)
        left = reserved_places(rule.reserve_share, total, eligible, places)
        for o in members:
            k = min(inst.opening_count[o], left)
            left -= k
            inst.opening_reserved[o] = k
            if k:
                inst.opening_precedence[o] = rule.precedence

    # Each location's openings as a request ranks them: earlier start first, then instance order.
    location_openings: list[list[int]] = [[] for _ in inst.location_ids]
    for o in range(n_open):
        location_openings[inst.opening_location[o]].append(o)
    for members in location_openings:
        members.sort(key=inst.opening_start.__getitem__)
    inst.location_openings = location_openings


def _compile_requests(inst: Instance, location_index: dict[str, int], problems: list[str]) -> None:
    """Per request: its priority class per tariff, and its eligible openings in its order of preference with its
    priority key at each. The inner loop runs for every (request, chosen location, opening) and compares plain ints
    from one tuple per opening; everything else is looked up once per distinct value."""
    n = len(inst.request_ids)
    tariffs, tariff_index, tie_rank = inst.tariffs, inst.tariff_index, inst.tie_rank
    location_rows = [
        tuple(
            (
                o,
                inst.opening_start[o],
                0xFF & ~inst.opening_weekdays[o],  # days it is closed (a small positive int: fast to test)
                inst.opening_start[o] - inst.opening_age[o][1],  # born in this month or later …
                inst.opening_start[o] - inst.opening_age[o][0],  # … and in this month or earlier
                inst.opening_tariff[o],
            )
            for o in members
            if inst.opening_count[o] > 0
        )
        for members in inst.location_openings
    ]
    births: dict[str, int | None] = {}
    windows: dict[tuple[str, str], tuple] = {}
    masks: dict[tuple[int, ...], int | None] = {}
    tariff_sets: dict[tuple[str, ...], frozenset[int]] = {}
    by_flags: dict[tuple[str, ...], tuple] = {}  # families share a handful of flag combinations
    request_class, request_flags, siblings_of = [], [], {}
    # Per request (start window lo, hi; weekday mask; birth month; tariffs): what explaining a misfit compares.
    request_terms_ = []
    reserve_eligible = [bytearray(n) for _ in tariffs]
    prefs, pref_keys = [], []
    no_siblings = frozenset()
    for i, r in enumerate(inst.document.requests):
        try:
            born = births[r.child_birth]
        except KeyError:
            born = births[r.child_birth] = _birth_month(r.child_birth)
        try:
            lo, hi = windows[r.start_months]
        except KeyError:
            lo, hi = windows[r.start_months] = _window(r.start_months)
        try:
            mask = masks[r.weekdays]
        except KeyError:
            mask = masks[r.weekdays] = _weekday_mask(r.weekdays)
        try:
            tariff_set = tariff_sets[r.tariffs]
        except KeyError:
            tariff_set = tariff_sets[r.tariffs] = frozenset(tariff_index.get(t, -1) for t in r.tariffs)
        try:
            classes, eligible_tariffs, flags = by_flags[r.flags]
        except KeyError:
            flags = frozenset(r.flags)
            classes, eligible_tariffs = _classes_for(tariffs, flags)
            by_flags[r.flags] = classes, eligible_tariffs, flags
        request_flags.append(flags)
        request_class.append(classes)
        request_terms_.append((lo, hi, mask, born, r.tariffs))
        for t in eligible_tariffs:
            reserve_eligible[t][i] = 1
        choices = r.choices
        if (
            born is None
            or lo is None
            or mask is None
            or -1 in tariff_set
            or (len(choices) > 1 and len(set(choices)) != len(choices))
        ):
            problems.extend(_request_problems(r, location_index, tariff_index))
            continue
        key_base = tie_rank[i]
        p, k = [], []
        siblings = no_siblings
        if r.sibling_at:
            siblings = siblings_of[i] = frozenset(
                location_index[s] for s in r.sibling_at if s in location_index
            )
        try:
            for c in choices:
                loc = location_index[c]
                for o, start, not_open, born_from, born_until, t in location_rows[loc]:
                    if start > hi:
                        break  # a location's openings are sorted by start month
                    if (
                        lo <= start
                        and born_from <= born <= born_until
                        and not mask & not_open
                        and t in tariff_set
                    ):
                        p.append(o)
                        k.append(classes[t][loc in siblings] * n + key_base)
        except KeyError:
            problems.extend(_request_problems(r, location_index, tariff_index))
            continue
        prefs.append(p)
        pref_keys.append(k)
    inst.request_class = request_class
    inst.request_flags = request_flags
    inst.request_siblings = siblings_of
    inst.request_terms = request_terms_
    inst.reserve_eligible = reserve_eligible
    inst.prefs = prefs
    inst.pref_keys = pref_keys


def _window(months: tuple[str, str]) -> tuple:
    lo, hi = month_index(months[0]), month_index(months[1])
    return (None, None) if lo is None or hi is None or lo > hi else (lo, hi)


def _problems_of_requests(requests, location_index, tariff_index, known_tariffs, problems) -> None:
    """Every request's own problems, for an instance already known to be bad elsewhere."""
    for r in requests:
        problems.extend(_request_problems(r, location_index, tariff_index, known_tariffs))


def _request_problems(r, location_index, tariff_index, known_tariffs=None) -> list[str]:
    where = f"request {r.id}"
    found = []
    if _birth_month(r.child_birth) is None:
        found.append(f"{where}.child_birth: {r.child_birth!r} is not a date (YYYY-MM-DD)")
    lo, hi = (month_index(m) for m in r.start_months)
    for text, index in zip(r.start_months, (lo, hi), strict=True):
        if index is None:
            found.append(f"{where}.start_months: {text!r} is not a month (YYYY-MM)")
    if lo is not None and hi is not None and lo > hi:
        found.append(f"{where}.start_months: the earliest month {r.start_months[0]} is after the latest")
    if _weekday_mask(r.weekdays) is None:
        found.append(f"{where}.weekdays: a weekday is listed twice")
    known_tariffs = known_tariffs or ", ".join(sorted(tariff_index))
    for t in r.tariffs:
        if t not in tariff_index:
            found.append(f"{where}.tariffs: unknown tariff {t!r} (the policy has {known_tariffs})")
    seen = set()
    for c in r.choices:
        if c not in location_index:
            found.append(f"{where}.choices: unknown location {c!r}")
        elif c in seen:
            found.append(f"{where}.choices: location {c!r} is chosen twice")
        seen.add(c)
    return found


def _classes_for(tariffs: list[TariffRule], flags: frozenset) -> tuple[list, list[int]]:
    """Per tariff, the class index without and with a sibling at the location; and the tariffs whose reserve the
    flags make eligible. A request with none of the classes comes after all of them."""
    per_tariff, reserve = [], []
    for t, rule in enumerate(tariffs):
        pair = []
        for facts in (flags, flags | {SIBLING}):
            index = len(rule.classes)
            for c, cls in enumerate(rule.classes):
                if any(clause <= facts for clause in cls.clauses):
                    index = c
                    break
            pair.append(index)
        per_tariff.append(tuple(pair))
        if rule.reserve_flags and not rule.reserve_flags.isdisjoint(flags):
            reserve.append(t)
    return per_tariff, reserve
