"""Benchmark: actor recognition throughput, automaton build time, memory.

    python bench/actors.py [--mb 1.0]

Builds ≥1 MB of Arabic text by repeating the labelled passages (tests/data/actor_passages.jsonl)
in shuffled 20-passage "documents", then prints MB/s of the actors component, the time to
load the KB and build the automaton, and peak memory (tracemalloc) of the loaded base.
Targets: ≥1 MB/s per core, build < 1 s, < 100 MB.
"""
from __future__ import annotations

import argparse
import json
import random
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(min_mb: float) -> list[str]:
    rows = [json.loads(x)["text"] for x in (ROOT / "tests/data/actor_passages.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    rng = random.Random(7)
    docs, size = [], 0
    while size < min_mb * 1e6:
        doc = "\n\n".join(rng.sample(rows, min(20, len(rows))))
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0, help="MB of Arabic text to recognise (default 1)")
    args = ap.parse_args()

    from rasd.kb import loader

    t0 = time.perf_counter()
    kb = loader._load_cached.__wrapped__(())  # uncached: measure a cold load
    t1 = time.perf_counter()
    kb.automaton
    t2 = time.perf_counter()
    tracemalloc.start()  # a second cold load, for memory only (tracemalloc slows things down)
    loader._load_cached.__wrapped__(()).automaton
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"kb: {len(kb.actors)} actors, {len(kb.index)} indexed forms")
    print(f"load YAML + index: {t1 - t0:.3f} s; automaton build: {t2 - t1:.3f} s; total {t2 - t0:.3f} s (target < 1 s)")
    print(f"peak memory while loading (tracemalloc): {peak / 1e6:.1f} MB (target < 100 MB)")

    from rasd.models import Source
    from rasd.pipeline import Work
    from rasd.recognize.actors import find_mentions, recognize_actors
    from rasd.text import normalize, split_sentences

    docs = corpus(args.mb)
    works = [Work("b", d, normalize(d), split_sentences(d), None, Source()) for d in docs]
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    find_mentions.cache_clear()
    t0 = time.perf_counter()
    n = 0
    for w in works:
        recognize_actors(w, kb)
        n += len(w.entities)
    dt = time.perf_counter() - t0
    print(f"recognition: {mb:.2f} MB in {dt:.2f} s = {mb / dt:.2f} MB/s on one core "
          f"({n} ACTOR entities; text normalisation and sentence splitting excluded) (target ≥ 1 MB/s)")


if __name__ == "__main__":
    main()
