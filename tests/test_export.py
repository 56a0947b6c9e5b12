"""Exports (ACLED CSV, PLOVER JSONL, GeoJSON, Parquet, JSONL), ``rasd events`` and ``rasd reextract``."""
from __future__ import annotations

import io
import json

import pytest

from rasd.cli import main
from rasd.export import ACLED_COLUMNS, export
from rasd.store import EventFilter, Store

from test_store import TEXT_A, TEXT_B, TEXT_C, make_doc, make_event

TEXT_D = "اختطف مسلحون مجهولون ثلاثة مدنيين قرب مدينة ترهونة جنوب شرقي طرابلس، وفق مصادر أمنية."


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as st:
        st.add_documents([
            make_doc("a", TEXT_A, outlet="SANA", events=[make_event(1, date="2020-01-15")]),
            make_doc("b", TEXT_B, outlet="Enab Baladi", events=[make_event(1, date="2020-01-15", coords=False)]),
            make_doc("c", TEXT_C, outlet="Rudaw", published="2020-02-02", events=[
                make_event(1, type="Explosions/Remote violence", sub="Shelling/artillery/missile attack", place="تلعفر",
                           date="2020-02-01", actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)",
                           fatalities=3),
                make_event(2, place="تلعفر", date="2020-02-01", modality="future")]),
            make_doc("d", TEXT_D, outlet="Libya Observer", published="2020-03-05", events=[
                make_event(1, type="Violence against civilians", sub="Abduction/forced disappearance", place="ترهونة",
                           date=None, actor1="Unidentified Armed Group (Libya)", actor2="Civilians (Libya)",
                           modality="claimed")]),
        ])
    return path


def test_acled_csv_columns_and_derived_fields(db):
    import pandas as pd

    with Store(db, read_only=True) as st:
        buf = io.StringIO()
        n = export(st, "acled-csv", buf)
    df = pd.read_csv(io.StringIO(buf.getvalue()), keep_default_na=False)
    assert list(df.columns) == ACLED_COLUMNS and len(df) == n == 3  # a+b merged, the future event left out
    kafr = df[df.location == "Kafr Nabl"].iloc[0]
    assert kafr.source == "Enab Baladi; SANA" and kafr.disorder_type == "Political violence"
    assert kafr.event_id_cnty.startswith("SYR") and kafr.region == "Middle East" and kafr.iso == 760
    assert kafr.interaction == 12 and kafr.civilian_targeting == ""
    tal = df[df.location == "Tal Afar"].iloc[0]
    assert tal.civilian_targeting == "Civilian targeting" and tal.fatalities == 3 and tal.event_id_cnty.startswith("IRQ")
    assert tal.interaction == 37 and tal.notes.strip().endswith(".")
    lib = df[df.country == "Libya"].iloc[0]
    assert lib.region == "Northern Africa" and lib.event_date == "2020-03-05" and "claimed" in lib.tags
    assert df.event_id_cnty.is_unique
    # stable: a second export gives the same ids
    with Store(db, read_only=True) as st:
        buf2 = io.StringIO()
        export(st, "acled-csv", buf2)
    assert buf2.getvalue().splitlines()[1:] == buf.getvalue().splitlines()[1:]


def test_geojson_is_valid(db):
    from shapely.geometry import shape

    with Store(db, read_only=True) as st:
        buf = io.StringIO()
        export(st, "geojson", buf)
    gj = json.loads(buf.getvalue())
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 3
    for f in gj["features"]:
        assert f["type"] == "Feature" and "crs" not in f
        geom = shape(f["geometry"])
        assert geom.geom_type == "Point" and geom.is_valid
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert lat == f["properties"]["latitude"] and lon == f["properties"]["longitude"]


def test_parquet_partitioned_by_month_reads_back(db, tmp_path):
    import duckdb
    import pyarrow.dataset as ds

    out = tmp_path / "pq"
    with Store(db, read_only=True) as st:
        n = export(st, "parquet", out)
    assert n == 4  # every asserted/claimed report
    assert sorted(p.name for p in out.iterdir()) == ["month=2020-01", "month=2020-02", "month=unknown"]
    t = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert t.num_rows == 4 and set(t.column("outlet").to_pylist()) == {"SANA", "Enab Baladi", "Rudaw", "Libya Observer"}
    con = duckdb.connect()
    rows = con.execute(f"SELECT month, count(*) FROM read_parquet('{out}/**/*.parquet', hive_partitioning=true) "
                       "GROUP BY 1 ORDER BY 1").fetchall()
    assert rows == [("2020-01", 2), ("2020-02", 1), ("unknown", 1)]


def test_plover_and_jsonl(db):
    with Store(db, read_only=True) as st:
        pb, jb = io.StringIO(), io.StringIO()
        export(st, "plover-jsonl", pb, EventFilter(admin1="Idlib"))
        export(st, "jsonl", jb)
    pl = [json.loads(x) for x in pb.getvalue().splitlines()]
    assert len(pl) == 1 and pl[0]["mode"] == "firearms" and pl[0]["country"] == "SYR" and pl[0]["corroboration"] == 2
    rows = [json.loads(x) for x in jb.getvalue().splitlines()]
    assert len(rows) == 4 and all({"doc_id", "outlet", "published", "cluster_id"} <= r.keys() for r in rows)
    assert all(r["modality"] in ("asserted", "claimed") for r in rows)


def test_cli_events_and_export(db, tmp_path, capsys):
    assert main(["events", "--db", str(db), "--jsonl", "--type", "Battles"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {r["doc_id"] for r in rows} == {"a", "b"}
    assert main(["events", "--db", str(db), "--near", "36.38,42.45,5", "--jsonl"]) == 0
    assert [json.loads(x)["doc_id"] for x in capsys.readouterr().out.splitlines()] == ["c"]
    assert main(["events", "--db", str(db)]) == 0
    assert "Kafr Nabl" in capsys.readouterr().out
    out = tmp_path / "e.csv"
    assert main(["export", "--db", str(db), "--format", "acled-csv", "-o", str(out), "--since", "2020-02-01"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert main(["export", "--db", str(db), "--format", "parquet"]) == 2
    assert "-o DIR" in capsys.readouterr().err
    assert main(["events", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "no store" in capsys.readouterr().err


def test_reextract_only_stale(tmp_path, capsys):
    from rasd.store.loader import Extractor
    from rasd.store.reextract import reextract

    db = tmp_path / "r.duckdb"
    new = {"rasd": "9.9", "kb": "k", "gazetteer": "g"}
    with Store(db) as st:
        st.add_documents([make_doc("a", TEXT_A, events=[make_event(1)]),
                          make_doc("fresh", TEXT_C, events=[], provenance=new)])
        n, _ = reextract(st, Extractor(plugin="test_ingest:fake_extract"), new, dry_run=True)
        assert n == 1
        n, events = reextract(st, Extractor(plugin="test_ingest:fake_extract"), new)
        assert n == 1
        doc = st.get_document("a")
        # fake_extract finds the capture of Kafr Nabl again, and the record now carries its provenance
        assert doc.provenance.kb == "fake" and [e.location.name_ar for e in doc.events] == ["كفرنبل"]
        assert st.count_events() == events == 1 and st.counts()["clusters"] == 1
        n, _ = reextract(st, Extractor(plugin="test_ingest:fake_extract"), new, force=True)
        assert n == 2
