"""One word per domain term in every language, and one translation per message whatever app it is in.

Django merges the apps' catalogues into one per language: a message translated differently in two apps shows whichever
app comes first, so the same English text must read the same everywhere (or carry a context with `pgettext`).
"""

import re
import tomllib
from collections import defaultdict
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "loket"
GLOSSARY = tomllib.loads((SRC / "core" / "data" / "glossary.toml").read_text(encoding="utf-8"))
LANGUAGES = ["nl", "en", "fr", "ar"]


def catalogue_entries(language):
    for po in sorted(SRC.glob(f"*/locale/{language}/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(po)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
            texts = [text for text in texts if text]
            if texts:
                yield po.parts[-5], entry, texts


@pytest.mark.parametrize("language", ["nl", "fr", "ar"])
def test_every_glossary_term_is_translated_one_way(language):
    wrong = []
    for app, entry, texts in catalogue_entries(language):
        source = entry.msgid + " " + (entry.msgid_plural or "")
        for term, rule in GLOSSARY.items():
            words = rule.get(language, {})
            if not words or not re.search(rule["en"], source.strip(), re.IGNORECASE):
                continue
            for text in texts:
                avoided = [word for word in words.get("avoid", []) if word in text]
                if avoided:
                    wrong.append(
                        f"{app}: {term!r} as {avoided[0]!r} in {entry.msgid[:60]!r} -> {text[:60]!r}"
                    )
    assert not wrong, f"{len(wrong)} messages use a word the glossary avoids:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_glossary_word_is_used_where_a_short_label_names_the_term(language):
    """Labels of one to four words (menu items, headings, buttons) say the term with the glossary's word."""
    wrong = []
    for app, entry, texts in catalogue_entries(language):
        if len(entry.msgid.split()) > 4 or "%" in entry.msgid:
            continue
        for term, rule in GLOSSARY.items():
            use = rule.get(language, {}).get("use")
            if not use or not re.search(rule["en"], entry.msgid.strip(), re.IGNORECASE):
                continue
            for text in texts:
                if not any(word.lower() in text.lower() for word in use):
                    wrong.append(f"{app}: {term!r} not as {use[0]!r} in {entry.msgid!r} -> {text!r}")
    assert not wrong, f"{len(wrong)} short labels do not use the glossary's word:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_message_reads_the_same_in_every_app(language):
    seen = defaultdict(dict)
    for app, entry, texts in catalogue_entries(language):
        seen[(entry.msgctxt, entry.msgid, entry.msgid_plural)][app] = tuple(texts)
    clashes = [
        f"{msgid!r}"
        + (f" (context {context!r})" if context else "")
        + ": "
        + "; ".join(f"{app}={texts[0]!r}" for app, texts in sorted(by_app.items()))
        for (context, msgid, _plural), by_app in seen.items()
        if len(set(by_app.values())) > 1
    ]
    assert not clashes, f"{len(clashes)} messages are translated differently by app:\n" + "\n".join(clashes)
