"""The event stage: triggers → ACLED-coded events with arguments and evidence.

For every trigger found (``frames.py``), in its sentence:

1. **places**: the places after the trigger up to the next trigger (a
   coordination "بلدة X وتل Y وبلدة Z" gives one event per place, a region or a
   relative place after a town only qualifies it); else the nearest place before
   it in the sentence; else the paragraph's last place.
2. **actors**: an explicit agent ("من قبل X", "على يد X"); else for a verb the
   subject after it (VSO) or before it (SVO), for a noun the genitive after it
   ("قصف قوات النظام", "غارات للطيران الروسي"); the target after "على/ضد/مع",
   "بين X و Y", or the object of the verb; civilians named near the trigger.
3. **modality** (``modality.py``), **date** (``rasd.recognize.dates``),
   **fatalities** (``rasd.recognize.quantities``), **attribution** (SOURCE
   entities of the sentence, or inherited from the paragraph's).
4. candidates for one place and day are merged with ACLED's hierarchy.

Each step is a small function over token indices; the data is in the YAML files.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from ..models import Actor, Entity, Event, Location, Span
from ..text import norm, tokenize
from ..text.ranges import RangeIndex
from ..text.tokens import Token
from ._speed import trigger_candidates
from .frames import FrameSet, Trigger, load_frames, sub_type
from .actors import CIVILIANS
from .modality import ModalityCues, classify, load_modality, token_forms

DATA = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=2)
def ontology() -> dict:
    return yaml.safe_load((DATA / "ontology.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def argument_cues() -> dict:
    from ..text import norm

    d = yaml.safe_load((DATA / "arguments.yaml").read_text(encoding="utf-8"))
    raw = {"headline_separators"}  # punctuation, kept as written
    return {k: (frozenset(x if k in raw else norm(x) for x in v) if isinstance(v, list) else v)
            for k, v in d.items()}


# ----------------------------------------------------------------- triggers
@dataclass
class Hit:
    trigger: Trigger
    i: int  # first token
    j: int  # token after the last
    prefix: str  # proclitics of the first token
    sentence: int
    suffix: str = ""  # enclitic pronoun of the first token ("أسقطتها": the object was named before)


def _punct_between(tokens, a: int, b: int, text: Optional[str]) -> bool:
    return text is not None and a >= 0 and any(c in text[tokens[a].end:tokens[b].start] for c in "،,؛;:.")


def find_triggers(tokens: list[Token], tok_sent: list[int], frames: FrameSet,
                  blocked: frozenset = frozenset(), cues: Optional[dict] = None,
                  title_sents: Optional[frozenset] = None, text: Optional[str] = None) -> list[Hit]:
    """Trigger occurrences, longest first at each token.

    Tokens in ``blocked`` (inside an actor, person or source name: "هيئة تحرير
    الشام") never trigger. A nominal trigger right after a word of
    ``cues["nominal_blockers"]`` ("مناطق سيطرة", "تحت سيطرة") names a state, not an
    event; so does an imperfect verb after a relative pronoun ("التي تسيطر على").
    """
    hits: list[Hit] = []
    n = len(tokens)
    covered_until = -1
    not_triggers = cues["not_triggers"] if cues else frozenset()
    nominal_blockers = cues["nominal_blockers"] if cues else frozenset()
    title_sents = title_sents or frozenset()
    relatives = cues["relative_pronouns"] if cues else frozenset()
    for i, tok in enumerate(tokens):
        if i in blocked or tok.norm in not_triggers:
            continue
        best: Optional[Hit] = None
        cands = trigger_candidates(frames, tok)
        if not cands:
            continue
        prev = tokens[i - 1] if i > 0 and tok_sent[i - 1] == tok_sent[i] else None
        prev_forms = _forms(prev) if prev is not None else frozenset()
        for a, triggers in cands:
            for t in triggers:
                if t.pos == "verb" and a.definite:
                    continue
                if t.pos == "verb" and a.prefix and a.prefix[-1] in "بك" :
                    continue
                if t.pos == "verb" and t.tense == "perfect" and a.prefix.endswith("ل"):
                    continue  # "تعرضت لقصف": لـ + a masdar, not an emphatic perfect
                if (prev_forms & nominal_blockers and (t.pos != "verb" or a.suffix)
                        and not _punct_between(tokens, i - 1, i, text)):
                    continue  # "مناطق سيطرة", "تحت سيطرة", "هذا الهجوم"
                if t.pos != "verb" and prev_forms & t.frame.name_heads:
                    continue  # "عملية تحرير الحديدة", "معركة استعادة الموصل": an operation's name
                if t.pos != "verb" and t.frame.not_after and _governed_by(tokens, tok_sent, i, t.frame.not_after, cues, blocked):
                    continue  # "استهدفت المقاتلات، عصر اليوم، تعزيزات": a target, not a movement
                if t.pos == "verb" and t.tense == "imperfect" and not t.future and prev_forms & relatives:
                    continue
                if (t.pos == "verb" and t.tense == "imperfect" and not t.future and t.frame.imperfect_is_state
                        and tok_sent[i] not in title_sents):
                    continue  # "تسيطر الهيئة على إدلب": control, not a capture (headlines excepted)
                k = len(t.words)
                if i + k > n or any(tok_sent[i + m] != tok_sent[i] or (i + m) in blocked for m in range(k)):
                    continue
                if all(t.words[m] in _forms(tokens[i + m]) for m in range(1, k)):
                    if best is None or k > (best.j - best.i) or (k == best.j - best.i and t.frame.strength > best.trigger.frame.strength):
                        best = Hit(t, i, i + k, a.prefix, tok_sent[i], a.suffix)
        if best is not None and i > covered_until:
            hits.append(best)
            covered_until = best.j - 1
        elif best is not None and best.j - 1 > covered_until:
            # a longer phrase starting inside a shorter one: keep it too
            hits.append(best)
            covered_until = best.j - 1
    return hits


def _governed_by(tokens, tok_sent, i: int, words: frozenset, cues: Optional[dict], blocked: frozenset,
                 reach: int = 6) -> bool:
    """Does one of ``words`` stand before token i, with only adverbs, time words
    ("اليوم"، "عصر"، "أمس") and the verb's subject (a mention) between them?"""
    adverbs = cues["adverbs"] if cues else frozenset()
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        if tok_sent[k] != tok_sent[i]:
            return False
        forms = _forms(tokens[k])
        if not forms.isdisjoint(words):
            return True
        if forms.isdisjoint(adverbs) and k not in blocked:
            return False
    return False


def next_predicate(ctx, hits: list[Hit], h_idx: int, sent_end: int) -> int:
    """Token where the arguments of ``hits[h_idx]`` stop: the next trigger in the
    sentence that is a verb or follows a clause break (a new predicate); nominal
    triggers in the same clause ("غارات استهدفت أرتالا ... في هجوم") share them, and so
    does the same frame's next trigger (a place after a clause break is weighed by
    choose_places: ``_new_clause_before``)."""
    hit = hits[h_idx]
    breaks = ctx.cues["clause_breaks"]
    last = hit.j
    for h in hits[h_idx + 1:]:
        if h.sentence != hit.sentence:
            break
        if h.trigger.frame is hit.trigger.frame:
            continue
        broke = any(t.norm in breaks for t in ctx.tokens[last:h.i]) or _has_break_punct(ctx, last, h.i)
        # "غارات استهدفت ...": a verb right after a nominal trigger describes it
        continues = h.i - last <= 1 and not broke
        if (h.trigger.pos == "verb" and not continues) or broke:
            return h.i
        last = h.j
    return sent_end


def _has_break_punct(ctx, a: int, b: int) -> bool:
    if a >= b or b > len(ctx.tokens):
        return False
    text = ctx.work.text[ctx.tokens[a - 1].end if a > 0 else 0:ctx.tokens[b - 1].start if b > 0 else 0]
    return any(c in text for c in "،,؛;:")


# ------------------------------------------------------------------ helpers
def _tok_index_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token that ends after ``offset``."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


@dataclass
class Ctx:
    work: object
    tokens: list[Token]
    tok_sent: list[int]
    sent_tok: list[tuple[int, int]]  # sentence -> (first token, end token)
    ent_tok: dict = field(default_factory=dict)  # entity id -> (first tok, end tok)
    cues: dict = field(default_factory=dict)
    actor_spans: list = field(default_factory=list)
    by_sent: dict = field(default_factory=dict)  # (sentence, type) -> entities starting in it, by start
    a1_how: Optional[str] = None  # how choose_actors found actor1 ("agent" for "شنه X")
    place_ok: dict = field(default_factory=dict)  # entity id -> can it locate an event
    actor_index: object = None  # RangeIndex of actor_spans, built on first use

    def in_sentence(self, si: int, etype: str) -> list:
        return self.by_sent.get((si, etype), [])

    def span_tokens(self, e: Entity) -> tuple[int, int]:
        if e.id not in self.ent_tok:
            a = _tok_index_at(self.tokens, e.start)
            b = _tok_index_at(self.tokens, e.end - 1) + 1 if e.end > e.start else a
            self.ent_tok[e.id] = (a, max(a + 1, b))
        return self.ent_tok[e.id]


def _is_region(e: Entity) -> bool:
    loc = e.location
    return "region" in e.tags or (loc is not None and loc.geo_precision == 3 and "relative" not in e.tags and e.ref is None and "region" in e.tags)


def _event_place(ctx: Ctx, e: Entity) -> bool:
    """Can this place mention locate an event? Not a country alone (ACLED needs a
    place inside it), not a place inside an actor's name ("قوات سوريا الديمقراطية")."""
    ok = ctx.place_ok.get(e.id)
    if ok is None:
        ok = ctx.place_ok[e.id] = _event_place_uncached(ctx, e) and _place_in_context(ctx, e)
    return ok


@lru_cache(maxsize=2)
def place_cues() -> dict:
    """Words that decide which place of a sentence locates an event (data/geo/event_places.yaml)."""
    d = yaml.safe_load((DATA / "geo" / "event_places.yaml").read_text(encoding="utf-8"))
    out = {k: (frozenset(norm(x) for x in v) if isinstance(v, list) and k != "origin_is_place" else v)
           for k, v in d.items()}
    out["anaphors"] = {norm(k): {"cues": frozenset("cue:" + c for c in v.get("cues", [])),
                                 "towns": bool(v.get("towns"))} for k, v in d.get("anaphors", {}).items()}
    return out


def _word_in(t: Token, words: frozenset) -> bool:
    """Is the token's normal form or the stem of one of its analyses in ``words``?
    (``_forms`` memoises those forms per normal form: one C-level set test.)"""
    return not _forms(t).isdisjoint(words)


def _word_in_plain(t: Token, words: frozenset) -> bool:
    """``_word_in`` computed directly (tests compare the two)."""
    return t.norm in words or any(x.stem in words for x in t.analyses)


def _event_place_uncached(ctx: Ctx, e: Entity) -> bool:
    w = norm(e.text)
    if "country" in e.tags or w in ctx.cues["metonyms"] or (w[:1] in "وبل" and w[1:] in ctx.cues["metonyms"]):
        return False
    if ctx.actor_index is None:
        ctx.actor_index = RangeIndex(ctx.actor_spans)
    return not ctx.actor_index.covers(e.start, e.end)  # inside no actor/source/person span


def _place_in_context(ctx: Ctx, e: Entity) -> bool:
    """Can the words around a place mention let it locate an event (data/geo/event_places.yaml)?
    Not inside an organisation's name, an agreement named for it, where an actor is active or
    based, a news outlet, where people were taken, a capital standing for its government, where
    an official is posted."""
    w = norm(e.text)
    pc = place_cues()
    a, b = ctx.span_tokens(e)
    toks = ctx.tokens
    same = lambda k: 0 <= k < len(toks) and ctx.tok_sent[k] == ctx.tok_sent[a]  # noqa: E731
    # "مجلس تل تمر العسكري": inside an organisation's name
    if same(a - 1) and same(b) and _word_in(toks[a - 1], pc["org_heads"]) and toks[b].norm in pc["org_tails"]:
        return False
    # "مصدر في شرطة البصرة", "مدير ناحية سيدكان": an office named for a place
    k = a - 1
    _, cue_words, _ = _place_connectors(ctx.cues["coordination"])
    if same(k) and e.start >= toks[a].start and toks[k].norm in cue_words:
        k -= 1
    if same(k) and e.start >= toks[a].start and _word_in(toks[k], pc["office_heads"]):
        return False
    # "تطبيقا لاتفاق إدلب", "اتفاق ستوكهولم", "محادثات جنيف": an agreement or talks named for a place
    if same(a - 1) and _word_in(toks[a - 1], pc["named_for_place"]) and e.start >= toks[a].start:
        return False
    # "جيش العزة الذي ينشط تحديدا في ريف حماة": where an actor is active or lives
    for k in range(a - 1, max(a - 5, -1), -1):
        if not same(k):
            break
        if _word_in(toks[k], pc["habitual_verbs"]) and same(k - 1) and toks[k - 1].norm in ctx.cues["relative_pronouns"]:
            return False
        if _word_in(toks[k], pc["based_words"]) and k + 1 < len(toks) and toks[k + 1].norm == "في":
            return False  # "منظمة إغاثة محلية ومقرها في مدينة أعزاز"
    # "قال مصدر لـ"بغداد اليوم"", "لشبكة رووداو": the name of a news outlet
    if same(a - 1) and e.start >= toks[a].start:
        prev = toks[a - 1]
        quoted = any(c in ctx.work.text[prev.end:e.start] for c in "\"“«'")
        if _word_in(prev, pc["outlet_nouns"]) or (prev.norm == "ل" and quoted):
            return False
    # "اعتقلت صيادين واقتادتهما إلى ميناء أسدود": where people were taken, not where it happened
    _, cue_words, _ = _place_connectors(ctx.cues["coordination"])
    k = a - 1
    while same(k) and toks[k].norm in cue_words:
        k -= 1
    if same(k) and toks[k].norm in pc["destination_words"]:
        for q in range(k - 1, max(k - 5, -1), -1):
            if not same(q):
                break
            stems = {toks[q].norm} | {x.stem for x in toks[q].analyses}
            if any(st.startswith(v) for st in stems for v in pc["taken_to"]):
                return False
    # "اتفاق للمصالحة مع دمشق": a capital after "مع" is its government
    if same(a - 1) and _word_in(toks[a - 1], pc["government_preps"]) and w.lstrip("وبل") in _capitals() \
            and e.start >= toks[a].start:
        return False
    # "السفير التركي في بغداد": where an official is posted
    if same(a - 1) and toks[a - 1].norm == "في" and e.start >= toks[a].start:
        for k in (a - 2, a - 3, a - 4):
            if same(k) and _word_in(toks[k], pc["posted_titles"]):
                return False
    return True


def _before_cues(ctx: Ctx, e: Entity) -> int:
    """The token index where the place mention starts, its place-type cues included
    ("بلدتي X" starts at "بلدتي")."""
    _, cue_words, _ = _place_connectors(ctx.cues["coordination"])
    toks = ctx.tokens
    a = ctx.span_tokens(e)[0]
    while a - 1 >= 0 and toks[a - 1].norm in cue_words:
        a -= 1
    return a


def _people_origin(ctx: Ctx, e: Entity) -> bool:
    """Is the place where people came from: "<people noun> من [cue] X"?"""
    pc = place_cues()
    toks = ctx.tokens
    a = _before_cues(ctx, e)
    return a >= 2 and toks[a - 1].norm in pc["origin_words"] and _word_in(toks[a - 2], pc["people_nouns"])


def _on_route_between(ctx: Ctx, e: Entity) -> bool:
    """Is the place the first end of a road "between" two places ("الطريق الرابط بين مديريتي X وY")?"""
    pc = place_cues()
    toks = ctx.tokens
    a = _before_cues(ctx, e)
    if a < 1 or toks[a - 1].norm not in pc["between_words"]:
        return False
    if any(_word_in(t, pc["route_words"]) for t in toks[max(0, a - 4):a - 1]):
        return True
    # "في بستان بين بلدتي القليلة والمعلية": a spot between two towns is one place
    from ..recognize.places import lexicon

    cues = lexicon().cues
    return any(cues.get(x.stem, {}).get("dual") and not x.prefix for x in toks[a].analyses)


def _route_dash(ctx: Ctx, e: Entity, nxt: Optional[Entity]) -> bool:
    """Is the place the first end of a road written "طريق X - Y" (with ``nxt`` its other end;
    with ``nxt`` None: is it named right after a road word)?"""
    pc = place_cues()
    toks = ctx.tokens
    a, b = ctx.span_tokens(e)
    t = toks[a]
    if not (_word_in(t, pc["route_words"]) or (a > 0 and _word_in(toks[a - 1], pc["route_words"]))):
        return False
    if nxt is None:
        return True
    gap = ctx.work.text[e.end:nxt.start]
    return gap.strip() in ("-", "–", "—", "ـ", "/")


@lru_cache(maxsize=1)
def _capitals() -> frozenset:
    from ..geo.countries import all_countries

    return frozenset(norm(c.capital_ar) for c in all_countries() if c.capital_ar)


def _origin_places(ctx: Ctx, hit: Hit, after: list[Entity], end: int, has_before: bool = False) -> set:
    """Ids of the places after the trigger that are where a movement came from: after "من"
    with a destination word later in the window ("من الحسكة والرقة باتجاه دير الزور"), or
    after an origin cue ("كانت قادمة من مدينة الإسكندرية")."""
    pc = place_cues()
    if hit.trigger.frame.sub_event_type in pc["origin_is_place"]:
        return set()
    toks = ctx.tokens
    out: set = set()
    k = 0
    _, cue_words, _ = _place_connectors(ctx.cues["coordination"])
    while k < len(after):
        a0, b = ctx.span_tokens(after[k])
        a = a0
        while a - 1 >= hit.j and toks[a - 1].norm in cue_words:
            a -= 1  # "من مديرية حرض"
        if any(not _is_region(x) for x in after[k + 1:]) and ((a - 2 >= hit.j and toks[a - 1].norm == "في"
                                    and _word_in(toks[a - 2], pc["stationed_words"]))
                                   or (a - 1 >= hit.j and _word_in(toks[a - 1], pc["native_nouns"]))):
            # "قذائف مصدرها قوات النظام المتمركزة في معسكر جورين على قرية الزيارة": where the
            # attackers are stationed; "شابين من أبناء بلدة المزرعة على طريق …": where the victims
            # come from; when another place names where it happened
            out.add(id(after[k]))
            k += 1
            continue
        if a - 1 < hit.j or toks[a - 1].norm not in pc["origin_words"]:
            k += 1
            continue
        # the places coordinated with this one come from there too
        run = [after[k]]
        last = b
        for e in after[k + 1:]:
            a2, b2 = ctx.span_tokens(e)
            if _connectors_only(ctx, last, a2):
                run.append(e)
                last = b2
            else:
                break
        lo = max(hit.i, a - 1 - pc["origin_cue_window"])
        cued = any(_word_in(t, pc["origin_cues"]) for t in toks[lo:a - 1])
        # a destination that is itself a place of the event ("... باتجاه دير الزور"; not "واقتادتهم
        # إلى معسكر سالم", where people were taken)
        later = [ctx.span_tokens(e)[0] for e in after[k + len(run):]]
        dest = any(t.norm in pc["destination_words"] for t in toks[last:max(later)]) if later else False
        # "هاجم مستعمرون من مستعمرة يتسهار ... المزارعين في قرية بورين": where the people came from
        people = a - 2 >= hit.j and _word_in(toks[a - 2], pc["people_nouns"]) and (
            k + len(run) < len(after) or has_before)
        if cued or dest or people:
            out.update(id(e) for e in run)
        k += len(run)
    return out


@lru_cache(maxsize=4)
def _place_connectors(coordination: frozenset) -> tuple[frozenset, frozenset, frozenset]:
    """(coordination words, every place-type cue of the place lexicon ("وتبة مريم"),
    generic place nouns that may join two places with "في": "الدويلعة وأماكن في العباسيين")."""
    from ..recognize.places import lexicon

    lex = lexicon()
    return coordination, frozenset(lex.cues), lex.connector_fillers


def _topic_start(ctx: Ctx, a: int, b: int) -> int:
    """The first token in [a, b) that starts what a protest is about ("تنديدا بالعدوان على جنين",
    "تضامنا مع طرابلس"): places after it are its topic, not where it happened."""
    topic = place_cues()["topic_words"]
    for k in range(a, b):
        t = ctx.tokens[k]
        if _word_in(t, topic):
            if ctx.actor_index is None:
                ctx.actor_index = RangeIndex(ctx.actor_spans)
            if ctx.actor_index.covers(t.start, t.end):
                continue  # a group's name: "تنظيم جبهة النصرة" is not "نصرة لـ…" (in support of)
            return k
    return b


def _new_clause_before(ctx: Ctx, a: int, b: int) -> bool:
    """Does a new clause start in tokens [a, b): punctuation then a clause-break word ("، كما")?"""
    toks, text = ctx.tokens, ctx.work.text
    breaks = ctx.cues["clause_breaks"]
    for k in range(max(a, 1), b):
        if _word_in(toks[k], breaks) and any(c in text[toks[k - 1].end:toks[k].start] for c in "،,؛;:"):
            return True
    return False


def _before_in_clause(ctx: Ctx, hit: Hit, flat: list[Entity]) -> Optional[Entity]:
    """The nearest specific place before the trigger with no punctuation between them."""
    before = [e for e in flat if ctx.span_tokens(e)[1] <= hit.i and not _is_region(e)]
    if not before:
        return None
    e = before[-1]
    b = ctx.span_tokens(e)[1]
    if _has_break_punct(ctx, b, hit.i + 1) or hit.i - b > 12:
        return None
    return e


def _anaphor_place(ctx: Ctx, hit: Hit) -> Optional[Entity]:
    """The antecedent of a definite place noun with no name in the trigger's sentence ("المدينة",
    "البلدة", ``anaphors`` in event_places.yaml): the last place of its kind named before the
    sentence (a place after one of its cues, or for a town noun a gazetteer town)."""
    pc = place_cues()
    nouns = pc["anaphors"]
    s0, s1 = ctx.sent_tok[hit.sentence]
    toks = ctx.tokens
    kind = None
    for k in range(s0, s1):
        t = toks[k]
        x = next((x for x in t.analyses if x.stem in nouns and x.prefix.endswith(("ال", "لل")) and not x.suffix), None)
        if x is None:
            continue
        if k + 1 < s1 and toks[k + 1].norm.startswith("ال") and not _has_break_punct(ctx, k + 1, k + 2) \
                and toks[k + 1].norm not in pc["anaphor_followers"]:
            continue  # "المدينة الرياضية", "البلدة القديمة": a name or a part, not the town
        kind = nouns[x.stem]
        break
    if kind is None:
        return None
    start = ctx.work.sentences[hit.sentence].start
    for k in range(hit.sentence - 1, -1, -1):
        locs = ctx.in_sentence(k, "LOCATION")
        anchors = [(r.start, r.end) for r in locs if "relative" in r.tags or _is_region(r)]
        cued, bare = None, None
        for e in reversed(locs):
            if e.start >= start or not _event_place(ctx, e) or _is_region(e) or "relative" in e.tags:
                continue
            if "admin1" in e.tags or "country" in e.tags:
                continue
            if any(a <= e.start and e.end <= b for a, b in anchors):
                continue  # "جنوبي إدلب": the anchor of a relative place
            cues = [t for t in e.tags if t.startswith("cue:")]
            if cued is None and any(t in kind["cues"] for t in cues):
                cued = e
            elif bare is None and kind["towns"] and not cues and e.location is not None \
                    and e.location.geo_precision == 1:
                bare = e
        if cued is not None or bare is not None:
            return cued or bare
    return None


def _specific_relative(e: Entity) -> bool:
    """Not a relative place, or one anchored on a town ("محيط قرية العريشة"), not on a
    governorate or a country ("شرق محافظة البيضاء")."""
    if "relative" not in e.tags:
        return True
    return "admin1" not in e.tags and "country" not in e.tags and (e.location is None or e.location.geo_precision != 3)


def _contained(ctx: Ctx, e: Entity) -> bool:
    """Is the place written behind "ب" or "ل" ("بلدة السوسة بدير الزور"): the containing area,
    not another place of the event?"""
    a, _ = ctx.span_tokens(e)
    t = ctx.tokens[a]
    if e.start > t.start:
        pre = norm(ctx.work.text[t.start:e.start])
        return bool(pre) and pre.lstrip("وف")[:1] in ("ب", "ل")
    # "في منطقة أردمتا بمدينة الجنينة": the cue word carries the preposition
    _, cue_words, _ = _place_connectors(ctx.cues["coordination"])
    if a > 0:
        c = ctx.tokens[a - 1]
        return any(x.stem in cue_words and x.prefix.lstrip("وف")[:1] in ("ب", "ل") for x in c.analyses)
    return False


def _connectors_only(ctx: Ctx, a: int, b: int) -> bool:
    """Do tokens [a, b) contain only coordination and place-type words (or "و+أماكن في")?"""
    conn, cues, fillers = _place_connectors(ctx.cues["coordination"])
    after_filler = False
    for t in ctx.tokens[a:b]:
        if not t.norm or t.norm in conn or any(x.stem in conn for x in t.analyses) \
                or any(x.stem in cues and x.prefix in ("", "و") for x in t.analyses):
            after_filler = False  # "وتبة مريم"; not "بمديرية": a containing place
            continue
        if t.norm in fillers or any(x.stem in fillers and x.prefix.startswith("و") for x in t.analyses):
            after_filler = True
            continue
        if after_filler and t.norm == "في":
            after_filler = False
            continue
        return False
    return True


def choose_places(ctx: Ctx, hit: Hit, next_trigger_tok: int) -> tuple[list[Entity], str]:
    """Places of an event: (entities, how) with how in after/before/paragraph."""
    work = ctx.work
    s0, s1 = ctx.sent_tok[hit.sentence]
    sent = work.sentences[hit.sentence]
    places = [e for e in ctx.in_sentence(hit.sentence, "LOCATION") if _event_place(ctx, e)]
    places.sort(key=lambda e: (e.start, -e.end))
    # drop places nested inside another place mention
    flat: list[Entity] = []
    for e in places:
        if flat and e.start < flat[-1].end:
            continue
        flat.append(e)
    end = _topic_start(ctx, hit.j, next_trigger_tok)
    after = [e for e in flat if ctx.span_tokens(e)[0] >= hit.j and ctx.span_tokens(e)[0] < end]
    if not after and end < next_trigger_tok and not any(ctx.span_tokens(e)[1] <= hit.i for e in flat):
        # "تظاهر العشرات احتجاجا على اعتقال شاب في بلدة X": no other place, X it is
        after = [e for e in flat if ctx.span_tokens(e)[0] >= hit.j and ctx.span_tokens(e)[0] < next_trigger_tok]
    if after:
        has_before = any(ctx.span_tokens(e)[1] <= hit.i and not _is_region(e) for e in flat)
        origins = _origin_places(ctx, hit, after, next_trigger_tok, has_before)
        if origins:
            # where it came from is not where it happened; with no other place after the
            # trigger, look before it
            after = [e for e in after if id(e) not in origins]
    if after:
        # a place itself, else a relative place anchored on a town ("في محيط قرية العريشة"),
        # not on a governorate or a country ("شرق محافظة البيضاء")
        # not a containing place behind ب/ل after another place ("في محيط قرية كاني ماسي بقضاء
        # العمادية", "في وادي عومران بمديرية مودية": the district holds the place)
        first = next((e for k, e in enumerate(after) if not _is_region(e) and "relative" not in e.tags
                      and not (k and _contained(ctx, e))), None) \
            or next((e for e in after if not _is_region(e) and _specific_relative(e)), None)
        near = _before_in_clause(ctx, hit, flat)
        if near is not None and _new_clause_before(ctx, hit.j, ctx.span_tokens(first or after[0])[0]):
            # "تعرضت منطقة نصيب لقصف عنيف، كما أن قصفا استهدف مدينة درعا": the place after
            # the trigger belongs to the next clause
            return [near], "before"
        if first is None:
            return [after[0]], "after"
        if "relative" in first.tags:
            # "في محيط قريتي ليوزة وبيرسيا": around two villages, an event at each
            inner = [e for e in places if e is not first and first.start <= e.start and e.end <= first.end
                     and "relative" not in e.tags and not _is_region(e)]
            if len(inner) > 1:
                return inner, "after"
        chosen = [first]
        last_end = ctx.span_tokens(first)[1]
        for e in after[after.index(first) + 1:]:
            a, b = ctx.span_tokens(e)
            if _is_region(e) or "relative" in e.tags:
                break
            if _connectors_only(ctx, last_end, a) and not _contained(ctx, e):
                chosen.append(e)
                last_end = b
            else:
                break
        if len(chosen) > 1 and (_on_route_between(ctx, chosen[0]) or _route_dash(ctx, chosen[0], chosen[1])):
            chosen = chosen[:1]  # "على الطريق الواصل بين بلدتي البصيرة والشحيل": one road, one place
        if _route_dash(ctx, chosen[0], None):
            # "على طريق دمشق - السويداء قرب قرية الصورة الكبيرة": the village near the road
            rest = after[after.index(chosen[-1]) + 1:]
            road_end = ctx.span_tokens(chosen[-1])[1]
            if len(chosen) == 1 and rest and _route_dash(ctx, chosen[0], rest[0]):
                road_end = ctx.span_tokens(rest[0])[1]
                rest = rest[1:]
            near = rest[0] if rest and "relative" in rest[0].tags and _specific_relative(rest[0]) else None
            if near is not None and _connectors_only(ctx, road_end, ctx.span_tokens(near)[0]):
                return [near], "after"
        return chosen, "after"
    before = [e for e in flat if ctx.span_tokens(e)[1] <= hit.i]
    if before:
        # nearest, preferring a specific place over a region; with the places
        # coordinated with it ("شهدت مدن عطبرة والأبيض وبورتسودان احتجاجات")
        specific = [e for e in before if not _is_region(e)]
        if len(specific) > 1:
            # "مستعمرون من مستعمرة يتسهار": where the people came from
            specific = [e for e in specific if not _people_origin(ctx, e)] or specific
        def adjacent(k: int) -> bool:
            return k > 0 and ctx.span_tokens(specific[k])[0] - ctx.span_tokens(specific[k - 1])[1] <= 1

        def road_end(k: int) -> bool:  # "طريق دمشق - السويداء": either end of a road
            return _route_dash(ctx, specific[k], None) or (
                k > 0 and _route_dash(ctx, specific[k - 1], specific[k]))
        # "على طريق دمشق - السويداء قرب قرية الصورة الكبيرة": the village near the road
        near_road = next((k for k, e in enumerate(specific) if "relative" in e.tags and adjacent(k)
                          and road_end(k - 1) and _specific_relative(e)), None)
        if near_road is not None:
            specific = [e for k, e in enumerate(specific) if k == near_road or not road_end(k)]
        # a relative place right after a place qualifies it ("منطقة كيلو 16 شرقي مدينة الحديدة");
        # so does a containing place behind ب/ل ("قرية آل الصيفي بمديرية منبه تعرضت لقصف")
        specific = [e for k, e in enumerate(specific) if not (("relative" in e.tags or _contained(ctx, e))
                    and adjacent(k))]
        pool = specific or before
        if len(pool) > 1 and _route_dash(ctx, pool[-2], pool[-1]):
            return [pool[-2]], "before"  # "على طريق بيجي - حديثة، فيما عثرت …": the road's first end
        chosen = [pool[-1]]
        for e in reversed(pool[:-1]):
            if _connectors_only(ctx, ctx.span_tokens(e)[1], ctx.span_tokens(chosen[0])[0]):
                chosen.insert(0, e)
            else:
                break
        return chosen, "before"
    # "في شوارع المدينة", "مستشفى البلدة": the town the story last named
    ante = _anaphor_place(ctx, hit)
    if ante is not None:
        return [ante], "anaphor"
    # the paragraph's most recent place before this sentence
    para = sent.paragraph
    prev = [e for k in range(hit.sentence - 1, -1, -1) if work.sentences[k].paragraph == para
            for e in ctx.in_sentence(k, "LOCATION") if _event_place(ctx, e)]
    if prev:
        return [max(prev, key=lambda e: e.start)], "paragraph"
    return [], "none"


# -------------------------------------------------------------------- actors
def _actors_in(ctx: Ctx, a: int, b: int) -> list[Entity]:
    """ACTOR mentions inside tokens [a, b) (one sentence)."""
    work = ctx.work
    if a >= len(ctx.tokens) or b <= a:
        return []
    lo = ctx.tokens[a].start
    hi = ctx.tokens[b - 1].end if 0 < b <= len(ctx.tokens) else lo
    return [e for e in ctx.in_sentence(ctx.tok_sent[a], "ACTOR") if lo <= e.start and e.end <= hi]


def _group(ents: list[Entity]) -> list[list[Entity]]:
    """Actor entities grouped by span (two actors over one span go together)."""
    out: list[list[Entity]] = []
    for e in sorted(ents, key=lambda e: (e.start, e.end)):
        if out and out[-1][0].start == e.start and out[-1][0].end == e.end:
            out[-1].append(e)
        else:
            out.append([e])
    return out


def _after_forces_word(ctx: Ctx, e: Entity) -> bool:
    """Is the mention governed by a forces word ("قوات الحكومة", "جيش النظام")?"""
    a, _ = ctx.span_tokens(e)
    return a > 0 and ctx.tokens[a - 1].norm in ctx.cues["forces_words"]


def _adverbial(ctx: Ctx, k: int, nominal: bool) -> bool:
    """May token k stand between a trigger and its subject? Time words and
    adverbs may ("قصفت، اليوم، قوات النظام"); after a noun, an adjective may too
    ("غارات جوية روسية")."""
    t = ctx.tokens[k]
    if t.norm in ctx.cues["adverbs"] or t.norm in ctx.cues["filler"]:
        return True  # "هاجم تنظيم داعش": a group-type word before the name
    if nominal and any(a.prefix in ("ل", "لل") and (a.stem in ctx.cues["adverbs"] or a.stem in ctx.cues["filler"])
                       for a in t.analyses):
        return True  # "قصف لطائرات التحالف", "غارات لطيران العدوان": the weapon of the genitive
    if any(e.start <= t.start and t.end <= e.end for e in ctx.in_sentence(ctx.tok_sent[k], "DATE")):
        return True
    return nominal and t.norm.endswith(("يه", "ي", "يا", "يين", "يون"))


def _owned_unit(ctx: Ctx, g: list, lo: int, a: int) -> bool:
    """Is the mention the owner of a unit named before it ("طائرة حربية تابعة لقوات حفتر",
    "فرق الهندسة التابعة لـ"الفيلق الثالث""): an ownership word right before it, within
    four words of ``lo`` and no punctuation between?"""
    k = a - 1
    if k < lo or k - lo > 3 or _has_break_punct(ctx, lo, a):
        return False
    t = ctx.tokens[k]
    own = ctx.cues["owned_by"] | ctx.cues["unit_nouns"]
    if t.norm in own:
        return True
    # "التابعة لـ": the preposition written apart from the name
    return t.norm.rstrip("ـ") in ("ل", "لل") and k - 1 >= lo and ctx.tokens[k - 1].norm in own


def _victim_before(ctx: Ctx, hit: Hit, g: list) -> bool:
    """An actor named before "بـ" + an event noun in a sentence reporting casualties
    ("قتل عنصران من قسد بانفجار عبوة", "تكبدت الميليشيات خسائر بقصف لطائرات التحالف") is
    the victim: the event is the means of the casualties."""
    s0 = ctx.sent_tok[hit.sentence][0]
    a, _ = ctx.span_tokens(g[0])
    if a > s0 and _forms(ctx.tokens[a - 1]) & ctx.cues["strike_nouns"]:
        return False  # "جراء استهداف مروحيات النظام المدينة ببرميل": the strike's agent
    if any(_forms(ctx.tokens[k]) & ctx.cues["patient_verbs"] and not _has_break_punct(ctx, k + 1, hit.i)
           for k in range(max(s0, a - 6), hit.i)):
        return True  # "تعرضت نقطة للحشد الشعبي لهجوم", "قوات الحشد تعرضت لهجوم"
    if hit.trigger.pos == "verb":
        return False
    k = hit.i - 1
    if k - 1 > s0 and ctx.tokens[k].norm in ctx.cues["from"]:
        k -= 1  # "بقصف من طائرة مسيرة": the weapon the fire came from
    cause = any(ctx.tokens[m].norm in ctx.cues["cause_words"] and not _has_break_punct(ctx, m + 1, hit.i)
                for m in range(max(s0, hit.i - 2), hit.i))  # "بجروح إثر انفجار عبوة"
    if not cause and not hit.prefix.lstrip("وف").startswith("ب") and not (
            k > s0 and any(x.prefix.lstrip("وف").startswith("ب") for x in ctx.tokens[k].analyses)):
        return False  # neither "بقصف" nor "بانفجار عبوة" nor "إثر انفجار عبوة"
    words = ctx.cues["casualty_words"]
    return any(_forms(t) & words for t in ctx.tokens[s0:hit.i])


def _withdrawal(ctx: Ctx, hit: Hit) -> bool:
    """Is the trigger a withdrawal ("انسحبت", "انسحاب", "خروج المسلحين")?"""
    first = ctx.tokens[hit.i]
    words = ctx.cues["withdrawal_triggers"]
    return any(a.stem.startswith(w) for a in first.analyses for w in words) or any(
        first.norm.startswith(w) for w in words)


def _taker(ctx: Ctx, hit: Hit, quitter: list) -> list:
    """The actor taking over what ``quitter`` left: another actor of the sentence, not
    after a preposition ("مدعومة بمقاتلي العشائر", "اتفاق مع النظام"), the nearest before
    the trigger ("دخلت قوات الجيش المدينة بعد انسحاب مسلحي الحركة"), else the first after
    it ("انسحبوا من البلدة قبل وصول القوات إليها"), else none."""
    s0, s1 = ctx.sent_tok[hit.sentence]
    preps = ctx.cues["target"] | ctx.cues["from"] | ctx.cues["between"] | ctx.cues["possessors"]

    def free(g) -> bool:
        a, _ = ctx.span_tokens(g[0])
        lead = norm(ctx.work.text[ctx.tokens[a].start:g[0].start])
        if lead[-1:] in ("ب", "ل", "ك") and lead not in ("ال", "وال"):
            return False
        return a == 0 or ctx.tokens[a - 1].norm not in preps

    others = [g for g in _group(_actors_in(ctx, s0, s1))
              if g[0].start != quitter[0].start and g[0].ref != quitter[0].ref and g[0].ref != CIVILIANS and free(g)]
    before = [g for g in others if g[0].end <= ctx.tokens[hit.i].start]
    if before:
        return before[-1]
    after = [g for g in others if g[0].start >= ctx.tokens[hit.j - 1].end]
    return after[0] if after else []


def _object_of_subject_before(ctx: Ctx, hit: Hit, before: list) -> bool:
    """Is the bare noun trigger the object of a clause whose subject stands right before
    it ("نصب مسلحو داعش كمينا لـ…", "شنت طائرة تابعة لقوات حفتر غارة على …")? Then a
    "لـ" genitive after it names what it was for, not who did it."""
    if hit.prefix or not before or hit.i == 0:
        return False
    g = before[-1]
    a, b = ctx.span_tokens(g[0])
    if b < hit.i - 1 or _has_break_punct(ctx, b - 1, hit.i) or _victim_before(ctx, hit, g):
        return False
    return a == 0 or ctx.tokens[a - 1].norm not in ctx.cues["target"] | ctx.cues["from"] | ctx.cues["between"]


def _with_ally(ctx: Ctx, g: list) -> bool:
    """"بالتنسيق مع X", "بالتعاون مع X": X acts alongside."""
    a, _ = ctx.span_tokens(g[0])
    k = a - 1
    while k > 0 and ctx.tokens[k].norm in ctx.cues["filler"]:
        k -= 1
    return k > 0 and ctx.tokens[k].norm in ("مع",) and ctx.tokens[k - 1].norm in ctx.cues["ally_words"]


def _attack_genitive(ctx: Ctx, hit: Hit, seg_end: int) -> list:
    """"صدت القوات هجوما للميليشيات", "تصدت لهجوم الحوثيين": the actor whose attack a
    defence verb repels, the genitive of an attack noun (``attack_nouns``) after it."""
    nouns = ctx.cues["attack_nouns"]
    for g in _group(_actors_in(ctx, hit.j, seg_end)):
        a, _ = ctx.span_tokens(g[0])
        k = a - 1
        while k >= hit.j and ctx.tokens[k].norm in ctx.cues["filler"]:
            k -= 1
        if k < hit.j:
            continue
        if _forms(ctx.tokens[k]) & nouns:
            return g
        if any(x.prefix in ("ل", "لل") for x in ctx.tokens[a].analyses) and _forms(ctx.tokens[a - 1]) & nouns:
            return g
    return []


def _describes(ctx: Ctx, prev: Hit, hit: Hit, prev_a1: list) -> bool:
    """Does the verb ``hit`` follow the noun trigger ``prev`` with only the noun's
    agent and adverbs between ("بغارة لطائرات التحالف استهدفتهم")?"""
    if _has_break_punct(ctx, prev.j, hit.i):
        return False
    a, b = ctx.span_tokens(prev_a1[0])
    return all(a <= k < b or _adverbial(ctx, k, True) for k in range(prev.j, hit.i))


def choose_actors(ctx: Ctx, hit: Hit, seg_end: int) -> tuple[list[Entity], list[Entity]]:
    """(actor1 group, actor2 group) for a trigger; each a list over one span."""
    cues = ctx.cues
    s0, s1 = ctx.sent_tok[hit.sentence]
    toks = ctx.tokens
    a1: list[Entity] = []
    a2: list[Entity] = []
    after = _group(_actors_in(ctx, hit.j, seg_end))
    before = _group(_actors_in(ctx, s0, hit.i))

    def preceded_by(group, words) -> bool:
        a, _ = ctx.span_tokens(group[0])
        k = a - 1
        # skip type words between the cue and the name: "على مواقع تنظيم", and a partitive
        # "مسلحون من" ("شنه مسلحون من تنظيم داعش")
        while k >= hit.j:
            if toks[k].norm in cues["filler"]:
                k -= 1
            elif (toks[k].norm in cues["from"] and k - 1 >= hit.j and toks[k - 1].norm in cues["partitives"]
                  and not (toks[k - 1].norm in cues["filler"] and k - 2 >= hit.j and toks[k - 2].norm in cues["target"])):
                k -= 2
            elif (toks[k].norm in cues["from"] and k - 2 >= hit.j and toks[k - 1].norm in cues["adverbs"]
                  and toks[k - 2].norm in cues["partitives"] and toks[k - 2].norm not in cues["filler"]):
                k -= 3  # "اقتحمت مجموعة مسلحة من الدعم السريع": an adjective after the partitive
            else:
                break
        if k < hit.j:
            return False  # the trigger itself ("استهدفت") is not a cue for its subject
        t = toks[k]
        if t.norm in cues["from"] and k > 0 and toks[k - 1].norm in cues["partitives"]:
            return False  # "وحدات من الجيش": a part of the actor, not "from" it
        if t.norm in words or any(x.stem in words for x in t.analyses):
            return True
        return False

    def clitic_prep(group) -> str:
        """The proclitics written before the mention inside its first word ("لقوات" → "ل")."""
        a, _ = ctx.span_tokens(group[0])
        return norm(ctx.work.text[toks[a].start:group[0].start]) if group[0].start > toks[a].start else ""

    def li(group) -> bool:
        """Is the mention governed by "لـ", written apart or inside it ("للنظام السوري":
        لـ + the article are one word, so the mention starts with them)?"""
        pre = clitic_prep(group)
        if pre.lstrip("وف") in ("ل", "لل"):
            return True
        a, _ = ctx.span_tokens(group[0])
        return (not pre and norm(group[0].text).startswith("لل")
                and any(x.prefix.lstrip("وف") == "لل" for x in toks[a].analyses))

    ctx.a1_how = None
    # explicit agent anywhere after the trigger
    for g in after:
        if any(t.norm in cues["clause_breaks"] and t.norm not in cues["agent"] for t in toks[hit.j:ctx.span_tokens(g[0])[0]]):
            break  # "استعادة السيطرة على المدينة بعد عام على سقوطها بيد X": X took it before
        if preceded_by(g, cues["agent"]):
            a1 = g
            ctx.a1_how = "agent"
            break
    # "قذائف أطلقتها X", "عبوة زرعها X": who fired or planted the weapon of the trigger
    if not a1:
        for g in after:
            a, _ = ctx.span_tokens(g[0])
            if a - hit.j > 4 or not preceded_by(g, cues["launcher"]):
                continue
            if hit.trigger.frame.sub_event_type == "Disrupted weapons use":
                a2 = a2 or g  # "اعتراض صاروخ أطلقته الميليشيات": the adversary
            else:
                a1 = g
                ctx.a1_how = "agent"
            break
    # "بين X و Y"
    if not a1:
        for idx, g in enumerate(after):
            if preceded_by(g, cues["between"]):
                if idx + 1 < len(after):
                    a1, a2 = g, after[idx + 1]
                else:
                    a1 = g  # "بين الميليشيات المتحاربة", "بين القوات الموالية وX": a side named
                break
    if not a2:
        for g in after:
            if g is a1 or g is a2:
                continue
            if preceded_by(g, cues["target"]) or (hit.trigger.frame.object == "prep" and preceded_by(g, cues["from"])):
                if _with_ally(ctx, g):
                    continue  # "بالتنسيق مع الحكومة الصومالية": an ally, not the target
                a2 = g
                break
    if not a1 and hit.trigger.pos != "verb" and hit.trigger.frame.object != "prep" and \
            hit.trigger.frame.event_type in ("Explosions/Remote violence", "Battles"):
        # "لقصف عنيف من الطائرات الحربية السورية", "لقصف مدفعي من مواقع الحركة الشعبية":
        # fire comes "from" its agent
        for g in after:
            a, _ = ctx.span_tokens(g[0])
            if a - hit.j > cues["vso_gap"] + 2 or not preceded_by(g, cues["from"]):
                continue
            if all(_adverbial(ctx, k, True) or toks[k].norm in cues["from"] for k in range(hit.j, a)):
                a1 = g
                if a2 is g:
                    a2 = []
                ctx.a1_how = "agent"
            break
    if not a1:
        # the subject or genitive right after the trigger (VSO / construct)
        for g in after:
            if g is a2:
                continue
            a, _ = ctx.span_tokens(g[0])
            if _owned_unit(ctx, g, hit.j, a) and not any(
                    _forms(t) & (cues["target"] | cues["from"]) for t in toks[hit.j:a]):
                a1 = g  # "فككت فرق الهندسة التابعة للفيلق الثالث عبوة" (not "غارات على مواقع تابعة لـX")
                break
            gap_ok = all(_adverbial(ctx, k, hit.trigger.pos != "verb") for k in range(hit.j, a))
            pre = clitic_prep(g)
            # "مجموعة مسلحة من X": a partitive, its adjective and "من" are one more word than "مسلحون من X"
            wide = int(a - 3 >= hit.j and toks[a - 1].norm in cues["from"] and toks[a - 2].norm in cues["adverbs"]
                       and toks[a - 3].norm in cues["partitives"])
            if a - hit.j <= cues["vso_gap"] + wide and gap_ok and not preceded_by(g, cues["target"] | cues["from"]):
                lgen = hit.trigger.pos != "verb" and (li(g) or any(
                    x.prefix in ("ل", "لل") for k in range(hit.j, a) for x in toks[k].analyses))
                if lgen and any(_forms(t) & cues["position_nouns"] for t in toks[hit.j:a]):
                    if not a2:
                        a2 = g  # "قصف صاروخي مواقع عسكرية للنظام": the owner of the target
                    break
                if lgen and _object_of_subject_before(ctx, hit, before):
                    if not a2:
                        a2 = g  # "نصب مسلحو داعش كمينا لقوات الحشد": the ambush is for them
                    break
                if pre == "" or pre in ("ال", "و", "وال") or lgen:
                    a1 = g
                break
    if not a1 and before:
        # SVO: the nearest actor before the trigger that is not a prepositional object
        for g in reversed(before):
            pre = clitic_prep(g)
            a, b = ctx.span_tokens(g[0])
            if any(_forms(t) & (cues["subject_breaks"] | cues["passive_markers"]) for t in toks[b:hit.i]):
                break  # "… الحشد الشعبي إلى المنطقة، فيما نفذت قوة أمنية حملة دهم", "أنه تم الاتفاق على هدنة"
            if _victim_before(ctx, hit, g):
                if not a2:
                    a2 = g  # "قتل ثلاثة من عناصر X بغارة": the victims
                continue
            if li(g) and any(_forms(t) & cues["position_nouns"] for t in toks[max(s0, a - 2):a]):
                continue  # "هاجم مسلحو الحركة قاعدة عسكرية للجيش، واندلعت اشتباكات": the target's owner
            if a > s0 and toks[a - 1].norm in cues["launcher"] and \
                    hit.trigger.frame.sub_event_type == "Disrupted weapons use":
                if not a2:
                    a2 = g  # "تصدت لطائرات مسيرة أطلقتها الميليشيا وأسقطتها": who launched them
                continue
            partitive = (a > 1 and toks[a - 1].norm in cues["from"] and (toks[a - 2].norm in cues["partitives"] or (
                # "اقتحمت مجموعة مسلحة من الدعم السريع القرية": an adjective after the partitive
                a - 3 >= s0 and toks[a - 3].norm in cues["partitives"] and toks[a - 2].norm.endswith(("ه", "ي", "يه"))
                and not _has_break_punct(ctx, a - 2, a))))
            # "أفاد سكان بأن عناصر الدعم السريع نهبوا … وأحرقوا": a member noun opening a clause
            # heads the subject (it is the object only after a verb or its subject)
            head = (a > s0 and toks[a - 1].norm in cues["filler"] and toks[a - 1].norm not in cues["possessors"]
                    and (a - 1 == s0 or toks[a - 2].norm in cues["complementizers"]))
            if (a > 0 and toks[a - 1].norm in cues["target"] | cues["from"] | cues["between"] | cues["possessors"]
                    and not partitive and not head):
                continue  # (but "مجموعات من فيلق الشام تسحب": a part of the actor is its subject)
            if pre and pre[-1] in "بلك" and pre not in ("ال", "وال") and not (
                    pre[-1] == "ل" and _owned_unit(ctx, g, s0, a)):
                continue  # (but "شنت طائرة تابعة لقوات حفتر غارة": the owner of the unit)
            if a > s0 and (pre.lstrip("وف") in ("ل", "لل") or li(g)) and \
                    _forms(toks[a - 1]) & cues["affiliation_nouns"]:
                continue  # "قتل ثلاثة يشتبه بانتمائهم للتنظيم بغارة": the group they belong to
            a1 = g
            ctx.a1_how = "before"
            break
    if not a2:
        # the verb's object after the subject, in the same clause: "قصفت قوات النظام مواقع الفصائل"
        rest = [g for g in after if g is not a1 and (not a1 or g[0].start >= a1[0].end) and not _with_ally(ctx, g)
                and not any(t.norm in cues["owned_by"] for t in toks[max(hit.j, ctx.span_tokens(g[0])[0] - 2):ctx.span_tokens(g[0])[0]])]
        if rest and hit.trigger.frame.object == "direct":
            a, _ = ctx.span_tokens(rest[0][0])
            if not _has_break_punct(ctx, hit.j, a) and not any(t.norm in cues["clause_breaks"] for t in toks[hit.j:a]):
                a2 = rest[0]
    if a1 and not a2 and before and a1[0].start > hit.j:
        # "قتل عشرة من الحوثيين بقصف لطائرات التحالف": the victims named before
        g = before[-1]
        if _victim_before(ctx, hit, g):
            a2 = g
    if not a2 and a1 and before and hit.trigger.pos == "verb" and hit.trigger.frame.object == "direct":
        # "قتل خمسة مزارعين … على يد مليشيا هاجمت قرية": civilians counted as killed or wounded
        # before the attack verb are its target (not of "اشتباكات": caught in crossfire)
        words = cues["casualty_words"]
        for g in reversed(before):
            a, _ = ctx.span_tokens(g[0])
            if g[0].ref == CIVILIANS and g is not a1 and any(
                    _forms(t) & words for t in toks[max(s0, a - 3):a]):
                a2 = g
                break
    if a1 and a1[0].ref == CIVILIANS:
        # civilians are acted on, never the actor of a violent event
        a1, a2 = [], (a2 or a1)
    if a1 and a2 and a1[0].start == a2[0].start:
        a2 = []
    return a1, a2


# -------------------------------------------------------------- attribution
def attribution_for(ctx: Ctx, hit: Hit) -> Optional[str]:
    work = ctx.work
    sent = work.sentences[hit.sentence]
    srcs = ctx.in_sentence(hit.sentence, "SOURCE")
    if srcs:
        return srcs[0].text.strip("“”\"«» ")
    # inherited: the paragraph's first attributed sentence before this one
    for k in range(hit.sentence - 1, -1, -1):
        s = work.sentences[k]
        if s.paragraph != sent.paragraph:
            break
        srcs = ctx.in_sentence(k, "SOURCE")
        if srcs:
            return srcs[0].text.strip("“”\"«» ")
    return None


# ---------------------------------------------------------------- the event
def _event_id(work, rule: str, start: int, loc: str) -> str:
    # sha1 of f"{doc_id}|{text}|{rule}|{start}|{loc}": the document part is hashed once
    h = _doc_sha1(work).copy()
    h.update(f"|{rule}|{start}|{loc}".encode("utf-8"))
    return "ev-" + h.hexdigest()[:12]


def _doc_sha1(work):
    """sha1 fed with f"{doc_id}|{text}", kept in ``work.meta`` when there is one."""
    meta = getattr(work, "meta", None)
    key = (work.doc_id, work.text)
    got = meta.get("_event_id_sha1") if meta is not None else None
    if got is not None and got[0][0] == key[0] and got[0][1] is key[1]:
        return got[1]
    h = hashlib.sha1(f"{work.doc_id}|{work.text}".encode("utf-8"))
    if meta is not None:
        meta["_event_id_sha1"] = (key, h)
    return h


VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _claimant(ctx: Ctx, cues, forms) -> list:
    """The actor that claims the article's attack ("وتبنى تنظيم الدولة الإسلامية الهجوم",
    "أعلنت الحركة مسؤوليتها عن التفجير"): the subject of an asserted claim, or []."""
    toks = ctx.tokens
    verbs, nouns = ctx.cues["claim_verbs"], ctx.cues["claim_nouns"]
    forms = forms or token_forms(toks)  # a text with no trigger computed none
    for k, t in enumerate(toks):
        f = _forms(t)
        if f.isdisjoint(verbs) and t.norm not in nouns:
            continue
        si = ctx.tok_sent[k]
        s0, s1 = ctx.sent_tok[si]
        if classify(toks, k, k + 1, s0, s1, "", False, cues, forms, ctx.work.text) != "asserted":
            continue  # "لم تعلن أي جهة مسؤوليتها", "وكان التنظيم قد تبنى هجمات مماثلة"
        if any(x.norm in ("لم", "لا", "لن", "ولم") for x in toks[max(s0, k - 3):k]):
            continue
        if any("background" in (d.tags or []) for d in ctx.in_sentence(si, "DATE")):
            continue  # "وفي مايو الماضي، أعلن التنظيم مسؤوليته عن الهجوم على مكاتب اللجان": an earlier attack
        after = _group(_actors_in(ctx, k + 1, min(s1, k + 5)))
        if f & verbs and after:
            return after[0]  # "وتبنى تنظيم داعش الهجوم"
        before = _group(_actors_in(ctx, s0, k))
        if before:
            return before[-1]  # "أعلنت الحركة مسؤوليتها عن"
    return []


def _with_claimant(ev: Event, claimant: list, kb, work) -> Event:
    from .actors import event_actor
    from .notes import notes_for

    country = (ev.location.country_code if ev.location else None) or work.meta.get("country")
    actor = event_actor(claimant[0], country, kb)
    if actor is None:
        return ev
    out = ev.model_copy(update={"actor1": actor})
    out.notes = notes_for(out)
    return out


def _note_unplaced_agent(ctx: Ctx, hit: Hit, frame, kb, nxt: int, s0: int, s1: int, cues, forms,
                         last_of_type: dict) -> None:
    """A violent trigger with no place ("جراء غارات جوية تركية على إقليم كردستان") makes no event,
    but an agent it names explicitly or by a nisba stands for a later "الغارات" in the article."""
    from .actors import nisba_actor

    modality = classify(ctx.tokens, hit.i, hit.j, s0, s1, hit.prefix, hit.trigger.future, cues, forms, ctx.work.text)
    if modality not in ("asserted", "claimed"):
        return
    a1g, _ = choose_actors(ctx, hit, nxt if nxt > hit.j else s1)
    if a1g and ctx.a1_how == "agent":
        last_of_type[frame.event_type] = (a1g, [])
    elif not a1g and frame.event_type in ("Battles", "Explosions/Remote violence"):
        nis = nisba_actor(ctx, hit, kb, ctx.work.meta.get("country"))
        if nis is not None:
            last_of_type[frame.event_type] = ([nis], [])


def build_events(work, frames: FrameSet, cues: ModalityCues, kb) -> list[Event]:
    from .actors import civilians_near, default_actor, event_actor, nisba_actor

    tokens = work.tokens() if hasattr(work, "tokens") else tokenize(work.text)
    if not tokens:
        return []
    tok_sent = []
    sent_tok = []
    si = 0
    sents = work.sentences
    for s in sents:
        a = _tok_index_at(tokens, s.start)
        b = _tok_index_at(tokens, s.end)
        sent_tok.append((a, b))
    tok_sent = [0] * len(tokens)
    for si, (a, b) in enumerate(sent_tok):
        for k in range(a, b):
            tok_sent[k] = si
    ctx = Ctx(work, tokens, tok_sent, sent_tok, cues=argument_cues(),
              actor_spans=[(e.start, e.end) for e in work.entities if e.type in ("ACTOR", "SOURCE", "PERSON")])
    sent_starts = [s.start for s in sents]
    import bisect

    for e in sorted(work.entities, key=lambda e: (e.start, -e.end)):
        si = bisect.bisect_right(sent_starts, e.start) - 1
        if si >= 0 and e.start < sents[si].end:
            ctx.by_sent.setdefault((si, e.type), []).append(e)
    blocked = set()
    for e in work.entities:
        if e.type in ("ACTOR", "PERSON", "SOURCE", "DATE") and "generic" not in e.tags:
            a, b = ctx.span_tokens(e)
            blocked.update(range(a, b))
    title_sents = frozenset(k for k, s in enumerate(work.sentences) if s.paragraph == 0) if work.title else frozenset()
    hits = find_triggers(tokens, tok_sent, frames, frozenset(blocked), ctx.cues, title_sents, work.text)
    forms = token_forms(tokens) if hits else []
    events: list[Event] = []
    meta: dict[str, tuple] = {}
    last_agent: dict[int, list] = {}  # paragraph -> the last actor1 group found in it
    last_of_type: dict[str, tuple] = {}  # event type -> (actor1, actor2) of its last event with an actor1
    hit_actors: dict[int, tuple] = {}  # hit index -> (actor1, actor2) groups
    recap_sents: set[int] = set()  # sentences recapping a campaign ("سيطر النظام بموجبها على")
    seen_types: set[str] = set()  # event types reported so far in the article
    circumstance: set[str] = set()  # events named as the circumstance of another ("إثر انسحاب")
    last_refined: dict[str, tuple] = {}  # frame rule -> the last (type, sub-type, paragraph, place) refined
    for h_idx, hit in enumerate(hits):
        s0, s1 = sent_tok[hit.sentence]
        pred_end = next_predicate(ctx, hits, h_idx, s1)
        # an adverbial of purpose ("احتجاجا على …") ends the trigger's arguments; its places
        # are a topic, which choose_places weighs itself (a topic place may be the only one)
        nxt = next((k for k in range(hit.j, pred_end) if _forms(tokens[k]) & ctx.cues["purpose_adverbials"]), pred_end)
        frame = hit.trigger.frame
        if frame.needs is not None and not (hit.suffix and frame.needs_enclitic) and _refine(ctx, hit, _Needs(frame.needs), None, None) == (None, None):
            continue  # "أسقطت المحكمة التهم": no weapon near "أسقط"
        if frame.also_needs is not None and _refine(ctx, hit, _Needs(frame.also_needs), None, None) == (None, None):
            continue  # "سحبت القوات دباباتها من البلدة": no agreement to pull weapons back under
        if frame.subject and not any(_forms(tokens[k]) & frame.subject
                                     for k in (*range(max(s0, hit.i - 2), hit.i), *range(hit.j, min(s1, hit.j + 3)))):
            continue  # "وافقت الحكومة على خطة للمصالحة": no town joins it
        if (hit.trigger.pos != "verb" and hit.i == s0 and hit.prefix in ctx.cues["circumstantial_prefixes"]
                and frame.event_type in seen_types):
            continue  # "وباستعادة القلمون الشرقي لم يتبق للمعارضة …": a reported event as a ground
        if (hit.trigger.pos != "verb" and _definite_hit(tokens, hit) and frame.event_type in seen_types
                and _after_back_reference(ctx, hit, s0)):
            continue  # "وأجبر الهجوم الصاروخي رحلة على تغيير مسارها": the attack reported before
        if (hit.trigger.pos != "verb" and _definite_hit(tokens, hit) and frame.event_type in seen_types
                and hit.j < s1 and _forms(tokens[hit.j]) & ctx.cues["back_reference_verbs"]):
            continue  # "لكن المواجهات كشفت هشاشة الترتيبات": the clashes the article reported
        places, how = choose_places(ctx, hit, pred_end)
        if how in ("before", "paragraph") and hit.sentence in title_sents:
            # "تعز: قتلى بقذائف حوثية.. والمقاومة تصد هجوما": each part of a headline is a
            # headline of its own; a place named in another part does not locate this one
            places = [p for p in places if not _headline_break(ctx, p.end, tokens[hit.i].start)]
        if "location" in frame.requires and not places:
            if frame.event_type in VIOLENT and not frame.defender_subject:
                _note_unplaced_agent(ctx, hit, frame, kb, nxt, s0, s1, cues, forms, last_of_type)
            continue
        modality = classify(tokens, hit.i, hit.j, s0, s1, hit.prefix, hit.trigger.future, cues, forms, work.text)
        if (modality == "asserted" and hit.trigger.frame.purpose_prefix and hit.trigger.pos != "verb"
                and hit.prefix.lstrip("وف") in ("ل", "لل")):
            modality = "hypothetical"  # "هجوما للسيطرة على": an aim, not a result
        if modality == "background":
            continue
        a1g, a2g = choose_actors(ctx, hit, nxt if nxt > hit.j else s1)
        if a1g and frame.sub_event_type == "Non-violent transfer of territory" and _withdrawal(ctx, hit):
            taker = _taker(ctx, hit, a1g)
            if taker:
                a1g, a2g = taker, a1g
        if hit.trigger.frame.defender_subject:
            if ctx.a1_how == "agent":
                # "تصدت X لهجوم شنته Y": Y attacks (actor1), X, the verb's subject, defends
                if not a2g:
                    a2g = next((g for g in _group(_actors_in(ctx, hit.j, nxt if nxt > hit.j else s1))
                                if g is not a1g and g[0].start != a1g[0].start), [])
            else:
                # the verb's subject defends, and so does an actor whose positions the attack
                # targeted ("هجوما استهدف مواقع قوات الشرعية"); the attacker is the genitive
                # of the attack noun ("صدت القوات هجوما للميليشيات") or is named elsewhere
                attacker = _attack_genitive(ctx, hit, nxt if nxt > hit.j else s1)
                a1g, a2g = [], (a1g if a1g and a1g is not attacker else a2g)
                if attacker:
                    a1g = attacker
                    if a2g and a2g[0].start == attacker[0].start:
                        a2g = []
            if a1g and a1g[0].ref == CIVILIANS:
                a1g, a2g = [], (a2g or a1g)  # civilians defend, they do not attack
        if not a1g and frame.event_type in ("Battles", "Explosions/Remote violence"):
            cc0 = places[0].location.country_code if places and places[0].location else work.meta.get("country")
            nis = nisba_actor(ctx, hit, kb, cc0 or work.meta.get("country"))
            if nis is not None:
                a1g = [nis]
        if hit.trigger.pos == "verb" and ctx.a1_how == "before" and h_idx > 0:
            # "بغارة لطائرات التحالف استهدفتهم": the verb's subject is the event noun before it
            prev = hits[h_idx - 1]
            if prev.sentence == hit.sentence and prev.trigger.pos != "verb" and h_idx - 1 in hit_actors \
                    and hit_actors[h_idx - 1][0] and _describes(ctx, prev, hit, hit_actors[h_idx - 1][0]):
                a1g = hit_actors[h_idx - 1][0]
                a2g = a2g if a2g and a2g[0].start != a1g[0].start else []
        if (hit.trigger.pos != "verb" and ctx.a1_how in (None, "before") and h_idx > 0
                and hits[h_idx - 1].sentence == hit.sentence and h_idx - 1 in hit_actors
                and frame.event_type in VIOLENT and hits[h_idx - 1].trigger.frame.event_type in VIOLENT
                and any(_forms(t) & ctx.cues["consequence_words"] for t in tokens[max(s0, hit.i - 3):hit.i])):
            # "لهجوم من قبل عناصر التنظيم، ما أدى إلى اندلاع اشتباكات": the same sides
            a1g, a2g = hit_actors[h_idx - 1]
        if (not a1g and hit.trigger.pos != "verb" and _definite_hit(tokens, hit) and frame.event_type in VIOLENT
                and frame.event_type in last_of_type and not frame.defender_subject):
            # "الهجوم وقع في منطقة السعدونية", "الغارات استهدفت القرى الحدودية": the event the
            # article just reported, with its actors
            a1g = last_of_type[frame.event_type][0]
        hit_actors[h_idx] = (a1g, a2g)
        if a1g and not frame.defender_subject and modality in ("asserted", "claimed"):
            last_of_type[frame.event_type] = (a1g, a2g)
        para = work.sentences[hit.sentence].paragraph
        noun_subject = (not a1g and hit.trigger.pos == "verb" and h_idx > 0 and ctx.a1_how is None
                        and frame.sub_event_type != "Disrupted weapons use"  # "طائرات مسيرة … وأسقطتها": its object
                        and hits[h_idx - 1].sentence == hit.sentence and hits[h_idx - 1].trigger.pos != "verb"
                        and not any(t.norm in ctx.cues["clause_breaks"] for t in tokens[hits[h_idx - 1].j:hit.i]))
        if a1g:
            last_agent[para] = a1g
        elif noun_subject:
            # "بغارة لطائرات التحالف استهدفت اجتماعا": the event noun is the verb's subject, with its
            # agent; "تواصل سقوط قذائف على دمشق، استهدف منطقة الدويلعة": the shells' unnamed firer
            a1g = hit_actors.get(h_idx - 1, ([], []))[0]
        elif hit.trigger.pos == "verb" and para in last_agent and not (a2g and last_agent[para][0].ref == a2g[0].ref):
            a1g = last_agent[para]  # a verb with no subject continues the paragraph's agent (not its own target)
        elif hit.trigger.frame.defender_subject and last_agent:
            # "تتصدى للهجوم": the attacker is the last aggressor the article named
            a1g = last_agent[max(last_agent)]
        if not a2g:
            civ = civilians_near(ctx, hit, s1)
            if civ:
                a2g = [civ]
        if "civilians" in frame.requires and not (a2g and "civilians" in (a2g[0].ref or "")):
            continue
        sent = work.sentences[hit.sentence]
        trig_start = tokens[hit.i].start
        trig_end = tokens[hit.j - 1].end
        own = [g for g in a1g + a2g if sent.start <= g.start and g.end <= sent.end]  # not carried over
        ev_start = min([trig_start] + [g.start for g in own if g in a1g])
        ev_end = max([trig_end] + [p.end for p in places] + [g.end for g in own])
        ev_start = max(ev_start, sent.start)
        ev_end = min(max(ev_end, trig_end), sent.end)
        date, prec, date_ent = _event_date(work, sent.start, sent.end, trig_start)
        if date_ent is not None and "background" in (date_ent.tags or []):
            continue
        if _background_after(ctx, hit):
            continue  # "أجرى تسوية مع النظام عام 2018"
        if _recap(ctx, hit):
            recap_sents.add(hit.sentence)
            continue  # "حملة عسكرية واسعة، سيطرت خلالها على مدينة قلعة المضيق" (no date of its own)
        if date_ent is not None and "future" in (date_ent.tags or []) and modality == "asserted":
            modality = "future"
        fat = _fatalities(work, sent.start, sent.end)
        attribution = attribution_for(ctx, hit)
        for place in places:
            loc = place.location.model_copy(update={"mention": place.id}) if place.location else Location(name_ar=place.text, mention=place.id)
            country = loc.country_code or work.meta.get("country")
            actor1 = [event_actor(e, country, kb, forces=_after_forces_word(ctx, e)) for e in a1g]
            actor2 = [event_actor(e, country, kb, forces=_after_forces_word(ctx, e)) for e in a2g]
            actor1 = [a for a in actor1 if a is not None]
            actor2 = [a for a in actor2 if a is not None]
            if not actor1 and frame.default_actor1:
                actor1 = [default_actor(frame.default_actor1, country, kb)]
            if "actor1" in frame.requires and not actor1:
                continue
            if "actor" in frame.requires and not (actor1 or actor2) and not (
                    frame.parties is not None and _parties_near(ctx, hit, frame.parties)):
                continue  # "التوصل إلى اتفاق مع روسيا": a party named on either side (or "بين الطرفين")
            is_state = bool(actor1) and actor1[0].inter in (1, 8)
            etype, stype = frame.event_type, sub_type(frame.sub_event_type, is_state)
            if actor2 and actor2[0].inter == 7 and "civilians" in frame.if_target:
                etype = frame.if_target["civilians"]["event_type"]
                stype = frame.if_target["civilians"]["sub_event_type"]
            plain = (etype, stype)
            etype, stype = _refine(ctx, hit, frame, etype, stype)
            if frame.anaphoric:
                if (etype, stype) != plain:
                    last_refined[frame.rule] = (etype, stype, para, loc.name_ar)
                elif (hit.trigger.pos != "verb" and _definite(hit.prefix) and frame.rule in last_refined
                      and last_refined[frame.rule][3] == loc.name_ar and para - last_refined[frame.rule][2] <= 1):
                    # "تعرض مطار أربيل لهجوم صاروخي. ولم ترد أنباء عن إصابات في مطار أربيل بعد
                    # الهجوم": the same place, in the same or the next paragraph (an attack
                    # elsewhere is another attack)
                    etype, stype = last_refined[frame.rule][:2]
            etype, stype = _recode_by_actors(etype, stype, actor1, actor2, fat)
            actor1, actor2 = _crowd_roles(etype, stype, actor1, actor2, country, kb)
            conf = _confidence(frame.strength, bool(actor1), how, loc, date, modality, attribution)
            ev = Event(
                id=_event_id(work, frame.rule, trig_start, loc.name_ar or ""),
                event_type=etype,
                sub_event_type=stype,
                plover=ontology()["plover"].get(stype, ontology()["plover"].get(etype)),
                event_date=date,
                time_precision=prec,
                actor1=actor1[0] if actor1 else None,
                assoc_actor_1=actor1[1:],
                actor2=actor2[0] if actor2 else None,
                assoc_actor_2=actor2[1:],
                location=loc,
                fatalities=fat,
                modality="claimed" if modality == "claimed" else modality,
                attribution=attribution,
                evidence=_evidence(ev_start, ev_end, place, sent),
                rule=frame.rule,
                confidence=conf,
            )
            from .notes import notes_for

            ev.notes = notes_for(ev)
            events.append(ev)
            meta[ev.id] = (hit.sentence, how, frame.strength, _is_region(place))
            if ev.modality in ("asserted", "claimed"):
                seen_types.add(ev.event_type)
            if hit.trigger.pos != "verb" and hit.i > s0 and _forms(tokens[hit.i - 1]) & ctx.cues["temporal_subordinators"]:
                circumstance.add(ev.id)  # "… إثر انسحاب المسلحين"
    claimant = _claimant(ctx, cues, forms)
    if claimant:
        events = [_with_claimant(e, claimant, kb, work) if e.actor1 is None and e.event_type in VIOLENT else e
                  for e in events]
    # the circumstance of a recap ("سيطر النظام بموجبها على مناطق عقب انسحاب مقاتلي المعارضة") is recapped too
    events = [e for e in events if not (e.id in circumstance and meta[e.id][0] in recap_sents)]
    events += listed_places(ctx, events, meta)
    disrupted = frozenset(h.sentence for h in hits if h.trigger.frame.sub_event_type == "Disrupted weapons use")
    headline = frozenset(eid for eid, m in meta.items() if m[0] in title_sents)
    body_start = min((work.sentences[k].start for k in range(len(work.sentences)) if k not in title_sents),
                     default=len(work.text))
    return drop_headline_summaries(merge_events(subordinate(events, meta, disrupted, frozenset(circumstance)),
                                                headline), headline, norm(work.text[body_start:]))


# a compass word or "near", then an optional place-type word, before a name
_ANCHOR_RE = r"(?:شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي|قرب|محيط|اطراف|ضواحي)\s+(?:(?:مدينه|بلده|قريه|منطقه)\s+)?"


def drop_headline_summaries(events: list[Event], headline: frozenset, body_text: str = "") -> list[Event]:
    """A headline event located only by a region or a relative place ("يحرر ثلاث قرى بريف
    إدلب"، "يسيطر على قرى غربي منبج") sums up what the body reports town by town: it is
    dropped when the body has an event of the same type in the same governorate within a day.
    So is one at a place the body names only as the area around its event ("هجوم على نقطة
    أمنية في مودية" over "في وادي عومران بمديرية مودية"): a place the body names, where the body
    has no event, with a body event of the same type in its governorate."""
    import datetime as _dt

    def day(e):
        try:
            return _dt.date.fromisoformat(e.event_date) if e.event_date else None
        except ValueError:
            return None

    ont = ontology()
    generic = frozenset(ont.get("generic_headline_frames", ()))
    merge_types = frozenset(ont["merge_types"])
    body = [e for e in events if e.id not in headline and e.location is not None]
    body_places = {_place_key(b) for b in body}
    typed_places = {(_place_key(b), b.event_type) for b in body}
    out = []
    for e in events:
        loc = e.location
        named = False
        if body_text and loc is not None and loc.name_ar and e.id in headline:
            name = r"(?:[وفبل]|وب|ول)?" + re.escape(norm(loc.name_ar)) + r"(?!\w)"
            if _place_key(e) not in body_places:
                named = re.search(r"(?<!\w)" + name, body_text) is not None
            elif (_place_key(e), e.event_type) not in typed_places:
                # the body names it as the anchor of the place of its event of this type ("طيران
                # مسير يستهدف أوكار مهربين في الزاوية" over "مواقع في منطقة الماية غرب مدينة
                # الزاوية"; the body's protest at al-Zawiya is another matter)
                d = day(e)
                if any(re.search(re.escape(norm(b.location.name_ar)) + r"\s+" + _ANCHOR_RE + name, body_text)
                       and (d is None or day(b) is None or abs((day(b) - d).days) <= 1)
                       for b in body if b.event_type == e.event_type and b.location.name_ar):
                    continue  # (whatever admin1 each gazetteer entry has)
        if e.id in headline and loc is not None and ((loc.geo_precision or 1) >= 2 or named) and loc.admin1:
            d = day(e)
            vague = e.rule.split("/", 1)[-1] in generic
            if any((b.event_type == e.event_type or (vague and b.event_type in merge_types))
                   and b.location.admin1 == loc.admin1
                   and (d is None or day(b) is None or abs((day(b) - d).days) <= 1) for b in body):
                continue
        out.append(e)
    return out


def _headline_break(ctx: Ctx, a: int, b: int) -> bool:
    """Does a separator of headline parts ("..", "…", "|") stand in text[a:b]?"""
    between = ctx.work.text[a:b]
    return any(sep in between for sep in ctx.cues["headline_separators"])


_FORMS_MEMO: dict[str, frozenset] = {}  # normal form -> its forms (analyses are a function of it)


def _forms(tok) -> frozenset:
    """The token's normal form and the stems of its clitic analyses."""
    if not tok.analyses:  # a token built without analyses
        return frozenset((tok.norm,))
    got = _FORMS_MEMO.get(tok.norm)
    if got is None:
        if len(_FORMS_MEMO) > 200_000:
            _FORMS_MEMO.clear()
        got = _FORMS_MEMO[tok.norm] = frozenset((tok.norm, *(a.stem for a in tok.analyses)))
    return got


def _after_back_reference(ctx: Ctx, hit: Hit, s0: int) -> bool:
    """Is the definite noun trigger the subject of a back-reference verb, right after it
    or after one more definite word ("وأجبر الهجوم الصاروخي")?"""
    verbs = ctx.cues["back_reference_verbs"]
    k = hit.i - 1
    if k >= s0 and _forms(ctx.tokens[k]) & verbs:
        return True
    return (k - 1 >= s0 and any(a.definite for a in ctx.tokens[k].analyses)
            and bool(_forms(ctx.tokens[k - 1]) & verbs))


def _definite_hit(tokens, hit: Hit) -> bool:
    """Is the noun trigger definite, by its proclitics or as listed ("الغارات")?"""
    return _definite(hit.prefix) or (not hit.prefix and tokens[hit.i].norm.startswith("ال"))


def _definite(prefix: str) -> bool:
    """Do the proclitics include the article ("ال", "وال", "بال", "لل")?"""
    return "ال" in prefix or prefix.endswith("لل")


def listed_places(ctx: Ctx, events: list[Event], meta: dict) -> list[Event]:
    """Events for a sentence that lists the places of the event reported just before it:
    "وافقت ثماني بلدات على اتفاق المصالحة. ومن أبرز تلك البلدات داعل وإبطع" gives the
    reconciliation at داعل and at إبطع. The sentence names "those towns" (a demonstrative
    and a plural place noun, ``list_demonstratives``/``list_nouns`` in arguments.yaml)
    within its first words and states no event of its own."""
    work, cues = ctx.work, ctx.cues
    out: list[Event] = []
    own = {m[0] for m in meta.values()}
    for si, (s0, s1) in enumerate(ctx.sent_tok):
        if si in own or s1 - s0 < 3:
            continue
        head = ctx.tokens[s0:min(s1, s0 + 6)]
        pos = next((k for k in range(len(head) - 1)
                    if _forms(head[k]) & cues["list_demonstratives"] and _forms(head[k + 1]) & cues["list_nouns"]), None)
        # only a partitive may come before it ("ومن أبرز تلك البلدات"): a verb there is a
        # predicate of its own ("وتعاني هذه المناطق، ومنها …"), not a list
        if pos is None or not all(_forms(t) & cues["list_heads"] for t in head[:pos]):
            continue
        noun = {f[2:] if f.startswith("ال") else f for f in _forms(head[pos + 1]) & cues["list_nouns"]}
        after = ctx.tokens[s0 + pos + 1].end
        places = [e for e in ctx.in_sentence(si, "LOCATION") if e.start >= after and _event_place(ctx, e)]
        flat: list[Entity] = []
        for e in sorted(places, key=lambda e: (e.start, -e.end)):
            if not flat or e.start >= flat[-1].end:
                flat.append(e)
        if not flat:
            continue
        # the towns were counted before ("وافقت ثماني بلدات"): the event the list details
        prior = [e for e in events if si - int(cues["list_reach"]) <= meta[e.id][0] < si
                 and e.modality in ("asserted", "claimed") and _counts(ctx, meta[e.id][0], noun)]
        if not prior:
            continue
        src = max(prior, key=lambda e: (meta[e.id][0], e.evidence.start))
        sent = work.sentences[si]
        for place in flat:
            loc = place.location.model_copy(update={"mention": place.id}) if place.location else Location(
                name_ar=place.text, mention=place.id)
            ev = src.model_copy(update={
                "id": _event_id(work, src.rule, place.start, loc.name_ar or ""),
                "location": loc,
                "evidence": Span(start=sent.start, end=min(sent.end, place.end)),
            })
            from .notes import notes_for

            ev.notes = notes_for(ev)
            meta[ev.id] = (si, "after", meta[src.id][2], False)
            out.append(ev)
    return out


def _counts(ctx: Ctx, si: int, nouns: set) -> bool:
    """Does sentence ``si`` count one of ``nouns`` with a number ("ثماني بلدات", "3 قرى")
    or name two of them (a dual, "البلدتين")?"""
    from ..recognize.quantities import word_value

    s0, s1 = ctx.sent_tok[si]
    for k in range(s0, s1):
        forms = _forms(ctx.tokens[k])
        if forms & nouns and (any(n.endswith(("تين", "تان")) for n in forms & nouns)
                              or (k > s0 and word_value(ctx.tokens[k - 1].text) is not None)):
            return True
    return False


def _recode_by_actors(etype: str, stype: str, actor1: list, actor2: list, fatalities) -> tuple[str, str]:
    """ACLED codes by who is involved: demonstrators fighting or burning are a riot;
    force against demonstrators that kills is excessive force."""
    inter1 = actor1[0].inter if actor1 else None
    inter2 = actor2[0].inter if actor2 else None
    if etype == "Riots" and stype == "Mob violence" and inter1 in (2, 3, 4):
        # "نزاع عشائري اندلع بين عشيرتين": armed groups fighting are a battle, not a mob;
        # against civilians it is an attack
        if inter2 == 7:
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if inter1 in (5, 6) and etype in ("Battles", "Strategic developments", "Violence against civilians"):
        return "Riots", "Violent demonstration"
    if inter2 in (5, 6) and etype in ("Battles", "Violence against civilians", "Explosions/Remote violence"):
        if fatalities:
            return "Protests", "Excessive force against protesters"
        return "Protests", "Protest with intervention"
    return etype, stype


def _crowd_roles(etype: str, stype: str, actor1: list, actor2: list, country, kb) -> tuple[list, list]:
    """ACLED's actor1 of a protest is the protesters and of a riot the rioters: a force
    that disperses them ("فرقت قوات أمنية وقفة احتجاجية") or that they fight ("أطلقت
    قوات الاحتلال الرصاص على شبان رشقوها") is actor2; "محتجون" who burn are Rioters.
    Excessive force keeps the force as actor1."""
    from .actors import default_actor

    if etype == "Riots":
        kind, own = "rioters", (5,)
    elif etype == "Protests" and stype != "Excessive force against protesters":
        kind, own = "protesters", (5, 6)
    else:
        return actor1, actor2
    if actor2 and actor2[0].inter == 7:
        actor2 = []  # "نظم مئات النازحين اعتصاما": the crowd itself, not a target
    if actor1 and actor1[0].inter in own and not (kind == "rioters" and actor1[0].ref == "actor:generic-protesters"):
        return actor1, actor2
    crowd = default_actor(kind, country, kb)
    if actor1 and actor1[0].inter not in (5, 6, 7) and not actor2:
        # (civilians who protest are the protesters: "نظم مئات النازحين اعتصاما")
        actor2 = actor1
    return [crowd], actor2


def _evidence(start: int, end: int, place: Entity, sent) -> Span:
    """The event's evidence: trigger and actors, widened to the place when the place
    is in the same sentence (before or after the trigger)."""
    if sent.start <= place.start and place.end <= sent.end:
        start, end = min(start, place.start), max(end, place.end)
    return Span(start=start, end=end)


def _background_after(ctx: Ctx, hit: Hit, window: int = 6) -> bool:
    """A background date right after the trigger, in its clause, dates it to the past."""
    toks = ctx.tokens
    s1 = ctx.sent_tok[hit.sentence][1]
    end = min(s1, hit.j + window)
    if end <= hit.j:
        return False
    lo, hi = toks[hit.j - 1].end, toks[end - 1].end
    if _has_break_punct(ctx, hit.j, end):
        cut = next((k for k in range(hit.j, end) if _has_break_punct(ctx, hit.j, k + 1)), end)
        hi = toks[max(hit.j, cut - 1)].end
    return any("background" in e.tags and lo <= e.start < hi for e in ctx.in_sentence(hit.sentence, "DATE"))


def _parties_near(ctx: Ctx, hit: Hit, parties) -> bool:
    """Does a word standing for the parties (``parties`` of a frame) stand near the trigger in
    its own clause ("وقع وجهاء من العشيرتين اتفاق صلح"; not "اتفاقات مصالحة إثر مفاوضات مع وجهاء")?"""
    s0, s1 = ctx.sent_tok[hit.sentence]
    toks, text = ctx.tokens, ctx.work.text
    breaks = ctx.cues["clause_breaks"]
    words = frozenset(parties.context)
    w = parties.window or 8

    def hit_at(k: int) -> bool:
        return toks[k].norm in words or any(x.stem in words for x in toks[k].analyses)

    k = hit.i - 1
    while k >= max(s0, hit.i - w):
        if _word_in(toks[k], breaks) or any(c in text[toks[k].end:toks[k + 1].start] for c in "،,؛;:"):
            break
        if hit_at(k):
            return True
        k -= 1
    k = hit.j
    while k < min(s1, hit.j + w):
        if _word_in(toks[k], breaks) or any(c in text[toks[k - 1].end:toks[k].start] for c in "،,؛;:"):
            break
        if hit_at(k):
            return True
        k += 1
    return False


def _recap(ctx: Ctx, hit: Hit) -> bool:
    """A trigger followed by a pronoun pointing back to a campaign or agreement ("سيطرت
    خلالها"، "سيطر النظام بموجبها") in a sentence with no date: what happened over the
    campaign's course, not an event of its own."""
    toks = ctx.tokens
    s1 = ctx.sent_tok[hit.sentence][1]
    words = ctx.cues["recap_pronouns"]
    near = toks[hit.j:min(s1, hit.j + 3)]
    if not any(t.norm in words for t in near):
        return False
    return not ctx.in_sentence(hit.sentence, "DATE")


@dataclass(frozen=True)
class _Needs:
    """A frame's required context, checked like a one-rule refinement."""

    need: object

    @property
    def refine(self):
        return (self.need,)


def _refine(ctx: Ctx, hit: Hit, frame, etype: str, stype: str) -> tuple[str, str]:
    if not frame.refine:
        return etype, stype
    s0, s1 = ctx.sent_tok[hit.sentence]
    if getattr(frame, "refine_nearest", False):
        return _refine_nearest(ctx, hit, frame, etype, stype, s0, s1)
    toks = ctx.tokens
    around = {}  # window -> (the words' forms, their text)
    for r in frame.refine:
        w = r.window if r.window is not None else 6
        got = around.get(w)
        if got is None:
            seg = toks[max(s0, hit.i - w):min(s1, hit.j + w)]
            got = around[w] = (frozenset().union(*map(_forms, seg)), " ".join(t.norm for t in seg))
        ws, tx = got
        for c in r.context:
            if (" " in c and c in tx) or c in ws:
                return r.event_type, r.sub_event_type
    return etype, stype


def _refine_nearest(ctx: Ctx, hit: Hit, frame, etype: str, stype: str, s0: int, s1: int) -> tuple[str, str]:
    """The refinement whose context word stands nearest the trigger ("هجوم صاروخي" after
    "الرحلات الجوية" is the missile attack); ties go to the earlier rule."""
    best = None
    for rank, r in enumerate(frame.refine):
        w = r.window if r.window is not None else 6
        for k in range(max(s0, hit.i - w), min(s1, hit.j + w)):
            if hit.i <= k < hit.j:
                continue
            t = ctx.tokens[k]
            forms = _forms(t)
            tail = " ".join(x.norm for x in ctx.tokens[k:min(s1, k + 4)])
            if any(c in forms or (" " in c and tail.startswith(c)) for c in r.context):
                d = hit.i - k if k < hit.i else k - hit.j + 1
                if best is None or (d, rank) < best[0]:
                    best = ((d, rank), r)
    return (best[1].event_type, best[1].sub_event_type) if best else (etype, stype)


def _event_date(work, s_start: int, s_end: int, anchor: int):
    try:
        from ..recognize.dates import resolve_event_date
    except ImportError:  # the date recogniser is optional in a custom pipeline
        resolve_event_date = None
    if resolve_event_date is not None:
        date, prec, ent = resolve_event_date(work, s_start, s_end, anchor=anchor)
        return date, prec, ent
    if work.published:
        return work.published.isoformat(), 2, None
    return None, None, None


def _fatalities(work, s_start: int, s_end: int) -> Optional[int]:
    try:
        from ..recognize.quantities import fatalities_in
    except ImportError:
        return None
    memo = work.meta.setdefault("_fatalities", {})
    if (s_start, s_end) not in memo:
        memo[(s_start, s_end)] = fatalities_in(work, s_start, s_end)[0]
    return memo[(s_start, s_end)]


def _confidence(strength: float, has_actor: bool, how: str, loc: Location, date, modality: str, attribution) -> float:
    """Documented in docs/events.md: trigger strength, then evidence adjustments."""
    c = strength
    c += 0.05 if has_actor else -0.1
    c += {"after": 0.05, "before": 0.0, "paragraph": -0.15}.get(how, -0.2)
    c += 0.03 if loc.latitude is not None else 0.0
    c += 0.02 if date else -0.05
    c += 0.02 if attribution else 0.0
    c *= {"asserted": 1.0, "claimed": 0.8}.get(modality, 0.7)
    return round(min(0.99, max(0.05, c)), 3)


# ------------------------------------------------------------------ merging
def subordinate(events: list[Event], meta: dict, disrupted_sents: frozenset = frozenset(),
                circumstance: frozenset = frozenset()) -> list[Event]:
    """Within one sentence, one incident: the strongest trigger's event stands for it.

    Of the sentence's violent events (``ontology.merge_types``) at the same place,
    the one with the strongest trigger is kept ("غارات ... في هجوم" is the air
    strike; "سيطرته على ... إثر معارك" the capture). A violent event whose place
    was only found before its trigger, or is a region while the sentence has a
    more precise violent event, describes the same incident and is dropped.
    """
    ont = ontology()
    merge_types = set(ont["merge_types"])
    by_sent: dict[int, list[Event]] = {}
    for ev in events:
        by_sent.setdefault(meta[ev.id][0], []).append(ev)
    keep: set[str] = set()
    absorbed = ont.get("absorbed_in_sentence") or {}
    for sent, evs in by_sent.items():
        if any(e.id not in circumstance and e.modality in ("asserted", "claimed") for e in evs):
            evs = [e for e in evs if e.id not in circumstance]  # "سيطرت على المدينة إثر انسحاب المسلحين"
        types = {e.event_type for e in evs if e.modality in ("asserted", "claimed")}
        evs = [e for e in evs if not (set(absorbed.get(e.sub_event_type, ())) & types)]
        if sent in disrupted_sents or any(e.sub_event_type == "Disrupted weapons use" for e in evs):
            # "فككت عبوة ناسفة", "اعترضت صاروخا": the weapon named was stopped, not used
            evs = [e for e in evs if e.event_type != "Explosions/Remote violence"]
        violent = [e for e in evs if e.event_type in merge_types and e.modality in ("asserted", "claimed")]
        others = [e for e in evs if e not in violent]
        keep.update(e.id for e in others)
        if not violent:
            continue
        strongest = max(meta[e.id][2] for e in violent)
        primary = [e for e in violent if meta[e.id][2] == strongest]
        precise = any(not meta[e.id][3] for e in violent)
        taken: set[str] = set()
        for e in sorted(violent, key=lambda e: (-meta[e.id][2], e.evidence.start)):
            _s, how, _st, region = meta[e.id]
            pk = _place_key(e)
            if pk in taken:
                continue
            if e not in primary and (how != "after" or (region and precise)):
                continue
            if region and how != "after" and any(not meta[o.id][3] and o.event_type == e.event_type
                                                 for o in violent if o is not e):
                continue  # "وفي محافظة شبوة، قتل ثلاثة بغارة … في منطقة الصعيد": the precise one
            taken.add(pk)
            keep.add(e.id)
    return [e for e in events if e.id in keep]


def _place_key(ev: Event) -> str:
    loc = ev.location
    if loc is None:
        return ""
    from ..text import norm

    return loc.ref or norm(loc.name_ar or loc.name or "")


def merge_events(events: list[Event], headline: frozenset = frozenset()) -> list[Event]:
    """One event per type of interaction, place and day; mixed tactics → ACLED's hierarchy.

    A headline (``headline``: event ids from the title) sums up what the body reports:
    when the body has an event of the group, the body's event stands for it, so
    "احتجاجات في طبرق" does not turn the body's riot there into a protest."""
    ont = ontology()
    rank = {t: k for k, t in enumerate(ont["hierarchy"])}
    brank = {t: k for k, t in enumerate(ont["battle_hierarchy"])}
    merge_types = set(ont["merge_types"])
    groups: dict = {}
    order = []
    for ev in events:
        mergeable = ev.event_type in merge_types
        key = (_place_key(ev), ev.event_date, ev.modality in ("asserted", "claimed"),
               "violent" if mergeable else ev.sub_event_type)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(ev)
    out = []
    for key in order:
        g = groups[key]
        body = [e for e in g if e.id not in headline]
        best = min(body or g, key=lambda e: (rank.get(e.event_type, 99), brank.get(e.sub_event_type, 9), -e.confidence, e.evidence.start))
        upd = {}
        if best.actor1 is None:
            other = next((e.actor1 for e in g if e.actor1 is not None), None)
            if other is not None:
                upd["actor1"] = other
        if best.actor2 is None:
            other = next((e.actor2 for e in g if e.actor2 is not None and (best.actor1 is None or e.actor2.name != best.actor1.name)), None)
            if other is not None:
                upd["actor2"] = other
        if best.fatalities is None:
            fs = [e.fatalities for e in g if e.fatalities is not None]
            if fs:
                upd["fatalities"] = min(fs)
        if len(g) > 1:
            upd["confidence"] = round(min(0.99, best.confidence + 0.03 * (len(g) - 1)), 3)
        if upd:
            from .notes import notes_for

            merged = best.model_copy(update=upd)
            merged.notes = notes_for(merged)  # the notes describe the merged fields
            out.append(merged)
        else:
            out.append(best)
    return out


def make_component(config):
    frames = load_frames(tuple(config.frames_dirs))
    cues = load_modality()

    def events_component(work) -> None:
        from ..kb import load

        kb = load(config.kb_dirs)
        work.events.extend(build_events(work, frames, cues, kb))

    return events_component
