"""Ingest throughput: documents/s for 1 and 2 workers (local processes and Dask), peak memory.

    python bench/ingest.py                      # 200 generated documents, the real pipeline
    python bench/ingest.py --docs 1000 --extractor test_ingest:fake_extract   # store-only cost

The corpus is generated from tests/corpus/articles as in tests/test_ingest.py (sentence
mixtures, syndicated copies, exact duplicates). Prints one line per configuration.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--extractor", default=None, help="MODULE:FUNCTION instead of the real pipeline")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()

    from test_ingest import build_corpus

    from rasd.store import Store
    from rasd.store.loader import Extractor, ingest

    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-"))
    corpus = tmp / "corpus.jsonl"
    build_corpus(corpus, n=args.docs)
    ext = Extractor(plugin=args.extractor)
    configs = [("local", 1), ("local", 2)] + ([] if args.no_dask else [("dask", 1), ("dask", 2)])
    print(f"corpus: {args.docs} lines, extractor: {args.extractor or 'rasd.Pipeline()'}")
    for engine, n in configs:
        db = tmp / f"{engine}{n}.duckdb"
        t0 = time.perf_counter()
        with Store(db) as st:
            if engine == "local":
                s = ingest(st, [corpus], ext, workers=n, batch_size=50)
            else:
                from rasd.dist import ingest_dask

                s = ingest_dask(st, [corpus], ext, n_workers=n, shard_dir=tmp / "shards", partition_size=50)
        secs = time.perf_counter() - t0
        me, kids = peak_mb()
        done = s.stored + s.duplicates + s.rejected
        print(f"{engine:5s} workers={n}: {done / secs:7.1f} docs/s  ({done} docs, {s.events} events, {secs:.1f} s)  "
              f"peak RSS main {me:.0f} MB, children {kids:.0f} MB")


if __name__ == "__main__":
    main()
