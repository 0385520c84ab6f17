"""Searching the directory with Dutch stemming, on both databases behind one function.

PostgreSQL uses its full-text search with the 'dutch' configuration. SQLite has no Dutch stemmer, so every entry keeps
its words stemmed with the Snowball Dutch stemmer in `Partner.search_tokens` (" stem stem … "), and a search looks for
each stemmed word of the query as the start of a stored token: "taalcursussen" finds "taalcursus", "gezinnen" finds
"gezin". Both ways, every word of the query must match (AND)."""

from django.db import connection
from django.db.models import Q, QuerySet

from loket.core.dutch_words import stems, tokens_of

__all__ = ["search", "stems", "tokens_of"]


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
