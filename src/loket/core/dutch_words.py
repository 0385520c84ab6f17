"""Dutch words for searching on both databases: Snowball stems (the algorithm of PostgreSQL's 'dutch' configuration)
stored with each searchable row, so SQLite can search like PostgreSQL does. Used by the support desk's knowledge base
and by the network directory."""

import re
import unicodedata

import snowballstemmer

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
    return [w for w in _WORD.findall(plain(text)) if len(w) > 1 and not w.isdigit() and w not in STOPWORDS]


def stems(text: str) -> list[str]:
    """The distinct Snowball Dutch stems of `text`'s words, in order: "ondernemingsplannen" gives "ondernemingsplan"."""
    return list(dict.fromkeys(_stemmer.stemWords(words(text))))


def tokens_of(*texts: str) -> str:
    """The stems of `texts` as stored for searching: " stem stem … " (spaces around each, to match whole stems)."""
    unique = sorted({stem for text in texts for stem in stems(text)})
    return f" {' '.join(unique)} " if unique else ""
