"""``rasd serve``: the HTTP API and the offline web page over a store."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

EPILOG = """\
examples:
  rasd serve --db rasd.duckdb
      the page at http://127.0.0.1:8000/ , the API docs at http://127.0.0.1:8000/docs
  rasd serve --db rasd.duckdb --port 8080
  RASD_API_KEY=s3cret rasd serve --db rasd.duckdb --host 0.0.0.0
      reachable from other machines: every request then needs the header
      'X-API-Key: s3cret' (the browser page asks for the key at /login)
  curl -s 'http://127.0.0.1:8000/events?type=Battles&since=2020-01-01&limit=5'
  curl -s -X POST http://127.0.0.1:8000/extract -H 'content-type: application/json' \\
       -d '{"text": "قصفت قوات النظام بلدة كفرنبل أمس.", "published": "2020-01-16"}'

Fill the store first with 'rasd ingest'. The page and its map need no network:
Leaflet and the Natural Earth basemap ship inside the package.
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the HTTP API and the web page (map, timeline, articles) over a store",
        description=(
            "Serve the HTTP API and the offline web page over a rasd store.\n"
            "Listens on 127.0.0.1 (this machine only) unless --host says otherwise; any other\n"
            "address needs --api-key, and then every request must carry the key."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", required=True, metavar="PATH", help="the DuckDB store written by 'rasd ingest'")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--api-key",
        default=None,
        metavar="KEY",
        help="require this key on every request (header X-API-Key); required for a non-local --host. "
        "Also read from the RASD_API_KEY environment variable, which keeps it out of 'ps'",
    )
    p.add_argument("--max-body", type=int, default=None, metavar="BYTES", help="largest request body accepted (default 2000000); larger gets 413")
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"], help="server log level (default warning)")
    p.set_defaults(func=run)


def check_bind(host: str, api_key: str | None) -> None:
    """Refuse to listen beyond this machine without a key (a one-line UserError)."""
    from ..api import is_local_host
    from ..cli import UserError

    if not is_local_host(host) and not api_key:
        raise UserError(
            f"refusing to listen on {host} without an API key: anyone who can reach this machine could read "
            "and add to the store; pass --api-key KEY (or set RASD_API_KEY), or use --host 127.0.0.1"
        )


def run(args) -> int:
    from ..cli import UserError

    api_key = args.api_key or os.environ.get("RASD_API_KEY") or None
    check_bind(args.host, api_key)
    if not (1 <= args.port <= 65535):
        raise UserError(f"--port must be between 1 and 65535, not {args.port}")
    db = Path(args.db)
    if not db.exists():
        raise UserError(f"no store at {db}: create one with 'rasd ingest ... --db {db}'")
    if args.max_body is not None and args.max_body < 1:
        raise UserError("--max-body must be a positive number of bytes")

    import uvicorn

    from ..api import DEFAULT_MAX_BODY, create_app

    try:
        app = create_app(db, api_key=api_key, max_body=args.max_body or DEFAULT_MAX_BODY)
    except Exception as e:  # an unreadable or locked store is the user's to fix
        raise UserError(f"cannot open the store {db}: {e}".splitlines()[0]) from None
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"rasd: serving {db} at http://{shown}:{args.port}/  (API docs: /docs; Ctrl-C stops)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    return 0
