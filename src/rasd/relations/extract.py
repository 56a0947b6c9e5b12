"""The relation stage: explicit statements of how actors relate.

Each sentence becomes a *skeleton*: its normalised words with every mention
replaced by a placeholder (``⟨A3⟩`` actor, ``⟨P5⟩`` person, ``⟨L7⟩`` place).
The patterns of ``rasd/data/relations.yaml`` are regular expressions over the
skeleton, so "X … الموالية لـ Y" is one line of data, whatever X and Y are.

Around the patterns (the words used here are data too, in the file's ``lexicon``):

* a mention whose own words state a relation ("الجيش الوطني السوري المدعوم من
  تركيا", "الجناح العسكري لحركة حماس") is opened up: its head stays one
  placeholder, the relation words stay words and the actor named at its end becomes
  a placeholder of its own, so the ordinary patterns apply;
* a pronoun endpoint ("الموالية لها", "، وهي منضوية ضمن …") is resolved to an
  actor named before it (see :func:`_resolve_pronoun`);
* an endpoint that is a generic group followed by the groups it counts
  ("فصائل مسلحة حليفة لإيران، بينها عصائب أهل الحق") is replaced by those groups;
* "القوات الموالية للمشير خليفة حفتر" is one actor, the person's group in the
  knowledge base, which the person leads; "بدعم روسي" names a state by its nisba;
* a pattern may constrain its endpoints (a state target, an endpoint that no
  preposition or possessor noun governs, a person the knowledge base knows).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
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
_STATE_TYPES = {"state", "state_forces", "government", "police"}
_PH = re.compile(r"⟨[APLN]\d+⟩")
_PRONOUN_GROUPS = ("srcpro", "tgtpro")


def _alt(words) -> str:
    return "(?:" + "|".join(re.escape(norm(w)) for w in sorted(set(words), key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Pattern:
    type: str
    rule: str
    regex: re.Pattern
    # Arabic words of the pattern: a sentence containing none of them cannot match
    # (patterns without any are always tried)
    keywords: frozenset = frozenset()
    # "state" / "nonstate": what the target must be (a state, its forces or government, or not)
    target: Optional[str] = None
    # a pronoun endpoint resolves only when one actor can be meant
    strict_pronoun: bool = False
    # the pronoun stands for the agent of a verb: never an actor a preposition or possessor governs
    agent_pronoun: bool = False
    # endpoints ("src"/"tgt") that must not follow a preposition or a genitive head
    direct: frozenset = frozenset()
    # a person endpoint stands for the group the knowledge base says the person belongs to
    # ("بيعتها لأبي بكر البغدادي" is a pledge to the Islamic State); unknown people give nothing
    person_group: bool = False
    # a person endpoint must be in the knowledge base
    known_person: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The words of relations.yaml that are not patterns."""

    prepositions: frozenset = frozenset()
    type_nouns: frozenset = frozenset()
    genitive_heads: frozenset = frozenset()
    attributors: frozenset = frozenset()
    plural_pronouns: frozenset = frozenset()
    support_nouns: frozenset = frozenset()
    loyal_words: frozenset = frozenset()
    force_nouns: frozenset = frozenset()
    manner_words: frozenset = frozenset()  # "بدعم جوي روسي"
    clause_openers: frozenset = frozenset()  # "، وهي …،": a parenthetical clause
    relatives: frozenset = frozenset()
    place_prepositions: frozenset = frozenset()  # "في سوريا": a place
    group_nouns: frozenset = frozenset()  # "فصائل سورية": a nisba, not the state
    no_relations: frozenset = frozenset()  # refs never an endpoint
    mention_cues: frozenset = frozenset()  # words that make a mention state a relation
    ranks: frozenset = frozenset()
    hypotheticals: frozenset = frozenset()  # "ربما", "إذا": and "قد" before an imperfect
    negators: frozenset = frozenset()  # "نفى أي تحالف", "رفضت الاندماج": no relation is stated
    enumerators: Optional[re.Pattern] = None


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
def _data(path: Path = RELATIONS_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_capitals(path: Path = RELATIONS_FILE) -> dict[str, str]:
    """Normalised capital name -> the state's actor ref."""
    return {norm(k): v for k, v in (_data(path).get("capitals") or {}).items()}


@lru_cache(maxsize=4)
def load_lexicon(path: Path = RELATIONS_FILE) -> Lexicon:
    lx = _data(path).get("lexicon") or {}
    n = lambda key: frozenset(norm(w) for w in lx.get(key) or [])  # noqa: E731
    enum = lx.get("enumerators") or []
    return Lexicon(prepositions=n("prepositions"), type_nouns=n("type_nouns"),
                   genitive_heads=n("genitive_heads"),
                   attributors=n("attributors") | {"و" + w for w in n("attributors")},
                   plural_pronouns=n("plural_pronouns"), support_nouns=n("support_nouns"),
                   loyal_words=n("loyal_words"), force_nouns=n("force_nouns"),
                   manner_words=n("manner_words"), clause_openers=n("clause_openers"),
                   relatives=n("relatives") | {"و" + w for w in n("relatives")},
                   place_prepositions=n("place_prepositions") | {"و" + w for w in n("place_prepositions")},
                   group_nouns=n("group_nouns"), no_relations=frozenset(lx.get("no_relations") or ()),
                   mention_cues=n("mention_cues"), ranks=n("ranks"),
                   negators=n("negators") | {"و" + w for w in n("negators")},
                   hypotheticals=n("hypotheticals") | {"و" + w for w in n("hypotheticals")},
                   enumerators=re.compile(r" ?(?:، )?" + _alt(enum) + r" (?P<list>" + _MACROS["{AS}"] + ")")
                   if enum else None)


def _macros(path: Path) -> dict[str, str]:
    lx = _data(path).get("lexicon") or {}
    out = dict(_MACROS)
    out["{RANK}"] = _alt(lx.get("ranks") or ["العميد"])
    out["{RANKS}"] = "(?:" + out["{RANK}"] + " ){0,3}"
    attr = lx.get("attributors") or ["تعتبرها"]
    out["{ATTR}"] = _alt(list(attr) + ["و" + w for w in attr])
    out["{AGV}"] = _alt(lx.get("agent_verbs") or ["شنها"])
    return out


# {W}: one word that is not an actor mention and not a resumptive pronoun ("وهي"):
# a gap never jumps over an actor, so the endpoint next to a cue is always the nearest one,
# and never over "، وهي", whose subject is resolved as a pronoun.
_W = r"(?:(?!(?:وهي|وهو|وهم) )[^⟨\s]+|⟨[PLN]\d+⟩)"
_MACROS = {
    "{AS}": r"⟨A\d+⟩(?: (?:و|ومن|وفصائل)? ?⟨A\d+⟩)*",
    "{A}": r"⟨A\d+⟩",
    "{P}": r"⟨P\d+⟩",
    "{L}": r"⟨L\d+⟩",
    "{X}": r"⟨[APL]\d+⟩",
    # a state named by its nisba after a word of support ("بدعم روسي")
    "{N}": r"⟨N\d+⟩",
    "{W}": _W,
    # a word that is not a comma: a gap of {WN} stays inside one clause
    "{WN}": r"(?:(?!(?:وهي|وهو|وهم) )[^⟨\s،,]+|⟨[PLN]\d+⟩)",
    # neither a comma nor a relative pronoun: the clause of the endpoint itself
    "{WR}": r"(?:(?!(?:وهي|وهو|وهم|الذي|التي|الذين|والذي|والتي) )[^⟨\s،,]+|⟨[PLN]\d+⟩)",
    "{GAP}": "(?:" + _W + " ){0,6}?",
    "{GAP2}": "(?:" + _W + " ){0,25}?",
}


@lru_cache(maxsize=4)
def load_patterns(path: Path = RELATIONS_FILE) -> tuple[Pattern, ...]:
    data = _data(path)
    macros = _macros(path)
    out = []
    for rtype, pats in data["relations"].items():
        for k, p in enumerate(pats):
            opts = {}
            if isinstance(p, dict):
                opts, p = p, p["re"]
            src = "".join(ch if ord(ch) < 128 else norm(ch) for ch in p)
            kw_src = src
            for m, r in macros.items():
                src = src.replace(m, r)
                kw_src = kw_src.replace(m, r if m not in ("{RANK}", "{RANKS}", "{ATTR}", "{AGV}") else "")
            out.append(Pattern(rtype, f"relations.yaml#{rtype}.{k}", re.compile(src),
                               (frozenset(_AR_WORD.findall(kw_src)) - {"وهي", "وهو", "وهم"})
                               | frozenset(norm(w) for w in opts.get("keywords") or ()),
                               target=opts.get("target"), strict_pronoun=bool(opts.get("strict_pronoun")),
                               agent_pronoun=bool(opts.get("agent_pronoun")),
                               direct=frozenset(opts.get("direct") or ()),
                               known_person=bool(opts.get("known_person")),
                               person_group=bool(opts.get("person_group"))))
    return tuple(out)


@dataclass
class Skeleton:
    text: str
    # for each word of the skeleton: (char start in skeleton, original start, original end)
    words: list[tuple[int, int, int]]
    groups: dict  # placeholder -> list[Entity]
    pieces: list[str] = field(default_factory=list)  # the words themselves
    # "القوات الموالية لحفتر": placeholder of those forces -> the person they are loyal to
    leaders: dict = field(default_factory=dict)

    def index_at(self, c: int) -> int:
        """The index of the skeleton word starting at or containing character ``c``."""
        return max(0, bisect.bisect_right([w[0] for w in self.words], c) - 1)


def _inner_actor(kb, text: str) -> Optional[tuple[str, str]]:
    """(proclitic, actor ref) when ``text`` names one actor (or a capital for its state)."""
    caps = load_capitals()
    key = norm(text)
    if key in caps:
        return "", caps[key]
    if key[:1] in "وبل" and key[1:] in caps:
        return key[:1], caps[key[1:]]
    res = kb.lookup(text)
    ids = sorted({f.target for f in res.forms if f.target.startswith("actor:") and f.kind != "weak"})
    if len(ids) == 1:
        return res.prefix, ids[0]
    return None


@lru_cache(maxsize=4096)
def _split_plan(kb, text: str, ref: str, cues: frozenset) -> Optional[tuple[int, int, str, str]]:
    """How to open up a mention that states a relation, by token indices of ``text``:
    (head_end, inner_start, proclitic, inner ref), or None. The words between the head
    and the inner actor must hold a relation cue (a word of some pattern)."""
    toks = tokenize(text, with_analyses=False)
    n = len(toks)
    if n < 3:
        return None
    own = kb.get(ref)
    for k in range(1, n):  # the longest tail naming another actor
        inner = _inner_actor(kb, text[toks[k].start:])
        if inner is None or inner[1] == ref:
            continue
        other = kb.get(inner[1])
        if own is not None and other is not None and own.country and own.country == other.country \
                and own.type in _STATE_TYPES and other.type in _STATE_TYPES:
            return None  # "الطيران الحربي التابع لجيش روسيا": a state's branch and its own state
        head = 0  # the longest head naming the mention's own actor, else none ("الجناح العسكري لـ …")
        for j in range(k - 1, 0, -1):
            r = kb.lookup(text[:toks[j - 1].end])
            if ref in {f.target for f in r.forms}:
                head = j
                break
        middle = [t.norm for t in toks[head:k]]
        if not any(w in cues or w[1:] in cues for w in middle) and inner[0] + middle[-1:][0] not in cues:
            return None  # "قوات حكومة الوفاق": one actor, no relation
        return head, k, inner[0], inner[1]
    return None


def _open_mention(work, kb, group: list[Entity], cues: frozenset) -> Optional[list[tuple]]:
    """Pieces (word or [entity], start, end) for a mention that states a relation, else None."""
    ent = group[0]
    if ent.type != "ACTOR" or not ent.ref or len(group) > 1 or " " not in ent.text:
        return None
    plan = _split_plan(kb, ent.text, ent.ref, cues)
    if plan is None:
        return None
    head, k, pre, ref = plan
    toks = tokenize(ent.text, with_analyses=False)
    base = ent.start
    pieces: list[tuple] = [(group, base + toks[0].start, base + toks[max(head, 1) - 1].end)]
    for t in toks[head:k]:
        pieces.append((t.norm, base + t.start, base + t.end))
    s = base + toks[k].start
    if pre:
        pieces.append((pre, s, s + len(pre)))
    # made an entity of the record only if a relation uses it
    inner = Entity(id="", type="ACTOR", text=work.text[s + len(pre):ent.end], start=s + len(pre),
                   end=ent.end, ref=ref, tags=["nested"])
    pieces.append(([inner], s + len(pre), ent.end))
    return pieces


def build_skeleton(work, start: int, end: int, entities=None, kb=None) -> Skeleton:
    """The skeleton of ``work.text[start:end]``; ``entities`` (default: all) are the
    mentions to look at, e.g. the sentence's. With ``kb``, mentions that state a
    relation are opened up."""
    ents = [e for e in (work.entities if entities is None else entities)
            if e.type in _KIND and start <= e.start and e.end <= end
            and not (e.type == "ACTOR" and "foreign_fighters" in e.tags and e.ref is None)]
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
    counter = [len(spans)]
    emitted: set = set()
    lex = load_lexicon()
    cues = lex.mention_cues
    support_nouns, caps = lex.support_nouns, load_capitals()

    def placeholder(group: list[Entity]) -> str:
        kind = _KIND[group[0].type]
        if group[0].type == "LOCATION" and ("country" in group[0].tags or _capital_ref(group[0])):
            # a country or capital is a state endpoint, except as the place of "في/إلى سوريا"
            kind = "L" if pieces and pieces[-1][0] in lex.place_prepositions else "A"
        if pieces and pieces[-1][0] in lex.group_nouns and all(
                "state" in e.tags or "country" in e.tags for e in group):
            kind = "L"  # "فصائل سورية": an adjective, not the state
        counter[0] += 1
        return f"⟨{kind}{counter[0]}⟩"

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
            if si in emitted:
                continue  # the mention's later tokens
            emitted.add(si)
            if ts < s0:  # a proclitic before the name: "لداعش", "وهيئة"
                pieces.append((norm(work.text[ts:s0]), ts, s0))
            opened = _open_mention(work, kb, group, cues) if kb is not None else None
            if opened:
                for w, a, b in opened:
                    if isinstance(w, list):
                        ph = placeholder(w)
                        groups[ph] = w
                        pieces.append((ph, a, b))
                    else:
                        pieces.append((w, a, b))
                continue
            ph = placeholder(group)
            pieces.append((ph, s0, s1))
            groups[ph] = group
            continue
        if kb is not None and pieces and (pieces[-1][0] in support_nouns
                                          or (len(pieces) > 1 and pieces[-2][0] in support_nouns)):
            # (_nisba_state needs a word of support just before or one word further back)
            nis = _nisba_state(kb, t.norm, [p[0] for p in pieces[-2:]], lex)
            if nis is not None:
                ent = Entity(id="", type="ACTOR", text=work.text[ts:te], start=ts, end=te, ref=nis,
                             tags=["state", "nisba"])
                counter[0] += 1
                ph = f"⟨N{counter[0]}⟩"
                pieces.append((ph, ts, te))
                groups[ph] = [ent]
                continue
        w = t.norm
        cap = _capital_word(w) if (w in caps or w[1:] in caps) else None  # (its only hits)
        if cap is not None and hasattr(work, "add_entity"):
            # a capital standing for its state ("تدعمه واشنطن"): an actor mention of the state
            pre = len(t.norm) - len(cap[0])
            ent = work.add_entity("ACTOR", ts + pre, te, ref=cap[1], tags=["state", "capital"])
            if pre:
                pieces.append((t.norm[:pre], ts, ts + pre))
            ph = placeholder([ent])
            pieces.append((ph, ts + pre, te))
            groups[ph] = [ent]
            continue
        pieces.append((t.norm, ts, te))
    leaders: dict = {}
    if kb is not None:
        pieces = _forces_of_people(kb, pieces, groups, leaders, lex, work, counter)
    text_parts = []
    words = []
    c = 0
    for w, a, b in pieces:
        words.append((c, a, b))
        text_parts.append(w)
        c += len(w) + 1
    return Skeleton(" ".join(text_parts) + " ", words, groups, [p[0] for p in pieces], leaders)


def _nisba_state(kb, word: str, before: list[str], lex: Lexicon) -> Optional[str]:
    """The state a nisba names right after a word of support ("بدعم روسي", "بغطاء جوي تركي")."""
    if not before or not (before[-1] in lex.support_nouns
                          or (len(before) > 1 and before[-2] in lex.support_nouns and before[-1] in lex.manner_words)):
        return None
    key = word if word.startswith("ال") else "ال" + word
    for g in ("m", "f"):
        cc = kb.adjectives.get(g, {}).get(key)
        if cc:
            st = kb.state_of(cc)
            return st.id if st is not None else None
    return None


def _forces_of_people(kb, pieces, groups, leaders, lex: Lexicon, work, counter) -> list:
    """"القوات الموالية للمشير خليفة حفتر": one actor placeholder, the person's group in the
    knowledge base, led by that person."""
    out: list = []
    i = 0
    while i < len(pieces):
        w = pieces[i][0]
        head = w[1:] if w[:1] == "و" and w[1:] in lex.force_nouns else w
        if w.startswith("⟨A") and groups.get(w) and (groups[w][0].ref or "").startswith("actor:generic-"):
            head = norm(groups[w][0].text)  # "المسلحين" recognised as unidentified gunmen
        if head in lex.force_nouns and i + 2 < len(pieces) and pieces[i + 1][0] in lex.loyal_words:
            j = i + 2
            if pieces[j][0] == "ل" and j + 1 < len(pieces):
                j += 1
            t = pieces[j][0]  # a title between: "للرئيس", "للمشير"
            if j + 1 < len(pieces) and (t in lex.ranks or (t[:1] == "ل" and ("ا" + t[1:] in lex.ranks
                                                                             or t[1:] in lex.ranks))):
                j += 1
            ph = pieces[j][0]
            person = groups.get(ph, [None])[0] if ph.startswith("⟨P") else None
            aff = getattr(kb.get(person.ref), "affiliation", None) if person is not None and person.ref else None
            if aff and kb.get(aff) is not None:
                a, b = pieces[i][1] + (len(w) - len(head) if not w.startswith("⟨") else 0), pieces[j][2]
                counter[0] += 1
                new = f"⟨A{counter[0]}⟩"
                groups[new] = [Entity(id="", type="ACTOR", text=work.text[a:b], start=a, end=b, ref=aff,
                                      tags=["loyal_to_person"])]
                leaders[new] = ph
                out.append((new, a, b))
                i = j + 1
                continue
        out.append(pieces[i])
        i += 1
    return out


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


def _is_state(kb, ent: Entity) -> bool:
    """A state, its forces, police or government (a country named as a place counts)."""
    if ent.type == "LOCATION":
        return "country" in ent.tags or _capital_ref(ent) is not None
    if ent.ref in ("actor:generic-state-forces", "actor:generic-police"):
        return True
    rec = kb.get(ent.ref) if ent.ref else None
    return getattr(rec, "type", None) in _STATE_TYPES


def _person_affiliation(kb, p: Pattern, ent: Entity, other: Entity) -> Entity:
    """A back-reference ("الجماعة") standing for a person's group: when the knowledge base
    knows the person's group and the guess differs, the knowledge base wins."""
    if p.type not in ("leads", "member_of") or ent.type != "ACTOR" or other.type != "PERSON" or not other.ref:
        return ent
    aff = getattr(kb.get(other.ref), "affiliation", None)
    rec, aff_rec = kb.get(ent.ref) if ent.ref else None, kb.get(aff) if aff else None
    if aff_rec is None or aff == ent.ref:
        return ent
    if "backref" in ent.tags:
        return ent.model_copy(update={"ref": aff})
    # "القائد العام للجيش الليبي، المشير خليفة حفتر": a state's army named for a commander
    # the knowledge base knows as the head of a non-state force of that country is that force
    if rec is not None and rec.type in _STATE_TYPES and aff_rec.type not in _STATE_TYPES \
            and rec.country and rec.country == aff_rec.country:
        return ent.model_copy(update={"ref": aff})
    return ent


def _group_of_person(kb, ent: Entity) -> Optional[Entity]:
    """A person stands for the group the knowledge base gives as theirs; an actor for itself."""
    if ent.type != "PERSON":
        return ent
    aff = getattr(kb.get(ent.ref), "affiliation", None) if ent.ref else None
    if not aff or kb.get(aff) is None:
        return None
    return ent.model_copy(update={"ref": aff, "type": "ACTOR"})


def _end(kb, ent: Entity, country: Optional[str] = None, as_place: bool = False) -> RelationEnd:
    if ent.ref and ent.ref.startswith("actor:generic-"):
        from ..kb import generic_actor

        try:
            name, _inter = generic_actor(ent.ref, country, kb=kb)  # "Civilians (Syria)", not "({country})"
            return RelationEnd(ref=ent.ref, name=name, mention=ent.id)
        except KeyError:
            pass
    if ent.type == "LOCATION" and _capital_ref(ent) and not as_place:
        state = kb.get(_capital_ref(ent))
        if state is not None:
            return RelationEnd(ref=state.id, name=state.name, mention=ent.id)
    rec = kb.get(ent.ref) if ent.ref else None
    if rec is not None:
        name = rec.name
    elif ent.location is not None and ("country" in ent.tags or ent.location.name):
        name = ent.location.name or ent.location.country or ent.text
    else:
        name = ent.text  # a place no gazetteer knows keeps its own name, not its country's
    return RelationEnd(ref=ent.ref, name=name, mention=ent.id)


def _orig_span(sk: Skeleton, a: int, b: int) -> tuple[int, int]:
    inside = [w for w in sk.words if a <= w[0] < b]
    if not inside:
        return 0, 0
    return inside[0][1], inside[-1][2]


def _oblique(sk: Skeleton, i: int, lex: Lexicon) -> bool:
    """Is the mention at skeleton word ``i`` governed by a preposition ("من تنظيم X", "بـ X")?"""
    j = i - 1
    while j >= 0 and sk.pieces[j] in lex.type_nouns:
        j -= 1
    if j >= 0 and sk.pieces[j][:1] in "بل" and sk.pieces[j][1:] in lex.type_nouns:
        return True  # "بتنظيم X"
    return j >= 0 and sk.pieces[j] in lex.prepositions


def _resolve_pronoun(sk: Skeleton, pos: int, exclude: set, lex: Lexicon, kb, word: str,
                     strict: bool = False, agent: bool = False) -> Optional[str]:
    """The actor a pronoun at skeleton character ``pos`` refers to.

    The nearest actor before it when no comma stands between them ("القوات التركية
    والفصائل الموالية لها"); across a comma, the nearest actor not governed by a
    preposition ("X التي … مرتبطة بـ Y، وهي منضوية …" is X). A plural pronoun (لهم)
    never refers to a state. ``strict``: only when a single actor qualifies. ``agent``: the
    implicit subject of a verb, never governed by a preposition, comma or not."""
    idx = sk.index_at(pos)
    cands = [i for i in range(idx) if sk.pieces[i].startswith("⟨A") and sk.pieces[i] not in exclude]
    if not cands:
        return None
    plural = any(word.endswith(p) for p in lex.plural_pronouns)
    ok = [i for i in cands if not (plural and _is_state(kb, sk.groups[sk.pieces[i]][0]))]
    if not ok:
        return None
    nearest = ok[-1]
    if not strict and not agent and not any(sk.pieces[k] in ("،", ",") for k in range(nearest + 1, idx)):
        return sk.pieces[nearest]
    paren = _parenthetical(sk, idx, lex)
    direct = [i for i in ok if not _oblique(sk, i, lex) and i not in paren
              and not (i > 0 and sk.pieces[i - 1] in lex.genitive_heads)]
    if strict:
        refs = {sk.groups[sk.pieces[i]][0].ref for i in direct}
        return sk.pieces[direct[-1]] if len(refs) == 1 else None
    return sk.pieces[direct[-1]] if direct else None


def _parenthetical(sk: Skeleton, upto: int, lex: Lexicon) -> set:
    """Indices of words inside a closed "، وهي …،" / "، الذي …،" clause before ``upto``:
    what such a clause names is not the topic a later pronoun refers to."""
    out: set = set()
    start = None
    for k in range(upto):
        w = sk.pieces[k]
        if w in ("،", ","):
            if start is not None:
                out.update(range(start, k))
                start = None
            if k + 1 < upto and sk.pieces[k + 1] in lex.clause_openers:
                start = k + 1
    return out


def _enumerated(sk: Skeleton, positions, lex: Lexicon) -> list[str]:
    """The groups a generic endpoint counts: "فصائل مسلحة … ، بينها X و Y" -> [X, Y]."""
    if lex.enumerators is None:
        return []
    for pos in positions:
        m = lex.enumerators.match(sk.text, pos)
        if m:
            return _PH.findall(m.group("list"))
    return []


def _materialise(work, sk: Skeleton, ph: str) -> Entity:
    """The entity of a placeholder, added to the record if it was made for the skeleton."""
    ent = sk.groups[ph][0]
    if not ent.id and hasattr(work, "add_entity"):
        ent = work.add_entity("ACTOR", ent.start, ent.end, ref=ent.ref, tags=list(ent.tags))
        sk.groups[ph] = [ent]
    return ent


def _endpoints_ok(p: Pattern, sk: Skeleton, m, gd: dict, srcs, tgts, lex: Lexicon) -> bool:
    """The pattern's `direct` endpoints follow no preposition or genitive head."""
    for spec in p.direct:
        side, _, only = spec.partition(":")  # "srcs:genitive": only genitive heads count
        if side not in gd:
            continue
        i = sk.index_at(m.start(side))
        if any(w in lex.relatives for w in sk.pieces[i + 1:i + 3]):
            continue  # "… إلى حزب الله الذي يقاتل إلى جانب …": the relative clause's subject
        if (i > 0 and sk.pieces[i - 1] in lex.genitive_heads) or (only != "genitive" and _oblique(sk, i, lex)):
            return False
    return True


def _imperfect(w: str) -> bool:
    """An imperfect verb by its shape: "يتحالف", "تتحالف", "تدعم"; not "تشكلت", "تحالفوا"."""
    if w.startswith(("ي", "تت")):
        return True
    return w.startswith("ت") and not w.endswith(("ت", "وا"))


_DENIED_CLAIM = frozenset({"ما", "الذي", "ذلك", "اتهامات", "الاتهامات", "اتهام", "الاتهام", "وهو", "وهي"})


def _negated(sk: Skeleton, m, lex: Lexicon) -> bool:
    """A denial or a refusal inside the match, or right before it in the same clause ("ونفى X أي
    تحالف مع Y", "ورفضت X الاندماج مع Y"): the relation is not stated."""
    if not lex.negators:
        return False
    i, j = sk.index_at(m.start()), sk.index_at(max(m.end() - 1, m.start()))
    inside = sk.pieces[i:j + 1]
    if any(w in lex.negators or w in lex.hypotheticals for w in inside):
        return True
    # "قد تتحالف X مع Y" is a possibility ("وكانت قد تحالفت" is not: a perfect)
    for k in range(max(0, i - 2), j + 1):
        if sk.pieces[k] in ("قد", "وقد") and k + 1 < len(sk.pieces) and _imperfect(sk.pieces[k + 1]):
            return True
    # "تتهم X Y بتسليح Z، وهو ما تنفيه Y": the claim is denied right after it
    after = sk.pieces[j + 1:j + 7]
    if after and after[0] in ("،", ",") and any(w in lex.negators for w in after[1:]) \
            and any(w in _DENIED_CLAIM for w in after[1:]):
        return True
    # a denial before the match denies it only when the match opens on its subject and
    # states the relation as a predicate: "ورفضت X، تحالف فصائل بينها Y، …" (an apposition),
    # "ونفت X المدعومة من Y …" (a description), "ونفى المتحدث باسم X" are the writer's
    if not inside or not inside[0].startswith("⟨") or "،" in inside or "," in inside \
            or any(w in lex.mention_cues or w in lex.loyal_words for w in inside):
        return False
    for k in (i - 1, i - 2):
        if k < 0 or sk.pieces[k] in ("،", ",", "."):
            return False
        if sk.pieces[k] in lex.negators:
            return True
    return False


def relations_in(work, start: int, end: int, patterns, kb, entities=None) -> list[Relation]:
    sk = build_skeleton(work, start, end, entities, kb=kb)
    lex = load_lexicon()
    out: list[Relation] = []
    present = _keywords_in(sk.text, patterns)
    cc = work.meta.get("country") if hasattr(work, "meta") else None
    for ph, pph in sk.leaders.items():
        i = sk.pieces.index(ph)
        te, pe = _materialise(work, sk, ph), sk.groups[pph][0]
        out.append(Relation(type="leads", source=_end(kb, pe, cc), target=_end(kb, te, cc),
                            evidence=Span(start=sk.words[i][1], end=sk.words[i][2]),
                            rule="relations.yaml#lexicon.loyal_words", confidence=0.7))
    from ._speed import patterns_with_keywords_in

    # a pattern none of whose words occurs cannot match
    for p in patterns_with_keywords_in(present, patterns):
        for m in p.regex.finditer(sk.text):
            gd = {k: v for k, v in m.groupdict().items() if v}
            srcs = _PH.findall(gd.get("src", "") + " " + gd.get("srcs", ""))
            tgts = _PH.findall(gd.get("tgt", "") + " " + gd.get("tgts", ""))
            # "وتعتبرها أنقرة امتدادا لـ …": the actor after an attributing verb is not the source
            if srcs and not gd.get("srcpro"):
                i = sk.index_at(m.start("src") if gd.get("src") else m.start("srcs"))
                if i > 0 and sk.pieces[i - 1] in lex.attributors:
                    continue
            for g in _PRONOUN_GROUPS:
                if g in gd:
                    ref = _resolve_pronoun(sk, m.start(g), set(srcs) | set(tgts), lex, kb, gd[g],
                                           p.strict_pronoun, p.agent_pronoun)
                    if g == "srcpro":
                        srcs = [ref] if ref else []
                    else:
                        tgts = [ref] if ref else []
            # a generic group followed by the groups it counts: those groups
            for lst in (srcs, tgts):
                if len(lst) == 1 and lst[0] in sk.groups and \
                        (sk.groups[lst[0]][0].ref or "").startswith("actor:generic-"):
                    named = _enumerated(sk, (m.end(), sk.text.index(lst[0]) + len(lst[0])), lex)
                    if named:
                        lst[:] = named
            if not _endpoints_ok(p, sk, m, gd, srcs, tgts, lex):
                continue
            if _negated(sk, m, lex):
                continue
            # "X مدعومة من روسيا وقوات سوريا الديموقراطية التي …": the second name opens a
            # clause of its own, it is not coordinated with the first
            for g, lst in (("srcs", srcs), ("tgts", tgts)):
                if g in gd and len(lst) > 1 and sk.pieces[min(sk.index_at(m.end(g)) + 1, len(sk.pieces) - 1)] \
                        in lex.relatives:
                    del lst[1:]
            a, b = _orig_span(sk, m.start(), m.end())
            for s in srcs:
                for t in tgts:
                    if s == t or s not in sk.groups or t not in sk.groups:
                        continue
                    se, te = sk.groups[s][0], sk.groups[t][0]
                    if se.ref in lex.no_relations or te.ref in lex.no_relations:
                        continue
                    se, te = _person_affiliation(kb, p, se, te), _person_affiliation(kb, p, te, se)
                    if p.person_group:
                        se, te = _group_of_person(kb, se), _group_of_person(kb, te)
                        if se is None or te is None:
                            continue
                    if se.ref and se.ref == te.ref:
                        continue
                    if p.target and (p.target == "state") != _is_state(kb, te):
                        continue
                    if p.known_person and any(e.type == "PERSON" and not e.ref for e in (se, te)):
                        continue
                    if not se.id:
                        se = _materialise(work, sk, s)
                    if not te.id:
                        te = _materialise(work, sk, t)
                    out.append(Relation(type=p.type, source=_end(kb, se, cc, s.startswith("⟨L")),
                                        target=_end(kb, te, cc, t.startswith("⟨L")),
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

    for s in work.sentences:
        inside = mentions[bisect.bisect_left(starts, s.start):bisect.bisect_left(starts, s.end)]
        if not any(e.type == "ACTOR" for e in inside):
            continue  # a relation needs an actor (a second one may be inside its mention)
        if len(inside) < 2 and not any(e.type == "ACTOR" and " " in e.text for e in inside):
            continue
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
