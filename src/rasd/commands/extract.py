"""``rasd extract``: articles in, one JSON document record per article out (JSON Lines)."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..cli import UserError

EPILOG = """\
examples:
  rasd extract article.txt --published 2020-01-16 --outlet "Sputnik Arabic"
  rasd extract article.txt --pretty                  indented, for reading
  rasd extract page.html --url https://example.org/a  HTML: the article is found with trafilatura
  cat article.txt | rasd extract - --published 2020-01-16
  rasd extract --input-format jsonl batch.jsonl -o records.jsonl
  rasd extract a.txt b.txt | rasd eval gold.jsonl -   score against a gold file

input formats (guessed from the extension when --input-format is absent):
  text   .txt  plain text; the first short line followed by a blank line is the title;
               trailing web boilerplate (comment forms, "related articles", share and
               copyright lines) is removed
  html   .html the article and its title/date are extracted, comments excluded
  jsonl  .jsonl one JSON object per line: {"text": ...} or {"html": ...}, optional
               "doc_id", "title", "published", "outlet", "url". Streamed: constant
               memory for any file size; order is kept; a malformed line gives a record
               "line:N" with a warning and the run goes on.

Each record follows shared/spec/output.md (see 'rasd schema'). doc_id is the file
name (or --doc-id, or a JSONL line's doc_id, else line:N). --published/--outlet/--url
apply to every input that does not carry its own. Problems with a document's content
(empty, binary, not UTF-8, not Arabic, too long) are warnings in its record; the exit
status is non-zero only for unusable arguments or unreadable files.
"""


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(f"--published {value!r}: not a date in YYYY-MM-DD form")


def _check_inputs(files: list[str]) -> None:
    if not files:
        raise UserError("no input: give one or more FILEs, or - to read standard input")
    if files.count("-") > 1:
        raise UserError("standard input (-) can be read only once")
    for f in files:
        if f == "-":
            continue
        if not os.path.exists(f):
            raise UserError(f"{f}: no such file")
        if os.path.isdir(f):
            raise UserError(f"{f}: is a directory (give the files in it, e.g. {f}/*.txt)")
        if not os.access(f, os.R_OK):
            raise UserError(f"{f}: permission denied")


def _pipeline(args):
    from ..pipeline import REGISTRY, Pipeline

    for d in args.kb or ():
        if not Path(d).is_dir():
            raise UserError(f"--kb {d}: not a directory")
    if args.gazetteer and not Path(args.gazetteer).exists():
        raise UserError(f"--gazetteer {args.gazetteer}: no such file")
    kw = {}
    if args.components is not None:
        names = tuple(n.strip() for n in args.components.split(",") if n.strip())
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            raise UserError(f"--components: unknown component {unknown[0]!r} (known: {', '.join(REGISTRY)})")
        kw["components"] = names
    return Pipeline(kb_dirs=tuple(args.kb or ()), gazetteer=args.gazetteer, **kw)


def run(args) -> int:
    from ..ingest import MAX_CHARS, extract_raw, read_input
    from ..pipeline import freeze_loaded

    files = list(args.files)
    if args.published:
        args.published = _date(args.published)
    if args.max_chars is not None and args.max_chars < 1:
        raise UserError("--max-chars must be a positive number")
    _check_inputs(files)
    if args.doc_id and len(files) > 1:
        raise UserError("--doc-id names one document; give a single FILE")
    pipeline = _pipeline(args)
    indent = 2 if args.pretty else None
    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as e:
        raise UserError(f"-o {args.output}: {e.strerror or e}")
    # as the program, the loaded data is frozen out of cycle collection after the first document
    frozen = not getattr(args, "owns_process", False)
    try:
        for path in files:
            try:
                for raw in read_input(path, args.input_format):
                    if args.doc_id and raw.format != "jsonl":
                        raw.doc_id = args.doc_id
                    doc = extract_raw(pipeline, raw, published=args.published, outlet=args.outlet,
                                      url=args.url, max_chars=args.max_chars or MAX_CHARS)
                    out.write(doc.to_json(indent=indent) + "\n")
                    out.flush()
                    frozen = frozen or freeze_loaded(pipeline)
            except OSError as e:
                raise UserError(f"{path}: {e.strerror or e}")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "extract", help="extract document records (JSON Lines) from articles",
        description="Read Arabic news articles and print one JSON document record per article "
                    "(entities, events, relations, with offsets into the cleaned text).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE", help="input files; - reads standard input")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date (resolves 'yesterday', 'on Wednesday'…); without it relative dates stay null")
    p.add_argument("--outlet", metavar="NAME", help="news outlet, e.g. 'Sputnik Arabic'")
    p.add_argument("--url", metavar="URL", help="the article's address")
    p.add_argument("--doc-id", metavar="ID", help="the record's doc_id (one input only; default: the file name)")
    p.add_argument("--input-format", choices=("text", "html", "jsonl"),
                   help="input format (default: from the extension; standard input is text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the records to FILE instead of standard output")
    p.add_argument("--pretty", action="store_true", help="indent each record (easier to read, no longer one per line)")
    p.add_argument("--kb", action="append", metavar="DIR", help="an actor knowledge-base directory on top of the built-in one (repeatable)")
    p.add_argument("--gazetteer", metavar="PATH", help="a gazetteer store file instead of the default")
    p.add_argument("--components", metavar="LIST",
                   help="comma-separated pipeline components to run (default: all; '' runs none, "
                        "giving cleaned text, language and warnings only)")
    p.add_argument("--max-chars", type=int, metavar="N",
                   help="extract at most N characters of each document (default 100,000; longer text is cut at a paragraph break, with a warning)")
    p.set_defaults(func=run)
