"""Swedish words: splitting, stemming, matching and highlighting, the same on every database.

A query term matches a word when the word starts with the term's stem (so "tryggheten"
finds "trygghet" and "cykel" finds "cykelvägar"), or, for terms of four letters or more, when
the two are near enough to be a typo. Words are compared case-folded, so "Å" matches "å".
"""

import re
from difflib import SequenceMatcher
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
TYPO_RATIO = 0.8
_stemmer = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.casefold())


def terms(query: str) -> list[str]:
    """The query's words worth searching for, case-folded, at most eight."""
    words = [w.casefold() for w in WORD.findall(query) if len(w) >= 2 and not w.isdigit()]
    return list(dict.fromkeys(w[:MAX_TERM_LENGTH] for w in words))[:MAX_TERMS]


def word_match(term: str, word: str) -> float:
    """1 for the same stem, 0.8 for a word that starts with the term's stem (a compound),
    0.5 for a likely typo, else 0."""
    word = word.casefold()
    if stem(word) == stem(term):
        return 1.0
    if word.startswith(stem(term)) or stem(word).startswith(stem(term)):
        return 0.8
    if len(term) >= 4 and abs(len(word) - len(term)) <= 2:
        if SequenceMatcher(None, term, word).ratio() >= TYPO_RATIO:
            return 0.5
    return 0.0


def best_match(term: str, text: str) -> float:
    return max((word_match(term, word) for word in WORD.findall(text)), default=0.0)


def highlight(text: str, query_terms: list[str]) -> str:
    """``text`` escaped, with every matching word in <mark>."""
    parts: list[str] = []
    last = 0
    for found in WORD.finditer(text):
        if any(word_match(term, found.group()) for term in query_terms):
            parts.append(escape(text[last : found.start()]))
            parts.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def snippet(text: str, query_terms: list[str], words: int = 30) -> str:
    """About ``words`` words of ``text`` around its first match, highlighted."""
    tokens = text.split()
    first = next(
        (i for i, token in enumerate(tokens) if any(best_match(t, token) for t in query_terms)),
        0,
    )
    start = max(0, first - words // 3)
    piece = " ".join(tokens[start : start + words])
    return highlight(
        ("… " if start else "") + piece + (" …" if start + words < len(tokens) else ""),
        query_terms,
    )
