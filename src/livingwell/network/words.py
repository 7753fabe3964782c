"""What a person typed into the directory's search, understood: the everyday phrases in it (with their
life domains and kinds of support), the other words to look for, and the words it took to be typos.

Plain Python, no Django: the search (`network.selectors`) asks the database with what this gives.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from livingwell.codes.needs import EVERYDAY_WORDS, SUPPORT_KINDS
from livingwell.codes.plan import LIFE_DOMAINS

# Words that say nothing about what someone needs.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "am",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "get",
        "got",
        "have",
        "help",
        "i",
        "im",
        "in",
        "is",
        "it",
        "its",
        "me",
        "need",
        "needs",
        "of",
        "on",
        "or",
        "our",
        "so",
        "some",
        "someone",
        "the",
        "to",
        "too",
        "very",
        "want",
        "was",
        "we",
        "with",
    ]
)
LONGEST_PHRASE = max(len(phrase.split()) for phrase in EVERYDAY_WORDS)
# A word is only taken as a typo of a known word when it is this long and this close to it.
SHORTEST_TYPO = 4
TYPO_CLOSENESS = 0.8
# At most this many words are looked for (a long paste is cut, not refused).
MOST_WORDS = 12


def plain_words(text: str) -> list[str]:
    """The words of `text` in lower case, with accents and apostrophes taken out ("Can't" is
    "cant"): letters and digits of any script."""
    text = unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("\u2019", "")
    return re.findall(r"[^\W_]+", text)


def _known_words() -> tuple[str, ...]:
    words: set[str] = set()
    for phrase in EVERYDAY_WORDS:
        words.update(phrase.split())
    for label in (*SUPPORT_KINDS.values(), *LIFE_DOMAINS.values()):
        words.update(plain_words(label))
    return tuple(sorted(w for w in words if w not in STOP_WORDS))


KNOWN_WORDS = _known_words()


@dataclass(frozen=True)
class Understood:
    """What a search asks for."""

    phrases: tuple[str, ...] = ()  # the everyday phrases found, as EVERYDAY_WORDS spells them
    domains: tuple[str, ...] = ()  # their life domains (keys of LIFE_DOMAINS)
    kinds: tuple[str, ...] = ()  # their kinds of support (keys of SUPPORT_KINDS)
    words: tuple[str, ...] = ()  # every other word to look for in the directory's text
    typos: dict[str, str] = field(default_factory=dict)  # a word typed: the word it was taken for

    @property
    def empty(self) -> bool:
        return not (self.phrases or self.words)

    @property
    def to_look_for(self) -> tuple[str, ...]:
        """The words to find in the directory's text: the other words, or, when the phrases name
        no kind of support, the phrases themselves."""
        return self.words or (() if self.kinds else self.phrases)


def _corrected(word: str) -> str:
    if len(word) < SHORTEST_TYPO or word in KNOWN_WORDS or word.isdigit():
        return word
    close = difflib.get_close_matches(word, KNOWN_WORDS, n=1, cutoff=TYPO_CLOSENESS)
    return close[0] if close else word


def understand(query: str) -> Understood:
    """Find the everyday phrases in `query`, longest first, allowing for typos in known words."""
    typed = plain_words(query)[: MOST_WORDS * 2]
    words = [_corrected(w) for w in typed]
    typos = {t: w for t, w in zip(typed, words, strict=True) if t != w}
    phrases: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(LONGEST_PHRASE, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            if phrase in EVERYDAY_WORDS:
                phrases.append(phrase)
                i += size
                break
        else:
            if words[i] not in STOP_WORDS:
                rest.append(words[i])
            i += 1
    domains: dict[str, None] = {}
    kinds: dict[str, None] = {}
    for phrase in phrases:
        domains.update(dict.fromkeys(EVERYDAY_WORDS[phrase].domains))
        kinds.update(dict.fromkeys(EVERYDAY_WORDS[phrase].kinds))
    return Understood(
        phrases=tuple(dict.fromkeys(phrases)),
        domains=tuple(domains),
        kinds=tuple(kinds),
        words=tuple(dict.fromkeys(rest))[:MOST_WORDS],
        typos={t: w for t, w in typos.items() if w in KNOWN_WORDS},
    )
