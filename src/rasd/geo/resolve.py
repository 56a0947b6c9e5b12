"""Choosing one place among a name's candidates, by context (:func:`choose`).

Score of a candidate (the rule, in ``docs/places.md``):

* +6   its first-level admin area is named in the same sentence (``بريف إدلب``);
* +3×  share of the document's admin-area votes that go to its admin area;
* +4   it is in the document's country; +1.5 in the Arab region / neighbours;
* +3   its feature code is one the cue before it prefers (``ناحية`` → ADM3);
* +4   an admin area after a region cue (``ريف``, ``بادية``, ``محافظة``);
* +1   a populated place, when no cue asks for an admin area (``إدلب`` alone is the city);
* +0.4 × log10(population + 1).
"""
from __future__ import annotations

import math
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .store import Place


@dataclass
class Context:
    """What the document says around a mention."""

    country: Optional[str] = None  # the document's dominant country (ISO2)
    admin1_votes: dict[tuple[str, str], float] = field(default_factory=dict)  # (cc, admin1_code) -> weight
    local_admin1: set[tuple[str, str]] = field(default_factory=set)  # admin areas named in the same sentence
    prefer: tuple[str, ...] = ()  # feature codes the cue favours
    want_admin: bool = False  # a region cue (ريف، محافظة، بادية) asks for an admin area
    region: frozenset[str] = frozenset()  # countries of the Arab region and neighbours


@dataclass(frozen=True)
class Scored:
    place: Place
    score: float
    why: tuple[str, ...]


@lru_cache(maxsize=65536)
def _pop_term(population: int) -> float:
    return 0.4 * math.log10(population + 1)


def score(p: Place, ctx: Context, explain: bool = True, total: Optional[float] = None) -> Scored:
    """A candidate's score; ``explain=False`` skips the reasons (same score, faster);
    ``total``: the sum of ``ctx.admin1_votes`` when the caller has it."""
    s, why = 0.0, []
    key = (p.cc or "", p.admin1_code or "")
    if p.admin1_code and key in ctx.local_admin1:
        s += 6
        if explain:
            why.append(f"+6 admin1 {p.admin1 or p.admin1_code} named in the sentence")
    if total is None:
        total = sum(ctx.admin1_votes.values())
    if total and p.admin1_code and ctx.admin1_votes.get(key):
        v = 3 * ctx.admin1_votes[key] / total
        s += v
        if explain:
            why.append(f"+{v:.1f} admin1 {p.admin1 or p.admin1_code} named in the document")
    if ctx.country and p.cc == ctx.country:
        s += 4
        if explain:
            why.append(f"+4 in the story's country {p.cc}")
    elif p.cc in ctx.region:
        s += 1.5
        if explain:
            why.append("+1.5 in the region")
    if ctx.prefer and p.fcode in ctx.prefer:
        s += 3
        if explain:
            why.append(f"+3 {p.fcode} preferred by the cue")
    if ctx.want_admin:
        if p.fclass == "A" and p.fcode != "PCLI":
            s += 4
            if explain:
                why.append("+4 admin area for a region cue")
    elif p.fclass == "P":
        s += 1
        if explain:
            why.append("+1 populated place")
    if p.population:
        v = _pop_term(p.population)
        s += v
        if explain:
            why.append(f"+{v:.1f} population {p.population}")
    return Scored(p, round(s, 3), tuple(why))


def rank(cands: Iterable[Place], ctx: Context, explain: bool = True) -> list[Scored]:
    """Candidates best first (ties: larger population, then smaller id, for stable output)."""
    total = sum(ctx.admin1_votes.values())
    return sorted((score(p, ctx, explain, total) for p in cands),
                  key=lambda x: (-x.score, -x.place.population, x.place.pid))


def choose(cands: Sequence[Place], ctx: Context, explain: bool = False) -> Optional[Scored]:
    """The best candidate (without its reasons unless ``explain``: see :func:`rank`)."""
    if not cands:
        return None
    if len(cands) == 1:
        return score(cands[0], ctx, explain)
    r = rank(cands, ctx, explain)
    return r[0]


__all__ = ["Context", "Scored", "score", "rank", "choose"]
