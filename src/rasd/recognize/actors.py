"""ACTOR entities: knowledge-base aliases found in running text.

One Aho-Corasick automaton (pyahocorasick) per knowledge base holds every normalised
alias, member form, generated branch form, back-reference word, nationality plural,
person and source name. :func:`find_mentions` runs it over ``work.nt.norm`` and keeps
matches that

* start at a word boundary after an optional proclitic chain (و/ف + ب/ل/ك; ل + ال is
  written لل and matched through a "لل" variant of every definite alias),
* end at a word boundary,
* are not inside a longer match (longest match wins: "إمارة القوقاز", not "القوقاز").

The actors component then decides what each match is: a named actor; a weak alias
(accepted only when the document also names that actor unambiguously); a mention that
names two actors ("الطيران الحربي السوري الروسي": a generated branch form followed by
another nisba); a definite back-reference ("الهيئة") resolved to the last compatible full
mention; a nationality plural ("الصينيون", tag ``foreign_fighters``), linked to a group
only when the text puts them together. Offsets map back to the original text through
``work.nt.span``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Callable, Optional

from ..kb import KnowledgeBase, SurfaceForm, load
from ..kb.loader import PROCLITICS, PROCLITICS_LIL
from ..text import norm

STRONG_KINDS = ("alias", "member", "generated")
FF_TAG = "foreign_fighters"


@dataclass(frozen=True)
class Mention:
    """One accepted match in normalised text (offsets exclude the proclitics)."""

    start: int
    end: int
    key: str  # indexed key (for a "لل" match: the definite key it stands for)
    prefix: str  # proclitics before it, normalised
    forms: tuple[SurfaceForm, ...]

    def kinds(self) -> set[str]:
        return {f.kind for f in self.forms}

    def of_kind(self, *kinds: str) -> list[SurfaceForm]:
        return [f for f in self.forms if f.kind in kinds]


def _word_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isalnum():
        i -= 1
    return i


def _scan(kb: KnowledgeBase, text: str) -> list[Mention]:
    A = kb.automaton
    n = len(text)
    cands: list[tuple[int, int, str, str]] = []
    for end, (klen, key, lil) in A.iter(text):
        e = end + 1
        if e < n and text[e].isalnum():
            continue
        s = e - klen
        ws = _word_start(text, s)
        prefix = text[ws:s]
        if prefix and prefix not in (PROCLITICS_LIL if lil else PROCLITICS):
            continue
        cands.append((s, e, key, prefix))
    # longest first, then leftmost; keep those that do not overlap an accepted one
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[tuple[int, int, str, str]] = []
    for c in cands:
        s, e = c[0], c[1]
        i = bisect.bisect_left(starts, s)
        if i > 0 and ends[i - 1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.insert(i, c)
    return [Mention(s, e, key, p, tuple(kb.index[key])) for s, e, key, p in chosen]


@functools.lru_cache(maxsize=8)
def find_mentions(kb: KnowledgeBase, text: str) -> tuple[Mention, ...]:
    """All knowledge-base matches in normalised ``text``, in text order (cached per text)."""
    return tuple(_scan(kb, text))


@functools.lru_cache(maxsize=16)
def _heads(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """actor id -> first words of its names with the article removed (هيئة، حزب، حركة…)."""
    out: dict[str, set[str]] = {}
    for key, forms in kb.index.items():
        w = key.split(" ", 1)[0]
        w = w[2:] if w.startswith("ال") and len(w) > 4 else w
        for f in forms:
            if f.kind in STRONG_KINDS and f.target.startswith("actor:"):
                out.setdefault(f.target, set()).add(w)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=16)
def _word_sets(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    lex = kb.lexicon
    return {
        "fighters": frozenset(" ".join(norm(w).split()) for w in lex.fighter_nouns),
        "links": frozenset(" ".join(norm(w).split()) for w in lex.link_phrases),
        "groups": frozenset(" ".join(norm(w).split()) for w in lex.group_nouns),
        "place_cues": frozenset(" ".join(norm(w).split()) for w in lex.place_cues),
    }


_GAP_STRIP = re.compile(r"[\"'“”«»„‹›()\[\]{}«»,،:؛\-–—…]+")


def _gap_words(text: str) -> list[str]:
    return _GAP_STRIP.sub(" ", text).split()


def _is_link_gap(gap: str, sets: dict[str, frozenset[str]], allow_empty: bool) -> bool:
    """A gap like "في صفوف تنظيم" / "من فصائل" / "" (appositive) between two mentions."""
    words = _gap_words(gap)
    while words and words[-1] in sets["groups"]:
        words.pop()
    while words and words[0] in sets["groups"]:
        words.pop(0)
    if not words:
        return allow_empty
    phrase = " ".join(words)
    for lp in sets["links"]:
        if phrase == lp or (lp.endswith("ل") and phrase == lp[:-1] + "ل"):
            return True
    # "التابعين لـ" leaves "التابعين ل" after stripping; handled above. Also allow link + group noun.
    return False


# words after which a back-reference noun is defined by its owner ("القوات التابعة لـX", "الميليشيات الموالية لـX")
_OWNED_BY = frozenset(norm(w) for w in ("التابعة", "التابع", "التابعين", "الموالية", "الموالي", "الموالين", "المحسوبة"))


def _previous_word(text: str, start: int, prefix: str) -> str:
    j = start - len(prefix)
    words = text[max(0, j - 40):j].split()
    return words[-1] if words else ""


def _coordinated(kb: KnowledgeBase, text: str, m: Mention, form: SurfaceForm) -> tuple[int, list[str]]:
    """For "الطيران الحربي السوري الروسي": (new end, extra actor ids named by trailing nisbas)."""
    if form.kind != "generated" or not form.gender or not form.branch:
        return m.end, []
    adjs = kb.adjectives.get(form.gender, {})
    end, extra = m.end, []
    pos = m.end
    while True:
        mt = re.match(r"[ \t]+(\S+)", text[pos:])
        if not mt:
            break
        w = mt.group(1).rstrip("،,.؛:!؟?»”\")")
        cand = w[1:] if w.startswith("و") and w[1:] in adjs else w
        cc = adjs.get(cand)
        if not cc:
            break
        actor = kb.branches.get((form.branch, cc))
        if not actor or actor == form.target:
            break
        extra.append(actor)
        pos = pos + mt.start(1) + len(w)
        end = pos
    return end, extra


@dataclass
class _Pending:
    start: int  # original-text offsets
    end: int
    ref: Optional[str]
    tags: list[str]
    nationality: bool = False
    kind: str = ""  # the surface form's kind (alias, member, generated…)
    definite: bool = False


def recognize_actors(work, kb: KnowledgeBase) -> None:
    """Add ACTOR entities for every actor mention in ``work`` (see the module docstring)."""
    text = work.nt.norm.replace("_", " ")  # hashtags: "#الجيش_اليمني" (same length: offsets hold)
    mentions = find_mentions(kb, text)
    sets = _word_sets(kb)
    heads = _heads(kb)
    strong_ids = {f.target for m in mentions for f in m.of_kind(*STRONG_KINDS) if f.target.startswith("actor:")}
    context = _country_context(kb, mentions)
    taken_until = -1
    history: list[str] = []  # actor ids of full mentions, text order
    voice = None  # (end of sentence, form): a non-state side's spokesman speaking
    out: list[_Pending] = []
    for m in mentions:
        if m.start < taken_until:
            continue
        strong = [f for f in m.of_kind(*STRONG_KINDS) if f.target.startswith("actor:")]
        weak = _resolve_weak(kb, m.of_kind("weak"), strong_ids, history, context)
        nat = m.of_kind("nationality")
        backref = m.of_kind("backref")
        prev = _previous_word(text, m.start, m.prefix)
        after_fighter_noun = prev in sets["fighters"] or (prev.startswith("و") and prev[1:] in sets["fighters"])
        if nat and not strong and (after_fighter_noun or not weak):
            a, b = work.nt.span(m.start, m.end)
            cc = nat[0].country
            out.append(_Pending(a, b, None, [FF_TAG] + ([f"nationality:{cc}"] if cc else []), nationality=True))
            continue
        chosen = strong[:1] or weak[:1]
        if chosen and _is_place_use(kb, chosen[0], m, prev, sets):
            continue
        if chosen and chosen[0].taa and " " not in m.key and work.text[work.nt.span(m.start, m.end)[1] - 1:][:1] == "ه":
            continue  # "في إطار اتفاق رعاه": a verb with a pronoun, not "رعاة" (shepherds)
        if chosen:
            form = chosen[0]
            spoken = _spokesman_affiliation(kb, text, mentions, m, form)
            if spoken is not None:
                form = spoken
                # the rest of the spokesman's sentence is in his side's voice ("إن الدفاع الجوي أسقط")
                stop = text.find(".", m.end)
                voice = (stop if stop >= 0 else len(text), spoken)
            elif voice is not None and m.start < voice[0] and form.target.startswith("actor:generic-") and \
                    getattr(kb.actors.get(form.target), "type", None) == "state_forces":
                form = SurfaceForm(form.key, voice[1].target, "alias", voice[1].origin)
            end, extra = _coordinated(kb, text, m, form)
            a, b = work.nt.span(m.start, end)
            for ref in [form.target, *extra]:
                actor = kb.actors.get(ref)
                tags = []
                if ref.startswith("actor:generic-"):
                    tags.append("generic")
                if actor is not None and actor.type == "state":
                    tags.append("state")
                if nat:
                    tags.append(FF_TAG)
                out.append(_Pending(a, b, ref, tags, kind=form.kind, definite=m.key.startswith("ال")))
                if not ref.startswith("actor:generic-"):
                    history.append(ref)
            taken_until = end
            continue
        if backref:
            rule = _backref_rule(kb, m.key)
            if rule is None:
                continue
            nxt_words = text[m.end:m.end + 30].split()
            if nxt_words and nxt_words[0] in _OWNED_BY:
                continue  # "القوات التابعة لحكومة الوفاق": named by what follows, not by what came before
            if getattr(rule, "pair", False):
                # "اشتباكات بين الطرفين": the two sides named last
                sides: list[str] = []
                for r in reversed(history):
                    if r not in sides and kb.actors.get(r) is not None and kb.actors[r].type != "state":
                        sides.append(r)
                    if len(sides) == 2:
                        break
                if len(sides) == 2:
                    a, b = work.nt.span(m.start, m.end)
                    out.extend(_Pending(a, b, r, ["backref"]) for r in reversed(sides))
                continue
            want_heads = {_norm_key(h) for h in rule.heads}
            # an actor also named with the word's head ("ميليشيات الحوثي" for "الميليشيات") before
            # one that only has a fitting type
            by_head = [r for r in reversed(history) if want_heads & heads.get(r, frozenset())]
            by_type = [r for r in reversed(history) if kb.actors.get(r) is not None and kb.actors[r].type in rule.types]
            if getattr(rule, "home", False) and context:
                main = max(context.items(), key=lambda kv: kv[1])[0]
                by_type.sort(key=lambda r: kb.actors[r].country != main)  # stable: most recent first within each
            ref = (by_head or by_type or [None])[0]
            if ref is not None:
                a, b = work.nt.span(m.start, m.end)
                out.append(_Pending(a, b, ref, ["backref"]))
            else:
                # nothing named yet: "الجيش", "القوات" are the forces of the country the
                # document is about (its other mentions point to it most)
                forces = _home_forces(kb, rule, context)
                if forces is not None:
                    a, b = work.nt.span(m.start, m.end)
                    out.append(_Pending(a, b, forces, ["backref"]))
                elif "political_militia" in rule.types and "actor:generic-unidentified" in kb.actors:
                    # "هدنة بين الميليشيات المتحاربة" with no militia named: unidentified armed groups
                    a, b = work.nt.span(m.start, m.end)
                    out.append(_Pending(a, b, "actor:generic-unidentified", ["generic", "backref"]))
    out.extend(_numbered_units(work, text, out, kb, context))
    out.sort(key=lambda p: p.start)
    out = _drop_partitive_generics(work.text, out, sets)
    links = _link_foreign_fighters(work, out, sets)
    for p in out:
        ent = work.add_entity("ACTOR", p.start, p.end, ref=p.ref, tags=p.tags)
        if p.nationality and p.ref:
            work.meta.setdefault("foreign_fighters", {})[ent.id] = p.ref
    del links


def _spokesman_affiliation(kb: KnowledgeBase, text: str, mentions, m: Mention, form: SurfaceForm):
    """"المتحدث باسم القوات المسلحة العميد يحيى سريع": state forces named without their state
    and followed (at most a rank word between) by a person the KB affiliates with an actor are
    that actor's forces: the form of the affiliation, or None."""
    if not form.target.startswith("actor:generic-"):
        return None
    rec = kb.actors.get(form.target)
    if rec is None or rec.type not in ("state_forces", "police"):
        return None
    i = bisect.bisect_left([x.start for x in mentions], m.end)
    if i >= len(mentions) or len(text[m.end:mentions[i].start].split()) > 1:
        return None
    nxt = mentions[i]
    for f in nxt.of_kind("person"):
        person = kb.people.get(f.target)
        aff = kb.actors.get(person.affiliation) if person is not None and person.affiliation else None
        if aff is not None and aff.type not in ("state", "government"):
            return SurfaceForm(form.key, aff.id, "alias", f"spokesman {f.target} of {aff.id}")
    return None


def _home_forces(kb: KnowledgeBase, rule, context: dict[str, int]) -> Optional[str]:
    """The military of the document's main country, for a state-forces back-reference with
    nothing to refer to; None when the document points to no single country most."""
    if "state_forces" not in rule.types or not context:
        return None
    ranked = sorted(context.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return kb.branches.get(("military", ranked[0][0]))


def _country_context(kb: KnowledgeBase, mentions) -> dict[str, int]:
    """How often the document's unambiguous mentions point to each country: named actors with
    a country, states (also as places: "في اليمن") and generated branch forms ("الجيش الليبي")."""
    out: dict[str, int] = {}
    for m in mentions:
        seen = set()
        for f in m.of_kind(*STRONG_KINDS):
            actor = kb.actors.get(f.target)
            cc = actor.country if actor is not None else None
            if cc and cc not in seen:
                seen.add(cc)
                out[cc] = out.get(cc, 0) + 1
    return out


def _resolve_weak(kb: KnowledgeBase, weak: list[SurfaceForm], strong_ids: set[str], history: list[str],
                  context: dict[str, int]) -> list[SurfaceForm]:
    """The reading of an ambiguous form ("الجيش الوطني", "التحالف", "الاحتلال"), or [].

    1. Actors the document also names unambiguously: the one named last before this point
       (else the first of them).
    2. Else, among actors that list ``contexts`` (countries), the one the document's other
       mentions point to most ("الجيش الوطني" with الحوثيين → Yemen's army; with حفتر → the LNA)."""
    if not weak:
        return []
    named = [f for f in weak if f.target in strong_ids]
    if named:
        for ref in reversed(history):
            for f in named:
                if f.target == ref:
                    return [f]
        return named[:1]
    best, best_n = None, 0
    for f in weak:
        actor = kb.actors.get(f.target)
        if actor is None:
            continue
        n = max((context.get(cc, 0) for cc in actor.contexts), default=0)
        if n > best_n:
            best, best_n = f, n
    return [best] if best is not None else []


def _is_place_use(kb: KnowledgeBase, form: SurfaceForm, m: Mention, prev: str, sets) -> bool:
    """A state's name used as a place: "في سوريا", "جنوب لبنان", "بسوريا"."""
    actor = kb.actors.get(form.target)
    if actor is None or actor.type != "state":
        return False
    if m.prefix.endswith("ب") or m.prefix.endswith("ك"):
        return True
    return prev in sets["place_cues"] or (len(prev) > 2 and prev[0] in "وف" and prev[1:] in sets["place_cues"])


@functools.lru_cache(maxsize=256)
def _norm_key(s: str) -> str:
    return " ".join(norm(s).split())


def _backref_rule(kb: KnowledgeBase, key: str):
    for k, rule in kb.lexicon.backrefs.items():
        if _norm_key(k) == key:
            return rule
    return None


# "الفرقة السادسة مشاة", "اللواء 22 ميكا", "الكتيبة 128 مشاة": a numbered formation with an
# arm of service is a regular army unit; one the knowledge base does not name is the state's
# forces (generic state forces: the event's country). Normalised text (ة → ه).
_UNIT_RE = re.compile(
    r"(?<!\w)(?:[وفبل]{0,2})(?:ال|لل)?(?:فرقه|لواء|كتيبه)\s+(?:\d+|ال\w+(?:\s+عشره)?)\s+"
    r"(?:مشاه|ميكا|مدرع|مدرعه|مدفعيه|مغاوير|صاعقه|حرس حدود)(?!\w)")


def _numbered_units(work, text: str, out: list, kb: KnowledgeBase, context: dict) -> list:
    """Numbered army units the knowledge base does not name: the state forces the text named
    last (the document's country first: "الكتيبة 116 التابعة للجيش الوطني … الكتيبة 128 مشاة"
    in Libya are the LNA's), else the generic state forces."""
    if "actor:generic-state-forces" not in kb.actors:
        return []
    main = max(context.items(), key=lambda kv: kv[1])[0] if context else None
    found = []
    for m in _UNIT_RE.finditer(text):
        a, b = work.nt.span(m.start(), m.end())
        if any(p.start < b and a < p.end for p in out):
            continue  # a named unit ("اللواء 444 قتال") or a longer mention
        named = [p.ref for p in out if p.end <= a and p.ref and getattr(kb.actors.get(p.ref), "type", None) == "state_forces"]
        home = [r for r in named if kb.actors[r].country == main]
        ref = (home or named or [None])[-1]
        if ref is None:
            found.append(_Pending(a, b, "actor:generic-state-forces", ["generic"], kind="pattern"))
        else:
            found.append(_Pending(a, b, ref, [], kind="pattern"))
    return found


def _drop_partitive_generics(text: str, out: list[_Pending], sets) -> list[_Pending]:
    """Drop "مسلحين" in "مئات المسلحين من فصائل أنصار التوحيد" / "مسلحون تابعون لحركة الشباب":
    the named group is the actor. So too before a member form that agrees with it as an
    adjective ("مسلحون حوثيون", "المسلحين الحوثيين"; not "هاجم مسلحون الحوثيين")."""
    keep = []
    for i, p in enumerate(out):
        if p.ref == "actor:generic-unidentified":
            nxt = next((x for x in out[i + 1:] if x.start >= p.end), None)
            named = nxt is not None and nxt.ref and not nxt.ref.startswith("actor:generic-") and not nxt.nationality
            if named and nxt.start - p.end <= 40 and _is_link_gap(norm(text[p.end:nxt.start]), sets, allow_empty=False):
                continue
            if (named and nxt.kind == "member" and not text[p.end:nxt.start].strip()
                    and nxt.definite == norm(text[p.start:p.end]).startswith("ال")):
                continue
        keep.append(p)
    return keep


def _link_foreign_fighters(work, out: list[_Pending], sets) -> int:
    """Give a nationality plural the ref of the group the text attaches it to, if any."""
    n = 0
    named = [p for p in out if p.ref and not p.ref.startswith("actor:generic-")]
    for p in out:
        if not p.nationality:
            continue
        sent = work.sentence_at(p.start)
        lo, hi = (sent.start, sent.end) if sent else (0, len(work.text))
        before = [q for q in named if lo <= q.start and q.end <= p.start]
        target = None
        if before:
            q = max(before, key=lambda q: q.end)
            if _is_link_gap(norm(work.text[q.end:p.start]), sets, allow_empty=True):
                target = q.ref
        if target is None:
            after = [q for q in named if q.start >= p.end and q.end <= hi and not q.nationality]
            if after:
                q = min(after, key=lambda q: q.start)
                if _is_link_gap(norm(work.text[p.end:q.start]), sets, allow_empty=False):
                    target = q.ref
        if target:
            p.ref = target
            n += 1
    return n


def make_component(config) -> Callable:
    """Pipeline factory: the actors component for ``config.kb_dirs``."""
    kb = load(config.kb_dirs)
    kb.automaton  # build once, now

    def actors(work) -> None:
        recognize_actors(work, kb)

    return actors


__all__ = ["Mention", "find_mentions", "recognize_actors", "make_component"]
