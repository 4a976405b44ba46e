"""Words in Swedish and English: splitting, stemming, matching and highlighting, the same on
every database. Site search (search.selectors) and the register's mapping suggestions
(goals.selectors) both use them.

A query term matches a word when the two have the same stem; when the word starts with the
term's stem, or with the term less a final vowel, so that a word finds the compounds it
begins ("cykel" → "cykelvägar", "folkhälsa" → "folkhälsopolitiken"); in Swedish, when the
term's stem of four letters or more ends or sits inside the word, so that a word finds the
compounds it closes ("stråk" → "cykelstråk"); or, for terms of four letters or more, when
the two are near enough to be a typo. A compound in the query finds its parts: it is split
where both halves are words of the texts searched ("cykelstråk" → "cykel" + "stråk", with a
linking s: "trygghetsvandring" → "trygghet" + "vandring"). PostgreSQL does the same with
the hunspell-sv dictionary (search/migrations/0003). Words are compared case-folded, so "Å"
matches "å".
"""

import re
from bisect import bisect_left
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
TYPO_RATIO = 0.8
# Shorter parts would split too much ("is" in "trafiksäkerhet").
MIN_PART = 3
MIN_INSIDE = 4
VOWELS = "aeiouyåäö"
_stemmers = {
    "sv": snowballstemmer.stemmer("swedish"),
    "en": snowballstemmer.stemmer("english"),
}


@lru_cache(maxsize=16384)
def stem(word: str, language: str = "sv") -> str:
    return _stemmers[language].stemWord(word.casefold())


# Words too common to tell texts apart, for ranking by likeness (Swedish).
STOP_WORDS = frozenset(
    "och att det som en ett är av för på med till den de i om har inte vi ska vara kan "
    "sig så men från eller nu när där alla andra sin sina sitt samt genom mot under över "
    "efter även mer mycket dessa detta denna hur vad vilka vill bli blir ha "
    # ...and the words of a goal rather than of its subject.
    "fler färre mindre får ges öka ökar ökad minska minskar minskad staden stadens".split()
)


def terms(query: str, *, limit: int = MAX_TERMS, stop_words: bool = False) -> list[str]:
    """The query's words worth searching for, case-folded, at most ``limit``; without the
    commonest words when ``stop_words`` (for ranking by likeness)."""
    words = [w.casefold() for w in WORD.findall(query) if len(w) >= 2 and not w.isdigit()]
    if stop_words:
        words = [w for w in words if w not in STOP_WORDS]
    return list(dict.fromkeys(w[:MAX_TERM_LENGTH] for w in words))[:limit]


def without_final_vowel(term: str) -> str:
    """ "folkhälsa" → "folkhäls": the form a Swedish word takes at the start of a compound
    ("folkhälsoarbete"); the term itself when it is short or ends otherwise."""
    return term[:-1] if len(term) >= 5 and term[-1] in VOWELS else term


@lru_cache(maxsize=16384)
def word_match(term: str, word: str, language: str = "sv") -> float:
    """1 for the same stem, 0.8 for a word that starts with the term (a compound it begins),
    0.7 for a compound it closes (Swedish), 0.5 for a likely typo, else 0."""
    word = word.casefold()
    term_stem = stem(term, language)
    if stem(word, language) == term_stem:
        return 1.0
    if word.startswith((term_stem, without_final_vowel(term))):
        return 0.8
    if language == "sv" and len(term_stem) >= MIN_INSIDE and term_stem in word[MIN_PART:]:
        return 0.7
    if is_typo(term, word):
        return 0.5
    return 0.0


def is_typo(term: str, word: str) -> bool:
    """Whether ``word`` is ``term`` mistyped: a letter or two left out, added or changed
    (one in a word under eight letters, two from eight), with the same first letter. A
    share of letters in common would also pair words that only end alike
    ("socialförvaltningen", "miljöförvaltningen")."""
    if len(term) < 4 or term[0] != word[:1] or abs(len(word) - len(term)) > 2:
        return False
    allowed = 1 if len(term) < 8 else 2
    matcher = SequenceMatcher(None, term, word, autojunk=False)
    if matcher.ratio() < TYPO_RATIO:
        return False
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return max(len(term), len(word)) - kept <= allowed


def best_match(term: str, text: str, language: str = "sv") -> float:
    return max((word_match(term, word, language) for word in WORD.findall(text)), default=0.0)


def words(text: str) -> frozenset[str]:
    """The distinct words of ``text``, case-folded."""
    return frozenset(WORD.findall(text.casefold()))


def vocabulary_stems(vocabulary: Iterable[str], language: str = "sv") -> frozenset[str]:
    """The stems of ``vocabulary``: what a compound may be split into."""
    return frozenset(stem(word, language) for word in vocabulary)


class Matches:
    """How well each word of the texts searched matches each term, worked out once per
    distinct word, and a text's score from its words: the Python side of a search."""

    def __init__(
        self,
        terms: list[str],
        vocabulary: Iterable[str],
        language: str = "sv",
        *,
        stems: frozenset[str] | None = None,
        tables: dict[str, dict[str, float]] | None = None,
    ):
        """``stems``: the vocabulary's stems (vocabulary_stems), when they are known already;
        ``tables``: the word matches worked out by another Matches over the same texts, so
        that many queries against them compare each (term, word) once."""
        self.terms, self.language = terms, language
        self.vocabulary = vocabulary
        self._stems = stems
        self._parts: dict[str, tuple[str, ...]] = {}
        self.tables: dict[str, dict[str, float]] = {} if tables is None else tables

    def parts(self, term: str) -> tuple[str, ...]:
        """The compound ``term``'s parts in the texts (compound_parts), worked out the
        first time a term matches no word by itself."""
        if term not in self._parts:
            if self._stems is None:
                self._stems = vocabulary_stems(self.vocabulary, self.language)
            self._parts[term] = compound_parts(term, self._stems, self.language, self.vocabulary)
        return self._parts[term]

    def marks(self) -> list[str]:
        """The words to highlight in a hit: the terms and the parts of those split."""
        return list(dict.fromkeys([*self.terms, *(p for t in self._parts for p in self._parts[t])]))

    def _match(self, term: str, words: frozenset[str]) -> float:
        table = self.tables.setdefault(term, {})
        best = 0.0
        for word in words:
            found = table.get(word)
            if found is None:
                found = table[word] = word_match(term, word, self.language)
            best = max(best, found)
        return best

    def score_any(self, texts: list[tuple[frozenset[str], int]]) -> float:
        """The sum over the terms that match of each one's best weighted match in
        ``texts``: for ranking by likeness, where not every term must match."""
        return sum(
            max((self._match(term, found) * weight for found, weight in texts), default=0)
            for term in self.terms
        )

    def score(self, texts: list[tuple[frozenset[str], int]]) -> float | None:
        """The sum over the terms of each one's best weighted match in ``texts`` (a list of
        (words, weight)); None unless every term matches, itself or by its parts."""
        total = 0.0
        for term in self.terms:
            best = max((self._match(term, words) * weight for words, weight in texts), default=0)
            if not best and self.parts(term):
                best = 0.9 * min(
                    max((self._match(part, words) * weight for words, weight in texts), default=0)
                    for part in self.parts(term)
                )
            if not best:
                return None
            total += best
        return total


def compound_parts(
    term: str, stems: frozenset[str], language: str = "sv", vocabulary: Iterable[str] = ()
) -> tuple[str, ...]:
    """The two words a Swedish compound is made of, the longer first part first; () when
    it splits into none. The first part may have taken a linking letter ("trygghets-",
    "folkhälso-" of "folkhälsa", "gatu-" of "gata") or lost its final vowel ("skol-" of
    "skola"); each part must be a word of the texts (its stem one of ``stems``) or begin
    a word of ``vocabulary`` (a compound of its own: "omsorg" in "omsorgsförvaltningen")."""
    if language != "sv":
        return ()
    known = _Known(stems, vocabulary)
    for cut in range(len(term) - MIN_PART, MIN_PART - 1, -1):
        first, last = term[:cut], term[cut:]
        for head in _heads(first):
            if len(head) >= MIN_PART and known.has(head) and known.has(last):
                return (head, last)
    return ()


def _heads(first: str) -> list[str]:
    """The words a compound's first part may stand for."""
    heads = [first]
    if first[-1] in "seou":  # a linking letter
        heads.append(first[:-1])
    if first[-1] in "ou":  # folkhälso- → folkhälsa, gatu- → gata
        heads.append(first[:-1] + "a")
    heads.append(first + "a")  # skol- → skola
    return list(dict.fromkeys(heads))


class _Known:
    """The texts' words, asked whether a word is one of them (by its stem) or begins one."""

    def __init__(self, stems: frozenset[str], vocabulary: Iterable[str]):
        self.stems, self.vocabulary = stems, vocabulary
        self._sorted: list[str] | None = None

    def has(self, word: str) -> bool:
        if stem(word) in self.stems:
            return True
        if len(word) < MIN_INSIDE:
            return False
        if self._sorted is None:
            self._sorted = sorted(self.vocabulary)
        at = bisect_left(self._sorted, word)
        return at < len(self._sorted) and self._sorted[at].startswith(word)


def highlight(text: str, query_terms: list[str], language: str = "sv") -> str:
    """``text`` escaped, with every matching word in <mark>."""
    parts: list[str] = []
    last = 0
    for found in WORD.finditer(text):
        if any(word_match(term, found.group(), language) for term in query_terms):
            parts.append(escape(text[last : found.start()]))
            parts.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def snippet(text: str, query_terms: list[str], language: str = "sv", words: int = 30) -> str:
    """About ``words`` words of ``text`` around its first match, highlighted."""
    tokens = text.split()
    first = next(
        (
            i
            for i, token in enumerate(tokens)
            if any(best_match(t, token, language) for t in query_terms)
        ),
        0,
    )
    start = max(0, first - words // 3)
    piece = " ".join(tokens[start : start + words])
    return highlight(
        ("… " if start else "") + piece + (" …" if start + words < len(tokens) else ""),
        query_terms,
        language,
    )
