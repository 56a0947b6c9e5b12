"""Event actors from ACTOR entities: ref, ACLED name, Arabic name, inter code."""
from __future__ import annotations

from typing import Optional

from ..models import Actor, Entity

CIVILIANS = "actor:generic-civilians"


def event_actor(ent: Entity, country: Optional[str], kb, forces: bool = False) -> Optional[Actor]:
    """The event's view of an actor mention in an event located in ``country``.

    A state (تركيا) acts through its military; so does a government named after a
    forces word (``forces=True``: "قوات الحكومة اليمنية")."""
    from ..kb import generic_actor, inter_code

    rec = kb.get(ent.ref) if ent.ref else None
    if rec is None:
        return Actor(ref=None, name=f"Unidentified Armed Group ({kb.country_name(country)})" if country and kb.country_name(country) else "Unidentified Armed Group",
                     name_ar=ent.text, inter=3, mention=ent.id)
    if "generic" in ent.tags or ent.ref.startswith("actor:generic-"):
        try:
            name, inter = generic_actor(ent.ref, country, kb=kb)
        except KeyError:
            name, inter = rec.name, inter_code(rec, country, kb=kb)
        return Actor(ref=ent.ref, name=name, name_ar=ent.text, inter=inter, mention=ent.id)
    if getattr(rec, "type", None) == "state" or (forces and getattr(rec, "type", None) == "government"):
        forces = forces_of(kb, rec.country)
        if forces is not None:
            rec = forces
    return Actor(ref=f"{rec.id}" if rec.id.startswith("actor:") else ent.ref, name=rec.name, name_ar=rec.name_ar,
                 inter=inter_code(rec, country, kb=kb), mention=ent.id)


def civilians_near(ctx, hit, sent_end_tok: int) -> Optional[Entity]:
    """A civilians mention within the window after (or just before) the trigger."""
    w = ctx.cues["civilians_window"]
    lo_tok, hi_tok = max(ctx.sent_tok[hit.sentence][0], hit.i - 4), min(sent_end_tok, hit.j + w)
    lo = ctx.tokens[lo_tok].start
    hi = ctx.tokens[hi_tok - 1].end if hi_tok > 0 else lo
    for e in ctx.in_sentence(hit.sentence, "ACTOR"):
        if e.ref == CIVILIANS and lo <= e.start and e.end <= hi:
            return e
    return None


def forces_of(kb, country: Optional[str]):
    """The military forces of a state (``actor:saa`` for SY), when the KB has them."""
    if not country:
        return None
    return kb.actors.get(kb.branches.get(("military", country), ""))


def nisba_country(kb, word: str) -> Optional[str]:
    """Country of a nisba adjective, definite or not: روسية، الروسية، التركي → RU, RU, TR."""
    for table in kb.adjectives.values():
        if word in table:
            return table[word]
        if "ال" + word in table:
            return table["ال" + word]
    return None


def nisba_actor(ctx, hit, kb, country: Optional[str] = None) -> Optional[Entity]:
    """"غارات روسية", "طائرة مسيرة تركية", "دبابة إسرائيلية": the state whose nisba
    qualifies a weapon trigger acted; its forces become an ACTOR entity. "قصف حكومي"
    (a government word, ``arguments.yaml#government_adjectives``) names the forces of
    the event's country."""
    toks = ctx.tokens
    s0, s1 = ctx.sent_tok[hit.sentence]
    starts = [hit.j]
    agents = ctx.cues["agent"] | ctx.cues["launcher"]
    for k in range(hit.j, min(s1, hit.j + 4)):
        if toks[k].norm in agents:
            starts.append(k + 1)  # "بغارة نفذتها طائرة أمريكية"
            break
    stops = ctx.cues["target"] | ctx.cues["from"] | ctx.cues["between"]
    units = ctx.cues["unit_nouns"]
    hedges = ctx.cues["nisba_hedges"]
    for start in starts:
        k = start
        while k < min(s1, start + 8):
            if toks[k].norm in ctx.cues["from"] and k + 1 < s1 and toks[k + 1].norm in units:
                k += 2  # "بقصف من طائرة مسيرة تركية": the weapon the fire came from
                continue
            if toks[k].norm in hedges:
                k += 1  # "طائرة مسيرة يعتقد أنها أمريكية"
                continue
            if toks[k].norm in stops:
                break  # "قذائف على العاصمة السورية": the nisba qualifies the target ("على" reads as "علي")
            cc = nisba_country(kb, toks[k].norm)
            if cc is None and toks[k].norm in ctx.cues["government_adjectives"]:
                cc = country
            if cc:
                return _nisba_forces(ctx, kb, toks[k], cc)
            if not (toks[k].norm.endswith(("يه", "ي", "ه")) or toks[k].norm in units):
                break
            k += 1
    # "شنت طائرات حربية روسية أربع غارات": the weapon named as the subject of the clause
    # whose object is the trigger (a verb and a count between, no punctuation)
    lo = max(s0, hit.i - 8)
    for k in range(hit.i - 1, lo, -1):
        if k == hit.i - 1 and hit.trigger.pos == "verb" and toks[k].text in "،,":
            continue  # "طائرة مسيرة يعتقد أنها أمريكية، استهدفت سيارة"
        if toks[k].norm in stops or toks[k].text in "،,.:؛":
            break
        cc = nisba_country(kb, toks[k].norm)
        if not cc:
            continue
        m = k - 1
        while m > lo and toks[m].norm in units | hedges and m > k - 5:
            m -= 1
        if m < k - 1 and toks[m + 1].norm in units:
            return _nisba_forces(ctx, kb, toks[k], cc)
        break
    if hit.trigger.pos == "verb":
        # "مسيرة إسرائيلية معادية استهدفت سيارة": the weapon named as the verb's subject
        for k in range(hit.i - 1, max(s0, hit.i - 3) - 1, -1):
            cc = nisba_country(kb, toks[k].norm)
            if cc and k > s0 and toks[k - 1].norm in ctx.cues["unit_nouns"]:
                return _nisba_forces(ctx, kb, toks[k], cc)
            if not toks[k].norm.endswith(("يه", "ي", "ه")):
                break
    return None


def _nisba_forces(ctx, kb, tok, cc: str) -> Optional[Entity]:
    forces = forces_of(kb, cc)
    if forces is None:
        return None
    return ctx.work.add_entity("ACTOR", tok.start, tok.end, ref=forces.id, tags=["nisba"])


def default_actor(kind: str, country: Optional[str], kb) -> Actor:
    """A frame's default actor when the text names none (protests: Protesters (COUNTRY))."""
    from ..kb import generic_actor

    name, inter = generic_actor(kind, country, kb=kb)
    return Actor(ref=f"actor:generic-{kind}", name=name, name_ar=None, inter=inter, mention=None)
