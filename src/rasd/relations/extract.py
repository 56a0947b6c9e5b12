"""The relation stage: explicit statements of how actors relate.

Each sentence becomes a *skeleton*: its normalised words with every mention
replaced by a placeholder (``⟨A3⟩`` actor, ``⟨P5⟩`` person, ``⟨L7⟩`` place).
The patterns of ``rasd/data/relations.yaml`` are regular expressions over the
skeleton, so "X … الموالية لـ Y" is one line of data, whatever X and Y are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from ..models import Entity, Relation, RelationEnd, Span
from ..text import norm, tokenize

RELATIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "relations.yaml"
SYMMETRIC = {"allied_with", "ideologically_close"}
_PUNCT = set("،,()")
_KIND = {"ACTOR": "A", "PERSON": "P", "LOCATION": "L"}
_W = r"(?:[^⟨\s]+|⟨[PL]\d+⟩)"
_MACROS = {
    "{AS}": r"⟨A\d+⟩(?: (?:و|ومن|وفصائل|،|,)? ?⟨A\d+⟩)*",
    "{A}": r"⟨A\d+⟩",
    "{P}": r"⟨P\d+⟩",
    "{L}": r"⟨L\d+⟩",
    "{X}": r"⟨[APL]\d+⟩",
    "{W}": _W,
    "{GAP}": "(?:" + _W + " ){0,6}?",
    "{GAP2}": "(?:" + _W + " ){0,25}?",
}


@dataclass(frozen=True)
class Pattern:
    type: str
    rule: str
    regex: re.Pattern
    # Arabic words of the pattern: a sentence containing none of them cannot match
    # (patterns without any are always tried)
    keywords: frozenset = frozenset()


_AR_WORD = re.compile(r"[\u0621-\u064A]{3,}")


@lru_cache(maxsize=4)
def _keyword_automaton(patterns: tuple) -> object:
    """An Aho-Corasick automaton of every pattern keyword: one scan finds which occur."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for p in patterns:
        for k in p.keywords:
            auto.add_word(k, k)
    auto.make_automaton()
    return auto


def _keywords_in(text: str, patterns: tuple) -> frozenset:
    # keywords have no spaces: the keywords of a text are the union of its words'
    # (memoised per word; the words of a skeleton repeat from sentence to sentence)
    from ._speed import keywords_of_words

    return keywords_of_words(text.split(" "), patterns, _keyword_automaton)


@lru_cache(maxsize=4)
def load_capitals(path: Path = RELATIONS_FILE) -> dict[str, str]:
    """Normalised capital name -> the state's actor ref."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {norm(k): v for k, v in (data.get("capitals") or {}).items()}


@lru_cache(maxsize=4)
def load_patterns(path: Path = RELATIONS_FILE) -> tuple[Pattern, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for rtype, pats in data["relations"].items():
        for k, p in enumerate(pats):
            src = "".join(ch if ord(ch) < 128 else norm(ch) for ch in p)
            for m, r in _MACROS.items():
                src = src.replace(m, r)
            out.append(Pattern(rtype, f"relations.yaml#{rtype}.{k}", re.compile(src),
                               frozenset(_AR_WORD.findall(src))))
    return tuple(out)


@dataclass
class Skeleton:
    text: str
    # for each word of the skeleton: (char start in skeleton, original start, original end)
    words: list[tuple[int, int, int]]
    groups: dict  # placeholder -> list[Entity]


def build_skeleton(work, start: int, end: int, entities=None) -> Skeleton:
    """The skeleton of ``work.text[start:end]``; ``entities`` (default: all) are the
    mentions to look at, e.g. the sentence's."""
    ents = [e for e in (work.entities if entities is None else entities)
            if e.type in _KIND and start <= e.start and e.end <= end
            and not (e.type == "ACTOR" and "foreign_fighters" in e.tags and e.ref is None)]
    # a country named as a place ("المدعومة من الولايات المتحدة") can be a state endpoint
    states = {(e.start, e.end) for e in ents if e.type == "ACTOR"}
    ents.sort(key=lambda e: (e.start, -(e.end - e.start)))
    # groups of mentions over one span; nested mentions are dropped
    spans: list[tuple[int, int, list[Entity]]] = []
    for e in ents:
        if spans and e.start == spans[-1][0] and e.end == spans[-1][1]:
            spans[-1][2].append(e)
        elif spans and e.start < spans[-1][1]:
            continue
        else:
            spans.append((e.start, e.end, [e]))
    pieces: list[tuple[str, int, int]] = []
    groups: dict[str, list[Entity]] = {}
    if hasattr(work, "tokens_in"):
        toks, base = work.tokens_in(start, end), 0
    else:
        toks, base = tokenize(work.text[start:end], with_analyses=False), start
    si = 0
    pos = start
    for t in toks:
        ts, te = t.start + base, t.end + base
        # punctuation between words
        for k in range(pos, ts):
            if work.text[k] in _PUNCT:
                pieces.append((work.text[k], k, k + 1))
        pos = te
        while si < len(spans) and spans[si][1] <= ts:
            si += 1
        if si < len(spans) and spans[si][0] < te and spans[si][1] > ts:
            s0, s1, group = spans[si]
            if ts < s0:  # a proclitic before the name: "لداعش", "وهيئة"
                pieces.append((norm(work.text[ts:s0]), ts, s0))
            kind = _KIND[group[0].type]
            if group[0].type == "LOCATION" and ("country" in group[0].tags or _capital_ref(group[0])):
                kind = "A"
            ph = f"⟨{kind}{si}⟩"
            if not pieces or pieces[-1][0] != ph:
                pieces.append((ph, s0, s1))
                groups[ph] = group
            continue
        cap = _capital_word(t.norm)
        if cap is not None and hasattr(work, "add_entity"):
            # a capital standing for its state ("تدعمه واشنطن"): an actor mention of the state
            pre = len(t.norm) - len(cap[0])
            ent = work.add_entity("ACTOR", ts + pre, te, ref=cap[1], tags=["state", "capital"])
            ph = f"⟨A{len(spans) + len(groups)}⟩"
            if pre:
                pieces.append((t.norm[:pre], ts, ts + pre))
            pieces.append((ph, ts + pre, te))
            groups[ph] = [ent]
            continue
        pieces.append((t.norm, ts, te))
    text_parts = []
    words = []
    c = 0
    for w, a, b in pieces:
        words.append((c, a, b))
        text_parts.append(w)
        c += len(w) + 1
    return Skeleton(" ".join(text_parts) + " ", words, groups)


def _capital_word(word: str) -> Optional[tuple[str, str]]:
    """(capital, state ref) for a word that is a capital, with or without و/ب/ل."""
    caps = load_capitals()
    if word in caps:
        return word, caps[word]
    if word[:1] in "وبل" and word[1:] in caps:
        return word[1:], caps[word[1:]]
    return None


def _capital_ref(ent: Entity) -> Optional[str]:
    """The state a capital stands for ("واشنطن" -> actor:state-us), or None."""
    caps = load_capitals()
    w = norm(ent.text)
    return caps.get(w) or (caps.get(w[1:]) if w[:1] in "وبل" else None)


def _end(kb, ent: Entity, country: Optional[str] = None) -> RelationEnd:
    if ent.ref and ent.ref.startswith("actor:generic-"):
        from ..kb import generic_actor

        try:
            name, _inter = generic_actor(ent.ref, country, kb=kb)  # "Civilians (Syria)", not "({country})"
            return RelationEnd(ref=ent.ref, name=name, mention=ent.id)
        except KeyError:
            pass
    if ent.type == "LOCATION" and _capital_ref(ent):
        state = kb.get(_capital_ref(ent))
        if state is not None:
            return RelationEnd(ref=state.id, name=state.name, mention=ent.id)
    rec = kb.get(ent.ref) if ent.ref else None
    if rec is not None:
        name = rec.name
    elif ent.location is not None:
        name = ent.location.name or ent.location.country or ent.text
    else:
        name = ent.text
    return RelationEnd(ref=ent.ref, name=name, mention=ent.id)


def _orig_span(sk: Skeleton, a: int, b: int) -> tuple[int, int]:
    inside = [w for w in sk.words if a <= w[0] < b]
    if not inside:
        return 0, 0
    return inside[0][1], inside[-1][2]


def relations_in(work, start: int, end: int, patterns, kb, entities=None) -> list[Relation]:
    sk = build_skeleton(work, start, end, entities)
    out: list[Relation] = []
    actors = [ph for ph in sk.groups if ph.startswith("⟨A")]
    present = _keywords_in(sk.text, patterns)
    for p in patterns:
        if p.keywords and p.keywords.isdisjoint(present):
            continue  # none of its words occurs: it cannot match
        for m in p.regex.finditer(sk.text):
            gd = {k: v for k, v in m.groupdict().items() if v}
            srcs = re.findall(r"⟨[APL]\d+⟩", gd.get("src", "") + " " + gd.get("srcs", ""))
            tgts = re.findall(r"⟨[APL]\d+⟩", gd.get("tgt", "") + " " + gd.get("tgts", ""))
            if "tgtpro" in gd:
                topic = next((ph for ph in actors if ph not in srcs), None)
                tgts = [topic] if topic else []
            if "srcpro" in gd:
                topic = next((ph for ph in actors if ph not in tgts), None)
                srcs = [topic] if topic else []
            a, b = _orig_span(sk, m.start(), m.end())
            for s in srcs:
                for t in tgts:
                    if s == t or s not in sk.groups or t not in sk.groups:
                        continue
                    se, te = sk.groups[s][0], sk.groups[t][0]
                    if se.ref and se.ref == te.ref:
                        continue
                    cc = work.meta.get("country") if hasattr(work, "meta") else None
                    out.append(Relation(type=p.type, source=_end(kb, se, cc), target=_end(kb, te, cc),
                                        evidence=Span(start=a, end=b), rule=p.rule, confidence=0.7))
    return out


def _key(r: Relation) -> tuple:
    s = r.source.ref or r.source.name
    t = r.target.ref or r.target.name
    if r.type in SYMMETRIC and s > t:
        s, t = t, s
    return (r.type, s, t)


def extract_relations(work, patterns, kb) -> list[Relation]:
    seen: set = set()
    out = []
    mentions = sorted((e for e in work.entities if e.type in _KIND), key=lambda e: e.start)
    starts = [e.start for e in mentions]
    import bisect

    for s in work.sentences:
        inside = mentions[bisect.bisect_left(starts, s.start):bisect.bisect_left(starts, s.end)]
        if len(inside) < 2 or not any(e.type == "ACTOR" for e in inside):
            continue  # a relation needs two mentions, one of them an actor
        for r in relations_in(work, s.start, s.end, patterns, kb, inside):
            k = _key(r)
            if k not in seen:
                seen.add(k)
                out.append(r)
    return out


def make_component(config):
    patterns = load_patterns()

    def relations_component(work) -> None:
        from ..kb import load

        work.relations.extend(extract_relations(work, patterns, load(config.kb_dirs)))

    return relations_component
