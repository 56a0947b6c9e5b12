"""Event-extraction quality: the seed, our gold corpus, the real dev set.

    python bench/quality.py            # all three, with rasd eval's summary lines
    python bench/quality.py --details  # also the per-document tables

Prints the figures the closing notes report (event F1, P, R, relations, not-events)
and the full-pipeline speed on the same articles.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from rasd import Pipeline  # noqa: E402
from rasd.eval import format_report, score  # noqa: E402
from rasd.ingest import prepare_text  # noqa: E402


def gold_lines(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def run(nlp, name: str, gold: list[dict], folder: Path, published: dict, details: bool) -> None:
    records, chars = [], 0
    t0 = time.perf_counter()
    for g in gold:
        prep = prepare_text((folder / g["doc"]).read_text(encoding="utf-8"))
        chars += len(prep.text)
        records.append(nlp.extract(prep.text, title=prep.title, published=published.get(g["doc"], g.get("published")),
                                   outlet=g.get("outlet"), doc_id=g["doc"], warnings=prep.warnings).to_dict())
    dt = time.perf_counter() - t0
    rep = score(gold, records)
    text = format_report(rep)
    lines = text.splitlines()
    print(f"== {name}: {len(gold)} articles, {len(gold) / dt:.0f} articles/s ({chars / dt / 1e3:.0f} k chars/s)")
    print("\n".join(lines if details else lines[-4:]))
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    nlp = Pipeline()
    nlp.extract("تمهيد.", published="2020-01-01")  # load everything once
    seed_gold = SHARED / "seed" / "idlib-article.gold.jsonl"
    if seed_gold.exists():
        run(nlp, "seed", gold_lines(seed_gold), SHARED / "seed", {}, args.details)
    corpus = ROOT / "tests" / "corpus"
    gold = [g for f in sorted(corpus.glob("gold_*.jsonl")) for g in gold_lines(f)]
    run(nlp, "own gold corpus (tuned on)", gold, corpus / "articles", {}, args.details)
    heldout = ROOT / "tests" / "heldout"
    gold = [g for f in sorted(heldout.glob("gold_*.jsonl")) for g in gold_lines(f)]
    run(nlp, "held-out corpus (never tuned on)", gold, heldout / "articles", {}, args.details)
    dev = SHARED / "dev"
    if (dev / "gold.jsonl").exists():
        meta = {r["file"]: r["published"] for r in csv.DictReader((dev / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t")}
        run(nlp, "dev (20 real articles)", gold_lines(dev / "gold.jsonl"), dev, meta, args.details)
    else:
        print("dev set: ../shared/dev is absent, skipped")


if __name__ == "__main__":
    main()
