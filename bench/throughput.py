#!/usr/bin/env python
"""Throughput of rasd's text layer (and, with --full, of the whole pipeline).

Builds a corpus of at least --articles documents from the project's own test texts
(tests/corpus/articles/*.txt; else any Arabic *.txt / *.jsonl "text" fields / Arabic
lines of test modules under tests/), replicated with a counter so no two are equal,
then prints articles/s, characters/s and peak memory.

    python bench/throughput.py                 text layer: normalise + sentences + tokens
    python bench/throughput.py --full          also Pipeline().extract on every article
    python bench/throughput.py --articles 5000 --full --limit 500

Figures only; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
_AR = re.compile(r"[\u0600-\u06FF]")


def _arabic(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters > 0 and len(_AR.findall(text)) / letters > 0.5


def source_texts() -> tuple[list[str], str]:
    """The project's own test texts, best source first."""
    arts = sorted((TESTS / "corpus" / "articles").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in arts]
    if texts:
        return texts, f"{len(texts)} files in tests/corpus/articles"
    for p in sorted(TESTS.rglob("*.txt")):
        t = p.read_text(encoding="utf-8", errors="replace")
        if _arabic(t):
            texts.append(t)
    for p in sorted(TESTS.rglob("*.jsonl")):
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                t = json.loads(line).get("text")
            except (ValueError, AttributeError):
                continue
            if isinstance(t, str) and _arabic(t):
                texts.append(t)
    if texts:
        return texts, f"{len(texts)} Arabic text files/records under tests/"
    # last resort: Arabic string literals of the test modules, grouped into articles
    lines = []
    for p in sorted(TESTS.rglob("*.py")):
        for lit in re.findall(r'"([^"\n]{40,})"', p.read_text(encoding="utf-8")):
            if _arabic(lit):
                lines.append(lit)
    arts = ["\n\n".join(lines[i:i + 6]) for i in range(0, len(lines), 6)]
    return arts, f"{len(arts)} articles assembled from {len(lines)} Arabic sentences in tests/*.py"


def build_corpus(n: int) -> tuple[list[str], str]:
    texts, where = source_texts()
    if not texts:
        sys.exit("no Arabic test texts found under tests/")
    corpus = [f"{texts[i % len(texts)]}\n\n({i})" for i in range(max(n, len(texts)))]
    return corpus, where


def text_layer(corpus: list[str]) -> None:
    from rasd.text import normalize, split_sentences, tokenize

    for t in corpus:
        normalize(t)
        split_sentences(t)
        tokenize(t)


def full_pipeline(corpus: list[str]) -> None:
    from rasd import Pipeline

    p = Pipeline()
    for t in corpus:
        p.extract(t, published="2020-01-16")


def measure(name: str, fn, corpus: list[str]) -> None:
    fn(corpus[:5])  # warm-up: imports, loaders, caches
    t0 = time.perf_counter()
    fn(corpus)
    dt = time.perf_counter() - t0
    tracemalloc.start()
    fn(corpus[: max(50, len(corpus) // 10)])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    chars = sum(len(t) for t in corpus)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{name}: {len(corpus)} articles ({chars / 1e6:.2f} M chars) in {dt:.2f} s = "
          f"{len(corpus) / dt:,.0f} articles/s, {chars / dt / 1e6:.2f} M chars/s; "
          f"peak traced memory {peak / 2**20:.1f} MiB (on a tenth of the corpus), process peak RSS {rss:.0f} MiB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    ap.add_argument("--full", action="store_true", help="also time Pipeline().extract")
    ap.add_argument("--limit", type=int, default=None, help="articles for --full (default: all)")
    args = ap.parse_args(argv)
    corpus, where = build_corpus(args.articles)
    print(f"corpus: {len(corpus)} articles replicated from {where}")
    measure("text layer (normalize + split_sentences + tokenize)", text_layer, corpus)
    if args.full:
        measure("full pipeline (Pipeline().extract)", full_pipeline, corpus[: args.limit or len(corpus)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
