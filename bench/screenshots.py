"""Screenshots of the web page for the docs: docs/map.png, docs/article.png, docs/actor.png.

Builds a store from the dev articles (publication dates and outlets from
../shared/dev/SOURCES.tsv) and the seed article, extracted with the real pipeline,
serves it on 127.0.0.1 and photographs the page in headless Chromium. Falls back
to the hand-made sample records when ../shared is absent.

    python bench/screenshots.py [--shared ../shared] [--out docs]
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_documents(shared: Path):
    from rasd import Pipeline

    pipe = Pipeline()
    src = shared / "dev" / "SOURCES.tsv"
    with src.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = shared / "dev" / row["file"]
            yield pipe.extract(path.read_text(encoding="utf-8"), published=row["published"] or None,
                               outlet=row["outlet"] or None, doc_id=row["file"])
    seed = shared / "seed" / "idlib-article.txt"
    yield pipe.extract(seed.read_text(encoding="utf-8"), published="2020-01-16", outlet="Sputnik Arabic", doc_id=seed.name)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args(argv)

    from rasd.api import create_app
    from rasd.store import EventFilter, Store
    from rasd.web.browser import chromium, chromium_missing, serve_in_thread, wait_for
    from rasd.web.demo import sample_documents

    reason = chromium_missing()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    docs = list(shared_documents(args.shared)) if (args.shared / "dev" / "SOURCES.tsv").exists() else sample_documents()
    print(f"extracted {len(docs)} documents, {sum(len(d.events) for d in docs)} events in {time.perf_counter() - t0:.1f}s")
    tmp = Path(tempfile.mkdtemp(prefix="rasd-shots-")) / "rasd.duckdb"
    st = Store(tmp)
    print(st.add_documents(docs))
    # the article to show: the seed (or the first document) at its first located event
    rows = st.query_events(EventFilter(), limit=None)
    st.close()
    pick = next((r for r in rows if r["doc_id"] == "idlib-article.txt" and r["location"] and r["location"].get("latitude")), None) \
        or next((r for r in rows if r["location"] and r["location"].get("latitude")), rows[0] if rows else None)
    actor = next((r["actor1"]["ref"] for r in rows if r.get("actor1") and r["actor1"].get("ref")), None)
    app = create_app(tmp)
    args.out.mkdir(parents=True, exist_ok=True)
    with serve_in_thread(app) as url, chromium(1500, 950) as d:
        d.get(url + "/")
        wait_for(d, lambda b: b.execute_script("return document.body.getAttribute('data-ready')"), what="page")
        time.sleep(1.0)
        d.save_screenshot(str(args.out / "map.png"))
        if pick:
            d.get(url + f"/#/doc/{pick['doc_id']}/{pick['id']}")
            wait_for(d, lambda b: b.find_element("id", "evidence"), what="article")
            time.sleep(0.8)
            d.save_screenshot(str(args.out / "article.png"))
        if actor:
            d.get(url + f"/#/actor/{actor}")
            wait_for(d, lambda b: b.find_element("id", "graph"), what="actor page")
            time.sleep(0.8)
            d.save_screenshot(str(args.out / "actor.png"))
    app.state.store.close()
    print("wrote", ", ".join(str(p) for p in sorted(args.out.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
