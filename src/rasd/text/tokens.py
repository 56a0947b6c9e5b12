"""Clitic-aware tokens with offsets into the original text.

Arabic attaches conjunctions, prepositions and the article to the front of a
word and pronouns to its end: "وبريف" is و + ب + ريف, "لتنظيم" is ل + تنظيم,
"سيطرته" is سيطرة + ه, "للجيش" is ل + ال + جيش. ``analyses(word)`` lists the
plausible splits, the unsplit word first, so a matcher can try the surface
form before stripping anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .normalize import norm as _norm

# Clitic inventories (normalised spelling). Order matters: longer first.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
FUTURE = ("س",)
ARTICLE = "ال"
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "نا", "ها", "ه", "ي")
MIN_STEM = 2

# Letters, digits and combining marks (harakat, tatweel); not Arabic punctuation (، ؛ ؟ ٪ ۔).
_WORD_RE = re.compile(r"[\w\u0610-\u061A\u0640-\u065F\u0670\u06D6-\u06ED\u08D3-\u08FF\uFB50-\uFD3D\uFE70-\uFEFC]+",
                      re.UNICODE)


@dataclass(frozen=True, slots=True)
class Analysis:
    prefix: str  # proclitics, e.g. "وب" or "وال"
    stem: str
    suffix: str = ""  # enclitic pronoun

    @property
    def definite(self) -> bool:
        return self.prefix.endswith(ARTICLE) or self.prefix.endswith("لل")


class Token(NamedTuple):
    """A word: its original text and offsets, its normalised form, its clitic analyses."""

    text: str  # as in the original
    start: int
    end: int
    norm: str
    analyses: tuple[Analysis, ...] = ()

    @property
    def stem(self) -> str:
        """The most stripped plausible stem (last analysis)."""
        return self.analyses[-1].stem if self.analyses else self.norm


def _prefix_splits(w: str) -> list[tuple[str, str]]:
    """(prefix, rest) pairs for the proclitic chains C? P? ART? and C? S?."""
    out: list[tuple[str, str]] = [("", w)]
    seen = {""}

    def add(p: str, rest: str) -> None:
        if len(rest) >= MIN_STEM and p not in seen:
            seen.add(p)
            out.append((p, rest))

    conj = [""] + [c for c in CONJUNCTIONS if w.startswith(c)]
    for c in conj:
        r1 = w[len(c):]
        preps = [""] + [p for p in PREPOSITIONS if r1.startswith(p)]
        for p in preps:
            r2 = r1[len(p):]
            if c or p:
                add(c + p, r2)
            if r2.startswith(ARTICLE):
                add(c + p + ARTICLE, r2[2:])
            # ل + ال is written لل: "للجيش" = ل + ال + جيش
            if p == "ل" and r2.startswith("ل") and len(r2) > MIN_STEM:
                add(c + "لل", r2[1:])
        if c and r1.startswith("س"):
            add(c + "س", r1[1:])
    return out


def analyses(word: str) -> tuple[Analysis, ...]:
    """Plausible clitic analyses of one (normalised or raw) word, unsplit first."""
    return _analyses(_norm_word(word))


@lru_cache(maxsize=200_000)
def _norm_word(word: str) -> str:
    return _norm(word)


@lru_cache(maxsize=200_000)
def _analyses(w: str) -> tuple[Analysis, ...]:
    result: list[Analysis] = []
    for prefix, rest in _prefix_splits(w):
        result.append(Analysis(prefix, rest))
        for enc in ENCLITICS:
            if rest.endswith(enc) and len(rest) - len(enc) >= MIN_STEM + 1:
                stem = rest[: -len(enc)]
                # a noun in construct with a pronoun: سيطرته -> سيطره (ة written ت)
                if stem.endswith("ت"):
                    result.append(Analysis(prefix, stem[:-1] + "ه", enc))
                result.append(Analysis(prefix, stem, enc))
    # unique, order kept
    seen: set[Analysis] = set()
    uniq = []
    for a in result:
        if a not in seen:
            seen.add(a)
            uniq.append(a)
    return tuple(uniq)


_WORD_MEMO: dict[str, tuple[str, tuple[Analysis, ...]]] = {}  # surface word -> (norm, analyses)
_WORD_MEMO_MAX = 200_000


def tokenize(text: str, with_analyses: bool = True) -> list[Token]:
    """Word tokens of ``text`` with offsets into it."""
    if not with_analyses:
        norm_word, tok = _norm_word, Token
        return [tok(s, m.start(), m.end(), norm_word(s)) for m in _WORD_RE.finditer(text) for s in (m.group(0),)]
    # one dict look-up per word for its normal form and analyses, and the token built as a
    # plain tuple (a NamedTuple's __new__ is a Python call per token)
    memo, new, tok, out = _WORD_MEMO, tuple.__new__, Token, []
    for m in _WORD_RE.finditer(text):
        s = m.group()
        r = memo.get(s)
        if r is None:
            if len(memo) >= _WORD_MEMO_MAX:
                memo.clear()
            n = _norm_word(s)
            r = memo[s] = (n, _analyses(n))
        a, b = m.span()
        out.append(new(tok, (s, a, b) + r))
    return out


__all__ = ["Analysis", "Token", "analyses", "tokenize", "CONJUNCTIONS", "PREPOSITIONS", "ENCLITICS"]
