"""Dutch stemming in the knowledge base search, on SQLite (Snowball tokens) and PostgreSQL ('dutch' configuration):
the same tests run on whichever database DATABASE_URL selects."""

import pytest
from django.db import connection

from loket.core.search import stems
from loket.support.knowledge.selectors import search_articles
from loket.support.models import Article

from .conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    return {
        "plan": make_article(
            slug="ondernemingsplan",
            title="Een ondernemingsplan opstellen",
            body="Wat hoort in een ondernemingsplan voor een kinderopvanglocatie: visie, markt en financiën.",
        ),
        "rules": make_article(
            slug="huisreglement",
            title="Het huisreglement",
            body="Wat moet in het huisreglement staan? Openingsuren, prijzen en de opzegtermijn.",
            theme="organisation",
        ),
        "language": make_article(
            slug="taalstimulering",
            title="Taalstimulering bij baby's en peuters",
            body="Zo stimuleer je de taal van jonge kinderen die thuis een andere taal spreken.",
            theme="pedagogy",
        ),
    }


def test_stems_are_dutch():
    assert stems("ondernemingsplannen") == stems("ondernemingsplan")
    assert stems("huisreglementen") == stems("huisreglement")
    assert stems("de en het") == []


def test_a_plural_finds_the_singular(articles):
    found = search_articles(Article.objects.all(), "ondernemingsplannen")
    assert found and found[0] == articles["plan"]
    assert articles["rules"] not in found


def test_a_whole_question_ranks_the_best_article_first(articles):
    found = search_articles(
        Article.objects.all(), "Welke regels moeten in onze huisreglementen over de opzegtermijn?"
    )
    assert found[0] == articles["rules"]


def test_nothing_matches_nothing(articles):
    assert search_articles(Article.objects.all(), "parkeervergunning") == []
    assert search_articles(Article.objects.all(), "de het een") == []


def test_unpublished_articles_are_not_suggested(articles):
    Article.objects.filter(pk=articles["plan"].pk).update(published=False)
    assert search_articles(Article.objects.filter(published=True), "ondernemingsplannen") == []


def test_an_edit_is_searchable_at_once(articles):
    from loket.support.services import article_save

    article_save(
        article=articles["language"],
        data={"body_nl": "Meertaligheid: ouders spreken thuis hun eigen moedertaal."},
        actor=None,
    )
    assert search_articles(Article.objects.all(), "moedertalen")[0] == articles["language"]


def test_the_database_in_use_is_reported():
    # Makes it visible in the test output which engine these tests exercised.
    assert connection.vendor in ("sqlite", "postgresql")


# --- the knowledge base's own articles find what people type (issue 18) --------------------------------------------


@pytest.fixture
def knowledge_base():
    from loket.support.knowledge.content import ARTICLES
    from loket.support.services import article_save

    return {data["slug"]: article_save(data={**data, "published": True}, actor=None) for data in ARTICLES}


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("huishoudelijk reglement", "huisreglement"),
        ("inkomenstarief", "inkomenstarief"),
        ("IKT-mix", "ikt-mix"),
        ("businessplan", "ondernemingsplan"),
        ("Wat zet ik in mijn opvangovereenkomst?", "schriftelijke-overeenkomst"),
        ("Welke rechtsstructuur past bij een onthaalouder?", "rechtsvorm"),
        ("Mag ik plaatsen met vrije prijs en inkomenstarief combineren?", "ikt-mix"),
    ],
)
def test_what_people_type_suggests_the_right_article(knowledge_base, typed, slug):
    from loket.support.knowledge.selectors import suggestions

    found = suggestions(typed)
    assert found and found[0].slug == slug, [a.slug for a in found]


def test_the_knowledge_base_page_finds_it_too(client, knowledge_base):
    page = client.get("/voorzet/kennisbank/", {"q": "huishoudelijk reglement"}).content.decode()
    assert "Het huisreglement" in page


def test_a_hundred_kilobyte_question_is_searched_without_a_huge_pattern(client, knowledge_base):
    """A pasted 100 kB text (one endless 'word' and many words) gives suggestions, not 'database unreachable'."""
    endless = "x" * 100_000
    assert client.get("/voorzet/vraag/suggesties/", {"body": endless}).status_code == 200
    many = "huisreglement " * 8000
    response = client.get("/voorzet/vraag/suggesties/", {"body": many})
    assert response.status_code == 200 and "Het huisreglement" in response.content.decode()
    response = client.post("/voorzet/vraag/", {"subject": "x", "body": endless, "suggest": "1"})
    assert response.status_code == 200


def test_compounds_are_split_and_synonyms_go_both_ways():
    from loket.core.search import split_compound, terms, tokens_of

    assert split_compound("opvangovereenkomst") == ("opvang", "overeenkomst")
    assert split_compound("inkomenstarief") == ("inkomen", "tarief")
    assert split_compound("verzekering") == ()  # "ver" is not a part: no false split
    assert " loceer " in tokens_of("een nieuwe kinderopvanglocatie")  # "locatie" finds the compound
    (term,) = terms("huisreglement")
    assert term.satisfied_by({"huishoudelijk", "reglement"})
    (term,) = terms("huishoudelijk reglement")
    assert term.satisfied_by({"huisreglement"})
