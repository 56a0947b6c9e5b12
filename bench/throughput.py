#!/usr/bin/env python
"""Throughput of rasd's text layer (and, with --full, of the whole pipeline).

Builds a corpus of at least --articles documents from the project's own test texts
(tests/corpus/articles/*.txt; else any Arabic *.txt / *.jsonl "text" fields / Arabic
lines of test modules under tests/), replicated with a counter so no two are equal,
then prints articles/s, characters/s and peak memory.

    python bench/throughput.py                 text layer: normalise + sentences + tokens
    python bench/throughput.py --full          also Pipeline().extract on every article
    python bench/throughput.py --articles 5000 --full --limit 500
    python bench/throughput.py --words 400     the target: ~400-word articles, end to end
    python bench/throughput.py --words 400 --dev ../shared/dev --scaling

``--words N`` builds articles of at least N words from the paragraphs of
tests/corpus/articles/*.txt (a title line, then paragraphs taken in turn from the
corpus, a counter so no two are equal, the publication date of the article the title
comes from) and runs them end to end as the CLI does: cleaning (``extract_raw``),
extraction and the JSON record. ``--dev`` does the same on real articles (a folder of
*.txt with SOURCES.tsv, or a JSONL of text/published), each repeated ``--dev-rounds``
times. ``--scaling`` extracts one article repeated 1x, 3x and 10x (under the 100,000
character limit) and prints the time per 1,000 characters, which must stay flat.

Rates are given per CPU second of this process (``time.process_time``: one core,
whatever else the machine runs) and per wall-clock second.

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


def _published_dates() -> dict[str, str]:
    """Article file name -> publication date, from the corpus gold files."""
    out: dict[str, str] = {}
    for g in sorted((TESTS / "corpus").glob("gold_*.jsonl")):
        for line in g.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and rec.get("doc") and rec.get("published"):
                out[rec["doc"]] = rec["published"]
    return out


def build_word_corpus(n: int, words: int) -> tuple[list[tuple[str, str]], str]:
    """``n`` (text, published) articles of at least ``words`` words each, from the
    paragraphs of tests/corpus/articles/*.txt."""
    arts = sorted((TESTS / "corpus" / "articles").glob("*.txt"))
    if not arts:
        sys.exit("--words needs tests/corpus/articles/*.txt")
    dates = _published_dates()
    titles, paras, pubs = [], [], []
    for p in arts:
        blocks = [b.strip() for b in p.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        titles.append(blocks[0])
        pubs.append(dates.get(p.name, "2020-01-16"))
        paras.extend(b for b in blocks[1:] if len(b.split()) >= 8)  # not datelines ("إدلب-سانا")
    corpus = []
    k = 0
    for i in range(n):
        body, count = [], 0
        while count < words:
            para = paras[k % len(paras)]
            k += 1
            body.append(para)
            count += len(para.split())
        text = titles[i % len(titles)] + "\n\n" + "\n\n".join(body) + f"\n\n({i})"
        corpus.append((text, pubs[i % len(titles)]))
    return corpus, f"{len(paras)} paragraphs of {len(arts)} files in tests/corpus/articles"


def dev_corpus(path: Path, rounds: int) -> list[tuple[str, str]]:
    """(text, published) of real articles: a folder of *.txt (+ SOURCES.tsv) or a JSONL."""
    docs: list[tuple[str, str]] = []
    if path.is_dir():
        pubs = {}
        tsv = path / "SOURCES.tsv"
        if tsv.exists():
            for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
                cols = line.split("\t")
                if len(cols) > 1:
                    pubs[cols[0]] = cols[1]
        for p in sorted(path.glob("*.txt")):
            docs.append((p.read_text(encoding="utf-8"), pubs.get(p.name)))
    else:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                docs.append((rec["text"], rec.get("published")))
    return [(f"{t}\n\n({r})" if r else t, pub) for r in range(rounds) for t, pub in docs]


def end_to_end(docs: list[tuple[str, str]]) -> None:
    """What ``rasd extract`` does per document: clean, extract, serialise."""
    from rasd import Pipeline
    from rasd.ingest import extract_raw, read_text

    p = _pipeline(Pipeline)
    for i, (text, pub) in enumerate(docs):
        raw = read_text(text, doc_id=f"d{i}")
        raw.published = pub
        extract_raw(p, raw).to_json()


_PIPELINES: dict = {}


def _pipeline(cls):
    if "p" not in _PIPELINES:
        _PIPELINES["p"] = cls()
    return _PIPELINES["p"]


def measure_docs(name: str, docs: list[tuple[str, str]]) -> None:
    from rasd.pipeline import Pipeline, freeze_loaded

    end_to_end(docs[:5])  # warm-up: imports, loaders, caches
    freeze_loaded(_pipeline(Pipeline))  # as `rasd extract` does after its first document
    c0, t0 = time.process_time(), time.perf_counter()
    end_to_end(docs)
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    tracemalloc.start()
    end_to_end(docs[: max(20, len(docs) // 10)])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    chars = sum(len(t) for t, _ in docs)
    words = sum(len(t.split()) for t, _ in docs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: {len(docs)} articles, {words / len(docs):.0f} words / {chars / len(docs):,.0f} chars on average; "
          f"CPU {cpu:.2f} s = {len(docs) / cpu:,.0f} articles/s, {chars / cpu / 1e6:.2f} M chars/s "
          f"({1000 * cpu / len(docs):.2f} ms/article); wall {wall:.2f} s = {len(docs) / wall:,.0f} articles/s; "
          f"peak traced memory {peak / 2**20:.1f} MiB, process peak RSS {rss:.0f} MiB")


def scaling(text: str, pub: str) -> None:
    """Time per 1,000 characters for one article repeated 1x, 3x, 10x."""
    body = text.rsplit("\n\n(", 1)[0]
    for k in (1, 3, 10):
        doc = "\n\n".join(f"{body}\n\n({j})" for j in range(k))
        reps = max(1, 10 // k)
        end_to_end([(doc, pub)])
        cpu = float("inf")
        for _ in range(5):  # the best of five: the machine's noise only ever adds time
            c0 = time.process_time()
            end_to_end([(doc, pub)] * reps)
            cpu = min(cpu, (time.process_time() - c0) / reps)
        print(f"  scaling {k:>2}x: {len(doc):>7,} chars in {1000 * cpu:8.1f} ms = {1e6 * cpu / len(doc):.3f} ms per 1,000 chars")


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
    ap.add_argument("--words", type=int, default=None,
                    help="end to end on articles of at least this many words (e.g. 400)")
    ap.add_argument("--word-articles", type=int, default=300, help="articles for --words (default 300)")
    ap.add_argument("--dev", type=Path, default=None,
                    help="end to end on real articles: a folder of *.txt (+ SOURCES.tsv) or a JSONL")
    ap.add_argument("--dev-rounds", type=int, default=10, help="times each --dev article is extracted (default 10)")
    ap.add_argument("--scaling", action="store_true", help="time per character of 1x, 3x, 10x long articles")
    args = ap.parse_args(argv)
    if args.words or args.dev or args.scaling:
        words = args.words or 400
        docs, where = build_word_corpus(args.word_articles, words)
        if args.words:
            print(f"corpus: {len(docs)} articles of >= {words} words from {where}")
            measure_docs(f"end to end, {words}-word articles (clean + extract + JSON)", docs)
        if args.dev:
            measure_docs(f"end to end, real articles of {args.dev} x{args.dev_rounds}",
                         dev_corpus(args.dev, args.dev_rounds))
        if args.scaling:
            print(f"scaling of one {words}-word article:")
            scaling(*docs[0])
        if not args.full:
            return 0
    corpus, where = build_corpus(args.articles)
    print(f"corpus: {len(corpus)} articles replicated from {where}")
    measure("text layer (normalize + split_sentences + tokenize)", text_layer, corpus)
    if args.full:
        measure("full pipeline (Pipeline().extract)", full_pipeline, corpus[: args.limit or len(corpus)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
