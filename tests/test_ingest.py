"""``rasd ingest``: a 2,000-document corpus, idempotence, SIGKILL and rerun, bad input.

The corpus is built from the repository's test articles (tests/corpus/articles) as
random mixtures of their sentences plus one generated event sentence each, with
syndicated copies (small edits, another outlet) and exact duplicates. Extraction uses
``fake_extract`` below, a small deterministic extractor (villages + keywords), so the
store is tested independently of the real pipeline's progress; one test also runs the
real pipeline.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasd.cli import main
from rasd.ingest import prepare
from rasd.models import Document
from rasd.pipeline import content_hash
from rasd.store import Store
from rasd.store.loader import Extractor, iter_items, ingest

from test_store import ACTORS, VILLAGES, make_event

TESTS = Path(__file__).resolve().parent
ARTICLES = TESTS / "corpus" / "articles"
OUTLETS = ["SANA", "Enab Baladi", "Al Jazeera", "Asharq Al-Awsat", "Sky News Arabia"]
DATES = ["2020-01-14", "2020-01-15", "2020-01-16", "2020-01-20", "2020-02-03"]
EXTRACTOR = "test_ingest:fake_extract"


# ------------------------------------------------------------- fake extractor

def fake_extract(raw, published=None, outlet=None) -> Document:
    """Deterministic stand-in for the pipeline: one event per known village named in
    a sentence with a capture or shelling verb, dated by the publication date."""
    if os.environ.get("FAKE_PROGRESS_FILE"):
        with open(os.environ["FAKE_PROGRESS_FILE"], "a") as f:
            f.write("x\n")
    p = prepare(raw)
    text = p.text
    pub = raw.published or published
    events, entities = [], []
    for sent_start, sent in _sentences(text):
        kind = ("Explosions/Remote violence", "Shelling/artillery/missile attack") if "قصف" in sent else \
            ("Battles", "Government regains territory") if ("سيطر" in sent or "استعاد" in sent) else None
        if not kind:
            continue
        for name in VILLAGES:
            i = sent.find(name)
            if i < 0:
                continue
            s = sent_start + i
            entities.append({"id": f"e{len(entities) + 1}", "type": "LOCATION", "text": name, "start": s,
                             "end": s + len(name)})
            ev = make_event(len(events) + 1, type=kind[0], sub=kind[1], date=pub, place=name,
                            actor1="actor:saa" if "الجيش" in sent else None,
                            actor2="actor:hts" if "الهيئة" in sent else None,
                            start=sent_start, end=sent_start + len(sent))
            events.append(ev)
    relations = []
    if "هيئة تحرير الشام" in text and "داعش" in text:
        relations.append({"type": "allied_with", "source": {"ref": "actor:hts", "name": ACTORS["actor:hts"][0]},
                          "target": {"ref": "actor:isis", "name": ACTORS["actor:isis"][0]},
                          "evidence": {"start": 0, "end": 1}})
    return Document.model_validate({
        "doc_id": raw.doc_id, "content_hash": content_hash(text), "text": text, "title": p.title, "language": "ar",
        "source": {"outlet": raw.outlet or outlet, "published": pub, "url": raw.url},
        "entities": entities, "events": events, "relations": relations,
        "provenance": {"rasd": "0.1.0", "kb": "fake", "gazetteer": "fake"},
    })


def _sentences(text: str):
    start = 0
    for i, ch in enumerate(text):
        if ch in ".\n؟!":
            if text[start:i].strip():
                yield start, text[start:i]
            start = i + 1
    if text[start:].strip():
        yield start, text[start:]


# ------------------------------------------------------------------ corpus

def _sentence_pool() -> list[str]:
    out = []
    for f in sorted(ARTICLES.glob("*.txt")):
        for para in f.read_text(encoding="utf-8").split("\n\n"):
            out += [x.strip() for x in re.split(r"(?<=[.؟!])\s+", para) if len(x.strip()) > 60]
    assert len(out) >= 100, "tests/corpus/articles should hold a few articles"
    return out


EVENT_SENTENCES = [
    "وأفاد مراسلنا بأن وحدات الجيش سيطرت على {v} بعد اشتباكات مع عناصر الهيئة.",
    "وقالت مصادر ميدانية إن الجيش استعاد السيطرة على بلدة {v} صباح اليوم.",
    "وتعرضت {v} لقصف مدفعي عنيف أدى إلى دمار في منازل المدنيين.",
]


def build_corpus(path: Path, n: int = 2000, seed: int = 7) -> dict:
    """Write a JSONL corpus of ``n`` lines; returns the expected counts."""
    rng = random.Random(seed)
    pool = _sentence_pool()
    uniques: list[dict] = []
    expected = {"lines": n, "stored": 0, "duplicates": 0, "syndicated": 0}
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            kind = i % 10
            if kind < 7 or not uniques:
                sents = rng.sample(pool, 6)
                body = " ".join(sents[:3]) + "\n\n" + " ".join(sents[3:])
                sent = rng.choice(EVENT_SENTENCES).format(v=rng.choice(list(VILLAGES)))
                rec = {"doc_id": f"u{i}", "outlet": rng.choice(OUTLETS), "published": rng.choice(DATES),
                       "text": f"{body}\n\n{sent} (تقرير رقم {i})"}
                uniques.append(rec)
                expected["stored"] += 1
            elif kind < 9:  # syndicated copy: another outlet, a small edit
                orig = rng.choice(uniques)
                text = f"بيروت ({i}) - " + orig["text"].replace("وقالت", "وذكرت", 1).replace("عنيف", "شديد", 1)
                rec = {**orig, "doc_id": f"s{i}", "outlet": rng.choice([o for o in OUTLETS if o != orig["outlet"]]),
                       "text": text}
                expected["stored"] += 1
                expected["syndicated"] += 1
            else:  # exact duplicate under another id
                rec = {**rng.choice(uniques), "doc_id": f"d{i}"}
                expected["duplicates"] += 1
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return expected


def snapshot(db: Path) -> dict:
    """Everything a clean run determines: documents, events, relations, cluster membership."""
    with Store(db, read_only=True) as st:
        q = lambda sql: sorted(st.con.execute(sql).fetchall())  # noqa: E731
        return {
            "documents": q("SELECT content_hash, doc_id, outlet, seq, dup_of FROM documents"),
            "events": q("SELECT event_key, seq, event::VARCHAR, cluster_id FROM events"),
            "relations": q("SELECT content_hash, type, source_ref, target_ref FROM relations"),
            "clusters": q("SELECT cluster_id, representative, sources::VARCHAR, corroboration FROM clusters"),
            "entities": q("SELECT content_hash, entity_id, start_, end_ FROM entities"),
        }


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    return env


def _ingest_cmd(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "rasd.cli", "ingest", str(corpus), "--db", str(db), "--extractor", EXTRACTOR,
            "--quiet", "--batch-size", "50", *extra]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    path = d / "corpus.jsonl"
    return path, build_corpus(path)


@pytest.fixture(scope="module")
def clean_db(corpus, tmp_path_factory):
    path, _ = corpus
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    with Store(db) as st:
        stats = ingest(st, [path], Extractor(plugin=EXTRACTOR), batch_size=50)
    return db, stats


# ------------------------------------------------------------------- tests

def test_corpus_counts_and_reingest(corpus, clean_db):
    path, expected = corpus
    db, stats = clean_db
    assert (stats.stored, stats.duplicates, stats.rejected) == (expected["stored"], expected["duplicates"], 0)
    with Store(db) as st:
        c = st.counts()
        assert c["documents"] == expected["stored"] and c["events"] == stats.events > 0
        # syndicated copies are recognised (most of them: MinHash is probabilistic)
        dups = st.con.execute("SELECT count(*) FROM documents WHERE dup_of IS NOT NULL").fetchone()[0]
        assert 0.9 * expected["syndicated"] <= dups <= expected["syndicated"] * 1.05
        # a syndicated copy does not add corroboration: every cluster counts at most its outlets
        bad = st.con.execute("SELECT count(*) FROM clusters WHERE corroboration > json_array_length(sources)").fetchone()[0]
        assert bad == 0
        before = st.counts()
        again = ingest(st, [path], Extractor(plugin=EXTRACTOR), batch_size=50)
        assert (again.stored, again.duplicates) == (0, expected["lines"])
        assert st.counts() == before


def test_sigkill_then_rerun_equals_clean_run(corpus, clean_db, tmp_path):
    path, expected = corpus
    db = tmp_path / "killed.duckdb"
    marks = tmp_path / "progress.txt"
    env = _env()
    env["FAKE_PROGRESS_FILE"] = str(marks)
    proc = subprocess.Popen(_ingest_cmd(path, db), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if marks.exists() and marks.read_text().count("\n") >= expected["lines"] // 2:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db, read_only=True) as st:
        partial = st.counts()["documents"]
    assert 0 < partial < expected["stored"]
    done = subprocess.run(_ingest_cmd(path, db), env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "duplicates skipped" in done.stderr
    assert snapshot(db) == snapshot(clean_db[0])


def test_workers_give_the_same_records(corpus, clean_db, tmp_path):
    path, _ = corpus
    db = tmp_path / "w.duckdb"
    small = tmp_path / "small.jsonl"
    with open(path, encoding="utf-8") as f, open(small, "w", encoding="utf-8") as out:
        out.writelines(line for _, line in zip(range(300), f))
    ref = tmp_path / "ref.duckdb"
    with Store(ref) as st:
        ingest(st, [small], Extractor(plugin=EXTRACTOR), batch_size=40)
    with Store(db) as st:
        ingest(st, [small], Extractor(plugin=EXTRACTOR), batch_size=40, workers=2)
    assert snapshot(db) == snapshot(ref)


def test_bad_folder(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("سيطر الجيش على بلدة كفرنبل بعد معارك مع الهيئة.", encoding="utf-8")
    (d / "image.png").write_bytes(bytes(range(256)) * 40)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (d / "latin1.txt").write_bytes("سيطر".encode("utf-8") + b"\xff\xfe\xfa" * 3000)
    db = tmp_path / "s.duckdb"
    rc = main(["ingest", str(d), "--db", str(db), "--extractor", EXTRACTOR, "--quiet", "--published", "2020-01-16"])
    err = capsys.readouterr().err
    assert rc == 0
    assert "1 stored" in err and "4 rejected" in err
    with Store(db, read_only=True) as st:
        rej = {Path(r["where"]).name: r["reason"] for r in st.rejects()}
        assert set(rej) == {"image.png", "empty.txt", "blank.txt", "latin1.txt"}
        assert "binary" in rej["image.png"] and "empty" in rej["empty.txt"]
        assert st.get_document("good.txt").events[0].location.name_ar == "كفرنبل"


def test_huge_jsonl_line_is_rejected_not_loaded(tmp_path):
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as f:
        f.write(json.dumps({"doc_id": "before", "published": "2020-01-16",
                            "text": "قصف الجيش بلدة حرض بالمدفعية."}, ensure_ascii=False) + "\n")
        f.write('{"doc_id": "huge", "text": "')
        chunk = "ا" * (1 << 20)
        for _ in range(50):  # 50 Mi characters = 100 MB of UTF-8
            f.write(chunk)
        f.write('"}\n')
        f.write(json.dumps({"doc_id": "after", "published": "2020-01-16",
                            "text": "قصف الجيش مدينة ترهونة بالصواريخ."}, ensure_ascii=False) + "\n")
        f.write("{not json\n")
    assert big.stat().st_size > 100_000_000
    items = list(iter_items([big]))
    assert [i.reject is None for i in items] == [True, False, True, False]
    assert "longer than the limit" in items[1].reject and "not valid JSON" in items[3].reject
    with Store(tmp_path / "s.duckdb") as st:
        stats = ingest(st, [big], Extractor(plugin=EXTRACTOR))
        assert (stats.stored, stats.rejected) == (2, 2)
        assert {r["where"].rsplit(":", 1)[1] for r in st.rejects()} == {"2", "4"}


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire</title>
<item><title>قصف على حرض</title><link>https://example.org/1</link><guid>n1</guid>
<pubDate>Wed, 15 Jan 2020 10:00:00 GMT</pubDate>
<description><![CDATA[<p>قصف الجيش بلدة حرض في محافظة حجة بالمدفعية الثقيلة.</p>]]></description></item>
<item><title>سيطرة على ترهونة</title><link>https://example.org/2</link><guid>n2</guid>
<pubDate>Thu, 16 Jan 2020 10:00:00 GMT</pubDate>
<description>سيطر الجيش على مدينة ترهونة جنوب شرقي طرابلس.</description></item>
<item><title>خبر ثالث</title><link>https://example.org/3</link><guid>n3</guid>
<description>سيطر الجيش على تلعف"""


def test_truncated_feed_keeps_the_entries_before(tmp_path, capsys):
    f = tmp_path / "wire.rss"
    f.write_text(FEED, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rc = main(["ingest", str(f), "--db", str(db), "--extractor", EXTRACTOR, "--quiet"])
    assert rc == 0
    err = capsys.readouterr().err
    with Store(db, read_only=True) as st:
        docs = st.con.execute("SELECT doc_id, outlet, published FROM documents ORDER BY seq").fetchall()
        assert [d[0] for d in docs][:2] == ["n1", "n2"] and docs[0][1] == "Test Wire"
        assert str(docs[0][2]) == "2020-01-15"
        assert any("truncated" in r["reason"] for r in st.rejects())
        assert st.count_events() >= 2
    assert "rejected" in err


def test_not_a_database(tmp_path, capsys):
    db = tmp_path / "notes.txt"
    db.write_text("my notes\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("سيطر الجيش على كفرنبل.", encoding="utf-8")
    rc = main(["ingest", str(art), "--db", str(db), "--extractor", EXTRACTOR, "--quiet"])
    err = capsys.readouterr().err
    assert rc == 2 and "not a DuckDB database" in err and len(err.strip().splitlines()) == 1
    assert db.read_text(encoding="utf-8") == "my notes\n"


def test_real_pipeline_ingest(tmp_path):
    """The default extractor (the real pipeline) stores every document, whatever it finds."""
    d = tmp_path / "in"
    d.mkdir()
    for f in sorted(ARTICLES.glob("*.txt"))[:3]:
        (d / f.name).write_bytes(f.read_bytes())
    with Store(tmp_path / "s.duckdb") as st:
        stats = ingest(st, [d], Extractor())
        assert stats.stored == 3 and stats.rejected == 0
        assert st.get_document(sorted(d.iterdir())[0].name).text.strip()
