import pytest

from loket.demand.models import ChildcareRequest
from loket.demand.priority import PriorityFacts, vulnerable_condition
from loket.testing.factories import make_request


@pytest.mark.parametrize(
    ("facts", "vulnerable"),
    [
        ({}, False),
        ({"low_income": True}, False),  # one criterion is not enough
        ({"work": True, "single_parent": True}, False),  # two, but neither is a key criterion
        ({"work": True, "low_income": True}, True),
        ({"single_parent": True, "no_diploma": True}, True),
        ({"health_or_care": True, "no_diploma": True}, True),
        ({"foster": True, "low_income": True}, False),  # foster care gives priority, not vulnerability
    ],
)
def test_flemish_vulnerability_rule(facts, vulnerable):
    assert PriorityFacts(**facts).vulnerable is vulnerable
    assert ("vulnerable" in PriorityFacts(**facts).flags()) is vulnerable


@pytest.mark.django_db
def test_sql_condition_agrees_with_the_python_rule():
    combos = [
        {},
        {"low_income": True},
        {"work": True, "single_parent": True},
        {"work": True, "low_income": True},
        {"single_parent": True, "no_diploma": True},
        {"foster": True, "health_or_care": True},
        {"health_or_care": True, "work": True, "single_parent": True},
    ]
    made = [make_request(**facts) for facts in combos]
    in_sql = set(ChildcareRequest.objects.filter(vulnerable_condition()).values_list("pk", flat=True))
    assert in_sql == {r.pk for r in made if r.facts.vulnerable}
