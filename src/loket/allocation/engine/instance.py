"""Reading and validating a FORMAT.md instance, then compiling it into flat integer tables for the mechanisms.

Everything is checked before any work starts, and every problem names the item it is about, so a desk worker (or
another program) can fix the input. Compiling turns ids into list positions, months into integers, weekdays into
bit masks and priority classes into one integer key per (request, opening), so the mechanisms only compare ints.
"""

import gc
import random
import re
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal

INSTANCE_FORMAT = "loket-allocation/1"
TIE_BREAKS = ("registered_at", "lottery")
PRECEDENCES = ("open_first", "reserve_first")
SIBLING = "sibling"
OPEN_FIRST, RESERVE_FIRST = 1, 2  # an opening without reserved places has precedence 0

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_MAX_ERRORS = 20


class InstanceError(ValueError):
    """The instance cannot be used; `problems` lists every problem found, each naming its item."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = "" if len(problems) <= _MAX_ERRORS else f"\n… and {len(problems) - _MAX_ERRORS} more"
        super().__init__("\n".join(problems[:_MAX_ERRORS]) + more)


@dataclass(frozen=True, slots=True)
class PriorityClass:
    name: str
    clauses: tuple[frozenset[str], ...]  # the request has the class when it has every flag of one clause


@dataclass(frozen=True, slots=True)
class TariffRule:
    name: str
    classes: tuple[PriorityClass, ...]
    reserve_share: Decimal | None
    reserve_flags: frozenset[str]
    precedence: int  # OPEN_FIRST or RESERVE_FIRST

    def class_name(self, index: int) -> str | None:
        return self.classes[index].name if index < len(self.classes) else None


class Instance:
    """A validated instance in flat tables; requests and openings are numbered in instance order."""

    __slots__ = (
        "by_rank",
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
        "pref_rank",
        "prefs",
        "raw",
        "request_class",
        "request_flags",
        "request_ids",
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
        sibling = self.opening_location[opening] in self.request_flags[request][1]
        return self.request_class[request][self.opening_tariff[opening]][sibling]

    def key_at(self, request: int, opening: int) -> int:
        return self.class_at(request, opening) * len(self.request_ids) + self.tie_rank[request]

    def eligible_for_reserve(self, request: int, opening: int) -> bool:
        return self.reserve_eligible[self.opening_tariff[opening]][request]


def month_index(text, where: str, problems: list[str]) -> int | None:
    match = _MONTH.match(text) if isinstance(text, str) else None
    if not match or not 1 <= int(match.group(2)) <= 12:
        problems.append(f"{where}: {text!r} is not a month (YYYY-MM)")
        return None
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def _date(text, where: str, problems: list[str]) -> date | None:
    try:
        if not isinstance(text, str) or len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"{where}: {text!r} is not a date (YYYY-MM-DD)")
        return None


_LOCAL_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
_LOCAL_DATETIMES = re.compile(r"(?:\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\n|$))*")


def _datetime(text, where: str, problems: list[str]) -> str | None:
    try:
        if not isinstance(text, str) or not _LOCAL_DATETIME.fullmatch(text):
            raise ValueError
        datetime.fromisoformat(text)
    except ValueError:
        problems.append(f"{where}: {text!r} is not a local date and time (YYYY-MM-DDTHH:MM:SS)")
        return None
    return text


def _weekdays(value, where: str, problems: list[str]) -> int | None:
    if not isinstance(value, list) or not value:
        problems.append(f"{where}: weekdays must be a non-empty list of numbers 1–7")
        return None
    mask = 0
    for day in value:
        if type(day) is not int or not 1 <= day <= 7:
            problems.append(f"{where}: weekday {day!r} is outside 1–7")
            return None
        if mask & (1 << day):
            problems.append(f"{where}: weekday {day} is listed twice")
            return None
        mask |= 1 << day
    return mask


def _is_id(value) -> bool:
    return isinstance(value, str) and value != ""


def _count(value, where: str, problems: list[str], what: str) -> int | None:
    if type(value) is not int or value < 0:
        problems.append(f"{where}: {what} must be a whole number of at least 0, not {value!r}")
        return None
    return value


def _string_list(value, where: str, problems: list[str]) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: must be a list of strings")
        return None
    return value


def _parse_rule(name: str, rule, problems: list[str]) -> TariffRule | None:
    where = f"policy.rules.{name}"
    if not isinstance(rule, dict):
        problems.append(f"{where}: must be an object with 'priority' and 'reserve'")
        return None
    classes = []
    priority = rule.get("priority", [])
    if not isinstance(priority, list):
        problems.append(f"{where}.priority: must be a list of classes")
        priority = []
    seen = set()
    for i, item in enumerate(priority):
        if isinstance(item, str) and item:
            cls = PriorityClass(item, (frozenset([item]),))
        elif isinstance(item, dict) and _is_id(item.get("name")) and isinstance(item.get("when"), list):
            clauses = []
            for clause in item["when"]:
                if not isinstance(clause, list) or not clause or not all(_is_id(f) for f in clause):
                    problems.append(
                        f"{where}.priority[{i}] ({item['name']}): each 'when' entry is a non-empty list of flags"
                    )
                    clauses = None
                    break
                clauses.append(frozenset(clause))
            if clauses is None:
                continue
            if not clauses:
                problems.append(f"{where}.priority[{i}] ({item['name']}): 'when' is empty")
                continue
            cls = PriorityClass(item["name"], tuple(clauses))
        else:
            problems.append(
                f"{where}.priority[{i}]: a class is a flag name or {{'name': …, 'when': [[flag, …], …]}}"
            )
            continue
        if cls.name in seen:
            problems.append(f"{where}.priority[{i}]: class {cls.name!r} is listed twice")
        seen.add(cls.name)
        classes.append(cls)
    reserve = rule.get("reserve")
    share, flags, precedence = None, frozenset(), OPEN_FIRST
    if reserve is not None:
        if not isinstance(reserve, dict):
            problems.append(f"{where}.reserve: must be null or an object")
        else:
            raw_share = reserve.get("target_share")
            if type(raw_share) not in (int, float) or not 0 <= raw_share <= 1:
                problems.append(
                    f"{where}.reserve.target_share: must be a number from 0 to 1, not {raw_share!r}"
                )
            else:
                share = Decimal(repr(raw_share)) if isinstance(raw_share, float) else Decimal(raw_share)
            eligible = _string_list(reserve.get("eligible"), f"{where}.reserve.eligible", problems)
            flags = frozenset(eligible or ())
            prec = reserve.get("precedence", "open_first")
            if prec not in PRECEDENCES:
                problems.append(
                    f"{where}.reserve.precedence: {prec!r} is not one of {', '.join(PRECEDENCES)}"
                )
            else:
                precedence = OPEN_FIRST if prec == "open_first" else RESERVE_FIRST
    return TariffRule(name, tuple(classes), share, flags, precedence)


def reserved_places(share: Decimal, enrolled_total: int, enrolled_eligible: int, places: int) -> int:
    """ceil(share × (enrolled + P)) − enrolled eligible, clamped to [0, P], computed exactly in decimals."""
    target = (share * (enrolled_total + places)).to_integral_value(rounding=ROUND_CEILING)
    return max(0, min(places, int(target) - enrolled_eligible))


def parse(data) -> Instance:
    """Validate a decoded instance completely, then compile it. Raises InstanceError naming every bad item."""
    with without_garbage_collection():
        return _parse(data)


@contextmanager
def without_garbage_collection():
    """Compiling creates hundreds of thousands of small containers and no cycles; Python's cycle collector would
    walk all of them again and again (measured: half the parse time at Flanders scale)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(data) -> Instance:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise InstanceError(["instance: must be a JSON object"])
    if data.get("format") != INSTANCE_FORMAT:
        problems.append(f"format: expected {INSTANCE_FORMAT!r}, not {data.get('format')!r}")
    round_ = data.get("round", {})
    if not isinstance(round_, dict):
        problems.append("round: must be an object")
    elif "date" in round_:
        _date(round_["date"], "round.date", problems)

    policy = data.get("policy")
    rules: dict[str, TariffRule] = {}
    tie_break, seed = "registered_at", 0
    if not isinstance(policy, dict):
        problems.append("policy: missing or not an object")
    else:
        tie_break = policy.get("tie_break", "registered_at")
        if tie_break not in TIE_BREAKS:
            problems.append(f"policy.tie_break: {tie_break!r} is not one of {', '.join(TIE_BREAKS)}")
        seed = policy.get("lottery_seed", 0)
        if type(seed) is not int:
            problems.append(f"policy.lottery_seed: must be a whole number, not {seed!r}")
            seed = 0
        raw_rules = policy.get("rules")
        if not isinstance(raw_rules, dict) or not raw_rules:
            problems.append("policy.rules: must be an object with one rule per tariff")
        else:
            for name, rule in raw_rules.items():
                parsed = _parse_rule(name, rule, problems)
                if parsed is not None:
                    rules[name] = parsed
    tariff_names = list(rules)
    tariff_index = {name: i for i, name in enumerate(tariff_names)}
    raw_rule_names = set(
        policy.get("rules", {}) if isinstance(policy, dict) and isinstance(policy.get("rules"), dict) else ()
    )

    def tariff_of(value, where):
        if value not in tariff_index:
            if value not in raw_rule_names:  # a rule that failed to parse is reported once, above
                problems.append(
                    f"{where}: unknown tariff {value!r} (the policy has rules for {', '.join(sorted(raw_rule_names)) or 'none'})"
                )
            return None
        return tariff_index[value]

    # Locations and their openings.
    location_ids: list[str] = []
    location_index: dict[str, int] = {}
    location_enrolled: list[tuple[int, int]] = []
    opening_rows = []  # (id, location, tariff, start, weekdays, (lo, hi), count)
    opening_seen: set[str] = set()
    raw_locations = data.get("locations")
    if not isinstance(raw_locations, list):
        problems.append("locations: must be a list")
        raw_locations = []
    for li, loc in enumerate(raw_locations):
        if not isinstance(loc, dict) or not _is_id(loc.get("id")):
            problems.append(f"locations[{li}]: must be an object with a string 'id'")
            continue
        lid = loc["id"]
        where = f"location {lid}"
        if lid in location_index:
            problems.append(f"{where}: duplicate location id")
            continue
        location_index[lid] = len(location_ids)
        location_ids.append(lid)
        enrolled = loc.get("enrolled", {"total": 0, "reserve_eligible": 0})
        if not isinstance(enrolled, dict):
            problems.append(f"{where}.enrolled: must be an object with 'total' and 'reserve_eligible'")
            enrolled = {}
        total = _count(enrolled.get("total", 0), f"{where}.enrolled", problems, "total")
        eligible = _count(
            enrolled.get("reserve_eligible", 0), f"{where}.enrolled", problems, "reserve_eligible"
        )
        if total is not None and eligible is not None and eligible > total:
            problems.append(f"{where}.enrolled: reserve_eligible ({eligible}) exceeds total ({total})")
        location_enrolled.append((total or 0, eligible or 0))
        openings = loc.get("openings", [])
        if not isinstance(openings, list):
            problems.append(f"{where}.openings: must be a list")
            continue
        for oi, op in enumerate(openings):
            if not isinstance(op, dict) or not _is_id(op.get("id")):
                problems.append(f"{where}.openings[{oi}]: must be an object with a string 'id'")
                continue
            oid = op["id"]
            owhere = f"opening {oid}"
            if oid in opening_seen:
                problems.append(f"{owhere}: duplicate opening id")
                continue
            opening_seen.add(oid)
            tariff = tariff_of(op.get("tariff"), f"{owhere}.tariff")
            start = month_index(op.get("start_month"), f"{owhere}.start_month", problems)
            weekdays = _weekdays(op.get("weekdays"), f"{owhere}.weekdays", problems)
            age = op.get("age_months")
            if (
                not isinstance(age, list)
                or len(age) != 2
                or any(type(a) is not int or a < 0 for a in age)
                or age[0] > age[1]
            ):
                problems.append(
                    f"{owhere}.age_months: must be [lowest, highest] whole months, lowest first, not {age!r}"
                )
                age = None
            count = _count(op.get("count"), owhere, problems, "count")
            opening_rows.append((oid, location_index[lid], tariff, start, weekdays, age, count))

    # Requests.
    request_ids: list[str] = []
    request_seen: set[str] = set()
    request_rows = []
    raw_requests = data.get("requests")
    if not isinstance(raw_requests, list):
        problems.append("requests: must be a list")
        raw_requests = []
    fast = _requests_in_bulk(raw_requests, location_index, tariff_index) if not problems else None
    if fast is not None:
        request_ids, request_rows = fast
        raw_requests = ()  # all valid: the item-by-item reading below, which names each problem, has nothing to do
    # Many requests share months, birth dates, weekday patterns, tariffs and flags: each distinct value is
    # validated once, so a large instance validates in a fraction of a second.
    months: dict = {}
    births: dict = {}
    weekday_masks: dict = {}
    tariff_sets: dict = {}
    flag_sets: dict = {}

    def cached(cache, value, where, convert):
        key = tuple(value) if isinstance(value, list) else value
        try:
            return cache[key]
        except (KeyError, TypeError):
            converted = convert(value, where, problems)
            if converted is not None:
                with suppress(TypeError):
                    cache[key] = converted
            return converted

    def birth_of(text, where, problems):
        birth = _date(text, where, problems)
        # Whole months of age on the 1st of a month: not yet a month older on the 1st unless born on a 1st.
        return None if birth is None else (birth.year * 12 + birth.month - 1, 1 if birth.day > 1 else 0)

    def tariffs_of(value, where, problems):
        tariffs = _string_list(value, where, problems)
        if tariffs is None:
            return None
        if not tariffs:
            problems.append(f"{where}: at least one tariff is needed")
            return None
        found = [tariff_of(t, where) for t in tariffs]
        return None if None in found else frozenset(found)

    def flags_of(value, where, problems):
        flags = _string_list(value, where, problems)
        return None if flags is None else frozenset(flags)

    for ri, req in enumerate(raw_requests):
        if not isinstance(req, dict) or not _is_id(req.get("id")):
            problems.append(f"requests[{ri}]: must be an object with a string 'id'")
            continue
        rid = req["id"]
        where = f"request {rid}"
        if rid in request_seen:
            problems.append(f"{where}: duplicate request id")
            continue
        request_seen.add(rid)
        registered = _datetime(req.get("registered_at"), f"{where}.registered_at", problems)
        birth = cached(births, req.get("child_birth"), f"{where}.child_birth", birth_of)
        window = req.get("start_months")
        lo = hi = None
        if not isinstance(window, list) or len(window) != 2:
            problems.append(f"{where}.start_months: must be [earliest, latest] months")
        else:
            lo = cached(months, window[0], f"{where}.start_months", month_index)
            hi = cached(months, window[1], f"{where}.start_months", month_index)
            if lo is not None and hi is not None and lo > hi:
                problems.append(
                    f"{where}.start_months: the earliest month {window[0]} is after the latest {window[1]}"
                )
        weekdays = cached(weekday_masks, req.get("weekdays"), f"{where}.weekdays", _weekdays)
        tariff_set = cached(tariff_sets, req.get("tariffs"), f"{where}.tariffs", tariffs_of)
        choices = req.get("choices")
        choice_idx = []
        if not isinstance(choices, list):
            problems.append(f"{where}.choices: must be a list of location ids")
        else:
            try:
                choice_idx = [location_index[c] for c in choices]
                if len(set(choice_idx)) != len(choice_idx):
                    raise KeyError
            except (KeyError, TypeError):
                choice_idx = []
                seen_choice = set()
                for c in choices:
                    if not isinstance(c, str) or c not in location_index:
                        problems.append(f"{where}.choices: unknown location {c!r}")
                    elif c in seen_choice:
                        problems.append(f"{where}.choices: location {c!r} is chosen twice")
                    if isinstance(c, str):
                        seen_choice.add(c)
        flags = cached(flag_sets, req.get("flags", []), f"{where}.flags", flags_of)
        sibling_at = req.get("sibling_at", [])
        siblings = frozenset()
        if sibling_at:
            sibling_at = _string_list(sibling_at, f"{where}.sibling_at", problems) or []
            # A sibling at a location outside the round changes nothing, so it is not an error.
            siblings = frozenset(location_index[s] for s in sibling_at if s in location_index)
        request_ids.append(rid)
        birth_month, birth_late = birth or (0, 0)
        request_rows.append(
            (registered, birth_month, birth_late, lo, hi, weekdays, tariff_set, choice_idx, flags, siblings)
        )

    if problems:
        raise InstanceError(problems)
    return _compile(
        data,
        tie_break,
        seed,
        rules,
        tariff_names,
        location_ids,
        location_enrolled,
        opening_rows,
        request_ids,
        request_rows,
    )


def _requests_in_bulk(raw_requests, location_index, tariff_index):
    """Read valid requests column by column, each distinct value validated once. Returns None at the first
    doubt, and the caller reads item by item instead to name each problem."""
    try:
        ids = [r["id"] for r in raw_requests]
        registered = [r["registered_at"] for r in raw_requests]
        births = [r["child_birth"] for r in raw_requests]
        windows = [r["start_months"] for r in raw_requests]
        weekdays = [r["weekdays"] for r in raw_requests]
        tariffs = [tuple(r["tariffs"]) for r in raw_requests]
        flags = [tuple(r.get("flags", ())) for r in raw_requests]
        choices = [[location_index[c] for c in r["choices"]] for r in raw_requests]
        siblings = [r.get("sibling_at") or () for r in raw_requests]
        if len(set(ids)) != len(ids) or not all(type(i) is str and i for i in ids):
            return None
        if not all(type(w) is list and len(w) == 2 for w in windows):
            return None
        if list(map(len, map(set, choices))) != list(map(len, choices)):
            return None  # a location chosen twice
        problems: list[str] = []
        # All registration times at once: one shape check over the joined text, then each distinct day.
        if set(map(len, registered)) != {19} or not _LOCAL_DATETIMES.fullmatch("\n".join(registered)):
            return None
        for day in {text[:10] for text in registered}:
            if _date(day, "", problems) is None:
                return None
        birth_of = {}
        for text in set(births):
            birth = _date(text, "", problems)
            if birth is None:
                return None
            birth_of[text] = birth.year * 12 + birth.month - 1 + (1 if birth.day > 1 else 0)
        month_of = {}
        for text in {w[0] for w in windows} | {w[1] for w in windows}:
            month_of[text] = month_index(text, "", problems)
            if month_of[text] is None:
                return None
        mask_of = {}
        weekdays = [tuple(w) for w in weekdays]
        for pattern in set(weekdays):
            mask_of[pattern] = _weekdays(list(pattern), "", problems)
            if mask_of[pattern] is None:
                return None
        tariff_set_of = {}
        for pattern in set(tariffs):
            if not pattern or not all(t in tariff_index for t in pattern):
                return None
            tariff_set_of[pattern] = frozenset(tariff_index[t] for t in pattern)
        flag_set_of = {}
        for pattern in set(flags):
            if not all(isinstance(f, str) for f in pattern):
                return None
            flag_set_of[pattern] = frozenset(pattern)
        rows = []
        for i in range(len(ids)):
            lo, hi = month_of[windows[i][0]], month_of[windows[i][1]]
            if lo > hi:
                return None
            sibling_at = siblings[i]
            if sibling_at:
                if not isinstance(sibling_at, list) or not all(isinstance(x, str) for x in sibling_at):
                    return None
                sibling_at = frozenset(location_index[x] for x in sibling_at if x in location_index)
            rows.append(
                (
                    registered[i],
                    birth_of[births[i]],
                    0,
                    lo,
                    hi,
                    mask_of[weekdays[i]],
                    tariff_set_of[tariffs[i]],
                    choices[i],
                    flag_set_of[flags[i]],
                    sibling_at or frozenset(),
                )
            )
    except (KeyError, TypeError, AttributeError):
        return None
    return ids, rows


def _tie_order(tie_break: str, seed: int, request_ids: list[str], registered: list[str]) -> list[int]:
    """Request positions from first to last in the tie-break. The lottery shuffles the ids in sorted order with
    Python's Mersenne Twister seeded by `lottery_seed`, so the draw depends on the seed and the set of ids only."""
    n = len(request_ids)
    if tie_break == "lottery":
        order = sorted(range(n), key=request_ids.__getitem__)
        random.Random(seed).shuffle(order)
        return order
    return [i for _, _, i in sorted(zip(registered, request_ids, range(n), strict=True))]


def _compile(
    raw,
    tie_break,
    seed,
    rules,
    tariff_names,
    location_ids,
    location_enrolled,
    opening_rows,
    request_ids,
    request_rows,
) -> Instance:
    inst = Instance()
    inst.raw = raw
    inst.tie_break = tie_break
    inst.tariffs = [rules[name] for name in tariff_names]
    inst.tariff_index = {name: i for i, name in enumerate(tariff_names)}
    inst.location_ids = location_ids
    n_loc = len(location_ids)

    inst.opening_ids = [row[0] for row in opening_rows]
    inst.opening_location = [row[1] for row in opening_rows]
    inst.opening_tariff = [row[2] for row in opening_rows]
    inst.opening_start = [row[3] for row in opening_rows]
    inst.opening_weekdays = [row[4] for row in opening_rows]
    inst.opening_age = [tuple(row[5]) for row in opening_rows]
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
    location_openings: list[list[int]] = [[] for _ in range(n_loc)]
    for o in range(n_open):
        location_openings[inst.opening_location[o]].append(o)
    for members in location_openings:
        members.sort(key=lambda o: inst.opening_start[o])
    inst.location_openings = location_openings

    n = len(request_ids)
    inst.request_ids = request_ids
    order = _tie_order(tie_break, seed, request_ids, [row[0] for row in request_rows])
    tie_rank = [0] * n
    for rank, i in enumerate(order):
        tie_rank[i] = rank
    inst.tie_rank = tie_rank
    inst.by_rank = order

    # Priority class per request, tariff and sibling-or-not, computed once.
    n_tariffs = len(inst.tariffs)
    request_class = []
    reserve_eligible = [bytearray(n) for _ in range(n_tariffs)]
    inst.request_flags = []
    by_flags: dict[frozenset, tuple] = {}  # families share a handful of flag combinations
    for i, row in enumerate(request_rows):
        flags, siblings = row[8], row[9]
        inst.request_flags.append((flags, siblings))
        known = by_flags.get(flags)
        if known is None:
            known = by_flags[flags] = _classes_for(inst.tariffs, flags)
        request_class.append(known[0])
        for t in known[1]:
            reserve_eligible[t][i] = 1
    inst.request_class = request_class
    inst.reserve_eligible = reserve_eligible

    # Each request's eligible openings in its order of preference, with its priority key at each. The inner loop
    # runs for every (request, chosen location, opening): it compares plain ints from one tuple per opening.
    location_rows = [
        tuple(
            (
                o,
                inst.opening_start[o],
                ~inst.opening_weekdays[o],
                inst.opening_start[o] - inst.opening_age[o][1],  # born in this month or later …
                inst.opening_start[o] - inst.opening_age[o][0],  # … and in this month or earlier
                inst.opening_tariff[o],
            )
            for o in members
            if inst.opening_count[o] > 0
        )
        for members in location_openings
    ]
    prefs, pref_keys, pref_rank = [], [], []
    for i, row in enumerate(request_rows):
        _, birth_month, birth_late, lo, hi, weekdays, tariff_set, choices, _, siblings = row
        born = birth_month + birth_late  # age at a start month = start − born
        classes = request_class[i]
        rank_i = tie_rank[i]
        p, k, r = [], [], []
        for rank, loc in enumerate(choices):
            for o, start, not_open, born_from, born_until, t in location_rows[loc]:
                if (
                    lo <= start <= hi
                    and born_from <= born <= born_until
                    and not weekdays & not_open
                    and t in tariff_set
                ):
                    p.append(o)
                    k.append(classes[t][loc in siblings] * n + rank_i)
                    r.append(rank)
        prefs.append(p)
        pref_keys.append(k)
        pref_rank.append(r)
    inst.prefs = prefs
    inst.pref_keys = pref_keys
    inst.pref_rank = pref_rank
    return inst


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


def misfits(inst: Instance, request: int, opening: int) -> list[str]:
    """Why an opening at a chosen location does not fit a request: 'start', 'weekdays', 'age', 'tariff', 'full'."""
    raw = inst.raw["requests"][request]
    reasons = []
    lo = month_index(raw["start_months"][0], "", [])
    hi = month_index(raw["start_months"][1], "", [])
    start = inst.opening_start[opening]
    if not lo <= start <= hi:
        reasons.append("start")
    mask = 0
    for d in raw["weekdays"]:
        mask |= 1 << d
    if mask & ~inst.opening_weekdays[opening]:
        reasons.append("weekdays")
    birth = date.fromisoformat(raw["child_birth"])
    age = start - (birth.year * 12 + birth.month - 1) - (1 if birth.day > 1 else 0)
    a_lo, a_hi = inst.opening_age[opening]
    if not a_lo <= age <= a_hi:
        reasons.append("age")
    if inst.tariffs[inst.opening_tariff[opening]].name not in raw["tariffs"]:
        reasons.append("tariff")
    if inst.opening_count[opening] == 0:
        reasons.append("no_places")
    return reasons
