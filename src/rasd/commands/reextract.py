"""``rasd reextract``: re-run extraction on stored documents made by older knowledge."""
from __future__ import annotations

import argparse
import sys

EPILOG = """\
examples:
  rasd reextract                         documents whose provenance differs from now
  rasd reextract --db corpus.duckdb --kb my-actors/
  rasd reextract --all                   every document, whatever its provenance
  rasd reextract --dry-run               only count the stale documents

Each record carries the versions of rasd, the knowledge base and the gazetteer that
produced it ('provenance'). When any of them changed (a new rasd, an edited actor file,
an imported gazetteer), the stored records are stale: this command extracts them again
from their stored text, replaces their entities, events and relations, and recomputes
the event clusters (cluster ids stay derived from each cluster's first report).
"""


def register(sub) -> None:
    from ..store.cliutil import add_db, add_pipeline_args

    p = sub.add_parser("reextract", help="re-run extraction on stored documents when the KB/gazetteer changed",
                       description="Re-extract stored documents whose provenance is out of date.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db(p)
    p.add_argument("--all", action="store_true", help="re-extract every document")
    p.add_argument("--dry-run", action="store_true", help="count stale documents, change nothing")
    p.add_argument("--batch-size", type=int, default=100, metavar="N", help="documents per transaction")
    add_pipeline_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..cli import UserError
    from ..store.cliutil import check_plugin, open_store, pipeline_config
    from ..store.reextract import current_provenance, reextract
    from ..store.loader import Extractor

    config = pipeline_config(args)
    extractor = Extractor(config=config, plugin=check_plugin(args.extractor))
    try:
        prov = current_provenance(config)
    except Exception as e:
        raise UserError(f"cannot tell the current knowledge versions ({type(e).__name__}: {e})") from None
    store = open_store(args.db, read_only=args.dry_run)
    try:
        stale, events = reextract(store, extractor, prov, force=args.all, dry_run=args.dry_run,
                                  batch_size=args.batch_size)
    finally:
        store.close()
    verb = "stale (dry run)" if args.dry_run else "re-extracted"
    print(f"rasd reextract: {stale:,} documents {verb}" + ("" if args.dry_run else f", {events:,} events"),
          file=sys.stderr)
    return 0
