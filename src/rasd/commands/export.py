"""``rasd export``: the store's events as ACLED CSV, PLOVER JSONL, GeoJSON, Parquet or JSONL."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import UserError

EPILOG = """\
examples:
  rasd export --format acled-csv -o events.csv               ACLED's 31 columns, one row per event
  rasd export --format geojson --admin1 Idlib > idlib.geojson
  rasd export --format parquet -o events/                    a directory, partitioned month=YYYY-MM
  rasd export --format plover-jsonl --since 2020-01-01
  rasd export --format jsonl --outlet "Enab Baladi"          every report, with its cluster_id

formats:
  acled-csv     one row per event (reports of the same event merged into one cluster);
                event_id_cnty = ISO3 + a stable number, disorder_type from the event type,
                region from the country, civilian_targeting when civilians are the target,
                source = every outlet that reported it, notes = one English sentence
  plover-jsonl  one PLOVER-style object per event (event_type, mode, actor, recipient, …)
  geojson       an RFC 7946 FeatureCollection of points (lon, lat) with the ACLED columns
  jsonl         one line per *report* of an event: the record's event plus doc_id, outlet,
                published, cluster_id (as 'rasd events --jsonl')
  parquet       the reports as a Parquet dataset in directory -o, partitioned by event
                month; read it with duckdb ("SELECT * FROM 'events/**/*.parquet'") or pyarrow

Only asserted and claimed events are exported (negated, hypothetical and future events
stay in the records). The filters are those of 'rasd events'.
"""


def register(sub) -> None:
    from ..export import FORMATS
    from ..store.cliutil import add_db, add_filters

    p = sub.add_parser("export", help="export events: ACLED CSV, PLOVER JSONL, GeoJSON, Parquet, JSONL",
                       description="Export the store's events in a format analysts' tools read.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", required=True, choices=FORMATS, help="output format")
    p.add_argument("-o", "--output", metavar="PATH", help="output file (default: standard output); a directory for parquet")
    add_db(p)
    add_filters(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..export import export
    from ..store.cliutil import event_filter, open_store

    f = event_filter(args)
    if args.format == "parquet" and not args.output:
        raise UserError("--format parquet writes a directory: give it with -o DIR")
    if args.output and args.format != "parquet" and Path(args.output).is_dir():
        raise UserError(f"-o {args.output}: is a directory (give a file name)")
    store = open_store(args.db, read_only=True)
    try:
        if args.format == "parquet":
            n = export(store, "parquet", Path(args.output), f)
        elif args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                n = export(store, args.format, out, f)
        else:
            n = export(store, args.format, sys.stdout, f)
    except OSError as e:
        raise UserError(f"cannot write {args.output}: {e.strerror or e}") from None
    finally:
        store.close()
    print(f"rasd export: {n:,} rows ({args.format})" + (f" to {args.output}" if args.output else ""), file=sys.stderr)
    return 0
