"""Tokens and a small area for the API tests."""

import pytest
from django.core.cache import cache

from loket.api.tokens import token_issue
from loket.testing.factories import make_location, make_municipality, make_opening, make_organiser


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def area(db):
    """Two organisers in one municipality; each has a location with free places."""
    municipality = make_municipality()
    ours = make_organiser(name="Ons Kinderdagverblijf vzw")
    theirs = make_organiser(name="Andere Opvang bv")
    our_location = make_location(ours, municipality, name="De Speelboom")
    their_location = make_location(theirs, municipality, name="Het Nest")
    return {
        "municipality": municipality,
        "ours": ours,
        "theirs": theirs,
        "our_location": our_location,
        "their_location": their_location,
        "our_opening": make_opening(our_location, count=2),
        "their_opening": make_opening(their_location, count=1),
    }


@pytest.fixture
def provider_token(area):
    _token, plain = token_issue(name="Planning software", kind="provider", organiser=area["ours"])
    return plain


@pytest.fixture
def other_provider_token(area):
    _token, plain = token_issue(name="Their software", kind="provider", organiser=area["theirs"])
    return plain


@pytest.fixture
def agency_token(db):
    _token, plain = token_issue(name="Agency statistics", kind="agency")
    return plain
