"""Quality floors: the seed article, our own gold corpus, and the real dev set.

These run the whole pipeline and score it with ``rasd.eval`` (the same code as
``rasd eval``). The floors guard against regressions; the figures are printed
(``pytest -s``) and reported by ``bench/quality.py``.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import DEV, SEED, SEED_GOLD, need
from rasd import Pipeline
from rasd.eval import format_report, score

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def _gold(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def corpus_gold() -> list[dict]:
    out = []
    for f in sorted(CORPUS.glob("gold_*.jsonl")):
        out += _gold(f)
    return out


def run_corpus(nlp, gold: list[dict], folder: Path):
    records = []
    for g in gold:
        text = (folder / g["doc"]).read_text(encoding="utf-8")
        from rasd.ingest import prepare_text

        prep = prepare_text(text)
        records.append(nlp.extract(prep.text, title=prep.title, published=g.get("published"),
                                   outlet=g.get("outlet"), doc_id=g["doc"], warnings=prep.warnings).to_dict())
    return score(gold, records), records


def test_seed_acceptance(nlp):
    need(SEED)
    from rasd.ingest import prepare_text

    prep = prepare_text(SEED.read_text(encoding="utf-8"))
    doc = nlp.extract(prep.text, title=prep.title, published="2020-01-16", doc_id=SEED.name)
    report = score(_gold(need(SEED_GOLD)), [doc.to_dict()])
    print(format_report(report))
    t = report.to_dict()["totals"]
    assert t["core_matched"] == t["gold_core"] == 6
    assert t["not_event_hits"] == 0
    assert report.f1 >= 0.85
    assert t["relations_found"] >= 10


# The target on our own corpus is 0.85. The rules were tuned on these 60 articles
# (and on the dev set), so this is an optimistic figure; tests/heldout is the honest one.
CORPUS_FLOOR = 0.85
# tests/heldout: 20 articles written after the rules, by a different hand, never tuned on
# (README there). Its floor only guards against regressions; the figure is reported.
HELDOUT = Path(__file__).resolve().parent / "heldout"
HELDOUT_FLOOR = 0.75


def test_own_corpus_floor(nlp):
    gold = corpus_gold()
    assert len(gold) >= 60, f"the corpus should hold at least 60 articles, has {len(gold)}"
    report, _ = run_corpus(nlp, gold, CORPUS / "articles")
    print(format_report(report))
    assert report.f1 >= CORPUS_FLOOR


def test_heldout_floor(nlp):
    gold = [g for f in sorted(HELDOUT.glob("gold_*.jsonl")) for g in _gold(f)]
    assert len(gold) >= 20, f"the held-out set should hold 20 articles, has {len(gold)}"
    report, _ = run_corpus(nlp, gold, HELDOUT / "articles")
    print(format_report(report))
    assert report.f1 >= HELDOUT_FLOOR


def test_dev_floor(nlp):
    need(DEV / "gold.jsonl")
    gold = _gold(DEV / "gold.jsonl")
    meta = {r["file"]: r for r in csv.DictReader((DEV / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t")}
    for g in gold:
        g.setdefault("published", meta[g["doc"]]["published"])
    report, _ = run_corpus(nlp, gold, DEV)
    print(format_report(report))
    assert report.f1 >= 0.6  # the floor
    assert report.f1 >= 0.85, "dev F1 fell below 0.85 (0.905 at the end of session 2): a regression"
