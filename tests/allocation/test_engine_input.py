"""Bad input is refused before any work, with a message naming the offending item."""

import copy
import json

import pytest

from loket.allocation.engine import InstanceError, parse, solve

from .builders import instance, location, opening, request


def valid():
    return instance(
        [location("A", opening("A1")), location("B", opening("B1"))],
        [request("R1", ["A", "B"]), request("R2", ["B"])],
    )


def broken(change):
    inst = valid()
    change(inst)
    return inst


CASES = [
    (
        "unknown location in choices",
        lambda i: i["requests"][0]["choices"].append("L9"),
        ["request R1", "'L9'"],
    ),
    ("a location chosen twice", lambda i: i["requests"][0]["choices"].append("A"), ["request R1", "twice"]),
    (
        "duplicate request id",
        lambda i: i["requests"].append(copy.deepcopy(i["requests"][0])),
        ["request R1", "duplicate"],
    ),
    ("duplicate location id", lambda i: i["locations"].append(location("A")), ["location A", "duplicate"]),
    (
        "duplicate opening id",
        lambda i: i["locations"][1]["openings"].append(opening("A1")),
        ["opening A1", "duplicate"],
    ),
    (
        "malformed registration time",
        lambda i: i["requests"][1].update(registered_at="2026-13-01T09:00:00"),
        ["request R2.registered_at"],
    ),
    (
        "registration time with a zone",
        lambda i: i["requests"][1].update(registered_at="2026-01-01T09:00+01"),
        ["request R2.registered_at"],
    ),
    (
        "impossible birth date",
        lambda i: i["requests"][0].update(child_birth="2026-02-30"),
        ["request R1.child_birth"],
    ),
    (
        "malformed start month",
        lambda i: i["locations"][0]["openings"][0].update(start_month="2027-13"),
        ["opening A1.start_month"],
    ),
    (
        "start window backwards",
        lambda i: i["requests"][0].update(start_months=["2027-05", "2027-02"]),
        ["request R1.start_months"],
    ),
    ("weekday outside 1–7", lambda i: i["requests"][0].update(weekdays=[1, 8]), ["request R1.weekdays", "8"]),
    (
        "weekday 0 at an opening",
        lambda i: i["locations"][1]["openings"][0].update(weekdays=[0, 1]),
        ["opening B1.weekdays"],
    ),
    ("negative count", lambda i: i["locations"][0]["openings"][0].update(count=-1), ["opening A1", "count"]),
    (
        "unknown tariff at an opening",
        lambda i: i["locations"][0]["openings"][0].update(tariff="private"),
        ["opening A1.tariff", "'private'"],
    ),
    (
        "unknown tariff in a request",
        lambda i: i["requests"][1].update(tariffs=["income", "cheap"]),
        ["request R2.tariffs", "'cheap'"],
    ),
    ("unknown tie-break", lambda i: i["policy"].update(tie_break="coin"), ["policy.tie_break", "'coin'"]),
    (
        "unknown precedence",
        lambda i: i["policy"]["rules"]["income"].update(
            reserve={"target_share": 0.2, "eligible": ["vulnerable"], "precedence": "random"}
        ),
        ["policy.rules.income.reserve.precedence"],
    ),
    (
        "share above 1",
        lambda i: i["policy"]["rules"]["income"].update(
            reserve={"target_share": 1.5, "eligible": ["vulnerable"]}
        ),
        ["target_share"],
    ),
    (
        "age band backwards",
        lambda i: i["locations"][0]["openings"][0].update(age_months=[12, 3]),
        ["opening A1.age_months"],
    ),
    (
        "enrolled eligible above total",
        lambda i: i["locations"][0].update(enrolled={"total": 1, "reserve_eligible": 2}),
        ["location A.enrolled"],
    ),
    ("wrong format", lambda i: i.update(format="something/2"), ["format"]),
    ("id that is not a string", lambda i: i["requests"][0].update(id=7), ["requests[0]"]),
]


@pytest.mark.parametrize(("label", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_the_item_named(label, change, expected):
    with pytest.raises(InstanceError) as error:
        parse(broken(change))
    for fragment in expected:
        assert fragment in str(error.value), (label, str(error.value))


def test_every_problem_of_meaning_is_reported_not_only_the_first():
    def two_problems(i):
        i["requests"][0]["start_months"] = ["2027-05", "2027-02"]
        i["requests"][1]["choices"] = ["Nowhere"]

    with pytest.raises(InstanceError) as error:
        parse(broken(two_problems))
    assert len(error.value.problems) == 2


def test_a_wrong_type_is_refused_at_the_first_one_naming_it():
    """Types are checked while decoding, which stops at the first wrong field."""

    def two_problems(i):
        i["requests"][0]["weekdays"] = [9]
        i["requests"][1]["flags"] = "work"

    with pytest.raises(InstanceError) as error:
        parse(broken(two_problems))
    assert error.value.problems == ["request R1.weekdays[0]: expected a whole number <= 7, not 9"]


def test_a_document_that_is_not_an_object_is_refused():
    with pytest.raises(InstanceError):
        parse([])


def test_a_sibling_at_a_location_outside_the_round_is_harmless():
    inst = valid()
    inst["requests"][0]["sibling_at"] = ["Elsewhere"]
    assert solve(inst)["assignments"]


def test_json_text_and_decoded_data_are_read_alike():
    """One input path: the CLI reads JSON text, the app passes decoded data; both compile the same."""
    inst = valid()
    inst["requests"][1]["sibling_at"] = ["A"]
    text = json.dumps(inst)
    for document in (text, text.encode()):
        from_text, from_data = parse(document), parse(inst)
        assert (from_text.prefs, from_text.pref_keys, from_text.tie_rank) == (
            from_data.prefs,
            from_data.pref_keys,
            from_data.tie_rank,
        )
