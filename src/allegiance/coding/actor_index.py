"""Phrase index for the actor matcher: normalised keys, case rules, longest-match scanning.

A phrase is keyed by its accent-folded, lower-cased text with single spaces between words, so
the key of a run of tokens is independent of how the tokenizer split it ("Côte d'Ivoire" is
one key whether "d'Ivoire" is one token or two). A set of all key prefixes lets the scan stop
extending a run as soon as no phrase can start that way, so matching costs a few dictionary
look-ups per token whatever the size of the dictionary.

Case rules, per word of a phrase as written in the data: a word with no lower-case letter and
at least two letters or a digit (UN, AU, U.S., G5) must appear exactly so; a word starting with
a capital must start with a capital in the text; other words match in any case.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Longest phrase, in tokens, the scan will try.
MAX_TOKENS = 14

_PUNCT = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u0153": "oe", "\u0152": "OE", "\u00e6": "ae", "\u00c6": "AE", "\u00df": "ss",
})  # fmt: skip


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accents removed, apostrophes and dashes unified; case kept ("Côte d’Ivoire" ->
    "Cote d'Ivoire")."""
    text = unicodedata.normalize("NFKD", text.translate(_PUNCT))
    return "".join(c for c in text if not unicodedata.combining(c))


def phrase_key(text: str) -> str:
    """The index key of a phrase: folded, lower-cased, single-spaced."""
    return " ".join(fold(text).lower().split())


@dataclass(frozen=True)
class Pattern:
    """One phrase of the dictionary and what it means."""

    text: str  # as written in the data
    words: tuple[str, ...]  # folded words, case kept
    checks: tuple[tuple[int, str], ...]  # (word index, 'exact' | 'upper')
    lang: str | None  # 'en', 'fr' or None (any language)
    meaning: Any  # opaque to the index

    @classmethod
    def build(cls, text: str, meaning: Any, lang: str | None = None) -> Pattern:
        words = tuple(fold(text).split())
        checks = []
        for i, w in enumerate(words):
            letters = [c for c in w if c.isalpha()]
            if letters and not any(c.islower() for c in letters) and (
                len(letters) >= 2 or any(c.isdigit() for c in w)
            ):
                checks.append((i, "exact"))
            elif w[:1].isupper():
                checks.append((i, "upper"))
        return cls(text, words, tuple(checks), lang, meaning)

    @property
    def key(self) -> str:
        return " ".join(self.words).lower()

    def accepts(self, words: Sequence[str], lang: str | None) -> bool:
        """Whether the text words (folded, case kept) satisfy this pattern's language/case."""
        if self.lang and lang in ("en", "fr") and self.lang != lang:
            return False
        for i, mode in self.checks:
            w = words[i]
            if mode == "exact":
                if w != self.words[i]:
                    return False
            elif not w[:1].isupper():
                return False
        return True


class PhraseIndex:
    """Phrases by key, newest definition first, plus the set of key prefixes."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[Pattern]] = {}
        self._prefixes: set[str] = set()

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_key.values())

    def add(self, pattern: Pattern) -> None:
        """Add a phrase; it replaces an earlier one with the same key, language and case rule."""
        key = pattern.key
        if not key:
            return
        same = [p for p in self._by_key.get(key, ())
                if p.lang == pattern.lang and p.checks == pattern.checks]
        cands = [p for p in self._by_key.get(key, ()) if p not in same]
        self._by_key[key] = [pattern, *cands]
        self._prefixes.update([key[:k] for k in range(1, len(key) + 1)])

    def get(self, key: str) -> list[Pattern]:
        return self._by_key.get(key, [])

    def items(self):
        return self._by_key.items()

    def scan(self, tokens: Sequence[Any], lang: str | None, accept=None,
             ) -> list[tuple[int, int, Pattern]]:
        """Leftmost-longest, non-overlapping matches over spaCy tokens.

        Returns ``(i, j, pattern)`` with ``i``/``j`` positions in ``tokens`` (``j`` exclusive).
        ``accept(pattern, tokens[i:j])`` may veto a candidate (e.g. a sector noun tagged as a
        verb); the next candidate or a shorter match is then tried.
        """
        n = len(tokens)
        low = [fold(t.text).lower() for t in tokens]
        out: list[tuple[int, int, Pattern]] = []
        i = 0
        while i < n:
            best: tuple[int, Pattern] | None = None
            key = raw = ""
            for j in range(i, min(n, i + MAX_TOKENS)):
                tok = tokens[j]
                if tok.is_space or not low[j]:
                    break
                sep = " " if j > i and tokens[j - 1].whitespace_ else ""
                key += sep + low[j]
                raw += sep + fold(tok.text)
                if key not in self._prefixes:
                    break
                for pat in self._by_key.get(key, ()):
                    if pat.accepts(raw.split(" "), lang) and (
                        accept is None or accept(pat, tokens[i:j + 1])
                    ):
                        best = (j + 1, pat)
                        break
            if best is None:
                i += 1
                continue
            out.append((i, best[0], best[1]))
            i = best[0]
        return out
