"""Place mentions: gazetteer names, place-type cues, regions and relative places.

``make_component(config)`` returns the ``places`` pipeline component. It reads
``work.nt.norm`` and adds one ``LOCATION`` entity per place mention, each with a
resolved :class:`rasd.models.Location`, and sets ``work.meta["country"]``.

What counts as a mention (the words are data: ``data/geo/places.yaml``):

1. a gazetteer name, also behind the proclitics و ف ب ل (``بإدلب``, ``والرقة``, ``للرقة``),
   unless it is an ordinary word (``needs_cue``) or a short name of a small place;
2. a place-type cue (بلدة، قرية، تل، مخيم، مطار…) and the name after it: a quoted or
   bracketed name (``بلدة (أبو جريف)``, ``تل “خطرة”``), a gazetteer name, or 1-3 words
   stopping at function words and punctuation; a dual cue (``بلدتي (نوحية شرقية وغربية)``)
   gives two places;
3. a region: ``ريف``/``بادية``/``محافظة`` + a known place + compass adjectives
   (``ريف إدلب الجنوبي الشرقي``), or a compass noun + a country (``شمال غرب سوريا``);
4. a relative place: a compass noun + a place (``شمال بلدة البرسة``): the place itself is
   a mention too.

Precision (``geo_precision``): 1 a gazetteer place itself; 2 a relative place, the
countryside of a town (``ريف سراقب``), or a place no gazetteer knows whose admin area is
named in the same sentence; 3 a region (governorate, ``ريف إدلب``: coordinates of its main
town) or an unknown place whose admin area only the rest of the document suggests.
"""
from __future__ import annotations

import os
from bisect import bisect_right
import re
from itertools import accumulate
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional

import yaml

from ..geo.countries import country as country_info
from ..geo.importers import region_countries
from ..geo.resolve import Context, Scored, choose
from ..geo.store import Gazetteer, Place, open_store
from ..models import Location
from ..text import analyses, norm

DATA = Path(__file__).resolve().parent.parent / "data" / "geo" / "places.yaml"

_TOKEN = re.compile(r"[0-9A-Za-z_\u0621-\u064A\u0660-\u0669\u0671-\u06D3]+")
_OPEN = {"(": ")", "“": "”", '"': '"', "«": "»", "”": "“", "'": "'", "‘": "’", "[": "]"}
_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_DEF_PREFIXES = {"لل": "ال", "ولل": "ال", "فلل": "ال"}
_LIST_SEPARATORS = ("،", ",", "-", "–", "/", "")
_NISBA = re.compile(r"^ال\w+يه$")  # a nisba adjective, normalised: العراقيه، الليبيه
MAX_NAME_WORDS = 5
COUNTRY_VOTE = 2  # a country's name counts as much as two of its places


# --------------------------------------------------------------------------- the lexicon

@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a key of word_index()
class Lexicon:
    cues: dict
    blockers: frozenset
    heads: frozenset
    qualifiers: frozenset
    stops: frozenset
    dir_adj: dict
    dir_nouns: dict
    needs_cue: frozenset
    short_letters: int
    short_min_pop: int
    short_prefixed_min_pop: int
    foreign_min_pop: int = 100000
    foreign_cue_kinds: frozenset = frozenset()
    settlement_kinds: frozenset = frozenset()
    capital_words: frozenset = frozenset()
    list_intros: dict = field(default_factory=dict)  # first word -> introducer phrases (word tuples)
    list_nouns: frozenset = frozenset()
    list_window: int = 8
    twin_max_pop: int = 50000
    connector_fillers: frozenset = frozenset()
    name_tails: frozenset = frozenset()
    urban_kinds: frozenset = frozenset()
    site_kinds: frozenset = frozenset()
    cue_tails: frozenset = frozenset()  # adjectives a keep_cue site's name takes ("الدولي")
    area_kinds: frozenset = frozenset()
    town_anaphors: frozenset = frozenset()


@lru_cache(maxsize=4)
def lexicon(path: Path = DATA) -> Lexicon:
    d = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    n = lambda xs: frozenset(norm(x) for x in xs)  # noqa: E731
    return Lexicon(
        cues={norm(k): _cue(k, v) for k, v in d["cues"].items()},
        blockers=n(d.get("cue_blockers", [])), heads=n(d.get("name_heads", [])),
        qualifiers=n(d.get("qualifiers", [])), stops=n(d.get("stop_words", [])),
        dir_adj={norm(k): v for k, v in d["directions"]["adjectives"].items()},
        dir_nouns={norm(k): v for k, v in d["directions"]["nouns"].items()},
        needs_cue=n(d.get("needs_cue", [])),
        short_letters=int(d.get("short_name_letters", 3)), short_min_pop=int(d.get("short_min_population", 50000)),
        short_prefixed_min_pop=int(d.get("short_prefixed_min_population", 200000)),
        foreign_min_pop=int(d.get("foreign_min_population", 100000)),
        foreign_cue_kinds=frozenset(d.get("foreign_cue_kinds", ["city", "governorate", "state", "countryside"])),
        settlement_kinds=frozenset(d.get("settlement_cue_kinds", [])),
        capital_words=n(d.get("capital_words", [])),
        list_intros=_phrases(d.get("list_introducers", [])),
        list_nouns=n(d.get("list_nouns", [])) | frozenset(norm(k) for k, v in d["cues"].items() if (v or {}).get("plural")),
        list_window=int(d.get("list_window", 8)),
        twin_max_pop=int(d.get("twin_max_population", 50000)),
        connector_fillers=n(d.get("connector_fillers", [])),
        name_tails=n(d.get("name_tails", [])),
        urban_kinds=frozenset(d.get("urban_cue_kinds", [])),
        site_kinds=frozenset(d.get("site_cue_kinds", [])),
        cue_tails=n(d.get("cue_tails", [])),
        area_kinds=frozenset(d.get("area_cue_kinds", [])),
        town_anaphors=n(d.get("town_anaphors", [])))


def _cue(word: str, v: Optional[dict]) -> dict:
    info = dict(v or {}, word=word)
    if "not_before" in info:
        info["not_before"] = frozenset(norm(x) for x in info["not_before"])
    return info


def _phrases(xs) -> dict:
    """Phrases by first word, longest first: {"ومن": (("ومن", "ابرز", "تلك", "البلدات"), ...)}."""
    out: dict = {}
    for x in xs:
        words = tuple(norm(x).split())
        if words:
            out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


# --------------------------------------------------------------------------- tokens

class Tok(NamedTuple):
    start: int  # in norm
    end: int
    w: str
    gap: str  # the characters between the previous token and this one


_SPLIT = re.compile("(" + _TOKEN.pattern + ")")


class Tokens:
    """The tokens of a string as a sequence of :class:`Tok`, built lazily.

    One ``re.split`` gives the words and the gaps between them, offsets come from their
    running lengths; a ``Tok`` is only made for the tokens the scan looks at."""

    __slots__ = ("words", "gaps", "offs")

    def __init__(self, s: str):
        parts = _SPLIT.split(s)  # gap, word, gap, word, ..., gap
        self.words: list[str] = parts[1::2]
        self.gaps: list[str] = parts[0:-1:2]
        self.offs: list[int] = list(accumulate(map(len, parts), initial=0))

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self.words)))]
        if i < 0:
            i += len(self.words)
        if not 0 <= i < len(self.words):
            raise IndexError(i)
        k = 2 * i + 1
        return Tok(self.offs[k], self.offs[k + 1], self.words[i], self.gaps[i])

    def __iter__(self):
        return (self[k] for k in range(len(self.words)))


def tokens(s: str) -> list[Tok]:
    return list(Tokens(s))


def clean_gap(g: str) -> bool:
    """Only spaces between two tokens (a name may continue across it)."""
    return g == " " or (g.strip() == "" and "\n" not in g)


@lru_cache(maxsize=65536)
def splits(w: str, prefixes=_PREFIXES) -> tuple[tuple[int, str], ...]:
    """(prefix length, stem) readings of a word without enclitics; the unsplit word first."""
    out = []
    for a in analyses(w):
        if a.suffix:
            continue
        if a.prefix in prefixes:
            out.append((len(a.prefix), a.stem))
        elif a.prefix in _DEF_PREFIXES:
            out.append((len(a.prefix) - 1, "ال" + a.stem))
    return tuple(out)


# --------------------------------------------------------------------------- mentions

@dataclass
class Mention:
    start: int  # norm offsets of the name (or the whole region phrase)
    end: int
    key: str  # gazetteer key of the name ("" for a country-level compass region)
    surface: str  # the Arabic name as written (normalised)
    cue: Optional[str] = None
    cue_info: dict = field(default_factory=dict)
    region: bool = False
    directions: tuple[str, ...] = ()
    relative: Optional[str] = None  # compass word of a relative place
    inner: Optional["Mention"] = None  # the place a relative/region mention is anchored on
    sentence: int = 0
    quoted: bool = False
    name_ar: Optional[str] = None  # when the name is not a substring ("نوحية غربية" from "وغربية")
    extra_cues: tuple[str, ...] = ()
    chosen: Optional[Scored] = None
    capital: bool = False  # "العاصمة": the capital of the story's country, resolved after it is known
    bare: bool = False  # a gazetteer name found alone, with no cue, list or compass word around it
    dropped: bool = False  # a bare name that only a foreign gazetteer knows: an ordinary word
    same_as: Optional["Mention"] = None  # the cued mention a bare repetition repeats


@lru_cache(maxsize=1)
def _local_countries() -> frozenset:
    from ..geo.countries import local_countries

    return local_countries()


# what a word may start: a cue, a compass noun, a gazetteer name, a list, "the capital"
CUE, DIR, GAZ, LIST, CAP = 1, 2, 4, 8, 16


class WordIndex:
    """What each word can start, for one gazetteer and lexicon: a bit mask of CUE, DIR, GAZ.

    A word may start a cue when one of its readings (:func:`splits`) is a place-type cue, a
    compass noun when one is a compass noun or the first word of a two-word one, a gazetteer
    name when one is the first word of a name. A word with mask 0 starts nothing, so the scan
    skips it without looking further. Answers are memoised per word (a pure function of the
    word; the memo is bounded)."""

    MAX_MEMO = 200_000

    def __init__(self, g: Gazetteer, lex: Lexicon):
        self.gaz = frozenset(k for k in g.prefixes if " " not in k)
        self.cues = frozenset(lex.cues)
        self.dirs = frozenset(k.split(" ")[0] for k in lex.dir_nouns)
        self.intros = frozenset(lex.list_intros)
        self.capitals = lex.capital_words
        self.memo: dict[str, int] = {}

    def hot(self, w: str) -> int:
        r = self.memo.get(w)
        if r is None:
            r = 0
            r = LIST if w in self.intros else 0
            for _, stem in splits(w):
                r |= (CUE if stem in self.cues else 0) | (DIR if stem in self.dirs else 0) \
                    | (GAZ if stem in self.gaz else 0) | (CAP if stem in self.capitals else 0)
            if len(self.memo) >= self.MAX_MEMO:
                self.memo.clear()
            self.memo[w] = r
        return r


@lru_cache(maxsize=8)
def word_index(g: Gazetteer, lex: Lexicon) -> WordIndex:
    return WordIndex(g, lex)


class Finder:
    def __init__(self, g: Gazetteer, lex: Lexicon, s: str):
        self.g, self.lex, self.s = g, lex, s
        self.t = Tokens(s)
        # the tokens as parallel lists: words, gaps before them, start and end offsets
        self.tw, self.tg = self.t.words, self.t.gaps
        self.ts, self.te = self.t.offs[1::2], self.t.offs[2::2]
        self.n = len(self.tw)
        self.clean = [g == " " or clean_gap(g) for g in self.tg]
        idx = word_index(g, lex)
        hot = list(map(idx.memo.get, self.tw))
        if None in hot:
            hot = [idx.hot(w) if h is None else h for w, h in zip(self.tw, hot)]
        self.hot = hot
        self.maxw = min(g.max_words, MAX_NAME_WORDS)

    # -- gazetteer names -------------------------------------------------
    def gaz_at(self, i: int, prefixes=_PREFIXES) -> Optional[tuple[int, int, str]]:
        """Longest gazetteer name starting at token i: (prefix length, tokens used, key)."""
        if not self.hot[i] & GAZ:
            return None
        best = None
        pre, keys = self.g.prefixes, self.g.keys
        for plen, stem in splits(self.tw[i], prefixes):
            if stem not in pre:
                continue
            key, n = stem, 1
            found = (n, key) if key in keys else None
            for j in range(i + 1, min(self.n, i + self.maxw)):
                if not self.clean[j]:
                    break
                key = key + " " + self.tw[j]
                if key not in pre:
                    break
                n += 1
                if key in keys:
                    found = (n, key)
            if found and (best is None or found[0] > best[1]):
                best = (plen, found[0], found[1])
        return best

    def risky(self, key: str, cands: tuple[Place, ...], prefixed: bool = False) -> bool:
        """An ordinary word that a gazetteer also knows: not a place without a cue."""
        if key in self.lex.needs_cue or key in self.lex.cues:
            return True
        if prefixed and " " not in key and cands and not any(p.cc in _local_countries() for p in cands):
            return True  # "وبليون" is not Lyon: a clitic-stripped foreign name needs a cue
        if " " not in key and len(key) <= self.lex.short_letters:
            need = self.lex.short_prefixed_min_pop if prefixed else self.lex.short_min_pop
            ok = any(p.fclass == "A" and p.fcode in ("PCLI", "ADM1") or p.population >= need for p in cands)
            return not ok
        return False

    # -- cues ------------------------------------------------------------
    def cue_at(self, i: int) -> Optional[tuple[int, dict]]:
        if not self.hot[i] & CUE:
            return None
        for plen, stem in splits(self.tw[i], ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")):
            if stem in self.lex.cues:
                if i > 0 and self.tw[i - 1] in self.lex.blockers and plen == 0:
                    return None
                return plen, self.lex.cues[stem]
        return None

    def dir_noun_at(self, i: int) -> Optional[tuple[int, str, int]]:
        """(prefix length, direction, tokens used) of a compass noun at token i."""
        if not self.hot[i] & DIR:
            return None
        for plen, stem in splits(self.tw[i], ("", "و", "ب", "ف", "ل", "وب")):
            if i + 1 < self.n and self.clean[i + 1]:
                two = stem + " " + self.tw[i + 1]
                if two in self.lex.dir_nouns:
                    return plen, self.lex.dir_nouns[two], 2
            if stem in self.lex.dir_nouns and stem not in ("قرب",) or (stem == "قرب" and plen == 0):
                if stem in self.lex.dir_nouns:
                    return plen, self.lex.dir_nouns[stem], 1
        return None

    def bracketed(self, j: int) -> Optional[tuple[int, int]]:
        """Tokens [j, k) enclosed in brackets/quotes that open in token j's gap."""
        if j >= self.n:
            return None
        g = self.tg[j].strip()
        if not g or g[-1] not in _OPEN:
            return None
        close = _OPEN[g[-1]]
        closers = {close, "”", "\"", ")", "»", "’"}
        for k in range(j + 1, min(self.n, j + 15) + 1):
            if k == self.n or any(c in closers for c in self.tg[k]):
                return (j, k) if k - j <= 6 or self._has_separator(j, k) else None
            if not self.clean[k] and self.tg[k].strip() not in _LIST_SEPARATORS:
                return None
        return None

    def _separator_before(self, k: int) -> bool:
        """A list separator in token k's gap: "،", "-", "/", or a dropped tatweel ("كفرنبل ـ حاس"
        is normalised to two spaces)."""
        g = self.tg[k]
        return g.strip() in _LIST_SEPARATORS and g.strip() != "" or "  " in g

    def _has_separator(self, a: int, b: int) -> bool:
        return any(self._separator_before(k) for k in range(a + 1, b))

    def unknown_name(self, j: int, own: bool = False) -> Optional[int]:
        """End (exclusive) of a name no gazetteer knows, starting at token j after a cue; ``own``:
        after a cue whose name is any definite noun ("كلية الشرطة"), a stop word included."""
        lex = self.lex
        if own and j < self.n and self.clean[j] and self.tw[j].startswith("ال") and len(self.tw[j]) > 3 \
                and self.tw[j] in lex.stops and not self.hot[j] & (CUE | DIR | LIST):
            return j + 1
        if j >= self.n or not self.clean[j] or (self.tw[j] in lex.stops and not self._qualified(j)) \
                or self.hot[j] & LIST \
                or self._stop_behind_clitic(j) \
                or (self.cue_at(j) and self.tw[j] not in lex.heads) \
                or self.tw[j].isdigit() or len(self.tw[j]) < 2 \
                or self._conjoined_word(j):
            return None
        k = j + 1
        if self.tw[j] in lex.heads and k < self.n and self.clean[k] and self.tw[k] not in lex.stops:
            k += 1
        elif self._idafa(j):
            k += 1
        elif k < self.n and self.clean[k] and self.tw[k] in lex.name_tails:
            k += 1  # "منطقة مريم بيك"
        if k < self.n and self.clean[k] and self.tw[k].isdigit() and len(self.tw[k]) <= 3:
            k += 1  # "منطقة كيلو 16"
        while k < self.n and k < j + 3 and self.clean[k] and self.tw[k] in lex.qualifiers \
                and not self._compass_before_place(k):
            k += 1
        return k

    def _conjoined_word(self, j: int) -> bool:
        """A word behind the conjunction و that no gazetteer knows and that starts no compound
        name ("حركة الشباب تحرق قرى وتعدم مدنيين"): the cue noun ended, a new clause began."""
        w = self.tw[j]
        return len(w) > 3 and w.startswith("و") and w not in self.lex.heads and w[1:] not in self.g.keys \
            and w not in self.g.keys

    def _compass_before_place(self, k: int) -> bool:
        """Token k is a compass word that begins a relative place ("حي الجمعيات غربي الزبداني":
        west of al-Zabadani), not a qualifier of the name before it."""
        return self.tw[k] in self.lex.dir_nouns and k + 1 < self.n and self.clean[k + 1] \
            and bool(self.hot[k + 1] & (GAZ | CUE | CAP)) and bool(self.relative_at(k))

    def _idafa(self, j: int) -> bool:
        """An indefinite word followed by a definite noun: one name ("متاف البقع", "شمرة الحصان").
        Not when the second word is a stop word, a qualifier, a nisba adjective (…ية، …ي), a cue,
        a compass word or a known place of its own ("بلدة تلمنس المجاورة", "قرية كنصفرة الحدودية")."""
        k = j + 1
        if k >= self.n or not self.clean[k] or self.tw[j].startswith("ال"):
            return False
        w = self.tw[k]
        lex = self.lex
        return w.startswith("ال") and len(w) > 4 and w not in lex.stops and w not in lex.qualifiers \
            and not w.endswith(("يه", "ي", "يين", "يون")) and w not in lex.dir_adj \
            and not self.hot[k] & (CUE | DIR | LIST) and not self._stop_behind_clitic(k) \
            and w not in self.g.keys

    def _twin(self, end: int, key: str) -> tuple[int, str]:
        """A small known place followed by a qualifier names its twin village, another place
        ("الغارية الغربية" is not "الغارية", "الصورة الكبيرة" not "الصورة"): (end, key) extended
        over the qualifiers when the gazetteer does not know the longer name and every candidate
        is small."""
        k = end
        while k < self.n and k < end + 2 and self.clean[k] and self.tw[k] in self.lex.qualifiers \
                and not self.tg[k].strip() and (self.tw[k] in self.lex.dir_adj or self.tw[k] not in self.lex.dir_nouns):
            k += 1
        if k == end:
            return end, key
        cands = self.g.candidates(key)
        if any(p.fclass == "A" or p.population >= self.lex.twin_max_pop for p in cands):
            return end, key  # "حلب الشرقية": a part of the city, the city it is
        return k, " ".join([key] + self.tw[end:k])

    def _qualified(self, j: int) -> bool:
        """Token j is followed by a qualifier ("الساحل الشرقي"): a name even if j is a stop word."""
        if j + 1 >= self.n or not self.clean[j + 1]:
            return False
        w = self.tw[j + 1]
        return w in self.lex.qualifiers and w not in self.lex.dir_nouns  # "جديدة غربي منبج": west of

    def _stop_behind_clitic(self, j: int) -> bool:
        """A stop word behind a proclitic ("لعمليات", "بالقرب"): not a name."""
        return any(plen and stem in self.lex.stops for plen, stem in splits(self.tw[j]))

    def directions_after(self, k: int) -> tuple[int, tuple[str, ...]]:
        """Compass adjectives after a region name: الجنوبي الشرقي → ('south', 'east')."""
        dirs = []
        while k < self.n and self.clean[k]:
            w = self.tw[k]
            if w in self.lex.dir_adj:
                dirs.append(self.lex.dir_adj[w])
                k += 1
            elif w.startswith("وال") and w[1:] in self.lex.dir_adj and dirs:
                k += 1  # "الجنوبي والجنوبي الشرقي": keep the first reading
                while k < self.n and self.clean[k] and self.tw[k] in self.lex.dir_adj:
                    k += 1
                break
            else:
                break
        return k, tuple(dirs)

    def named_again(self, ms: list[Mention]) -> list[Mention]:
        """Bare repetitions of a name no gazetteer knows that the document introduced with a cue
        ("بلدتي الفوعة وكفريا" … "بقصف الفوعة وكفريا"): the same place, also behind و ف ب ل."""
        lex = self.lex
        named: dict[str, Mention] = {}
        for m in ms:
            if m.cue and not m.region and m.relative is None and not m.chosen and m.key \
                    and m.key not in self.g.keys and len(m.key.replace(" ", "")) >= 4 \
                    and m.key.split()[0] not in lex.stops and m.key not in lex.needs_cue \
                    and m.cue_info.get("kind") not in lex.urban_kinds:
                named.setdefault(m.key, m)
        if not named:
            return []
        by_first: dict[str, list[str]] = {}
        for k in named:
            by_first.setdefault(k.split()[0], []).append(k)
        covered = sorted((m.start, m.end) for m in ms)
        starts = [a for a, _ in covered]
        out: list[Mention] = []
        i = 0
        while i < self.n:
            hit = None
            for plen, stem in splits(self.tw[i]):
                for key in by_first.get(stem, ()):
                    words = key.split()
                    if all(i + q < self.n and self.tw[i + q] == words[q] and self.clean[i + q]
                           for q in range(1, len(words))):
                        if hit is None or len(words) > hit[1]:
                            hit = (plen, len(words), key)
            if hit is None:
                i += 1
                continue
            plen, nw, key = hit
            a, b = self.ts[i] + plen, self.te[i + nw - 1]
            k = bisect_right(starts, b) - 1
            if k >= 0 and covered[k][1] > a:
                i += nw  # inside a mention already found
                continue
            orig = named[key]
            m = Mention(a, b, key, self.s[a:b], cue=orig.cue, cue_info=orig.cue_info, same_as=orig)
            out.append(m)
            i += nw
        return out

    # -- the scan --------------------------------------------------------
    def mentions(self) -> list[Mention]:
        out: list[Mention] = []
        i, hot = 0, self.hot
        while i < self.n:
            h = hot[i]
            if not h:
                i += 1
                continue
            got = (h & DIR and self.relative_at(i)) or (h & CUE and (self.whole_name_at(i) or self.cue_mentions_at(i))) \
                or (h & (GAZ | CAP) and self.gaz_mention_at(i)) or (h & LIST and self.list_at(i))
            if got:
                ms, nxt = got
                out.extend(ms)
                i = max(nxt, i + 1)
            else:
                i += 1
        return out

    def capital_at(self, j: int, prefixes=_PREFIXES) -> Optional[tuple[int, int]]:
        """(prefix length, end token) of "العاصمة" (+ a nisba adjective: "العاصمة الليبية") that
        no name follows ("العاصمة العراقية بغداد" is Baghdad, found as itself)."""
        if j >= self.n or not self.hot[j] & CAP:
            return None
        for plen, stem in splits(self.tw[j], prefixes):
            if stem not in self.lex.capital_words:
                continue
            k = j + 1
            if k < self.n and self.clean[k] and _NISBA.match(self.tw[k]):
                k += 1
            if k < self.n and self.clean[k] and self.gaz_at(k, ("",)):
                return None
            return plen, k
        return None

    def _after_capital_word(self, j: int) -> int:
        """The token of the name in "العاصمة [الليبية] طرابلس" when j is the capital word; else j."""
        if j >= self.n or self.tw[j] not in self.lex.capital_words:
            return j
        k = j + 1
        if k < self.n and self.clean[k] and _NISBA.match(self.tw[k]):
            k += 1
        return k if k < self.n and self.clean[k] and self.gaz_at(k, ("",)) else j

    def capital_mention_at(self, i: int, prefixes=_PREFIXES) -> Optional[tuple[list[Mention], int]]:
        c = self.capital_at(i, prefixes)
        if not c:
            return None
        plen, k = c
        m = self._m(i, k, "", capital=True)
        m.start += plen
        m.surface = self.s[m.start:m.end]
        return [m], k

    def _m(self, a: int, b: int, key: str, **kw) -> Mention:
        s, e = self.ts[a], self.te[b - 1]
        return Mention(s, e, key, self.s[s:e], **kw)

    def gaz_mention_at(self, i: int, need_cue_ok: bool = False) -> Optional[tuple[list[Mention], int]]:
        cap = self.capital_mention_at(i)
        if cap:
            return cap
        hit = self.gaz_at(i)
        if not hit:
            return None
        plen, n, key = hit
        if not need_cue_ok and self.risky(key, self.g.candidates(key), prefixed=plen > 0):
            return None
        prev = self.cue_at(i - 1) if i > 0 else None
        if not (prev and prev[1].get("region")):  # "بريف جسر الشغور الغربي": the countryside's direction
            end, key = self._twin(i + n, key)
            n = end - i
        quoted = self.tg[i].strip()[-1:] in _OPEN  # "استهدفوا موقع "المالكية"": named as a place
        m = self._m(i, i + n, key, bare=not need_cue_ok, quoted=quoted)
        m.start += plen
        m.surface = self.s[m.start:m.end] if not key.startswith("ال") or self.s[m.start:m.start + 2] == "ال" else key
        return [m], i + n

    def whole_name_at(self, i: int) -> Optional[tuple[list[Mention], int]]:
        """A gazetteer name that begins with a place-type word ("مدينة الصدر", "تل كلخ")."""
        if not self.cue_at(i):
            return None
        hit = self.gaz_at(i)
        if not hit or hit[1] < 2:
            return None
        return self.gaz_mention_at(i, need_cue_ok=True)

    def cue_mentions_at(self, i: int) -> Optional[tuple[list[Mention], int]]:
        c = self.cue_at(i)
        if not c:
            return None
        _, info = c
        cues = [info]
        j = i + 1
        # chained cues: "بلدة وتل خطرة", "ريف مدينة سراقب"
        while j < self.n and self.clean[j] and len(cues) < 3:
            nxt = self.cue_at(j)
            # "بلدة وتل خطرة" and "ريف مدينة سراقب" chain; "مدينة جسر الشغور" does not
            if not nxt or not (nxt[0] > 0 or info.get("region")):
                break
            whole = self.gaz_at(j, ("",))
            if whole and whole[1] >= 2:
                break  # "ريف جسر الشغور": a name that begins with a place-type word
            cues.append(nxt[1])
            j += 1
        if j < self.n and any(self.tw[j] in c.get("not_before", ()) for c in cues):
            return None  # "جبهة النصرة": an organisation, not a front line
        region = any(c.get("region") for c in cues)
        main = next((c for c in cues if c.get("region")), cues[-1])
        dual = any(c.get("dual") for c in cues)
        names: list[tuple[int, int, str, bool]] = []  # token range, key, quoted
        shared: Optional[tuple[int, str]] = None  # (token, head) of a name sharing the previous one's head
        br = self.bracketed(j)
        if br:
            a, b = br
            parts = self._split_conj(a, b)
            if dual and len(parts) == 2 and parts[1][1] - parts[1][0] == 1 and parts[0][1] - parts[0][0] >= 2 \
                    and self.tw[parts[1][0]][1:] in self.lex.qualifiers | {self.tw[parts[1][0]][1:]}:
                # "نوحية شرقية وغربية": the second shares the first's head
                (a1, b1), (a2, b2) = parts
                head = " ".join(x for x in self.tw[a1:b1 - 1])
                names.append((a1, b1, " ".join(x for x in self.tw[a1:b1]), True))
                names.append((a2, b2, head + " " + self.tw[a2][1:], True))
                shared = (a2, head)
            else:
                for a1, b1 in parts:
                    names.append((a1, b1, self._key(a1, b1), True))
            end = b
            while (dual or any(c.get("plural") for c in cues)) and len(names) < 12 and end + 1 < self.n \
                    and self.tw[end] == "و" and (nb := self.bracketed(end + 1)):
                for a1, b1 in self._split_conj(*nb):
                    names.append((a1, b1, self._key(a1, b1), True))
                end = nb[1]
        else:
            # a square or a street is named for anything, often a town ("ساحة التل", "شارع بغداد"):
            # the name after it is its own, not a gazetteer place
            lookup = not cues[-1].get("no_lookup")
            hit = self.gaz_at(j, ("",)) if j < self.n and self.clean[j] and lookup else None
            if hit and hit[1] == 1 and self.tw[j] in self.lex.stops and not region:
                # "قرى جديدة", "بلدات أخرى": an adjective, not the village "جديدة";
                # "منطقة الساحل الشرقي": a name of its own (read as an unknown name below)
                hit = None
            if hit and hit[1] == 1 and self.tw[j] in self.lex.heads and not region:
                k = self.unknown_name(j)
                if k is not None and k > j + 1:
                    hit = None  # "قرية عين الطحين": a compound name, not the place "عين"
            if hit:
                end, key = (j + hit[1], hit[2]) if region else self._twin(j + hit[1], hit[2])
                names.append((j, end, key, False))
            elif region:
                return None  # a region needs a place we know: "ريف" alone is not a place
            else:
                k = self.unknown_name(j, own=bool(cues[-1].get("own_name")))
                if k is None:
                    return None
                if dual:
                    # two names joined by و: the first runs to the conjunction ("حيي نزلة شحادة والمرور")
                    k2 = k
                    while k2 < self.n and k2 < j + 3 and self.clean[k2] and not self.tw[k2].startswith("و") \
                            and self.tw[k2] not in self.lex.stops and not self.hot[k2] & (CUE | DIR | LIST) \
                            and not self.tw[k2].isdigit():
                        k2 += 1
                    if k2 > k and k2 < self.n and self.clean[k2] and self.tw[k2].startswith("و") \
                            and len(self.tw[k2]) > 2:
                        k = k2
                end = k
                names.append((j, k, self._key(j, k), False))
            if dual and end < self.n and self.clean[end] and self.tw[end].startswith("و"):
                w2 = self.tw[end][1:]
                if w2 in self.lex.qualifiers and end - j >= 2:
                    head = " ".join(x for x in self.tw[j:end - 1])
                    names.append((end, end + 1, head + " " + w2, False))
                    shared = (end, head)
                    end += 1
                else:
                    hit2 = self.gaz_at(end, ("و",))
                    if hit2 and hit2[1] == 1 and w2 in self.lex.heads:
                        hit2 = None  # "ووادي الربيع": a compound name, not the place "وادي"
                    if hit2:
                        k2, key2 = end + hit2[1], hit2[2]
                    else:
                        k2 = end + 1
                        if w2 in self.lex.heads and k2 < self.n and self.clean[k2] and self.tw[k2] not in self.lex.stops:
                            k2 += 1
                        key2 = " ".join([w2] + self.tw[end + 1:k2])
                    names.append((end, k2, key2, False))
                    end = k2
            if not region and (any(c.get("plural") for c in cues) or (dual and len(names) == 1)
                               or (c[0] > 0 and self.tw[i].startswith("و"))):
                # a plural or dual cue, or a cue inside a list ("قرى أم الكيف وتل لبن والدردارة")
                end = self._list_after(names, end)
        out = []
        kind_tags = tuple(c["word"] for c in cues)
        for a, b, key, quoted in names:
            m = self._m(a, b, key, cue=kind_tags[-1] if not region else main["word"], cue_info=main, quoted=quoted)
            if a != j or (b > a and self.tw[a].startswith("و") and a > j):
                if self.tw[a].startswith("و") and (key == self._key(a, b)[1:] or not key.startswith("و")):
                    m.start += 1
            if region:
                k2, dirs = self.directions_after(end)
                m.directions = dirs
                if dirs:
                    m.end = self.te[k2 - 1]
                    end = k2
                m.region = True
                m.start = self.ts[i] + self.cue_at(i)[0]
            m.surface = self.s[m.start:m.end]
            m.extra_cues = tuple(w for w in kind_tags if w != m.cue)
            if shared and shared[0] == a:
                m.start = self.ts[a] + 1  # without the conjunction
                m.surface = self.s[m.start:m.end]
                m.name_ar = ("head", shared[1])  # type: ignore[assignment]
            out.append(m)
        if region and out and end < self.n and self.clean[end] and cues[0].get("dual"):
            # "ريفي إدلب الغربي واللاذقية الشمالي"
            hit2 = self.gaz_at(end, ("و",))
            if hit2:
                k3, dirs = self.directions_after(end + hit2[1])
                m2 = self._m(end, k3, hit2[2], cue=main["word"], cue_info=main, region=True, directions=dirs)
                m2.start += 1
                m2.surface = self.s[m2.start:m2.end]
                out.append(m2)
                end = k3
        return out, end

    def list_at(self, i: int) -> Optional[tuple[list[Mention], int]]:
        """A list after an introducer that follows a plural place noun: "عدد من التلال منها تبة
        العصفورة، وتبة مريم، والكدف", "خمس قرى هي: الدادات والهوشرية"."""
        lex = self.lex
        used = 0
        for phrase in lex.list_intros.get(self.tw[i], ()):
            if tuple(self.tw[i:i + len(phrase)]) == phrase and all(self.clean[k] for k in range(i + 1, i + len(phrase))):
                used = len(phrase)
                break
        if not used:
            return None
        back = range(max(0, i - lex.list_window), i)
        noun = next((stem for k in reversed(back) for _, stem in splits(self.tw[k]) if stem in lex.list_nouns), None)
        if noun is None:
            return None
        # the items take the plural noun's cue ("قرى ... هي الجنينة": villages, not Sudan's city)
        kind_cue = lex.cues.get(noun)
        j = i + used
        br = self.bracketed(j) if j < self.n and self.tg[j].strip().lstrip(":").strip()[-1:] in _OPEN else None
        if j >= self.n or (self.tg[j].strip() not in ("", ":") and br is None):
            return None  # "منها، فيما …": a pronoun, not a list
        if br is not None:
            # "أربع قرى هي (الجنينة ـ الجيعة ـ شمرة الحصان)": a bracketed list
            out = []
            for a1, b1 in self._split_conj(*br):
                if self.tw[a1] in lex.stops or self.tw[a1].isdigit():
                    return None
                m = self._m(a1, b1, self._key(a1, b1), cue=kind_cue["word"] if kind_cue else None,
                            cue_info=kind_cue or {}, quoted=True)
                if a1 > br[0] and self.tw[a1].startswith("و") and m.key == self._key(a1, b1) and \
                        self.tw[a1][1:] and not self.g.candidates(m.key):
                    m.start += 1
                    m.key = m.key[1:]
                m.surface = self.s[m.start:m.end]
                out.append(m)
            return (out, br[1]) if len(out) >= 2 else None
        out: list[Mention] = []
        inherited: set = set()  # items whose cue is the plural noun's, not their own
        first = True
        while j < self.n and len(out) < 12:
            gap = self.tg[j].strip()
            w = self.tw[j]
            if w == "و" and not first and j + 1 < self.n and self.clean[j + 1]:
                j += 1  # "اليسبل والخدار و الخليقة": a detached conjunction
                gap, w = "", "و" + self.tw[j]
                conj = True
            else:
                conj = w.startswith("و") and len(w) > 2
            if w in lex.stops:
                break
            if not first and not (gap in ("،", ",") or (gap == "" and self.clean[j] and conj)):
                break
            got = self.cue_mentions_at(j) or self.whole_name_at(j)
            if got:
                ms, j2 = got
                out.extend(ms)
                j, first = max(j2, j + 1), False
                continue
            body = w[1:] if conj and not first else w
            item = self._list_item(j, body) if body not in lex.needs_cue else None
            if item is None:
                break
            k2, key2 = item
            m = self._m(j, k2, key2, cue=kind_cue["word"] if kind_cue else None, cue_info=kind_cue or {})
            inherited.add(id(m))
            if conj and not first and not self.gaz_at(j, ("",)) and not self.tw[j] == body:
                m.start += 1
            m.surface = self.s[m.start:m.end]
            out.append(m)
            j, first = k2, False
        # one bare item is not a list ("انسحبت منها القوات"): keep only what a cue introduced
        if len(out) < 2:
            out = [m for m in out if m.cue and id(m) not in inherited]
        return (out, j) if out else None

    def _list_item(self, end: int, body: str) -> Optional[tuple[int, str]]:
        """A coordinated name starting at token ``end`` whose word without the conjunction is
        ``body``: (end token, key); None when it is not a name."""
        lex = self.lex
        if body in lex.stops or body in lex.cues or self.cue_at(end) or self.dir_noun_at(end) \
                or len(body) < 2 or body.isdigit():
            return None
        hit2 = self.gaz_at(end, ("و", ""))
        if hit2 and hit2[1] == 1 and body in lex.heads:
            hit2 = None  # "ووادي الربيع": a compound name, not the place "وادي"
        if hit2:
            return self._twin(end + hit2[1], hit2[2])
        k2 = end + 1
        if body in lex.heads and k2 < self.n and self.clean[k2] and self.tw[k2] not in lex.stops:
            k2 += 1
        while k2 < self.n and self.clean[k2] and self.tw[k2] in lex.qualifiers:
            k2 += 1
        return k2, " ".join([body] + [x for x in self.tw[end + 1:k2]])

    def _list_after(self, names: list, end: int) -> int:
        """Names coordinated after a plural or dual cue: "قرى البارة وبليون وفليفل",
        "منطقتي عين زارة ووادي الربيع". Appends to ``names``; returns the new end."""
        lex = self.lex
        joined = False  # an item was joined with و
        while end < self.n and len(names) < 12:
            gap = self.tg[end].strip()
            if gap not in ("", "،", ","):
                break
            w = self.tw[end]
            if gap == "" and self.clean[end] and w in lex.qualifiers and w not in lex.dir_adj and names \
                    and names[-1][1] == end and not self._compass_before_place(end):
                # (compass qualifiers are for _twin: "حلب الشرقية" is Aleppo)
                a0, _, key0, q0 = names[-1]  # "أحياء الشهداء الثانية ونزال": the name goes on
                names[-1] = (a0, end + 1, key0 + " " + w, q0)
                end += 1
                continue
            if w in lex.stops and w != "و":
                break
            if gap == "" and names and names[-1][1] == end and self.clean[end] and not w.startswith("و") \
                    and not self.hot[end] & (CUE | DIR | LIST) and not w.isdigit() and end + 1 < self.n \
                    and self.clean[end + 1] and self.tg[end + 1].strip() == "" \
                    and self.tw[end + 1].startswith("و") and len(self.tw[end + 1]) > 2 \
                    and names[-1][1] - names[-1][0] == 1 and not names[-1][3] \
                    and not self.gaz_at(names[-1][0], ("", "و")) and not self.gaz_at(end, ("",)):
                # "قرى زور مغار وبوراز": an unknown two-word name, the list goes on after it
                a0, _, key0, q0 = names[-1]
                names[-1] = (a0, end + 1, key0 + " " + w, q0)
                end += 1
                continue
            if w == "و" and gap == "" and end + 1 < self.n and self.clean[end + 1] \
                    and self.tw[end + 1] not in lex.stops and self._list_item(end + 1, self.tw[end + 1]):
                end += 1  # "مناطق اليسبل والخدار و الخليقة": a detached conjunction
                body = self.tw[end]
            elif w.startswith("و") and len(w) > 2:
                body = w[1:]
                joined = True
            elif gap in ("،", ",") and w != "و":
                body = w
                if joined and not self.gaz_at(end, ("",)):
                    break  # "في القريا وعرمان وملح، رفع فيها": the list closed with و
            else:
                break
            if body in lex.stops or body in lex.cues or self.cue_at(end) or self.dir_noun_at(end):
                break
            item = self._list_item(end, body)
            if item is None:
                break
            k2, key2 = item
            names.append((end, k2, key2, False))
            end = k2
        return end

    def _split_conj(self, a: int, b: int) -> list[tuple[int, int]]:
        parts, start = [], a
        for k in range(a + 1, b):
            if self._separator_before(k) or (
                    self.tw[k].startswith("و") and len(self.tw[k]) > 2 and self.tw[k][1:] not in ("ادي",)):
                parts.append((start, k))
                start = k
        parts.append((start, b))
        return parts

    def _key(self, a: int, b: int) -> str:
        words = [x for x in self.tw[a:b]]
        if a > 0 and words and words[0].startswith("و") and len(words[0]) > 3 and \
                " ".join([words[0][1:]] + words[1:]) in self.g.keys:
            words[0] = words[0][1:]
        return " ".join(words)

    def relative_at(self, i: int) -> Optional[tuple[list[Mention], int]]:
        d = self.dir_noun_at(i)
        if not d:
            return None
        plen, direction, used = d
        j = i + used
        if j < self.n and self.tw[j] == "من":  # "بالقرب من"
            j += 1
        if j >= self.n or not self.clean[j]:
            return None
        j = self._after_capital_word(j)  # "جنوب العاصمة طرابلس": relative to Tripoli
        # a compass noun + a country or a governorate: a region ("شمال غرب سوريا")
        hit = self.gaz_at(j, ("",)) if not self.capital_at(j, ("",)) else None
        if hit:
            key = hit[2]
            cands = self.g.candidates(key)
            if any(p.fcode in ("PCLI", "ADM1") for p in cands) and not any(
                    p.fclass == "P" and p.population >= 100000 for p in cands if p.fcode not in ("PCLI", "ADM1")) \
                    or any(p.fcode == "PCLI" for p in cands):
                m = self._m(i, j + hit[1], key, region=True, directions=(direction,))
                m.start += plen
                m.surface = self.s[m.start:m.end]
                m.inner = None
                return [m], j + hit[1]
        inner = self.cue_mentions_at(j) or self.gaz_mention_at(j, need_cue_ok=False)
        if not inner:
            return None
        ms, end = inner
        rel = self._m(i, end, ms[0].key, relative=direction)
        rel.start += plen
        if end < self.n and self.tg[end][:1] in (")", "”", "»", '"'):
            rel.end += 1
        elif end == self.n and self.s[rel.end:rel.end + 1] in (")", "”", "»", '"'):
            rel.end += 1
        rel.surface = self.s[rel.start:rel.end]
        rel.inner = ms[0]
        return ms + [rel], end


# --------------------------------------------------------------------------- resolution

def _sentence_index(work, norm_offset: int, starts: Optional[list[int]] = None) -> int:
    """Index of the sentence holding a norm offset (-1 between sentences); ``starts``: the
    sentences' start offsets, when the caller has them (sentences are sorted, disjoint)."""
    a, _ = work.nt.span(norm_offset, norm_offset + 1)
    if starts is None:
        starts = [s.start for s in work.sentences]
    k = bisect_right(starts, a) - 1
    return k if k >= 0 and a < work.sentences[k].end else -1


def _admin1_of(p: Place) -> Optional[tuple[str, str]]:
    return (p.cc, p.admin1_code) if p.cc and p.admin1_code else None


def _candidates(g: Gazetteer, m: Mention, lex: Lexicon) -> tuple[Place, ...]:
    """A mention's candidates; after a settlement cue (``settlement_cue_kinds``: قرية، بلدة، حي…)
    not admin areas or countries: "قرية باي" is a village, not Somalia's Bay region."""
    if m.cue_info.get("no_lookup") and not m.region and m.relative is None:
        return ()  # "ميدان الشهداء", "ساحة التل": a square's own name
    cands = g.candidates(m.key)
    if m.cue and not m.region and m.relative is None and m.cue_info.get("kind") in lex.settlement_kinds:
        cands = tuple(p for p in cands if p.fclass != "A")
    return cands


def resolve_mentions(g: Gazetteer, ms: list[Mention], work=None, lex: Optional[Lexicon] = None) -> Optional[str]:
    """Choose a place for every mention, in two passes; returns the document's country."""
    lex = lex or lexicon()
    region = region_countries()
    # pass 1: votes from unambiguous mentions
    country_votes: dict[str, float] = {}
    shares: dict[str, float] = {}
    a1_votes: dict[tuple[str, str], float] = {}
    a1_by_sentence: dict[int, set] = {}
    for m in ms:
        cands = _candidates(g, m, lex) if m.key else ()
        ccs = {p.cc for p in cands}
        if len(ccs) == 1:
            cc = next(iter(ccs))
            country_votes[cc] = country_votes.get(cc, 0) + (COUNTRY_VOTE if any(p.fcode == "PCLI" for p in cands) else 1)
        elif ccs:  # an ambiguous name ("طرابلس": Libya or Lebanon) votes a share for each
            for cc in sorted(ccs):
                shares[cc] = shares.get(cc, 0) + 1 / len(ccs)
        a1s = {_admin1_of(p) for p in cands if p.cc in region} - {None}
        admin_named = any(p.fcode == "ADM1" for p in cands)
        if len(a1s) == 1 or (admin_named and m.region):
            for a in (a1s if len(a1s) == 1 else {_admin1_of(p) for p in cands if p.fcode == "ADM1"}):
                a1_votes[a] = a1_votes.get(a, 0) + (2 if m.region or admin_named else 1)
                a1_by_sentence.setdefault(m.sentence, set()).add(a)
    # a country some name can only be in, helped by the shares of ambiguous names
    tally = {cc: v + shares.get(cc, 0) for cc, v in country_votes.items()}
    doc_cc = max(tally.items(), key=lambda kv: (kv[1], kv[0] in region))[0] if tally else None
    if a1_votes:
        by_cc: dict[str, float] = {}
        for (cc, _), v in a1_votes.items():
            by_cc[cc] = by_cc.get(cc, 0) + v
        top = max(by_cc.items(), key=lambda kv: kv[1])
        if doc_cc is None or (top[0] != doc_cc and top[1] > 2 * country_votes.get(doc_cc, 0)):
            doc_cc = top[0]
    # pass 2: choose (a name repeated with the same local context gets the same answer)
    memo: dict[tuple, Optional[Scored]] = {}
    for m in ms:
        if not m.key:
            continue
        cands = _candidates(g, m, lex)
        if not cands:
            continue
        local = a1_by_sentence.get(m.sentence, set())
        prefer = tuple(m.cue_info.get("prefer", ()))
        want_admin = m.region and m.relative is None
        mk = (m.key, frozenset(local), prefer, want_admin)
        if mk not in memo:
            ctx = Context(country=doc_cc, admin1_votes=a1_votes, local_admin1=local, prefer=prefer,
                          want_admin=want_admin, region=region)
            memo[mk] = choose(cands, ctx)
        m.chosen = memo[mk]
    if doc_cc:
        _drop_foreign_homonyms(ms, doc_cc, a1_by_sentence, lex, g)
    return doc_cc


def _drop_foreign_homonyms(ms: list[Mention], doc_cc: str, a1_by_sentence: dict, lex: Lexicon,
                           g: Gazetteer) -> None:
    """A place chosen in another country than the story's is a homonym ("جبل الزاوية" in an
    Idlib story is not Libya's Zawiya) unless the document supports that country: another
    name (not this one) that can only be there, or its admin area named in the same sentence.
    Without support it is kept only when it is a country, or a big town (``foreign_min_population``)
    named bare or after a city-level cue (``foreign_cue_kinds``). Otherwise the mention is left
    unresolved, in the story's country."""
    support: dict[str, set] = {}  # country -> keys of mentions that can only be there
    places_in: dict[str, set] = {}  # the same, without country names
    for m in ms:
        if not m.key:
            continue
        cands = _candidates(g, m, lex)
        ccs = {p.cc for p in cands}
        if len(ccs) == 1:
            support.setdefault(next(iter(ccs)), set()).add(m.key)
            if not any(p.fcode == "PCLI" for p in cands):
                places_in.setdefault(next(iter(ccs)), set()).add(m.key)
    if not places_in.get(doc_cc):
        return  # the story's country is only named, no place confirms it: keep every choice
    for m in ms:
        if not m.chosen:
            continue
        p = m.chosen.place
        if p.cc == doc_cc or p.fcode == "PCLI" or not p.cc:
            continue
        if support.get(p.cc, set()) - {m.key}:
            continue
        if any(o.key != m.key and o.sentence == m.sentence and o.chosen and o.chosen.place.cc == p.cc
               and o.chosen.place.admin1_code == p.admin1_code for o in ms):
            continue  # its admin area is named in the same sentence
        kind = m.cue_info.get("kind") if m.cue else None
        if (kind is None or kind in lex.foreign_cue_kinds) and p.population >= lex.foreign_min_pop:
            continue
        m.chosen = None
        if m.bare and not m.quoted:
            # no cue says it is a place and only a foreign gazetteer knows it: a word
            # ("اقتتال قبلي" is not Tunisia's Kebili, "الفندق البلدي" not a West Bank village)
            m.dropped = True


def _resolve_capitals(g: Gazetteer, ms: list[Mention], doc_cc: Optional[str]) -> None:
    """"العاصمة" is the capital of the story's country (``capital_ar`` in countries.yaml): its
    most populous populated place of that name in that country; unresolved when unknown."""
    ci = country_info(doc_cc) if doc_cc else None
    if ci is None or not ci.capital_ar:
        return
    key = norm(ci.capital_ar)
    cands = [p for p in g.candidates(key) if p.cc == doc_cc and p.fclass == "P"] or \
        [p for p in g.candidates(key) if p.cc == doc_cc and p.fcode != "PCLI"]  # Khartoum: only the state
    if not cands:
        return
    best = max(cands, key=lambda p: (p.population, -p.pid))
    for m in ms:
        if m.capital:
            m.key = key
            m.chosen = Scored(best, 0.0, ("capital of the story's country",))
    for m in ms:
        if m.relative and m.inner is not None and m.inner.capital:
            m.chosen = m.inner.chosen


def _admin1_info(g: Gazetteer, cc: str, code: Optional[str]) -> Optional[Place]:
    return g.admin1_place(cc, code) if cc and code else None


def location_for(g: Gazetteer, m: Mention, ms: list[Mention], doc_cc: Optional[str],
                 a1_context: Optional[Place]) -> tuple[Location, list[str], Optional[str]]:
    """The Location of a mention, its extra tags and its ref."""
    loc, tags, ref = _location_fields(m, doc_cc, a1_context)
    return Location(**loc), tags, ref


def _location_fields(m: Mention, doc_cc: Optional[str], a1_context: Optional[Place]) -> tuple[dict, list[str], Optional[str]]:
    """The fields of a mention's Location (built once: setting pydantic fields one by one is slow)."""
    tags: list[str] = []
    p = m.chosen.place if m.chosen else None
    loc: dict = {"name_ar": _display(m)}
    if m.region or m.cue_info.get("area"):  # "جبهة نهم": a front is an area, like a region
        tags.append("region")
    if m.relative:
        tags.append("relative")
        tags.append(f"direction:{m.relative}")
    if m.directions:
        tags.append("direction:" + "-".join(m.directions))
    if m.cue:
        tags.append(f"cue:{m.cue}")
    for c in m.extra_cues:
        tags.append(f"cue:{c}")
    if p is not None:
        cc = p.cc
        loc.update(name=p.name, admin1=p.admin1, admin2=p.admin2, admin3=p.admin3, latitude=p.lat, longitude=p.lon)
        if p.fcode == "PCLI":
            prec = 3
            tags.append("country")
        elif p.fcode == "ADM1":
            prec = 3
            tags.append("admin1")
        elif p.fcode in ("ADM2", "ADM3"):
            prec = 2 if p.fcode == "ADM3" else 3
        else:
            prec = 1
        if m.region and p.fcode not in ("PCLI", "ADM1", "ADM2"):
            prec = 2  # "ريف سراقب": the countryside of a town
        if m.relative:
            prec = 2
        loc["geo_precision"] = prec
        if m.region and m.directions and p.fcode == "PCLI":
            loc["latitude"] = loc["longitude"] = None
        ref = p.ref if not p.ref.startswith("admin1:") or not p.alt_ref else p.alt_ref
    else:
        ref = None
        cc = a1_context.cc if a1_context else doc_cc
        if a1_context is not None:
            loc["admin1"] = a1_context.admin1
            loc["geo_precision"] = 2 if a1_context is not None and getattr(a1_context, "_local", True) else 3
        else:
            loc["geo_precision"] = 3
        tags.append("unresolved")
    if cc:
        ci = country_info(cc)
        loc["country_code"] = cc
        if ci:
            loc["country"], loc["iso"] = ci.name, ci.numeric
    loc["ref"] = ref
    return loc, tags, ref


_KEEP_TAIL = re.compile(r"[ \t]+(\w+)")


def _with_cue(text: str, a: int, cue: str) -> int:
    """Start of the cue word written right before offset ``a`` (its proclitics left out:
    "وكلية الشرطة" → "كلية الشرطة"), else ``a``."""
    k = len(text[:a].rstrip())
    w0 = k
    while w0 > 0 and not text[w0 - 1].isspace():
        w0 -= 1
    want = norm(cue)
    for p in range(w0, k):
        if norm(text[p:k]) == want:
            return p
    return a


def _display(m: Mention) -> str:
    return m.surface


def _context_admin1(g: Gazetteer, m: Mention, ms: list[Mention], a1_votes_doc: dict,
                    doc_cc: Optional[str] = None, paragraph_of=None) -> tuple[Optional[Place], bool]:
    """Admin area for a place no gazetteer knows, from the places around it in the story's
    country (``doc_cc``): the nearest known one in its sentence (local: the second value is
    True); else the nearest one before it in its paragraph (``paragraph_of(sentence index)``);
    else the document's dominant one when it clearly dominates (≥ 60 % of the votes); else the
    last one before it in the document (the story's current governorate)."""
    def known(o: Mention) -> Optional[Place]:
        if o is m or not o.chosen:
            return None
        p = o.chosen.place
        if doc_cc and p.cc != doc_cc:
            return None
        return _admin1_info(g, p.cc, p.admin1_code)

    best, dist = None, None
    for o in ms:
        if o.sentence != m.sentence:
            continue
        a = known(o)
        if a is None:
            continue
        d = abs(o.start - m.start)
        if dist is None or d < dist:
            best, dist = a, d
    if best is not None:
        return best, True
    before = [o for o in ms if o.start < m.start and o.sentence >= 0]
    before.sort(key=lambda x: -x.start)  # nearest first
    if paragraph_of is not None and m.sentence >= 0:
        par = paragraph_of(m.sentence)
        for o in before:
            if paragraph_of(o.sentence) != par:
                continue
            a = known(o)
            if a is not None:
                return a, False
    if a1_votes_doc:
        total = sum(a1_votes_doc.values())
        (cc, code), v = max(a1_votes_doc.items(), key=lambda kv: kv[1])
        if v / total >= 0.6 and (not doc_cc or cc == doc_cc):
            return _admin1_info(g, cc, code), False
    if paragraph_of is not None:
        for o in before:
            a = known(o)
            if a is not None:
                return a, False
    return None, False


# --------------------------------------------------------------------------- the component

def find_places(work, g: Gazetteer, lex: Optional[Lexicon] = None) -> list:
    lex = lex or lexicon()
    s = work.nt.norm
    finder = Finder(g, lex, s)
    ms = finder.mentions()
    ms = _outside_other_entities(work, ms + finder.named_again(ms))
    datelines = [m for m in ms if _is_dateline(s, m)]
    starts = [x.start for x in work.sentences]
    for m in ms:
        m.sentence = _sentence_index(work, m.start, starts)
        if m.inner is not None:
            m.inner.sentence = m.sentence
    # a dateline abroad ("لندن - رويترز") says nothing about where the story is: it does not vote
    abroad = [m for m in datelines if not any(p.cc in _local_countries() for p in g.candidates(m.key))]
    doc_cc = resolve_mentions(g, [m for m in ms if m.relative is None and m not in abroad], work, lex)
    for m in abroad:
        resolve_mentions(g, [m], work, lex)
    _resolve_capitals(g, ms, doc_cc)
    for m in ms:
        if m.relative and m.inner is not None:
            m.chosen = m.inner.chosen
            m.dropped = m.inner.dropped
    ms = [m for m in ms if not m.dropped and not _pronoun_suffixed(work, m, lex)]
    sents = work.sentences

    def paragraph_of(k: int) -> int:
        return sents[k].paragraph if 0 <= k < len(sents) else -1

    votes: dict = {}
    for m in ms:
        if m.chosen and m.chosen.place.admin1_code and m.chosen.place.cc:
            k = (m.chosen.place.cc, m.chosen.place.admin1_code)
            votes[k] = votes.get(k, 0) + 1
    out = []
    for m in datelines:
        # where the reporter files from: context for the story; a place of its events only when
        # it is in the story's country ("كركوك (رويترز) -"), not a bureau abroad ("بيروت (أ ف ب) -"
        # in a Syrian story, "لندن - رويترز")
        p = m.chosen.place if m.chosen else None
        work.meta["dateline"] = {"name_ar": m.surface, "ref": p.ref if p else None,
                                 "country_code": p.cc if p else None, "admin1": p.admin1 if p else None}
        if (p is None or p.cc != doc_cc) and m in ms:
            ms.remove(m)
    for m in sorted(ms, key=lambda x: (x.start, -x.end)):
        a1, local = (None, False)
        if not m.chosen:
            # a name repeated bare is the place its cued mention named: that mention's context
            a1, local = _context_admin1(g, m.same_as or m, ms, votes, doc_cc, paragraph_of)
        fields, tags, ref = _location_fields(m, doc_cc, a1)
        if not m.chosen and a1 is not None and not local:
            fields["geo_precision"] = 3
        kind = m.cue_info.get("kind") if m.cue else None
        if not m.chosen and m.cue and (kind in lex.urban_kinds or kind in lex.site_kinds or kind in lex.area_kinds):
            city = _city_of(work, m, ms, doc_cc, paragraph_of, lex, only_after=kind in lex.site_kinds,
                            sentence_only=kind in lex.area_kinds and kind not in lex.urban_kinds)
            if city is not None:
                # "ميدان الشهداء وسط طرابلس", "حي الثورة" in Omdurman: a part of a town no
                # gazetteer knows is placed at the town (ACLED codes it so), precision 2
                fields.update(latitude=city.lat, longitude=city.lon, admin1=city.admin1, admin2=city.admin2,
                              geo_precision=2)
                tags.append("in_town")
        a, b = work.nt.span(m.start, m.end)
        if m.cue and m.cue_info.get("own_name"):
            a = _with_cue(work.text, a, m.cue)  # "كلية الهندسة": the name alone is a common noun
        na, nb = a, b  # the span of the location's name_ar
        site = m.inner if m.relative and m.inner is not None else m
        if site.cue and site.cue_info.get("keep_cue"):
            # "مطار بغداد الدولي" is the airport, not the city it is named for: the name keeps
            # its cue and the adjective after it ("في محيط مطار بغداد الدولي")
            if site is m:
                na = _with_cue(work.text, a, m.cue)
            tail = _KEEP_TAIL.match(work.text, b)
            if tail and norm(tail.group(1)) in lex.cue_tails:
                nb = tail.end()
        fields["name_ar"] = work.text[na:nb]
        cap = m if m.capital else (m.inner if m.relative and m.inner is not None and m.inner.capital else None)
        if cap is not None and cap.chosen is not None:
            # "العاصمة" / "شرق العاصمة" → the capital's name: "طرابلس" / "شرق طرابلس"
            ca, cb = work.nt.span(cap.start, cap.end)
            fields["name_ar"] = work.text[a:ca] + (country_info(doc_cc).capital_ar or "") + work.text[cb:b]
        if isinstance(m.name_ar, tuple):  # "نوحية شرقية وغربية": the second name takes the first's head
            ha, hb = _head_span(work, m)
            fields["name_ar"] = ha + " " + work.text[a:b]
        loc = Location(**fields)
        ent = work.add_entity("LOCATION", a, b, ref=ref, tags=tags, location=loc)
        loc.mention = ent.id
        out.append(ent)
    work.meta["country"] = doc_cc
    return out


def _city_of(work, m: Mention, ms: list[Mention], doc_cc: Optional[str], paragraph_of,
             lex: Optional[Lexicon] = None, only_after: bool = False,
             sentence_only: bool = False) -> Optional[Place]:
    """The town a part of a town is in: a town named right after it ("ميدان الشهداء وسط طرابلس",
    "حي القلعة في مدينة مرزق"), else the nearest town before it in its sentence ("وفي أم درمان،
    خرج المحتجون إلى حي الثورة"), else the nearest one before it in its paragraph."""
    lex = lex or lexicon()

    def town(o: Mention) -> Optional[Place]:
        if o is m or not o.chosen or o.region or o.relative:
            return None
        p = o.chosen.place
        # (a site is in the town named right after it, in whatever country: "قاعدة الملك خالد
        # الجوية في خميس مشيط" in a Yemeni story)
        return p if p.fclass == "P" and (not doc_cc or p.cc == doc_cc or only_after) else None

    s = work.nt.norm

    def gap_words(a: int, b: int) -> int:
        """Words between a and b outside other place names ("حي نزال والجولان في مدينة …")."""
        spans = sorted((o.start, o.end) for o in ms if a <= o.start and o.end <= b)
        text, pos = [], a
        for x, y in spans:
            text.append(s[pos:x])
            pos = max(pos, y)
        text.append(s[pos:b])
        return sum(1 for w in " ".join(text).split() if w != "و")

    after = [o for o in ms if o.sentence == m.sentence and o.start >= m.end and town(o) is not None
             and gap_words(m.end, o.start) <= 2]
    if after:
        return town(min(after, key=lambda o: o.start))
    if m.sentence < 0 or only_after:
        return None
    if sentence_only:
        same = [o for o in ms if o.sentence == m.sentence and o.end <= m.start and town(o) is not None]
        return town(max(same, key=lambda o: o.start)) if same else None
    nxt = _TOKEN.findall(s[m.end:m.end + 40])[:2]
    if any(w in lex.town_anaphors or (w[:1] in "بل" and w[1:] in lex.town_anaphors) or w.startswith("لل") and
           "ال" + w[2:] in lex.town_anaphors for w in nxt):
        # "حي الضبيط وسط المدينة": the town the story last named; or the seat of the
        # governorate it last named ("في محافظة السويداء … في ساحة السير وسط المدينة": a
        # governorate's coordinates are its main town's)
        def seat(o: Mention) -> Optional[Place]:
            if o is m or not o.chosen or o.relative:
                return None
            p = o.chosen.place
            return p if o.region and p.fclass == "A" and p.lat is not None and (not doc_cc or p.cc == doc_cc) else None
        prev = [o for o in ms if o.end <= m.start and (town(o) is not None or seat(o) is not None)]
        if not prev:
            return None
        last = max(prev, key=lambda o: o.start)
        return town(last) or seat(last)
    par = paragraph_of(m.sentence)
    before = [o for o in ms if o.start < m.start and o.sentence >= 0 and town(o) is not None]
    same_par = [o for o in before if paragraph_of(o.sentence) == par]
    # else the last town the story named ("وأحرقوا مخازن في حي الدرجة" after "مدينة ود مدني")
    pool = same_par or before
    return town(max(pool, key=lambda o: o.start)) if pool else None


def _pronoun_suffixed(work, m: Mention, lex: Lexicon) -> bool:
    """A bare name that is a stop word with a pronoun suffix as written ("من داخله": inside it,
    not الداخلة, whose ة normalises to the same letters)."""
    if not m.bare or len(m.key) < 4 or " " in m.key:
        return False
    a, b = work.nt.span(m.start, m.end)
    written = work.text[a:b]
    for suf in ("ها", "هم", "ه"):
        if written.endswith(suf) and m.key.endswith(norm(suf)) and m.key[:-len(suf)] in lex.stops:
            return True
    return False


_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,25}\)[ \t]*)*[-–/:]")


def _is_dateline(s: str, m: Mention) -> bool:
    """A place opening a paragraph and followed (after bracketed words) by a dash, slash or
    colon: "إدلب-سانا", "بيروت (أ ف ب) -", "كركوك (العراق) (رويترز) -", "حلب/ الأناضول"."""
    if m.cue or m.relative or m.region:
        return False
    line_start = s.rfind("\n", 0, m.start) + 1
    if s[line_start:m.start].strip():
        return False
    return bool(_DATELINE_AFTER.match(s, m.end))


def _outside_other_entities(work, ms: list[Mention]) -> list[Mention]:
    """Cue mentions of organisation-like cues (``جبهة``) inside an entity another component
    found ("جبهة فتح الشام" is an actor) are not places."""
    spans = [(e.start, e.end) for e in work.entities if e.type != "LOCATION"]
    if not spans:
        return ms
    out = []
    for m in ms:
        if m.cue_info.get("kind") == "front":
            a, b = work.nt.span(m.start, m.end)
            if any(s <= a and b <= e for s, e in spans):
                continue
        out.append(m)
    return out


def _head_span(work, m: Mention) -> tuple[str, int]:
    """The original spelling of the shared head of a name like "وغربية" (its sibling's first words)."""
    head_norm = m.name_ar[1]
    i = work.nt.norm.rfind(head_norm, 0, m.start)
    if i < 0:
        return head_norm, 0
    a, b = work.nt.span(i, i + len(head_norm))
    return work.text[a:b], a


def _store(path, opened: dict) -> Gazetteer:
    """The store for ``path`` (see :func:`rasd.geo.store.open_store`), located once per
    component; reopened when the file changes (a user import)."""
    p = opened.get("path")
    if p is None:
        g = open_store(path)
        opened.update(path=g.path, mtime=g.path.stat().st_mtime, g=g)
        return g
    try:
        mtime = os.stat(p).st_mtime
    except OSError:
        mtime = None
    if mtime != opened["mtime"]:
        opened.clear()
        return _store(path, opened)
    return opened["g"]


def make_component(config):
    """The ``places`` component: LOCATION entities with resolved locations."""
    path = getattr(config, "gazetteer", None)
    opened: dict = {}  # the store this component reads, found on its first document

    def component(work) -> None:
        find_places(work, _store(path, opened))

    return component


__all__ = ["make_component", "find_places", "Finder", "Mention", "lexicon", "resolve_mentions"]
