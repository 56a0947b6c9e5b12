"""The DuckDB store: idempotent ingest, queries, clusters, rejects, bad database files."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from rasd.models import Document
from rasd.pipeline import content_hash
from rasd.store import EventFilter, Store, StoreError

# ----------------------------------------------------------------- builders
# Shared by the other corpus tests (imported as ``from test_store import make_doc``).

VILLAGES = {  # Arabic name -> (English, admin1, lat, lon, country code)
    "كفرنبل": ("Kafr Nabl", "Idlib", 35.6139, 36.5611, "SY"),
    "معرة النعمان": ("Maarat al-Numan", "Idlib", 35.6481, 36.6722, "SY"),
    "تلعفر": ("Tal Afar", "Ninewa", 36.3792, 42.4485, "IQ"),
    "حرض": ("Harad", "Hajjah", 16.4307, 43.0616, "YE"),
    "ترهونة": ("Tarhuna", "Murqub", 32.4350, 13.6332, "LY"),
}
ACTORS = {
    "actor:saa": ("Military Forces of Syria", 1),
    "actor:hts": ("Hayat Tahrir al-Sham", 2),
    "actor:isis": ("Islamic State (Syria)", 2),
    "actor:houthis": ("Ansar Allah", 2),
    "actor:lna": ("Libyan National Army", 1),
}


def make_event(i: int, *, type="Battles", sub="Government regains territory", date="2020-01-15",
               place="كفرنبل", coords=True, actor1="actor:saa", actor2="actor:hts", modality="asserted",
               fatalities=None, start=0, end=10, confidence=0.8) -> dict:
    en, admin1, lat, lon, cc = VILLAGES.get(place, (None, None, None, None, None))
    country = {"SY": ("Syria", 760), "IQ": ("Iraq", 368), "YE": ("Yemen", 887), "LY": ("Libya", 434)}.get(cc, (None, None))

    def actor(ref):
        if ref is None:
            return None
        if ref.startswith("actor:"):
            return {"ref": ref, "name": ACTORS[ref][0], "inter": ACTORS[ref][1]}
        return {"ref": None, "name": ref, "inter": 7 if ref.startswith("Civilians") else 3}

    return {
        "id": f"ev-{i}", "event_type": type, "sub_event_type": sub, "event_date": date,
        "time_precision": 1 if date else None, "actor1": actor(actor1), "actor2": actor(actor2),
        "location": {"name": en, "name_ar": place, "country": country[0], "iso": country[1], "country_code": cc,
                     "admin1": admin1, "latitude": lat if coords else None, "longitude": lon if coords else None,
                     "geo_precision": 1},
        "fatalities": fatalities, "modality": modality, "evidence": {"start": start, "end": end},
        "confidence": confidence,
    }


def make_doc(doc_id: str, text: str, *, outlet="Outlet A", published="2020-01-16", events=(), relations=(),
             entities=(), provenance=None) -> Document:
    return Document.model_validate({
        "doc_id": doc_id, "content_hash": content_hash(text), "text": text, "language": "ar",
        "source": {"outlet": outlet, "published": published},
        "entities": list(entities), "events": list(events), "relations": list(relations),
        "provenance": provenance or {"rasd": "0.1.0", "kb": "kb1", "gazetteer": "gz1"},
    })


def relation(src: str, dst: str, type="front_for") -> dict:
    return {"type": type, "source": {"ref": src, "name": ACTORS[src][0]}, "target": {"ref": dst, "name": ACTORS[dst][0]},
            "evidence": {"start": 0, "end": 5}}


TEXT_A = "سيطر الجيش السوري على بلدة كفرنبل في ريف إدلب الجنوبي بعد معارك عنيفة مع هيئة تحرير الشام."
TEXT_B = "أعلنت وزارة الدفاع أن وحدات الجيش استعادت السيطرة على مدينة كفرنبل جنوبي إدلب صباح الأربعاء."
TEXT_C = "قتل ثلاثة مدنيين بقصف مدفعي استهدف مدينة تلعفر غربي الموصل، بحسب مصادر محلية."


@pytest.fixture
def store(tmp_path):
    st = Store(tmp_path / "t.duckdb")
    yield st
    st.close()


# -------------------------------------------------------------------- tests

def test_add_is_idempotent_and_counts(store):
    docs = [make_doc("a", TEXT_A, events=[make_event(1)]), make_doc("c", TEXT_C, events=[
        make_event(1, type="Explosions/Remote violence", sub="Shelling/artillery/missile attack", place="تلعفر",
                   actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)", fatalities=3)])]
    s = store.add_documents(docs)
    assert (s.stored, s.duplicates, s.events) == (2, 0, 2)
    s2 = store.add_documents(docs + [docs[0]])
    assert (s2.stored, s2.duplicates) == (0, 3)
    assert store.counts()["documents"] == 2 and store.counts()["events"] == 2


def test_duplicate_within_one_batch(store):
    d = make_doc("a", TEXT_A, events=[make_event(1)])
    s = store.add_documents([d, make_doc("a-copy", TEXT_A.replace("إدلب", "ادلب"), events=[make_event(1)])])
    # hamza spelling does not change the normalised text → same content_hash
    assert s.stored == 1 and s.duplicates == 1


def test_get_document_round_trip(store):
    d = make_doc("a", TEXT_A, events=[make_event(1)], relations=[relation("actor:hts", "actor:isis")])
    store.add_documents([d])
    back = store.get_document("a")
    assert back == d
    assert store.get_document(d.content_hash) == d
    assert store.get_document("missing") is None


def test_query_filters(store):
    store.add_documents([
        make_doc("a", TEXT_A, outlet="SANA", events=[make_event(1)]),
        make_doc("c", TEXT_C, outlet="Rudaw", published="2021-03-02", events=[
            make_event(1, type="Explosions/Remote violence", sub="Shelling/artillery/missile attack", place="تلعفر",
                       date="2021-03-01", actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)"),
            make_event(2, place="تلعفر", date="2021-03-01", modality="negated")]),
    ])
    assert store.count_events(EventFilter()) == 2  # the negated event is not counted by default
    assert store.count_events(EventFilter(modalities=None)) == 3
    assert [r["doc_id"] for r in store.query_events(EventFilter(type="battles"))] == ["a"]
    assert store.count_events(EventFilter(type="Shelling/artillery/missile attack")) == 1
    assert store.count_events(EventFilter(since="2021-01-01")) == 1
    assert store.count_events(EventFilter(until="2020-12-31")) == 1
    assert store.count_events(EventFilter(admin1="idlib")) == 1
    assert store.count_events(EventFilter(outlet="rudaw")) == 1
    assert store.count_events(EventFilter(actor="actor:hts")) == 1
    assert store.count_events(EventFilter(actor="Civilians")) == 1
    # Kafr Nabl is ~10.7 km from Maarat al-Numan and ~640 km from Tal Afar
    assert store.count_events(EventFilter(near=(35.6481, 36.6722, 12))) == 1
    assert store.count_events(EventFilter(near=(35.6481, 36.6722, 9))) == 0
    row = store.query_events(EventFilter(outlet="SANA"))[0]
    assert row["doc_id"] == "a" and row["outlet"] == "SANA" and row["published"] == "2020-01-16"
    assert row["cluster_id"].startswith("cl-") and row["event_type"] == "Battles"
    assert len(store.query_events(EventFilter(), limit=1)) == 1
    assert len(store.query_events(EventFilter(), limit=10, offset=1)) == 1


def test_two_outlets_one_cluster(store):
    store.add_documents([make_doc("a", TEXT_A, outlet="SANA", events=[make_event(1, date="2020-01-15")])])
    store.add_documents([make_doc("b", TEXT_B, outlet="Enab Baladi", published="2020-01-15",
                                  events=[make_event(1, date="2020-01-15", coords=False)])])
    rows = store.query_events(EventFilter())
    assert len({r["cluster_id"] for r in rows}) == 1
    cl = store.get_cluster(rows[0]["cluster_id"])
    assert cl["corroboration"] == 2 and cl["sources"] == ["Enab Baladi", "SANA"]
    assert len(cl["members"]) == 2 and cl["representative"]["doc_id"] == "a"  # the geocoded report
    assert store.get_cluster("cl-nope") is None


def test_actor_summary_and_outlets(store):
    store.add_documents([
        make_doc("a", TEXT_A, outlet="SANA", events=[make_event(1)], relations=[relation("actor:hts", "actor:isis")]),
        make_doc("c", TEXT_C, outlet="SANA", published="2020-02-10", events=[make_event(1, date="2020-02-09", place="تلعفر")],
                 relations=[relation("actor:saa", "actor:hts", "supports")]),
    ])
    s = store.actor_summary("actor:hts")
    assert s["by_type"] == {"Battles": 2} and s["by_month"] == {"2020-01": 1, "2020-02": 1}
    assert [r["ref"] for r in s["relations"]["outgoing"]] == ["actor:isis"]
    assert [(r["type"], r["ref"]) for r in s["relations"]["incoming"]] == [("supports", "actor:saa")]
    assert store.outlets() == [{"outlet": "SANA", "documents": 2, "events": 2}]


def test_rejects_are_recorded_once(store):
    sha = hashlib.sha256(b"\x00\x01").hexdigest()
    assert store.add_reject("binary file", sha, "x/bin.dat")
    assert not store.add_reject("binary file", sha, "x/bin.dat")
    assert store.rejects()[0]["where"] == "x/bin.dat"


def test_schema_version_and_reopen(tmp_path):
    p = tmp_path / "s.duckdb"
    with Store(p) as st:
        st.add_documents([make_doc("a", TEXT_A, events=[make_event(1)])])
        assert st.schema_version() >= 1
    with Store(p, read_only=True) as st:
        assert st.counts()["events"] == 1


def test_not_a_duckdb_file(tmp_path):
    p = tmp_path / "notes.duckdb"
    p.write_text("this is a text file, not a database\n" * 100)
    before = p.read_bytes()
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store(p)
    assert p.read_bytes() == before  # nothing lost


def test_other_duckdb_database(tmp_path):
    import duckdb

    p = tmp_path / "other.duckdb"
    con = duckdb.connect(str(p))
    con.execute("CREATE TABLE x (a INT)")
    con.close()
    with pytest.raises(StoreError, match="not a rasd store"):
        Store(p)


def test_read_only_missing(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_replace_documents_reclusters(store):
    a = make_doc("a", TEXT_A, outlet="SANA", events=[make_event(1)])
    b = make_doc("b", TEXT_B, outlet="Enab Baladi", events=[make_event(1)])
    store.add_documents([a, b])
    assert store.counts()["clusters"] == 1
    # re-extraction moves b's event to another town: the cluster splits
    b2 = make_doc("b", TEXT_B, outlet="Enab Baladi", events=[make_event(1, place="تلعفر")],
                  provenance={"rasd": "0.1.0", "kb": "kb2", "gazetteer": "gz1"})
    assert store.replace_documents([b2]) == 1
    assert store.counts()["clusters"] == 2
    assert json.loads(json.dumps(store.get_document("b").provenance.model_dump()))["kb"] == "kb2"
    ids_before = sorted(r["cluster_id"] for r in store.query_events())
    store.recluster()
    assert sorted(r["cluster_id"] for r in store.query_events()) == ids_before
