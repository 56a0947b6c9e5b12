"""``rasd events``: query the store's events (table or JSON Lines)."""
from __future__ import annotations

import argparse
import json
import sys

EPILOG = """\
examples:
  rasd events                                        the latest 50 events, as a table
  rasd events --type Battles --admin1 Idlib --since 2020-01-01
  rasd events --near 35.93,36.63,25                  within 25 km of Idlib city
  rasd events --actor actor:hts --jsonl              every matching event, one JSON per line
  rasd events --outlet "Enab Baladi" --limit 0       no limit
  rasd events --cluster cl-3f2a…                     the reports merged into one event
  rasd events --rejects                              input that could not be stored, and why

A row is the record's event plus doc_id, outlet, published and cluster_id (the id of
the merged event it belongs to). Dates filter on the event date, or the publication
date when the event has none. Without --all-modalities only asserted and claimed
events are shown.
"""


def register(sub) -> None:
    from ..store.cliutil import add_db, add_filters

    p = sub.add_parser("events", help="query stored events (filters, table or JSONL)",
                       description="List the events in the corpus store.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db(p)
    add_filters(p)
    p.add_argument("--cluster", metavar="ID", help="only the reports of this cluster")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per line instead of a table")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="rows at most (default 50; 0 = all)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N rows")
    p.add_argument("--rejects", action="store_true", help="list rejected input instead of events")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..store.cliutil import event_filter, open_store

    store = open_store(args.db, read_only=True)
    try:
        if args.rejects:
            for r in store.rejects():
                print(json.dumps(r, ensure_ascii=False) if args.jsonl else f"{r['where']}\t{r['reason']}")
            return 0
        f = event_filter(args)
        f.cluster_id = args.cluster
        total = store.count_events(f)
        if args.jsonl:
            rows = store.iter_events(f) if args.limit == 0 else store.query_events(f, args.limit, args.offset)
            for r in rows:
                sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
            return 0
        rows = store.query_events(f, None if args.limit == 0 else args.limit, args.offset)
        _table(rows, total)
    finally:
        store.close()
    return 0


def _table(rows: list[dict], total: int) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{len(rows):,} of {total:,} events", show_lines=False)
    for col in ("date", "type", "actor1", "actor2", "location", "admin1", "fatal.", "outlet", "cluster"):
        t.add_column(col, overflow="fold")
    for r in rows:
        loc = r.get("location") or {}
        t.add_row(r.get("event_date") or f"~{r.get('published') or '?'}",
                  r.get("sub_event_type") or r["event_type"],
                  (r.get("actor1") or {}).get("name") or "", (r.get("actor2") or {}).get("name") or "",
                  loc.get("name") or loc.get("name_ar") or "", loc.get("admin1") or "",
                  "" if r.get("fatalities") is None else str(r["fatalities"]), r.get("outlet") or "",
                  (r.get("cluster_id") or "")[:11])
    console = Console()
    if not console.is_terminal:  # piped: do not fold to 80 columns
        console = Console(width=200)
    console.print(t)
