"""``rasd eval``: score document records against a gold answer key."""
from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Iterator

from ..cli import UserError

EPILOG = """\
examples:
  rasd eval gold.jsonl records.jsonl
  rasd extract ../shared/seed/idlib-article.txt --published 2020-01-16 | rasd eval ../shared/seed/idlib-article.gold.jsonl -
  rasd eval gold.jsonl records.jsonl --json       machine-readable figures

How it scores (shared/spec/gold-format.md): records join gold lines on doc_id == doc.
An extracted asserted/claimed event matches a gold event when the event_type is equal,
the place matches (normalised Arabic names equal or contained; or within 10 km; or a
gold region and the same governorate) and the dates are within one day. Recall counts
core gold events matched one-to-one; precision counts extracted events matching any
gold event. Output: a per-document table (gold, core, extracted, ok = extracted events
that match, found = core events matched, P, R, F1, not-events wrongly asserted), then
accuracy on the matched pairs, relations and not-events, and last the line
  event F1 0.xxx (P 0.xxx R 0.xxx)
"""


def _open(path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8", errors="replace")
    except OSError as e:
        raise UserError(f"{path}: {e.strerror or e}")


def read_jsonl(path: str, what: str, strict: bool) -> Iterator[dict]:
    """JSON objects of a JSON Lines file, streamed. Bad lines: an error when ``strict``
    (gold files), else a note on stderr and skipped (records)."""
    f = _open(path)
    try:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                if strict:
                    raise UserError(f"{path}: line {n} of the {what} file is not valid JSON ({e.msg})")
                print(f"rasd eval: {path}: line {n} skipped (not valid JSON)", file=sys.stderr)
                continue
            if not isinstance(obj, dict):
                if strict:
                    raise UserError(f"{path}: line {n} of the {what} file is not a JSON object")
                continue
            yield obj
    finally:
        if f is not sys.stdin:
            f.close()


def run(args) -> int:
    from ..eval import format_report, score

    if args.gold == "-" and args.records == "-":
        raise UserError("only one of GOLD and RECORDS can be standard input")
    gold = list(read_jsonl(args.gold, "gold", strict=True))
    if not gold:
        raise UserError(f"{args.gold}: no gold lines")
    missing = [i + 1 for i, g in enumerate(gold) if "doc" not in g]
    if missing:
        raise UserError(f"{args.gold}: line {missing[0]} has no 'doc' field")
    report = score(gold, read_jsonl(args.records, "records", strict=False))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 0


def register(sub) -> None:
    p = sub.add_parser("eval", help="score records against a gold file (event F1)",
                       description="Score document records (rasd extract output) against a gold answer key.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold answer key (shared/spec/gold-format.md)")
    p.add_argument("records", metavar="RECORDS.jsonl", help="records to score; - reads standard input")
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of the table")
    p.set_defaults(func=run)
