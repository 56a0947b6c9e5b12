"""Arabic normalisation for matching, keeping a map back to the original text.

``normalize(text)`` returns a :class:`NormText` whose ``norm`` string is what
matchers search, and whose ``span()`` turns a ``(start, end)`` in ``norm`` into
offsets into the original ``text``, so ``text[a:b]`` is always the evidence.

What is folded (every rule is a table below, not an ``if`` chain):

* diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and
  tatweel ``ـ`` are dropped;
* bidi controls, zero-width characters and BOM are dropped;
* alef variants ``أ إ آ ٱ`` → ``ا``; ``ة`` → ``ه``; ``ى`` → ``ي``;
* Arabic-Indic and Persian digits → ASCII; Persian ``ک ی`` → ``ك ي``;
* NBSP and the other Unicode spaces → ``' '``;
* presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) through NFKC, each output
  character mapped to its source character;
* Latin letters lower-cased.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional
from dataclasses import dataclass
from functools import lru_cache

# Characters removed outright.
_DROP = set(
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, tanwin, shadda, sukun, etc.
    + ["\u0670"]  # dagger alef
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation signs
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorifics / small signs
    + ["\u0640"]  # tatweel
    + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]  # zero width, BOM
    + ["\u200e", "\u200f", "\u061c"]  # LRM, RLM, ALM
    + [chr(c) for c in range(0x202A, 0x202F)]  # embeddings/overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # isolates
    + ["\u00ad"]  # soft hyphen
)

# One-to-one substitutions.
_MAP: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ک": "ك",
    "٫": ".", "٬": ",",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian / Urdu
for _c in ["\u00a0", "\u1680", "\u202f", "\u205f", "\u3000", "\u2028", "\u2029"] + [
    chr(c) for c in range(0x2000, 0x200B)
]:
    _MAP[_c] = "\n" if _c in ("\u2028", "\u2029") else " "


def _is_presentation_form(ch: str) -> bool:
    o = ord(ch)
    return 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFC


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Normalised replacement of one character ('' to drop it)."""
    if ch in _DROP:
        return ""
    if ch in _MAP:
        return _MAP[ch]
    if _is_presentation_form(ch):
        nfkc = unicodedata.normalize("NFKC", ch)
        if ch in nfkc:  # unassigned code points and symbols NFKC leaves alone
            return ch
        return "".join(_fold_char(c) for c in nfkc)
    if "A" <= ch <= "Z":
        return ch.lower()
    if ord(ch) > 0x7F and ch.isupper():
        return ch.lower()
    return ch


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised string with, for each of its characters, the index of the
    original character it came from (``origin``), plus ``len(original)`` at the end."""

    original: str
    norm: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` covering normalised ``[start, end)``."""
        if end <= start:
            o = self.origin[min(max(start, 0), len(self.norm))]
            return o, o
        a = self.origin[start]
        b = self.origin[end - 1] + 1
        # extend over characters dropped right after the span (harakat of the last letter)
        nxt = self.origin[end] if end < len(self.norm) else len(self.original)
        while b < nxt and _fold_char(self.original[b]) == "" and not self.original[b].isspace():
            b += 1
        return a, b

    def orig(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


_TABLE: dict[int, Optional[str]] = {ord(c): None for c in _DROP}
_TABLE.update({ord(k): v for k, v in _MAP.items()})
_TABLE.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


@lru_cache(maxsize=1)
def _fast_tables() -> tuple[dict, frozenset, re.Pattern, re.Pattern]:
    """What :func:`normalize` needs to fold a text with one ``str.translate``, exactly as
    :func:`_fold_char` folds it character by character.

    Every BMP character whose folding is one character or none goes into a translate table;
    the others (presentation-form ligatures that expand, "İ"), and every character outside
    the BMP, match the returned "slow" pattern: a text containing one takes the per-character
    path. Also returned: the set of dropped characters and a pattern finding them."""
    fold = _fold_char.__wrapped__  # uncached: 65,536 characters would flush the memo
    table: dict[int, Optional[str]] = dict(_TABLE)
    drop: set[str] = set(_DROP)
    slow: list[str] = []
    cands = {chr(o) for o in range(0xFB50, 0xFE00)} | {chr(o) for o in range(0xFE70, 0xFEFD)}
    cands |= {chr(o) for o in range(0x80, 0x10000) if chr(o).isupper()}
    for ch in sorted(cands | drop | set(_MAP)):
        rep = fold(ch)
        if len(rep) > 1:
            slow.append(ch)
        elif rep == "":
            table[ord(ch)] = None
            drop.add(ch)
        elif rep != ch:
            table[ord(ch)] = rep
    cls = "".join(f"\\u{ord(c):04x}" for c in slow)
    slow_re = re.compile(f"[{cls}\\U00010000-\\U0010FFFF]")
    drop_re = re.compile("[" + "".join(f"\\u{ord(c):04x}" for c in sorted(drop)) + "]")
    return table, frozenset(drop), slow_re, drop_re


def normalize(text: str) -> NormText:
    """Normalise ``text`` for matching; see the module docstring."""
    table, _drop, slow, drop_re = _fast_tables()
    if slow.search(text):
        return _normalize_slow(text)
    norm_text = _translate(text, table)
    n = len(text)
    if len(norm_text) == n:
        return NormText(text, norm_text, tuple(range(n + 1)))
    # the offsets of the characters kept: runs between the dropped ones
    origin: list[int] = []
    prev = 0
    for m in drop_re.finditer(text):
        i = m.start()
        origin.extend(range(prev, i))
        prev = i + 1
    origin.extend(range(prev, n + 1))
    return NormText(text, norm_text, tuple(origin))


def _normalize_slow(text: str) -> NormText:
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        rep = _fold_char(ch)
        if not rep:
            continue
        out.append(rep)
        origin.extend([i] * len(rep))
    origin.append(len(text))
    norm = "".join(out)
    return NormText(text, norm, tuple(origin))


def norm(text: str) -> str:
    """Just the normalised string (for keys, aliases, comparisons): ``normalize(text).norm``."""
    table, _drop, slow, _drop_re = _fast_tables()
    if slow.search(text):
        return "".join(_fold_char(ch) for ch in text)
    return _translate(text, table)


_CHAIN_MIN = 256  # from this length, str.replace per distinct folded character beats str.translate


def _translate(text: str, table: dict) -> str:
    """``text.translate(table)``. A long text is folded with one ``str.replace`` per distinct
    character that changes: the same result, because no replacement is itself replaced
    (the table is idempotent: tests/test_text_fast.py checks it), and faster, because a news
    text has a dozen such characters and translate looks every character up in a dict."""
    if len(text) < _CHAIN_MIN:
        return text.translate(table)
    keys_re, rep = _chain_tables()
    # the distinct characters that change: a regex class finds them in C (a news text has
    # a few hundred such characters in thousands), where keys.intersection(text) would make
    # a one-character string of every character of the text
    for ch in set(keys_re.findall(text)):
        text = text.replace(ch, rep[ch])
    return text


@lru_cache(maxsize=1)
def _chain_tables() -> tuple[re.Pattern, dict]:
    table = _fast_tables()[0]
    rep = {chr(k): (v or "") for k, v in table.items()}
    keys_re = re.compile("[" + "".join(f"\\U{ord(c):08x}" for c in sorted(rep)) + "]")
    return keys_re, rep


__all__ = ["NormText", "normalize", "norm"]
