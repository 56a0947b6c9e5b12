"""ACLED-style one-sentence English notes built from an event's fields."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

NOTES_FILE = Path(__file__).resolve().parent.parent / "data" / "notes.yaml"


@lru_cache(maxsize=2)
def templates() -> dict:
    return yaml.safe_load(NOTES_FILE.read_text(encoding="utf-8"))


def _place(ev) -> str:
    loc = ev.location
    if loc is None:
        return "an unspecified place"
    name = loc.name or loc.name_ar or "an unspecified place"
    if loc.admin1 and loc.admin1 != name:
        name += f" ({loc.admin1})"
    return name


def notes_for(ev) -> str:
    t = templates()
    tpl = t["sub_event_type"].get(ev.sub_event_type) or t["event_type"].get(ev.event_type) or t["default"]
    a1 = ev.actor1.name if ev.actor1 else t["unknown_actor"]
    a2 = ev.actor2.name if ev.actor2 else None
    s = tpl.format(actor1=a1, actor2=a2 or t["unknown_target"], place=_place(ev),
                   date=ev.event_date or "an unknown date")
    extras = []
    if ev.fatalities is not None:
        extras.append(t["fatalities"].format(n=ev.fatalities) if ev.fatalities != 1 else t["fatality"])
    if ev.modality == "claimed":
        extras.append(t["claimed"])
    if extras:
        s = s.rstrip(".") + "; " + "; ".join(extras) + "."
    return s[0].upper() + s[1:]
