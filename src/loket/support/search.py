"""Searching the knowledge base with Dutch stemming, on both databases behind one function.

PostgreSQL uses full-text search with the 'dutch' configuration (`to_tsvector('dutch', …)`). SQLite has no Dutch
stemmer, so every article keeps its words stemmed with the Snowball Dutch stemmer (the same algorithm PostgreSQL's
'dutch' configuration uses) in `Article.search_tokens`; a query's stems are looked up there. A typed question is
long, so any word may match (OR) and articles matching more words come first: "ondernemingsplannen" finds
"ondernemingsplan"."""

from django.db import connection
from django.db.models import Q, QuerySet

from loket.core.dutch_words import stems, tokens_of, words

__all__ = ["search_articles", "search_text", "stems", "tokens_of"]


def search_articles(queryset: QuerySet, query: str, *, limit: int = 5) -> list:
    """The articles of `queryset` that share words with `query`, best first."""
    query_stems = stems(query)[:30]
    if not query_stems:
        return []
    wanted = set(query_stems)
    token_match = Q()
    for stem in query_stems:
        token_match |= Q(search_tokens__contains=f" {stem} ")

    def token_score(article) -> int:
        title = set(stems(f"{article.title_nl} {article.title_en}"))
        return len(wanted & set(article.search_tokens.split())) + len(wanted & title)

    if connection.vendor == "postgresql":
        # PostgreSQL's own 'dutch' stemmer (an older Snowball version) misses some plurals of compounds
        # ("ondernemingsplannen" → "ondernemingsplann"), so the stored Snowball stems count as a match too.
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title_nl", "title_en", weight="A", config="dutch")
            + SearchVector("tags", weight="B", config="dutch")
            + SearchVector("body_nl", "body_en", weight="C", config="dutch")
        )
        text_query = None
        for word in words(query)[:30]:
            part = SearchQuery(word, config="dutch", search_type="plain")
            text_query = part if text_query is None else text_query | part
        candidates = list(
            queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, text_query))
            .filter(Q(search_vector=text_query) | token_match)
            .order_by("-search_rank")[:200]
        )
        candidates.sort(key=lambda a: (token_score(a), a.search_rank, a.useful_count), reverse=True)
        return candidates[:limit]
    candidates = list(queryset.filter(token_match))
    candidates.sort(key=lambda a: (token_score(a), a.useful_count), reverse=True)
    return candidates[:limit]


def search_text(queryset: QuerySet, query: str, fields: tuple[str, ...]) -> QuerySet:
    """A simple search for short lists (canned answers): every word must appear in one of the fields."""
    for word in (query or "").split()[:10]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(any_field)
    return queryset
