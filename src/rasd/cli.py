"""The ``rasd`` command line: a thin shell over the Python API.

Each subcommand lives in ``rasd/commands/<name>.py`` and exposes
``register(subparsers)``, which adds its parser and sets ``func(args) -> int``.
Errors the user can fix (bad arguments, unreadable files) are one line on stderr
and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import __version__

ORDER = ["extract", "eval", "schema", "kb", "gazetteer", "ingest", "events", "export", "reextract", "serve"]

DESCRIPTION = """\
rasd (رصد) turns Arabic news about armed conflict into ACLED-style event records:
who did what to whom, where (with coordinates), when, how sure, and the exact
words that say so.

Start here:
  rasd extract article.txt --published 2020-01-16     one JSON record per input
  rasd extract article.txt --pretty                   the same, indented
  rasd extract --input-format jsonl batch.jsonl -o out.jsonl
  rasd extract a.txt | rasd eval gold.jsonl -          score against a gold file
  rasd kb lookup "الدواعش"                            what an actor name resolves to
  rasd gazetteer lookup "سراقب"                       where a place name resolves to

Run 'rasd COMMAND --help' for a command's options and examples.
"""


class UserError(Exception):
    """An error the user can fix: printed as one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rasd", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"rasd {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    from . import commands

    names = [m.name for m in pkgutil.iter_modules(commands.__path__)]
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    for name in names:
        importlib.import_module(f"rasd.commands.{name}").register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # run as the program (arguments from sys.argv), not called from Python code: commands may
    # then tune the process (e.g. freeze loaded data out of cycle collection)
    args.owns_process = argv is None
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except UserError as e:
        print(f"rasd {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("rasd: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
