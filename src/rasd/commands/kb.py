"""``rasd kb``: validate, query and count the actor knowledge base."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

EPILOG = """\
examples:
  rasd kb validate                       check the built-in base (exit 1 on problems)
  rasd kb validate --kb ./my-actors      check it with your own YAML files on top
  rasd kb lookup "الدواعش"               what a name resolves to, and why
  rasd kb lookup "وللجيش السوري" --json  the same as JSON (proclitics are stripped)
  rasd kb stats                          actors and Arabic surface forms, by country and type

Add an actor by writing a YAML file (see docs/actors.md) into a directory and passing
--kb DIR to any rasd command; entries with an existing id replace the built-in ones.
"""


def _kb_dirs(args) -> tuple[Path, ...]:
    from ..cli import UserError

    dirs = tuple(Path(d) for d in (args.kb or []))
    for d in dirs:
        if not d.exists():
            raise UserError(f"--kb {d}: no such file or directory")
    return dirs


def _validate(args) -> int:
    from .. import kb

    base = kb.load(_kb_dirs(args))
    problems = kb.validate(base)
    for p in problems:
        print(p)
    st = base.stats()
    status = "ok" if not problems else f"{len(problems)} problem(s)"
    print(f"{status}: {st['actors']} actors, {st['actor_surface_forms']} Arabic actor surface forms, "
          f"{st['people']} people, {st['sources']} sources in {st['files']} files (version {kb.version(_kb_dirs(args))})")
    return 1 if problems else 0


def base_dirs(args) -> tuple[Path, ...]:
    return tuple(Path(d) for d in (args.kb or []))


def _lookup(args) -> int:
    from .. import kb

    base = kb.load(_kb_dirs(args))
    status = 0
    out = []
    for surface in args.names:
        r = base.lookup(surface)
        entry = {
            "surface": surface, "normalized": r.normalized, "proclitics": r.prefix or None, "matched": r.key,
            "resolves_to": [],
        }
        for f in r.forms:
            target = base.get(f.target)
            item = {"ref": f.target, "kind": f.kind, "why": f.origin}
            if target is not None:
                item["name"] = target.name
                item["name_ar"] = target.name_ar
                if hasattr(target, "type") and isinstance(getattr(target, "type"), str):
                    item["type"] = target.type
                if getattr(target, "country", None):
                    item["country"] = target.country
            entry["resolves_to"].append(item)
        if not r.found:
            status = 1
        out.append(entry)
    if args.json:
        print(json.dumps(out if len(out) > 1 else out[0], ensure_ascii=False, indent=2))
        return status
    for e in out:
        print(f"{e['surface']}")
        print(f"  normalised: {e['normalized']}")
        if e["proclitics"]:
            print(f"  proclitics stripped: {e['proclitics']}  → {e['matched']}")
        if not e["resolves_to"]:
            print("  not in the knowledge base")
        for item in e["resolves_to"]:
            name = f" {item['name']}" if "name" in item else ""
            extra = ", ".join(x for x in (item.get("type"), item.get("country")) if x)
            print(f"  → {item['ref']}{name}" + (f" ({extra})" if extra else ""))
            print(f"    {item['kind']}: {item['why']}")
    return status


def _stats(args) -> int:
    from .. import kb

    st = kb.load(_kb_dirs(args)).stats()
    if args.json:
        print(json.dumps(st, ensure_ascii=False, indent=2))
        return 0
    print(f"actors: {st['actors']}")
    print(f"Arabic actor surface forms: {st['actor_surface_forms']}  (all indexed forms: {st['surface_forms']})")
    print(f"people: {st['people']}   sources: {st['sources']}   files: {st['files']}")
    print("by country: " + ", ".join(f"{k} {v}" for k, v in st["by_country"].items()))
    print("by type:    " + ", ".join(f"{k} {v}" for k, v in st["by_type"].items()))
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "kb", help="validate, query and count the actor knowledge base",
        description="The actor knowledge base: YAML files of actors (names, Arabic aliases, types, links),\n"
                    "people and sources. Built-in files and --kb directories load the same way.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="kb_command", metavar="SUBCOMMAND")

    def common(sp):
        sp.add_argument("--kb", action="append", metavar="DIR",
                        help="a directory (or file) of YAML entries layered on top of the built-in base; repeatable")

    v = sub.add_parser("validate", help="schema, duplicate aliases across actors, dangling links; exit 1 on problems",
                       epilog="example:\n  rasd kb validate --kb ./my-actors", formatter_class=argparse.RawDescriptionHelpFormatter)
    common(v)
    v.set_defaults(func=_validate)
    lk = sub.add_parser("lookup", help="what an Arabic name resolves to and why",
                        epilog='examples:\n  rasd kb lookup "الدواعش"\n  rasd kb lookup "للجيش السوري" "قسد" --json',
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    lk.add_argument("names", nargs="+", metavar="NAME", help="an Arabic surface form (proclitics و ف ب ل ك are stripped)")
    lk.add_argument("--json", action="store_true", help="print JSON")
    common(lk)
    lk.set_defaults(func=_lookup)
    s = sub.add_parser("stats", help="how many actors and Arabic surface forms, by country and type",
                       epilog="example:\n  rasd kb stats --json", formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("--json", action="store_true", help="print JSON")
    common(s)
    s.set_defaults(func=_stats)
    p.set_defaults(func=lambda args: (p.print_help(), 0)[1])
