"""Event actors from ACTOR entities: ref, ACLED name, Arabic name, inter code."""
from __future__ import annotations

from typing import Optional

from ..models import Actor, Entity

CIVILIANS = "actor:generic-civilians"


def event_actor(ent: Entity, country: Optional[str], kb) -> Optional[Actor]:
    """The event's view of an actor mention in an event located in ``country``."""
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
    if getattr(rec, "type", None) == "state":
        forces = kb.forces_of(rec.country) if hasattr(kb, "forces_of") else None
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
    for e in ctx.work.entities:
        if e.type == "ACTOR" and e.ref == CIVILIANS and lo <= e.start and e.end <= hi:
            return e
    return None
