"""Numbers: QUANTITY entities, and the fatality figure of an event.

``make_component`` adds a QUANTITY entity (``value``) for digits (Arabic-Indic
digits are folded by the text layer), Arabic number words including compounds
("خمسة وعشرون", "ثلاثة آلاف", "مئتين"), dual nouns ("قتيلان", "جنديين"), vague
amounts coded as ACLED does ("العشرات" 12, "عدة" 3, "المئات" 100) and ranges
("بين 5 و7" → 5, the lowest). All words come from ``rasd/data/numbers.yaml``.

:func:`fatalities_in` finds the lowest reported death toll in a span, using the
casualty vocabulary of the same file. Rules and choices: ``docs/time-and-numbers.md``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Callable, NamedTuple, Optional

import yaml

from ..text import analyses, norm
from ..text.ranges import RangeIndex

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "numbers.yaml"
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[-–%]|[،,.؛;:!?؟]")
_PUNCT = frozenset("،,.؛;:!?؟")
_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")


def _n(s) -> str:
    return " ".join(norm(str(s)).split())


def _phrases(words) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(_n(w).split()) for w in words or [])


@dataclass(frozen=True)
class NumberTables:
    words: dict[str, float]  # single number words (units, tens, hundreds, large)
    units: dict[str, int]
    eleven_first: frozenset[str]
    teen_second: frozenset[str]
    multipliers: dict[str, int]
    vague: dict[tuple[str, ...], tuple[int, str]]
    qualifiers: dict[tuple[str, ...], str]
    range_between: frozenset[tuple[str, ...]]
    range_to: frozenset[str]
    dual: dict[str, str]  # dual noun -> group ("killed", "wounded", "persons")
    kill_before: frozenset[tuple[str, ...]]
    kill_weak: frozenset[tuple[str, ...]]
    kill_after_number: frozenset[tuple[str, ...]]
    kill_after_noun: frozenset[str]
    toll: frozenset[tuple[str, ...]]
    toll_link: frozenset[tuple[str, ...]]
    singular_persons: frozenset[str]
    wounded: frozenset[str]
    killed_and_wounded: frozenset[tuple[str, ...]]
    fillers: frozenset[str] = frozenset()
    vague_keys: frozenset[tuple[str, ...]] = frozenset()
    numberish: frozenset[str] = frozenset()  # number words with any proclitic: a quick filter
    qualifier_keys: frozenset[tuple[str, ...]] = frozenset()
    with_companions: frozenset[str] = frozenset()
    no_casualties: tuple[tuple[str, ...], ...] = field(default=())
    # every word a quantity can start with (vague phrases, dual nouns, number words with
    # proclitics): a token none of whose forms is here, and no digit, starts none
    starters: frozenset[str] = frozenset()
    vague_firsts: frozenset[str] = frozenset()  # first words of the tables, for _stem_start
    dual_firsts: frozenset[str] = frozenset()
    word_firsts: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def load_tables(path: Path = DATA_FILE) -> NumberTables:
    with open(path, encoding="utf-8") as fh:
        d = yaml.safe_load(fh)
    units = {_n(w): int(v) for v, ws in d["units"].items() for w in ws}
    words: dict[str, float] = dict(units)
    for key in ("tens", "hundreds", "large"):
        for v, ws in d[key].items():
            for w in ws:
                words.setdefault(_n(w), int(v))
    k = d["killed"]
    vague = {tuple(_n(w).split()): (int(v["value"]), key) for key, v in d["vague"].items() for w in v["words"]}
    qualifiers = {tuple(_n(w).split()): key for key, ws in d["qualifiers"].items() for w in ws}
    tables = NumberTables(
        words=words,
        units=units,
        eleven_first=frozenset(_n(w) for w in d["eleven_first"]),
        teen_second=frozenset(_n(w) for w in d["teen_second"]),
        multipliers={_n(w): int(v) for v, ws in d["multipliers"].items() for w in ws},
        vague=vague,
        qualifiers=qualifiers,
        vague_keys=frozenset(vague),
        numberish=frozenset(p + w for p in ("",) + _PROCLITICS for w in words)
        | frozenset(_n(w) for w in d["eleven_first"]),
        qualifier_keys=frozenset(qualifiers),
        range_between=_phrases(d["range_words"]["between"]),
        range_to=frozenset(_n(w) for w in d["range_words"]["to"]),
        dual={_n(w): key for key, ws in d["dual_nouns"].items() for w in ws},
        kill_before=_phrases(k["before_number"]),
        kill_weak=_phrases(k["weak_before_number"]),
        kill_after_number=_phrases(k["after_number"]),
        kill_after_noun=frozenset(_n(w) for w in k["after_noun"]),
        toll=_phrases(k["toll"]),
        toll_link=_phrases(k["toll_link"]),
        singular_persons=frozenset(_n(w) for w in k["singular_persons"]),
        wounded=frozenset(_n(w) for w in d["wounded"]),
        killed_and_wounded=_phrases(d["killed_and_wounded"]),
        fillers=frozenset(_n(w) for w in d.get("fillers", [])),
        with_companions=frozenset(_n(w) for w in d.get("with_companions", [])),
        no_casualties=tuple(sorted({tuple(_n(w).split()) for w in d["no_casualties"]}, key=len, reverse=True)),
    )
    starters = {ph[0] for ph in tables.vague_keys} | set(tables.dual) | tables.numberish
    return replace(tables, starters=frozenset(starters), vague_firsts=_firsts(tables.vague),
                   dual_firsts=_firsts(tables.dual), word_firsts=_firsts(tables.words))


# --------------------------------------------------------------------------- tokens


class Tok(NamedTuple):
    text: str  # normalised
    start: int  # normalised offsets
    end: int
    forms: frozenset[str]  # the token and its proclitic-stripped / article-stripped forms

    @property
    def is_digit(self) -> bool:
        return self.text[:1].isdigit()


@lru_cache(maxsize=65536)
def _forms(word: str) -> frozenset[str]:
    if word[:1].isdigit():
        return frozenset({word})
    out = {word}
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.add(word[len(p):])
    for a in analyses(word):
        if not a.suffix:
            out.add(a.stem)
            if a.prefix.endswith("ال") or a.prefix.endswith("لل"):
                out.add("ال" + a.stem)
    return frozenset(out)


def tokens(s: str, start: int = 0, end: Optional[int] = None) -> list[Tok]:
    end = len(s) if end is None else end
    new, forms, out = tuple.__new__, _forms, []  # tuple.__new__: Tok(...) costs a Python call per token
    for m in _TOKEN_RE.finditer(s, start, end):
        w = m.group()
        a, b = m.span()
        out.append(new(Tok, (w, a, b, forms(w))))
    return out


_TOKEN_SPLIT = re.compile("(" + _TOKEN_RE.pattern + ")")  # gap, token, gap, token, ..., gap
_STARTERS: dict = {}  # id(tables) -> (tables, {word: can a quantity start at it})


class DocTokens:
    """The tokens of a whole normalised string, built lazily: the scan is one regex split,
    a :class:`Tok` (with its clitic forms) is made only when some rule looks at it.

    Indexable like the list ``tokens(s)``; :meth:`range` gives ``tokens(s, start, end)``."""

    __slots__ = ("s", "words", "_toks", "_starts", "_ends")

    def __init__(self, s: str):
        self.s = s
        parts = _TOKEN_SPLIT.split(s)  # the token pattern never matches the empty string
        self.words: list[str] = parts[1::2]
        offs = list(accumulate(map(len, parts), initial=0))
        self._starts: list[int] = offs[1:-1:2]
        self._ends: list[int] = offs[2::2]
        self._toks: list[Optional[Tok]] = [None] * len(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> Tok:
        tok = self._toks[i]
        if tok is None:
            w = self.words[i]
            tok = self._toks[i] = tuple.__new__(Tok, (w, self._starts[i], self._ends[i], _forms(w)))
        return tok

    def candidates(self, t: "NumberTables") -> list[int]:
        """Indices of the tokens a quantity may start at: digits, and words with a form in
        ``t.starters`` (each distinct word is looked at once, and remembered)."""
        memo = _starter_memo(t)
        starters = t.starters
        for w in set(self.words).difference(memo):
            memo[w] = w[0].isdigit() or not starters.isdisjoint(_forms(w))
        return [i for i, w in enumerate(self.words) if memo[w]]

    def range(self, start: int, end: int) -> list[Tok]:
        """Exactly ``tokens(s, start, end)``, reusing the document's tokens.

        Tokens lying wholly inside the range are the document's; only a token cut by
        ``start`` or ``end`` is tokenised again (the token pattern looks neither back
        nor ahead, so the two scans agree everywhere else)."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_right(self._ends, end, lo)
        if lo >= hi:
            return tokens(self.s, start, end)
        first, last = self[lo], self[hi - 1]
        head = tokens(self.s, start, first.start) if first.start > start else []
        tail = tokens(self.s, last.end, end) if end > last.end else []
        seg = self._toks[lo:hi]
        if None in seg:  # make the missing tokens (inline: a __getitem__ call each is slower)
            new, starts, ends, words = tuple.__new__, self._starts, self._ends, self.words
            for k, tok in enumerate(seg):
                if tok is None:
                    w = words[lo + k]
                    seg[k] = self._toks[lo + k] = new(Tok, (w, starts[lo + k], ends[lo + k], _forms(w)))
        return head + seg + tail


def _starter_memo(t: "NumberTables") -> dict:
    """{word: can a quantity start at it} for the tables ``t`` (filled by the callers)."""
    got = _STARTERS.get(id(t))
    if got is None or got[0] is not t or len(got[1]) > 200_000:
        if len(_STARTERS) > 8:
            _STARTERS.clear()
        got = _STARTERS[id(t)] = (t, {})
    return got[1]


def doc_tokens(work) -> DocTokens:
    """The tokens of ``work.nt.norm``, scanned once per document (kept in ``work.meta``)."""
    s = work.nt.norm
    cached = work.meta.get("_quantity_tokens")
    if cached is not None and cached.s is s:
        return cached
    dt = DocTokens(s)
    work.meta["_quantity_tokens"] = dt
    return dt


def _firsts(keys) -> frozenset[str]:
    """The words of ``keys``, or the first words of its phrases (tuples)."""
    return frozenset(k[0] if isinstance(k, tuple) else k for k in keys)


def _stem_start(tok: Tok, firsts: frozenset[str]) -> int:
    """Start of ``tok`` without a proclitic its table entry lacks ("والمئات" → "المئات").

    ``firsts``: the table's words (:func:`_firsts`)."""
    if tok.text in firsts:
        return tok.start
    cands = [f for f in tok.forms if f in firsts and tok.text.endswith(f)]
    return tok.end - len(max(cands, key=len)) if cands else tok.start


def _lookup(tok: Tok, table: dict) -> Optional[object]:
    if tok.text in table:
        return table[tok.text]
    for f in tok.forms:
        if f in table:
            return table[f]
    return None


@lru_cache(maxsize=64)
def _by_word(phrases, last: bool) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their first (or last) word, for fast lookup."""
    idx: dict[str, list] = {}
    for ph in phrases:
        idx.setdefault(ph[-1] if last else ph[0], []).append(ph)
    return {k: tuple(v) for k, v in idx.items()}


def _match_phrase(toks: list[Tok], i: int, phrases) -> int:
    """Length of the longest phrase starting at token i (0 if none)."""
    idx = _by_word(phrases, False)
    best = 0
    for f in toks[i].forms:
        for ph in idx.get(f, ()):
            n = len(ph)
            if n > best and i + n <= len(toks) and all(ph[j] in toks[i + j].forms for j in range(1, n)):
                best = n
    return best


@lru_cache(maxsize=64)
def _phrase_firsts(phrases) -> frozenset:
    return frozenset(ph[0] for ph in phrases)


def _ends_phrase(toks: list[Tok], i: int, phrases) -> int:
    """Length of the longest phrase ending at token i (0 if none)."""
    idx = _by_word(phrases, True)
    best = 0
    for f in toks[i].forms:
        for ph in idx.get(f, ()):
            n = len(ph)
            if n > best and i - n + 1 >= 0 and all(ph[j] in toks[i - n + 1 + j].forms for j in range(n - 1)):
                best = n
    return best


def word_value(word: str) -> Optional[float]:
    """The value of one number word or digit string ("خمسة" → 5, "عشرين" → 20), else None."""
    t = load_tables()
    w = _n(word)
    if not w:
        return None
    if w[0].isdigit():
        return _digits(w)
    tok = Tok(w, 0, len(w), _forms(w))
    v = _lookup(tok, t.words)
    return float(v) if v is not None else None


def _digits(s: str) -> Optional[float]:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return None


# --------------------------------------------------------------------------- numbers


@dataclass
class Quantity:
    i: int  # first token index
    j: int  # one past the last token
    value: float
    tags: list[str]
    start: int  # normalised offsets
    end: int


def _parse_number(toks: list[Tok], i: int, t: NumberTables) -> Optional[tuple[float, int]]:
    """A number starting at token i: (value, next index)."""
    tok = toks[i]
    if not tok.is_digit and tok.text not in t.numberish:
        return None
    if tok.is_digit:
        v = _digits(tok.text)
        if v is None:
            return None
        j = i + 1
        if j < len(toks) and toks[j].text in t.multipliers and toks[j].start - tok.end <= 1:
            return v * t.multipliers[toks[j].text], j + 1
        return v, j
    # eleven: "أحد عشر", "إحدى عشرة"
    if tok.text in t.eleven_first and i + 1 < len(toks) and toks[i + 1].text in t.teen_second:
        return 11.0, i + 2
    # a word with a proclitic is only a number inside a compound (handled below) or after ب
    base = tok.text if tok.text in t.words else None
    if base is None:
        for p in _PROCLITICS:
            f = tok.text[len(p):]
            if tok.text.startswith(p) and f in t.words:
                base = f
                break
    if base is None:
        return None
    v = float(t.words[base])
    j = i + 1
    if base in t.units and j < len(toks) and toks[j].text in t.teen_second and base not in t.teen_second:
        v += 10
        j += 1
    elif base in t.units and j < len(toks) and toks[j].text in t.multipliers and 3 <= v <= 10:
        v *= t.multipliers[toks[j].text]
        j += 1
    # compounds joined by و: "خمسة وعشرون", "مئة وخمسون", "ألف ومئتان"
    last = v
    while j < len(toks) and toks[j].text.startswith("و") and len(toks[j].text) > 1:
        rest = toks[j].text[1:]
        if rest not in t.words:
            break
        nxt = float(t.words[rest])
        k = j + 1
        if rest in t.units and k < len(toks) and toks[k].text in t.teen_second:
            nxt += 10
            k += 1
        # units come before tens ("خمسة وعشرون"); hundreds and thousands before smaller parts
        if not ((last < 20 and 20 <= nxt < 100) or (last >= 100 and nxt < _place(last))):
            break
        v += nxt
        last = nxt
        j = k
    return v, j


def _place(v: float) -> float:
    """The decimal place of a round number: 300 → 1000 is too big, 100 is its place... (100 → 100)."""
    p = 1.0
    while p * 10 <= v:
        p *= 10
    return p


def find_quantities(s: str, t: NumberTables, start: int = 0, end: Optional[int] = None,
                    skip: tuple[tuple[int, int], ...] = ()) -> tuple[list[Tok], list[Quantity]]:
    """Tokens of ``s[start:end]`` and the quantities among them (normalised offsets)."""
    toks = tokens(s, start, end)
    return toks, quantities_in(toks, t, skip)


@lru_cache(maxsize=64)
def _ranges(skip: tuple[tuple[int, int], ...]) -> RangeIndex:
    return RangeIndex(skip)


def quantities_in(toks, t: NumberTables, skip: tuple[tuple[int, int], ...] = (),
                  cands: Optional[list[int]] = None) -> list[Quantity]:
    """The quantities among ``toks`` (a token list or :class:`DocTokens`; normalised offsets),
    none starting at a token that overlaps a ``skip`` range. ``cands``: the indices a
    quantity may start at (default: worked out here), the others are passed over."""
    out: list[Quantity] = []
    if cands is None:
        # a token's forms are _forms(its text): whether it can start a quantity is memoised per word
        starters, memo = t.starters, _starter_memo(t)
        cands = []
        for k, tok in enumerate(toks):
            ok = memo.get(tok.text)
            if ok is None:
                ok = memo[tok.text] = tok.text[0].isdigit() or not starters.isdisjoint(tok.forms)
            if ok:
                cands.append(k)
    i = 0
    for c in cands:
        if c < i:  # inside the previous quantity
            continue
        i = c
        tok = toks[i]
        if skip and _ranges(skip).overlaps(tok.start, tok.end):
            i += 1
            continue
        tags: list[str] = []
        nv = _match_phrase(toks, i, t.vague_keys)
        if nv:
            key = tuple(toks[i + k].text for k in range(nv))
            val = None
            for ph, (value, tag) in t.vague.items():
                if len(ph) == nv and all(ph[k] in toks[i + k].forms for k in range(nv)):
                    val, vtag = value, tag
                    break
            # "عشرات الآلاف": the multiplier makes it 12 × 1000
            j = i + nv
            if val is not None and j < len(toks) and _lookup(toks[j], {"الالاف": 1000, "الاف": 1000}):
                val *= 1000
                j += 1
            if val is not None:
                out.append(Quantity(i, j, float(val), [f"vague:{vtag}"], _stem_start(toks[i], t.vague_firsts),
                                    toks[j - 1].end))
                i = j
                continue
            del key
        dual = _lookup(tok, t.dual)
        if dual is not None:
            out.append(Quantity(i, i + 1, 2.0, ["dual", f"dual:{dual}"], _stem_start(tok, t.dual_firsts), tok.end))
            i += 1
            continue
        parsed = _parse_number(toks, i, t)
        if parsed is None:
            i += 1
            continue
        v, j = parsed
        qs, qe = _stem_start(tok, t.word_firsts), toks[j - 1].end
        # ranges keep the lowest: "بين 5 و7" ("و7" is two tokens), "بين خمسة وسبعة",
        # "5 أو 6", "10-15"; "إلى" only after بين ("من 5 إلى 7" is usually a rising toll)
        if j < len(toks):
            conn = toks[j]
            between = i > 0 and bool(_ends_phrase(toks, i - 1, t.range_between))
            nxt = None
            if conn.text in ("-", "–", "او") or (between and conn.text in t.range_to):
                nxt = _parse_number(toks, j + 1, t) if j + 1 < len(toks) else None
            elif between and conn.text.startswith("و"):
                nxt = _parse_number(toks, j, t)  # the proclitic و is part of the token
            if nxt:
                v = min(v, nxt[0])
                tags.append("range")
                j = nxt[1]
                qe = toks[j - 1].end
        for k in range(max(0, i - 4), i):
            ql = _match_phrase(toks, k, t.qualifier_keys)
            if ql and k + ql == i:
                tags.append(_qual_tag(toks, k, ql, t))
        out.append(Quantity(i, j, v, tags, qs, qe))
        i = j
    return out


def _qual_tag(toks: list[Tok], k: int, n: int, t: NumberTables) -> str:
    for ph, tag in t.qualifiers.items():
        if len(ph) == n and all(ph[m] in toks[k + m].forms for m in range(n)):
            return tag
    return "approx"


# --------------------------------------------------------------------------- component


def _norm_index(nt, offset: int) -> int:
    """Normalised index of the first normalised character at or after original ``offset``."""
    return bisect.bisect_left(nt.origin, offset, 0, len(nt.norm))


def recognize(work, tables: Optional[NumberTables] = None) -> None:
    """Add a QUANTITY entity for every number in ``work`` not inside a DATE entity."""
    t = tables or load_tables()
    nt = work.nt
    skip = tuple((_norm_index(nt, e.start), _norm_index(nt, e.end)) for e in work.entities if e.type == "DATE")
    doc = doc_tokens(work)
    qs = quantities_in(doc, t, skip, doc.candidates(t))
    for q in qs:
        a, b = nt.span(q.start, q.end)
        if b > a:
            work.add_entity("QUANTITY", a, b, value=q.value, tags=q.tags)


def make_component(config) -> Callable:
    tables = load_tables()

    def component(work) -> None:
        recognize(work, tables)

    return component


# --------------------------------------------------------------------------- fatalities


@dataclass
class _Figure:
    value: int
    q: Optional[Quantity]
    ambiguous: bool = False


def _is_wounded(tok: Tok, t: NumberTables) -> bool:
    return bool(tok.forms & t.wounded)


def _killed_figures(toks: list[Tok], qs: list[Quantity], t: NumberTables,
                    skip: tuple[tuple[int, int], ...] = ()) -> list[_Figure]:
    figs: list[_Figure] = []

    def filler(tok: Tok) -> bool:
        return tok.text in t.fillers or (bool(skip) and ranges.covers(tok.start, tok.end))

    ranges = _ranges(skip)

    by_start = {q.i: q for q in qs}
    used: set[int] = set()
    for q in qs:
        if q.i in used:
            continue
        if "dual:killed" in q.tags:
            figs.append(_Figure(int(q.value), q))
            continue
        if "dual" in q.tags and not _dual_killed(toks, q, t):
            continue
        # what precedes: skip fillers, then look for a cue
        k = q.i - 1
        companions = 0
        while k >= 0 and k >= q.i - 6 and filler(toks[k]):
            companions = companions or int(toks[k].text in t.with_companions)
            k -= 1
        before_kw = k >= 0 and bool(_ends_phrase(toks, k, t.killed_and_wounded))
        before_strong = k >= 0 and bool(_ends_phrase(toks, k, t.kill_before)) and not before_kw
        before_weak = k >= 0 and bool(_ends_phrase(toks, k, t.kill_weak))
        # "قتل القيادي في الجماعة مع 3 من مرافقيه": a death word earlier in the clause
        if companions and not before_strong:
            m = k
            while m >= 0 and m >= k - 8 and toks[m].text not in _PUNCT:
                if _ends_phrase(toks, m, t.kill_before):
                    before_strong = True
                    break
                m -= 1
        # "مقتل مدنيين اثنين", "مقتل جندي واحد": the number word after the noun
        if not before_strong and not toks[q.i].is_digit and q.value <= 2 and k >= 1:
            before_strong = bool(_ends_phrase(toks, k - 1, t.kill_before))
        before_wounded = k >= 0 and _is_wounded(toks[k], t) and not before_strong
        # what follows: a death noun, or noun + death word
        j = q.j
        after_kw = j < len(toks) and bool(_match_phrase(toks, j, t.killed_and_wounded))
        after_noun = j < len(toks) and bool(_match_phrase(toks, j, t.kill_after_number)) and not after_kw
        after_death = _within(toks, j, 5, t.kill_after_noun)
        after_wounded = j < len(toks) and _is_wounded(toks[j], t)
        toll = _toll_before(toks, q.i, t)
        if before_kw or after_kw:
            figs.append(_Figure(1, q, ambiguous=True))
            continue
        if after_wounded and not (after_noun or toll):
            continue
        if before_wounded and not (after_noun or after_death):
            continue
        if before_strong or after_noun or toll or (before_weak and after_death) or after_death:
            total = int(q.value) + (companions if before_strong else 0)
            # "مقتل 3 جنود و2 مدنيين": coordinated figures after one cue add up
            if before_strong:
                m = q.j + 1
                while m < len(toks) and toks[m].text == "و" and (m + 1) in by_start:
                    nq = by_start[m + 1]
                    if nq.j < len(toks) and _is_wounded(toks[nq.j], t):
                        break
                    total += int(nq.value)
                    used.add(nq.i)
                    m = nq.j + 1
            figs.append(_Figure(total, q))
    return figs


def _dual_killed(toks: list[Tok], q: Quantity, t: NumberTables) -> bool:
    k = q.i - 1
    return (k >= 0 and bool(_ends_phrase(toks, k, t.kill_before))) or _within(toks, q.j, 2, t.kill_after_noun)


def _within(toks: list[Tok], j: int, n: int, words: frozenset[str]) -> bool:
    """A token among the next ``n`` from ``j`` (not past punctuation) is one of ``words``."""
    for m in range(j, min(j + n, len(toks))):
        if toks[m].text in _PUNCT:
            return False
        if toks[m].forms & words:
            return True
    return False


def _loose_phrase(toks: list[Tok], phrase: tuple[str, ...], gap: int = 3) -> bool:
    """``phrase`` occurs in order with at most ``gap`` other words between its words
    ("لم يسفر ذلك عن إصابات"), never across punctuation."""
    for i, tok in enumerate(toks):
        if phrase[0] not in tok.forms:
            continue
        k, ok = i, True
        for word in phrase[1:]:
            for m in range(k + 1, min(k + 2 + gap, len(toks))):
                if toks[m].text in _PUNCT:
                    break
                if word in toks[m].forms:
                    k = m
                    break
            else:
                ok = False
            if not ok or word not in toks[k].forms:
                ok = False
                break
        if ok:
            return True
    return False


def _toll_before(toks: list[Tok], i: int, t: NumberTables) -> bool:
    """"ارتفع عدد القتلى إلى 12": a toll phrase, then a link word just before the number."""
    k = i - 1
    if k < 0:
        return False
    link = _ends_phrase(toks, k, t.toll_link)
    if not link:
        return False
    for m in range(max(0, k - link - 4), k - link + 1):
        if _ends_phrase(toks, m, t.toll):
            return True
    return False


def _singular_killed(toks: list[Tok], t: NumberTables) -> Optional[int]:
    """Index of a strong death cue directly followed by a singular person ("مقتل قيادي")."""
    firsts = _phrase_firsts(t.kill_before)
    for k in range(len(toks) - 1):
        if firsts.isdisjoint(toks[k].forms):
            continue  # no phrase starts here (what _match_phrase would find first)
        n = _match_phrase(toks, k, t.kill_before)
        if not n or k + n >= len(toks):
            continue
        nxt = toks[k + n]
        forms = set(nxt.forms) | {f[2:] for f in nxt.forms if f.startswith("ال")}
        if forms & t.singular_persons:
            return k
    return None


def _date_ranges(work) -> tuple[tuple[int, int], ...]:
    """Normalised ranges of the DATE entities, worked out again only when entities were added."""
    key = (len(work.entities), id(work.entities[-1]) if work.entities else None, work.nt.norm)
    cached = work.meta.get("_date_ranges")
    if cached is not None and cached[0][:2] == key[:2] and cached[0][2] is key[2]:
        return cached[1]
    nt = work.nt
    ranges = tuple((_norm_index(nt, e.start), _norm_index(nt, e.end)) for e in work.entities if e.type == "DATE")
    work.meta["_date_ranges"] = (key, ranges)
    return ranges


def fatalities_in(work, start: int, end: int) -> tuple[Optional[int], Optional[object]]:
    """``(fatalities, entity)``: the lowest killed figure stated in ``work.text[start:end]``.

    * a figure counts when a death word governs it: "مقتل 5", "قتل خمسة", "سقوط 3
      قتلى", "12 قتيلا", "لقي 4 عناصر حتفهم", "ارتفع عدد القتلى إلى 12", "قتيلان";
      coordinated figures after one cue add up ("مقتل 3 جنود و2 مدنيين" → 5);
    * wounded-only figures ("إصابة 7", "7 جرحى") do not count;
    * killed and wounded counted together ("مقتل وإصابة 10") → 1: someone died,
      how many is unknown, and 1 is the lowest credible figure;
    * a death word before a singular person ("مقتل قيادي") → 1, entity None;
    * "لم يسفر عن إصابات", "دون وقوع ضحايا" and the like → 0, entity None;
    * otherwise ``(None, None)``.

    Among several figures the lowest wins (ACLED's lowest credible figure).
    ``entity`` is the QUANTITY entity holding the chosen figure, when there is one.
    """
    t = load_tables()
    nt = work.nt
    ns, ne = _norm_index(nt, start), _norm_index(nt, end)
    skip = _date_ranges(work)
    toks = doc_tokens(work).range(ns, ne)
    qs = quantities_in(toks, t, skip)
    figs = _killed_figures(toks, qs, t, skip)
    firm = [f for f in figs if not f.ambiguous]
    chosen: Optional[_Figure] = None
    if firm:
        chosen = min(firm, key=lambda f: f.value)
    elif figs:
        chosen = figs[0]
    if chosen is None:
        if _singular_killed(toks, t) is not None:
            return 1, None
        present = set().union(*(tok.forms for tok in toks))
        if any(_loose_phrase(toks, p) for p in t.no_casualties if present.issuperset(p)):
            return 0, None
        return None, None
    ent = None
    if chosen.q is not None:
        a, b = nt.span(chosen.q.start, chosen.q.end)
        for e in work.entities:
            if e.type == "QUANTITY" and e.start <= a and e.end >= b:
                ent = e
                break
    return chosen.value, ent


__all__ = ["make_component", "recognize", "fatalities_in", "word_value", "find_quantities", "quantities_in",
           "doc_tokens", "DocTokens", "load_tables", "NumberTables", "Quantity"]
