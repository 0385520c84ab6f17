"""Loket's one Dutch search, used by the support desk's knowledge base, questions and canned answers, and by the social
map (network).

How words become searchable, on both databases alike:
- Words are lower-cased without accents, function words dropped, and reduced to their Snowball Dutch stem (the
  algorithm PostgreSQL's `dutch` configuration uses): "ondernemingsplannen" and "ondernemingsplan" are one word.
- Compounds are split into their parts with a maintained list of Dutch parts (`data/nl_compound_parts.txt`), so
  "kinderopvanglocatie" is found by "locatie", and "opvangovereenkomst" by an article about the "overeenkomst" with
  the "opvang".
- Each row keeps its stems (and the stems of its compounds' parts) in a text column, " stem stem … ", which any
  database can search with LIKE. PostgreSQL's own full-text search (`dutch`) is used besides, where available.
- A query is read into *terms*. A term is satisfied by any one of its *options*, and an option needs all its stems.
  Options come from the word itself, its compound parts, and the maintained synonym list (`data/nl_synonyms.txt`):
  "huishoudelijk reglement" is satisfied by a row with "huisreglement", "IKT" by "inkomenstarief", and the other way
  round. Synonyms are applied to the query only, so a change to the list works at once, without re-indexing.

Two ways to search:
- `filter_all`: rows matching *every* term (a search box over a list: the question queue, the social map);
- `rank_any`: rows matching *any* term, best first (articles suggested for a whole typed question).

Input is bounded (characters, word length and number of terms), so a 100 kB question never builds a huge LIKE pattern.
"""

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from django.db import connection
from django.db.models import Q, QuerySet

DATA = Path(__file__).resolve().parent / "data"
MAX_QUERY_CHARS = 2000  # of a query; a typed question is read up to here
MAX_WORD_CHARS = 40  # longer "words" are not words (a pasted link, a hash): never searched
MAX_FILTER_TERMS = 12
MAX_RANK_TERMS = 30
MIN_PART_CHARS = 3
RELEVANT_SHARE = 0.35  # of the best match's score, for a suggestion to be shown

_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("dutch")

# Function words never decide a match: PostgreSQL's Dutch stop words (which its search drops too), shortened, and the
# words every question has ("vraag", "graag").
STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "alles",
        "als",
        "altijd",
        "andere",
        "ben",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ge",
        "geen",
        "geweest",
        "graag",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iemand",
        "iets",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "mag",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "moeten",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "vraag",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "welke",
        "werd",
        "wezen",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
    ]
)


def plain(text: str) -> str:
    """Lower case without accents: "Crèche" and "creche" are one word."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of `text` that can decide a match: two letters or more, not a number, not a function word."""
    return [
        w
        for w in _WORD.findall(plain(text))
        if 1 < len(w) <= MAX_WORD_CHARS and not w.isdigit() and w not in STOPWORDS
    ]


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    """The distinct Snowball Dutch stems of `text`'s words, in order: "ondernemingsplannen" gives "ondernemingsplan"."""
    return list(dict.fromkeys(stem(w) for w in words(text)))


# --- compounds ---------------------------------------------------------------------------------------------------

_GLUES = ("", "s", "e", "en", "n")


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


@lru_cache(maxsize=1)
def compound_parts() -> frozenset[str]:
    """The words a compound may be made of: the maintained list plus every one-word synonym."""
    parts = {plain(w) for w in _lines("nl_compound_parts.txt")}
    for group in _synonym_lines():
        parts.update(plain(m) for m in group if " " not in m and "-" not in m)
    return frozenset(p for p in parts if len(p) >= MIN_PART_CHARS)


@lru_cache(maxsize=1)
def _part_stems() -> frozenset[str]:
    return frozenset(stem(p) for p in compound_parts())


@lru_cache(maxsize=20_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound ("opvangovereenkomst" → ("opvang", "overeenkomst")), or () when `word` is not one.
    The split with the fewest parts wins; a part may be followed by a linking s, e or en ("inkomen-s-tarief"), and
    the last part may be inflected ("plannen")."""
    word = plain(word)
    best = _split(word, top=True)
    return best or ()


def _split(rest: str, *, top: bool) -> tuple[str, ...] | None:
    parts, part_stems = compound_parts(), _part_stems()
    if not top and (rest in parts or stem(rest) in part_stems):
        return (rest,)
    best = None
    for end in range(len(rest) - MIN_PART_CHARS, MIN_PART_CHARS - 1, -1):
        head = rest[:end]
        if head not in parts:
            continue
        for glue in _GLUES:
            tail = rest[end + len(glue) :] if rest[end:].startswith(glue) else None
            if not tail or len(tail) < MIN_PART_CHARS:
                continue
            found = _split(tail, top=False)
            if found and (best is None or 1 + len(found) < len(best)):
                best = (head, *found)
    return best


def _word_stems(word: str) -> set[str]:
    """A word's stem and, for a compound, the stems of its parts (and of their parts)."""
    found = {stem(word)}
    for part in split_compound(word):
        found.add(stem(part))
        found.update(stem(p) for p in split_compound(part))
    return found


def tokens_of(*texts: str) -> str:
    """What a row stores to be searchable: " stem stem … " (spaces around each, to match whole stems)."""
    unique = sorted({s for text in texts for w in words(text) for s in _word_stems(w)})
    return f" {' '.join(unique)} " if unique else ""


# --- synonyms ----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _synonym_lines() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(m.strip() for m in line.split("=") if m.strip()) for line in _lines("nl_synonyms.txt"))


@lru_cache(maxsize=1)
def _synonym_groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each group as the stems of its members: (("huisreglement",), ("huishoudelijk", "reglement"), …)."""
    groups = []
    for line in _synonym_lines():
        members = tuple(dict.fromkeys(tuple(stem(w) for w in words(m)) for m in line))
        groups.append(tuple(m for m in members if m))
    return tuple(groups)


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], list[tuple[tuple[str, ...], ...]]]:
    """Member (as stems) → the groups it belongs to."""
    index: dict[tuple[str, ...], list] = {}
    for group in _synonym_groups():
        for member in group:
            index.setdefault(member, []).append(group)
    return index


@dataclass(frozen=True)
class Term:
    """One thing the searcher asked for; a row satisfies it with any one option (all of the option's stems)."""

    text: str
    options: tuple[tuple[str, ...], ...]

    def satisfied_by(self, tokens: set[str]) -> bool:
        return any(all(s in tokens for s in option) for option in self.options)


def terms(query: str, *, limit: int = MAX_FILTER_TERMS) -> list[Term]:
    """Read a query into terms: synonym phrases first (longest first), then single words with their compound parts."""
    query_words = words((query or "")[:MAX_QUERY_CHARS])
    query_stems = [stem(w) for w in query_words]
    phrases = _phrases()
    longest = max((len(p) for p in phrases), default=1)
    found: list[Term] = []
    seen: set[tuple] = set()
    i = 0
    while i < len(query_words) and len(found) < limit:
        for size in range(min(longest, len(query_words) - i), 0, -1):
            key = tuple(query_stems[i : i + size])
            if key in phrases:
                break
        else:
            size, key = 1, (query_stems[i],)
        options: list[tuple[str, ...]] = [key]
        if size == 1:
            parts = split_compound(query_words[i])
            if parts:
                options.append(tuple(dict.fromkeys(stem(p) for p in parts)))
        for group in phrases.get(key, ()):
            options.extend(group)
        options = list(dict.fromkeys(options))
        signature = tuple(sorted(options))
        if signature not in seen:
            seen.add(signature)
            found.append(Term(text=" ".join(query_words[i : i + size]), options=tuple(options)))
        i += size
    return found


# --- queries -----------------------------------------------------------------------------------------------------


def _option_q(option: tuple[str, ...], field: str, *, prefix: bool) -> Q:
    condition = Q()
    for s in option:
        condition &= Q(**{f"{field}__contains": f" {s}" if prefix else f" {s} "})
    return condition


def _term_q(term: Term, field: str, *, prefix: bool) -> Q:
    condition = Q()
    for option in term.options:
        condition |= _option_q(option, field, prefix=prefix)
    return condition


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _vector(fields):
    from django.contrib.postgres.search import SearchVector

    vector = None
    for field, weight in fields:
        part = SearchVector(field, weight=weight, config="dutch")
        vector = part if vector is None else vector + part
    return vector


def filter_all(
    queryset: QuerySet,
    query: str,
    *,
    tokens_column: str = "search_tokens",
    also: Q | None = None,
    pg_fields: tuple[tuple[str, str], ...] = (),
) -> QuerySet:
    """Rows matching every term of `query` (a stem matches the start of a stored stem, so a word being typed matches).
    `also` is an alternative condition (for example an exact reference or e-mail address); `pg_fields` are
    (field, weight) pairs PostgreSQL's `dutch` full-text search looks in as well, best matches first."""
    query = (query or "").strip()[:MAX_QUERY_CHARS]
    if not query:
        return queryset
    wanted = terms(query, limit=MAX_FILTER_TERMS)
    condition = Q()
    for term in wanted:
        condition &= _term_q(term, tokens_column, prefix=True)
    if not wanted:
        condition = Q(pk__in=[])
    if also is not None:
        condition |= also
    if _postgres() and pg_fields and wanted:
        from django.contrib.postgres.search import SearchQuery, SearchRank

        vector = _vector(pg_fields)
        text_query = SearchQuery(" ".join(t.text for t in wanted), config="dutch", search_type="plain")
        return (
            queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, text_query))
            .filter(condition | Q(search_vector=text_query))
            .order_by("-search_rank", *(queryset.query.order_by or queryset.model._meta.ordering))
        )
    return queryset.filter(condition)


def rank_any(
    queryset: QuerySet,
    query: str,
    *,
    tokens_column: str = "search_tokens",
    title_fields: tuple[str, ...] = (),
    pg_fields: tuple[tuple[str, str], ...] = (),
    limit: int = 5,
    tie_breaker: str | None = None,
) -> list:
    """Rows sharing a term with `query`, best first: each term a row satisfies counts by how rare it is among the
    rows, three times when the title has it. PostgreSQL's `dutch` full-text rank breaks ties (and adds what only
    it finds). Rows scoring far below the best are left out."""
    wanted = terms(query, limit=MAX_RANK_TERMS)
    if not wanted:
        return []
    condition = Q()
    for term in wanted:
        condition |= _term_q(term, tokens_column, prefix=False)
    rank_of = {}
    if _postgres() and pg_fields:
        from django.contrib.postgres.search import SearchQuery, SearchRank

        vector = _vector(pg_fields)
        text_query = None
        for term in wanted:
            part = SearchQuery(term.text, config="dutch", search_type="plain")
            text_query = part if text_query is None else text_query | part
        rows = list(
            queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, text_query))
            .filter(condition | Q(search_vector=text_query))
            .order_by("-search_rank")[:200]
        )
        rank_of = {row.pk: row.search_rank for row in rows}
    else:
        rows = list(queryset.filter(condition)[:200])

    # A term found in few rows says more than one found in most (inverse document frequency, over what matched).
    total = max(queryset.count(), 1)
    token_sets = {row.pk: set(getattr(row, tokens_column).split()) for row in rows}
    weight = {}
    for term in wanted:
        found_in = sum(1 for tokens in token_sets.values() if term.satisfied_by(tokens)) or 1
        weight[term] = math.log(1 + total / found_in)

    def points(row) -> tuple[float, float]:
        """The row's score, and how much of its title the query covers (a title about just this comes first)."""
        tokens = token_sets[row.pk]
        title = set(tokens_of(*(getattr(row, f) or "" for f in title_fields)).split())
        score = sum(weight[t] * (1 + 2 * t.satisfied_by(title)) for t in wanted if t.satisfied_by(tokens))
        covered = {
            s for t in wanted for option in t.options if all(x in title for x in option) for s in option
        }
        return score, len(covered) / len(title) if title else 0

    scored = [
        (*points(row), rank_of.get(row.pk, 0), getattr(row, tie_breaker) if tie_breaker else 0, row)
        for row in rows
    ]
    scored.sort(key=lambda item: item[:4], reverse=True)
    best = scored[0][0] if scored else 0
    # Rows far behind the best match are noise for a long typed question: leave them out.
    return [row for score, *_rest, row in scored if score >= RELEVANT_SHARE * best][:limit]
