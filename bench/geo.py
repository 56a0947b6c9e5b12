"""Gazetteer benchmark: resolution accuracy on tests/data/places.jsonl, lookup time per
500-word article, build time, resident memory of the loaded store.

    python bench/geo.py              # uses the cached default store
    python bench/geo.py --build      # also times a fresh build (into a temporary directory)
    python bench/geo.py --gold       # place finding on the gold events of tests/corpus and ../shared/dev
    python bench/geo.py --gold --show-misses
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "places.jsonl"


def _work(text: str):
    from rasd.models import Source
    from rasd.pipeline import Work
    from rasd.text import normalize, split_sentences

    return Work(doc_id="bench", text=text, nt=normalize(text), sentences=split_sentences(text), published=None,
                source=Source())


def evaluate(g, rows: list[dict]) -> dict:
    """Accuracy: a resolvable mention counts when its entity's ref is the expected one; an
    unresolvable one when it is found as a place with ref null."""
    from rasd.recognize.places import find_places
    from rasd.text import norm

    ok = {"resolvable": [0, 0], "unresolvable": [0, 0]}
    misses = []
    for r in rows:
        w = _work(r["text"])
        ents = find_places(w, g)
        want = norm(r["mention"])
        hit = [e for e in ents if norm(e.location.name_ar or e.text).endswith(want) and "relative" not in e.tags]
        got = hit[0].ref if hit else "MISSING"
        kind = "unresolvable" if r["expected"] == "unresolvable" else "resolvable"
        good = (got is None) if kind == "unresolvable" else (got == r["expected"])
        ok[kind][0] += int(good)
        ok[kind][1] += 1
        if not good:
            misses.append((r["mention"], r["expected"], got, r["text"]))
    return {"accuracy_resolvable": ok["resolvable"][0] / max(1, ok["resolvable"][1]),
            "accuracy_unresolvable": ok["unresolvable"][0] / max(1, ok["unresolvable"][1]),
            "n_resolvable": ok["resolvable"][1], "n_unresolvable": ok["unresolvable"][1], "misses": misses}


def article(rows: list[dict], words: int = 500) -> str:
    out, n = [], 0
    for r in rows:
        out.append(r["text"])
        n += len(r["text"].split())
        if n >= words:
            break
    return " ".join(out)


GOLD_SETS = (("corpus", ROOT / "tests" / "corpus", "gold_*.jsonl", ROOT / "tests" / "corpus" / "articles"),
             ("dev", Path("/work/shared/dev"), "gold.jsonl", Path("/work/shared/dev")))


def gold_places(gold_dir: Path, pattern: str, articles: Path, show: bool = False) -> dict:
    """For every distinct gold event place (doc, name_ar): is it found as a LOCATION entity
    (names match as the scorer matches them), and does a found entity's country and admin1
    agree with the gold ones (admin1 only when the gold gives one)?"""
    from rasd.eval import governorate_key, names_match
    from rasd.pipeline import Config, Pipeline

    pipe = Pipeline(Config(components=("places",)))
    n = found = agree = 0
    misses: list[str] = []
    for gp in sorted(gold_dir.glob(pattern)):
        for line in gp.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            g = json.loads(line)
            art = articles / g["doc"]
            if not art.exists():
                continue
            doc = pipe.extract(art.read_text(encoding="utf-8"), doc_id=g["doc"])
            locs = [e.location for e in doc.entities if e.type == "LOCATION" and e.location]
            seen = set()
            for ev in g.get("events", []):
                gl = ev.get("location") or {}
                name = gl.get("name_ar")
                if not name or name in seen:
                    continue
                seen.add(name)
                n += 1
                hits = [x for x in locs if names_match(x.name_ar, name)]
                if not hits:
                    misses.append(f"{g['doc']}\tMISSING\t{name}")
                    continue
                found += 1
                ok = [x for x in hits if x.country_code == gl.get("country") and (
                      not gl.get("admin1") or governorate_key(x.admin1) == governorate_key(gl.get("admin1")))]
                if ok:
                    agree += 1
                else:
                    h = hits[0]
                    misses.append(f"{g['doc']}\tWRONG\t{name}\tgot {h.country_code}/{h.admin1} ({h.name_ar}),"
                                  f" want {gl.get('country')}/{gl.get('admin1')}")
    if show:
        for m in misses:
            print("  " + m)
    return {"places": n, "found": found, "agree": agree}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="store_true", help="time a fresh build of the default store")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--gold", action="store_true",
                    help="only: place finding and admin agreement on the gold events (corpus and dev)")
    a = ap.parse_args(argv)
    if a.gold:
        for name, d, pattern, arts in GOLD_SETS:
            if not d.exists():
                print(f"{name}: {d} absent, skipped")
                continue
            r = gold_places(d, pattern, arts, a.show_misses)
            n = r["places"] or 1
            print(f"{name}: {r['places']} gold places, found {r['found'] / n:.3f}, "
                  f"found with the right country/admin1 {r['agree'] / n:.3f}")
        return 0
    from rasd.geo.store import build_default, open_store
    from rasd.recognize.places import Finder, lexicon

    if a.build:
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            build_default(Path(d) / "default.sqlite")
            print(f"build time: {time.perf_counter() - t:.1f} s")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    g = open_store()
    print(f"store load: {time.perf_counter() - t:.2f} s, {g.count()} places, {len(g.keys)} Arabic name keys")
    rows = [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]
    text = article(rows)
    from rasd.text import normalize

    s = normalize(text).norm
    lex = lexicon()
    Finder(g, lex, s).mentions()  # warm the candidate cache as a long run would be
    n = 50
    t = time.perf_counter()
    for _ in range(n):
        Finder(g, lex, s).mentions()
    dt = (time.perf_counter() - t) / n
    print(f"gazetteer lookups (mention finding) per 500-word article: {dt * 1000:.2f} ms")
    w = _work(text)
    from rasd.recognize.places import find_places

    t = time.perf_counter()
    for _ in range(10):
        w.entities.clear()
        find_places(w, g)
    print(f"find + resolve per 500-word article: {(time.perf_counter() - t) / 10 * 1000:.2f} ms")
    res = evaluate(g, rows)
    print(f"resolution accuracy (resolvable, n={res['n_resolvable']}): {res['accuracy_resolvable']:.3f}")
    print(f"unknown places kept unresolved (n={res['n_unresolvable']}): {res['accuracy_unresolvable']:.3f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"resident memory (max RSS) with the store loaded: {rss / 1024:.0f} MB (before load {rss0 / 1024:.0f} MB)")
    if a.show_misses:
        for m in res["misses"]:
            print("MISS", *m, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
