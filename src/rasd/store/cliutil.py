"""Shared pieces of the corpus commands (ingest, events, export, reextract)."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..cli import UserError
from .store import EventFilter, Store, StoreError

DEFAULT_DB = "rasd.duckdb"


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH",
                   help=f"the store, a DuckDB file (default: {DEFAULT_DB}; created by 'rasd ingest')")


def open_store(path: str, read_only: bool = False) -> Store:
    try:
        return Store(path, read_only=read_only)
    except StoreError as e:
        raise UserError(str(e)) from None


def date_arg(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}")


def near_arg(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--near wants LAT,LON,KM (e.g. 35.93,36.63,25), not {value!r}")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise argparse.ArgumentTypeError(f"--near {value}: latitude in -90..90, longitude in -180..180, km > 0")
    return lat, lon, km


def add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (combine with AND)")
    g.add_argument("--since", type=date_arg, metavar="DATE", help="events on or after this day (YYYY-MM-DD)")
    g.add_argument("--until", type=date_arg, metavar="DATE", help="events on or before this day")
    g.add_argument("--type", metavar="TYPE", help='an ACLED event type or sub-event type, e.g. "Battles", "Air/drone strike"')
    g.add_argument("--actor", metavar="ACTOR", help="a knowledge-base ref (actor:hts) or part of an actor's name")
    g.add_argument("--admin1", metavar="NAME", help="first-level region (governorate), e.g. Idlib")
    g.add_argument("--near", type=near_arg, metavar="LAT,LON,KM", help="events within KM kilometres of a point")
    g.add_argument("--outlet", metavar="NAME", help="only reports from this outlet")
    g.add_argument("--all-modalities", action="store_true",
                   help="also negated, hypothetical and future events (default: asserted and claimed only)")


def event_filter(args) -> EventFilter:
    return EventFilter(since=args.since, until=args.until, type=args.type, actor=args.actor, admin1=args.admin1,
                       near=args.near, outlet=args.outlet,
                       modalities=None if getattr(args, "all_modalities", False) else EventFilter().modalities)


def add_pipeline_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("extraction")
    g.add_argument("--kb", action="append", metavar="DIR", help="an extra actor knowledge-base directory (repeatable)")
    g.add_argument("--gazetteer", metavar="FILE", help="gazetteer store file (default: the built-in one)")
    g.add_argument("--extractor", metavar="MODULE:FUNCTION",
                   help="replace the pipeline by f(raw: rasd.ingest.RawDoc, published=, outlet=) -> Document")


def pipeline_config(args):
    from ..pipeline import Config

    for d in args.kb or ():
        if not Path(d).is_dir():
            raise UserError(f"--kb {d}: not a directory")
    if args.gazetteer and not Path(args.gazetteer).exists():
        raise UserError(f"--gazetteer {args.gazetteer}: no such file")
    return Config(kb_dirs=tuple(Path(d) for d in args.kb or ()),
                  gazetteer=Path(args.gazetteer) if args.gazetteer else None)


def check_plugin(spec):
    if not spec:
        return None
    import importlib

    module, _, name = spec.partition(":")
    try:
        fn = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError) as e:
        raise UserError(f"--extractor {spec}: cannot load it ({e})") from None
    if not callable(fn):
        raise UserError(f"--extractor {spec}: not a function")
    return spec
