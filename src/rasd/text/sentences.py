"""Sentence and paragraph splitting with offsets into the original text.

A sentence ends at ``. ! ? ؟ …`` (or ``؛`` when ``semicolon=True``) followed by
space or end of text, and always at a blank line or line break. It does not end
inside a quotation opened by « “ " and closed within the same paragraph, after a
one-letter abbreviation ("د.", "م.") or a known abbreviation, or inside a number
("3.5").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_END = set(".!?؟…")
_OPEN = {"«": "»", "“": "”", "„": "”", "‹": "›"}
_SYMMETRIC = {'"'}
ABBREVIATIONS = {"د", "م", "ه", "هـ", "ق", "ص", "ج", "أ", "ا", "س", "ت", "mr", "dr", "st", "u.s", "no", "vs", "etc", "inc", "ltd"}
_MAX_QUOTE = 600  # an unclosed quote never spans more than this


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line block; lines are paragraphs in news text."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        seg = m.group(0)
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            out.append((s + lead, e - trail))
    return out


def _closing_quote(text: str, i: int, para_end: int) -> int:
    """Index just past the closing quote for the opener at i, or -1."""
    opener = text[i]
    closer = _OPEN.get(opener, opener)
    limit = min(para_end, i + _MAX_QUOTE)
    j = text.find(closer, i + 1, limit)
    return j + 1 if j >= 0 else -1


def _is_abbrev(text: str, dot: int) -> bool:
    m = re.search(r"(\w+)$", text[max(0, dot - 8):dot])
    if not m:
        return False
    w = m.group(1).lower()
    if w.isdigit():
        return dot + 1 < len(text) and text[dot + 1].isdigit()
    return w in ABBREVIATIONS or (len(w) == 1 and not w.isdigit())


_SPECIAL = {False: re.compile("[" + re.escape("".join(sorted(set(_OPEN) | _SYMMETRIC | _END))) + "]"),
            True: re.compile("[" + re.escape("".join(sorted(set(_OPEN) | _SYMMETRIC | _END | {"؛", ";"}))) + "]")}


def split_sentences(text: str, semicolon: bool = False) -> list[Sentence]:
    ends = set(_END) | ({"؛", ";"} if semicolon else set())
    trailing = ends | {"»", "”", '"', ")"}
    special = _SPECIAL[bool(semicolon)].search  # the only characters the scan acts on
    out: list[Sentence] = []
    for p_idx, (ps, pe) in enumerate(paragraphs(text)):
        start = ps
        i = ps
        while i < pe:
            m = special(text, i, pe)
            if m is None:
                break
            i = m.start()
            ch = text[i]
            if ch in _OPEN or ch in _SYMMETRIC:
                j = _closing_quote(text, i, pe)
                if j > 0:
                    i = j
                    continue
            if ch in ends:
                k = i + 1
                while k < pe and text[k] in trailing:
                    k += 1
                if (k >= pe or text[k].isspace()) and not (ch == "." and _is_abbrev(text, i)):
                    _emit(text, start, k, p_idx, out)
                    while k < pe and text[k].isspace():
                        k += 1
                    start = k
                    i = k
                    continue
            i += 1
        _emit(text, start, pe, p_idx, out)
    return out


def _emit(text: str, s: int, e: int, p: int, out: list[Sentence]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(s, e, p, text[s:e]))


__all__ = ["Sentence", "split_sentences", "paragraphs"]
