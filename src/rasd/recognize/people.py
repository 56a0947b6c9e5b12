"""PERSON entities: known people from the KB, titled names, kunyas and leader lists.

* KB people ("أبو محمد الجولاني", "حفتر") get ``ref="person:<id>"`` and their KB affiliation.
* A title (lexicon.person_titles: القيادي، الأمير، المتحدث باسم، قائد…) followed by an
  optional affiliation ("في هيئة تحرير الشام", "باسم الحوثيين") and a name of 2–4 words.
* A kunya (أبو/أم + name) followed by a nisba ("أبو عمر الشامي").
* A parenthesised list after a leader phrase ("الذي يقوده … (أبو جليبيب، أبو خديجة، سامي
  العريدي)"): each item is a person; the actor named just before the phrase is their group.

Affiliations the sentence states are recorded as
``work.meta["person_affiliation"][entity_id] = actor_ref``.

Speed: the rules only start at a title, leader-phrase or kunya word, so one Aho-Corasick
pass over the normalised text finds those words and only a few words after each are
tokenised (``_Tokens``); the result equals trying the rules at every token
(``recognize_people(..., exhaustive=True)``, which the tests compare against).
"""
from __future__ import annotations

import functools
import re
from typing import Callable, Optional

from ..kb import KnowledgeBase, load
from ..text import norm
from ..text.tokens import _WORD_RE, Token, _norm_word
from .actors import find_mentions

_SPACE_ONLY = re.compile(r"^[ \t]*$")
_WORD_CLASS = _WORD_RE.pattern.rstrip("+")
_WORD_CHAR = re.compile(_WORD_CLASS)
_NON_WORD = re.compile(_WORD_CLASS.replace("[", "[^", 1))
_CHUNK = 48  # characters tokenised at a time (most rules look at a few words)
# characters that normalisation drops although they separate words, and presentation forms
# (which may expand): with these, the normalised text's word boundaries are not the original's
_UNSAFE = re.compile("[\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069\u00ad\uFB50-\uFDFF\uFE70-\uFEFF]")
_AFFIL_PREPS = frozenset(["في", "ب", "لدى", "من", "ل", "داخل"])


@functools.lru_cache(maxsize=16)
def _lex(kb: KnowledgeBase):
    L = kb.lexicon
    key = lambda s: tuple(norm(s).split())  # noqa: E731
    titles = sorted({key(t) for t in L.person_titles}, key=len, reverse=True)
    leaders = sorted({key(t) for t in L.leader_phrases}, key=len, reverse=True)
    kunya = frozenset(norm(k) for k in L.kunya_heads)
    first = frozenset([p[0] for p in titles] + [p[0] for p in leaders]) | kunya
    return {
        "first": first,
        "first_automaton": _automaton(first),
        "titles": _index(titles),
        "leaders": _index(leaders),
        "kunya": kunya,
        "stop": frozenset(norm(w) for w in L.name_stopwords),
    }


def _automaton(words):
    import ahocorasick

    A = ahocorasick.Automaton()
    for w in words:
        A.add_word(w, len(w))
    A.make_automaton()
    return A


def _strip_conj(w: str) -> str:
    return w[1:] if len(w) > 2 and w[0] in "وف" else w


def _index(phrases) -> dict:
    """Phrases by first word, longest first (so a match is a dictionary look-up)."""
    out: dict = {}
    for ph in phrases:
        out.setdefault(ph[0], []).append(ph)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


def _match_phrase(toks, i: int, phrases) -> int:
    """Length (in tokens) of the longest phrase starting at token i (first token may carry و/ف)."""
    if isinstance(phrases, dict):
        w0 = toks[i].norm
        phrases = phrases.get(w0, []) + phrases.get(_strip_conj(w0), [])
        phrases.sort(key=len, reverse=True)
    for ph in phrases:
        k = len(ph)
        if not toks.has(i + k - 1):
            continue
        words = [t.norm for t in toks.slice(i, i + k)]
        words[0] = words[0] if words[0] == ph[0] else _strip_conj(words[0])
        if tuple(words) == ph:
            return k
    return 0


def _entity_at(ents, start: int, end: int):
    for e in ents:
        if e.start < end and start < e.end:
            return e
    return None


def _name_tokens(toks, j: int, text: str, lex, ents, limit: int = 4) -> int:
    """How many tokens from j form a name (no punctuation inside, no stopword, no entity)."""
    n = 0
    while n < limit and toks.has(j + n):
        t = toks[j + n]
        if n and not _SPACE_ONLY.match(text[toks[j + n - 1].end:t.start]):
            break
        if t.norm in lex["stop"] or t.norm.isdigit() or _entity_at(ents, t.start, t.end):
            break
        n += 1
    return n


class _Tokens:
    """The tokens of ``text`` from offset ``start`` on, produced on demand.

    Identical to ``tokenize(text)[i0:]`` for the token ``i0`` starting at ``start``: chunks
    end on a non-word character, so no word is ever cut. Index 0 is the token at ``start``."""

    __slots__ = ("text", "pos", "items")

    def __init__(self, text: str, start: int) -> None:
        self.text, self.pos, self.items = text, start, []

    def has(self, i: int) -> bool:
        items, text = self.items, self.text
        if i < len(items):  # already produced (the common case)
            return True
        while len(items) <= i and self.pos < len(text):
            m = _NON_WORD.search(text, self.pos + _CHUNK)
            end = m.start() if m else len(text)
            for mt in _WORD_RE.finditer(text, self.pos, end):
                w = mt.group(0)
                items.append(Token(w, mt.start(), mt.end(), _norm_word(w)))
            self.pos = end
        return i < len(items)

    def __getitem__(self, i: int) -> Token:
        items = self.items
        if i >= len(items):
            self.has(i)
        return items[i]

    def slice(self, i: int, j: int) -> list[Token]:
        self.has(j - 1)
        return self.items[i:j]


def _candidates(work, lex, exhaustive: bool = False) -> list[int]:
    """Original offsets of the tokens a rule may start at (a title, leader phrase or kunya word,
    optionally after و/ف), in text order.

    Found by an Aho-Corasick automaton over the normalised text (a first word bounded by
    non-word characters, or by و/ف at the start of the word). When normalisation drops a
    non-word character between words (zero-width joiners, bidi marks) or expands presentation
    forms, word boundaries of the normalised text may differ from the original's: then every
    token is a candidate (the result is the same, only slower)."""
    text = work.text
    if exhaustive or _UNSAFE.search(text):
        return [m.start() for m in _WORD_RE.finditer(text)]
    nt = work.nt
    origin = nt.origin
    s_norm = nt.norm
    n = len(s_norm)
    wchar = _WORD_CHAR.match
    found = []
    for e, klen in lex["first_automaton"].iter(s_norm):
        if e + 1 < n and wchar(s_norm, e + 1):
            continue
        s = e - klen + 1
        if s > 0 and wchar(s_norm, s - 1):
            if s_norm[s - 1] not in "وف" or (s > 1 and wchar(s_norm, s - 2)):
                continue
            s -= 1
        found.append(s)
    found.sort()
    out = []
    last = -1
    for s in found:
        ts = origin[s]
        while ts > 0 and _WORD_CHAR.match(text, ts - 1):  # a token may begin with dropped marks (tatweel)
            ts -= 1
        if ts != last:
            out.append(ts)
            last = ts
    return out


def _is_trigger(w: str, lex) -> bool:
    first = lex["first"]
    return w in first or (len(w) > 2 and w[0] in "وف" and w[1:] in first)


def recognize_people(work, kb: KnowledgeBase, exhaustive: bool = False) -> None:
    """Add PERSON entities (see the module docstring). ``exhaustive=True`` tries the rules at
    every token instead of only at candidate words (same result, slower: for tests)."""
    text = work.text
    lex = _lex(kb)
    aff = work.meta.setdefault("person_affiliation", {})
    people = []
    # 1. known people
    for m in find_mentions(kb, work.nt.norm):
        forms = m.of_kind("person")
        if forms:
            a, b = work.nt.span(m.start, m.end)
            ent = work.add_entity("PERSON", a, b, ref=forms[0].target)
            people.append(ent)
            p = kb.people.get(forms[0].target)
            if p is not None and p.affiliation:
                aff[ent.id] = p.affiliation
    cands = _candidates(work, lex, exhaustive)
    if not cands:
        return
    others = [e for e in work.entities if e.type in ("ACTOR", "SOURCE", "LOCATION")]

    def add_person(s: int, e: int, affiliation: Optional[str]) -> None:
        if _entity_at(people, s, e):
            return
        ent = work.add_entity("PERSON", s, e, ref=None)
        people.append(ent)
        if affiliation:
            aff[ent.id] = affiliation

    resume = 0  # rules consume tokens: the next candidate must start at or after this offset
    for ts in cands:
        if ts < resume:
            continue
        toks = _Tokens(text, ts)
        if not _is_trigger(toks[0].norm, lex):
            continue
        used = _apply_rules(work, toks, lex, others, people, aff, add_person)
        if used:
            resume = toks[used - 1].end


def _apply_rules(work, toks: "_Tokens", lex, others, people, aff, add_person) -> int:
    """Try the rules at token 0; the number of tokens consumed (0: none applied)."""
    text = work.text
    i = 0
    # 2. title + [prep] [actor] + name
    k = _match_phrase(toks, i, lex["titles"])
    if k:
        j = i + k
        affiliation = None
        if toks.has(j) and toks[j].norm in _AFFIL_PREPS:
            j += 1
        if toks.has(j):
            ent = _entity_at(others, toks[j].start, toks[j].end)
            if ent is not None and ent.type in ("ACTOR", "SOURCE"):
                affiliation = ent.ref if ent.type == "ACTOR" else None
                while toks.has(j) and toks[j].start < ent.end:
                    j += 1
                if toks.has(j) and toks[j].norm.startswith("ال") and toks[j].norm.endswith("ي") \
                        and _SPACE_ONLY.match(text[toks[j - 1].end:toks[j].start]):
                    j += 1  # "الإرهابي", "الموالي": an adjective of the group
        if toks.has(j):
            known = _entity_at(people, toks[j].start, toks[j].end)
            if known is not None:
                if affiliation and known.id not in aff:
                    aff[known.id] = affiliation
            else:
                n = _name_tokens(toks, j, text, lex, others)
                if n >= 2 and not toks[j].norm.startswith("ال"):
                    add_person(toks[j].start, toks[j + n - 1].end, affiliation)
                    return j + n
        return i + k
    # 3. leader phrase + (list)
    k = _match_phrase(toks, i, lex["leaders"])
    if k:
        sent = work.sentence_at(toks[i].start)
        hi = sent.end if sent else len(text)
        lo = sent.start if sent else 0
        group = [e for e in others if e.type == "ACTOR" and lo <= e.start and e.end <= toks[i].start and e.ref]
        affiliation = group[-1].ref if group else None
        after = toks[i + k].start if toks.has(i + k) else hi
        op = text.find("(", after, min(hi, after + 120))
        if op >= 0:
            cl = text.find(")", op, hi)
            cl = cl if cl >= 0 else hi
            for mt in re.finditer(r"[^،,؛;…()]+", text[op + 1:cl]):
                item = mt.group(0)
                item_s = op + 1 + mt.start() + (len(item) - len(item.lstrip()))
                item_e = op + 1 + mt.end() - (len(item) - len(item.rstrip()))
                words = text[item_s:item_e].split()
                if words and words[0] == "و":
                    continue
                if 1 <= len(words) <= 4 and not _entity_at(others, item_s, item_e):
                    if words[0].startswith("و") and len(words) > 1 and norm(words[0][1:]) in lex["kunya"]:
                        item_s += 1
                    add_person(item_s, item_e, affiliation)
        return i + k
    # 4. kunya + name + nisba
    if toks[i].norm in lex["kunya"] or (_strip_conj(toks[i].norm) in lex["kunya"] and toks[i].norm[0] in "وف"):
        if toks.has(i + 2) and _SPACE_ONLY.match(text[toks[i].end:toks[i + 1].start]) \
                and _SPACE_ONLY.match(text[toks[i + 1].end:toks[i + 2].start]):
            given, nisba = toks[i + 1].norm, toks[i + 2].norm
            if not given.startswith("ال") and given not in lex["stop"] and nisba.startswith("ال") and nisba.endswith("ي") \
                    and not _entity_at(others, toks[i].start, toks[i + 2].end):
                s = toks[i].start + (1 if toks[i].norm not in lex["kunya"] else 0)
                add_person(s, toks[i + 2].end, None)
                return i + 3
    return 0


def make_component(config) -> Callable:
    kb = load(config.kb_dirs)

    def people(work) -> None:
        recognize_people(work, kb)

    return people


__all__ = ["recognize_people", "make_component"]
