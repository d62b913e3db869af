"""The one analysis every search and similarity measure uses: a text's words, each
brought to its base form, so that inflected forms find each other ("kiusaamisen",
"kiusaamista" → kiusata; "perhekeskuksessa" → perhekeskus; "barnens" → barn).

Finnish words get their base forms from Voikko where it is installed (Debian's
libvoikko1 and voikko-fi; `make install` puts them on a Debian machine): a compound's
parts are terms of their own too, so "koulukiusaamisen" is found by "kiusaaminen".
Without Voikko, and for Swedish and English, Snowball's stemmers give the stems; for
Finnish a few rules on top of Snowball join what it leaves apart (the -minen nouns'
"kiusaamin"/"kiusaamis"/"kiusaam", and "keskuks"/"keskus").

The index stores terms: where the analysis changes (Voikko installed or removed), the
`python -m lanu rebuild-search` rebuilds them.
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

ALGORITHMS = {"fi": "finnish", "sv": "swedish", "en": "english"}
WORD = re.compile(r"[^\W\d_]+")
SHORTEST = 2  # letters of the shortest word that is a term
FINNISH_ENDINGS = [
    (re.compile(r"(m)i[ns]$"), r"\1"),  # kiusaamin, kiusaamis → kiusaam
    (re.compile(r"([aeiouyäö])ks$"), r"\1s"),  # keskuks → keskus
]

voikko_lock = threading.Lock()


def words(text: str) -> list[str]:
    """The text's words of letters, case folded, in NFC (ä stays ä: the stemmers need it)."""
    folded = unicodedata.normalize("NFC", str(text or "")).casefold()
    return [word for word in WORD.findall(folded) if len(word) >= SHORTEST]


def terms(text: str, language: str = "fi") -> list[str]:
    """The terms of the text, in order, a word giving one or more (a compound's parts)."""
    return [term for word in words(text) for term in word_terms(word, language)]


@functools.lru_cache(maxsize=200_000)
def word_terms(word: str, language: str = "fi") -> tuple[str, ...]:
    """One word's terms: its base form, and a Finnish compound's parts' base forms."""
    if language == "fi" and voikko() is not None:
        found = voikko_terms(word)
        if found:
            return found
    return (stem(word, language),)


def stem(word: str, language: str) -> str:
    """Snowball's stem of the word, with the Finnish rules on top of it."""
    stemmed = stemmer(ALGORITHMS.get(language, "finnish")).stemWord(word)
    if language == "fi":
        for ending, replacement in FINNISH_ENDINGS:
            stemmed = ending.sub(replacement, stemmed)
    return stemmed


@functools.cache
def stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


def voikko_terms(word: str) -> tuple[str, ...]:
    """The base form Voikko gives first, then each compound part's; () if Voikko does
    not know the word (a name such as "Kymsote")."""
    analyses = analyse(word)
    if not analyses:
        return ()
    found = [analyses[0]["BASEFORM"].casefold()]
    for part in compound_parts(word, analyses[0].get("STRUCTURE", "")):
        part_analyses = analyse(part)
        if part_analyses:
            found.append(part_analyses[0]["BASEFORM"].casefold())
    return tuple(dict.fromkeys(found))


def compound_parts(word: str, structure: str) -> list[str]:
    """The word cut where Voikko's STRUCTURE ("=ppppp=ppppppppppp") starts a new part;
    [] for a word of one part."""
    parts, current = [], ""
    letters = iter(word)
    for mark in structure:
        if mark == "=":
            if current:
                parts.append(current)
            current = ""
        else:
            current += next(letters, "")
    parts.append(current)
    return [part for part in parts if len(part) >= SHORTEST] if len(parts) > 1 else []


def analyse(word: str) -> list[dict]:
    engine = voikko()
    if engine is None:
        return []
    with voikko_lock:
        return engine.analyze(word)


@functools.cache
def voikko():
    """Voikko's Finnish analyser, or None where the library or dictionary is missing."""
    try:
        import libvoikko
    except ImportError:
        return None
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException):  # no libvoikko.so, or no dictionary
        return None
