"""p95 latency of GET /events on a store of N synthetic events (default 100,000).

    python bench/api.py [--events 100000] [--requests 200]

Synthetic records: one event per document, random types, dates, places in
Syria/Iraq/Yemen, built directly as document records and ingested through the
store. Requests go through FastAPI's TestClient (in-process, no network), with a
mix of filters: none, type, admin1, date range, actor, near, GeoJSON pages.
Target: p95 < 200 ms. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

TYPES = {
    "Battles": ["Armed clash"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack"],
    "Protests": ["Peaceful protest"],
    "Strategic developments": ["Arrests"],
}
PLACES = [("Idlib", "SY", 760, "Syria", 35.93, 36.63), ("Aleppo", "SY", 760, "Syria", 36.2, 37.16),
          ("Daraa", "SY", 760, "Syria", 32.62, 36.1), ("Diyala", "IQ", 368, "Iraq", 33.75, 44.6),
          ("Nineveh", "IQ", 368, "Iraq", 36.34, 43.13), ("Marib", "YE", 887, "Yemen", 15.46, 45.32),
          ("Taizz", "YE", 887, "Yemen", 13.58, 44.02)]
ACTORS = [("actor:saa", "Military Forces of Syria"), ("actor:hts", "Hayat Tahrir al-Sham"), ("actor:is", "Islamic State"),
          ("actor:houthi", "Ansar Allah"), ("actor:mil-iq", "Military Forces of Iraq"), (None, "Unidentified Armed Group")]
OUTLETS = ["Wire A", "Wire B", "Gazette C", "Channel D"]


def synthetic(n: int, seed: int = 7):
    import datetime as dt

    from rasd.models import Actor, Document, Event, Location, Provenance, Source, Span

    rnd = random.Random(seed)
    day0 = dt.date(2018, 1, 1)
    for i in range(n):
        et = rnd.choice(list(TYPES))
        adm, cc, iso, country, lat, lon = rnd.choice(PLACES)
        date = (day0 + dt.timedelta(days=rnd.randrange(1500))).isoformat()
        a1, a2 = rnd.sample(ACTORS, 2)
        text = f"خبر رقم {i}: حدث في {adm} بتاريخ {date}."
        yield Document(
            doc_id=f"syn-{i}", content_hash=f"sha256:syn{i:08d}", source=Source(outlet=rnd.choice(OUTLETS), published=date),
            language="ar", text=text, provenance=Provenance(rasd="bench"),
            events=[Event(id=f"ev-{i}", event_type=et, sub_event_type=rnd.choice(TYPES[et]), event_date=date, time_precision=1,
                          actor1=Actor(ref=a1[0], name=a1[1], inter=1), actor2=Actor(ref=a2[0], name=a2[1], inter=2),
                          location=Location(name=adm, country=country, iso=iso, country_code=cc, admin1=adm,
                                            latitude=lat + rnd.uniform(-0.5, 0.5), longitude=lon + rnd.uniform(-0.5, 0.5), geo_precision=1),
                          fatalities=rnd.choice([None, 0, 1, 2, 5, 12]), evidence=Span(start=0, end=len(text)), confidence=0.8)])


def bulk_load(st, docs, batch: int = 10_000) -> int:
    """Write documents and event rows as the store does, minus near-duplicate detection and
    clustering (each event is its own cluster). The read path under test is the same."""
    import json

    from rasd.store.store import EVENT_SEQ_STRIDE, _date

    first = (st.con.execute("SELECT max(seq) FROM documents").fetchone()[0] or 0) + 1
    total = 0
    for k in range(0, len(docs), batch):
        doc_rows, ev_rows = [], []
        for j, d in enumerate(docs[k:k + batch]):
            seq = first + k + j
            rec = d.to_dict()
            pub = _date(d.source.published)
            doc_rows.append({"content_hash": d.content_hash, "seq": seq, "doc_id": d.doc_id, "outlet": d.source.outlet,
                             "url": None, "published": pub, "language": d.language, "title": d.title, "text": d.text,
                             "record": json.dumps(rec, ensure_ascii=False),
                             "provenance": json.dumps(rec["provenance"], ensure_ascii=False),
                             "n_events": len(d.events), "dup_of": None, "minhash": []})
            for i, ev in enumerate(rec["events"]):
                row = st._event_row(d, ev, seq * EVENT_SEQ_STRIDE + i, pub)
                row["cluster_id"] = "c-" + ev["id"]
                ev_rows.append(row)
        with st._tx():
            st._append("documents", doc_rows)
            st._append("events", ev_rows)
        total += len(ev_rows)
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--db", type=Path, default=None, help="reuse/keep this store file")
    ap.add_argument("--full-ingest", action="store_true",
                    help="load through Store.add_documents (with clustering; slow for 100,000 synthetic events "
                         "that share 7 places) instead of the bulk loader")
    args = ap.parse_args(argv)

    from fastapi.testclient import TestClient

    from rasd.api import create_app
    from rasd.store import Store

    db = args.db or Path(tempfile.mkdtemp(prefix="rasd-bench-")) / "bench.duckdb"
    st = Store(db)
    have = st.count_events()
    if have < args.events:
        t0 = time.perf_counter()
        docs = list(synthetic(args.events))
        docs = docs[have:]
        if args.full_ingest:
            stats = st.add_documents(docs, batch_size=5000)
            print(f"ingested {stats.stored} documents / {stats.events} events in {time.perf_counter() - t0:.1f}s")
        else:
            n = bulk_load(st, docs)
            print(f"bulk-loaded {n} events (no clustering) in {time.perf_counter() - t0:.1f}s")
    print(f"store: {st.count_events()} events at {db}")
    st.close()

    queries = [
        {}, {"type": "Battles"}, {"admin1": "Idlib"}, {"since": "2019-01-01", "until": "2019-03-31"},
        {"actor": "actor:hts"}, {"outlet": "Wire B"}, {"near": "36.2,37.16,30"}, {"type": "Protests", "admin1": "Taizz"},
        {"offset": 5000}, {"format": "geojson", "limit": 500}, {"format": "geojson", "limit": 1000, "type": "Battles"},
    ]
    app = create_app(db)
    with TestClient(app) as c:
        c.get("/events")  # warm-up
        lat: dict[str, list[float]] = {}
        for i in range(args.requests):
            q = queries[i % len(queries)]
            t = time.perf_counter()
            r = c.get("/events", params=q)
            ms = (time.perf_counter() - t) * 1000
            assert r.status_code == 200, r.text
            lat.setdefault(str(q), []).append(ms)
        t = time.perf_counter()
        c.get("/facets")
        facets_ms = (time.perf_counter() - t) * 1000
    app.state.store.close()
    allv = sorted(v for vs in lat.values() for v in vs)

    def p(vs, q):
        vs = sorted(vs)
        return vs[min(len(vs) - 1, int(round(q * (len(vs) - 1))))]

    print(f"GET /events over {len(allv)} requests: p50 {p(allv, .5):.1f} ms, p95 {p(allv, .95):.1f} ms, max {allv[-1]:.1f} ms "
          f"(target p95 < 200 ms: {'met' if p(allv, .95) < 200 else 'NOT met'})")
    for k, vs in lat.items():
        print(f"  {k:60s} median {statistics.median(vs):7.1f} ms  p95 {p(vs, .95):7.1f} ms")
    print(f"GET /facets (first call, uncached): {facets_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
