"""``rasd ingest``: folders, JSONL dumps and RSS/Atom feeds into the corpus store."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..cli import UserError

EPILOG = """\
examples:
  rasd ingest articles/                              every .txt/.html file under the folder
  rasd ingest dump.jsonl --db corpus.duckdb          one JSON object per line
  rasd ingest feeds/*.xml --outlet "Enab Baladi"     RSS/Atom: text from each entry's content or summary
  rasd ingest articles/ --published 2020-01-16       a default date for documents without one
  rasd ingest big.jsonl --workers 4                  extract on 4 local processes
  rasd ingest big.jsonl --dask-workers 2             on a local Dask cluster (2 worker processes)
  rasd ingest big.jsonl --scheduler tcp://10.0.0.5:8786 --shard-dir /shared/rasd-shards

what happens:
  Each document is cleaned, extracted and stored in the DuckDB file (--db). A document
  whose normalised text is already stored is skipped as a duplicate, so running the same
  ingest twice adds nothing, and an ingest that was killed can simply be run again.
  Writes are committed per batch (--batch-size). Input that cannot be a document (binary
  or empty files, malformed JSONL lines, lines over --max-line-bytes, a broken feed) is
  recorded in the store's rejects table with the reason and the sha256 of its bytes, and
  the run goes on. Reports of the same event from different outlets are merged into
  clusters as they arrive (see 'rasd events').

input formats (from the extension): .txt/.md text, .html/.htm HTML, .jsonl/.ndjson/.json
JSON Lines ({"text"|"html": ..., "doc_id", "title", "published", "outlet", "url"}),
.rss/.atom/.xml feeds.

exit summary: stored, duplicates skipped, rejected; status 0 unless the arguments or the
database are unusable.
"""


def register(sub) -> None:
    from ..store.cliutil import add_db, add_pipeline_args, date_arg

    p = sub.add_parser("ingest", help="extract a corpus (folders, JSONL, RSS/Atom) into the store",
                       description="Extract every document under PATH... into the corpus store.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (folders are walked recursively)")
    add_db(p)
    p.add_argument("--published", type=date_arg, metavar="DATE", help="publication date for documents without one")
    p.add_argument("--outlet", metavar="NAME", help="outlet for documents without one")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="local extraction processes (default 1)")
    p.add_argument("--batch-size", type=int, default=100, metavar="N",
                   help="documents per transaction (default 100)")
    p.add_argument("--max-line-bytes", type=int, default=None, metavar="N",
                   help="longest JSONL line accepted (default 64 MiB); longer lines are rejected")
    g = p.add_argument_group("Dask (scale out)")
    g.add_argument("--dask-workers", type=int, metavar="N", help="run extraction on a local Dask cluster of N processes")
    g.add_argument("--scheduler", metavar="URL", help="run extraction on an existing Dask cluster (tcp://HOST:PORT)")
    g.add_argument("--shard-dir", metavar="DIR",
                   help="where workers write Parquet shards (must be shared with the workers; default: next to --db)")
    g.add_argument("--partition-size", type=int, default=200, metavar="N", help="documents per Dask partition (default 200)")
    add_pipeline_args(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _progress(quiet: bool):
    """A rich progress bar on stderr showing documents/s and events found."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    prog = Progress(TextColumn("[bold]ingest[/]"), BarColumn(bar_width=None, pulse_style="cyan"),
                    TextColumn("{task.completed:,} docs  {task.fields[rate]:.1f} docs/s  "
                               "{task.fields[events]:,} events  {task.fields[dups]:,} dup  {task.fields[rej]:,} rejected"),
                    TimeElapsedColumn(), console=console, transient=False, disable=quiet or not console.is_terminal)
    return prog


def run(args) -> int:
    from ..store.cliutil import check_plugin, open_store, pipeline_config
    from ..store.loader import Defaults, Extractor, ingest
    from ..store.store import IngestStats

    for p in args.paths:
        if not Path(p).exists():
            raise UserError(f"{p}: no such file or folder")
    if args.workers < 1 or args.batch_size < 1:
        raise UserError("--workers and --batch-size must be at least 1")
    extractor = Extractor(config=pipeline_config(args), defaults=Defaults(args.published, args.outlet),
                          plugin=check_plugin(args.extractor))
    store = open_store(args.db)
    kw = {}
    if args.max_line_bytes:
        kw["max_line_bytes"] = args.max_line_bytes
    seen = IngestStats()
    start = time.monotonic()
    prog = _progress(args.quiet)
    try:
        with prog:
            task = prog.add_task("ingest", total=None, rate=0.0, events=0, dups=0, rej=0)

            def progress(stats: IngestStats, n: int) -> None:
                nonlocal seen
                seen += stats
                done = seen.stored + seen.duplicates + seen.rejected
                prog.update(task, completed=done, rate=done / max(1e-6, time.monotonic() - start),
                            events=seen.events, dups=seen.duplicates, rej=seen.rejected)

            if args.dask_workers or args.scheduler:
                from ..dist import ingest_dask

                shard_dir = Path(args.shard_dir) if args.shard_dir else Path(str(args.db) + ".shards")
                total = ingest_dask(store, args.paths, extractor, n_workers=args.dask_workers,
                                    scheduler=args.scheduler, shard_dir=shard_dir,
                                    partition_size=args.partition_size, progress=progress, **kw)
            else:
                total = ingest(store, args.paths, extractor, workers=args.workers, batch_size=args.batch_size,
                               progress=progress, **kw)
    finally:
        store.close()
    secs = time.monotonic() - start
    done = total.stored + total.duplicates + total.rejected
    print(f"rasd ingest: {total.stored:,} stored ({total.events:,} events), {total.duplicates:,} duplicates skipped, "
          f"{total.rejected:,} rejected — {done / max(secs, 1e-6):.1f} docs/s into {args.db}", file=sys.stderr)
    if total.rejected:
        print(f"  rejected input is listed with its reason in the store: rasd events --db {args.db} --rejects",
              file=sys.stderr)
    return 0
