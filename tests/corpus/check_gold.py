"""Validate a hand-made gold corpus (tests/corpus/gold_*.jsonl + articles/).

Checks, for every gold line:
- the keys are exactly those of spec/gold-format.md, and the article file exists;
- the article is a headline line, a blank line, then 4-15 body sentences
  (trailing web boilerplate -- "اقرأ أيضا", comment forms, share buttons -- is not counted);
- `published` and every `event_date` parse as YYYY-MM-DD, and an event is not dated
  after the publication day;
- event types and sub-types are in ACLED's list (rasd.models.EVENT_TYPES);
- actor lists are non-empty lists of strings or null, location has the six fields,
  country is an ISO2 code, coordinates are both numbers or both null;
- every event evidence, relation evidence and not_event snippet is a verbatim
  substring of its article, and no not_event snippet overlaps an event's evidence
  (a not_event may quote the trailing boilerplate: a teaser headline is no event).

Usage:  python tests/corpus/check_gold.py [GOLD.jsonl ...]   (default: every gold_*.jsonl here)
Exit status 0 when every line passes, 1 otherwise; problems are printed one per line.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rasd.models import EVENT_TYPES
from rasd.text import split_sentences

HERE = Path(__file__).resolve().parent
DOC_KEYS = {"doc", "published", "outlet", "events", "relations", "not_events"}
EVENT_KEYS = {"event_type", "sub_event_type", "event_date", "actor1", "actor2",
              "location", "fatalities", "evidence", "core"}
LOC_KEYS = {"name_ar", "name_en", "admin1", "country", "latitude", "longitude"}
REL_TYPES = {"front_for", "pledged_allegiance", "affiliated_with", "merged_into",
             "renamed_from", "allied_with", "supports", "ideologically_close", "leads",
             "member_of", "headquartered_in", "controls"}
BOILERPLATE = re.compile(r"^\s*(اقرأ أيضا|اقرأ أيضاً|مواضيع ذات صلة|مقالات ذات صلة|اترك تعليق|"
                         r"أضف تعليق|شارك|شارك هذا|تابعونا|الوسوم|كلمات مفتاحية|اشترك)")


def body_of(text: str) -> tuple[str, str, str]:
    """Split an article into (headline, body, boilerplate)."""
    head, _, rest = text.partition("\n")
    lines = rest.split("\n")
    for i, line in enumerate(lines):
        if BOILERPLATE.match(line):
            return head, "\n".join(lines[:i]), "\n".join(lines[i:])
    return head, rest, ""


def _date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def check_line(gold: dict, articles: Path) -> list[str]:
    """Return the problems of one gold line (empty when it is fine)."""
    doc = gold.get("doc", "?")
    bad = [f"{doc}: keys {sorted(set(gold) ^ DOC_KEYS)} differ from the spec"] \
        if set(gold) != DOC_KEYS else []
    path = articles / doc
    if not path.is_file():
        return bad + [f"{doc}: article file missing"]
    text = path.read_text(encoding="utf-8")
    if not text.partition("\n")[2].startswith("\n"):
        bad.append(f"{doc}: headline must be followed by a blank line")
    head, body, boiler = body_of(text)
    n = len(split_sentences(body))
    if not 4 <= n <= 15:
        bad.append(f"{doc}: {n} body sentences (want 4-15)")
    try:
        published = _date(gold["published"])
    except (KeyError, TypeError, ValueError):
        return bad + [f"{doc}: bad published date"]
    spans = []
    for i, ev in enumerate(gold.get("events", [])):
        where = f"{doc} event {i}"
        if set(ev) != EVENT_KEYS:
            bad.append(f"{where}: keys {sorted(set(ev) ^ EVENT_KEYS)} differ")
            continue
        if ev["sub_event_type"] not in EVENT_TYPES.get(ev["event_type"], []):
            bad.append(f"{where}: {ev['event_type']} / {ev['sub_event_type']} not ACLED")
        if ev["event_date"] is not None:
            try:
                if _date(ev["event_date"]) > published:
                    bad.append(f"{where}: event after publication")
            except ValueError:
                bad.append(f"{where}: bad event_date {ev['event_date']!r}")
        for k in ("actor1", "actor2"):
            a = ev[k]
            if not isinstance(a, list) or not a or not all(x is None or isinstance(x, str) for x in a):
                bad.append(f"{where}: {k} must be a non-empty list of names or null")
        loc = ev["location"]
        if not isinstance(loc, dict) or set(loc) != LOC_KEYS:
            bad.append(f"{where}: location keys differ")
        else:
            if not re.fullmatch(r"[A-Z]{2}", loc["country"] or ""):
                bad.append(f"{where}: country must be ISO2")
            if (loc["latitude"] is None) != (loc["longitude"] is None):
                bad.append(f"{where}: only one coordinate given")
        f = ev["fatalities"]
        if f is not None and (not isinstance(f, int) or f < 0):
            bad.append(f"{where}: fatalities must be a non-negative int or null")
        if not isinstance(ev["core"], bool):
            bad.append(f"{where}: core must be true/false")
        start = body.find(ev["evidence"])
        if not ev["evidence"] or ev["evidence"] not in text:
            bad.append(f"{where}: evidence not verbatim: {ev['evidence']!r}")
        elif start < 0:
            bad.append(f"{where}: evidence lies outside the article body")
        else:
            spans.append((start, start + len(ev["evidence"])))
    for i, rel in enumerate(gold.get("relations", [])):
        if set(rel) != {"type", "source", "target", "evidence"}:
            bad.append(f"{doc} relation {i}: keys differ")
            continue
        if rel["type"] not in REL_TYPES:
            bad.append(f"{doc} relation {i}: unknown type {rel['type']}")
        if rel["evidence"] not in text:
            bad.append(f"{doc} relation {i}: evidence not verbatim: {rel['evidence']!r}")
    for snip in gold.get("not_events", []):
        s = body.find(snip)
        if snip not in text or not snip:
            bad.append(f"{doc}: not_event not verbatim: {snip!r}")
        elif s >= 0 and any(s < e and a < s + len(snip) for a, e in spans):
            bad.append(f"{doc}: not_event overlaps an event's evidence: {snip!r}")
    return bad


def summary(golds: list[dict]) -> str:
    """Counts of events by type/sub-type and core flag, not_events and relations."""
    c: Counter = Counter()
    for g in golds:
        for ev in g["events"]:
            c[(ev["event_type"], ev["sub_event_type"], "core" if ev["core"] else "non-core")] += 1
    lines = [f"{len(golds)} articles, {sum(len(g['events']) for g in golds)} events, "
             f"{sum(len(g['not_events']) for g in golds)} not_events, "
             f"{sum(len(g['relations']) for g in golds)} relations"]
    lines += [f"  {t} / {s} [{k}]: {n}" for (t, s, k), n in sorted(c.items())]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(HERE.glob("gold_*.jsonl"))
    golds, problems = [], []
    for p in paths:
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"{p.name}:{n}: not JSON ({e})")
                continue
            golds.append(g)
            problems += check_line(g, p.parent / "articles")
    print("\n".join(problems) if problems else "all gold lines pass")
    if golds:
        print(summary(golds))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
