"""Searching the directory with Dutch stemming, on both databases behind one function.

PostgreSQL uses its full-text search with the 'dutch' configuration. SQLite has no Dutch stemmer, so every entry keeps
its words stemmed with the Snowball Dutch stemmer in `Partner.search_tokens` (" stem stem … "), and a search looks for
each stemmed word of the query as the start of a stored token: "taalcursussen" finds "taalcursus", "gezinnen" finds
"gezin". Both ways, every word of the query must match (AND)."""

import re
import unicodedata

import snowballstemmer
from django.db import connection
from django.db.models import Q, QuerySet

_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("dutch")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Function words never decide a match (a short list from PostgreSQL's Dutch stop words, which its search drops too).
STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "het",
        "hij",
        "hoe",
        "in",
        "is",
        "je",
        "met",
        "na",
        "naar",
        "niet",
        "nog",
        "of",
        "om",
        "op",
        "over",
        "te",
        "tot",
        "uit",
        "van",
        "voor",
        "wat",
        "we",
        "wie",
        "zij",
        "zijn",
        "ze",
        "zo",
        "ook",
        "maar",
        "mijn",
        "hun",
        "haar",
        "ons",
    ]
)


def stems(text: str) -> list[str]:
    words = [w for w in _WORD.findall(_plain(text or "")) if len(w) > 1 and w not in STOPWORDS]
    return list(dict.fromkeys(_stemmer.stemWords(words)))


def tokens_of(text: str) -> str:
    unique = sorted(set(stems(text)))
    return f" {' '.join(unique)} " if unique else ""


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow a queryset of partners to those matching every word of `query`; best matches first on PostgreSQL."""
    query = (query or "").strip()
    if not query:
        return queryset
    token_match = Q()
    for stem in stems(query):
        token_match &= Q(search_tokens__contains=f" {stem}")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("name", weight="A", config="dutch") + SearchVector(
            "description", "area_note", "languages", weight="B", config="dutch"
        )
        text_query = SearchQuery(query, config="dutch", search_type="plain")
        return (
            queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, text_query))
            .filter(Q(search_vector=text_query) | token_match)
            .order_by("-search_rank", "name")
        )
    return queryset.filter(token_match)
